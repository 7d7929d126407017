"""Slide skeletons: a slide drawn once with placeholders, filled in for each municipality.

Slides that differ between municipalities (the title slide, the statistics slides) differ in
their text and pictures, not in their shape. `tokenize` replaces every text of a drawing by a
token and every picture by a stand-in; the skeleton is drawn once (with python-pptx, by the same
code as any slide) and `fill` puts the real text (escaped as lxml escapes it) and pictures in.
The result is byte-identical to drawing the slide directly; tests/render/test_incremental.py
proves it.
"""

from __future__ import annotations

import dataclasses
import io
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..ooxml.parts import Package, content_name, slide_part_names
from ..ooxml.textxml import escape_attribute, escape_text
from ..ooxml.vector import marks_xml
from .deck import SlideDrawing
from .plan import Chart, Oval, Picture, Rect, TextBox
from .richtext import Run

TEXT_OPEN, TEXT_CLOSE = "\ue000", "\ue001"
ATTR_OPEN, ATTR_CLOSE = "\ue002", "\ue003"
RAW_OPEN, RAW_CLOSE = "\ue004", "\ue005"  # a chart's shapes, as XML
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Tokenized:
    skeleton: SlideDrawing
    texts: tuple[str, ...]  # text-node tokens, in order
    attributes: tuple[str, ...]  # attribute tokens (alt text), in order
    images: tuple[bytes, ...]  # the real pictures, in order
    raws: tuple[str, ...] = ()  # the charts' shapes (XML), in order

    @cached_property
    def key(self) -> str:
        return repr(self.skeleton)  # a long text: made once per slide


def tokenize(drawing: SlideDrawing) -> Tokenized | None:
    """The drawing with texts and pictures replaced; None when a picture is not a PNG."""
    texts: list[str] = []
    attributes: list[str] = []
    images: list[bytes] = []
    raws: list[str] = []

    def text(value: str) -> str:
        texts.append(value)
        return f"{TEXT_OPEN}{len(texts) - 1}{TEXT_CLOSE}"

    def attribute(value: str) -> str:
        if not value:
            return value
        attributes.append(value)
        return f"{ATTR_OPEN}{len(attributes) - 1}{ATTR_CLOSE}"

    def runs(items: tuple[Run, ...]) -> tuple[Run, ...]:
        return tuple(Run(text(r.text), r.bold, r.italic, r.url) for r in items)

    shapes = []
    for shape in drawing.plan.shapes:
        if isinstance(shape, TextBox):
            paras = tuple(_with(p, runs=runs(p.runs)) for p in shape.paragraphs)
            shape = _with(shape, paragraphs=paras)
        elif isinstance(shape, Picture):
            if not shape.image.startswith(PNG_SIGNATURE):
                return None
            images.append(shape.image)
            shape = dataclasses.replace(shape, image=stand_in_png(len(images) - 1), alt=attribute(shape.alt))
        elif isinstance(shape, Chart):
            raws.append(marks_xml(shape.marks, shape.x, shape.y, shape.first_id, drawing.plan.lang))
            stand_in = f"{RAW_OPEN}{len(raws) - 1}{RAW_CLOSE}"
            shape = dataclasses.replace(shape, marks=(), stand_in=stand_in, alt=attribute(shape.alt))
        elif isinstance(shape, Rect | Oval):
            shape = dataclasses.replace(shape, description=attribute(shape.description))
        shapes.append(shape)
    plan = dataclasses.replace(drawing.plan, shapes=tuple(shapes))
    notes = tuple(_with(p, runs=runs(p.runs)) for p in drawing.notes)
    skeleton = SlideDrawing(plan, text(drawing.title), notes)
    return Tokenized(skeleton, tuple(texts), tuple(attributes), tuple(images), tuple(raws))


def _with(value, **changes):
    """`dataclasses.replace` for the plain frozen dataclasses of a plan (no `__post_init__`):
    a copy of the fields with `changes`. A slide's tokens are thousands of replacements, and
    `dataclasses.replace` was a tenth of a batch's time."""
    copy = object.__new__(type(value))
    copy.__dict__.update(value.__dict__, **changes)
    return copy


@lru_cache(maxsize=32)
def stand_in_png(index: int) -> bytes:
    """A tiny PNG, different for each index, standing in for a picture while the skeleton is drawn."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (1, 1), (index % 256, index // 256 % 256, 7)).save(buffer, format="PNG")
    return buffer.getvalue()


_TOKEN = re.compile(f"{TEXT_OPEN}(\\d+){TEXT_CLOSE}|{ATTR_OPEN}(\\d+){ATTR_CLOSE}|{RAW_OPEN}(\\d+){RAW_CLOSE}")


def fill(skeleton: Package, number: int, layout_number: int, tokens: Tokenized) -> Package:
    """A package holding slide `number` of the skeleton with the real texts and pictures."""
    names = slide_part_names(number, layout_number)
    out = Package([], {})
    pictures = {content_name("x.png", stand_in_png(i)): image for i, image in enumerate(tokens.images)}
    # Each value escaped once, and every token of a part replaced in one pass over it.
    texts = [escape_text(value) for value in tokens.texts]
    attributes = [escape_attribute(value) for value in tokens.attributes]

    def token(match: re.Match[str]) -> str:
        text, attribute, raw = match.groups()
        if text is not None:
            return texts[int(text)]
        return attributes[int(attribute)] if attribute is not None else tokens.raws[int(raw)]

    for name in names.values():
        xml = skeleton.parts[name].decode("utf-8")
        if TEXT_OPEN in xml or ATTR_OPEN in xml or RAW_OPEN in xml:
            xml = _TOKEN.sub(token, xml)
        for stand_in, image in pictures.items():
            if stand_in in xml:
                real = content_name("x.png", image)
                xml = xml.replace(stand_in, real)
                out.put(f"ppt/media/{real}", image)
        out.put(name, xml.encode("utf-8"))
    return out
