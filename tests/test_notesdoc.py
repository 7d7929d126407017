"""The companion notes document: read back with python-docx, and as PDF through LibreOffice (slow)."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import unicodedata

import pytest
from docx import Document
from docx.oxml.ns import qn

from kunnskapsgrunnlag.companion import render_notes_document, write_companions
from kunnskapsgrunnlag.render.deck import BLANK_SLIDE_TITLE
from kunnskapsgrunnlag.render.notes import notes_paragraphs
from kunnskapsgrunnlag.render.notesdoc import NotesDocOptions, render_notes_docx, slide_heading, unbroken_title
from kunnskapsgrunnlag.render.richtext import plain_text
from kunnskapsgrunnlag.render.theme import load_theme

from .companion_helpers import build_small, fake_png
from .conftest import assert_deck_sound

DATE = dt.date(2025, 11, 25)


@pytest.fixture(scope="module")
def small(project, catalogue, tmp_path_factory):
    built = build_small(project, catalogue, tmp_path_factory.mktemp("liten"))
    assert_deck_sound(built.path)
    return built


def render(project, deck) -> bytes:
    options = NotesDocOptions(load_theme(project.theme_file), DATE, "Dette er **ditt eget** lysbilde.")
    return render_notes_docx(deck, [fake_png()] * (len(deck.slides) + 1), options)


def entries(document) -> dict[str, list[str]]:
    """Each slide heading (Heading 2) with the text of the paragraphs under it."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for paragraph in document.paragraphs:
        style = paragraph.style.name
        if style == "Heading 2":
            current = found.setdefault(paragraph.text, [])
        elif style == "Heading 1":
            current = None
        elif current is not None and paragraph.text.strip():
            current.append(paragraph.text)
    return found


def test_one_entry_per_slide_with_its_title_and_notes(project, small):
    document = Document(io.BytesIO(render(project, small.deck)))
    found = entries(document)
    titles = [plain_text(e.slide.title) for e in small.deck.slides]
    expected = [slide_heading(n, t) for n, t in enumerate([*titles, BLANK_SLIDE_TITLE], start=1)]
    assert list(found) == expected
    sources = dict(small.deck.sources)
    for heading, entry in zip(expected, small.deck.slides, strict=False):
        wanted = [p.text for p in notes_paragraphs(entry.slide, sources)]
        got = [text.split("\t", 1)[-1] for text in found[heading]]
        assert got == wanted, heading
    assert found[expected[-1]] == ["Dette er ditt eget lysbilde."]


def test_every_entry_has_a_picture_with_alt_text(project, small):
    document = Document(io.BytesIO(render(project, small.deck)))
    pictures = document.inline_shapes
    assert len(pictures) == len(small.deck.slides) + 1
    descriptions = [shape._inline.docPr.get("descr") for shape in pictures]
    assert descriptions[0] == f"Bilde av lysbilde 1: {plain_text(small.deck.slides[0].slide.title)}"


def test_formatting_and_links_survive(project, small):
    document = Document(io.BytesIO(render(project, small.deck)))
    body = document.element.body
    urls = {rel.target_ref for rel in document.part.rels.values() if rel.is_external}
    assert "https://heckmanequation.org/resource/the-heckman-curve/" in urls
    assert len(body.findall(f".//{qn('w:hyperlink')}[@{qn('r:id')}]")) >= 3
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert "Kilder:" in bold
    assert any(p.style.name == "List Bullet" for p in document.paragraphs)
    italic = [r.text for p in document.paragraphs for r in p.runs if r.italic]
    assert italic, "titles of sources and emphasis are italic"


def test_title_page_and_contents(project, small):
    document = Document(io.BytesIO(render(project, small.deck)))
    texts = [p.text for p in document.paragraphs]
    assert "Prøvepresentasjon" in texts
    assert "Skien kommune (4003), Telemark" in texts
    assert any(t.startswith("25. november 2025 · 5 lysbilder") for t in texts)
    assert any("Fafo-notat 2019:21" in t for t in texts)
    contents = texts[texts.index("Innhold") + 1 :]
    # Each line ends in a PAGEREF field to the slide's page (its result until LibreOffice lays out: –).
    assert contents[:3] == ["Innledning", "1\t0-24-samarbeidet\t–", "2\tPresentasjonens disposisjon\t–"]
    assert "5\tEget lysbilde\t–" in contents
    instructions = [t.text.strip() for t in document.element.body.iter(qn("w:instrText"))]
    assert instructions == [f"PAGEREF lysbilde_{n} \\h" for n in range(1, 6)]
    anchors = document.element.body.findall(f".//{qn('w:hyperlink')}[@{qn('w:anchor')}]")
    assert [a.get(qn("w:anchor")) for a in anchors] == [f"lysbilde_{n}" for n in range(1, 6)]
    assert document.core_properties.language == "nb-NO"


def test_the_document_is_deterministic(project, small):
    assert render(project, small.deck) == render(project, small.deck)


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def pdf_pages(pdf) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True).stdout
    return [normalise(page) for page in out.decode().split("\f")[:-1]]


@pytest.mark.slow
def test_docx_and_pdf_are_written_beside_the_deck(project, catalogue, tmp_path):
    assert shutil.which("soffice"), "LibreOffice (soffice) is required: run scripts/setup.sh"
    built = build_small(project, catalogue, tmp_path / "ut")
    written = write_companions(project, built, pdf=True, notes=True, date=DATE, cache_dir=tmp_path / "cache")
    stem = built.path.with_suffix("")
    assert sorted(written) == sorted(
        [stem.with_suffix(".pdf"), stem.with_suffix(".notater.docx"), stem.with_suffix(".notater.pdf")]
    )
    deck_pages = pdf_pages(stem.with_suffix(".pdf"))
    assert len(deck_pages) == len(built.deck.slides) + 1

    pages = pdf_pages(stem.with_suffix(".notater.pdf"))
    titles = [plain_text(e.slide.title) for e in built.deck.slides] + [BLANK_SLIDE_TITLE]
    assert "Prøvepresentasjon" in pages[0] and "Skien kommune" in pages[0]
    assert pages[1].startswith("Innhold")
    # Title page, contents, then each slide on a page of its own (long notes may run over).
    assert len(titles) + 2 <= len(pages) <= 3 * len(titles) + 2
    where = []
    for number, title in enumerate(titles, start=1):
        heading = normalise(slide_heading(number, title))
        hits = [i for i, page in enumerate(pages) if heading in page]
        assert hits, f"{heading!r} is on no page"
        where.append(hits[0])
    assert where == sorted(where) and len(set(where)) == len(where)
    assert "eneste lysbildet i presentasjonen som ikke er låst" in pages[where[-1]]
    # The contents give each slide's page, as LibreOffice computed it.
    for number, title in enumerate(titles, start=1):
        assert re.search(rf"{number} {re.escape(normalise(title))}[ .]*{where[number - 1] + 1}\b", pages[1]), title
    # Sources stay with their notes: no page ends in "Kilder:" or starts with the sources.
    for page in pages[2:]:
        assert not page.endswith("Kilder:")
        assert not page.startswith("Kilder:")


def test_the_title_breaks_only_between_its_sentences():
    assert unbroken_title("0-24-samarbeidet. Et kunnskapsgrunnlag") == (
        "0\u201124\u2011samarbeidet.\nEt\u00a0kunnskapsgrunnlag"
    )
    # A sentence too long for one line may still wrap.
    long = "Hvorfor samordning? Utsatte barn og unge og et gjenstridig problem"
    assert unbroken_title(long) == "Hvorfor\u00a0samordning?\nUtsatte barn og unge og et gjenstridig problem"


@pytest.mark.slow
def test_a_national_deck_has_a_national_title_page(project, catalogue, tmp_path):
    built = build_small(project, catalogue, tmp_path, kommune=None, ids=["kontekst-og-oppdrag"])
    document = Document(
        io.BytesIO(
            render_notes_document(project, built, built.path.read_bytes(), date=DATE, cache_dir=tmp_path / "cache")
        )
    )
    assert "Nasjonal utgave" in [p.text for p in document.paragraphs]
    assert len(document.inline_shapes) == 2
