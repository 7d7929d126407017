"""The companion notes document (as Fafo-notat 2019:21 was to the original deck), as DOCX bytes.

A title page, a table of contents by section, then one entry per slide: "Lysbilde N: title" as a
heading, a picture of the slide, the speaker notes with their formatting and links, and the
sources. The blank slide gets an entry of its own that explains what it is for. Staff edit the
DOCX in Word; the PDF is made from it by LibreOffice (render/office.py).

Deterministic: the date is a parameter and the archive is written with fixed timestamps.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Cm, Mm, Pt, RGBColor

from .. import __version__
from ..messages import msg
from ..model import Deck, DeckSlide
from ..ooxml.package import deterministic_zip
from .docxml import (
    add_bookmark,
    add_field,
    add_hyperlink,
    add_internal_link,
    drop_thumbnail,
    set_document_language,
    set_picture_alt,
    set_picture_border,
    set_style_font,
)
from .filters import dato
from .notes import notes_paragraphs
from .richtext import Paragraph, markdown_paragraphs, plain_text
from .theme import Theme

SOURCE_NOTE = (
    "Lysbildene og talenotatene bygger på Hansen, I. L. S., Jensen, R. S. & Fløtten, T. (2019). "
    "0-24-samarbeidet. Et kunnskapsgrunnlag. Notater til presentasjon. Fafo-notat 2019:21. Oslo: Fafo. "
    "Notatene er skrevet om og holdes à jour i kunnskapsgrunnlag-prosjektet."
)
PICTURE_WIDTH = Cm(16)
TITLE_LINE = 26  # characters of the title style that fit on one line
TEXT_WIDTH = Cm(16)  # A4 less 2.5 cm margins
LANDSCAPE_PICTURE_WIDTH = Cm(24.2)  # a diagram slide on a landscape page: its labels readable in print
LIST_INDENT = Cm(0.63)
AUTHOR = "Fafo / kunnskapsgrunnlag"


@dataclass(frozen=True)
class NotesDocOptions:
    theme: Theme
    date: dt.date
    blank_text: str  # Markdown: what the blank slide is for (templates/notesdoc-blank-slide.md)
    source_note: str = SOURCE_NOTE


def unbroken_title(title: str) -> str:
    """A title that breaks only after its sentences: "0-24-samarbeidet." / "Et kunnskapsgrunnlag".

    Each sentence keeps its words together (no-break spaces and hyphens); a line break separates
    the sentences, so the title never splits as "… Et / kunnskapsgrunnlag".
    """
    sentences = [part for part in title.replace(". ", ".\n").replace("? ", "?\n").split("\n") if part]
    return "\n".join(
        part.replace(" ", "\u00a0").replace("-", "\u2011") if len(part) <= TITLE_LINE else part for part in sentences
    )


def slide_heading(number: int, title: str, malform: str = "bokmal") -> str:
    """The heading of a slide's entry; tests and readers find slides by it."""
    return msg("slide_heading", malform, number=number, title=title)


def render_notes_docx(deck: Deck, pictures: Sequence[bytes], options: NotesDocOptions) -> bytes:
    """The notes document of `deck`; `pictures` holds one PNG per slide, the blank slide last."""
    if len(pictures) != len(deck.slides) + 1:
        raise ValueError(f"{len(pictures)} bilder til {len(deck.slides) + 1} lysbilder")
    doc = Document()
    _setup(doc, deck, options)
    _title_page(doc, deck, options)
    _contents(doc, deck, options.theme)
    form = deck.malform
    bookmark_ids = iter(range(1, 10_000))
    number = 0
    for _, group in groupby(deck.slides, key=lambda entry: entry.section.id):
        entries = list(group)
        turned = _orient(doc, entries[0].slide.layout == "diagram")
        heading = doc.add_heading(_section_label(entries[0]), level=1)
        heading.paragraph_format.page_break_before = not turned
        for position, entry in enumerate(entries):
            number += 1
            _slide_entry(
                doc,
                number,
                entry,
                deck,
                pictures[number - 1],
                options.theme,
                new_page=position > 0,
                bookmark_id=next(bookmark_ids),
            )
    _blank_entry(doc, number + 1, pictures[-1], options, next(bookmark_ids), form)
    buffer = io.BytesIO()
    doc.save(buffer)
    return deterministic_zip(buffer.getvalue())


def _setup(doc: DocxDocument, deck: Deck, options: NotesDocOptions) -> None:
    theme = options.theme
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.2)
    section.different_first_page_header_footer = True  # no footer on the title page
    doc.styles["Footer"].font.size = Pt(9)
    footer = section.footer.paragraphs[0]
    footer.add_run(f"{_deck_label(deck)} · {msg('page', deck.malform)} ")
    add_field(footer, "PAGE")
    drop_thumbnail(doc.part.package)
    language = "nn-NO" if deck.malform == "nynorsk" else "nb-NO"
    set_document_language(doc.styles.element, language)
    normal = doc.styles["Normal"]
    set_style_font(normal, theme.font)
    normal.font.size = Pt(11)
    normal.font.color.rgb = RGBColor.from_string(theme.color("text"))
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for name, size in (("Title", 28), ("Subtitle", 16), ("Heading 1", 18), ("Heading 2", 14)):
        style = doc.styles[name]
        set_style_font(style, theme.font)
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor.from_string(theme.color("heading"))
        style.font.italic = False
    doc.styles["Heading 2"].paragraph_format.space_before = Pt(6)
    core = doc.core_properties
    when = dt.datetime.combine(options.date, dt.time(12, 0))
    core.title = msg("notes_doc_title", deck.malform, label=_deck_label(deck))
    core.subject = "0-24-samarbeidet. Et kunnskapsgrunnlag"
    core.author = core.last_modified_by = AUTHOR
    core.comments = msg("made_with", deck.malform, version=__version__)
    core.keywords = msg("keywords", deck.malform)
    core.created = core.modified = when
    core.revision = 1
    core.language = language


def _title_page(doc: DocxDocument, deck: Deck, options: NotesDocOptions) -> None:
    theme = options.theme
    label = doc.add_paragraph()
    label.paragraph_format.space_before = Cm(5)
    form = deck.malform
    run = label.add_run(msg("notes_for_presentation", form))
    run.font.size, run.font.color.rgb = Pt(14), RGBColor.from_string(theme.color("accent"))
    doc.add_paragraph(unbroken_title(deck.title), style="Title")
    place = (
        msg("national_edition", form)
        if deck.kommune is None
        else msg(
            "kommune_place", form, navn=deck.kommune.navn, nummer=deck.kommune.nummer, fylke=deck.kommune.fylke.navn
        )
    )
    doc.add_paragraph(place, style="Subtitle")
    doc.add_paragraph(f"{dato(options.date)} · {msg('slide_count', form, n=len(deck.slides) + 1)}")
    about = doc.add_paragraph(msg("notes_doc_about", form))
    about.paragraph_format.space_before = Cm(1.5)
    note = doc.add_paragraph()
    note.paragraph_format.space_before = Cm(1)
    source = note.add_run(options.source_note if form != "nynorsk" else msg("notes_doc_source_note", form))
    source.font.size, source.font.color.rgb = Pt(9), RGBColor.from_string(theme.color("muted"))


def _contents(doc: DocxDocument, deck: Deck, theme: Theme) -> None:
    heading = doc.add_heading(msg("contents", deck.malform), level=1)
    heading.paragraph_format.page_break_before = True
    number = 0
    for _, group in groupby(deck.slides, key=lambda entry: entry.section.id):
        entries = list(group)
        section_line = doc.add_paragraph()
        section_line.paragraph_format.space_before = Pt(8)
        section_line.paragraph_format.space_after = Pt(2)
        section_line.paragraph_format.keep_with_next = True
        section_line.add_run(_section_label(entries[0])).bold = True
        for entry in entries:
            number += 1
            _contents_line(doc, number, plain_text(entry.slide.title), theme)
    closing = doc.add_paragraph()
    closing.paragraph_format.space_before = Pt(8)
    closing.paragraph_format.space_after = Pt(2)
    closing.add_run(msg("closing", deck.malform)).bold = True
    _contents_line(doc, number + 1, msg("own_slide", deck.malform), theme)


def _contents_line(doc: DocxDocument, number: int, title: str, theme: Theme) -> None:
    line = doc.add_paragraph()
    line.paragraph_format.left_indent = Cm(1.2)
    line.paragraph_format.first_line_indent = Cm(-1.2)
    line.paragraph_format.tab_stops.add_tab_stop(Cm(1.2))
    # The page number at the right margin, with dot leaders: a PAGEREF field to the slide's
    # bookmark, which LibreOffice computes when it lays the document out (and Word on F9).
    line.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    line.paragraph_format.space_after = Pt(1)
    line.add_run(f"{number}\t")
    add_internal_link(line, title, _anchor(number), theme.color("text"))
    line.add_run("\t")
    add_field(line, f"PAGEREF {_anchor(number)} \\h", "–")


def _slide_entry(
    doc: DocxDocument,
    number: int,
    entry: DeckSlide,
    deck: Deck,
    picture: bytes,
    theme: Theme,
    *,
    new_page: bool,
    bookmark_id: int,
) -> None:
    title = plain_text(entry.slide.title)
    # A diagram is pictured across a landscape page; everything else on portrait pages.
    landscape = entry.slide.layout == "diagram"
    turned = _orient(doc, landscape)
    heading = doc.add_heading(slide_heading(number, title, deck.malform), level=2)
    heading.paragraph_format.page_break_before = new_page and not turned
    add_bookmark(heading, _anchor(number), bookmark_id)
    width = LANDSCAPE_PICTURE_WIDTH if landscape else PICTURE_WIDTH
    _picture(doc, number, title, picture, theme, deck.malform, width)
    paragraphs = notes_paragraphs(entry.slide, dict(deck.sources), deck.malform)
    written = [_rich_paragraph(doc, paragraph, theme) for paragraph in paragraphs]
    _keep_sources_with_notes(paragraphs, written, msg("sources_heading", deck.malform))


def _keep_sources_with_notes(paragraphs: list[Paragraph], written: list, heading: str) -> None:
    """The sources heading ("Kilder:"), its sources and the last paragraph of notes before it stay
    together, so no page ends in a lone heading and no page holds only sources."""
    starts = [i for i, p in enumerate(paragraphs) if p.text == heading and p.runs and p.runs[0].bold]
    if not starts:
        return
    first = max(starts[-1] - 1, 0)
    for out in written[first:-1]:
        out.paragraph_format.keep_with_next = True
    for out in written[first:]:
        out.paragraph_format.keep_together = True


def _orient(doc: DocxDocument, landscape: bool) -> bool:
    """Start a new page section in the other orientation when needed; True if it turned."""
    current = doc.sections[-1]
    if (current.orientation == WD_ORIENT.LANDSCAPE) == landscape:
        return False
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long_side, short_side = Mm(297), Mm(210)
    section.page_width, section.page_height = (long_side, short_side) if landscape else (short_side, long_side)
    section.different_first_page_header_footer = False
    return True


def _blank_entry(
    doc: DocxDocument, number: int, picture: bytes, options: NotesDocOptions, bookmark_id: int, form: str = "bokmal"
) -> None:
    turned = _orient(doc, False)
    own = msg("own_slide", form)
    heading = doc.add_heading(slide_heading(number, own, form), level=2)
    heading.paragraph_format.page_break_before = not turned
    add_bookmark(heading, _anchor(number), bookmark_id)
    _picture(doc, number, own, picture, options.theme, form)
    for paragraph in markdown_paragraphs(options.blank_text):
        _rich_paragraph(doc, paragraph, options.theme)


def _picture(
    doc: DocxDocument, number: int, title: str, picture: bytes, theme: Theme, form: str = "bokmal", width=PICTURE_WIDTH
) -> None:
    holder = doc.add_paragraph()
    holder.paragraph_format.space_before = Pt(6)
    holder.paragraph_format.space_after = Pt(12)
    holder.paragraph_format.keep_with_next = True
    shape = holder.add_run().add_picture(io.BytesIO(picture), width=width)
    set_picture_alt(
        shape, msg("slide_picture_alt", form, number=number, title=title), msg("slide_label", form, number=number)
    )
    set_picture_border(shape, "BFBFBF")


def _rich_paragraph(doc: DocxDocument, paragraph: Paragraph, theme: Theme):
    runs = paragraph.runs
    if paragraph.bullet == "•":
        out = doc.add_paragraph(style=("List Bullet", "List Bullet 2", "List Bullet 3")[min(paragraph.level, 2)])
    elif paragraph.bullet:
        # Ordered lists keep their number as text, as in the notes pane: Word's list numbering
        # would run on from one slide's list to the next.
        out = doc.add_paragraph()
        indent = LIST_INDENT * (paragraph.level + 1)
        out.paragraph_format.left_indent = indent
        out.paragraph_format.first_line_indent = -LIST_INDENT
        out.paragraph_format.tab_stops.add_tab_stop(indent)
        out.add_run(f"{paragraph.bullet}\t")
    elif paragraph.quote:
        out = doc.add_paragraph(style="Quote")
    else:
        out = doc.add_paragraph()
    for spec in runs:
        if spec.url:
            add_hyperlink(out, spec.text, spec.url, theme.color("heading"), spec.bold, spec.italic)
        else:
            run = out.add_run(spec.text)
            run.bold = spec.bold or None
            run.italic = spec.italic or None
    return out


def _section_label(entry: DeckSlide) -> str:
    number = entry.section_number
    return entry.section.title if number is None else f"{number}. {entry.section.title}"


def _deck_label(deck: Deck) -> str:
    return deck.title if deck.kommune is None else f"{deck.title} – {deck.kommune.navn}"


def _anchor(number: int) -> str:
    return f"lysbilde_{number}"
