"""Text boxes and paragraphs written as XML in one go.

python-pptx builds a text box property by property, each a search of the shape's XML: a deck's
~320 text boxes and ~2 000 notes paragraphs took about a second. Here a box is one string,
parsed once; it is exactly the XML python-pptx and `ooxml/text.py` wrote before, so decks are
the same bytes (tests/render/test_deck.py compares the two ways).
"""

from __future__ import annotations

from dataclasses import dataclass

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml

from .xml import xml_safe

_NS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
DEFAULT_INSET = 91440  # python-pptx leaves out an inset of 0.1 inch (DrawingML's default)
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
)


def escape_text(value: str) -> str:
    """A text node's content as lxml writes it (after removing what XML cannot hold)."""
    return xml_safe(value).translate(_TEXT)


def escape_attribute(value: str) -> str:
    """An attribute value as lxml writes it."""
    return xml_safe(value).translate(_ATTRIBUTE)


@dataclass(frozen=True)
class RunSpec:
    text: str
    size_pt: float
    bold: bool | None = None
    italic: bool | None = None
    color_hex: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class ParagraphSpec:
    runs: tuple[RunSpec, ...]
    align: str = "l"
    line_spacing: float | None = None
    space_before_pt: float = 0
    space_after_pt: float = 0
    bullet: tuple[str, str, int, int] | None = None  # (character, colour, margin EMU, indent EMU)


def _run(run: RunSpec, part, lang: str) -> str:
    attributes = f'lang="{lang}" sz="{round(run.size_pt * 100)}"'
    if run.bold is not None:
        attributes += f' b="{1 if run.bold else 0}"'
    if run.italic is not None:
        attributes += f' i="{1 if run.italic else 0}"'
    inner = ""
    if run.url:
        attributes += ' u="sng"'
    if run.color_hex:
        inner += f'<a:solidFill><a:srgbClr val="{run.color_hex}"/></a:solidFill>'
    if run.url:
        rid = part.relate_to(run.url, RT.HYPERLINK, is_external=True)
        inner += f'<a:hlinkClick r:id="{rid}"/>'
    properties = f"<a:rPr {attributes}>{inner}</a:rPr>" if inner else f"<a:rPr {attributes}/>"
    return f"<a:r>{properties}<a:t>{escape_text(run.text)}</a:t></a:r>"


def _spacing(spec: ParagraphSpec) -> str:
    out = ""
    if spec.line_spacing:
        out += f'<a:lnSpc><a:spcPct val="{round(spec.line_spacing * 100000)}"/></a:lnSpc>'
    if spec.space_before_pt:
        out += f'<a:spcBef><a:spcPts val="{round(spec.space_before_pt * 100)}"/></a:spcBef>'
    if spec.space_after_pt:
        out += f'<a:spcAft><a:spcPts val="{round(spec.space_after_pt * 100)}"/></a:spcAft>'
    return out


def _bullet(spec: ParagraphSpec) -> tuple[str, str]:
    """(marL and indent attributes, bullet elements)."""
    if spec.bullet is None:
        return 'marL="0" indent="0"', "<a:buNone/>"
    char, color, margin, indent = spec.bullet
    elements = (
        f'<a:buClr><a:srgbClr val="{color}"/></a:buClr><a:buFont typeface="Arial"/>'
        f'<a:buChar char="{escape_attribute(char)}"/>'
    )
    return f'marL="{margin}" indent="{indent}"', elements


def paragraph_xml(spec: ParagraphSpec, part, lang: str = "nb-NO", bullet_first: bool = False) -> str:
    """One `a:p`. `bullet_first`: the bullet's attributes before the alignment (the notes pane's
    order, where the bullet was set before the format)."""
    margins, bullet = _bullet(spec)
    align = f'algn="{spec.align}"'
    attributes = f"{margins} {align}" if bullet_first else f"{align} {margins}"
    runs = "".join(_run(run, part, lang) for run in spec.runs)
    return f"<a:p><a:pPr {attributes}>{_spacing(spec)}{bullet}</a:pPr>{runs}</a:p>"


def text_box_element(
    shape_id: int,
    name: str,
    box: tuple[int, int, int, int],
    anchor: str,
    inset: int,
    paragraphs: list[str],
):
    """A text box (`p:sp`) at `box` (EMU) holding the `paragraphs` (from `paragraph_xml`)."""
    x, y, cx, cy = box
    insets = "" if inset == DEFAULT_INSET else f' lIns="{inset}" rIns="{inset}"'
    body = "".join(paragraphs) or "<a:p/>"
    return _parse(
        f'<p:sp {_NS}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{escape_attribute(name)}"/>'
        '<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr>'
        f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
        f'<p:txBody><a:bodyPr wrap="square" anchor="{anchor}"{insets}><a:noAutofit/></a:bodyPr>'
        f"<a:lstStyle/>{body}</p:txBody></p:sp>"
    )


def paragraph_elements(paragraphs: list[str]) -> list:
    """Parsed `a:p` elements, to put in an existing text body."""
    if not paragraphs:
        return []
    return list(_parse(f"<p:txBody {_NS}>{''.join(paragraphs)}</p:txBody>"))


def _parse(xml: str):
    element = parse_xml(xml)
    if "<a:t></a:t>" in xml:
        # An empty run's text was set to "" (written `<a:t></a:t>`); parsing gives None (`<a:t/>`).
        for text in element.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}t"):
            if text.text is None:
                text.text = ""
    return element


_STYLE = (
    '<p:style><a:lnRef idx="1"><a:schemeClr val="accent1"/></a:lnRef><a:fillRef idx="3"><a:schemeClr val="accent1"/>'
    '</a:fillRef><a:effectRef idx="2"><a:schemeClr val="accent1"/></a:effectRef><a:fontRef idx="minor">'
    '<a:schemeClr val="lt1"/></a:fontRef></p:style><p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/>'
    '<a:p><a:pPr algn="ctr"/></a:p></p:txBody>'
)


def filled_shape_element(
    shape_id: int,
    name: str,
    geometry: str,
    box: tuple[int, int, int, int],
    fill: str,
    line: tuple[str, int, bool] | None,
    description: str,
    alpha: float = 1.0,
):
    """A preset shape (`rect`, `roundRect`, `ellipse`) with a solid fill, an outline (colour,
    width in EMU, dashed) or none, no shadow, and alt text: as python-pptx's autoshape is styled
    by render/draw.py."""
    x, y, cx, cy = box
    colour = f'<a:srgbClr val="{fill}"/>'
    if alpha < 1:
        colour = f'<a:srgbClr val="{fill}"><a:alpha val="{round(alpha * 100000)}"/></a:srgbClr>'
    if line is None:
        outline = "<a:ln><a:noFill/></a:ln>"
    else:
        line_colour, width, dashed = line
        dash = '<a:prstDash val="dash"/>' if dashed else ""
        outline = f'<a:ln w="{width}"><a:solidFill><a:srgbClr val="{line_colour}"/></a:solidFill>{dash}</a:ln>'
    return _parse(
        f'<p:sp {_NS}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{escape_attribute(name)}" '
        f'descr="{escape_attribute(description)}"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>'
        f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        f'<a:prstGeom prst="{geometry}"><a:avLst/></a:prstGeom><a:solidFill>{colour}</a:solidFill>{outline}'
        f"<a:effectLst/></p:spPr>{_STYLE}</p:sp>"
    )
