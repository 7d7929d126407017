"""Check every Jinja2 expression in slide text and notes by rendering with real contexts."""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem, display_path
from ..model import Catalogue, Kommune, Slide
from ..render.templating import TemplateProblem, render_slide, template_context


def check_templates(catalogue: Catalogue, samples: list[Kommune | None], root: Path) -> list[Problem]:
    """One problem per broken slide: the first sample that fails it (a municipality before none)."""
    from ..stats.project import project_statistics_or_none

    store = project_statistics_or_none(root)
    problems: list[Problem] = []
    ordered = sorted(samples, key=lambda k: k is None)
    contexts: dict[int, dict] = {}  # by sample: the same for every slide, so built once

    def context(index: int) -> dict:
        if index not in contexts:
            kommune = ordered[index]
            comparisons = store.comparisons(kommune) if store else None
            contexts[index] = template_context(kommune, "Kunnskapsgrunnlag", comparisons, catalogue.malform)
        return contexts[index]

    for slide in catalogue.slides.values():
        for index, kommune in enumerate(ordered):
            try:
                render_slide(slide, context(index))
            except TemplateProblem as exc:
                national = kommune is None and len(ordered) > 1
                problems.append(_problem(slide, exc, root, national))
                break
    return sorted(problems)


def _problem(slide: Slide, exc: TemplateProblem, root: Path, national: bool) -> Problem:
    message = exc.message
    if national:
        message += " (i den nasjonale presentasjonen er kommune tom: bruk {% if kommune %}…{% endif %})"
    if exc.field == "notes" and slide.notes_path is not None:
        return Problem(display_path(slide.notes_path, root), exc.line, message)
    first = slide.field_lines.get(exc.field, 1)
    # A block scalar's text starts on the line after its key.
    offset = exc.line if exc.line > 1 else 0
    return Problem(
        display_path(slide.path, root) if slide.path else slide.id, first + offset, f"{exc.field}: {message}"
    )
