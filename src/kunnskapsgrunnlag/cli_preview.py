"""`kunnskapsgrunnlag preview`: a thin click front over preview.py."""

from __future__ import annotations

from pathlib import Path

import click

from .assemble import recipe_from_ids
from .build import prepare, registry_for, require_valid
from .cli_common import out_option, project_option, shown, slides_option, split_ids, user_errors
from .malform import Malform, choose_malform
from .preview import write_preview
from .project import Project
from .validate.templates import check_templates


@click.command("preview")
@click.argument("recipe", required=False)
@click.option(
    "--kommune", "kommune_query", metavar="NUMMER|NAVN", help="Kommunen presentasjonen lages for (nummer eller navn)."
)
@slides_option
@click.option(
    "--malform",
    "malform_name",
    type=click.Choice([m.value for m in Malform]),
    default=None,
    help="Målform (standard: kommunens eget valg, som for build).",
)
@out_option("Mappe for resultatet (standard: build/; bildene havner i <ut>/preview/).")
@project_option
@user_errors
def preview_command(
    project: Project,
    recipe: str | None,
    kommune_query: str | None,
    slide_ids: str | None,
    out_dir: Path | None,
    malform_name: str | None = None,
) -> None:
    """Lag PNG-bilder av hvert lysbilde og ett kontaktark av hele presentasjonen.

    Bildene gjør det lett å se over en endring uten å åpne PowerPoint. Lysbilder som er
    uendret siden sist, hentes fra hurtigbufferen (.cache/slide-images/, eller under
    $KUNNSKAPSGRUNNLAG_CACHE). Krever LibreOffice.

    \b
    Eksempler:
      kunnskapsgrunnlag preview --kommune 4003
      kunnskapsgrunnlag preview hvorfor-samordning
      kunnskapsgrunnlag preview --lysbilder tittel,samordningstrapp
    """
    registry = registry_for(project)
    kommune = registry.kommune(kommune_query) if kommune_query else None
    malform = Malform(malform_name) if malform_name else choose_malform(kommune, registry)
    catalogue, chosen = prepare(project, recipe, malform)
    if slide_ids:
        chosen = recipe_from_ids(catalogue, split_ids(slide_ids), chosen.title)
    require_valid(check_templates(catalogue, [kommune], project.root))
    preview = write_preview(project, catalogue, chosen, kommune, out_dir=out_dir)
    pictures = preview.pictures
    click.echo(
        f"Skrev {len(preview.thumbnails)} lysbildebilder og {preview.contact_sheet.name} til "
        f"{shown(preview.folder)}/ ({pictures.rendered} nye, {pictures.cached} fra hurtigbufferen)"
    )
