"""Slide layouts: one per locked slide, added to the master (python-pptx cannot add layouts).

Content on a layout cannot be selected in normal view in PowerPoint or Impress, which imports
each layout as a master page of its own. See docs/dev/layouts.md.
"""

from __future__ import annotations

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.parts.slide import SlideLayoutPart
from pptx.presentation import Presentation
from pptx.slide import SlideLayout
from pptx.util import Emu

from .xml import solid_fill

_LAYOUT_XML = (
    '<p:sldLayout xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    ' xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
    ' preserve="1" userDrawn="1">'
    '<p:cSld name="">'
    "<p:spTree>"
    '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
    '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/>'
    '<a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
    '<p:sp><p:nvSpPr><p:cNvPr id="2" name="Tittel (plassholder)"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
    '<p:nvPr><p:ph type="title"/></p:nvPr></p:nvSpPr><p:spPr/>'
    '<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="{lang}"/></a:p></p:txBody></p:sp>'
    "</p:spTree>"
    "</p:cSld>"
    "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr>"
    "</p:sldLayout>"
)

_FIRST_LAYOUT_ID = 2147483649


def add_layout(
    prs: Presentation,
    name: str,
    background_hex: str,
    show_master_shapes: bool = True,
    number: int | None = None,
    lang: str = "nb-NO",
) -> SlideLayout:
    """A new, empty layout named `name` (with a title placeholder), related to the first master.

    `number` names the part (`slideLayoutN.xml`); callers adding many layouts pass it, because
    python-pptx's `next_partname` walks every part each time (quadratic in the deck's size).
    """
    master_part = prs.slide_master.part
    package = master_part.package
    if number is None:
        partname = package.next_partname("/ppt/slideLayouts/slideLayout%d.xml")
    else:
        partname = f"/ppt/slideLayouts/slideLayout{number}.xml"
    xml = _LAYOUT_XML.replace("{lang}", lang)
    part = SlideLayoutPart.load(PackURI(partname), CT.PML_SLIDE_LAYOUT, package, xml.encode())
    part.relate_to(master_part, RT.SLIDE_MASTER)
    rid = master_part.relate_to(part, RT.SLIDE_LAYOUT)
    id_list = master_part._element.get_or_add_sldLayoutIdLst()
    used = [int(e.get("id")) for e in id_list] + [int(e.get("id")) for e in prs.part._element.xpath(".//p:sldMasterId")]
    entry = etree.SubElement(id_list, qn("p:sldLayoutId"))
    entry.set("id", str(max([_FIRST_LAYOUT_ID - 1, *used]) + 1))
    entry.set(qn("r:id"), rid)
    layout_element = part._element
    layout_element.cSld.set("name", name)
    if not show_master_shapes:
        layout_element.set("showMasterSp", "0")
    set_background(layout_element, background_hex)
    return part.slide_layout


def set_background(slide_like_element: etree._Element, hex_rgb: str) -> None:
    """A solid background on a master, layout or slide element (`p:cSld/p:bg`)."""
    c_sld = slide_like_element.find(qn("p:cSld"))
    old = c_sld.find(qn("p:bg"))
    if old is not None:
        c_sld.remove(old)
    bg = etree.Element(qn("p:bg"))
    bg_pr = etree.SubElement(bg, qn("p:bgPr"))
    bg_pr.append(solid_fill(hex_rgb))
    etree.SubElement(bg_pr, qn("a:effectLst"))
    c_sld.insert(0, bg)


def keep_only_layouts(prs: Presentation, names: tuple[str, ...]) -> None:
    """Drop every layout of the template except `names` (unreferenced parts are not saved)."""
    master = prs.slide_master
    id_list = master.part._element.get_or_add_sldLayoutIdLst()
    for entry in list(id_list):
        rid = entry.get(qn("r:id"))
        layout_part = master.part.related_part(rid)
        if layout_part.slide_layout.name not in names:
            id_list.remove(entry)
            master.part.drop_rel(rid)


def place_placeholder(layout: SlideLayout, ph_type: str, x: Emu, y: Emu, w: Emu, h: Emu) -> None:
    """Give a layout placeholder an explicit position (layouts inherit from the master otherwise)."""
    for shape in layout.placeholders:
        if shape._element.ph_type == ph_type or str(shape.placeholder_format.type).startswith(ph_type):
            shape.left, shape.top, shape.width, shape.height = x, y, w, h


def remove_placeholders(layout: SlideLayout, keep: tuple[str, ...]) -> None:
    """Remove a layout's placeholders except the types in `keep` (e.g. date, footer, number)."""
    tree = layout.shapes._spTree
    for shape in list(layout.placeholders):
        kind = shape._element.ph.get("type", "body")
        if kind not in keep:
            tree.remove(shape._element)


def arrange_general_layouts(prs: Presentation, names: dict[str, str]) -> list[SlideLayout]:
    """Keep the template's layouts named in `names` (template name → ours), renamed, in that order.

    They become slideLayout1..n and come first in PowerPoint's New Slide menu and in Impress's
    master pages; every other template layout is dropped (unreferenced parts are not saved).
    """
    master_part = prs.slide_master.part
    id_list = master_part._element.get_or_add_sldLayoutIdLst()
    kept = {}
    for entry in list(id_list):
        rid = entry.get(qn("r:id"))
        part = master_part.related_part(rid)
        id_list.remove(entry)
        if part.slide_layout.name in names:
            kept[part.slide_layout.name] = (entry, part)
        else:
            master_part.drop_rel(rid)
    layouts = []
    for number, (template_name, name) in enumerate(names.items(), start=1):
        entry, part = kept[template_name]
        id_list.append(entry)
        part.partname = PackURI(f"/ppt/slideLayouts/slideLayout{number}.xml")
        part._element.cSld.set("name", name)
        layouts.append(part.slide_layout)
    return layouts


def style_placeholder(
    layout: SlideLayout, ph_types: tuple[str, ...], size_pt: float, color_hex: str, bold: bool, align: str = "l"
) -> None:
    """The first-level text style of a layout's placeholders of the given types (`a:lstStyle`)."""
    for shape in layout.placeholders:
        if shape._element.ph.get("type", "body") not in ph_types:
            continue
        lst = shape._element.txBody.find(qn("a:lstStyle"))
        for old in list(lst):
            lst.remove(old)
        ppr = etree.SubElement(lst, qn("a:lvl1pPr"), algn=align)
        if "title" in ph_types or "ctrTitle" in ph_types:
            etree.SubElement(ppr, qn("a:buNone"))
        rpr = etree.SubElement(ppr, qn("a:defRPr"), sz=str(int(size_pt * 100)), b="1" if bold else "0")
        rpr.append(solid_fill(color_hex))
