"""Render: the validated framework to `{path: text}`, the Markdown pages and downloads of the site.

The only Jinja code in rcp-docs. Which pages exist, and what each shows, is the page registry's
(`pages`); templates are package data; framework text reaches them only as variables, and every
value they print is escaped unless it is `Md` built here (links, diagrams). The output is plain
Markdown (headings with `{ #id }` anchors, lists, tables, inline SVG) with no theme specifics, so
any Markdown site engine can publish it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import jinja2

from . import diagrams, model
from .downloads import downloads
from .gcpause import pauses_gc
from .links import Links
from .options import Options
from .pages import PAGES, PageType, homes
from .text import Md, finalize, html, inline, paragraphs

__all__ = ["Options", "instances", "render"]


@pauses_gc
def render(framework: model.Framework, options: Options | None = None) -> dict[str, str]:
    """Every generated file of the site: Markdown pages, then the downloads."""
    return _Renderer(framework, options or Options()).render()


def instances(page: PageType, framework: model.Framework) -> Iterator[tuple[str, object]]:
    """The pages of one page type: (path, the part of the model each shows)."""
    part = page.shows(framework)
    if not page.each:
        yield page.path, part
        return
    assert isinstance(part, list)
    for each in part:
        yield page.path_for(each.id), each


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
    env.filters["html"] = lambda value: Md(html(" ".join(value.split())))  # for raw HTML blocks
    env.globals["blank"] = Md("\n")
    return env


class _Renderer:
    def __init__(self, framework: model.Framework, options: Options) -> None:
        self.fw = framework
        self.options = options
        self.homes = homes(framework.data)

    def render(self) -> dict[str, str]:
        pages: dict[str, str] = {}
        gather = next(page for page in PAGES if page.gathers)
        bodies: list[Md] = []
        for page in PAGES:
            for path, part in instances(page, self.fw) if page.in_all else ():
                pages[path] = self.page(page, path, part, single=False, offset=0)
                bodies.append(Md(self.page(page, gather.path, part, single=True, offset=1)))
        for page in PAGES:
            for path, part in instances(page, self.fw) if not page.in_all else ():
                pages[path] = self.page(page, path, part, single=page.gathers, offset=0,
                                        bodies=bodies)
        pages.update(downloads(self.fw))
        return pages

    def page(self, page: PageType, path: str, part: object, *, single: bool, offset: int,
             bodies: list[Md] | None = None) -> str:
        links = Links(path, single, self.options, self.homes, tuple(self.fw.emails))
        return _ENV.get_template(page.template).render(
            page=page,
            part=part,
            bodies=bodies or [],
            fw=self.fw,
            about=self.fw.data.framework,
            link=links.link,
            href=links.href,
            suggest=links.suggest,
            mailto=links.mailto,
            cite=links.cite,
            url=links.url,
            h=lambda level: Md("#" * (level + offset)),
            single=single,
            onion=lambda: Md(diagrams.onion(self.fw.layers, links.url)),  # drawn where used
            venn=lambda: Md(diagrams.venn(self.fw.comparison)),
            flows=lambda: [(p, Md(diagrams.flow(p, self.fw.layers, links.url)))
                           for p in self.fw.proposals if p.flow],
        )


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


_ENV = _environment()
