"""The pipeline, one stage per function: load → validate → model → render → write.

The library never prints and never exits; the CLI does that.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .assemble import assemble, find_recipe
from .errors import ContentError, Problem, display_path
from .load.files import read_project
from .model import Catalogue, Deck, DeckSlide, Kommune, Recipe
from .project import Project
from .registry import Registry, load_registry
from .render.deck import RenderOptions, load_blank_notes, render_pptx
from .render.layouts import plan_slide
from .render.templating import render_deck
from .render.theme import Theme, load_theme
from .stats.load import StatsStore
from .stats.project import check_statistics, project_statistics_or_none, with_statistics
from .validate.content import build_catalogue
from .validate.overflow import FontMissing, overflows
from .validate.templates import check_templates
from .write import sweep_stale_temporaries, write_atomic


@dataclass(frozen=True)
class BuiltDeck:
    path: Path
    deck: Deck
    size: int


def load_catalogue(project: Project) -> tuple[Catalogue, list[Problem]]:
    """Stages load and validate: the catalogue and every problem found (errors and warnings)."""
    raw = read_project(project.root)
    return build_catalogue(raw)


def check(project: Project, registry: Registry, theme: Theme) -> list[Problem]:
    """Every content problem: structure, citations, templates, and text that would overflow."""
    catalogue, problems = load_catalogue(project)
    samples = [None, max(registry.kommuner, key=lambda k: len(k.navn))]
    problems += check_templates(catalogue, samples, project.root)
    problems += check_statistics(catalogue, project.root)
    problems += overflow_warnings(project, catalogue, theme, samples[1])
    return sorted(set(problems))


def overflow_warnings(project: Project, catalogue: Catalogue, theme: Theme, kommune: Kommune | None) -> list[Problem]:
    """Warnings for text that would not fit, measured on a deck holding every slide."""
    everything = Recipe("alt", "Alt", tuple(_all_sections(catalogue)))
    try:
        deck = render_deck(
            with_statistics(assemble(catalogue, everything, kommune), project_statistics_or_none(project.root))
        )
    except Exception:  # a template error: reported by check_templates already
        return []
    warnings = []
    try:
        for entry in deck.slides:
            for found in overflows(plan_slide(entry, deck, theme), theme):
                warnings.append(_overflow_problem(project, entry, found))
    except FontMissing as exc:
        warnings.append(
            Problem(
                str(project.theme_file.relative_to(project.root)),
                None,
                f"fant ikke skriftfilen {exc.args[0]}: kan ikke måle om teksten får plass "
                "(installer den med scripts/setup.sh)",
                "warning",
            )
        )
    return warnings


def _all_sections(catalogue: Catalogue):
    from .model import RecipeItem

    return [RecipeItem("section", s.id) for s in catalogue.sections]


def _overflow_problem(project: Project, entry: DeckSlide, found) -> Problem:
    slide = entry.slide
    field = found.box.field or "tekst"
    line = slide.field_lines.get(field.split(".")[0], slide.field_lines.get("title"))
    display = display_path(slide.path, project.root) if slide.path else slide.id
    if found.widest_word and found.needed_in <= found.available_in + 0.01:
        message = f"{field}: ordet {found.widest_word!r} er bredere enn boksen"
    else:
        message = (
            f"{field}: teksten får ikke plass i boksen ({found.needed_in:.1f} av "
            f"{found.available_in:.1f} tommer i høyden); kort den ned eller del lysbildet"
        )
    return Problem(display, line, message, "warning")


def require_valid(problems: list[Problem], strict: bool = False) -> None:
    blocking = [p for p in problems if p.severity == "error" or strict]
    if blocking:
        raise ContentError(blocking)


def output_path(project: Project, recipe: Recipe, kommune: Kommune | None, out_dir: Path | None) -> Path:
    folder = (out_dir or project.build_dir) / recipe.id
    name = "nasjonal" if kommune is None else f"{kommune.nummer}-{slug(kommune.navn)}"
    return folder / f"{name}.pptx"


def slug(text: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "ae", "Ø": "o", "Å": "a"})
    ascii_text = unicodedata.normalize("NFKD", text.translate(table)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def build_one(
    project: Project,
    catalogue: Catalogue,
    recipe: Recipe,
    kommune: Kommune | None,
    options: RenderOptions,
    out_dir: Path | None = None,
    statistics: StatsStore | None = None,
    renderer: Callable[[Deck], bytes] | None = None,
) -> BuiltDeck:
    """Stages model → render → write for one deck. Nothing is written unless rendering succeeded.

    `renderer` replaces the plain renderer, e.g. an `IncrementalRenderer` shared by a batch.
    """
    store = statistics if statistics is not None else project_statistics_or_none(project.root)
    deck = render_deck(with_statistics(assemble(catalogue, recipe, kommune), store))
    data = renderer(deck) if renderer is not None else render_pptx(deck, options)
    path = output_path(project, recipe, kommune, out_dir)
    sweep_stale_temporaries(path.parent)  # what a killed run left behind
    write_atomic(path, data)
    return BuiltDeck(path, deck, len(data))


def render_options(project: Project, password: str | None = None) -> RenderOptions:
    return RenderOptions(
        theme=load_theme(project.theme_file), blank_notes=load_blank_notes(project.templates), password=password
    )


def prepare(project: Project, recipe_name: str | None) -> tuple[Catalogue, Recipe]:
    """Load and validate everything first (phase one); fail before writing anything."""
    catalogue, problems = load_catalogue(project)
    # Broken statistics would make every figure «missing» without a word: refuse, as check does.
    require_valid(problems + check_statistics(catalogue, project.root))
    return catalogue, find_recipe(catalogue, recipe_name)


def registry_for(project: Project) -> Registry:
    return load_registry(project.registry_dir)
