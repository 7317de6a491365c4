"""The Glossary page's entries: each term with its sources resolved and an anchor of its own."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..source import schema
from ..structure import model


@dataclass(frozen=True, slots=True)
class Term:
    """A glossary entry as the Glossary page shows it: its sources resolved, its anchor made."""

    data: schema.GlossaryEntry
    anchor: str
    sources: list[model.Source]


def terms(framework: model.Framework) -> list[Term]:
    """The glossary's entries in the file's order, each with an anchor of its own (`term-a-e`)."""
    by_id = {source.id: source for source in framework.sources}
    made: list[Term] = []
    taken: set[str] = set()
    for entry in framework.data.glossary:
        base = "term-" + "-".join(re.findall(r"[a-z0-9]+", entry.term.lower()))
        anchor, count = base, 1
        while anchor in taken:
            count += 1
            anchor = f"{base}-{count}"
        taken.add(anchor)
        made.append(Term(entry, anchor, [by_id[i] for i in entry.sources if i in by_id]))
    return made
