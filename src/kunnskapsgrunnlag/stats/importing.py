"""Import figures from JSON-stat 2.0 (as SSB's and FHI's APIs answer) and from CSV.

Region codes are mapped to the registry: `0` (or `EAK`, `Hele landet`) is the whole country, two
digits a county, four digits a municipality; SSB's `K-`/`F-` prefixes are dropped. Status
symbols (`..` missing, `:` confidential, `.` not applicable) become missing values with the
reason, never 0. A file with no mappable region is rejected with a message that says why.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import product
from pathlib import Path
from typing import Any

from ..errors import KunnskapsgrunnlagError
from ..registry import Registry
from .model import LAND, NO_DATA, STATUS_REASONS, Figure

MAX_JSONSTAT_CELLS = 5_000_000  # a whole SSB table for every municipality and year is far below
LAND_NAMES = {"0", "00", "eak", "hele landet", "landet", "norge", "i alt"}
REGION_HINTS = ("region", "geo", "kommune", "fylke", "geografi", "område")
TIME_HINTS = ("tid", "år", "aar", "year", "time", "periode", "skoleår")


class ImportFailed(KunnskapsgrunnlagError):
    """A statistics file could not be read or mapped to the registry."""


@dataclass(frozen=True)
class Imported:
    figures: tuple[Figure, ...]
    unmapped: tuple[str, ...]  # region codes or names that are not in the registry
    title: str = ""
    table: str = ""
    source: str = ""
    unit: str = ""  # the unit the source states for the chosen contents code, if any
    contents_code: str = ""  # SSB's ContentsCode chosen, if the table has one


# --- regions --------------------------------------------------------------------------------------


def map_region(code: str, label: str, registry: Registry) -> str | None:
    """The region code in our terms (`0`, `40`, `4003`), or None if the registry does not know it."""
    raw = code.strip()
    for prefix in ("K-", "F-", "K", "F"):
        if raw.startswith(prefix) and raw[len(prefix) :].isdecimal():
            raw = raw[len(prefix) :]
            break
    if raw.casefold() in LAND_NAMES or label.strip().casefold() in LAND_NAMES:
        return LAND
    counties = {f.nummer for f in registry.fylker}
    if raw.isdecimal() and len(raw) <= 2 and raw.zfill(2) in counties:
        return raw.zfill(2)
    if raw.isdecimal() and len(raw) in (3, 4):
        try:
            return registry.kommune(raw).nummer
        except KunnskapsgrunnlagError:
            return None
    for text in (code, label):
        if not text.strip() or text.strip().isdecimal():
            continue
        try:
            return registry.kommune(text).nummer
        except KunnskapsgrunnlagError:
            pass
        try:
            return registry.fylke(text).nummer
        except KunnskapsgrunnlagError:
            pass
    return None


def _period(text: str) -> str:
    text = text.strip()
    fhi = re.fullmatch(r"(\d{4})_(\d{4})", text)  # FHI's year codes: 2024_2024, 2021_2023
    if fhi:
        first, last = fhi.groups()
        return first if first == last else f"{first}–{last}"
    return re.sub(r"(?<=\d)-(?=\d)", "–", text)


# --- JSON-stat 2.0 --------------------------------------------------------------------------------


def parse_json(text: str, origin: str) -> Any:
    """JSON as the standard says it: NaN and Infinity are not numbers there, and are refused."""

    def refuse(name: str) -> Any:
        raise ValueError(f"{name} er ikke et tall i JSON")

    try:
        return json.loads(text, parse_constant=refuse)
    except RecursionError as exc:
        raise ImportFailed(f"{origin}: JSON-verdiene er nøstet for dypt") from exc
    except ValueError as exc:
        raise ImportFailed(f"{origin}: er ikke gyldig JSON: {exc}") from exc


def read_json(path: Path) -> Any:
    from ..load.contentfile import decode_text, read_user_file

    return parse_json(decode_text(read_user_file(path), str(path)), str(path))


def import_jsonstat(
    data: Any,
    indicator_id: str,
    registry: Registry,
    *,
    origin: str,
    select: Mapping[str, str] | None = None,
    factor: float = 1.0,
) -> Imported:
    """Figures from a JSON-stat 2.0 dataset; `select` picks one category of every other dimension."""
    if isinstance(data, dict) and data.get("class") == "collection":
        raise ImportFailed(f"{origin}: en JSON-stat-samling; hent ett datasett (class: dataset)")
    if not isinstance(data, dict) or not {"id", "size", "dimension", "value"} <= data.keys():
        raise ImportFailed(f"{origin}: forventet JSON-stat 2.0 med feltene id, size, dimension og value")
    ids, sizes = data["id"], data["size"]
    if not isinstance(ids, list) or not all(isinstance(d, str) for d in ids):
        raise ImportFailed(f"{origin}: id må være en liste med dimensjonsnavn")
    if not isinstance(sizes, list) or not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in sizes):
        raise ImportFailed(f"{origin}: size må være en liste med hele tall")
    if len(ids) != len(sizes):
        raise ImportFailed(f"{origin}: id og size har ulik lengde ({len(ids)} og {len(sizes)})")
    if not isinstance(data["dimension"], dict) or any(d not in data["dimension"] for d in ids):
        raise ImportFailed(f"{origin}: dimension mangler en av dimensjonene {', '.join(ids)}")
    cells = 1
    for n in sizes:
        cells *= n
    if cells > MAX_JSONSTAT_CELLS:
        raise ImportFailed(
            f"{origin}: datasettet har {cells} celler; grensen er {MAX_JSONSTAT_CELLS} (avgrens uttaket)"
        )
    role = data.get("role") or {}
    region_dim = _pick_dim(ids, role.get("geo"), REGION_HINTS, origin, "region (geo)")
    time_dim = _pick_dim(ids, role.get("time"), TIME_HINTS, origin, "tid (time)")
    categories = {dim: _categories(data["dimension"][dim], dim, origin) for dim in ids}
    for dim, size in zip(ids, sizes, strict=True):
        if len(categories[dim]) != size:
            raise ImportFailed(f"{origin}: dimensjonen {dim} har {len(categories[dim])} koder, men size sier {size}")
    select = dict(select or {})
    fixed: dict[str, int] = {}
    for dim, cats in categories.items():
        if dim in (region_dim, time_dim):
            continue
        if dim in select:
            codes = [c for c, _ in cats]
            if select[dim] not in codes:
                raise ImportFailed(f"{origin}: {dim}={select[dim]} finnes ikke; kjente koder: {', '.join(codes)}")
            fixed[dim] = codes.index(select[dim])
        elif len(cats) == 1:
            fixed[dim] = 0
        else:
            choices = ", ".join(f"{c} ({label})" for c, label in cats[:8])
            raise ImportFailed(
                f"{origin}: dimensjonen {dim} har {len(cats)} verdier; velg én med --velg {dim}=KODE (f.eks. {choices})"
            )
    values = _flat(data["value"], sizes, "value", origin)
    statuses = _flat(data.get("status"), sizes, "status", origin)
    figures: list[Figure] = []
    unmapped: list[str] = []
    for index_tuple in product(*(range(n) for n in sizes)):
        position = dict(zip(ids, index_tuple, strict=True))
        if any(position[d] != i for d, i in fixed.items()):
            continue
        flat = 0
        for dim, size in zip(ids, sizes, strict=True):
            flat = flat * size + position[dim]
        code, label = categories[region_dim][position[region_dim]]
        region = map_region(code, label, registry)
        if region is None:
            if code not in unmapped:
                unmapped.append(code)
            continue
        period = _period(categories[time_dim][position[time_dim]][0])
        value, status = values.get(flat), statuses.get(flat)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float | str)):
            raise ImportFailed(f"{origin}: value[{flat}]: forventet et tall eller null, fikk {value!r}")
        if status is not None and not isinstance(status, str):
            raise ImportFailed(f"{origin}: status[{flat}]: forventet et statussymbol, fikk {status!r}")
        figures.append(_figure(indicator_id, region, period, value, status, factor))
    if not figures:
        raise ImportFailed(
            f"{origin}: ingen regionkoder kunne knyttes til kommuneregisteret "
            f"(fikk f.eks. {', '.join(unmapped[:5]) or 'ingen'}); forventet 0, fylkesnummer "
            "eller gjeldende kommunenummer"
        )
    ext = (data.get("extension") or {}).get("px") or {}
    contents_dim = next((d for d in ids if d.casefold() in ("contentscode", "statistikkvariabel")), None)
    contents_code = unit = ""
    if contents_dim is not None and contents_dim in fixed:
        contents_code = categories[contents_dim][fixed[contents_dim]][0]
        units = ((data["dimension"][contents_dim] or {}).get("category") or {}).get("unit") or {}
        described = units.get(contents_code) if isinstance(units, dict) else None
        unit = str(described.get("base", "")) if isinstance(described, dict) else ""
    return Imported(
        tuple(figures),
        tuple(unmapped),
        str(data.get("label", "")),
        str(ext.get("tableid", "") if isinstance(ext, dict) else ""),
        str(data.get("source", "")),
        unit,
        contents_code,
    )


def _pick_dim(ids: list[str], by_role: Sequence[str] | None, hints: tuple[str, ...], origin: str, what: str) -> str:
    if by_role:
        return by_role[0]
    for dim in ids:
        if any(h in dim.casefold() for h in hints):
            return dim
    raise ImportFailed(f"{origin}: fant ingen dimensjon for {what} blant {', '.join(ids)}")


def _categories(dimension: Any, dim: str, origin: str) -> list[tuple[str, str]]:
    try:
        category = dimension["category"]
        index = category.get("index")
        labels = category.get("label") or {}
        if index is None:
            codes = list(labels)
        elif isinstance(index, list):
            codes = list(index)
        else:
            codes = [code for code, _ in sorted(index.items(), key=lambda item: item[1])]
        return [(str(code), str(labels.get(code, code))) for code in codes]
    except (KeyError, TypeError, AttributeError) as exc:
        raise ImportFailed(f"{origin}: dimensjonen {dim} mangler category.index/label") from exc


def _flat(raw: Any, sizes: list[int], name: str, origin: str) -> dict[int, Any]:
    total = 1
    for n in sizes:
        total *= n
    if raw is None:
        return {}
    if isinstance(raw, str):  # one status for every cell
        return dict.fromkeys(range(total), raw)
    if isinstance(raw, list):
        if name == "value" and len(raw) != total:
            raise ImportFailed(f"{origin}: value har {len(raw)} tall, men size gir {total}")
        return dict(enumerate(raw))
    if isinstance(raw, dict):
        try:
            return {int(k): v for k, v in raw.items()}
        except (TypeError, ValueError) as exc:
            raise ImportFailed(f"{origin}: {name} har nøkler som ikke er celle-numre") from exc
    raise ImportFailed(f"{origin}: {name} må være en liste eller et oppslag")


def _figure(indicator_id: str, region: str, period: str, value: Any, status: str | None, factor: float) -> Figure:
    status = (status or "").strip()
    if isinstance(value, str):  # some CSV-like producers put the symbol in the value itself
        value, status = (None, value.strip()) if value.strip() in STATUS_REASONS else (_number(value), status)
    if status == "-":  # SSB's dash is a true zero ("nothing to register"), not a missing value
        return Figure(indicator_id, region, period, 0.0, note=STATUS_REASONS["-"])
    if value is None or status in ("..", ":", "."):
        reason = STATUS_REASONS.get(status, NO_DATA if not status else f"mangler (status {status!r})")
        return Figure(indicator_id, region, period, None, reason)
    return Figure(indicator_id, region, period, round(float(value) * factor, 6))


def _number(text: str) -> float | None:
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if not cleaned:
        return None
    try:
        return float(cleaned)
    except ValueError:
        return None


# --- CSV ------------------------------------------------------------------------------------------

CSV_REGION = ("region", "kommunenummer", "knr", "regionkode", "kommune", "geografi", "fylke")
CSV_PERIOD = ("periode", "period", "år", "tid", "year", "skoleår")
CSV_VALUE = ("verdi", "value", "andel", "prosent", "antall")
CSV_STATUS = ("status", "merknad")


def import_csv(
    text: str, indicator_id: str, registry: Registry, *, origin: str, period: str | None = None, factor: float = 1.0
) -> Imported:
    """Figures from a CSV with a region column (code or name), a period column and a value column."""
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else "", delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        rows = list(reader)
    except csv.Error as exc:  # a NUL byte, an over-long field, an unclosed quote
        raise ImportFailed(f"{origin}:{reader.line_num}: CSV-feil: {exc}") from exc
    if not rows:
        raise ImportFailed(f"{origin}: fila er tom")
    header = [h.strip() for h in rows[0]]
    folded = [h.casefold() for h in header]
    region_col = _column(folded, CSV_REGION)
    period_col = _column(folded, CSV_PERIOD)
    value_col = _column(folded, CSV_VALUE)
    status_col = _column(folded, CSV_STATUS)
    if region_col is None or value_col is None or (period_col is None and period is None):
        raise ImportFailed(
            f"{origin}:1: forventet kolonner for region ({'/'.join(CSV_REGION[:3])}), periode "
            f"({'/'.join(CSV_PERIOD[:3])}, eller --periode) og verdi ({'/'.join(CSV_VALUE[:3])}); "
            f"fikk {', '.join(header)}"
        )
    figures: list[Figure] = []
    unmapped: list[str] = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            hint = (
                " (står det et desimalkomma i et tall uten anførselstegn? skriv «1 234,5» i anførselstegn "
                "eller bruk semikolon som skilletegn)"
                if len(row) > len(header) and dialect.delimiter == ","
                else ""
            )
            raise ImportFailed(f"{origin}:{line}: forventet {len(header)} kolonner, fikk {len(row)}{hint}")
        name = row[region_col]
        region = map_region(name, name, registry)
        if region is None:
            unmapped.append(name)
            continue
        when = _period(
            row[period_col][:4]
            if period_col is not None and _is_date(row[period_col])
            else row[period_col]
            if period_col is not None
            else period or ""
        )
        raw = row[value_col].strip()
        status = row[status_col].strip() if status_col is not None else ""
        if raw in STATUS_REASONS or not raw:
            figures.append(_figure(indicator_id, region, when, None, raw or status, factor))
            continue
        value = _number(raw)
        if value is None:
            raise ImportFailed(f"{origin}:{line}: forventet et tall eller et statussymbol (.. : .), fikk {raw!r}")
        figures.append(_figure(indicator_id, region, when, value, status, factor))
    if not figures:
        raise ImportFailed(
            f"{origin}: ingen regioner kunne knyttes til kommuneregisteret "
            f"(fikk f.eks. {', '.join(unmapped[:5]) or 'ingen rader'})"
        )
    return Imported(tuple(figures), tuple(unmapped))


def _column(folded: list[str], names: tuple[str, ...]) -> int | None:
    for name in names:
        for i, header in enumerate(folded):
            if header == name or header.startswith(name + " ") or header.startswith(name + "("):
                return i
    return None


def _is_date(text: str) -> bool:
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()))
