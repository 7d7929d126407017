"""Issue 14: every deck in the municipality's own written form (bokmål or nynorsk)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json

import pytest
from click.testing import CliRunner
from docx import Document
from pptx import Presentation

from kunnskapsgrunnlag.batch import BatchOptions, deck_key, run_batch
from kunnskapsgrunnlag.build import check, load_catalogue, registry_for
from kunnskapsgrunnlag.cli import main
from kunnskapsgrunnlag.malform import Malform, choose_malform, office_majority, parse_malform
from kunnskapsgrunnlag.messages import MESSAGES
from kunnskapsgrunnlag.model import Recipe, RecipeItem
from kunnskapsgrunnlag.render.notesdoc import NotesDocOptions, render_notes_docx
from kunnskapsgrunnlag.render.theme import load_theme

from .companion_helpers import fake_png

NYNORSK_NOTE = "Biletet fortel kvar presentasjonen kjem frå"
BOKMAL_NOTE = "Bildet forteller hvor presentasjonen kommer fra"


@pytest.fixture(scope="module")
def registry(project):
    return registry_for(project)


@pytest.mark.parametrize(
    ("nummer", "expected"),
    [
        ("4640", Malform.NYNORSK),  # Sogndal: Nynorsk
        ("4602", Malform.NYNORSK),  # Kinn: Nynorsk
        ("4036", Malform.NYNORSK),  # Vinje: Nynorsk, in Vestfold og Telemark
        ("4601", Malform.NYNORSK),  # Bergen: Nøytral, in Vestland (41 of 43 nynorsk)
        ("4003", Malform.BOKMAL),  # Skien: Nøytral, in Vestfold og Telemark (no majority)
    ],
)
def test_the_form_is_the_municipality_s_own_or_its_office_s_majority(registry, nummer, expected):
    assert choose_malform(registry.kommune(nummer), registry) is expected


def test_the_office_majority_is_computed_from_the_registry(registry):
    by_office = {o.kortnavn: office_majority(registry.kommuner_for_office(o)) for o in registry.offices}
    assert by_office["vestland"] is Malform.NYNORSK
    assert by_office["more-og-romsdal"] is Malform.NYNORSK  # 15 of 27: more than half
    assert by_office["vestfold-og-telemark"] is Malform.BOKMAL
    # Not hard-coded: the same office with one nynorsk municipality fewer than half turns bokmål.
    mr = next(o for o in registry.offices if o.kortnavn == "more-og-romsdal")
    kommuner = registry.kommuner_for_office(mr)
    nynorsk = [k for k in kommuner if k.malform == "Nynorsk"]
    flipped = [dataclasses.replace(k, malform="Nøytral") if k in nynorsk[:2] else k for k in kommuner]
    assert office_majority(flipped) is Malform.BOKMAL  # 13 of 27


def test_the_national_deck_is_bokmal_and_names_parse(registry):
    assert choose_malform(None, registry) is Malform.BOKMAL
    assert parse_malform("Nynorsk") is Malform.NYNORSK and parse_malform("bokmål") is Malform.BOKMAL


def test_every_message_has_both_forms():
    assert all(set(forms) == set(Malform) and all(forms.values()) for forms in MESSAGES.values())


def _build(tmp_path, *args):
    result = CliRunner().invoke(
        main,
        ["build", "--lysbilder", "tittel,kontekst-og-oppdrag", "--uten-notater", "--ut", str(tmp_path), *args],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    path = next(tmp_path.rglob("*.pptx"))
    slides = list(Presentation(str(path)).slides)
    return result.output, slides


def _notes(slide) -> str:
    return slide.notes_slide.notes_text_frame.text


@pytest.mark.parametrize("nummer", ["4640", "4602", "4036", "4601"])
def test_nynorsk_municipalities_get_nynorsk_decks(tmp_path, nummer):
    output, slides = _build(tmp_path, "--kommune", nummer)
    assert "nynorsk" in output
    assert NYNORSK_NOTE in _notes(slides[1])
    assert "Kjelder:" in _notes(slides[1]) or "Kjelder:" in _notes(slides[0])
    assert slides[-1].name == "Eige lysbilete" and "ditt eige lysbilete" in _notes(slides[-1])


def test_skien_stays_bokmal_and_malform_switches_both_ways(tmp_path):
    _, skien = _build(tmp_path / "a", "--kommune", "4003")
    assert BOKMAL_NOTE in _notes(skien[1]) and "Kilder:" in _notes(skien[0])
    _, skien_nn = _build(tmp_path / "b", "--kommune", "4003", "--malform", "nynorsk")
    assert NYNORSK_NOTE in _notes(skien_nn[1])
    _, bergen_nb = _build(tmp_path / "c", "--kommune", "4601", "--malform", "bokmal")
    assert BOKMAL_NOTE in _notes(bergen_nb[1]) and bergen_nb[-1].name == "Eget lysbilde"


def test_the_nynorsk_notes_document_has_nynorsk_fixed_text(project):
    catalogue, _ = load_catalogue(project, Malform.NYNORSK)
    from kunnskapsgrunnlag.assemble import assemble

    recipe = Recipe("x", "Test", (RecipeItem("slide", "samordning-sviktomrade"),))
    deck = assemble(catalogue, recipe, registry_for(project).kommune("4640"))
    from kunnskapsgrunnlag.render.templating import render_deck

    deck = render_deck(deck)
    options = NotesDocOptions(load_theme(project.theme_file), dt.date(2025, 1, 1), "Tekst.")
    document = Document(io.BytesIO(render_notes_docx(deck, [fake_png()] * 2, options)))
    texts = [p.text for p in document.paragraphs]
    assert "Innhald" in texts and "Notat til presentasjon" in texts and "Kjelder:" in texts
    assert any(t.startswith("Lysbilete 1: ") for t in texts)
    assert any("Biletet gir eit kort samandrag" in t for t in texts)
    assert "Innhold" not in texts and "Kilder:" not in texts


def test_the_form_is_part_of_the_batch_key_and_the_manifest(project, registry, tmp_path):
    recipe = Recipe("x", "Test", ())
    kommune = registry.kommune("4601")
    assert deck_key({}, "t", recipe, kommune, None, "nynorsk") != deck_key({}, "t", recipe, kommune, None, "bokmal")
    targets = [registry.kommune("4640"), registry.kommune("4003")]
    options = BatchOptions(slide_ids=("tittel",), out_dir=tmp_path)
    summary = run_batch(project, registry, targets, options)
    assert len(summary.of("built")) == 2
    manifest = json.loads(next(tmp_path.rglob("manifest.json")).read_text(encoding="utf-8"))
    forms = {entry["kommune"]: entry["malform"] for entry in manifest["decks"].values()}
    assert forms == {"4640": "nynorsk", "4003": "bokmal"}
    # The same decks forced to nynorsk are not "unchanged": the form is in the skip hash.
    forced = run_batch(project, registry, targets, dataclasses.replace(options, malform=Malform.NYNORSK))
    assert {r.kommune for r in forced.of("built")} == {"4003"}


def test_check_passes_on_both_editions(project, registry):
    problems = check(project, registry, load_theme(project.theme_file))
    assert [p for p in problems if p.severity == "error"] == []


def test_statistics_speak_nynorsk_in_a_nynorsk_deck(tmp_path):
    result = CliRunner().invoke(
        main,
        ["build", "--lysbilder", "statistikk-lavinntekt", "--uten-notater", "--ut", str(tmp_path), "--kommune", "4640"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    slide = next(iter(Presentation(str(next(tmp_path.rglob("*.pptx")))).slides))
    drawn = " ".join(s.text_frame.text for s in slide.slide_layout.shapes if s.has_text_frame)
    assert "hushald med vedvarande låginntekt" in drawn and "Heile landet" in drawn and "Kjelde:" in drawn
    assert "Hele landet" not in drawn and "ikke tilgjengelig" not in drawn


def test_the_form_is_part_of_the_slide_picture_and_deck_cache_keys(project, registry):
    from kunnskapsgrunnlag.assemble import assemble
    from kunnskapsgrunnlag.render.incremental import _structure
    from kunnskapsgrunnlag.slide_images import slide_keys

    theme = load_theme(project.theme_file)
    recipe = Recipe("x", "Test", (RecipeItem("slide", "kontekst-og-oppdrag"),))
    decks = {form: assemble(load_catalogue(project, form)[0], recipe, registry.kommune("4003")) for form in Malform}
    nb, nn = decks[Malform.BOKMAL], decks[Malform.NYNORSK]
    assert set(slide_keys(nb, theme)).isdisjoint(slide_keys(nn, theme))
    assert _structure(nb) != _structure(nn)


@pytest.mark.parametrize(("malform", "tag"), [("nynorsk", "nn-NO"), ("bokmal", "nb-NO")])
def test_the_text_says_its_language_for_proofing_and_screen_readers(tmp_path, malform, tag):
    """Every run of the slides, their layouts, the charts and the notes carries the deck's
    language, and so do the file's properties and the default for new text: PowerPoint proofs a
    nynorsk deck as nynorsk. (Only the master's and general layouts' English prompt texts, seen in
    the slide master view, stay en-US.)"""
    slides = "tittel,statistikk-neet,samordningstrapp"
    command = ["build", "--lysbilder", slides, "--uten-notater", "--kommune", "4640", "--malform", malform]
    result = CliRunner().invoke(main, [*command, "--ut", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    prs = Presentation(str(next(tmp_path.rglob("*.pptx"))))
    assert prs.core_properties.language == tag
    parts = [prs.part._element]
    for slide in prs.slides:
        parts.append(slide._element)
        if slide.slide_layout.name.startswith("Låst"):  # the general layouts keep the English prompts
            parts.append(slide.slide_layout._element)
        if slide.has_notes_slide:
            parts.append(slide.notes_slide._element)
    found = {e.get("lang") for part in parts for e in part.iter() if e.get("lang") is not None}
    assert found == {tag}
    charts = [s for s in prs.slides[1].slide_layout.shapes if s.shape_type == 6]
    assert charts and all(r.get("lang") == tag for r in charts[0]._element.iter("{*}rPr"))
