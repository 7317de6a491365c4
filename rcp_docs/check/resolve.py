"""Resolve: a valid framework file's ids become objects (`model`), each with its lines in the file.

Runs only after validation found no problem, so every reference is known to resolve.
"""

from __future__ import annotations

from ..source import schema
from ..source.load import Document
from ..structure import model


class _Resolver:
    def __init__(self, doc: Document, data: schema.FrameworkFile) -> None:
        self.doc = doc
        self.data = data
        self.sources = {s.id: model.Source(s, self.lines("sources", i))
                        for i, s in enumerate(data.sources)}
        self.items: dict[str, model.Item] = {}
        self.layers: dict[str, model.Layer] = {}

    def lines(self, *loc: str | int) -> model.Lines:
        node = self.doc.find(loc)
        return model.Lines(node.line, node.end_line, node.column)

    def cite(self, ids: list[str], citer: model.Citer | None) -> list[model.Source]:
        found = [self.sources[i] for i in ids]
        if citer is not None:
            for source in found:  # one citer cites in consecutive calls (item, then its examples)
                if not source.cited_by or source.cited_by[-1] is not citer:
                    source.cited_by.append(citer)
        return found

    def framework(self) -> model.Framework:
        data = self.data
        layers = [self.layer(i, layer) for i, layer in enumerate(data.layers)]
        self.link_items(layers)
        comparison = self.comparison()  # cited before the proposals: the sources page's order
        roles = {r.id: model.Role(r, self.lines("roles", i)) for i, r in enumerate(data.roles)}
        made = model.Framework(
            data=data,
            path=self.doc.path,
            lines={key: self.lines(key) for key in self.doc.root.entries},
            about_sources=self.cite(data.framework.sources, None),
            layers=layers,
            proposals=[self.proposal(i, p) for i, p in enumerate(data.structural_proposals)],
            comparison=comparison,
            contexts=self.section("contexts", roles),
            barriers=self.section("barriers", roles),
            why_now=self.section("why_now", roles),
            sources=list(self.sources.values()),
        )
        self.link_roles(made, roles)
        made.credits = [self.credit(c) for c in data.framework.credits]
        return made

    def credit(self, data: schema.Credit) -> model.Credit:
        made = model.Credit(data, [self.sources[i] for i in data.sources])
        for source in made.works:
            source.written_by.append(made)
        return made

    def link_roles(self, fw: model.Framework, roles: dict[str, model.Role]) -> None:
        """Each role's sources, the contexts and examples that name it, and its reading path."""
        for role in roles.values():
            role.sources = self.cite(role.data.sources, role)
            role.path = [self.items[ref] for ref in role.data.reading_path.items]
        for entry in fw.contexts.entries:
            for role in entry.roles:
                role.contexts.append(entry)
        for item in fw.items:
            for example in item.examples:
                for ref in dict.fromkeys(example.data.roles):
                    roles[ref].examples.append((item, example))
        fw.roles = list(roles.values())
        if self.data.feedback is not None:
            fw.feedback_sources = self.cite(self.data.feedback.sources, None)

    def layer(self, index: int, data: schema.Layer) -> model.Layer:
        layer = model.Layer(data, index, self.lines("layers", index))
        layer.sources = self.cite(data.sources, layer)
        for ii, item_data in enumerate(data.items):
            item = model.Item(item_data, layer, self.lines("layers", index, "items", ii))
            item.sources = self.cite(item_data.sources, item)
            item.examples = [model.Example(e, self.cite(e.sources, item)) for e in item_data.examples]
            layer.items.append(item)
            self.items[item.id] = item
        self.layers[layer.id] = layer
        return layer

    def link_items(self, layers: list[model.Layer]) -> None:
        """Replacements, redirects, related items grouped by layer, and backlinks."""
        items = self.items
        for item in items.values():
            if item.data.replaced_by is not None:
                item.replaced_by = items[item.data.replaced_by]
        for redirect in self.data.redirects:
            target = items.get(redirect.new) or self.layers.get(redirect.new) \
                or self.sources[redirect.new]
            target.aliases.append(redirect.old)
        backs: dict[str, list[model.Item]] = {}  # item id -> the items naming it, in reading order
        for item in items.values():
            targets = [items[ref] for ref in item.data.related]
            for target_layer in layers:
                linked = [t for t in targets if t.layer is target_layer]
                if linked:
                    item.related.append(model.Group(target_layer, target_layer.data.related_heading,
                                                    linked))
            for ref in dict.fromkeys(item.data.related):
                backs.setdefault(ref, []).append(item)
        for item in items.values():
            if item.id in backs:
                item.backlinks.append(model.Group(item.layer, item.layer.data.backlink_heading,
                                                  backs[item.id]))

    def proposal(self, index: int, data: schema.StructuralProposal) -> model.Proposal:
        made = model.Proposal(data, self.lines("structural_proposals", index))
        made.sources = self.cite(data.sources, made)
        made.layers = [self.layers[ref] for ref in data.layers]
        made.flow = [[self.layers[ref] for ref in stage] for stage in data.flow]
        return made

    def comparison(self) -> model.Comparison:
        data = self.data.comparison
        refinements = []
        for i, refinement in enumerate(data.refinements):
            made = model.Refinement(refinement, self.lines("comparison", "refinements", i))
            made.sources = self.cite(refinement.sources, made)
            refinements.append(made)
        return model.Comparison(data, self.cite(data.sources, None), refinements)

    def section(self, key: str, roles: dict[str, model.Role]) -> model.Section:
        raw: schema.Contexts | schema.Entries = getattr(self.data, key)
        entries = []
        for i, entry_data in enumerate(raw.items):
            entry = model.Entry(entry_data, self.lines(key, "items", i))
            entry.sources = self.cite(entry_data.sources, entry)
            if isinstance(entry_data, schema.Context):
                entry.roles = [roles[ref] for ref in dict.fromkeys(entry_data.roles)]
            entries.append(entry)
        return model.Section(raw.intro, self.cite(raw.sources, None), entries)


def resolve(doc: Document, data: schema.FrameworkFile) -> model.Framework:
    """The framework with every id resolved into the object it names."""
    return _Resolver(doc, data).framework()
