"""Diagram definitions (diagrams/*.yaml) into the model, and the slides' references to them."""

from __future__ import annotations

from ..errors import Problem
from ..load.files import RawFile, RawProject
from ..load.yamlsource import LocatedMap
from ..model import Diagram, DiagramItem, DiagramLayer, Slide
from ..suggest import did_you_mean
from . import schema
from .fields import FieldChecker, type_name


def build_diagrams(files: list[RawFile], problems: list[Problem]) -> dict[str, Diagram]:
    diagrams: dict[str, Diagram] = {}
    for file in files:
        check = FieldChecker(file.display, problems)
        data = file.data
        if not isinstance(data, LocatedMap):
            check.error(1, f"forventet feltene kind, layers …, fikk {type_name(data)}")
            continue
        check.unknown(data, schema.DIAGRAM_FIELDS)
        kind = check.text(data.get("kind"), "kind", data.line_of("kind"))
        if kind not in schema.DIAGRAM_KINDS:
            if kind:
                check.error(
                    data.line_of("kind"),
                    f"kind: forventet en av ({', '.join(schema.DIAGRAM_KINDS)}), "
                    f"fikk {kind!r}" + did_you_mean(kind, schema.DIAGRAM_KINDS),
                )
            continue
        layers = _layers(data, check)
        text = {
            name: check.text(data[name], name, data.line_of(name)) if name in data else None
            for name in ("centre", "extra", "x_label", "y_label", "source")
        }
        points = _points(data, check)
        if kind == "curve" and len(points) < 2:
            check.error(data.line, "points: en kurve trenger minst to punkter")
            continue
        if kind != "curve" and not layers:
            check.error(data.line, f"layers: et diagram av typen {kind!r} trenger minst ett lag med items")
            continue
        diagrams[file.path.stem] = Diagram(
            file.path.stem,
            kind,
            layers,
            text["centre"],
            text["extra"],
            text["x_label"],
            text["y_label"],
            points,
            text["source"],
            file.path,
        )
    return diagrams


def _layers(data: LocatedMap, check: FieldChecker) -> tuple[DiagramLayer, ...]:
    raw = data.get("layers", [])
    if not isinstance(raw, list):
        check.error(data.line_of("layers"), f"layers: forventet en liste, fikk {type_name(raw)}")
        return ()
    layers = []
    for i, entry in enumerate(raw):
        line = raw.line_of(i)
        if not isinstance(entry, LocatedMap):
            check.error(line, f"layers[{i}]: forventet feltene id og items, fikk {type_name(entry)}")
            continue
        check.unknown(entry, schema.DIAGRAM_LAYER_FIELDS, f"layers[{i}]")
        layer_id = check.text(entry.get("id"), f"layers[{i}].id", entry.line_of("id"))
        label = check.text(entry["label"], f"layers[{i}].label", entry.line_of("label")) if "label" in entry else None
        items_raw = entry.get("items", [])
        items = []
        if not isinstance(items_raw, list) or not items_raw:
            check.error(entry.line_of("items"), f"layers[{i}].items: forventet en liste med minst ett punkt")
            continue
        for j, item in enumerate(items_raw):
            item_line = items_raw.line_of(j)
            if isinstance(item, LocatedMap):
                check.unknown(item, ("label", "detail"), f"layers[{i}].items[{j}]")
                label_text = check.text(item.get("label"), f"layers[{i}].items[{j}].label", item_line)
                detail = (
                    check.text(item["detail"], f"layers[{i}].items[{j}].detail", item.line_of("detail"))
                    if "detail" in item
                    else None
                )
                if label_text:
                    items.append(DiagramItem(label_text, detail))
            elif (label_text := check.text(item, f"layers[{i}].items[{j}]", item_line)) is not None:
                items.append(DiagramItem(label_text))
        lines = check.boolean(entry.get("lines", False), f"layers[{i}].lines", entry.line_of("lines"))
        if layer_id:
            layers.append(DiagramLayer(layer_id, label, tuple(items), lines))
    return tuple(layers)


def _points(data: LocatedMap, check: FieldChecker) -> tuple[tuple[str, float], ...]:
    raw = data.get("points", [])
    points = []
    if not isinstance(raw, list):
        check.error(data.line_of("points"), f"points: forventet en liste, fikk {type_name(raw)}")
        return ()
    for i, item in enumerate(raw):
        line = raw.line_of(i)
        if (
            isinstance(item, LocatedMap)
            and isinstance(item.get("label"), str)
            and isinstance(item.get("value"), int | float)
            and not isinstance(item.get("value"), bool)
        ):
            points.append((item["label"], float(item["value"])))
        else:
            check.error(line, f"points[{i}]: forventet feltene label (tekst) og value (tall)")
    return tuple(points)


FOCUS_CENTRE = "sentrum"


def check_diagram_references(
    raw: RawProject, slides: dict[str, Slide], diagrams: dict[str, Diagram], problems: list[Problem]
) -> None:
    """A diagram slide names a known diagram, and only layers that diagram has."""
    displays = {f.path: f.display for f in raw.slides}
    for slide in slides.values():
        content = slide.content
        if slide.layout != "diagram" or content.diagram is None:
            continue
        display = displays.get(slide.path, slide.id)
        diagram = diagrams.get(content.diagram)
        if diagram is None:
            problems.append(
                Problem(
                    display,
                    slide.field_lines.get("diagram"),
                    f"diagram: fant ikke diagrams/{content.diagram}.yaml" + did_you_mean(content.diagram, diagrams),
                )
            )
            continue
        for field in ("layers", "steps"):
            for layer_id in getattr(content, field):
                if layer_id not in diagram.layer_ids:
                    problems.append(
                        Problem(
                            display,
                            slide.field_lines.get(field),
                            f"{field}: diagrammet {diagram.id!r} har ikke laget {layer_id!r}; "
                            f"lagene er {', '.join(diagram.layer_ids)}",
                        )
                    )
        if content.focus is not None and content.focus not in (FOCUS_CENTRE, *diagram.layer_ids):
            problems.append(
                Problem(
                    display,
                    slide.field_lines.get("focus"),
                    f"focus: forventet {FOCUS_CENTRE!r} eller et av lagene {', '.join(diagram.layer_ids)}, "
                    f"fikk {content.focus!r}",
                )
            )
        if content.highlight is not None:
            count = len(diagram.layers[0].items) if diagram.layers else 0
            if not 1 <= content.highlight <= count:
                problems.append(
                    Problem(
                        display,
                        slide.field_lines.get("highlight"),
                        f"highlight: forventet et trinn mellom 1 og {count}, fikk {content.highlight}",
                    )
                )
