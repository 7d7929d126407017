"""Class 2: the cache never executes anything, and a damaged entry is a miss, not a broken deck."""

from __future__ import annotations

import pickle
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from kunnskapsgrunnlag import diskcache
from kunnskapsgrunnlag.cli import main
from kunnskapsgrunnlag.project import Project
from kunnskapsgrunnlag.slide_images import cache_dir_for, slide_pictures

from ..conftest import ROOT, assert_deck_sound

SLIDES = "tittel,statistikk-neet,tidlig-innsats"


class _Plant:
    """Unpickling this creates a marker file: proof that cache bytes were executed."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "kjørt"))


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "delt-cache"
    monkeypatch.setenv("KUNNSKAPSGRUNNLAG_CACHE", str(folder))
    return folder


def build(out: Path, *extra: str):
    result = CliRunner().invoke(
        main,
        [
            "-v",
            "build",
            "--prosjekt",
            str(ROOT),
            "--lysbilder",
            SLIDES,
            "--kommune",
            "4003",
            "--uten-notater",
            "--ut",
            str(out),
            *extra,
        ],
    )
    assert "Traceback" not in result.output
    return result


def media_pngs(deck: Path) -> list[bytes]:
    with zipfile.ZipFile(deck) as archive:
        return [archive.read(n) for n in archive.namelist() if n.startswith("ppt/media/") and n.endswith(".png")]


def test_the_setting_moves_every_cache(cache):
    assert cache_dir_for(Project(ROOT)) == cache / "slide-images"
    assert Project(ROOT).cache_dir == cache


def test_a_planted_pickle_is_never_executed(tmp_path, cache):
    first = build(tmp_path / "a")
    assert first.exit_code == 0, first.output
    entries = [p for p in cache.rglob("*") if p.is_file()]
    assert any("decks" in p.parts for p in entries)  # charts may come from this process's memory
    marker = tmp_path / "kjort.txt"
    for path in entries:
        path.write_bytes(pickle.dumps(_Plant(marker)))
    second = build(tmp_path / "b")
    assert second.exit_code == 0, second.output
    assert not marker.exists()
    assert "hurtigbuffer:" in second.output and "lages på nytt" in second.output
    deck = next((tmp_path / "b").rglob("*.pptx"))
    assert_deck_sound(deck)
    assert deck.read_bytes() == next((tmp_path / "a").rglob("*.pptx")).read_bytes()


@pytest.mark.parametrize("damage", ["empty", "truncated", "flipped", "link"])
def test_a_damaged_cache_is_rebuilt_and_the_deck_is_the_same(tmp_path, cache, damage):
    assert build(tmp_path / "a").exit_code == 0
    reference = next((tmp_path / "a").rglob("*.pptx")).read_bytes()
    for path in [p for p in cache.rglob("*") if p.is_file()]:
        data = path.read_bytes()
        if damage == "empty":
            path.write_bytes(b"")
        elif damage == "truncated":
            path.write_bytes(data[: len(data) // 2])
        elif damage == "flipped":
            path.write_bytes(data[:-10] + bytes(b ^ 0xFF for b in data[-10:]))
        else:
            path.unlink()
            path.symlink_to("/dev/zero")
    result = build(tmp_path / "b")
    assert result.exit_code == 0, result.output
    deck = next((tmp_path / "b").rglob("*.pptx"))
    assert_deck_sound(deck)
    assert deck.read_bytes() == reference
    assert all(diskcache.is_png(p) for p in media_pngs(deck))


def test_damaged_slide_pictures_are_rendered_again(tmp_path):
    png = diskcache.PNG_SIGNATURE + b"side" + b"IEND\xaeB`\x82"
    calls: list[list[int]] = []

    def to_pngs(pdf: bytes, pages) -> list[bytes]:
        pages = list(pages)
        calls.append(pages)
        return [png for _ in pages]

    keys = ["a" * 64, "b" * 64]
    first = slide_pictures(b"", keys, tmp_path, deck_pdf=b"%PDF", to_pngs=to_pngs)
    assert first.rendered == 2
    again = slide_pictures(b"", keys, tmp_path, deck_pdf=b"%PDF", to_pngs=to_pngs)
    assert again.rendered == 0
    for path in tmp_path.rglob("*.png"):
        path.write_bytes(path.read_bytes()[:-5])
    healed = slide_pictures(b"", keys, tmp_path, deck_pdf=b"%PDF", to_pngs=to_pngs)
    assert healed.rendered == 2 and healed.images == (png, png)


def test_entries_are_plain_bytes_with_their_hash(tmp_path):
    path = tmp_path / "x"
    diskcache.write_entry(path, b"data")
    assert path.read_bytes().startswith(diskcache.MAGIC)
    assert diskcache.read_entry(path) == b"data"
    raw = path.read_bytes()
    path.write_bytes(raw.replace(b"data", b"dat4"))
    assert diskcache.read_entry(path) is None and not path.exists()
