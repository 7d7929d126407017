"""One family of exceptions for user mistakes, and the `Problem` they carry.

Anything that is not a `KunnskapsgrunnlagError` is a bug and may show its traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """A content problem at a place in a file, phrased for the editor."""

    path: str
    line: int | None
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        prefix = "" if self.severity == "error" else "advarsel: "
        return f"{where}: {prefix}{self.message}"


class KunnskapsgrunnlagError(Exception):
    """Base of every error caused by the user's input, not by a bug."""


class ContentError(KunnskapsgrunnlagError):
    """The content (slides, notes, bibliography, recipes) has one or more errors."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class LookupFailed(KunnskapsgrunnlagError):
    """A name or number the user gave does not exist; the message offers close matches."""


class BuildFailed(KunnskapsgrunnlagError):
    """A deck could not be built or written."""


def display_path(path: Path, root: Path) -> str:
    """A path as the editor knows it: relative to the project root where possible."""
    try:
        # The file's own name, not where a link points: that is the name the editor knows.
        return str((_resolved(path.parent) / path.name).relative_to(_resolved(root)))
    except (ValueError, OSError, RuntimeError):
        return str(path)


@lru_cache(maxsize=1024)
def _resolved(folder: Path) -> Path:
    """Folders resolved once per process: a project load names ~1 000 files in a few dozen folders
    (only for display: no file is opened by this name)."""
    return folder.resolve()
