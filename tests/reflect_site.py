"""What the reflection page and the team view's browser tests share: the items as the page asks
them, from the model, and a browser context that refuses every request beyond 127.0.0.1 (and
opens no dialog) and serves the sitemap with local addresses, so that instant navigation works."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Dialog, Page, Route

from rcp_docs.publish.build import load_framework
from rcp_docs.site.reflect import answer_redirects

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Asked:
    """An item as the page asks about it (plain data: pytest's failure report prints the
    arguments of a test, and the model's objects form a graph too large to print)."""

    id: str
    name: str
    layer: str
    proposed: bool


@dataclass(frozen=True)
class Sheet:
    items: list[Asked]  # in page order: layer by layer, proposals last in each, no retired items
    layers: list[tuple[str, str]]  # (id, name) from the core outwards
    version: str
    retired: list[str]
    redirects: dict[str, str]


def load_sheet() -> Sheet:
    fw = load_framework(REPO_ROOT / "framework.yml")
    items = [Asked(i.id, i.data.name, layer.id, i.proposed) for layer in fw.layers
             for i in [*[x for x in layer.items if not x.retired and not x.proposed],
                       *[x for x in layer.items if x.proposed]]]
    return Sheet(items, [(layer.id, layer.data.name) for layer in fw.layers],
                 fw.data.framework.version, [i.id for i in fw.items if i.retired],
                 answer_redirects(fw))


def _local_sitemap(route: Route, site_url: str) -> None:
    """The sitemap with the site's addresses as served here. Material's instant navigation only
    follows links that its sitemap lists; the site is built for its public address (site_url),
    so without this every click in the tests would be a full page load."""
    response = route.fetch()
    text = response.text()
    locs = re.findall(r"<loc>([^<]+)</loc>", text)
    root = min(locs, key=len) if locs else site_url
    route.fulfill(response=response, body=text.replace(root, site_url))


@contextmanager
def guarded_context(browser: Browser, site_url: str) -> Iterator[BrowserContext]:
    """A fresh context that refuses (and records) every request beyond 127.0.0.1, and serves
    the sitemap with local addresses so that instant navigation works as on the real site."""
    made = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light",
                               accept_downloads=True)
    made.set_default_timeout(15_000)
    outside: list[str] = []
    dialogs: list[str] = []

    def route(r: Route) -> None:
        if urlsplit(r.request.url).path == "/sitemap.xml":
            _local_sitemap(r, site_url)
        elif _local(r.request.url):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    made.route(re.compile(r".*"), route)
    made.on("dialog", on_dialog)
    made.outside = outside  # type: ignore[attr-defined]
    made.dialogs = dialogs  # type: ignore[attr-defined]
    try:
        yield made
    finally:
        made.close()
    assert not outside, f"requests beyond 127.0.0.1: {outside}"
    assert not dialogs, f"dialogs opened: {dialogs}"


def _local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"data", "blob", "about"} or parts.hostname == "127.0.0.1"


def watched_page(context: BrowserContext) -> Page:
    """A new page that records its script errors and console errors in `page.errors`."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.errors = errors  # type: ignore[attr-defined]
    return page
