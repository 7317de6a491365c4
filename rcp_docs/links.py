"""Links from one generated page to the others, built from the page registry's map of ids.

Relative `.md` paths that MkDocs checks (and any Markdown engine resolves), or `#id` on the
all-in-one page, where everything is on the page itself.
"""

from __future__ import annotations

import posixpath
from typing import Protocol
from urllib.parse import urlencode

from . import model
from .options import Options
from .text import Md, inline


class Target(Protocol):
    @property
    def id(self) -> str: ...


def relative(target: str, folder: str) -> str:
    """`target` (a path from the site's root) as seen from `folder`; pure, unlike os.path.relpath,
    which asks the file system for the current directory on every call."""
    parts, base = target.split("/"), [p for p in folder.split("/") if p]
    common = 0
    while common < min(len(parts) - 1, len(base)) and parts[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:])


def served(path: str, directory_urls: bool) -> str:
    """Where MkDocs serves a page: `overview.md` at `overview/` (or `overview.html`)."""
    stem = path.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


class Links:
    """Links from one page."""

    def __init__(self, page: str, single: bool, options: Options, homes: dict[str, str]) -> None:
        self.page = page
        self.here = page.rpartition("/")[0]  # the page's folder, "" at the top
        self.single = single
        self.options = options
        self.homes = homes  # id -> "page.md" or "page.md#id"

    def href(self, target: Target | str) -> Md:
        if isinstance(target, str):
            path = target
        elif self.single:  # everything is on this page: a layer's anchor is its id
            return Md(f"#{target.id}")
        else:
            path = self.homes[target.id]
        file, _, anchor = path.partition("#")
        return Md(relative(file, self.here) + (f"#{anchor}" if anchor else ""))

    def link(self, target: model.Citer | model.Source, label: str | None = None) -> Md:
        name = label if label is not None else target.data.name
        return Md(f"[{inline(name)}]({self.href(target)})")

    def url(self, target: model.Layer | model.Item) -> Md:
        """The address of a layer (or an item on its layer's page) as a browser resolves it from
        this page, for raw HTML and SVG links (made of ids, which validation keeps to `[a-z0-9-]`)."""
        if self.single:
            return Md(f"#{target.id}")
        file, _, anchor = self.homes[target.id].partition("#")
        return Md(self._served(served(file, self.options.directory_urls))
                  + (f"#{anchor}" if anchor else ""))

    def asset(self, path: str) -> Md:
        """The address of a file of the site (not a page), such as a script, from this page."""
        return Md(self._served(path))

    def _served(self, there: str) -> str:
        here = served(self.page, self.options.directory_urls)
        base = here.rstrip("/") if self.options.directory_urls else posixpath.dirname(here)
        rel = posixpath.relpath(there.rstrip("/") or ".", base or ".")
        return rel + "/" if there.endswith("/") or (not there and self.options.directory_urls) \
            else rel

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
            file, _, anchor = self.homes[item.id].partition("#")
            page = (self.options.site_url.rstrip("/") + "/"
                    + served(file, self.options.directory_urls) + f"#{anchor}")
        query = urlencode({"template": "suggest-a-change.yml",
                           "title": f"Suggestion: {item.data.name} ({item.id})",
                           "item": f"{item.id}: {item.data.name}", "page": page})
        url = self.options.repo_url.rstrip("/") + "/issues/new?" + query
        return Md(f"[Suggest a change to this item]({url})")
