"""Thumbnails of every slide in the catalogue: the real rendered slide, from the slide-images cache.

Rendering every slide with LibreOffice takes minutes on a cold cache, so it runs in a background
thread once per server start; until a slide's picture is ready the page shows a placeholder.
With a warm cache (`.cache/slide-images/`, shared with the notes documents) all are ready at once.
"""

from __future__ import annotations

import io
import logging
import tempfile
import threading
from pathlib import Path

from PIL import Image

from ..assemble import assemble
from ..build import build_one, render_options
from ..malform import Malform
from ..model import Recipe, RecipeItem
from ..render import office
from ..render.templating import render_deck
from ..render.theme import load_theme
from ..slide_images import cache_dir_for, slide_keys, slide_pictures
from ..stats.project import project_statistics_or_none, with_statistics
from .site import Site

log = logging.getLogger("kunnskapsgrunnlag.web")
THUMBNAIL_WIDTH = 320


class Thumbnails:
    def __init__(self, site: Site, to_pdf=office.pptx_to_pdf, to_pngs=office.pdf_to_pngs):
        self.site = site
        self._to_pdf, self._to_pngs = to_pdf, to_pngs
        self._small: dict[tuple[Malform, str], bytes] = {}
        self._lock = threading.Lock()
        self.state = "idle"  # idle, rendering, ready, unavailable

    def start(self) -> None:
        with self._lock:
            if self.state != "idle":
                return
            self.state = "rendering"
        threading.Thread(target=self._render_all, name="miniatyrer", daemon=True).start()

    def ready(self, slide_id: str, malform: Malform = Malform.BOKMAL) -> bool:
        return self.png(slide_id, malform) is not None

    def png(self, slide_id: str, malform: Malform = Malform.BOKMAL) -> bytes | None:
        """The slide in `malform`; until that edition is rendered, the bokmål picture (same layout)."""
        with self._lock:
            return self._small.get((malform, slide_id)) or self._small.get((Malform.BOKMAL, slide_id))

    def exact(self, slide_id: str, malform: Malform) -> bool:
        """Whether the picture of `slide_id` is of the `malform` edition itself (not a stand-in)."""
        with self._lock:
            return (malform, slide_id) in self._small

    def _render_all(self) -> None:
        try:
            for malform in Malform:  # bokmål first: it stands in for nynorsk until that is ready
                self.render_now(malform)
            with self._lock:
                self.state = "ready"
        except Exception:  # LibreOffice missing or failing: the page keeps its placeholders
            log.exception("slide thumbnails could not be rendered")
            with self._lock:
                self.state = "unavailable"

    def render_now(self, malform: Malform = Malform.BOKMAL) -> None:
        """One national deck in `malform` holding every slide of the catalogue; its pictures, cut to
        thumbnails. The slide-image cache keys include the form, so each edition is cached apart."""
        site = self.site
        project, catalogue = site.project, site.editions[malform]
        everything = Recipe("alt", "Alle lysbilder", tuple(RecipeItem("section", s.id) for s in catalogue.sections))
        deck = render_deck(
            with_statistics(assemble(catalogue, everything, None), project_statistics_or_none(project.root))
        )
        keys = slide_keys(deck, load_theme(project.theme_file))
        with tempfile.TemporaryDirectory(prefix="kunnskapsgrunnlag-miniatyrer-") as tmp:
            built = build_one(project, catalogue, everything, None, render_options(project), Path(tmp))
            pictures = slide_pictures(
                built.path.read_bytes(), keys, cache_dir_for(project), to_pdf=self._to_pdf, to_pngs=self._to_pngs
            )
        for entry, picture in zip(deck.slides, pictures.images, strict=False):
            small = _shrink(picture)
            with self._lock:
                self._small[(malform, entry.slide.id)] = small


def _shrink(png: bytes) -> bytes:
    with Image.open(io.BytesIO(png)) as image:
        height = round(image.height * THUMBNAIL_WIDTH / image.width)
        out = io.BytesIO()
        image.convert("RGB").resize((THUMBNAIL_WIDTH, height), Image.LANCZOS).save(out, "PNG", optimize=True)
        return out.getvalue()
