"""Click animations: the timing read back, the final state rendered, and Impress keeping them."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import pytest
from pptx import Presentation

from kunnskapsgrunnlag.assemble import recipe_from_ids
from kunnskapsgrunnlag.build import build_one, render_options
from kunnskapsgrunnlag.ooxml.animation import click_sequence
from kunnskapsgrunnlag.render import office
from tests.conftest import assert_deck_sound

SLIDES = ["modell", "modell-tjenester", "trapp-felles-kunnskap", "trapp-jobbe-sammen"]


@pytest.fixture(scope="module")
def animated(project, catalogue, tmp_path_factory):
    recipe = recipe_from_ids(catalogue, SLIDES, "Animasjoner")
    built = build_one(project, catalogue, recipe, None, render_options(project), tmp_path_factory.mktemp("anim"))
    assert_deck_sound(built.path)
    return built


def group_texts(group) -> str:
    return " ".join(s.text_frame.text for s in group.shapes if s.has_text_frame)


def test_each_step_is_one_click_in_order(animated):
    prs = Presentation(str(animated.path))
    model, services, first_step, last_step = list(prs.slides)[:4]
    by_id = {shape.shape_id: shape for shape in model.shapes}
    steps = click_sequence(model)
    assert len(steps) == 4 and all(len(ids) == 1 for ids in steps)
    groups = [by_id[ids[0]] for ids in steps]
    assert [g.name for g in groups] == ["Klikk 1", "Klikk 2", "Klikk 3", "Klikk 4"]
    assert "Personlige egenskaper" in group_texts(groups[0])
    assert "Barnehage" in group_texts(groups[1])
    assert "Startlån" in group_texts(groups[2])
    assert "NAV" in group_texts(groups[3]) and "Oppfølgingstjenesten" in group_texts(groups[3])
    assert len(click_sequence(services)) == 1
    assert click_sequence(first_step) == []
    [extra] = click_sequence(last_step)
    extra_group = {s.shape_id: s for s in last_step.shapes}[extra[0]]
    assert "Implementere ny praksis i ordinær drift" in group_texts(extra_group)


def test_animated_shapes_stay_locked(animated):
    prs = Presentation(str(animated.path))
    for slide in list(prs.slides)[:-1]:  # the blank slide is meant to be edited
        for element in slide.shapes._spTree.iter("{*}grpSp", "{*}sp", "{*}cxnSp"):
            locks = element.find(".//{*}grpSpLocks") if element.tag.endswith("grpSp") else None
            if locks is not None:
                assert locks.get("noSelect") == "1" and locks.get("noMove") == "1"
            elif element.tag.endswith("}sp"):
                sp_locks = element.find("./{*}nvSpPr/{*}cNvSpPr/{*}spLocks")
                assert sp_locks is not None and sp_locks.get("noSelect") == "1"


def test_static_layers_are_on_the_layout(animated):
    prs = Presentation(str(animated.path))
    first_step = list(prs.slides)[2]
    layout_text = " ".join(s.text_frame.text for s in first_step.slide_layout.shapes if s.has_text_frame)
    assert "1. Vi må ha felles kunnskap" in layout_text and "4. Vi må jobbe sammen" in layout_text


@pytest.mark.slow
def test_impress_keeps_the_animations_and_renders_every_step(animated, tmp_path):
    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice (soffice) is required: run scripts/setup.sh")
    data = animated.path.read_bytes()
    odp, pdf = tmp_path / "deck.odp", tmp_path / "deck.pdf"
    odp.write_bytes(office.convert(data, "pptx", "odp"))
    pdf.write_bytes(office.pptx_to_pdf(data))
    content = zipfile.ZipFile(odp).read("content.xml").decode()
    pages = re.findall(r"<draw:page .*?</draw:page>", content, flags=re.S)
    clicks = [len(re.findall(r'presentation:node-type="on-click"', page)) for page in pages]
    assert clicks[:4] == [4, 1, 0, 1]
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True).stdout.decode()
    text = " ".join(text.split())
    # The final state shows every step.
    for expected in ("Personlige egenskaper", "Startlån", "Oppfølgingstjenesten", "Implementere ny praksis"):
        assert expected in text
