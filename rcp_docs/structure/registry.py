"""The page registry: every generated page of the site, declared once, and where everything is.

Each `PageType` says where the page goes, its title and heading anchor, its template and the
anchors that template writes itself, the part of the model it shows, the top-level key of
framework.yml its data comes from (for the edit and view actions) and the lists of entries it holds
(what an entry is called in problem messages, and the heading its changes are listed under by
`rcp-docs diff`). Rendering, link targets, source lines, problem places, diff sections and reserved
ids all read from here; `address` says where a page is served.

To add a page type: add a `PageType` to `PAGES` and its template to `rcp_docs/site/templates/`
(name the anchors it writes in `anchors`; a test compares them); if it shows new data, add a model
to `source/schema.py` (and resolve it in `check/resolve.py`); then list its path under `nav:` in
mkdocs.yml (a strict build says so until you do).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import model

Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Collection:
    """A list in framework.yml whose entries have ids: each is a section of a page."""

    key: str  # the key holding the list, inside the entry of the enclosing collection
    kind: str  # what one entry is called in messages: "item", "context"
    section: str  # the heading `rcp-docs diff` lists its changes under
    inner: tuple[Collection, ...] = ()  # lists inside each entry (a layer's items)
    anchored: bool = True  # each entry has its own anchor (False: rows of a table)


@dataclass(frozen=True, slots=True)
class PageType:
    """One kind of generated page."""

    name: str  # how code and messages refer to it
    path: str  # where it goes; "{id}" is replaced by the id of each part shown
    title: str  # its heading and navigation title ("" when the data gives it, as a layer's name)
    anchor: str  # its heading's anchor ("" when it is the id of the part shown)
    template: str
    shows: Callable[[model.Framework], object]  # the part of the model the template gets
    each: bool = False  # one page per entry of `shows`, rather than one page
    source: str = ""  # the top-level key of framework.yml its data is under
    collections: tuple[Collection, ...] = ()  # entries that live on this page
    in_all: bool = True  # also a chapter of the all-in-one page
    gathers: bool = False  # holds every page that is `in_all`: the all-in-one page
    prefixes: tuple[str, ...] = ()  # anchors it makes from data, such as "flow-" + a proposal's id
    in_nav: bool = True  # False for pages that only send readers elsewhere
    at: tuple[str, ...] = ()  # where in the file `collections` sit, when not at the top
    anchors: tuple[str, ...] = ()  # the other anchors its template writes itself (reserved ids)
    # An entry of mkdocs.yml's `nav:` that stands for these pages, in the data's order: the
    # layer pages come and go with framework.yml, so mkdocs.yml only marks where they go.
    nav_marker: str = ""
    listed_after: str = ""  # pages that come and go with the data: listed in the navigation
    # after this page, in its section, so that mkdocs.yml need not name each one
    search_boost: float = 1.0  # how search ranks its results against other pages' (1: as usual)

    def path_for(self, ident: str = "") -> str:
        return self.path.replace("{id}", ident)


ITEMS = Collection("items", "item", "Items")

PAGES: tuple[PageType, ...] = (
    # The front door: the onion, the layers as cards, ways in; the framework's own pages hold
    # its content, so the all-in-one page leaves it out.
    PageType("home", "index.md", "", "home", "home.md.j2", lambda fw: fw, source="framework",
             in_all=False, anchors=("what-it-is", "the-layers", "find-your-way-in",
                                    "reflect-on-your-practice", "tell-us-whats-missing",
                                    "keep-offline", "rcp-offline-pdf")),
    PageType("overview", "overview.md", "Overview", "overview", "overview.md.j2",
             lambda fw: fw, source="framework", prefixes=("flow-",),
             anchors=("definition", "what-characterises-it", "why-define", "hopes", "layers")),
    # The layers hold the items readers look for: their results come before pages that only
    # mention an item (sources, changes, guides).
    PageType("layer", "{id}/index.md", "", "", "layer.md.j2", lambda fw: fw.layers, each=True,
             source="layers", collections=(Collection("layers", "layer", "Layers", (ITEMS,)),),
             nav_marker="rcp:layers", anchors=("moved-elsewhere", "where-this-layer-comes-from"),
             search_boost=3.0),
    PageType("comparison", "relationships-and-transactions.md", "Relationships and transactions",
             "relationships-and-transactions", "comparison.md.j2", lambda fw: fw.comparison,
             source="comparison", at=("comparison",),
             collections=(Collection("distinctions", "distinction", "Relationships and transactions"),
                          Collection("characteristics", "characteristic",
                                     "Relationships and transactions", anchored=False),
                          Collection("refinements", "refinement", "Relationships and transactions")),
             anchors=("characteristics-compared", "distinctions", "right-choice", "refinements")),
    PageType("contexts", "contexts.md", "When relationship-centred practice matters", "contexts",
             "section.md.j2", lambda fw: fw.contexts, source="contexts", at=("contexts",),
             collections=(Collection("items", "context", "When it matters"),)),
    PageType("barriers", "barriers.md", "Barriers", "barriers", "section.md.j2",
             lambda fw: fw.barriers, source="barriers", at=("barriers",),
             collections=(Collection("items", "barrier", "Barriers"),)),
    PageType("why-now", "why-now.md", "Why now", "why-now", "section.md.j2",
             lambda fw: fw.why_now, source="why_now", at=("why_now",),
             collections=(Collection("items", "evidence", "Why now"),)),
    PageType("proposals", "proposals.md", "Proposals under discussion", "proposals",
             "proposals.md.j2", lambda fw: fw, source="structural_proposals",
             collections=(Collection("structural_proposals", "proposal", "Structural proposals"),),
             anchors=("structure", "new-items", "comparison-refinements")),
    PageType("sources", "sources.md", "Sources", "sources", "sources.md.j2", lambda fw: fw.sources,
             source="sources", collections=(Collection("sources", "source", "Sources"),)),
    PageType("glossary", "glossary.md", "Glossary", "glossary", "glossary.md.j2", lambda fw: fw,
             source="glossary", prefixes=("term-",)),
    PageType("all", "all.md", "", "all", "all.md.j2", lambda fw: fw, in_all=False, gathers=True),
    PageType("redirect", "{id}/index.md", "This page has moved", "moved", "redirect.md.j2",
             lambda fw: fw.old_layer_pages, each=True, in_all=False, in_nav=False,
             anchors=("moved-elsewhere",)),
    PageType("roles", "roles/index.md", "Find your way in", "find-your-way-in", "roles.md.j2",
             lambda fw: fw.roles, source="roles", in_all=False),
    PageType("role", "roles/{id}.md", "", "", "role.md.j2", lambda fw: fw.roles, each=True,
             source="roles", collections=(Collection("roles", "role", "Roles"),), in_all=False,
             listed_after="roles/index.md", prefixes=("step-",),
             anchors=("why-relationships-matter-here", "where-the-sources-place-it",
                      "examples-from-this-setting", "where-to-start-reading")),
    PageType("feedback", "tell-us.md", "Tell us what's missing", "tell-us", "feedback.md.j2",
             lambda fw: fw, source="feedback", in_all=False,
             anchors=("ways-to-respond", "what-happens-to-your-feedback",
                      "questions-to-start-from")),
    PageType("downloads", "downloads.md", "Downloads", "downloads", "downloads.md.j2", lambda fw: fw,
             in_all=False, anchors=("this-version", "releases")),
    PageType("changes", "whats-changed.md", "What's changed", "whats-changed", "changes.md.j2",
             lambda fw: fw.history, in_all=False, prefixes=("release-",),
             anchors=("since-the-last-release",)),
    # The worksheet's own element ids are anchors too: no item may take one.
    PageType("reflect", "reflect.md", "Reflect on your practice", "reflect", "reflect.md.j2",
             lambda fw: fw, source="layers", in_all=False,
             anchors=("rcp-reflect", "rcp-message", "rcp-who", "rcp-place", "your-onion",
                      "rcp-summary", "rcp-onion", "rcp-figures", "rcp-stamp", "rcp-tools",
                      "rcp-print", "rcp-import", "rcp-keep", "rcp-confirm", "rcp-confirm-text",
                      "rcp-short", "rcp-progress", "rcp-notes", "rcp-notes-heading", "rcp-next",
                      "rcp-next-heading")),
    # Several people's answer files side by side, read in the browser (team.js).
    PageType("team", "team.md", "Reflect together: the team view", "team", "team.md.j2",
             lambda fw: fw, source="layers", in_all=False,
             anchors=("rcp-team", "rcp-team-needs", "rcp-team-files", "rcp-team-keep",
                      "rcp-team-message", "rcp-team-count", "rcp-team-summary", "team-onion",
                      "rcp-team-onion", "rcp-team-figures", "where-answers-differ",
                      "rcp-team-differ", "item-by-item", "rcp-team-items")),
)

BY_NAME = {page.name: page for page in PAGES}
NAV_MARKERS = {page.nav_marker: page for page in PAGES if page.nav_marker}
PRINT_PAGE = next(page.path for page in PAGES if page.gathers)  # the all-in-one page, for paper


def page(name: str) -> PageType:
    return BY_NAME[name]


def address(path: str, directory_urls: bool) -> str:
    """Where a page is served, from the site's root: `overview.md` at `overview/` (or at
    `overview.html` without directory URLs), `index.md` at the root."""
    stem = path.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


# --- what the registry tells the rest of rcp-docs ---------------------------------------------


def collections() -> Iterator[tuple[tuple[str, ...], Collection, PageType]]:
    """Every collection with its place in the file: `("layers", "*", "items")` for items."""
    def walk(prefix: tuple[str, ...], found: tuple[Collection, ...], owner: PageType
             ) -> Iterator[tuple[tuple[str, ...], Collection, PageType]]:
        for coll in found:
            loc = (*prefix, coll.key)
            yield loc, coll, owner
            yield from walk((*loc, "*"), coll.inner, owner)

    for owner in PAGES:
        yield from walk(owner.at, owner.collections, owner)


@functools.cache
def _kinds() -> dict[tuple[str, ...], str]:
    return {loc: coll.kind for loc, coll, _ in collections()}


def kind_of_list(loc: Loc) -> str:
    """What an entry of the list at `loc` is called ("" when the list is not a page's entries)."""
    return _kinds().get(tuple("*" if isinstance(part, int) else part for part in loc), "")


@functools.cache
def reserved_ids() -> frozenset[str]:
    """Anchors the navigable pages use themselves, which no id may take: the all-in-one page holds
    every page, so an item called 'sources' would clash with the Sources heading there."""
    return frozenset(anchor for entry in PAGES if entry.in_nav
                     for anchor in (entry.anchor, *entry.anchors) if anchor)


def entries_of(data: object) -> Iterator[tuple[Collection, object, object, PageType]]:
    """Every entry with an id in a framework's data (`schema.FrameworkFile` or its JSON form),
    in reading order: (its collection, the entry, the entry it sits in or None, its page)."""
    def walk(node: object, found: tuple[Collection, ...], parent: object, owner: PageType
             ) -> Iterator[tuple[Collection, object, object, PageType]]:
        for coll in found:
            entries = field(node, coll.key)
            for entry in entries if isinstance(entries, list) else []:
                if field(entry, "id") is not None:
                    yield coll, entry, parent, owner
                yield from walk(entry, coll.inner, entry, owner)

    for owner in PAGES:
        node = data
        for key in owner.at:
            node = field(node, key)
        yield from walk(node, owner.collections, None, owner)


def homes(data: object) -> dict[str, str]:
    """Where each id is: `behaviours/index.md` for a layer, `behaviours/index.md#kindness` for
    an item, the page alone for an entry without an anchor (ids are unique across the file, so
    one map serves every link)."""
    found: dict[str, str] = {}
    for coll, entry, parent, owner in entries_of(data):
        ident = str(field(entry, "id"))
        if not coll.anchored:  # a row of a table: the page itself
            found[ident] = owner.path
        elif owner.each:  # a page per top entry: it is the page, and what sits in it an anchor there
            path = owner.path_for(str(field(parent if parent is not None else entry, "id")))
            found[ident] = path if parent is None else f"{path}#{ident}"
        else:
            found[ident] = f"{owner.path}#{ident}"
    return found


def field(node: object, key: str) -> object:
    """A field of a schema model, or of its JSON form."""
    return node.get(key) if isinstance(node, dict) else getattr(node, key, None)


@functools.cache
def reserved_prefixes() -> tuple[str, ...]:
    """Beginnings of the anchors navigable pages make from data ("term-gp"): no id may start so."""
    return tuple(sorted({prefix for entry in PAGES if entry.in_nav for prefix in entry.prefixes}))
