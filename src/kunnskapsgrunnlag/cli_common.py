"""What every command shares: the project option, user errors as messages, common options.

Exit codes: 0 ok, 1 content or data errors, 2 usage errors (unknown names included).
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import click

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


class BoundaryGroup(click.Group):
    """The one CLI error boundary: every failure leaves as one line starting «feil:», exit 1 or 2.

    Usage mistakes (unknown options, bad values, unknown names) exit 2; content, data and file
    system problems exit 1. An unexpected exception (a bug) is one line too, unless
    KUNNSKAPSGRUNNLAG_DEBUG is set, which shows the traceback for a bug report.
    """

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx is not None else "kunnskapsgrunnlag"
            _fail(f"{usage_text(exc)} (se «{where} --help»)", 2)
        except click.ClickException as exc:
            _fail(exc.format_message(), exc.exit_code)
        except click.Abort:
            _fail("avbrutt", 1)
        except LookupFailed as exc:
            _fail(str(exc), 2)
        except ContentError as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            _fail(f"{len(exc.problems)} feil i innholdet; ingenting ble skrevet", 1)
        except KunnskapsgrunnlagError as exc:
            _fail(str(exc), 1)
        except OSError as exc:
            _fail(os_error_text(exc), 1)
        except (RecursionError, MemoryError) as exc:
            _fail(f"inndataene er for store eller nøstet for dypt ({type(exc).__name__})", 1)
        except Exception as exc:  # a bug: one line for the user, the traceback on request
            if os.environ.get("KUNNSKAPSGRUNNLAG_DEBUG"):
                raise
            _fail(
                f"intern feil ({type(exc).__name__}: {exc}); kjør igjen med KUNNSKAPSGRUNNLAG_DEBUG=1 "
                "og meld feilen med utskriften",
                1,
            )
        sys.exit(result if isinstance(result, int) else 0)


def usage_text(exc: click.UsageError) -> str:
    """Click's usage errors in Norwegian framing (the detail may still be click's own words)."""
    if isinstance(exc, click.NoSuchOption):
        close = f"; mente du {', '.join(sorted(exc.possibilities))}?" if exc.possibilities else ""
        return f"ukjent valg {exc.option_name}{close}"
    if isinstance(exc, click.BadParameter):
        hint = exc.param_hint or (max(exc.param.opts, key=len) if exc.param is not None and exc.param.opts else "")
        if isinstance(hint, list | tuple):
            hint = " / ".join(hint)
        if isinstance(exc, click.MissingParameter):
            return f"mangler {hint or 'en verdi'}"
        return f"ugyldig verdi for {hint}: {exc.message}" if hint else exc.message
    return exc.message


def _fail(message: str, code: int) -> None:
    click.echo(f"feil: {message}", err=True)
    sys.exit(code)


def os_error_text(exc: OSError) -> str:
    """An operating-system error as the user can act on it: which file, and why, in Norwegian."""
    import errno

    reasons = {
        errno.ENOENT: "finnes ikke",
        errno.ENOTDIR: "en del av stien er en fil, ikke en mappe",
        errno.EEXIST: "finnes allerede (som fil der en mappe trengs?)",
        errno.EACCES: "ingen tilgang",
        errno.EPERM: "ikke tillatt",
        errno.EROFS: "filsystemet er skrivebeskyttet",
        errno.ENOSPC: "disken er full",
        errno.EISDIR: "er en mappe, ikke en fil",
        errno.ENAMETOOLONG: "navnet er for langt",
    }
    why = reasons.get(exc.errno, exc.strerror or str(exc))
    return f"{exc.filename}: {why}" if exc.filename else why
