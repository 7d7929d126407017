"""Notices: content and figures that may no longer be current.

A notice is a third class beside errors and warnings. `check` prints notices but never fails on
them, not even with `--strict`: a date passes without anyone touching the content, and the
shipped figures cannot be refreshed without a network. They tell an editor where to look first.

Two kinds:
- review age: every slide carries `reviewed: YYYY-MM-DD`, or inherits its section's date in
  slides/sections.yaml; a slide with no date, or with one older than the maximum age, gets one;
- statistics: an indicator's latest period (the period the deck shows) ended longer ago than its
  `update_interval_months` in data/statistikk/indikatorer.yaml, so newer figures may exist.

Everything here takes `today` as an argument, so tests (and `check --dato`) pin it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import display_path
from ..load.yamlsource import LocatedMap, YamlSyntaxError, read_yaml
from ..model import Catalogue, Section, Slide

DEFAULT_MAX_AGE_MONTHS = 24
SECTIONS_FILE = Path("slides") / "sections.yaml"
INDICATORS_FILE = Path("data") / "statistikk" / "indikatorer.yaml"

_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_QUARTER = re.compile(r"(\d{4})\s*[Kk]([1-4])\s*$")


@dataclass(frozen=True, order=True)
class Notice:
    """Something an editor should look at; never an error."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: merknad: {self.message}"


@dataclass(frozen=True)
class SlideStatus:
    """What `list --status` shows for one slide: its review date, its sources and their years."""

    slide: Slide
    section: Section
    reviewed: date | None
    inherited: bool  # the date is the section's, not the slide's own
    sources: tuple[tuple[str, str], ...]  # (key, year as written in the bibliography)
    newest_source_year: int | None
    statistic_period: str | None  # statistic slides: the period of the figures shown

    def age_months(self, today: date) -> int | None:
        return None if self.reviewed is None else months_between(self.reviewed, today)


def months_between(earlier: date, later: date) -> int:
    """Whole months from `earlier` to `later` (negative if `earlier` is later)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


def period_end(period: str) -> date | None:
    """The last day of a period as the statistics write it: "2024", "2021–2023", "2024K2"."""
    quarter = _QUARTER.search(period)
    if quarter:
        year, q = int(quarter.group(1)), int(quarter.group(2))
        return date(year, 3 * q, 30 if q in (2, 3) else 31)
    years = _YEAR.findall(period)
    return date(int(years[-1]), 12, 31) if years else None


def newest_year(text: str) -> int | None:
    years = [int(y) for y in _YEAR.findall(text)]
    return max(years) if years else None


def slide_statuses(catalogue: Catalogue, statistic_periods: dict[str, str] | None = None) -> list[SlideStatus]:
    """Every slide listed in a section, in section order."""
    periods = statistic_periods or {}
    out = []
    for section in catalogue.sections:
        for slide_id in section.slide_ids:
            slide = catalogue.slides.get(slide_id)
            if slide is None:
                continue
            sources = tuple(
                (key, catalogue.sources[key].year if key in catalogue.sources else "?") for key in slide.sources
            )
            years = [y for _, year in sources if (y := newest_year(year)) is not None]
            period = periods.get(slide.content.indicator) if slide.content.indicator else None
            out.append(
                SlideStatus(
                    slide=slide,
                    section=section,
                    reviewed=slide.reviewed or section.reviewed,
                    inherited=slide.reviewed is None and section.reviewed is not None,
                    sources=sources,
                    newest_source_year=max(years) if years else None,
                    statistic_period=period,
                )
            )
    return out


def by_priority(statuses: list[SlideStatus]) -> list[SlideStatus]:
    """What to look at first: never reviewed, then the oldest review, then the oldest sources."""
    return sorted(
        statuses,
        key=lambda s: (s.reviewed or date.min, s.newest_source_year or 0, s.slide.id),
    )


def review_notices(catalogue: Catalogue, root: Path, today: date, max_age_months: int) -> list[Notice]:
    """A notice per slide without a review date or with its own date too old, and one per
    section whose date is too old (it stands for all its slides without a date of their own)."""
    notices = []
    sections_display = str(SECTIONS_FILE)
    for section in catalogue.sections:
        if section.reviewed is not None:
            stale = _stale(section.reviewed, today, max_age_months)
            if stale:
                inheriting = [
                    i for i in section.slide_ids if i in catalogue.slides and not catalogue.slides[i].reviewed
                ]
                notices.append(
                    Notice(
                        sections_display,
                        section.reviewed_line,
                        f"seksjonen '{section.id}' ble sist gjennomgått {stale}; datoen gjelder {len(inheriting)} "
                        "lysbilder uten egen reviewed: – sjekk innholdet mot dagens kunnskap og sett ny dato",
                    )
                )
    for status in slide_statuses(catalogue):
        slide = status.slide
        where = display_path(slide.path, root) if slide.path else slide.id
        if status.reviewed is None:
            notices.append(
                Notice(
                    where,
                    None,
                    f"{slide.id}: ikke gjennomgått; sjekk innholdet mot dagens kunnskap og skriv reviewed: "
                    f"{today.isoformat()} i lysbildet (eller for hele seksjonen i {sections_display})",
                )
            )
        elif not status.inherited:
            stale = _stale(status.reviewed, today, max_age_months)
            if stale:
                notices.append(
                    Notice(
                        where,
                        slide.field_lines.get("reviewed"),
                        f"{slide.id}: sist gjennomgått {stale}; sjekk innholdet mot dagens kunnskap og sett ny dato",
                    )
                )
    return notices


def _stale(reviewed: date, today: date, max_age_months: int) -> str | None:
    """How the date reads in a notice if it calls for one, else None."""
    if reviewed > today:
        return f"{reviewed.isoformat()}, en dato fram i tid"
    age = months_between(reviewed, today)
    if age >= max_age_months:
        return f"{reviewed.isoformat()}, for {age} måneder siden (grensen er {max_age_months})"
    return None


def statistics_notices(indicators: dict, root: Path, today: date) -> list[Notice]:
    """A notice per indicator whose latest period ended longer ago than its update interval.

    `indicators` maps id to `stats.model.Indicator` (anything with id, period, source and
    update_interval_months).
    """
    lines = _indicator_lines(root)
    notices = []
    for indicator in indicators.values():
        interval = getattr(indicator, "update_interval_months", None)
        end = period_end(indicator.period) if interval else None
        if end is None or months_between(end, today) <= interval:
            continue
        # "SSB publiserer årlig" names the publisher; a one-off source ("OECD 2018") is no publisher.
        who = indicator.source if indicator.source and not re.search(r"\d", indicator.source) else "kilden"
        notices.append(
            Notice(
                str(INDICATORS_FILE),
                lines.get(indicator.id),
                f"{indicator.id}: {indicator.period} er siste tall, og {who} publiserer nye tall "
                f"{how_often(interval)}; se etter nyere tall (kunnskapsgrunnlag stats fetch/import)",
            )
        )
    return notices


def how_often(months: int) -> str:
    return {1: "månedlig", 3: "hvert kvartal", 6: "hvert halvår", 12: "årlig"}.get(months, f"hver {months}. måned")


def _indicator_lines(root: Path) -> dict[str, int]:
    """Line of each indicator's `period:` (or of its id), so a notice points where to edit."""
    path = root / INDICATORS_FILE
    try:
        data = read_yaml(path, str(INDICATORS_FILE)) if path.is_file() else None
    except (YamlSyntaxError, OSError):  # broken files are check's errors, not notices
        return {}
    if not isinstance(data, LocatedMap):
        return {}
    return {
        key: entry.line_of("period") if isinstance(entry, LocatedMap) else data.line_of(key)
        for key, entry in data.items()
    }
