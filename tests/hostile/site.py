"""Helpers for the hostile tests: build a copy of the project with another framework.yml, serve it."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent


def build_copy(project: Path, framework: str) -> Path:
    """Copy mkdocs.yml, content/ and theme_overrides/ to `project`, write `framework` as its
    framework.yml, run `mkdocs build --strict` there and return the built site's folder."""
    project.mkdir(parents=True, exist_ok=True)
    for folder in ("content", "theme_overrides", "releases"):  # framework's edits: unreleased
        shutil.copytree(ROOT / folder, project / folder)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "framework.yml").write_text(framework, encoding="utf-8")
    site = project / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project, capture_output=True, text=True, check=False, timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if result.returncode != 0:
        raise AssertionError(f"mkdocs build --strict failed:\n{result.stdout}{result.stderr}")
    return site


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # the browser drops connections when a test leaves a page mid-load; anything else shows
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(folder: Path, handler: type[http.server.SimpleHTTPRequestHandler] | None = None
          ) -> Iterator[str]:
    """`folder` served on 127.0.0.1 at a free port: its base URL, while the block runs. `handler`
    replaces the quiet file handler (the audit's serves gzip, as GitHub Pages does)."""
    server = _Server(("127.0.0.1", 0), functools.partial(handler or _Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, name="hostile-site", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
