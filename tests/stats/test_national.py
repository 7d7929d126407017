"""Local figures for every municipality: the converted national data, one method per chart, the
cross-check against SSB's published shares, and decks read back across all 15 counties."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation

from kunnskapsgrunnlag.build import build_one, prepare, registry_for, render_options
from kunnskapsgrunnlag.render.filters import NBSP
from kunnskapsgrunnlag.render.statistic import chart_lines, kind
from kunnskapsgrunnlag.stats.load import load_statistics, statistics_dir
from kunnskapsgrunnlag.stats.model import LAND

from ..conftest import ROOT, require_shared

METHOD = "beregnet fra antall i SSB tabell 13556"


@pytest.fixture(scope="module")
def store():
    return load_statistics(statistics_dir(ROOT), ROOT)


def test_converter_reproduces_the_committed_figures(tmp_path):
    shared = require_shared()
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "convert_national.py"),
            "--fra",
            str(shared / "data" / "national"),
            "--til",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
    )
    written = sorted(p.name for p in tmp_path.glob("*.yaml"))
    assert "neet-kommuner.yaml" in written and "barn-unge.yaml" in written
    for name in written:
        committed = ROOT / "data" / "statistikk" / "tall" / name
        assert committed.read_bytes() == (tmp_path / name).read_bytes(), f"{name}: run scripts/convert_national.py"


def test_every_municipality_has_its_own_neet_and_population(store, registry):
    for kommune in registry.kommuner:
        neet = store.figure("neet", kommune.nummer, "2024")
        people = store.figure("barn_unge", kommune.nummer, "2026")
        assert neet is not None and neet.value is not None, kommune
        assert people is not None and people.value and people.value > 0, kommune
        assert neet.method == METHOD and neet.table == "13556" and neet.source == "SSB"
        assert people.table == "07459"


def test_split_municipalities_have_no_invented_values_before_2024(store):
    for number in ("1508", "1580"):
        for year in ("2020", "2021", "2022", "2023"):
            figure = store.figure("neet", number, year)
            assert figure.value is None and "1507" in figure.missing
        for year in ("2005", "2015", "2023"):
            assert store.figure("barn_unge", number, year).value is None
        assert store.figure("barn_unge", number, "2024").value is not None
    # The merged Ålesund counts in full for Møre og Romsdal in 2020–2023.
    assert store.figure("neet", "15", "2022").value is not None


def test_county_and_country_come_from_the_same_counts(store):
    assert round(store.figure("neet", LAND, "2024").value, 1) == 10.0
    assert "summert fra kommunene" in store.figure("neet", "18", "2024").note
    assert store.figure("barn_unge", LAND, "2026").value == 1573829
    assert store.figure("barn_unge", "1804", "2026").value == 15033


def test_skiens_neet_bars_all_come_from_one_method(store, registry):
    comparison = store.comparison("neet", registry.kommune("4003"))
    figures = [f for _role, _label, series in comparison.series() for f in series]
    assert len(figures) == 15  # five years for Skien, Telemark and the country
    assert {f.method for f in figures} == {METHOD}
    assert {f.indicator for f in figures} == {"neet"}
    periods, lines = chart_lines(comparison)
    assert periods == ("2020", "2021", "2022", "2023", "2024")
    assert [round(v, 1) for v in lines[0].values] == [round(f.value, 1) for f in comparison.kommune_series]


def _rounded_differences(store, registry):
    """(name, computed, published, residents 15–29) for every Telemark region SSB publishes."""
    names = {k.nummer: k.navn for k in registry.kommuner} | {"40": "Telemark", LAND: "Hele landet"}
    out = []
    for region in sorted(store.regions("neet_publisert")):
        published = store.figure("neet_publisert", region, "2024").value
        computed = store.figure("neet", region, "2024").value
        neet = store.figure("neet_personer", region, "2024").value
        out.append((region, names[region], computed, published, neet / computed * 100))
    return out


def test_computed_shares_agree_with_published_ones_for_large_places(store, registry):
    rows = _rounded_differences(store, registry)
    assert len(rows) == 19
    for region, name, computed, published, residents in rows:
        if len(region) < 4 or residents >= 5000:
            assert abs(computed - published) <= 0.2, (name, computed, published)


def test_larger_differences_are_listed_in_the_readme(store, registry):
    readme = (ROOT / "data" / "statistikk" / "README.md").read_text(encoding="utf-8")
    for _region, name, computed, published, _residents in _rounded_differences(store, registry):
        if abs(computed - published) > 0.2:
            shown = f"| {name} | {computed:.1f} | {published:.1f} |".replace(".", ",")
            assert shown in readme, shown


def test_small_numbers_are_flagged(store, registry):
    from kunnskapsgrunnlag.stats.context import is_small

    utsira = store.comparison("neet", registry.kommune("1151"))
    assert utsira.count is not None and utsira.count.value < 20 and is_small(utsira)
    assert not is_small(store.comparison("neet", registry.kommune("1804")))


def test_a_municipality_without_a_figure_gets_no_chart(store, registry):
    bodo = store.comparison("barnehage", registry.kommune("1804"))
    assert kind(bodo) == "missing"
    assert kind(store.comparison("barnehage", registry.kommune("4003"))) == "big"  # 94,5–95,3 %
    assert kind(store.comparison("lavinntekt", registry.kommune("4003"))) == "bars"


# One municipality per county, among them Bodø, Haram and Utsira (the smallest).
SAMPLE = (
    "0301",
    "1151",
    "1580",
    "1804",
    "3203",
    "3301",
    "3401",
    "3909",
    "4003",
    "4204",
    "4601",
    "5001",
    "5501",
    "5601",
    "1508",
    "3101",
)


def _numbers(text: str) -> str:
    return text.replace(NBSP, " ")


def _chart_groups(shapes) -> list:
    """The charts among `shapes`: groups of vector shapes that carry alt text."""
    return [s._element for s in shapes if s.shape_type == 6 and s._element.nvGrpSpPr.cNvPr.get("descr")]


def _read_back(path: Path) -> dict[str, tuple[str, str]]:
    """slide title → (chart alt texts, notes) for the statistics slides."""
    out = {}
    for slide in Presentation(str(path)).slides:
        charts = _chart_groups(slide.shapes) + _chart_groups(slide.slide_layout.shapes)
        alts = [group.nvGrpSpPr.cNvPr.get("descr") for group in charts]
        title = slide.shapes.title.text if slide.shapes.title is not None else ""
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        out[title] = (_numbers(" ".join(alts)), _numbers(notes))
    return out


@pytest.fixture(scope="module")
def sample_decks(project, tmp_path_factory):
    out = tmp_path_factory.mktemp("sample")
    registry = registry_for(project)
    catalogue, recipe = prepare(project, None)
    options = render_options(project)
    store = load_statistics(statistics_dir(ROOT), ROOT)
    decks = {}
    for number in SAMPLE:
        kommune = registry.kommune(number)
        built = build_one(project, catalogue, recipe, kommune, options, out, statistics=store)
        decks[number] = (kommune, _read_back(built.path))
    return decks


def test_sample_covers_every_county(sample_decks, registry):
    assert {k.fylke.nummer for k, _ in sample_decks.values()} == {f.nummer for f in registry.fylker}


def test_every_sampled_deck_shows_its_own_figures(sample_decks, store):
    for number, (kommune, slides) in sample_decks.items():
        neet = slides[f"Unge utenfor arbeid og utdanning: {kommune.navn}"]
        people = slides[f"Barn og unge i {kommune.navn}"]
        share = store.figure("neet", number, "2024").value
        shown = f"{share:.1f}".replace(".", ",")
        assert f"{kommune.navn}: " in neet[0] and f"2024 {shown} prosent" in neet[0], (kommune.navn, neet[0])
        assert f"var {shown} prosent" in neet[1], kommune.navn
        total = f"{store.figure('barn_unge', number, '2026').value:,.0f}".replace(",", " ")
        assert f"I alt {total}." in people[0]
        assert f"I {kommune.navn} bodde {total} barn og unge 0–24 år 1. januar 2026" in people[1]


def test_bodo_shows_its_neet_share_and_children_with_sources(sample_decks):
    _kommune, slides = sample_decks["1804"]
    alt, notes = slides["Unge utenfor arbeid og utdanning: Bodø"]
    assert "Bodø: 2020 9,0 prosent" in alt and "2024 8,5 prosent" in alt
    assert "Kilde: beregnet fra antall i SSB tabell 13556 (2020–2024)." in alt
    assert "I Bodø var 8,5 prosent" in notes and "beregnet fra antall i SSB tabell 13556" in notes
    alt, notes = slides["Barn og unge i Bodø"]
    assert "I alt 15 033." in alt and "Kilde: SSB, tabell 07459 (2026)." in alt
    assert "I Bodø bodde 15 033 barn og unge 0–24 år 1. januar 2026 (kilde: SSB, tabell 07459)" in notes


def test_haram_and_alesund_show_no_invented_earlier_value(sample_decks):
    for number in ("1580", "1508"):
        kommune, slides = sample_decks[number]
        alt, notes = slides[f"Unge utenfor arbeid og utdanning: {kommune.navn}"]
        own = alt.split(f"{kommune.navn}: ", 1)[1].split(".", 1)[0]
        assert re.findall(r"202[0-3] ikke tilgjengelig", own) and "2024 " in own, own
        assert "finnes ingen andel" in notes and "1507" in notes
        alt, notes = slides[f"Barn og unge i {kommune.navn}"]
        assert "ingen utvikling før 2024" in notes


def test_charts_are_real_text_the_audience_and_a_search_can_read(sample_decks, project, tmp_path):
    """A chart is drawn as shapes, not as a picture: its labels are text in the deck's font."""
    registry = registry_for(project)
    catalogue, recipe = prepare(project, None)
    path = build_one(project, catalogue, recipe, registry.kommune("1804"), render_options(project), tmp_path).path
    for slide in Presentation(str(path)).slides:
        if slide.shapes.title is not None and slide.shapes.title.text == "Unge utenfor arbeid og utdanning: Bodø":
            break
    (chart,) = _chart_groups(slide.slide_layout.shapes)
    texts = [t.text for t in chart.iter("{*}t")]
    assert "Bodø 8,5 %" in texts and "2020" in texts and "2024" in texts
    assert not chart.xpath(".//p:pic")
    assert all(font.get("sz") == "1600" for font in chart.iter("{*}rPr")), "chart text is 16 pt, the deck's minimum"


def test_a_chart_is_the_same_in_a_fresh_process_and_after_other_charts(store, registry):
    """What a process drew before must not change a chart."""
    from kunnskapsgrunnlag.ooxml.vector import marks_xml
    from kunnskapsgrunnlag.render.statistic import chart_lines
    from kunnskapsgrunnlag.stats import chart

    def spec(number: str) -> chart.LineSpec:
        periods, lines = chart_lines(store.comparison("neet", registry.kommune(number)))
        return chart.LineSpec(periods, lines, "prosent", 1, 7.9, 4.3)

    for number in ("0301", "1151", "4601"):
        chart.line_chart(spec(number))
    here = marks_xml(chart.line_chart(spec("1804")), 0.6, 1.6, 1000)
    script = (
        "import sys\n"
        "from kunnskapsgrunnlag.ooxml.vector import marks_xml\n"
        "from kunnskapsgrunnlag.stats import chart\n"
        "from kunnskapsgrunnlag.stats.chart import Line, LineSpec\n"
        f"spec = {spec('1804')!r}\n"
        "sys.stdout.write(marks_xml(chart.line_chart(spec), 0.6, 1.6, 1000))\n"
    )
    fresh = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True).stdout
    assert fresh == here


def test_a_recipe_may_leave_out_statistics_without_local_figures(project, catalogue, tmp_path):
    import dataclasses

    from kunnskapsgrunnlag.assemble import find_recipe

    recipe = dataclasses.replace(find_recipe(catalogue, None), id="uten-tall", skip_missing_statistics=True)
    registry = registry_for(project)
    options = render_options(project)
    store = load_statistics(statistics_dir(ROOT), ROOT)
    ids = {}
    for number in ("1804", "4003"):
        built = build_one(project, catalogue, recipe, registry.kommune(number), options, tmp_path, statistics=store)
        ids[number] = [e.slide.id for e in built.deck.slides]
    assert "statistikk-barnehage" not in ids["1804"] and "statistikk-lavinntekt" not in ids["1804"]
    assert "statistikk-neet" in ids["1804"] and "statistikk-barn-og-unge" in ids["1804"]
    assert "statistikk-barnehage" in ids["4003"] and "statistikk-lavinntekt" in ids["4003"]
    assert len(ids["4003"]) == len(ids["1804"]) + 2


def test_the_recipe_choice_is_checked(tree):
    from kunnskapsgrunnlag.build import check
    from kunnskapsgrunnlag.render.theme import load_theme

    tree.write("recipes/kort.yaml", "title: Kort\nuten_lokale_tall: hopp\ninclude:\n  - slide: poeng\n")
    project = tree.project
    problems = [str(p) for p in check(project, registry_for(project), load_theme(project.theme_file))]
    assert "recipes/kort.yaml:2: uten_lokale_tall: forventet en av (vis, hopp over), fikk 'hopp'" in problems


def test_statistics_slides_fit_their_boxes_across_the_sample(project, catalogue, store, registry):
    from kunnskapsgrunnlag.assemble import assemble, recipe_from_ids
    from kunnskapsgrunnlag.render.layouts import plan_slide
    from kunnskapsgrunnlag.render.templating import render_deck
    from kunnskapsgrunnlag.render.theme import load_theme
    from kunnskapsgrunnlag.stats.project import with_statistics
    from kunnskapsgrunnlag.validate.overflow import overflows

    theme = load_theme(project.theme_file)
    ids = ["statistikk-barn-og-unge", "statistikk-neet", "statistikk-barnehage", "statistikk-lavinntekt"]
    recipe = recipe_from_ids(catalogue, ids, "Statistikk")
    for kommune in [*(registry.kommune(n) for n in (*SAMPLE, "4003", "4010")), None]:
        deck = render_deck(with_statistics(assemble(catalogue, recipe, kommune), store))
        for entry in deck.slides:
            if entry.slide.layout == "statistic":
                found = overflows(plan_slide(entry, deck, theme), theme)
                assert found == [], (kommune, entry.slide.id, [o.box.name for o in found])
