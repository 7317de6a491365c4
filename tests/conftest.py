"""Shared fixtures: the site built once per session, served locally, and one headless Chromium."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browsers import find_browser
from hostile.site import serve

if TYPE_CHECKING:
    from playwright.sync_api import Browser

REPO_ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once per session with `mkdocs build --strict` into a temporary directory."""
    out = tmp_path_factory.mktemp("site")
    try:
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
            cwd=REPO_ROOT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            check=True,
            capture_output=True,
        )
    except subprocess.CalledProcessError as exc:
        pytest.fail(
            "mkdocs build --strict failed:\n"
            + exc.stdout.decode(errors="replace")
            + exc.stderr.decode(errors="replace"),
            pytrace=False,
        )
    return out


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 (a free port) for the session: its base URL."""
    with serve(built_site) as url:
        yield url


def pytest_report_header() -> str:
    return "browser tests: " + find_browser()[1]


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """A Chromium-family browser (tests/browsers.py): the tests fail without one on CI (CI=true)
    and are skipped elsewhere."""
    found, message = find_browser()
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return found


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Browser]:
    """One headless Chromium for the whole session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - the test extra installs playwright
        message = f"playwright is not installed: {exc}"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()
