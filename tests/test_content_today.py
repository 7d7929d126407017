"""What has changed since 2019 stays said: no note announces as coming what has happened, and the
facts a presenter needs today are in the notes of the slides they change, with their sources."""

from __future__ import annotations

import re

import pytest

from tests.test_content_voice import content_texts

# Phrases of 2019 that are wrong when spoken today (the report came, the plans ended).
OUTDATED = [
    r"blir tilgjengelig i november 2019",
    r"kommer i en Fafo-rapport",
    r"Fafo-rapport \(november 2019\)",
    r"varslet å komme i 2019",
    r"som (?:fortsatt )?pågår(?: nå)?[,.]",
    r"holder på å utvikle",
    r"Fylkesmannen piloterer",
    r"\bHiOA\b",
]


def test_no_note_or_slide_announces_what_has_happened():
    found = [
        f"{where}: {pattern}"
        for where, text in content_texts()
        for pattern in OUTDATED
        if re.search(pattern, text, re.IGNORECASE)
    ]
    assert found == []


@pytest.mark.parametrize(
    ("slide_id", "facts", "source"),
    [
        (
            "kontekst-og-oppdrag",
            ["Fafo-rapport 2020:02", "Trøbbel i grenseflatene", "Statsforvalteren"],
            "hansen-2020-trobbel",
        ),
        (
            "juridisk-rammeverk",
            ["Prop. 100 L (2020–2021)", "1. august 2022", "barnekoordinator"],
            "prop-100-l-2020-2021",
        ),
        ("juridisk-rammeverk", ["1. januar 2023", "barnevernsloven"], "bfd-2023-barnevernsloven"),
        ("muligheter-for-samarbeid", ["felles forskrift om individuell plan"], "prop-100-l-2020-2021"),
        ("behov-for-samarbeid", ["Barnevernsreformen", "1. januar 2022"], "bufdir-2022-barnevernsreformen"),
        ("case-holf", ["29 NAV-kontorer", "ikke ga de ønskede virkningene"], "nav-holf-evaluering"),
        ("case-viken", ["1. januar 2024"], "viken-2022-deling"),
        (
            "sintef-suksesskriterier",
            ["interne kompleksitet", "motivere", "IT- og kommunikasjonssystemer"],
            "sintef-samhandlingstiltak",
        ),
    ],
)
def test_todays_facts_are_in_the_notes_with_their_source(catalogue, slide_id, facts, source):
    slide = catalogue.slides[slide_id]
    assert [f for f in facts if f not in slide.notes] == []
    assert source in slide.sources
    assert catalogue.sources[source].url
