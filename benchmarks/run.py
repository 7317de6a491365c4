"""`make bench`: the performance benchmark of rcp-docs (a benchmark, not a timed test).

It measures four things and prints them as one Markdown table (metric | figure | budget | met?),
writing the same figures as JSON to benchmarks/results/latest.json:

1. The render step (load, validate, render) in-process, on the real framework.yml and on synthetic
   frameworks of 100, 1,000 and 10,000 items (benchmarks/synth.py), with the scaling ratio
   time(10,000) / time(1,000) and peak memory.
2. Plugin overhead: `mkdocs build` with the rcp plugin against `mkdocs build` of the same pages
   written out beforehand by `rcp-docs render --out` (plugin off).
3. Live reload: with `mkdocs serve` running, from saving framework.yml to the served page showing
   the change.
4. Weight: bytes per HTML page, the search index, the whole site, and the requests a browser makes
   to load the home page.

The machines are shared and noisy, so every timing is the median of at least 5 runs after a
warm-up, and every comparison is a ratio of medians measured in the same run with the two sides
alternating. Everything runs in temporary copies of the project; the repository is not touched,
apart from the results file. The exit code is 0 even when a budget is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "tests")]  # benchmarks/ and tests/ are not packages

from builds import bench_plugin, bench_reload  # noqa: E402
from common import (  # noqa: E402
    HOME_FIRST_VIEW_MAX_BYTES,
    KB,
    PAGE_MAX_BYTES,
    PLUGIN_RATIO_MAX,
    RELOAD_MS,
    RENDER_10K_MS,
    RENDER_REAL_MS,
    RESULTS,
    SCALING_MAX,
    site_options,
)
from pathological import HOSTILE_MS, bench_hostile  # noqa: E402
from pdf import bench_pdf  # noqa: E402
from pipeline import bench_render, peak_rss_child  # noqa: E402
from weight import bench_weight  # noqa: E402

# --- the report ----------------------------------------------------------------------------------


def _ms(value: float | None) -> str:
    if value is None:
        return "not measured"
    return f"{value:,.0f} ms" if value >= 100 else f"{value:,.1f} ms"


def _mb(value: int | None) -> str:
    return "—" if value is None else f"{value / 1e6:,.1f} MB"


def _kb(value: float) -> str:
    return f"{value / KB:,.1f} KB"


def _budget_row(rows: list[list[str]], misses: list[str], metric: str, figure: str,
                budget: str, met: bool | None) -> None:
    verdict = "not measured" if met is None else ("yes" if met else "**NO**")
    rows.append([metric, figure, budget, verdict])
    if met is False:
        misses.append(f"{metric}: {figure} (budget {budget})")


def report(results: dict[str, Any]) -> tuple[str, list[str], list[dict[str, Any]]]:
    rows: list[list[str]] = []
    misses: list[str] = []
    r = results["render"]
    for case in r["cases"]:
        label = case["name"] + (f", {case['items']:,} items" if case["name"].startswith("real") else "")
        figure = (f"{_ms(case['total_ms'])} ({case['per_item_ms']:.2f} ms/item; load {_ms(case['load_ms'])}, "
                  f"validate {_ms(case['validate_ms'])}, render {_ms(case['render_ms'])})")
        budget, met = "—", None
        if case["name"].startswith("real"):
            budget, met = f"< {RENDER_REAL_MS:.0f} ms", case["total_ms"] < RENDER_REAL_MS
        elif case["items"] == 10_000:
            budget, met = f"< {RENDER_10K_MS / 1000:.0f} s", case["total_ms"] < RENDER_10K_MS
        if met is None:
            rows.append([f"Render step: {label}", figure, budget, "—"])
        else:
            _budget_row(rows, misses, f"Render step: {label}", figure, budget, met)
        peak = f"tracemalloc {_mb(case['traced_peak_bytes'])}; " if case["traced_peak_bytes"] else ""
        rows.append([f"Peak memory: {case['name']}", f"{peak}RSS growth {_mb(case['rss_peak_growth_bytes'])}",
                     "—", "—"])
    _budget_row(rows, misses, "Scaling: time(10,000) / time(1,000)", f"{r['scaling_10k_over_1k']:.1f}",
                f"≤ {SCALING_MAX:.0f}", r["scaling_10k_over_1k"] <= SCALING_MAX)
    p = results["plugin"]
    _budget_row(rows, misses, "Plugin overhead: build with plugin / build of the same static pages",
                f"{p['ratio']:.2f} ({_ms(p['with_plugin_ms'])} vs {_ms(p['static_pages_ms'])})",
                f"≤ {PLUGIN_RATIO_MAX}", p["ratio"] <= PLUGIN_RATIO_MAX)
    rows.append(["Plugin overhead without its cache (framework.yml just changed)",
                 f"{p['uncached_ratio']:.2f} ({_ms(p['uncached_ms'])})", "—", "—"])
    lr = results["reload"]
    _budget_row(rows, misses, "Live reload: save framework.yml → served page changed",
                _ms(lr["median_ms"]) + (f" ({lr['timeouts']} timed out)" if lr["timeouts"] else ""),
                f"< {RELOAD_MS / 1000:.0f} s",
                None if lr["median_ms"] is None else lr["median_ms"] < RELOAD_MS)
    w = results["weight"]
    _budget_row(rows, misses, "HTML page, largest",
                f"{_kb(w['largest_html_bytes'])} ({w['largest_html_page']}; gzip "
                f"{_kb(w['largest_html_gzip_bytes'])})",
                f"≤ {PAGE_MAX_BYTES / KB:.0f} KB", w["largest_html_bytes"] <= PAGE_MAX_BYTES)
    rows.append(["HTML page, median", f"{_kb(w['median_html_bytes'])} ({w['html_pages']} pages)", "—", "—"])
    rows.append(["Search index", f"{_kb(w['search_index_bytes'])} (gzip {_kb(w['search_index_gzip_bytes'])})",
                 "—", "—"])
    rows.append(["Whole site", f"{_kb(w['site_bytes'])} in {w['site_files']} files (gzip "
                 f"{_kb(w['site_gzip_bytes'])})", "—", "—"])
    home = w["home"]
    if home.get("measured"):
        rows.append(["Home page: requests and bytes", f"{home['requests']} requests, {_kb(home['bytes'])}",
                     "—", "—"])
        _budget_row(rows, misses, "Home page: requests beyond the site", str(home["outside_requests"]), "0",
                    home["outside_requests"] == 0)
    else:
        _budget_row(rows, misses, "Home page: requests beyond the site", f"not measured ({home['why']})",
                    "0", None)
    first = w.get("home_first_view", {})
    if first.get("measured"):
        _budget_row(rows, misses, "Home page: first view over the wire (gzip)",
                    f"{_kb(first['bytes'])} in {first['requests']} requests (search index "
                    f"{_kb(first['search_index_bytes'])})", f"≤ {HOME_FIRST_VIEW_MAX_BYTES / KB:.0f} KB",
                    first["bytes"] <= HOME_FIRST_VIEW_MAX_BYTES)
    hostile = results.get("hostile")
    if hostile:
        _budget_row(rows, misses, "Hostile files: slowest load and validate",
                    f"{_ms(hostile['slowest_ms'])} ({hostile['slowest']}; {hostile['cases']} files)",
                    f"< {HOSTILE_MS / 1000:.0f} s", hostile["slowest_ms"] < HOSTILE_MS)
    pdf = results.get("pdf")
    if pdf:
        rows.append(["PDF: print document", _ms(pdf["pdf_document_s"] * 1000), "—", "—"])
        _budget_row(rows, misses, "PDF: WeasyPrint render (once per change of framework.yml; cached)",
                    f"{pdf['pdf_render_s']:.1f} s", f"< {pdf['pdf_budget_s']:.0f} s",
                    pdf["pdf_render_s"] < pdf["pdf_budget_s"])
        rows.append(["PDF: size", f"{pdf['pdf_bytes'] / 1024:.0f} KB, {pdf['pdf_pages']} pages",
                     "—", "—"])
    lines = ["| Metric | Figure | Budget | Met? |", "| --- | --- | --- | --- |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    table = [{"metric": m, "figure": f, "budget": b, "met": v} for m, f, b, v in rows]
    return "\n".join(lines), misses, table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The rcp-docs performance benchmark (make bench).")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per figure, after a warm-up (min 5)")
    parser.add_argument("--out", type=Path, default=RESULTS, help=f"JSON results (default: {RESULTS})")
    parser.add_argument("--peak-rss", type=Path, help=argparse.SUPPRESS)  # child process mode
    parser.add_argument("--lift-cap", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.peak_rss:
        return peak_rss_child(args.peak_rss, args.lift_cap)
    runs = max(args.runs, 5)
    options = site_options()
    started = time.perf_counter()
    results: dict[str, Any] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform()},
        "runs": runs,
        "load_average_at_start": os.getloadavg(),
    }
    with tempfile.TemporaryDirectory(prefix="rcp-bench-") as tmp_name:
        tmp = Path(tmp_name)
        steps: list[tuple[str, Callable[[], dict[str, Any]]]] = [
            ("render", lambda: bench_render(tmp, runs, options)),
            ("plugin", lambda: bench_plugin(tmp, runs, options)),
            ("reload", lambda: bench_reload(tmp, runs)),
            ("weight", lambda: bench_weight(tmp)),
            ("hostile", lambda: bench_hostile(tmp)),
            ("pdf", lambda: bench_pdf(runs=3)),
        ]
        for name, step in steps:
            results[name] = step()
    results["seconds"] = time.perf_counter() - started
    results["load_average_at_end"] = os.getloadavg()
    table, misses, rows = report(results)
    results["table"] = rows
    results["budgets_missed"] = misses
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table)
    print()
    if misses:
        print(f"Budgets missed ({len(misses)}):")
        for miss in misses:
            print(f"- {miss}")
    else:
        print("Every budget is met.")
    shown = args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out
    start_load, end_load = results["load_average_at_start"][0], results["load_average_at_end"][0]
    print(f"\nFigures written to {shown} ({results['seconds']:.0f} s in all; load average "
          f"{start_load:.1f} at the start, {end_load:.1f} at the end, on {os.cpu_count()} CPUs).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
