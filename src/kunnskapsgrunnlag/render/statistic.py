"""The `statistic` layout: one indicator for the municipality beside its county and the country.

What the slide shows depends on the figures, so it never says more than they do:
- a trend (indicators with `trend_from`, e.g. NEET 2020–2024): lines for municipality, county
  and country, one method for every line;
- age bands (indicators with `bands`): the municipality's bands as bars, its total as a big
  number and the change since `change_from` for municipality, county and country;
- big numbers when the bars would differ too little to read (e.g. 94,5–95,3 %);
- bars otherwise;
- and when the municipality has no figure: no chart at all, «Tall for Bodø mangler», the county's
  and the country's figures as numbers, and where figures for every municipality are published.
The period and source stand under the content: "Kilde: SSB, tabell 13502 (2025)." Without a
municipality (the national deck) the chart shows the country over time.
"""

from __future__ import annotations

from ..messages import msg
from ..model import Deck, DeckSlide
from ..stats.chart import Bar, ChartSpec, Line, LineSpec, bar_chart, line_chart, value_label
from ..stats.context import change_percent, is_small, not_available, signed_percent, source_text, value_text
from ..stats.model import Comparison, Figure
from .blocks import body_top as _body_top
from .blocks import para as _para
from .blocks import title_block as _title
from .plan import Chart, Shape, SlidePlan, TextBox, TextPara
from .theme import Theme

CHART_WIDTH = 7.9
CHART_HEIGHT = 4.3
# Bars whose values differ by less than this share of the largest are shown as big numbers.
FLAT_SPREAD = 0.03
SOURCE_HEIGHT = 0.65  # two lines of the source line at the theme's small size


def kind(comparison: Comparison) -> str:
    """Which picture tells this indicator's figures honestly: trend, bands, big, bars, missing or national."""
    ind = comparison.indicator
    if ind.bands:
        main = comparison.kommune if comparison.kommune_navn is not None else comparison.land
        return "bands" if main is not None and main.value is not None else "missing"
    if comparison.kommune_navn is None:
        return "trend" if ind.trend_from else "national"
    if comparison.kommune is None or comparison.kommune.value is None:
        return "missing"
    if ind.trend_from:
        return "trend"
    values = [f.value for _r, _l, f in comparison.bars() if f is not None and f.value is not None]
    if len(values) > 1 and (max(values) - min(values)) <= FLAT_SPREAD * max(values):
        return "big"
    return "bars"


def chart_bars(comparison: Comparison) -> tuple[Bar, ...]:
    if comparison.kommune_navn is None:
        series = comparison.land_series or ((comparison.land,) if comparison.land else ())
        return tuple(
            Bar(f.period, f.value, i == len(series) - 1, not_available("land", comparison.malform), f.qualifier)
            for i, f in enumerate(series)
        )
    # A missing county or country figure gets no bar; a missing municipality gets no chart (kind()).
    return tuple(
        Bar(label, f.value, role == "kommune", not_available(role, comparison.malform), f.qualifier)
        for role, label, f in comparison.bars()
        if f is not None and f.value is not None
    )


def band_bars(comparison: Comparison) -> tuple[Bar, ...]:
    return tuple(
        Bar(band.short, f.value if f else None, True, not_available("kommune", comparison.malform))
        for band, f in comparison.bands
    )


def chart_lines(comparison: Comparison) -> tuple[tuple[str, ...], tuple[Line, ...]]:
    roles = comparison.series()
    periods = tuple(f.period for f in comparison.land_series)
    lines = tuple(
        Line(label, tuple(f.value for f in figures), role == "kommune" or comparison.kommune_navn is None)
        for role, label, figures in roles
        if figures
    )
    return periods, lines


def summary_lines(comparison: Comparison) -> list[tuple[str, str, Figure | None, str]]:
    """(label, value text, figure, role) for the alt text and the big numbers."""
    ind, malform = comparison.indicator, comparison.malform
    if comparison.kommune_navn is None and not ind.trend_from:
        series = comparison.land_series or ((comparison.land,) if comparison.land else ())
        return [
            (msg("whole_country_period", malform, period=f.period), value_text(f, ind, "land", malform), f, "land")
            for f in series
        ]
    return [(label, value_text(f, ind, role, malform), f, role) for role, label, f in comparison.bars()]


def _figures_shown(comparison: Comparison) -> list[Figure]:
    what = kind(comparison)
    if what == "trend":
        return [f for _r, _l, figures in comparison.series() for f in figures if f.value is not None]
    if what == "bands":
        return [f for _b, f in comparison.bands if f is not None and f.value is not None]
    if what == "missing":
        return [f for role, _l, f in comparison.bars() if role != "kommune" and f is not None and f.value is not None]
    return [f for _l, _t, f, _r in summary_lines(comparison) if f is not None and f.value is not None]


def _span(periods: list[str]) -> str:
    ordered = sorted(set(periods), key=lambda p: (p[:4], p))
    if not ordered:
        return ""
    return ordered[0] if len(ordered) == 1 else f"{ordered[0]}–{ordered[-1]}"


def period_and_source(comparison: Comparison) -> str:
    """`Kilde: SSB, tabell 13502 (2025).`: each source with the periods of the figures it gave."""
    ind = comparison.indicator
    by_source: dict[str, list[str]] = {}
    for f in _figures_shown(comparison):
        by_source.setdefault(source_text(f, ind, comparison.malform), []).append(f.period)
    if not by_source:
        by_source[source_text(None, ind, comparison.malform)] = [ind.period]
    return msg(
        "stat_source",
        comparison.malform,
        kilder="; ".join(f"{src} ({_span(periods)})" for src, periods in by_source.items()),
    )


def alt_text(comparison: Comparison) -> str:
    ind = comparison.indicator
    what = kind(comparison)
    if what == "trend":
        parts = [msg("stat_alt_line", comparison.malform, navn=ind.label)]
        for _role, label, figures in comparison.series():
            values = ", ".join(f"{f.period} {value_text(f, ind, 'kommune', comparison.malform)}" for f in figures)
            parts.append(f"{label}: {values}.")
    elif what == "bands":
        main = comparison.kommune if comparison.kommune_navn is not None else comparison.land
        place = comparison.kommune_navn or msg("whole_country", comparison.malform)
        parts = [msg("stat_alt_bands", comparison.malform, navn=ind.label, sted=place, periode=ind.period)]
        parts += [
            f"{band.short}: {value_text(f, band, 'kommune', comparison.malform)}." for band, f in comparison.bands
        ]
        parts.append(
            msg("stat_alt_total", comparison.malform, verdi=value_text(main, ind, "kommune", comparison.malform))
        )
    else:
        parts = [msg("stat_alt_bars", comparison.malform, navn=ind.label)]
        parts += [f"{label}: {text}." for label, text, _f, _role in summary_lines(comparison)]
    parts.append(period_and_source(comparison))
    return " ".join(parts)


def _source_box(comparison: Comparison, theme: Theme, x: float, y: float, w: float) -> TextBox:
    return TextBox(
        "Periode og kilde",
        x,
        y,
        w,
        SOURCE_HEIGHT,
        (_para(period_and_source(comparison), theme, "small", "muted"),),
        field="kilde",
    )


def _context(text: str | None, theme: Theme) -> list[TextPara]:
    if not text:
        return []
    return [
        _para(block.replace("\n", " "), theme, "sub_bullet", "text", space_before=12)
        for block in text.split("\n\n")
        if block.strip()
    ]


def _big_para(text: str, theme: Theme, color: str, align: str = "l") -> TextPara:
    """A number set large: the theme's `big_number` size, or its divider title size."""
    big = theme.sizes.get("big_number", theme.sizes["divider_title"])
    return TextPara(_para(text, theme, "body").runs, big, theme.color(color), bold=True, align=align)


def _big_numbers(
    items: list[tuple[str, str, bool]], theme: Theme, x: float, y: float, w: float, h: float
) -> list[Shape]:
    """One column per (label, value text, highlight): the value large, its label under it."""
    if not items:
        return []
    col = w / len(items)
    shapes: list[Shape] = []
    for i, (label, text, highlight) in enumerate(items):
        color = "heading" if highlight else "text"
        shapes.append(
            TextBox(
                f"Tall {i + 1}",
                x + i * col,
                y,
                col,
                h,
                (
                    _big_para(text, theme, color, align="ctr"),
                    _para(label, theme, "body", color, bold=highlight, align="ctr", space_before=4),
                ),
                anchor="ctr",
                field="text",
            )
        )
    return shapes


def plan_statistic(entry: DeckSlide, deck: Deck, theme: Theme) -> SlidePlan:
    c, m = entry.slide.content, theme.margins
    top = _body_top(entry, theme)
    shapes: list[Shape] = list(_title(entry, theme))
    comparison = (deck.statistikk or {}).get(c.indicator or "")
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
    plan = {
        "trend": _plan_chart,
        "national": _plan_chart,
        "bars": _plan_chart,
        "bands": _plan_bands,
        "big": _plan_big,
        "missing": _plan_missing,
    }[kind(comparison)]
    shapes.extend(plan(comparison, c.text, theme, top))
    return SlidePlan(tuple(shapes), theme.color("background"))


def _side(theme: Theme) -> tuple[float, float]:
    x = theme.margins["left"] + CHART_WIDTH + 0.3
    return x, theme.width - theme.margins["right"] - x


def _plan_chart(comparison: Comparison, text: str | None, theme: Theme, top: float) -> list[Shape]:
    ind, left = comparison.indicator, theme.margins["left"]
    if kind(comparison) == "trend":
        periods, lines = chart_lines(comparison)
        marks = line_chart(LineSpec(periods, lines, ind.unit, ind.decimals, CHART_WIDTH, CHART_HEIGHT))
    else:
        marks = bar_chart(ChartSpec(chart_bars(comparison), ind.unit, ind.decimals, CHART_WIDTH, CHART_HEIGHT))
    shapes: list[Shape] = [Chart("Diagram", left, top, CHART_WIDTH, CHART_HEIGHT, marks, alt_text(comparison))]
    shapes.append(_source_box(comparison, theme, left, top + CHART_HEIGHT + 0.05, CHART_WIDTH))
    side_x, side_w = _side(theme)
    paras = [_para(ind.short, theme, "sub_bullet", "muted", bold=True)]
    if is_small(comparison) and comparison.count is not None and comparison.kommune is not None:
        count = value_label(comparison.count.value or 0, "antall", 0)
        warning = msg(
            "stat_small_count",
            comparison.malform,
            sted=comparison.kommune_navn,
            periode=comparison.kommune.period,
            antall=count,
        )
        paras.append(_para(warning, theme, "sub_bullet", "accent", bold=True, space_before=12))
    gaps = [f for f in comparison.kommune_series if f.value is None]
    if gaps and comparison.kommune_navn:
        gap = msg(
            "stat_series_gap",
            comparison.malform,
            sted=comparison.kommune_navn,
            perioder=_span([f.period for f in gaps]),
            grunn=gaps[0].missing,
        )
        paras.append(_para(gap, theme, "sub_bullet", "muted", space_before=12))
    paras += _context(text, theme)
    shapes.append(TextBox("Tallene", side_x, top, side_w, theme.content_bottom - top, tuple(paras), field="text"))
    return shapes


def _plan_bands(comparison: Comparison, text: str | None, theme: Theme, top: float) -> list[Shape]:
    ind, left = comparison.indicator, theme.margins["left"]
    spec = ChartSpec(band_bars(comparison), "antall", 0, CHART_WIDTH, CHART_HEIGHT)
    shapes: list[Shape] = [
        Chart("Diagram", left, top, CHART_WIDTH, CHART_HEIGHT, bar_chart(spec), alt_text(comparison))
    ]
    shapes.append(_source_box(comparison, theme, left, top + CHART_HEIGHT + 0.05, CHART_WIDTH))
    main = comparison.kommune if comparison.kommune_navn is not None else comparison.land
    place = comparison.kommune_navn or msg("whole_country_in", comparison.malform)
    paras = [
        _big_para(value_text(main, ind, "kommune", comparison.malform), theme, "heading"),
        _para(
            msg("stat_bands_total", comparison.malform, navn=ind.label, sted=place, periode=ind.period),
            theme,
            "sub_bullet",
            "text",
        ),
    ]
    if comparison.changes:
        paras.append(
            _para(
                msg("stat_change_heading", comparison.malform, fra=ind.change_from),
                theme,
                "sub_bullet",
                "muted",
                bold=True,
                space_before=18,
            )
        )
        for role, label, then, now in comparison.changes:
            pct, form = change_percent(then, now), comparison.malform
            shown = msg("not_available", form) if pct is None else signed_percent(pct, form)
            color = "heading" if role == "kommune" else "text"
            paras.append(_para(f"{label}: **{shown}**", theme, "sub_bullet", color, space_before=4))
    paras += _context(text, theme)
    side_x, side_w = _side(theme)
    shapes.append(TextBox("Tallene", side_x, top, side_w, theme.content_bottom - top, tuple(paras), field="text"))
    return shapes


def _plan_big(comparison: Comparison, text: str | None, theme: Theme, top: float) -> list[Shape]:
    ind, left, width = comparison.indicator, theme.margins["left"], theme.content_width
    items = [
        (label, value_label(f.value, ind.unit, ind.decimals, f.qualifier), role == "kommune")
        for role, label, f in comparison.bars()
        if f is not None and f.value is not None
    ]
    shapes: list[Shape] = [
        TextBox("Indikator", left, top, width, 0.5, (_para(ind.label, theme, "sub_bullet", "muted", bold=True),))
    ]
    shapes += _big_numbers(items, theme, left, top + 0.6, width, 1.9)
    bottom = top + 2.6
    context = _context(text, theme)
    if context:
        shapes.append(TextBox("Tallene", left, bottom, width, 1.2, tuple(context), field="text"))
    shapes.append(_source_box(comparison, theme, left, theme.content_bottom - SOURCE_HEIGHT, width))
    return shapes


def _plan_missing(comparison: Comparison, text: str | None, theme: Theme, top: float) -> list[Shape]:
    ind, left, width = comparison.indicator, theme.margins["left"], theme.content_width
    place = comparison.kommune_navn or msg("whole_country", comparison.malform)
    heading = _para(msg("stat_missing_heading", comparison.malform, sted=place), theme, "body", "heading", bold=True)
    sub = _para(ind.label, theme, "sub_bullet", "muted")
    shapes: list[Shape] = [TextBox("Tall mangler", left, top, width, 1.0, (heading, sub), field="text")]
    items = [
        (f"{label} ({f.period})", value_label(f.value, ind.unit, ind.decimals, f.qualifier), False)
        for role, label, f in comparison.bars()
        if role != "kommune" and f is not None and f.value is not None
    ]
    shapes += _big_numbers(items, theme, left, top + 1.1, width, 1.7)
    credit = source_text(None, ind, comparison.malform) + (f", {ind.url}" if ind.url else "")
    paras = [
        _para(msg("stat_missing_where", comparison.malform, sted=place, kilde=credit), theme, "sub_bullet", "text")
    ]
    paras += _context(text, theme)
    shapes.append(TextBox("Tallene", left, top + 2.95, width, 1.4, tuple(paras), field="text"))
    if items:
        shapes.append(_source_box(comparison, theme, left, theme.content_bottom - SOURCE_HEIGHT, width))
    return shapes
