"""A fast reader for figure files in the exact form `figure_file_text` writes.

The national figures are about 50 000 lines; YAML parses them in about 5 seconds, this in a
fraction of that. The result is the same located data the YAML loader gives (lines kept for
messages), so the validation that follows does not change. Anything not in the canonical form
(a hand-edited file, a comment in the middle, block style) returns None and the caller reads
the file with the YAML loader, which is always correct: this is only a shortcut.
"""

from __future__ import annotations

import json
import re

from ..load.yamlsource import LocatedList, LocatedMap

_DECODER = json.JSONDecoder()
_TOP = re.compile(r"^([a-z_]+): (.*)$")
_BARE = re.compile(r"^[a-z][a-z0-9_]*$")
_NUMBER = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$")
_ITEM_PREFIX = "  - {"
# The common line, matched whole: region, period, a number and an optional note (JSON string).
_SIMPLE = re.compile(
    r'^  - \{region: "([0-9]{1,4})", period: "([0-9]{4})", value: (-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?)'
    r'(?:, note: ("(?:[^"\\]|\\.)*"))?\}$'
)


def _scalar(text: str, start: int) -> tuple[object, int] | None:
    """The value at `start` (a JSON string, a number or null) and where it ends."""
    if text.startswith('"', start):
        try:
            value, end = _DECODER.raw_decode(text, start)
        except ValueError:
            return None
        return value, end
    end = text.find(", ", start)
    end = len(text) if end < 0 else end
    token = text[start:end]
    if token == "null":
        return None, end
    if not _NUMBER.match(token):
        return _Invalid, end
    return (float(token) if "." in token else int(token)), end


class _Invalid:
    pass


def _item(text: str, line: int) -> LocatedMap | None:
    body = text[len(_ITEM_PREFIX) : -1]
    item = LocatedMap()
    item.line = line
    item.key_lines = {}
    pos = 0
    while pos < len(body):
        colon = body.find(": ", pos)
        if colon < 0:
            return None
        key = body[pos:colon]
        if not _BARE.match(key) or key in item:
            return None
        parsed = _scalar(body, colon + 2)
        if parsed is None or parsed[0] is _Invalid:
            return None
        item[key], end = parsed
        item.key_lines[key] = line
        if end == len(body):
            return item
        if not body.startswith(", ", end):
            return None
        pos = end + 2
    return None


def parse_figure_file(text: str) -> LocatedMap | None:
    """The file as located data, or None when it is not in the canonical generated form.

    A figure that is just region, period, number (and a note) comes as a tuple
    (region, period, value, note) instead of a mapping: it needs no further checks.
    """
    data = LocatedMap()
    data.line = 1
    data.key_lines = {}
    figures: LocatedList | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if figures is None:
            if not line or line.startswith("#"):
                continue
            if line == "figures:":
                figures = LocatedList()
                figures.line = number
                figures.item_lines = []
                data["figures"] = figures
                data.key_lines["figures"] = number
                continue
            match = _TOP.match(line)
            if not match or match.group(1) in data:
                return None
            key, rest = match.groups()
            if rest.startswith('"'):
                parsed = _scalar(rest, 0)
                if parsed is None or parsed[1] != len(rest):
                    return None
                data[key] = parsed[0]
            elif _BARE.match(rest):
                data[key] = rest
            else:
                return None
            data.key_lines[key] = number
            continue
        simple = _SIMPLE.match(line)
        if simple:
            # (region, period, value, note): valid by construction, so the caller skips the checks
            region, period, value, note = simple.groups()
            figures.append((region, period, float(value), json.loads(note) if note else ""))
            figures.item_lines.append(number)
            continue
        if not (line.startswith(_ITEM_PREFIX) and line.endswith("}")):
            return None
        item = _item(line, number)
        if item is None:
            return None
        figures.append(item)
        figures.item_lines.append(number)
    return data if figures is not None else None
