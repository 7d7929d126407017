"""Slide pictures and their cache, thumbnails and the contact sheet, and the preview command."""

from __future__ import annotations

import io
import shutil

import pytest
from click.testing import CliRunner
from PIL import Image

from kunnskapsgrunnlag.cli_preview import preview_command
from kunnskapsgrunnlag.preview import contact_sheet, thumbnail
from kunnskapsgrunnlag.render import office
from kunnskapsgrunnlag.render.theme import load_theme
from kunnskapsgrunnlag.slide_images import slide_keys, slide_pictures

from .companion_helpers import build_small, empty_path, fake_png


class CountingConverter:
    """The real LibreOffice conversion, counting its calls and the slides it was given."""

    def __init__(self):
        self.calls: list[int] = []

    def __call__(self, pptx: bytes) -> bytes:
        from pptx import Presentation

        self.calls.append(len(Presentation(io.BytesIO(pptx)).slides))
        return office.pptx_to_pdf(pptx)


def test_a_slide_shared_by_two_municipalities_has_one_key(project, catalogue, tmp_path):
    theme = load_theme(project.theme_file)
    skien = slide_keys(build_small(project, catalogue, tmp_path / "a", "4003").deck, theme)
    porsgrunn = slide_keys(build_small(project, catalogue, tmp_path / "b", "4001").deck, theme)
    assert len(skien) == 5 and len(set(skien)) == 5
    assert skien[0] != porsgrunn[0], "the front page names the municipality"
    assert skien[1:] == porsgrunn[1:]


def test_keys_follow_the_content_not_the_position(project, catalogue, tmp_path):
    theme = load_theme(project.theme_file)
    one = slide_keys(
        build_small(project, catalogue, tmp_path / "a", ids=["tidlig-innsats", "sitat-frafall"]).deck, theme
    )
    two = slide_keys(
        build_small(project, catalogue, tmp_path / "b", ids=["sitat-frafall", "tidlig-innsats"]).deck, theme
    )
    assert one[:2] == two[1::-1]


def test_thumbnail_and_contact_sheet_sizes():
    picture = fake_png(size=(1280, 720))
    assert Image.open(io.BytesIO(thumbnail(picture))).size == (640, 360)
    sheet = Image.open(io.BytesIO(contact_sheet([picture] * 7, [f"{n} lysbilde" for n in range(1, 8)])))
    # Six tiles of 320 px with 12 px gaps in a row; two rows of 180 px tiles with their labels.
    assert sheet.size == (12 + 6 * 332, 12 + 2 * (180 + 26 + 12))


def test_preview_without_libreoffice_says_so(tree, monkeypatch, tmp_path):
    empty_path(monkeypatch, tmp_path)
    result = CliRunner().invoke(preview_command, ["--prosjekt", str(tree.root), "--ut", str(tmp_path / "ut")])
    assert result.exit_code == 1
    assert "trenger LibreOffice" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "ut").exists()


def test_preview_of_an_unknown_recipe_is_a_usage_error(tree, tmp_path):
    result = CliRunner().invoke(preview_command, ["finnes-ikke", "--prosjekt", str(tree.root)])
    assert result.exit_code == 2
    assert "ukjent oppskrift 'finnes-ikke'" in result.output


@pytest.mark.slow
def test_the_cache_is_hit_on_a_second_build(project, catalogue, tmp_path):
    assert shutil.which("soffice"), "LibreOffice (soffice) is required: run scripts/setup.sh"
    theme = load_theme(project.theme_file)
    cache = tmp_path / "cache"
    convert = CountingConverter()

    skien = build_small(project, catalogue, tmp_path / "a", "4003")
    first = slide_pictures(skien.path.read_bytes(), slide_keys(skien.deck, theme), cache, to_pdf=convert)
    assert (first.rendered, convert.calls) == (5, [5])
    stored = {path: path.stat().st_mtime_ns for path in cache.rglob("*.png")}
    assert len(stored) == 5

    again = build_small(project, catalogue, tmp_path / "b", "4003")
    second = slide_pictures(again.path.read_bytes(), slide_keys(again.deck, theme), cache, to_pdf=convert)
    assert (second.rendered, convert.calls) == (0, [5]), "nothing may be rendered the second time"
    assert second.images == first.images
    assert {path: path.stat().st_mtime_ns for path in cache.rglob("*.png")} == stored

    # Another municipality: only its own front page is new, and LibreOffice sees only that slide.
    porsgrunn = build_small(project, catalogue, tmp_path / "c", "4001")
    third = slide_pictures(porsgrunn.path.read_bytes(), slide_keys(porsgrunn.deck, theme), cache, to_pdf=convert)
    assert (third.rendered, convert.calls) == (1, [5, 1])
    assert third.images[1:] == first.images[1:] and third.images[0] != first.images[0]


@pytest.mark.slow
def test_preview_writes_thumbnails_and_a_contact_sheet(tree, tmp_path):
    out = tmp_path / "ut"
    result = CliRunner().invoke(preview_command, ["--prosjekt", str(tree.root), "--kommune", "4003", "--ut", str(out)])
    assert result.exit_code == 0, result.output
    folder = out / "preview" / "fullstendig" / "4003-skien"
    assert sorted(p.name for p in folder.iterdir()) == [
        "01-forside.png",
        "02-poeng.png",
        "03-eget-lysbilde.png",
        "kontaktark.png",
    ]
    assert Image.open(folder / "01-forside.png").size == (640, 360)
    assert "(3 nye, 0 fra hurtigbufferen)" in result.output
    again = CliRunner().invoke(preview_command, ["--prosjekt", str(tree.root), "--kommune", "4003", "--ut", str(out)])
    assert "(0 nye, 3 fra hurtigbufferen)" in again.output
