"""The slowest hostile file: every case of the tests' corpus and every pathological file just
under the size cap, loaded and validated; the budget is one second each (wall clock, in a fresh
process for the large files, so memory from one case never helps another)."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from hostile.corpus import CASES  # tests/ is on the path (run.py)
from test_hostile import _CHILD, UNDER_CAP

from rcp_docs.base.errors import FrameworkError
from rcp_docs.check.validate import validate
from rcp_docs.source.load import load_bytes

HOSTILE_MS = 1000.0


def bench_hostile(tmp: Path) -> dict[str, Any]:
    slowest: tuple[float, str] = (0.0, "")
    for case in CASES:
        start = time.perf_counter()
        with contextlib.suppress(FrameworkError):
            validate(load_bytes(case.raw, "framework.yml"))
        slowest = max(slowest, ((time.perf_counter() - start) * 1000, case.name))
    for name, make, _ in UNDER_CAP:
        path = tmp / f"{name}.yml"
        path.write_bytes(make())
        result = subprocess.run([sys.executable, "-c", _CHILD, str(path), "60"],
                                capture_output=True, text=True, check=True, timeout=120)
        outcome = json.loads(result.stdout)
        elapsed = 60_000.0 if outcome["timeout"] else outcome["elapsed"] * 1000
        slowest = max(slowest, (elapsed, name))
    return {"cases": len(CASES) + len(UNDER_CAP), "slowest_ms": slowest[0], "slowest": slowest[1]}
