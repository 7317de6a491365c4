"""Every internal link and anchor of the served site resolves: an independent crawler.

MkDocs' strict build already validates the links it knows of (`validation:` in mkdocs.yml makes
unknown links and anchors warnings, and `--strict` makes warnings errors: the `built_site` fixture
builds that way). This crawler checks the result from the outside, the way a reader's browser sees
it: it starts at the home page of the site served on 127.0.0.1, follows every same-origin `<a href>`
(in HTML and in the SVG diagrams), `<link href>`, `<script src>`, `<img src>` and CSS `url()`,
fetches each with urllib, and checks that every `#fragment` names an element id on its page. The
search index's locations (where search results lead) are checked the same way. It fails on the
first broken link, naming the page it is on.
"""

from __future__ import annotations

import json
import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import unquote, urldefrag, urljoin, urlsplit
from urllib.request import urlopen

import pytest
from hostile.site import serve

MIN_PAGES = 19
LINK_ATTRS = {("a", "href"), ("a", "xlink:href"), ("link", "href"), ("script", "src"),
              ("img", "src"), ("image", "href"), ("image", "xlink:href"), ("source", "src"),
              ("use", "href"), ("use", "xlink:href")}
NEVER_FETCHED = {"canonical", "alternate"}  # <link rel=...> naming the page's published address
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


class _Page(HTMLParser):
    """The element ids of a page, and the links on it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

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

    handle_startendtag = handle_starttag


class _Crawl:
    def __init__(self, base: str) -> None:
        self.base = base
        self.origin = urlsplit(base).netloc
        self.pages: dict[str, _Page] = {}  # URL (no fragment) -> parsed HTML page
        self.fetched: set[str] = set()
        self.checked_fragments = 0

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
                page = _Page()
                page.feed(body.decode("utf-8"))
                self.pages[url] = page
                links = page.links
            elif kind == "text/css":
                links = CSS_URL.findall(body.decode("utf-8"))
            else:
                continue
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


@pytest.fixture(scope="module")
def crawl(site_url: str) -> _Crawl:
    crawler = _Crawl(site_url)
    crawler.run()
    return crawler


def test_every_internal_link_and_anchor_resolves(crawl: _Crawl) -> None:
    assert len(crawl.pages) >= MIN_PAGES, sorted(crawl.pages)
    assert crawl.checked_fragments > 100  # item links, backlinks, tables of contents
    assert any(url.endswith(".css") for url in crawl.fetched)
    assert any(url.endswith(".js") for url in crawl.fetched)


def test_every_page_is_reachable_by_links(crawl: _Crawl, site_url: str) -> None:
    """The crawler found every page of the site from the home page (nothing is orphaned)."""
    with urlopen(urljoin(site_url, "sitemap.xml"), timeout=10) as response:
        sitemap = response.read().decode("utf-8")
    published = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert len(published) >= MIN_PAGES
    crawled = {urlsplit(url).path for url in crawl.pages}
    base = urlsplit(site_url).path
    home = min(published, key=len)  # the sitemap names the published site_url: compare below it
    for address in published:
        assert address.startswith(home), address
        below = address[len(home):]
        assert base + below in crawled, f"no link leads to /{below}"


def test_every_search_result_leads_somewhere(crawl: _Crawl, site_url: str) -> None:
    with urlopen(urljoin(site_url, "search/search_index.json"), timeout=10) as response:
        docs = json.loads(response.read())["docs"]
    assert docs
    for doc in docs:
        target, fragment = urldefrag(urljoin(site_url, doc["location"]))
        page = crawl.pages.get(target)
        assert page is not None, f"search result {doc['location']!r}: no such page"
        assert not fragment or unquote(fragment) in page.ids, \
            f"search result {doc['location']!r}: no element with id '{fragment}'"


@pytest.mark.parametrize(
    ("pages", "expected"),
    [({"index.html": '<a href="gone/">x</a>'},
      r"broken link on http://127\.0\.0\.1:\d+/: gone/ -> http://127\.0\.0\.1:\d+/gone/ \(404\)"),
     ({"index.html": '<a href="b/#nowhere">x</a>', "b/index.html": '<h2 id="here">b</h2>'},
      r"broken link on http://127\.0\.0\.1:\d+/: b/#nowhere -> no element with id 'nowhere' "
      r"on http://127\.0\.0\.1:\d+/b/"),
     ({"index.html": '<link rel="stylesheet" href="s.css">', "s.css": "a { background: url(i.png) }"},
      r"broken link on http://127\.0\.0\.1:\d+/s\.css: i\.png -> .*/i\.png \(404\)")],
    ids=["missing-page", "missing-anchor", "missing-asset-in-css"],
)
def test_the_crawler_fails_on_a_broken_link(pages: dict[str, str], expected: str,
                                            tmp_path: Path) -> None:
    for name, text in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    with serve(tmp_path) as url, pytest.raises(pytest.fail.Exception) as info:
        _Crawl(url).run()
    assert re.fullmatch(expected, str(info.value)), str(info.value)
