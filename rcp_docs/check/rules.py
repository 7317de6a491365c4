"""The rules that span framework.yml: unique ids, references that resolve, proposals with their
reasoning, retired items and redirects. They run on the positioned tree, so that they are reported
beside the shape problems even when the shape is wrong elsewhere."""

from __future__ import annotations

from collections.abc import Iterator

from ..base.errors import Problem
from ..base.text import ID
from ..source.load import Document, MappingNode, Node, Scalar, SequenceNode
from ..structure.registry import reserved_ids, reserved_prefixes
from .places import describe, id_of, kind_at, mapping_entries, problem, suggest


def check_rules(doc: Document) -> Iterator[Problem]:
    """Every problem with ids and references in the file."""
    return _Rules(doc).check()



class _Rules:
    """Ids and references, checked on the tree so they are reported beside shape problems."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def check(self) -> Iterator[Problem]:
        seen: dict[str, tuple[str | int, ...]] = {}
        for loc, node in _ids(self.doc.root, ()):
            assert node.value is not None
            if node.value in reserved_ids():
                yield problem(self.doc, node, loc[:-1],
                               f"the id '{node.value}' is used by the site itself; choose another")
            elif node.value.startswith(reserved_prefixes()):
                prefix = next(p for p in reserved_prefixes() if node.value.startswith(p))
                yield problem(self.doc, node, loc[:-1],
                               f"the id '{node.value}' starts with '{prefix}', which the site uses "
                               "for anchors of its own; choose another")
            elif node.value in seen:
                first = self.doc.find(seen[node.value] + ("id",))
                yield problem(self.doc, node, loc[:-1],
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
        yield from self.check_redirects(seen)
        yield from self.check_roles(seen)
        yield from self.check_credits()

    def check_roles(self, seen: dict[str, tuple[str | int, ...]]) -> Iterator[Problem]:
        """Contexts and examples name roles by id; a role's reading path names items."""
        roles = {ident: ident for _, m in mapping_entries(self.doc.root, "roles")
                 if (ident := id_of(m)) is not None}
        contexts = self.doc.root.entries.get("contexts", (None, None))[1]
        for ci, context in mapping_entries(contexts, "items"):
            for loc, ref in _list_refs(context, (), "roles"):
                yield from self.resolve(("contexts", "items", ci, *loc), ref, roles, "role", seen)
        for loc, ref in _list_refs(self.doc.root, ("layers", "items", "examples"), "roles"):
            yield from self.resolve(loc, ref, roles, "role", seen)
        items = {ident: ident for _, item in _all_items(self.doc.root)
                 if (ident := id_of(item)) is not None}
        for ri, role in mapping_entries(self.doc.root, "roles"):
            path = role.entries.get("reading_path", (None, None))[1]
            if isinstance(path, MappingNode):
                for loc, ref in _list_refs(path, (), "items"):
                    yield from self.resolve(("roles", ri, "reading_path", *loc), ref, items,
                                            "item", seen)

    def check_redirects(self, seen: dict[str, tuple[str | int, ...]]) -> Iterator[Problem]:
        targets = {ident: ident for ident, loc in seen.items()
                   if (loc[0] == "layers" and len(loc) in (2, 4))  # layers and items
                   or (loc[0] == "sources" and len(loc) == 2)}  # sources, whose anchors are links
        gone: dict[str, int] = {}
        for index, entry in mapping_entries(self.doc.root, "redirects"):
            loc: tuple[str | int, ...] = ("redirects", index)
            old = entry.entries.get("from", (None, None))[1]
            new = entry.entries.get("to", (None, None))[1]
            if isinstance(old, Scalar) and old.value:
                if old.value in seen:
                    yield problem(self.doc, old, (*loc, "from"),
                                   f"'{old.value}' is still the id of "
                                   f"{describe(self.doc, seen[old.value])}; a redirect is only "
                                   "for an id that no longer exists")
                elif old.value in gone:
                    yield problem(self.doc, old, (*loc, "from"),
                                   f"'{old.value}' is already redirected on line {gone[old.value]}")
                else:
                    gone[old.value] = old.line
            if isinstance(new, Scalar) and new.value and new.value not in targets:
                yield problem(self.doc, new, (*loc, "to"),
                               f"unknown item, layer or source '{new.value}'"
                               f"{suggest(new.value, targets)}")

    def layers(self) -> Iterator[tuple[str, MappingNode]]:
        layers = self.doc.root.entries.get("layers", (None, None))[1]
        if isinstance(layers, SequenceNode):
            for layer in layers.items:
                ident = id_of(layer)
                if ident is not None and isinstance(layer, MappingNode):
                    yield ident, layer

    def check_items(self, seen: dict[str, tuple[str | int, ...]]) -> Iterator[Problem]:
        owner: dict[str, str] = {}  # item id -> layer id
        for layer_id, layer in self.layers():
            for _, item in mapping_entries(layer, "items"):
                ident = id_of(item)
                if ident is not None:
                    owner.setdefault(ident, layer_id)
        for loc, ref in _list_refs(self.doc.root, ("layers", "items"), "related"):
            item_id = id_of(self.doc.find(loc[:-2]))
            own_layer = id_of(self.doc.find(loc[:2]))
            assert ref.value is not None
            if ref.value == item_id:
                yield problem(self.doc, ref, loc, "an item cannot be related to itself")
            elif ref.value in owner and owner[ref.value] == own_layer:
                yield problem(self.doc, ref, loc,
                               f"'{ref.value}' is in the same layer ({owner[ref.value]}); "
                               "related items must be in other layers")
            else:
                yield from self.resolve(loc, ref, owner, "item", seen)
        for loc, item in _all_items(self.doc.root):
            status = item.entries.get("status", (None, None))[1]
            replaced = item.entries.get("replaced_by", (None, None))[1]
            if isinstance(replaced, Scalar) and replaced.value:
                if not (isinstance(status, Scalar) and status.value == "retired"):
                    yield problem(self.doc, replaced, (*loc, "replaced_by"),
                                   "only a retired item has a replacement; "
                                   "set status: retired or remove replaced_by")
                elif replaced.value == id_of(item):
                    yield problem(self.doc, replaced, (*loc, "replaced_by"),
                                   "an item cannot replace itself")
                else:
                    yield from self.resolve((*loc, "replaced_by"), replaced, owner, "item", seen)
            yield from self.check_provenance(loc, item, status)
            reasoning = item.entries.get("reasoning", (None, None))[1]
            if isinstance(status, Scalar) and status.value == "proposed" \
                    and (reasoning is None or (isinstance(reasoning, Scalar) and not reasoning.value)):
                yield problem(self.doc, item, loc,
                               "status is 'proposed' but there is no 'reasoning'; "
                               "add why the item was proposed")

    def check_provenance(self, loc: tuple[str | int, ...], item: MappingNode,
                         status: Node | None) -> Iterator[Problem]:
        """A reader's proposal stays under discussion, and only a reader's comment can be."""
        node = item.entries.get("provenance", (None, None))[1]
        if not (isinstance(node, Scalar) and isinstance(status, Scalar)):
            return
        if node.value == "proposed" and status.value == "draft":
            yield problem(self.doc, node, (*loc, "provenance"),
                          "provenance is 'proposed' (proposed by a reader) but status is 'draft'; "
                          "a reader's proposal keeps status 'proposed' while it is discussed, "
                          "and once the editors adopt it its provenance becomes 'placed'")
        elif node.value in ("named", "drawn") and status.value == "proposed":
            yield problem(self.doc, node, (*loc, "provenance"),
                          f"provenance is '{node.value}' but status is 'proposed'; only an item "
                          "from a reader's comment is under discussion: set provenance to "
                          "'proposed' or 'placed', or status to 'draft'")

    def check_credits(self) -> Iterator[Problem]:
        """An author is credited for the posts they wrote; a compiler for none."""
        about = self.doc.root.entries.get("framework", (None, None))[1]
        for index, credit in mapping_entries(about, "credits"):
            loc: tuple[str | int, ...] = ("framework", "credits", index)
            role = credit.entries.get("role", (None, None))[1]
            works = credit.entries.get("sources", (None, None))[1]
            listed = isinstance(works, SequenceNode) and bool(works.items)
            if isinstance(role, Scalar) and role.value == "author" and not listed:
                yield problem(self.doc, role, (*loc, "role"),
                              "an author is credited for the posts they wrote; list them under "
                              "'sources', by id")
            elif isinstance(role, Scalar) and role.value == "compiler" and listed:
                assert works is not None
                yield problem(self.doc, works, (*loc, "sources"),
                              "a compiler is credited for the framework as a whole; remove "
                              "'sources', or set role: author for the writer of a post")

    def source_ids(self) -> list[str]:
        return [ident for _, m in mapping_entries(self.doc.root, "sources")
                if (ident := id_of(m)) is not None]

    def resolve(self, loc: tuple[str | int, ...], ref: Scalar, known: dict[str, str], kind: str,
                seen: dict[str, tuple[str | int, ...]]) -> Iterator[Problem]:
        assert ref.value is not None
        if ref.value in known:
            return
        if ref.value in seen:
            other = kind_at(seen[ref.value])
            yield problem(self.doc, ref, loc, f"'{ref.value}' is {_article(other)} {other}, "
                                               f"not {_article(kind)} {kind}")
            return
        valid = [ident for ident in known if ID.fullmatch(ident)]  # never suggest a broken id
        yield problem(self.doc, ref, loc, f"unknown {kind} '{ref.value}'{suggest(ref.value, valid)}")


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _all_items(root: MappingNode) -> Iterator[tuple[tuple[str | int, ...], MappingNode]]:
    for li, layer in mapping_entries(root, "layers"):
        for ii, item in mapping_entries(layer, "items"):
            yield ("layers", li, "items", ii), item


def _list_refs(root: MappingNode, path: tuple[str, ...], key: str
               ) -> Iterator[tuple[tuple[str | int, ...], Scalar]]:
    """Every text entry of `key` lists in the entries found along `path`."""
    found: list[tuple[tuple[str | int, ...], MappingNode]] = [((), root)]
    for step in path:
        found = [((*loc, step, i), m) for loc, node in found for i, m in mapping_entries(node, step)]
    for loc, entry in found:
        refs = entry.entries.get(key, (None, None))[1]
        if isinstance(refs, SequenceNode):
            for i, ref in enumerate(refs.items):
                if isinstance(ref, Scalar) and ref.value:
                    yield (*loc, key, i), ref


def _flow_refs(root: MappingNode) -> Iterator[tuple[tuple[str | int, ...], Scalar]]:
    for pi, proposal in mapping_entries(root, "structural_proposals"):
        stages = proposal.entries.get("flow", (None, None))[1]
        for si, stage in enumerate(stages.items if isinstance(stages, SequenceNode) else []):
            for ri, ref in enumerate(stage.items if isinstance(stage, SequenceNode) else []):
                if isinstance(ref, Scalar) and ref.value:
                    yield ("structural_proposals", pi, "flow", si, ri), ref


def _ids(node: Node, loc: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], Scalar]]:
    """Every `id` of a list entry, anywhere in the file."""
    if isinstance(node, MappingNode):
        for key, (_, value) in node.entries.items():
            if key == "id" and isinstance(value, Scalar) and value.value and loc \
                    and isinstance(loc[-1], int):
                yield (*loc, "id"), value
            yield from _ids(value, (*loc, key))
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.items):
            yield from _ids(item, (*loc, i))


def _sources(node: Node, loc: tuple[str | int, ...] = ()
             ) -> Iterator[tuple[tuple[str | int, ...], Scalar]]:
    """Every source reference: entries of any `sources` list below the top level."""
    if isinstance(node, MappingNode):
        for key, (_, value) in node.entries.items():
            if key == "sources" and loc and isinstance(value, SequenceNode):
                for i, ref in enumerate(value.items):
                    if isinstance(ref, Scalar) and ref.value:
                        yield (*loc, key, i), ref
            elif loc or key != "sources":
                yield from _sources(value, (*loc, key))
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.items):
            yield from _sources(item, (*loc, i))
