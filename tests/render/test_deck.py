"""Read the built deck back with python-pptx and check what a presenter would notice."""

from __future__ import annotations

import io
import zipfile

from pptx import Presentation
from pptx.oxml.ns import qn

from kunnskapsgrunnlag.assemble import find_recipe, recipe_from_ids
from kunnskapsgrunnlag.build import build_one, registry_for, render_options
from kunnskapsgrunnlag.ooxml.locks import lock_attributes

LOCKABLE = ("p:sp", "p:pic", "p:graphicFrame", "p:grpSp", "p:cxnSp")


def open_deck(built):
    return Presentation(str(built.path))


def shape_texts(shapes) -> str:
    return " ".join(s.text_frame.text for s in shapes if s.has_text_frame)


def is_fully_locked(element) -> bool:
    for tag in LOCKABLE:
        if element.tag == qn(tag):
            path, lock_tag, attributes = lock_attributes(tag)
            holder = element.find("/".join(qn(step) for step in path.split("/")))
            locks = holder.find(qn(lock_tag)) if holder is not None else None
            return locks is not None and all(locks.get(a) == "1" for a in attributes)
    return True


def test_deck_is_16_9_with_every_slide_and_one_blank_last(full_deck, catalogue):
    prs = open_deck(full_deck)
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    recipe = find_recipe(catalogue, None)
    expected = sum(len(catalogue.section(item.ref).slide_ids) for item in recipe.items)
    assert len(prs.slides) == expected + 1
    blanks = [s for s in prs.slides if s.slide_layout.name == "Innhold"]
    assert blanks == [prs.slides[-1]]


def test_every_locked_slide_has_its_own_layout_with_the_content(full_deck):
    prs = open_deck(full_deck)
    locked = list(prs.slides)[:-1]
    layouts = [s.slide_layout for s in locked]
    assert len({id(layout.part) for layout in layouts}) == len(locked)
    for slide in locked:
        # On the slide only the hidden title and what appears on click; the rest is on the layout.
        names = [s.name for s in slide.shapes]
        assert names[0] == "Tittel" and all(n.startswith("Klikk ") for n in names[1:])
        title = slide.shapes[0]
        assert title.is_placeholder and title._element.xpath("./p:nvSpPr/p:cNvPr/@hidden") == ["1"]
        assert title.top < 0, "the accessible title lies off the slide so no program draws it twice"
        assert len(slide.slide_layout.shapes) > 1


def test_every_shape_of_locked_slides_and_their_layouts_carries_all_locks(full_deck):
    prs = open_deck(full_deck)
    for slide in list(prs.slides)[:-1]:
        for tree in (slide.shapes._spTree, slide.slide_layout.shapes._spTree):
            for element in tree.iterchildren():
                assert is_fully_locked(element), f"{slide.slide_layout.name}: {element.tag} is not locked"


def test_blank_slide_is_editable_without_logo_and_explained(full_deck):
    prs = open_deck(full_deck)
    blank = prs.slides[-1]
    types = sorted(str(ph.placeholder_format.type) for ph in blank.placeholders)
    assert types == ["BODY (2)", "TITLE (1)"] or types == ["OBJECT (7)", "TITLE (1)"]
    for shape in blank.shapes:
        assert shape._element.xpath(".//a:spLocks[@noSelect='1' or @noTextEdit='1']") == []
    texts = shape_texts(blank.slide_layout.shapes) + shape_texts(blank.slide_layout.slide_master.shapes)
    assert "fafo" not in texts.lower()
    notes = blank.notes_slide.notes_text_frame.text
    assert "eneste lysbildet" in notes and "ikke er låst" in notes


def test_locked_slides_carry_the_wordmark_and_titles(full_deck, catalogue):
    prs = open_deck(full_deck)
    for slide in list(prs.slides)[:-1]:
        names = [s.name for s in slide.slide_layout.shapes]
        assert "Logo" in names
    titles = [s.shapes.title.text for s in list(prs.slides)[:-1]]
    assert titles[0] == catalogue.slides["tittel"].title
    assert "Samordningstrapp" in titles


def test_title_slide_names_the_municipality(full_deck):
    prs = open_deck(full_deck)
    assert "Presentert for Skien kommune" in shape_texts(prs.slides[0].slide_layout.shapes)


def test_notes_pane_has_the_notes_with_formatting_and_sources(full_deck, catalogue):
    prs = open_deck(full_deck)
    by_title = {s.shapes.title.text: s for s in list(prs.slides)[:-1]}
    slide = by_title[catalogue.slides["sitat-frafall"].title]
    frame = slide.notes_slide.notes_text_frame
    text = frame.text
    assert "24,7 prosent" in text
    assert "Kilder:" in text
    assert "Falch, T. og O. H. Nyhus (2009)" in text or "Falch" in text
    runs = [r for p in frame.paragraphs for r in p.runs]
    assert any(r.font.italic for r in runs), "titles of sources are italic"
    assert any(r.hyperlink.address for r in runs), "URLs are links"
    for slide in list(prs.slides)[:-1]:
        assert slide.notes_slide.notes_text_frame.text.strip(), slide.shapes.title.text


def test_outline_lists_the_sections_of_the_deck_built(project, catalogue, tmp_path):
    recipe = recipe_from_ids(catalogue, ["disposisjon", "gjenstridig-problem", "samordningstrapp"], "Kort")
    built = build_one(project, catalogue, recipe, None, render_options(project), tmp_path)
    prs = Presentation(str(built.path))
    outline = shape_texts(prs.slides[0].slide_layout.shapes)
    assert "1   Gjenstridig problem" in outline and "2   Samordningstrapp" in outline
    assert "Bakgrunn" not in outline
    dividers = [shape_texts(s.slide_layout.shapes) for s in prs.slides if s.shapes.title.text == "Samordningstrapp"]
    assert dividers and dividers[0].strip().startswith("2.")


def test_national_deck_has_no_municipality_line(project, catalogue, tmp_path):
    recipe = recipe_from_ids(catalogue, ["tittel"], "Kort")
    built = build_one(project, catalogue, recipe, None, render_options(project), tmp_path)
    prs = Presentation(str(built.path))
    assert "Presentert for" not in shape_texts(prs.slides[0].slide_layout.shapes)


def test_building_twice_gives_identical_bytes(project, catalogue, tmp_path):
    kommune = registry_for(project).kommune("Skien")
    recipe = find_recipe(catalogue, "hvorfor-samordning")
    first = build_one(project, catalogue, recipe, kommune, render_options(project), tmp_path / "a").path.read_bytes()
    second = build_one(project, catalogue, recipe, kommune, render_options(project), tmp_path / "b").path.read_bytes()
    assert first == second
    entries = zipfile.ZipFile(io.BytesIO(first)).infolist()
    assert {e.date_time for e in entries} == {(1980, 1, 1, 0, 0, 0)}


def test_core_properties_are_set_and_fixed(full_deck):
    core = open_deck(full_deck).core_properties
    assert core.title.endswith("Skien")
    assert core.language == "nb-NO"
    assert core.modified.year == 2019


def test_password_adds_a_modify_verifier(project, catalogue, tmp_path):
    recipe = recipe_from_ids(catalogue, ["tittel"], "Kort")
    built = build_one(project, catalogue, recipe, None, render_options(project, password="hemmelig"), tmp_path)
    xml = zipfile.ZipFile(built.path).read("ppt/presentation.xml").decode()
    assert '<p:modifyVerifier algorithmName="SHA-512"' in xml and 'spinValue="100000"' in xml
