"""Class 5: statistics that would be silently wrong are refused at import and reported by check."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kunnskapsgrunnlag.cli import main
from kunnskapsgrunnlag.registry import load_registry
from kunnskapsgrunnlag.stats.importing import ImportFailed, import_csv
from kunnskapsgrunnlag.stats.load import load_statistics, statistics_dir
from kunnskapsgrunnlag.stats.model import STATUS_REASONS
from kunnskapsgrunnlag.stats.validation import validate_figures

from ..conftest import ROOT
from .statsdata import jsonstat, write_json


def run(tree, *args: str):
    result = CliRunner().invoke(main, [*args, "--prosjekt", str(tree.root)])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def figure_files(tree) -> dict[str, bytes]:
    folder = statistics_dir(tree.root) / "tall"
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_price_index_imported_as_neet_is_refused(tree, tmp_path):
    before = figure_files(tree)
    index = write_json(
        tmp_path / "07221.json", jsonstat({"0": 132.2, "40": 128.4}, table="07221", code="KvPris", unit="indeks")
    )
    result = run(tree, "stats", "import", str(index), "--indikator", "neet")
    assert result.exit_code == 1
    assert "tabell 07221 hører ikke til indikatoren neet (forventet: 13556)" in result.output
    assert "enheten 'indeks'" in result.output
    # The override is for a deliberate mismatch; the value range still holds.
    forced = run(tree, "stats", "import", str(index), "--indikator", "neet", "--tillat-avvik")
    assert forced.exit_code == 1 and "132,2 er utenfor gyldig område for neet (0–100 prosent)" in forced.output
    assert figure_files(tree) == before


def test_a_contents_code_the_indicator_does_not_accept(tree, tmp_path):
    text = (tree.root / "data/statistikk/indikatorer.yaml").read_text(encoding="utf-8")
    tree.write(
        "data/statistikk/indikatorer.yaml",
        text.replace('  tables: ["13556"]', '  tables: ["13556"]\n  contents_codes: [NEETAndel]'),
    )
    other = write_json(tmp_path / "x.json", jsonstat({"0": 9.0}, code="NEETAntall", unit="prosent"))
    result = run(tree, "stats", "import", str(other), "--indikator", "neet")
    assert result.exit_code == 1 and "statistikkvariabelen NEETAntall hører ikke til neet" in result.output


@pytest.mark.parametrize(
    ("value", "message"),
    [(250, "250 er utenfor gyldig område"), (-5, "-5 er utenfor gyldig område"), (1e308, "er utenfor gyldig område")],
)
def test_values_outside_the_range_are_refused(tree, tmp_path, value, message):
    before = figure_files(tree)
    path = write_json(tmp_path / "t.json", jsonstat({"0": 9.5, "4003": value}))
    result = run(tree, "stats", "import", str(path), "--indikator", "neet")
    assert result.exit_code == 1 and message in result.output
    assert figure_files(tree) == before


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_not_numbers(tree, tmp_path, literal):
    path = tmp_path / "t.json"
    path.write_text(json.dumps(jsonstat({"0": 9.5, "4003": 1.0})).replace("1.0]", f"{literal}]"), encoding="utf-8")
    result = run(tree, "stats", "import", str(path), "--indikator", "neet")
    assert result.exit_code == 1 and f"{literal} er ikke et tall i JSON" in result.output


def test_a_value_that_is_not_a_number_is_a_message(tree, tmp_path):
    path = write_json(tmp_path / "t.json", jsonstat({"0": [1, 2]}))
    result = run(tree, "stats", "import", str(path), "--indikator", "neet")
    assert result.exit_code == 1 and "forventet et tall eller null" in result.output


def test_duplicates_and_conflicts_are_errors_in_check(tree):
    tree.write(
        "data/statistikk/tall/barnehage-dobbel.yaml",
        'indicator: barnehage\nsource: SSB\ntable: "13502"\nlicence: NLOD\nfigures:\n'
        '  - {region: "4003", period: "2019", value: 90.0}\n'
        '  - {region: "4003", period: "2019", value: 90.0}\n'
        '  - {region: "4010", period: "2024", value: 90.0}\n',
    )
    problems = "\n".join(str(p) for p in _problems(tree))
    assert "data/statistikk/tall/barnehage-dobbel.yaml:7: 4003 2019: står to ganger (også på linje 6)" in problems
    assert "barnehage-telemark.yaml:44: 4010 2024: motstrider data/statistikk/tall/barnehage-dobbel.yaml:8" in problems
    assert "(94,5 mot 90)" in problems
    result = run(tree, "check")
    assert result.exit_code == 1 and "motstrider" in result.output


def test_two_methods_are_no_conflict_and_never_mixed_in_one_chart(tree):
    tree.write(
        "data/statistikk/tall/neet-annen.yaml",
        'indicator: neet\nsource: Annen kilde\ntable: "Egen undersøkelse"\nlicence: NLOD\nfigures:\n'
        '  - {region: "4010", period: "2024", value: 6.5}\n',
    )
    store = load_statistics(statistics_dir(tree.root), tree.root)
    kommune = load_registry(ROOT / "data" / "registry").kommune("4010")
    comparison = store.comparison("neet", kommune)
    method = store.indicators["neet"].method  # the indicator's own method and table come first
    assert comparison.kommune.table == "13556" and comparison.kommune.method == method
    assert comparison.kommune.value != 6.5
    assert (comparison.fylke.table, comparison.fylke.method) == (comparison.kommune.table, method)
    assert (comparison.land.table, comparison.land.method) == (comparison.kommune.table, method)
    assert run(tree, "check").exit_code == 0


def test_a_dash_is_a_true_zero_with_its_reason(registry=None):
    registry = load_registry(ROOT / "data" / "registry")
    imported = import_csv("region;periode;verdi\n4003;2024;-\n4010;2024;..\n", "neet", registry, origin="t.csv")
    zero, missing = imported.figures
    assert zero.value == 0.0 and zero.note == STATUS_REASONS["-"]
    assert missing.value is None and missing.missing == STATUS_REASONS[".."]


def test_an_unquoted_decimal_comma_in_a_comma_csv_names_the_line():
    registry = load_registry(ROOT / "data" / "registry")
    with pytest.raises(ImportFailed, match=r"t.csv:3: forventet 3 kolonner, fikk 4 \(står det et desimalkomma"):
        import_csv("region,periode,verdi\n4003,2024,11\n4010,2024,1 234,5\n", "neet", registry, origin="t.csv")


def test_validate_figures_is_the_one_check():
    store = load_statistics(statistics_dir(ROOT), ROOT)
    neet = store.indicators["neet"]
    figures = [f for (ind, _r, _p), f in store.figures.items() if ind == "neet"]
    assert validate_figures(neet, figures) == []


def _problems(tree):
    from kunnskapsgrunnlag.errors import ContentError

    try:
        load_statistics(statistics_dir(tree.root), tree.root)
    except ContentError as exc:
        return exc.problems
    return []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(size=[10**6, 10**6, 1], value={}), "grensen er 5000000"),
        (lambda d: d.update(size=[1, 1, -1]), "size må være en liste med hele tall"),
        (lambda d: d.update(size=[5, 1, 1]), "har 2 koder, men size sier 5"),
        (lambda d: d["dimension"].pop("Tid"), "dimension mangler"),
        (lambda d: d.update(value={"første": 1}), "nøkler som ikke er celle-numre"),
        (lambda d: d.update(id="Region"), "id må være en liste"),
    ],
)
def test_a_malformed_jsonstat_is_a_message_not_a_hang(tree, tmp_path, change, message):
    data = jsonstat({"0": 9.5, "4003": 11.0})
    change(data)
    path = write_json(tmp_path / "t.json", data)
    result = run(tree, "stats", "import", str(path), "--indikator", "neet")
    assert result.exit_code == 1 and message in result.output


def test_a_csv_the_reader_cannot_parse_names_its_line():
    registry = load_registry(ROOT / "data" / "registry")
    long_field = 'region;periode;verdi\n4003;2024;11\n4010;2024;"' + "x" * 200_000 + '"\n'
    with pytest.raises(ImportFailed, match=r"t.csv:3: CSV-feil"):
        import_csv(long_field, "neet", registry, origin="t.csv")
