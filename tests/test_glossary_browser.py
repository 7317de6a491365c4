"""Glossary tooltips in a real browser (headless Debian Chromium): the keyboard reaches a term and
its definition, a screen reader gets the definition as the term's description, the open tooltip
passes axe-core in both palettes and fits a 390 px phone. (Every page, the Glossary page too, is
also checked by test_browser.py: axe in both palettes, no sideways scroll on a phone.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal
from urllib.parse import urljoin

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from rcp_docs.base import abbr
from rcp_docs.publish.build import load_framework

REPO_ROOT = Path(__file__).resolve().parent.parent
PAGE = "why-now/"  # uses several glossary terms
AXE_OPTIONS: dict[str, Any] = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def definitions() -> dict[str, str]:
    framework = load_framework(REPO_ROOT / "framework.yml")
    return dict(abbr.tooltips((g.term, g.full, g.definition) for g in framework.data.glossary))


def _tab_to_a_term(page: Page, limit: int = 80) -> str:
    """Press Tab until a glossary term has focus; its text."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "ABBR":
            text: str = page.evaluate("document.activeElement.textContent")
            return text
    raise AssertionError(f"no glossary term reached in {limit} presses of Tab")


def _open(browser: Browser, site_url: str, palette: Literal["light", "dark"] = "light",
          width: int = 1280) -> Page:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=palette)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(urljoin(site_url, PAGE))
    return page


def test_keyboard_reaches_a_term_and_its_definition(
        browser: Browser, site_url: str, definitions: dict[str, str]) -> None:
    page = _open(browser, site_url)
    try:
        term = _tab_to_a_term(page)
        tooltip = page.locator("[role=tooltip].md-tooltip2--active")
        tooltip.wait_for(state="visible")
        assert tooltip.inner_text().strip() == definitions[term]
        described = page.evaluate("document.activeElement.getAttribute('aria-describedby')")
        assert described and page.evaluate(
            f"document.getElementById({described!r}).textContent.trim()") == definitions[term]
        # what a screen reader announces: the term as its name, the definition as description
        cdp = page.context.new_cdp_session(page)
        handle = cdp.send("Runtime.evaluate", {"expression": "document.activeElement"})
        node = cdp.send("DOM.describeNode", {"objectId": handle["result"]["objectId"]})
        tree = cdp.send("Accessibility.getPartialAXTree",
                        {"backendNodeId": node["node"]["backendNodeId"], "fetchRelatives": False})
        ax = tree["nodes"][0]
        assert ax["name"]["value"] == term
        assert ax["description"]["value"] == definitions[term]
    finally:
        page.context.close()


def test_only_the_first_use_of_a_term_is_a_tab_stop(browser: Browser, site_url: str) -> None:
    page = _open(browser, site_url)
    try:
        stops = page.evaluate("[...document.querySelectorAll('.md-content abbr')]"
                              ".filter(a => a.tabIndex === 0).map(a => a.textContent)")
        assert stops and len(stops) == len(set(stops))
    finally:
        page.context.close()


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_an_open_tooltip_passes_axe(browser: Browser, site_url: str,
                                    palette: Literal["light", "dark"]) -> None:
    page = _open(browser, site_url, palette)
    try:
        _tab_to_a_term(page)
        page.locator("[role=tooltip].md-tooltip2--active").wait_for(state="visible")
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        assert not violations, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
    finally:
        page.context.close()


def test_an_open_tooltip_fits_a_phone(browser: Browser, site_url: str) -> None:
    page = _open(browser, site_url, width=390)
    try:
        _tab_to_a_term(page)
        tooltip = page.locator("[role=tooltip].md-tooltip2--active")
        tooltip.wait_for(state="visible")
        box = tooltip.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        page.context.close()
