"""`kunnskapsgrunnlag preview`: a thin click front over preview.py, registered by cli.py.

It does not import cli.py (cli.py imports this module), so it carries its own small error
handling with the same rules: user mistakes give a plain message and exit 1 (2 for unknown
names), never a traceback.
"""

from __future__ import annotations

from pathlib import Path

import click

from .assemble import recipe_from_ids
from .build import prepare, registry_for, require_valid
from .errors import ContentError, KunnskapsgrunnlagError, LookupFailed
from .preview import write_preview
from .project import open_project
from .validate.templates import check_templates


@click.command("preview")
@click.argument("recipe", required=False)
@click.option(
    "--kommune", "kommune_query", metavar="NUMMER|NAVN", help="Kommunen presentasjonen lages for (nummer eller navn)."
)
@click.option(
    "--lysbilder",
    "slide_ids",
    metavar="ID,ID,…",
    help="Egen rekkefølge: seksjons- eller lysbilde-id-er, kommaseparert (i stedet for en oppskrift).",
)
@click.option(
    "--ut",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Mappe for resultatet (standard: build/; bildene havner i <ut>/preview/).",
)
@click.option(
    "--prosjekt",
    "project_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Prosjektmappen (den med slides/sections.yaml). Standard: denne mappen eller en over.",
)
def preview_command(
    recipe: str | None, kommune_query: str | None, slide_ids: str | None, out_dir: Path | None, project_dir: Path | None
) -> None:
    """Lag PNG-bilder av hvert lysbilde og ett kontaktark av hele presentasjonen.

    Bildene gjør det lett å se over en endring uten å åpne PowerPoint. Lysbilder som er
    uendret siden sist, hentes fra hurtigbufferen (.cache/slide-images/). Krever LibreOffice.

    \b
    Eksempler:
      kunnskapsgrunnlag preview --kommune 4003
      kunnskapsgrunnlag preview hvorfor-samordning
      kunnskapsgrunnlag preview --lysbilder tittel,samordningstrapp
    """
    try:
        project = open_project(project_dir)
        registry = registry_for(project)
        kommune = registry.kommune(kommune_query) if kommune_query else None
        catalogue, chosen = prepare(project, recipe)
        if slide_ids:
            ids = [s.strip() for s in slide_ids.split(",") if s.strip()]
            chosen = recipe_from_ids(catalogue, ids, chosen.title)
        require_valid(check_templates(catalogue, [kommune], project.root))
        preview = write_preview(project, catalogue, chosen, kommune, out_dir=out_dir)
    except LookupFailed as exc:
        raise click.UsageError(str(exc)) from exc
    except ContentError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(f"{len(exc.problems)} feil i innholdet; ingenting ble skrevet") from exc
    except KunnskapsgrunnlagError as exc:
        raise click.ClickException(str(exc)) from exc
    pictures = preview.pictures
    click.echo(
        f"Skrev {len(preview.thumbnails)} lysbildebilder og {preview.contact_sheet.name} til "
        f"{_shown(preview.folder)}/ ({pictures.rendered} nye, {pictures.cached} fra hurtigbufferen)"
    )


def _shown(path: Path) -> Path:
    return path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path
