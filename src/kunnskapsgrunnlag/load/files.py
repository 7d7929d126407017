"""Read the project's content files from disk. Syntax errors become problems, not exceptions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem, display_path
from ..ooxml.xml import xml_safe
from .contentfile import UnreadableFile, read_content_file
from .textcheck import invalid_character_problems
from .yamlsource import YamlSyntaxError, read_yaml

SECTIONS_FILE = Path("slides") / "sections.yaml"


@dataclass(frozen=True)
class RawFile:
    path: Path
    display: str
    data: Any


@dataclass(frozen=True)
class RawNotes:
    path: Path
    display: str
    text: str


@dataclass
class RawProject:
    root: Path
    sections: RawFile | None = None
    slides: list[RawFile] = field(default_factory=list)
    notes: list[RawNotes] = field(default_factory=list)
    bibliography: list[RawFile] = field(default_factory=list)
    recipes: list[RawFile] = field(default_factory=list)
    diagrams: list[RawFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Nynorsk overlays (`x.nn.yaml`) by the base file they overlay, and nynorsk notes (`x.nn.md`):
    # see load/overlay.py. They are kept apart so that the base files stay the structure.
    overlays: dict[Path, RawFile] = field(default_factory=dict)
    nn_notes: list[RawNotes] = field(default_factory=list)


def find_project_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds slides/sections.yaml."""
    for folder in (start.resolve(), *start.resolve().parents):
        if (folder / SECTIONS_FILE).is_file():
            return folder
    return None


def _content_files(folder: Path, suffixes: set[str]) -> list[Path]:
    """Every entry named like a content file, whatever it is: the reader refuses what is not a file."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix in suffixes and not p.name.startswith("."))


def _yaml_files(folder: Path) -> list[Path]:
    return _content_files(folder, {".yaml", ".yml"})


def read_project(root: Path) -> RawProject:
    """Read every content file under `root`; collect syntax problems instead of stopping."""
    raw = RawProject(root=root)

    def load(path: Path) -> RawFile | None:
        display = display_path(path, root)
        try:
            return RawFile(path, display, read_yaml(path, display, root, problems=raw.problems))
        except YamlSyntaxError as exc:
            raw.problems.append(exc.problem)
            return None

    sections_path = root / SECTIONS_FILE
    if sections_path.exists() or sections_path.is_symlink():
        raw.sections = load(sections_path)
    else:
        raw.problems.append(Problem(str(SECTIONS_FILE), None, "filen mangler: den gir seksjonenes rekkefølge"))

    def load_all(folder: Path, into: list[RawFile], skip: Path | None = None) -> None:
        for path in _yaml_files(folder):
            if is_overlay(path):
                if loaded := load(path):
                    raw.overlays[base_of(path)] = loaded
            elif (skip is None or path.resolve() != skip.resolve()) and (loaded := load(path)):
                into.append(loaded)

    load_all(root / "slides", raw.slides, skip=sections_path)
    for path in _content_files(root / "speaker_notes", {".md"}):
        display = display_path(path, root)
        try:
            text = read_content_file(path, root)
        except UnreadableFile as exc:
            raw.problems.append(exc.problem)
            continue
        raw.problems.extend(invalid_character_problems(text, display))
        (raw.nn_notes if is_overlay(path) else raw.notes).append(RawNotes(path, display, xml_safe(text)))
    load_all(root / "bibliography", raw.bibliography)
    load_all(root / "recipes", raw.recipes)
    load_all(root / "diagrams", raw.diagrams)
    return raw


NN_INFIX = ".nn"


def is_overlay(path: Path) -> bool:
    """A nynorsk file: `x.nn.yaml` beside `x.yaml`, `x.nn.md` beside `x.md`."""
    return path.stem.endswith(NN_INFIX)


def base_of(path: Path) -> Path:
    """`slides/s/x.nn.yaml` → `slides/s/x.yaml`."""
    return path.with_name(path.stem[: -len(NN_INFIX)] + path.suffix)


def overlay_of(path: Path) -> Path:
    """`slides/s/x.yaml` → `slides/s/x.nn.yaml`."""
    return path.with_name(path.stem + NN_INFIX + path.suffix)
