"""Helpers shared by the notes-document, office and preview tests: a small deck and fake tools."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

from PIL import Image

from kunnskapsgrunnlag.assemble import recipe_from_ids
from kunnskapsgrunnlag.build import BuiltDeck, build_one, registry_for, render_options

# Four slides (front page, outline, one with links, lists and bold in its notes, a quote), then the blank.
SMALL_DECK = ["tittel", "disposisjon", "tidlig-innsats", "sitat-frafall"]


def build_small(
    project, catalogue, out_dir: Path, kommune: str | None = "4003", ids: list[str] | None = None
) -> BuiltDeck:
    recipe = recipe_from_ids(catalogue, ids or SMALL_DECK, "Prøvepresentasjon")
    found = registry_for(project).kommune(kommune) if kommune else None
    return build_one(project, catalogue, recipe, found, render_options(project), out_dir)


def fake_png(color: str = "white", size: tuple[int, int] = (160, 90)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


def empty_path(monkeypatch, tmp_path: Path) -> None:
    """No LibreOffice and no poppler: PATH holds one empty folder."""
    empty = tmp_path / "tom-path"
    empty.mkdir(exist_ok=True)
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv("KUNNSKAPSGRUNNLAG_SOFFICE", raising=False)


def fake_program(folder: Path, name: str, script: str) -> Path:
    """An executable shell script standing in for a real program."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def path_with(monkeypatch, folder: Path) -> None:
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.delenv("KUNNSKAPSGRUNNLAG_SOFFICE", raising=False)
