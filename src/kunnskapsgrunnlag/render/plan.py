"""What a slide looks like, as pure data: boxes of text, rectangles and pictures in inches.

Layouts produce a `SlidePlan`; `draw` turns it into PowerPoint shapes and `check` measures its
text for overflow. One description, two consumers, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .richtext import Run

Align = Literal["l", "ctr", "r"]
Anchor = Literal["t", "ctr", "b"]


@dataclass(frozen=True)
class TextPara:
    runs: tuple[Run, ...]
    size: float
    color: str
    bold: bool = False
    italic: bool = False
    bullet: str | None = None
    level: int = 0
    space_before: float = 0.0  # points
    align: Align = "l"

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class TextBox:
    name: str
    x: float
    y: float
    w: float
    h: float
    paragraphs: tuple[TextPara, ...]
    anchor: Anchor = "t"
    field: str = ""  # the content field it shows, for overflow messages
    measure: bool = True  # False for text that is allowed to be clipped (e.g. decoration)


@dataclass(frozen=True)
class Rect:
    name: str
    x: float
    y: float
    w: float
    h: float
    fill: str


@dataclass(frozen=True)
class Picture:
    name: str
    x: float
    y: float
    w: float
    h: float
    image: bytes
    alt: str


Shape = TextBox | Rect | Picture


@dataclass(frozen=True)
class SlidePlan:
    shapes: tuple[Shape, ...]
    background: str  # RGB hex
    wordmark: bool = True
    wordmark_color: str = "accent"
    show_master_shapes: bool = True
    extra: dict = field(default_factory=dict)

    def text_boxes(self) -> list[TextBox]:
        return [s for s in self.shapes if isinstance(s, TextBox)]
