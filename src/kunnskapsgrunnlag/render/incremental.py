"""Render many decks of one recipe fast: what every municipality shares is rendered once.

The first deck is rendered whole and kept as parts. For each further deck, only the slides
whose plan or notes differ (the title slide, the statistics slides, templated notes) are
rendered, in a small deck of their own, and transplanted into a copy of the shared parts.
The result is the same file `render_pptx` would write, byte for byte (a test proves it).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..model import Deck
from ..ooxml.parts import Package, drop_unreferenced_media, merge_content_type_defaults, transplant_slide
from .deck import RenderOptions, layout_name, render_package
from .layouts import plan_slide
from .plan import SlidePlan

LAYOUT_OFFSET = 2  # slide n has layout slideLayout{n + 2}.xml (see render/deck.py)


@dataclass
class _Base:
    deck: Deck
    plans: list[SlidePlan]
    package: Package


class IncrementalRenderer:
    """Keeps the last full render of a recipe; renders later decks by difference."""

    def __init__(self, options: RenderOptions):
        self.options = options
        self._base: _Base | None = None
        self.full_renders = 0
        self.partial_renders = 0

    def render(self, deck: Deck) -> bytes:
        plans = [plan_slide(entry, deck, self.options.theme) for entry in deck.slides]
        base = self._base
        if self.options.password or base is None or not _same_structure(base.deck, deck):
            return self._render_full(deck, plans)
        differing = [i for i, (old, new) in enumerate(zip(base.deck.slides, deck.slides, strict=True))
                     if old.slide != new.slide or base.plans[i] != plans[i]]
        sub = dataclasses.replace(deck, slides=tuple(deck.slides[i] for i in differing))
        sub_plans = [plan_slide(entry, sub, self.options.theme) for entry in sub.slides]
        if any(sub_plans[j] != plans[i] for j, i in enumerate(differing)):
            return self._render_full(deck, plans)  # a slide that depends on its neighbours (the outline)
        scratch = render_package(sub, self.options)
        package = base.package.copy()
        for j, i in enumerate(differing, start=1):
            transplant_slide(scratch, package, j, i + 1, LAYOUT_OFFSET, layout_name(i + 1, deck.slides[i].slide.id))
        package.parts["docProps/core.xml"] = scratch.parts["docProps/core.xml"]
        merge_content_type_defaults(scratch, package)
        drop_unreferenced_media(package)
        self.partial_renders += 1
        return package.write()

    def _render_full(self, deck: Deck, plans: list[SlidePlan]) -> bytes:
        package = render_package(deck, self.options)
        self._base = _Base(deck, plans, package)
        self.full_renders += 1
        return package.write()


def _same_structure(a: Deck, b: Deck) -> bool:
    return (a.title, a.recipe_id, [(e.slide.id, e.section_number) for e in a.slides]) == (
        b.title, b.recipe_id, [(e.slide.id, e.section_number) for e in b.slides])
