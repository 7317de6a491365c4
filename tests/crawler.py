"""A crawler over a served site: every internal link and anchor resolves (shared by the link and
engine tests).

It starts at the home page of a site served on 127.0.0.1, follows every same-origin `<a href>` (in
HTML and in the SVG diagrams), `<link href>`, `<script src>`, `<img src>` and CSS `url()`, fetches
each with urllib, and checks that every `#fragment` names an element id on its page. It fails on
the first broken link, naming the page it is on. It also notes every reference to another host
that a browser would load by itself (scripts, styles, images, frames, CSS `url()`).
"""

from __future__ import annotations

import json
import re
from collections import deque
from html.parser import HTMLParser
from urllib.error import HTTPError, URLError
from urllib.parse import unquote, urldefrag, urljoin, urlsplit
from urllib.request import urlopen

import pytest

MIN_PAGES = 19
LINK_ATTRS = {("a", "href"), ("a", "xlink:href"), ("link", "href"), ("script", "src"),
              ("img", "src"), ("image", "href"), ("image", "xlink:href"), ("source", "src"),
              ("use", "href"), ("use", "xlink:href")}
LOADED = LINK_ATTRS - {("a", "href"), ("a", "xlink:href")} | {("iframe", "src")}  # by the browser itself
NEVER_FETCHED = {"canonical", "alternate"}  # <link rel=...> naming the page's published address
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


class Page(HTMLParser):
    """The element ids of a page, and the links on it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.loads: list[str] = []  # what a browser fetches by itself to show the page
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.ids.add(values[key] or "")
        if tag == "link" and NEVER_FETCHED & set((values.get("rel") or "").split()):
            return
        for name, value in attrs:
            if (tag, name) in LINK_ATTRS and value:
                self.links.append(value)
            if (tag, name) in LOADED and value:
                self.loads.append(value)

        self._in_title = tag == "title"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._in_title = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def parse_page(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


class Crawl:
    def __init__(self, base: str) -> None:
        self.base = base
        self.origin = urlsplit(base).netloc
        self.pages: dict[str, Page] = {}  # URL (no fragment) -> parsed HTML page
        self.fetched: set[str] = set()
        self.checked_fragments = 0
        self.outside: list[str] = []  # "page: reference" for each resource on another host

    def internal(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in {"http", "https"} and parts.netloc == self.origin

    def fetch(self, url: str, source: str, href: str) -> tuple[str, bytes]:
        try:
            with urlopen(url, timeout=10) as response:
                return response.headers.get_content_type(), response.read()
        except HTTPError as exc:
            pytest.fail(f"broken link on {source}: {href} -> {url} ({exc.code})", pytrace=False)
        except URLError as exc:
            pytest.fail(f"broken link on {source}: {href} -> {url} ({exc.reason})", pytrace=False)

    def run(self) -> None:
        queue: deque[tuple[str, str, str]] = deque([(self.base, "(start)", self.base)])
        fragments: list[tuple[str, str, str, str]] = []  # source, href, page URL, fragment
        while queue:
            url, source, href = queue.popleft()
            if url in self.fetched:
                continue
            self.fetched.add(url)
            kind, body = self.fetch(url, source, href)
            if kind == "text/html":
                page = parse_page(body.decode("utf-8"))
                self.pages[url] = page
                links, loads = page.links, page.loads
            elif kind == "text/css":
                links = loads = CSS_URL.findall(body.decode("utf-8"))
            else:
                continue
            self.outside += [f"{url}: {link}" for link in loads
                             if urlsplit(urljoin(url, link)).scheme in {"http", "https"}
                             and not self.internal(urljoin(url, link))]
            for link in links:
                if link.startswith(("data:", "mailto:", "#__")) or not link.strip():
                    continue
                target, fragment = urldefrag(urljoin(url, link))
                if not self.internal(target):
                    continue  # another host (the repository on GitHub): not followed
                if fragment:
                    fragments.append((url, link, target, unquote(fragment)))
                if target not in self.fetched:
                    queue.append((target, url, link))
        for source, href, target, fragment in fragments:
            found = self.pages.get(target)
            if found is None:
                pytest.fail(f"broken link on {source}: {href} has an anchor but {target} is not "
                            "an HTML page", pytrace=False)
            if fragment not in found.ids:
                pytest.fail(f"broken link on {source}: {href} -> no element with id "
                            f"'{fragment}' on {target}", pytrace=False)
            self.checked_fragments += 1




def search_locations(site_url: str) -> list[str]:
    """Where the site's search results lead: MkDocs' search/search_index.json (`docs`), or
    Zensical's search.json (`items`)."""
    for name, key in (("search/search_index.json", "docs"), ("search.json", "items")):
        try:
            with urlopen(urljoin(site_url, name), timeout=10) as response:
                docs = json.loads(response.read())[key]
        except HTTPError:
            continue
        return [str(doc["location"]) for doc in docs]
    pytest.fail(f"{site_url}: no search index", pytrace=False)


def check_search_locations(crawl: Crawl, site_url: str) -> int:
    """Every search result leads to a page and an element on it; the number of results."""
    locations = search_locations(site_url)
    assert locations
    for location in locations:
        target, fragment = urldefrag(urljoin(site_url, location))
        page = crawl.pages.get(target)
        assert page is not None, f"search result {location!r}: no such page"
        assert not fragment or unquote(fragment) in page.ids, \
            f"search result {location!r}: no element with id '{fragment}'"
    return len(locations)
