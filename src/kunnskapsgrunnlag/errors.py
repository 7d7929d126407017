"""One family of exceptions for user mistakes, and the `Problem` they carry.

Anything that is not a `KunnskapsgrunnlagError` is a bug and may show its traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
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
        return str((path.parent.resolve() / path.name).relative_to(root.resolve()))
    except (ValueError, OSError, RuntimeError):
        return str(path)
