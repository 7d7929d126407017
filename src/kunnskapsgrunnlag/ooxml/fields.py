"""Text fields: the slide number (`a:fld type="slidenum"`), which python-pptx cannot add.

A slide-number field in a text box on a layout shows the number of the slide it is drawn on, in
PowerPoint and in LibreOffice (which imports layouts as master pages, with a page-number field).
"""

from __future__ import annotations

from lxml import etree
from pptx.oxml.ns import qn

from .xml import solid_fill

# Any GUID will do; a fixed one keeps builds byte-identical.
SLIDE_NUMBER_FIELD_ID = "{5C3D7A4E-0B6F-4C8A-9E21-0D24FAF0A124}"


def add_slide_number(paragraph, size_pt: float, color_hex: str, bold: bool = True, lang: str = "nb-NO") -> None:
    """Append a slide-number field to a python-pptx paragraph (before its end-paragraph mark)."""
    p = paragraph._p
    field = etree.Element(qn("a:fld"), id=SLIDE_NUMBER_FIELD_ID, type="slidenum")
    rpr = etree.SubElement(field, qn("a:rPr"), lang=lang, sz=str(int(size_pt * 100)), b="1" if bold else "0")
    rpr.append(solid_fill(color_hex))
    text = etree.SubElement(field, qn("a:t"))
    text.text = "‹#›"
    end = p.find(qn("a:endParaRPr"))
    if end is not None:
        end.addprevious(field)
    else:
        p.append(field)


def has_slide_number(element: etree._Element) -> bool:
    """Whether a slide, layout or master element holds a slide-number field."""
    return bool(element.findall(".//" + qn("a:fld") + "[@type='slidenum']"))
