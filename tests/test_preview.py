"""Editors' previews: problems shown in the browser during `mkdocs serve`, and a pull request's
preview that works when opened from disk."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import markdown
import pytest

from rcp_docs.base.errors import Problem
from rcp_docs.publish.preview import preview_banner, problems_banner, problems_page

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Dialog, Page

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>[x](javascript:alert(3))'


def _copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for folder in ("content", "theme_overrides"):
        shutil.copytree(ROOT / folder, dest / folder)
    for name in ("mkdocs.yml", "framework.yml"):
        shutil.copy(ROOT / name, dest / name)
    return dest


# --- the text of the problems page and banners -------------------------------------------------


def test_problem_text_stays_text() -> None:
    problem = Problem(3, 5, f"item 'x', name: '{HOSTILE}' is not allowed")
    page = markdown.markdown(problems_page("framework.yml", [problem], True),
                             extensions=["attr_list", "tables", "toc"])
    assert "<script" not in page and "<img" not in page and 'href="javascript' not in page
    assert "framework.yml:3:5: item 'x', name: '&lt;script&gt;alert(1)&lt;/script&gt;" in page
    banner = problems_banner('<b>"x"</b>.yml', 1, '"><script>')
    assert "<b>" not in banner and "<script>" not in banner
    assert "<script>" not in preview_banner("<script>alert(1)</script>")


def test_problems_page_says_when_all_is_fixed() -> None:
    text = problems_page("data/framework.yml", [], True)
    assert "data/framework\\.yml has no problems now." in text


# --- mkdocs serve: the browser shows the problems and recovers ---------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """`mkdocs serve` on a copy of the project: (the copy, its address)."""
    project = _copy_project(tmp_path / "project")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "RCP_SITE_URL": url})
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(url + "behaviours/", timeout=5) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail("mkdocs serve did not start", pytrace=False)
            time.sleep(0.3)
        yield project, url
    finally:
        server.terminate()
        server.wait(timeout=30)


def _validate(path: Path) -> list[str]:
    result = subprocess.run([sys.executable, "-m", "rcp_docs", "validate", path.name],
                            cwd=path.parent, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    return result.stderr.splitlines()[:-1]  # every problem, without the count


@pytest.mark.browser
def test_serve_shows_problems_in_the_browser_and_recovers(served: tuple[Path, str],
                                                          browser: Browser) -> None:
    project, url = served
    source = project / "framework.yml"
    good = source.read_text(encoding="utf-8")
    broken = good.replace('version: "', f'version: "{HOSTILE}', 1).replace(
        "\n        name: Kindness\n", "\n        name: Kindness\n        colour: red\n", 1)
    assert broken.count(HOSTILE) == 1 and "colour: red" in broken
    page: Page = browser.new_page()
    dialogs: list[str] = []

    def refuse(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", refuse)
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(url) else None)
    try:
        page.goto(url + "behaviours/")
        kindness = page.locator("#kindness").inner_text()
        source.write_text(broken, encoding="utf-8")
        saved = time.monotonic()
        banner = page.locator(".rcp-banner--problems")
        banner.wait_for(timeout=3000)  # the live preview reloads the page by itself
        assert time.monotonic() - saved < 3
        assert "framework.yml has 2 problems." in banner.inner_text()
        assert page.locator("#kindness").inner_text() == kindness  # the last good version
        with urllib.request.urlopen(url + "overview/", timeout=3) as response:  # never held
            assert response.status == 200
        banner.get_by_role("link", name="See the problems").click()
        page.wait_for_url(re.compile(r"rcp-problems/"))
        listed = [li.inner_text() for li in page.locator("article li").all()]
        assert listed == _validate(source)  # the same words as rcp-docs validate
        assert any("colour" in line for line in listed)
        source.write_text(good, encoding="utf-8")
        page.get_by_text("has no problems now").wait_for(timeout=5000)
        page.goto(url + "behaviours/")
        assert page.locator(".rcp-banner--problems").count() == 0
        assert dialogs == [] and outside == []
    finally:
        page.close()


# --- make preview: the site from a zip ---------------------------------------------------------


@pytest.fixture(scope="module")
def preview_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("preview") / "site-preview"
    result = subprocess.run(
        ["make", "--silent", "preview", "PREVIEW_COMMIT=abc1234", f"BIN={Path(sys.executable).parent}"],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    shutil.move(ROOT / "site-preview", out)
    return out


def test_preview_links_point_at_files(preview_site: Path) -> None:
    html = (preview_site / "index.html").read_text(encoding="utf-8")
    assert 'href="behaviours/index.html"' in html
    assert not re.search(r'href="(?!https?:|mailto:|#)[^"]*/"', html), "a link to a folder"
    assert "Preview of a pull request</strong> at commit <code>abc1234</code>" in html


@pytest.mark.browser
def test_preview_opens_from_disk(preview_site: Path, browser: Browser) -> None:
    page: Page = browser.new_page()
    try:
        page.goto((preview_site / "index.html").as_uri())
        page.locator('.rcp-cards a[href="behaviours/index.html"]').click()  # a layer card
        page.wait_for_url(re.compile(r"/behaviours/index\.html$"))
        assert "Index of" not in page.title()
        page.locator("article details.rcp-contents > summary").click()  # "On this page"
        page.locator('article a[href="#kindness"]').first.click()
        page.wait_for_url(re.compile(r"/behaviours/index\.html#kindness$"))
        assert page.locator("#kindness").is_visible()
        page.go_back()
        page.go_back()
        page.wait_for_url(re.compile(r"/index\.html$"))
        assert page.locator(".rcp-banner--preview").is_visible()
        page.locator(".md-banner .rcp-phase a").click()  # the phase banner works from disk too
        page.wait_for_url(re.compile(r"/tell-us\.html$"))
    finally:
        page.close()
