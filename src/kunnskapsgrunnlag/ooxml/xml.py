"""Namespaces and small element helpers for the rest of the OOXML layer."""

from __future__ import annotations

from lxml import etree
from pptx.oxml.ns import qn

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}


def child(parent: etree._Element, tag: str, before: tuple[str, ...] = ()) -> etree._Element:
    """The first `tag` child of `parent`, created (before any of `before`) if missing."""
    found = parent.find(qn(tag))
    if found is not None:
        return found
    element = etree.SubElement(parent, qn(tag))
    for name in before:
        successor = parent.find(qn(name))
        if successor is not None:
            successor.addprevious(element)
            break
    return element


def solid_fill(hex_rgb: str) -> etree._Element:
    fill = etree.Element(qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=hex_rgb.upper())
    return fill
