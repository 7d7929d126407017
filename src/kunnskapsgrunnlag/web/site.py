"""What the web pages show, loaded once per server: catalogue, registry, statistics.

Every value a request names is looked up here before use (municipality numbers, recipe names,
slide and section ids), so a page or a job only ever sees known things.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ..assemble import FULL_RECIPE_ID, assemble, find_recipe
from ..build import load_catalogue, registry_for, require_valid
from ..malform import Malform, choose_malform
from ..model import Catalogue, Kommune, Recipe
from ..project import Project
from ..registry import Registry, Statsforvalter
from ..stats.context import source_text, value_text
from ..stats.project import in_malform, indicator_texts_nn, project_statistics_or_none, with_statistics

# Speaking pace for the time estimate; a presenter also pauses and takes questions.
WORDS_PER_MINUTE = 130
MIN_SECONDS_PER_SLIDE = 20  # even a slide with few notes is on the screen for a while
SCRATCH = "tom"  # the recipe choice "start from scratch"
_WORD = re.compile(r"\w+")
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


@dataclass(frozen=True)
class StatRow:
    label: str
    value: str
    period: str
    source: str
    available: bool


@dataclass(frozen=True)
class KommuneFacts:
    kommune: Kommune
    available: tuple[StatRow, ...]
    missing: tuple[StatRow, ...]


class Site:
    def __init__(self, project: Project):
        self.project = project
        # Both editions: the same slide ids and sections, the text in each written form.
        self.editions: dict[Malform, Catalogue] = {}
        for malform in Malform:
            catalogue, problems = load_catalogue(project, malform)
            require_valid(problems)
            self.editions[malform] = catalogue
        self.catalogue: Catalogue = self.editions[Malform.BOKMAL]  # the structure, for checking ids
        self._recipes: dict[Malform, dict[str, Recipe]] = {}
        self._titles: dict[Malform, dict[str, str]] = {}
        self.registry: Registry = registry_for(project)
        self.statistics = project_statistics_or_none(project.root)

    # --- look-ups (None when unknown: the caller answers 400 or 404) ---

    def kommune(self, nummer: str | None) -> Kommune | None:
        if not nummer or not re.fullmatch(r"\d{4}", nummer):
            return None
        return next((k for k in self.registry.kommuner if k.nummer == nummer), None)

    def office(self, kortnavn: str | None) -> Statsforvalter | None:
        return next((o for o in self.registry.offices if o.kortnavn == kortnavn), None)

    def office_of(self, kommune: Kommune) -> Statsforvalter | None:
        return next((o for o in self.registry.offices if o.navn == kommune.statsforvalter), None)

    def fylke(self, nummer: str | None):
        return next((f for f in self.registry.fylker if f.nummer == nummer), None)

    def malform_of(self, kommune: Kommune) -> Malform:
        """The form the deck gets unless the user chooses another (as the CLI chooses it)."""
        return choose_malform(kommune, self.registry)

    def malform_reason(self, kommune: Kommune) -> str:
        """Why the deck gets its default form: `own` (the municipality chose it), `majority` (more
        than half of its office's municipalities chose it) or `none` (no majority: bokmål)."""
        if kommune.malform in ("Bokmål", "Nynorsk"):
            return "own"
        office = self.office_of(kommune)
        members = self.registry.kommuner_for_office(office) if office else []
        chosen = self.malform_of(kommune)
        wanted = "Nynorsk" if chosen is Malform.NYNORSK else "Bokmål"
        share = sum(1 for k in members if k.malform == wanted)
        return "majority" if members and share * 2 > len(members) else "none"

    @property
    def recipes(self) -> dict[str, Recipe]:
        """The recipes a user can start from, the full deck first (bokmål titles)."""
        return self.recipes_in(Malform.BOKMAL)

    def recipes_in(self, malform: Malform) -> dict[str, Recipe]:
        """The recipes with their titles and descriptions in `malform` (the same ids in both)."""
        if malform not in self._recipes:
            catalogue = self.editions[malform]
            out = {FULL_RECIPE_ID: find_recipe(catalogue, None)}
            out.update((k, v) for k, v in sorted(catalogue.recipes.items()) if k != FULL_RECIPE_ID)
            self._recipes[malform] = out
        return self._recipes[malform]

    def recipe_slides(self, recipe_id: str) -> list[str]:
        if recipe_id == SCRATCH:
            return []
        deck = assemble(self.catalogue, self.recipes[recipe_id], None)
        return [entry.slide.id for entry in deck.slides]

    @cached_property
    def duplicated_names(self) -> set[str]:
        seen: dict[str, int] = {}
        for k in self.registry.kommuner:
            seen[k.navn] = seen.get(k.navn, 0) + 1
        return {name for name, count in seen.items() if count > 1}

    def search(self, query: str, limit: int = 20) -> list[Kommune]:
        """Municipalities whose number or name starts with (or name contains) the query."""
        query = query.strip().casefold()[:60]
        if not query:
            return []
        if query.isdigit():  # "4003", "40" (the county's), "301" (Oslo, 0301)
            exact = [k for k in self.registry.kommuner if k.nummer == query.zfill(4)]
            return (exact + [k for k in self.registry.kommuner if k.nummer.startswith(query) and k not in exact])[
                :limit
            ]
        starts = [k for k in self.registry.kommuner if k.navn.casefold().startswith(query)]
        inside = [k for k in self.registry.kommuner if query in k.navn.casefold() and k not in starts]
        return (
            sorted(starts, key=lambda k: k.navn)[:limit] + sorted(inside, key=lambda k: k.navn)[: limit - len(starts)]
        )

    def facts(self, kommune: Kommune, malform: Malform = Malform.BOKMAL) -> KommuneFacts:
        """What the deck says about the municipality, with the indicators' labels in `malform`."""
        available: list[StatRow] = []
        missing: list[StatRow] = []
        if self.statistics is not None:
            store = self.statistics
            texts = indicator_texts_nn(store.files[0].parent if store.files else None)
            for key, comparison in store.comparisons(kommune).items():
                if malform is not Malform.BOKMAL:
                    comparison = in_malform(comparison, malform.value, texts.get(key, {}))
                ind, figure = comparison.indicator, comparison.kommune
                row = StatRow(
                    ind.label,
                    value_text(figure, ind, "kommune", malform.value),
                    figure.period if figure else ind.period,
                    source_text(figure, ind, malform.value),
                    bool(figure and figure.available),
                )
                (available if row.available else missing).append(row)
        return KommuneFacts(kommune, tuple(available), tuple(missing))

    def speaking_seconds(self, slide_ids: list[str], malform: Malform = Malform.BOKMAL) -> int:
        total = 0
        slides = self.editions[malform].slides
        for slide_id in slide_ids:
            words = len(_WORD.findall(_TEMPLATE.sub(" tall ", slides[slide_id].notes)))
            total += max(MIN_SECONDS_PER_SLIDE, round(words * 60 / WORDS_PER_MINUTE))
        return total

    @property
    def titles(self) -> dict[str, str]:
        return self.titles_in(Malform.BOKMAL)

    def titles_in(self, malform: Malform) -> dict[str, str]:
        """Every slide's title as the national deck in `malform` shows it (templates filled in)."""
        if malform not in self._titles:
            from ..model import RecipeItem
            from ..render.templating import render_deck

            catalogue = self.editions[malform]
            everything = Recipe("alt", "Alle", tuple(RecipeItem("section", s.id) for s in catalogue.sections))
            deck = render_deck(with_statistics(assemble(catalogue, everything, None), self.statistics))
            self._titles[malform] = {entry.slide.id: entry.slide.title for entry in deck.slides}
        return self._titles[malform]
