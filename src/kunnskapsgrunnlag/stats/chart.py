"""Fafo-style charts of one indicator, as marks the deck draws as vector shapes.

Two kinds: bars (the municipality beside its county and the country, or age bands) and lines
(a trend over time for the municipality, the county and the country). Charts are laid out at
their size on the slide, so a font size here is the size the audience sees (at least 16 pt).

A chart is a tuple of marks (`marks.py`: lines, boxes, dots, labels in inches) that
`ooxml/vector.py` writes as one locked group of DrawingML shapes: the text is real text in the
deck's font, the lines are sharp on any projector, and a chart costs well under a millisecond
(drawing a PNG with matplotlib cost 33–110 ms and a second of start-up per process). The same
spec gives the same marks, so the same bytes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from ..marks import Block, Dot, Label, Mark, Stroke
from ..render.filters import tall

NAVY = "#1B365D"
GREYS = ("#6B7380", "#AEB4BC", "#C9CDD3")
TEXT = "#222222"
MUTED = "#5A6270"
GRID = "#E3E6EA"
# Sizes in points at slide scale: chart text at least 16 (the deck's minimum for chart text).
TICK_SIZE = 16
VALUE_SIZE = 18
LABEL_SIZE = 16


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    highlight: bool = False  # the municipality: navy; others grey
    missing_text: str = "ikke tilgjengelig"
    qualifier: str = ""


@dataclass(frozen=True)
class ChartSpec:
    bars: tuple[Bar, ...]
    unit: str  # "prosent" or "antall"
    decimals: int
    width_in: float
    height_in: float


@dataclass(frozen=True)
class Line:
    label: str
    values: tuple[float | None, ...]  # one per period; None: no figure (no point drawn)
    highlight: bool = False


@dataclass(frozen=True)
class LineSpec:
    periods: tuple[str, ...]
    lines: tuple[Line, ...]  # in order municipality, county, country
    unit: str
    decimals: int
    width_in: float
    height_in: float


def value_label(value: float, unit: str, decimals: int, qualifier: str = "") -> str:
    text = tall(value, decimals) + (" %" if unit == "prosent" else "")
    return f"{qualifier} {text}" if qualifier else text


def nice_ticks(top: float, most: int = 4) -> list[float]:
    """0 and round steps up to at least `top`, at most `most` intervals (0, 4, 8, 12)."""
    if top <= 0:
        return [0.0, 1.0]
    magnitude = 10 ** math.floor(math.log10(top / most))
    for factor in (1, 2, 2.5, 4, 5, 10):
        step = factor * magnitude
        if top / step <= most:
            break
    count = math.ceil(top / step - 1e-9)
    return [round(i * step, 6) for i in range(count + 1)]


class _Canvas:
    """A plot area inside the chart's box: data (x, y) to box fractions (y up, as on paper), and
    the few marks a chart needs, collected in drawing order (later marks lie on top)."""

    def __init__(self, width_in: float, height_in: float, box: tuple[float, float, float, float]):
        self.width_in, self.height_in = width_in, height_in
        self.left, self.bottom, self.right, self.top = box
        self.x_range = (0.0, 1.0)
        self.y_range = (0.0, 1.0)
        self._marks: list[tuple[int, Mark]] = []

    def limits(self, x: tuple[float, float], y: tuple[float, float]) -> None:
        self.x_range, self.y_range = x, y

    def fx(self, x: float) -> float:
        lo, hi = self.x_range
        return self.left + (x - lo) / (hi - lo) * (self.right - self.left)

    def fy(self, y: float) -> float:
        lo, hi = self.y_range
        return self.bottom + (y - lo) / (hi - lo) * (self.top - self.bottom)

    def _point(self, fx: float, fy: float) -> tuple[float, float]:
        """Box fractions to inches from the chart's top-left corner."""
        return round(fx * self.width_in, 4), round((1 - fy) * self.height_in, 4)

    def grid(self, ticks: list[float], unit: str, labels: bool = True) -> None:
        """Horizontal grid lines with their labels left of the plot area; the zero line darker."""
        suffix = " %" if unit == "prosent" else ""
        for value in ticks:
            y = self.fy(value)
            color, width = (MUTED, 1.0) if value == 0 else (GRID, 0.8)
            self._marks.append((1, Stroke((self._point(self.left, y), self._point(self.right, y)), color, width)))
            if labels:
                self.text(self.left - 0.012, y, tall(value, 0) + suffix, ha="right", va="center", color=MUTED)

    def x_labels(self, labels: list[tuple[float, str]]) -> None:
        pad = 8 / 72 / self.height_in  # 8 points below the zero line
        for x, label in labels:
            self.text(self.fx(x), self.bottom - pad, label, ha="center", va="top")

    def text(
        self,
        x: float,
        y: float,
        text: str,
        *,
        ha: str = "center",
        va: str = "center",
        fontsize: float = TICK_SIZE,
        color: str = TEXT,
        bold: bool = False,
        italic: bool = False,
    ) -> None:
        px, py = self._point(x, y)
        self._marks.append((5, Label(px, py, text, fontsize, color, bold, italic, ha, va)))  # type: ignore[arg-type]

    def bar(self, x: float, width: float, height: float, color: str) -> None:
        x0, y1 = self._point(self.fx(x - width / 2), self.fy(height))
        x1, y0 = self._point(self.fx(x + width / 2), self.fy(0))
        self._marks.append((3, Block(x0, y1, round(x1 - x0, 4), round(y0 - y1, 4), color)))

    def line(self, xs: list[float], ys: list[float], color: str, width_pt: float, dashed: bool, zorder: int) -> None:
        points = tuple(self._point(self.fx(x), self.fy(y)) for x, y in zip(xs, ys, strict=True))
        self._marks.append((zorder, Stroke(points, color, width_pt, dashed)))

    def dots(self, xs: list[float], ys: list[float], color: str, diameter_pt: float, zorder: int) -> None:
        for x, y in zip(xs, ys, strict=True):
            px, py = self._point(self.fx(x), self.fy(y))
            self._marks.append((zorder, Dot(px, py, diameter_pt, color)))

    def marks(self) -> tuple[Mark, ...]:
        """Every mark, lowest layer first (within a layer in the order added)."""
        return tuple(mark for _z, mark in sorted(self._marks, key=lambda item: item[0]))


@lru_cache(maxsize=512)
def bar_chart(spec: ChartSpec) -> tuple[Mark, ...]:
    return _draw_bar_chart(spec)


@lru_cache(maxsize=512)
def line_chart(spec: LineSpec) -> tuple[Mark, ...]:
    return _draw_line_chart(spec)


def _draw_bar_chart(spec: ChartSpec) -> tuple[Mark, ...]:
    canvas = _Canvas(spec.width_in, spec.height_in, (0.03, 0.13, 0.98, 0.95))
    values = [b.value or 0.0 for b in spec.bars]
    top = max([v for v in values if v] or [1.0])
    n = len(spec.bars)
    # Every bar carries its value, so the chart needs no value axis: a base line only (fewer
    # texts to draw, and nothing for the eye to read twice).
    canvas.limits((-0.5, n - 0.5), (0, top * 1.22))
    labels = [(x, bar.label) for x, bar in enumerate(spec.bars)]

    canvas.grid([0.0], spec.unit, labels=False)
    canvas.x_labels(labels)
    grey = iter(GREYS)
    for x, bar in enumerate(spec.bars):
        # A series or bands: the highlighted navy, the rest one grey; three bars: three greys.
        other = GREYS[1] if n > 3 else next(grey, GREYS[-1])
        color = NAVY if bar.highlight else other
        if bar.value is None:
            canvas.text(
                canvas.fx(x),
                canvas.fy(top * 0.04),
                bar.missing_text.replace(" for ", "\nfor "),
                ha="center",
                va="bottom",
                fontsize=LABEL_SIZE,
                color=MUTED,
                italic=True,
            )
            continue
        canvas.bar(x, 0.62, bar.value, color)
        canvas.text(
            canvas.fx(x),
            canvas.fy(bar.value + top * 0.025),
            value_label(bar.value, spec.unit, spec.decimals, bar.qualifier),
            ha="center",
            va="bottom",
            fontsize=VALUE_SIZE,
            bold=True,
            color=NAVY if bar.highlight else TEXT,
        )
    return canvas.marks()


def _spread_labels(ys: list[float], gap: float) -> list[float]:
    """Label positions near `ys`, at least `gap` apart, in the same order (no two labels overlap)."""
    order = sorted(range(len(ys)), key=lambda i: ys[i])
    placed = [0.0] * len(ys)
    last = None
    for i in order:
        y = ys[i] if last is None else max(ys[i], last + gap)
        placed[i] = last = y
    shift = (sum(placed) - sum(ys)) / len(ys)  # centre the group on the points again
    return [p - shift for p in placed]


def _draw_line_chart(spec: LineSpec) -> tuple[Mark, ...]:
    canvas = _Canvas(spec.width_in, spec.height_in, (0.1, 0.13, 0.64, 0.95))
    n = len(spec.periods)
    known = [v for line in spec.lines for v in line.values if v is not None]
    top = max(known or [1.0])
    # The scale ends on a round tick with room above the highest point, so charts on the same
    # scale share one background.
    ticks = nice_ticks(top * 1.15)
    y_top = ticks[-1]
    canvas.limits((-0.3, n - 1 + 0.3), (0, y_top))

    canvas.grid(ticks, spec.unit)
    canvas.x_labels(list(enumerate(spec.periods)))
    # The municipality navy and bold, the county grey, the country grey and dashed.
    styles = {0: (NAVY, 3.2, False), 1: (GREYS[0], 2.2, False), 2: (GREYS[0], 2.2, True)}
    ends: list[tuple[float, str, str, bool]] = []  # (y, text, colour, bold) at the last period
    for i, line in enumerate(spec.lines):
        color, width, dash = styles.get(i, styles[2])
        if not line.highlight and i == 0:
            color, width = GREYS[0], 2.2
        points = [(x, v) for x, v in enumerate(line.values) if v is not None]
        if not points:
            continue
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        zorder = 4 if line.highlight else 3
        if len(points) > 1:
            canvas.line(xs, ys, color, width, dash, zorder)
        canvas.dots(xs, ys, color, 7 if line.highlight else 5, zorder)
        last_x, last_y = points[-1]
        if last_x == n - 1:
            text = f"{line.label} {value_label(last_y, spec.unit, spec.decimals)}"
            ends.append((last_y, text, NAVY if line.highlight else TEXT, line.highlight))
    # End labels right of the last period, spread so they never overlap (about one text line apart).
    gap = y_top * (LABEL_SIZE * 1.25 / 72) / (spec.height_in * (canvas.top - canvas.bottom))
    offset = 12 / 72 / spec.width_in
    for (_y, text, color, bold), y in zip(ends, _spread_labels([e[0] for e in ends], gap), strict=True):
        canvas.text(
            canvas.fx(n - 1) + offset,
            canvas.fy(y),
            text,
            ha="left",
            va="center",
            fontsize=LABEL_SIZE,
            bold=bold,
            color=color,
        )
    return canvas.marks()
