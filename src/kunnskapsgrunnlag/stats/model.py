"""The statistics model: frozen dataclasses, no I/O.

A `Figure` is one value for one region and period, with its provenance. A missing value is
`value=None` with the reason in `missing`, never zero.
"""

from __future__ import annotations

from dataclasses import dataclass

LAND = "0"  # region code of the whole country, as in SSB's Region dimension

# SSB's (and FHI's) status symbols for values that are not published, and what they mean.
STATUS_REASONS: dict[str, str] = {
    "..": "mangler (tallgrunnlaget mangler eller er ikke tilgjengelig)",
    ":": "skjermet av personvernhensyn (konfidensielt)",
    ".": "ikke aktuelt (logisk umulig å oppgi)",
    "-": "null (ingenting å registrere)",
}
NO_DATA = "ingen tall i datagrunnlaget"


@dataclass(frozen=True)
class Figure:
    indicator: str
    region: str  # "0" the country, "40" a county, "4003" a municipality
    period: str
    value: float | None
    missing: str | None = None  # why `value` is None
    source: str = ""
    table: str = ""
    licence: str = ""
    qualifier: str = ""  # "nær", "over": as the source phrases an approximate figure
    note: str = ""

    @property
    def available(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str  # the Norwegian label, e.g. "Barn 0–17 år i husholdninger med vedvarende lavinntekt"
    short: str  # a short label for charts
    unit: str  # "prosent" or "antall"
    decimals: int
    source: str  # "SSB" or "FHI"
    table: str
    period: str  # the period the deck shows
    licence: str
    url: str = ""
    description: str = ""
    national: tuple[Figure, ...] = ()  # reference values for the whole country, newest first
    value_range: tuple[float, float] | None = None  # valid values in `unit` (`range:` in the YAML)
    tables: tuple[str, ...] = ()  # SSB/FHI table ids an import may come from
    contents_codes: tuple[str, ...] = ()  # SSB ContentsCode values an import may carry

    def national_for(self, period: str | None = None) -> Figure | None:
        for figure in self.national:
            if period is None or figure.period == period:
                return figure
        return None


@dataclass(frozen=True)
class Comparison:
    """One indicator for one deck: the municipality beside its county and the whole country."""

    indicator: Indicator
    kommune_navn: str | None
    fylke_navn: str | None
    kommune: Figure | None  # None only in the national deck (no municipality)
    fylke: Figure | None
    land: Figure | None
    land_series: tuple[Figure, ...] = ()  # the country over time, oldest first (national deck)

    def bars(self) -> list[tuple[str, str, Figure | None]]:
        """(role, label, figure) in chart order: kommune, fylke, land."""
        out: list[tuple[str, str, Figure | None]] = []
        if self.kommune_navn is not None:
            out.append(("kommune", self.kommune_navn, self.kommune))
        if self.fylke_navn is not None:
            out.append(("fylke", self.fylke_navn, self.fylke))
        out.append(("land", "Hele landet", self.land))
        return out
