"""One planner per slide layout: the slide's content and the theme into a `SlidePlan`."""

from __future__ import annotations

from collections.abc import Callable

from ..model import Column, Deck, DeckSlide
from .blocks import body_top, bullet_paras, para, title_block
from .diagrams import plan_diagram
from .plan import Rect, Shape, SlidePlan, TextBox, TextPara
from .richtext import Run, inline_runs
from .statistic import plan_statistic
from .theme import Theme

Planner = Callable[[DeckSlide, Deck, Theme], SlidePlan]

def plan_title(entry: DeckSlide, deck: Deck, theme: Theme) -> SlidePlan:
    c, m = entry.slide.content, theme.margins
    w = theme.content_width
    shapes: list[Shape] = [Rect("Fargebånd", 0, 0, theme.width, 0.28, theme.color("accent"))]
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
    return SlidePlan(tuple(shapes), theme.color("background"), show_master_shapes=False)


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
                2.05,
                (
                    TextPara(
                        (Run(f"{entry.section_number}."),),
                        theme.sizes["divider_number"],
                        theme.color("divider_number"),
                        bold=True,
                    ),
                ),
                anchor="b",
                field="number",
            )
        )
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
    shapes: list[Shape] = list(title_block(entry, theme))
    for i, items in enumerate(columns):
        paras = tuple(
            TextPara(
                (Run(f"{number}   ", bold=True), Run(title)),
                theme.sizes["body"] + 2,
                theme.color("heading"),
                space_before=14 if j else 0,
            )
            for j, (number, title) in enumerate(items)
        )
        shapes.append(
            TextBox(
                f"Disposisjon {i + 1}",
                m["left"] + i * col_w,
                top + 0.2,
                col_w - 0.2,
                theme.content_bottom - top - 0.2,
                paras,
                field="disposisjon",
            )
        )
    return SlidePlan(tuple(shapes), theme.color("background"))


def plan_bullets(entry: DeckSlide, deck: Deck, theme: Theme) -> SlidePlan:
    c, m = entry.slide.content, theme.margins
    top = body_top(entry, theme)
    paras: list[TextPara] = []
    if c.intro:
        paras.append(para(c.intro, theme, "body", "muted"))
    paras.extend(bullet_paras(c.bullets, theme))
    body = TextBox(
        "Punkter", m["left"], top, theme.content_width, theme.content_bottom - top, tuple(paras), field="bullets"
    )
    return SlidePlan((*title_block(entry, theme), body), theme.color("background"))


def plan_statement(entry: DeckSlide, deck: Deck, theme: Theme) -> SlidePlan:
    c, m = entry.slide.content, theme.margins
    top = body_top(entry, theme)
    bottom = theme.content_bottom - (0.55 if c.footer else 0)
    paras = tuple(
        para(block.replace("\n", " "), theme, "quote", "heading", space_before=12 if i else 0)
        for i, block in enumerate(p for p in (c.text or "").split("\n\n") if p.strip())
    )
    shapes: list[Shape] = [
        *title_block(entry, theme),
        Rect("Markering", m["left"], top + 0.15, 0.08, bottom - top - 0.3, theme.color("accent")),
        TextBox(
            "Tekst", m["left"] + 0.35, top, theme.content_width - 0.35, bottom - top, paras, anchor="ctr", field="text"
        ),
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


def _column_box(
    name: str, col: Column, x: float, y: float, w: float, h: float, theme: Theme, field: str
) -> list[Shape]:
    paras: list[TextPara] = [para(col.heading, theme, "body", "heading", bold=True)]
    if col.text:
        paras.extend(
            para(block.replace("\n", " "), theme, "sub_bullet", space_before=10)
            for block in col.text.split("\n\n")
            if block.strip()
        )
    paras.extend(bullet_paras(col.bullets, theme, "sub_bullet", "small"))
    return [
        Rect(f"{name} bakgrunn", x, y, w, h, theme.color("panel")),
        TextBox(name, x + 0.15, y + 0.1, w - 0.3, h - 0.2, tuple(paras), field=field),
    ]


def plan_two_column(entry: DeckSlide, deck: Deck, theme: Theme) -> SlidePlan:
    c, m = entry.slide.content, theme.margins
    top = body_top(entry, theme)
    gap = 0.3
    w = (theme.content_width - gap) / 2
    h = theme.content_bottom - top
    shapes: list[Shape] = list(title_block(entry, theme))
    if c.left:
        shapes += _column_box("Venstre kolonne", c.left, m["left"], top, w, h, theme, "left")
    if c.right:
        shapes += _column_box("Høyre kolonne", c.right, m["left"] + w + gap, top, w, h, theme, "right")
    return SlidePlan(tuple(shapes), theme.color("background"))


def plan_links(entry: DeckSlide, deck: Deck, theme: Theme) -> SlidePlan:
    c, m = entry.slide.content, theme.margins
    top = body_top(entry, theme)
    paras: list[TextPara] = []
    if c.text:
        paras.append(para(c.text.replace("\n", " "), theme, "body", "text"))
    for link in c.links:
        paras.append(para(link.label, theme, "body", "heading", bold=True, space_before=18))
        if link.text:
            paras.append(para(link.text.replace("\n", " "), theme, "sub_bullet", "text", space_before=4))
        paras.append(
            TextPara((Run(link.url, url=link.url),), theme.sizes["sub_bullet"], theme.color("accent"), space_before=4)
        )
    body = TextBox(
        "Lenker", m["left"], top, theme.content_width, theme.content_bottom - top, tuple(paras), field="links"
    )
    return SlidePlan((*title_block(entry, theme), body), theme.color("background"))


def plan_closing(entry: DeckSlide, deck: Deck, theme: Theme) -> SlidePlan:
    c, m = entry.slide.content, theme.margins
    shapes: list[Shape] = [
        Rect("Fargebånd", 0, 0, theme.width, 0.28, theme.color("accent")),
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
    return SlidePlan(tuple(shapes), theme.color("background"), show_master_shapes=False)


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
