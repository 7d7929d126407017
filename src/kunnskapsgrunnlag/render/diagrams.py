"""The `diagram` layout: diagrams drawn from data as native, locked shapes.

One definition in diagrams/<id>.yaml drives every slide that shows it; a slide chooses the
layers it shows (`layers`), the ones that appear on click (`steps`) and, for the staircase,
the step in focus (`highlight`). Kinds: rings (the user-oriented model), staircase, venn,
pieces and curve (a chart). Geometry is computed here; text is measured by `check`.
"""

from __future__ import annotations

import math
from dataclasses import replace
from functools import lru_cache

from ..marks import Dot, Label, Mark, Stroke
from ..messages import msg
from ..model import Deck, DeckSlide, Diagram
from .blocks import body_top, bullet_paras, intro_block, para, title_block
from .measure import line_height_in, text_height_in, text_width_in
from .plan import Chart, Frame, Line, Oval, Rect, Shape, SlidePlan, TextBox, TextPara
from .richtext import Run
from .theme import Theme

SIDE_SHARE = 0.40  # a side panel's share of the content width
RING_FILLS = ("C5D0E0", "D9E0EB", "E9EDF3", "F4F6F9")  # inside out: each band a step lighter
FOCUS_CENTRE = "sentrum"
FOCUS_TINT = "F9E3E6"  # the accent red at about 12 %, behind navy text
LABEL_PAD = 0.14  # inches between a label's text and the edge of its shape
BAND_PAD = 0.08  # above and below a band's labels
BAND_LABEL_PAD = 0.09  # left and right of a band's labels
SERVICE_LINE = 0.35  # the shortest line from a service to the model
MODEL = "model"  # the label size of the dense diagrams: the user-oriented model and the staircase


def plan_diagram(entry: DeckSlide, deck: Deck, theme: Theme) -> SlidePlan:
    c, m = entry.slide.content, theme.margins
    diagram = deck.diagrams.get(c.diagram or "")
    shapes: list[Shape] = list(title_block(entry, theme))
    top = body_top(entry, theme)
    if c.intro:
        intro = intro_block(c.intro, "intro", theme, top)
        shapes.append(intro)
        top = intro.y + intro.h + 0.1
    x, w, h = m["left"], theme.content_width, theme.content_bottom - top
    if c.side:
        side_w = round(theme.content_width * SIDE_SHARE, 2)
        if diagram is not None and diagram.kind == "rings":
            # The side panel takes what the model does not need.
            needed = rings_width(diagram, _shown(c, diagram), theme)
            side_w = max(side_w, round(theme.content_width - needed - 0.3, 2))
        w -= side_w + 0.3
        side = TextBox(
            "Forklaring",
            x + w + 0.3,
            top - 0.1,
            side_w,
            h + 0.1,
            tuple(bullet_paras(c.side, theme, "side", "side_sub")),
            field="side",
        )
        shapes.append(side)
    if diagram is None:
        shapes.append(
            TextBox(
                "Diagram mangler",
                x,
                top,
                w,
                1.0,
                (para(msg("diagram_missing", deck.malform, diagram=c.diagram), theme, "body", "muted"),),
                field="diagram",
            )
        )
        return SlidePlan(tuple(shapes), theme.color("background"))
    steps = {layer: i + 1 for i, layer in enumerate(c.steps)}
    shown = _shown(c, diagram)
    focus = c.focus if diagram.kind == "rings" else c.highlight
    drawer = {"rings": _rings, "staircase": _staircase, "venn": _venn, "pieces": _pieces, "curve": _curve}
    shapes += drawer[diagram.kind](diagram, shown, steps, focus, (x, top, w, h), theme, c.alt)
    return SlidePlan(tuple(shapes), theme.color("background"))


def _shown(content, diagram: Diagram) -> list[str]:
    shown = list(content.layers) or _default_layers(diagram)
    return shown + [layer for layer in content.steps if layer not in shown]


def _default_layers(diagram: Diagram) -> list[str]:
    if diagram.kind == "staircase":
        return [diagram.layers[0].id]
    return [layer.id for layer in diagram.layers]


def _label(
    name: str,
    text: str,
    x: float,
    y: float,
    w: float,
    h: float,
    theme: Theme,
    color: str,
    within: str,
    bold: bool = True,
    step: int = 0,
    size: str = "diagram",
    align: str = "ctr",
) -> TextBox:
    """A label inside the diagram shape `within` (the check holds it there)."""
    paragraph = TextPara(
        (Run(text),),
        theme.sizes[size],
        color,
        bold=bold,
        align=align,
        role=theme.role(size),  # type: ignore[arg-type]
    )
    return TextBox(name, x, y, w, h, (paragraph,), anchor="ctr", field="diagram", step=step, inset=0.04, within=within)


def _width(text: str, theme: Theme, size: str = "diagram", bold: bool = True) -> float:
    return text_width_in(text, theme.sizes[size], theme, bold)


# --- the user-oriented model: the child in the centre, bands around it, services outside -------


def _rings(
    diagram: Diagram, shown: list[str], steps: dict[str, int], focus, box, theme: Theme, alt: str | None
) -> list[Shape]:
    """Nested rectangular bands around the child; a band's items sit in its top and bottom strips,
    where a line of text has room, and the services stand in two columns outside, each with a
    line that ends at the model's outer edge (so no line crosses a label)."""
    x, y, w, h = box
    cx, cy = x + w / 2, y + h / 2
    bands = [diagram.layer(i) for i in shown if diagram.layer(i) and not diagram.layer(i).lines]
    outer = [diagram.layer(i) for i in shown if diagram.layer(i) and diagram.layer(i).lines]
    cw, ch, t, col_w = _rings_geometry(diagram, bands, outer, w, theme)
    centre = diagram.centre or ""
    shapes: list[Shape] = []
    focus_fill, focus_text = theme.color("accent"), theme.color("divider_text")
    for k, layer in enumerate(bands, start=1):
        step = steps.get(layer.id, 0)
        bw, bh = cw + 2 * t * k, ch + 2 * t * k
        bx, by = cx - bw / 2, cy - bh / 2
        focused = focus == layer.id
        band_name = f"Ring {layer.id}"
        shapes.append(
            Frame(
                band_name,
                bx,
                by,
                bw,
                bh,
                focus_fill if focused else RING_FILLS[(k - 1) % 4],
                t,
                line="FFFFFF",
                step=step,
            )
        )
        inner = cw + 2 * t * (k - 1)
        for row, ry in zip(_rows(layer.items), (by, by + bh - t), strict=False):
            widths = [_width(i.label, theme, MODEL) + 2 * BAND_LABEL_PAD for i in row]
            spare = (inner - sum(widths)) / (len(row) + 1)
            lx = cx - inner / 2 + spare
            for item, lw in zip(row, widths, strict=True):
                shapes.append(
                    _label(
                        f"{layer.id}: {item.label}",
                        item.label,
                        lx,
                        ry,
                        lw,
                        t,
                        theme,
                        focus_text if focused else theme.color("heading"),
                        band_name,
                        step=step,
                        size=MODEL,
                    )
                )
                lx += lw + spare
    model_w, model_h = cw + 2 * t * len(bands), ch + 2 * t * len(bands)
    for layer in outer:
        shapes += _services(layer, cx, cy, model_w, model_h, col_w, box, theme, steps.get(layer.id, 0), focus)
    description = alt or _rings_alt(diagram, [b.id for b in bands] + [o.id for o in outer])
    centre_focus = focus == FOCUS_CENTRE
    shapes.append(
        Rect(
            "Sentrum",
            cx - cw / 2,
            cy - ch / 2,
            cw,
            ch,
            focus_fill if centre_focus else theme.color("heading"),
            rounded=True,
            description=description,
        )
    )
    shapes.append(
        _label(
            "Sentrum tekst",
            centre,
            cx - cw / 2 + LABEL_PAD,
            cy - ch / 2 + 0.05,
            cw - 2 * LABEL_PAD,
            ch - 0.1,
            theme,
            theme.color("divider_text"),
            "Sentrum",
            size=MODEL,
        )
    )
    return shapes


def rings_width(diagram: Diagram, shown: list[str], theme: Theme) -> float:
    """The width the model needs for the layers shown (with no room to spare)."""
    bands = [diagram.layer(i) for i in shown if diagram.layer(i) and not diagram.layer(i).lines]
    outer = [diagram.layer(i) for i in shown if diagram.layer(i) and diagram.layer(i).lines]
    cw, _ch, t, col_w = _rings_geometry(diagram, bands, outer, 0.0, theme)
    return cw + 2 * t * len(bands) + (2 * (col_w + SERVICE_LINE) if outer else 0)


def _rings_geometry(diagram: Diagram, bands, outer, w: float, theme: Theme) -> tuple[float, float, float, float]:
    """Centre width and height, band thickness and service column width, from the labels.

    `w` is the room the model has; 0 asks for the least width it can do with.
    """
    centre = diagram.centre or ""
    gap = 0.12
    t = line_height_in(theme.sizes[MODEL], theme) + 2 * BAND_PAD
    # The centre is as wide as the widest band row needs (each band's strip between its sides).
    cw = _width(centre, theme, MODEL) + 2 * LABEL_PAD + 0.3
    for k, layer in enumerate(bands, start=1):
        for row in _rows(layer.items):
            need = sum(_width(i.label, theme, MODEL) + 2 * BAND_LABEL_PAD for i in row) + gap * (len(row) + 1)
            cw = max(cw, need - 2 * t * (k - 1))
    lh = line_height_in(theme.sizes[MODEL], theme)
    ch = max(0.8, lh * 2 + 0.3)
    col_w = 0.0
    if outer:
        # Service names are set in regular weight: narrower columns leave room for their lines.
        col_w = max(_width(i.label, theme, MODEL, bold=False) for layer in outer for i in layer.items) + 2 * LABEL_PAD
        if not bands:
            # Only the services: the centre may wrap its label to fit between the two columns.
            room = w - 2 * col_w - 2 * SERVICE_LINE if w else _width(centre, theme, MODEL) / 2 + 0.5
            longest = max(_width(word, theme, MODEL) for word in centre.split() or [""])
            cw = max(min(cw, room), longest + 2 * LABEL_PAD + 0.15)
            lines = math.ceil(_width(centre, theme, MODEL) / max(cw - 2 * LABEL_PAD, 0.1))
            ch = max(ch, (lines + (1 if lines > 1 else 0)) * lh + 0.3)
    return cw, ch, t, col_w


def _rows(items) -> list[tuple]:
    """A band's items: the first half along its top strip, the rest along its bottom strip."""
    half = (len(items) + 1) // 2
    return [row for row in (tuple(items[:half]), tuple(items[half:])) if row]


def _services(layer, cx, cy, model_w, model_h, col_w, box, theme: Theme, step: int, focus) -> list[Shape]:
    x, _y, w, h = box
    items = layer.items
    left, right = items[: (len(items) + 1) // 2], items[(len(items) + 1) // 2 :]
    label_h = line_height_in(theme.sizes[MODEL], theme) + 0.2
    focused = focus == layer.id
    # Ten red boxes would shout: in focus, the services get a red outline on a light red tint.
    fill = FOCUS_TINT if focused else "FFFFFF"
    outline = theme.color("accent") if focused else theme.color("heading")
    text = theme.color("heading")
    lines: list[Shape] = []
    labels: list[Shape] = []
    for column, side in ((left, -1), (right, 1)):
        count = len(column)
        if not count:
            continue
        span = min(h, max(model_h, count * (label_h + 0.22)))
        pitch = span / count
        bx = x if side < 0 else x + w - col_w
        edge_x = cx + side * model_w / 2  # the model's outer edge on this side
        for i, item in enumerate(column):
            py = cy - span / 2 + pitch * (i + 0.5)
            name = f"{layer.id}: {item.label} boks"
            labels.append(
                Rect(
                    name,
                    bx,
                    py - label_h / 2,
                    col_w,
                    label_h,
                    fill,
                    step=step,
                    rounded=True,
                    line=outline,
                )
            )
            labels.append(
                _label(
                    f"{layer.id}: {item.label}",
                    item.label,
                    bx + 0.04,
                    py - label_h / 2,
                    col_w - 0.08,
                    label_h,
                    theme,
                    text,
                    name,
                    bold=False,
                    step=step,
                    size=MODEL,
                )
            )
            # The line runs from the box's edge to the model's edge, at the nearest height it has.
            start_x = bx + col_w if side < 0 else bx
            end_y = min(max(py, cy - model_h / 2 + 0.12), cy + model_h / 2 - 0.12)
            lines.append(Line(f"Linje {item.label}", start_x, py, edge_x, end_y, theme.color("accent"), 1.5, step=step))
    return lines + labels


def _rings_alt(diagram: Diagram, layer_ids: list[str]) -> str:
    form = diagram.malform
    parts = [msg("rings_alt", form, centre=diagram.centre or msg("rings_default_centre", form))]
    for layer_id in layer_ids:
        layer = diagram.layer(layer_id)
        if layer:
            kind = msg("rings_lines", form) if layer.lines else msg("rings_ring", form)
            parts.append(f"{kind} – {layer.label or layer.id}: {', '.join(i.label for i in layer.items)}.")
    return " ".join(parts)


# --- the staircase of coordination -------------------------------------------------------------


def _staircase(
    diagram: Diagram, shown: list[str], steps: dict[str, int], highlight: int | None, box, theme: Theme, alt: str | None
) -> list[Shape]:
    x, y, w, h = box
    items = diagram.layers[0].items
    with_extra = bool(diagram.extra) and "extra" in shown
    slots = len(items) + (1 if with_extra else 0)
    sw, unit = w / slots, (h - 0.1) / slots
    bottom = y + h
    label_h = min(unit - 0.05, 3 * line_height_in(theme.sizes[MODEL], theme) + 0.25)
    shapes: list[Shape] = []
    for i, item in enumerate(items):
        focus = highlight == i + 1
        fill = theme.color("accent") if focus else theme.color("heading")
        if highlight and not focus:
            fill = "4A5D7E"  # the other steps recede, still readable with white text
        sx, sy = x + i * sw, bottom - (i + 1) * unit
        description = alt or _staircase_alt(diagram, highlight) if i == 0 else ""
        shapes.append(Rect(f"Trinn {i + 1}", sx, sy, sw - 0.08, (i + 1) * unit, fill, description=description))
        shapes.append(
            _label(
                f"Trinn {i + 1} tekst",
                f"{i + 1}. {item.label}",
                sx + LABEL_PAD,
                sy + 0.05,
                sw - 0.08 - 2 * LABEL_PAD,
                label_h - 0.1,
                theme,
                theme.color("divider_text"),
                f"Trinn {i + 1}",
                size=MODEL,
            )
        )
    if highlight and 1 <= highlight <= len(items) and items[highlight - 1].detail:
        # What the step in focus means, in the free corner above the lower steps.
        free_h = h - 2 * unit - 0.25
        detail = TextBox(
            "Om trinnet",
            x + 0.3,
            y,
            2 * sw - 0.45,
            free_h,
            (para(items[highlight - 1].detail or "", theme, "body", "heading"),),
            anchor="ctr",
            field="diagram",
        )
        needed = min(text_height_in(detail, theme), free_h)
        detail = replace(detail, y=y + (free_h - needed) / 2, h=needed)
        shapes.append(Rect("Om trinnet markering", x, detail.y + 0.05, 0.08, needed - 0.1, theme.color("accent")))
        shapes.append(detail)
    if with_extra:
        i = len(items)
        sx, sy = x + i * sw, bottom - (i + 1) * unit
        step = steps.get("extra", 0)
        shapes.append(
            Rect(
                "Et trinn til",
                sx,
                sy,
                sw - 0.08,
                (i + 1) * unit,
                "FFFFFF",
                step=step,
                line=theme.color("accent"),
                dashed=True,
            )
        )
        shapes.append(
            _label(
                "Et trinn til tekst",
                diagram.extra or "",
                sx + LABEL_PAD,
                sy + 0.05,
                sw - 0.08 - 2 * LABEL_PAD,
                min(unit * (i + 1) - 0.1, 4 * line_height_in(theme.sizes[MODEL], theme) + 0.25),
                theme,
                theme.color("accent"),
                "Et trinn til",
                step=step,
                size=MODEL,
            )
        )
    return shapes


def _staircase_alt(diagram: Diagram, highlight: int | None) -> str:
    items = [f"{i + 1}. {item.label}" for i, item in enumerate(diagram.layers[0].items)]
    form = diagram.malform
    text = msg("staircase_alt", form) + "; ".join(items) + "."
    if highlight:
        text += msg("staircase_highlight", form, step=highlight)
    if diagram.extra:
        text += msg("staircase_extra", form, extra=diagram.extra)
    return text


# --- three overlapping traits ---------------------------------------------------------------------


def _venn(diagram: Diagram, shown, steps, highlight, box, theme: Theme, alt: str | None) -> list[Shape]:
    """Three circles; each trait in the part of its circle no other covers, the shared centre named
    in a box of its own where all three meet."""
    x, y, w, h = box
    items = diagram.layers[0].items[:3]
    d = min(h / 1.66, w * 0.36)
    r0 = d * 0.42  # from the diagram's centre to each circle's centre
    # The three circles span d + 1.5 r0 in height, their centres from -r0/2 to +r0: centred so.
    cx, cy = x + w / 2, y + h / 2 - r0 * 0.25
    angles = (math.radians(210), math.radians(330), math.radians(90))
    centres = [(cx + r0 * math.cos(a), cy + r0 * math.sin(a)) for a in angles]
    fills = (theme.color("heading"), theme.color("accent"), theme.color("muted"))
    shapes: list[Shape] = []
    description = alt or (
        msg("venn_alt", diagram.malform)
        + ", ".join(i.label for i in items)
        + (msg("venn_centre", diagram.malform, centre=diagram.centre) if diagram.centre else ".")
    )
    for i, (px, py) in enumerate(centres[: len(items)]):
        shapes.append(
            Oval(
                f"Sirkel {i + 1}",
                px - d / 2,
                py - d / 2,
                d,
                d,
                fills[i],
                alpha=0.18,
                line=fills[i],
                description=description if i == 0 else "",
            )
        )
    lh = line_height_in(theme.sizes["diagram"], theme)
    for i, ((px, py), item, a) in enumerate(zip(centres, items, angles, strict=False)):
        # The label sits in the part of its circle no other circle covers.
        lines = 1 if _width(item.label, theme) + 2 * LABEL_PAD <= d * 0.62 else 2
        lw = min(d * 0.62, max(_width(w_, theme) for w_ in item.label.split()) * (1 if lines == 2 else 0) + d * 0.3)
        lw = max(lw, min(_width(item.label, theme) / lines + 2 * LABEL_PAD + 0.1, d * 0.62))
        lh2 = lines * lh + 0.12
        others = [c for j, c in enumerate(centres[: len(items)]) if j != i]
        lx, ly = _free_spot(px, py, a, d, lw, lh2, others)
        shapes.append(
            _label(
                f"Trekk {i + 1}",
                item.label,
                lx - lw / 2,
                ly - lh2 / 2,
                lw,
                lh2,
                theme,
                theme.color("heading"),
                f"Sirkel {i + 1}",
            )
        )
    if diagram.centre:
        cw = min(_width(diagram.centre, theme) + 2 * LABEL_PAD, d * 0.9)
        chh = (2 if _width(diagram.centre, theme) + 2 * LABEL_PAD > cw else 1) * lh + 0.2
        shapes.append(
            Rect("Midten boks", cx - cw / 2, cy - chh / 2, cw, chh, "FFFFFF", rounded=True, line=theme.color("heading"))
        )
        shapes.append(
            _label(
                "Midten",
                diagram.centre,
                cx - cw / 2,
                cy - chh / 2,
                cw,
                chh,
                theme,
                theme.color("heading"),
                "Midten boks",
            )
        )
    return shapes


def _free_spot(px, py, angle, d, lw, lh, others) -> tuple[float, float]:
    """The centre for a label of lw × lh inside the circle at (px, py), clear of the others."""
    r = d / 2

    def corners(x, y):
        return [(x + sx * lw / 2, y + sy * lh / 2) for sx in (-1, 0, 1) for sy in (-1, 0, 1)]

    best = (px + math.cos(angle) * d * 0.2, py + math.sin(angle) * d * 0.2)
    for step in range(0, 40):
        f = step / 100
        x, y = px + math.cos(angle) * d * f, py + math.sin(angle) * d * f
        points = corners(x, y)
        inside_own = all(math.hypot(cx - px, cy - py) <= r - 0.04 for cx, cy in points)
        clear = all(all(math.hypot(cx - ox, cy - oy) >= r + 0.04 for cx, cy in points) for ox, oy in others)
        if inside_own and clear:
            return x, y
    return best


# --- pieces that must all be in place -------------------------------------------------------------


def _pieces(diagram: Diagram, shown, steps, highlight, box, theme: Theme, alt: str | None) -> list[Shape]:
    """Any number of pieces in a grid of near-square rows; the caption under them."""
    x, y, w, h = box
    items = diagram.layers[0].items
    columns = max(1, min(len(items), math.ceil(math.sqrt(len(items) * 1.5))))
    rows = math.ceil(len(items) / columns)
    caption_h = line_height_in(theme.sizes["body"], theme) + 0.3 if diagram.centre else 0
    gw, gh = min(w, 3.2 * columns), min(h - caption_h - 0.1, 1.5 * rows)
    pw, ph = gw / columns, gh / rows
    gx, gy = x + (w - gw) / 2, y + (h - caption_h - 0.1 - gh) / 2
    fills = (theme.color("heading"), "4A5D7E", theme.color("accent"))
    description = alt or (msg("pieces_alt", diagram.malform) + ", ".join(i.label for i in items) + ".")
    shapes: list[Shape] = []
    for i, item in enumerate(items):
        col, row = i % columns, i // columns
        # A last row with fewer pieces is centred under the others.
        in_row = min(columns, len(items) - row * columns)
        px, py = gx + (columns - in_row) * pw / 2 + col * pw, gy + row * ph
        name = f"Brikke {i + 1}"
        shapes.append(
            Rect(
                name,
                px + 0.05,
                py + 0.05,
                pw - 0.1,
                ph - 0.1,
                fills[(col + row) % 3],
                rounded=True,
                description=description if i == 0 else "",
            )
        )
        shapes.append(
            _label(
                f"{name} tekst",
                item.label,
                px + 0.05 + LABEL_PAD,
                py + 0.1,
                pw - 0.1 - 2 * LABEL_PAD,
                ph - 0.2,
                theme,
                theme.color("divider_text"),
                name,
                size="body",
            )
        )
    if diagram.centre:
        shapes.append(
            TextBox(
                "Bildetekst",
                x,
                gy + gh + 0.1,
                w,
                caption_h,
                (para(diagram.centre, theme, "body", "heading", bold=True, align="ctr"),),
                anchor="ctr",
                field="diagram",
            )
        )
    return shapes


# --- a curve (the Heckman curve) -----------------------------------------------------------------


def _curve(diagram: Diagram, shown, steps, highlight, box, theme: Theme, alt: str | None) -> list[Shape]:
    x, y, w, h = box
    source_h = 0.45 if diagram.source else 0
    marks = curve_marks(
        diagram.points, diagram.x_label or "", diagram.y_label or "", round(w, 2), round(h - source_h, 2)
    )
    labels = ", ".join(f"{label}: {format(value, 'g').replace('.', ',')}" for label, value in diagram.points)
    description = alt or (
        msg("curve_alt", diagram.malform, y=diagram.y_label, x=diagram.x_label, points=labels)
        + (f" {msg('source', diagram.malform)}: {diagram.source}." if diagram.source else "")
    )
    shapes: list[Shape] = [Chart("Kurve", x, y, w, h - source_h, marks, description)]
    if diagram.source:
        shapes.append(
            TextBox(
                "Kilde",
                x,
                y + h - source_h,
                w,
                source_h,
                (para(f"{msg('source', diagram.malform)}: {diagram.source}", theme, "small", "muted"),),
                field="diagram",
            )
        )
    return shapes


CURVE_TEXT_SIZE = 18
CURVE_POINT = "#C8102E"


@lru_cache(maxsize=16)
def curve_marks(
    points: tuple[tuple[str, float], ...], x_label: str, y_label: str, width: float, height: float
) -> tuple[Mark, ...]:
    """A smooth, falling curve through the points on two axes (left and bottom), the points
    marked, each labelled under the axis, and the axes titled."""
    from ..stats.chart import MUTED, NAVY, TEXT

    size = CURVE_TEXT_SIZE
    line = size * 1.2 / 72
    # Under the axis: a gap, the point labels, a gap and the axis title.
    below = 6 / 72 + line + (4 / 72 + line if x_label else 0)
    left, right, top, bottom = 0.08 * width, 0.98 * width, 0.04 * height, height - below
    n = len(points)
    span = max(n - 1, 1)
    x_lo, x_hi = -0.05 * span, span * 1.05
    y_hi = max(value for _, value in points) * 1.15 or 1.0

    def at(i: float, value: float) -> tuple[float, float]:
        fx = left + (i - x_lo) / (x_hi - x_lo) * (right - left)
        fy = bottom - value / y_hi * (bottom - top)
        return round(fx, 4), round(fy, 4)

    ys = [value for _, value in points]
    # A monotone smoothing between the points (no overshoot): cosine interpolation.
    fine = []
    for i in range(n - 1):
        for s in range(20):
            g = (1 - math.cos(math.pi * s / 20)) / 2
            fine.append(at(i + s / 20, ys[i] * (1 - g) + ys[i + 1] * g))
    fine.append(at(n - 1, ys[-1]))
    marks: list[Mark] = [
        Stroke(((left, top), (left, bottom)), TEXT, 1.0),
        Stroke(((left, bottom), (right, bottom)), TEXT, 1.0),
        Stroke(tuple(fine), NAVY, 4.0),
    ]
    marks += [Dot(*at(i, value), 9, CURVE_POINT) for i, value in enumerate(ys)]
    label_top = bottom + 6 / 72
    marks += [Label(at(i, 0)[0], label_top, label, size, TEXT, va="top") for i, (label, _v) in enumerate(points)]
    if x_label:
        marks.append(Label((left + right) / 2, label_top + line + 4 / 72, x_label, size, MUTED, va="top"))
    if y_label:
        marks.append(Label(left - 0.3, (top + bottom) / 2, y_label, size, MUTED, vertical=True))
    return tuple(marks)
