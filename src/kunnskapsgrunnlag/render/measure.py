"""Measure set text: how tall a text box's paragraphs are at the theme's font and size.

Greedy word wrap with the metric-compatible font's advance widths (Pillow's
`ImageFont.getlength`), 1.2 × size per line times the theme's line spacing, plus paragraph
spacing and the text box insets. python-pptx's `fit_text` is not reliable for this. Layouts use
it to size boxes to their text; `check` uses it to find text that does not fit.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

from .draw import BULLET_INDENT_IN, SUB_BULLET_MARGIN_IN
from .plan import TextBox, TextPara
from .theme import Theme

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


@lru_cache(maxsize=32768)
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


def text_height_in(box: TextBox, theme: Theme) -> float:
    """The box's text height; without the font files, an estimate (half an em per character)."""
    try:
        return box_height_in(box, theme)[0]
    except FontMissing:
        total = 0.0
        for para in box.paragraphs:
            per_line = max((box.w - 2 * box.inset) * 72 / (para.size * 0.5), 1)
            lines = -(-len(para.text) // int(per_line)) or 1
            total += lines * para.size * LINE_FACTOR * theme.line_spacing + para.space_before
        return total / 72 + 2 * INSET_Y_IN


def text_width_in(text: str, size_pt: float, theme: Theme, bold: bool = False) -> float:
    """The width of `text` on one line; without the font files, an estimate."""
    try:
        path = _font_path(theme, bold, False)
    except FontMissing:
        return len(text) * size_pt * 0.52 / 72
    return _length_pt(text, path, size_pt) / 72


def line_height_in(size_pt: float, theme: Theme) -> float:
    return size_pt * LINE_FACTOR * theme.line_spacing / 72
