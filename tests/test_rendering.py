"""The deck in real clients: LibreOffice renders it, and an OOXML validator accepts it."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest

from kunnskapsgrunnlag.render import office

pytestmark = pytest.mark.slow


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.fixture(scope="module")
def rendered_pdf(full_deck, tmp_path_factory):
    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice (soffice) is required: run scripts/setup.sh")
    pdf = tmp_path_factory.mktemp("pdf") / (full_deck.path.stem + ".pdf")
    pdf.write_bytes(office.pptx_to_pdf(full_deck.path.read_bytes()))
    return pdf


def page_texts(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True).stdout.decode()
    return [normalise(page) for page in text.split("\f")[:-1]]


def test_one_page_per_slide_and_every_title_on_its_page(full_deck, rendered_pdf):
    from pptx import Presentation

    prs = Presentation(str(full_deck.path))
    pages = page_texts(rendered_pdf)
    assert len(pages) == len(prs.slides)
    for number, (slide, page) in enumerate(zip(list(prs.slides)[:-1], pages, strict=False), start=1):
        title = normalise(slide.shapes.title.text)
        hidden = full_deck.deck.slides[number - 1].slide.hide_title
        content = normalise(" ".join(s.text_frame.text for s in slide.slide_layout.shapes if s.has_text_frame))
        if hidden and title not in content:
            # The accessible title lies off the slide: no program may draw it.
            assert title not in page, f"page {number}: hidden title {title!r} was drawn"
        elif not hidden:
            assert title in page, f"page {number}: {title!r} not found"


def test_wordmark_on_locked_pages_but_not_on_the_blank_one(rendered_pdf):
    pages = page_texts(rendered_pdf)
    assert all("fafo" in page for page in pages[:-1])
    assert "fafo" not in pages[-1]


def test_deck_passes_ooxml_validation(full_deck):
    from openxml_audit import validate_pptx

    result = validate_pptx(str(full_deck.path))
    assert result.is_valid, [str(e) for e in result.errors[:10]]
