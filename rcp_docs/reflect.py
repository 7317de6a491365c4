"""The "Reflect on your practice" page: what its worksheet asks, and the data its script needs.

The page lists every item that is part of the framework or proposed (retired items are not asked),
layer by layer from the core. Its script (theme_overrides/assets/javascripts/reflect.js) reads what
it needs from the page itself: the framework's version, the layers, and where answers to old ids go
(redirects, and retired items' replacements), so an answer file from an earlier version still
lands on the right items. Everything here comes from the model at build time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from . import model

CHOICES = (  # (value in files, label on the page), in the order shown
    ("yes", "This is how I/we work"),
    ("sometimes", "Sometimes"),
    ("not-yet", "Not yet"),
    ("not-sure", "Not sure"),
)


@dataclass(frozen=True, slots=True)
class Part:
    layer: model.Layer
    items: list[model.Item]  # adopted first, then proposals; never retired items


@dataclass(frozen=True, slots=True)
class Worksheet:
    parts: list[Part]
    version: str
    layers: str  # JSON: [{id, name}] from the core outwards
    moved: str  # JSON {old id: id asked now, or "" for a retired item with no replacement}
    choices: tuple[tuple[str, str], ...] = CHOICES


def worksheet(fw: model.Framework) -> Worksheet:
    parts = [Part(layer, [i for i in layer.items if not i.retired and not i.proposed]
                  + [i for i in layer.items if i.proposed]) for layer in fw.layers]
    layers = [{"id": layer.id, "name": layer.data.name} for layer in fw.layers]
    return Worksheet(parts, fw.data.framework.version, _json(layers), _json(moved(fw)))


def moved(fw: model.Framework) -> dict[str, str]:
    """Ids an older answer file may hold, and the item now asked instead ("" for none): old ids
    redirected to an item, and retired items, followed through their replacements."""
    step: dict[str, str] = {}
    for item in fw.items:
        for alias in item.aliases:
            step[alias] = item.id
        if item.retired:
            step[item.id] = item.replaced_by.id if item.replaced_by else ""
    found: dict[str, str] = {}
    for old in step:
        target, seen = step[old], {old}
        while target in step and target not in seen:  # a replacement may itself be retired
            seen.add(target)
            target = step[target]
        found[old] = "" if target in step else target
    return dict(sorted(found.items()))


def _json(value: object) -> str:
    """Compact JSON, for a data attribute (the template escapes it for HTML)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
