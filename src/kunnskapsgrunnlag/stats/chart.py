"""Fafo-style charts of one indicator as deterministic PNGs (same data, same bytes).

Two kinds: bars (the municipality beside its county and the country, or age bands) and lines
(a trend over time for the municipality, the county and the country). Charts are drawn at their
size on the slide, so a font size here is the size the audience sees (at least 16 pt).

Determinism: the Agg renderer is deterministic for a given matplotlib and font; the PNG's
`Software` text chunk is dropped and no timestamp is written. Charts are cached per process and
on disk by their content, so a chart many decks share is drawn once.

Speed: matplotlib is imported on the first chart only, the fonts are registered once, and the
PNG is written at the resolution a full-HD projector shows (DPI) with light compression.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from functools import lru_cache

from ..diskcache import memo
from ..render.filters import tall

NAVY = "#1B365D"
GREYS = ("#6B7380", "#AEB4BC", "#C9CDD3")
TEXT = "#222222"
MUTED = "#5A6270"
GRID = "#E3E6EA"
# 144 pixels per inch is a 1920-pixel-wide picture of the whole 13.33-inch slide: what a full-HD
# projector shows. More only makes the file and the drawing slower.
DPI = 144
PNG_COMPRESSION = 3  # zlib level: 6 (the default) is about twice as slow for a few per cent less
FONT_FILES = ("Carlito-Regular.ttf", "Carlito-Bold.ttf", "calibri.ttf", "calibrib.ttf")
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


@lru_cache(maxsize=1)
def _font_family() -> str | None:
    """Register Carlito (metric-compatible with Calibri) with matplotlib if it is installed."""
    from matplotlib import font_manager

    from ..validate.overflow import FontMissing, find_font

    family = None
    for name in FONT_FILES:
        try:
            path = find_font(name)
        except FontMissing:
            continue
        font_manager.fontManager.addfont(str(path))
        family = family or font_manager.FontProperties(fname=str(path)).get_name()
    return family


@lru_cache(maxsize=1)
def _matplotlib():
    """matplotlib's Figure and the artists we draw with, set up once per process.

    Charts are drawn straight on a Figure in figure coordinates (`_Canvas`), without Axes: an
    Axes builds tick objects, spines and locators on every chart, which was two thirds of the
    drawing time, for a grid and a few labels we can place ourselves.
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    family = _font_family()
    matplotlib.rcParams.update(
        {
            "font.family": [family] if family else ["DejaVu Sans"],
            "font.size": TICK_SIZE,
            "svg.hashsalt": "fafo",
            "text.color": TEXT,
        }
    )
    return Figure, Line2D, Rectangle


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


@lru_cache(maxsize=8)
def _figure_and_canvas(width_in: float, height_in: float):
    """One Figure and Agg canvas per chart size, reused: the renderer's text-metrics cache then
    serves the labels every chart repeats ("2024", "8 %"), and no figure is built per chart."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    Figure = _matplotlib()[0]
    fig = Figure(figsize=(width_in, height_in), dpi=DPI, facecolor="white")
    return fig, FigureCanvasAgg(fig)


# Drawn backgrounds (grid, axis labels) by what they show: most charts share theirs with many
# others (every NEET chart with the same scale, every age-band chart), and text is the costly part.
_BACKGROUNDS: dict[tuple, object] = {}
_BACKGROUND_LIMIT = 24


class _Canvas:
    """A plot area on a Figure: data (x, y) to figure coordinates, and the few marks a chart needs.

    Marks go in two layers. The background (grid, axis labels) is drawn once per distinct
    background and kept as pixels; each chart restores it and draws its own foreground (bars,
    lines, values) over it. The pixels are the same whether the background was just drawn or
    restored, so a chart's bytes never depend on what the process drew before.
    """

    def __init__(self, width_in: float, height_in: float, box: tuple[float, float, float, float]):
        _figure, self._line, self._rect = _matplotlib()
        from matplotlib.text import Text

        self._text = Text
        self.fig, self.canvas = _figure_and_canvas(width_in, height_in)
        self.fig.clear()
        self.width_in, self.height_in = width_in, height_in
        self.left, self.bottom, self.right, self.top = box
        self.x_range = (0.0, 1.0)
        self.y_range = (0.0, 1.0)
        self._foreground: list = []
        self._in_background = True
        self._background_key: tuple = ()

    def limits(self, x: tuple[float, float], y: tuple[float, float]) -> None:
        self.x_range, self.y_range = x, y

    def fx(self, x: float) -> float:
        lo, hi = self.x_range
        return self.left + (x - lo) / (hi - lo) * (self.right - self.left)

    def fy(self, y: float) -> float:
        lo, hi = self.y_range
        return self.bottom + (y - lo) / (hi - lo) * (self.top - self.bottom)

    def background(self, key: tuple, draw) -> None:
        """`draw()` adds the background marks, only when no background with `key` is kept."""
        self._background_key = (self.width_in, self.height_in, self.left, self.bottom, self.right, self.top, key)
        if self._background_key not in _BACKGROUNDS:
            draw()
        self._in_background = False

    def _add(self, artist) -> None:
        artist.set_transform(self.fig.transFigure)
        if self._in_background:
            self.fig.add_artist(artist)
        else:
            artist.set_figure(self.fig)
            self._foreground.append(artist)

    def grid(self, ticks: list[float], unit: str, labels: bool = True) -> None:
        """Horizontal grid lines with their labels left of the plot area; the zero line darker."""
        suffix = " %" if unit == "prosent" else ""
        for value in ticks:
            y = self.fy(value)
            color, width = (MUTED, 1.0) if value == 0 else (GRID, 0.8)
            self._add(self._line([self.left, self.right], [y, y], color=color, linewidth=width, zorder=1))
            if labels:
                self.text(self.left - 0.012, y, tall(value, 0) + suffix, ha="right", va="center", color=MUTED)

    def x_labels(self, labels: list[tuple[float, str]]) -> None:
        pad = 8 / 72 / self.height_in  # 8 points below the zero line
        for x, label in labels:
            self.text(self.fx(x), self.bottom - pad, label, ha="center", va="top")

    def text(self, x: float, y: float, text: str, **kw) -> None:
        kw.setdefault("fontsize", TICK_SIZE)
        kw.setdefault("color", TEXT)
        self._add(self._text(x, y, text, **kw))

    def bar(self, x: float, width: float, height: float, color: str) -> None:
        x0, x1 = self.fx(x - width / 2), self.fx(x + width / 2)
        y0, y1 = self.fy(0), self.fy(height)
        self._add(self._rect((x0, y0), x1 - x0, y1 - y0, facecolor=color, edgecolor="none", zorder=3))

    def line(self, xs: list[float], ys: list[float], **kw) -> None:
        self._add(self._line([self.fx(x) for x in xs], [self.fy(y) for y in ys], **kw))

    def png(self) -> bytes:
        """The background (drawn or restored), the foreground over it in z-order, as PNG."""
        kept = _BACKGROUNDS.get(self._background_key)
        if kept is None:
            self.canvas.draw()  # the figure holds only the background marks
            if len(_BACKGROUNDS) >= _BACKGROUND_LIMIT:
                _BACKGROUNDS.pop(next(iter(_BACKGROUNDS)))
            _BACKGROUNDS[self._background_key] = self.canvas.copy_from_bbox(self.fig.bbox)
        else:
            self.canvas.get_renderer()
            self.canvas.restore_region(kept)
        for artist in sorted(self._foreground, key=lambda a: a.get_zorder()):  # stable: creation order
            self.fig.draw_artist(artist)
        return _encode(self.canvas)


def _encode(canvas) -> bytes:
    """The drawn canvas as a PNG, encoded by Pillow (no time or software chunk: the bytes
    depend on the drawing only)."""
    from PIL import Image

    width, height = canvas.get_width_height()
    image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1).convert("RGB")
    # A chart has a few flat colours and their anti-aliased edges (under 1 000 colours): a
    # 256-colour palette (fast octree, deterministic) looks the same, is a third the size and
    # is quicker to compress than RGB.
    image = image.quantize(colors=256, method=Image.Quantize.FASTOCTREE)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=PNG_COMPRESSION)
    return buffer.getvalue()


@lru_cache(maxsize=256)
def bar_chart_png(spec: ChartSpec) -> bytes:
    return memo("charts", repr(spec), lambda: _draw_bar_chart(spec), ".png")


@lru_cache(maxsize=256)
def line_chart_png(spec: LineSpec) -> bytes:
    return memo("charts", repr(spec), lambda: _draw_line_chart(spec), ".png")


def _draw_bar_chart(spec: ChartSpec) -> bytes:
    canvas = _Canvas(spec.width_in, spec.height_in, (0.03, 0.13, 0.98, 0.95))
    values = [b.value or 0.0 for b in spec.bars]
    top = max([v for v in values if v] or [1.0])
    n = len(spec.bars)
    # Every bar carries its value, so the chart needs no value axis: a base line only (fewer
    # texts to draw, and nothing for the eye to read twice).
    canvas.limits((-0.5, n - 0.5), (0, top * 1.22))
    labels = [(x, bar.label) for x, bar in enumerate(spec.bars)]

    def background() -> None:
        canvas.grid([0.0], spec.unit, labels=False)
        canvas.x_labels(labels)

    canvas.background(("bars", n, tuple(labels)), background)
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
                style="italic",
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
            fontweight="bold",
            color=NAVY if bar.highlight else TEXT,
        )
    return canvas.png()


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


def _draw_line_chart(spec: LineSpec) -> bytes:
    canvas = _Canvas(spec.width_in, spec.height_in, (0.1, 0.13, 0.64, 0.95))
    n = len(spec.periods)
    known = [v for line in spec.lines for v in line.values if v is not None]
    top = max(known or [1.0])
    # The scale ends on a round tick with room above the highest point, so charts on the same
    # scale share one background.
    ticks = nice_ticks(top * 1.15)
    y_top = ticks[-1]
    canvas.limits((-0.3, n - 1 + 0.3), (0, y_top))

    def background() -> None:
        canvas.grid(ticks, spec.unit)
        canvas.x_labels(list(enumerate(spec.periods)))

    canvas.background(("lines", spec.unit, tuple(ticks), spec.periods), background)
    styles = {0: (NAVY, 3.2, "-"), 1: (GREYS[0], 2.2, "-"), 2: (GREYS[0], 2.2, (0, (4, 2)))}
    ends: list[tuple[float, str, str, bool]] = []  # (y, text, colour, bold) at the last period
    for i, line in enumerate(spec.lines):
        color, width, dash = styles.get(i, styles[2])
        if not line.highlight and i == 0:
            color, width = GREYS[0], 2.2
        points = [(x, v) for x, v in enumerate(line.values) if v is not None]
        if not points:
            continue
        canvas.line(
            [p[0] for p in points],
            [p[1] for p in points],
            color=color,
            linewidth=width,
            linestyle=dash,
            marker="o",
            markersize=7 if line.highlight else 5,
            zorder=4 if line.highlight else 3,
        )
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
            fontweight="bold" if bold else "normal",
            color=color,
        )
    return canvas.png()
