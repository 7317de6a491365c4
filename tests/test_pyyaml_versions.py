"""The loader's own messages do not depend on the PyYAML (libyaml) release.

PyYAML 6.0.4's libyaml stops deep flow nesting itself, while reading ahead, before the loader sees
an event: the loader's depth limit had been reported by 6.0.3 and vanished under 6.0.4. Here the
hostile corpus and the loader's tests run under each release named in tests/fixtures/pyyaml/,
installed (exact version, hashes required) into a folder of its own and put first on the path, so
the next libyaml change shows up as one failing parameter of this test. The suite itself runs
under the release in the lock.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RELEASES = sorted(path.stem for path in (ROOT / "tests" / "fixtures" / "pyyaml").glob("*.txt"))
CACHE = ROOT / ".cache" / "pyyaml"

# Checks which PyYAML the child process runs, with libyaml, then runs the corpus and the loader's
# tests in it; any other outcome is a failure with pytest's own report.
CHILD = """
import sys, yaml, pytest
assert yaml.__version__ == sys.argv[1], (yaml.__version__, yaml.__file__)
assert yaml.__with_libyaml__, "PyYAML without libyaml"
sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", "tests/test_hostile.py", "tests/test_load.py",
                      "-k", "report_exactly or fails_cleanly or nesting or depth or syntax"]))
"""


def _installed(release: str) -> Path:
    """PyYAML `release` in .cache/pyyaml/RELEASE (installed once, from its hashed requirement)."""
    target = CACHE / release
    if not (target / "yaml" / "__init__.py").exists():
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        "--require-hashes", "--no-deps", "--target", str(target),
                        "-r", str(ROOT / "tests" / "fixtures" / "pyyaml" / f"{release}.txt")],
                       check=True, capture_output=True, text=True)
    return target


def test_both_releases_are_checked() -> None:
    assert {"6.0.3", "6.0.4"} <= set(RELEASES)


@pytest.mark.parametrize("release", RELEASES)
def test_hostile_corpus_reports_the_same_under(release: str) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(_installed(release)), str(ROOT / "tests")])}
    result = subprocess.run([sys.executable, "-c", CHILD, release], cwd=ROOT, env=env,
                            capture_output=True, text=True, check=False, timeout=600)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and " failed" not in result.stdout
