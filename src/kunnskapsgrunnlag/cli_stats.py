"""`kunnskapsgrunnlag stats`: import, fetch and show the local statistics (thin click front)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import click

from .build import registry_for, slug
from .cli_common import project_option, user_errors
from .limits import DEFAULT_FETCH_DEADLINE_SECONDS
from .load.contentfile import decode_text, read_user_file
from .project import Project
from .stats.context import source_text, value_text
from .stats.fetch import fetch_table
from .stats.importing import Imported, ImportFailed, import_csv, import_jsonstat, parse_json
from .stats.load import statistics_dir
from .stats.project import project_statistics
from .stats.save import save_figures
from .stats.update import LICENCES
from .stats.validation import check_source


class _FiniteFloat(click.ParamType):
    """A number that is a number: NaN and infinity are refused with a message, not carried along."""

    name = "tall"

    def __init__(self, low: float = -math.inf, high: float = math.inf):
        self.low, self.high = low, high

    def convert(self, value, param, ctx):
        try:
            number = float(value)
        except (TypeError, ValueError):
            self.fail(f"forventet et tall, fikk {value!r}", param, ctx)
        if not math.isfinite(number):
            self.fail(f"forventet et endelig tall, fikk {value!r}", param, ctx)
        if not self.low <= number <= self.high:
            self.fail(f"forventet et tall fra {self.low:g} til {self.high:g}, fikk {value!r}", param, ctx)
        return number


FINITE = _FiniteFloat()


def _pairs(values: tuple[str, ...], option: str) -> dict[str, str]:
    out = {}
    for value in values:
        if "=" not in value:
            raise click.BadParameter(f"forventet DIMENSJON=VERDI, fikk {value!r}", param_hint=option)
        key, _, rest = value.partition("=")
        out[key.strip()] = rest.strip()
    return out


def _known_indicator(project: Project, indicator: str):
    store = project_statistics(project.root)
    if store is None or indicator not in store.indicators:
        from .errors import LookupFailed
        from .suggest import did_you_mean

        known = sorted(store.indicators) if store else []
        raise LookupFailed(
            f"ukjent indikator {indicator!r}{did_you_mean(indicator, known)} "
            f"(definer den i data/statistikk/indikatorer.yaml; kjente: {', '.join(known)})"
        )
    return store.indicators[indicator]


def _save(
    project: Project,
    indicator,
    imported: Imported,
    origin: str,
    source: str,
    table: str,
    licence: str,
    allow_mismatch: bool,
    raw: tuple[Path, bytes] | None = None,
) -> Path:
    """Check the source against the indicator and the figures against its range, then save."""
    mismatches = check_source(
        indicator, table=table, unit=imported.unit, contents_code=imported.contents_code, origin=origin
    )
    if mismatches and not (allow_mismatch and table):
        hint = "" if not table else "\n(er det meningen, bruk --tillat-avvik)"
        raise ImportFailed("\n".join(mismatches) + hint)
    return save_figures(
        project.root,
        indicator.id,
        imported.figures,
        source=source,
        table=table,
        licence=licence,
        origin=origin,
        header=f"Importert med «kunnskapsgrunnlag stats» fra {origin}.",
        raw=raw,
    )


def _report(target: Path, imported: Imported, project: Project) -> None:
    missing = sum(f.value is None for f in imported.figures)
    where = target.relative_to(project.root) if target.is_relative_to(project.root) else target
    click.echo(f"Skrev {where}: {len(imported.figures)} tall, {missing} mangler")
    if imported.unmapped:
        click.echo(
            f"Hoppet over {len(imported.unmapped)} regioner som ikke finnes i kommuneregisteret: "
            f"{', '.join(imported.unmapped[:10])}",
            err=True,
        )


@click.group("stats")
def stats_group() -> None:
    """Lokal statistikk: importer, hent fra SSB og vis tallene for en kommune.

    \b
    Eksempler:
      kunnskapsgrunnlag stats show --kommune 4003
      kunnskapsgrunnlag stats import ssb-13556.json --indikator neet
      kunnskapsgrunnlag stats fetch 13556 --indikator neet --verdier Region=4003,40,0 --verdier Tid=top(1)
    """


allow_mismatch_option = click.option(
    "--tillat-avvik",
    "allow_mismatch",
    is_flag=True,
    help="Importer selv om tabellnummer, enhet eller statistikkvariabel ikke er den indikatoren venter.",
)


@stats_group.command("import")
@click.argument("file", type=click.Path(path_type=Path))  # read_user_file says what is wrong with it
@click.option("--indikator", "indicator", required=True, help="Indikator-id fra data/statistikk/indikatorer.yaml.")
@click.option(
    "--velg",
    "select",
    multiple=True,
    metavar="DIM=KODE",
    help="Velg én kode i en dimensjon med flere verdier (JSON-stat), f.eks. ContentsCode=Andel.",
)
@click.option(
    "--faktor",
    type=FINITE,
    default=1.0,
    show_default=True,
    help="Gang verdiene med dette (100 gjør andeler om til prosent).",
)
@click.option("--periode", help="Perioden, for CSV uten periodekolonne.")
@click.option("--kilde", "source", default="SSB", show_default=True, help="Kilden (SSB eller FHI).")
@click.option(
    "--tabell",
    "table",
    default="",
    help="Tabellnummeret (standard: fra JSON-stat-filen; påkrevd for CSV). Må stå i indikatorens tables.",
)
@click.option("--lisens", "licence", default="NLOD / CC BY 4.0", show_default=True)
@allow_mismatch_option
@project_option
@user_errors
def import_command(
    project: Project,
    file: Path,
    indicator: str,
    select: tuple[str, ...],
    faktor: float,
    periode: str | None,
    source: str,
    table: str,
    licence: str,
    allow_mismatch: bool,
) -> None:
    """Importer JSON-stat 2.0 (SSB/FHI) eller CSV til data/statistikk/tall/.

    Regionkoder knyttes til kommuneregisteret; SSBs symboler .. : . blir manglende verdier med
    grunn, aldri 0.

    \b
    Eksempler:
      kunnskapsgrunnlag stats import 13556.json --indikator neet
      kunnskapsgrunnlag stats import barnehage.csv --indikator barnehage --tabell 13502 --faktor 100
    """
    selected = _pairs(select, "--velg")
    definition = _known_indicator(project, indicator)
    registry = registry_for(project)
    text = decode_text(read_user_file(file), str(file))
    if file.suffix.lower() == ".csv":
        imported = import_csv(text, indicator, registry, origin=str(file), period=periode, factor=faktor)
    else:
        imported = import_jsonstat(
            parse_json(text, str(file)),
            indicator,
            registry,
            origin=str(file),
            select=selected,
            factor=faktor,
        )
    target = _save(project, definition, imported, file.name, source, table or imported.table, licence, allow_mismatch)
    _report(target, imported, project)


@stats_group.command("fetch")
@click.argument("table")
@click.option("--indikator", "indicator", required=True, help="Indikator-id fra data/statistikk/indikatorer.yaml.")
@click.option(
    "--verdier",
    "values",
    multiple=True,
    metavar="DIM=KODER",
    help="valueCodes, f.eks. Region=4003,40,0 eller Tid=top(1). Kan gis flere ganger.",
)
@click.option(
    "--kodeliste",
    "codelists",
    multiple=True,
    metavar="DIM=LISTE",
    default=("Region=agg_KommGjeldende",),
    show_default=True,
    help="codelist for en dimensjon.",
)
@click.option("--velg", "select", multiple=True, metavar="DIM=KODE", help="Som for import.")
@click.option("--faktor", type=FINITE, default=1.0, show_default=True)
@click.option("--api", help="PxWebApi v2-adressen (standard: SSB, eller $KUNNSKAPSGRUNNLAG_SSB_API).")
@click.option(
    "--timeout",
    type=_FiniteFloat(0.1, 3600),
    default=DEFAULT_FETCH_DEADLINE_SECONDS,
    show_default=True,
    help="Frist i sekunder for hele hentingen: tilkobling, alle forsøk og ventetid mellom dem.",
)
@click.option(
    "--forsok",
    "retries",
    type=click.IntRange(0, 10),
    default=3,
    show_default=True,
    help="Nye forsøk etter tidsavbrudd eller serverfeil.",
)
@allow_mismatch_option
@project_option
@user_errors
def fetch_command(
    project: Project,
    table: str,
    indicator: str,
    values: tuple[str, ...],
    codelists: tuple[str, ...],
    select: tuple[str, ...],
    faktor: float,
    api: str | None,
    timeout: float,
    retries: int,
    allow_mismatch: bool,
) -> None:
    """Hent en tabell fra SSBs PxWebApi v2 (JSON-stat 2.0) og importer den.

    Råsvaret lagres i data/statistikk/kilder/ så importen kan gjentas uten nett.

    \b
    Eksempel:
      kunnskapsgrunnlag stats fetch 13556 --indikator neet --verdier Region=* --verdier Tid=top(1)
    """
    definition = _known_indicator(project, indicator)
    data = fetch_table(
        table, _pairs(values, "--verdier"), _pairs(codelists, "--kodeliste"), api=api, timeout=timeout, retries=retries
    )
    imported = import_jsonstat(
        data,
        indicator,
        registry_for(project),
        origin=f"SSB tabell {table}",
        select=_pairs(select, "--velg"),
        factor=faktor,
    )
    # The raw answer is kept beside the figures, but only once they have passed every check:
    # a failed fetch never replaces the last good copy.
    raw = statistics_dir(project.root) / "kilder" / f"ssb-{slug(table)}.json"
    answer = (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    target = _save(
        project,
        definition,
        imported,
        f"SSB PxWebApi v2, tabell {table}",
        "SSB",
        imported.table or table,
        "NLOD / CC BY 4.0 (Kilde: SSB)",
        allow_mismatch,
        raw=(raw, answer),
    )
    _report(target, imported, project)


@stats_group.command("oppdater")
@click.option("--statsforvalter", "office_query", metavar="NAVN", help="Embetet, f.eks. vestland (alle fylkene dets).")
@click.option("--fylke", "county_queries", multiple=True, metavar="NUMMER|NAVN", help="Et fylke (flere ganger).")
@click.option("--indikator", "only", multiple=True, help="Bare denne indikatoren (kan gis flere ganger).")
@click.option("--bare-vis", "dry_run", is_flag=True, help="Vis spørringene uten å hente noe.")
@click.option("--ssb-api", help="PxWebApi v2-adressen (standard: SSB, eller $KUNNSKAPSGRUNNLAG_SSB_API).")
@click.option("--fhi-api", help="FHIs åpne API (standard: FHI, eller $KUNNSKAPSGRUNNLAG_FHI_API).")
@click.option("--timeout", type=float, default=30.0, show_default=True, help="Sekunder per forsøk.")
@click.option("--forsok", "retries", type=click.IntRange(0, 10), default=3, show_default=True)
@project_option
@user_errors
def update_command(
    project: Project,
    office_query: str | None,
    county_queries: tuple[str, ...],
    only: tuple[str, ...],
    dry_run: bool,
    ssb_api: str | None,
    fhi_api: str | None,
    timeout: float,
    retries: int,
) -> None:
    """Hent alle indikatorene for et embetes fylker fra SSB og FHI, og importer dem.

    Hver indikator med et fetch-oppsett i data/statistikk/indikatorer.yaml hentes for landet,
    fylkene og alle kommunene i dem. Råsvaret lagres i data/statistikk/kilder/, og tallene går
    gjennom samme import og kontroll som «stats import». Én feil stopper ikke de andre.

    \b
    Eksempler:
      kunnskapsgrunnlag stats oppdater --statsforvalter vestland
      kunnskapsgrunnlag stats oppdater --fylke 46 --fylke 15 --bare-vis
    """
    from .stats.fetch import FetchFailed
    from .stats.load import fetch_configs
    from .stats.update import fetch, import_answer, plan, regions_for

    registry = registry_for(project)
    if not office_query and not county_queries:
        raise click.UsageError("oppgi --statsforvalter eller --fylke")
    counties = list(registry.office(office_query).fylker) if office_query else []
    counties += [registry.fylke(q).nummer for q in county_queries]
    store = project_statistics(project.root)
    if store is None:
        raise ImportFailed(f"{statistics_dir(project.root)}: fant ingen statistikk (indikatorer.yaml)")
    for indicator in only:
        _known_indicator(project, indicator)
    configs = fetch_configs(statistics_dir(project.root))
    wanted = set(only) or set(store.indicators)
    plans = [p for p in plan(store.indicators, configs, regions_for(registry, counties)) if p.indicator in wanted]
    skipped = sorted(wanted - {p.indicator for p in plans})
    if skipped:
        click.echo(f"Uten fetch-oppsett i indikatorer.yaml (hentes ikke): {', '.join(skipped)}", err=True)
    name = slug("-".join(counties))
    failed = 0
    for p in plans:
        if dry_run:
            click.echo(p.describe())
            continue
        source = "FHI" if p.service == "fhi" else "SSB"
        raw = statistics_dir(project.root) / "kilder" / f"{p.service}-{slug(p.table)}-{name}.json"
        try:
            data = fetch(p, ssb_api=ssb_api, fhi_api=fhi_api, timeout=timeout, retries=retries)
            imported = import_answer(p, data, registry)
            # The raw answer is kept only once its figures have passed every check (stats/save.py).
            target = _save(
                project,
                store.indicators[p.indicator],
                imported,
                p.origin,
                source,
                p.table,
                LICENCES[p.service],
                False,
                raw=(raw, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")),
            )
        except (FetchFailed, ImportFailed) as exc:
            failed += 1
            click.echo(f"{p.indicator}: {exc}", err=True)
            continue
        _report(target, imported, project)
    if failed:
        raise click.exceptions.Exit(1)


@stats_group.command("show")
@click.option("--kommune", "kommune_query", metavar="NUMMER|NAVN", help="Kommunen (uten: bare landstall).")
@project_option
@user_errors
def show_command(project: Project, kommune_query: str | None) -> None:
    """Vis kommunens tall ved siden av fylket og landet, med periode og kilde.

    \b
    Eksempel:
      kunnskapsgrunnlag stats show --kommune Skien
    """
    kommune = registry_for(project).kommune(kommune_query) if kommune_query else None
    store = project_statistics(project.root)
    if store is None:
        raise ImportFailed(f"{statistics_dir(project.root)}: fant ingen statistikk (indikatorer.yaml)")
    for comparison in store.comparisons(kommune).values():
        ind = comparison.indicator
        click.secho(f"{ind.id}: {ind.label}", bold=True)
        rows = [
            ("kommune", comparison.kommune_navn, comparison.kommune),
            ("fylke", comparison.fylke_navn, comparison.fylke),
            ("land", "Hele landet", comparison.land),
        ]
        for role, name, figure in rows:
            if name is None:
                continue
            period = figure.period if figure else ind.period
            line = f"  {name:<16} {value_text(figure, ind, role):<34} {period:<16} {source_text(figure, ind)}"
            if figure is not None and figure.value is None and figure.missing:
                line += f"  [{figure.missing}]"
            click.echo(line)
