"""The master and theme parts: theme colours and fonts, master text styles, the blank layout."""

from __future__ import annotations

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import XmlPart
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


def clean_format_scheme(prs: Presentation, name: str) -> None:
    """Name the format scheme for the theme and give it effect styles without shadows.

    The default template's scheme ("Office") has an outer shadow in its effect styles, which
    every shape with a style reference (`p:style/a:effectRef`) inherits in LibreOffice. The notes
    master has a theme of its own, cleaned the same way.
    """
    parts = [prs.slide_master.part.part_related_by(RT.THEME), prs.notes_master.part.part_related_by(RT.THEME)]
    for theme_part in parts:
        _clean_theme_part(theme_part, name)


def _clean_theme_part(theme_part, name: str) -> None:
    # The slide master's theme is a plain part (bytes); the notes master's an XML part.
    is_xml = isinstance(theme_part, XmlPart)
    root = theme_part._element if is_xml else etree.fromstring(theme_part.blob)
    root.set("name", name)
    root.find(f".//{{{A}}}clrScheme").set("name", name)
    scheme = root.find(f".//{{{A}}}fmtScheme")
    scheme.set("name", name)
    effects = scheme.find(f"{{{A}}}effectStyleLst")
    for old in list(effects):
        effects.remove(old)
    for _ in range(3):
        style = etree.SubElement(effects, f"{{{A}}}effectStyle")
        etree.SubElement(style, f"{{{A}}}effectLst")
    root.find(f".//{{{A}}}fontScheme").set("name", name)
    if not is_xml:
        theme_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def name_master(prs: Presentation, name: str) -> None:
    prs.slide_master._element.find(qn("p:cSld")).set("name", name)


def style_master_bullets(
    prs: Presentation,
    bullet_hex: str,
    levels: tuple[tuple[str, int, int], ...],
    line_spacing: float,
    space_before_pt: float,
) -> None:
    """Bullet characters, colour, hanging indents (EMU) and spacing of the master's body levels.

    A slide added from a general layout then sets its list exactly as a locked bullet slide does.
    """
    body = prs.slide_master._element.find(qn("p:txStyles")).find(qn("p:bodyStyle"))
    for level, (char, margin, indent) in enumerate(levels, start=1):
        ppr = body.find(qn(f"a:lvl{level}pPr"))
        if ppr is None:
            continue
        ppr.set("marL", str(margin))
        ppr.set("indent", str(indent))
        for tag in ("a:lnSpc", "a:spcBef", "a:spcAft", "a:buClr", "a:buFont", "a:buChar", "a:buNone"):
            for old in ppr.findall(qn(tag)):
                ppr.remove(old)
        rpr = ppr.find(qn("a:defRPr"))
        line = etree.Element(qn("a:lnSpc"))
        etree.SubElement(line, qn("a:spcPct"), val=str(round(line_spacing * 100000)))
        before = etree.Element(qn("a:spcBef"))
        etree.SubElement(before, qn("a:spcPts"), val=str(round(space_before_pt * 100)))
        color = etree.Element(qn("a:buClr"))
        etree.SubElement(color, qn("a:srgbClr"), val=bullet_hex)
        for element in (
            line,
            before,
            color,
            etree.Element(qn("a:buFont"), typeface="Arial"),
            etree.Element(qn("a:buChar"), char=char),
        ):
            rpr.addprevious(element)


def fix_master_placeholders(prs: Presentation) -> None:
    """Titles sit on the bottom of their box, as on the locked slides, and text never shrinks."""
    for shape in prs.slide_master.placeholders:
        body_pr = shape._element.txBody.find(qn("a:bodyPr"))
        for old in list(body_pr):
            body_pr.remove(old)
        if shape._element.ph.get("type") == "title":
            body_pr.set("anchor", "b")


def set_default_language(prs: Presentation, lang: str) -> None:
    """The language new text in the deck gets (the presentation's and the master's default text
    style): PowerPoint proofs and screen readers speak by it. python-pptx's template says en-US."""
    presentation = prs.part._element
    master = prs.slide_master._element
    for default in (
        presentation.find(f"{qn('p:defaultTextStyle')}/{qn('a:defPPr')}/{qn('a:defRPr')}"),
        master.find(f"{qn('p:txStyles')}/{qn('p:otherStyle')}/{qn('a:defPPr')}/{qn('a:defRPr')}"),
    ):
        if default is not None:
            default.set("lang", lang)
