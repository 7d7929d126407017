"""Read the full deck back: every text run at least its role's size, every slide numbered, and a
master a presenter can work with (named layouts first, no shadows, no default format scheme)."""

from __future__ import annotations

import zipfile

from lxml import etree
from pptx import Presentation
from pptx.oxml.ns import qn

from kunnskapsgrunnlag.ooxml.fields import has_slide_number
from kunnskapsgrunnlag.render.layouts import plan_slide
from kunnskapsgrunnlag.render.theme import load_theme

SOURCE_NAMES = {"Bunntekst og lysbildenummer": "source", "Logo": "source"}


def _style_size(element, level: int) -> float | None:
    """The size a list style (`a:lstStyle`, `p:titleStyle`, …) gives a paragraph level, if any."""
    if element is None:
        return None
    ppr = element.find(qn(f"a:lvl{level}pPr"))
    rpr = ppr.find(qn("a:defRPr")) if ppr is not None else None
    return int(rpr.get("sz")) / 100 if rpr is not None and rpr.get("sz") else None


def resolved_size(run_element, paragraph_element, shape, layout, master) -> float:
    """A run's size with inheritance resolved: run, shape list style, layout placeholder, master."""
    rpr = run_element.find(qn("a:rPr"))
    if rpr is not None and rpr.get("sz"):
        return int(rpr.get("sz")) / 100
    ppr = paragraph_element.find(qn("a:pPr"))
    level = int(ppr.get("lvl", "0")) + 1 if ppr is not None else 1
    body = shape._element.find(qn("p:txBody"))
    size = _style_size(body.find(qn("a:lstStyle")) if body is not None else None, level)
    if size:
        return size
    if shape.is_placeholder:
        kind = shape._element.ph.get("type", "body")
        for candidate in layout.placeholders:
            if candidate._element.ph.get("type", "body") == kind:
                size = _style_size(candidate._element.txBody.find(qn("a:lstStyle")), level)
                if size:
                    return size
        styles = master._element.find(qn("p:txStyles"))
        style = "p:titleStyle" if kind in ("title", "ctrTitle") else "p:bodyStyle"
        return _style_size(styles.find(qn(style)), level) or 18.0
    return _style_size(master._element.find(qn("p:txStyles")).find(qn("p:otherStyle")), level) or 18.0


def text_runs(shape):
    """(paragraph index, run element, paragraph element) of every text run and field."""
    body = shape._element.find(qn("p:txBody"))
    if body is None:
        return
    for index, paragraph in enumerate(body.findall(qn("a:p"))):
        for run in paragraph:
            if run.tag in (qn("a:r"), qn("a:fld")) and (run.findtext(qn("a:t")) or "").strip():
                yield index, run, paragraph


def all_shapes(shapes):
    for shape in shapes:
        if shape.shape_type is not None and shape.shape_type == 6:  # a group: the click steps
            yield from all_shapes(shape.shapes)
        else:
            yield shape


def test_every_text_run_meets_its_roles_minimum(full_deck, project):
    theme = load_theme(project.theme_file)
    prs = Presentation(str(full_deck.path))
    master = prs.slide_master
    too_small = []
    checked = 0
    for entry, slide in zip(full_deck.deck.slides, prs.slides, strict=False):
        plan = plan_slide(entry, full_deck.deck, theme)
        roles = {box.name: [p.role for p in box.paragraphs] for box in plan.text_boxes() if box.measure}
        roles.update({name: None for name in SOURCE_NAMES})
        layout = slide.slide_layout
        for shape in [*all_shapes(layout.shapes), *all_shapes(slide.shapes)]:
            if not shape.has_text_frame or shape.name not in roles:
                continue
            for index, run, paragraph in text_runs(shape):
                role = SOURCE_NAMES.get(shape.name) or roles[shape.name][min(index, len(roles[shape.name]) - 1)]
                size = resolved_size(run, paragraph, shape, layout, master)
                checked += 1
                if size < theme.minimum(role) - 0.01:
                    too_small.append(f"{entry.slide.id}: {shape.name}: {size:g} pt < {theme.minimum(role):g} ({role})")
    assert checked > 600
    assert too_small == []


def test_no_text_anywhere_is_below_the_smallest_role(full_deck, project):
    """Whatever a shape is called, nothing on a slide or its layout is set below the source size."""
    theme = load_theme(project.theme_file)
    floor = min(theme.minimum_sizes.values())
    prs = Presentation(str(full_deck.path))
    small = []
    for slide in prs.slides:
        layout = slide.slide_layout
        for shape in [*all_shapes(layout.shapes), *all_shapes(slide.shapes)]:
            if shape.has_text_frame:
                for _, run, paragraph in text_runs(shape):
                    if resolved_size(run, paragraph, shape, layout, prs.slide_master) < floor:
                        small.append(shape.name)
    assert small == []


def test_every_slide_has_a_slide_number(full_deck):
    prs = Presentation(str(full_deck.path))
    missing = [
        i
        for i, slide in enumerate(prs.slides, start=1)
        if not (has_slide_number(slide._element) or has_slide_number(slide.slide_layout._element))
    ]
    assert missing == []
    assert len(prs.slides) > 50


def test_general_layouts_come_first_named_in_norwegian(full_deck, project):
    theme = load_theme(project.theme_file)
    prs = Presentation(str(full_deck.path))
    names = [layout.name for layout in prs.slide_layouts]
    assert names[:5] == ["Tittel", "Seksjon", "Innhold", "To kolonner", "Tomt"]
    assert all(name.startswith("Låst ") for name in names[5:])
    assert prs.slide_master._element.find(qn("p:cSld")).get("name") == theme.master_name
    for layout in list(prs.slide_layouts)[:5]:
        assert has_slide_number(layout._element), layout.name


def test_no_office_scheme_and_no_shadows_anywhere(full_deck):
    with zipfile.ZipFile(full_deck.path) as package:
        theme_xml = package.read("ppt/theme/theme1.xml")
        root = etree.fromstring(theme_xml)
        names = [e.get("name") for e in root.iter() if e.get("name") is not None]
        assert "Office" not in names and "Office Theme" not in names
        shadows = [
            name
            for name in package.namelist()
            if name.endswith(".xml") and (b"outerShdw" in package.read(name) or b"prstShdw" in package.read(name))
        ]
    assert shadows == []
