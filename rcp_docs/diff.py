"""What changed between two versions of framework.yml, in plain English: the pull request's summary.

Both versions are loaded and validated like any framework file, then compared by id: one generic
comparison serves every kind of entry (items, layers, sources, contexts...), so a field added to the
schema is compared without new code. `vanished` finds ids that disappeared without being retired
or redirected: the links people shared to them would break.
"""

from __future__ import annotations

import difflib
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import model
from .errors import RcpError
from .load import load_bytes, load_file
from .text import inline
from .validate import validate


@dataclass(frozen=True, slots=True)
class Change:
    """One change, as a sentence of Markdown and as data."""

    section: str  # heading it is listed under: "Items", "Sources", ...
    kind: str  # added, removed, renamed, moved, status, text, list
    id: str
    sentence: str  # Markdown, built from escaped parts
    data: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"section": self.section, "kind": self.kind, "id": self.id, **self.data}


def load_version(spec: str) -> model.Framework:
    """A framework from a file path, or from git: `REV` (its framework.yml) or `REV:PATH`."""
    path = Path(spec)
    if path.is_file():
        return validate(load_file(path))
    rev, _, inner = spec.partition(":")
    inner = inner or "framework.yml"
    try:
        result = subprocess.run(["git", "show", f"{rev}:{inner}"], capture_output=True,
                                check=False, timeout=60)
    except OSError as exc:
        raise RcpError(f"cannot run git to read {spec}: {exc.strerror}") from None
    if result.returncode != 0:
        reason = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RcpError(f"'{spec}' is neither a file nor a git revision with {inner}"
                       + (f" ({reason[-1]})" if reason else ""))
    return validate(load_bytes(result.stdout, f"{rev}:{inner}"))


# --- comparing ---------------------------------------------------------------------------------


def _entries(fw: model.Framework) -> dict[str, tuple[str, dict[str, Any], str]]:
    """Every entry with an id: id -> (section, its data as plain values, where it is)."""
    found: dict[str, tuple[str, dict[str, Any], str]] = {}
    for layer in fw.layers:
        data = layer.data.model_dump(exclude={"items"})
        found[layer.id] = ("Layers", data, "")
        for item in layer.items:
            found[item.id] = ("Items", item.data.model_dump(), layer.id)
    d = fw.data
    groups: list[tuple[str, list[Any]]] = [
        ("Structural proposals", d.structural_proposals),
        ("Relationships and transactions", [*d.comparison.distinctions,
                                            *d.comparison.characteristics,
                                            *d.comparison.refinements]),
        ("When it matters", d.contexts.items), ("Barriers", d.barriers.items),
        ("Why now", d.why_now.items), ("Sources", d.sources),
    ]
    for section, entries in groups:
        for entry in entries:
            found[entry.id] = (section, entry.model_dump(), "")
    return found


def diff(base: model.Framework, head: model.Framework) -> list[Change]:
    """Every change from `base` to `head`, in the order a reader meets them."""
    changes = _compare_fields("Framework", "", "The framework's",
                              base.data.framework.model_dump(), head.data.framework.model_dump())
    old, new = _entries(base), _entries(head)
    for ident, (section, data, where) in new.items():
        label = _label(section, data)
        if ident not in old:
            place = f" to {where}" if where else ""
            status = f", {data['status']}" if "status" in data else ""
            changes.append(Change(section, "added", ident,
                                  f"Added {label} {_code(ident)}{place}{status}.",
                                  {"name": data.get("name"), "layer": where or None}))
            continue
        _, was, was_where = old[ident]
        if where != was_where:
            changes.append(Change(section, "moved", ident,
                                  f"Moved {label} {_code(ident)} from {was_where} to {where}.",
                                  {"from": was_where, "to": where}))
        changes += _compare_fields(section, ident, label, was, data)
    for ident, (section, data, where) in old.items():
        if ident not in new:
            place = f" from {where}" if where else ""
            changes.append(Change(section, "removed", ident,
                                  f"Removed {_label(section, data)} {_code(ident)}{place}.",
                                  {"name": data.get("name")}))
    old_redirects = {r.old: r.new for r in base.data.redirects}
    for r in head.data.redirects:
        if old_redirects.get(r.old) != r.new:
            changes.append(Change("Redirects", "added", r.old,
                                  f"Links to {_code(r.old)} now land on {_code(r.new)}.",
                                  {"to": r.new}))
    return changes


def _label(section: str, data: dict[str, Any]) -> str:
    name = data.get("name")
    return f"**{inline(name)}**" if isinstance(name, str) else inline(section.lower())


def _code(ident: str) -> str:
    return f"`{ident}`"  # ids are [a-z0-9-]: safe inside backticks


def _compare_fields(section: str, ident: str, label: str, was: dict[str, Any],
                    now: dict[str, Any]) -> list[Change]:
    changes = []
    for key in now.keys() | was.keys():
        before, after = was.get(key), now.get(key)
        if before == after or key == "id":
            continue
        if key == "name":
            changes.append(Change(section, "renamed", ident,
                                  f"Renamed {_code(ident)}: {inline(str(before))} → "
                                  f"{inline(str(after))}.", {"from": before, "to": after}))
        elif key == "status":
            changes.append(Change(section, "status", ident,
                                  f"{label} {_code(ident)} changed status from {before} to "
                                  f"{after}.", {"from": before, "to": after}))
        elif isinstance(before, list) or isinstance(after, list):
            changes += _compare_lists(section, ident, label, key, before or [], after or [])
        else:
            whose = f"{label} {_code(ident)}," if ident else label
            changes.append(Change(section, "text", ident,
                                  f"{whose} {key.replace('_', ' ')}: "
                                  f"{word_diff(str(before or ''), str(after or ''))}",
                                  {"field": key, "from": before, "to": after}))
    order = ["renamed", "status", "text", "list"]
    return sorted(changes, key=lambda c: (order.index(c.kind), c.sentence))


def _compare_lists(section: str, ident: str, label: str, key: str, before: list[Any],
                   after: list[Any]) -> list[Change]:
    added = [x for x in after if x not in before]
    removed = [x for x in before if x not in after]
    what = key.replace("_", " ")
    if not added and not removed:  # the same entries in a new order
        return [Change(section, "list", ident, f"{label} {_code(ident)}: {what} reordered.",
                       {"field": key})]
    parts = []
    for verb, values in (("added", added), ("removed", removed)):
        if values:
            shown = ", ".join(_show(v) for v in values)
            parts.append(f"{verb} {shown}")
    return [Change(section, "list", ident, f"{label} {_code(ident)}, {what}: {'; '.join(parts)}.",
                   {"field": key, "added": added, "removed": removed})]


def _show(value: Any) -> str:
    if isinstance(value, str):
        return _code(value) if value.replace("-", "").isalnum() and value.islower() \
            else f"“{inline(_clip(value, 80))}”"
    if isinstance(value, dict):
        return f"an entry ({inline(_clip(str(value.get('setting') or value.get('text', '')), 60))})"
    return inline(str(value))


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def word_diff(before: str, after: str, context: int = 4) -> str:
    """A short word-level diff in Markdown: ~~removed~~ **added**, long equal runs elided."""
    a, b = before.split(), after.split()
    parts: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            words = a[i1:i2]
            if len(words) > 2 * context:
                head = words[:context] if parts else []
                words = [*head, "…", *words[-context:]]
            parts.append(inline(" ".join(words)))
            continue
        if i2 > i1:
            parts.append(f"~~{inline(' '.join(a[i1:i2]))}~~")
        if j2 > j1:
            parts.append(f"**{inline(' '.join(b[j1:j2]))}**")
    return " ".join(parts) or "(whitespace only)"


# --- ids that must not vanish ----------------------------------------------------------------


def vanished(base: model.Framework, head: model.Framework) -> list[str]:
    """Messages for item and layer ids in `base` that `head` neither keeps nor redirects."""
    kept = {layer.id for layer in head.layers} | {item.id for item in head.items}
    redirected = {r.old for r in head.data.redirects}
    messages = []
    for layer in base.layers:
        ids = [(layer.id, f"the page /{layer.id}/", "layer")]
        ids += [(item.id, f"/{layer.id}/#{item.id}", f"item in {layer.id}") for item in layer.items]
        for ident, link, what in ids:
            if ident not in kept and ident not in redirected:
                retire = "keep the item with status: retired (and replaced_by: NEW-ID), or " \
                    if what != "layer" else ""
                messages.append(
                    f"{head.path}: the id '{ident}' ({what}) has gone, so links to {link} would "
                    f"break; {retire}add a redirect at the end of the file: "
                    f"redirects: [{{from: {ident}, to: NEW-ID}}]")
    return messages


def markdown(changes: list[Change], base: str, head: str, problems: list[str]) -> str:
    """The change summary a pull request shows."""
    lines = ["## Changes to the framework", ""]
    count = len(changes)
    compared = f"Comparing {inline(base)} with {inline(head)}"
    lines.append(f"{compared}: {count} change{'s' if count != 1 else ''}." if count else
                 f"{compared}: no change to the framework's content.")
    if problems:
        lines += ["", "### Links that would break", ""] + [f"- {inline(p)}" for p in problems]
    sections: dict[str, list[Change]] = {}
    for change in changes:
        sections.setdefault(change.section, []).append(change)
    for section, items in sections.items():
        lines += ["", f"### {section}", ""] + [f"- {c.sentence}" for c in items]
    return "\n".join(lines) + "\n"
