"""Every content error `check` reports, each with its file, line and plain message."""

from __future__ import annotations

from kunnskapsgrunnlag.build import check, load_catalogue, registry_for
from kunnskapsgrunnlag.render.theme import load_theme


def problems_of(tree) -> list[str]:
    project = tree.project
    return [str(p) for p in check(project, registry_for(project), load_theme(project.theme_file))]


def errors_of(tree) -> list[str]:
    return [p for p in problems_of(tree) if "advarsel" not in p]


def test_valid_tree_has_no_problems(tree):
    assert problems_of(tree) == []


def test_yaml_syntax_error_names_line_and_column(tree):
    tree.write("slides/00/poeng.yaml", "id: poeng\ntitle: Tre poenger\nlayout: bullets\nbullets:\n  - [ikke lukket\n")
    [error] = [e for e in errors_of(tree) if "YAML" in e]
    assert error.startswith("slides/00/poeng.yaml:6: YAML-feil, kolonne 1:")


def test_unknown_field_lists_allowed_fields(tree):
    tree.write("slides/00/poeng.yaml", "id: poeng\ntitle: Tre poenger\nlayout: bullets\nbulets: [a]\nbullets: [a]\n")
    assert (
        "slides/00/poeng.yaml:4: bulets: ukjent felt for layout 'bullets'; mente du 'bullets'? "
        "(tillatte felt: id, title, layout, hide_title, sources, reviewed, intro, bullets)"
    ) in errors_of(tree)


def test_unknown_layout_names_the_choices(tree):
    tree.write("slides/00/poeng.yaml", "id: poeng\ntitle: Tre poenger\nlayout: bulets\nbullets: [a]\n")
    [error] = errors_of(tree)
    assert error.startswith("slides/00/poeng.yaml:3: layout: forventet en av (title, section, toc, bullets,")
    assert error.endswith("fikk 'bulets'; mente du 'bullets'?")


def test_missing_required_field(tree):
    tree.write("slides/00/poeng.yaml", "id: poeng\ntitle: Tre poenger\nlayout: quote\nquote: Sitatet\n")
    assert errors_of(tree) == ["slides/00/poeng.yaml:1: mangler det påkrevde feltet 'attribution' for layout 'quote'"]


def test_slide_without_notes(tree):
    (tree.root / "speaker_notes/00/poeng.md").unlink()
    assert errors_of(tree) == ["slides/00/poeng.yaml:1: mangler talenotater: forventet speaker_notes/…/poeng.md"]


def test_notes_without_slide(tree):
    tree.write("speaker_notes/00/poenget.md", "Foreldreløse notater.\n")
    assert errors_of(tree) == [
        "speaker_notes/00/poenget.md:1: talenotater uten lysbilde: fant ingen slides/**/poenget.yaml; mente du 'poeng'?"
    ]


def test_citation_of_unknown_source(tree):
    tree.write("slides/00/forside.yaml", "id: forside\ntitle: Forsiden\nlayout: title\nsources: [fafo-2091]\n")
    errors = errors_of(tree)
    assert "slides/00/forside.yaml:4: sources: ukjent kilde 'fafo-2091'; mente du 'fafo-2019'?" in errors
    assert "bibliography/kilder.yaml:1: fafo-2019: kilden brukes ikke av noe lysbilde" in errors


def test_undefined_template_name_points_into_the_field(tree):
    tree.write(
        "slides/00/forside.yaml",
        "id: forside\ntitle: Forsiden\nlayout: title\nsubtitle: For {{ kommune.navnet }}\nsources: [fafo-2019]\n",
    )
    [error] = errors_of(tree)
    assert error.startswith("slides/00/forside.yaml:4: subtitle: udefinert navn i malen:")
    assert "has no attribute 'navnet'" in error


def test_undefined_template_name_in_notes_names_the_notes_line(tree):
    tree.write("speaker_notes/00/poeng.md", "Første linje.\n\nHer er {{ komune.navn }}.\n")
    [error] = errors_of(tree)
    assert error.startswith("speaker_notes/00/poeng.md:3: udefinert navn i malen: 'komune' is undefined")


def test_duplicate_ids(tree):
    tree.write("slides/01/poeng.yaml", "id: poeng\ntitle: Igjen\nlayout: bullets\nbullets: [a]\n")
    errors = errors_of(tree)
    assert "slides/01/poeng.yaml:1: id: 'poeng' brukes også i slides/00/poeng.yaml:1" in errors


def test_id_must_match_file_name(tree):
    tree.write("slides/00/poeng.yaml", "id: poenget\ntitle: Tre poenger\nlayout: bullets\nbullets: [a]\n")
    assert "slides/00/poeng.yaml:1: id: må være lik filnavnet 'poeng', fikk 'poenget'" in errors_of(tree)


def test_colon_in_bullet_gets_a_hint(tree):
    tree.write(
        "slides/00/poeng.yaml",
        "id: poeng\ntitle: Tre poenger\nlayout: bullets\nbullets:\n  - Barnehage i 2017: 91 prosent\n",
    )
    assert errors_of(tree) == [
        "slides/00/poeng.yaml:5: bullets[0]: punktet inneholder «: » og ble lest som et oppslag; "
        "sett hele punktet i anførselstegn"
    ]


def test_slide_missing_from_sections(tree):
    tree.write("slides/00/ekstra.yaml", "id: ekstra\ntitle: Ekstra\nlayout: bullets\nbullets: [a]\n")
    tree.write("speaker_notes/00/ekstra.md", "Notater.\n")
    assert errors_of(tree) == ["slides/00/ekstra.yaml:1: lysbildet står ikke i noen seksjon i slides/sections.yaml"]


def test_every_problem_is_reported_at_once(tree):
    tree.write("slides/00/poeng.yaml", "id: poeng\ntitle: Tre poenger\nlayout: pie\n")
    tree.write("speaker_notes/00/annet.md", "x\n")
    tree.write("bibliography/mer.yaml", "fafo-2019:\n  authors: A\n  year: '1'\n  title: T\n")
    assert len(errors_of(tree)) == 3


def test_text_that_overflows_is_a_warning(tree):
    long_items = "\n".join(f"  - {'Et langt punkt med mange ord som fyller linjen ' * 3}" for _ in range(8))
    tree.write("slides/00/poeng.yaml", f"id: poeng\ntitle: Tre poenger\nlayout: bullets\nbullets:\n{long_items}\n")
    [warning] = problems_of(tree)
    assert warning.startswith("slides/00/poeng.yaml:4: advarsel: bullets: teksten får ikke plass i boksen")


def test_real_content_is_valid(project):
    _, problems = load_catalogue(project)
    assert [str(p) for p in problems if p.severity == "error"] == []
