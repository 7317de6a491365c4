"""The built site in a real browser (headless Debian Chromium): search, the onion's links,
backlinks, console errors and outside requests, axe-core in both palettes, phone layout, and
screenshots as artifacts (test-artifacts/screenshots/).

Checks that visit every page collect every failure first and report them all at once, so that one
run tells the engineer everything to fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Error,
    Locator,
    Page,
    Request,
    Route,
    expect,
)

from rcp_docs.publish.build import load_framework
from rcp_docs.structure import model

REPO_ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = REPO_ROOT / "test-artifacts" / "screenshots"

# Pages the site must have (directory URLs, relative to the base URL); all pages are checked.
EXPECTED_PAGES = [
    "",
    "overview/",
    "roles/",
    "roles/care-worker/",
    "roles/teacher/",
    "tell-us/",
    "principles/",
    "behaviours/",
    "competencies/",
    "protocols/",
    "relationships-and-transactions/",
    "contexts/",
    "barriers/",
    "why-now/",
    "proposals/",
    "sources/",
    "glossary/",
    "all/",
    "downloads/",
    "reflect/",
    "team/",
    "about-the-framework/",
    "using-in-a-team/",
    "contributing/",
    "accessibility/",
    "about/",
]
SCREENSHOT_PAGES = ["", "overview/", "behaviours/", "relationships-and-transactions/"]
FRONT_DOOR_PAGES = ["", "roles/care-worker/"]  # also shot in the dark palette
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
AXE_OPTIONS: dict[str, Any] = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
LOCAL_HOST = "127.0.0.1"
PARALLEL_PAGES = 4  # pages loading at once where a check only waits for them
# Schemes that never leave the machine.
LOCAL_SCHEMES = {"data", "blob", "about"}

Palette = Literal["light", "dark"]
SCHEME = {"light": "default", "dark": "slate"}  # Material's data-md-color-scheme per palette

pytestmark = pytest.mark.browser


# --- fixtures -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def framework() -> model.Framework:
    return load_framework(REPO_ROOT / "framework.yml")


@pytest.fixture(scope="module")
def site_pages(built_site: Path) -> list[str]:
    """Every HTML page of the built site, as a URL path relative to the base (home is "")."""
    pages = sorted(
        "" if index.parent == built_site else index.parent.relative_to(built_site).as_posix() + "/"
        for index in built_site.glob("**/index.html")
    )
    missing = [page or "/" for page in EXPECTED_PAGES if page not in pages]
    assert not missing, f"the built site lacks pages: {missing}"
    return pages


@pytest.fixture(scope="module")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@contextmanager
def _context(browser: Browser, **kwargs: Any) -> Iterator[BrowserContext]:
    """A fresh browser context (cookies, storage and palette of its own), closed afterwards."""
    context = browser.new_context(**kwargs)
    context.set_default_timeout(15_000)  # generous: CI machines have 2 cores
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def desktop(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh light-palette desktop context for one test."""
    with _context(browser, viewport=DESKTOP, color_scheme="light") as context:
        yield context


@pytest.fixture
def page(desktop: BrowserContext) -> Page:
    return desktop.new_page()


# --- helpers --------------------------------------------------------------------------------


def _path(url: str) -> str:
    return urlsplit(url).path


def _fragment(url: str) -> str:
    return urlsplit(url).fragment


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or parts.hostname == LOCAL_HOST


def _name(page_path: str) -> str:
    return page_path.strip("/").replace("/", "-") or "home"


# --- 1. search ------------------------------------------------------------------------------


def test_search_finds_an_item_and_goes_to_it(
    page: Page, site_url: str, framework: model.Framework
) -> None:
    """Typing an item's name in the search box lists the item; its result opens its section."""
    layer = next((lay for lay in framework.layers if lay.id == "behaviours"), framework.layers[0])
    item = layer.items[0]
    page.goto(site_url)
    page.locator(".md-search__input").first.click()
    search = page.locator("input.md-search__input")
    expect(search).to_be_focused()
    search.type(item.data.name)  # key events: Material's search reacts to them, not to fill()

    result = page.locator(
        f'.md-search-result__item a.md-search-result__link[href*="/{layer.id}/"]'
        f'[href$="#{item.id}"]',
        has_text=item.data.name,
    ).first
    expect(result, f"no search result for {item.data.name!r} links to its section").to_be_visible(
        timeout=15_000
    )
    result.click()

    page.wait_for_url(re.compile(rf"/{re.escape(layer.id)}/(\?[^#]*)?#{re.escape(item.id)}$"))
    assert _path(page.url) == f"/{layer.id}/"
    assert _fragment(page.url) == item.id
    target = page.locator(f'[id="{item.id}"]')
    expect(target).to_have_count(1)
    expect(target).to_be_in_viewport()


def test_search_dialog_has_a_name(page: Page, site_url: str) -> None:
    """Material's search dialog is announced by name (4.1.2; theme_overrides/partials/search.html)."""
    page.goto(site_url)
    dialog = page.locator("div.md-search[role=dialog]")
    expect(dialog).to_have_count(1)
    expect(dialog).to_have_accessible_name("Search")


def test_search_finds_a_role_page_by_its_name(
    page: Page, site_url: str, framework: model.Framework
) -> None:
    """Typing a role's name lists its page; the result opens it."""
    role = next(r for r in framework.roles if r.id == "teacher")
    page.goto(site_url)
    page.locator(".md-search__input").first.click()
    page.locator("input.md-search__input").type(role.data.name)
    results = page.locator(".md-search-result__item a.md-search-result__link")
    expect(results.first).to_be_visible(timeout=15_000)
    result = results.first  # the best match: the role's own page (search adds ?h=...)
    href = result.get_attribute("href") or ""
    assert _path(href) == f"/roles/{role.id}/" and not _fragment(href), href
    result.click()
    page.wait_for_url(re.compile(rf"/roles/{re.escape(role.id)}/(\?[^#]*)?$"))
    expect(page.locator("h1").first).to_contain_text(role.data.name)


# --- 2. the onion ---------------------------------------------------------------------------


def _onion_ring(page: Page, layer: model.Layer) -> Locator:
    """The onion's link to a layer (an SVG `<a href>`)."""
    return page.locator("figure.rcp-onion").first.locator(f'svg a[href$="{layer.id}/"]')


def test_onion_rings_link_to_their_layers(
    page: Page, site_url: str, framework: model.Framework
) -> None:
    """Clicking each ring of the onion (on its label) opens that layer's page."""
    overview = urljoin(site_url, "overview/")
    for layer in framework.layers:
        page.goto(overview)
        ring = _onion_ring(page, layer)
        expect(ring, f"the onion has no ring linking to {layer.id}/").to_have_count(1)
        # Layers are nested shapes, outermost first: the label is the part of a layer on top.
        ring.locator("text").first.click()
        page.wait_for_url(urljoin(site_url, f"{layer.id}/"))
        assert _path(page.url) == f"/{layer.id}/"
        expect(page.locator("h1").first).to_contain_text(layer.data.name)


def test_onion_rings_work_from_the_keyboard(
    page: Page, site_url: str, framework: model.Framework
) -> None:
    """A ring takes focus with Tab and opens its layer's page with Enter."""
    layer = framework.layers[0]  # the core: the last ring in tab order
    page.goto(urljoin(site_url, "overview/"))
    ring = _onion_ring(page, layer)
    expect(ring).to_have_count(1)
    on_ring = "el => document.activeElement === el"
    for _ in range(400):
        if ring.evaluate(on_ring):
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail(f"Tab never reached the onion ring linking to {layer.id}/")
    page.keyboard.press("Enter")
    page.wait_for_url(urljoin(site_url, f"{layer.id}/"))
    assert _path(page.url) == f"/{layer.id}/"


# --- 3. backlinks ---------------------------------------------------------------------------


def test_backlink_opens_the_linked_item(page: Page, site_url: str) -> None:
    """A link from a principle to a behaviour, once its collapsed part is open, opens the
    behaviour's section."""
    page.goto(urljoin(site_url, "principles/"))
    # Material's instant navigation rewrites every href to an absolute URL once the page loads.
    link = page.locator('article a[href*="/behaviours/#"]').first
    expect(link, "no link from /principles/ to a behaviour").to_have_count(1)
    href = link.get_attribute("href")
    assert href is not None
    target_id = _fragment(href)
    assert target_id
    expect(link).to_be_hidden()  # in the item's collapsed "More about it"
    link.locator("xpath=ancestor::details[1]/summary").click()
    link.click()
    page.wait_for_url(re.compile(rf"/behaviours/#{re.escape(target_id)}$"))
    assert _path(page.url) == "/behaviours/"
    assert _fragment(page.url) == target_id
    target = page.locator(f'[id="{target_id}"]')
    expect(target).to_have_count(1)
    expect(target).to_be_in_viewport()


# --- 4. console errors and outside requests -------------------------------------------------


def _watch(page: Page) -> tuple[list[str], list[str]]:
    """Lists that fill with the page's errors and with the URLs it requests from other hosts."""
    errors: list[str] = []
    outside: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            location = message.location.get("url", "")
            errors.append(f"console error: {message.text}" + (f" ({location})" if location else ""))

    def on_page_error(error: Error) -> None:
        errors.append(f"uncaught exception: {error.name}: {error.message}")

    def on_request(request: Request) -> None:
        if not _is_local(request.url):
            outside.append(request.url)

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    page.on("request", on_request)
    return errors, outside


def _abort_outside(route: Route) -> None:
    if _is_local(route.request.url):
        route.continue_()
    else:
        route.abort()


def test_no_console_errors_or_outside_requests(
    desktop: BrowserContext, site_url: str, site_pages: list[str]
) -> None:
    """No page logs an error, throws, or asks any host but the local server for anything."""
    # Requests to other hosts are aborted, so the test never waits on (or depends on) the network;
    # they still fire the request event, and each is a failure. (Routing turns off the HTTP cache,
    # so it is set up here only.)
    desktop.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/])"), _abort_outside)
    failures: list[str] = []
    # A few pages load side by side: most of each page's time is the wait for the network to idle.
    for start in range(0, len(site_pages), PARALLEL_PAGES):
        batch = [(path, desktop.new_page()) for path in site_pages[start : start + PARALLEL_PAGES]]
        watched = [(path, page, *_watch(page)) for path, page in batch]
        for path, page in batch:
            page.goto(urljoin(site_url, path), wait_until="commit")
        for path, page, errors, outside in watched:
            page.wait_for_load_state("networkidle")
            page.close()
            failures += [f"/{path}: {error}" for error in errors]
            failures += [f"/{path}: request to {url}" for url in dict.fromkeys(outside)]
    assert not failures, "pages with console errors or outside requests:\n" + "\n".join(failures)


# --- 5. axe-core ----------------------------------------------------------------------------


def _describe(page_path: str, palette: Palette, violation: dict[str, Any]) -> str:
    """One line per violation: page, palette, rule, impact, the first targets and an example."""
    nodes = violation["nodes"]
    targets = [" ".join(map(str, node["target"])) for node in nodes[:4]]
    more = f" (+{len(nodes) - len(targets)} more)" if len(nodes) > len(targets) else ""
    example = ""
    if nodes:
        html = " ".join(str(nodes[0]["html"]).split())[:120]
        summary = " ".join(str(nodes[0].get("failureSummary", "")).split())[:240]
        example = f"\n    e.g. {html}\n    {summary}"
    return (
        f"/{page_path} [{palette}] {violation['id']} ({violation['impact']}): {violation['help']}"
        f"; targets: {' | '.join(targets)}{more}{example}"
    )


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_axe_finds_no_wcag_violations(
    browser: Browser, site_url: str, site_pages: list[str], palette: Palette
) -> None:
    """axe-core (WCAG 2.0-2.2 A and AA rules) passes on every page, in each palette."""
    axe = Axe()
    failures: list[str] = []
    with _context(browser, viewport=DESKTOP, color_scheme=palette) as context:
        page = context.new_page()
        for page_path in site_pages:
            page.goto(urljoin(site_url, page_path))
            scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            assert scheme == SCHEME[palette], (
                f"/{page_path}: expected the {palette} palette ({SCHEME[palette]}), got {scheme}"
            )
            results = axe.run(page, options=AXE_OPTIONS)
            failures += [
                _describe(page_path, palette, violation)
                for violation in results.response["violations"]
            ]
    assert not failures, f"axe-core violations ({palette} palette):\n" + "\n".join(failures)


# --- 6. phone layout and screenshots --------------------------------------------------------

# The elements wider than the window, for the failure message.
_OVERFLOWING = """() => {
  const width = window.innerWidth;
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 1) {
      let name = el.tagName.toLowerCase();
      if (el.id) name += '#' + el.id;
      if (el.classList.length) name += '.' + [...el.classList].join('.');
      out.push(`${name} (right edge ${Math.round(box.right)}px)`);
    }
  }
  return out.slice(0, 5);
}"""


@pytest.mark.parametrize("width", [320, 390])
def test_no_horizontal_scroll_on_a_phone(
    browser: Browser, site_url: str, site_pages: list[str], width: int
) -> None:
    """At 320 px (WCAG 1.4.10 reflow) and 390 px wide, no page scrolls sideways; at 390 px no
    table hides a column behind a scroll of its own."""
    failures: list[str] = []
    viewport = {"width": width, "height": PHONE["height"]}
    with _context(browser, viewport=viewport, color_scheme="light") as context:
        page = context.new_page()
        for page_path in site_pages:
            page.goto(urljoin(site_url, page_path))
            scroll_width, inner_width = page.evaluate(
                "[document.documentElement.scrollWidth, window.innerWidth]"
            )
            if scroll_width > inner_width:
                culprits = page.evaluate(_OVERFLOWING)
                failures.append(
                    f"/{page_path}: scrollWidth {scroll_width} > innerWidth {inner_width}; "
                    f"wide elements: {culprits}"
                )
            if width >= PHONE["width"]:
                failures += [f"/{page_path}: {table}" for table in page.evaluate(_WIDE_TABLES)]
    assert not failures, f"pages that scroll sideways at {width} px:\n" + "\n".join(failures)


# A table wider than the column scrolls inside its own box (Material wraps it). WCAG 1.4.10 allows
# that for data tables, and at 320 px the comparison's three columns need it; on a 390 px phone a
# reader would miss the last column, so there no table may.
_WIDE_TABLES = """() => [...document.querySelectorAll('.md-content table')].flatMap(table => {
  let box = table.parentElement;
  while (box && box !== document.body && getComputedStyle(box).overflowX === 'visible') {
    box = box.parentElement;
  }
  return box && box.scrollWidth > box.clientWidth + 1
    ? [`table scrolls inside its box (${box.scrollWidth}px in ${box.clientWidth}px): `
       + table.querySelector('th, td').textContent]
    : [];
})"""


@pytest.mark.parametrize(
    ("device", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)], ids=["phone", "desktop"]
)
def test_screenshots(
    browser: Browser,
    site_url: str,
    screenshots: Path,
    device: str,
    viewport: dict[str, int],
) -> None:
    """Full-page screenshots of the home page, the overview, a layer and the comparison, and of
    the home page and a role page in the dark palette too."""
    shots = [(path, "light") for path in SCREENSHOT_PAGES + FRONT_DOOR_PAGES[1:]]
    shots += [(path, "dark") for path in FRONT_DOOR_PAGES]
    for palette in ("light", "dark"):
        with _context(browser, viewport=viewport, color_scheme=palette) as context:
            page = context.new_page()
            for page_path in [path for path, shade in shots if shade == palette]:
                page.goto(urljoin(site_url, page_path), wait_until="networkidle")
                suffix = "" if palette == "light" else "-dark"
                shot = screenshots / f"{_name(page_path)}-{device}{suffix}.png"
                page.screenshot(path=str(shot), full_page=True)
                assert shot.stat().st_size > 0, f"empty screenshot {shot}"


# --- 7. the front door ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("viewport", "columns"), [(PHONE, 1), (DESKTOP, 2)], ids=["phone", "desktop"]
)
def test_layer_cards_stack_on_a_phone(
    browser: Browser, site_url: str, framework: model.Framework, viewport: dict[str, int],
    columns: int,
) -> None:
    """The home page's cards, one per layer in onion order, sit one under another at 390 px and
    side by side on a desktop, each inside the window."""
    with _context(browser, viewport=viewport, color_scheme="light") as context:
        page = context.new_page()
        page.goto(site_url)
        cards = page.locator("ul.rcp-cards > li.rcp-card")
        expect(cards).to_have_count(len(framework.layers))
        boxes = [cards.nth(i).bounding_box() for i in range(cards.count())]
        assert all(box is not None for box in boxes)
        lefts = sorted({round(box["x"]) for box in boxes if box is not None})
        assert len(lefts) == columns, f"card columns at {viewport['width']} px: {lefts}"
        width = page.evaluate("window.innerWidth")
        assert all(box is not None and box["x"] + box["width"] <= width for box in boxes)
        names = [cards.nth(i).locator("a").first.inner_text() for i in range(cards.count())]
        assert names == [layer.data.name for layer in framework.layers]
        cards.first.locator("a").first.click()
        page.wait_for_url(urljoin(site_url, f"{framework.layers[0].id}/"))


def test_home_page_puts_the_onion_first_and_lists_every_role(
    page: Page, site_url: str, framework: model.Framework
) -> None:
    page.goto(site_url)
    article = page.locator("article")
    first_figure = article.locator("figure.rcp-diagram").first
    expect(first_figure).to_be_visible()
    cards = article.locator("ul.rcp-cards")
    figure_top, cards_top = first_figure.bounding_box(), cards.bounding_box()
    assert figure_top is not None and cards_top is not None
    assert figure_top["y"] < cards_top["y"]
    for role in framework.roles:
        expect(article.locator(f'a[href$="roles/{role.id}/"]').first).to_have_text(role.data.name)
    page.goto(urljoin(site_url, "roles/"))
    for role in framework.roles:
        expect(page.locator(f'article a[href$="{role.id}/"]').first).to_have_text(role.data.name)


def test_every_item_offers_email_without_an_account(
    page: Page, site_url: str, framework: model.Framework
) -> None:
    """Each item's "Suggest a change" has a mailto: link to the configured addresses, whose
    subject names the item."""
    layer = framework.layers[1]
    page.goto(urljoin(site_url, f"{layer.id}/"))
    links = page.locator('article a[href^="mailto:"]')
    expect(links).to_have_count(len(layer.items))
    href = links.first.get_attribute("href") or ""
    to, _, query = href.removeprefix("mailto:").partition("?")
    assert to.split(",") == framework.emails
    assert f"subject=Suggestion%3A%20{layer.items[0].data.name.replace(' ', '%20')}" in query
