"""The change record: one change to the framework, as data and as a sentence.

`editors.diff` makes the record (what changed between two versions), `editors.releases` keeps it
for each release, the model carries it (`History`), the "What's changed" page shows it, and
`editors.report` prints it. A change's sentence is a tuple of segments, each a piece of text with a
style, so that one record can be written for a terminal, for Markdown, or with its ids as links.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..base.text import inline

Segment = tuple[str, str]  # (style, text): "" our words, "text" the file's words, or a style below


@dataclass(frozen=True, slots=True)
class Change:
    """One change: the heading it is listed under, its kind, the id it concerns, its sentence in
    segments, and what changed as data (for JSON)."""

    section: str  # "Items", "Sources", ...
    kind: str  # added, removed, renamed, moved, status, text, list
    id: str
    segments: tuple[Segment, ...]
    data: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"section": self.section, "kind": self.kind, "id": self.id, **self.data}


_MARKDOWN: dict[str, Callable[[str], str]] = {
    "": lambda t: t, "text": inline, "code": lambda t: f"`{t}`",  # ids are [a-z0-9-]
    "name": lambda t: f"**{inline(t)}**", "del": lambda t: f"~~{inline(t)}~~",
    "ins": lambda t: f"**{inline(t)}**", "quote": lambda t: f"“{inline(t)}”",
}
_TEXT: dict[str, Callable[[str], str]] = {  # as git's --word-diff=plain marks words
    "": lambda t: t, "text": lambda t: t, "code": lambda t: f"'{t}'", "name": lambda t: t,
    "del": lambda t: f"[-{t}-]", "ins": lambda t: f"{{+{t}+}}", "quote": lambda t: f"“{t}”",
}


def sentence(segments: tuple[Segment, ...] | list[Segment], markdown: bool,
             link: Callable[[str], str | None] | None = None) -> str:
    """A change as a sentence; in Markdown, `link(id)` gives the address an id links to."""
    styles = _MARKDOWN if markdown else _TEXT
    out = []
    for style, text in segments:
        href = link(text) if link is not None and markdown and style == "code" else None
        out.append(f"[`{text}`]({href})" if href else styles[style](text))
    return "".join(out)
