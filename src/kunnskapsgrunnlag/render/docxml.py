"""The raw WordprocessingML that python-docx lacks: links, bookmarks, fields, fonts, language.

The one place where the notes document touches lxml (as ooxml/ is for the deck); it belongs
beside ooxml/ and can move there. Element names follow ECMA-376 part 1, §17.
"""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph
from docx.text.run import Run


def add_hyperlink(
    paragraph: Paragraph, text: str, url: str, color: str, bold: bool = False, italic: bool = False
) -> None:
    """`<w:hyperlink r:id>` around one run, coloured and underlined like a link (§17.16.22)."""
    r_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    link.append(_link_run(paragraph, text, color, bold, italic))
    paragraph._p.append(link)


def add_internal_link(paragraph: Paragraph, text: str, anchor: str, color: str) -> None:
    """A link to a bookmark in the same document (`w:anchor`), for the table of contents."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), anchor)
    link.set(qn("w:history"), "1")
    link.append(_link_run(paragraph, text, color, False, False, underline=False))
    paragraph._p.append(link)


def add_bookmark(paragraph: Paragraph, name: str, bookmark_id: int) -> None:
    """`<w:bookmarkStart>`/`<w:bookmarkEnd>` around the paragraph's content (§17.13.6.2)."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    p = paragraph._p
    p_pr = p.find(qn("w:pPr"))
    if p_pr is not None:
        p_pr.addnext(start)
    else:
        p.insert(0, start)
    p.append(end)


def add_field(paragraph: Paragraph, instruction: str, placeholder: str = "1") -> None:
    """A complex field such as `PAGE` (§17.16.18), with a placeholder result until it is updated."""
    for kind, text in (
        ("begin", None),
        ("instr", instruction),
        ("separate", None),
        ("result", placeholder),
        ("end", None),
    ):
        run = paragraph.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
            run._r.append(instr)
        elif kind == "result":
            run.text = text or ""
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


def drop_thumbnail(package) -> None:
    """python-docx's template carries a thumbnail of another document: leave it out."""
    for r_id, rel in list(package.rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            package.rels.pop(r_id)


def set_style_font(style: BaseStyle, name: str) -> None:
    """Set a style's font everywhere, dropping the theme-font references that would override it."""
    style.font.name = name
    fonts = style.element.rPr.find(qn("w:rFonts"))
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:cs"), name)


def set_document_language(styles_element, language: str) -> None:
    """The proofing language of the whole document, on the run defaults (§17.7.5.1)."""
    doc_defaults = styles_element.find(qn("w:docDefaults"))
    r_pr = doc_defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)


def set_picture_alt(inline_shape, description: str, name: str) -> None:
    """Alt text of an inline picture: `wp:docPr/@descr` (§20.4.2.5), read by screen readers."""
    doc_pr = inline_shape._inline.docPr
    doc_pr.set("descr", description)
    doc_pr.set("name", name)


def set_picture_border(inline_shape, color: str, width_emu: int = 9525) -> None:
    """A thin outline round a picture (`pic:spPr/a:ln`), so a white slide stands out on white paper."""
    sp_pr = inline_shape._inline.graphic.graphicData.pic.spPr
    line = OxmlElement("a:ln")
    line.set("w", str(width_emu))
    fill = OxmlElement("a:solidFill")
    rgb = OxmlElement("a:srgbClr")
    rgb.set("val", color)
    fill.append(rgb)
    line.append(fill)
    sp_pr.append(line)


def _link_run(paragraph: Paragraph, text: str, color: str, bold: bool, italic: bool, underline: bool = True):
    run = Run(OxmlElement("w:r"), paragraph)
    run.text = text
    run.font.color.rgb = RGBColor.from_string(color)
    run.font.underline = underline or None
    run.font.bold = bold or None
    run.font.italic = italic or None
    return run._r
