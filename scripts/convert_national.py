"""Convert the national figures in shared/data/national/*.csv into data/statistikk/tall/*.yaml.

Two series for every municipality (2024 numbers), county (2024 counties) and the country:

- NEET 15–29 (SSB table 13556), 2020–2024: the share is computed from the counts
  (NEET / residents 15–29 × 100) for every region alike, so every bar of a chart comes from one
  method. 2020–2023 use the 2020 municipality numbers and are recoded to 2024 numbers with
  `kommune-b2020-til-b2024.csv`; Ålesund 1507 was split into Ålesund 1508 and Haram 1580 in 2024,
  so neither gets a value before 2024 (no invented split). The 2024 counties are summed from the
  recoded municipalities (the merged Ålesund counts in full for Møre og Romsdal, where both parts
  lie); the country is the sum of all municipalities. 2019 (an older structure still) is left out.
  The NEET counts are written too, so a slide can say when a share rests on few people.
- Children and young people 0–24 (SSB table 07459, 1 January), 2005–2026, on the 2024 borders,
  and by age band (0–5, 6–15, 16–19, 20–24) from 2024 (`--alle-aar`: every year); Ålesund and
  Haram before 2024 are a 50/50 placeholder in the source, not figures, and become missing values.

    .venv/bin/python scripts/convert_national.py [--fra ../shared/data/national] [--til data/statistikk/tall]
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

from kunnskapsgrunnlag.stats.load import write_figure_file
from kunnskapsgrunnlag.stats.model import LAND, Figure

ROOT = Path(__file__).resolve().parent.parent
SSB = "NLOD / CC BY 4.0 (Kilde: SSB)"
BANDS_FROM = 2024  # the age bands from this year on (see population_figures)
NEET_YEARS = ("2020", "2021", "2022", "2023", "2024")
SPLIT_FROM = "1507"  # Ålesund 2020–2023, split into 1508 Ålesund and 1580 Haram in 2024
SPLIT_INTO = ("1508", "1580")
NEET_METHOD = "beregnet fra antall i SSB tabell 13556"
NEET_SPLIT_MISSING = "Ålesund og Haram var én kommune (1507) 2020–2023, og tallet kan ikke deles mellom dem"
POPULATION_SPLIT_MISSING = (
    "Ålesund og Haram var én kommune før 2024; kilden deler tallet likt mellom dem, "
    "og det er ikke et tall for kommunen"
)
POPULATION_BANDS = {
    "barn_unge": "pop_0_24",
    "barn_unge_0_5": "pop_0_5",
    "barn_unge_6_15": "pop_6_15",
    "barn_unge_16_19": "pop_16_19",
    "barn_unge_20_24": "pop_20_24",
}
HEADER = (
    "Laget av scripts/convert_national.py fra shared/data/national/{origin}.\n"
    "Ikke rediger for hånd: kjør skriptet på nytt. {unit}; null = mangler (se missing)."
)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def recoding(rows: list[dict[str, str]]) -> dict[tuple[str, str], list[str]]:
    """(year, 2020 number) → the 2024 numbers it became."""
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in rows:
        out[(r["aar"], r["kommunenr_b2020"])].append(r["kommunenr_b2024"])
    return out


def neet_counts(
    rows: list[dict[str, str]], recode: dict[tuple[str, str], list[str]]
) -> tuple[dict[tuple[str, str], tuple[int, int]], set[tuple[str, str]]]:
    """Counts (NEET, residents) by (region, year) on 2024 numbers, and the (region, year) left out."""
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    left_out: set[tuple[str, str]] = set()
    for r in rows:
        year = r["year"]
        if year not in NEET_YEARS:
            continue
        neet, residents = int(r["neet_15_29"]), int(r["bosatte_15_29"])
        number = r["kommunenr"]
        if year == "2024":
            if r["structure"] != "b2024":
                raise SystemExit(f"{year} {number}: forventet struktur b2024, fikk {r['structure']}")
            targets = [number]
        else:
            targets = recode.get((year, number))
            if not targets:
                raise SystemExit(f"{year} {number}: mangler i kommune-b2020-til-b2024.csv")
        if len(targets) == 1:
            key = (targets[0], year)
            counts[key][0] += neet
            counts[key][1] += residents
        else:
            left_out.update((t, year) for t in targets)
        # Counties and the country from the same counts: a split within one county counts in full.
        for region in {t[:2] for t in targets} | {LAND}:
            counts[(region, year)][0] += neet
            counts[(region, year)][1] += residents
    return {k: (v[0], v[1]) for k, v in counts.items()}, left_out


def neet_figures(
    counts: dict[tuple[str, str], tuple[int, int]], left_out: set[tuple[str, str]]
) -> tuple[list[Figure], list[Figure]]:
    shares, persons = [], []
    for (region, year), (neet, residents) in counts.items():
        note = "Fylket er summert fra kommunene (2024-inndeling)." if len(region) == 2 else ""
        shares.append(Figure("neet", region, year, round(neet / residents * 100, 3), note=note))
        persons.append(Figure("neet_personer", region, year, float(neet), note=note))
    for region, year in sorted(left_out):
        shares.append(Figure("neet", region, year, None, NEET_SPLIT_MISSING))
        persons.append(Figure("neet_personer", region, year, None, NEET_SPLIT_MISSING))
    return shares, persons


def population_figures(rows: list[dict[str, str]]) -> dict[str, list[Figure]]:
    """0–24 for every year; the bands for the years from BANDS_FROM (what the slide shows).

    Every deck loads every figure file, so the 33 000 band figures for 2005–2023 that no slide
    shows would cost about half a second per process; run with --alle-aar to write them too.
    """
    out: dict[str, list[Figure]] = {ind: [] for ind in POPULATION_BANDS}
    for r in rows:
        region = LAND if r["granularity_geo"] == "nation" else r["code"]
        year = r["calyear"]
        split = region in SPLIT_INTO and int(year) < 2024
        for indicator, column in POPULATION_BANDS.items():
            if indicator != "barn_unge" and int(year) < BANDS_FROM:
                continue
            if split:
                out[indicator].append(Figure(indicator, region, year, None, POPULATION_SPLIT_MISSING))
            else:
                out[indicator].append(Figure(indicator, region, year, float(int(r[column]))))
    return out


def check_totals(counts: dict[tuple[str, str], tuple[int, int]], county_rows: list[dict[str, str]]) -> None:
    """The recoded sums must reproduce the collector's national totals (a converter error otherwise)."""
    national: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in county_rows:
        national[r["year"]][0] += int(r["neet_15_29"])
        national[r["year"]][1] += int(r["bosatte_15_29"])
    for year in NEET_YEARS:
        if tuple(national[year]) != counts[(LAND, year)]:
            raise SystemExit(f"NEET {year}: landstotalen {counts[(LAND, year)]} stemmer ikke med fylkessummene")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fra", type=Path, default=ROOT.parent / "shared" / "data" / "national")
    parser.add_argument("--til", type=Path, default=ROOT / "data" / "statistikk" / "tall")
    parser.add_argument("--alle-aar", action="store_true", help="Aldersgruppene for alle år 2005–2026.")
    args = parser.parse_args(argv)
    if args.alle_aar:
        global BANDS_FROM
        BANDS_FROM = 2005

    recode = recoding(read_csv(args.fra / "kommune-b2020-til-b2024.csv"))
    counts, left_out = neet_counts(read_csv(args.fra / "neet-15-29-kommune-2019-2024.csv"), recode)
    check_totals(counts, read_csv(args.fra / "neet-15-29-fylke-summert-2019-2024.csv"))
    shares, persons = neet_figures(counts, left_out)
    neet_origin = "neet-15-29-kommune-2019-2024.csv"
    recode_note = (
        "2020–2023 omkodet til 2024-kommunenummer (kommune-b2020-til-b2024.csv); "
        "fylkene er summert fra de omkodede kommunene."
    )
    outputs = [
        ("neet-kommuner.yaml", "neet", shares, "Verdier i prosent", NEET_METHOD),
        ("neet-personer-kommuner.yaml", "neet_personer", persons, "Verdier i antall personer", ""),
    ]
    for name, indicator, figures, unit, method in outputs:
        write_figure_file(
            args.til / name,
            indicator,
            figures,
            source="SSB",
            table="13556",
            licence=SSB,
            origin=f"shared/data/national/{neet_origin}",
            note=recode_note,
            method=method,
            header=HEADER.format(origin=neet_origin, unit=unit),
        )
        print(f"{name}: {len(figures)} tall ({sum(f.value is None for f in figures)} mangler)")

    population_origin = "befolkning-0-24-b2024.csv"
    for indicator, figures in population_figures(read_csv(args.fra / population_origin)).items():
        name = f"{indicator.replace('_', '-')}.yaml"
        write_figure_file(
            args.til / name,
            indicator,
            figures,
            source="SSB",
            table="07459",
            licence=SSB,
            origin=f"shared/data/national/{population_origin}",
            note="Folkemengde 1. januar, på 2024-grensene (omregnet av FHIs R-pakke csdata).",
            header=HEADER.format(origin=population_origin, unit="Verdier i antall personer"),
        )
        print(f"{name}: {len(figures)} tall ({sum(f.value is None for f in figures)} mangler)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
