"""One validation of statistics, used by import, fetch and `check`: is a figure plausible, and
does a source match the indicator it is imported for?

`validate_figures(indicator, figures)` finds values that are not finite or lie outside the
indicator's range, the same figure twice in one file, and conflicts: two different values for
the same indicator, source and table ("method"), region and period. Two methods for one region
and period are not a conflict; the store keeps them apart and never mixes them in one chart.
`check_source(...)` compares an import's table id, unit and contents code with the indicator.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ..errors import Problem
from .model import Figure, Indicator

Place = tuple[str, int | None]  # (file as the editor knows it, line)

PERCENT_UNITS = {"prosent", "%", "percent", "per cent", "prosentpoeng", "andel i prosent"}


def method_of(figure: Figure) -> tuple[str, str, str]:
    """What makes two figures comparable: the same source, table and method ("beregnet fra antall …"
    or as published). Two methods for one region and period are no conflict, and never one chart."""
    return figure.source, figure.table, figure.method


def _number(value: float, decimals: int = 6) -> str:
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".") if math.isfinite(value) else repr(value)
    return text.replace(".", ",")


def validate_figures(
    indicator: Indicator, figures: Sequence[Figure], places: Sequence[Place] | None = None, origin: str = ""
) -> list[Problem]:
    """Every problem with `figures` of `indicator`; `places[i]` says where `figures[i]` was written."""
    problems: list[Problem] = []
    where = list(places) if places is not None else [(origin or indicator.id, None)] * len(figures)
    seen: dict[tuple[str, str, str, str], int] = {}
    low, high = indicator.value_range or (-math.inf, math.inf)
    for i, figure in enumerate(figures):
        display, line = where[i]
        label = f"{figure.region} {figure.period}"
        if figure.value is not None:
            if not math.isfinite(figure.value):
                problems.append(Problem(display, line, f"{label}: verdien {figure.value!r} er ikke et tall"))
            elif not low <= figure.value <= high:
                problems.append(
                    Problem(
                        display,
                        line,
                        f"{label}: verdien {_number(figure.value)} er utenfor gyldig område for {indicator.id} "
                        f"({_number(low)}–{_number(high)} {indicator.unit}); er det riktig tabell, enhet og --faktor?",
                    )
                )
        key = (*method_of(figure), figure.region, figure.period)
        if key in seen:
            j = seen[key]
            other, (other_display, other_line) = figures[j], where[j]
            there = other_display if other_line is None else f"{other_display}:{other_line}"
            if other.value != figure.value or other.missing != figure.missing:
                problems.append(
                    Problem(
                        display,
                        line,
                        f"{label}: motstrider {there} for samme kilde, tabell og metode "
                        f"({_shown(figure)} mot {_shown(other)}); fjern ett av tallene",
                    )
                )
            elif other_display == display:
                problems.append(Problem(display, line, f"{label}: står to ganger (også på linje {other_line})"))
        else:
            seen[key] = i
    return problems


def _shown(figure: Figure) -> str:
    return "mangler" if figure.value is None else _number(figure.value)


def check_source(
    indicator: Indicator, *, table: str, unit: str = "", contents_code: str = "", origin: str = ""
) -> list[str]:
    """Why a table does not fit `indicator` (empty when it fits)."""
    out: list[str] = []
    expected = ", ".join(indicator.tables) or "ingen er oppgitt (tables: i indikatorer.yaml)"
    if not table:
        out.append(f"tabellnummeret er ukjent; oppgi --tabell (forventet for {indicator.id}: {expected})")
    elif table not in indicator.tables:
        out.append(f"tabell {table} hører ikke til indikatoren {indicator.id} (forventet: {expected})")
    if unit:
        folded = unit.strip().casefold()
        is_percent = folded in PERCENT_UNITS
        if (indicator.unit == "prosent") != is_percent:
            out.append(f"tabellen oppgir enheten {unit!r}, men {indicator.id} er i {indicator.unit}")
    if contents_code and indicator.contents_codes and contents_code not in indicator.contents_codes:
        out.append(
            f"statistikkvariabelen {contents_code} hører ikke til {indicator.id} "
            f"(forventet: {', '.join(indicator.contents_codes)})"
        )
    return [f"{origin}: {message}" if origin else message for message in out]
