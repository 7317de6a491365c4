"""Validate: a loaded framework file to the typed, resolved model, with every problem at once.

Two passes over the same positioned tree, so that an editor sees all their mistakes in one run:
the shape (schema.FrameworkFile, via pydantic, its errors retold here) and the rules that span the
file (`rules`). Each problem names its place the way an editor thinks of it (`places`). Then ids
become objects (`resolve`).
"""

from __future__ import annotations

from typing import Any

import pydantic

from ..base.errors import FrameworkError, Problem
from ..base.gcpause import pauses_gc
from ..source import schema
from ..source.load import MAX_PROBLEMS, Document, MappingNode
from ..structure import model
from .glossary import check_glossary
from .places import problem, suggest
from .resolve import resolve
from .rules import check_rules
from .search_terms import check_search_terms


@pauses_gc
def validate(doc: Document) -> model.Framework:
    """The resolved framework, or FrameworkError with every problem in the file."""
    data = doc.to_data()
    problems = list(check_rules(doc))
    if len(problems) < MAX_PROBLEMS:  # past that, checking stops (as in `load`)
        problems.extend(check_glossary(doc))
        problems.extend(check_search_terms(doc))
    parsed: schema.FrameworkFile | None = None
    try:
        parsed = schema.FrameworkFile.model_validate(data)
    except pydantic.ValidationError as exc:
        problems.extend(_shape_problem(doc, err) for err in exc.errors())
    if problems or parsed is None:
        raise FrameworkError(problems)
    return resolve(doc, parsed)


# --- shape: pydantic's errors, retold --------------------------------------------------------


def _shape_problem(doc: Document, err: Any) -> Problem:
    loc = tuple(err["loc"])
    kind, value = err["type"], err.get("input")
    if kind == "missing":
        parent, key = loc[:-1], str(loc[-1])
        info = _field(parent, key)
        hint = f": {info.description}" if info is not None and info.description else ""
        return problem(doc, doc.find(parent), parent, f"missing required field '{key}'{hint}")
    if kind == "extra_forbidden":
        parent, key = loc[:-1], str(loc[-1])
        allowed = list(_fields(_model_at(parent)))
        node = doc.find(parent)
        if isinstance(node, MappingNode) and key in node.entries:
            node = node.entries[key][0]
        hint = suggest(key, allowed) or f"; expected one of: {', '.join(allowed)}"
        return problem(doc, node, parent, f"unknown field '{key}'{hint}")
    node = doc.find(loc)
    ctx = err.get("ctx", {})
    if kind == "string_pattern_mismatch":
        advice = schema.PATTERN_ADVICE.get(ctx.get("pattern", ""), f"expected {ctx.get('pattern')}")
        shown = "" if ctx.get("pattern") == schema.TEXT_PATTERN else f"'{_short(value)}': "
        what = f"{shown}{advice}"
    elif kind in {"string_type", "list_type", "model_type", "dict_type", "model_attributes_type"}:
        expected = {"string_type": "text", "list_type": "a list (lines starting with '- ')"}.get(
            kind, "a mapping of fields (name: value)"
        )
        what = "is empty; expected text" if value is None and kind == "string_type" \
            else f"expected {expected}, got {_kind_of(value)}"
    elif kind == "literal_error":
        expected = ctx.get("expected", "")
        if isinstance(value, str):
            what = f"'{_short(value)}' is not allowed; expected one of: {expected}"
        elif value is None:
            what = f"is empty; expected one of: {expected}"
        else:
            what = f"expected one of: {expected}; got {_kind_of(value)}"
    elif kind == "too_short":
        count = ctx.get("min_length", 1)
        what = f"needs at least {count} entr{'y' if count == 1 else 'ies'}"
    elif kind == "string_too_long":
        what = f"is {len(str(value))} characters, over the limit of {ctx.get('max_length')}"
    else:  # pragma: no cover - a pydantic error type the schema does not produce today
        what = str(err.get("msg", "not valid"))
    return problem(doc, node, loc, what)


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _kind_of(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping (check the indentation)"
    return f"the text '{_short(value)}'"


def _model_at(loc: tuple[str | int, ...]) -> type[pydantic.BaseModel]:
    """The schema model that describes the mapping at `loc`."""
    current: type[pydantic.BaseModel] = schema.FrameworkFile
    for part in loc:
        if isinstance(part, str) and part in current.model_fields:
            found = schema.model_in(current.model_fields[part].annotation)
            if found is not None:
                current = found
    return current




def _fields(model_class: type[pydantic.BaseModel]) -> dict[str, Any]:
    """A model's fields by the names used in framework.yml (their aliases, where they have one)."""
    return {info.alias or name: info for name, info in model_class.model_fields.items()}


def _field(loc: tuple[str | int, ...], key: str) -> Any:
    return _fields(_model_at(loc)).get(key)
