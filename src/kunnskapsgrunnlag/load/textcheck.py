"""Find characters a presentation cannot hold, so `check` can name them at file:line."""

from __future__ import annotations

import unicodedata

from ..errors import Problem
from ..ooxml.xml import INVALID_XML_CHARS


def _name(char: str) -> str:
    return f"U+{ord(char):04X}" + (f" ({unicodedata.name(char)})" if unicodedata.name(char, "") else "")


def invalid_character_problems(text: str, display: str, first_line: int = 1) -> list[Problem]:
    """One warning per line of `text` that holds characters XML cannot hold (they are removed)."""
    if not INVALID_XML_CHARS.search(text):
        return []
    out = []
    for offset, line in enumerate(text.split("\n")):
        found = sorted(set(INVALID_XML_CHARS.findall(line)))
        if found:
            names = ", ".join(_name(c) for c in found)
            out.append(
                Problem(
                    display,
                    first_line + offset,
                    f"tegn som ikke kan stå i en presentasjon ({names}); de fjernes (eller blir mellomrom)",
                    "warning",
                )
            )
    return out
