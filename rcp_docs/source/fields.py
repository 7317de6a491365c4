"""Which fields of framework.yml readers read, found by walking the file along the schema.

Two kinds, decided once here and used by the readability checks and the glossary alike:

- **Prose**: the reader-facing running text, measured for readability and searched for
  abbreviations and glossary terms: summaries, descriptions, explanations, definitions,
  characteristics, reasons (`why_define`), hopes, questions, reasoning, example texts, the
  comparison's texts, section intros, source descriptions and glossary definitions.
- **Labels**: short reader-facing text that is not running prose (names and titles, settings,
  roles, headings, a flow's outcome). Searched for abbreviations, never measured.

Not reader text at all: ids and references, versions and dates, statuses and kinds, citations
(quoted from elsewhere) and web addresses. A test checks that every text field of the schema is
classified, so a new field has to be placed in one of the lists.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pydantic

from . import schema
from .load import Document, MappingNode, Node, Scalar, SequenceNode

Loc = tuple[str | int, ...]

# Each model's reader-facing text fields: (prose, measured for readability; labels, names and
# headings, checked for abbreviations only). A model's fields count for its subclasses too.
READER_TEXT: dict[type[pydantic.BaseModel], tuple[str, str]] = {
    schema.About: ("summary definition characteristics why_define hopes", "title"),
    schema.Credit: ("note", "name"),
    schema.Named: ("summary", "name"),
    schema.Example: ("text", "setting"),
    schema.Item: ("description questions reasoning", "search_terms"),
    schema.Layer: ("explanation question", "related_heading backlink_heading"),
    schema.StructuralProposal: ("reasoning", "flow_outcome"),
    schema.Distinction: ("text example", "name"),
    schema.Characteristic: ("summary", "name"),
    schema.Comparison: ("summary when_transaction when_relationship", ""),
    schema.Entry: ("description", ""),
    schema.Context: ("", "roles"),
    schema.Section: ("intro", ""),
    schema.Source: ("description", "name"),
    schema.GlossaryEntry: ("definition", "search_terms"),
    schema.Role: ("why", ""),
    schema.ReadingPath: ("note", ""),
    schema.Feedback: ("intro who_reads quoting", ""),
}
PROSE = {model: frozenset(prose.split()) for model, (prose, _) in READER_TEXT.items() if prose}
LABELS = {model: frozenset(labels.split()) for model, (_, labels) in READER_TEXT.items() if labels}
# Text fields that readers see only as quoted reference, or that name rather than say.
NOT_READER_TEXT: dict[type[pydantic.BaseModel], frozenset[str]] = {
    schema.Source: frozenset({"citation"}),
    schema.GlossaryEntry: frozenset({"term", "full"}),
}


@dataclass(frozen=True, slots=True)
class TextField:
    """One reader-facing text value: where it is and whether it is prose or a label."""

    loc: Loc
    node: Scalar
    prose: bool

    @property
    def text(self) -> str:
        return self.node.value or ""


def reader_text(doc: Document) -> Iterator[TextField]:
    """Every reader-facing text value of the file, in file order."""
    yield from _walk(schema.FrameworkFile, doc.root, ())


@functools.cache
def _plan(model: type[pydantic.BaseModel]
          ) -> dict[str, tuple[bool | None, type[pydantic.BaseModel] | None]]:
    """For each field of a model (by its name in the file): True for prose, False for a label,
    None for neither; and the model inside it to walk into, if any."""
    bases = [b for b in model.__mro__ if isinstance(b, type) and issubclass(b, pydantic.BaseModel)]
    prose = frozenset().union(*(PROSE.get(b, frozenset()) for b in bases))
    labels = frozenset().union(*(LABELS.get(b, frozenset()) for b in bases))
    plan: dict[str, tuple[bool | None, type[pydantic.BaseModel] | None]] = {}
    for name, info in model.model_fields.items():
        key = info.alias or name
        kind = True if key in prose else False if key in labels else None
        plan[key] = (kind, None if kind is not None else schema.model_in(info.annotation))
    return plan


def _walk(model: type[pydantic.BaseModel], node: Node, loc: Loc) -> Iterator[TextField]:
    if not isinstance(node, MappingNode):
        return
    plan = _plan(model)
    for key, (_, child) in node.entries.items():
        kind, inner = plan.get(key, (None, None))
        if kind is not None:
            yield from _texts(child, (*loc, key), kind)
        elif inner is not None:
            if isinstance(child, SequenceNode):
                for index, entry in enumerate(child.items):
                    yield from _walk(inner, entry, (*loc, key, index))
            else:
                yield from _walk(inner, child, (*loc, key))


def _texts(node: Node, loc: Loc, prose: bool) -> Iterator[TextField]:
    if isinstance(node, Scalar) and node.value:
        yield TextField(loc, node, prose)
    elif isinstance(node, SequenceNode):
        for index, entry in enumerate(node.items):
            if isinstance(entry, Scalar) and entry.value:
                yield TextField((*loc, index), entry, prose)




# --- where a word of a value is in the file ----------------------------------------------------

_INDICATOR = re.compile(r"[|>][+-]?[1-9]?[+-]?")
_TOKEN = re.compile(r"\S+")


class Positions:
    """Line and column of any character of a scalar's value, found by matching the value's words
    to the words of its source lines. This holds for plain, folded (`>-`) and literal (`|`)
    scalars and for quoted ones without escapes; where the words do not match (escapes, a
    comment after a block indicator) every offset maps to the scalar's own start."""

    def __init__(self, source: str, node: Scalar) -> None:
        self.node = node
        self.starts: list[int] = []  # offsets of the value's words
        self.places: list[tuple[int, int]] = []  # their (line, column), 1-based
        value = node.value or ""
        words = [(m.start(), m.group()) for m in _TOKEN.finditer(value)]
        found = self._source_words(source)
        if found is None or len(found) < len(words):
            return
        for index, ((offset, word), (line, column, token)) in enumerate(zip(words, found,
                                                                            strict=False)):
            if index == 0 and token[:1] in "\"'" and token[1:].startswith(word):
                token, column = token[1:], column + 1
            if not (token == word or (index == len(words) - 1 and token[:-1] == word
                                      and token[-1:] in "\"'")):
                self.starts, self.places = [], []
                return
            self.starts.append(offset)
            self.places.append((line, column))

    def _source_words(self, source: str) -> list[tuple[int, int, str]] | None:
        if not source:
            return None
        lines = source.split("\n")
        node = self.node
        found: list[tuple[int, int, str]] = []
        for number in range(node.line, min(node.end_line, len(lines)) + 1):
            text = lines[number - 1]
            skip = node.column - 1 if number == node.line else 0
            for match in _TOKEN.finditer(text, skip):
                found.append((number, match.start() + 1, match.group()))
        if found and _INDICATOR.fullmatch(found[0][2]):
            found = found[1:]
        return found

    def at(self, offset: int) -> tuple[int, int]:
        """The (line, column) of the character at `offset` of the value (within a word), or of
        the word before it; the scalar's start when the words could not be matched."""
        if not self.starts:
            return self.node.line, self.node.column
        index = max(0, bisect.bisect_right(self.starts, offset) - 1)
        line, column = self.places[index]
        inside = offset - self.starts[index]
        match = _TOKEN.match(self.node.value or "", self.starts[index])
        if match is not None and 0 <= inside < len(match.group()):
            column += inside
        return line, column
