"""Jinja2 in a sandbox with undefined names as errors, and slide text rendered through it."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jinja2 import Template, TemplateError, TemplateSyntaxError, UndefinedError

from ..model import BulletItem, Column, Deck, Kommune, Link, Slide, SlideContent
from ..ooxml.xml import xml_safe
from .filters import FILTERS
from .sandbox import BoundedEnvironment, TemplateLimit, bound_filters, render_bounded

_ENV = BoundedEnvironment(autoescape=False, keep_trailing_newline=True)
_ENV.filters.update(FILTERS)
bound_filters(_ENV)


@dataclass(frozen=True)
class DeckInfo:
    title: str


def template_context(
    kommune: Kommune | None, deck_title: str, statistikk: Mapping[str, Any] | None = None, malform: str = "bokmal"
) -> dict[str, Any]:
    """The names slide text and notes may use. See docs/content-format.md, "Templates".

    `statistikk` maps indicator ids to `stats.model.Comparison`s; templates see formatted views.
    """
    from ..stats.context import statistics_context

    return {
        "kommune": kommune,
        "deck": DeckInfo(deck_title),
        "statistikk": statistics_context(dict(statistikk or {}), malform),
        "malform": malform,
    }


@lru_cache(maxsize=4096)
def _compiled(text: str) -> Template:
    """Compiling is the costly part of a template; the same text is rendered for many decks."""
    return _ENV.from_string(text)


class TemplateProblem(Exception):
    """A template in a field failed; `line` is relative to the field's first line (1-based)."""

    def __init__(self, field: str, line: int, message: str):
        self.field = field
        self.line = line
        self.message = message
        super().__init__(f"{field}: {message}")


def render_text(text: str, context: Mapping[str, Any], field: str) -> str:
    if "{" not in text:
        return text
    try:
        template = _compiled(text)
    except TemplateSyntaxError as exc:
        raise TemplateProblem(field, exc.lineno or 1, f"malfeil: {exc.message}") from exc
    except (RecursionError, MemoryError) as exc:
        raise TemplateProblem(field, 1, "malfeil: malen er nøstet for dypt") from exc
    try:
        return xml_safe(render_bounded(template, context))
    except TemplateLimit as exc:
        raise TemplateProblem(field, _error_line(exc), f"malen går over en grense: {exc.message}") from exc
    except UndefinedError as exc:
        raise TemplateProblem(field, _error_line(exc), f"udefinert navn i malen: {exc.message}") from exc
    except TemplateError as exc:
        raise TemplateProblem(field, _error_line(exc), f"malfeil: {exc}") from exc
    except RecursionError as exc:
        raise TemplateProblem(field, _error_line(exc), "malfeil: makroer kaller seg selv for dypt") from exc
    except MemoryError as exc:
        raise TemplateProblem(field, _error_line(exc), "malen brukte for mye minne") from exc
    except Exception as exc:
        raise TemplateProblem(field, _error_line(exc), f"malfeil: {type(exc).__name__}: {exc}") from exc


def _error_line(exc: Exception) -> int:
    tb = exc.__traceback__
    line = 1
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _texts(slide: Slide):
    """Every text `render_slide` renders (a slide with no `{` in any of them renders as itself)."""
    c = slide.content
    yield slide.title
    yield slide.notes
    for value in (c.subtitle, c.series, c.presented_for, c.lead, c.intro, c.text, c.footer, c.quote, c.attribution):
        if value is not None:
            yield value
    for col in (c.left, c.right):
        if col is not None:
            yield col.heading
            if col.text is not None:
                yield col.text
            yield from _bullet_texts(col.bullets)
    yield from _bullet_texts(c.bullets)
    yield from _bullet_texts(c.side)
    for link in c.links:
        yield link.label
        if link.text is not None:
            yield link.text
    if c.alt is not None:
        yield c.alt


def _bullet_texts(items: tuple[BulletItem, ...]):
    for b in items:
        yield b.text
        yield from b.sub


def render_slide(slide: Slide, context: Mapping[str, Any]) -> Slide:
    """The slide with every text field and its notes rendered for one deck."""
    if not any("{" in t for t in _texts(slide)):
        # Most slides hold no template: the very same object (equal to what rendering gives,
        # and cheap for the incremental renderer to compare).
        return slide

    def text(value: str | None, field: str) -> str | None:
        return None if value is None else render_text(value, context, field)

    def bullets(items: tuple[BulletItem, ...], field: str) -> tuple[BulletItem, ...]:
        return tuple(
            BulletItem(render_text(b.text, context, field), tuple(render_text(s, context, field) for s in b.sub))
            for b in items
        )

    def column(col: Column | None, field: str) -> Column | None:
        if col is None:
            return None
        return Column(render_text(col.heading, context, field), text(col.text, field), bullets(col.bullets, field))

    def links(items: tuple[Link, ...]) -> tuple[Link, ...]:
        return tuple(Link(render_text(li.label, context, "links"), li.url, text(li.text, "links")) for li in items)

    c = slide.content
    content = SlideContent(
        **{f.name: getattr(c, f.name) for f in dataclasses.fields(SlideContent)}
        | {
            "subtitle": text(c.subtitle, "subtitle"),
            "series": text(c.series, "series"),
            "presented_for": text(c.presented_for, "presented_for"),
            "lead": text(c.lead, "lead"),
            "intro": text(c.intro, "intro"),
            "bullets": bullets(c.bullets, "bullets"),
            "text": text(c.text, "text"),
            "footer": text(c.footer, "footer"),
            "quote": text(c.quote, "quote"),
            "attribution": text(c.attribution, "attribution"),
            "left": column(c.left, "left"),
            "right": column(c.right, "right"),
            "links": links(c.links),
            "side": bullets(c.side, "side"),
            "alt": text(c.alt, "alt"),
        }
    )
    return dataclasses.replace(
        slide,
        title=render_text(slide.title, context, "title"),
        content=content,
        notes=render_text(slide.notes, context, "notes"),
    )


def render_deck(deck: Deck) -> Deck:
    context = template_context(deck.kommune, deck.title, deck.statistikk, deck.malform)
    entries = []
    for entry in deck.slides:
        slide = render_slide(entry.slide, context)
        entries.append(entry if slide is entry.slide else dataclasses.replace(entry, slide=slide))
    return dataclasses.replace(deck, slides=tuple(entries))
