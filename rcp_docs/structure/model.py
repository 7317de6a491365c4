"""The validated framework, with every reference resolved into an object.

Templates read these objects and never look an id up: an item's `related` holds the items themselves,
grouped by layer, and `backlinks` the items that name it. Each object also carries the lines of
framework.yml it came from, for the site's "view source" links.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, Literal, Protocol, TypeVar

from ..source import schema
from .record import Change


@dataclass(eq=False, slots=True)
class Lines:
    first: int
    last: int
    column: int = 1  # where the first line's data starts


@dataclass(eq=False, slots=True, repr=False)
class Example:
    data: schema.Example
    sources: list[Source]

    def __repr__(self) -> str:  # the graph is cyclic: a short repr
        return f"<Example {self.data.setting!r}>"


@dataclass(eq=False, slots=True, repr=False)
class Item:
    data: schema.Item
    layer: Layer
    lines: Lines
    examples: list[Example] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    related: list[Group] = field(default_factory=list)
    backlinks: list[Group] = field(default_factory=list)
    replaced_by: Item | None = None
    aliases: list[str] = field(default_factory=list)  # old ids redirected here

    @property
    def id(self) -> str:
        return self.data.id

    @property
    def proposed(self) -> bool:
        return self.data.status == "proposed"

    @property
    def retired(self) -> bool:
        return self.data.status == "retired"

    @property
    def provenance_label(self) -> str:
        """Where the item comes from, in the plain words shown beside its name."""
        return schema.PROVENANCE_LABELS[self.data.provenance]

    def __repr__(self) -> str:  # the graph is cyclic: a short repr
        return f"<Item {self.id}>"


@dataclass(eq=False, slots=True, repr=False)
class Group:
    """Items of one layer, linked from (or back to) an item elsewhere."""

    layer: Layer
    heading: str
    items: list[Item]

    def __repr__(self) -> str:  # the graph is cyclic: a short repr
        return f"<Group {self.heading!r}: {len(self.items)} items>"


@dataclass(eq=False, slots=True, repr=False)
class Layer:
    data: schema.Layer
    index: int  # 0 is the core of the onion
    lines: Lines
    sources: list[Source] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # old ids redirected to this page

    @property
    def id(self) -> str:
        return self.data.id

    @property
    def current(self) -> list[Item]:
        """The items that are part of the draft framework (status 'draft')."""
        return [item for item in self.items if item.data.status == "draft"]

    @property
    def retired(self) -> list[Item]:
        return [item for item in self.items if item.retired]

    @property
    def proposed(self) -> list[Item]:
        return [item for item in self.items if item.proposed]

    @property
    def tally(self) -> Tally:
        """The layer's count, as every page and the PDF say it: its items in the draft
        framework and readers' proposed items (retired ones are not counted)."""
        return Tally(len(self.current), len(self.proposed))

    def __repr__(self) -> str:  # the graph is cyclic: a short repr
        return f"<Layer {self.id}: {len(self.items)} items>"


@dataclass(frozen=True, slots=True)
class Tally:
    """How many items a layer holds: the one rule for counting them, so that the onion, the home
    page's cards, the overview and the PDF agree. Readers' proposals to change the structure are
    not items: `Framework.structural_about` counts them, and pages name them separately."""

    items: int  # in the draft framework
    proposed: int  # proposed by readers, not yet part of the framework

    @property
    def text(self) -> str:
        """'7 items, 4 proposed' ('7 items' when nothing is proposed)."""
        said = f"{self.items} item{'' if self.items == 1 else 's'}"
        return f"{said}, {self.proposed} proposed" if self.proposed else said


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


D = TypeVar("D", bound=_Identified)


@dataclass(eq=False, slots=True, repr=False)
class Anchored(Generic[D]):
    """A section of a page with its own anchor (its id): its data and its lines in the file."""

    data: D
    lines: Lines

    @property
    def id(self) -> str:
        return self.data.id

    def __repr__(self) -> str:  # the graph is cyclic: a short repr
        return f"<{type(self).__name__} {self.id}>"


@dataclass(eq=False, slots=True, repr=False)
class Source(Anchored[schema.Source]):
    cited_by: list[Citer] = field(default_factory=list)
    written_by: list[Credit] = field(default_factory=list)  # the credited writers of a post
    aliases: list[str] = field(default_factory=list)  # old ids redirected to this source


@dataclass(eq=False, slots=True, repr=False)
class Credit:
    """Someone the framework credits: a post's writers (authors) or its editors (compilers)."""

    data: schema.Credit
    works: list[Source] = field(default_factory=list)  # the posts an author wrote

    @property
    def name(self) -> str:
        return self.data.name

    @property
    def author(self) -> bool:
        return self.data.role == "author"

    def __repr__(self) -> str:  # the graph is cyclic: a short repr
        return f"<Credit {self.data.name!r}>"


@dataclass(eq=False, slots=True, repr=False)
class Cited(Anchored[D]):
    """An anchored section that cites sources."""

    sources: list[Source] = field(default_factory=list)


@dataclass(eq=False, slots=True, repr=False)
class Entry(Cited[schema.Entry]):
    """A context, barrier or piece of evidence."""

    roles: list[Role] = field(default_factory=list, repr=False)  # the roles a context names


@dataclass(eq=False, slots=True, repr=False)
class Proposal(Cited[schema.StructuralProposal]):
    """A reader's proposal to change the framework's structure."""

    layers: list[Layer] = field(default_factory=list)
    flow: list[list[Layer]] = field(default_factory=list)  # the proposed stages, resolved


@dataclass(eq=False, slots=True, repr=False)
class Refinement(Cited[schema.Refinement]):
    """A refinement of the comparison, from readers' feedback."""


@dataclass(eq=False, slots=True, repr=False)
class Role(Cited[schema.Role]):
    """A role the sources name: its page gathers its contexts, examples and a reading path."""

    contexts: list[Entry] = field(default_factory=list, repr=False)  # the contexts naming it
    examples: list[tuple[Item, Example]] = field(default_factory=list, repr=False)  # naming it
    path: list[Item] = field(default_factory=list, repr=False)  # its reading path, resolved


@dataclass(eq=False, slots=True, repr=False)
class OldLayerPage:
    """An old layer id, whose page now only sends readers on to the layer."""

    id: str
    layer: Layer

    def __repr__(self) -> str:  # the graph is cyclic: a short repr
        return f"<OldLayerPage {self.id} -> {self.layer.id}>"

# Anything that cites a source, and so can be linked from the sources page.
Citer = Item | Entry | Proposal | Refinement | Layer | Role


@dataclass(eq=False, slots=True, repr=False)
class Section:
    intro: str
    sources: list[Source]
    entries: list[Entry]

    def __repr__(self) -> str:  # the graph is cyclic: a short repr
        return f"<Section: {len(self.entries)} entries>"


@dataclass(eq=False, slots=True, repr=False)
class Comparison:
    data: schema.Comparison
    sources: list[Source]
    refinements: list[Refinement]

    def side(self, side: Literal["relationship", "transaction", "both"]) -> list[str]:
        return [c.name for c in self.data.characteristics if c.side == side]

    def __repr__(self) -> str:  # the graph is cyclic: a short repr
        return "<Comparison>"


@dataclass(eq=False, slots=True, repr=False)
class Release:
    """A released version: its snapshot in releases/ and what changed since the release before."""

    version: str
    date: str
    text: str  # the snapshot as released, for download
    data: dict[str, Any]  # the snapshot as plain data (it need not match today's schema)
    changes: list[Change]  # since the previous release; empty for the first
    first: bool = False

    @property
    def anchor(self) -> str:
        return "release-" + self.version.replace(".", "-")

    def __repr__(self) -> str:  # the graph is cyclic: a short repr
        return f"<Release {self.version}>"


@dataclass(eq=False, slots=True, repr=False)
class History:
    """Every release, oldest first, and the changes made since the last one."""

    releases: list[Release] = field(default_factory=list)
    unreleased: list[Change] = field(default_factory=list)

    @property
    def newest_first(self) -> list[Release]:
        return self.releases[::-1]

    @property
    def last(self) -> Release | None:
        return self.releases[-1] if self.releases else None

    def notes(self) -> dict[str, Note]:
        """Each id's history line: the release that added it and the one that last changed it
        (after the first release), and whether it changed since the last release."""
        found: dict[str, dict[str, Release]] = {"added": {}, "moved": {}, "changed": {}}
        for release in self.releases:
            for change in release.changes:
                if change.id:
                    found[_NOTED.get(change.kind, "changed")][change.id] = release
        since = {kind: {c.id for c in self.unreleased if c.id and _NOTED.get(c.kind, "changed") == kind}
                 for kind in found}
        ids = set().union(*found.values(), *since.values())
        return {ident: Note(found["added"].get(ident), found["changed"].get(ident),
                            ident in since["added"], ident in since["changed"],
                            found["moved"].get(ident), ident in since["moved"])
                for ident in ids}

    def __repr__(self) -> str:  # the graph is cyclic: a short repr
        return f"<History: {len(self.releases)} releases, {len(self.unreleased)} unreleased changes>"

_NOTED = {"added": "added", "moved": "moved"}  # a change's kind -> what its history line says


@dataclass(frozen=True, slots=True)
class Note:
    """What an item's history line says: where it was added, last changed and last moved to
    another layer."""

    added: Release | None = None  # None: in the first release (or not released yet)
    changed: Release | None = None
    added_since: bool = False  # added since the last release
    changed_since: bool = False  # changed since the last release
    moved: Release | None = None  # the release in which it last moved to another layer
    moved_since: bool = False  # moved since the last release


@dataclass(eq=False, slots=True)
class Framework:
    """The whole validated framework."""

    data: schema.FrameworkFile
    path: str
    lines: dict[str, Lines]  # where each top-level key's data is in the file
    about_sources: list[Source]
    layers: list[Layer]
    proposals: list[Proposal]
    comparison: Comparison
    contexts: Section
    barriers: Section
    why_now: Section
    sources: list[Source]
    # set by the build from the release snapshots (`editors.releases.release_history`)
    history: History = field(default_factory=History)
    roles: list[Role] = field(default_factory=list)
    feedback_sources: list[Source] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    _data: dict[str, Any] | None = field(default=None, repr=False)  # as_data(), made once

    def as_data(self) -> dict[str, Any]:
        """The framework as the plain data its file holds (what a release snapshot gives), made
        once: the release history and the downloads both use it. Read it; never change it."""
        if self._data is None:
            self._data = self.data.model_dump(mode="json", by_alias=True)
        return self._data

    @property
    def items(self) -> list[Item]:
        return [item for layer in self.layers for item in layer.items]

    @property
    def authors(self) -> list[Credit]:
        """The writers of the posts the framework is drawn from: the authors of its ideas."""
        return [c for c in self.credits if c.author]

    @property
    def compilers(self) -> list[Credit]:
        """The editors who put the framework together."""
        return [c for c in self.credits if not c.author]

    def credit_line(self) -> str:
        """Everyone credited, in one line, as a citation or the PDF's author names them."""
        said = "; ".join(c.name for c in self.authors)
        compiled = "; ".join(c.name for c in self.compilers)
        return "; ".join(filter(None, [said, f"compiled by {compiled}" if compiled else ""]))

    @property
    def old_layer_pages(self) -> list[OldLayerPage]:
        """Old layer ids that redirect to a layer: each keeps a page that sends readers on."""
        return [OldLayerPage(alias, layer) for layer in self.layers for alias in layer.aliases]

    @property
    def emails(self) -> list[str]:
        """Where readers can write: every "Suggest a change" offers these addresses."""
        feedback = self.data.feedback
        return list(feedback.emails) if feedback is not None else []

    @property
    def open_structural(self) -> list[Proposal]:
        """Readers' proposals to change the structure that are still open: counted apart from
        the layers' items (see `Tally`)."""
        return [p for p in self.proposals if p.data.status == "proposed"]

    @property
    def proposed_items(self) -> list[Item]:
        return [item for item in self.items if item.proposed]

    def __repr__(self) -> str:  # the object graph is large and cyclic: tracebacks show this
        return f"<Framework {self.path}: {len(self.layers)} layers, {len(self.roles)} roles>"

    def summary(self) -> str:
        """One line of counts, as `rcp-docs validate` prints it."""
        items = self.items
        proposals = (len(self.proposed_items) + len(self.proposals)
                     + len(self.comparison.refinements))
        return (
            f"{self.path}: valid: {len(self.layers)} layers, {len(items)} items, "
            f"{proposals} proposals, {len(self.sources)} sources"
        )
