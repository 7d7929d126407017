"""LibreOffice as a converter: clear errors without it, timeouts, and real conversions (slow)."""

from __future__ import annotations

import io
import shutil

import pytest
from PIL import Image
from pptx import Presentation

from kunnskapsgrunnlag.companion import write_companions
from kunnskapsgrunnlag.render import office
from kunnskapsgrunnlag.render.office import ConversionFailed, LibreOfficeMissing

from .companion_helpers import build_small, empty_path, fake_program, path_with


def test_without_soffice_the_message_says_what_to_install(monkeypatch, tmp_path):
    empty_path(monkeypatch, tmp_path)
    with pytest.raises(LibreOfficeMissing) as caught:
        office.pptx_to_pdf(b"PK")
    message = str(caught.value)
    assert "notatdokumentet" in message and "LibreOffice" in message and "scripts/setup.sh" in message


def test_without_libreoffice_the_notes_step_fails_and_the_deck_stays_valid(project, catalogue, monkeypatch, tmp_path):
    built = build_small(project, catalogue, tmp_path / "ut")
    empty_path(monkeypatch, tmp_path)
    with pytest.raises(LibreOfficeMissing, match=r"4003-skien.pptx er skrevet, men .* trenger LibreOffice"):
        write_companions(project, built, pdf=True, notes=True, cache_dir=tmp_path / "cache")
    assert len(Presentation(str(built.path)).slides) == len(built.deck.slides) + 1
    assert sorted(p.name for p in built.path.parent.iterdir()) == [built.path.name]


def test_nothing_asked_for_needs_no_libreoffice(project, catalogue, monkeypatch, tmp_path):
    built = build_small(project, catalogue, tmp_path / "ut")
    empty_path(monkeypatch, tmp_path)
    assert write_companions(project, built, pdf=False, notes=False) == []


def test_a_hung_libreoffice_is_stopped_after_the_timeout(monkeypatch, tmp_path):
    path_with(monkeypatch, tmp_path / "bin")
    fake_program(tmp_path / "bin", "soffice", "sleep 30")
    with pytest.raises(ConversionFailed, match="svarte ikke innen 1 sekunder"):
        office.pptx_to_pdf(b"PK", timeout=1)


def test_a_libreoffice_that_writes_nothing_is_a_clear_failure(monkeypatch, tmp_path):
    path_with(monkeypatch, tmp_path / "bin")
    fake_program(tmp_path / "bin", "soffice", "echo 'Error: source file could not be loaded' >&2")
    with pytest.raises(ConversionFailed, match="laget ingen PDF av pptx-filen: Error: source file"):
        office.pptx_to_pdf(b"PK")


def test_each_conversion_uses_a_private_profile(monkeypatch, tmp_path):
    log = tmp_path / "argumenter.txt"
    path_with(monkeypatch, tmp_path / "bin")
    fake_program(tmp_path / "bin", "soffice", f'echo "$@" >> {log}')
    for _ in range(2):
        with pytest.raises(ConversionFailed):
            office.docx_to_pdf(b"PK")
    profiles = [
        word
        for line in log.read_text().splitlines()
        for word in line.split()
        if word.startswith("-env:UserInstallation=file:///")
    ]
    assert len(profiles) == 2 and profiles[0] != profiles[1]


@pytest.mark.slow
def test_a_deck_becomes_one_png_per_slide(project, catalogue, tmp_path):
    assert shutil.which("soffice"), "LibreOffice (soffice) is required: run scripts/setup.sh"
    built = build_small(project, catalogue, tmp_path)
    pdf = office.pptx_to_pdf(built.path.read_bytes())
    assert pdf.startswith(b"%PDF")
    pictures = office.pdf_to_pngs(pdf)
    assert len(pictures) == len(built.deck.slides) + 1
    assert Image.open(io.BytesIO(pictures[0])).size == (office.PICTURE_WIDTH, 720)
    only_some = office.pdf_to_pngs(pdf, pages=[2, 3, 5], width=320)
    assert [Image.open(io.BytesIO(p)).width for p in only_some] == [320, 320, 320]
    assert only_some[0] != only_some[1]
