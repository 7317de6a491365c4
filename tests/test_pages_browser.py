"""The pages a practitioner scans, measured in headless Chromium at 390 and 1280 px, light and dark:
the home page's first screen, the phase banner, layer pages within their height budget with their
collapsed parts working from the keyboard, role pages that open with their reading path, one count
of items everywhere, and glossary tooltips that are readable, once a page and clear of notices.
Screenshots of a layer and a role page at 390 px go to test-artifacts/screenshots/."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from rcp_docs.publish.build import load_framework
from rcp_docs.structure import model

REPO_ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = REPO_ROOT / "test-artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SCREENS = 8  # a layer page, its collapsed parts closed, is at most this many phone screens
Palette = Literal["light", "dark"]
BANNER = "Draft for discussion: your feedback shapes it."

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def framework() -> model.Framework:
    return load_framework(REPO_ROOT / "framework.yml")


@contextmanager
def _page(browser: Browser, viewport: dict[str, int], palette: Palette = "light",
          **kwargs: Any) -> Iterator[Page]:
    options: dict[str, Any] = {"viewport": viewport, "color_scheme": palette, **kwargs}
    context: BrowserContext = browser.new_context(**options)
    context.set_default_timeout(15_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def _words(text: str) -> str:
    return " ".join(text.split())


# --- the home page and the banner -----------------------------------------------------------


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_the_first_phone_screen_says_what_who_draft_and_the_way_in(
        browser: Browser, site_url: str, framework: model.Framework, palette: Palette) -> None:
    """At 390 x 844, without scrolling: the title, what the practice is (the definition's first
    sentence), who it is for, that it is a draft for discussion that feedback shapes, and a link to
    every role's page, each wholly inside the first screen."""
    with _page(browser, PHONE, palette) as page:
        page.goto(site_url)
        visible = page.evaluate("""() => {
          const out = [];
          const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          while (walk.nextNode()) {
            const node = walk.currentNode, el = node.parentElement;
            if (!node.textContent.trim() || !el.checkVisibility()) continue;
            const range = document.createRange(); range.selectNodeContents(node);
            const box = range.getBoundingClientRect();
            if (box.bottom <= innerHeight && box.top >= 0 && box.width > 0) out.push(node.textContent);
          }
          return out.join(' ');
        }""")
        first = _words(visible)
        about = framework.data.framework
        definition = _words(about.definition).split(". ")[0] + "."
        for said in (about.title, definition, "people who work in public services",
                     "draft for discussion", "your feedback shapes it", "Start from the work you do"):
            assert said.lower() in first.lower(), f"not on the first screen at 390 px: {said!r}"
        for role in framework.roles:
            link = page.locator(f'article ul.rcp-roles a[href$="roles/{role.id}/"]')
            expect(link).to_have_text(role.data.name)
            box = link.bounding_box()
            assert box is not None and box["y"] + box["height"] <= PHONE["height"], (
                f"{role.data.name}: below the first screen ({box})")
            assert box["height"] >= 24, f"{role.data.name}: a target under 24 px ({box})"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_page_has_the_phase_banner(browser: Browser, site_url: str,
                                         viewport: dict[str, int]) -> None:
    with _page(browser, viewport) as page:
        for path in ("", "principles/", "roles/gp/", "glossary/", "about/"):
            page.goto(urljoin(site_url, path))
            banner = page.locator(".md-banner .rcp-phase")
            expect(banner).to_be_visible()
            assert _words(banner.inner_text()).startswith(BANNER), path
            link = banner.get_by_role("link", name="Tell us what's missing")
            link.click()
            page.wait_for_url(urljoin(site_url, "tell-us/"))


# --- layer pages ----------------------------------------------------------------------------


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_every_layer_page_fits_its_phone_budget(
        browser: Browser, site_url: str, framework: model.Framework, palette: Palette) -> None:
    """Every layer page at 390 px, its collapsed parts closed, is at most 8 screens of 844 px."""
    heights: dict[str, int] = {}
    with _page(browser, PHONE, palette) as page:
        for layer in framework.layers:
            page.goto(urljoin(site_url, f"{layer.id}/"))
            assert page.locator("article details[open]").count() == 0, layer.id
            heights[layer.id] = page.evaluate("document.scrollingElement.scrollHeight")
    over = {ident: f"{h} px = {h / PHONE['height']:.1f} screens" for ident, h in heights.items()
            if h > SCREENS * PHONE["height"]}
    assert not over, f"layer pages over {SCREENS} phone screens ({palette}): {over}"


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_an_item_shows_its_practice_first_and_collapses_the_rest(
        browser: Browser, site_url: str, framework: model.Framework, palette: Palette) -> None:
    """Each item: heading, tags, its summary and its questions shown; its description, sources and
    "Suggest a change" closed, in <details> whose summary the keyboard opens and closes; no item
    opens with its sources. A proposal carries a tag that says so."""
    layer = next(layer for layer in framework.layers if layer.proposed)
    item, proposal = layer.current[0], layer.proposed[0]
    with _page(browser, PHONE, palette) as page:
        page.goto(urljoin(site_url, f"{layer.id}/"))
        heading = page.locator(f"h2#{item.id}")
        expect(heading).to_contain_text(item.data.name)
        section = page.locator(f"h2#{item.id} ~ *").first
        expect(section).to_be_visible()
        first_text = _words(page.evaluate(
            f"""() => {{ let el = document.getElementById({item.id!r}).nextElementSibling;
                 while (el && el.classList.contains('rcp-tags')) el = el.nextElementSibling;
                 return el.textContent; }}"""))
        assert first_text == _words(item.data.summary)
        assert "Sources" not in first_text
        more = page.locator(f"h2#{item.id} ~ .rcp-more").first
        summaries = [_words(s) for s in more.locator("summary").all_inner_texts()]
        assert summaries[0].startswith("More about it") and summaries[1:] == [
            "Where it comes from", "Suggest a change"], summaries
        sources = more.locator("details", has_text="Where it comes from")
        expect(sources.locator("p", has_text="Sources:")).to_be_hidden()
        # the keyboard: Tab to the summary, Enter opens, the sources show, Enter closes
        summary = sources.locator("summary")
        summary.focus()
        assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
        page.keyboard.press("Enter")
        expect(sources).to_have_attribute("open", "")
        expect(sources.locator("p", has_text="Sources:")).to_be_visible()
        page.keyboard.press("Space")
        expect(sources).not_to_have_attribute("open", "")
        # a proposal's tag beside its name, in the look of a tag, not a bold sentence
        tag = page.locator(f"h2#{proposal.id} + p.rcp-tags .rcp-tag--proposal")
        expect(tag).to_have_text("Proposal under discussion")
        style = tag.evaluate("el => { const s = getComputedStyle(el); return "
                             "[s.borderTopStyle, parseFloat(s.borderTopLeftRadius)]; }")
        assert style[0] == "solid" and style[1] > 0
        assert page.get_by_text("Proposal under discussion.", exact=True).count() == 0


def test_layer_pages_say_whose_lists_these_are(browser: Browser, site_url: str,
                                               framework: model.Framework) -> None:
    sentence = "The lists of items are the editors' reading of the two blog posts"
    with _page(browser, DESKTOP) as page:
        for path in ["", "overview/", *(f"{layer.id}/" for layer in framework.layers)]:
            page.goto(urljoin(site_url, path))
            expect(page.locator("article").get_by_text(sentence)).to_have_count(1)


# --- role pages -----------------------------------------------------------------------------


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_role_pages_open_with_their_path_and_step_on(
        browser: Browser, site_url: str, framework: model.Framework,
        viewport: dict[str, int]) -> None:
    """Right under the heading and one sentence: "Where to start reading". Each step's "Next step"
    link goes to the next step; the last one leads on. No example shows twice."""
    with _page(browser, viewport) as page:
        for role in framework.roles:
            page.goto(urljoin(site_url, f"roles/{role.id}/"))
            article = page.locator("article")
            blocks = article.evaluate("""a => [...a.children]
                .filter(el => !['A', 'NAV'].includes(el.tagName)
                              && !el.classList.contains('md-content__button'))
                .map(el => el.tagName + ':' + (el.id || ''))""")
            h1 = next(i for i, b in enumerate(blocks) if b.startswith("H1"))
            assert blocks[h1 + 1].startswith("P:") and blocks[h1 + 2] == "H2:where-to-start-reading", (
                role.id, blocks[: h1 + 3])
            for number, item in enumerate(role.path, start=1):
                step = page.locator(f"h3#step-{number}")
                expect(step).to_contain_text(item.data.name)
                nexts = page.locator(f"h3#step-{number} ~ p", has_text="Next step").first
                link = nexts.locator("a").last
                if number < len(role.path):
                    assert (link.get_attribute("href") or "").endswith(f"/{role.id}/#step-{number + 1}")
                    link.click()
                    page.wait_for_url(re.compile(f"#step-{number + 1}$"))
                else:
                    assert "#step-" not in (link.get_attribute("href") or "#step-")
            text = _words(article.inner_text())
            for _, example in role.examples:
                start = _words(example.data.text)[:60]
                assert text.count(start) <= 1, f"{role.id}: an example shown twice: {start}"
            # the theme's footer would offer the next role as "Next": the steps lead on instead
            expect(page.locator(".md-footer__link--next")).to_be_hidden()
            below = text.index("Where the sources place this role")
            assert text.find("The sources do not place this role") in (-1, *range(below, len(text)))


# --- one count ------------------------------------------------------------------------------


def test_the_onion_the_cards_and_the_overview_count_alike(
        browser: Browser, site_url: str, framework: model.Framework) -> None:
    with _page(browser, DESKTOP) as page:
        page.goto(site_url)
        onion = [_words(t) for t in page.locator("figure.rcp-onion a").evaluate_all(
            "links => links.map(a => a.getAttribute('aria-label'))")]
        cards = [_words(t) for t in page.locator(".rcp-card__count").all_inner_texts()]
        page.goto(urljoin(site_url, "overview/"))
        overview = page.locator("article ol").first.inner_text()
        for layer in framework.layers:
            said = layer.tally.text
            assert said == f"{len(layer.current)} item{'s' * (len(layer.current) != 1)}" + (
                f", {len(layer.proposed)} proposed" if layer.proposed else "")
            assert f"{layer.data.name}: {said}" in onion
            assert said in cards
            assert f"({said})" in overview


# --- glossary tooltips ----------------------------------------------------------------------


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_tooltips_are_readable_once_a_page_and_clear_of_notices(
        browser: Browser, site_url: str, viewport: dict[str, int]) -> None:
    """Each term is marked once a page; its tooltip, opened by a tap (phone) or the keyboard,
    renders at 14 px or more and covers no tag or banner."""
    touch = viewport is PHONE
    with _page(browser, viewport, has_touch=touch, is_mobile=touch) as page:
        for path in ("roles/gp/", "behaviours/", "why-now/", "about/"):
            page.goto(urljoin(site_url, path))
            for summary in page.locator("article details.rcp-details > summary").all():
                summary.click()  # a term may be first used in a collapsed part
            terms = page.locator(".md-content abbr").all_inner_texts()
            lowered = [t.lower() for t in terms]
            assert lowered and len(lowered) == len(set(lowered)), f"/{path}: {terms}"
            for index in range(len(terms)):
                abbr = page.locator(".md-content abbr").nth(index)
                abbr.scroll_into_view_if_needed()
                if touch:
                    abbr.tap()
                else:
                    abbr.focus()
                tooltip = page.locator("[role=tooltip].md-tooltip2--active")
                expect(tooltip, f"/{path}: no tooltip for {terms[index]}").to_have_count(1)
                expect(tooltip).to_contain_text(abbr.get_attribute("title") or "")
                size = tooltip.evaluate(
                    "t => parseFloat(getComputedStyle(t.querySelector('.md-tooltip2__inner')).fontSize)")
                assert size >= 14, f"/{path}: tooltip of {terms[index]} at {size} px"
                covered = tooltip.evaluate("""t => {
                  const a = t.querySelector('.md-tooltip2__inner').getBoundingClientRect();
                  return [...document.querySelectorAll('.rcp-tag, .md-banner, .rcp-banner, .admonition')]
                    .filter(n => { const b = n.getBoundingClientRect();
                      return b.width && a.left < b.right && b.left < a.right
                             && a.top < b.bottom && b.top < a.bottom; })
                    .map(n => n.textContent.trim().slice(0, 40)); }""")
                assert not covered, f"/{path}: the tooltip of {terms[index]} covers {covered}"
                page.evaluate("document.activeElement && document.activeElement.blur()")


# --- screenshots ----------------------------------------------------------------------------


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_screenshots_of_a_layer_and_a_role_page_on_a_phone(
        browser: Browser, site_url: str, palette: Palette) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    suffix = "" if palette == "light" else "-dark"
    with _page(browser, PHONE, palette) as page:
        for path, name in (("behaviours/", "behaviours"), ("roles/gp/", "roles-gp"),
                           ("", "home")):
            page.goto(urljoin(site_url, path), wait_until="networkidle")
            shot = SCREENSHOTS / f"pages-{name}-390{suffix}.png"
            page.screenshot(path=str(shot), full_page=bool(path))
            assert shot.stat().st_size > 0
