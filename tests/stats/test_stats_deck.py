"""Figures in templates and charts: missing stays missing, charts are deterministic."""

from __future__ import annotations

import dataclasses

from kunnskapsgrunnlag.ooxml.vector import marks_xml
from kunnskapsgrunnlag.render.statistic import alt_text, chart_bars, kind
from kunnskapsgrunnlag.render.templating import render_text, template_context
from kunnskapsgrunnlag.stats.chart import ChartSpec, _draw_bar_chart
from kunnskapsgrunnlag.stats.load import load_statistics, statistics_dir

from .conftest import ROOT


def store():
    return load_statistics(statistics_dir(ROOT), ROOT)


def test_telemark_figures_are_loaded_with_provenance(registry):
    comparison = store().comparison("neet_publisert", registry.kommune("4003"))
    assert comparison.kommune.value == 11.5 and comparison.kommune.period == "2024"
    assert comparison.fylke.value == 11.0 and comparison.land.value == 9.9
    assert comparison.kommune.source == "SSB" and comparison.kommune.table == "13556"
    assert "NLOD" in comparison.kommune.licence
    computed = store().comparison("neet", registry.kommune("4003"))
    assert round(computed.kommune.value, 1) == 11.6
    assert computed.kommune.method == "beregnet fra antall i SSB tabell 13556"


def test_national_figures_of_the_note_are_kept():
    indicators = store().indicators
    assert indicators["vgs_ikke_fullfort"].national_for("2013–2018").value == 24.7
    assert indicators["neet_antall"].national[0].value == 86000
    assert indicators["lavinntekt"].national_for("2017").qualifier == "nær"


def test_missing_municipal_figure_renders_as_not_available_never_zero(registry):
    siljan = registry.kommune("4010")  # mobbing is suppressed for Siljan
    context = template_context(siljan, "Test", store().comparisons(siljan))
    text = render_text("{{ statistikk.mobbing.kommune }} / {{ statistikk.mobbing.fylke }}", context, "text")
    assert text == "ikke tilgjengelig for kommunen / 8,9 prosent"
    assert "0" not in render_text("{{ statistikk.mobbing.kommune | figur }}", context, "text")


def test_municipality_outside_the_data_gets_county_and_country(registry):
    oslo = registry.kommune("0301")
    context = template_context(oslo, "Test", store().comparisons(oslo))
    assert render_text("{{ statistikk.barnehage.kommune }}", context, "t") == "ikke tilgjengelig for kommunen"
    expected = "94,5 prosent (2025, kilde: SSB, tabell 13502)"
    assert render_text("{{ statistikk.barnehage.land | figur }}", context, "t") == expected


def test_figures_use_norwegian_number_format(registry):
    context = template_context(None, "Test", store().comparisons(None))
    assert render_text("{{ statistikk.neet_antall.land }}", context, "t") == "86\u00a0000"
    assert render_text("{{ statistikk.vgs_ikke_fullfort.land }}", context, "t") == "24,7 prosent"


def test_chart_is_identical_when_built_twice(registry):
    comparison = store().comparison("lavinntekt", registry.kommune("4003"))
    spec = ChartSpec(chart_bars(comparison), "prosent", 0, 7.7, 4.25)
    # Drawn twice, bypassing every cache: the drawing itself is deterministic.
    first = marks_xml(_draw_bar_chart(spec), 0.6, 1.6, 1000)
    assert first == marks_xml(_draw_bar_chart(dataclasses.replace(spec)), 0.6, 1.6, 1000)
    assert "Skien" in first and "Telemark" in first


def test_a_missing_municipal_figure_gets_no_chart_only_the_figures_that_exist(registry):
    comparison = store().comparison("mobbing", registry.kommune("4010"))
    assert kind(comparison) == "missing"
    bars = chart_bars(comparison)
    assert [b.label for b in bars] == ["Telemark", "Hele landet"], "a missing figure gets no bar"
    alt = alt_text(comparison)
    assert "Siljan: ikke tilgjengelig for kommunen." in alt
    assert "Telemark: 8,9 prosent." in alt and "Hele landet: 10,1 prosent." in alt
    assert "Kilde: FHI" in alt
