"""Recipes as files a user carries around: read one (`build --oppskrift FIL.yaml`), or write one
from a choice of slides (the web builder's "last ned oppskrift").

A file read here is checked exactly as the shipped recipes in `recipes/` are, and a problem
names the file and line. A file written here reads back to the same deck.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import yaml

from .errors import ContentError, Problem
from .load.files import RawFile
from .load.yamlsource import YamlSyntaxError, parse_yaml
from .model import Catalogue, Recipe, RecipeItem
from .validate.content import recipe_from_file

# A recipe lists at most every section and slide once; a file far larger is not a recipe.
MAX_RECIPE_BYTES = 256 * 1024


def load_recipe_file(path: Path, catalogue: Catalogue) -> Recipe:
    """The recipe in `path`, validated against the catalogue; `ContentError` with file:line if not."""
    display = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_RECIPE_BYTES:
            raise ContentError(
                [Problem(display, None, f"filen er {size} byte; en oppskrift er høyst {MAX_RECIPE_BYTES} byte")]
            )
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise ContentError([Problem(display, None, f"kunne ikke lese filen: {exc.strerror or exc}")]) from exc
    except UnicodeDecodeError as exc:
        raise ContentError([Problem(display, None, f"filen er ikke UTF-8: {exc}")]) from exc
    try:
        data = parse_yaml(text, display)
    except YamlSyntaxError as exc:
        raise ContentError([exc.problem]) from exc
    recipe, problems = recipe_from_file(RawFile(path, display, data), catalogue)
    errors = [p for p in problems if p.severity == "error"]
    if errors or recipe is None:
        raise ContentError(errors or [Problem(display, 1, "title: forventet en tittel")])
    return recipe


def compact_items(catalogue: Catalogue, slide_ids: Sequence[str]) -> list[RecipeItem]:
    """Slide ids in deck order as recipe items: a whole section, in its own order, becomes one item."""
    items: list[RecipeItem] = []
    i = 0
    while i < len(slide_ids):
        section = catalogue.section_of(slide_ids[i])
        run = list(section.slide_ids)
        if run and list(slide_ids[i : i + len(run)]) == run:
            items.append(RecipeItem("section", section.id))
            i += len(run)
        else:
            items.append(RecipeItem("slide", slide_ids[i]))
            i += 1
    return items


def recipe_yaml(title: str, items: Sequence[RecipeItem], description: str | None = None) -> str:
    """A recipe file's text, in the shape of the shipped recipes (title, description, include)."""
    data: dict[str, object] = {"title": title}
    if description:
        data["description"] = description
    data["include"] = [{item.kind: item.ref} for item in items]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
