"""What runs in a build process: the same library calls `kunnskapsgrunnlag build` makes.

Each worker process loads the project once and keeps its renderer warm (what every deck of a
recipe shares is rendered once), then builds one job at a time. Messages to the server go
through a pipe: `("progress", done, total, label)`, then `("done", result)` or `("failed", text)`.
"""

from __future__ import annotations

import io
import logging
import traceback
import zipfile
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from ..assemble import find_recipe
from ..batch import BatchOptions, run_batch, select_kommuner
from ..build import build_one, prepare, registry_for, render_options, require_valid
from ..companion import companion_paths, write_companions
from ..errors import KunnskapsgrunnlagError
from ..malform import Malform
from ..model import Recipe, RecipeItem
from ..project import Project
from ..recipe_file import recipe_yaml
from ..render.incremental import IncrementalRenderer
from ..render.templating import TemplateProblem
from ..validate.templates import check_templates
from ..write import write_atomic, write_text_atomic

log = logging.getLogger("kunnskapsgrunnlag.web")
EDITED_RECIPE_ID = "egendefinert"


@dataclass(frozen=True)
class DeckSpec:
    """One deck: the same as `build [RECIPE] [--lysbilder IDS] --kommune NUMMER`."""

    kommune: str
    recipe: str
    # The edited choice as recipe items ((kind, ref), as in a recipe file); empty: the recipe as it is.
    # Items, not bare ids: a section and a slide may share an id (gjenstridig-problem).
    items: tuple[tuple[str, str], ...]
    notater: bool = True
    pdf: bool = False
    malform: str = Malform.BOKMAL.value  # `--malform`: the page sends its computed or chosen form


@dataclass(frozen=True)
class BatchSpec:
    """All decks of an office or a county: the same as `build --statsforvalter X` / `--fylke N`."""

    scope: str  # "statsforvalter" or "fylke"
    ref: str
    recipe: str
    items: tuple[tuple[str, str], ...] = ()
    zip_name: str = "presentasjoner.zip"
    malform: str | None = None  # None: each municipality's own form; else `--malform` for all


class _Loaded:
    """What a build process keeps between jobs: the project's content is loaded and validated once
    per server start (as `prepare` does for one CLI run), so a deck costs only its rendering."""

    def __init__(self, project: Project):
        self.project = project
        self.catalogues = {malform: prepare(project, None, malform)[0] for malform in Malform}
        self.catalogue = self.catalogues[Malform.BOKMAL]
        self.registry = registry_for(project)
        self.options = render_options(project)
        self.renderer = IncrementalRenderer(self.options, project.cache_dir)


def worker_main(conn: Connection, project_root: str) -> None:
    """The loop of one build process; ends when the server sends None or closes the pipe."""
    project = Project(Path(project_root))
    loaded = _Loaded(project)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        spec, out_dir = message
        try:
            if isinstance(spec, DeckSpec):
                result = build_deck(loaded, spec, Path(out_dir))
            else:
                result = build_zip(loaded, spec, Path(out_dir), lambda *p: conn.send(("progress", *p)))
            conn.send(("done", result))
        except TemplateProblem as exc:
            conn.send(("failed", f"malfeil i {exc.field}: {exc.message}"))
        except KunnskapsgrunnlagError as exc:
            conn.send(("failed", str(exc)))
        except Exception:  # a bug: the details go to the log, the user gets a plain message
            log.error("build failed:\n%s", traceback.format_exc())
            conn.send(("failed", "intern"))


def build_deck(loaded: _Loaded, spec: DeckSpec, out_dir: Path) -> dict[str, object]:
    """The deck and its companions in `out_dir`; returns the files by kind, relative to `out_dir`."""
    project = loaded.project
    kommune = loaded.registry.kommune(spec.kommune)
    catalogue = loaded.catalogues[Malform(spec.malform)]
    recipe = find_recipe(catalogue, spec.recipe)
    if spec.items:  # the same as `build --oppskrift` with the recipe file the page offers
        recipe = Recipe(EDITED_RECIPE_ID, recipe.title, tuple(RecipeItem(kind, ref) for kind, ref in spec.items))
    require_valid(check_templates(catalogue, [kommune], project.root))
    built = build_one(project, catalogue, recipe, kommune, loaded.options, out_dir, renderer=loaded.renderer.render)
    files = {"pptx": built.path}
    if spec.notater or spec.pdf:
        write_companions(project, built, pdf=spec.pdf, notes=spec.notater)
        extra = companion_paths(built.path)
        if spec.notater:
            files["notater-docx"] = extra["notes_docx"]
            files["notater-pdf"] = extra["notes_pdf"]
        if spec.pdf:
            files["pdf"] = extra["deck_pdf"]
    return {"files": {kind: str(path.relative_to(out_dir)) for kind, path in files.items()}, "failures": []}


def build_zip(loaded: _Loaded, spec: BatchSpec, out_dir: Path, progress) -> dict[str, object]:
    """Every deck of the office or county through the batch machinery, then one zip of them."""
    project, registry = loaded.project, loaded.registry
    if spec.scope == "statsforvalter":
        kommuner = select_kommuner(registry, statsforvaltere=[spec.ref])
    else:
        kommuner = select_kommuner(registry, fylker=[spec.ref])
    decks_dir = out_dir / "decks"
    recipe_file = None
    forced = Malform(spec.malform) if spec.malform else None
    if spec.items:  # through a recipe file, as `build --oppskrift FIL.yaml --statsforvalter …` would
        _catalogue, base = prepare(project, spec.recipe, forced or Malform.BOKMAL)
        recipe_file = out_dir / f"{EDITED_RECIPE_ID}.yaml"
        write_text_atomic(recipe_file, recipe_yaml(base.title, [RecipeItem(k, r) for k, r in spec.items]))
    options = BatchOptions(spec.recipe, (), decks_dir, None, True, 1, forced, recipe_file=recipe_file)
    done = 0

    def on_result(result) -> None:
        nonlocal done
        done += 1
        progress(done, len(kommuner), result.label)

    progress(0, len(kommuner), "")
    summary = run_batch(project, registry, kommuner, options, on_result=on_result)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:  # .pptx is compressed already
        for result in summary.of("built"):
            if result.path is not None:
                archive.write(result.path, result.path.name)
        failures = [f"{r.label}: {r.reason}" for r in summary.failed]
        if failures:
            archive.writestr("feilet.txt", "\n".join(failures) + "\n")
    write_atomic(out_dir / spec.zip_name, buffer.getvalue())
    return {
        "files": {"zip": spec.zip_name},
        "failures": failures,
        "built": len(summary.of("built")),
        "total": len(kommuner),
    }
