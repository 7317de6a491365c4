"""Shared test helpers: tests/fixtures/mini.yml with an edit, the problems it gives, and positions.

Expected messages name a line and a column. Tests never count them by hand: `at(text, marker)` finds
`marker` in the text the message is about (the edited text, not mini.yml) and returns `LINE:COL`,
1-based. The marker must occur exactly once (or pass `occurrence`, 0-based); the position is where it
starts, or where a `^` in it stands: `at(text, "- id: ^kindness")` is the column of `kindness`, and
`at(text, "summary:^\n")` the end of that line. The `^` itself is not searched for.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from rcp_docs.base.errors import FrameworkError
from rcp_docs.check.validate import validate
from rcp_docs.source.load import load_bytes

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI_PATH = FIXTURES / "mini.yml"
P = "framework.yml"


@functools.cache
def mini() -> str:
    """The text of tests/fixtures/mini.yml, read once."""
    return MINI_PATH.read_text(encoding="utf-8")


def edit(old: str, new: str, text: str | None = None) -> str:
    """`text` (mini.yml by default) with the first `old` replaced by `new`; `old` must be there."""
    base = mini() if text is None else text
    assert old in base, f"not in the text: {old!r}"
    return base.replace(old, new, 1)


def cut(start: str, stop: str, text: str | None = None) -> str:
    """`text` (mini.yml by default) without the part from `start` up to (not including) `stop`."""
    base = mini() if text is None else text
    return edit(base[base.index(start):base.index(stop)], "", base)


def _offset(text: str, marker: str, occurrence: int | None) -> int:
    """Where `marker` points (its start, or its `^`): its only place, or its `occurrence`-th."""
    before, caret, after = marker.partition("^")
    start = _find(text, before + after, occurrence)
    return start + len(before) if caret else start


def _find(text: str, marker: str, occurrence: int | None) -> int:
    if occurrence is None:
        count = text.count(marker)
        assert count == 1, f"expected exactly one {marker!r} in the text, found {count}"
        return text.index(marker)
    start = -1
    for _ in range(occurrence + 1):
        start = text.find(marker, start + 1)
        assert start != -1, f"fewer than {occurrence + 1} of {marker!r} in the text"
    return start


def line_of(text: str, marker: str, occurrence: int | None = None) -> int:
    """The 1-based line `marker` points at."""
    return text.count("\n", 0, _offset(text, marker, occurrence)) + 1


def col_of(text: str, marker: str, occurrence: int | None = None) -> int:
    """The 1-based column (in characters) `marker` points at."""
    offset = _offset(text, marker, occurrence)
    return offset - text.rfind("\n", 0, offset)


def at(text: str, marker: str, occurrence: int | None = None) -> str:
    """`LINE:COL` of `marker` in `text`, as a problem message starts."""
    return f"{line_of(text, marker, occurrence)}:{col_of(text, marker, occurrence)}"


def fm(*lines: str) -> list[str]:
    """Problems given as `LINE:COL: message`, with the display path in front."""
    return [f"{P}:{line}" for line in lines]


def report(*lines: str) -> str:
    """The full `FrameworkError.report()` for problems given as `LINE:COL: message`."""
    count = len(lines)
    return "\n".join([*fm(*lines), f"{count} problem{'s' if count != 1 else ''} found"])


def load_problems(raw: bytes | str) -> list[str]:
    """The problems `load_bytes` reports for `raw`, as `framework.yml:LINE:COL: message`."""
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    with pytest.raises(FrameworkError) as info:
        load_bytes(data, P)
    return [str(p) for p in info.value.problems]


def problems_of(raw: bytes | str) -> list[str]:
    """The problems load + validate report for `raw`, as `framework.yml:LINE:COL: message`."""
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    with pytest.raises(FrameworkError) as info:
        validate(load_bytes(data, P))
    return [str(p) for p in info.value.problems]
