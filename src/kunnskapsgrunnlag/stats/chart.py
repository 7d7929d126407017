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
PNG_COMPRESSION = 3  # zlib level: 6 (the default) is ~2x slower for a ~5 % smaller file
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
    """matplotlib with the Agg canvas and the deck's style, set up once per process."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib import ticker
    from matplotlib.figure import Figure

    family = _font_family()
    matplotlib.rcParams.update(
        {
            "font.family": [family] if family else ["DejaVu Sans"],
            "font.size": TICK_SIZE,
            "svg.hashsalt": "fafo",
            "axes.edgecolor": MUTED,
            "text.color": TEXT,
            "axes.labelcolor": MUTED,
            "xtick.color": TEXT,
            "ytick.color": MUTED,
        }
    )
    return Figure, ticker


def _new_axes(width_in: float, height_in: float, unit: str):
    Figure, ticker = _matplotlib()
    fig = Figure(figsize=(width_in, height_in), dpi=DPI)
    ax = fig.add_subplot()
    ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _pos: tall(v, 0) + (" %" if unit == "prosent" else "")))
    ax.yaxis.set_major_locator(ticker.MaxNLocator(nbins=4, min_n_ticks=3))
    ax.grid(axis="y", color=GRID, linewidth=0.8, zorder=0)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0, labelsize=TICK_SIZE)
    ax.tick_params(axis="x", length=0, pad=8, labelsize=TICK_SIZE)
    return fig, ax


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(
        buffer,
        format="png",
        dpi=DPI,
        metadata={"Software": None},
        facecolor="white",
        pil_kwargs={"compress_level": PNG_COMPRESSION},
    )
    return buffer.getvalue()


@lru_cache(maxsize=256)
def bar_chart_png(spec: ChartSpec) -> bytes:
    return memo("charts", repr(spec), lambda: _draw_bar_chart(spec), ".png")


@lru_cache(maxsize=256)
def line_chart_png(spec: LineSpec) -> bytes:
    return memo("charts", repr(spec), lambda: _draw_line_chart(spec), ".png")


def _draw_bar_chart(spec: ChartSpec) -> bytes:
    fig, ax = _new_axes(spec.width_in, spec.height_in, spec.unit)
    positions = list(range(len(spec.bars)))
    values = [b.value or 0.0 for b in spec.bars]
    top = max([v for v in values if v] or [1.0])
    colors, grey = [], iter(GREYS)
    for bar in spec.bars:
        if len(spec.bars) > 3:  # a series or bands: the highlighted navy, the rest one grey
            colors.append(NAVY if bar.highlight else GREYS[1])
        else:
            colors.append(NAVY if bar.highlight else next(grey, GREYS[-1]))
    heights = [b.value if b.value is not None else 0.0 for b in spec.bars]
    ax.bar(positions, heights, width=0.62, color=colors, zorder=3)
    for x, bar in zip(positions, spec.bars, strict=True):
        if bar.value is None:
            ax.text(
                x,
                top * 0.04,
                bar.missing_text.replace(" for ", "\nfor "),
                ha="center",
                va="bottom",
                fontsize=LABEL_SIZE,
                color=MUTED,
                style="italic",
                zorder=4,
            )
        else:
            ax.text(
                x,
                bar.value + top * 0.025,
                value_label(bar.value, spec.unit, spec.decimals, bar.qualifier),
                ha="center",
                va="bottom",
                fontsize=VALUE_SIZE,
                fontweight="bold",
                color=NAVY if bar.highlight else TEXT,
                zorder=4,
            )
    ax.set_xticks(positions, [b.label for b in spec.bars])
    ax.set_ylim(0, top * 1.22)
    fig.subplots_adjust(left=0.13, right=0.98, top=0.95, bottom=0.13)
    return _png(fig)


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
    fig, ax = _new_axes(spec.width_in, spec.height_in, spec.unit)
    xs = list(range(len(spec.periods)))
    styles = {0: (NAVY, 3.2, "-"), 1: (GREYS[0], 2.2, "-"), 2: (GREYS[0], 2.2, (0, (4, 2)))}
    known = [v for line in spec.lines for v in line.values if v is not None]
    top = max(known or [1.0])
    ends: list[tuple[float, str, str, bool]] = []  # (y, text, colour, bold) at the last point
    for i, line in enumerate(spec.lines):
        color, width, dash = styles.get(i, styles[2])
        if not line.highlight and i == 0:
            color, width = GREYS[0], 2.2
        points = [(x, v) for x, v in zip(xs, line.values, strict=True) if v is not None]
        if not points:
            continue
        ax.plot(
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
        if last_x == xs[-1]:
            text = f"{line.label} {value_label(last_y, spec.unit, spec.decimals)}"
            ends.append((last_y, text, NAVY if line.highlight else TEXT, line.highlight))
    ax.set_ylim(0, top * 1.25)
    ax.set_xlim(-0.3, len(xs) - 1 + 0.3)
    ax.set_xticks(xs, list(spec.periods))
    # End labels right of the last period, spread so they never overlap (about one text line apart).
    gap = top * 1.25 * (LABEL_SIZE * 1.25 / 72) / (spec.height_in * 0.82)
    for (_y, text, color, bold), y in zip(ends, _spread_labels([e[0] for e in ends], gap), strict=True):
        ax.annotate(
            text,
            xy=(xs[-1], y),
            xytext=(12, 0),
            textcoords="offset points",
            va="center",
            ha="left",
            fontsize=LABEL_SIZE,
            fontweight="bold" if bold else "normal",
            color=color,
            annotation_clip=False,
        )
    fig.subplots_adjust(left=0.1, right=0.64, top=0.95, bottom=0.13)
    return _png(fig)
