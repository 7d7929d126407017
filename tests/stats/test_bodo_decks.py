"""Issue 9's promise for a municipality without its own figures for some indicators (Bodø, 1804):
no chart in its decks is drawn without the municipality's own bar, line or number."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from pptx import Presentation

from kunnskapsgrunnlag.cli import main

from ..conftest import ROOT

CHART_KINDS = ("Stolpediagram", "Linjediagram")  # the statistics charts' alt text opens with their kind


@pytest.mark.slow
@pytest.mark.parametrize("recipe", ["fullstendig", "hvorfor-samordning"])
def test_every_statistics_chart_in_bodos_decks_shows_bodo(tmp_path, recipe):
    result = CliRunner().invoke(
        main,
        ["build", recipe, "--kommune", "1804", "--uten-notater", "--ut", str(tmp_path), "--prosjekt", str(ROOT)],
    )
    assert result.exit_code == 0, result.output
    (deck,) = tmp_path.rglob("1804-bodo.pptx")
    charts = []
    for slide in Presentation(deck).slides:
        for shape in [*slide.slide_layout.shapes, *slide.shapes]:
            alt = "".join(shape._element.xpath(".//p:cNvPr/@descr"))
            if alt.startswith(CHART_KINDS):
                charts.append(alt)
    assert len(charts) >= 2  # children and young people by age, the NEET trend
    assert all("Bodø" in alt for alt in charts), charts
