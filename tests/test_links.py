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

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

import pytest
from crawler import MIN_PAGES, Crawl, check_search_locations
from hostile.site import serve


@pytest.fixture(scope="module")
def crawl(site_url: str) -> Crawl:
    crawler = Crawl(site_url)
    crawler.run()
    return crawler


def test_every_internal_link_and_anchor_resolves(crawl: Crawl) -> None:
    assert len(crawl.pages) >= MIN_PAGES, sorted(crawl.pages)
    assert crawl.checked_fragments > 100  # item links, backlinks, tables of contents
    assert any(url.endswith(".css") for url in crawl.fetched)
    assert any(url.endswith(".js") for url in crawl.fetched)
    assert crawl.outside == []


def test_every_page_is_reachable_by_links(crawl: Crawl, site_url: str) -> None:
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


def test_every_search_result_leads_somewhere(crawl: Crawl, site_url: str) -> None:
    assert check_search_locations(crawl, site_url) > 100


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
        Crawl(url).run()
    assert re.fullmatch(expected, str(info.value)), str(info.value)


def test_the_crawler_notes_resources_from_another_host(tmp_path: Path) -> None:
    """A script, a style sheet or a CSS image elsewhere is noted; a link a reader clicks is not."""
    (tmp_path / "index.html").write_text(
        '<script src="https://cdn.example/x.js"></script><link rel="stylesheet" href="s.css">'
        '<link rel="canonical" href="https://site.example/"><a href="https://github.com/">x</a>',
        encoding="utf-8")
    (tmp_path / "s.css").write_text("a { background: url(//fonts.example/f.woff2) }", encoding="utf-8")
    with serve(tmp_path) as url:
        crawl = Crawl(url)
        crawl.run()
    assert crawl.outside == [f"{url}: https://cdn.example/x.js", f"{url}s.css: //fonts.example/f.woff2"]
