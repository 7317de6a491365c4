"""Search terms (`search_terms` on items and glossary entries): each word once per entry, and
never the entry's own name, which search finds already. Their shape is the schema's."""

from __future__ import annotations

from collections.abc import Iterator

from ..base.errors import Problem
from ..source.load import Document, MappingNode, Scalar, SequenceNode
from .places import mapping_entries, problem

Loc = tuple[str | int, ...]


def check_search_terms(doc: Document) -> Iterator[Problem]:
    """Every repeated search term, and every one that is its entry's own name."""
    for loc, entry, name_key in _entries_with_terms(doc.root):
        terms = entry.entries.get("search_terms", (None, None))[1]
        if not isinstance(terms, SequenceNode):
            continue
        name = entry.entries.get(name_key, (None, None))[1]
        own = name.value.casefold() if isinstance(name, Scalar) and name.value else None
        seen: dict[str, Scalar] = {}
        for index, term in enumerate(terms.items):
            if not isinstance(term, Scalar) or not term.value:
                continue
            key = term.value.casefold()
            where = (*loc, "search_terms", index)
            if key == own:
                yield problem(doc, term, where, f"'{term.value}' is this entry's own {name_key}, "
                              "which search finds already; remove it")
            elif key in seen:
                yield problem(doc, term, where, f"'{term.value}' is already in this list on line "
                              f"{seen[key].line} (compared ignoring capitals); keep one")
            else:
                seen[key] = term


def _entries_with_terms(root: MappingNode) -> Iterator[tuple[Loc, MappingNode, str]]:
    """Each item (named by `name`) and glossary entry (named by `term`), with its place."""
    for li, layer in mapping_entries(root, "layers"):
        for ii, item in mapping_entries(layer, "items"):
            yield ("layers", li, "items", ii), item, "name"
    for gi, entry in mapping_entries(root, "glossary"):
        yield ("glossary", gi), entry, "term"


