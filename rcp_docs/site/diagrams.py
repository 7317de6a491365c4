"""Diagrams as inline SVG, drawn from the model: the onion, the Venn diagram and a proposed flow.

Each is a `<figure>` holding one SVG with a `<title>` and `<desc>`; the links in it are real `<a href>`
elements, so they take keyboard focus. Every text in them is escaped for HTML. The pages give each
diagram a text alternative as well (the lists beside them).

All three are drawn for a phone first: `svgtext.WIDTH` units wide, text of at least
`svgtext.MIN_SIZE` units on horizontal lines, every label placed inside its shape by the estimated
widths in svgtext (see there for why that renders at 14 CSS px or more). The stylesheet
(rcp.css) scales them with the column and colours them for the reader's scheme.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from ..structure import model
from .svgtext import (
    BOTH_FILL,
    FILLS,
    INK,
    LINE,
    PLAIN_FILL,
    STROKE,
    WIDTH,
    TextLine,
    block_height,
    extent,
    wrap,
    write,
)
from ..base.text import html

PAD = 10  # between a label and the edge of its shape
PER_ROW = 3  # boxes side by side in a flow


def _figure(label_id: str, title: str, desc: str, height: float, body: str, css: str) -> str:
    return (
        f'<figure class="rcp-diagram {css}"><svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {WIDTH} {math.ceil(height)}" role="group" '
        f'aria-labelledby="{label_id}-title {label_id}-desc" font-family="inherit">'
        f'<title id="{label_id}-title">{html(title)}</title>'
        f'<desc id="{label_id}-desc">{html(desc)}</desc>{body}</svg></figure>'
    )


def _shape(tag: str, fill: int | str, attrs: str) -> str:
    """A filled, outlined shape; `fill` is a palette index or a class name of rcp.css."""
    css, colour = ((f"rcp-fill-{fill % len(FILLS)}", FILLS[fill % len(FILLS)])
                   if isinstance(fill, int) else
                   (fill, BOTH_FILL if fill == "rcp-fill-both" else PLAIN_FILL))
    return (f'<{tag} class="{css} rcp-stroke" {attrs} fill="{colour}" stroke="{STROKE}" '
            'stroke-width="2"/>')


def onion(layers: Sequence[model.Layer], url: Callable[[model.Layer], str]) -> str:
    """Nested rounded layers, the first layer at the core; each layer links to its page.
    Each layer's name and item count sit in the band above the layer inside it."""
    count = len(layers)
    radius = 18  # corner radius; labels keep clear of the corners
    inset = min(16.0, (WIDTH - 180) / (2 * max(count - 1, 1)))
    x, top, width = 1.0, 1.0, WIDTH - 2.0
    rings: list[tuple[float, float, float, list[TextLine]]] = []  # outer first: x, top, width, label
    for depth, layer in enumerate(reversed(layers)):
        lines = wrap(layer.data.name, width - 2 * radius, bold=True)
        lines += wrap(layer.tally.text, width - 2 * radius)
        rings.append((x, top, width, lines))
        if depth < count - 1:
            top += PAD + block_height(lines) + PAD
            x, width = x + inset, width - 2 * inset
    bottom = top + block_height(rings[-1][3]) + 3 * PAD if rings else top
    heights: list[float] = []
    for depth in reversed(range(count)):  # inner first: each layer ends `inset` below the next
        heights.insert(0, bottom - rings[depth][1])
        bottom += inset
    parts = []
    for depth, (x, top, width, lines) in enumerate(rings):
        i = count - 1 - depth
        layer = layers[i]
        core = depth == count - 1
        label_top = top + (heights[depth] - block_height(lines)) / 2 if core else top + PAD
        name = html(layer.data.name)
        parts.append(
            f'<a href="{html(url(layer))}" aria-label="{name}: {html(layer.tally.text)}">'
            + _shape("rect", i, f'x="{x:.0f}" y="{top:.0f}" width="{width:.0f}" '
                     f'height="{heights[depth]:.0f}" rx="{radius}"')
            + write(WIDTH / 2, label_top, lines) + "</a>"
        )
    names = ", ".join(layer.data.name for layer in layers)
    desc = f"Layers nested from the core outwards: {names}. Each layer links to its page."
    height = (rings[0][1] + heights[0] + 1) if rings else 2
    return _figure("onion", "The framework as an onion", desc, height, "".join(parts), "rcp-onion")


def _chord(radius: float, dy: float) -> float:
    """Half the width of a circle at `dy` from its centre (0 outside it)."""
    return math.sqrt(radius * radius - dy * dy) if abs(dy) < radius else 0.0


def _fits(lines: list[TextLine], top: float, room: Callable[[float], float]) -> bool:
    """Whether the lines, their boxes starting at `top`, are each narrower than the room at the
    top and bottom of their boxes (`room(y)`: the usable width at height y)."""
    for i, line in enumerate(lines):
        upper, lower = extent(top + 0.95 * lines[0].size + i * LINE, line)
        if line.width > min(room(upper), room(lower)) - 2 * PAD:
            return False
    return True


def _region(lines: list[TextLine], upper: float, lower: float,
            room: Callable[[float], float]) -> float | None:
    """Where the lines' block starts, centred between `upper` and `lower`, if it fits there."""
    top = (upper + lower - block_height(lines)) / 2
    if top < upper + PAD / 2 or not _fits(lines, top, room):
        return None
    return top


def _venn_lines(names: list[str], shown: int, heading: str | None = None) -> list[TextLine]:
    lines = [TextLine(heading, bold=True)] if heading else []
    for name in names[:shown]:
        lines += wrap(name, WIDTH - 80)
    if shown < len(names):
        lines.append(TextLine(f"and {len(names) - shown} more"))
    return lines


def venn(comparison: model.Comparison) -> str:
    """Two overlapping circles, one above the other: a good relationship, a good transaction,
    and what both share in the overlap. Each region lists its characteristics; if a region
    cannot hold them all, it lists the first ones and says how many more (the table lists all)."""
    sides = {s: comparison.side(s) for s in ("relationship", "transaction", "both")}
    r = (WIDTH - 10) / 2
    cx, head = WIDTH / 2, 34.0  # room for the circle's name above and below
    shown = {s: len(names) for s, names in sides.items()}
    while True:
        rel = _venn_lines(sides["relationship"], shown["relationship"])
        tra = _venn_lines(sides["transaction"], shown["transaction"])
        both = _venn_lines(sides["both"], shown["both"], "Both")
        for d in range(60, int(2 * r) - 20, 4):  # centre to centre, circles nearest first
            a, b = head + r, head + r + d

            def cap_a(y: float, a: float = a) -> float:
                return 2 * _chord(r, y - a)

            def cap_b(y: float, b: float = b) -> float:
                return 2 * _chord(r, y - b)

            def lens(y: float, a: float = a, b: float = b) -> float:
                return 2 * min(_chord(r, y - a), _chord(r, y - b))

            tops = (_region(rel, a - r, b - r, cap_a), _region(both, b - r, a + r, lens),
                    _region(tra, a + r, b + r, cap_b))
            if all(t is not None for t in tops):
                break
        else:  # no distance holds every list: shorten the longest one and try again
            side = max(shown, key=lambda s: shown[s])
            if shown[side] == 0:
                raise ValueError("the Venn diagram has no room for its labels")
            shown[side] -= 1
            continue
        break
    half = _chord(r, d / 2)
    body = [
        _shape("circle", 0, f'cx="{cx:.0f}" cy="{a:.0f}" r="{r:.0f}"'),
        _shape("circle", 2, f'cx="{cx:.0f}" cy="{b:.0f}" r="{r:.0f}"'),
        _shape("path", "rcp-fill-both",
               f'd="M{cx - half:.1f},{(a + b) / 2:.1f} A{r:.0f},{r:.0f} 0 0 1 {cx + half:.1f},'
               f'{(a + b) / 2:.1f} A{r:.0f},{r:.0f} 0 0 1 {cx - half:.1f},{(a + b) / 2:.1f} Z"'),
        write(cx, 4, [TextLine("Good relationship", bold=True)]),
        write(cx, b + r + 8, [TextLine("Good transaction", bold=True)]),
    ]
    body += [write(cx, top, lines) for top, lines in zip(tops, (rel, both, tra), strict=True)
             if top is not None]
    desc = "; ".join(f"{label}: {', '.join(sides[s]) or 'none'}" for s, label in (
        ("relationship", "Good relationship only"), ("transaction", "Good transaction only"),
        ("both", "Both")))
    return _figure("venn", "Good relationships and good transactions", desc, b + r + head,
                   "".join(body), "rcp-venn")


def flow(proposal: model.Proposal, layers: Sequence[model.Layer],
         url: Callable[[model.Layer], str]) -> str:
    """A proposed ordering: stages of layers from top to bottom (side by side within a stage),
    arrows between them, then the outcome."""
    data = proposal.data
    gap, arrow, widest = 14, 40, 240.0
    index = {layer.id: i for i, layer in enumerate(layers)}
    Box = tuple[str, int | str, str | None]  # label, fill, link
    rows: list[list[Box]] = []
    arrows: list[bool] = []  # whether an arrow follows the row (not between rows of one stage)
    for stage in proposal.flow:
        boxes: list[Box] = [(layer.data.name, index[layer.id], url(layer)) for layer in stage]
        for start in range(0, len(boxes), PER_ROW):  # at most PER_ROW boxes side by side
            rows.append(boxes[start:start + PER_ROW])
            arrows.append(start + PER_ROW >= len(boxes))
    if data.flow_outcome:
        rows.append([(data.flow_outcome, "rcp-fill-plain", None)])
        arrows.append(False)
    if arrows:
        arrows[-1] = False
    marker = f"rcp-arrow-{html(data.id)}"
    body = [
        f'<defs><marker id="{marker}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" '
        f'markerHeight="6" orient="auto"><path class="rcp-arrowhead" d="M0,0 L10,5 L0,10 z" '
        f'fill="{STROKE}"/></marker></defs>'
    ]
    y = 1.0
    for number, row in enumerate(rows):
        box_w = min(widest, (WIDTH - 2 - (len(row) - 1) * gap) / max(len(row), 1))
        left = (WIDTH - len(row) * box_w - (len(row) - 1) * gap) / 2
        labels = [wrap(name, box_w - 2 * PAD, bold=True) for name, _, _ in row]
        box_h = max(block_height(lines) for lines in labels) + 2 * PAD + 4
        for column, ((_, fill, href), lines) in enumerate(zip(row, labels, strict=True)):
            x = left + column * (box_w + gap)
            shape = (_shape("rect", fill, f'x="{x:.0f}" y="{y:.0f}" width="{box_w:.0f}" '
                            f'height="{box_h:.0f}" rx="10"')
                     + write(x + box_w / 2, y + (box_h - block_height(lines)) / 2, lines))
            body.append(f'<a href="{html(href)}">{shape}</a>' if href else shape)
        y += box_h
        if not arrows[number] and number < len(rows) - 1:
            y += gap
        elif arrows[number]:
            body.append(f'<line class="rcp-stroke" x1="{WIDTH / 2:.0f}" y1="{y + 3:.0f}" '
                        f'x2="{WIDTH / 2:.0f}" y2="{y + arrow - 3:.0f}" stroke="{STROKE}" '
                        f'stroke-width="3" marker-end="url(#{marker})"/>')
            y += arrow
    steps = [" and ".join(layer.data.name for layer in stage) for stage in proposal.flow]
    if data.flow_outcome:
        steps.append(data.flow_outcome)
    desc = "A flow from top to bottom: " + ", then ".join(steps) + "."
    return _figure(f"flow-{data.id}", f"Proposed flow: {data.name}", desc, y + 1,
                   "".join(body), "rcp-flow")


__all__ = ["INK", "flow", "onion", "venn"]
