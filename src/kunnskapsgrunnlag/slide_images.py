"""Pictures of slides, cached by content: a slide shared by 357 municipalities is rendered once.

A slide's key is a hash of what is drawn on it (its `SlidePlan`: every text run, rectangle and
picture, with positions and colours), the theme, the picture width and the drawing code (the tool
version and a fingerprint of render/ and ooxml/). The pictures live in `.cache/slide-images/` in
the project's cache folder, one verified PNG entry per key (diskcache.py).

Slides missing from the cache are rendered together in one LibreOffice call: the built deck is
cut down to just those slides (LibreOffice then lays out a handful of slides instead of 75),
converted to PDF once, and each page is stored under its slide's key. When the caller already
has the whole deck as PDF (`build --pdf`), its pages are used and LibreOffice is not started.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation

from . import __version__
from .diskcache import is_png, read_entry, write_entry
from .errors import BuildFailed
from .fingerprint import code_digest
from .model import Deck
from .project import Project
from .render import office
from .render.layouts import plan_slide
from .render.theme import Theme

CACHE_FOLDER = "slide-images"  # inside the project's cache folder (KUNNSKAPSGRUNNLAG_CACHE moves it)
# Bump when the meaning of a key changes (what goes into the hash), to orphan old pictures.
KEY_SCHEME = "1"
# Modules that shape the notes document, not the slides: editing them keeps the pictures.
_NOT_DRAWING = {"notes.py", "notesdoc.py", "docxml.py", "office.py", "__init__.py"}

PdfConverter = Callable[[bytes], bytes]
Rasteriser = Callable[..., list[bytes]]


@dataclass(frozen=True)
class SlidePictures:
    """One PNG per slide of the deck, the blank slide last, and how many were rendered now."""

    images: tuple[bytes, ...]
    keys: tuple[str, ...]
    rendered: int

    @property
    def cached(self) -> int:
        return len(set(self.keys)) - self.rendered


def cache_dir_for(project: Project) -> Path:
    return project.cache_dir / CACHE_FOLDER


def slide_keys(deck: Deck, theme: Theme, width: int = office.PICTURE_WIDTH) -> tuple[str, ...]:
    """The cache key of every slide of the built deck, the blank slide last."""
    base = hashlib.sha256()
    # The written form is part of the key, as of every cache key (docs/content-format.md, "Nynorsk").
    base.update(f"{KEY_SCHEME}\0{__version__}\0{_code_fingerprint()}\0{theme!r}\0{width}\0{deck.malform}\0".encode())
    keys = []
    for entry in deck.slides:
        digest = base.copy()
        digest.update(b"slide\0" + repr(plan_slide(entry, deck, theme)).encode())
        keys.append(digest.hexdigest())
    blank = base.copy()
    blank.update(b"blank\0")
    keys.append(blank.hexdigest())
    return tuple(keys)


def slide_pictures(
    pptx: bytes,
    keys: Sequence[str],
    cache_dir: Path,
    *,
    deck_pdf: bytes | None = None,
    to_pdf: PdfConverter = office.pptx_to_pdf,
    to_pngs: Rasteriser = office.pdf_to_pngs,
) -> SlidePictures:
    """The picture of every slide of `pptx` (whose slides have `keys`), rendering only what is new."""
    found: dict[str, bytes] = {}
    missing: list[int] = []  # the first slide index of each key not in the cache
    seen: set[str] = set()
    for index, key in enumerate(keys):
        if key in seen:
            continue
        seen.add(key)
        picture = _read(cache_dir, key)
        if picture is None:
            missing.append(index)
        else:
            found[key] = picture
    if missing:
        pictures = _render(pptx, len(keys), missing, deck_pdf, to_pdf, to_pngs)
        for index, picture in zip(missing, pictures, strict=True):
            write_entry(_path(cache_dir, keys[index]), picture)
            found[keys[index]] = picture
    return SlidePictures(tuple(found[key] for key in keys), tuple(keys), len(missing))


def _render(
    pptx: bytes, count: int, missing: list[int], deck_pdf: bytes | None, to_pdf: PdfConverter, to_pngs: Rasteriser
) -> list[bytes]:
    if deck_pdf is not None:
        return to_pngs(deck_pdf, pages=[i + 1 for i in missing])
    subset = pptx if len(missing) == count else keep_slides(pptx, missing)
    pictures = to_pngs(to_pdf(subset), pages=range(1, len(missing) + 1))
    if len(pictures) != len(missing):
        raise BuildFailed(
            f"LibreOffice laget {len(pictures)} sider av {len(missing)} lysbilder; er noen lysbilder skjult?"
        )
    return pictures


def keep_slides(pptx: bytes, indices: Sequence[int]) -> bytes:
    """A copy of the deck with only the slides at `indices` (0-based), for rendering them alone.

    The copy is never shown to anyone, so it is not saved deterministically. The removal of
    slide ids is the one piece of raw package work here; it belongs in ooxml/ when that is open.
    """
    prs = Presentation(io.BytesIO(pptx))
    keep = set(indices)
    slide_ids = prs.slides._sldIdLst
    for index, slide_id in reversed(list(enumerate(slide_ids))):
        if index not in keep:
            prs.part.drop_rel(slide_id.rId)
            slide_ids.remove(slide_id)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _path(cache_dir: Path, key: str) -> Path:
    return cache_dir / key[:2] / f"{key}.png"


def _read(cache_dir: Path, key: str) -> bytes | None:
    return read_entry(_path(cache_dir, key), is_png)


def _code_fingerprint() -> str:
    """A hash of the drawing code, so that a change to how slides are drawn renews the pictures."""
    return code_digest(("render", "ooxml"), frozenset(_NOT_DRAWING))[:16]
