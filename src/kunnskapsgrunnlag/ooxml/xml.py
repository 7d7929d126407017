"""Namespaces and small element helpers for the rest of the OOXML layer."""

from __future__ import annotations

import re
from functools import lru_cache

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


# Characters XML 1.0 cannot hold (C0 controls but tab, newline and return; U+FFFE, U+FFFF; lone
# surrogates). One written into a part makes the file unreadable (PowerPoint offers to repair it).
INVALID_XML_CHARS = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_INVALID_XML_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")
_AS_SPACE = {"\x0b": " ", "\x0c": " "}  # vertical tab and form feed: line breaks pasted from Word


def xml_safe(text: str) -> str:
    """`text` with every character XML cannot hold removed (vertical tab and form feed become spaces)."""
    if not INVALID_XML_CHARS.search(text):
        return text
    return INVALID_XML_CHARS.sub(lambda m: _AS_SPACE.get(m.group(), ""), text)


_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in (0x09, 0x0A, 0x0D))


@lru_cache(maxsize=8192)
def xml_safe_part(data: bytes) -> bytes:
    """A serialised XML part (UTF-8) without the bytes of characters XML cannot hold.

    The last line of defence: every part of every written package passes through here, so the
    writer cannot emit a file that fails to open, whatever a renderer let through.
    """
    # Fast checks first (C loops over the bytes); parts shared by many decks are checked once.
    clean = len(data.translate(None, _CONTROL_BYTES)) == len(data)
    if clean and b"\xef\xbf\xbe" not in data and b"\xef\xbf\xbf" not in data:
        return data
    return _INVALID_XML_BYTES.sub(lambda m: b" " if m.group() in (b"\x0b", b"\x0c") else b"", data)
