"""The glossary's rules: terms defined once, every entry used, every abbreviation defined.

They run on the positioned tree beside the other rules (`validate`), so an editor sees them with
every other problem. Source ids in `glossary[].sources` are checked with all other source
references (`rules`).

An abbreviation is a word of two or more capital letters, with any digits or '&' (A&E, CPD, GP,
NHS, COVID), optionally followed by a plural 's' ("GPs"), in any reader-facing text
(`fields.reader_text`: prose and labels). Each must be a glossary term, written the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..base import abbr
from ..base.errors import Problem
from ..source import schema
from ..source.fields import Positions, TextField, reader_text
from ..source.load import Document, Scalar
from .places import describe, mapping_entries

ABBREVIATION = re.compile(r"(?<![A-Za-z0-9&])(?=(?:[0-9&]*[A-Z]){2})([A-Z0-9&]*[A-Z0-9])(?:'?s)?"
                          r"(?![A-Za-z0-9&])")


# A quick first look, before positions. The lookahead lets the regex engine skip to the next
# digit, '&' or capital instead of trying every position (at 10 MB of text: 97 ms -> 57 ms).
_CANDIDATE = re.compile(r"(?=[0-9&A-Z])[0-9&]*[A-Z][A-Z0-9&]*[A-Z0-9]")
_TERM = re.compile(schema.TERM_PATTERN)  # a term that breaks it is reported by the shape check


def check_glossary(doc: Document) -> Iterator[Problem]:
    """Every problem with the glossary and the abbreviations the text uses."""
    entries = list(_entries(doc))
    fields = list(reader_text(doc))
    text = "\n".join(field.text for field in fields if field.loc[0] != "glossary")
    seen: dict[str, Scalar] = {}
    for _, term, full in entries:
        assert term.value is not None
        key = term.value.casefold()
        if key in seen:
            first = seen[key]
            yield Problem(term.line, term.column,
                          f"glossary term '{term.value}': already defined on line {first.line} "
                          f"as '{first.value}' (terms are compared ignoring capitals); keep one "
                          "entry", doc.path)
            continue
        seen[key] = term
        forms = [term.value] + ([full] if full else [])
        if not any(abbr.used(form, text) for form in forms):
            yield Problem(term.line, term.column,
                          f"glossary term '{term.value}': not used anywhere in the framework's "
                          "text; use it where it helps readers, or remove the entry", doc.path)
    defined = {term.value for _, term, _ in entries}
    everything = "\n".join(field.text for field in fields)
    if any(m.group() not in defined for m in _CANDIDATE.finditer(everything)):
        for field in fields:  # only then, field by field for the positions
            yield from _undefined(doc, field, defined)


def _undefined(doc: Document, field: TextField, defined: set[str | None]) -> Iterator[Problem]:
    positions: Positions | None = None
    for match in ABBREVIATION.finditer(field.text):
        word = match.group(1)
        if word in defined:
            continue
        positions = positions or Positions(doc.text, field.node)
        line, column = positions.at(match.start(1))
        yield Problem(line, column,
                      f"{describe(doc, field.loc)}: the abbreviation '{word}' is not in the "
                      f"glossary; add an entry with term: {word}, what it stands for (full) and "
                      "a plain definition", doc.path)


def _entries(doc: Document) -> Iterator[tuple[int, Scalar, str | None]]:
    """(index, term node, full name) of each glossary entry with a term."""
    for index, entry in mapping_entries(doc.root, "glossary"):
        term = entry.entries.get("term", (None, None))[1]
        full = entry.entries.get("full", (None, None))[1]
        if isinstance(term, Scalar) and term.value and _TERM.fullmatch(term.value):
            yield index, term, full.value if isinstance(full, Scalar) else None
