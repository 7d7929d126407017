"""Shared fixtures: the real project, small content trees in tmp_path, and one built deck."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest

from kunnskapsgrunnlag import diskcache
from kunnskapsgrunnlag.assemble import find_recipe
from kunnskapsgrunnlag.build import build_one, load_catalogue, registry_for, render_options
from kunnskapsgrunnlag.project import Project

ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path | None:
    """The reference folder `shared/` (seeds, inventory) that lies beside the repository."""
    for candidate in (os.environ.get("KUNNSKAPSGRUNNLAG_SHARED"), ROOT.parent / "shared"):
        if candidate and (Path(candidate) / "seeds").is_dir():
            return Path(candidate)
    return None


def require_shared() -> Path:
    found = shared_dir()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("shared/ (seeds and inventory) must lie beside the repository in CI")
        pytest.skip("shared/ is not beside this checkout")
    return found


@pytest.fixture(autouse=True)
def _no_disk_cache_between_tests():
    """The CLI turns the chart cache on for its project; each test starts without it."""
    yield
    diskcache.configure(None)


@pytest.fixture(scope="session")
def project() -> Project:
    return Project(ROOT)


@pytest.fixture(scope="session")
def catalogue(project):
    catalogue, problems = load_catalogue(project)
    assert [p for p in problems if p.severity == "error"] == []
    return catalogue


@pytest.fixture(scope="session")
def full_deck(project, catalogue, tmp_path_factory):
    """The full knowledge-base deck for Skien, built once for the read-back tests."""
    out = tmp_path_factory.mktemp("full")
    kommune = registry_for(project).kommune("4003")
    return build_one(project, catalogue, find_recipe(catalogue, None), kommune, render_options(project), out)


class ContentTree:
    """A minimal project in a temporary folder, for validation scenarios."""

    def __init__(self, root: Path):
        self.root = root
        for folder in ("templates", "data"):
            shutil.copytree(ROOT / folder, root / folder)
        self.write(
            "slides/sections.yaml",
            """
            sections:
              - id: innledning
                title: Innledning
                numbered: false
                slides: [forside, poeng]
        """,
        )
        self.write(
            "slides/00/forside.yaml",
            """
            id: forside
            title: Forsiden
            layout: title
            subtitle: Et kunnskapsgrunnlag
            sources: [fafo-2019]
        """,
        )
        self.write(
            "slides/00/poeng.yaml",
            """
            id: poeng
            title: Tre poenger
            layout: bullets
            bullets:
              - Først
              - text: Så
                sub: [en detalj]
        """,
        )
        self.write("speaker_notes/00/forside.md", "Dette er **forsiden**.\n")
        self.write("speaker_notes/00/poeng.md", "Snakk om poengene.\n")
        self.write(
            "bibliography/kilder.yaml",
            """
            fafo-2019:
              authors: Hansen, I. L. S., Jensen, R. S. & Fløtten, T.
              year: "2019"
              title: 0-24-samarbeidet. Et kunnskapsgrunnlag
              series: Fafo-notat 2019:21
        """,
        )

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    @property
    def project(self) -> Project:
        return Project(self.root)


@pytest.fixture
def tree(tmp_path) -> ContentTree:
    return ContentTree(tmp_path / "prosjekt")
