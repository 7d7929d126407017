"""What a slide looks like, as pure data: boxes of text, rectangles and pictures in inches.

Layouts produce a `SlidePlan`; `draw` turns it into PowerPoint shapes and `check` measures its
text for overflow. One description, two consumers, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from ..marks import Mark
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
    role: str = "body"  # which minimum size of the theme's type scale holds it

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
    step: int = 0  # 0: always shown; n: appears at the n-th click
    inset: float = 0.1  # left and right inner margin, inches
    within: str = ""  # a diagram label: the shape it must stay inside (checked by `check`)


@dataclass(frozen=True)
class Rect:
    name: str
    x: float
    y: float
    w: float
    h: float
    fill: str
    step: int = 0
    rounded: bool = False
    line: str | None = None  # outline colour; none when None
    dashed: bool = False
    description: str = ""  # alt text, for the shape that describes a whole diagram
    bleed: bool = False  # decoration that may run to the slide's edge (not into the safe margin rule)


@dataclass(frozen=True)
class Oval:
    name: str
    x: float
    y: float
    w: float
    h: float
    fill: str
    alpha: float = 1.0  # opacity of the fill, for overlapping circles
    line: str | None = None
    step: int = 0
    hole: float = 0.0  # > 0: a ring of this thickness (inches) instead of a filled ellipse
    description: str = ""  # alt text, for the shape that describes a whole diagram


@dataclass(frozen=True)
class Frame:
    """A rectangular ring: a band of the user-oriented model, with a hole of the given thickness."""

    name: str
    x: float
    y: float
    w: float
    h: float
    fill: str
    thickness: float
    line: str | None = None
    step: int = 0
    description: str = ""

    @property
    def hole(self) -> tuple[float, float, float, float]:
        t = self.thickness
        return (self.x + t, self.y + t, self.w - 2 * t, self.h - 2 * t)


@dataclass(frozen=True)
class Line:
    name: str
    x1: float
    y1: float
    x2: float
    y2: float
    color: str
    width_pt: float = 1.25
    step: int = 0


@dataclass(frozen=True)
class Picture:
    name: str
    x: float
    y: float
    w: float
    h: float
    image: bytes
    alt: str
    step: int = 0


@dataclass(frozen=True)
class Chart:
    """A chart: its marks in one locked group with the chart's alt text."""

    name: str
    x: float
    y: float
    w: float
    h: float
    marks: tuple[Mark, ...]
    alt: str
    step: int = 0
    first_id: int = 1000  # the marks' shape ids: clear of python-pptx's, unique on the slide
    stand_in: str = ""  # a skeleton's token for the marks' XML (render/skeleton.py)


Shape = TextBox | Rect | Picture | Oval | Line | Frame | Chart


@dataclass(frozen=True)
class SlidePlan:
    shapes: tuple[Shape, ...]
    background: str  # RGB hex
    wordmark: bool = True
    wordmark_color: str = "accent"
    show_master_shapes: bool = True
    extra: dict = field(default_factory=dict)
    footer: bool = True  # the slide number and the theme's short footer
    logo: bool = False  # the office's own logo beside the wordmark (title and closing slides)
    lang: str = "nb-NO"  # the language of its text (nn-NO in a nynorsk deck): proofing, screen readers

    def text_boxes(self) -> list[TextBox]:
        return [s for s in self.shapes if isinstance(s, TextBox)]

    @property
    def step_count(self) -> int:
        return max((s.step for s in self.shapes), default=0)

    def static(self) -> SlidePlan:
        """The shapes always shown (drawn on the slide's layout)."""
        return replace(self, shapes=tuple(s for s in self.shapes if s.step == 0))

    def at_step(self, step: int) -> tuple[Shape, ...]:
        return tuple(s for s in self.shapes if s.step == step)
