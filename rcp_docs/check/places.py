"""Where a problem is, named the way an editor thinks of it: `item 'kindness' (principles), related[2]`.

What an entry is called ("item", "context") comes from the page registry, which knows the lists.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from ..base.errors import Problem
from ..source.load import Document, MappingNode, Node, Scalar, SequenceNode
from ..structure.registry import kind_of_list


def describe(doc: Document, loc: tuple[str | int, ...]) -> str:
    """`item 'kindness' (principles), related[2]` for a path into the file."""
    node: Node | None = doc.root
    named: list[str] = []  # "kind 'id'" of each entry with an id along the path
    ids: list[str] = []
    rest: list[str] = []
    for at, part in enumerate(loc):
        if isinstance(part, int):
            child = node.items[part] if isinstance(node, SequenceNode) and part < len(node.items) else None
            ident = id_of(child)
            kind = kind_of_list(loc[:at])
            if ident is not None and kind:
                named.append(f"{kind} '{ident}'")
                ids.append(ident)
                rest = []
            elif rest:
                rest[-1] += f"[{part}]"
            else:
                rest.append(f"[{part}]")
            node = child
        else:
            rest.append(part)
            node = node.entries[part][1] if isinstance(node, MappingNode) and part in node.entries \
                else None
    if named:
        head = named[-1] + (f" ({ids[-2]})" if len(ids) > 1 else "")
        return ", ".join([head, ".".join(rest)]) if rest else head
    return ".".join(rest) if rest else "the file"


def id_of(node: Node | None) -> str | None:
    if isinstance(node, MappingNode) and "id" in node.entries:
        value = node.entries["id"][1]
        if isinstance(value, Scalar) and value.value:
            return value.value
    return None


def problem(doc: Document, node: Node, loc: tuple[str | int, ...], what: str) -> Problem:
    return Problem(node.line, node.column, f"{describe(doc, loc)}: {what}", doc.path)


def kind_at(loc: tuple[str | int, ...]) -> str:
    """What the entry at `loc` is called: `layer` for ('layers', 3)."""
    if len(loc) >= 2 and isinstance(loc[-1], int):
        return kind_of_list(loc[:-1]) or "entry"
    return "entry"


def suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def mapping_entries(node: Node | None, key: str) -> Iterator[tuple[int, MappingNode]]:
    """(index, entry) of each mapping in the list `node[key]`: the walk every cross-field check
    takes over the positioned tree (anything of another shape is the schema's to report)."""
    if isinstance(node, MappingNode) and key in node.entries:
        seq = node.entries[key][1]
        if isinstance(seq, SequenceNode):
            for index, entry in enumerate(seq.items):
                if isinstance(entry, MappingNode):
                    yield index, entry
