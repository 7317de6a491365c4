"""Fuzzing: mutated framework files either validate and render, or fail with clean messages.

Two families of mutation, each a hypothesis strategy:

- on the data (tests/fixtures/mini.yml, read once): delete, duplicate, swap and retype nodes, rename
  keys, and mangle strings (markup, control characters, any Unicode, truncation), then dump as YAML;
- on the text (mini.yml and the real framework.yml): cut the file at a random point, insert random
  bytes, delete or duplicate a slice, swap two lines.

The property: `validate(load_bytes(raw))` returns a framework whose pages `render` writes with no
script and no `javascript:`/`data:` link in the Markdown, or raises FrameworkError whose every
problem has a position inside the file and a non-empty one-line message; any other exception fails.

Profiles (HYPOTHESIS_PROFILE): "ci" (the default: 2,000 examples per test, derandomised, so every run
tries the same files) and "long" (20,000 examples per test, random; `make fuzz`).
"""

from __future__ import annotations

import copy
import datetime
import functools
import os
import re
from pathlib import Path
from typing import Any

import yaml
from helpers import mini
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from rcp_docs.base.errors import FrameworkError
from rcp_docs.check.validate import validate
from rcp_docs.site.render import render
from rcp_docs.source.load import load_bytes

ROOT = Path(__file__).resolve().parent.parent
MINI = mini().encode("utf-8")


@functools.cache
def real() -> bytes:
    """The real framework.yml, read on first use."""
    return (ROOT / "framework.yml").read_bytes()


@functools.cache
def mini_data() -> dict[str, Any]:
    """mini.yml as plain data, parsed on first use (copy it before changing it)."""
    data: dict[str, Any] = yaml.safe_load(MINI)
    return data


settings.register_profile(
    "ci", max_examples=2000, derandomize=True, deadline=None, database=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "long", max_examples=20_000, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
          "![x](data:text/html,x)", "{{ 7*7 }}", "{% include 'x' %}", "| a |", "# h", "\n\n",
          "&lt;script&gt;", "{ onclick=alert(1) }", "`", "\\", "*", "_", "<", ">", "&", "\"", "'",
          "\t", "\r\n", "\x00", "\x1b[31m", "\u2028", "\ufeff", "\u202e", "no", "1.10", "~"]
SCALARS: list[Any] = [None, True, False, 0, 1.5, -7, "", " ", "no", "2024-01-05", [], {},
                      datetime.date(2024, 1, 5), "x" * 300]
KEYS = ["id", "name", "summary", "description", "questions", "related", "status", "sources",
        "items", "layers", "reasoning", "kind", "flow", "examples", "framework", "<<", "1"]
ONE_LINE = re.compile(r"[^\n]+")


# --- the property ---------------------------------------------------------------------------


def check(raw: bytes) -> str:
    """Valid and rendered, or clean problems; anything else propagates and fails the example."""
    try:
        framework = validate(load_bytes(raw, "framework.yml"))
    except FrameworkError as exc:
        assert exc.problems, "a FrameworkError with no problem"
        lines = raw.count(b"\n") + 1  # never past the last line

        for problem in exc.problems:
            assert problem.path == "framework.yml"
            assert 1 <= problem.line <= lines, (problem, lines)
            assert problem.column >= 1, problem
            assert problem.message.strip(), problem
            assert str(problem).startswith(f"framework.yml:{problem.line}:{problem.column}: ")
        count = len(exc.problems)
        assert exc.report().endswith(f"\n{count} problem{'s' if count != 1 else ''} found")
        return "fails cleanly"
    pages = render(framework)
    assert pages
    for path, text in pages.items():
        if path.endswith(".md"):
            own = re.sub(r'<script src="[./]*assets/javascripts/[a-z]+\.js" defer></script>', "", text)
            assert "<script" not in own.lower(), path  # only the page's own script, from a file
            assert not re.search(r"\]\(\s*<?\s*(javascript|data|vbscript):", text, re.I), path
    return "validates and renders"


def check_one_line(raw: bytes) -> None:
    """The stricter contract: every problem prints as exactly one line, free of control
    characters."""
    try:
        validate(load_bytes(raw, "framework.yml"))
    except FrameworkError as exc:
        for problem in exc.problems:
            shown = str(problem)
            assert re.fullmatch(r"framework\.yml:\d+:\d+: [^\x00-\x1f\x7f-\x9f\u2028\u2029]+",
                                shown), repr(shown)


# --- mutations of the data --------------------------------------------------------------------

Path_ = tuple[str | int, ...]


def _paths(node: Any, here: Path_ = ()) -> list[Path_]:
    found = [here]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*here, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*here, index))
    return found


@functools.cache
def base_paths() -> list[Path_]:
    """Every node of mini.yml's data but the root."""
    return _paths(mini_data())[1:]


def _parent(data: Any, path: Path_) -> tuple[Any, str | int] | None:
    node = data
    for part in path[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    if isinstance(node, dict) and path[-1] in node:
        return node, path[-1]
    if isinstance(node, list) and isinstance(path[-1], int) and path[-1] < len(node):
        return node, path[-1]
    return None


@st.composite
def strings(draw: st.DrawFn, original: str = "") -> str:
    how = draw(st.sampled_from(["insert", "truncate", "replace", "markup"]))
    if how == "truncate":
        return original[: draw(st.integers(0, len(original)))]
    if how == "replace":
        return draw(st.text(max_size=40))
    piece = draw(st.sampled_from(MARKUP)) if how == "markup" else draw(st.text(min_size=1,
                                                                            max_size=8))
    at = draw(st.integers(0, len(original)))
    return original[:at] + piece + original[at:]


@st.composite
def mutated_data(draw: st.DrawFn) -> bytes:
    data = copy.deepcopy(mini_data())
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(base_paths()))
        found = _parent(data, path)
        if found is None:
            continue
        parent, key = found
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "retype", "mangle", "rename"]))
        if op == "delete":
            del parent[key]
        elif op == "duplicate" and isinstance(parent, list):
            assert isinstance(key, int)
            parent.insert(key, copy.deepcopy(parent[key]))
        elif op == "swap":
            other = _parent(data, draw(st.sampled_from(base_paths())))
            if other is not None:
                parent2, key2 = other
                a, b = copy.deepcopy(parent[key]), copy.deepcopy(parent2[key2])
                parent[key], parent2[key2] = b, a
        elif op == "retype":
            value = parent[key]
            parent[key] = draw(st.sampled_from([*SCALARS, [value], {"text": value}]))
        elif op == "mangle" and isinstance(parent[key], str):
            parent[key] = draw(strings(parent[key]))
        elif op == "rename" and isinstance(parent, dict):
            new = draw(st.sampled_from(KEYS) | st.text(min_size=1, max_size=12))
            parent[new] = parent.pop(key)
    return yaml.safe_dump(data, allow_unicode=draw(st.booleans()), sort_keys=False,
                          width=draw(st.sampled_from([80, 10_000]))).encode("utf-8")


# --- mutations of the text --------------------------------------------------------------------


@st.composite
def mutated_text(draw: st.DrawFn) -> bytes:
    raw = draw(st.sampled_from([MINI, real()]))
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(raw)))
        op = draw(st.sampled_from(["cut", "insert", "delete", "duplicate", "swap-lines", "byte"]))
        if op == "cut":
            raw = raw[:at]
        elif op == "insert":
            piece = draw(st.binary(min_size=1, max_size=8)
                         | st.sampled_from(MARKUP).map(lambda s: s.encode("utf-8"))
                         | st.sampled_from([b": ", b"- ", b"  ", b"&a ", b"*a", b"!!str ", b"\"",
                                            b"[", b"{", b"\n  x: y\n", b"\t"]))
            raw = raw[:at] + piece + raw[at:]
        elif op == "delete":
            raw = raw[:at] + raw[at + draw(st.integers(1, 200)):]
        elif op == "duplicate":
            end = min(len(raw), at + draw(st.integers(1, 400)))
            raw = raw[:end] + raw[at:end] + raw[end:]
        elif op == "swap-lines":
            lines = raw.split(b"\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            raw = b"\n".join(lines)
        elif raw:
            where = min(at, len(raw) - 1)
            raw = raw[:where] + bytes([draw(st.integers(0, 255))]) + raw[where + 1:]
    return raw


# --- the tests --------------------------------------------------------------------------------


def test_the_bases_are_valid() -> None:
    assert check(MINI) == check(real()) == "validates and renders"


@settings(PROFILE)
@given(mutated_data())
def test_mutated_data_validates_or_fails_cleanly(raw: bytes) -> None:
    event(check(raw))


@settings(PROFILE)
@given(mutated_text())
def test_mutated_text_validates_or_fails_cleanly(raw: bytes) -> None:
    event(check(raw))


@settings(PROFILE)
@given(mutated_data())
@example(MINI.replace(b"      - id: kindness", b'      - id: "kind\\nness"'))
def test_mutated_data_gives_one_line_per_problem(raw: bytes) -> None:
    check_one_line(raw)
