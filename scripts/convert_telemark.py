"""Convert the Telemark figures in shared/data/telemark/*.csv into data/statistikk/tall/*.yaml.

Municipality names are matched to numbers in data/registry/kommuner.json (county 40); the
county is region 40 and the whole country region 0. Fractions become per cent. An empty value
stays missing (value: null, with the reason), never 0. Provenance (source, table, licence and
the original file) is kept in every output file.

    .venv/bin/python scripts/convert_telemark.py [--fra ../shared/data/telemark] [--til data/statistikk/tall]
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kunnskapsgrunnlag.registry import load_registry
from kunnskapsgrunnlag.stats.load import write_figure_file
from kunnskapsgrunnlag.stats.model import LAND, Figure

ROOT = Path(__file__).resolve().parent.parent
COUNTY = "40"
SUPPRESSED_FHI = "ikke publisert av FHI (tom verdi i kilden: for få elever eller svar til å vise tallet)"
HEADER = (
    "Laget av scripts/convert_telemark.py fra shared/data/telemark/{origin}.\n"
    "Ikke rediger for hånd: kjør skriptet på nytt. Verdier i prosent; null = mangler (se missing)."
)


@dataclass(frozen=True)
class Dataset:
    indicator: str
    origin: str
    source: str
    table: str
    licence: str
    rows: Callable[[list[dict[str, str]], Callable[[str], str]], list[Figure]]
    note: str = ""


def dash(period: str) -> str:
    return period.replace("-", "–")


def percent(text: str) -> float | None:
    text = text.strip()
    return None if not text else round(float(text) * 100, 4)


def share_by_name(column: str, period: str, indicator: str):
    def rows(data: list[dict[str, str]], region: Callable[[str], str]) -> list[Figure]:
        return [Figure(indicator, region(r["Kommune"]), period, float(r[column])) for r in data]

    return rows


def barnehage(data: list[dict[str, str]], region: Callable[[str], str]) -> list[Figure]:
    out = []
    for r in data:
        code, note = r["Kommunenummer"].strip(), ""
        if code == "00":
            code = LAND
        elif code == "08":  # KOSTRA's Telemark before the 2024 county split: same area as county 40
            code, note = COUNTY, "Fylkestallet er oppgitt under det gamle fylkesnummeret 08 (Telemark)."
        out.append(Figure("barnehage", code, r["År"][:4], percent(r["Andel"]), note=note))
    return out


def barnevern(data: list[dict[str, str]], region: Callable[[str], str]) -> list[Figure]:
    return [
        Figure("barnevern", region(r["Geografi"]), r["År"][:4], percent(r["Andel"]))
        for r in data
        if r["Kjønn"] == "Kjønn samlet" and r["Alder"] == "0-17"
    ]


def mobbing(data: list[dict[str, str]], region: Callable[[str], str]) -> list[Figure]:
    out = []
    for r in data:
        value = percent(r["Andel"])
        out.append(
            Figure(
                "mobbing", region(r["Kommune"]), dash(r["Skoleår"]), value, SUPPRESSED_FHI if value is None else None
            )
        )
    return out


FHI = "NLOD / CC BY 4.0 (Kilde: FHI)"
SSB = "NLOD / CC BY 4.0 (Kilde: SSB)"
DATASETS = (
    # SSB's published shares: kept as a cross-check of the shares computed from counts
    # (scripts/convert_national.py), never charted beside them.
    Dataset(
        "neet_publisert",
        "neet-15-29-2024.csv",
        "SSB",
        "13556",
        SSB,
        share_by_name("Andel (2024)", "2024", "neet_publisert"),
        note="SSBs publiserte andel; kontrolltall for andelene beregnet fra antall.",
    ),
    Dataset(
        "lavinntekt",
        "vedvarende-lavinntekt-0-17-2021-2023.csv",
        "FHI",
        "Kommunehelsa statistikkbank, vedvarende lavinntekt (EU-60), fra SSBs inntektsstatistikk",
        FHI,
        share_by_name("Andel (2021-2023)", "2021–2023", "lavinntekt"),
        note="Treårsperiode; FHI publiserer andelen i hele prosent.",
    ),
    Dataset(
        "barnehage",
        "barnehagedekning-1-5.csv",
        "SSB",
        "13502",
        SSB,
        barnehage,
        note="KOSTRA, barnehagedekning 1–5 år; kildefila oppgir andel, her gjort om til prosent.",
    ),
    Dataset(
        "barnevern",
        "barnevernstiltak-0-17.csv",
        "FHI",
        "FHI statistikkbank, tabell 337 (barnevernstiltak)",
        FHI,
        barnevern,
        note="Kildefila oppgir andel, her gjort om til prosent.",
    ),
    Dataset(
        "mobbing",
        "mobbing-7-trinn.csv",
        "FHI",
        "FHI statistikkbank, Elevundersøkelsen (standardisert andel, treårsgjennomsnitt)",
        FHI,
        mobbing,
        note="Standardisert andel, treårsgjennomsnitt; kildefila oppgir andel, her gjort om til prosent.",
    ),
)


def region_lookup(registry_dir: Path) -> Callable[[str], str]:
    registry = load_registry(registry_dir)
    names = {k.navn: k.nummer for k in registry.kommuner if k.fylke.nummer == COUNTY}
    names.update({"Telemark": COUNTY, "Hele landet": LAND, "Landet": LAND})

    def region(name: str) -> str:
        try:
            return names[name.strip()]
        except KeyError:
            raise SystemExit(f"ukjent kommunenavn {name!r}: finnes ikke i fylke {COUNTY} i kommuner.json") from None

    return region


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fra", type=Path, default=ROOT.parent / "shared" / "data" / "telemark")
    parser.add_argument("--til", type=Path, default=ROOT / "data" / "statistikk" / "tall")
    args = parser.parse_args(argv)
    region = region_lookup(ROOT / "data" / "registry")
    for ds in DATASETS:
        with (args.fra / ds.origin).open(encoding="utf-8", newline="") as handle:
            figures = ds.rows(list(csv.DictReader(handle)), region)
        target = args.til / f"{ds.indicator.replace('_', '-')}-telemark.yaml"
        write_figure_file(
            target,
            ds.indicator,
            figures,
            source=ds.source,
            table=ds.table,
            licence=ds.licence,
            origin=f"shared/data/telemark/{ds.origin}",
            note=ds.note,
            header=HEADER.format(origin=ds.origin),
        )
        missing = sum(f.value is None for f in figures)
        print(f"{target.relative_to(ROOT)}: {len(figures)} tall ({missing} mangler)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
