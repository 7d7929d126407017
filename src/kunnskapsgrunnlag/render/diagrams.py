"""The `diagram` layout: diagrams drawn from data as native, locked shapes.

One definition in diagrams/<id>.yaml drives every slide that shows it; a slide chooses the
layers it shows (`layers`), the ones that appear on click (`steps`) and, for the staircase,
the step in focus (`highlight`). Kinds: rings (the user-oriented model), staircase, venn,
pieces and curve (a chart). Geometry is computed here; text is measured by `check`.
"""

from __future__ import annotations

import io
import math
from functools import lru_cache

from ..diskcache import memo
from ..model import Deck, DeckSlide, Diagram
from .blocks import body_top, bullet_paras, para, title_block
from .plan import Line, Oval, Picture, Rect, Shape, SlidePlan, TextBox, TextPara
from .richtext import Run
from .theme import Theme

SIDE_WIDTH = 4.6
RING_FILLS = ("D3DAE6", "E2E7EF", "EEF1F5", "F6F7FA")


def plan_diagram(entry: DeckSlide, deck: Deck, theme: Theme) -> SlidePlan:
    c, m = entry.slide.content, theme.margins
    diagram = deck.diagrams.get(c.diagram or "")
    shapes: list[Shape] = list(title_block(entry, theme))
    top = body_top(entry, theme)
    if c.intro:
        shapes.append(
            TextBox(
                "Ingress",
                m["left"],
                top - 0.1,
                theme.content_width,
                0.5,
                (para(c.intro, theme, "sub_bullet", "muted"),),
                field="intro",
            )
        )
        top += 0.45
    x, w, h = m["left"], theme.content_width, theme.content_bottom - top
    if c.side:
        w -= SIDE_WIDTH + 0.2
        shapes.append(
            TextBox(
                "Forklaring",
                x + w + 0.2,
                top,
                SIDE_WIDTH,
                h,
                tuple(bullet_paras(c.side, theme, "sub_bullet", "small")),
                field="side",
            )
        )
    if diagram is None:
        shapes.append(
            TextBox(
                "Diagram mangler",
                x,
                top,
                w,
                1.0,
                (para(f"Diagrammet «{c.diagram}» finnes ikke.", theme, "body", "muted"),),
                field="diagram",
            )
        )
        return SlidePlan(tuple(shapes), theme.color("background"))
    steps = {layer: i + 1 for i, layer in enumerate(c.steps)}
    shown = list(c.layers) or _default_layers(diagram)
    shown += [layer for layer in c.steps if layer not in shown]
    drawer = {"rings": _rings, "staircase": _staircase, "venn": _venn, "pieces": _pieces, "curve": _curve}
    shapes += drawer[diagram.kind](diagram, shown, steps, c.highlight, (x, top, w, h), theme, c.alt)
    return SlidePlan(tuple(shapes), theme.color("background"))


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
    size: float,
    color: str,
    bold: bool = False,
    step: int = 0,
    align: str = "ctr",
) -> TextBox:
    para = TextPara((Run(text),), size, color, bold=bold, align=align)  # type: ignore[arg-type]
    return TextBox(name, x, y, w, h, (para,), anchor="ctr", field="diagram", step=step, inset=0.03)


# --- the user-oriented model: concentric rings ---------------------------------------------------


def _rings(
    diagram: Diagram, shown: list[str], steps: dict[str, int], highlight, box, theme: Theme, alt: str | None
) -> list[Shape]:
    x, y, w, h = box
    cx, cy = x + w / 2, y + h / 2
    bands = [diagram.layer(i) for i in shown if diagram.layer(i) and not diagram.layer(i).lines]
    outer = [diagram.layer(i) for i in shown if diagram.layer(i) and diagram.layer(i).lines]
    room_y = h / 2 - (0.62 if outer else 0.05)
    room_x = w / 2 - (1.75 if outer else 0.1)
    # A wide, flat centre: the rings' top and bottom arcs are then long enough to carry their items.
    ry_c = min(0.5, room_y * 0.3)
    t = max(min((room_y - ry_c) / max(len(bands), 1), 0.55), 0.3)
    rx_c = max(min(2.3, room_x - t * len(bands)), 1.2)
    shapes: list[Shape] = []
    # Bands from the inside out, each a ring (donut) so that a band shown later covers nothing.
    for k, layer in enumerate(bands, start=1):
        step = steps.get(layer.id, 0)
        rx, ry = rx_c + t * k, ry_c + t * k
        shapes.append(
            Oval(
                f"Ring {layer.id}",
                cx - rx,
                cy - ry,
                2 * rx,
                2 * ry,
                RING_FILLS[(k - 1) % 4],
                line="FFFFFF",
                step=step,
                hole=t,
            )
        )
        mid_rx, mid_ry = rx - t / 2, ry - t / 2
        shapes += _band_items(layer, mid_rx, mid_ry, t, cx, cy, theme, step)
    ring_rx, ring_ry = rx_c + t * len(bands), ry_c + t * len(bands)
    for layer in outer:
        step = steps.get(layer.id, 0)
        shapes += _services(layer, cx, cy, rx_c, ry_c, ring_rx, ring_ry, box, theme, step)
    centre = diagram.centre or ""
    description = alt or _rings_alt(diagram, [b.id for b in bands] + [o.id for o in outer])
    shapes.append(
        Oval("Sentrum", cx - rx_c, cy - ry_c, 2 * rx_c, 2 * ry_c, theme.color("heading"), description=description)
    )
    shapes.append(
        _label(
            "Sentrum tekst",
            centre,
            cx - rx_c + 0.15,
            cy - ry_c + 0.05,
            2 * rx_c - 0.3,
            2 * ry_c - 0.1,
            theme,
            15,
            theme.color("divider_text"),
            bold=True,
        )
    )
    return shapes


def _band_items(layer, rx: float, ry: float, t: float, cx: float, cy: float, theme: Theme, step: int) -> list[Shape]:
    """Items along the top and bottom arcs of a band (its mid-line at rx, ry), spread by x."""
    items = layer.items
    top = items[: (len(items) + 1) // 2]
    bottom = items[(len(items) + 1) // 2 :]
    shapes: list[Shape] = []
    for row, sign in ((top, -1), (bottom, 1)):
        count = len(row)
        if not count:
            continue
        span = 2 * rx * 0.78
        width = min(span / count, 2.2)
        for i, item in enumerate(row):
            px = cx - span / 2 + span * (i + 0.5) / count
            py = cy + sign * ry * math.sqrt(max(1 - ((px - cx) / rx) ** 2, 0))
            shapes.append(
                _label(
                    f"{layer.id}: {item.label}",
                    item.label,
                    px - width / 2,
                    py - t * 0.48,
                    width,
                    t * 0.96,
                    theme,
                    12,
                    theme.color("heading"),
                    bold=True,
                    step=step,
                )
            )
    return shapes


def _services(layer, cx, cy, rx_c, ry_c, ring_rx, ring_ry, box, theme: Theme, step: int) -> list[Shape]:
    w, h = box[2], box[3]
    count = len(layer.items)
    label_w, label_h = 1.6, 0.46
    # The services sit on the outer edge of the room the diagram has, clear of the rings.
    ox, oy = max(ring_rx + 1.1, w / 2 - label_w / 2 - 0.05), max(ring_ry + 0.4, h / 2 - label_h / 2 - 0.05)
    shapes: list[Shape] = []
    labels: list[Shape] = []
    for i, item in enumerate(layer.items):
        angle = 2 * math.pi * i / count - math.pi / 2
        px, py = cx + ox * math.cos(angle), cy + oy * math.sin(angle)
        # The line runs from the service to the edge of the centre: to the child, not between services.
        ex, ey = cx + rx_c * math.cos(angle), cy + ry_c * math.sin(angle)
        shapes.append(Line(f"Linje {item.label}", px, py, ex, ey, theme.color("accent"), 1.25, step=step))
        labels.append(
            Rect(
                f"{layer.id}: {item.label} boks",
                px - label_w / 2,
                py - label_h / 2,
                label_w,
                label_h,
                "FFFFFF",
                step=step,
                rounded=True,
                line=theme.color("heading"),
            )
        )
        labels.append(
            _label(
                f"{layer.id}: {item.label}",
                item.label,
                px - label_w / 2,
                py - label_h / 2,
                label_w,
                label_h,
                theme,
                12,
                theme.color("heading"),
                bold=True,
                step=step,
            )
        )
    return shapes + labels


def _rings_alt(diagram: Diagram, layer_ids: list[str]) -> str:
    parts = [f"Modell med {diagram.centre or 'individet'} i midten."]
    for layer_id in layer_ids:
        layer = diagram.layer(layer_id)
        if layer:
            kind = "Linjer fra hver av disse til midten" if layer.lines else "Ring"
            parts.append(f"{kind} – {layer.label or layer.id}: {', '.join(i.label for i in layer.items)}.")
    return " ".join(parts)


# --- the staircase of coordination -------------------------------------------------------------


def _staircase(
    diagram: Diagram, shown: list[str], steps: dict[str, int], highlight: int | None, box, theme: Theme, alt: str | None
) -> list[Shape]:
    x, y, w, h = box
    items = diagram.layers[0].items
    slots = len(items) + (1 if diagram.extra else 0)
    sw, unit = w / slots, (h - 0.2) / slots
    bottom = y + h
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
                sx + 0.08,
                sy + 0.05,
                sw - 0.24,
                min(unit, 1.1) - 0.1,
                theme,
                17,
                theme.color("divider_text"),
                bold=True,
            )
        )
    if diagram.extra and "extra" in shown:
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
                diagram.extra,
                sx + 0.08,
                sy + 0.05,
                sw - 0.24,
                min(unit, 1.1) + 0.2,
                theme,
                16,
                theme.color("accent"),
                bold=True,
                step=step,
            )
        )
    return shapes


def _staircase_alt(diagram: Diagram, highlight: int | None) -> str:
    items = [f"{i + 1}. {item.label}" for i, item in enumerate(diagram.layers[0].items)]
    text = "Samordningstrapp med trinnene " + "; ".join(items) + "."
    if highlight:
        text += f" Trinn {highlight} er uthevet."
    if diagram.extra:
        text += f" Et trinn til: {diagram.extra}."
    return text


# --- three overlapping traits ---------------------------------------------------------------------


def _venn(diagram: Diagram, shown, steps, highlight, box, theme: Theme, alt: str | None) -> list[Shape]:
    x, y, w, h = box
    items = diagram.layers[0].items[:3]
    d = min(h * 0.64, w * 0.34)
    cx, cy = x + w / 2, y + h / 2
    offset = d * 0.33
    centres = [(cx - offset, cy - offset * 0.62), (cx + offset, cy - offset * 0.62), (cx, cy + offset * 0.9)]
    fills = (theme.color("heading"), theme.color("accent"), theme.color("muted"))
    shapes: list[Shape] = []
    description = alt or (
        "Tre overlappende sirkler: "
        + ", ".join(i.label for i in items)
        + (f". I midten: {diagram.centre}." if diagram.centre else ".")
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
                alpha=0.22,
                line=fills[i],
                description=description if i == 0 else "",
            )
        )
    for i, ((px, py), item) in enumerate(zip(centres, items, strict=False)):
        # Each label sits in the part of its circle away from the others.
        lx, ly = px + (px - cx) * 0.9, py + (py - cy) * 0.9
        shapes.append(
            _label(
                f"Trekk {i + 1}",
                item.label,
                lx - d * 0.36,
                ly - 0.4,
                d * 0.72,
                0.8,
                theme,
                19,
                theme.color("heading"),
                bold=True,
            )
        )
    if diagram.centre:
        shapes.append(
            _label(
                "Midten", diagram.centre, cx - 0.9, cy - 0.32, 1.8, 0.6, theme, 13, theme.color("heading"), bold=True
            )
        )
    return shapes


# --- pieces that must all be in place -------------------------------------------------------------


def _pieces(diagram: Diagram, shown, steps, highlight, box, theme: Theme, alt: str | None) -> list[Shape]:
    x, y, w, h = box
    items = diagram.layers[0].items
    columns = 3 if len(items) > 4 else 2
    rows = math.ceil(len(items) / columns)
    caption_h = 0.6 if diagram.centre else 0
    gw, gh = min(w, 9.0), h - caption_h - 0.1
    pw, ph = gw / columns, gh / rows
    gx = x + (w - gw) / 2
    fills = (theme.color("heading"), "4A5D7E", theme.color("accent"))
    description = alt or ("Puslespill der alle brikkene må være på plass: " + ", ".join(i.label for i in items) + ".")
    shapes: list[Shape] = []
    for i, item in enumerate(items):
        col, row = i % columns, i // columns
        px, py = gx + col * pw, y + row * ph
        shapes.append(
            Rect(
                f"Brikke {i + 1}",
                px + 0.04,
                py + 0.04,
                pw - 0.08,
                ph - 0.08,
                fills[(col + row) % 3],
                rounded=True,
                description=description if i == 0 else "",
            )
        )
        shapes.append(
            _label(
                f"Brikke {i + 1} tekst",
                item.label,
                px + 0.2,
                py + 0.1,
                pw - 0.4,
                ph - 0.2,
                theme,
                20,
                theme.color("divider_text"),
                bold=True,
            )
        )
    if diagram.centre:
        shapes.append(
            _label(
                "Bildetekst",
                diagram.centre,
                x,
                y + gh + 0.1,
                w,
                caption_h,
                theme,
                20,
                theme.color("heading"),
                bold=True,
            )
        )
    return shapes


# --- a curve (the Heckman curve) -----------------------------------------------------------------


def _curve(diagram: Diagram, shown, steps, highlight, box, theme: Theme, alt: str | None) -> list[Shape]:
    x, y, w, h = box
    source_h = 0.45 if diagram.source else 0
    image = curve_png(diagram.points, diagram.x_label or "", diagram.y_label or "", round(w, 2), round(h - source_h, 2))
    labels = ", ".join(f"{label}: {value:g}" for label, value in diagram.points)
    description = alt or (
        f"Kurve: {diagram.y_label} etter {diagram.x_label}. Punkter: {labels}."
        + (f" Kilde: {diagram.source}." if diagram.source else "")
    )
    shapes: list[Shape] = [Picture("Kurve", x, y, w, h - source_h, image, description)]
    if diagram.source:
        shapes.append(
            TextBox(
                "Kilde",
                x,
                y + h - source_h,
                w,
                source_h,
                (para(f"Kilde: {diagram.source}", theme, "small", "muted"),),
                field="diagram",
            )
        )
    return shapes


@lru_cache(maxsize=16)
def curve_png(points: tuple[tuple[str, float], ...], x_label: str, y_label: str, width: float, height: float) -> bytes:
    """A smooth, falling curve through the points: deterministic PNG (no metadata)."""
    key = repr((points, x_label, y_label, width, height))
    return memo("charts", key, lambda: _draw_curve(points, x_label, y_label, width, height), ".png")


def _draw_curve(
    points: tuple[tuple[str, float], ...], x_label: str, y_label: str, width: float, height: float
) -> bytes:
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    from ..stats.chart import MUTED, NAVY, TEXT, _font_family

    family = _font_family()
    rc = {"font.family": [family] if family else ["DejaVu Sans"], "font.size": 14, "svg.hashsalt": "fafo"}
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=(width, height), dpi=200)
        ax = fig.add_subplot()
        xs = list(range(len(points)))
        ys = [value for _, value in points]
        # A monotone smoothing between the points (no overshoot): cosine interpolation.
        fine_x, fine_y = [], []
        for i in range(len(xs) - 1):
            for s in range(20):
                f = s / 20
                g = (1 - math.cos(math.pi * f)) / 2
                fine_x.append(xs[i] + f)
                fine_y.append(ys[i] * (1 - g) + ys[i + 1] * g)
        fine_x.append(xs[-1])
        fine_y.append(ys[-1])
        ax.plot(fine_x, fine_y, color=NAVY, linewidth=4, solid_capstyle="round")
        ax.plot(xs, ys, "o", color="#C8102E", markersize=9)
        ax.set_xticks(xs, [label for label, _ in points], fontsize=14, color=TEXT)
        ax.set_yticks([])
        ax.set_ylim(0, max(ys) * 1.15)
        ax.set_xlabel(x_label, color=MUTED, fontsize=14)
        ax.set_ylabel(y_label, color=MUTED, fontsize=14)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        fig.subplots_adjust(left=0.08, right=0.98, top=0.96, bottom=0.17)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=200, metadata={"Software": None}, facecolor="white")
    return buffer.getvalue()
