"""1. The render step: the whole pipeline (`rcp_docs.publish.build.build`) in-process, with its load, validate
and render steps timed one by one, on the real framework.yml and on synthetic frameworks."""

from __future__ import annotations

import re
import resource
import subprocess
import sys
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import synth
from common import ENV, ROOT, SIZES, log, median, site_options, size_cap

import rcp_docs.source.load
from rcp_docs.check.validate import validate
from rcp_docs.publish.build import Options, build
from rcp_docs.site.render import render
from rcp_docs.source.load import load_file

RUN = Path(__file__).resolve().parent / "run.py"  # the child process for peak RSS runs it again


@dataclass
class Case:
    name: str
    path: Path
    items: int = 0
    bytes: int = 0
    over_cap: bool = False
    load: list[float] = field(default_factory=list)
    validate: list[float] = field(default_factory=list)
    render: list[float] = field(default_factory=list)
    total: list[float] = field(default_factory=list)
    traced_peak: int | None = None
    rss_peak: int | None = None


def _steps_once(case: Case, options: Options) -> tuple[float, float, float]:
    """load, validate and render called one after the other: the time of each step."""
    with size_cap(case.over_cap):
        t0 = time.perf_counter()
        doc = load_file(case.path)
        t1 = time.perf_counter()
        framework = validate(doc)
        t2 = time.perf_counter()
        pages = render(framework, options)
        t3 = time.perf_counter()
    case.items = len(framework.items)
    assert pages
    return t1 - t0, t2 - t1, t3 - t2


def _build_once(case: Case, options: Options) -> float:
    """The whole pipeline as the CLI and the plugin call it: its time."""
    with size_cap(case.over_cap):
        t0 = time.perf_counter()
        site = build(case.path, options)
        elapsed = time.perf_counter() - t0
    assert site.pages
    return elapsed


def _cases(tmp: Path) -> list[Case]:
    cases = [Case("real framework.yml", ROOT / "framework.yml")]
    for n in SIZES:
        path = tmp / f"framework-{n}.yml"
        path.write_text(synth.synthesize(n), encoding="utf-8")
        cases.append(Case(f"synthetic {n:,}", path))
    for case in cases:
        case.bytes = case.path.stat().st_size
        case.over_cap = case.bytes > rcp_docs.source.load.MAX_BYTES
    return cases


def bench_render(tmp: Path, runs: int, options: Options) -> dict[str, Any]:
    cases = _cases(tmp)
    # Rounds: every case once per round, so that sizes alternate. The warm-up round also checks
    # that every synthetic file is a valid framework (validate raises otherwise). The total is the
    # pipeline function's time; the steps are timed in a call of their own in the same round.
    for round_no in range(runs + 1):
        log(f"render step: round {round_no}/{runs}" + (" (warm-up, validity check)" if not round_no else ""))
        for case in cases:
            load, check, draw = _steps_once(case, options)
            total = _build_once(case, options)
            if round_no:
                case.load.append(load)
                case.validate.append(check)
                case.render.append(draw)
                case.total.append(total)
    _peaks(cases, options)
    out: dict[str, Any] = {"cases": [_case_figures(case) for case in cases]}
    by_items = {c.items: c for c in cases[1:]}
    k1, k10 = by_items[1_000], by_items[10_000]
    out["scaling_10k_over_1k"] = median(k10.total) / median(k1.total)
    out["scaling_per_round"] = [b / a for a, b in zip(k1.total, k10.total, strict=True)]
    return out


def _peaks(cases: list[Case], options: Options) -> None:
    """Peak memory, in runs of their own: Python's allocations traced by tracemalloc (in-process,
    after the warm-up; tracing slows Python about 5x, so it is skipped above 1,000 items), and the
    growth of the peak resident set in a fresh process (every size)."""
    for case in cases:
        if case.items <= 1_000:
            log(f"render step: tracemalloc peak, {case.name}")
            tracemalloc.start()
            try:
                _build_once(case, options)
                case.traced_peak = tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()
        log(f"render step: peak RSS in a fresh process, {case.name}")
        case.rss_peak = _rss_growth(case)


def _case_figures(case: Case) -> dict[str, Any]:
    total = median(case.total)
    return {
        "name": case.name, "path": case.path.name if case.path.parent != ROOT else "framework.yml",
        "items": case.items, "file_bytes": case.bytes, "size_cap_lifted": case.over_cap,
        "runs": len(case.total),
        "total_ms": total * 1000, "per_item_ms": total * 1000 / case.items,
        "load_ms": median(case.load) * 1000, "validate_ms": median(case.validate) * 1000,
        "render_ms": median(case.render) * 1000,
        "all_total_ms": [t * 1000 for t in case.total],
        "traced_peak_bytes": case.traced_peak, "rss_peak_growth_bytes": case.rss_peak,
    }


def _rss_growth(case: Case) -> int:
    """Peak RSS growth of one build of `case` in a fresh Python (after imports)."""
    args = [sys.executable, str(RUN), "--peak-rss", str(case.path)]
    if case.over_cap:
        args.append("--lift-cap")
    done = subprocess.run(args, env=ENV, capture_output=True, text=True, check=True, timeout=600)
    return int(done.stdout.strip().splitlines()[-1])


def _peak_rss() -> int:
    """This process's peak resident set, in bytes: VmHWM, which starts afresh at exec (unlike
    getrusage's ru_maxrss, which a child inherits from its parent on Linux)."""
    status = Path("/proc/self/status")
    if status.exists():
        found = re.search(r"^VmHWM:\s+(\d+) kB", status.read_text(), re.MULTILINE)
        if found:
            return int(found.group(1)) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # pragma: no cover - not Linux


def peak_rss_child(path: Path, lift_cap: bool) -> int:
    """The child process's work: one build of `path`, then its peak RSS growth printed."""
    options = site_options()
    before = _peak_rss()
    with size_cap(lift_cap):
        build(path, options)
    print(_peak_rss() - before)
    return 0
