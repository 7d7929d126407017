"""Class 6: an import or fetch never replaces good data with worse."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kunnskapsgrunnlag import cli_stats
from kunnskapsgrunnlag.cli import main
from kunnskapsgrunnlag.stats.fetch import FetchFailed
from kunnskapsgrunnlag.stats.load import load_statistics, statistics_dir

from .statsdata import jsonstat, write_json


def run(tree, *args: str):
    result = CliRunner().invoke(main, [*args, "--prosjekt", str(tree.root)])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def barnehage(rows: dict[str, object], period: str = "2019") -> dict:
    """SSB 13502 (kindergarten): one method only, with Telemark's figures shipped for 2020–2025."""
    return jsonstat(rows, period=period, table="13502", code="PlassBarnehageAndel")


def snapshot(tree) -> dict[str, bytes]:
    folder = statistics_dir(tree.root)
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_an_import_named_like_a_figure_file_never_replaces_it(tree, tmp_path):
    telemark = statistics_dir(tree.root) / "tall" / "barnehage-telemark.yaml"
    before = telemark.read_bytes()
    source = write_json(tmp_path / "telemark.json", barnehage({"0": 91.0, "4003": 90.2}))
    result = run(tree, "stats", "import", str(source), "--indikator", "barnehage")
    assert result.exit_code == 0, result.output
    assert telemark.read_bytes() == before  # all of Telemark's figures are still there
    assert "Skrev data/statistikk/tall/barnehage-ssb-13502.yaml: 2 tall" in result.output
    store = load_statistics(statistics_dir(tree.root), tree.root)
    assert store.figure("barnehage", "4003", "2025").value == 94.7
    assert store.figure("barnehage", "4003", "2019").value == 90.2


def test_a_smaller_import_is_merged_not_a_replacement(tree, tmp_path):
    first = write_json(tmp_path / "a.json", barnehage({"0": 91.0, "4003": 90.2, "4010": 88.4}))
    assert run(tree, "stats", "import", str(first), "--indikator", "barnehage").exit_code == 0
    second = write_json(tmp_path / "b.json", barnehage({"4003": 90.5}))
    assert run(tree, "stats", "import", str(second), "--indikator", "barnehage").exit_code == 0
    store = load_statistics(statistics_dir(tree.root), tree.root)
    assert store.figure("barnehage", "4003", "2019").value == 90.5
    assert store.figure("barnehage", "4010", "2019").value == 88.4
    assert store.figure("barnehage", "0", "2019").value == 91.0


def test_a_csv_without_a_table_is_refused_and_writes_nothing(tree, tmp_path):
    before = snapshot(tree)
    csv = tmp_path / "barnehage.csv"
    csv.write_text("region;periode;verdi\n4003;2019;90,2\n", encoding="utf-8")
    result = run(tree, "stats", "import", str(csv), "--indikator", "barnehage")
    assert result.exit_code == 1 and "tabellnummeret er ukjent; oppgi --tabell" in result.output
    assert snapshot(tree) == before
    assert run(tree, "check").exit_code == 0  # later builds are not broken
    ok = run(tree, "stats", "import", str(csv), "--indikator", "barnehage", "--tabell", "13502")
    assert ok.exit_code == 0, ok.output


def test_an_import_that_would_conflict_writes_nothing(tree, tmp_path):
    before = snapshot(tree)
    source = write_json(tmp_path / "ny.json", barnehage({"4003": 50.0}, period="2025"))
    result = run(tree, "stats", "import", str(source), "--indikator", "barnehage")
    assert result.exit_code == 1
    assert "tallene ble ikke lagret" in result.output and "motstrider" in result.output
    assert snapshot(tree) == before


def test_a_file_of_another_kind_at_the_target_is_never_overwritten(tree, tmp_path):
    target = tree.write("data/statistikk/tall/neet-ssb-13556.yaml", "# mine egne notater\nindicator: barnehage\n")
    before = target.read_bytes()
    source = write_json(tmp_path / "a.json", jsonstat({"4003": 11.9}, period="2023"))
    result = run(tree, "stats", "import", str(source), "--indikator", "neet")
    assert result.exit_code == 1 and target.read_bytes() == before


@pytest.mark.parametrize(
    "answer",
    [
        FetchFailed("SSB (http://x) svarte ikke innen 2 sekunder; ga opp etter 1 forsøk"),
        jsonstat({"0": 250.0}, period="2023"),
        jsonstat({"0": 9.0}, period="2023", table="07221"),
    ],
)
def test_a_failed_fetch_keeps_the_last_good_raw_copy(tree, monkeypatch, answer):
    raw = tree.write("data/statistikk/kilder/ssb-13556.json", '{"siste": "gode svar"}\n')
    before = snapshot(tree)

    def fake_fetch(*args, **kwargs):
        if isinstance(answer, Exception):
            raise answer
        return answer

    monkeypatch.setattr(cli_stats, "fetch_table", fake_fetch)
    result = run(tree, "stats", "fetch", "13556", "--indikator", "neet")
    assert result.exit_code == 1
    assert raw.read_text(encoding="utf-8") == '{"siste": "gode svar"}\n'
    assert snapshot(tree) == before


def test_a_good_fetch_writes_figures_then_the_raw_copy(tree, monkeypatch):
    monkeypatch.setattr(cli_stats, "fetch_table", lambda *a, **k: jsonstat({"0": 9.6}, period="2023"))
    result = run(tree, "stats", "fetch", "13556", "--indikator", "neet")
    assert result.exit_code == 0, result.output
    assert (statistics_dir(tree.root) / "kilder" / "ssb-13556.json").is_file()
