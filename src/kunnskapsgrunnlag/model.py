"""The model: frozen dataclasses, no I/O. Loaders make it; renderers consume it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Fylke:
    nummer: str
    navn: str


@dataclass(frozen=True)
class Kommune:
    nummer: str
    navn: str
    fylke: Fylke
    statsforvalter: str
    malform: str
    innbyggere: int | None = None


@dataclass(frozen=True)
class Source:
    """One bibliography entry, written once and cited by key."""

    key: str
    authors: str
    year: str
    title: str
    in_: str | None = None
    series: str | None = None
    publisher: str | None = None
    place: str | None = None
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class BulletItem:
    text: str
    sub: tuple[str, ...] = ()


@dataclass(frozen=True)
class Column:
    heading: str
    text: str | None = None
    bullets: tuple[BulletItem, ...] = ()


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    text: str | None = None


@dataclass(frozen=True)
class SlideContent:
    """The layout-specific fields of a slide; which ones are set depends on the layout."""

    subtitle: str | None = None
    authors: tuple[str, ...] = ()
    series: str | None = None
    presented_for: str | None = None
    lead: str | None = None
    intro: str | None = None
    bullets: tuple[BulletItem, ...] = ()
    text: str | None = None
    footer: str | None = None
    quote: str | None = None
    attribution: str | None = None
    left: Column | None = None
    right: Column | None = None
    links: tuple[Link, ...] = ()
    indicator: str | None = None  # layout statistic: an id from data/statistikk/indikatorer.yaml
    diagram: str | None = None  # layout diagram: an id from diagrams/
    layers: tuple[str, ...] = ()  # the diagram's layers shown on this slide (all when empty)
    steps: tuple[str, ...] = ()  # layers that appear on click, in this order
    highlight: int | None = None  # staircase: the step (1-based) in focus
    focus: str | None = None  # rings: the layer id (or "sentrum") the slide highlights
    side: tuple[BulletItem, ...] = ()  # bullets beside the diagram
    alt: str | None = None  # alt text of the diagram, when the generated one is not enough


@dataclass(frozen=True)
class DiagramItem:
    label: str
    detail: str | None = None


@dataclass(frozen=True)
class DiagramLayer:
    id: str
    label: str | None
    items: tuple[DiagramItem, ...]
    lines: bool = False  # rings: a line from each item to the centre


@dataclass(frozen=True)
class Diagram:
    """A diagram drawn from data: one definition drives every slide that shows it."""

    id: str
    kind: str  # rings, staircase, venn, pieces, curve
    layers: tuple[DiagramLayer, ...] = ()
    centre: str | None = None
    extra: str | None = None  # staircase: the step revealed last
    x_label: str | None = None
    y_label: str | None = None
    points: tuple[tuple[str, float], ...] = ()
    source: str | None = None
    path: Path | None = None
    malform: str = "bokmal"  # the written form of its text: the generated alt text follows it

    def layer(self, layer_id: str) -> DiagramLayer | None:
        return next((layer for layer in self.layers if layer.id == layer_id), None)

    @property
    def layer_ids(self) -> tuple[str, ...]:
        return tuple(layer.id for layer in self.layers) + (("extra",) if self.extra else ())


@dataclass(frozen=True)
class Slide:
    id: str
    title: str
    layout: str
    content: SlideContent
    notes: str
    sources: tuple[str, ...] = ()
    hide_title: bool = False
    path: Path | None = None
    notes_path: Path | None = None
    # 1-based line of each top-level field, so template errors can name their line.
    field_lines: Mapping[str, int] = field(default_factory=dict)
    reviewed: date | None = None  # when an editor last checked the content against today


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    slide_ids: tuple[str, ...]
    numbered: bool = True
    optional: bool = False
    folder: str | None = None
    reviewed: date | None = None  # the review date of every slide in it that has none of its own
    reviewed_line: int | None = None


@dataclass(frozen=True)
class RecipeItem:
    kind: str  # "section" or "slide"
    ref: str


@dataclass(frozen=True)
class Recipe:
    id: str
    title: str
    items: tuple[RecipeItem, ...]
    description: str | None = None
    path: Path | None = None
    # `uten_lokale_tall: hopp over`: statistics slides without the municipality's own figure are left out
    skip_missing_statistics: bool = False


@dataclass(frozen=True)
class Catalogue:
    """All content of a project: sections in order, slides by id, sources by key."""

    sections: tuple[Section, ...]
    slides: Mapping[str, Slide]
    sources: Mapping[str, Source]
    recipes: Mapping[str, Recipe]
    diagrams: Mapping[str, Diagram] = field(default_factory=dict)
    malform: str = "bokmal"  # the written form of this catalogue's text (malform.Malform value)

    def section_of(self, slide_id: str) -> Section:
        for section in self.sections:
            if slide_id in section.slide_ids:
                return section
        raise KeyError(slide_id)

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)


@dataclass(frozen=True)
class DeckSlide:
    """A slide as placed in one deck: its section and that section's number in this deck."""

    slide: Slide
    section: Section
    section_number: int | None


@dataclass(frozen=True)
class Deck:
    title: str
    recipe_id: str
    kommune: Kommune | None
    slides: tuple[DeckSlide, ...]
    sources: Mapping[str, Source]
    diagrams: Mapping[str, Diagram] = field(default_factory=dict)
    # Indicator id → stats.model.Comparison for this deck's municipality (None: no statistics loaded).
    statistikk: Mapping[str, Any] | None = None
    malform: str = "bokmal"  # the deck's written form (malform.Malform value): bokmal or nynorsk

    @property
    def outline(self) -> tuple[tuple[int, str], ...]:
        """The numbered sections of this deck, in order, for the outline slide."""
        seen: dict[int, str] = {}
        for entry in self.slides:
            if entry.section_number is not None:
                seen.setdefault(entry.section_number, entry.section.title)
        return tuple(sorted(seen.items()))
