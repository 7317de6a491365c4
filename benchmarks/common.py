"""What every part of the benchmark shares: paths, budgets, the project copy, a timed mkdocs build."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import rcp_docs.source.load
from rcp_docs.publish.build import Options

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "latest.json"
PROJECT_FILES = ("mkdocs.yml", "framework.yml", "content", "theme_overrides")
SIZES = (100, 1_000, 10_000)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ENV.pop("RCP_SITE_URL", None)
KB = 1000  # budgets in KB are thousands of bytes

# Budgets (from the issue).
RENDER_REAL_MS = 50.0
SCALING_MAX = 11.0
RENDER_10K_MS = 3000.0
PLUGIN_RATIO_MAX = 1.05
RELOAD_MS = 2000.0
PAGE_MAX_BYTES = 150 * KB
HOME_FIRST_VIEW_MAX_BYTES = 110 * KB  # the home page's first view over the wire, gzip


def site_options() -> Options:
    """The Options the plugin passes for the published site (repo_url and site_url of mkdocs.yml)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    repo = re.search(r"^repo_url:\s*(\S+)", text, re.MULTILINE)
    site = re.search(r"^site_url:.*'(https?://[^']+)'", text, re.MULTILINE)
    return Options(repo_url=repo.group(1) if repo else None, site_url=site.group(1) if site else None)


def median(values: list[float]) -> float:
    return statistics.median(values)


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


@contextlib.contextmanager
def size_cap(lifted: bool) -> Iterator[None]:
    """Lift rcp_docs.source.load.MAX_BYTES (2 MiB) while loading a synthetic file larger than that."""
    saved = rcp_docs.source.load.MAX_BYTES
    if lifted:
        rcp_docs.source.load.MAX_BYTES = 1 << 40
    try:
        yield
    finally:
        rcp_docs.source.load.MAX_BYTES = saved


def copy_project(dest: Path) -> Path:
    """mkdocs.yml, framework.yml, content/ and theme_overrides/ copied to `dest`."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name)
        else:
            shutil.copy2(source, dest / name)
    return dest


def mkdocs_build(cwd: Path, config: str, out: str, *extra: str) -> float:
    """One `python -m mkdocs build -q` in a fresh process: its wall time in seconds."""
    args = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", out, *extra]
    t0 = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=300)
    elapsed = time.perf_counter() - t0
    if done.returncode != 0:
        raise RuntimeError(f"mkdocs build failed ({config}):\n{done.stdout}{done.stderr}")
    return elapsed
