"""Previews for reviewing a change without PowerPoint: a PNG of every slide and one contact sheet.

The deck is built exactly as `build` builds it (into a temporary folder), and its pictures come
from the same cache as the notes document's, so previewing after a one-slide edit renders one
slide.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .build import build_one, output_path, render_options
from .model import Catalogue, Kommune, Recipe
from .project import Project
from .render import office
from .slide_images import SlidePictures, cache_dir_for, slide_keys, slide_pictures
from .write import write_atomic

THUMBNAIL_WIDTH = 640
SHEET_COLUMNS = 6
TILE_WIDTH = 320
LABEL_HEIGHT = 26
GAP = 12
SHEET_NAME = "kontaktark.png"
BLANK_ID = "eget-lysbilde"


@dataclass(frozen=True)
class Preview:
    folder: Path
    thumbnails: tuple[Path, ...]
    contact_sheet: Path
    pictures: SlidePictures


def preview_folder(project: Project, recipe: Recipe, kommune: Kommune | None, out_dir: Path | None = None) -> Path:
    """`build/preview/<recipe>/<kommune>/`, beside where `build` puts the deck."""
    return output_path(project, recipe, kommune, (out_dir or project.build_dir) / "preview").with_suffix("")


def write_preview(
    project: Project,
    catalogue: Catalogue,
    recipe: Recipe,
    kommune: Kommune | None,
    *,
    out_dir: Path | None = None,
    cache_dir: Path | None = None,
) -> Preview:
    """Build the deck, picture every slide (cached), write thumbnails and the contact sheet."""
    office.require_tools()
    options = render_options(project)
    with tempfile.TemporaryDirectory(prefix="kunnskapsgrunnlag-preview-") as tmp:
        built = build_one(project, catalogue, recipe, kommune, options, Path(tmp))
        pptx = built.path.read_bytes()
    keys = slide_keys(built.deck, options.theme)
    pictures = slide_pictures(pptx, keys, cache_dir or cache_dir_for(project))
    ids = [entry.slide.id for entry in built.deck.slides] + [BLANK_ID]
    names = [f"{number:02d}-{slide_id}.png" for number, slide_id in enumerate(ids, start=1)]
    labels = [f"{number}  {slide_id}" for number, slide_id in enumerate(ids, start=1)]

    folder = preview_folder(project, recipe, kommune, out_dir)
    outputs = {folder / name: thumbnail(picture) for name, picture in zip(names, pictures.images, strict=True)}
    outputs[folder / SHEET_NAME] = contact_sheet(pictures.images, labels)
    for path, data in outputs.items():
        write_atomic(path, data)
    # Thumbnails of slides no longer in the deck would mislead a reviewer.
    for stale in folder.glob("[0-9][0-9]*-*.png"):
        if stale not in outputs:
            stale.unlink()
    return Preview(folder, tuple(folder / name for name in names), folder / SHEET_NAME, pictures)


def thumbnail(picture: bytes, width: int = THUMBNAIL_WIDTH) -> bytes:
    image = Image.open(io.BytesIO(picture)).convert("RGB")
    return _png(image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS))


def contact_sheet(pictures: Sequence[bytes], labels: Sequence[str], columns: int = SHEET_COLUMNS) -> bytes:
    """Every slide as a small tile with its number and id under it, in reading order."""
    tiles = [Image.open(io.BytesIO(p)).convert("RGB") for p in pictures]
    tile_h = round(tiles[0].height * TILE_WIDTH / tiles[0].width) if tiles else 180
    rows = max(1, -(-len(tiles) // columns))
    sheet = Image.new(
        "RGB", (GAP + columns * (TILE_WIDTH + GAP), GAP + rows * (tile_h + LABEL_HEIGHT + GAP)), (238, 241, 245)
    )
    draw = ImageDraw.Draw(sheet)
    font = _label_font()
    for index, (tile, label) in enumerate(zip(tiles, labels, strict=True)):
        x = GAP + (index % columns) * (TILE_WIDTH + GAP)
        y = GAP + (index // columns) * (tile_h + LABEL_HEIGHT + GAP)
        sheet.paste(tile.resize((TILE_WIDTH, tile_h), Image.Resampling.LANCZOS), (x, y))
        draw.rectangle((x - 1, y - 1, x + TILE_WIDTH, y + tile_h), outline=(191, 191, 191))
        draw.text((x, y + tile_h + 5), label, fill=(34, 34, 34), font=font)
    return _png(sheet)


def _label_font() -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    for name in ("Carlito-Regular.ttf", "DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(name, 15)
        except OSError:
            continue
    return ImageFont.load_default(15)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
