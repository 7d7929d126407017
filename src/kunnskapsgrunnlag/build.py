"""The pipeline, one stage per function: load → validate → model → render → write.

The library never prints and never exits; the CLI does that.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .assemble import assemble, find_recipe
from .errors import ContentError, Problem, display_path
from .load.files import RawProject, overlay_of, read_project
from .load.overlay import localize
from .malform import Malform
from .model import Catalogue, Deck, DeckSlide, Kommune, Recipe
from .project import Project
from .registry import Registry, load_registry
from .render.deck import RenderOptions, load_blank_notes, render_pptx
from .render.layouts import plan_slide
from .render.templating import render_deck
from .render.theme import Theme, load_theme
from .stats.load import StatsStore
from .stats.project import (
    check_statistics,
    project_statistics_or_none,
    with_statistics,
    without_missing_statistics,
)
from .validate.content import build_catalogue
from .validate.geometry import GeometryProblem, geometry_problems
from .validate.overflow import FontMissing, overflows
from .validate.pair import check_pair
from .validate.templates import check_templates
from .write import sweep_stale_temporaries, write_atomic


@dataclass(frozen=True)
class BuiltDeck:
    path: Path
    deck: Deck
    size: int
    sha256: str = ""  # of the bytes written (the batch manifest records it)


def load_catalogue(
    project: Project, malform: Malform = Malform.BOKMAL, raw: RawProject | None = None
) -> tuple[Catalogue, list[Problem]]:
    """Stages load and validate: the catalogue in `malform` and every problem found (errors and warnings).

    The nynorsk catalogue has the same structure; its text comes from the overlays (load/overlay.py).
    `raw` is the project as `read_project` gave it, when the caller read it already (a batch
    builds both forms from one reading).
    """
    raw = localize(raw if raw is not None else read_project(project.root), malform)
    catalogue, problems = build_catalogue(raw)
    return in_form(catalogue, malform), problems


def in_form(catalogue: Catalogue, malform: Malform) -> Catalogue:
    """The catalogue marked with its written form (diagrams too: their generated text follows it)."""
    diagrams = {key: dataclasses.replace(d, malform=malform.value) for key, d in catalogue.diagrams.items()}
    return dataclasses.replace(catalogue, malform=malform.value, diagrams=diagrams)


def check(project: Project, registry: Registry, theme: Theme) -> list[Problem]:
    """Every content problem of both editions: structure, citations, templates, overflow, and
    the nynorsk edition against the bokmål one (validate/pair.py)."""
    raw = read_project(project.root)
    catalogue, problems = build_catalogue(raw)
    samples = [None, max(registry.kommuner, key=lambda k: len(k.navn))]
    problems += check_templates(catalogue, samples, project.root)
    problems += check_statistics(catalogue, project.root)
    problems += overflow_warnings(project, catalogue, theme, samples[1])
    # The nynorsk edition: same structure (its structural problems are the base's), own text.
    problems += check_pair(raw)[0]
    nn_catalogue, _ = build_catalogue(localize(raw, Malform.NYNORSK))
    nn_catalogue = in_form(nn_catalogue, Malform.NYNORSK)
    problems += check_templates(nn_catalogue, samples, project.root)
    problems += overflow_warnings(project, nn_catalogue, theme, samples[1])
    return sorted(set(problems))


def pending_translations(project: Project) -> list[str]:
    """Content files whose nynorsk form is still missing (listed in translations/pending-nn.txt)."""
    return check_pair(read_project(project.root))[1]


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
            plan = plan_slide(entry, deck, theme)
            for found in overflows(plan, theme):
                warnings.append(_overflow_problem(project, entry, found, catalogue.malform))
            for problem in geometry_problems(plan, theme):
                warnings.append(_geometry_problem(project, entry, problem, catalogue.malform))
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


def _geometry_problem(
    project: Project, entry: DeckSlide, found: GeometryProblem, malform: str = Malform.BOKMAL.value
) -> Problem:
    """A collision or unreadable text on the slide: an error, naming the slide and its shapes."""
    slide = entry.slide
    path = slide.path
    if path is not None and malform == Malform.NYNORSK and overlay_of(path).is_file():
        path = overlay_of(path)  # a nynorsk slide: its text is in the overlay
    display = display_path(path, project.root) if path else slide.id
    line = slide.field_lines.get("layout", slide.field_lines.get("title"))
    return Problem(display, line, f"{slide.id}: {found.message}", "error")


def _all_sections(catalogue: Catalogue):
    from .model import RecipeItem

    return [RecipeItem("section", s.id) for s in catalogue.sections]


def _overflow_problem(project: Project, entry: DeckSlide, found, malform: str = Malform.BOKMAL.value) -> Problem:
    slide = entry.slide
    field = found.box.field or "tekst"
    line = slide.field_lines.get(field.split(".")[0], slide.field_lines.get("title"))
    path = slide.path
    if path is not None and malform == Malform.NYNORSK and overlay_of(path).is_file():
        path = overlay_of(path)  # a nynorsk slide: its text is in the overlay
    display = display_path(path, project.root) if path else slide.id
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
    batch: bool = False,
) -> BuiltDeck:
    """Stages model → render → write for one deck. Nothing is written unless rendering succeeded.

    `renderer` replaces the plain renderer, e.g. an `IncrementalRenderer` shared by a batch.
    `batch`: part of a batch, which sweeps each folder once before and flushes every deck to
    disk once after (one sync instead of an fsync per deck).
    """
    store = statistics if statistics is not None else project_statistics_or_none(project.root)
    deck = with_statistics(assemble(catalogue, recipe, kommune), store)
    if recipe.skip_missing_statistics:
        deck = without_missing_statistics(deck)
    deck = render_deck(deck)
    data = renderer(deck) if renderer is not None else render_pptx(deck, options)
    path = output_path(project, recipe, kommune, out_dir)
    if not batch:
        sweep_stale_temporaries(path.parent)  # what a killed run left behind
    write_atomic(path, data, durable=not batch)
    return BuiltDeck(path, deck, len(data), hashlib.sha256(data).hexdigest())


def render_options(project: Project, password: str | None = None) -> RenderOptions:
    return RenderOptions(
        theme=load_theme(project.theme_file),
        blank_notes=load_blank_notes(project.templates),
        password=password,
        blank_notes_nn=load_blank_notes(project.templates, nynorsk=True),
    )


def prepare(
    project: Project, recipe_name: str | None, malform: Malform = Malform.BOKMAL, raw: RawProject | None = None
) -> tuple[Catalogue, Recipe]:
    """Load and validate everything first (phase one); fail before writing anything."""
    catalogue, problems = load_catalogue(project, malform, raw)
    # Broken statistics would make every figure «missing» without a word: refuse, as check does.
    require_valid(problems + check_statistics(catalogue, project.root))
    return catalogue, find_recipe(catalogue, recipe_name)


def registry_for(project: Project) -> Registry:
    return load_registry(project.registry_dir)
