"""Which Chromium-family browser the browser tests drive: standard library only, so that `make
browser` can run it with the system's python3 (also as root, before .venv exists).

In this order: the path in RCP_BROWSER; Debian's chromium (/usr/bin/chromium, as here); Google
Chrome, preinstalled on GitHub's ubuntu-latest runners (/usr/bin/google-chrome, also named by the
runners' CHROME_BIN); any other chromium or chrome on PATH. A snap is never used: Ubuntu's
`chromium` package is a wrapper that starts a snap, which a headless test cannot rely on.

    python3 tests/browsers.py    prints the browser found, or why none was, and exits 0 or 1
"""

from __future__ import annotations

import os
import shutil
import sys

VARIABLE = "RCP_BROWSER"
CANDIDATES = ["/usr/bin/chromium", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"]
ON_PATH = ["chromium", "google-chrome", "google-chrome-stable", "chromium-browser", "chrome"]


def is_snap(path: str) -> bool:
    """A snap, or a script that starts one (Ubuntu's chromium and chromium-browser)."""
    real = os.path.realpath(path)
    if real.startswith("/snap/"):
        return True
    try:
        with open(real, "rb") as file:
            head = file.read(65536)
    except OSError:
        return False
    return head.startswith(b"#!") and (b"/snap/" in head or b"snap run" in head)


def _usable(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK) and not is_snap(path)


def find_browser(environ: dict[str, str] | None = None,
                 candidates: list[str] | None = None) -> tuple[str | None, str]:
    """(path, what was found) or (None, why nothing was)."""
    env = dict(os.environ) if environ is None else environ
    given = env.get(VARIABLE, "").strip()
    if given:
        if not _usable(given):
            why = "is a snap" if os.path.exists(given) and is_snap(given) else \
                "is not an executable file"
            return None, f"{VARIABLE}={given} {why}"
        return given, f"{given} (from {VARIABLE})"
    named = env.get("CHROME_BIN", "").strip()
    candidates = (CANDIDATES if candidates is None else candidates) + ([named] if named else [])
    candidates += [found for name in ON_PATH if (found := shutil.which(name, path=env.get("PATH")))]
    snaps = []
    for path in dict.fromkeys(candidates):
        if _usable(path):
            return path, path
        if os.path.exists(path) and is_snap(path):
            snaps.append(path)
    skipped = f" (skipped, snaps: {', '.join(snaps)})" if snaps else ""
    return None, (f"no Chromium-family browser found{skipped}: install Debian's chromium "
                  f"(`sudo apt-get install -y chromium`), Google Chrome, or set {VARIABLE} to one")


def main() -> int:
    path, message = find_browser()
    print(f"Browser for the browser tests: {message}" if path else message,
          file=sys.stdout if path else sys.stderr)
    return 0 if path else 1


if __name__ == "__main__":
    sys.exit(main())
