"""Diagrams as inline SVG, drawn from the model: the onion, the Venn diagram and a proposed flow.

Each is a `<figure>` holding one SVG with a `<title>` and `<desc>`; the links in it are real `<a>`
elements, so they take keyboard focus. Every text in them is escaped for HTML. The pages give each
diagram a text alternative as well (the lists beside them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from . import model
from .text import html

FILLS = ["#f9dcc0", "#d3ead6", "#d4e3f4", "#e8dcf1", "#f3efc9", "#e0e0e0"]
INK = "#1b1b1b"
LINE = "#4d4d4d"


def _figure(label_id: str, title: str, desc: str, width: int, height: int, body: str,
            css: str = "") -> str:
    return (
        # Links use xlink:href: Material's instant navigation rewrites `a[href]` and fails on SVG.
        f'<figure class="rcp-diagram"><svg xmlns="http://www.w3.org/2000/svg" '
        f'xmlns:xlink="http://www.w3.org/1999/xlink" class="{css}" '
        f'viewBox="0 0 {width} {height}" role="group" aria-labelledby="{label_id}-title '
        f'{label_id}-desc" font-family="inherit">'
        f'<title id="{label_id}-title">{html(title)}</title>'
        f'<desc id="{label_id}-desc">{html(desc)}</desc>{body}</svg></figure>'
    )


def onion(layers: Sequence[model.Layer], url: Callable[[model.Layer], str]) -> str:
    """Concentric rings, the first layer at the core; each ring links to its layer's page."""
    count = len(layers)
    size, centre = 640, 320
    inner, outer = 96, 312
    step = (outer - inner) / max(count - 1, 1)
    radii = [inner + i * step for i in range(count)] if count > 1 else [outer]
    parts = []
    for i in reversed(range(count)):  # outermost first, so inner rings sit on top
        layer, radius = layers[i], radii[i]
        label_y = centre if i == 0 else centre - (radii[i - 1] + radius) / 2
        items = f"{len(layer.items)} item{'' if len(layer.items) == 1 else 's'}"
        name = html(layer.data.name)
        parts.append(
            f'<a xlink:href="{html(url(layer))}" aria-label="{name}: {items}">'
            f'<circle cx="{centre}" cy="{centre}" r="{radius:.0f}" fill="{FILLS[i % len(FILLS)]}" '
            f'stroke="{LINE}" stroke-width="2"/>'
            f'<text x="{centre}" y="{label_y:.0f}" text-anchor="middle" fill="{INK}" '
            f'font-size="20" font-weight="bold">{name}</text>'
            f'<text x="{centre}" y="{label_y + 24:.0f}" text-anchor="middle" fill="{INK}" '
            f'font-size="16">{items}</text></a>'
        )
    names = ", ".join(layer.data.name for layer in layers)
    desc = f"Concentric rings from the core outwards: {names}. Each ring links to its page."
    return _figure("onion", "The framework as an onion", desc, size, size, "".join(parts))


def venn(comparison: model.Comparison) -> str:
    """Two overlapping circles: a good relationship, a good transaction, and what both share."""
    sides = {s: comparison.side(s) for s in ("relationship", "transaction", "both")}
    body = [
        f'<circle cx="250" cy="230" r="190" fill="{FILLS[0]}" fill-opacity="0.8" stroke="{LINE}" '
        'stroke-width="2"/>',
        f'<circle cx="470" cy="230" r="190" fill="{FILLS[2]}" fill-opacity="0.8" stroke="{LINE}" '
        'stroke-width="2"/>',
        f'<text x="170" y="28" text-anchor="middle" fill="{INK}" font-size="20" '
        'font-weight="bold">Good relationship</text>',
        f'<text x="550" y="28" text-anchor="middle" fill="{INK}" font-size="20" '
        'font-weight="bold">Good transaction</text>',
        f'<text x="360" y="448" text-anchor="middle" fill="{INK}" font-size="18" '
        'font-weight="bold">Both</text>',
    ]
    for side, x in (("relationship", 160), ("both", 360), ("transaction", 560)):
        names = sides[side]
        top = 230 - (len(names) - 1) * 13
        for i, name in enumerate(names):
            body.append(f'<text x="{x}" y="{top + i * 26}" text-anchor="middle" fill="{INK}" '
                        f'font-size="18">{html(name)}</text>')
    desc = "; ".join(f"{label}: {', '.join(sides[s]) or 'none'}" for s, label in (
        ("relationship", "Good relationship only"), ("transaction", "Good transaction only"),
        ("both", "Both")))
    return _figure("venn", "Good relationships and good transactions", desc, 720, 460,
                   "".join(body))


def flow(proposal: model.Proposal, layers: Sequence[model.Layer],
         url: Callable[[model.Layer], str]) -> str:
    """A proposed ordering: stages of layers left to right, arrows between, then the outcome."""
    data = proposal.data
    stages = proposal.flow
    outcome = data.flow_outcome
    box_w, box_h, gap = 180, 72, 44
    columns = len(stages) + (1 if outcome else 0)
    tallest = max([len(s) for s in stages] + [1])
    width = columns * box_w + (columns - 1) * gap + 20
    height = tallest * (box_h + 20) + 20
    body = [
        '<defs><marker id="rcp-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" '
        f'markerHeight="8" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{LINE}"/></marker>'
        "</defs>"
    ]
    index = {layer.id: i for i, layer in enumerate(layers)}

    def box(x: float, y: float, label: str, fill: str, href: str | None) -> str:
        lines = _wrap(label, 16)
        first = y + box_h / 2 + 7 - (len(lines) - 1) * 11
        text = "".join(
            f'<tspan x="{x + box_w / 2:.0f}" y="{first + i * 22:.0f}">{html(line)}</tspan>'
            for i, line in enumerate(lines))
        shape = (f'<rect x="{x:.0f}" y="{y:.0f}" width="{box_w}" height="{box_h}" rx="10" '
                 f'fill="{fill}" stroke="{LINE}" stroke-width="2"/>'
                 f'<text text-anchor="middle" fill="{INK}" font-size="19" font-weight="bold">'
                 f"{text}</text>")
        return f'<a xlink:href="{html(href)}">{shape}</a>' if href else shape

    centre_y = height / 2
    for col, stage in enumerate(stages):
        x = 10 + col * (box_w + gap)
        top = centre_y - (len(stage) * (box_h + 20) - 20) / 2
        for row, layer in enumerate(stage):
            body.append(box(x, top + row * (box_h + 20), layer.data.name,
                            FILLS[index[layer.id] % len(FILLS)], url(layer)))
        if col < columns - 1:
            body.append(f'<line x1="{x + box_w + 4}" y1="{centre_y:.0f}" x2="{x + box_w + gap - 4}" '
                        f'y2="{centre_y:.0f}" stroke="{LINE}" stroke-width="3" '
                        'marker-end="url(#rcp-arrow)"/>')
    if outcome:
        body.append(box(10 + len(stages) * (box_w + gap), centre_y - box_h / 2, outcome,
                        "#ffffff", None))
    steps = [" and ".join(layer.data.name for layer in stage) for stage in stages]
    if outcome:
        steps.append(outcome)
    desc = "A flow from left to right: " + ", then ".join(steps) + "."
    return _figure(f"flow-{data.id}", f"Proposed flow: {data.name}", desc, width, height,
                   "".join(body), css="rcp-flow")


def _wrap(label: str, width: int) -> list[str]:
    """Words on lines of about `width` characters, so box labels fit their boxes."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]
