"""Shared fixtures: the real project, small content trees in tmp_path, and one built deck."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest

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


def assert_deck_sound(path: Path) -> None:
    """A written .pptx (or .docx) opens with python-pptx (python-docx), every XML part parses,
    and no part holds a character XML cannot hold (PowerPoint would offer to repair the file)."""
    import re
    import zipfile

    from lxml import etree

    invalid = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                data = archive.read(name)
                text = data.decode("utf-8")
                assert not invalid.search(text), f"{path.name}:{name}: character XML cannot hold"
                etree.fromstring(data)
    if path.suffix == ".pptx":
        from pptx import Presentation

        prs = Presentation(str(path))
        assert len(prs.slides) >= 1
        for slide in prs.slides:
            if slide.has_notes_slide:
                _ = slide.notes_slide.notes_text_frame.text
    else:
        import docx

        docx.Document(str(path))


@pytest.fixture
def built_deck_check():
    """`built_deck_check(path)`: the shared soundness check for a deck a test wrote."""
    return assert_deck_sound


@pytest.fixture(autouse=True)
def _every_written_deck_is_sound(request, tmp_path):
    """Every deck or notes document a test writes under its tmp_path is checked after the test.

    A test that writes a broken file on purpose marks itself `@pytest.mark.broken_deck`.
    """
    yield
    if request.node.get_closest_marker("broken_deck"):
        return
    for path in sorted(tmp_path.rglob("*.pptx")) + sorted(tmp_path.rglob("*.docx")):
        if ".cache" in path.parts or path.name.startswith(".") or not path.is_file():
            continue
        assert_deck_sound(path)


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
    built = build_one(project, catalogue, find_recipe(catalogue, None), kommune, render_options(project), out)
    assert_deck_sound(built.path)
    return built


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
