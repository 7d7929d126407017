"""Render many decks of one recipe fast: what every municipality shares is rendered once.

The first deck is rendered whole and kept as parts. For each further deck, only the slides
whose plan or notes differ (the title slide, the statistics slides, templated notes) are
rendered, in a small deck of their own, and transplanted into a copy of the shared parts.
The result is the same file `render_pptx` would write, byte for byte (a test proves it).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import pickle
from dataclasses import dataclass
from pathlib import Path

from ..errors import KunnskapsgrunnlagError
from ..fingerprint import code_digest
from ..model import Deck
from ..ooxml.parts import Package, drop_unreferenced_media, merge_content_type_defaults, transplant_slide
from ..write import write_atomic
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
    """Keeps the last full render of a recipe; renders later decks by difference.

    With `cache_dir`, the full render is also kept on disk (keyed on the tool's code, the
    render options and the deck's structure), so the next run starts from it.
    """

    def __init__(self, options: RenderOptions, cache_dir: Path | None = None):
        self.options = options
        self.cache_dir = cache_dir
        self._base: _Base | None = None
        self.full_renders = 0
        self.partial_renders = 0

    def render(self, deck: Deck) -> bytes:
        if self._base is None or not _same_structure(self._base.deck, deck):
            self._base = self._load(deck) or self._base
        base = self._base
        if self.options.password or base is None or not _same_structure(base.deck, deck):
            return self._render_full(deck)
        # A slide is drawn again when what it is drawn from differs: its rendered text, its
        # figures, its diagram. Comparing inputs first spares drawing charts that did not change.
        differing = [i for i in range(len(deck.slides)) if not _same_inputs(base.deck, deck, i)]
        plans = {i: plan_slide(deck.slides[i], deck, self.options.theme) for i in differing}
        differing = [i for i in differing if plans[i] != base.plans[i] or base.deck.slides[i] != deck.slides[i]]
        sub = dataclasses.replace(deck, slides=tuple(deck.slides[i] for i in differing))
        sub_plans = [plan_slide(entry, sub, self.options.theme) for entry in sub.slides]
        if any(sub_plans[j] != plans[i] for j, i in enumerate(differing)):
            return self._render_full(deck)  # a slide that depends on its neighbours (the outline)
        scratch = render_package(sub, self.options)
        package = base.package.copy()
        for j, i in enumerate(differing, start=1):
            transplant_slide(scratch, package, j, i + 1, LAYOUT_OFFSET, layout_name(i + 1, deck.slides[i].slide.id))
        package.parts["docProps/core.xml"] = scratch.parts["docProps/core.xml"]
        merge_content_type_defaults(scratch, package)
        drop_unreferenced_media(package)
        self.partial_renders += 1
        return package.write()

    def _render_full(self, deck: Deck) -> bytes:
        plans = [plan_slide(entry, deck, self.options.theme) for entry in deck.slides]
        package = render_package(deck, self.options)
        self._base = _Base(deck, plans, package)
        self.full_renders += 1
        self._save(self._base)
        return package.write()

    def _cache_file(self, deck: Deck) -> Path | None:
        if self.cache_dir is None or self.options.password:
            return None
        key = hashlib.sha256(f"{code_digest()}\0{self.options!r}\0{_structure(deck)!r}".encode()).hexdigest()
        return self.cache_dir / "decks" / f"{deck.recipe_id}-{key[:24]}.pickle"

    def _load(self, deck: Deck) -> _Base | None:
        path = self._cache_file(deck)
        if path is None or not path.is_file():
            return None
        try:
            base = pickle.loads(path.read_bytes())
        except Exception:  # a stale or broken cache file is only a miss
            return None
        return base if isinstance(base, _Base) and _same_structure(base.deck, deck) else None

    def _save(self, base: _Base) -> None:
        path = self._cache_file(base.deck)
        if path is not None:
            # A cache that cannot be written only costs time.
            with contextlib.suppress(KunnskapsgrunnlagError):
                write_atomic(path, pickle.dumps(base, protocol=pickle.HIGHEST_PROTOCOL))


def _same_inputs(a: Deck, b: Deck, index: int) -> bool:
    """Whether slide `index` is drawn from the same things in both decks (same structure)."""
    old, new = a.slides[index], b.slides[index]
    if old != new:
        return False
    content = new.slide.content
    if new.slide.layout == "statistic":
        key = content.indicator or ""
        return (a.statistikk or {}).get(key) == (b.statistikk or {}).get(key) and (a.kommune and a.kommune.navn) == (
            b.kommune and b.kommune.navn
        )
    if new.slide.layout == "diagram":
        return a.diagrams.get(content.diagram or "") == b.diagrams.get(content.diagram or "")
    if new.slide.layout == "title":
        return a.kommune == b.kommune
    return True


def _structure(deck: Deck) -> tuple:
    return (deck.title, deck.recipe_id, tuple((e.slide.id, e.section_number) for e in deck.slides))


def _same_structure(a: Deck, b: Deck) -> bool:
    return _structure(a) == _structure(b)
