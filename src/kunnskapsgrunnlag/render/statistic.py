"""The `statistic` layout: a bar chart of one indicator (municipality, county, country) with the
period and "Kilde: …" under it, and the same numbers as real text beside it.

Without a municipality (the national deck) the chart shows the country's figures over time.
"""

from __future__ import annotations

from ..messages import msg
from ..model import Deck, DeckSlide
from ..stats.chart import Bar, ChartSpec, bar_chart_png
from ..stats.context import source_text, value_text
from ..stats.model import Comparison, Figure
from .blocks import body_top as _body_top
from .blocks import para as _para
from .blocks import title_block as _title
from .plan import Picture, Shape, SlidePlan, TextBox
from .theme import Theme

CHART_WIDTH = 7.7
CHART_HEIGHT = 4.25


def chart_bars(comparison: Comparison, malform: str = "bokmal") -> tuple[Bar, ...]:
    if comparison.kommune_navn is None:
        series = comparison.land_series or ((comparison.land,) if comparison.land else ())
        return tuple(
            Bar(f.period, f.value, i == len(series) - 1, msg("not_available_land", malform), f.qualifier)
            for i, f in enumerate(series)
        )
    # A missing figure gets no bar: the text beside the chart says "ikke tilgjengelig" for it.
    # This also lets every municipality without local figures share one chart.
    return tuple(
        Bar(label, f.value, role == "kommune", msg(f"not_available_{role}", malform), f.qualifier)
        for role, label, f in comparison.bars()
        if f is not None and f.value is not None
    )


def summary_lines(comparison: Comparison, malform: str = "bokmal") -> list[tuple[str, str, Figure | None, str]]:
    """(label, value text, figure, role) for the text beside the chart and the alt text."""
    ind = comparison.indicator
    if comparison.kommune_navn is None:
        series = comparison.land_series or ((comparison.land,) if comparison.land else ())
        return [
            (msg("whole_country_period", malform, period=f.period), value_text(f, ind, "land", malform), f, "land")
            for f in series
        ]
    return [(label, value_text(f, ind, role, malform), f, role) for role, label, f in comparison.bars()]


def period_and_source(comparison: Comparison, malform: str = "bokmal") -> str:
    ind = comparison.indicator
    figures = [f for _, _, f, _ in summary_lines(comparison, malform) if f is not None]
    if comparison.kommune_navn is None:
        periods = ""
    else:
        distinct = sorted({f.period for f in figures})
        periods = (
            f"{distinct[0]}. "
            if len(distinct) == 1
            else "; ".join(f"{label}: {f.period}" for label, _, f, _ in summary_lines(comparison, malform) if f) + ". "
        )
    sources: list[str] = []
    for f in figures or [None]:
        text = source_text(f, ind)
        if text not in sources:
            sources.append(text)
    return f"{periods}{msg('source', malform)}: {'; '.join(sources)}."


def alt_text(comparison: Comparison, malform: str = "bokmal") -> str:
    ind = comparison.indicator
    parts = [f"{msg('bar_chart', malform)}: {ind.label}."]
    for label, text, _f, _role in summary_lines(comparison, malform):
        parts.append(f"{label}: {text}.")
    parts.append(period_and_source(comparison, malform))
    return " ".join(parts)


def plan_statistic(entry: DeckSlide, deck: Deck, theme: Theme) -> SlidePlan:
    c, m = entry.slide.content, theme.margins
    top = _body_top(entry, theme)
    shapes: list[Shape] = list(_title(entry, theme))
    comparison = (deck.statistikk or {}).get(c.indicator or "")
    form = deck.malform
    side_x = m["left"] + CHART_WIDTH + 0.3
    side_w = theme.width - m["right"] - side_x
    if comparison is None:
        message = msg("statistic_not_loaded", deck.malform, indicator=c.indicator)
        shapes.append(
            TextBox(
                "Statistikk mangler",
                m["left"],
                top,
                theme.content_width,
                1.0,
                (_para(message, theme, "body", "muted"),),
                field="indicator",
            )
        )
        return SlidePlan(tuple(shapes), theme.color("background"))
    ind = comparison.indicator
    spec = ChartSpec(chart_bars(comparison, form), ind.unit, ind.decimals, CHART_WIDTH, CHART_HEIGHT)
    shapes.append(
        Picture("Diagram", m["left"], top, CHART_WIDTH, CHART_HEIGHT, bar_chart_png(spec), alt_text(comparison, form))
    )
    shapes.append(
        TextBox(
            "Periode og kilde",
            m["left"],
            top + CHART_HEIGHT + 0.05,
            CHART_WIDTH,
            theme.content_bottom - top - CHART_HEIGHT - 0.05,
            (_para(period_and_source(comparison, form), theme, "small", "muted"),),
            field="kilde",
        )
    )
    paras = [_para(comparison.indicator.label, theme, "small", "muted", bold=True)]
    national = comparison.kommune_navn is None
    for label, text, f, role in summary_lines(comparison, form):
        if national and f is not None:
            paras.append(_para(f"{f.period}: **{text}**", theme, "small", "text", space_before=6))
            continue
        highlight = role == "kommune"
        paras.append(_para(label, theme, "small", "heading" if highlight else "text", bold=highlight, space_before=10))
        paras.append(_para(text, theme, "sub_bullet", "heading" if highlight else "text", bold=True))
    if c.text:
        paras.extend(
            _para(block.replace("\n", " "), theme, "small", "text", space_before=12)
            for block in c.text.split("\n\n")
            if block.strip()
        )
    shapes.append(TextBox("Tallene", side_x, top, side_w, theme.content_bottom - top, tuple(paras), field="text"))
    return SlidePlan(tuple(shapes), theme.color("background"))
