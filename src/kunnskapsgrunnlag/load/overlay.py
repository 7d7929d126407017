"""Nynorsk overlays: the text of a content file in nynorsk, laid over its bokmål base file.

`slides/s/x.nn.yaml` holds only the text the audience reads, with the same keys and nesting as
`slides/s/x.yaml` (lists in the same order and of the same length). Structure (ids, layouts,
diagrams, steps, sources, indicators, URLs) lives in the base file only, so an editor changes it
once. The same holds for diagrams, recipes and slides/sections.yaml. Notes are whole files:
`speaker_notes/s/x.nn.md` beside `x.md`. See docs/content-format.md, "Nynorsk".
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from ..malform import Malform
from .files import RawFile, RawProject, base_of
from .yamlsource import LocatedList, LocatedMap

# Keys that are structure wherever they occur: never overridden by an overlay.
STRUCTURAL_ALWAYS = frozenset(
    {
        "id",
        "layout",
        "diagram",
        "steps",
        "sources",
        "indicator",
        "url",
        "image",
        "reviewed",
        "hide_title",
        "highlight",
        "focus",
    }
)
# Keys that are structure in one kind of file only (in a diagram file, `layers` holds text).
STRUCTURAL_BY_KIND: dict[str, frozenset[str]] = {
    "slide": frozenset({"layers"}),
    "diagram": frozenset({"kind", "lines", "value"}),
    "sections": frozenset({"slides", "numbered", "optional", "folder"}),
    "recipe": frozenset({"include"}),
    "indicators": frozenset({"unit", "decimals", "source", "table", "period", "licence", "national", "region"}),
}
# Text that stays as published in both forms (quotations, names, report series, a diagram's
# citation): an overlay may leave it out; if it gives it, it must be the same.
VERBATIM = frozenset({"quote", "authors", "series", "source"})


def kind_of(path: Path, root: Path) -> str:
    parts = path.resolve().relative_to(root.resolve()).parts
    if parts[:1] == ("slides",):
        return "sections" if path.name in ("sections.yaml", "sections.nn.yaml") else "slide"
    return {"diagrams": "diagram", "recipes": "recipe"}.get(parts[0], "other")


def is_structural(key: str, kind: str) -> bool:
    return key in STRUCTURAL_ALWAYS or key in STRUCTURAL_BY_KIND.get(kind, frozenset())


def merge(base: Any, over: Any, kind: str) -> Any:
    """`base` with the overlay's text in place of its own; structure always from `base`.

    A value the overlay lacks, or gives in the wrong shape, stays as in `base` (check reports it).
    """
    if isinstance(base, dict) and isinstance(over, dict):
        out = LocatedMap()
        out.line = getattr(base, "line", 1)
        out.key_lines = dict(getattr(base, "key_lines", {}))
        for key, value in base.items():
            if key in over and not is_structural(key, kind) and key not in VERBATIM:
                out[key] = merge(value, over[key], kind)
                if isinstance(over, LocatedMap):
                    out.key_lines[key] = over.line_of(key)
            else:
                out[key] = value
        return out
    if isinstance(base, list) and isinstance(over, list) and len(base) == len(over):
        out_list = LocatedList(merge(b, o, kind) for b, o in zip(base, over, strict=True))
        out_list.line = getattr(over, "line", getattr(base, "line", 1))
        out_list.item_lines = list(getattr(over, "item_lines", getattr(base, "item_lines", [])))
        return out_list
    if isinstance(base, str) and isinstance(over, str) and over.strip():
        return over
    return base


def localize(raw: RawProject, malform: Malform) -> RawProject:
    """The project as read in `malform`: overlays laid over their base files, nynorsk notes used.

    A file without its overlay keeps its bokmål text (check reports what is missing).
    """
    if malform is Malform.BOKMAL:
        return raw

    def laid(file: RawFile | None) -> RawFile | None:
        if file is None:
            return None
        over = raw.overlays.get(file.path)
        if over is None:
            return file
        data = merge(file.data, over.data, kind_of(file.path, raw.root))
        return RawFile(file.path, over.display, data)

    nn_by_base = {base_of(n.path): n for n in raw.nn_notes}
    notes = [nn_by_base.get(n.path, n) for n in raw.notes]
    return dataclasses.replace(
        raw,
        sections=laid(raw.sections),
        slides=[laid(f) for f in raw.slides],  # type: ignore[misc]
        notes=notes,
        recipes=[laid(f) for f in raw.recipes],  # type: ignore[misc]
        diagrams=[laid(f) for f in raw.diagrams],  # type: ignore[misc]
    )
