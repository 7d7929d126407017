"""Text blocks every layout shares: the slide title, a paragraph in a named size, bullet lists.

Layouts, diagrams and statistics all build on these; nothing here imports a layout, so the
planning code flows one way (blocks → layouts, diagrams, statistic).
"""

from __future__ import annotations

from dataclasses import replace

from ..model import BulletItem, DeckSlide
from .measure import text_height_in
from .plan import Shape, TextBox, TextPara
from .richtext import inline_runs
from .theme import Theme

BULLET = "•"
SUB_BULLET = "–"


def para(text: str, theme: Theme, size: str, color: str = "text", **kw) -> TextPara:
    """A paragraph of inline Markdown in the theme's size `size`, holding that size's role."""
    kw.setdefault("role", theme.role(size))
    return TextPara(inline_runs(text), theme.sizes[size], theme.color(color), **kw)


def title_block(entry: DeckSlide, theme: Theme, color: str = "heading") -> list[Shape]:
    """The slide's title in the theme's title box, or nothing when the slide hides its title."""
    if entry.slide.hide_title:
        return []
    m = theme.margins
    return [
        TextBox(
            "Tittel",
            m["left"],
            m["top"],
            theme.content_width,
            m["title_height"],
            (para(entry.slide.title, theme, "title", color, bold=True),),
            anchor="b",
            field="title",
        )
    ]


def intro_block(text: str, field: str, theme: Theme, top: float) -> TextBox:
    """The muted lead-in line under the title, as tall as its text; the content starts below it."""
    intro = TextBox(
        "Ingress",
        theme.margins["left"],
        top - 0.1,
        theme.content_width,
        0.5,
        (para(text, theme, "sub_bullet", "muted"),),
        field=field,
    )
    return replace(intro, h=text_height_in(intro, theme))


def body_top(entry: DeckSlide, theme: Theme) -> float:
    """Where the content area starts: under the title, or near the top when it is hidden."""
    return theme.margins["top"] + 0.2 if entry.slide.hide_title else theme.margins["body_top"]


def bullet_paras(
    items: tuple[BulletItem, ...], theme: Theme, size: str = "body", sub_size: str = "sub_bullet"
) -> list[TextPara]:
    paras: list[TextPara] = []
    for item in items:
        paras.append(para(item.text, theme, size, bullet=BULLET, space_before=theme.paragraph_space_after))
        for sub in item.sub:
            paras.append(para(sub, theme, sub_size, bullet=SUB_BULLET, level=1, space_before=2))
    return paras
