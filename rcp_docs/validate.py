"""Validate: a loaded framework file to the typed, resolved model, with every problem at once.

Two passes over the same positioned tree, so that an editor sees all their mistakes in one run:
the shape (schema.FrameworkFile, via pydantic) and the rules that span the file (unique ids,
references that resolve, proposals with their reasoning). Each problem names its place the way an
editor thinks of it: `item 'kindness' (principles), related[2]: unknown item 'reciprocty'; ...`.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pydantic

from . import model, schema
from .errors import FrameworkError, Problem
from .load import Document, Mapping, Node, Scalar, Sequence, load_file

# What an entry of each list is called in messages, by the key that holds the list.
_KINDS = {
    "layers": "layer",
    "items": "item",
    "sources": "source",
    "structural_proposals": "proposal",
    "distinctions": "distinction",
    "characteristics": "characteristic",
    "refinements": "refinement",
    "examples": "example",
}
_SECTION_KINDS = {"contexts": "context", "barriers": "barrier", "why_now": "evidence"}


def load_framework(path: Path | str, display: str | None = None) -> model.Framework:
    """Load and validate a framework file: the whole pipeline up to rendering."""
    return validate(load_file(path, display))


def validate(doc: Document) -> model.Framework:
    """The resolved framework, or FrameworkError with every problem in the file."""
    data = doc.to_data()
    problems = list(_Rules(doc).check())
    parsed: schema.FrameworkFile | None = None
    try:
        parsed = schema.FrameworkFile.model_validate(data)
    except pydantic.ValidationError as exc:
        problems.extend(_shape_problem(doc, err) for err in exc.errors())
    if problems or parsed is None:
        raise FrameworkError(problems)
    return _resolve(doc, parsed)


# --- where a problem is, in an editor's words -------------------------------------------------


def describe(doc: Document, loc: tuple[str | int, ...]) -> str:
    """`item 'kindness' (principles), related[2]` for a path into the file."""
    node: Node | None = doc.root
    named: list[str] = []  # "kind 'id'" of each entry with an id along the path
    ids: list[str] = []
    rest: list[str] = []
    parent_key = ""
    for part in loc:
        if isinstance(part, int):
            child = node.items[part] if isinstance(node, Sequence) and part < len(node.items) else None
            ident = _id_of(child)
            kind = _SECTION_KINDS.get(rest[-2] if len(rest) >= 2 else "", "") if parent_key == "items" \
                else ""
            kind = kind or _KINDS.get(parent_key, "")
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
            parent_key = part
            node = node.entries[part][1] if isinstance(node, Mapping) and part in node.entries \
                else None
    if named:
        head = named[-1] + (f" ({ids[-2]})" if len(ids) > 1 else "")
        return ", ".join([head, ".".join(rest)]) if rest else head
    return ".".join(rest) if rest else "the file"


def _id_of(node: Node | None) -> str | None:
    if isinstance(node, Mapping) and "id" in node.entries:
        value = node.entries["id"][1]
        if isinstance(value, Scalar) and value.value:
            return value.value
    return None


def _problem(doc: Document, node: Node, loc: tuple[str | int, ...], what: str) -> Problem:
    return Problem(node.line, node.column, f"{describe(doc, loc)}: {what}", doc.path)


def _suggest(word: str, choices: typing.Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


# --- shape: pydantic's errors, retold --------------------------------------------------------


def _shape_problem(doc: Document, err: Any) -> Problem:
    loc = tuple(err["loc"])
    kind, value = err["type"], err.get("input")
    if kind == "missing":
        parent, key = loc[:-1], str(loc[-1])
        info = _field(parent, key)
        hint = f": {info.description}" if info is not None and info.description else ""
        return _problem(doc, doc.find(parent), parent, f"missing required field '{key}'{hint}")
    if kind == "extra_forbidden":
        parent, key = loc[:-1], str(loc[-1])
        allowed = list(_model_at(parent).model_fields)
        node = doc.find(parent)
        if isinstance(node, Mapping) and key in node.entries:
            node = node.entries[key][0]
        hint = _suggest(key, allowed) or f"; expected one of: {', '.join(allowed)}"
        return _problem(doc, node, parent, f"unknown field '{key}'{hint}")
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
        shown = "is empty" if value is None else f"'{_short(value)}' is not allowed"
        what = f"{shown}; expected one of: {ctx.get('expected', '')}"
    elif kind == "too_short":
        count = ctx.get("min_length", 1)
        what = f"needs at least {count} entr{'y' if count == 1 else 'ies'}"
    elif kind == "string_too_long":
        what = f"is {len(str(value))} characters, over the limit of {ctx.get('max_length')}"
    else:  # pragma: no cover - a pydantic error type the schema does not produce today
        what = str(err.get("msg", "not valid"))
    return _problem(doc, node, loc, what)


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
            found = _model_in(current.model_fields[part].annotation)
            if found is not None:
                current = found
    return current


def _model_in(annotation: Any) -> type[pydantic.BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None


def _field(loc: tuple[str | int, ...], key: str) -> Any:
    return _model_at(loc).model_fields.get(key)


# --- rules that span the file ----------------------------------------------------------------


@dataclass(slots=True)
class _Ref:
    loc: tuple[str | int, ...]
    node: Scalar


class _Rules:
    """Ids and references, checked on the tree so they are reported beside shape problems."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def check(self) -> Iterator[Problem]:
        seen: dict[str, tuple[str | int, ...]] = {}
        for loc, node in _ids(self.doc.root, ()):
            assert node.value is not None
            if node.value in schema.RESERVED_IDS:
                yield _problem(self.doc, node, loc[:-1],
                               f"the id '{node.value}' is used by the site itself; choose another")
            elif node.value in seen:
                first = self.doc.find(seen[node.value] + ("id",))
                yield _problem(self.doc, node, loc[:-1],
                               f"the id '{node.value}' is already used by "
                               f"{describe(self.doc, seen[node.value])} on line {first.line}; "
                               "ids must be unique across the whole framework")
            else:
                seen[node.value] = loc[:-1]
        yield from self.check_items(seen)
        known_sources = {ident: ident for ident in self.source_ids()}
        for loc, ref in _sources(self.doc.root):
            yield from self.resolve(loc, ref, known_sources, "source", {})
        layer_ids = {ident: ident for ident, _ in self.layers()}
        for loc, ref in _list_refs(self.doc.root, ("structural_proposals",), "layers"):
            yield from self.resolve(loc, ref, layer_ids, "layer", seen)
        for loc, ref in _flow_refs(self.doc.root):
            yield from self.resolve(loc, ref, layer_ids, "layer", seen)

    def layers(self) -> Iterator[tuple[str, Mapping]]:
        layers = self.doc.root.entries.get("layers", (None, None))[1]
        if isinstance(layers, Sequence):
            for layer in layers.items:
                ident = _id_of(layer)
                if ident is not None and isinstance(layer, Mapping):
                    yield ident, layer

    def check_items(self, seen: dict[str, tuple[str | int, ...]]) -> Iterator[Problem]:
        owner: dict[str, str] = {}  # item id -> layer id
        for layer_id, layer in self.layers():
            for _, item in _entries(layer, "items"):
                ident = _id_of(item)
                if ident is not None:
                    owner.setdefault(ident, layer_id)
        for loc, ref in _list_refs(self.doc.root, ("layers", "items"), "related"):
            item_id = _id_of(self.doc.find(loc[:-2]))
            own_layer = _id_of(self.doc.find(loc[:2]))
            assert ref.value is not None
            if ref.value == item_id:
                yield _problem(self.doc, ref, loc, "an item cannot be related to itself")
            elif ref.value in owner and owner[ref.value] == own_layer:
                yield _problem(self.doc, ref, loc,
                               f"'{ref.value}' is in the same layer ({owner[ref.value]}); "
                               "related items must be in other layers")
            else:
                yield from self.resolve(loc, ref, owner, "item", seen)
        for loc, item in _all_items(self.doc.root):
            status = item.entries.get("status", (None, None))[1]
            reasoning = item.entries.get("reasoning", (None, None))[1]
            if isinstance(status, Scalar) and status.value == "proposed" \
                    and (reasoning is None or (isinstance(reasoning, Scalar) and not reasoning.value)):
                yield _problem(self.doc, item, loc,
                               "status is 'proposed' but there is no 'reasoning'; "
                               "add why the item was proposed")

    def source_ids(self) -> list[str]:
        return [ident for _, m in _entries(self.doc.root, "sources")
                if (ident := _id_of(m)) is not None]

    def resolve(self, loc: tuple[str | int, ...], ref: Scalar, known: dict[str, str], kind: str,
                seen: dict[str, tuple[str | int, ...]]) -> Iterator[Problem]:
        assert ref.value is not None
        if ref.value in known:
            return
        if ref.value in seen:
            other = describe(self.doc, seen[ref.value]).split(" ", 1)[0]
            yield _problem(self.doc, ref, loc, f"'{ref.value}' is {_article(other)} {other}, "
                                               f"not {_article(kind)} {kind}")
            return
        yield _problem(self.doc, ref, loc,
                       f"unknown {kind} '{ref.value}'{_suggest(ref.value, known)}")


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _entries(node: Node | None, key: str) -> Iterator[tuple[int, Mapping]]:
    if isinstance(node, Mapping) and key in node.entries:
        seq = node.entries[key][1]
        if isinstance(seq, Sequence):
            for index, entry in enumerate(seq.items):
                if isinstance(entry, Mapping):
                    yield index, entry


def _all_items(root: Mapping) -> Iterator[tuple[tuple[str | int, ...], Mapping]]:
    for li, layer in _entries(root, "layers"):
        for ii, item in _entries(layer, "items"):
            yield ("layers", li, "items", ii), item


def _list_refs(root: Mapping, path: tuple[str, ...], key: str
               ) -> Iterator[tuple[tuple[str | int, ...], Scalar]]:
    """Every text entry of `key` lists in the entries found along `path`."""
    found: list[tuple[tuple[str | int, ...], Mapping]] = [((), root)]
    for step in path:
        found = [((*loc, step, i), m) for loc, node in found for i, m in _entries(node, step)]
    for loc, entry in found:
        refs = entry.entries.get(key, (None, None))[1]
        if isinstance(refs, Sequence):
            for i, ref in enumerate(refs.items):
                if isinstance(ref, Scalar) and ref.value:
                    yield (*loc, key, i), ref


def _flow_refs(root: Mapping) -> Iterator[tuple[tuple[str | int, ...], Scalar]]:
    for pi, proposal in _entries(root, "structural_proposals"):
        stages = proposal.entries.get("flow", (None, None))[1]
        for si, stage in enumerate(stages.items if isinstance(stages, Sequence) else []):
            for ri, ref in enumerate(stage.items if isinstance(stage, Sequence) else []):
                if isinstance(ref, Scalar) and ref.value:
                    yield ("structural_proposals", pi, "flow", si, ri), ref


def _ids(node: Node, loc: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], Scalar]]:
    """Every `id` of a list entry, anywhere in the file."""
    if isinstance(node, Mapping):
        for key, (_, value) in node.entries.items():
            if key == "id" and isinstance(value, Scalar) and value.value and loc \
                    and isinstance(loc[-1], int):
                yield (*loc, "id"), value
            yield from _ids(value, (*loc, key))
    elif isinstance(node, Sequence):
        for i, item in enumerate(node.items):
            yield from _ids(item, (*loc, i))


def _sources(node: Node, loc: tuple[str | int, ...] = ()
             ) -> Iterator[tuple[tuple[str | int, ...], Scalar]]:
    """Every source reference: entries of any `sources` list below the top level."""
    if isinstance(node, Mapping):
        for key, (_, value) in node.entries.items():
            if key == "sources" and loc and isinstance(value, Sequence):
                for i, ref in enumerate(value.items):
                    if isinstance(ref, Scalar) and ref.value:
                        yield (*loc, key, i), ref
            elif loc or key != "sources":
                yield from _sources(value, (*loc, key))
    elif isinstance(node, Sequence):
        for i, item in enumerate(node.items):
            yield from _sources(item, (*loc, i))


# --- resolving: ids become objects -----------------------------------------------------------


def _resolve(doc: Document, data: schema.FrameworkFile) -> model.Framework:
    def lines(*loc: str | int) -> model.Lines:
        node = doc.find(loc)
        return model.Lines(node.line, node.end_line)

    sources = {s.id: model.Source(s, lines("sources", i)) for i, s in enumerate(data.sources)}

    def cite(ids: list[str], citer: model.Citer | None) -> list[model.Source]:
        found = [sources[i] for i in ids]
        if citer is not None:
            for source in found:  # one citer cites in consecutive calls (item, then its examples)
                if not source.cited_by or source.cited_by[-1] is not citer:
                    source.cited_by.append(citer)
        return found

    layers: list[model.Layer] = []
    items: dict[str, model.Item] = {}
    for li, layer_data in enumerate(data.layers):
        layer = model.Layer(layer_data, li, lines("layers", li))
        layer.sources = cite(layer_data.sources, layer)
        for ii, item_data in enumerate(layer_data.items):
            item = model.Item(item_data, layer, lines("layers", li, "items", ii))
            item.sources = cite(item_data.sources, item)
            item.examples = [model.Example(e, cite(e.sources, item)) for e in item_data.examples]
            layer.items.append(item)
            items[item.id] = item
        layers.append(layer)
    by_layer = {layer.id: layer for layer in layers}
    for item in items.values():
        targets = [items[ref] for ref in item.data.related]
        for target_layer in layers:
            linked = [t for t in targets if t.layer is target_layer]
            if linked:
                item.related.append(model.Group(target_layer, target_layer.data.related_heading,
                                                linked))
    backs: dict[str, list[model.Item]] = {}  # item id -> the items naming it, in reading order
    for item in items.values():
        for ref in dict.fromkeys(item.data.related):
            backs.setdefault(ref, []).append(item)
    for item in items.values():
        if item.id in backs:
            item.backlinks.append(model.Group(item.layer, item.layer.data.backlink_heading,
                                              backs[item.id]))

    def entries(section: str, raw: list[Any], page: str, *loc: str) -> list[model.Entry]:
        made = []
        for i, entry_data in enumerate(raw):
            entry = model.Entry(entry_data, page, lines(*loc, i))
            entry.sources = cite(entry_data.sources, entry)
            entry.layers = [by_layer[ref] for ref in getattr(entry_data, "layers", [])]
            made.append(entry)
        return made

    def section(name: str, page: str) -> model.Section:
        raw = getattr(data, name)
        return model.Section(raw.intro, cite(raw.sources, None),
                             entries(name, raw.items, page, name, "items"), lines(name))

    comparison = model.Comparison(
        data.comparison, cite(data.comparison.sources, None),
        entries("comparison", list(data.comparison.refinements), "relationships-and-transactions",
                "comparison", "refinements"),
        lines("comparison"),
    )
    return model.Framework(
        data=data,
        path=doc.path,
        about_sources=cite(data.framework.sources, None),
        about_lines=lines("framework"),
        layers=layers,
        proposals=entries("proposals", list(data.structural_proposals), "proposals",
                          "structural_proposals"),
        proposals_lines=lines("structural_proposals"),
        comparison=comparison,
        contexts=section("contexts", "contexts"),
        barriers=section("barriers", "barriers"),
        why_now=section("why_now", "why-now"),
        sources=list(sources.values()),
        sources_lines=lines("sources"),
    )
