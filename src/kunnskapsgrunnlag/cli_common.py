"""What every command shares: the project option, user errors as messages, common options.

Exit codes: 0 ok, 1 content or data errors, 2 usage errors (unknown names included).
"""

from __future__ import annotations

import functools
from pathlib import Path

import click

from . import diskcache
from .errors import ContentError, KunnskapsgrunnlagError, LookupFailed
from .project import open_project


def project_option(func):
    @click.option(
        "--prosjekt",
        "project_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Prosjektmappen (den med slides/sections.yaml). Standard: denne mappen eller en over.",
    )
    @functools.wraps(func)
    def wrapper(*args, project_dir: Path | None, **kwargs):
        try:
            project = open_project(project_dir)
        except KunnskapsgrunnlagError as exc:
            raise click.ClickException(str(exc)) from exc
        diskcache.configure(project.cache_dir)  # charts drawn once are kept between runs
        return func(*args, project=project, **kwargs)

    return wrapper


def user_errors(func):
    """User mistakes become a clear message and exit 1 (2 for unknown names), never a traceback."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except LookupFailed as exc:
            raise click.UsageError(str(exc)) from exc
        except ContentError as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            raise click.ClickException(f"{len(exc.problems)} feil i innholdet; ingenting ble skrevet") from exc
        except KunnskapsgrunnlagError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper


slides_option = click.option(
    "--lysbilder",
    "slide_ids",
    metavar="ID,ID,…",
    help="Egen rekkefølge: seksjons- eller lysbilde-id-er, kommaseparert (i stedet for en oppskrift).",
)


def out_option(help_text: str = "Mappe for resultatet (standard: build/)."):
    return click.option("--ut", "out_dir", type=click.Path(file_okay=False, path_type=Path), help=help_text)


def split_ids(slide_ids: str | None) -> list[str]:
    return [s.strip() for s in slide_ids.split(",") if s.strip()] if slide_ids else []


def shown(path: Path) -> Path:
    """A path as short as the user can follow it: relative to where they stand, when it is below."""
    return path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path
