"""Issue 14 for the statistics slides: a nynorsk deck's statistics speak nynorsk everywhere the
audience or presenter reads (slide text, chart labels through their cache key, alt text, source
line, missing-figure forms, notes); a bokmål deck is unchanged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from kunnskapsgrunnlag.cli import main
from kunnskapsgrunnlag.malform import Malform
from kunnskapsgrunnlag.messages import MESSAGES, translate_credit, translate_method
from kunnskapsgrunnlag.stats.project import project_statistics

STATISTICS = ("statistikk-barn-og-unge", "statistikk-barnehage", "statistikk-lavinntekt", "statistikk-neet")
# The message keys of the statistics text: what the statistic layout, its charts and its
# missing-value reasons compose from figures.
STAT_PREFIXES = ("stat_", "reason_", "credit_", "method_", "not_available", "whole_country", "status_", "no_data")


def _bokmal_only_phrases() -> list[str]:
    """The fixed parts of every statistics message whose bokmål form differs from its nynorsk one,
    kept only where the nynorsk form does not contain the same words (e.g. «Tall for», «Kilde:»)."""
    phrases: set[str] = set()
    for key, forms in MESSAGES.items():
        if not key.startswith(STAT_PREFIXES):
            continue
        nynorsk = forms[Malform.NYNORSK]
        for part in re.split(r"\{\w+\}", forms[Malform.BOKMAL]):
            part = part.strip(" .,:;")
            if len(part) >= 5 and part not in nynorsk:
                phrases.add(part)
    return sorted(phrases)


BOKMAL_ONLY = _bokmal_only_phrases()


def _build(out: Path, nummer: str, *extra: str) -> list:
    result = CliRunner().invoke(
        main,
        ["build", "--lysbilder", ",".join(STATISTICS), "--ut", str(out), "--kommune", nummer, *extra],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    deck = Presentation(str(next(out.rglob("*.pptx"))))
    return list(deck.slides)[: len(STATISTICS)]


def _drawn(slide) -> str:
    """What the audience reads: the locked content (on the slide's own layout) and the slide's
    text, charts' labels included (a chart is a group of text boxes and lines)."""
    shapes = [*slide.slide_layout.shapes, *slide.shapes]
    texts = [s.text_frame.text for s in shapes if s.has_text_frame]
    texts += [_chart_text(s) for s in shapes if s.shape_type == 6]
    return "\n".join(texts)


def _chart_text(group) -> str:
    return "\n".join("".join(t.text for t in p.iter("{*}t")) for p in group._element.iter("{*}p"))


def _alt(slide) -> str:
    names = [*slide.slide_layout.shapes._spTree.iter(), *slide.shapes._spTree.iter()]
    return " ".join(e.get("descr") for e in names if e.tag.endswith("}cNvPr") and e.get("descr"))


def _notes(slide) -> str:
    """The presenter's prose: the source list after «Kjelder:» is citations, identical in both forms."""
    text = slide.notes_slide.notes_text_frame.text
    return re.split(r"\n(?:Kjelder|Kilder):", text)[0]


def _charts(slide) -> list[str]:
    return [_chart_text(s) for s in [*slide.slide_layout.shapes, *slide.shapes] if s.shape_type == 6]


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> dict[str, list]:
    out = tmp_path_factory.mktemp("nn-stats")
    built = {
        # Sogndal: nynorsk; no local kindergarten or low-income figures (the missing form).
        "4640": _build(out / "sogndal", "4640"),
        # Bergen: Nøytral in Vestland, so nynorsk.
        "4601": _build(out / "bergen", "4601"),
        # Ålesund: its NEET share before 2024 cannot be separated from Haram's (a gap with a reason).
        "1508": _build(out / "alesund", "1508"),
        # Fedje: few NEET persons (the small-count warning); Fyresdal: Telemark's figures (bars).
        "4633": _build(out / "fedje", "4633"),
        "4032": _build(out / "fyresdal", "4032"),
        # Skien: bokmål, and the same deck forced to nynorsk.
        "4003": _build(out / "skien", "4003"),
        "4003-nn": _build(out / "skien-nn", "4003", "--malform", "nynorsk"),
    }
    return built


NYNORSK = ("4640", "4601", "1508", "4633", "4032", "4003-nn")


def test_the_phrase_list_is_real():
    # The scan below is only as good as its list: it holds the phrases a reader would notice.
    for phrase in ("Tall for", "mangler", "Kilde", "Hele landet", "Endring siden", "ikke tilgjengelig"):
        assert any(phrase in p for p in BOKMAL_ONLY), phrase


@pytest.mark.parametrize("nummer", NYNORSK)
def test_no_bokmal_statistics_phrase_on_a_nynorsk_deck(decks, nummer):
    for slide in decks[nummer]:
        seen = _drawn(slide) + "\n" + _alt(slide)
        found = [p for p in BOKMAL_ONLY if p in seen]
        assert found == [], (nummer, found, seen)
        assert "Kjelde:" in seen and "Kilde:" not in seen


@pytest.mark.parametrize("nummer", ["4640", "4601"])
def test_sogndal_and_bergen_read_nynorsk(decks, nummer):
    barn, barnehage, lavinntekt, neet = decks[nummer]
    name = {"4640": "Sogndal", "4601": "Bergen"}[nummer]
    text = _drawn(barn)
    assert f"Barn og unge 0–24 år i {name}, 1. januar 2026" in text
    assert "Endring sidan 2005" in text and "Heile landet: " in text
    assert _alt(barn).startswith(f"Stolpediagram: Barn og unge 0–24 år i {name} 1. januar 2026, etter alder.")
    for slide in (barnehage, lavinntekt):
        text = _drawn(slide)
        assert f"Tal for {name} manglar" in text
        assert f"Datagrunnlaget har ikkje tal for {name}. Tal for alle kommunar:" in text
    assert "vedvarande låginntekt (EU-60), frå inntektsstatistikken til SSB" in _drawn(lavinntekt)
    assert "Kjelde: berekna frå talet på personar i SSB tabell 13556 (2020–2024)." in _drawn(neet)
    assert _alt(neet).startswith("Linjediagram: Unge 15–29 år utanfor arbeid, utdanning og opplæring (NEET).")
    assert "Heile landet: " in _alt(neet)


def test_the_small_count_warning_and_the_gap_reason_are_nynorsk(decks):
    fedje = _drawn(decks["4633"][3])
    assert re.search(r"Få personar: delen for Fedje i 2024 byggjer på \d+ personar\.", fedje), fedje
    alesund = _drawn(decks["1508"][3])
    assert "Ålesund: ingen tal for 2020–2023. Grunn: Ålesund og Haram var éin kommune (1507)" in alesund
    assert "kan ikkje delast mellom dei" in alesund


def test_the_nynorsk_notes_of_the_statistics_slides(decks):
    for nummer in NYNORSK:
        notes = "\n".join(_notes(s) for s in decks[nummer])
        assert "kjelde: " in notes and "heile landet" in notes, nummer
        for bokmal in ("kilde:", "hele landet", "ikke ", " fra ", "beregnet", "Bildet ", "andelen"):
            assert bokmal not in notes, (nummer, bokmal)
    sogndal = "\n".join(_notes(s) for s in decks["4640"])
    assert re.search(
        r"I Sogndal budde 3\xa0839 barn og unge 0–24 år 1\. januar 2026 \(kjelde: SSB, tabell 07459\)", sogndal
    )
    assert "Datagrunnlaget i presentasjonen har ikkje tal for Sogndal" in sogndal
    fedje = _notes(decks["4633"][3])
    assert "Tolk delen for Fedje med varsemd" in fedje


def test_skien_stays_bokmal(decks):
    skien = decks["4003"]
    seen = "\n".join(_drawn(s) + _alt(s) for s in skien)
    assert "Kilde: " in seen and "Hele landet" in seen and "Endring siden 2005" in seen
    assert "Kjelde" not in seen and "Heile landet" not in seen
    notes = "\n".join(_notes(s) for s in skien)
    assert "kilde: " in notes and "kjelde" not in notes


def test_chart_labels_follow_the_form(decks):
    # The NEET trend's labels («Hele landet» / «Heile landet») are text in the chart.
    bokmal, nynorsk = _charts(decks["4003"][3]), _charts(decks["4003-nn"][3])
    assert len(bokmal) == len(nynorsk) == 1
    assert "Hele landet" in bokmal[0] and "Heile landet" in nynorsk[0] and "Hele landet" not in nynorsk[0]
    # The age bands carry no words that differ: the same chart in both forms.
    assert _charts(decks["4003"][0]) == _charts(decks["4003-nn"][0]) != []


def test_every_data_derived_phrase_has_its_nynorsk_form(project):
    """Every method and every table description in the statistics data that is shown on a slide
    is either translated or a name kept as published (no bokmål-only word in it)."""
    store = project_statistics(project.root)
    bokmal_words = re.compile(r"\b(beregnet|fra|husholdning\w*|vedvarende|lavinntekt|andel|ikke)\b", re.I)
    for indicator in store.indicators.values():
        if indicator.method:
            assert not bokmal_words.search(translate_method(indicator.method, Malform.NYNORSK)), indicator.id
        tables = {indicator.table, *(f.table for f in indicator.national)}
        for table in filter(None, tables):
            shown = translate_credit(table, Malform.NYNORSK)
            assert not bokmal_words.search(shown) or shown.startswith("Inntekts- og formuesstatistikk"), shown
