"""Reading with no signal: the service worker in a real browser (a page read and a page kept open
with the network off; a page not kept gets the short offline page; a changed build shows after
reconnecting, in a new cache, the old one removed; no worker from files on disk, none in a pull
request's preview; no request beyond the site), and the files every engine publishes for it.

127.0.0.1 is a secure context, so the worker registers as on the published site. The site is a
copy per test, so that a test can publish a change to it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Literal
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from hostile.site import serve
from playwright.sync_api import Browser, BrowserContext, Page, expect

from rcp_docs.publish.build import build, build_bytes
from rcp_docs.publish.publishing import Publication
from rcp_docs.site.offline import ICON, MANIFEST, WORKER

REPO_ROOT = Path(__file__).resolve().parent.parent
CACHE = re.compile(r'CACHE = PREFIX \+ "([0-9a-f]+)"')


@pytest.fixture
def served(built_site: Path, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    with serve(copy) as url:
        # The sitemap with the addresses served here: Material's instant navigation follows only
        # links it lists (routing it in the browser, as test_reflect does, would bypass the worker).
        sitemap = copy / "sitemap.xml"
        text = sitemap.read_text(encoding="utf-8")
        locs = re.findall(r"<loc>([^<]+)</loc>", text)
        sitemap.write_text(text.replace(min(locs, key=len), url), encoding="utf-8")
        yield copy, url


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    made = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="allow")
    made.set_default_timeout(15_000)
    requests: list[str] = []
    made.on("request", lambda r: requests.append(r.url))
    try:
        yield made
    finally:
        made.close()
    outside = [u for u in requests if urlsplit(u).scheme in {"http", "https"}
               and urlsplit(u).hostname != "127.0.0.1"]
    assert not outside, f"requests beyond the site: {outside}"


def _controlled(context: BrowserContext, url: str) -> Page:
    """A page of the site once the worker controls it."""
    page = context.new_page()
    page.goto(url)
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null")
    return page


def _caches(page: Page) -> list[str]:
    names: list[str] = page.evaluate("caches.keys()")
    return names


@pytest.mark.browser
def test_a_read_page_and_a_kept_page_open_with_the_network_off(
        context: BrowserContext, served: tuple[Path, str]) -> None:
    url = served[1]
    page = _controlled(context, url)
    page.goto(urljoin(url, "overview/"))  # read: kept as it is opened
    expect(page.locator("h1")).to_have_text(re.compile("Overview"))
    page.goto(urljoin(url, "about/"))
    box = page.locator(".rcp-offline")
    expect(box.locator(".rcp-offline-needs")).to_be_hidden()
    expect(box.get_by_role("button", name="Keep every page")).to_be_hidden()  # the size comes first
    box.get_by_role("button", name="Check how much space it needs").click()
    status = box.get_by_role("status")
    expect(status).to_contain_text(re.compile(r"Keeping every page takes about [\d.]+ (kB|MB) on this "
                                              r"device \(\d+ files\)"))
    expect(box.locator(".rcp-offline-pdf")).to_be_hidden()  # no PDF in this build
    box.get_by_role("button", name="Keep every page").click()
    expect(status).to_contain_text(re.compile(r"^Kept \d+ files for offline reading\.$"))
    kept = page.evaluate("""caches.keys().then(n => caches.open(n[0])).then(c => c.keys())
        .then(k => k.map(r => new URL(r.url).pathname))""")
    assert "/glossary/" in kept and "/team/" in kept and "/roles/gp/" in kept
    assert all(urlsplit(k).path.startswith("/") for k in kept)
    context.set_offline(True)
    page.goto(urljoin(url, "overview/"))
    expect(page.locator("h1")).to_have_text(re.compile("Overview"))
    page.goto(urljoin(url, "glossary/"))  # never opened: kept with every page
    expect(page.locator("h1")).to_have_text(re.compile("Glossary"))
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    page.goto(urljoin(url, "no-such-page/"))
    expect(page.locator("h1")).to_have_text("This page is not kept on this device")
    link = page.get_by_role("link", name=re.compile("^Glossary"))
    expect(link).to_have_count(1)
    link.click()
    expect(page.locator("h1")).to_have_text(re.compile("Glossary"))
    context.set_offline(False)
    # Removing what was kept empties the cache.
    page.goto(urljoin(url, "about/"))
    page.locator(".rcp-offline").get_by_role("button", name="Check how much space it needs").click()
    page.get_by_role("button", name="Remove kept pages").click()
    expect(page.locator(".rcp-offline-status")).to_have_text("The kept pages were removed from this device.")
    left = page.evaluate("""caches.keys().then(n => Promise.all(n.map(name => caches.open(name)
        .then(c => c.keys())))).then(all => all.flat().map(r => new URL(r.url).pathname))""")
    assert "/glossary/" not in left and "/overview/" not in left  # (a request since may start anew)


@pytest.mark.browser
def test_a_changed_build_shows_after_reconnecting(context: BrowserContext,
                                                  served: tuple[Path, str]) -> None:
    folder, url = served
    page = _controlled(context, url)
    page.goto(urljoin(url, "overview/"))
    old = CACHE.search((folder / "sw.js").read_text(encoding="utf-8"))
    assert old
    assert _caches(page) == [f"rcp-offline-{old[1]}"]
    context.set_offline(True)
    page.reload()
    expect(page.locator("h1")).to_have_text(re.compile("^Overview"))
    # A new build is published while the reader has no signal.
    html = folder / "overview" / "index.html"
    html.write_text(html.read_text(encoding="utf-8").replace(">Overview<", ">Overview, as changed<", 1),
                    encoding="utf-8")
    worker = folder / "sw.js"
    worker.write_text(worker.read_text(encoding="utf-8").replace(old[1], "0123456789abcdef"),
                      encoding="utf-8")
    page.reload()
    expect(page.locator("h1")).to_have_text(re.compile("^Overview$|^Overview¶?$"))
    context.set_offline(False)
    page.reload()
    expect(page.locator("h1")).to_contain_text("Overview, as changed")
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    page.wait_for_function("caches.keys().then(k => k.join() === 'rcp-offline-0123456789abcdef')")
    # What was kept moved into the new cache: the page still opens with no signal.
    context.set_offline(True)
    page.goto(urljoin(url, "overview/"))
    expect(page.locator("h1")).to_contain_text("Overview, as changed")


SPY = """(() => { window.rcpRegistered = [];
  const sw = navigator.serviceWorker, register = sw && sw.register.bind(sw);
  if (register) sw.register = (...args) => {
    window.rcpRegistered.push(String(args[0]));
    return register(...args);
  };
})()"""


@pytest.mark.browser
def test_no_worker_from_files_on_disk(context: BrowserContext, built_site: Path,
                                      served: tuple[Path, str]) -> None:
    context.add_init_script(SPY)
    page = context.new_page()
    page.goto(urljoin(served[1], "about/"))  # the same page over http registers the worker
    page.wait_for_function("window.rcpRegistered.length > 0")
    assert page.evaluate("window.rcpRegistered") == [urljoin(served[1], "sw.js")]
    page.goto((built_site / "about" / "index.html").as_uri())
    expect(page.locator("script[src$='offline.js']")).to_have_count(1)  # present, and it declines
    page.wait_for_function("document.readyState === 'complete'")
    page.wait_for_timeout(300)
    assert page.evaluate("window.rcpRegistered") == []
    expect(page.locator(".rcp-offline-needs")).to_be_visible()
    expect(page.get_by_role("button", name="Check how much space it needs")).to_be_hidden()


@pytest.mark.browser
def test_manifest_and_icon_make_the_site_installable(context: BrowserContext,
                                                     served: tuple[Path, str]) -> None:
    _, url = served
    page = context.new_page()
    page.goto(url)
    href = page.locator("link[rel=manifest]").get_attribute("href")
    assert href
    response = page.request.get(urljoin(url, href))
    manifest = response.json()
    assert manifest["start_url"] == "./" and manifest["display"] == "standalone"
    assert manifest["name"] and manifest["short_name"]
    icon = page.request.get(urljoin(urljoin(url, href), manifest["icons"][0]["src"]))
    assert icon.ok and icon.headers["content-type"].startswith("image/svg+xml")
    ElementTree.fromstring(icon.body())  # well-formed


def test_the_preview_registers_no_worker(tmp_path: Path) -> None:
    """A pull request's preview is opened from files on disk: no worker script, no manifest."""
    out = tmp_path / "preview"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                   cwd=REPO_ROOT, check=True, capture_output=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "RCP_PREVIEW": "abc1234"})
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "Preview of a pull request" in home or "abc1234" in home
    assert "offline.js" not in home and 'rel="manifest"' not in home


def test_every_engine_gets_the_worker_and_manifest(tmp_path: Path) -> None:
    """They are generated files, so the one publishing step hands them to every engine; the cache
    is named after the build, and a changed framework names a new one."""
    site = build(REPO_ROOT / "framework.yml")
    folder = Publication(site).docs_folder(REPO_ROOT / "content")
    for path in (WORKER, MANIFEST, ICON):
        assert path in folder, path
    json.loads(str(folder[MANIFEST]))
    raw = (REPO_ROOT / "framework.yml").read_bytes()  # without the releases, in all three builds
    first = CACHE.search(build_bytes(raw).pages[WORKER])
    same = CACHE.search(build_bytes(raw).pages[WORKER])
    assert first and same and same[1] == first[1]  # the same files, the same name
    edited = re.sub(rb'\n  version: "[^"]+"\n', b'\n  version: "99.0.0"\n', raw, count=1)
    assert edited != raw
    again = CACHE.search(build_bytes(edited).pages[WORKER])
    assert again and first and again[1] != first[1]


@pytest.mark.browser
@pytest.mark.parametrize("palette", ["light", "dark"])
def test_the_keep_control_by_keyboard_after_instant_navigation_axe_and_phones(
        browser: Browser, served: tuple[Path, str], palette: Literal["light", "dark"]) -> None:
    from axe_playwright_python.sync_playwright import Axe
    from test_reflect import AXE_OPTIONS

    url = served[1]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=palette)
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        page.goto(urljoin(url, "overview/"))
        loads: list[str] = []
        page.on("load", lambda p: loads.append(p.url))
        page.locator(".md-tabs__link", has_text="Home").click()  # instant navigation
        page.wait_for_url(url, wait_until="commit")
        check = page.get_by_role("button", name="Check how much space it needs")
        expect(check).to_be_visible()
        check.focus()
        page.keyboard.press("Enter")
        expect(page.locator(".rcp-offline-status")).to_contain_text("Keeping every page takes about")
        page.keyboard.press("Tab")
        expect(page.get_by_role("button", name="Keep every page")).to_be_focused()
        assert loads == [], "instant navigation should not reload the page"
        results = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        assert not results, [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in results]
        for width in (390, 320):
            page.set_viewport_size({"width": width, "height": 844})
            page.wait_for_timeout(100)
            scroll, inner = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
            assert scroll <= inner, f"scrolls sideways at {width} px: {scroll} > {inner}"
    finally:
        context.close()


@pytest.mark.browser
def test_the_pdf_is_kept_only_if_asked(context: BrowserContext, served: tuple[Path, str]) -> None:
    """A build with the PDF (here a stand-in file, and the About page naming it as such a build
    does): it is offered with its size, and kept only when its box is ticked."""
    folder, url = served
    (folder / "downloads" / "framework-test.pdf").write_bytes(b"%PDF-1.7\n" + b"0" * 200_000)
    about = folder / "about" / "index.html"
    text = about.read_text(encoding="utf-8")
    assert 'data-pdf=""' in text
    about.write_text(text.replace('data-pdf=""', 'data-pdf="downloads/framework-test.pdf"'),
                     encoding="utf-8")
    page = _controlled(context, urljoin(url, "about/"))
    kept = """caches.keys().then(n => caches.open(n[0])).then(c => c.keys())
        .then(k => k.map(r => new URL(r.url).pathname))"""
    for ticked in (False, True):
        page.get_by_role("button", name="Check how much space it needs").click()
        pdf = page.get_by_label(re.compile(r"^Also keep the PDF of the whole framework \(about 200 kB\)$"))
        expect(pdf).to_be_visible()
        pdf.set_checked(ticked)
        page.get_by_role("button", name="Keep every page").click()
        status = page.locator(".rcp-offline-status")
        expect(status).to_contain_text(", the PDF included" if ticked else "for offline reading.")
        assert ("/downloads/framework-test.pdf" in page.evaluate(kept)) is ticked
