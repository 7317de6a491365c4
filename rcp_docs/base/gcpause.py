"""Pausing Python's cyclic garbage collector while the pipeline builds its many small objects.

Loading, validating and rendering allocate hundreds of thousands of objects that form no cycles
worth collecting; the collector's repeated passes over them made large frameworks grow faster than
linearly (measured: validate 885 ms with it, 395 ms without, at 10,000 items). Memory stays
bounded by the size cap, and the collector runs again as soon as the step returns.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def pauses_gc(step: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(step)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return step(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return run
