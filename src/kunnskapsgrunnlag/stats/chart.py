"""Fafo-style bar charts of one indicator as deterministic PNGs (same data, same bytes).

Determinism: the Agg renderer is deterministic for a given matplotlib and font; the PNG's
`Software` text chunk is dropped and no timestamp is written. Charts are cached per process by
their content, so a chart every deck shares is drawn once.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache

from ..diskcache import memo
from ..render.filters import tall

NAVY = "#1B365D"
GREYS = ("#7A828C", "#AEB4BC", "#C9CDD3")
TEXT = "#222222"
MUTED = "#5A6270"
DPI = 200
FONT_FILES = ("Carlito-Regular.ttf", "Carlito-Bold.ttf", "calibri.ttf", "calibrib.ttf")


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


@lru_cache(maxsize=256)
def bar_chart_png(spec: ChartSpec) -> bytes:
    return memo("charts", repr(spec), lambda: _draw_bar_chart(spec), ".png")


def _draw_bar_chart(spec: ChartSpec) -> bytes:
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    family = _font_family()
    rc = {
        "font.family": [family] if family else ["DejaVu Sans"],
        "font.size": 13,
        "svg.hashsalt": "fafo",
        "axes.edgecolor": MUTED,
        "text.color": TEXT,
        "axes.labelcolor": MUTED,
        "xtick.color": TEXT,
        "ytick.color": MUTED,
    }
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=(spec.width_in, spec.height_in), dpi=DPI)
        ax = fig.add_subplot()
        labels = [b.label for b in spec.bars]
        positions = list(range(len(spec.bars)))
        values = [b.value or 0.0 for b in spec.bars]
        top = max([v for v in values if v] or [1.0])
        colors, grey = [], iter(GREYS)
        for bar in spec.bars:
            if len(spec.bars) > 3:  # a series over time: the newest navy, the rest one grey
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
                    fontsize=12,
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
                    fontsize=15,
                    fontweight="bold",
                    color=NAVY if bar.highlight else TEXT,
                    zorder=4,
                )
        ax.set_xticks(positions, labels, fontsize=14)
        ax.set_ylim(0, top * 1.22)
        ax.yaxis.set_major_formatter(
            matplotlib.ticker.FuncFormatter(lambda v, _pos: tall(v, 0) + (" %" if spec.unit == "prosent" else ""))
        )
        ax.grid(axis="y", color="#E3E6EA", linewidth=0.8, zorder=0)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.tick_params(axis="y", length=0)
        ax.tick_params(axis="x", length=0, pad=8)
        fig.subplots_adjust(left=0.1, right=0.98, top=0.95, bottom=0.13)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None}, facecolor="white")
    return buffer.getvalue()
