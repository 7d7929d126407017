"""Render many decks of one recipe fast: what every municipality shares is rendered once.

The first deck is rendered whole and kept as parts. For each further deck, only the slides
whose drawing differs (the title slide, the statistics slides, templated notes) are drawn again:
from a skeleton of the same shape filled with their text and pictures (render/skeleton.py), and
transplanted into a copy of the shared parts. The result is the same file `render_pptx` would
write, byte for byte (a test proves it). See docs/dev/incremental.md.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import pickle
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import KunnskapsgrunnlagError
from ..fingerprint import code_digest
from ..model import Deck
from ..ooxml.parts import Package, drop_unreferenced_media, ensure_media_defaults, transplant_slide
from ..write import write_atomic
from .deck import LAYOUT_OFFSET, RenderOptions, SlideDrawing, deck_title, layout_name, render_package, slide_drawing
from .skeleton import escape_text, fill, tokenize


@dataclass
class _Base:
    deck: Deck
    drawings: list[SlideDrawing]
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
        self._skeletons: dict[str, Package] = {}
        self.full_renders = 0
        self.partial_renders = 0
        self.skeleton_hits = 0

    def render(self, deck: Deck) -> bytes:
        if self._base is None or not _same_structure(self._base.deck, deck):
            self._base = self._load(deck) or self._base
        base = self._base
        if self.options.password or base is None or not _same_structure(base.deck, deck):
            return self._render_full(deck)
        theme = self.options.theme
        # A slide is drawn again when what it is drawn from differs: its rendered text, its
        # figures, its diagram. Comparing inputs first spares drawing charts that did not change.
        candidates = [i for i in range(len(deck.slides)) if not _same_inputs(base.deck, deck, i)]
        drawings = {i: slide_drawing(deck.slides[i], deck, theme) for i in candidates}
        differing = [i for i in candidates if drawings[i] != base.drawings[i]]
        if any(deck.slides[i].slide.layout == "toc" for i in differing):
            return self._render_full(deck)  # the outline depends on the whole deck
        package = base.package.copy()
        for i in differing:
            number = i + 1
            source, source_number = self._drawn(deck, i, drawings[i])
            transplant_slide(
                source, package, source_number, number, LAYOUT_OFFSET, layout_name(number, deck.slides[i].slide.id)
            )
        package.parts["docProps/core.xml"] = _core_with_title(base.package.parts["docProps/core.xml"], deck_title(deck))
        drop_unreferenced_media(package)
        ensure_media_defaults(package)
        self.partial_renders += 1
        return package.write()

    def _drawn(self, deck: Deck, index: int, drawing: SlideDrawing) -> tuple[Package, int]:
        """The parts of one slide, from a skeleton when possible: (package, its slide number)."""
        tokens = tokenize(drawing)
        entry = deck.slides[index]
        one = dataclasses.replace(deck, slides=(entry,))
        if tokens is None:
            return render_package(one, self.options, [drawing]), 1
        skeleton = self._skeletons.get(tokens.key)
        if skeleton is None:
            skeleton = render_package(one, self.options, [tokens.skeleton])
            self._skeletons[tokens.key] = skeleton
        else:
            self.skeleton_hits += 1
        return fill(skeleton, 1, 1 + LAYOUT_OFFSET, tokens), 1

    def _render_full(self, deck: Deck) -> bytes:
        drawings = [slide_drawing(entry, deck, self.options.theme) for entry in deck.slides]
        package = render_package(deck, self.options, drawings)
        self._base = _Base(deck, drawings, package)
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
    return (deck.title, deck.recipe_id, deck.malform, tuple((e.slide.id, e.section_number) for e in deck.slides))


def _same_structure(a: Deck, b: Deck) -> bool:
    return _structure(a) == _structure(b)


def _core_with_title(core_xml: bytes, title: str) -> bytes:
    """The core properties of the shared deck with this deck's title (the one thing that differs)."""
    text = core_xml.decode("utf-8")
    text = re.sub(
        r"<dc:title>.*?</dc:title>", lambda _m: f"<dc:title>{escape_text(title)}</dc:title>", text, count=1, flags=re.S
    )
    return text.encode("utf-8")
