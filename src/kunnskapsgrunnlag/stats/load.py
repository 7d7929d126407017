"""Read the project's statistics (`data/statistikk/`) into the model, and write figure files.

`indikatorer.yaml` defines the indicators; `tall/*.yaml` hold figures per region and period,
each file with its provenance (source, table, licence, origin). Problems are reported with
file and line, all at once.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from ..errors import ContentError, Problem, display_path
from ..limits import MAX_DATA_FILE_BYTES
from ..load.yamlsource import LocatedList, LocatedMap, YamlSyntaxError, parse_yaml, read_yaml
from ..model import Kommune
from ..write import write_text_atomic
from .model import LAND, NO_DATA, Comparison, Figure, Indicator
from .validation import method_of, validate_figures

INDICATOR_FILE = "indikatorer.yaml"
FIGURE_FOLDER = "tall"
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
UNITS = ("prosent", "antall")
INDICATOR_FIELDS = (
    "label",
    "short",
    "unit",
    "decimals",
    "source",
    "table",
    "period",
    "licence",
    "url",
    "description",
    "national",
    "method",
    "trend_from",
    "count_indicator",
    "small_count",
    "bands",
    "change_from",
    "update_interval_months",
    "range",
    "tables",
    "contents_codes",
    "fetch",
)
NATIONAL_FIELDS = ("value", "period", "source", "table", "qualifier", "note", "missing")
FIGURE_FILE_FIELDS = (
    "indicator",
    "source",
    "table",
    "licence",
    "origin",
    "note",
    "figures",
    "method",
)
FIGURE_FIELDS = ("region", "period", "value", "missing", "qualifier", "note")


def statistics_dir(project_root: Path) -> Path:
    return project_root / "data" / "statistikk"


@dataclass
class StatsStore:
    """Every indicator and figure of a project, indexed for look-ups."""

    indicators: dict[str, Indicator]
    figures: dict[tuple[str, str, str], Figure] = field(default_factory=dict)
    files: tuple[Path, ...] = ()
    # (indicator, source, table, region, period): every method's figure, to keep a chart to one
    by_method: dict[tuple[str, ...], Figure] = field(default_factory=dict)

    def figure(self, indicator_id: str, region: str, period: str) -> Figure | None:
        return self.figures.get((indicator_id, region, period))

    @cached_property
    def _index(self) -> dict[str, tuple[set[str], list[str]]]:
        """Indicator → (its regions, its periods sorted): built once, the figures are many."""
        regions: dict[str, set[str]] = {}
        periods: dict[str, set[str]] = {}
        for ind, region, period in self.figures:
            regions.setdefault(ind, set()).add(region)
            periods.setdefault(ind, set()).add(period)
        return {ind: (regions[ind], sorted(periods[ind], key=lambda p: (p[:4], p))) for ind in regions}

    def regions(self, indicator_id: str) -> set[str]:
        return self._index.get(indicator_id, (set(), []))[0]

    def periods(self, indicator_id: str) -> list[str]:
        return self._index.get(indicator_id, (set(), []))[1]

    def _missing(self, indicator: Indicator, region: str, period: str) -> Figure:
        return Figure(indicator.id, region, period, None, NO_DATA, indicator.source, indicator.table, indicator.licence)

    def comparison(self, indicator_id: str, kommune: Kommune | None) -> Comparison:
        """The indicator's figures for `kommune`, its county and the country, in the indicator's period.

        A municipality without a figure gets a `Figure` with `value=None` and the reason: never 0.
        Indicators with a trend, bands or a change get those too (see `Comparison`).
        """
        indicator = self.indicators[indicator_id]
        period = indicator.period
        land = self.figure(indicator_id, LAND, period) or indicator.national_for(period) or indicator.national_for()
        extra = self._extras(indicator, kommune)
        if kommune is None:
            if not indicator.trend_from:
                extra["land_series"] = self.land_series(indicator_id)
            return Comparison(indicator, None, None, None, None, land, **extra)
        fylke = self.figure(indicator_id, kommune.fylke.nummer, period)
        local = self.figure(indicator_id, kommune.nummer, period)
        if local is not None:
            # Never mix methods in one chart: the county and the country from the municipality's.
            same = (indicator_id, *method_of(local))
            fylke = self.by_method.get((*same, kommune.fylke.nummer, period))
            land = self.by_method.get((*same, LAND, period)) or land
        else:
            local = self._missing(indicator, kommune.nummer, period)
        if fylke is None and self._has_any(indicator_id, kommune.fylke.nummer):
            fylke = self._missing(indicator, kommune.fylke.nummer, period)
        return Comparison(indicator, kommune.navn, kommune.fylke.navn, local, fylke, land, **extra)

    def _extras(self, indicator: Indicator, kommune: Kommune | None) -> dict:
        """Trend series, the count behind a share, bands and changes, for the indicators that have them."""
        out: dict = {}
        local = kommune.nummer if kommune else LAND
        if indicator.trend_from:
            periods = [p for p in self.periods(indicator.id) if indicator.trend_from <= p <= indicator.period]

            def series(region: str) -> tuple[Figure, ...]:
                return tuple(
                    self.figure(indicator.id, region, p) or self._missing(indicator, region, p) for p in periods
                )

            out["land_series"] = series(LAND)
            if kommune is not None:
                out["kommune_series"] = series(kommune.nummer)
                if self._has_any(indicator.id, kommune.fylke.nummer):
                    out["fylke_series"] = series(kommune.fylke.nummer)
        if indicator.count_indicator:
            out["count"] = self.figure(indicator.count_indicator, local, indicator.period)
        if indicator.bands:
            out["bands"] = tuple(
                (self.indicators[b], self.figure(b, local, self.indicators[b].period)) for b in indicator.bands
            )
        if indicator.change_from:
            roles = [("land", "Hele landet", LAND)]
            if kommune is not None:
                roles[:0] = [
                    ("kommune", kommune.navn, kommune.nummer),
                    ("fylke", kommune.fylke.navn, kommune.fylke.nummer),
                ]
            out["changes"] = tuple(
                (
                    role,
                    label,
                    self.figure(indicator.id, region, indicator.change_from),
                    self.figure(indicator.id, region, indicator.period),
                )
                for role, label, region in roles
            )
        return out

    def land_series(self, indicator_id: str, limit: int = 6) -> tuple[Figure, ...]:
        """The country's figures over time: data files first, then the definition's reference values."""
        by_period: dict[str, Figure] = {}
        for figure in self.indicators[indicator_id].national:
            by_period[figure.period] = figure
        for period in self.periods(indicator_id):
            figure = self.figure(indicator_id, LAND, period)
            if figure is not None:
                by_period[period] = figure
        ordered = sorted(by_period.values(), key=lambda f: (f.period[:4], f.period))
        return tuple(ordered[-limit:])

    def _has_any(self, indicator_id: str, region: str) -> bool:
        return region in self.regions(indicator_id)

    def comparisons(self, kommune: Kommune | None) -> dict[str, Comparison]:
        return {ind: self.comparison(ind, kommune) for ind in sorted(self.indicators)}


def fetch_configs(folder: Path) -> dict[str, Any]:
    """Each indicator's `fetch:` entry (how `stats oppdater` asks SSB or FHI), by indicator id."""
    data = read_yaml(folder / INDICATOR_FILE, INDICATOR_FILE)
    if not isinstance(data, dict):
        return {}
    return {ind: entry["fetch"] for ind, entry in data.items() if isinstance(entry, dict) and "fetch" in entry}


def load_statistics(folder: Path, root: Path | None = None, replacing: Mapping[Path, str] | None = None) -> StatsStore:
    """Load definitions and figures; raise `ContentError` with every problem found.

    `replacing` gives the text a figure file would have (new or replaced) instead of what is on
    disk: an import proves the whole store with its result before writing a byte.
    """
    root = root or folder
    replacing = dict(replacing or {})
    problems: list[Problem] = []
    indicators = _load_indicators(folder / INDICATOR_FILE, root, problems)
    files = [folder / INDICATOR_FILE]
    figure_dir = folder / FIGURE_FOLDER
    paths = set(figure_dir.glob("*.yaml")) if figure_dir.is_dir() else set()
    located: dict[str, list[tuple[Figure, tuple[str, int | None]]]] = {}
    for path in sorted(paths | set(replacing)):
        files.append(path)
        for figure, place in _load_figure_file(path, root, indicators, problems, replacing.get(path)):
            located.setdefault(figure.indicator, []).append((figure, place))
    figures: dict[tuple[str, str, str], Figure] = {}
    by_method: dict[tuple[str, ...], Figure] = {}
    for ind_id, items in located.items():
        indicator = indicators[ind_id]
        problems += validate_figures(indicator, [f for f, _ in items], [place for _, place in items])
        # One figure per region and period for look-ups: the indicator's own table first, then a
        # fixed order (never the order of the files).
        for figure, _ in sorted(items, key=lambda item: _preference(indicator, item[0])):  # best last
            figures[(ind_id, figure.region, figure.period)] = figure
            by_method[(ind_id, *method_of(figure), figure.region, figure.period)] = figure
    for ind in indicators.values():
        for ref in (*ind.bands, ind.count_indicator):
            if ref and ref not in indicators:
                problems.append(
                    Problem(display_path(folder / INDICATOR_FILE, root), None, f"{ind.id}: ukjent indikator {ref!r}")
                )
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ContentError(errors)
    return StatsStore(indicators, figures, tuple(files), by_method)


def _preference(indicator: Indicator, figure: Figure) -> tuple:
    own = figure.table == indicator.table or figure.table in indicator.tables
    return (figure.method == indicator.method, own, figure.source, figure.table, figure.method)


def _read(path: Path, root: Path, problems: list[Problem], text: str | None = None) -> tuple[str, Any]:
    display = display_path(path, root)
    if text is not None:
        try:
            return display, parse_yaml(text, display, problems)
        except YamlSyntaxError as exc:
            problems.append(exc.problem)
            return display, None
    if not path.exists() and not path.is_symlink():
        problems.append(Problem(display, None, "filen mangler"))
        return display, None
    try:
        return display, read_yaml(path, display, root, MAX_DATA_FILE_BYTES, problems)
    except YamlSyntaxError as exc:
        problems.append(exc.problem)
        return display, None


def _read_figures(path: Path, root: Path, problems: list[Problem], text: str | None = None) -> tuple[str, Any]:
    """A figure file: the fast reader for generated files, YAML for anything else.

    The text is read through the same capped, inside-the-project reader as every content file.
    """
    from ..load.contentfile import UnreadableFile, read_content_file
    from .figurefile import parse_figure_file

    display = display_path(path, root)
    if text is None:
        if not path.exists() and not path.is_symlink():
            problems.append(Problem(display, None, "filen mangler"))
            return display, None
        try:
            text = read_content_file(path, root, MAX_DATA_FILE_BYTES)
        except UnreadableFile as exc:
            problems.append(exc.problem)
            return display, None
    data = parse_figure_file(text)
    return (display, data) if data is not None else _read(path, root, problems, text)


def _line(data: Any, key: str | None = None) -> int | None:
    if isinstance(data, LocatedMap):
        return data.line_of(key) if key else data.line
    if isinstance(data, LocatedList):
        return data.line
    return None


def _unknown(data: LocatedMap, allowed: tuple[str, ...], display: str, where: str, problems: list[Problem]) -> None:
    for key in data:
        if key not in allowed:
            problems.append(
                Problem(display, data.line_of(key), f"{where}{key}: ukjent felt; tillatte felt er {', '.join(allowed)}")
            )


def _text(data: LocatedMap, key: str, display: str, where: str, problems: list[Problem], required: bool = True) -> str:
    value = data.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            problems.append(Problem(display, data.line, f"{where}mangler det påkrevde feltet '{key}'"))
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        problems.append(Problem(display, data.line_of(key), f"{where}{key}: forventet tekst, fikk {value!r}"))
        return ""
    return str(value).strip()


def _number(data: LocatedMap, key: str, display: str, where: str, problems: list[Problem]) -> float | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        problems.append(
            Problem(
                display,
                data.line_of(key),
                f"{where}{key}: forventet et tall (med punktum som desimaltegn) eller null, fikk {value!r}",
            )
        )
        return None
    return float(value)


def _load_indicators(path: Path, root: Path, problems: list[Problem]) -> dict[str, Indicator]:
    display, data = _read(path, root, problems)
    if data is None:
        return {}
    if not isinstance(data, LocatedMap):
        problems.append(Problem(display, 1, "forventet et oppslag fra indikator-id til definisjon"))
        return {}
    indicators: dict[str, Indicator] = {}
    for ind_id, entry in data.items():
        line = data.line_of(ind_id)
        where = f"{ind_id}: "
        if not ID_PATTERN.match(ind_id):
            problems.append(
                Problem(
                    display,
                    line,
                    f"{where}indikator-id skrives med a–z, tall og understrek (den brukes i maler som statistikk.<id>)",
                )
            )
            continue
        if not isinstance(entry, LocatedMap):
            problems.append(Problem(display, line, f"{where}forventet feltene label, unit, source …"))
            continue
        _unknown(entry, INDICATOR_FIELDS, display, where, problems)
        unit = _text(entry, "unit", display, where, problems)
        if unit and unit not in UNITS:
            problems.append(
                Problem(
                    display, entry.line_of("unit"), f"{where}unit: forventet en av ({', '.join(UNITS)}), fikk {unit!r}"
                )
            )
        decimals = entry.get("decimals", 0)
        if not isinstance(decimals, int) or isinstance(decimals, bool) or not 0 <= decimals <= 3:
            problems.append(
                Problem(
                    display,
                    entry.line_of("decimals"),
                    f"{where}decimals: forventet et helt tall fra 0 til 3, fikk {decimals!r}",
                )
            )
            decimals = 0
        common = {
            name: _text(entry, name, display, where, problems)
            for name in ("label", "source", "table", "period", "licence")
        }
        national = _national(entry.get("national", []), ind_id, common, display, problems)
        value_range = _range(entry, unit, display, where, problems)
        indicators[ind_id] = Indicator(
            value_range=value_range,
            tables=_texts(entry, "tables", display, where, problems),
            contents_codes=_texts(entry, "contents_codes", display, where, problems),
            id=ind_id,
            unit=unit,
            decimals=decimals,
            national=national,
            short=_text(entry, "short", display, where, problems, required=False) or common["label"],
            url=_text(entry, "url", display, where, problems, required=False),
            description=_text(entry, "description", display, where, problems, required=False),
            **_series_fields(entry, display, where, problems),
            **common,
        )
    return indicators


def _series_fields(entry: LocatedMap, display: str, where: str, problems: list[Problem]) -> dict[str, Any]:
    """The optional keys for trends, bands, small counts and updates (see indikatorer.yaml)."""
    out: dict[str, Any] = {
        name: _text(entry, name, display, where, problems, required=False)
        for name in ("method", "trend_from", "count_indicator", "change_from")
    }
    for name in ("small_count", "update_interval_months"):
        value = entry.get(name)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
            problems.append(
                Problem(display, entry.line_of(name), f"{where}{name}: forventet et positivt heltall, fikk {value!r}")
            )
            value = None
        out[name] = value
    bands = entry.get("bands", [])
    if not isinstance(bands, list) or not all(isinstance(b, str) and ID_PATTERN.match(b) for b in bands):
        problems.append(
            Problem(display, entry.line_of("bands"), f"{where}bands: forventet en liste med indikator-id-er")
        )
        bands = []
    out["bands"] = tuple(bands)
    if "fetch" in entry:
        from .update import fetch_config_problems

        for message in fetch_config_problems(where.rstrip(": "), entry["fetch"]):
            problems.append(Problem(display, entry.line_of("fetch"), message))
    return out


DEFAULT_RANGES = {"prosent": (0.0, 100.0), "antall": (0.0, float("inf"))}


def _range(
    entry: LocatedMap, unit: str, display: str, where: str, problems: list[Problem]
) -> tuple[float, float] | None:
    """The indicator's valid values: `range: [min, max]`, or by unit (0–100 per cent, ≥ 0 counts)."""
    raw = entry.get("range")
    if raw is None:
        return DEFAULT_RANGES.get(unit)
    ok = (
        isinstance(raw, list)
        and len(raw) == 2
        and all(isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x) for x in raw)
        and raw[0] <= raw[1]
    )
    if not ok:
        problems.append(
            Problem(display, entry.line_of("range"), f"{where}range: forventet [min, maks] med to tall, fikk {raw!r}")
        )
        return DEFAULT_RANGES.get(unit)
    return float(raw[0]), float(raw[1])


def _texts(entry: LocatedMap, key: str, display: str, where: str, problems: list[Problem]) -> tuple[str, ...]:
    raw = entry.get(key)
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(x, str | int) and not isinstance(x, bool) for x in raw):
        message = f"{where}{key}: forventet en liste med tekster, fikk {raw!r}"
        problems.append(Problem(display, entry.line_of(key), message))
        return ()
    return tuple(str(x).strip() for x in raw)


def _national(
    items: Any, ind_id: str, common: dict[str, str], display: str, problems: list[Problem]
) -> tuple[Figure, ...]:
    if not isinstance(items, list):
        problems.append(Problem(display, _line(items), f"{ind_id}.national: forventet en liste med verdier"))
        return ()
    out = []
    for i, item in enumerate(items):
        where = f"{ind_id}.national[{i}]: "
        if not isinstance(item, LocatedMap):
            problems.append(
                Problem(
                    display,
                    items.line_of(i) if isinstance(items, LocatedList) else None,
                    f"{where}forventet feltene value, period og source",
                )
            )
            continue
        _unknown(item, NATIONAL_FIELDS, display, where, problems)
        value, missing = _value_and_missing(item, display, where, problems)
        out.append(
            Figure(
                indicator=ind_id,
                region=LAND,
                period=_text(item, "period", display, where, problems),
                value=value,
                missing=missing if value is None else None,
                source=_text(item, "source", display, where, problems, required=False) or common["source"],
                table=_text(item, "table", display, where, problems, required=False) or common["table"],
                licence=common["licence"],
                qualifier=_text(item, "qualifier", display, where, problems, required=False),
                note=_text(item, "note", display, where, problems, required=False),
            )
        )
    return tuple(out)


def _value_and_missing(
    item: LocatedMap, display: str, where: str, problems: list[Problem]
) -> tuple[float | None, str | None]:
    """A figure's value, or the reason it is missing: one of the two, never a silent 0."""
    value = _number(item, "value", display, where, problems)
    missing = _text(item, "missing", display, where, problems, required=False) or None
    if value is None and missing is None:
        problems.append(
            Problem(
                display,
                item.line,
                f"{where}value er tom: skriv en verdi, eller value: null med missing: <grunn> "
                "(en manglende verdi er aldri 0)",
            )
        )
        missing = NO_DATA
    return value, missing


def _load_figure_file(
    path: Path, root: Path, indicators: dict[str, Indicator], problems: list[Problem], text: str | None = None
) -> list[tuple[Figure, tuple[str, int | None]]]:
    display, data = _read_figures(path, root, problems, text)
    if data is None:
        return []
    if not isinstance(data, LocatedMap):
        problems.append(Problem(display, 1, "forventet feltene indicator, source, table, licence og figures"))
        return []
    _unknown(data, FIGURE_FILE_FIELDS, display, "", problems)
    ind_id = _text(data, "indicator", display, "", problems)
    if ind_id and ind_id not in indicators:
        from ..suggest import did_you_mean

        problems.append(
            Problem(
                display,
                data.line_of("indicator"),
                f"indicator: ukjent indikator {ind_id!r}" + did_you_mean(ind_id, indicators),
            )
        )
        return []
    provenance = {name: _text(data, name, display, "", problems) for name in ("source", "table", "licence")}
    provenance["method"] = _text(data, "method", display, "", problems, required=False)
    items = data.get("figures")
    if not isinstance(items, LocatedList):
        problems.append(Problem(display, _line(data, "figures"), "figures: forventet en liste med tall"))
        return []
    out = []
    for i, item in enumerate(items):
        where = f"figures[{i}]: "
        if isinstance(item, tuple):  # the fast reader's checked (region, period, value, note)
            region, period, value, note = item
            out.append((Figure(ind_id, region, period, value, note=note, **provenance), (display, items.line_of(i))))
            continue
        if not isinstance(item, LocatedMap):
            problems.append(Problem(display, items.line_of(i), f"{where}forventet feltene region, period og value"))
            continue
        _unknown(item, FIGURE_FIELDS, display, where, problems)
        value, missing = _value_and_missing(item, display, where, problems)
        figure = Figure(
            indicator=ind_id,
            region=_text(item, "region", display, where, problems),
            period=_text(item, "period", display, where, problems),
            value=value,
            missing=missing if value is None else None,
            qualifier=_text(item, "qualifier", display, where, problems, required=False),
            note=_text(item, "note", display, where, problems, required=False),
            **provenance,
        )
        out.append((figure, (display, items.line_of(i))))
    return out


def figure_file_text(
    indicator_id: str,
    figures: Iterable[Figure],
    *,
    source: str,
    table: str,
    licence: str,
    origin: str,
    note: str = "",
    header: str = "",
    method: str = "",
) -> str:
    """A figure file, one figure per line, in a stable order so diffs stay small."""

    def q(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    lines = [f"# {line}".rstrip() for line in header.splitlines()] if header else []
    lines += [
        f"indicator: {indicator_id}",
        f"source: {q(source)}",
        f"table: {q(table)}",
        f"licence: {q(licence)}",
        f"origin: {q(origin)}",
    ]
    if note:
        lines.append(f"note: {q(note)}")
    if method:
        lines.append(f"method: {q(method)}")
    lines.append("figures:")
    for f in sorted(figures, key=lambda f: (len(f.region), f.region, f.period)):
        parts = [
            f"region: {q(f.region)}",
            f"period: {q(f.period)}",
            f"value: {'null' if f.value is None else _plain_number(f.value)}",
        ]
        if f.value is None:
            parts.append(f"missing: {q(f.missing or NO_DATA)}")
        if f.qualifier:
            parts.append(f"qualifier: {q(f.qualifier)}")
        if f.note:
            parts.append(f"note: {q(f.note)}")
        lines.append("  - {" + ", ".join(parts) + "}")
    return "\n".join(lines) + "\n"


def _plain_number(value: float) -> str:
    rounded = round(value, 6)
    return str(int(rounded)) if rounded == int(rounded) else repr(rounded)


def write_figure_file(path: Path, indicator_id: str, figures: Iterable[Figure], **provenance: str) -> None:
    write_text_atomic(path, figure_file_text(indicator_id, figures, **provenance))
