"""2. Plugin overhead: `mkdocs build` with the rcp plugin against `mkdocs build` of the same pages
written out beforehand by `rcp-docs render --out` (plugin off). 3. Live reload: with `mkdocs serve`
running, from saving framework.yml to the served page showing the change."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from common import ENV, copy_project, log, median, mkdocs_build

from rcp_docs.publish.build import Options
from rcp_docs.source.load import load_file


def _static_config(text: str) -> str:
    """mkdocs.yml with the rcp plugin off, reading the pages `rcp-docs render --out` wrote."""
    changed, count = re.subn(r"^docs_dir: .*$", "docs_dir: pages", text, flags=re.MULTILINE)
    changed, plugins = re.subn(r"^plugins:\n(?:[ \t]+.*\n)+", "plugins:\n  - search\n", changed,
                               flags=re.MULTILINE)
    if count != 1 or plugins != 1 or re.search(r"^\s+- rcp\b", changed, re.MULTILINE):
        raise RuntimeError("could not make the plugin-off variant of mkdocs.yml")
    return changed


def bench_plugin(tmp: Path, runs: int, options: Options) -> dict[str, Any]:
    project = copy_project(tmp / "plugin")
    render_args = [sys.executable, "-m", "rcp_docs", "render", "framework.yml", "--out", "pages"]
    if options.repo_url:
        render_args += ["--repo-url", options.repo_url]
    if options.site_url:
        render_args += ["--site-url", options.site_url]
    t0 = time.perf_counter()
    subprocess.run(render_args, cwd=project, env=ENV, check=True, capture_output=True, timeout=120)
    render_out = time.perf_counter() - t0
    static = _static_config((project / "mkdocs.yml").read_text(encoding="utf-8"))
    (project / "mkdocs-static.yml").write_text(static, encoding="utf-8")
    # The plugin caches rendered pages by framework.yml's bytes; side C turns the cache off, so
    # every build loads, validates and renders (the cost of a build after framework.yml changed).
    plain = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      framework: framework.yml\n" in plain
    (project / "mkdocs-nocache.yml").write_text(
        plain.replace("      framework: framework.yml\n",
                      "      framework: framework.yml\n      cache: false\n"), encoding="utf-8")
    with_plugin: list[float] = []
    static_only: list[float] = []
    uncached: list[float] = []
    sides: dict[str, tuple[str, str, list[float]]] = {
        "A": ("mkdocs.yml", "out-plugin", with_plugin),
        "B": ("mkdocs-static.yml", "out-static", static_only),
        "C": ("mkdocs-nocache.yml", "out-nocache", uncached),
    }
    for round_no in range(runs + 1):
        order = "ABC" if round_no % 2 == 0 else "CBA"  # alternate who goes first
        log(f"plugin overhead: round {round_no}/{runs} ({order})" + (" warm-up" if not round_no else ""))
        for side in order:
            config, out, times = sides[side]
            elapsed = mkdocs_build(project, config, out)
            if round_no:
                times.append(elapsed)
    a, b = median(with_plugin), median(static_only)
    pages_a = sorted(p.relative_to(project / "out-plugin").as_posix()
                     for p in (project / "out-plugin").rglob("*.html"))
    pages_b = sorted(p.relative_to(project / "out-static").as_posix()
                     for p in (project / "out-static").rglob("*.html"))
    return {
        "with_plugin_ms": a * 1000, "static_pages_ms": b * 1000, "ratio": a / b,
        "uncached_ms": median(uncached) * 1000, "uncached_ratio": median(uncached) / b,
        "ratio_per_round": [x / y for x, y in zip(with_plugin, static_only, strict=True)],
        "all_with_plugin_ms": [t * 1000 for t in with_plugin],
        "all_static_pages_ms": [t * 1000 for t in static_only],
        "render_out_once_ms": render_out * 1000,
        "same_html_pages": pages_a == pages_b, "html_pages": len(pages_a),
        "note": "each build is a fresh `python -m mkdocs build -q` process: startup is in both sides",
    }


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _get(url: str, timeout: float = 10.0) -> str | None:
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError(f"only 127.0.0.1 is fetched: {url}")
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - 127.0.0.1 only
            body: bytes = response.read()
            return body.decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _first_item_name(path: Path) -> tuple[str, int, str]:
    """The first item of the first layer: its layer id, and the line and text of its name."""
    doc = load_file(path)
    layers = doc.root.entries["layers"][1]
    layer = layers.items[0]  # type: ignore[attr-defined]
    item = layer.entries["items"][1].items[0]
    name = item.entries["name"][1]
    return layer.entries["id"][1].value, name.line, name.value


def bench_reload(tmp: Path, runs: int) -> dict[str, Any]:
    project = copy_project(tmp / "reload")
    framework = project / "framework.yml"
    original = framework.read_text(encoding="utf-8")
    layer_id, line_no, name = _first_item_name(framework)
    lines = original.split("\n")
    if f"name: {name}" not in lines[line_no - 1]:
        raise RuntimeError(f"framework.yml:{line_no}: expected the name {name!r} on this line")
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    page = f"{base}{layer_id}/"
    env = {**ENV, "RCP_SITE_URL": base}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    times: list[float] = []
    timeouts = 0
    try:
        t0 = time.perf_counter()
        while _get(page, timeout=2) is None:
            if server.poll() is not None:
                raise RuntimeError(f"mkdocs serve exited:\n{server.stderr.read() if server.stderr else ''}")
            if time.perf_counter() - t0 > 90:
                raise RuntimeError("mkdocs serve did not start within 90 s")
            time.sleep(0.1)
        time.sleep(1.0)  # let the watcher settle after the first build
        for trial in range(runs + 1):
            marker = f"zzbench{trial}x{os.getpid()}"
            edited = list(lines)
            edited[line_no - 1] = lines[line_no - 1].replace(f"name: {name}", f"name: {name} {marker}", 1)
            log(f"live reload: trial {trial}/{runs}" + (" (warm-up)" if not trial else ""))
            framework.write_text("\n".join(edited), encoding="utf-8")
            saved = time.perf_counter()
            seen = None
            while time.perf_counter() - saved < 10.0:
                body = _get(page, timeout=10)
                if body is not None and marker in body:
                    seen = time.perf_counter() - saved
                    break
                time.sleep(0.02)
            if seen is None:
                timeouts += 1
            elif trial:
                times.append(seen)
            time.sleep(1.0)  # quiet between trials
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    if not times:
        return {"median_ms": None, "timeouts": timeouts, "note": "the change never showed within 10 s"}
    return {
        "median_ms": median(times) * 1000, "all_ms": [t * 1000 for t in times], "timeouts": timeouts,
        "page": f"/{layer_id}/",
        "note": "polls the served HTML every 20 ms (urllib); not a browser's reload",
    }
