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
import json
import os
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..diskcache import read_entry, write_entry
from ..fingerprint import code_digest
from ..model import Deck
from ..ooxml.parts import (
    Package,
    drop_unreferenced_media,
    ensure_media_defaults,
    slide_part_names,
    transplant_slide,
)
from ..ooxml.textxml import escape_text
from .deck import LAYOUT_OFFSET, RenderOptions, SlideDrawing, deck_title, layout_name, render_package, slide_drawing
from .skeleton import Tokenized, fill, tokenize


@dataclass
class _Base:
    """The last full render and what it was drawn from.

    In memory it keeps the deck and the drawings themselves (compared with `==`, which is
    fast); loaded from disk it has only digests of them, because the disk copy is plain JSON
    and a zip, never a pickle. A drawing is either a `SlideDrawing` or its digest.
    """

    structure: str
    package: Package
    deck: Deck | None
    inputs: list[str] | None
    drawings: list[SlideDrawing | str]

    def same_inputs(self, deck: Deck, index: int) -> bool:
        if self.deck is not None:
            return _same_inputs(self.deck, deck, index)
        return self.inputs is not None and _input_digest(deck, index) == self.inputs[index]

    def same_drawing(self, index: int, drawing: SlideDrawing) -> bool:
        old = self.drawings[index]
        return _digest(drawing) == old if isinstance(old, str) else drawing == old

    def to_bytes(self) -> bytes:
        inputs = self.inputs
        if inputs is None and self.deck is not None:
            inputs = [_input_digest(self.deck, i) for i in range(len(self.deck.slides))]
        drawings = [d if isinstance(d, str) else _digest(d) for d in self.drawings]
        header = json.dumps({"structure": self.structure, "inputs": inputs, "drawings": drawings})
        return header.encode("utf-8") + b"\n" + self.package.write()

    @classmethod
    def from_bytes(cls, data: bytes) -> _Base | None:
        head, _, archive = data.partition(b"\n")
        try:
            fields = json.loads(head)
            structure, inputs, drawings = fields["structure"], list(fields["inputs"]), list(fields["drawings"])
            package = Package.read(archive)
        except (ValueError, KeyError, TypeError, zipfile.BadZipFile, OSError):
            return None
        ok = len(inputs) == len(drawings) and all(isinstance(x, str) for x in [structure, *inputs, *drawings])
        return cls(structure, package, None, inputs, drawings) if ok else None


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
        structure = _structure_digest(deck)
        if self._base is None or self._base.structure != structure:
            # One process renders a recipe's full deck while the others of a batch wait for it
            # and load it from disk (rendering it is ~2 s; loading it, a few milliseconds).
            with _exclusive(self._cache_file(deck)):
                self._base = self._load(deck) or self._base
                if self._base is None or self._base.structure != structure:
                    return self._render_full(deck)
        base = self._base
        if self.options.password or base is None or base.structure != structure:
            return self._render_full(deck)
        theme = self.options.theme
        # A slide is drawn again when what it is drawn from differs: its rendered text, its
        # figures, its diagram. Comparing inputs first spares drawing charts that did not change.
        candidates = [i for i in range(len(deck.slides)) if not base.same_inputs(deck, i)]
        drawings = {i: slide_drawing(deck.slides[i], deck, theme) for i in candidates}
        differing = [i for i in candidates if not base.same_drawing(i, drawings[i])]
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
        if base.deck is None or any(isinstance(base.drawings[i], str) for i in candidates):
            # From a disk copy (or a deck whose differing slides still had only digests): this
            # deck, as just rendered, becomes the base, so the decks after it are compared by
            # `==` instead of by digests of every slide.
            kept = [drawings.get(i, old) for i, old in enumerate(base.drawings)]
            self._base = _Base(base.structure, package, deck, None, kept)
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
            skeleton = self._skeleton(one, tokens)
            self._skeletons[tokens.key] = skeleton
        else:
            self.skeleton_hits += 1
        return fill(skeleton, 1, 1 + LAYOUT_OFFSET, tokens), 1

    def _skeleton(self, one: Deck, tokens: Tokenized) -> Package:
        """The parts of a skeleton slide (slide, layout, notes and their relations).

        Drawn with python-pptx (~0.1 s each, some twenty kinds in a batch of every municipality);
        kept on disk like the full render, so a later run fills them without drawing them again.
        """
        names = list(slide_part_names(1, 1 + LAYOUT_OFFSET).values())
        path = None
        if self.cache_dir is not None and not self.options.password:
            key = f"{code_digest()}\0{self.options!r}\0{(one.title, one.recipe_id, one.malform)!r}\0{tokens.key}"
            path = self.cache_dir / "skeletons" / hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        with _exclusive(path):
            data = read_entry(path) if path is not None else None
            if data is not None:
                with contextlib.suppress(ValueError, KeyError, zipfile.BadZipFile, OSError):
                    kept = Package.read(data)
                    if kept.order == names:
                        return kept
            drawn = render_package(one, self.options, [tokens.skeleton])
            kept = Package(names, {name: drawn.parts[name] for name in names})
            if path is not None:
                write_entry(path, kept.write())
            return kept

    def _render_full(self, deck: Deck) -> bytes:
        drawings = [slide_drawing(entry, deck, self.options.theme) for entry in deck.slides]
        package = render_package(deck, self.options, drawings)
        self._base = _Base(_structure_digest(deck), package, deck, None, list(drawings))
        self.full_renders += 1
        self._save(deck, self._base)
        return package.write()

    def _cache_file(self, deck: Deck) -> Path | None:
        if self.cache_dir is None or self.options.password:
            return None
        key = hashlib.sha256(f"{code_digest()}\0{self.options!r}\0{_structure(deck)!r}".encode()).hexdigest()
        return self.cache_dir / "decks" / f"{deck.recipe_id}-{key[:24]}.deck"

    def _load(self, deck: Deck) -> _Base | None:
        path = self._cache_file(deck)
        data = read_entry(path) if path is not None else None
        base = _Base.from_bytes(data) if data is not None else None
        return base if base is not None and base.structure == _structure_digest(deck) else None

    def _save(self, deck: Deck, base: _Base) -> None:
        path = self._cache_file(deck)
        if path is not None:
            write_entry(path, base.to_bytes())


@contextlib.contextmanager
def _exclusive(path: Path | None) -> Iterator[None]:
    """An exclusive lock beside a cache entry (none without one): while one process of a batch
    makes the entry, the others wait for it and then read it instead of making it again."""
    fd = None
    if path is not None:
        with contextlib.suppress(OSError, ImportError):
            import fcntl

            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
            fcntl.flock(fd, fcntl.LOCK_EX)  # the lock only spares work: without it, each makes its own
    try:
        yield
    finally:
        if fd is not None:
            os.close(fd)  # closing releases the lock


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


def _digest(value: object) -> str:
    """A digest of a model value's repr: dataclasses of text, numbers and bytes, so it is stable."""
    return hashlib.sha256(repr(value).encode("utf-8", "surrogatepass")).hexdigest()


def _input_digest(deck: Deck, index: int) -> str:
    """What slide `index` is drawn from: equal digests, same drawing (for decks of one structure)."""
    entry = deck.slides[index]
    content = entry.slide.content
    extra: object = None
    if entry.slide.layout == "statistic":
        extra = ((deck.statistikk or {}).get(content.indicator or ""), deck.kommune and deck.kommune.navn)
    elif entry.slide.layout == "diagram":
        extra = deck.diagrams.get(content.diagram or "")
    elif entry.slide.layout == "title":
        extra = deck.kommune
    return _digest((entry, extra))


def _structure(deck: Deck) -> tuple:
    return (deck.title, deck.recipe_id, deck.malform, tuple((e.slide.id, e.section_number) for e in deck.slides))


def _structure_digest(deck: Deck) -> str:
    return _digest(_structure(deck))


def _core_with_title(core_xml: bytes, title: str) -> bytes:
    """The core properties of the shared deck with this deck's title (the one thing that differs)."""
    text = core_xml.decode("utf-8")
    text = re.sub(
        r"<dc:title>.*?</dc:title>", lambda _m: f"<dc:title>{escape_text(title)}</dc:title>", text, count=1, flags=re.S
    )
    return text.encode("utf-8")
