"""Charts as DrawingML: a locked group of plain shapes (lines, boxes, dots and text boxes).

The group is added to a shape tree with python-pptx's element classes, but its children are
written here as one XML string (a chart has 30–80 marks; building each with python-pptx costs a
millisecond). The string travels inside the group as a comment, `<!--kg-vector:...-->`, and
`expand_vector_groups` splices it in when the part is serialised. A slide skeleton
(render/skeleton.py) can then carry a token in place of the string and get the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree
from pptx.oxml.ns import qn

from ..marks import Block, Dot, Label, Mark, Stroke
from .locks import lock_attributes, lock_element
from .textxml import escape_attribute
from .xml import xml_safe

EMU_PER_INCH = 914400
EMU_PER_POINT = 12700
MARKER_PREFIX = "kg-vector:"
_MARKER = re.compile(r"<!--kg-vector:(.*?)-->", re.DOTALL)


def _emu(inches: float) -> int:
    return round(inches * EMU_PER_INCH)


def _locks(tag: str) -> str:
    _path, element, attributes = lock_attributes(tag)
    return f"<{element} " + " ".join(f'{name}="1"' for name in attributes) + "/>"


_SP_LOCKS = _locks("p:sp")


def _escape(text: str) -> str:
    # "--" may not stand inside the comment that carries the XML until it is spliced in.
    return escape_attribute(text).replace("-", "&#45;")


def _nv(shape_id: int, name: str, text_box: bool = False) -> str:
    box = ' txBox="1"' if text_box else ""
    return (
        f'<p:nvSpPr><p:cNvPr id="{shape_id}" name="{_escape(name)}"/>'
        f"<p:cNvSpPr{box}>{_SP_LOCKS}</p:cNvSpPr><p:nvPr/></p:nvSpPr>"
    )


def _xfrm(x: int, y: int, cx: int, cy: int) -> str:
    return f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'


def _fill(color: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{color.lstrip("#").upper()}"/></a:solidFill>'


def _stroke(mark: Stroke, ox: float, oy: float, shape_id: int) -> str:
    xs = [_emu(ox + x) for x, _y in mark.points]
    ys = [_emu(oy + y) for _x, y in mark.points]
    left, top = min(xs), min(ys)
    # A path needs a box of some size: a flat line gets one EMU of height (or width).
    cx, cy = max(max(xs) - left, 1), max(max(ys) - top, 1)
    points = [f'<a:pt x="{x - left}" y="{y - top}"/>' for x, y in zip(xs, ys, strict=True)]
    path = f"<a:moveTo>{points[0]}</a:moveTo>" + "".join(f"<a:lnTo>{p}</a:lnTo>" for p in points[1:])
    dash = '<a:prstDash val="dash"/>' if mark.dashed else ""
    return (
        f"<p:sp>{_nv(shape_id, f'Linje {shape_id}')}<p:spPr>{_xfrm(left, top, cx, cy)}"
        '<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="0" t="0" r="r" b="b"/>'
        f'<a:pathLst><a:path w="{cx}" h="{cy}" fill="none">{path}</a:path></a:pathLst></a:custGeom>'
        f'<a:noFill/><a:ln w="{round(mark.width_pt * EMU_PER_POINT)}" cap="rnd">{_fill(mark.color)}{dash}'
        "<a:round/></a:ln></p:spPr></p:sp>"
    )


def _shape(geometry: str, name: str, x: float, y: float, w: float, h: float, fill: str, shape_id: int) -> str:
    return (
        f"<p:sp>{_nv(shape_id, name)}<p:spPr>{_xfrm(_emu(x), _emu(y), max(_emu(w), 1), max(_emu(h), 1))}"
        f'<a:prstGeom prst="{geometry}"><a:avLst/></a:prstGeom>{_fill(fill)}<a:ln><a:noFill/></a:ln>'
        "</p:spPr></p:sp>"
    )


def label_box(mark: Label) -> tuple[float, float, float, float]:
    """Where a label's text box lies (x, y, w, h in inches, chart-relative): wide enough for its
    longest line in any common sans-serif font, placed so the text sits at the anchor."""
    longest = max(len(line) for line in mark.text.split("\n"))
    return mark.box(longest * mark.size * 0.62 / 72 + 0.3)


def _label(mark: Label, ox: float, oy: float, shape_id: int, lang: str) -> str:
    x, y, w, h = label_box(mark)
    align = {"left": "l", "center": "ctr", "right": "r"}[mark.ha]
    anchor = {"top": "t", "center": "ctr", "bottom": "b"}[mark.va]
    if mark.vertical:  # turned a quarter left: the box's own top is the text's left
        align, anchor = "ctr", {"left": "b", "center": "ctr", "right": "t"}[mark.ha]
    vert = ' vert="vert270"' if mark.vertical else ""
    style = f' b="{int(mark.bold)}" i="{int(mark.italic)}"'
    runs = "".join(
        f'<a:p><a:pPr algn="{align}"/><a:r><a:rPr lang="{lang}" sz="{round(mark.size * 100)}"{style}>'
        f"{_fill(mark.color)}</a:rPr><a:t>{_escape(line)}</a:t></a:r></a:p>"
        for line in mark.text.split("\n")
    )
    return (
        f"<p:sp>{_nv(shape_id, f'Tekst {shape_id}', text_box=True)}<p:spPr>"
        f"{_xfrm(_emu(ox + x), _emu(oy + y), _emu(w), _emu(h))}"
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
        f'<p:txBody><a:bodyPr wrap="none" lIns="0" tIns="0" rIns="0" bIns="0" anchor="{anchor}"{vert}>'
        f"<a:noAutofit/></a:bodyPr><a:lstStyle/>{runs}</p:txBody></p:sp>"
    )


def marks_xml(marks: Iterable[Mark], x: float, y: float, first_id: int, lang: str = "nb-NO") -> str:
    """The shapes of a chart whose top-left corner is at (x, y) inches on the slide, with shape
    ids from `first_id` (kept clear of the ids python-pptx gives the slide's other shapes)."""
    parts = []
    for shape_id, mark in enumerate(marks, start=first_id):
        if isinstance(mark, Stroke):
            parts.append(_stroke(mark, x, y, shape_id))
        elif isinstance(mark, Block):
            parts.append(
                _shape("rect", f"Stolpe {shape_id}", x + mark.x, y + mark.y, mark.w, mark.h, mark.fill, shape_id)
            )
        elif isinstance(mark, Dot):
            d = mark.diameter_pt / 72
            name = f"Punkt {shape_id}"
            parts.append(_shape("ellipse", name, x + mark.x - d / 2, y + mark.y - d / 2, d, d, mark.fill, shape_id))
        elif isinstance(mark, Label):
            parts.append(_label(mark, x, y, shape_id, lang))
    return "".join(parts)


def add_vector_group(sp_tree, shape_id: int, name: str, alt: str, box: tuple[float, float, float, float], body: str):
    """Append a locked group at `box` (inches) to `sp_tree` whose children are `body` (XML, or a
    token that stands for it); returns the group element."""
    x, y, w, h = (_emu(v) for v in box)
    group = etree.SubElement(sp_tree, qn("p:grpSp"))
    nv = etree.SubElement(group, qn("p:nvGrpSpPr"))
    etree.SubElement(nv, qn("p:cNvPr"), id=str(shape_id), name=name, descr=xml_safe(alt))
    etree.SubElement(nv, qn("p:cNvGrpSpPr"))
    etree.SubElement(nv, qn("p:nvPr"))
    properties = etree.SubElement(group, qn("p:grpSpPr"))
    xfrm = etree.SubElement(properties, qn("a:xfrm"))
    # Children are placed in slide coordinates: the group's child space is its own box.
    etree.SubElement(xfrm, qn("a:off"), x=str(x), y=str(y))
    etree.SubElement(xfrm, qn("a:ext"), cx=str(w), cy=str(h))
    etree.SubElement(xfrm, qn("a:chOff"), x=str(x), y=str(y))
    etree.SubElement(xfrm, qn("a:chExt"), cx=str(w), cy=str(h))
    group.append(etree.Comment(MARKER_PREFIX + body))
    lock_element(group)
    return group


def expand_vector_groups(xml: str) -> str:
    """Splice every group's children in where its marker comment stands."""
    return _MARKER.sub(lambda match: match.group(1), xml) if "<!--kg-vector:" in xml else xml
