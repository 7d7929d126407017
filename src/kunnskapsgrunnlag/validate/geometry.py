"""Geometric checks on the plans the renderer draws: what would collide or be unreadable.

Each finding names the shapes involved, so `check` can report it as an error on the slide:
- a text box over another text box;
- a line that crosses a text box;
- a shape outside the slide, or inside the safe margin at its edge;
- text set below the minimum size of its role (the theme's type scale);
- a diagram label whose text does not fit inside the shape it belongs to, or crosses another
  shape's outline drawn above that shape;
- a chart's text outside the chart, over another of its texts, or below the chart text size.

Shapes that appear on click never disappear again, so every shape of a plan is checked against
every other, whatever its step. The slide number, footer and wordmark take part as text boxes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..marks import Label
from ..render.draw import footer_box, wordmark_box
from ..render.measure import FontMissing, box_height_in, text_width_in
from ..render.plan import Chart, Frame, Line, Oval, Picture, Rect, Shape, SlidePlan, TextBox
from ..render.theme import Theme

TOLERANCE = 0.02  # inches: boxes that merely touch do not collide
Box = tuple[float, float, float, float]  # x, y, w, h


@dataclass(frozen=True)
class GeometryProblem:
    shapes: tuple[str, ...]
    message: str  # Norwegian, for the user; the slide id is added by the caller


def geometry_problems(plan: SlidePlan, theme: Theme) -> list[GeometryProblem]:
    boxes = [b for b in plan.text_boxes() if b.measure]
    if plan.footer:
        boxes.append(footer_box(theme))
    if plan.wordmark:
        boxes.append(wordmark_box(theme))
    found: list[GeometryProblem] = []
    found += _overlapping_text(boxes)
    found += _lines_through_text(plan, boxes)
    found += _outside(plan, theme)
    found += _too_small(plan, theme)
    found += _labels_outside_their_shape(plan, theme)
    for chart in (s for s in plan.shapes if isinstance(s, Chart)):
        found += _chart_text(chart, theme)
    return found


# --- text over text, lines through text -------------------------------------------------------


def _rect(shape) -> Box:
    return (shape.x, shape.y, shape.w, shape.h)


def _overlap(a: Box, b: Box, tolerance: float = TOLERANCE) -> bool:
    return (
        a[0] + a[2] - tolerance > b[0]
        and b[0] + b[2] - tolerance > a[0]
        and a[1] + a[3] - tolerance > b[1]
        and b[1] + b[3] - tolerance > a[1]
    )


def _overlapping_text(boxes: list[TextBox]) -> list[GeometryProblem]:
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if _overlap(_rect(a), _rect(b)):
                found.append(GeometryProblem((a.name, b.name), f"tekstboksen «{a.name}» ligger over «{b.name}»"))
    return found


def _segment_hits_box(line: Line, box: Box) -> bool:
    """Whether the segment enters the box (shrunk by the tolerance): Liang–Barsky clipping."""
    x, y, w, h = box[0] + TOLERANCE, box[1] + TOLERANCE, box[2] - 2 * TOLERANCE, box[3] - 2 * TOLERANCE
    if w <= 0 or h <= 0:
        return False
    dx, dy = line.x2 - line.x1, line.y2 - line.y1
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, line.x1 - x), (dx, x + w - line.x1), (-dy, line.y1 - y), (dy, y + h - line.y1)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def _lines_through_text(plan: SlidePlan, boxes: list[TextBox]) -> list[GeometryProblem]:
    found = []
    for line in (s for s in plan.shapes if isinstance(s, Line)):
        for box in boxes:
            if _segment_hits_box(line, _rect(box)):
                found.append(
                    GeometryProblem((line.name, box.name), f"linjen «{line.name}» krysser tekstboksen «{box.name}»")
                )
    return found


# --- the slide's edge and safe margin -----------------------------------------------------------


def _extent(shape: Shape) -> Box:
    if isinstance(shape, Line):
        x, y = min(shape.x1, shape.x2), min(shape.y1, shape.y2)
        return (x, y, abs(shape.x2 - shape.x1), abs(shape.y2 - shape.y1))
    return _rect(shape)


def _outside(plan: SlidePlan, theme: Theme) -> list[GeometryProblem]:
    safe = theme.margins.get("safe", 0.15)
    found = []
    for shape in plan.shapes:
        x, y, w, h = _extent(shape)
        if isinstance(shape, Rect) and shape.bleed:
            limit, where = 0.0, "utenfor lysbildet"
        else:
            limit, where = safe, f"utenfor sikkerhetsmargen ({safe:g} tommer fra kanten)"
        if (
            x < limit - 1e-6
            or y < limit - 1e-6
            or x + w > theme.width - limit + 1e-6
            or y + h > theme.height - limit + 1e-6
        ):
            found.append(GeometryProblem((shape.name,), f"formen «{shape.name}» ligger {where}"))
    return found


# --- the type scale -----------------------------------------------------------------------------


def _too_small(plan: SlidePlan, theme: Theme) -> list[GeometryProblem]:
    found = []
    for box in plan.text_boxes():
        if not box.measure:
            continue
        for para in box.paragraphs:
            minimum = theme.minimum(para.role)
            if para.text.strip() and para.size < minimum - 1e-6:
                found.append(
                    GeometryProblem(
                        (box.name,),
                        f"teksten i «{box.name}» er {para.size:g} pt, under minstestørrelsen {minimum:g} pt "
                        f"for rollen {para.role!r}",
                    )
                )
                break
    return found


# --- diagram labels inside their shapes ---------------------------------------------------------


def _text_extent(box: TextBox, theme: Theme) -> Box:
    """The part of a label's box its text covers (centred, as diagram labels are)."""
    try:
        height = box_height_in(box, theme)[0]
    except FontMissing:
        return _rect(box)
    width = 0.0
    for para in box.paragraphs:
        width = max(width, min(text_width_in(para.text, para.size, theme, para.bold), box.w - 2 * box.inset))
    width += 2 * box.inset
    height = min(height, box.h) if height <= box.h else height
    return (box.x + (box.w - width) / 2, box.y + (box.h - height) / 2, width, height)


def _classify(shape: Shape, area: Box) -> str:
    """Whether the area lies inside the shape, outside it, or across its outline."""
    if isinstance(shape, Frame):
        outer = _classify_rect(_rect(shape), area)
        if outer == "outside":
            return "outside"
        hole = _classify_rect(shape.hole, area)
        if hole == "inside":
            return "outside"
        return "inside" if outer == "inside" and hole == "outside" else "crosses"
    if isinstance(shape, Oval):
        return _classify_ellipse(shape, area)
    return _classify_rect(_rect(shape), area)


def _classify_rect(rect: Box, area: Box) -> str:
    x, y, w, h = area
    if (
        x >= rect[0] - 1e-6
        and y >= rect[1] - 1e-6
        and x + w <= rect[0] + rect[2] + 1e-6
        and y + h <= rect[1] + rect[3] + 1e-6
    ):
        return "inside"
    return "crosses" if _overlap(rect, area, 0.0) else "outside"


def _classify_ellipse(oval: Oval, area: Box) -> str:
    cx, cy, rx, ry = oval.x + oval.w / 2, oval.y + oval.h / 2, oval.w / 2, oval.h / 2
    x, y, w, h = area
    points = [(x + w * i / 12, y + h * j) for i in range(13) for j in (0, 1)]
    points += [(x + w * j, y + h * i / 12) for i in range(13) for j in (0, 1)]
    inside = [((px - cx) / rx) ** 2 + ((py - cy) / ry) ** 2 <= 1 for px, py in points]
    if all(inside):
        return "inside"
    # No border point inside: outside, unless the ellipse sits wholly within the area.
    if not any(inside) and not (x <= cx <= x + w and y <= cy <= y + h):
        nearest_x, nearest_y = min(max(cx, x), x + w), min(max(cy, y), y + h)
        if math.hypot((nearest_x - cx) / rx, (nearest_y - cy) / ry) > 1:
            return "outside"
    return "crosses"


def _labels_outside_their_shape(plan: SlidePlan, theme: Theme) -> list[GeometryProblem]:
    found = []
    shapes = list(plan.shapes)
    by_name = {s.name: i for i, s in enumerate(shapes)}
    for box in plan.text_boxes():
        if not box.within:
            continue
        index = by_name.get(box.within)
        if index is None:
            found.append(GeometryProblem((box.name,), f"«{box.name}» hører til formen «{box.within}», som mangler"))
            continue
        container = shapes[index]
        area = _text_extent(box, theme)
        if area[3] > box.h + 0.01 or _classify(container, area) != "inside":
            found.append(
                GeometryProblem(
                    (box.name, container.name), f"teksten «{box.name}» får ikke plass inni formen «{container.name}»"
                )
            )
            continue
        # Outlines drawn above the label's own shape must not run through its text.
        for other in shapes[index + 1 :]:
            if isinstance(other, (TextBox, Line, Picture, Chart)) or other is container:
                continue
            if _classify(other, area) == "crosses":
                found.append(
                    GeometryProblem((box.name, other.name), f"teksten «{box.name}» krysser kanten av «{other.name}»")
                )
    return found


# --- the text of charts -----------------------------------------------------------------------


def label_extent(label: Label, theme: Theme) -> Box:
    """Where a chart label's text lies (inches, chart-relative), measured in the theme's font."""
    lines = label.text.split("\n")
    try:
        width = max(text_width_in(line, label.size, theme, label.bold) for line in lines)
    except FontMissing:
        width = max(len(line) for line in lines) * label.size * 0.52 / 72
    return label.box(width)


def _chart_text(chart: Chart, theme: Theme) -> list[GeometryProblem]:
    found = []
    labels = [m for m in chart.marks if isinstance(m, Label)]
    extents = [label_extent(label, theme) for label in labels]
    minimum = theme.minimum("diagram")
    inside = (-TOLERANCE, -TOLERANCE, chart.w + 2 * TOLERANCE, chart.h + 2 * TOLERANCE)
    for i, (label, extent) in enumerate(zip(labels, extents, strict=True)):
        name = f"«{label.text.replace(chr(10), ' ')}» i «{chart.name}»"
        if label.size < minimum - 1e-6:
            found.append(GeometryProblem((chart.name,), f"teksten {name} er {label.size:g} pt, under {minimum:g} pt"))
        if _classify_rect(inside, extent) != "inside":
            found.append(GeometryProblem((chart.name,), f"teksten {name} går utenfor diagrammet"))
        for other, other_extent in zip(labels[i + 1 :], extents[i + 1 :], strict=True):
            if _overlap(extent, other_extent, 0.0):
                found.append(GeometryProblem((chart.name,), f"teksten {name} ligger over «{other.text}» i diagrammet"))
    return found
