"""Warn when text would overflow its box at the theme's font and size.

Greedy word wrap with the metric-compatible font's advance widths (Pillow's
`ImageFont.getlength`), 1.2 × size per line times the theme's line spacing, plus paragraph
spacing and the text box insets. python-pptx's `fit_text` is not reliable for this.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

from ..render.draw import BULLET_INDENT_IN, SUB_BULLET_MARGIN_IN
from ..render.plan import SlidePlan, TextBox, TextPara
from ..render.theme import Theme

INSET_X_IN = 0.1
INSET_Y_IN = 0.05
LINE_FACTOR = 1.2
FONT_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".fonts",
    Path.home() / ".local/share/fonts",
    Path("/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)


class FontMissing(Exception):
    pass


@dataclass(frozen=True)
class Overflow:
    box: TextBox
    needed_in: float
    available_in: float
    widest_word: str | None = None


@lru_cache(maxsize=8)
def find_font(file_name: str) -> Path:
    extra = os.environ.get("KUNNSKAPSGRUNNLAG_FONTS")
    for folder in ((Path(extra),) if extra else ()) + FONT_DIRS:
        if folder.is_dir():
            for found in folder.rglob(file_name):
                return found
    raise FontMissing(file_name)


@lru_cache(maxsize=64)
def _font(path: Path, size_pt: float) -> ImageFont.FreeTypeFont:
    # Measure in points at 72 dpi: one unit is one point.
    return ImageFont.truetype(str(path), size=max(round(size_pt * 10), 1))


def _length_pt(text: str, path: Path, size_pt: float) -> float:
    return _font(path, size_pt).getlength(text) / 10


def _font_path(theme: Theme, bold: bool, italic: bool) -> Path:
    key = {(False, False): "regular", (True, False): "bold", (False, True): "italic", (True, True): "bold_italic"}
    return find_font(theme.font_files[key[(bold, italic)]])


def paragraph_lines(para: TextPara, width_pt: float, theme: Theme) -> tuple[int, str | None]:
    """How many lines the paragraph takes, and a word too wide for the box if there is one."""
    words: list[tuple[str, Path]] = []
    for run in para.runs:
        path = _font_path(theme, para.bold or run.bold, para.italic or run.italic)
        words.extend((w, path) for w in run.text.split())
    if not words:
        return 1, None
    lines, current, too_wide = 1, 0.0, None
    space = _length_pt(" ", words[0][1], para.size)
    for word, path in words:
        length = _length_pt(word, path, para.size)
        if length > width_pt:
            too_wide = word
        if current and current + space + length > width_pt:
            lines += 1
            current = length
        else:
            current = current + space + length if current else length
    return lines, too_wide


def box_height_in(box: TextBox, theme: Theme) -> tuple[float, str | None]:
    total_pt, widest = 0.0, None
    for i, para in enumerate(box.paragraphs):
        indent = 0.0
        if para.bullet:
            indent = BULLET_INDENT_IN if para.level == 0 else SUB_BULLET_MARGIN_IN
        width_pt = (box.w - 2 * box.inset - indent) * 72
        lines, too_wide = paragraph_lines(para, width_pt, theme)
        widest = widest or too_wide
        total_pt += lines * para.size * LINE_FACTOR * theme.line_spacing
        if i:
            total_pt += para.space_before
    return total_pt / 72 + 2 * INSET_Y_IN, widest


def overflows(plan: SlidePlan, theme: Theme) -> list[Overflow]:
    found = []
    for box in plan.text_boxes():
        if not box.measure:
            continue
        needed, widest = box_height_in(box, theme)
        if needed > box.h + 0.01 or widest:
            found.append(Overflow(box, needed, box.h, widest))
    return found
