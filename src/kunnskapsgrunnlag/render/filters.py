"""Norwegian formatting of numbers and dates: the one place for these rules (Jinja2 filters)."""

from __future__ import annotations

import datetime as dt

from jinja2 import pass_context
from jinja2.runtime import Context

from ..messages import msg

NBSP = "\u00a0"
MONTHS = (
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
)


def tall(value: float | int | None, decimals: int = 0, malform: str = "bokmal") -> str:
    """`86000` → `86 000`; `24.7` with decimals=1 → `24,7`. Thousands use a no-break space."""
    if value is None:
        return msg("not_available", malform)
    text = f"{value:,.{decimals}f}"
    return text.replace(",", NBSP).replace(".", ",")


def prosent(value: float | int | None, decimals: int = 1, malform: str = "bokmal") -> str:
    """`24.7` → `24,7 prosent`. The value is already in per cent."""
    if value is None:
        return msg("not_available", malform)
    return f"{tall(value, decimals)} prosent"


def dato(value: dt.date) -> str:
    """`2019-09-01` → `1. september 2019`."""
    return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"


@pass_context
def _tall_filter(context: Context, value: float | int | None, decimals: int = 0) -> str:
    return tall(value, decimals, context.get("malform", "bokmal"))


@pass_context
def _prosent_filter(context: Context, value: float | int | None, decimals: int = 1) -> str:
    return prosent(value, decimals, context.get("malform", "bokmal"))


# The template filters write "not available" in the deck's written form (`malform` in the context).
FILTERS = {"tall": _tall_filter, "prosent": _prosent_filter, "dato": dato}


def verdi(
    value: float | int | None, unit: str = "prosent", decimals: int = 1, qualifier: str = "", malform: str = "bokmal"
) -> str:
    """A statistic as the deck writes it: `12,5 prosent`, `86 000`, `nær 11 prosent`."""
    text = prosent(value, decimals, malform) if unit == "prosent" else tall(value, decimals, malform)
    return f"{qualifier} {text}" if qualifier and value is not None else text


def figur(value: object) -> str:
    """A figure from `statistikk` with its period and source: `11,5 prosent (2024, kilde: SSB, tabell 13556)`."""
    return str(getattr(value, "med_kilde", value))


FILTERS.update({"verdi": verdi, "figur": figur})
