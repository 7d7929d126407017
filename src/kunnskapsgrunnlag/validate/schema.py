"""The slide schema: which fields each layout takes, and what each field must hold."""

from __future__ import annotations

import re

# Field kinds: "text" (a string), "texts" (list of strings), "bullets", "column", "links",
# "bool", "keys" (list of bibliography keys).
COMMON_FIELDS: dict[str, str] = {
    "id": "text",
    "title": "text",
    "layout": "text",
    "hide_title": "bool",
    "sources": "keys",
    "reviewed": "date",
}
REQUIRED_COMMON = ("id", "title", "layout")

LAYOUTS: dict[str, tuple[dict[str, str], tuple[str, ...]]] = {
    # layout: ({field: kind}, required fields)
    "title": ({"subtitle": "text", "authors": "texts", "series": "text", "presented_for": "text"}, ()),
    "section": ({"lead": "text"}, ()),
    "toc": ({}, ()),
    "bullets": ({"intro": "text", "bullets": "bullets"}, ("bullets",)),
    "statement": ({"text": "text", "footer": "text"}, ("text",)),
    "quote": ({"quote": "text", "attribution": "text"}, ("quote", "attribution")),
    "two-column": ({"left": "column", "right": "column"}, ("left", "right")),
    "links": ({"text": "text", "links": "links"}, ("links",)),
    "closing": ({"text": "text"}, ()),
    "statistic": ({"indicator": "text", "text": "text"}, ("indicator",)),
    "diagram": (
        {
            "diagram": "text",
            "intro": "text",
            "layers": "texts",
            "steps": "texts",
            "highlight": "int",
            "focus": "text",
            "side": "bullets",
            "alt": "text",
        },
        ("diagram",),
    ),
}

MAX_BULLETS = 8
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SOURCE_KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

SOURCE_FIELDS = ("authors", "year", "title", "in", "series", "publisher", "place", "url", "note")
SOURCE_REQUIRED = ("authors", "year", "title")

SECTION_FIELDS = ("id", "title", "folder", "numbered", "optional", "slides", "reviewed")
RECIPE_FIELDS = (
    "title",
    "description",
    "include",
    "uten_lokale_tall",  # "vis" (default) or "hopp over": leave out statistics slides without local figures
)
MISSING_STATISTICS_CHOICES = ("vis", "hopp over")


def allowed_fields(layout: str) -> tuple[str, ...]:
    return (*COMMON_FIELDS, *LAYOUTS[layout][0])


def field_kind(layout: str, name: str) -> str | None:
    return COMMON_FIELDS.get(name) or LAYOUTS.get(layout, ({}, ()))[0].get(name)


DIAGRAM_KINDS = ("rings", "staircase", "venn", "pieces", "curve")
DIAGRAM_FIELDS = ("kind", "centre", "layers", "extra", "x_label", "y_label", "points", "source")
DIAGRAM_LAYER_FIELDS = ("id", "label", "items", "lines")
