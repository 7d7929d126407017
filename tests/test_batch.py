"""Batch builds: one failure keeps the others, exit 1, manifest, unchanged decks skipped."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kunnskapsgrunnlag.batch import select_kommuner
from kunnskapsgrunnlag.cli import main
from kunnskapsgrunnlag.registry import load_registry

ROOT = Path(__file__).resolve().parents[1]
SLIDES = "statistikk-neet,statistikk-lavinntekt"


def build(out: Path, *args: str):
    return CliRunner().invoke(main, ["build", "--prosjekt", str(ROOT), "--lysbilder", SLIDES, "--ut", str(out), *args])


def test_one_failure_keeps_the_others_and_exits_1(tmp_path):
    folder = tmp_path / "egendefinert"
    (folder / "4005-notodden.pptx").mkdir(parents=True)  # the deck cannot be written here
    result = build(tmp_path, "--kommune", "4003", "--kommune", "4005", "--kommune", "4010")
    assert result.exit_code == 1, result.output
    assert "Bygget: 2, uendret (hoppet over): 0, feilet: 1" in result.output
    assert "feilet: 4005 Notodden: " in result.output
    assert (folder / "4003-skien.pptx").is_file() and (folder / "4010-siljan.pptx").is_file()
    assert not list(folder.glob(".*.tmp"))  # no half-written file left behind
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest["decks"]) == ["4003-skien.pptx", "4010-siljan.pptx"]


def test_manifest_lists_inputs_slides_and_figures(tmp_path):
    result = build(tmp_path, "--kommune", "4003", "--kommune", "4010")
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "egendefinert" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["tool"] == "kunnskapsgrunnlag" and manifest["version"]
    assert "data/statistikk/indikatorer.yaml" in manifest["inputs"]
    assert "slides/01-bakgrunn/statistikk-neet.yaml" in manifest["inputs"]
    skien = manifest["decks"]["4003-skien.pptx"]
    assert skien["kommune"] == "4003" and skien["slides"] == ["statistikk-neet", "statistikk-lavinntekt"]
    neet = {f["role"]: f for f in skien["figures"] if f["indicator"] == "neet"}
    assert neet["kommune"] == {
        "indicator": "neet",
        "role": "kommune",
        "region": "4003",
        "period": "2024",
        "value": 11.609,
        "missing": None,
        "source": "SSB",
        "table": "13556",
        "licence": "NLOD / CC BY 4.0 (Kilde: SSB)",
        "method": "beregnet fra antall i SSB tabell 13556",
    }
    assert neet["land"]["value"] == 9.998
    assert any(f["indicator"] == "vgs_ikke_fullfort" for f in skien["figures"])  # named in the notes


def test_unchanged_inputs_are_skipped_and_force_rebuilds(tmp_path):
    first = build(tmp_path, "--kommune", "4003", "--kommune", "4010")
    assert "Bygget: 2" in first.output
    deck = tmp_path / "egendefinert" / "4003-skien.pptx"
    before = deck.read_bytes()
    second = build(tmp_path, "--kommune", "4003", "--kommune", "4010")
    assert second.exit_code == 0 and "Bygget: 0, uendret (hoppet over): 2, feilet: 0" in second.output
    deck.write_bytes(b"changed by hand")  # a changed output is not "unchanged"
    third = build(tmp_path, "--kommune", "4003", "--kommune", "4010")
    assert "Bygget: 1, uendret (hoppet over): 1" in third.output
    assert deck.read_bytes() == before  # deterministic: the same bytes again
    forced = build(tmp_path, "--kommune", "4003", "--kommune", "4010", "--force")
    assert "Bygget: 2, uendret (hoppet over): 0" in forced.output


def test_unknown_county_is_a_usage_error(tmp_path):
    result = build(tmp_path, "--fylke", "99")
    assert result.exit_code == 2 and "ukjent fylke '99'" in result.output


def test_selection_by_county_and_office():
    registry = load_registry(ROOT / "data" / "registry")
    telemark = select_kommuner(registry, fylker=["40"])
    assert len(telemark) == 17 and telemark[0].nummer == "4001"
    office = select_kommuner(registry, statsforvaltere=["vestfold-og-telemark"], kommuner=["4003"])
    assert {k.fylke.nummer for k in office} == {"39", "40"} and len({k.nummer for k in office}) == len(office)
    assert len(select_kommuner(registry, alle=True)) == 357


def test_parallel_build_gives_the_same_decks(tmp_path):
    serial = build(tmp_path / "a", "--kommune", "4003", "--kommune", "4010")
    parallel = build(tmp_path / "b", "--kommune", "4003", "--kommune", "4010", "-j", "2")
    assert serial.exit_code == 0 and parallel.exit_code == 0, parallel.output
    for name in ("4003-skien.pptx", "4010-siljan.pptx"):
        a, b = (tmp_path / run / "egendefinert" / name for run in ("a", "b"))
        assert a.read_bytes() == b.read_bytes()
