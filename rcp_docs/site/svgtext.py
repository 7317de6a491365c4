"""Text inside the diagrams: sizes, estimated widths, wrapping, and lines written as SVG.

Every diagram is drawn in a viewBox `WIDTH` units wide and shown at the column's width (at most
the width set in rcp.css). On a 390 px phone the column is about 358 px wide, so one unit is about
0.99 CSS px there and `MIN_SIZE` units render at about 15.9 px; on a desktop the diagram is shown
wider than its viewBox, so text only grows. Widths are estimated generously (DejaVu Sans, the
widest of the usual sans-serif fonts) so that a label placed by these numbers stays inside its
shape; the browser tests measure the real boxes.

Colours come from classes (rcp-ink, rcp-fill-N, ...) that rcp.css maps to per-scheme
custom properties; the presentation attributes written here are the light scheme's colours, used
only where that stylesheet is missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..base.text import html

WIDTH = 360
MIN_SIZE = 16  # the smallest font size in any diagram, in viewBox units
BOLD_SIZE = 17
LINE = 22  # distance between baselines
ASCENT, DESCENT = 0.95, 0.25  # of the font size, above and below the baseline (DejaVu: 0.93/0.24)
_EM_REGULAR, _EM_BOLD = 0.62, 0.70  # estimated average advance, of the font size

INK = "#1b1b1b"  # fallback colours (light scheme); rcp.css sets both schemes
STROKE = "#4d4d4d"
FILLS = ["#f9dcc0", "#d3ead6", "#d4e3f4", "#e8dcf1", "#f3efc9", "#e0e0e0"]
BOTH_FILL = "#e6dcea"
PLAIN_FILL = "#ffffff"


@dataclass(frozen=True, slots=True)
class TextLine:
    """One line of a label: its words and whether it is set in bold."""

    text: str
    bold: bool = False

    @property
    def size(self) -> int:
        return BOLD_SIZE if self.bold else MIN_SIZE

    @property
    def width(self) -> float:
        return text_width(self.text, self.bold)


def text_width(text: str, bold: bool = False) -> float:
    """The estimated width of `text` on one line, in viewBox units."""
    return len(text) * (BOLD_SIZE * _EM_BOLD if bold else MIN_SIZE * _EM_REGULAR)


def wrap(text: str, width: float, bold: bool = False) -> list[TextLine]:
    """`text` on lines no wider than `width` (estimated); a word too long for a line is split."""
    per_char = text_width("x", bold)
    most = max(1, int(width // per_char))
    lines: list[str] = []
    for word in text.split():
        while len(word) > most:  # a very long word: split it where the line ends
            lines.append(word[:most])
            word = word[most:]
        if lines and len(lines[-1]) + 1 + len(word) <= most:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return [TextLine(line, bold) for line in lines] or [TextLine("", bold)]


def extent(baseline: float, line: TextLine) -> tuple[float, float]:
    """The top and bottom of a line's box, from its baseline."""
    return baseline - ASCENT * line.size, baseline + DESCENT * line.size


def block_height(lines: list[TextLine]) -> float:
    """From the top of the first line's box to the bottom of the last one's."""
    if not lines:
        return 0.0
    return ASCENT * lines[0].size + (len(lines) - 1) * LINE + DESCENT * lines[-1].size


def write(x: float, top: float, lines: list[TextLine], css: str = "rcp-ink") -> str:
    """The lines centred on `x`, the first line's box starting at `top`: one <text> with a <tspan>
    per line (bold lines marked on their tspan)."""
    if not lines:
        return ""
    baseline = top + ASCENT * lines[0].size
    spans = []
    for i, line in enumerate(lines):
        weight = ' font-weight="bold"' if line.bold else ""
        size = f' font-size="{line.size}"' if line.size != MIN_SIZE else ""
        spans.append(f'<tspan x="{x:.0f}" y="{baseline + i * LINE:.0f}"{weight}{size}>'
                     f"{html(line.text)}</tspan>")
    return (f'<text class="{css}" fill="{INK}" font-size="{MIN_SIZE}" text-anchor="middle">'
            + "".join(spans) + "</text>")
