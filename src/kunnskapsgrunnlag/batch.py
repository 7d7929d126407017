"""Batch builds: one deck per municipality, in parallel, with a manifest and content-hash skipping.

Phase one (in the calling process) loads and validates everything and decides what to build;
phase two renders decks in worker processes. One failing deck is recorded with its reason and
never stops the others; every file is written atomically, so a failure leaves no half file.
Each output folder gets a `manifest.json`: the inputs' hashes, and per deck its slides, the
figures it used (value, period, source) and the tool version.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
import os
import re
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from . import __version__
from .assemble import recipe_from_ids
from .build import build_one, output_path, prepare, render_options, require_valid
from .errors import KunnskapsgrunnlagError
from .fingerprint import code_digest
from .load.files import read_project
from .malform import Malform, choose_malform
from .model import Catalogue, Deck, Kommune, Recipe
from .project import Project
from .registry import Registry
from .render.deck import RenderOptions
from .render.incremental import IncrementalRenderer
from .render.templating import TemplateProblem
from .stats.load import StatsStore
from .stats.project import project_statistics
from .validate.templates import check_templates
from .write import sweep_stale_temporaries, write_text_atomic

MANIFEST = "manifest.json"
MANIFEST_LOCK = ".manifest.lock"
INPUT_FOLDERS = ("slides", "speaker_notes", "bibliography", "recipes", "templates", "data/statistikk", "data/registry")
Status = Literal["built", "skipped", "failed"]
_TEMPLATE_REF = re.compile(r"statistikk\.([a-z][a-z0-9_]*)")


@dataclass(frozen=True)
class BatchOptions:
    recipe: str | None = None
    slide_ids: tuple[str, ...] = ()
    out_dir: Path | None = None
    password: str | None = None
    force: bool = False
    jobs: int = 1
    malform: Malform | None = None  # None: each municipality's own form (malform.choose_malform)
    recipe_file: Path | None = None  # a recipe file given by the user, instead of `recipe`
    # Whether results carry the built deck (for notes documents written afterwards). A deck is
    # about 200 KB pickled and costs the parent ~25 ms to unpickle: 9 s of a 357-deck batch.
    keep_decks: bool = True


@dataclass(frozen=True)
class DeckResult:
    kommune: str | None  # municipality number, None for the national deck
    label: str
    status: Status
    path: Path | None = None
    reason: str = ""
    entry: dict[str, Any] | None = None  # the deck's manifest entry
    deck: Deck | None = None  # the deck as built, for the notes documents written afterwards


@dataclass
class BatchSummary:
    results: list[DeckResult] = field(default_factory=list)

    def of(self, status: Status) -> list[DeckResult]:
        return [r for r in self.results if r.status == status]

    @property
    def failed(self) -> list[DeckResult]:
        return self.of("failed")


# --- choosing municipalities ----------------------------------------------------------------------


def select_kommuner(
    registry: Registry,
    kommuner: Sequence[str] = (),
    fylker: Sequence[str] = (),
    statsforvaltere: Sequence[str] = (),
    alle: bool = False,
) -> list[Kommune]:
    """The municipalities named, in registry order, without duplicates. Unknown names raise LookupFailed."""
    chosen: dict[str, Kommune] = {}
    if alle:
        chosen.update((k.nummer, k) for k in registry.kommuner)
    for query in fylker:
        chosen.update((k.nummer, k) for k in registry.kommuner_i_fylke(registry.fylke(query)))
    for query in statsforvaltere:
        chosen.update((k.nummer, k) for k in registry.kommuner_for_office(registry.office(query)))
    for query in kommuner:
        kommune = registry.kommune(query)
        chosen[kommune.nummer] = kommune
    return [chosen[n] for n in sorted(chosen)]


# --- hashes ---------------------------------------------------------------------------------------


def input_hashes(project: Project) -> dict[str, str]:
    """sha256 of every input file (content, theme, statistics, registry), by path relative to the project."""
    hashes: dict[str, str] = {}
    for folder in INPUT_FOLDERS:
        base = project.root / folder
        if base.is_dir():
            for path in sorted(p for p in base.rglob("*") if p.is_file() and not p.name.startswith(".")):
                hashes[path.relative_to(project.root).as_posix()] = _file_sha256(path)
    return hashes


def _file_sha256(path: Path) -> str:
    """Streamed, so an odd large file costs time, not memory; an unreadable one hashes as such."""
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError as exc:
        return f"unreadable:{exc.errno}"


def tool_digest() -> str:
    """The tool's version and its code: a change to either rebuilds every deck."""
    return code_digest()


def deck_key(
    inputs: dict[str, str],
    tool: str,
    recipe: Recipe,
    kommune: Kommune | None,
    password: str | None,
    malform: str = Malform.BOKMAL.value,
) -> str:
    payload = json.dumps(
        {
            "malform": malform,
            "inputs": _INPUTS_MARK,
            "tool": tool,
            "recipe": recipe.id,
            "title": recipe.title,
            "items": [[i.kind, i.ref] for i in recipe.items],
            "kommune": kommune.nummer if kommune else None,
            "password": hashlib.sha256(password.encode()).hexdigest() if password else None,
        },
        sort_keys=True,
    )
    # The same bytes as dumping `inputs` in place: it is encoded once per batch, not once per deck.
    payload = payload.replace(json.dumps(_INPUTS_MARK), _inputs_json(inputs), 1)
    return hashlib.sha256(payload.encode()).hexdigest()


_INPUTS_MARK = "\0inputs"
_inputs_cache: list[Any] = [None, ""]  # [the inputs dict last encoded, its JSON]


def _inputs_json(inputs: dict[str, str]) -> str:
    if _inputs_cache[0] is not inputs:
        _inputs_cache[:] = [inputs, json.dumps(inputs, sort_keys=True)]
    return _inputs_cache[1]


# --- manifest -------------------------------------------------------------------------------------


def read_manifest(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def write_manifest(folder: Path, recipe: Recipe, inputs: dict[str, str], entries: dict[str, dict[str, Any]]) -> Path:
    """Merge `entries` into the folder's manifest and write it atomically.

    Two batches may write to one folder at once: the read-merge-write is done under an
    exclusive lock, so neither loses the other's entries.
    """
    with _manifest_lock(folder):
        return _merge_manifest(folder, recipe, inputs, entries)


@contextlib.contextmanager
def _manifest_lock(folder: Path) -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock (the write itself is still atomic)
        yield
        return
    with open(folder / MANIFEST_LOCK, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _merge_manifest(folder: Path, recipe: Recipe, inputs: dict[str, str], entries: dict[str, dict[str, Any]]) -> Path:
    manifest = read_manifest(folder)
    decks = manifest.get("decks") if isinstance(manifest.get("decks"), dict) else {}
    decks.update(entries)
    data = {
        "tool": "kunnskapsgrunnlag",
        "version": __version__,
        "recipe": recipe.id,
        "title": recipe.title,
        "inputs": inputs,
        "decks": dict(sorted(decks.items())),
    }
    path = folder / MANIFEST
    write_text_atomic(path, manifest_text(data))
    return path


def manifest_text(data: dict[str, Any]) -> str:
    """The manifest as JSON with one line per input and per deck: readable, easy to diff, and
    written by the C encoder (an indented dump of every deck's details is pure Python: 0.2 s
    for 357 decks)."""
    lines = []
    for key, value in data.items():
        if isinstance(value, dict) and value:
            rows = [f"    {_json(name)}: {_json(item)}" for name, item in value.items()]
            lines.append(f"  {_json(key)}: {{\n" + ",\n".join(rows) + "\n  }")
        else:
            lines.append(f"  {_json(key)}: {_json(value)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def figures_used(deck: Deck, named: Iterable[str] = ()) -> list[dict[str, Any]]:
    """The figures of every indicator a slide shows or a template names, with period and source."""
    used: set[str] = set(named)
    for entry in deck.slides:
        if entry.slide.layout == "statistic" and entry.slide.content.indicator:
            used.add(entry.slide.content.indicator)
    out = []
    for ind_id in sorted(used & set(deck.statistikk or {})):
        comparison = (deck.statistikk or {})[ind_id]
        for role, figure in (("kommune", comparison.kommune), ("fylke", comparison.fylke), ("land", comparison.land)):
            if figure is None:
                continue
            out.append(
                {
                    "indicator": ind_id,
                    "role": role,
                    "region": figure.region,
                    "period": figure.period,
                    "value": figure.value,
                    "missing": figure.missing,
                    "source": figure.source,
                    "table": figure.table,
                    "licence": figure.licence,
                    "method": figure.method,
                }
            )
    return out


def manifest_entry(deck: Deck, key: str, data_sha: str, size: int, named: Iterable[str] = ()) -> dict[str, Any]:
    return {
        "kommune": deck.kommune.nummer if deck.kommune else None,
        "navn": deck.kommune.navn if deck.kommune else None,
        "malform": deck.malform,
        "input_hash": key,
        "sha256": data_sha,
        "size": size,
        "slides": [e.slide.id for e in deck.slides],
        "figures": figures_used(deck, named),
    }


def template_indicators(catalogue: Catalogue, slide_ids: Iterable[str]) -> set[str]:
    """Indicators the slides' text or notes name as `statistikk.<id>` (before rendering)."""
    found: set[str] = set()
    for slide_id in slide_ids:
        slide = catalogue.slides[slide_id]
        found.update(_TEMPLATE_REF.findall(slide.notes + repr(slide.content) + slide.title))
    return found


# --- building -------------------------------------------------------------------------------------


@dataclass
class _Edition:
    """One written form's catalogue, recipe and renderer (a batch may build both forms)."""

    catalogue: Catalogue
    recipe: Recipe
    renderer: IncrementalRenderer
    named: dict[tuple[str, ...], set[str]] = field(default_factory=dict)  # template_indicators, by slide ids

    def template_indicators(self, slide_ids: tuple[str, ...]) -> set[str]:
        """The same for every deck of one recipe: worked out once, not once per deck."""
        if slide_ids not in self.named:
            self.named[slide_ids] = template_indicators(self.catalogue, slide_ids)
        return self.named[slide_ids]


@dataclass
class _State:
    project: Project
    editions: dict[str, _Edition]
    options: RenderOptions
    statistics: StatsStore | None
    registry: Registry
    forced: Malform | None = None

    def malform_of(self, kommune: Kommune | None) -> Malform:
        return self.forced or choose_malform(kommune, self.registry)

    @property
    def catalogue(self) -> Catalogue:
        return self.editions[Malform.BOKMAL.value].catalogue

    @property
    def recipe(self) -> Recipe:
        return self.editions[Malform.BOKMAL.value].recipe


_STATE: _State | None = None


def _load_state(project: Project, registry: Registry, options: BatchOptions) -> _State:
    render = render_options(project, options.password)
    editions: dict[str, _Edition] = {}
    raw = read_project(project.root)  # read once: both forms are built from it
    for form in Malform:
        catalogue, recipe = prepare(project, options.recipe, form, raw)
        if options.recipe_file is not None:
            from .recipe_file import load_recipe_file

            recipe = load_recipe_file(options.recipe_file, catalogue)
        if options.slide_ids:
            recipe = recipe_from_ids(catalogue, list(options.slide_ids), recipe.title)
        editions[form.value] = _Edition(catalogue, recipe, IncrementalRenderer(render, project.cache_dir))
    return _State(project, editions, render, project_statistics(project.root), registry, options.malform)


def die_with_parent(parent_pid: int) -> None:
    """End this worker process when its parent dies, however the parent died.

    On Linux the kernel sends SIGKILL at once (prctl PR_SET_PDEATHSIG); everywhere a watchdog
    thread notices the parent is gone within a second. Without this, workers of a killed
    `build -j` wait on their queue for ever.
    """
    if os.getppid() != parent_pid:  # the parent is already gone
        os._exit(1)
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG = 1
        if os.getppid() != parent_pid:  # it died between the check and the prctl
            os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent_pid:
                os._exit(1)

    threading.Thread(target=watch, name="parent-watchdog", daemon=True).start()


def _init_worker(project: Project, registry: Registry, options: BatchOptions, parent_pid: int | None = None) -> None:
    global _STATE
    if parent_pid is not None:
        die_with_parent(parent_pid)
    if _STATE is None or _STATE.project != project:  # spawn start method: load again
        _STATE = _load_state(project, registry, options)


def _build(nummer: str | None, out_dir: Path | None, key: str, keep_deck: bool = True) -> DeckResult:
    state = _STATE
    assert state is not None, "worker not initialised"
    kommune = state.registry.kommune(nummer) if nummer else None
    label = f"{kommune.nummer} {kommune.navn}" if kommune else "nasjonal"
    edition = state.editions[state.malform_of(kommune).value]
    try:
        built = build_one(
            state.project,
            edition.catalogue,
            edition.recipe,
            kommune,
            state.options,
            out_dir,
            statistics=state.statistics,
            renderer=edition.renderer.render,
            batch=True,
        )
        named = edition.template_indicators(tuple(e.slide.id for e in built.deck.slides))
        entry = manifest_entry(built.deck, key, built.sha256, built.size, named)
        return DeckResult(nummer, label, "built", built.path, entry=entry, deck=built.deck if keep_deck else None)
    except TemplateProblem as exc:
        return DeckResult(nummer, label, "failed", reason=f"malfeil i {exc.field}: {exc.message}")
    except KunnskapsgrunnlagError as exc:
        return DeckResult(nummer, label, "failed", reason=str(exc))
    except Exception as exc:  # a bug: recorded, so that the other decks are still built
        return DeckResult(nummer, label, "failed", reason=f"intern feil ({type(exc).__name__}: {exc})")


def _unchanged(path: Path, key: str, manifest: dict[str, Any]) -> bool:
    entry = (manifest.get("decks") or {}).get(path.name)
    if not isinstance(entry, dict) or entry.get("input_hash") != key or not path.is_file():
        return False
    return entry.get("sha256") == hashlib.sha256(path.read_bytes()).hexdigest()


def _first_of_each_form(todo: list[tuple[str | None, str, Path]], state: _State) -> list[tuple[str | None, str, Path]]:
    """The first deck of each written form first: each worker then starts on a different form's
    full render (a later worker loads it from disk instead of rendering it again)."""
    firsts: dict[str, int] = {}
    for index, (nummer, _key, _path) in enumerate(todo):
        kommune = state.registry.kommune(nummer) if nummer else None
        firsts.setdefault(state.malform_of(kommune).value, index)
    chosen = sorted(firsts.values())
    return [todo[i] for i in chosen] + [item for i, item in enumerate(todo) if i not in chosen]


def run_batch(
    project: Project,
    registry: Registry,
    kommuner: Iterable[Kommune | None],
    options: BatchOptions,
    on_result: Callable[[DeckResult], None] | None = None,
) -> BatchSummary:
    """Build one deck per municipality. Raises only for phase-one errors (content, recipe, names)."""
    global _STATE
    targets = list(kommuner)
    state = _load_state(project, registry, options)
    samples = [k for k in targets[:1] if k is not None] + [None]
    used_forms = {state.malform_of(k).value for k in targets}
    for form in sorted(used_forms):
        require_valid(check_templates(state.editions[form].catalogue, samples, project.root))
    inputs, tool = input_hashes(project), tool_digest()
    summary = BatchSummary()
    manifests: dict[Path, dict[str, Any]] = {}
    todo: list[tuple[str | None, str, Path]] = []

    def report(result: DeckResult) -> None:
        summary.results.append(result)
        if on_result:
            on_result(result)

    for kommune in targets:
        path = output_path(project, state.recipe, kommune, options.out_dir)
        if path.parent not in manifests:
            sweep_stale_temporaries(path.parent)  # what a killed batch left behind
        key = deck_key(inputs, tool, state.recipe, kommune, options.password, state.malform_of(kommune).value)
        if path.parent not in manifests:  # read each folder's manifest once, not once per deck
            manifests[path.parent] = read_manifest(path.parent)
        manifest = manifests[path.parent]
        label = f"{kommune.nummer} {kommune.navn}" if kommune else "nasjonal"
        if not options.force and _unchanged(path, key, manifest):
            report(DeckResult(kommune.nummer if kommune else None, label, "skipped", path, "uendret"))
        else:
            todo.append((kommune.nummer if kommune else None, key, path))

    if options.jobs > 1:
        todo = _first_of_each_form(todo, state)

    if options.jobs <= 1 or len(todo) <= 1:
        _STATE = state
        for nummer, key, _path in todo:
            report(_build(nummer, options.out_dir, key))
    else:
        _STATE = state  # inherited by forked workers; spawned ones load it in the initializer
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
        with ProcessPoolExecutor(
            max_workers=options.jobs,
            mp_context=context,
            initializer=_init_worker,
            initargs=(project, registry, options, os.getpid()),
        ) as pool:
            futures = {
                pool.submit(_build, nummer, options.out_dir, key, options.keep_decks): (nummer, path)
                for nummer, key, path in todo
            }
            for future in as_completed(futures):
                nummer, path = futures[future]
                try:
                    report(future.result())
                except Exception as exc:  # a worker died: record it, keep the others
                    report(
                        DeckResult(nummer, nummer or "nasjonal", "failed", reason=f"arbeidsprosessen stoppet: {exc}")
                    )

    if any(result.status == "built" for result in summary.results):
        # The decks were written without an fsync each: one sync makes them all durable before
        # the manifest names them (a deck torn by a crash before this fails its hash next time).
        os.sync()
    by_folder: dict[Path, dict[str, dict[str, Any]]] = {}
    for result in summary.results:
        if result.status == "built" and result.path is not None and result.entry is not None:
            by_folder.setdefault(result.path.parent, {})[result.path.name] = result.entry
    for folder, entries in sorted(by_folder.items()):
        write_manifest(folder, state.recipe, inputs, entries)
    summary.results.sort(key=lambda r: (r.kommune or "", r.label))
    return summary
