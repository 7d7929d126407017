"""The CLI side of currency: `check`'s notices and `list --status` (library in validate/currency.py)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, datetime

import click

from .build import load_catalogue
from .model import Catalogue
from .project import Project
from .stats.project import project_statistics_or_none
from .validate.currency import (
    DEFAULT_MAX_AGE_MONTHS,
    Notice,
    by_priority,
    review_notices,
    slide_statuses,
    statistics_notices,
)


def currency_options(command: Callable) -> Callable:
    """`--maks-alder` (months; also KUNNSKAPSGRUNNLAG_MAKS_ALDER) and `--dato` (today by default)."""

    @click.option(
        "--maks-alder",
        "max_age",
        metavar="MÅNEDER",
        type=click.IntRange(min=1, max=600),
        default=DEFAULT_MAX_AGE_MONTHS,
        show_default=True,
        envvar="KUNNSKAPSGRUNNLAG_MAKS_ALDER",
        help="Gi merknad når innhold ble gjennomgått for så mange måneder siden eller mer "
        "(reviewed: i lysbildet eller seksjonen).",
    )
    @click.option(
        "--dato",
        "today",
        metavar="ÅÅÅÅ-MM-DD",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        help="Vurder alderen som om det var denne datoen (standard: i dag).",
    )
    @functools.wraps(command)
    def wrapper(*args, max_age: int, today: datetime | None, **kwargs):
        return command(*args, max_age=max_age, today=today.date() if today else date.today(), **kwargs)

    return wrapper


def check_notices(project: Project, today: date, max_age: int) -> list[Notice]:
    """Review dates and statistics that may be out of date. Never raises for broken content:
    `check` reports that as errors."""
    catalogue, _ = load_catalogue(project)
    notices = review_notices(catalogue, project.root, today, max_age)
    store = project_statistics_or_none(project.root)
    if store is not None:
        notices += statistics_notices(store.indicators, project.root, today)
    return sorted(notices)


def print_status(project: Project, catalogue: Catalogue, today: date, max_age: int) -> None:
    """One line per slide, what to look at first at the top."""
    store = project_statistics_or_none(project.root)
    periods = {i.id: i.period for i in store.indicators.values()} if store else {}
    statuses = by_priority(slide_statuses(catalogue, periods))
    click.secho(f"{'Gjennomgått':<21} {'Alder':>7}  {'Nyeste kilde':<12}  {'Lysbilde':<28}  Kilder (år)", bold=True)
    for status in statuses:
        if status.reviewed is None:
            reviewed, age = "aldri", "–"
        else:
            reviewed = status.reviewed.isoformat() + (" (seksjon)" if status.inherited else "")
            months = status.age_months(today)
            age = f"{'!' if months >= max_age else ''}{months} mnd"
        sources = [f"{key} ({year})" for key, year in status.sources]
        if status.statistic_period:
            sources.insert(0, f"tall for {status.statistic_period}")
        newest = str(status.newest_source_year or "–")
        click.echo(
            f"{reviewed:<21} {age:>7}  {newest:<12}  {status.slide.id:<28}  {', '.join(sources) or '(ingen kilder)'}"
        )
    stale = sum(1 for s in statuses if s.reviewed is None or s.age_months(today) >= max_age)
    click.echo(
        f"\n{len(statuses)} lysbilder; {stale} er ikke gjennomgått eller er eldre enn {max_age} måneder "
        "(merket aldri eller !). Skriv reviewed: ÅÅÅÅ-MM-DD når innholdet er sjekket.",
        err=True,
    )
