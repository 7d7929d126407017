"""The command line: a thin click front over the library. Exit codes: 0 ok, 1 content or data
errors, 2 usage errors (unknown option values included)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from . import __version__
from .assemble import recipe_from_ids
from .build import (
    build_one,
    check,
    load_catalogue,
    pending_translations,
    prepare,
    registry_for,
    render_options,
    require_valid,
)
from .cli_common import BoundaryGroup, out_option, project_option, shown, slides_option, split_ids, user_errors
from .cli_preview import preview_command
from .cli_serve import serve_command
from .cli_stats import stats_group
from .cli_status import check_notices, currency_options, print_status
from .companion import write_companions
from .malform import Malform, choose_malform
from .project import Project
from .recipe_file import load_recipe_file
from .render.incremental import IncrementalRenderer
from .render.theme import load_theme
from .validate.templates import check_templates


@click.group(cls=BoundaryGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kunnskapsgrunnlag")
@click.option("-v", "--verbose", is_flag=True, help="Fortell mer om hva som skjer (f.eks. skadede hurtigbufferfiler).")
def main(verbose: bool = False) -> None:
    """Bygger 0-24-kunnskapsgrunnlaget som en låst PowerPoint-presentasjon med talenotater.

    \b
    Eksempler:
      kunnskapsgrunnlag list
      kunnskapsgrunnlag check
      kunnskapsgrunnlag build --kommune 4003
      kunnskapsgrunnlag build hvorfor-samordning --kommune Skien
    """
    if verbose:
        import logging

        logging.basicConfig(level=logging.INFO, format="%(message)s", force=True)


@main.command("list")
@click.option(
    "--status",
    is_flag=True,
    help="Vis for hvert lysbilde når det sist ble gjennomgått, og kildene med årstall; "
    "det som bør sjekkes først, står øverst.",
)
@currency_options
@project_option
@user_errors
def list_command(project: Project, status: bool, max_age: int, today: date) -> None:
    """Lysbildekatalogen, seksjon for seksjon (id, tittel, layout), og oppskriftene.

    \b
    Eksempel:
      kunnskapsgrunnlag list --status
    """
    catalogue, problems = load_catalogue(project)
    if status:
        print_status(project, catalogue, today, max_age)
        return
    for section in catalogue.sections:
        marker = " (valgfri)" if section.optional else ""
        click.secho(f"{section.id}: {section.title}{marker}", bold=True)
        for slide_id in section.slide_ids:
            slide = catalogue.slides.get(slide_id)
            if slide is not None:
                click.echo(f"  {slide.id:<32} {slide.layout:<11} {slide.title}")
            else:
                click.echo(f"  {slide_id:<32} {'?':<11} (mangler)")
    if catalogue.recipes:
        click.secho("Oppskrifter:", bold=True)
        for recipe in catalogue.recipes.values():
            click.echo(f"  {recipe.id:<32} {recipe.title}")
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        click.echo(f"\n{len(errors)} feil i innholdet: kjør 'kunnskapsgrunnlag check'", err=True)


@main.command("check")
@click.option("--strict", is_flag=True, help="Behandle advarsler (tekst som ikke får plass) som feil.")
@currency_options
@project_option
@user_errors
def check_command(project: Project, strict: bool, max_age: int, today: date) -> None:
    """Kontroller alt innhold og skriv hvert problem som fil:linje: melding.

    Merknader (innhold som ikke er gjennomgått på lenge, tall som kan ha kommet i nyere utgave)
    skrives også, men gjør aldri at kontrollen feiler, heller ikke med --strict.

    \b
    Eksempel:
      kunnskapsgrunnlag check --strict
      kunnskapsgrunnlag check --maks-alder 12
    """
    problems = check(project, registry_for(project), load_theme(project.theme_file))
    for problem in problems:
        click.echo(str(problem))
    notices = check_notices(project, today, max_age)
    for notice in notices:
        click.echo(str(notice))
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    waiting = pending_translations(project)
    if waiting:
        click.echo(
            f"Nynorsk manglar enno for {len(waiting)} filer (translations/pending-nn.txt, "
            "laga av scripts/pending_nn.py); dei blir bygde på bokmål til dei er omsette.",
            err=True,
        )
    if errors or (strict and warnings):
        raise click.ClickException(f"{errors} feil og {warnings} advarsler")
    click.echo(f"Innholdet er i orden ({warnings} advarsler, {len(notices)} merknader).", err=True)


@main.command("build")
@click.argument("recipe", required=False)
@click.option(
    "--kommune",
    "kommune_queries",
    metavar="NUMMER|NAVN",
    multiple=True,
    help="Kommunen presentasjonen lages for (nummer eller navn). Kan gis flere ganger.",
)
@click.option(
    "--fylke", "fylker", metavar="NUMMER|NAVN", multiple=True, help="Én presentasjon for hver kommune i fylket."
)
@click.option(
    "--statsforvalter",
    "offices",
    metavar="KORTNAVN",
    multiple=True,
    help="Én presentasjon for hver kommune embetet dekker (f.eks. vestfold-og-telemark).",
)
@click.option("--alle", is_flag=True, help="Én presentasjon for hver av landets kommuner.")
@click.option(
    "-j",
    "--jobber",
    "jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Antall prosesser som bygger samtidig.",
)
@click.option("--force", is_flag=True, help="Bygg på nytt også presentasjoner der ingenting er endret.")
@slides_option
@click.option(
    "--oppskrift",
    "recipe_file",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FIL.yaml",
    help="Bygg fra en oppskriftsfil (f.eks. lastet ned fra nettsiden) i stedet for en oppskrift i recipes/.",
)
@out_option()
@click.option(
    "--passord", "password", help="Skrivebeskytt filen med dette passordet (åpnes skrivebeskyttet i Impress)."
)
@click.option("--pdf", "as_pdf", is_flag=True, help="Skriv også presentasjonen som PDF (krever LibreOffice).")
@click.option(
    "--notater/--uten-notater",
    "with_notes",
    default=None,
    help="Skriv notatdokumentet (.notater.docx og .notater.pdf; krever LibreOffice). "
    "Standard: ja for én presentasjon, nei for mange.",
)
@click.option(
    "--malform",
    "malform_name",
    type=click.Choice([m.value for m in Malform]),
    default=None,
    help="Målform for alle presentasjonene. Standard: kommunens eget valg (nøytrale kommuner får "
    "flertallsformen hos statsforvalteren; den nasjonale presentasjonen bokmål).",
)
@project_option
@user_errors
def build_command(
    project: Project,
    recipe: str | None,
    kommune_queries: tuple[str, ...],
    fylker: tuple[str, ...],
    offices: tuple[str, ...],
    alle: bool,
    jobs: int,
    force: bool,
    slide_ids: str | None,
    recipe_file: Path | None,
    out_dir: Path | None,
    password: str | None,
    as_pdf: bool,
    with_notes: bool | None,
    malform_name: str | None,
) -> None:
    """Bygg en presentasjon fra en oppskrift (standard: hele kunnskapsgrunnlaget), eller én per kommune.

    Med flere kommuner, --fylke, --statsforvalter eller --alle bygges én presentasjon per kommune,
    i parallell med -j. Uendrede presentasjoner hoppes over (se manifest.json i mappen); en feil
    stopper ikke de andre, men gir avslutningskode 1.

    \b
    Eksempler:
      kunnskapsgrunnlag build --kommune 4003
      kunnskapsgrunnlag build hvorfor-samordning --kommune Skien
      kunnskapsgrunnlag build --lysbilder tittel,gjenstridig-problem,samordningstrapp --kommune 4003
      kunnskapsgrunnlag build --fylke 40 -j 2
      kunnskapsgrunnlag build --statsforvalter vestfold-og-telemark -j 2 --force
      kunnskapsgrunnlag build --kommune 4601 --malform bokmal
      kunnskapsgrunnlag build --oppskrift min-oppskrift.yaml --kommune 4003
    """
    from .batch import BatchOptions, run_batch, select_kommuner

    if recipe_file is not None and recipe is not None:
        raise click.UsageError("gi enten en oppskrift fra recipes/ eller --oppskrift FIL.yaml, ikke begge")
    if password is not None and not password.strip():
        raise click.BadParameter(
            "passordet kan ikke være tomt (uten passord blir filen ikke beskyttet)", param_hint="--passord"
        )
    registry = registry_for(project)
    forced = Malform(malform_name) if malform_name else None
    ids = tuple(split_ids(slide_ids))
    if len(kommune_queries) > 1 or fylker or offices or alle:
        kommuner = select_kommuner(registry, kommune_queries, fylker, offices, alle)
        keep = bool(with_notes or as_pdf)  # only notes documents need the decks back
        options = BatchOptions(recipe, ids, out_dir, password, force, jobs, forced, recipe_file, keep)
        with click.progressbar(
            length=len(kommuner), label="Bygger", file=sys.stderr, item_show_func=lambda r: r.label if r else None
        ) as bar:
            summary = run_batch(project, registry, kommuner, options, on_result=lambda r: bar.update(1, r))
        if with_notes or as_pdf:
            _write_batch_companions(project, summary, as_pdf, bool(with_notes))
        _print_summary(summary)
        return
    kommune = registry.kommune(kommune_queries[0]) if kommune_queries else None
    malform = forced or choose_malform(kommune, registry)
    catalogue, chosen = prepare(project, recipe, malform)
    if recipe_file is not None:
        chosen = load_recipe_file(recipe_file, catalogue)
    if ids:
        chosen = recipe_from_ids(catalogue, list(ids), chosen.title)
    require_valid(check_templates(catalogue, [kommune], project.root))
    options = render_options(project, password)
    renderer = IncrementalRenderer(options, project.cache_dir)
    built = build_one(project, catalogue, chosen, kommune, options, out_dir, renderer=renderer.render)
    click.echo(
        f"Skrev {shown(built.path)} ({malform.label}, {len(built.deck.slides) + 1} lysbilder, "
        f"{built.size / 1024:.0f} KiB)"
    )
    notes = with_notes is None or with_notes
    if notes or as_pdf:
        for path in write_companions(project, built, pdf=as_pdf, notes=notes):
            click.echo(f"Skrev {shown(path)}")


def _write_batch_companions(project: Project, summary, as_pdf: bool, notes: bool) -> None:
    """Notes documents after a batch: slide pictures are cached, so shared slides render once."""
    from .build import BuiltDeck

    built = [r for r in summary.of("built") if r.path is not None and r.deck is not None]
    with click.progressbar(
        built, label="Notatdokumenter", file=sys.stderr, item_show_func=lambda r: r.label if r else None
    ) as results:
        for result in results:
            deck_file = BuiltDeck(result.path, result.deck, result.path.stat().st_size)
            write_companions(project, deck_file, pdf=as_pdf, notes=notes)


def _print_summary(summary) -> None:
    built, skipped, failed = summary.of("built"), summary.of("skipped"), summary.of("failed")
    click.echo(f"Bygget: {len(built)}, uendret (hoppet over): {len(skipped)}, feilet: {len(failed)}")
    for result in failed:
        click.echo(f"  feilet: {result.label}: {result.reason}", err=True)
    if failed:
        raise click.ClickException(f"{len(failed)} av {len(summary.results)} presentasjoner feilet")


if __name__ == "__main__":
    main()


main.add_command(stats_group)
main.add_command(preview_command)
main.add_command(serve_command)
