"""Search in a real browser: every item's name and every search term the data gives reaches the
right item; a word that finds nothing gets advice (words to try, ways to browse, an email with the
word), at 390 px in both palettes; the all-in-one page stays out of the index.

Material's search reacts to key events: words are typed with `type` and a delay, never `fill`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, ViewportSize, expect

from rcp_docs.publish.build import load_framework
from rcp_docs.structure import model

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "test-artifacts" / "screenshots"
PHONE: ViewportSize = {"width": 390, "height": 844}
FIRST = 3  # the item must be in one of the first groups of results (a group per page)
AXE_OPTIONS = {"runOnly": {"type": "tag",
                           "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
# Words no item uses and the seeds do not support (so no item is tagged with them)
NOWHERE = ["burnout", "safeguarding", "caseload", "boundaries"]


@pytest.fixture(scope="module")
def framework() -> model.Framework:
    return load_framework(ROOT / "framework.yml")


def _wanted(framework: model.Framework) -> list[tuple[str, str]]:
    """(what a reader types, the id of the item it must reach): every item's name and every
    search term of an item."""
    found = []
    for layer in framework.layers:
        for item in layer.items:
            found.append((item.data.name, item.id))
            found += [(term, item.id) for term in item.data.search_terms]
    return found


@pytest.fixture
def phone(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    dark = getattr(request, "param", "light") == "dark"
    context = browser.new_context(viewport=PHONE, color_scheme="dark" if dark else "light")
    context.set_default_timeout(15_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def _open_search(page: Page, url: str) -> None:
    page.goto(url)
    page.locator("label.md-header__button[for='__search']").click()
    expect(page.locator("input.md-search__input")).to_be_focused()


def _search(page: Page, words: str) -> list[str]:
    """Type `words` into Material's search; return the result links in order (page#section)."""
    box = page.locator("input.md-search__input")
    box.press("Control+a")
    box.press("Backspace")
    box.type(words, delay=15)
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_contain_text("matching")
    page.wait_for_function(
        "([words]) => document.querySelector('.md-search__input').value === words", arg=[words])
    # The worker answers each keystroke in turn: wait until the list stops changing.
    links, previous = _links(page), None
    for _ in range(20):
        if links == previous:
            break
        page.wait_for_timeout(200)
        links, previous = _links(page), links
    return links


def _links(page: Page) -> list[str]:
    found: list[str] = page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link, "
        ".md-search-result__item > details .md-search-result__link",
        "links => links.map(a => a.getAttribute('href'))")
    return found


@pytest.mark.browser
def test_every_item_name_and_search_term_reaches_its_item(
        phone: Page, site_url: str, framework: model.Framework) -> None:
    _open_search(phone, site_url)
    wanted = _wanted(framework)
    assert sum(1 for _, _ in wanted) > len([i for lay in framework.layers for i in lay.items])
    misses = []
    for words, ident in wanted:
        links = _search(phone, words)
        pages = list(dict.fromkeys(urlsplit(link).path for link in links))[:FIRST]
        if not any(urlsplit(link).fragment == ident and urlsplit(link).path in pages
                   for link in links):
            misses.append(f"{words!r} -> #{ident}: first results {pages}")
    assert misses == [], "\n".join(misses)


@pytest.mark.browser
@pytest.mark.parametrize("phone", ["light", "dark"], indirect=True)
def test_a_word_that_finds_nothing_gets_advice(phone: Page, site_url: str,
                                               framework: model.Framework) -> None:
    palette = "dark" if phone.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") \
        else "light"
    _open_search(phone, urljoin(site_url, "behaviours/"))
    for word in NOWHERE:
        assert _search(phone, word) == [], f"{word!r} finds something: no advice is needed"
    word = "caseload & more?"
    _search(phone, word)
    advice = phone.locator(".rcp-search-help")
    expect(advice).to_be_visible()
    expect(advice).to_have_attribute("data-query", word)
    # other words to try, from the data, each a button that searches again
    terms = sorted({t for lay in framework.layers for i in lay.items for t in i.data.search_terms}
                   | {t for g in framework.data.glossary for t in g.search_terms}, key=str.casefold)
    expect(advice.locator(".rcp-search-help__words button")).to_have_text(terms)
    # ways to browse, and the email with the word, every part encoded
    roles = advice.get_by_role("link", name="Browse by role: find your way in")
    assert urlsplit(roles.get_attribute("href") or "").path == "/roles/"
    glossary = advice.get_by_role("link", name="The glossary: the words this framework uses")
    assert urlsplit(glossary.get_attribute("href") or "").path == "/glossary/"
    mail = advice.get_by_role("link", name="Tell us the word you looked for").get_attribute("href")
    assert mail is not None
    address, _, query = mail.removeprefix("mailto:").partition("?")
    assert address == ",".join(framework.emails)
    assert all(ch.isalnum() or ch in "%._~-=&" for ch in query), query
    body = unquote(dict(p.split("=", 1) for p in query.split("&"))["body"])
    assert body.endswith("\r\n\r\ncaseload & more?")
    # readable on a phone: body-sized text, targets of 24 px, no sideways scroll, axe clean
    size = phone.evaluate("parseFloat(getComputedStyle(document.querySelector('.rcp-search-help')).fontSize)")
    assert size >= 14, size
    heights = advice.locator("button").evaluate_all("bs => bs.map(b => b.getBoundingClientRect().height)")
    assert min(heights) >= 24, heights
    assert phone.evaluate("document.documentElement.scrollWidth <= innerWidth")
    violations = Axe().run(phone, context=".md-search", options=AXE_OPTIONS).response["violations"]
    assert violations == [], json.dumps(violations, indent=1)[:2000]
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SHOTS / f"search-no-result-390-{palette}.png"))
    # a word to try searches again, and the advice goes when something is found
    advice.locator("button", has_text="empathy").click()
    expect(phone.locator(".md-search-result__item").first).to_be_visible()
    expect(phone.locator(".rcp-search-help")).to_have_count(0)


@pytest.mark.browser
def test_advice_survives_instant_navigation(phone: Page, site_url: str) -> None:
    """Material swaps pages without reloading: the advice still comes on the next page."""
    phone.goto(site_url)
    phone.locator(".md-header__button[for='__drawer']").click()
    phone.locator(".md-nav__link[href$='glossary/']").first.click()
    phone.wait_for_url("**/glossary/")
    phone.locator("label.md-header__button[for='__search']").click()
    _search(phone, "safeguarding")
    expect(phone.locator(".rcp-search-help")).to_be_visible()


def test_the_all_in_one_page_is_printable_and_linked_but_not_in_the_index(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert len(locations) > 150
    assert [loc for loc in locations if loc.startswith("all/")] == []
    printable = (built_site / "all" / "index.html").read_text(encoding="utf-8")
    assert "the whole framework" in printable and printable.count('id="') > 100
    assert 'href="all/"' in (built_site / "index.html").read_text(encoding="utf-8")  # in the nav


@pytest.mark.browser
def test_the_index_is_fetched_when_a_reader_first_goes_to_search(phone: Page, site_url: str) -> None:
    """The index is a third of a first visit's bytes: a page view without search never asks for
    it; the first tap on search does, and search works; a shared search link (?q=) fetches it at
    once."""
    asked: list[str] = []
    phone.on("request", lambda request: asked.append(request.url))
    phone.goto(site_url, wait_until="networkidle")
    phone.wait_for_timeout(500)
    assert not [url for url in asked if "search_index.json" in url]
    _open_search(phone, site_url)
    assert any("#kindness" in link for link in _search(phone, "kindness"))
    assert [url for url in asked if "search_index.json" in url]
    shared = phone.context.new_page()
    shared.goto(urljoin(site_url, "?q=listening"))
    expect(shared.locator(".md-search-result__item").first).to_be_visible()
