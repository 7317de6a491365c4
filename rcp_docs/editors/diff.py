"""What changed between two versions of framework.yml, in plain English: the pull request's summary.

Both versions are loaded and validated like any framework file, then compared by id. Which entries
exist, and the heading each kind is listed under, come from the page registry; one generic
comparison serves every kind, so a field added to the schema is compared without new code.
`vanished` finds ids that disappeared without being retired or redirected: the links people shared
to them would break. `report` (in `editors/report.py`) writes the result for a terminal, a job summary,
a program or GitHub's annotations.
"""

from __future__ import annotations

import difflib
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..base.errors import DiffError, FrameworkError, Problem
from ..check.validate import validate
from ..source.load import load_bytes, load_file
from ..structure import model
from ..structure.record import Change, Segment
from ..structure.registry import address, entries_of, field, homes


@dataclass(frozen=True, slots=True)
class Version:
    """A version being compared: its plain data, and its validated model when it matches today's
    schema. The base of a pull request that changes the schema may not (a field became required,
    one was renamed): it is compared as plain data, as a release snapshot is."""

    data: dict[str, Any]
    framework: model.Framework | None


def load_version(spec: str, strict: bool = True) -> Version:
    """A framework from a file path, or from git: `REV` (its framework.yml) or `REV:PATH`. Read
    with the strict loader either way; with `strict`, also valid against today's schema."""
    path = Path(spec)
    if path.is_file():
        doc = load_file(path)
    else:
        rev, _, inner = spec.partition(":")
        inner = inner or "framework.yml"
        try:
            result = subprocess.run(["git", "show", f"{rev}:{inner}"], capture_output=True,
                                    check=False, timeout=60)
        except OSError as exc:
            raise DiffError(f"cannot run git to read {spec}: {exc.strerror}") from None
        if result.returncode != 0:
            reason = result.stderr.decode("utf-8", "replace").strip().splitlines()
            raise DiffError(f"'{spec}' is neither a file nor a git revision with {inner}"
                            + (f" ({reason[-1]})" if reason else ""))
        doc = load_bytes(result.stdout, f"{rev}:{inner}")
    try:
        framework = validate(doc)
    except FrameworkError:
        if strict:
            raise
        return Version(doc.to_data(), None)
    return Version(framework.as_data(), framework)


# --- comparing ---------------------------------------------------------------------------------


def _entries(data: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any], str]]:
    """Every entry with an id: id -> (section, its own fields as plain values, where it is)."""
    found: dict[str, tuple[str, dict[str, Any], str]] = {}
    for coll, entry, parent, _ in entries_of(data):
        if not isinstance(entry, dict):
            continue
        inner = {c.key for c in coll.inner}  # a layer's items are compared one by one
        fields = {k: v for k, v in entry.items() if k not in inner}
        where = str(parent["id"]) if isinstance(parent, dict) else ""
        found[str(entry["id"])] = (coll.section, fields, where)
    return found


def _without_empty(value: Any) -> Any:
    """Plain data without empty lists and missing values: a field the schema added later with an
    empty default (an example's `roles`) is no change to entries in an older snapshot."""
    if isinstance(value, dict):
        return {k: _without_empty(v) for k, v in value.items() if v is not None and v != []}
    if isinstance(value, list):
        return [_without_empty(v) for v in value]
    return value


def diff(base: model.Framework, head: model.Framework) -> list[Change]:
    """Every change from `base` to `head`, in the order a reader meets them."""
    return diff_data(base.as_data(), head.as_data())


def diff_data(base: dict[str, Any], head: dict[str, Any]) -> list[Change]:
    """`diff` over plain data: a framework file as loaded (a release snapshot, which need not
    match today's schema) or as `Framework.as_data` gives it. A missing list or field equals an
    empty one, at any depth. A layer given a new id, its old id redirected to it, is one change:
    its items did not move."""
    base, head = _without_empty(base), _without_empty(head)
    changes = _compare_fields("Framework", "", (("", "The framework's"),),
                              _mapping(base.get("framework")), _mapping(head.get("framework")))
    old, new = _entries(base), _entries(head)
    renamed = _renamed_layers(old, new, head)  # new layer id -> its old id
    now_called = {was: ident for ident, was in renamed.items()}
    for ident, (section, data, where) in new.items():
        label = _label(section, data)
        if ident not in old and ident not in renamed:
            changes.append(_added(section, ident, label, data, where))
            continue
        was_id = renamed.get(ident, ident)
        _, was, was_where = old[was_id]
        if was_id != ident:
            changes.append(Change(section, "moved", ident,
                                  (*label, ("", " has a new address: "), ("code", ident),
                                   ("", " (it was "), ("code", was_id),
                                   ("", "); links to the old one land on it.")),
                                  {"from": was_id, "to": ident}))
        if now_called.get(was_where, was_where) != where:
            changes.append(Change(section, "moved", ident,
                                  (("", "Moved "), *label, ("", " "), ("code", ident),
                                   ("", f" from {was_where} to {where}.")),
                                  {"from": was_where, "to": where}))
        changes += _compare_fields(section, ident, label, was, data)
    for ident, (section, data, where) in old.items():
        if ident not in new and ident not in now_called:
            place = (("", f" from {where}"),) if where else ()
            changes.append(Change(section, "removed", ident,
                                  (("", "Removed "), *_label(section, data), ("", " "),
                                   ("code", ident), *place, ("", ".")),
                                  {"name": data.get("name")}))
    old_redirects = {r.get("from"): r.get("to") for r in _redirects(base)}
    for r in _redirects(head):
        old_id, new_id = str(r.get("from")), str(r.get("to"))
        if old_redirects.get(old_id) != new_id and renamed.get(new_id) != old_id:
            changes.append(Change("Redirects", "added", old_id,
                                  (("", "Links to "), ("code", old_id), ("", " now land on "),
                                   ("code", new_id), ("", ".")), {"to": new_id}))
    return changes


def _added(section: str, ident: str, label: tuple[Segment, ...], data: dict[str, Any],
           where: str) -> Change:
    place = (("", f" to {where}"),) if where else ()  # a layer id: [a-z0-9-]
    status = (("", ", "), ("text", str(data["status"]))) if "status" in data else ()
    return Change(section, "added", ident,
                  (("", "Added "), *label, ("", " "), ("code", ident), *place, *status, ("", ".")),
                  {"name": data.get("name"), "layer": where or None})


def _renamed_layers(old: dict[str, tuple[str, dict[str, Any], str]],
                    new: dict[str, tuple[str, dict[str, Any], str]],
                    head: dict[str, Any]) -> dict[str, str]:
    """Layers whose id changed: the old id gone, redirected to a layer that is new."""
    def is_layer(entries: dict[str, tuple[str, dict[str, Any], str]], ident: str) -> bool:
        return ident in entries and entries[ident][0] == "Layers"

    return {str(r.get("to")): str(r.get("from")) for r in _redirects(head)
            if is_layer(old, str(r.get("from"))) and str(r.get("from")) not in new
            and is_layer(new, str(r.get("to"))) and str(r.get("to")) not in old}


def _mapping(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _redirects(data: dict[str, Any]) -> list[dict[str, Any]]:
    found = data.get("redirects")
    return [r for r in found if isinstance(r, dict)] if isinstance(found, list) else []


def _label(section: str, data: dict[str, Any]) -> tuple[Segment, ...]:
    name = data.get("name")
    return (("name", name),) if isinstance(name, str) else (("text", section.lower()),)


def _compare_fields(section: str, ident: str, label: tuple[Segment, ...], was: dict[str, Any],
                    now: dict[str, Any], within: str = "") -> list[Change]:
    """The changes of one entry's fields; a field that holds fields of its own (a role's reading
    path) is compared field by field, named by its path ("reading path note")."""
    whose: tuple[Segment, ...] = (*label, ("", " "), ("code", ident)) if ident else label
    changes = []
    for key in now.keys() | was.keys():
        before, after = was.get(key), now.get(key)
        if before == after or key == "id" or (before in _EMPTY and after in _EMPTY):
            continue
        field_path = within + key
        if isinstance(before, dict) or isinstance(after, dict):
            changes += _compare_fields(section, ident, label, _mapping(before), _mapping(after),
                                       f"{field_path}.")
        elif key == "name" and not within:
            changes.append(Change(section, "renamed", ident,
                                  (("", "Renamed "), ("code", ident), ("", ": "),
                                   ("text", str(before)), ("", " → "), ("text", str(after)),
                                   ("", ".")), {"from": before, "to": after}))
        elif key == "status" and not within:
            changes.append(Change(section, "status", ident,
                                  (*whose, ("", f" changed status from {before} to {after}.")),
                                  {"from": before, "to": after}))
        elif isinstance(before, list) or isinstance(after, list):
            changes.append(_compare_lists(section, ident, whose, field_path, before or [],
                                          after or []))
        else:
            changes.append(Change(section, "text", ident,
                                  (*whose, ("", "," if ident else ""),
                                   ("", f" {_spoken(field_path)}: "),
                                   *word_diff(str(before or ""), str(after or ""))),
                                  {"field": field_path, "from": before, "to": after}))
    order = ["renamed", "status", "text", "list"]
    return sorted(changes, key=lambda c: (order.index(c.kind), "".join(t for _, t in c.segments)))


def _spoken(field_path: str) -> str:
    """A field's path as words: `reading_path.note` -> "reading path note"."""
    return field_path.replace("_", " ").replace(".", " ")


_EMPTY: tuple[object, ...] = (None, [], "")


def _compare_lists(section: str, ident: str, whose: tuple[Segment, ...], key: str,
                   before: list[Any], after: list[Any]) -> Change:
    added = [x for x in after if x not in before]
    removed = [x for x in before if x not in after]
    what = _spoken(key)
    if not added and not removed:  # the same entries in a new order
        return Change(section, "list", ident, (*whose, ("", f": {what} reordered.")),
                      {"field": key})
    segments: list[Segment] = [*whose, ("", f", {what}: ")]
    for verb, values in (("added", added), ("removed", removed)):
        if values:
            if verb == "removed" and added:
                segments.append(("", "; "))
            segments.append(("", f"{verb} "))
            for i, value in enumerate(values):
                segments += [("", ", ")] if i else []
                segments += _show(value, words=key in _WORD_LISTS)
    segments.append(("", "."))
    return Change(section, "list", ident, tuple(segments),
                  {"field": key, "added": added, "removed": removed})


_WORD_LISTS = {"search_terms"}  # lists of words, never ids: shown in quotes, never linked


def _show(value: Any, words: bool = False) -> list[Segment]:
    if isinstance(value, str):
        is_id = not words and value.replace("-", "").isalnum() and value.islower()
        return [("code", value)] if is_id else [("quote", _clip(value, 80))]
    if isinstance(value, dict):
        shown = _clip(str(value.get("setting") or value.get("text", "")), 60)
        return [("", "an entry ("), ("text", shown), ("", ")")]
    return [("text", str(value))]


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def word_diff(before: str, after: str, context: int = 4) -> list[Segment]:
    """A short word-level diff: removed and added runs, long equal runs elided."""
    a, b = before.split(), after.split()
    segments: list[Segment] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if segments:
            segments.append(("", " "))
        if op == "equal":
            words = a[i1:i2]
            if len(words) > 2 * context:
                head = words[:context] if len(segments) > 0 else []
                words = [*head, "…", *words[-context:]]
            segments.append(("text", " ".join(words)))
            continue
        if i2 > i1:
            segments.append(("del", " ".join(a[i1:i2])))
        if j2 > j1:
            if i2 > i1:
                segments.append(("", " "))
            segments.append(("ins", " ".join(b[j1:j2])))
    return segments or [("", "(whitespace only)")]


# --- ids that must not vanish ----------------------------------------------------------------


def vanished(base: dict[str, Any], head: model.Framework) -> list[Problem]:
    """Problems for item and layer ids in `base` (plain data) that `head` neither keeps nor
    redirects, placed where the entry was in `head` (its layer, or the list of layers)."""
    kept = {layer.id for layer in head.layers} | {item.id for item in head.items}
    kept |= {r.old for r in head.data.redirects}
    was_at = homes(base)
    head_layers = {layer.id: layer for layer in head.layers}
    everything = head.lines.get("layers") or model.Lines(1, 1)
    problems = []
    for coll, entry, parent, _ in entries_of(base):
        ident = str(field(entry, "id"))
        if coll.kind not in ("layer", "item") or ident in kept:
            continue
        what = coll.kind
        layer_id = ident if what == "layer" else str(field(parent, "id"))
        owner = f" ({layer_id})" if what == "item" else ""
        file, _, anchor = was_at[ident].partition("#")
        link = "/" + address(file, True) + (f"#{anchor}" if anchor else "")
        retire = "keep the item with status: retired (and replaced_by: NEW-ID), or " \
            if what == "item" else ""
        place = head_layers[layer_id].lines if what == "item" and layer_id in head_layers \
            else everything
        problems.append(Problem(
            place.first, place.column,
            f"{what} '{ident}'{owner}: the id has gone, so links to {link} would break; "
            f"{retire}add a redirect at the end of the file: "
            f"redirects: [{{from: {ident}, to: NEW-ID}}]", head.path))
    return problems
