"""One planner per slide layout: the slide's content and the theme into a `SlidePlan`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..model import Column, Deck, DeckSlide
from .blocks import body_top, bullet_paras, intro_block, para, title_block
from .diagrams import plan_diagram
from .measure import text_height_in
from .plan import Rect, Shape, SlidePlan, TextBox, TextPara
from .richtext import Run, inline_runs
from .statistic import plan_statistic
from .theme import Theme

Planner = Callable[[DeckSlide, Deck, Theme], SlidePlan]


def plan_title(entry: DeckSlide, deck: Deck, theme: Theme) -> SlidePlan:
    c, m = entry.slide.content, theme.margins
    w = theme.content_width
    shapes: list[Shape] = [Rect("Fargebånd", 0, 0, theme.width, 0.28, theme.color("accent"), bleed=True)]
    shapes.append(
        TextBox(
            "Tittel",
            m["left"],
            1.55,
            w,
            1.1,
            (para(entry.slide.title, theme, "front_title", "heading", bold=True),),
            anchor="b",
            field="title",
        )
    )
    if c.subtitle:
        shapes.append(
            TextBox(
                "Undertittel",
                m["left"],
                2.7,
                w,
                0.75,
                (para(c.subtitle, theme, "front_subtitle", "accent"),),
                field="subtitle",
            )
        )
    lines = []
    if c.authors:
        lines.append(
            para(
                ", ".join(c.authors[:-1]) + (" og " if len(c.authors) > 1 else "") + c.authors[-1],
                theme,
                "body",
                "text",
            )
        )
    if c.series:
        lines.append(para(c.series, theme, "small", "muted", space_before=4))
    if lines:
        shapes.append(TextBox("Forfattere", m["left"], 3.65, w, 1.0, tuple(lines), field="authors"))
    if c.presented_for and c.presented_for.strip():
        shapes.append(
            TextBox(
                "Presentert for",
                m["left"],
                5.0,
                w,
                0.7,
                (para(c.presented_for.strip(), theme, "body", "heading", bold=True),),
                field="presented_for",
            )
        )
    return SlidePlan(tuple(shapes), theme.color("background"), show_master_shapes=False, logo=True)


def plan_section(entry: DeckSlide, deck: Deck, theme: Theme) -> SlidePlan:
    c, m = entry.slide.content, theme.margins
    w = theme.content_width
    shapes: list[Shape] = []
    if entry.section_number is not None:
        shapes.append(
            TextBox(
                "Seksjonsnummer",
                m["left"],
                0.45,
                3.0,
                1.85,
                (
                    TextPara(
                        (Run(f"{entry.section_number}."),),
                        theme.sizes["divider_number"],
                        theme.color("divider_number"),
                        bold=True,
                        role="title",
                    ),
                ),
                anchor="b",
                field="number",
            )
        )
        shapes.append(Rect("Seksjonsstrek", m["left"] + 0.1, 2.38, 1.2, 0.1, theme.color("accent")))
    shapes.append(
        TextBox(
            "Tittel",
            m["left"],
            2.6,
            w,
            1.6,
            (para(entry.slide.title, theme, "divider_title", "divider_text", bold=True),),
            field="title",
        )
    )
    if c.lead:
        shapes.append(
            TextBox(
                "Ingress", m["left"], 4.35, w * 0.85, 1.9, (para(c.lead, theme, "body", "divider_text"),), field="lead"
            )
        )
    return SlidePlan(
        tuple(shapes), theme.color("divider_background"), wordmark_color="divider_text", show_master_shapes=False
    )


def plan_toc(entry: DeckSlide, deck: Deck, theme: Theme) -> SlidePlan:
    m = theme.margins
    top = body_top(entry, theme)
    outline = deck.outline
    columns = (
        [outline] if len(outline) <= 5 else [outline[: (len(outline) + 1) // 2], outline[(len(outline) + 1) // 2 :]]
    )
    col_w = theme.content_width / len(columns)
    # A short outline (one column) is set larger and stands in the middle of the content area.
    size, gap = (theme.sizes["lead"] + 2, 20) if len(columns) == 1 else (theme.sizes["body"] + 2, 14)
    shapes: list[Shape] = list(title_block(entry, theme))
    for i, items in enumerate(columns):
        paras = tuple(
            TextPara(
                (Run(f"{number}   ", bold=True), Run(title)),
                size,
                theme.color("heading"),
                space_before=gap if j else 0,
            )
            for j, (number, title) in enumerate(items)
        )
        box = TextBox(
            f"Disposisjon {i + 1}",
            m["left"] + i * col_w,
            top + 0.2,
            col_w - 0.2,
            theme.content_bottom - top - 0.2,
            paras,
            field="disposisjon",
        )
        shapes.append(balanced(box, theme) if len(columns) == 1 else box)
    return SlidePlan(tuple(shapes), theme.color("background"))


def plan_bullets(entry: DeckSlide, deck: Deck, theme: Theme) -> SlidePlan:
    c, m = entry.slide.content, theme.margins
    top = body_top(entry, theme)
    height = theme.content_bottom - top
    body = None
    # A short list is set in the lead size rather than left in the top half of the slide.
    for size, sub_size in (("lead", "body"), ("body", "sub_bullet")):
        paras: list[TextPara] = []
        if c.intro:
            paras.append(para(c.intro, theme, size if size == "body" else "body", "muted"))
        paras.extend(bullet_paras(c.bullets, theme, size, sub_size))
        body = TextBox("Punkter", m["left"], top, theme.content_width, height, tuple(paras), field="bullets")
        if size == "body" or text_height_in(body, theme) <= height * 0.6:
            break
    assert body is not None
    return SlidePlan((*title_block(entry, theme), balanced(body, theme)), theme.color("background"))


def balanced(box: TextBox, theme: Theme) -> TextBox:
    """A box whose text fills less than half its height moves to the middle of its room."""
    needed = text_height_in(box, theme)
    if needed < box.h * 0.5:
        return replace(box, y=box.y + (box.h - needed) * 0.4, h=needed + (box.h - needed) * 0.6)
    return box


def plan_statement(entry: DeckSlide, deck: Deck, theme: Theme) -> SlidePlan:
    c, m = entry.slide.content, theme.margins
    top = body_top(entry, theme)
    bottom = theme.content_bottom - (0.55 if c.footer else 0)
    blocks = [p for p in (c.text or "").split("\n\n") if p.strip()]
    # A statement of a line or two is set large; a longer one in the quote size.
    for size in ("statement", "quote"):
        paras = tuple(
            para(block.replace("\n", " "), theme, size, "heading", space_before=12 if i else 0)
            for i, block in enumerate(blocks)
        )
        text = TextBox(
            "Tekst", m["left"] + 0.35, top, theme.content_width - 0.35, bottom - top, paras, anchor="ctr", field="text"
        )
        if text_height_in(text, theme) <= (bottom - top) * 0.35:
            break
    # The box and the accent bar beside it are as tall as the text, centred in the room.
    needed = min(text_height_in(text, theme), bottom - top)
    y = top + (bottom - top - needed) / 2
    text = replace(text, y=y, h=needed)
    shapes: list[Shape] = [
        *title_block(entry, theme),
        Rect("Markering", m["left"], y + 0.08, 0.08, max(needed - 0.16, 0.3), theme.color("accent")),
        text,
    ]
    if c.footer:
        shapes.append(
            TextBox(
                "Bunntekst",
                m["left"],
                bottom + 0.05,
                theme.content_width,
                0.45,
                (para(c.footer, theme, "small", "muted"),),
                field="footer",
            )
        )
    return SlidePlan(tuple(shapes), theme.color("background"))


def plan_quote(entry: DeckSlide, deck: Deck, theme: Theme) -> SlidePlan:
    c, m = entry.slide.content, theme.margins
    top = body_top(entry, theme)
    bottom = theme.content_bottom
    quote = TextPara(
        (Run("«"), *inline_runs(c.quote or ""), Run("»")), theme.sizes["quote"], theme.color("heading"), italic=True
    )
    shapes: list[Shape] = [
        *title_block(entry, theme),
        TextBox(
            "Anførselstegn",
            m["left"] - 0.1,
            top - 0.35,
            1.2,
            1.4,
            (TextPara((Run("«"),), 110, theme.color("accent"), bold=True),),
            field="",
            measure=False,
        ),
        TextBox(
            "Sitat",
            m["left"] + 1.0,
            top,
            theme.content_width - 1.0,
            bottom - top - 0.85,
            (quote,),
            anchor="ctr",
            field="quote",
        ),
        TextBox(
            "Kilde for sitatet",
            m["left"] + 1.0,
            bottom - 0.8,
            theme.content_width - 1.0,
            0.75,
            (para(c.attribution or "", theme, "attribution", "muted", bold=True, align="r"),),
            field="attribution",
        ),
    ]
    return SlidePlan(tuple(shapes), theme.color("background"))


def _column_paras(col: Column, theme: Theme, size: str) -> tuple[TextPara, ...]:
    paras: list[TextPara] = [para(col.heading, theme, "body", "heading", bold=True)]
    if col.text:
        paras.extend(
            para(block.replace("\n", " "), theme, size, space_before=10)
            for block in col.text.split("\n\n")
            if block.strip()
        )
    paras.extend(bullet_paras(col.bullets, theme, size, "sub_bullet"))
    return tuple(paras)


def plan_two_column(entry: DeckSlide, deck: Deck, theme: Theme) -> SlidePlan:
    c, m = entry.slide.content, theme.margins
    top = body_top(entry, theme)
    gap = 0.3
    w = (theme.content_width - gap) / 2
    room = theme.content_bottom - top
    columns = [
        (name, col, x, f)
        for name, col, x, f in (
            ("Venstre kolonne", c.left, m["left"], "left"),
            ("Høyre kolonne", c.right, m["left"] + w + gap, "right"),
        )
        if col
    ]
    # Cards grow with their text (never mostly empty): the larger size when both fit in the room.
    for size in ("body", "sub_bullet"):
        boxes = [
            TextBox(name, x + 0.2, top + 0.15, w - 0.4, room - 0.3, _column_paras(col, theme, size), field=f)
            for name, col, x, f in columns
        ]
        needed = max((text_height_in(b, theme) for b in boxes), default=0)
        if needed <= room - 0.3:
            break
    card_h = min(max(needed + 0.4, room * 0.5), room)
    shapes: list[Shape] = list(title_block(entry, theme))
    for box, (name, _col, x, _f) in zip(boxes, columns, strict=True):
        shapes.append(Rect(f"{name} bakgrunn", x, top, w, card_h, theme.color("panel")))
        shapes.append(replace(box, h=card_h - 0.3))
    return SlidePlan(tuple(shapes), theme.color("background"))


LINK_LABEL_SHARE = 0.24


def _display_url(url: str) -> str:
    """An address as people read it: no scheme, no trailing slash (the link keeps them)."""
    for prefix in ("https://", "http://"):
        url = url.removeprefix(prefix)
    return url.rstrip("/")


def plan_links(entry: DeckSlide, deck: Deck, theme: Theme) -> SlidePlan:
    """Resources as a table: one row per link, its name on the left, what it is and its address."""
    c, m = entry.slide.content, theme.margins
    top = body_top(entry, theme)
    shapes: list[Shape] = list(title_block(entry, theme))
    if c.text:
        intro = intro_block(c.text.replace("\n", " "), "text", theme, top)
        shapes.append(intro)
        top = intro.y + intro.h + 0.1
    label_w = theme.content_width * LINK_LABEL_SHARE
    text_w = theme.content_width - label_w
    rows = []
    for link in c.links:
        label = TextBox(
            f"Ressurs: {link.label}",
            m["left"],
            0,
            label_w - 0.15,
            1,
            (para(link.label, theme, "sub_bullet", "heading", bold=True),),
            field="links",
        )
        body = [para(link.text.replace("\n", " "), theme, "side")] if link.text else []
        body.append(
            TextPara(
                (Run(_display_url(link.url), url=link.url),),
                theme.sizes["link"],
                theme.color("accent"),
                space_before=2,
                role=theme.role("link"),
            )
        )
        text = TextBox(
            f"Ressurs: {link.label} – adresse", m["left"] + label_w, 0, text_w, 1, tuple(body), field="links"
        )
        rows.append((label, text, max(text_height_in(label, theme), text_height_in(text, theme))))
    room = theme.content_bottom - top
    used = sum(h for _, _, h in rows)
    # Rows share the room: the spare height spreads evenly between them, up to a comfortable gap.
    gap = min((room - used) / max(len(rows), 1), 0.5) if used < room else 0.05
    y = top
    for i, (label, text, h) in enumerate(rows):
        shapes.append(Rect(f"Skillelinje {i + 1}", m["left"], y, theme.content_width, 0.02, theme.color("panel")))
        shapes.append(replace(label, y=y + gap / 2, h=h))
        shapes.append(replace(text, y=y + gap / 2, h=h))
        y += h + gap
    return SlidePlan(tuple(shapes), theme.color("background"))


def plan_closing(entry: DeckSlide, deck: Deck, theme: Theme) -> SlidePlan:
    c, m = entry.slide.content, theme.margins
    shapes: list[Shape] = [
        Rect("Fargebånd", 0, 0, theme.width, 0.28, theme.color("accent"), bleed=True),
        TextBox(
            "Tittel",
            m["left"],
            1.6,
            theme.content_width,
            1.2,
            (para(entry.slide.title, theme, "front_title", "heading", bold=True, align="ctr"),),
            anchor="b",
            field="title",
        ),
    ]
    if c.text:
        shapes.append(
            TextBox(
                "Tekst",
                m["left"] + 1.0,
                3.0,
                theme.content_width - 2.0,
                3.0,
                tuple(
                    para(b.replace("\n", " "), theme, "body", "text", align="ctr", space_before=10)
                    for b in c.text.split("\n\n")
                    if b.strip()
                ),
                field="text",
            )
        )
    return SlidePlan(tuple(shapes), theme.color("background"), show_master_shapes=False, logo=True)


PLANNERS: dict[str, Planner] = {
    "title": plan_title,
    "section": plan_section,
    "toc": plan_toc,
    "bullets": plan_bullets,
    "statement": plan_statement,
    "quote": plan_quote,
    "two-column": plan_two_column,
    "links": plan_links,
    "closing": plan_closing,
    "statistic": plan_statistic,
    "diagram": plan_diagram,
}


def plan_slide(entry: DeckSlide, deck: Deck, theme: Theme) -> SlidePlan:
    return PLANNERS[entry.slide.layout](entry, deck, theme)
