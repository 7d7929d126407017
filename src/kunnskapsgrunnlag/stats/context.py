"""What slide text and notes see as `statistikk`: one view per indicator, formatted the Norwegian way.

    {{ statistikk.neet.kommune }}            11,5 prosent   (or "ikke tilgjengelig for kommunen")
    {{ statistikk.neet.kommune | figur }}    11,5 prosent (2024, kilde: SSB, tabell 13556)
    {{ statistikk.neet.land.periode }}       2024
    {% for f in statistikk.lavinntekt.nasjonalt %}{{ f | figur }}{% endfor %}

An unknown indicator id is an undefined name, so `check` reports it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..messages import msg
from ..render.filters import verdi
from .model import Comparison, Figure, Indicator

NOT_AVAILABLE = {
    "kommune": "ikke tilgjengelig for kommunen",
    "fylke": "ikke tilgjengelig for fylket",
    "land": "ikke tilgjengelig for landet",
}


def source_text(figure: Figure | None, indicator: Indicator) -> str:
    """`SSB, tabell 13556` or `FHI (FHI statistikkbank, tabell 337)`: the credit the licence asks for."""
    source = figure.source if figure and figure.source else indicator.source
    table = figure.table if figure and figure.table else indicator.table
    if not table or table == source:
        return source
    if table.isdigit():
        return f"{source}, tabell {table}"
    if table.startswith(source):
        return table
    return f"{source} ({table})"


def value_text(figure: Figure | None, indicator: Indicator, role: str = "kommune", malform: str = "bokmal") -> str:
    if figure is None or figure.value is None:
        return msg(f"not_available_{role}", malform)
    return verdi(figure.value, indicator.unit, indicator.decimals, figure.qualifier, malform)


@dataclass(frozen=True)
class FigureView:
    tekst: str
    verdi: float | None
    periode: str
    kilde: str
    mangler: str | None
    tilgjengelig: bool
    malform: str = "bokmal"

    def __str__(self) -> str:
        return self.tekst

    @property
    def med_kilde(self) -> str:
        if not self.tilgjengelig:
            return self.tekst + (f" ({self.mangler})" if self.mangler else "")
        return f"{self.tekst} ({self.periode}, {msg('source', self.malform).lower()}: {self.kilde})"


@dataclass(frozen=True)
class IndicatorView:
    navn: str
    kort: str
    enhet: str
    periode: str
    kilde: str
    kommune: FigureView
    fylke: FigureView
    land: FigureView
    nasjonalt: tuple[FigureView, ...]

    def __str__(self) -> str:
        return str(self.kommune if self.kommune.tilgjengelig else self.land)


def figure_view(figure: Figure | None, indicator: Indicator, role: str, malform: str = "bokmal") -> FigureView:
    return FigureView(
        tekst=value_text(figure, indicator, role, malform),
        verdi=figure.value if figure else None,
        periode=figure.period if figure else indicator.period,
        kilde=source_text(figure, indicator),
        mangler=(figure.missing if figure else None) if not (figure and figure.value is not None) else None,
        tilgjengelig=bool(figure and figure.value is not None),
        malform=malform,
    )


def indicator_view(comparison: Comparison, malform: str = "bokmal") -> IndicatorView:
    ind = comparison.indicator
    return IndicatorView(
        navn=ind.label,
        kort=ind.short,
        enhet=ind.unit,
        periode=ind.period,
        kilde=source_text(None, ind),
        kommune=figure_view(comparison.kommune, ind, "kommune", malform),
        fylke=figure_view(comparison.fylke, ind, "fylke", malform),
        land=figure_view(comparison.land, ind, "land", malform),
        nasjonalt=tuple(figure_view(f, ind, "land", malform) for f in ind.national),
    )


def statistics_context(comparisons: dict[str, Comparison], malform: str = "bokmal") -> dict[str, IndicatorView]:
    return {ind_id: indicator_view(c, malform) for ind_id, c in comparisons.items()}
