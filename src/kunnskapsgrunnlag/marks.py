"""What a chart is drawn from: marks placed in inches from the chart's top-left corner (y down).

`stats/chart.py` and the curve diagram produce them; `ooxml/vector.py` writes them as DrawingML
shapes in one locked group: real text in the deck's font, sharp on any projector.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

LINE_HEIGHT = 1.2  # a text line's height, in font sizes


@dataclass(frozen=True)
class Stroke:
    """A line through `points`; two points make a straight line."""

    points: tuple[tuple[float, float], ...]
    color: str
    width_pt: float
    dashed: bool = False


@dataclass(frozen=True)
class Block:
    x: float
    y: float
    w: float
    h: float
    fill: str


@dataclass(frozen=True)
class Dot:
    x: float  # centre
    y: float
    diameter_pt: float
    fill: str


@dataclass(frozen=True)
class Label:
    """Text anchored at (x, y): `ha` left/center/right and `va` top/center/bottom of its line."""

    x: float
    y: float
    text: str  # "\n" starts a new line
    size: float
    color: str
    bold: bool = False
    italic: bool = False
    ha: Literal["left", "center", "right"] = "center"
    va: Literal["top", "center", "bottom"] = "center"
    vertical: bool = False  # read bottom to top (a y-axis title)

    def box(self, text_width: float) -> tuple[float, float, float, float]:
        """(x, y, w, h) of the text placed at the anchor, for lines `text_width` inches wide."""
        lines = self.text.count("\n") + 1
        width, height = text_width, lines * self.size * LINE_HEIGHT / 72
        if self.vertical:
            width, height = height, width
        x = {"left": self.x, "center": self.x - width / 2, "right": self.x - width}[self.ha]
        y = {"top": self.y, "center": self.y - height / 2, "bottom": self.y - height}[self.va]
        return x, y, width, height


Mark = Stroke | Block | Dot | Label
