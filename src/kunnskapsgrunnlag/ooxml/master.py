"""The master and theme parts: theme colours and fonts, master text styles, the blank layout."""

from __future__ import annotations

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.presentation import Presentation

from .xml import child, solid_fill

A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def apply_theme_part(prs: Presentation, name: str, font: str, colors: dict[str, str]) -> None:
    """Rewrite the theme part: its name, fonts (major and minor) and colour scheme."""
    theme_part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme_part.blob)
    root.set("name", name)
    for tag in ("majorFont", "minorFont"):
        latin = root.find(f".//{{{A}}}{tag}/{{{A}}}latin")
        latin.set("typeface", font)
    scheme = root.find(f".//{{{A}}}clrScheme")
    scheme.set("name", name)
    mapping = {
        "dk1": colors["text"],
        "lt1": colors["background"],
        "dk2": colors["heading"],
        "lt2": colors["panel"],
        "accent1": colors["heading"],
        "accent2": colors["accent"],
        "accent3": colors["muted"],
        "hlink": colors["accent"],
        "folHlink": colors["heading"],
    }
    for slot, hex_rgb in mapping.items():
        element = scheme.find(f"{{{A}}}{slot}")
        for old in list(element):
            element.remove(old)
        etree.SubElement(element, f"{{{A}}}srgbClr", val=hex_rgb)
    theme_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def style_master_text(prs: Presentation, title_pt: float, body_pt: float, title_hex: str, body_hex: str) -> None:
    """Master title and body styles, so placeholders (the blank slide) look like the rest."""
    styles = prs.slide_master._element.find(qn("p:txStyles"))
    title_rpr = styles.find(qn("p:titleStyle")).find(qn("a:lvl1pPr")).find(qn("a:defRPr"))
    _style_run(title_rpr, title_pt, title_hex, bold=True)
    title_rpr.getparent().set("algn", "l")
    body = styles.find(qn("p:bodyStyle"))
    for level in range(1, 10):
        ppr = body.find(qn(f"a:lvl{level}pPr"))
        if ppr is None:
            continue
        size = body_pt if level == 1 else max(body_pt - 3 * (level - 1), 12)
        _style_run(ppr.find(qn("a:defRPr")), size, body_hex, bold=False)


def _style_run(rpr: etree._Element, size_pt: float, hex_rgb: str, bold: bool) -> None:
    rpr.set("sz", str(int(size_pt * 100)))
    rpr.set("b", "1" if bold else "0")
    for old in rpr.findall(qn("a:solidFill")):
        rpr.remove(old)
    rpr.insert(0, solid_fill(hex_rgb))
    latin = child(rpr, "a:latin", before=("a:ea", "a:cs", "a:sym", "a:hlinkClick"))
    latin.set("typeface", "+mn-lt")


def drop_thumbnail(prs: Presentation) -> None:
    """The template's thumbnail shows another presentation: leave it out of our files."""
    package = prs.part.package
    for rid, rel in list(package._rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package._rels.pop(rid)
