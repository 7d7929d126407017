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
    method: str = ""  # how the value was made, e.g. "beregnet fra antall i SSB tabell 13556"

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
    method: str = ""  # how the figures are made when not as published
    trend_from: str = ""  # chart every period from this one to `period`
    count_indicator: str = ""  # the counts behind a share (small-number warning)
    small_count: int | None = None  # below this count the slide warns
    bands: tuple[str, ...] = ()  # indicators that split this one, drawn as bars
    change_from: str = ""  # the period a change is measured from
    update_interval_months: int | None = None  # how often the source publishes
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
    land_navn: str = "Hele landet"  # the country's label in the deck's written form
    land_series: tuple[Figure, ...] = ()  # the country over time, oldest first (national deck, trends)
    # Indicators with `trend_from`: the municipality's and the county's periods, as land_series.
    kommune_series: tuple[Figure, ...] = ()
    fylke_series: tuple[Figure, ...] = ()
    count: Figure | None = None  # the count behind the municipality's share (count_indicator)
    # Indicators with `bands`: (band indicator, its figure) for the municipality (country: national deck)
    bands: tuple[tuple[Indicator, Figure | None], ...] = ()
    # Indicators with `change_from`: (role, label, figure then, figure now), in chart order
    changes: tuple[tuple[str, str, Figure | None, Figure | None], ...] = ()
    malform: str = "bokmal"  # the written form the slide and chart text follow (malform.Malform value)

    def bars(self) -> list[tuple[str, str, Figure | None]]:
        """(role, label, figure) in chart order: kommune, fylke, land."""
        out: list[tuple[str, str, Figure | None]] = []
        if self.kommune_navn is not None:
            out.append(("kommune", self.kommune_navn, self.kommune))
        if self.fylke_navn is not None:
            out.append(("fylke", self.fylke_navn, self.fylke))
        out.append(("land", self.land_navn, self.land))
        return out

    def series(self) -> list[tuple[str, str, tuple[Figure, ...]]]:
        """(role, label, figures over time) in chart order, for indicators with a trend."""
        out: list[tuple[str, str, tuple[Figure, ...]]] = []
        if self.kommune_navn is not None:
            out.append(("kommune", self.kommune_navn, self.kommune_series))
        if self.fylke_navn is not None and self.fylke_series:
            out.append(("fylke", self.fylke_navn, self.fylke_series))
        out.append(("land", self.land_navn, self.land_series))
        return out
