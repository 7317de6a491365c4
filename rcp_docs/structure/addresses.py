"""Addresses that readers already hold, and where each lands now.

Every item address a release published (`behaviours/#kindness`) must keep working after editors
reshape the framework: an item moved to another layer, a layer renamed or split, two items merged
(the old id redirected to the one that stays). An address still works by itself when its page
still shows that id: the item is there, or it was redirected to an item on the same page (the page
keeps the old id as an anchor). Otherwise the old page, a layer's page or the page a renamed
layer leaves behind, carries a short note under the old id saying where the item is now; its
script takes a reader with JavaScript straight on (theme_overrides/assets/javascripts/moved.js).

The addresses come from the release snapshots (`releases/`), read with the same registry that
places today's entries, so nothing here knows the shape of the file.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import model
from .registry import entries_of, field, homes, page

LAYER_PAGE = page("layer")


@dataclass(frozen=True, slots=True)
class Forward:
    """An old item address on a page that no longer shows that id, and where it lands now."""

    old_id: str
    old_name: str  # as the release named it
    item: model.Item  # where it is now: the item itself, or the one it was merged into


def forwards(framework: model.Framework) -> dict[str, list[Forward]]:
    """For each page (a layer's, or a renamed layer's old page), the old item addresses it must
    forward, in the order the releases listed them (a page absent here forwards nothing)."""
    now = homes(framework.data)
    by_id = {item.id: item for item in framework.items}
    pages = {LAYER_PAGE.path_for(layer.id) for layer in framework.layers}
    pages |= {LAYER_PAGE.path_for(old.id) for old in framework.old_layer_pages}
    found: dict[str, dict[str, Forward]] = {}
    for old_page, old_id, old_name in _released_items(framework.history):
        target = _current(old_id, framework, by_id)
        if target is None or old_page not in pages:
            continue  # gone without a redirect: `rcp-docs diff --check` names it
        if now[target.id].partition("#")[0] == old_page and (target.id == old_id
                                                             or old_id in target.aliases):
            continue  # the page shows the id itself, or keeps it as an anchor
        found.setdefault(old_page, {}).setdefault(old_id, Forward(old_id, old_name, target))
    return {path: list(notes.values()) for path, notes in found.items()}


def _released_items(history: model.History) -> list[tuple[str, str, str]]:
    """(page, id, name) of every item of every release, newest release first."""
    seen: list[tuple[str, str, str]] = []
    for release in history.newest_first:
        for coll, entry, parent, _ in entries_of(release.data):
            if coll.kind != "item" or not isinstance(parent, dict):
                continue
            ident, name = field(entry, "id"), field(entry, "name")
            seen.append((LAYER_PAGE.path_for(str(field(parent, "id"))), str(ident),
                         str(name or ident)))
    return seen


def _current(ident: str, framework: model.Framework, by_id: dict[str, model.Item]
             ) -> model.Item | None:
    """The item an old id lands on today: itself, or where redirects lead (None: gone)."""
    redirects = {r.old: r.new for r in framework.data.redirects}
    for _ in range(len(redirects) + 1):  # a chain of renames, never a loop
        if ident in by_id:
            return by_id[ident]
        if ident not in redirects:
            return None
        ident = redirects[ident]
    return None
