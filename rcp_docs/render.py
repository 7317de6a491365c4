"""Render: the validated framework to `{path: text}`, the Markdown pages and downloads of the site.

The only Jinja code in rcp-docs. Templates are package data; framework text reaches them only as
variables, and every value they print is escaped unless it is `Md` built here (links, diagrams).
The output is plain Markdown (headings with `{ #id }` anchors, lists, tables, inline SVG) with no
theme specifics, so any Markdown site engine can publish it.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import urlencode

import jinja2

from . import abbr, diagrams, model, schema
from .gcpause import pauses_gc
from .text import Md, finalize, inline, paragraphs

Target = model.Item | model.Layer | model.Source | model.Entry


@dataclass(frozen=True, slots=True)
class Options:
    """What the pages need to know of where they are published."""

    repo_url: str | None = None  # for "Suggest a change" links to the issue tracker
    site_url: str | None = None  # for the page address in those suggestions
    directory_urls: bool = True  # /principles/ rather than /principles/index.html


# Hand-written pages may link to these paths; they are stable.
OVERVIEW = "overview.md"
COMPARISON = "relationships-and-transactions.md"
PROPOSALS = "proposals.md"
SOURCES = "sources.md"
ALL = "all.md"
DOWNLOADS = "downloads.md"
SECTIONS = {"contexts": "contexts.md", "barriers": "barriers.md", "why_now": "why-now.md"}


def layer_path(layer: model.Layer) -> str:
    return f"{layer.id}/index.md"


def target_path(target: Target) -> str:
    """The page a framework object is on, and its anchor there."""
    if isinstance(target, model.Layer):
        return layer_path(target)
    if isinstance(target, model.Item):
        return f"{layer_path(target.layer)}#{target.id}"
    if isinstance(target, model.Source):
        return f"{SOURCES}#{target.id}"
    return f"{target.page}.md#{target.id}"


@pauses_gc
def render(framework: model.Framework, options: Options | None = None) -> dict[str, str]:
    """Every generated file of the site: Markdown pages (with their glossary tooltips), then the
    downloads."""
    pages = _Renderer(framework, options or Options()).render()
    known = tooltips(framework)
    return {path: abbr.append(text, known) if path.endswith(".md") else text
            for path, text in pages.items()}


def tooltips(framework: model.Framework) -> list[abbr.Tooltip]:
    """The glossary as `abbr` tooltips, for generated and hand-written pages alike."""
    return abbr.tooltips((g.term, g.full, g.definition) for g in framework.data.glossary)


def moved_pages(framework: model.Framework) -> list[str]:
    """The pages that only send readers on to a layer's new address (kept out of navigation)."""
    return [f"{alias}/index.md" for layer in framework.layers for alias in layer.aliases]


def page_sources(framework: model.Framework) -> dict[str, model.Lines]:
    """For each generated page, the lines of framework.yml that hold its data."""
    pages = {OVERVIEW: framework.about_lines, COMPARISON: framework.comparison.lines,
             PROPOSALS: framework.proposals_lines, SOURCES: framework.sources_lines}
    pages.update({layer_path(layer): layer.lines for layer in framework.layers})
    for name, path in SECTIONS.items():
        pages[path] = getattr(framework, name).lines
    return pages


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("rcp_docs", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # noqa: S701 - Markdown, not HTML: `finalize` escapes every value
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["paras"] = paragraphs
    env.filters["text"] = inline
    env.filters["weblink"] = _weblink
    env.filters["anchor"] = _anchor
    env.filters["count"] = _count
    env.globals["blank"] = Md("\n")
    return env




class _Renderer:
    def __init__(self, framework: model.Framework, options: Options) -> None:
        self.fw = framework
        self.options = options

    def render(self) -> dict[str, str]:
        pages: dict[str, str] = {}
        bodies: list[str] = []
        for path, template, extra in self.pages():
            pages[path] = self.page(template, path, single=False, offset=0, **extra)
            bodies.append(self.page(template, ALL, single=True, offset=1, **extra))
        pages[ALL] = self.page("all.md.j2", ALL, single=True, offset=0, bodies=[Md(b) for b in bodies])
        for layer in self.fw.layers:
            for alias in layer.aliases:
                path = f"{alias}/index.md"
                pages[path] = self.page("moved.md.j2", path, single=False, offset=0, layer=layer)
        pages[DOWNLOADS] = self.page("downloads.md.j2", DOWNLOADS, single=False, offset=0,
                                     downloads=self.download_names())
        pages.update(self.downloads())
        return pages

    def pages(self) -> list[tuple[str, str, dict[str, object]]]:
        found: list[tuple[str, str, dict[str, object]]] = [(OVERVIEW, "overview.md.j2", {})]
        found += [(layer_path(layer), "layer.md.j2", {"layer": layer}) for layer in self.fw.layers]
        found.append((COMPARISON, "comparison.md.j2", {}))
        for name, path in SECTIONS.items():
            found.append((path, "section.md.j2", {"section": getattr(self.fw, name),
                                                  "kind": name}))
        found += [(PROPOSALS, "proposals.md.j2", {}), (SOURCES, "sources.md.j2", {})]
        return found

    def page(self, template: str, path: str, *, single: bool, offset: int, **extra: object) -> str:
        links = _Links(path, single, self.options)
        return _ENV.get_template(template).render(
            fw=self.fw,
            about=self.fw.data.framework,
            link=links.link,
            href=links.href,
            suggest=links.suggest,
            cite=links.cite,
            url=links.url,
            h=lambda level: Md("#" * (level + offset)),
            single=single,
            onion=lambda: Md(diagrams.onion(self.fw.layers, links.url)),  # drawn where used
            venn=lambda: Md(diagrams.venn(self.fw.comparison)),
            flows=lambda: [(p, Md(diagrams.flow(p, self.fw.layers, links.url)))
                           for p in self.fw.proposals
                           if isinstance(p.data, schema.StructuralProposal) and p.data.flow],
            **extra,
        )

    def download_names(self) -> list[tuple[str, str]]:
        names = [("downloads/framework.json", "The whole framework as data (JSON)")]
        names += [(f"downloads/{layer.id}.csv", f"{layer.data.name} as a spreadsheet (CSV)")
                  for layer in self.fw.layers]
        return names

    def downloads(self) -> dict[str, str]:
        files = {"downloads/framework.json": json.dumps(  # compact: the C encoder, ten times faster
            self.fw.data.model_dump(mode="json", by_alias=True), ensure_ascii=False) + "\n"}
        for layer in self.fw.layers:
            out = io.StringIO()
            writer = csv.writer(out, lineterminator="\r\n")
            writer.writerow(["id", "name", "status", "summary", "description", "questions",
                             "related", "sources"])
            for item in layer.items:
                d = item.data
                writer.writerow([_cell(v) for v in (
                    d.id, d.name, d.status, d.summary, d.description, " | ".join(d.questions),
                    " ".join(d.related), " ".join(d.sources))])
            files[f"downloads/{layer.id}.csv"] = out.getvalue()
        return files


def _anchor(ident: str) -> Md:
    """An id as a heading anchor; validation guarantees the pattern, this keeps it so."""
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ident):
        raise ValueError(f"not an id: {ident!r}")
    return Md(ident)


def _count(things: list[object], noun: str) -> Md:
    return Md(f"{len(things)} {noun}{'' if len(things) == 1 else 's'}")


def _weblink(url: str) -> Md:
    """A link to a validated https:// address (the schema admits no spaces, quotes or '<>')."""
    if not url.startswith("https://") or any(ch in url for ch in " <>\"'`\n"):
        return inline(url)
    return Md(f"[{inline(url)}](<{url}>)")


def _cell(value: str) -> str:
    """A CSV cell that a spreadsheet will never run as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _relative(target: str, folder: str) -> str:
    """`target` (a path from the site's root) as seen from `folder`; pure, unlike os.path.relpath,
    which asks the file system for the current directory on every call."""
    parts, base = target.split("/"), [p for p in folder.split("/") if p]
    common = 0
    while common < min(len(parts) - 1, len(base)) and parts[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:])


def _served(path: str, directory_urls: bool) -> str:
    """Where MkDocs serves a page: `overview.md` at `overview/` (or `overview.html`)."""
    stem = path.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


class _Links:
    """Links from one page: relative `.md` paths that MkDocs checks, or `#id` on the single page."""

    def __init__(self, page: str, single: bool, options: Options) -> None:
        self.page = page
        self.here = page.rpartition("/")[0]  # the page's folder, "" at the top
        self.single = single
        self.options = options

    def href(self, target: Target | str) -> Md:
        if isinstance(target, str):
            path = target
        elif self.single:  # everything is on this page: a layer's anchor is its id
            return Md(f"#{target_path(target).partition('#')[2] or target.id}")
        else:
            path = target_path(target)
        file, _, anchor = path.partition("#")
        return Md(_relative(file, self.here) + (f"#{anchor}" if anchor else ""))

    def link(self, target: Target, label: str | None = None) -> Md:
        name = label if label is not None else target.data.name
        return Md(f"[{inline(name)}]({self.href(target)})")

    def url(self, target: model.Layer) -> Md:
        """The address of a layer page as a browser resolves it from this page, for raw HTML and
        SVG links (made of ids, which validation keeps to `[a-z0-9-]`)."""
        if self.single:
            return Md(f"#{target.id}")
        here = _served(self.page, self.options.directory_urls)
        there = _served(layer_path(target), self.options.directory_urls)
        base = here.rstrip("/") if self.options.directory_urls else posixpath.dirname(here)
        rel = posixpath.relpath(there.rstrip("/") or ".", base or ".")
        return Md(rel + "/" if self.options.directory_urls else rel)

    def cite(self, sources: list[model.Source]) -> Md:
        """The line that names a part's sources, each linked to its entry on the sources page."""
        if not sources:
            return Md("")
        return Md("**Sources:** " + "; ".join(self.link(s) for s in sources) + "\n")

    def suggest(self, item: model.Item) -> Md:
        """A link that opens a new issue about the item, with its id, name and page filled in
        (not on the single page, which is for paper)."""
        if not self.options.repo_url or self.single:
            return Md("")
        page = ""
        if self.options.site_url:
            page = self.options.site_url.rstrip("/") + f"/{item.layer.id}/#{item.id}"
        query = urlencode({"template": "suggest-a-change.yml",
                           "title": f"Suggestion: {item.data.name} ({item.id})",
                           "item": f"{item.id}: {item.data.name}", "page": page})
        url = self.options.repo_url.rstrip("/") + "/issues/new?" + query
        return Md(f"[Suggest a change to this item]({url})")



_ENV = _environment()
