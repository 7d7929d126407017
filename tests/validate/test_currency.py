"""Notices for content that may be out of date: review dates and statistics. Today is pinned."""

from __future__ import annotations

from datetime import date

from click.testing import CliRunner

from kunnskapsgrunnlag.build import check, load_catalogue, registry_for
from kunnskapsgrunnlag.cli import main
from kunnskapsgrunnlag.render.theme import load_theme
from kunnskapsgrunnlag.stats.load import load_statistics, statistics_dir
from kunnskapsgrunnlag.validate.currency import (
    by_priority,
    months_between,
    period_end,
    review_notices,
    slide_statuses,
    statistics_notices,
)

TODAY = date(2026, 11, 28)


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def notices_of(tree, today=TODAY, max_age=24) -> list[str]:
    catalogue, problems = load_catalogue(tree.project)
    assert [p for p in problems if p.severity == "error"] == []
    return [str(n) for n in review_notices(catalogue, tree.root, today, max_age)]


def test_months_and_period_ends():
    assert months_between(date(2024, 11, 28), TODAY) == 24
    assert months_between(date(2024, 11, 29), TODAY) == 23
    assert period_end("2024") == date(2024, 12, 31)
    assert period_end("2021–2023") == date(2023, 12, 31)
    assert period_end("2024K2") == date(2024, 6, 30)
    assert period_end("u.å.") is None


def test_a_slide_without_a_review_date_gets_a_notice_naming_its_file(tree):
    assert notices_of(tree) == [
        "slides/00/forside.yaml: merknad: forside: ikke gjennomgått; sjekk innholdet mot dagens kunnskap "
        "og skriv reviewed: 2026-11-28 i lysbildet (eller for hele seksjonen i slides/sections.yaml)",
        "slides/00/poeng.yaml: merknad: poeng: ikke gjennomgått; sjekk innholdet mot dagens kunnskap "
        "og skriv reviewed: 2026-11-28 i lysbildet (eller for hele seksjonen i slides/sections.yaml)",
    ]


def test_a_section_date_covers_its_slides_and_a_slide_date_overrides_it(tree):
    tree.write(
        "slides/sections.yaml",
        """
        sections:
          - id: innledning
            title: Innledning
            numbered: false
            reviewed: 2024-01-15
            slides: [forside, poeng]
        """,
    )
    tree.write("slides/00/poeng.yaml", "id: poeng\ntitle: Tre\nlayout: bullets\nbullets: [a]\nreviewed: 2026-10-01\n")
    assert notices_of(tree) == [
        "slides/sections.yaml:5: merknad: seksjonen 'innledning' ble sist gjennomgått 2024-01-15, for 34 "
        "måneder siden (grensen er 24); datoen gjelder 1 lysbilder uten egen reviewed: – sjekk innholdet "
        "mot dagens kunnskap og sett ny dato"
    ]
    # Within the limit: nothing to say.
    assert notices_of(tree, max_age=36) == []


def test_an_old_or_future_slide_date_gets_a_notice_on_its_line(tree):
    tree.write(
        "slides/sections.yaml",
        "sections:\n  - id: innledning\n    title: Innledning\n    numbered: false\n"
        "    reviewed: 2026-11-01\n    slides: [forside, poeng]\n",
    )
    tree.write("slides/00/poeng.yaml", "id: poeng\ntitle: Tre\nlayout: bullets\nbullets: [a]\nreviewed: 2023-05-02\n")
    assert notices_of(tree) == [
        "slides/00/poeng.yaml:5: merknad: poeng: sist gjennomgått 2023-05-02, for 42 måneder siden "
        "(grensen er 24); sjekk innholdet mot dagens kunnskap og sett ny dato"
    ]
    tree.write("slides/00/poeng.yaml", "id: poeng\ntitle: Tre\nlayout: bullets\nbullets: [a]\nreviewed: 2027-01-01\n")
    assert "2027-01-01, en dato fram i tid" in notices_of(tree)[0]


def test_a_review_date_that_is_not_a_date_is_an_error_with_its_line(tree):
    tree.write("slides/00/poeng.yaml", "id: poeng\ntitle: Tre\nlayout: bullets\nbullets: [a]\nreviewed: 28.11.2026\n")
    project = tree.project
    errors = [str(p) for p in check(project, registry_for(project), load_theme(project.theme_file))]
    assert (
        "slides/00/poeng.yaml:5: reviewed: forventet en dato skrevet år-måned-dag, som 2026-11-28, "
        "fikk teksten '28.11.2026'" in errors
    )
    tree.write("slides/00/poeng.yaml", "id: poeng\ntitle: Tre\nlayout: bullets\nbullets: [a]\nreviewed: 2026-02-30\n")
    assert any("poeng.yaml:5: reviewed: forventet en dato" in str(p) for p in load_catalogue(project)[1])


def test_a_statistic_older_than_its_update_interval_gets_a_notice(project):
    store = load_statistics(statistics_dir(project.root), project.root)
    neet = store.indicators["neet"]
    assert (neet.period, neet.update_interval_months) == ("2024", 12)
    notices = [str(n) for n in statistics_notices({"neet": neet}, project.root, TODAY)]
    assert len(notices) == 1
    assert notices[0].startswith("data/statistikk/indikatorer.yaml:")
    assert "neet: 2024 er siste tall, og SSB publiserer nye tall årlig; se etter nyere tall" in notices[0]
    # In 2025 the 2024 figures are the newest SSB can have published.
    assert statistics_notices({"neet": neet}, project.root, date(2025, 11, 28)) == []


def test_every_indicator_says_how_often_it_is_updated(project):
    store = load_statistics(statistics_dir(project.root), project.root)
    assert [i.id for i in store.indicators.values() if not i.update_interval_months] == []


def test_status_puts_what_to_look_at_first_on_top(tree):
    tree.write("slides/00/poeng.yaml", "id: poeng\ntitle: Tre\nlayout: bullets\nbullets: [a]\nreviewed: 2025-03-01\n")
    catalogue, _ = load_catalogue(tree.project)
    statuses = by_priority(slide_statuses(catalogue))
    assert [s.slide.id for s in statuses] == ["forside", "poeng"]
    assert statuses[0].reviewed is None and statuses[0].sources == (("fafo-2019", "2019"),)
    assert statuses[0].newest_source_year == 2019
    assert statuses[1].age_months(TODAY) == 20


def test_check_prints_notices_and_strict_does_not_fail_on_them(tree):
    result = run("check", "--strict", "--dato", "2026-11-28", "--prosjekt", str(tree.root))
    assert result.exit_code == 0, result.output
    assert "slides/00/forside.yaml: merknad: forside: ikke gjennomgått" in result.output
    assert "data/statistikk/indikatorer.yaml:" in result.output and "neet: 2024 er siste tall" in result.output
    assert "Innholdet er i orden (0 advarsler," in result.stderr and "merknader)." in result.stderr


def test_check_max_age_can_be_set(tree):
    tree.write(
        "slides/sections.yaml",
        "sections:\n  - id: innledning\n    title: Innledning\n    numbered: false\n"
        "    reviewed: 2026-01-10\n    slides: [forside, poeng]\n",
    )
    quiet = run("check", "--dato", "2026-11-28", "--prosjekt", str(tree.root))
    strict = run("check", "--dato", "2026-11-28", "--maks-alder", "6", "--prosjekt", str(tree.root))
    assert "seksjonen 'innledning'" not in quiet.output
    assert (
        "seksjonen 'innledning' ble sist gjennomgått 2026-01-10, for 10 måneder siden (grensen er 6)" in strict.output
    )
    assert strict.exit_code == 0


def test_list_status_shows_review_dates_and_sources_with_years(project):
    result = run("list", "--status", "--dato", "2026-11-28", "--prosjekt", str(project.root))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["Gjennomgått", "Alder"]
    catalogue, _ = load_catalogue(project)
    assert len(lines) == 1 + sum(len(s.slide_ids) for s in catalogue.sections)  # a line per slide
    row = next(line for line in lines if " juridisk-rammeverk " in line)
    assert row.startswith("2026-11-28 (seksjon)")
    assert "prop-100-l-2020-2021 (2021)" in row and "samarbeid-til-barn-og-unges-beste-2018 (2018)" in row
    # Slides never reviewed come before reviewed ones.
    first_reviewed = next(i for i, line in enumerate(lines[1:]) if line.startswith("2026"))
    assert all(line.startswith("aldri") for line in lines[1 : first_reviewed + 1])
    assert any("statistikk-neet" in line and "tall for 2024" in line for line in lines)
