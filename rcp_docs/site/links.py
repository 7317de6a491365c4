"""Links from one generated page to the others, built from the page registry's map of ids.

Relative `.md` paths that MkDocs checks (and any Markdown engine resolves), or `#id` on the
all-in-one page, where everything is on the page itself.
"""

from __future__ import annotations

import posixpath
from typing import Protocol
from urllib.parse import quote, quote_plus

from ..structure import model
from ..structure.registry import address
from ..base.options import Options
from ..base.text import Md, html, html_line, inline


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


# What urllib.parse.quote never encodes (RFC 3986's unreserved characters).
_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~")
_ESCAPES: dict[tuple[str, bool], dict[int, str]] = {}


def percent(text: str, safe: str = "", plus: bool = False) -> str:
    """`urllib.parse.quote(text, safe)` (or `quote_plus` when `plus`), the same result; ASCII text
    goes through one `str.translate`, many times faster: a page of 10,000 items asks for 120,000."""
    if not text.isascii():
        return quote_plus(text, safe=safe) if plus else quote(text, safe=safe)
    table = _ESCAPES.get((safe, plus))
    if table is None:
        keep = _UNRESERVED | {ord(char) for char in safe}
        table = {code: f"%{code:02X}" for code in range(128) if code not in keep}
        if plus:
            table[ord(" ")] = "+"
        _ESCAPES[(safe, plus)] = table
    return text.translate(table)


class Links:
    """Links from one page."""

    def __init__(self, page: str, single: bool, options: Options, homes: dict[str, str],
                 emails: tuple[str, ...] = ()) -> None:
        self.page = page
        self.here = page.rpartition("/")[0]  # the page's folder, "" at the top
        self.single = single
        self.options = options
        self.homes = homes  # id -> "page.md" or "page.md#id"
        self.emails = emails  # where readers can write (validated addresses)
        # remembered: a page links to the same few pages over and over
        self._from_here: dict[str, str] = {}  # served address -> relative from this page
        self._from_here_md: dict[str, str] = {}  # page file -> relative from this page

    def href(self, target: Target | str) -> Md:
        if isinstance(target, str):
            path = target
        elif self.single:  # everything is on this page: a layer's anchor is its id
            return Md(f"#{target.id}")
        else:
            path = self.homes[target.id]
        file, _, anchor = path.partition("#")
        there = self._from_here_md.get(file)
        if there is None:
            there = self._from_here_md[file] = relative(file, self.here)
        return Md(there + (f"#{anchor}" if anchor else ""))

    def link(self, target: model.Citer | model.Source, label: str | None = None) -> Md:
        name = label if label is not None else target.data.name
        return Md(f"[{inline(name)}]({self.href(target)})")

    def url(self, target: Target) -> Md:
        """The address of a layer, an item or any entry with an id, as a browser resolves it from
        this page, for raw HTML and SVG links (made of ids, which validation keeps to `[a-z0-9-]`)."""
        if self.single:
            return Md(f"#{target.id}")
        file, _, anchor = self.homes[target.id].partition("#")
        return Md(self._served(address(file, self.options.directory_urls))
                  + (f"#{anchor}" if anchor else ""))

    def html_link(self, target: model.Citer | model.Source, label: str | None = None) -> Md:
        """`link` for raw HTML, such as a collapsed section's body: an `<a>` to the served
        address (MkDocs rewrites `.md` links in Markdown only)."""
        name = label if label is not None else target.data.name
        return Md(f'<a href="{html(self.url(target))}">{html_line(name)}</a>')

    def html_cite(self, sources: list[model.Source]) -> Md:
        """`cite` for raw HTML: the sources, each linked to its entry on the sources page."""
        return Md("; ".join(self.html_link(s) for s in sources))

    def asset(self, path: str) -> Md:
        """The address of a file of the site (not a page), such as a script, from this page."""
        return Md(self._served(path))

    def _served(self, there: str) -> str:
        """`there` relative to this page's address."""
        found = self._from_here.get(there)
        if found is None:
            found = self._from_here[there] = self._relative_to_here(there)
        return found

    def _relative_to_here(self, there: str) -> str:
        here = address(self.page, self.options.directory_urls)
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
        """Ways to suggest a change to the item, people first: an email with its name and page
        filled in (no account needed), then a new issue on GitHub with its id, name and page (not
        on the single page, which is for paper)."""
        if self.single:
            return Md("")
        page = self.address(item)
        ways = []
        if self.emails:
            body = f"About: {item.data.name} ({item.id})\r\n"
            if page:
                body += f"Page: {page}\r\n"
            body += "\r\nMy suggestion:\r\n"
            mail = self.mailto(f"Suggestion: {item.data.name}", body)
            ways.append(f"[by email]({mail}) (no account needed)")
        if self.options.repo_url:
            query = "&".join(f"{key}={percent(value, plus=True)}" for key, value in (
                ("template", "suggest-a-change.yml"),
                ("title", f"Suggestion: {item.data.name} ({item.id})"),
                ("item", f"{item.id}: {item.data.name}"), ("page", page)))
            url = self.options.repo_url.rstrip("/") + "/issues/new?" + query
            ways.append(f"[on GitHub]({url}) (with a free GitHub account)")
        if not ways:
            return Md("")
        return Md("**Suggest a change to this item** " + " or ".join(ways) + ".")

    def address(self, item: model.Item) -> str:
        """The item's full web address, when the site's address is known."""
        if not self.options.site_url:
            return ""
        file, _, anchor = self.homes[item.id].partition("#")
        return (self.options.site_url.rstrip("/") + "/" + address(file, self.options.directory_urls)
                + (f"#{anchor}" if anchor else ""))

    def mailto(self, subject: str = "", body: str = "", to: tuple[str, ...] | None = None) -> Md:
        """A mailto: address for the feedback addresses (or `to`), with a subject and body.
        Every character outside A-Z a-z 0-9 and '-._~' is percent-encoded, so no text can end
        the address, add a header or leave the Markdown link."""
        addresses = ",".join(percent(a, safe="@") for a in (self.emails if to is None else to))
        query = "&".join(f"{key}={percent(value)}"
                         for key, value in (("subject", subject), ("body", body)) if value)
        return Md(f"mailto:{addresses}" + (f"?{query}" if query else ""))
