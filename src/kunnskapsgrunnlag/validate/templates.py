"""Check every Jinja2 expression in slide text and notes by rendering with real contexts."""

from __future__ import annotations

from ..errors import Problem, display_path
from ..model import Catalogue, Kommune
from ..render.templating import TemplateProblem, render_slide, template_context


def check_templates(catalogue: Catalogue, samples: list[Kommune | None], root) -> list[Problem]:
    """One problem per broken field, rendered for the national deck and each sample municipality."""
    problems: set[Problem] = set()
    for slide in catalogue.slides.values():
        for kommune in samples:
            try:
                render_slide(slide, template_context(kommune, "Kunnskapsgrunnlag"))
            except TemplateProblem as exc:
                if exc.field == "notes" and slide.notes_path is not None:
                    problems.add(Problem(display_path(slide.notes_path, root), exc.line, exc.message))
                elif slide.path is not None:
                    first = slide.field_lines.get(exc.field, 1)
                    # A block scalar starts on the line after its key.
                    offset = exc.line if exc.line > 1 else 0
                    problems.add(Problem(display_path(slide.path, root), first + offset, f"{exc.field}: {exc.message}"))
    return sorted(problems)
