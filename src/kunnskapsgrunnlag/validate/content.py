"""Validate the raw project and build the `Catalogue`, reporting every problem at once."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..load.files import RawFile, RawProject, base_of, is_overlay
from ..load.yamlsource import LocatedMap
from ..model import Catalogue, Recipe, RecipeItem, Section, Slide, SlideContent, Source
from ..suggest import did_you_mean
from . import schema
from .diagrams import build_diagrams
from .diagrams import check_diagram_references as _check_diagram_references
from .fields import FieldChecker, type_name


def build_catalogue(raw: RawProject) -> tuple[Catalogue, list[Problem]]:
    """Turn raw files into the model. Returns the catalogue of what was valid and all problems."""
    problems = list(raw.problems)
    sources = _sources(raw.bibliography, problems)
    sections = _sections(raw.sections, problems)
    notes = _notes_by_id(raw, problems)
    slides = _slides(raw, notes, problems)
    _check_sections_against_slides(raw, sections, slides, problems)
    _check_citations(raw, slides, sources, problems)
    known_sections = {s.id for s in sections}
    recipes = _recipes(raw.recipes, known_sections, set(slides), problems)
    diagrams = build_diagrams(raw.diagrams, problems)
    _check_diagram_references(raw, slides, diagrams, problems)
    catalogue = Catalogue(tuple(sections), slides, sources, recipes, diagrams)
    return catalogue, problems


# --- bibliography -------------------------------------------------------------------------------


def _sources(files: list[RawFile], problems: list[Problem]) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    defined_in: dict[str, str] = {}
    for file in files:
        check = FieldChecker(file.display, problems)
        if file.data is None:
            continue
        if not isinstance(file.data, LocatedMap):
            check.error(1, f"forventet et oppslag fra nøkkel til kilde, fikk {type_name(file.data)}")
            continue
        for key, entry in file.data.items():
            line = file.data.line_of(key)
            if not schema.SOURCE_KEY_PATTERN.match(key):
                check.error(line, f"{key}: kildenøkler skrives med små bokstaver a–z, tall og bindestrek")
            if key in defined_in:
                check.error(line, f"{key}: kilden er allerede definert i {defined_in[key]}")
                continue
            if not isinstance(entry, LocatedMap):
                check.error(line, f"{key}: forventet feltene authors, year, title …, fikk {type_name(entry)}")
                continue
            check.unknown(entry, schema.SOURCE_FIELDS, key)
            values: dict[str, str | None] = {}
            for name in schema.SOURCE_FIELDS:
                if name in entry:
                    values[name] = check.text(entry[name], f"{key}.{name}", entry.line_of(name))
                elif name in schema.SOURCE_REQUIRED:
                    check.error(line, f"{key}: mangler det påkrevde feltet '{name}'")
            if all(values.get(name) for name in schema.SOURCE_REQUIRED):
                defined_in[key] = f"{file.display}:{line}"
                sources[key] = Source(
                    key=key,
                    authors=values["authors"] or "",
                    year=values["year"] or "",
                    title=values["title"] or "",
                    in_=values.get("in"),
                    series=values.get("series"),
                    publisher=values.get("publisher"),
                    place=values.get("place"),
                    url=values.get("url"),
                    note=values.get("note"),
                )
    return sources


# --- sections ---------------------------------------------------------------------------------


def _sections(file: RawFile | None, problems: list[Problem]) -> list[Section]:
    if file is None:
        return []
    check = FieldChecker(file.display, problems)
    data = file.data
    if not isinstance(data, LocatedMap) or not isinstance(data.get("sections"), list):
        check.error(1, "forventet 'sections:' med en liste av seksjoner")
        return []
    check.unknown(data, ("sections",))
    sections: list[Section] = []
    seen: set[str] = set()
    for i, entry in enumerate(data["sections"]):
        line = data["sections"].line_of(i)
        if not isinstance(entry, LocatedMap):
            check.error(line, f"sections[{i}]: forventet feltene id, title og slides, fikk {type_name(entry)}")
            continue
        check.unknown(entry, schema.SECTION_FIELDS, f"sections[{i}]")
        missing = [f for f in ("id", "title", "slides") if f not in entry]
        for name in missing:
            check.error(line, f"sections[{i}]: mangler det påkrevde feltet '{name}'")
        if missing:
            continue
        section_id = check.text(entry["id"], f"sections[{i}].id", entry.line_of("id"))
        title = check.text(entry["title"], f"sections[{i}].title", entry.line_of("title"))
        slide_ids = check.texts(entry["slides"], f"sections[{i}].slides", entry.line_of("slides"))
        numbered = check.boolean(entry.get("numbered", True), f"sections[{i}].numbered", entry.line_of("numbered"))
        optional = check.boolean(entry.get("optional", False), f"sections[{i}].optional", entry.line_of("optional"))
        folder = entry.get("folder")
        reviewed = (
            check.date(entry["reviewed"], f"sections[{i}].reviewed", entry.line_of("reviewed"))
            if "reviewed" in entry
            else None
        )
        if not section_id or not title:
            continue
        if section_id in seen:
            check.error(entry.line_of("id"), f"sections[{i}].id: seksjonen '{section_id}' står to ganger")
            continue
        seen.add(section_id)
        sections.append(
            Section(section_id, title, slide_ids, numbered, optional, folder, reviewed, entry.line_of("reviewed"))
        )
    return sections


# --- notes --------------------------------------------------------------------------------------


def _notes_by_id(raw: RawProject, problems: list[Problem]) -> dict[str, tuple[Path, str, str]]:
    notes: dict[str, tuple[Path, str, str]] = {}
    for entry in raw.notes:
        # A nynorsk edition's notes are `x.nn.md` (load/overlay.py): the slide id is still `x`.
        slide_id = base_of(entry.path).stem if is_overlay(entry.path) else entry.path.stem
        if slide_id in notes:
            problems.append(
                Problem(entry.display, 1, f"talenotater for '{slide_id}' finnes også i {notes[slide_id][1]}")
            )
            continue
        notes[slide_id] = (entry.path, entry.display, entry.text)
    return notes


# --- slides -------------------------------------------------------------------------------------


def _slides(raw: RawProject, notes: dict[str, tuple[Path, str, str]], problems: list[Problem]) -> dict[str, Slide]:
    slides: dict[str, Slide] = {}
    first_seen: dict[str, str] = {}
    slide_stems = {file.path.stem for file in raw.slides}
    for file in raw.slides:
        slide = _slide(file, notes, problems, first_seen)
        if slide is not None:
            slides[slide.id] = slide
    for slide_id, (_, display, _) in sorted(notes.items()):
        if slide_id not in slide_stems:
            problems.append(
                Problem(
                    display,
                    1,
                    f"talenotater uten lysbilde: fant ingen slides/**/{slide_id}.yaml"
                    + did_you_mean(slide_id, slide_stems),
                )
            )
    return slides


def _slide(
    file: RawFile,
    notes: dict[str, tuple[Path, str, str]],
    problems: list[Problem],
    first_seen: dict[str, str],
) -> Slide | None:
    check = FieldChecker(file.display, problems)
    data = file.data
    if not isinstance(data, LocatedMap):
        check.error(1, f"forventet feltene id, title og layout, fikk {type_name(data)}")
        return None
    for name in schema.REQUIRED_COMMON:
        if name not in data:
            check.error(data.line, f"mangler det påkrevde feltet '{name}'")
    if any(name not in data for name in schema.REQUIRED_COMMON):
        return None
    slide_id = check.text(data["id"], "id", data.line_of("id"))
    title = check.text(data["title"], "title", data.line_of("title"))
    layout = check.text(data["layout"], "layout", data.line_of("layout"))
    if slide_id is None or title is None or layout is None:
        return None
    ok = True
    if not schema.ID_PATTERN.match(slide_id):
        check.error(data.line_of("id"), f"id: forventet små bokstaver a–z, tall og bindestrek, fikk {slide_id!r}")
        ok = False
    if slide_id != file.path.stem:
        check.error(data.line_of("id"), f"id: må være lik filnavnet '{file.path.stem}', fikk {slide_id!r}")
        ok = False
    if slide_id in first_seen:
        check.error(data.line_of("id"), f"id: '{slide_id}' brukes også i {first_seen[slide_id]}")
        return None
    first_seen[slide_id] = f"{file.display}:{data.line_of('id')}"
    if layout not in schema.LAYOUTS:
        check.error(
            data.line_of("layout"),
            f"layout: forventet en av ({', '.join(schema.LAYOUTS)}), fikk {layout!r}"
            + did_you_mean(layout, schema.LAYOUTS),
        )
        return None
    allowed = schema.allowed_fields(layout)
    for key in data:
        if key not in allowed:
            check.error(
                data.line_of(key),
                f"{key}: ukjent felt for layout '{layout}'{did_you_mean(key, allowed)} "
                f"(tillatte felt: {', '.join(allowed)})",
            )
            ok = False
    for name in schema.LAYOUTS[layout][1]:
        if name not in data:
            check.error(data.line, f"mangler det påkrevde feltet '{name}' for layout '{layout}'")
            ok = False
    content = _content(data, layout, check)
    hide_title = check.boolean(data.get("hide_title", False), "hide_title", data.line_of("hide_title"))
    sources = check.texts(data.get("sources", []), "sources", data.line_of("sources"))
    reviewed = check.date(data["reviewed"], "reviewed", data.line_of("reviewed")) if "reviewed" in data else None
    note = notes.get(slide_id)
    if note is None:
        check.error(data.line_of("id"), f"mangler talenotater: forventet speaker_notes/…/{slide_id}.md")
        ok = False
    if not ok:
        return None
    return Slide(
        id=slide_id,
        title=title,
        layout=layout,
        content=content,
        notes=note[2] if note else "",
        sources=sources,
        hide_title=hide_title,
        path=file.path,
        notes_path=note[0] if note else None,
        field_lines=dict(data.key_lines),
        reviewed=reviewed,
    )


def _content(data: LocatedMap, layout: str, check: FieldChecker) -> SlideContent:
    values: dict[str, Any] = {}
    for name, kind in schema.LAYOUTS[layout][0].items():
        if name not in data:
            continue
        value, line = data[name], data.line_of(name)
        if kind == "text":
            values[name] = check.text(value, name, line)
        elif kind == "texts":
            values[name] = check.texts(value, name, line)
        elif kind == "bullets":
            values[name] = check.bullets(value, name, line, schema.MAX_BULLETS)
        elif kind == "column":
            values[name] = check.column(value, name, line)
        elif kind == "links":
            values[name] = check.links(value, name, line)
        elif kind == "int":
            values[name] = check.integer(value, name, line)
    return SlideContent(**values)


# --- cross-checks -------------------------------------------------------------------------------


def _check_sections_against_slides(
    raw: RawProject, sections: list[Section], slides: dict[str, Slide], problems: list[Problem]
) -> None:
    if raw.sections is None:
        return
    display = raw.sections.display
    entries = raw.sections.data.get("sections", []) if isinstance(raw.sections.data, LocatedMap) else []
    listed: dict[str, str] = {}
    all_stems = {file.path.stem for file in raw.slides}
    for section in sections:
        entry = next((e for e in entries if isinstance(e, LocatedMap) and e.get("id") == section.id), None)
        slide_list = entry.get("slides") if entry is not None else None
        for i, slide_id in enumerate(section.slide_ids):
            line = slide_list.line_of(i) if slide_list is not None else None
            if slide_id in listed:
                problems.append(
                    Problem(display, line, f"{section.id}: '{slide_id}' står allerede i seksjonen '{listed[slide_id]}'")
                )
                continue
            listed[slide_id] = section.id
            if slide_id not in all_stems:
                problems.append(
                    Problem(
                        display,
                        line,
                        f"{section.id}: fant ikke lysbildet '{slide_id}'" + did_you_mean(slide_id, all_stems),
                    )
                )
        if section.numbered and section.slide_ids:
            first = slides.get(section.slide_ids[0])
            if first is not None and first.layout != "section":
                line = slide_list.line_of(0) if slide_list is not None else None
                problems.append(
                    Problem(
                        display,
                        line,
                        f"{section.id}: en nummerert seksjon begynner med et skillebilde "
                        f"(layout: section), men '{first.id}' har layout '{first.layout}'",
                    )
                )
    for file in raw.slides:
        if file.path.stem not in listed:
            problems.append(Problem(file.display, 1, f"lysbildet står ikke i noen seksjon i {display}"))


def _check_citations(
    raw: RawProject, slides: dict[str, Slide], sources: dict[str, Source], problems: list[Problem]
) -> None:
    cited: set[str] = set()
    for slide in slides.values():
        display = next(f.display for f in raw.slides if f.path == slide.path)
        line = slide.field_lines.get("sources")
        for key in slide.sources:
            cited.add(key)
            if key not in sources:
                problems.append(Problem(display, line, f"sources: ukjent kilde '{key}'" + did_you_mean(key, sources)))
    by_file: dict[str, list[str]] = defaultdict(list)
    for file in raw.bibliography:
        if isinstance(file.data, LocatedMap):
            for key in file.data:
                if key in sources and key not in cited:
                    by_file[file.display].append(key)
                    problems.append(
                        Problem(file.display, file.data.line_of(key), f"{key}: kilden brukes ikke av noe lysbilde")
                    )


# --- recipes ------------------------------------------------------------------------------------


def _recipes(files: list[RawFile], sections: set[str], slides: set[str], problems: list[Problem]) -> dict[str, Recipe]:
    recipes: dict[str, Recipe] = {}
    for file in files:
        check = FieldChecker(file.display, problems)
        data = file.data
        if not isinstance(data, LocatedMap):
            check.error(1, f"forventet feltene title og include, fikk {type_name(data)}")
            continue
        check.unknown(data, schema.RECIPE_FIELDS)
        title = check.text(data.get("title"), "title", data.line_of("title"))
        description = (
            check.text(data["description"], "description", data.line_of("description"))
            if "description" in data
            else None
        )
        include = data.get("include")
        if not isinstance(include, list) or not include:
            check.error(data.line_of("include"), "include: forventet en liste med section: … eller slide: …")
            continue
        items: list[RecipeItem] = []
        for i, item in enumerate(include):
            line = include.line_of(i)
            if not isinstance(item, dict) or len(item) != 1 or next(iter(item)) not in ("section", "slide"):
                check.error(line, f"include[{i}]: forventet 'section: <id>' eller 'slide: <id>', fikk {item!r}")
                continue
            kind, ref = next(iter(item.items()))
            known = sections if kind == "section" else slides
            if ref not in known:
                what = "seksjonen" if kind == "section" else "lysbildet"
                check.error(line, f"include[{i}]: fant ikke {what} '{ref}'" + did_you_mean(str(ref), known))
                continue
            items.append(RecipeItem(kind, ref))
        skip = False
        if "uten_lokale_tall" in data:
            choice = data["uten_lokale_tall"]
            if choice not in schema.MISSING_STATISTICS_CHOICES:
                choices = ", ".join(schema.MISSING_STATISTICS_CHOICES)
                check.error(
                    data.line_of("uten_lokale_tall"), f"uten_lokale_tall: forventet en av ({choices}), fikk {choice!r}"
                )
            skip = choice == "hopp over"
        if title:
            recipes[file.path.stem] = Recipe(file.path.stem, title, tuple(items), description, file.path, skip)
    return recipes


def recipe_from_file(file: RawFile, catalogue: Catalogue) -> tuple[Recipe | None, list[Problem]]:
    """One recipe file given by the user (`build --oppskrift`), checked exactly as shipped recipes are."""
    problems: list[Problem] = []
    sections = {s.id for s in catalogue.sections}
    found = _recipes([file], sections, set(catalogue.slides), problems)
    return found.get(file.path.stem), problems
