"""4. Weight: bytes per HTML page (and gzipped), the search index, the whole site, and the requests a
browser makes to load the home page. The site is built and served by the tests' own helpers
(tests/hostile/site.py)."""

from __future__ import annotations

import gzip
import re
import statistics
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from common import PAGE_MAX_BYTES, ROOT, log
from hostile.site import build_copy, serve

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


def _gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def bench_weight(tmp: Path) -> dict[str, Any]:
    log("weight: strict build")
    site = build_copy(tmp / "weight", (ROOT / "framework.yml").read_text(encoding="utf-8"))
    files = [p for p in site.rglob("*") if p.is_file()]
    html = sorted(((p.stat().st_size, p.relative_to(site).as_posix()) for p in files if p.suffix == ".html"),
                  reverse=True)
    index = site / "search" / "search_index.json"
    total = sum(p.stat().st_size for p in files)
    total_gz = sum(_gzip_size(p.read_bytes()) for p in files)
    out: dict[str, Any] = {
        "html_pages": len(html),
        "largest_html_bytes": html[0][0], "largest_html_page": html[0][1],
        "largest_html_gzip_bytes": _gzip_size((site / html[0][1]).read_bytes()),
        "median_html_bytes": statistics.median(size for size, _ in html),
        "over_budget_pages": [{"page": path, "bytes": size} for size, path in html if size > PAGE_MAX_BYTES],
        "search_index_bytes": index.stat().st_size,
        "search_index_gzip_bytes": _gzip_size(index.read_bytes()),
        "site_bytes": total, "site_gzip_bytes": total_gz, "site_files": len(files),
    }
    log("weight: home page in headless Chromium")
    out["home"] = _home_requests(site)
    log("weight: home page's first view over the wire, served with gzip")
    out["home_first_view"] = home_first_view(site)
    return out


def home_first_view(site: Path) -> dict[str, Any]:
    """The home page's first view as a phone loads it from a server that gzips (as GitHub Pages
    does; audit.py's server): bytes over the wire (headers and compressed bodies, as Lighthouse's
    total byte weight counts them) of every request the page and its search worker make, until
    none has started for 1.5 s; and the search index's share."""
    if not CHROMIUM.exists():
        return {"measured": False, "why": f"{CHROMIUM} not found"}
    from audit import GzipHandler
    from playwright.sync_api import Response, sync_playwright

    responses: list[Response] = []
    with serve(site, GzipHandler) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 390, "height": 844})
            context.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/])"), lambda r: r.abort())
            context.on("response", lambda response: responses.append(response))
            page = context.new_page()
            page.goto(base, wait_until="networkidle", timeout=30_000)
            waited, seen = 0, -1
            while seen != len(responses) and waited < 10_000:
                seen = len(responses)
                page.wait_for_timeout(1500)
                waited += 1500
            sizes = {}
            for response in responses:
                measured = response.request.sizes()
                sizes[response.url.removeprefix(base.rstrip("/"))] = \
                    measured["responseBodySize"] + measured["responseHeadersSize"]
            context.close()
        finally:
            browser.close()
    index = sum(size for url, size in sizes.items() if "search_index.json" in url)
    return {"measured": True, "requests": len(sizes), "bytes": sum(sizes.values()),
            "search_index_bytes": index, "by_url": sizes}


def _home_requests(site: Path) -> dict[str, Any]:
    if not CHROMIUM.exists():
        return {"measured": False, "why": f"{CHROMIUM} not found"}
    try:
        from playwright.sync_api import Request, Response, Route, sync_playwright
    except ImportError as exc:
        return {"measured": False, "why": f"playwright is not installed: {exc}"}
    requests: list[str] = []
    responses: list[Response] = []
    outside: list[str] = []

    def is_local(url: str) -> bool:
        return urlsplit(url).hostname == "127.0.0.1" or url.startswith(("data:", "blob:"))

    def on_request(request: Request) -> None:
        if request.url.startswith(("data:", "blob:")):
            return
        requests.append(request.url)
        if not is_local(request.url):
            outside.append(request.url)

    def guard(route: Route) -> None:  # nothing leaves the machine; the request is still counted
        if is_local(route.request.url):
            route.continue_()
        else:
            route.abort()

    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context()
            context.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/])"), guard)
            context.on("request", on_request)
            context.on("response", lambda response: responses.append(response))
            page = context.new_page()
            page.goto(base, wait_until="networkidle", timeout=30_000)
            # Late requests (the search worker's index, scripts run after load): wait until no new
            # request has started for 1.5 s, at most 10 s.
            waited, seen = 0, -1
            while seen != len(requests) and waited < 10_000:
                seen = len(requests)
                page.wait_for_timeout(1500)
                waited += 1500
            sizes: list[int] = []
            unknown = 0
            for response in responses:
                try:
                    sizes.append(len(response.body()))
                except Exception:  # a redirect or an aborted request has no body
                    unknown += 1
            context.close()
        finally:
            browser.close()
    site_prefix = base.rstrip("/")
    return {
        "measured": True,
        "requests": len(requests), "bytes": sum(sizes), "bodies_unknown": unknown,
        "outside_requests": len(outside), "outside_urls": outside,
        "urls": [url.removeprefix(site_prefix) for url in requests],
        "note": "every request the page and its workers make, until none has started for 1.5 s",
    }
