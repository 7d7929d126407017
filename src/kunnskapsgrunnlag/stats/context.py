"""What slide text and notes see as `statistikk`: one view per indicator, formatted the Norwegian way.

    {{ statistikk.neet.kommune }}            11,5 prosent   (or "ikke tilgjengelig for kommunen")
    {{ statistikk.neet.kommune | figur }}    11,5 prosent (2024, kilde: SSB, tabell 13556)
    {{ statistikk.neet.land.periode }}       2024
    {% for f in statistikk.lavinntekt.nasjonalt %}{{ f | figur }}{% endfor %}

An unknown indicator id is an undefined name, so `check` reports it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ..messages import is_method, msg, translate_credit, translate_method
from ..render.filters import verdi
from .model import Comparison, Figure, Indicator


def not_available(role: str, malform: str = "bokmal") -> str:
    """`ikke tilgjengelig for kommunen` (role kommune, fylke or land) in `malform`."""
    return msg(f"not_available_{role}", malform)


def source_text(figure: Figure | None, indicator: Indicator, malform: str = "bokmal") -> str:
    """`SSB, tabell 13556` or `FHI (FHI statistikkbank, tabell 337)`: the credit the licence asks for.

    A figure computed from counts is credited with its method: `beregnet fra antall i SSB tabell 13556`
    (in nynorsk `berekna frå talet på personar i SSB tabell 13556`).
    """
    method = figure.method if figure is not None else indicator.method
    if method:
        return translate_method(method, malform)
    source = figure.source if figure and figure.source else indicator.source
    table = translate_credit(figure.table if figure and figure.table else indicator.table, malform)
    if not table or table == source:
        return source
    if table.isdigit():
        return f"{source}, {msg('table', malform)} {table}"
    if table.startswith(source):
        return table
    return f"{source} ({table})"


def value_text(figure: Figure | None, indicator: Indicator, role: str = "kommune", malform: str = "bokmal") -> str:
    if figure is None or figure.value is None:
        return not_available(role, malform)
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
        if is_method(self.kilde):
            return f"{self.tekst} ({self.periode}, {self.kilde})"
        return f"{self.tekst} ({self.periode}, {msg('source', self.malform).lower()}: {self.kilde})"


@dataclass(frozen=True)
class ChangeView:
    """A change between two periods: `+2,3 prosent` from `fra` to `til`, or not available."""

    navn: str
    fra: FigureView
    til: FigureView
    prosent: float | None
    malform: str = "bokmal"

    @property
    def tilgjengelig(self) -> bool:
        return self.prosent is not None

    @property
    def tekst(self) -> str:
        return signed_percent(self.prosent, self.malform)

    @property
    def absolutt(self) -> str:
        """The size of the change without its sign: `2,3 prosent` (the template says økt or gått ned)."""
        if self.prosent is None:
            return not_available("kommune", self.malform)
        return verdi(abs(self.prosent), "prosent", 1, malform=self.malform)

    @property
    def mangler(self) -> str | None:
        return self.fra.mangler or self.til.mangler

    def __str__(self) -> str:
        return self.tekst


@dataclass(frozen=True)
class BandView:
    navn: str
    tall: FigureView

    def __str__(self) -> str:
        return f"{self.navn}: {self.tall}"


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
    metode: str = ""
    # Trend indicators: the periods of each role, oldest first ({% for f in statistikk.neet.serie.kommune %})
    serie: dict[str, tuple[FigureView, ...]] | None = None
    antall: FigureView | None = None  # the count behind the municipality's share
    faa: bool = False  # the count is below the indicator's small_count
    grupper: tuple[BandView, ...] = ()  # age bands
    endring: dict[str, ChangeView] | None = None  # change since change_from, per role

    def __str__(self) -> str:
        return str(self.kommune if self.kommune.tilgjengelig else self.land)


def figure_view(figure: Figure | None, indicator: Indicator, role: str, malform: str = "bokmal") -> FigureView:
    return FigureView(
        tekst=value_text(figure, indicator, role, malform),
        verdi=figure.value if figure else None,
        periode=figure.period if figure else indicator.period,
        kilde=source_text(figure, indicator, malform),
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
        kilde=source_text(None, ind, malform),
        kommune=figure_view(comparison.kommune, ind, "kommune", malform),
        fylke=figure_view(comparison.fylke, ind, "fylke", malform),
        land=figure_view(comparison.land, ind, "land", malform),
        nasjonalt=tuple(figure_view(f, ind, "land", malform) for f in ind.national),
        metode=ind.method,
        serie={
            role: tuple(figure_view(f, ind, role, malform) for f in figures)
            for role, _label, figures in comparison.series()
        }
        if ind.trend_from
        else None,
        antall=figure_view(comparison.count, _count_indicator(ind), "kommune", malform) if comparison.count else None,
        faa=is_small(comparison),
        grupper=tuple(BandView(band.short, figure_view(f, band, "kommune", malform)) for band, f in comparison.bands),
        endring={
            role: change_view(label, then, now, ind, role, malform) for role, label, then, now in comparison.changes
        }
        if comparison.changes
        else None,
    )


def _count_indicator(ind: Indicator) -> Indicator:
    """The count behind a share is formatted as a whole number."""
    return Indicator(ind.count_indicator, "", "", "antall", 0, ind.source, ind.table, ind.period, ind.licence)


def is_small(comparison: Comparison) -> bool:
    """The municipality's share rests on fewer people than the indicator's `small_count`."""
    small, count = comparison.indicator.small_count, comparison.count
    return bool(small and count is not None and count.value is not None and count.value < small)


def change_percent(then: Figure | None, now: Figure | None) -> float | None:
    if then is None or now is None or then.value is None or now.value is None or then.value == 0:
        return None
    return (now.value - then.value) / then.value * 100


def change_view(
    label: str, then: Figure | None, now: Figure | None, ind: Indicator, role: str, malform: str = "bokmal"
) -> ChangeView:
    return ChangeView(
        label,
        figure_view(then, ind, role, malform),
        figure_view(now, ind, role, malform),
        change_percent(then, now),
        malform,
    )


def signed_percent(pct: float | None, malform: str = "bokmal") -> str:
    """`+2,3 prosent` or `−1,0 prosent` (a real minus sign), or not available, in `malform`."""
    if pct is None:
        return not_available("kommune", malform)
    sign = "+" if pct > 0 else ("−" if pct < 0 else "")
    return f"{sign}{verdi(abs(pct), 'prosent', 1, malform=malform)}"


class StatisticsViews(Mapping):
    """Indicator id → `IndicatorView`, each made when a template first asks for it: a deck's
    templates name a few of the indicators, and a view of every indicator for every deck of a
    batch was a tenth of its time."""

    def __init__(self, comparisons: dict[str, Comparison], malform: str):
        self._comparisons = comparisons
        self._malform = malform
        self._views: dict[str, IndicatorView] = {}

    def __getitem__(self, ind_id: str) -> IndicatorView:
        view = self._views.get(ind_id)
        if view is None:
            view = self._views[ind_id] = indicator_view(self._comparisons[ind_id], self._malform)
        return view

    def __iter__(self) -> Iterator[str]:
        return iter(self._comparisons)

    def __len__(self) -> int:
        return len(self._comparisons)


def statistics_context(comparisons: dict[str, Comparison], malform: str = "bokmal") -> Mapping[str, IndicatorView]:
    return StatisticsViews(comparisons, malform)
