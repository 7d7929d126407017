from __future__ import annotations

import pytest

from kunnskapsgrunnlag.stats.importing import ImportFailed, import_csv, import_jsonstat
from kunnskapsgrunnlag.stats.model import STATUS_REASONS


def by_key(imported):
    return {(f.region, f.period): f for f in imported.figures}


def test_jsonstat_maps_regions_and_keeps_values(registry, neet_jsonstat):
    imported = import_jsonstat(neet_jsonstat, "neet", registry, origin="13556.json")
    figures = by_key(imported)
    assert figures[("0", "2024")].value == 9.9
    assert figures[("40", "2024")].value == 11.0
    assert figures[("4003", "2023")].value == 11.3
    assert imported.table == "13556"
    assert imported.unmapped == ("9999",)


def test_jsonstat_status_symbols_are_missing_with_reason_never_zero(registry, neet_jsonstat):
    figures = by_key(import_jsonstat(neet_jsonstat, "neet", registry, origin="13556.json"))
    assert figures[("4024", "2023")].value is None
    assert figures[("4024", "2023")].missing == STATUS_REASONS[".."]
    assert figures[("4024", "2024")].missing == STATUS_REASONS[":"]
    assert figures[("4034", "2023")].missing == STATUS_REASONS["."]
    assert all(f.value != 0 for f in figures.values())


def test_jsonstat_with_unmappable_regions_is_rejected(registry, neet_jsonstat):
    neet_jsonstat["dimension"]["Region"]["category"]["index"] = {f"99{i:02d}": i for i in range(7)}
    with pytest.raises(ImportFailed, match="ingen regionkoder kunne knyttes"):
        import_jsonstat(neet_jsonstat, "neet", registry, origin="x.json")


def test_jsonstat_dimension_with_several_values_needs_a_choice(registry, neet_jsonstat):
    neet_jsonstat["size"] = [7, 2, 1]
    neet_jsonstat["dimension"]["ContentsCode"]["category"]["index"] = {"NEETAndel": 0, "NEETAntall": 1}
    neet_jsonstat["dimension"]["Tid"]["category"]["index"] = {"2024": 0}
    with pytest.raises(ImportFailed, match="--velg ContentsCode=KODE"):
        import_jsonstat(neet_jsonstat, "neet", registry, origin="x.json")
    chosen = import_jsonstat(neet_jsonstat, "neet", registry, origin="x.json", select={"ContentsCode": "NEETAntall"})
    assert by_key(chosen)[("40", "2024")].value == 11.0


def test_not_jsonstat_is_rejected(registry):
    with pytest.raises(ImportFailed, match=r"forventet JSON-stat 2\.0"):
        import_jsonstat({"data": []}, "neet", registry, origin="x.json")


def test_csv_with_names_codes_status_symbols_and_decimal_comma(registry):
    text = (
        "region;periode;verdi\n"
        "Hele landet;2024;9,9\n"
        "Telemark;2024;11\n"
        "4003;2024;11,5\n"
        "Siljan;2024;..\n"
        "Hjartdal;2024;:\n"
        "Atlantis;2024;3\n"
    )
    imported = import_csv(text, "neet", registry, origin="neet.csv")
    figures = by_key(imported)
    assert figures[("0", "2024")].value == 9.9
    assert figures[("40", "2024")].value == 11.0
    assert figures[("4003", "2024")].value == 11.5
    assert figures[("4010", "2024")].value is None
    assert figures[("4010", "2024")].missing == STATUS_REASONS[".."]
    assert figures[("4024", "2024")].missing == STATUS_REASONS[":"]
    assert imported.unmapped == ("Atlantis",)


def test_csv_without_a_value_column_names_what_was_expected(registry):
    with pytest.raises(ImportFailed, match=r"neet.csv:1: forventet kolonner"):
        import_csv("kommune,tekst\nSkien,hei\n", "neet", registry, origin="neet.csv")


def test_csv_bad_number_names_the_line(registry):
    with pytest.raises(ImportFailed, match=r"neet.csv:3: forventet et tall"):
        import_csv("region,år,verdi\nSkien,2024,1\nBamble,2024,mye\n", "neet", registry, origin="neet.csv")
