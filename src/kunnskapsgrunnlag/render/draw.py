"""Draw a `SlidePlan` with python-pptx onto a shape collection (a slide's or a layout's)."""

from __future__ import annotations

import io

from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.util import Emu, Pt

from ..ooxml.fields import add_slide_number
from ..ooxml.text import (
    add_run,
    set_alt_text,
    set_fill_alpha,
    set_paragraph_format,
)
from ..ooxml.textxml import ParagraphSpec, RunSpec, filled_shape_element, paragraph_xml, text_box_element
from ..ooxml.vector import add_vector_group, marks_xml
from .plan import Chart, Frame, Line, Oval, Picture, Rect, SlidePlan, TextBox, TextPara
from .richtext import Run
from .theme import EMU_PER_INCH, Theme, logo_png

_ANCHOR = {"t": MSO_ANCHOR.TOP, "ctr": MSO_ANCHOR.MIDDLE, "b": MSO_ANCHOR.BOTTOM}
BULLET_INDENT_IN = 0.35
SUB_BULLET_MARGIN_IN = 0.8


def emu(inches: float) -> Emu:
    return Emu(round(inches * EMU_PER_INCH))


def draw_plan(shapes, plan: SlidePlan, theme: Theme) -> list:
    """Add every shape of `plan` to `shapes`; return the python-pptx shapes in reading order."""
    drawn = draw_shapes(shapes, plan.shapes, theme, plan.lang)
    if plan.wordmark:
        drawn.append(draw_wordmark(shapes, theme, theme.color(plan.wordmark_color), plan.lang))
    if plan.logo and theme.logo is not None:
        drawn.append(_picture(shapes, logo_picture(theme)))
    if plan.footer:
        on_dark = plan.wordmark_color == "divider_text"
        drawn.append(draw_footer(shapes, theme, theme.color("divider_text" if on_dark else "muted"), plan.lang))
    return drawn


def footer_box(theme: Theme) -> TextBox:
    """Where the slide number and the short footer go (bottom left), for drawing and for `check`."""
    text = f"{theme.footer_text}" if theme.footer_text else ""
    para = TextPara((Run("00   "), Run(text)), theme.sizes["footer"], theme.color("muted"), role="source")
    return TextBox("Bunntekst og lysbildenummer", theme.margins["left"], theme.height - 0.62, 6.4, 0.4, (para,))


def wordmark_box(theme: Theme) -> TextBox:
    para = TextPara(
        (Run(theme.wordmark_text),), theme.sizes["wordmark"], theme.color("accent"), bold=True, role="source"
    )
    return TextBox("Logo", theme.width - 2.1, theme.height - 0.72, 1.5, 0.55, (para,), anchor="ctr")


def logo_picture(theme: Theme) -> Picture:
    """The office's logo, 0.55 in high, to the left of the wordmark; its width from its aspect."""
    assert theme.logo is not None
    image = logo_png(theme.logo)
    w, h = _image_size(image)
    height = 0.55
    width = min(height * w / h, 2.6)
    return Picture("Kontorets logo", theme.width - 2.1 - width - 0.1, theme.height - 0.72, width, height, image, "Logo")


def _image_size(image: bytes) -> tuple[int, int]:
    from PIL import Image

    with Image.open(io.BytesIO(image)) as picture:
        return picture.size


def draw_footer(shapes, theme: Theme, color_hex: str, lang: str = "nb-NO"):
    """The slide number (a field: each slide shows its own) and the theme's short footer."""
    spec = footer_box(theme)
    box = shapes.add_textbox(emu(spec.x), emu(spec.y), emu(spec.w), emu(spec.h))
    box.name = spec.name
    frame = box.text_frame
    frame.word_wrap = False
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame.margin_left = frame.margin_right = emu(spec.inset)
    paragraph = frame.paragraphs[0]
    set_paragraph_format(paragraph, "l")
    size = theme.sizes["footer"]
    add_slide_number(paragraph, size, color_hex, lang=lang)
    if theme.footer_text:
        add_run(paragraph, "   " + theme.footer_text, size, color_hex=color_hex, lang=lang)
    return box


def draw_shapes(shapes, specs, theme: Theme, lang: str = "nb-NO") -> list:
    drawn = []
    for spec in specs:
        if isinstance(spec, Rect):
            drawn.append(_rect(shapes, spec))
        elif isinstance(spec, TextBox):
            drawn.append(_text_box(shapes, spec, theme, lang))
        elif isinstance(spec, Picture):
            drawn.append(_picture(shapes, spec))
        elif isinstance(spec, Oval):
            drawn.append(_oval(shapes, spec))
        elif isinstance(spec, Line):
            drawn.append(_line(shapes, spec))
        elif isinstance(spec, Frame):
            drawn.append(_frame(shapes, spec))
        elif isinstance(spec, Chart):
            drawn.append(_chart(shapes, spec, lang))
    return drawn


def draw_group(shapes, name: str, specs, theme: Theme, lang: str = "nb-NO"):
    """A group holding the shapes of `specs` (one click step), measured once when complete."""
    group = shapes.add_group_shape()
    group.name = name
    members = group.shapes
    # python-pptx measures the group again after every shape added to it (quadratic in the
    # shapes); the extents only matter once every shape is in.
    members._recalculate_extents = lambda: None
    draw_shapes(members, specs, theme, lang)
    del members._recalculate_extents
    members._recalculate_extents()
    return group


def _chart(shapes, spec: Chart, lang: str):
    """A chart as one locked group of vector shapes (ooxml/vector.py) carrying the alt text."""
    body = spec.stand_in or marks_xml(spec.marks, spec.x, spec.y, spec.first_id, lang)
    box = (spec.x, spec.y, spec.w, spec.h)
    group = add_vector_group(shapes._spTree, shapes._next_shape_id, spec.name, spec.alt, box, body)
    return shapes._shape_factory(group)


def _oval(shapes, spec: Oval):
    if not spec.hole:
        line = (spec.line, int(Pt(1.5)), False) if spec.line else None
        element = filled_shape_element(
            shapes._next_shape_id, spec.name, "ellipse", _box(spec), spec.fill, line, spec.description, spec.alpha
        )
        return _add(shapes, element)
    shape = shapes.add_shape(MSO_SHAPE.DONUT, emu(spec.x), emu(spec.y), emu(spec.w), emu(spec.h))
    shape.name = spec.name
    # The ring's thickness is a fraction of the shorter side (DrawingML preset "donut").
    shape.adjustments[0] = min(spec.hole / min(spec.w, spec.h), 0.5)
    _style(shape, spec.fill, spec.line, 1.5, spec.description)
    if spec.alpha < 1:
        set_fill_alpha(shape, spec.alpha)
    return shape


def _frame(shapes, spec: Frame):
    shape = shapes.add_shape(MSO_SHAPE.FRAME, emu(spec.x), emu(spec.y), emu(spec.w), emu(spec.h))
    shape.name = spec.name
    # The frame's thickness is a fraction of the shorter side (DrawingML preset "frame").
    shape.adjustments[0] = min(spec.thickness / min(spec.w, spec.h), 0.5)
    _style(shape, spec.fill, spec.line, 1.5, spec.description)
    return shape


def _style(shape, fill: str, line: str | None, line_pt: float, description: str, dashed: bool = False) -> None:
    """Solid fill, an outline or none, no shadow, and alt text: what every drawn shape has."""
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(fill)
    if line:
        shape.line.color.rgb = RGBColor.from_string(line)
        shape.line.width = Pt(line_pt)
        if dashed:
            shape.line.dash_style = MSO_LINE_DASH_STYLE.DASH
    else:
        shape.line.fill.background()
    shape.shadow.inherit = False
    set_alt_text(shape, description)


def _line(shapes, spec: Line):
    connector = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, emu(spec.x1), emu(spec.y1), emu(spec.x2), emu(spec.y2))
    connector.name = spec.name
    connector.line.color.rgb = RGBColor.from_string(spec.color)
    connector.line.width = Pt(spec.width_pt)
    return connector


def draw_wordmark(shapes, theme: Theme, color_hex: str, lang: str = "nb-NO"):
    """The Fafo-style wordmark, drawn as text from the theme (not a copied logo)."""
    spec = wordmark_box(theme)
    box = shapes.add_textbox(emu(spec.x), emu(spec.y), emu(spec.w), emu(spec.h))
    box.name = "Logo"
    frame = box.text_frame
    frame.word_wrap = False
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    paragraph = frame.paragraphs[0]
    set_paragraph_format(paragraph, "r")
    add_run(paragraph, theme.wordmark_text, theme.sizes["wordmark"], bold=True, color_hex=color_hex, lang=lang)
    set_alt_text(box, "Fafo")
    return box


def _rect(shapes, spec: Rect):
    geometry = "roundRect" if spec.rounded else "rect"
    line = (spec.line, int(Pt(2)), spec.dashed) if spec.line else None
    return _add(
        shapes,
        filled_shape_element(shapes._next_shape_id, spec.name, geometry, _box(spec), spec.fill, line, spec.description),
    )


def _box(spec) -> tuple[int, int, int, int]:
    return (int(emu(spec.x)), int(emu(spec.y)), int(emu(spec.w)), int(emu(spec.h)))


def _add(shapes, element):
    """Put a shape element made as XML into the shape tree, as python-pptx adds its own."""
    shapes._spTree.insert_element_before(element, "p:extLst")
    shapes._recalculate_extents()
    return shapes._shape_factory(element)


def _picture(shapes, spec: Picture):
    picture = shapes.add_picture(io.BytesIO(spec.image), emu(spec.x), emu(spec.y), emu(spec.w), emu(spec.h))
    picture.name = spec.name
    set_alt_text(picture, spec.alt)
    return picture


def _text_box(shapes, spec: TextBox, theme: Theme, lang: str = "nb-NO"):
    paragraphs = [paragraph_xml(_paragraph_spec(para, theme), shapes.part, lang) for para in spec.paragraphs]
    element = text_box_element(
        shapes._next_shape_id, spec.name, _box(spec), spec.anchor, int(emu(spec.inset)), paragraphs
    )
    return _add(shapes, element)


def _paragraph_spec(para: TextPara, theme: Theme) -> ParagraphSpec:
    bullet = None
    if para.bullet:
        margin = BULLET_INDENT_IN if para.level == 0 else SUB_BULLET_MARGIN_IN
        bullet = (para.bullet, theme.color("accent"), int(emu(margin)), int(emu(-BULLET_INDENT_IN)))
    runs = tuple(
        RunSpec(run.text, para.size, para.bold or run.bold, para.italic or run.italic, para.color, run.url)
        for run in para.runs
    )
    return ParagraphSpec(runs, para.align, theme.line_spacing, para.space_before, bullet=bullet)
