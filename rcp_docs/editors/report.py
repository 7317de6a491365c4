"""`rcp-docs diff`'s output, for the place it is read: a terminal (plain text, the default), a job
summary or pull request (Markdown), a program (JSON), or GitHub's annotations."""

from __future__ import annotations

import json

from ..base.errors import Problem
from ..base.text import inline
from ..structure.record import Change, sentence

FORMATS = ("text", "markdown", "json", "github")
BROKEN_TITLE = "A shared link would break"

def report(fmt: str, changes: list[Change], broken: list[Problem], base: str, head: str) -> str:
    """The whole output of `rcp-docs diff` in one format."""
    if fmt == "json":
        return json.dumps({"changes": [c.as_json() for c in changes],
                           "broken_links": [str(p) for p in broken]},
                          indent=2, ensure_ascii=False) + "\n"
    if fmt == "github":
        return "".join(p.github(title=BROKEN_TITLE) + "\n" for p in broken)
    return _summary(changes, broken, base, head, markdown=fmt == "markdown")


def _summary(changes: list[Change], broken: list[Problem], base: str, head: str,
             markdown: bool) -> str:
    esc = inline if markdown else str
    heading = ("## ", "### ") if markdown else ("", "")
    bullet = "- "
    lines = [f"{heading[0]}Changes to the framework", ""]
    count = len(changes)
    compared = f"Comparing {esc(base)} with {esc(head)}"
    lines.append(f"{compared}: {count} change{'s' if count != 1 else ''}." if count else
                 f"{compared}: no change to the framework's content.")
    if broken:
        lines += ["", f"{heading[1]}Links that would break", ""]
        lines += [f"{bullet}{esc(str(p))}" for p in broken]
    sections: dict[str, list[Change]] = {}
    for change in changes:
        sections.setdefault(change.section, []).append(change)
    for section, items in sections.items():
        lines += ["", f"{heading[1]}{section}", ""]
        lines += [f"{bullet}{sentence(c.segments, markdown)}" for c in items]
    return "\n".join(lines) + "\n"
