"""The geometric checks `check` runs on every slide's plan: each can fail, shipped content passes."""

from __future__ import annotations

import pytest

from kunnskapsgrunnlag.build import check, registry_for
from kunnskapsgrunnlag.marks import Label
from kunnskapsgrunnlag.render.plan import Chart, Frame, Line, Oval, Rect, SlidePlan, TextBox, TextPara
from kunnskapsgrunnlag.render.richtext import Run
from kunnskapsgrunnlag.render.theme import load_theme
from kunnskapsgrunnlag.validate.geometry import geometry_problems


@pytest.fixture(scope="module")
def theme(project):
    return load_theme(project.theme_file)


def box(name: str, x: float, y: float, w: float, h: float, text: str = "Tekst", size: float = 22, **kw) -> TextBox:
    return TextBox(name, x, y, w, h, (TextPara((Run(text),), size, "222222", role=kw.pop("role", "body")),), **kw)


def messages(plan: SlidePlan, theme) -> list[str]:
    return [p.message for p in geometry_problems(plan, theme)]


def plan_of(*shapes) -> SlidePlan:
    return SlidePlan(tuple(shapes), "FFFFFF", wordmark=False, footer=False)


def test_a_clean_plan_passes(theme):
    assert messages(plan_of(box("Tittel", 0.6, 0.45, 12, 1.0), box("Punkter", 0.6, 1.65, 12, 4.5)), theme) == []


def test_text_box_over_text_box_is_an_error(theme):
    found = messages(plan_of(box("Tittel", 0.6, 0.45, 12, 1.5), box("Punkter", 0.6, 1.65, 12, 4.5)), theme)
    assert found == ["tekstboksen «Tittel» ligger over «Punkter»"]


def test_footer_and_wordmark_take_part(theme):
    plan = SlidePlan((box("Punkter", 0.6, 1.65, 12, 5.5),), "FFFFFF")
    found = messages(plan, theme)
    assert "tekstboksen «Punkter» ligger over «Bunntekst og lysbildenummer»" in found
    assert "tekstboksen «Punkter» ligger over «Logo»" in found


def test_a_line_through_a_text_box_is_an_error(theme):
    plan = plan_of(box("Etikett", 3, 3, 2, 0.5), Line("Linje NAV", 1, 3.25, 6, 3.25, "C8102E"))
    assert messages(plan, theme) == ["linjen «Linje NAV» krysser tekstboksen «Etikett»"]


def test_a_line_ending_at_a_box_edge_passes(theme):
    plan = plan_of(box("Etikett", 3, 3, 2, 0.5), Line("Linje NAV", 1, 3.25, 3, 3.25, "C8102E"))
    assert messages(plan, theme) == []


def test_shapes_outside_the_slide_or_its_safe_margin_are_errors(theme):
    plan = plan_of(
        Rect("Boks utenfor", -0.2, 2, 2, 1, "EEF1F5"),
        Rect("Boks i margen", 12.3, 2, 0.95, 1, "EEF1F5"),
        Rect("Fargebånd", 0, 0, theme.width, 0.28, "C8102E", bleed=True),
    )
    found = messages(plan, theme)
    assert found == [
        "formen «Boks utenfor» ligger utenfor sikkerhetsmargen (0.15 tommer fra kanten)",
        "formen «Boks i margen» ligger utenfor sikkerhetsmargen (0.15 tommer fra kanten)",
    ]


def test_text_below_its_roles_minimum_is_an_error(theme):
    plan = plan_of(box("Sentrum tekst", 3, 3, 3, 1, "Barnet", size=12, role="diagram"))
    assert messages(plan, theme) == [
        "teksten i «Sentrum tekst» er 12 pt, under minstestørrelsen 16 pt for rollen 'diagram'"
    ]


def test_a_label_too_big_for_its_shape_is_an_error(theme):
    plan = plan_of(
        Rect("Brikke 1", 3, 3, 1.5, 0.6, "1B365D"),
        box("Brikke 1 tekst", 3, 3, 1.5, 0.6, "Barnehage og skole og helsestasjon", size=20, within="Brikke 1"),
    )
    assert messages(plan, theme) == ["teksten «Brikke 1 tekst» får ikke plass inni formen «Brikke 1»"]


def test_a_label_across_another_circles_outline_is_an_error(theme):
    plan = plan_of(
        Oval("Sirkel 1", 2, 2, 3, 3, "1B365D"),
        Oval("Sirkel 2", 3.6, 2, 3, 3, "C8102E"),
        box("Trekk 1", 3.0, 3.2, 1.8, 0.5, "Flere", size=18, role="diagram", within="Sirkel 1"),
    )
    assert messages(plan, theme) == ["teksten «Trekk 1» krysser kanten av «Sirkel 2»"]


def test_a_band_label_must_stay_in_its_band_not_its_hole(theme):
    band = Frame("Ring arenaer", 2, 2, 6, 3, "D9E0EB", 0.5)
    inside = box("arenaer: Hjem", 3, 2.02, 1, 0.45, "Hjem", size=16, role="diagram", within="Ring arenaer")
    in_hole = box("arenaer: Skole", 3, 3.2, 1, 0.45, "Skole", size=16, role="diagram", within="Ring arenaer")
    assert messages(plan_of(band, inside), theme) == []
    assert messages(plan_of(band, in_hole), theme) == [
        "teksten «arenaer: Skole» får ikke plass inni formen «Ring arenaer»"
    ]


PIECES = """
kind: pieces
centre: Alle må med
layers:
  - id: brikker
    items: [Barnehage, Helsestasjonen og skolehelsetjenesten sammen med fastlegen og tannhelsetjenesten, NAV, PPT]
"""


def test_check_reports_a_fixture_diagram_whose_label_overflows_its_piece(tree):
    tree.write("diagrams/brikker.yaml", PIECES)
    tree.write("slides/00/poeng.yaml", "id: poeng\ntitle: Brikker\nlayout: diagram\ndiagram: brikker\n")
    project = tree.project
    errors = [str(p) for p in check(project, registry_for(project), load_theme(project.theme_file))]
    assert any(
        e.startswith("slides/00/poeng.yaml:3: poeng: teksten «Brikke 2 tekst» får ikke plass inni formen «Brikke 2»")
        for e in errors
    ), errors


def test_check_reports_a_theme_that_sets_diagram_text_too_small(tree):
    theme_file = tree.root / "templates" / "theme.yaml"
    text = theme_file.read_text(encoding="utf-8")
    assert "  model: 16" in text
    theme_file.write_text(text.replace("  model: 16", "  model: 12"), encoding="utf-8")
    tree.write("diagrams/trapp.yaml", "kind: staircase\nlayers:\n  - id: trinn\n    items: [Dele, Forstå, Tilpasse]\n")
    tree.write("slides/00/poeng.yaml", "id: poeng\ntitle: Trapp\nlayout: diagram\ndiagram: trapp\n")
    project = tree.project
    errors = [str(p) for p in check(project, registry_for(project), load_theme(project.theme_file))]
    assert (
        "slides/00/poeng.yaml:3: poeng: teksten i «Trinn 1 tekst» er 12 pt, under minstestørrelsen 16 pt "
        "for rollen 'diagram'" in errors
    ), errors


def test_shipped_content_has_no_geometry_errors(project):
    problems = check(project, registry_for(project), load_theme(project.theme_file))
    assert [str(p) for p in problems] == []


@pytest.mark.parametrize("count", [2, 3, 4, 5, 6, 7, 8])
def test_pieces_are_drawn_cleanly_for_any_number_of_pieces(project, catalogue, theme, count):
    """The puzzle's piece list is content (and changes): every count from 2 to 8 must draw clean."""
    import dataclasses

    from kunnskapsgrunnlag.assemble import assemble, recipe_from_ids
    from kunnskapsgrunnlag.model import DiagramItem
    from kunnskapsgrunnlag.render.layouts import plan_slide

    labels = ["Barnehage og skole", "Helsetjenester", "Barnevern", "NAV", "PPT", "BUP", "Politiet", "Fritid"]
    recipe = recipe_from_ids(catalogue, ["behov-for-samarbeid-2"], "Brikker")
    deck = assemble(catalogue, recipe, None)
    diagram = deck.diagrams["behov-for-samarbeid"]
    layer = dataclasses.replace(diagram.layers[0], items=tuple(DiagramItem(label) for label in labels[:count]))
    deck = dataclasses.replace(deck, diagrams={"behov-for-samarbeid": dataclasses.replace(diagram, layers=(layer,))})
    plan = plan_slide(deck.slides[0], deck, theme)
    assert sum(1 for s in plan.shapes if s.name.startswith("Brikke ") and s.name.endswith("tekst")) == count
    assert messages(plan, theme) == []


def _chart(*labels: Label) -> Chart:
    return Chart("Diagram", 0.6, 1.6, 7.9, 4.3, labels, "Linjediagram")


def test_chart_text_outside_the_chart_over_other_text_or_too_small_is_an_error(theme):
    end = Label(6.5, 2.0, "Troms og Finnmark – Romsa ja Finnmárku 10,2 %", 16, "222222", ha="left")
    assert messages(plan_of(_chart(end)), theme) == [
        "teksten «Troms og Finnmark – Romsa ja Finnmárku 10,2 %» i «Diagram» går utenfor diagrammet"
    ]
    first, second = Label(3.0, 2.0, "Hele landet 10,0 %", 16, "222222"), Label(3.1, 2.05, "Bodø 8,5 %", 16, "1B365D")
    assert messages(plan_of(_chart(first, second)), theme) == [
        "teksten «Hele landet 10,0 %» i «Diagram» ligger over «Bodø 8,5 %» i diagrammet"
    ]
    small = Label(3.0, 2.0, "2024", 12, "222222")
    assert messages(plan_of(_chart(small)), theme) == ["teksten «2024» i «Diagram» er 12 pt, under 16 pt"]


def test_every_municipalitys_charts_keep_their_text_inside_and_apart(project, theme):
    """The NEET trend and the age bands of all 357 municipalities: labels never overflow or collide."""
    from kunnskapsgrunnlag.render.statistic import CHART_HEIGHT, CHART_WIDTH, band_bars, chart_lines
    from kunnskapsgrunnlag.stats.chart import ChartSpec, LineSpec, bar_chart, line_chart
    from kunnskapsgrunnlag.stats.project import project_statistics

    store = project_statistics(project.root)
    found = []
    for kommune in registry_for(project).kommuner:
        periods, lines = chart_lines(store.comparison("neet", kommune))
        trend = line_chart(LineSpec(periods, lines, "prosent", 1, CHART_WIDTH, CHART_HEIGHT))
        bands = bar_chart(ChartSpec(band_bars(store.comparison("barn_unge", kommune)), "antall", 0, 7.9, 4.3))
        for marks in (trend, bands):
            chart = Chart("Diagram", 0.6, 1.6, CHART_WIDTH, CHART_HEIGHT, marks, "")
            found += [f"{kommune.navn}: {p.message}" for p in geometry_problems(plan_of(chart), theme)]
    assert found == []
