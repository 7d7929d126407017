"""`check` guards the nynorsk edition against its bokmål base: each rule can fail."""

from __future__ import annotations

from kunnskapsgrunnlag.build import check, registry_for
from kunnskapsgrunnlag.render.theme import load_theme


def problems_of(tree) -> list[str]:
    project = tree.project
    found = check(project, registry_for(project), load_theme(project.theme_file))
    return [str(p) for p in found if p.severity == "error"]


def nynorsk(tree, poeng: str = "bullets:\n  - Først\n  - text: Så\n    sub: [ein detalj]\n") -> None:
    tree.write("slides/00/forside.nn.yaml", "title: Framsida\nsubtitle: Eit kunnskapsgrunnlag\n")
    tree.write("slides/00/poeng.nn.yaml", "title: Tre poeng\n" + poeng)
    tree.write("speaker_notes/00/forside.nn.md", "Dette er **framsida**.\n")
    tree.write("speaker_notes/00/poeng.nn.md", "Snakk om poenga.\n")
    tree.write("slides/sections.nn.yaml", "sections:\n  - title: Innleiing\n")
    tree.write("templates/blank-slide-notes.nn.md", "Ditt eige lysbilete.\n")
    tree.write("templates/notesdoc-blank-slide.nn.md", "Ditt eige lysbilete.\n")


def test_a_complete_pair_passes(tree):
    nynorsk(tree)
    assert problems_of(tree) == []


def test_a_missing_overlay_or_note_is_an_error_unless_pending(tree):
    nynorsk(tree)
    (tree.root / "slides/00/poeng.nn.yaml").unlink()
    (tree.root / "speaker_notes/00/forside.nn.md").unlink()
    found = problems_of(tree)
    assert any("slides/00/poeng.yaml:1: manglar nynorsk: forventa slides/00/poeng.nn.yaml" in p for p in found)
    assert any("speaker_notes/00/forside.md:1: manglar nynorsk" in p for p in found)
    tree.write("translations/pending-nn.txt", "# waiting\nslides/00/poeng.yaml\nspeaker_notes/00/forside.md\n")
    assert problems_of(tree) == []


def test_a_pending_file_that_exists_must_leave_the_list(tree):
    nynorsk(tree)
    tree.write("translations/pending-nn.txt", "slides/00/poeng.yaml\n")
    assert any("står som uomsett" in p for p in problems_of(tree))


def test_structure_in_an_overlay_is_an_error(tree):
    nynorsk(tree)
    tree.write("slides/00/forside.nn.yaml", "title: Framsida\nsubtitle: Eit kunnskapsgrunnlag\nlayout: bullets\n")
    assert any("layout: strukturfelt" in p for p in problems_of(tree))


def test_a_list_of_another_length_or_a_missing_field_is_an_error(tree):
    nynorsk(tree, poeng="bullets:\n  - Først\n")
    assert any("forventa ei liste med 2 element" in p for p in problems_of(tree))
    nynorsk(tree, poeng="bullets:\n  - Først\n  - text: Så\n")
    assert any("bullets[1].sub: manglar nynorsk tekst" in p for p in problems_of(tree))


def test_figures_and_quotations_must_match(tree):
    nynorsk(tree)
    quote = "«Oppvekst foregår i et veikryss»"
    tree.write("speaker_notes/00/poeng.md", f"I 2019 var det 86 000 unge (Hansen mfl. 2019). {quote}\n")
    tree.write("speaker_notes/00/poeng.nn.md", f"I 2018 var det 86 000 unge (Hansen mfl. 2019). {quote}\n")
    found = problems_of(tree)
    assert any("speaker_notes/00/poeng.nn.md:1: tal er ikkje dei same" in p and "2018" in p for p in found)
    tree.write(
        "speaker_notes/00/poeng.nn.md",
        "I 2019 var det 86 000 unge (Hansen mfl. 2019). «Oppvekst går føre seg i eit vegkryss»\n",
    )
    assert any("sitatet «Oppvekst foregår i et veikryss» må stå ordrett" in p for p in problems_of(tree))
    tree.write("speaker_notes/00/poeng.nn.md", f"I 2019 var det 86 000 unge (Hansen 2019). {quote}\n")
    assert problems_of(tree) == []  # "mfl." may go; name and year stay
    tree.write("speaker_notes/00/poeng.nn.md", f"I 2019 var det 86 000 unge (Jensen 2019). {quote}\n")
    assert any("kjelder er ikkje dei same" in p for p in problems_of(tree))


def test_block_quotes_stay_verbatim(tree):
    nynorsk(tree)
    tree.write("speaker_notes/00/poeng.md", "Han skreiv:\n\n> Barn trenger hjelp tidlig.\n")
    tree.write("speaker_notes/00/poeng.nn.md", "Han skreiv:\n\n> Barn treng hjelp tidleg.\n")
    assert any("sitatet > Barn trenger hjelp tidlig. må stå ordrett" in p for p in problems_of(tree))


def test_terms_and_references_to_own_titles_are_translated(tree):
    """A short «…» is a term or scare quote, and a «…» naming a slide title refers to translated text."""
    nynorsk(tree)
    title = (tree.root / "slides/00/poeng.yaml").read_text().split("title:", 1)[1].splitlines()[0].strip()
    tree.write("speaker_notes/00/poeng.md", f"Barn som blir kalt «utsatte» står i «{title}» (2019).\n")
    tree.write("speaker_notes/00/poeng.nn.md", "Barn som blir kalla *utsette* står i biletet før (2019).\n")
    assert problems_of(tree) == []


def test_a_nynorsk_template_error_names_the_nynorsk_file(tree):
    nynorsk(tree)
    tree.write("speaker_notes/00/poeng.nn.md", "Snakk om {{ kommune.namn }}.\n")
    assert any(p.startswith("speaker_notes/00/poeng.nn.md:1:") for p in problems_of(tree))


def test_indicator_labels_missing_warn_and_unknown_ids_fail(tree):
    nynorsk(tree)
    path = tree.root / "data/statistikk/indikatorer.nn.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("\nneet:\n")
    end = text.index("\nneet_antall:\n")
    path.write_text(text[:start] + text[end:] + "ukjend:\n  label: Ukjend\n", encoding="utf-8")
    project = tree.project
    found = check(project, registry_for(project), load_theme(project.theme_file))
    assert any(p.severity == "warning" and "neet: manglar nynorsk tekst" in p.message for p in found)
    assert any(p.severity == "error" and "ukjend: indikatoren finst ikkje" in p.message for p in found)


def test_overflow_is_measured_for_nynorsk_and_names_the_overlay(tree):
    long_title = " ".join(["Samordningsutfordringane"] * 14)
    nynorsk(tree, poeng="bullets:\n  - Først\n  - text: Så\n    sub: [ein detalj]\n")
    tree.write(
        "slides/00/poeng.nn.yaml", f"title: {long_title}\nbullets:\n  - Først\n  - text: Så\n    sub: [ein detalj]\n"
    )
    project = tree.project
    found = check(project, registry_for(project), load_theme(project.theme_file))
    overflow = [p for p in found if p.severity == "warning" and "får ikke plass" in p.message]
    assert [p.path for p in overflow] == ["slides/00/poeng.nn.yaml"]
    assert overflow[0].line == 1


def test_a_broken_overlay_is_reported_with_its_place(tree):
    nynorsk(tree)
    tree.write("slides/00/poeng.nn.yaml", "title: [Tre poeng\n")
    found = problems_of(tree)
    assert any(p.startswith("slides/00/poeng.nn.yaml:") and "YAML-feil" in p for p in found)
    tree.write("slides/00/poeng.nn.yaml", "- Tre poeng\n")
    assert any(p.startswith("slides/00/poeng.nn.yaml:1: forventa eit oppslag") for p in problems_of(tree))
    tree.write("slides/00/ukjend.nn.yaml", "title: Ukjend\n")
    assert any("slides/00/ukjend.nn.yaml:1: fann ikkje grunnfila slides/00/ukjend.yaml" in p for p in problems_of(tree))
