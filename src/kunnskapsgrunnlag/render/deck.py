"""Render a `Deck` into a locked, Fafo-style presentation; returns the file's bytes.

Every locked slide gets a layout of its own that carries all its visible content; the slide
itself holds only a hidden, locked title placeholder (for screen readers and the outline) and
its notes. The last slide is the one blank, editable slide.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation
from pptx.shapes.shapetree import SlideShapes

from ..messages import msg
from ..model import Deck, DeckSlide
from ..ooxml.animation import add_click_sequence
from ..ooxml.layouts import (
    add_layout,
    arrange_general_layouts,
    place_placeholder,
    remove_placeholders,
    set_background,
    style_placeholder,
)
from ..ooxml.locks import hide_shape, lock_shape, lock_tree
from ..ooxml.master import (
    apply_theme_part,
    clean_format_scheme,
    drop_thumbnail,
    fix_master_placeholders,
    name_master,
    set_default_language,
    style_master_bullets,
    style_master_text,
)
from ..ooxml.notes import NotesSlides
from ..ooxml.package import set_core_properties
from ..ooxml.parts import Package, name_media_by_content
from ..ooxml.protection import add_modify_verifier
from ..ooxml.text import set_language
from ..ooxml.vector import expand_vector_groups
from .blocks import BULLET, SUB_BULLET
from .draw import BULLET_INDENT_IN, SUB_BULLET_MARGIN_IN, draw_group, draw_plan, emu
from .layouts import plan_slide
from .notes import fill_notes, notes_paragraphs
from .plan import Rect, SlidePlan
from .richtext import Paragraph, markdown_paragraphs, plain_text
from .theme import Theme

BLANK_LAYOUT_NAME = "Innhold"
BLANK_SLIDE_TITLE = "Eget lysbilde"
# The knowledge base was published in September 2019; a fixed date keeps builds identical.
DEFAULT_TIMESTAMP = dt.datetime(2019, 9, 1, 12, 0, 0)


@dataclass(frozen=True)
class RenderOptions:
    theme: Theme
    blank_notes: str
    password: str | None = None
    blank_notes_nn: str = ""  # the blank slide's notes in nynorsk (templates/blank-slide-notes.nn.md)
    timestamp: dt.datetime = DEFAULT_TIMESTAMP


def render_pptx(deck: Deck, options: RenderOptions) -> bytes:
    """The deck as the bytes of a .pptx file (deterministic: same inputs, same bytes)."""
    return render_package(deck, options).write()


@dataclass(frozen=True)
class SlideDrawing:
    """Everything a locked slide is drawn from: its plan, its (hidden) title and its notes."""

    plan: SlidePlan
    title: str
    notes: tuple[Paragraph, ...]


def slide_drawing(entry: DeckSlide, deck: Deck, theme: Theme) -> SlideDrawing:
    plan = plan_slide(entry, deck, theme)
    return SlideDrawing(
        dataclasses.replace(plan, lang=language(deck.malform)),
        plain_text(entry.slide.title),
        tuple(notes_paragraphs(entry.slide, dict(deck.sources), deck.malform)),
    )


def render_package(deck: Deck, options: RenderOptions, drawings: Sequence[SlideDrawing] | None = None) -> Package:
    """The deck as named parts, before they are zipped. `drawings` may be given when known."""
    theme = options.theme
    prs = _prepare_presentation(theme, language(deck.malform))
    notes = NotesSlides()
    for index, entry in enumerate(deck.slides, start=1):
        drawing = drawings[index - 1] if drawings is not None else slide_drawing(entry, deck, theme)
        _add_locked_slide(prs, index, entry.slide.id, drawing, theme, notes)
    nynorsk = deck.malform == "nynorsk" and options.blank_notes_nn
    blank_notes = options.blank_notes_nn if nynorsk else options.blank_notes
    _add_blank_slide(prs, blank_notes, msg("own_slide", deck.malform), notes, language(deck.malform))
    subject = "0-24-samarbeidet. Et kunnskapsgrunnlag"
    author = "Fafo / kunnskapsgrunnlag"
    set_core_properties(prs, deck_title(deck), subject, options.timestamp, author, language(deck.malform))
    if options.password:
        salt = (deck.recipe_id + (deck.kommune.nummer if deck.kommune else "")).encode().ljust(16, b"0")[:16]
        add_modify_verifier(prs, options.password, salt)
    package = Package.of_presentation(prs)
    _expand_charts(package)
    # Media named by content: the same picture has the same name in every deck, which lets
    # render/incremental.py move slides between decks and still write identical files.
    name_media_by_content(package)
    return package


def _expand_charts(package: Package) -> None:
    """Splice each chart's shapes into its group (they travel as a comment until the part is written)."""
    for name in package.order:
        if name.startswith("ppt/slide") and b"<!--kg-vector:" in package.parts[name]:
            package.parts[name] = expand_vector_groups(package.parts[name].decode("utf-8")).encode("utf-8")


def language(malform: str) -> str:
    """The language tag of a deck's text in `malform` (PowerPoint's proofing uses it)."""
    return "nn-NO" if malform == "nynorsk" else "nb-NO"


def deck_title(deck: Deck) -> str:
    """The title in the file's properties: the deck's, with the municipality when there is one."""
    return deck.title if deck.kommune is None else f"{deck.title} – {deck.kommune.navn}"


# The template layouts a presenter adds slides from, renamed in Norwegian and listed first.
GENERAL_LAYOUTS = {
    "Title Slide": "Tittel",
    "Section Header": "Seksjon",
    "Title and Content": "Innhold",
    "Two Content": "To kolonner",
    "Blank": "Tomt",
}
# Slide n's own locked layout is slideLayout{n + LAYOUT_OFFSET}.xml, after the general ones.
LAYOUT_OFFSET = len(GENERAL_LAYOUTS)


def _prepare_presentation(theme: Theme, lang: str = "nb-NO"):
    prs = Presentation()
    prs.slide_width = emu(theme.width)
    prs.slide_height = emu(theme.height)
    apply_theme_part(prs, theme.name, theme.font, theme.colors)
    clean_format_scheme(prs, theme.name)
    name_master(prs, theme.master_name)
    style_master_text(prs, theme.sizes["title"], theme.sizes["body"], theme.color("heading"), theme.color("text"))
    style_master_bullets(
        prs,
        theme.color("accent"),
        tuple(
            (char, int(emu(margin)), -int(emu(BULLET_INDENT_IN)))
            for char, margin in ((BULLET, BULLET_INDENT_IN), (SUB_BULLET, SUB_BULLET_MARGIN_IN))
        ),
        theme.line_spacing,
        theme.paragraph_space_after,
    )
    fix_master_placeholders(prs)
    drop_thumbnail(prs)
    master = prs.slide_master
    set_background(master._element, theme.color("background"))
    m = theme.margins
    for shape in master.placeholders:
        kind = shape._element.ph.get("type", "body")
        if kind == "title":
            shape.left, shape.top, shape.width, shape.height = (
                emu(m["left"]),
                emu(m["top"]),
                emu(theme.content_width),
                emu(m["title_height"]),
            )
        elif kind == "body":
            shape.left, shape.top = emu(m["left"]), emu(m["body_top"])
            shape.width, shape.height = emu(theme.content_width), emu(theme.content_bottom - m["body_top"])
    # The family likeness every slide shares, the blank one included: an accent bar over the title.
    master_shapes = SlideShapes(master._element.cSld.spTree, master)
    bar = SlidePlan(
        (Rect("Aksentlinje", m["left"], m["top"] - 0.12, 0.9, 0.07, theme.color("accent")),),
        theme.color("background"),
        wordmark=False,
        footer=False,
    )
    for shape in draw_plan(master_shapes, bar, theme):
        lock_shape(shape)
    for layout in arrange_general_layouts(prs, GENERAL_LAYOUTS):
        _general_layout(layout, theme, lang)
    set_default_language(prs, lang)
    return prs


def _general_layout(layout, theme: Theme, lang: str) -> None:
    """A layout a presenter adds slides from: placeholders where the locked slides put their text."""
    m, w = theme.margins, theme.content_width
    remove_placeholders(layout, keep=("title", "ctrTitle", "subTitle", "body", "obj"))
    background, on_dark = theme.color("background"), False
    name = layout.name
    if name == "Tittel":
        layout._element.set("showMasterSp", "0")
        place_placeholder(layout, "ctrTitle", emu(m["left"]), emu(1.55), emu(w), emu(1.1))
        place_placeholder(layout, "subTitle", emu(m["left"]), emu(2.7), emu(w), emu(0.75))
        style_placeholder(layout, ("ctrTitle",), theme.sizes["front_title"], theme.color("heading"), True)
        style_placeholder(layout, ("subTitle",), theme.sizes["front_subtitle"], theme.color("accent"), False)
        decoration = [Rect("Fargebånd", 0, 0, theme.width, 0.28, theme.color("accent"))]
    elif name == "Seksjon":
        layout._element.set("showMasterSp", "0")
        background, on_dark = theme.color("divider_background"), True
        place_placeholder(layout, "title", emu(m["left"]), emu(2.6), emu(w), emu(1.6))
        place_placeholder(layout, "body", emu(m["left"]), emu(4.35), emu(w * 0.85), emu(1.9))
        style_placeholder(layout, ("title",), theme.sizes["divider_title"], theme.color("divider_text"), True)
        style_placeholder(layout, ("body",), theme.sizes["body"], theme.color("divider_text"), False)
        decoration = [Rect("Seksjonsstrek", m["left"] + 0.1, 2.38, 1.2, 0.1, theme.color("accent"))]
    elif name == "To kolonner":
        gap = 0.3
        col = (w - gap) / 2
        height = theme.content_bottom - m["body_top"]
        bodies = [s for s in layout.placeholders if s._element.ph.get("type", "body") in ("body", "obj")]
        for shape, x in zip(bodies, (m["left"], m["left"] + col + gap), strict=False):
            shape.left, shape.top, shape.width, shape.height = emu(x), emu(m["body_top"]), emu(col), emu(height)
        decoration = []
    else:
        decoration = []
    set_background(layout._element, background)
    # No wordmark: what an office writes on its own slides is not signed by Fafo.
    plan = SlidePlan(
        tuple(decoration),
        background,
        wordmark=False,
        wordmark_color="divider_text" if on_dark else "accent",
        lang=lang,
    )
    for shape in draw_plan(SlideShapes(layout._element.cSld.spTree, layout), plan, theme):
        lock_shape(shape)


def _add_locked_slide(prs, index: int, slide_id: str, drawing: SlideDrawing, theme: Theme, notes: NotesSlides) -> None:
    plan = drawing.plan
    # The template's kept layout is slideLayout2.xml; ours follow it.
    layout = add_layout(
        prs, layout_name(index, slide_id), plan.background, plan.show_master_shapes, index + LAYOUT_OFFSET, plan.lang
    )
    # The slide first: python-pptx looks for placeholders to copy among all the layout's shapes.
    slide = prs.slides.add_slide(layout)
    draw_plan(SlideShapes(layout._element.cSld.spTree, layout), plan.static(), theme)  # in plan.lang
    lock_tree(layout._element.cSld.spTree)
    # What appears on click must be on the slide itself (a layout cannot be animated): one
    # locked group per step, faded in at one click each.
    groups = []
    for step in range(1, plan.step_count + 1):
        groups.append(draw_group(slide.shapes, f"Klikk {step}", plan.at_step(step), theme, plan.lang))
    add_click_sequence(slide, [[group.shape_id] for group in groups])
    title = slide.shapes.title
    title.text = drawing.title
    for run in title.text_frame.paragraphs[0].runs:
        set_language(run, plan.lang)
    title.name = "Tittel"
    # The visible title is drawn on the layout. This one is for screen readers and the outline:
    # hidden (PowerPoint) and off the slide (LibreOffice ignores `hidden` and would draw it).
    title.left, title.top = emu(theme.margins["left"]), emu(-1.4)
    title.width, title.height = emu(theme.content_width), emu(1.0)
    hide_shape(title)
    lock_tree(slide.shapes._spTree)
    fill_notes(notes.add(slide), list(drawing.notes), plan.lang)


def _add_blank_slide(prs, notes_markdown: str, name: str, notes: NotesSlides, lang: str) -> None:
    layout = next(layout for layout in prs.slide_layouts if layout.name == BLANK_LAYOUT_NAME)
    slide = prs.slides.add_slide(layout)
    slide.name = name
    fill_notes(notes.add(slide), markdown_paragraphs(notes_markdown), lang)


def layout_name(index: int, slide_id: str) -> str:
    """Locked layouts are named after their slide, numbered, so they sort after the general ones."""
    return f"Låst {index:02d} {slide_id}"


def load_blank_notes(templates: Path, nynorsk: bool = False) -> str:
    """The blank slide's notes; in nynorsk "" when the project has none (bokmål is used then)."""
    from ..load.contentfile import read_content_file

    path = templates / ("blank-slide-notes.nn.md" if nynorsk else "blank-slide-notes.md")
    if nynorsk and not path.is_file():
        return ""
    return read_content_file(path, templates.parent)
