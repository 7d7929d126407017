"""A project on disk: where its content, theme, registry and build output live."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import KunnskapsgrunnlagError
from .load.files import find_project_root


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def theme_file(self) -> Path:
        return self.templates / "theme.yaml"

    @property
    def registry_dir(self) -> Path:
        return self.root / "data" / "registry"

    @property
    def build_dir(self) -> Path:
        return self.root / "build"

    @property
    def cache_dir(self) -> Path:
        """Rendered parts, charts and slide pictures kept between runs (never committed).

        `KUNNSKAPSGRUNNLAG_CACHE` moves it (e.g. to measure a cold start, or to share it).
        """
        moved = os.environ.get("KUNNSKAPSGRUNNLAG_CACHE")
        return Path(moved) if moved else self.root / ".cache"


def open_project(start: Path | None) -> Project:
    root = find_project_root(start or Path.cwd())
    if root is None:
        where = start or Path.cwd()
        raise KunnskapsgrunnlagError(
            f"{where}: fant ikke et prosjekt (slides/sections.yaml) her eller i mappene over; bruk --prosjekt"
        )
    return Project(root)
