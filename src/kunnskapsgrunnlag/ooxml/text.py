"""Paragraph and shape properties python-pptx has no API for: bullets, alt text, insets."""

from __future__ import annotations

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Emu

from .xml import xml_safe

_PPR_ORDER = (
    "a:lnSpc",
    "a:spcBef",
    "a:spcAft",
    "a:buClrTx",
    "a:buClr",
    "a:buSzTx",
    "a:buSzPct",
    "a:buSzPts",
    "a:buFontTx",
    "a:buFont",
    "a:buNone",
    "a:buAutoNum",
    "a:buChar",
    "a:buBlip",
    "a:tabLst",
    "a:defRPr",
    "a:extLst",
)


def _insert_ordered(ppr: etree._Element, element: etree._Element) -> None:
    rank = _PPR_ORDER.index(_local(element))
    for existing in ppr:
        name = _local(existing)
        if name in _PPR_ORDER and _PPR_ORDER.index(name) > rank:
            existing.addprevious(element)
            return
    ppr.append(element)


def _local(element: etree._Element) -> str:
    return "a:" + etree.QName(element).localname


def set_bullet(paragraph, char: str, color_hex: str, margin: Emu, indent: Emu) -> None:
    """A hanging bullet `char` in `color_hex` for a python-pptx paragraph."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("marL", str(int(margin)))
    ppr.set("indent", str(int(indent)))
    for name in ("a:buNone", "a:buChar", "a:buAutoNum", "a:buClr", "a:buFont"):
        for old in ppr.findall(qn(name)):
            ppr.remove(old)
    color = etree.Element(qn("a:buClr"))
    etree.SubElement(color, qn("a:srgbClr"), val=color_hex)
    _insert_ordered(ppr, color)
    font = etree.Element(qn("a:buFont"), typeface="Arial")
    _insert_ordered(ppr, font)
    _insert_ordered(ppr, etree.Element(qn("a:buChar"), char=char))


def set_no_bullet(paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("marL", "0")
    ppr.set("indent", "0")
    for name in ("a:buChar", "a:buAutoNum", "a:buClr", "a:buFont"):
        for old in ppr.findall(qn(name)):
            ppr.remove(old)
    if ppr.find(qn("a:buNone")) is None:
        _insert_ordered(ppr, etree.Element(qn("a:buNone")))


def set_alt_text(shape, description: str) -> None:
    """Alt text (`descr`) read by screen readers for pictures, charts and diagrams."""
    shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", description)


def set_language(run, lang: str = "nb-NO") -> None:
    run._r.get_or_add_rPr().set("lang", lang)


def set_fill_alpha(shape, opacity: float) -> None:
    """Make a shape's solid fill partly transparent (overlapping circles stay readable)."""
    color = shape._element.spPr.find(qn("a:solidFill"))[0]
    for old in color.findall(qn("a:alpha")):
        color.remove(old)
    etree.SubElement(color, qn("a:alpha"), val=str(round(opacity * 100000)))


def add_run(
    paragraph,
    text: str,
    size_pt: float,
    *,
    bold: bool | None = None,
    italic: bool | None = None,
    color_hex: str | None = None,
    url: str | None = None,
    lang: str = "nb-NO",
) -> None:
    """Append one formatted run to a python-pptx paragraph, written as XML in one go.

    python-pptx's font properties each search the run's XML; a deck has thousands of runs, so
    building `a:r` directly makes rendering several times faster.
    """
    p = paragraph._p
    run = etree.Element(qn("a:r"))
    rpr = etree.SubElement(run, qn("a:rPr"), lang=lang, sz=str(round(size_pt * 100)))
    if bold is not None:
        rpr.set("b", "1" if bold else "0")
    if italic is not None:
        rpr.set("i", "1" if italic else "0")
    if url:
        rpr.set("u", "sng")
    if color_hex:
        fill = etree.SubElement(rpr, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:srgbClr"), val=color_hex)
    if url:
        rid = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
        etree.SubElement(rpr, qn("a:hlinkClick"), {qn("r:id"): rid})
    etree.SubElement(run, qn("a:t")).text = xml_safe(text)
    end = p.find(qn("a:endParaRPr"))
    if end is not None:
        end.addprevious(run)
    else:
        p.append(run)


def set_paragraph_format(
    paragraph, align: str, line_spacing: float | None = None, space_before_pt: float = 0, space_after_pt: float = 0
) -> None:
    """Alignment and spacing of a paragraph (`algn`, `a:lnSpc`, `a:spcBef`, `a:spcAft`)."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("algn", align)
    for tag, value in (("a:lnSpc", line_spacing), ("a:spcBef", space_before_pt), ("a:spcAft", space_after_pt)):
        for old in ppr.findall(qn(tag)):
            ppr.remove(old)
        if not value:
            continue
        holder = etree.Element(qn(tag))
        if tag == "a:lnSpc":
            etree.SubElement(holder, qn("a:spcPct"), val=str(round(value * 100000)))
        else:
            etree.SubElement(holder, qn("a:spcPts"), val=str(round(value * 100)))
        _insert_ordered(ppr, holder)
