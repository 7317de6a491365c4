"""The diagrams as readers see them (headless Debian Chromium): on every page with a diagram, at
390 and 1280 px, in the light and the dark scheme, every SVG text renders at 14 CSS px or more,
stays inside the shape it sits on, and has 4.5:1 contrast against what is behind it.

axe-core does not check SVG text (NOTES.md), so these measurements are the guard. The smallest
size and contrast per diagram are written to test-artifacts/diagram-text.json; screenshots of the
comparison page (both widths, both schemes) to test-artifacts/screenshots/.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from hostile.site import serve
from playwright.sync_api import Browser, Page, expect

REPO_ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO_ROOT / "test-artifacts"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
SCHEMES = {"light": "default", "dark": "slate"}
MIN_PX = 14.0
MIN_CONTRAST = 4.5

pytestmark = pytest.mark.browser

# For each visible text of each diagram (a <tspan>, or a <text> without tspans): its rendered font
# size (computed size times the SVG's scale), its fill, the fills of the shapes under its centre
# (bottom to top) over the page's background, and whether every corner of its box lies on the same
# topmost shape as its centre (or on none, like the centre).
MEASURE = """() => {
  const pageBackground = (el) => {
    for (let node = el; node; node = node.parentElement) {
      const colour = getComputedStyle(node).backgroundColor;
      if (colour && colour !== 'transparent' && !/rgba\\(.*,\\s*0\\)$/.test(colour)) return colour;
    }
    return 'rgb(255, 255, 255)';
  };
  const alpha = (el) => {
    const style = getComputedStyle(el);
    return parseFloat(style.fillOpacity) * parseFloat(style.opacity);
  };
  const out = [];
  document.querySelectorAll('figure.rcp-diagram svg').forEach((svg, number) => {
    const figure = svg.closest('figure');
    const name = [...figure.classList].filter(c => c !== 'rcp-diagram').join(' ') + ' #' + number;
    const shapes = [...svg.querySelectorAll('circle, rect, ellipse, path, polygon')].filter(
      s => !s.closest('defs') && getComputedStyle(s).fill !== 'none');
    const under = (x, y) => shapes.filter(s => s.isPointInFill(new DOMPoint(x, y)));
    const background = pageBackground(figure);
    for (const text of svg.querySelectorAll('text, tspan')) {
      if (text.tagName === 'text' && text.querySelector('tspan')) continue;
      if (!text.textContent.trim() || text.getClientRects().length === 0) continue;
      const style = getComputedStyle(text);
      const scale = text.getScreenCTM().a;
      const box = text.getBBox();
      const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
      const stack = under(cx, cy);
      const top = stack[stack.length - 1] || null;
      const inset = 0.5;
      const corners = [[box.x + inset, box.y + inset], [box.x + box.width - inset, box.y + inset],
                       [box.x + inset, box.y + box.height - inset],
                       [box.x + box.width - inset, box.y + box.height - inset]];
      const inside = corners.every(([x, y]) => {
        const here = under(x, y);
        return (here[here.length - 1] || null) === top;
      });
      out.push({
        diagram: name,
        text: text.textContent.trim(),
        size: parseFloat(style.fontSize) * scale,
        height: text.getBoundingClientRect().height,
        fill: style.fill, alpha: alpha(text),
        behind: stack.map(s => [getComputedStyle(s).fill, alpha(s)]),
        background,
        inside,
        shape: top ? top.tagName + '.' + (top.getAttribute('class') || '') : 'page',
      });
    }
  });
  return out;
}"""

# --- colour arithmetic (WCAG 2.x relative luminance and contrast ratio) ----------------------

Rgb = tuple[float, float, float]


def parse_colour(colour: str) -> tuple[Rgb, float]:
    """An `rgb()`/`rgba()` colour as Chromium computes it, as (r, g, b) 0-255 and alpha 0-1."""
    match = re.fullmatch(r"rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)", colour)
    if match is None:
        raise ValueError(f"not an rgb() colour: {colour!r}")
    r, g, b, a = match.groups()
    return (float(r), float(g), float(b)), 1.0 if a is None else float(a)


def over(top: Rgb, alpha: float, bottom: Rgb) -> Rgb:
    """`top` painted with `alpha` over the opaque `bottom`."""
    return (top[0] * alpha + bottom[0] * (1 - alpha), top[1] * alpha + bottom[1] * (1 - alpha),
            top[2] * alpha + bottom[2] * (1 - alpha))


def luminance(rgb: Rgb) -> float:
    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: Rgb, second: Rgb) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_contrast(node: dict[str, Any]) -> float:
    """The contrast of a measured text against the shapes under it over the page background."""
    behind, page_alpha = parse_colour(node["background"])
    behind = over(behind, page_alpha, (255.0, 255.0, 255.0))
    for fill, shape_alpha in node["behind"]:
        rgb, alpha = parse_colour(fill)
        behind = over(rgb, alpha * shape_alpha, behind)
    ink, ink_alpha = parse_colour(node["fill"])
    return contrast(over(ink, ink_alpha * node["alpha"], behind), behind)


def problems(nodes: list[dict[str, Any]]) -> list[str]:
    """Every text under 14 px, under 4.5:1, or leaving its shape, one line each."""
    found = []
    for node in nodes:
        where = f"{node['diagram']} {node['text']!r} on {node['shape']}"
        ratio = text_contrast(node)
        if node["size"] < MIN_PX:
            found.append(f"{where}: {node['size']:.1f} px < {MIN_PX} px")
        if ratio < MIN_CONTRAST:
            found.append(f"{where}: contrast {ratio:.2f} < {MIN_CONTRAST} ({node['fill']})")
        if not node["inside"]:
            found.append(f"{where}: leaves its shape")
    return found


def summary(nodes: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The smallest size and contrast per diagram, and how many texts it has."""
    out: dict[str, dict[str, Any]] = {}
    for node in nodes:
        entry = out.setdefault(node["diagram"], {"texts": 0, "min_px": 1e9, "min_contrast": 1e9})
        entry["texts"] += 1
        entry["min_px"] = round(min(entry["min_px"], node["size"]), 2)
        entry["min_contrast"] = round(min(entry["min_contrast"], text_contrast(node)), 2)
    return out


# --- the measurements -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def diagram_pages(built_site: Path) -> list[str]:
    """Every built page with a diagram (URL paths relative to the base)."""
    pages = sorted(
        "" if index.parent == built_site else index.parent.relative_to(built_site).as_posix() + "/"
        for index in built_site.glob("**/index.html")
        if 'class="rcp-diagram' in index.read_text(encoding="utf-8"))
    for expected in ("overview/", "relationships-and-transactions/"):
        assert expected in pages, f"no diagram found on /{expected}"
    return pages


def _open(browser: Browser, viewport: str, scheme: str) -> Page:
    context = browser.new_context(viewport=VIEWPORTS[viewport],  # type: ignore[arg-type]
                                  color_scheme=scheme)  # type: ignore[arg-type]
    context.set_default_timeout(15_000)
    return context.new_page()


RESULTS: dict[str, Any] = {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_diagram_text_is_large_enough_contrasted_and_inside(
    browser: Browser, site_url: str, diagram_pages: list[str], viewport: str, scheme: str
) -> None:
    page = _open(browser, viewport, scheme)
    failures: list[str] = []
    try:
        for path in diagram_pages:
            page.goto(urljoin(site_url, path))
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == \
                SCHEMES[scheme]
            nodes = page.evaluate(MEASURE)
            assert nodes, f"/{path}: no diagram text measured"
            failures += [f"/{path} [{viewport}, {scheme}] {line}" for line in problems(nodes)]
            RESULTS[f"/{path} {viewport} {scheme}"] = summary(nodes)
    finally:
        page.context.close()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "diagram-text.json").write_text(json.dumps(RESULTS, indent=2) + "\n")
    assert not failures, "diagram texts that fail:\n" + "\n".join(failures)


# A diagram built to fail: near-black text on the dark page, 8 units in a 720-unit viewBox, and a
# label wider than its circle. The same measurement must report all three.
BAD_PAGE = """<!doctype html><html><body style="background:#1e2129;margin:0">
<figure class="rcp-diagram" style="margin:0"><svg viewBox="0 0 720 200" width="100%">
<circle cx="100" cy="100" r="60" fill="#f9dcc0"/>
<text x="100" y="104" text-anchor="middle" font-size="18" fill="#1b1b1b">Follows a standard course</text>
<text x="400" y="100" font-size="20" fill="#1b1b1b">Good relationship</text>
<text x="600" y="100" font-size="8" fill="#ffffff">tiny</text>
</svg></figure></body></html>"""


def test_the_measurement_catches_a_bad_diagram(browser: Browser) -> None:
    page = _open(browser, "phone", "dark")
    try:
        page.set_content(BAD_PAGE)
        nodes = page.evaluate(MEASURE)
    finally:
        page.context.close()
    found = problems(nodes)
    assert any("'Follows a standard course'" in p and "leaves its shape" in p for p in found)
    assert any("'Good relationship'" in p and "contrast 1.0" in p for p in found)
    assert any("'tiny'" in p and "px <" in p for p in found)
    assert not any("'Good relationship'" in p and "leaves" in p for p in found)


def test_contrast_arithmetic() -> None:
    white, black = (255.0, 255.0, 255.0), (0.0, 0.0, 0.0)
    assert contrast(white, black) == pytest.approx(21.0)
    assert contrast((118.0, 118.0, 118.0), white) == pytest.approx(4.54, abs=0.01)
    assert over(black, 0.5, white) == (127.5, 127.5, 127.5)
    node = {"background": "rgb(30, 33, 41)", "behind": [], "fill": "rgb(27, 27, 27)", "alpha": 1}
    assert text_contrast(node) < 1.1  # the near-black label on the dark page
    node = {"background": "rgb(255, 255, 255)", "behind": [["rgba(0, 0, 0, 0.5)", 1.0]],
            "fill": "rgb(0, 0, 0)", "alpha": 1.0}
    assert text_contrast(node) == pytest.approx(contrast(black, (127.5, 127.5, 127.5)))
    with pytest.raises(ValueError, match="not an rgb"):
        parse_colour("url(#x)")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_comparison_screenshots(
    browser: Browser, site_url: str, viewport: str, scheme: str
) -> None:
    """The comparison page (the Venn diagram) at both widths in both schemes, for reviewers."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page = _open(browser, viewport, scheme)
    try:
        page.goto(urljoin(site_url, "relationships-and-transactions/"), wait_until="networkidle")
        shot = folder / f"comparison-{viewport}-{scheme}.png"
        page.locator("figure.rcp-venn").scroll_into_view_if_needed()
        page.screenshot(path=str(shot), full_page=True)
    finally:
        page.context.close()
    assert shot.stat().st_size > 10_000, f"suspiciously small screenshot {shot}"


@pytest.fixture(scope="module")
def instant_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site built for the address it is served at: Material's instant navigation only
    takes over links to pages in its sitemap, so the session's site (built for the public
    address) never uses it."""
    folder = tmp_path_factory.mktemp("instant")
    with serve(folder) as url:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(folder)],
            cwd=REPO_ROOT, capture_output=True, text=True, check=False,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "RCP_SITE_URL": url})
        assert result.returncode == 0, result.stdout + result.stderr
        yield url


def test_instant_navigation_into_a_diagram_and_out_by_a_layer(
    browser: Browser, instant_site: str
) -> None:
    """From the home page to the overview by instant navigation (no reload), then a click on a
    layer of the onion opens that layer's page: no error on the way. Without the href shim in
    main.html, the first step threw on the SVG links and the onion never appeared."""
    page = _open(browser, "desktop", "light")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(instant_site, wait_until="networkidle")
        page.evaluate("window.rcpSamePage = true")
        page.locator('a.md-tabs__link[href$="overview/"]').first.click()
        page.wait_for_url(re.compile(r"/overview/$"))
        layer = page.locator("figure.rcp-onion svg a").last  # the core
        layer.wait_for()
        assert page.evaluate("window.rcpSamePage === true"), "the overview was not loaded instantly"
        target = layer.get_attribute("href")
        assert target and not target.startswith("http"), target
        layer.locator("text").first.click()
        page.wait_for_url(urljoin(instant_site, target.removeprefix("../")))
        expect(page.locator("h1").first).to_be_visible()
    finally:
        page.context.close()
    assert not errors, errors
