"""`make audit`: Lighthouse on the built site, served on 127.0.0.1 with gzip as GitHub Pages serves it.

Builds the site for the address it is served at (so its canonical links and sitemap are its own),
runs Lighthouse (npm, installed by the Makefile into .cache/audit) with Debian's chromium, mobile
form factor and the default simulated throttling, on the home page and the page types readers
start from (AUDITED: taken from the page registry, so new pages of those types join by
themselves). Prints a table, writes test-artifacts/audit.json, and fails under the targets.

Each page is measured RUNS times (default 3) and its median run by performance score is kept,
as Lighthouse's own guidance on variability advises: one run's total blocking time swings with
whatever else the machine is doing. Every report is kept in test-artifacts/lighthouse/.

    python benchmarks/audit.py [--lighthouse PATH] [--out FILE] [--runs N] [--page PATH ...]
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the tests' local server (tests/hostile/site.py)

from hostile.site import serve  # noqa: E402

from rcp_docs.publish.build import load_framework  # noqa: E402
from rcp_docs.structure.registry import PAGES  # noqa: E402

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
# Page types audited; of a type with one page per entry, every layer and the first of the others.
AUDITED = ("home", "overview", "layer", "comparison", "roles", "role", "glossary", "reflect")
EVERY = ("layer",)
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".map"}
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")


def _url_path(path: str) -> str:
    """A registry path ("overview.md", "{id}/index.md" filled in) as the site's URL path."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def audited_pages() -> list[str]:
    """URL paths (relative to the base) of the pages to audit, home first."""
    fw = load_framework(ROOT / "framework.yml")
    pages = [""]
    for page in PAGES:
        if page.name not in AUDITED:
            continue
        if page.each:
            parts = list(page.shows(fw))  # type: ignore[call-overload]
            ids = [part.id for part in (parts if page.name in EVERY else parts[:1])]
            pages += [_url_path(page.path.replace("{id}", id_)) for id_ in ids]
        else:
            pages.append(_url_path(page.path))
    return list(dict.fromkeys(pages))


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text ones gzipped when the client accepts it (as GitHub Pages does)."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if not (accepts and path.is_file() and path.suffix in COMPRESSED):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _Body(body)


class _Body:
    """A file-like body for SimpleHTTPRequestHandler.do_GET's copyfile."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = (self.data, b"") if size < 0 else (self.data[:size], self.data[size:])
        return data

    def close(self) -> None:
        pass


def build(site: Path, url: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "RCP_SITE_URL": url})
    if result.returncode != 0:
        sys.exit(f"mkdocs build --strict failed:\n{result.stdout}{result.stderr}")


def lighthouse(binary: Path, url: str, out: Path) -> dict[str, Any]:
    """One Lighthouse run (mobile, simulated throttling: its defaults) and its JSON report."""
    command = [str(binary), url, "--output=json", f"--output-path={out}", "--quiet",
               "--only-categories=" + ",".join(CATEGORIES),
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
    result = subprocess.run(command, capture_output=True, text=True, check=False,
                            env={**os.environ, "CHROME_PATH": CHROME}, timeout=300)
    if result.returncode != 0 or not out.is_file():
        sys.exit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return report


def scores(report: dict[str, Any]) -> dict[str, Any]:
    """Category scores (0-100) and, per category under 100, the audits that cost points."""
    out: dict[str, Any] = {"scores": {}, "findings": {}}
    for name in CATEGORIES:
        category = report["categories"][name]
        out["scores"][name] = round((category["score"] or 0) * 100)
        lost = [ref["id"] for ref in category["auditRefs"] if ref["weight"] > 0
                and (report["audits"][ref["id"]].get("score") is not None)
                and report["audits"][ref["id"]]["score"] < 1]
        if lost:
            out["findings"][name] = lost
    audits = report["audits"]
    out["metrics"] = {key: round(audits[key]["numericValue"]) for key in (
        "first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
        "cumulative-layout-shift", "speed-index") if key in audits and key != "cumulative-layout-shift"}
    if "cumulative-layout-shift" in audits:
        out["metrics"]["cumulative-layout-shift"] = round(
            audits["cumulative-layout-shift"]["numericValue"], 3)
    out["lighthouse"] = report.get("lighthouseVersion")
    return out


def median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run whose performance score is the median of the runs (the lower middle of an even
    count), with every run's performance score beside it."""
    ranked = sorted(runs, key=lambda run: run["scores"]["performance"])
    chosen = dict(ranked[(len(ranked) - 1) // 2])
    chosen["runs"] = [run["scores"]["performance"] for run in runs]
    return chosen


def table(results: dict[str, dict[str, Any]]) -> str:
    head = "| Page | Performance (median; runs) | Accessibility | Best practices | SEO |"
    rows = [head, "| --- | ---: | ---: | ---: | ---: |"]
    for page, result in results.items():
        runs = ", ".join(str(score) for score in result["runs"])
        cells = [f"{result['scores']['performance']} ({runs})"]
        cells += [str(result["scores"][name]) for name in CATEGORIES[1:]]
        rows.append(f"| /{page} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def audit(lighthouse_bin: Path, pages: list[str], runs: int, reports: Path) -> dict[str, Any]:
    """Build, serve with gzip, and measure each page `runs` times: page -> its median run."""
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        with serve(site, GzipHandler) as url:
            build(site, url)
            # One run thrown away: the first start of chromium after a build (cold disk caches)
            # is slower than any reader's visit, as in make bench's warm-up.
            print("lighthouse warm-up ...", file=sys.stderr, flush=True)
            lighthouse(lighthouse_bin, url, Path(tmp) / "warm-up.json")
            for page in pages:
                if not (site / page / "index.html").is_file():
                    sys.exit(f"/{page}: not in the built site")
                name = page.strip("/").replace("/", "-") or "home"
                measured = []
                for run in range(1, runs + 1):
                    print(f"lighthouse /{page} ({run} of {runs}) ...", file=sys.stderr, flush=True)
                    report = lighthouse(lighthouse_bin, url + page, reports / f"{name}-{run}.json")
                    measured.append(scores(report))
                results[page] = median_run(measured)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lighthouse", type=Path,
                        default=ROOT / ".cache/audit/node_modules/.bin/lighthouse")
    parser.add_argument("--out", type=Path, default=ROOT / "test-artifacts/audit.json")
    parser.add_argument("--runs", type=int, default=3, help="runs per page (median kept)")
    parser.add_argument("--page", action="append", default=[],
                        help="audit only this URL path (e.g. glossary/); may be repeated")
    args = parser.parse_args()
    if not args.lighthouse.is_file():
        sys.exit(f"Lighthouse not found at {args.lighthouse}: run `make audit`, which installs it.")
    if args.runs < 1:
        sys.exit("--runs must be at least 1")
    pages = args.page or audited_pages()
    reports = args.out.parent / "lighthouse"
    reports.mkdir(parents=True, exist_ok=True)
    results = audit(args.lighthouse, pages, args.runs, reports)
    print(table(results))
    misses = [f"/{page}: {name} {result['scores'][name]} < {TARGETS[name]} "
              f"({', '.join(result['findings'].get(name, []))})"
              for page, result in results.items() for name in CATEGORIES
              if result["scores"][name] < TARGETS[name]]
    args.out.write_text(json.dumps({"targets": TARGETS, "runs": args.runs, "pages": results,
                                    "misses": misses}, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten: {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}"
          f" (every report in {reports.relative_to(ROOT) if reports.is_relative_to(ROOT) else reports})")
    if misses:
        print("\nunder target:\n" + "\n".join(misses))
        return 1
    print("every page meets its targets")
    return 0


if __name__ == "__main__":
    sys.exit(main())
