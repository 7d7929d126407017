"""Warn when text would overflow its box at the theme's font and size (measured in render/measure.py)."""

from __future__ import annotations

from dataclasses import dataclass

from ..render.measure import FontMissing, box_height_in, find_font, paragraph_lines
from ..render.plan import SlidePlan, TextBox
from ..render.theme import Theme

__all__ = ["FontMissing", "Overflow", "box_height_in", "find_font", "overflows", "paragraph_lines"]


@dataclass(frozen=True)
class Overflow:
    box: TextBox
    needed_in: float
    available_in: float
    widest_word: str | None = None


def overflows(plan: SlidePlan, theme: Theme) -> list[Overflow]:
    found = []
    for box in plan.text_boxes():
        if not box.measure:
            continue
        needed, widest = box_height_in(box, theme)
        if needed > box.h + 0.01 or widest:
            found.append(Overflow(box, needed, box.h, widest))
    return found
