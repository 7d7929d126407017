"""Assemble a `Deck` from a recipe: the slides in order, each section numbered in this deck."""

from __future__ import annotations

from .errors import LookupFailed
from .messages import msg
from .model import Catalogue, Deck, DeckSlide, Kommune, Recipe, RecipeItem
from .suggest import did_you_mean

FULL_RECIPE_ID = "fullstendig"


def full_recipe(catalogue: Catalogue) -> Recipe:
    """Every non-optional section in the order of slides/sections.yaml."""
    items = tuple(RecipeItem("section", s.id) for s in catalogue.sections if not s.optional)
    form = catalogue.malform
    return Recipe(FULL_RECIPE_ID, msg("full_recipe_title", form), items, msg("full_recipe_description", form))


def find_recipe(catalogue: Catalogue, name: str | None) -> Recipe:
    if name is None:
        return catalogue.recipes.get(FULL_RECIPE_ID) or full_recipe(catalogue)
    if name in catalogue.recipes:
        return catalogue.recipes[name]
    if name == FULL_RECIPE_ID:
        return full_recipe(catalogue)
    raise LookupFailed(
        f"ukjent oppskrift {name!r}"
        + did_you_mean(name, catalogue.recipes)
        + f" (kjente: {', '.join(sorted(catalogue.recipes)) or 'ingen'})"
    )


def recipe_from_ids(catalogue: Catalogue, ids: list[str], title: str) -> Recipe:
    """A recipe from the command line: section ids or slide ids, in the order given."""
    section_ids = {s.id for s in catalogue.sections}
    items = []
    for ref in ids:
        if ref in section_ids:
            items.append(RecipeItem("section", ref))
        elif ref in catalogue.slides:
            items.append(RecipeItem("slide", ref))
        else:
            raise LookupFailed(
                f"ukjent lysbilde eller seksjon {ref!r}" + did_you_mean(ref, [*section_ids, *catalogue.slides])
            )
    return Recipe("egendefinert", title, tuple(items))


PART_SHARE = 1 / 3  # a section is one of the deck's parts with at least this share of its slides


def _parts(catalogue: Catalogue, picked) -> set[str]:
    """The numbered sections that are parts of this deck (listed in its outline, numbered on their
    dividers): those whose divider slide the deck shows, or at least a third of whose slides it
    has. A slide or two borrowed from another section does not make that section a part."""
    counts: dict[str, int] = {}
    dividers: set[str] = set()
    for slide_id, section in picked:
        counts[section.id] = counts.get(section.id, 0) + 1
        if catalogue.slides[slide_id].layout == "section":
            dividers.add(section.id)
    parts = set()
    for section_id, count in counts.items():
        section = catalogue.section(section_id)
        if section.numbered and (section_id in dividers or count >= len(section.slide_ids) * PART_SHARE):
            parts.add(section_id)
    return parts


def assemble(catalogue: Catalogue, recipe: Recipe, kommune: Kommune | None) -> Deck:
    picked: list[tuple[str, object]] = []
    for item in recipe.items:
        if item.kind == "section":
            section = catalogue.section(item.ref)
            picked += [(slide_id, section) for slide_id in section.slide_ids]
        else:
            picked.append((item.ref, catalogue.section_of(item.ref)))
    parts = _parts(catalogue, picked)
    numbers: dict[str, int] = {}
    entries: list[DeckSlide] = []
    for slide_id, section in picked:
        if section.id in parts and section.id not in numbers:
            numbers[section.id] = len(numbers) + 1
        entries.append(DeckSlide(catalogue.slides[slide_id], section, numbers.get(section.id)))
    used = {key for e in entries for key in e.slide.sources}
    sources = {key: catalogue.sources[key] for key in sorted(used) if key in catalogue.sources}
    used_diagrams = {e.slide.content.diagram for e in entries if e.slide.content.diagram}
    diagrams = {key: catalogue.diagrams[key] for key in sorted(used_diagrams) if key in catalogue.diagrams}
    return Deck(recipe.title, recipe.id, kommune, tuple(entries), sources, diagrams, malform=catalogue.malform)
