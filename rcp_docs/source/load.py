"""Load: a framework file's bytes to a positioned tree of text, lists and mappings.

framework.yml arrives through pull requests from anyone, so YAML is read strictly: one pass over
libyaml's events (no constructor ever runs) builds a tree where every node knows its line and column.
What YAML would otherwise do silently is an error here, with its position: duplicate keys (PyYAML
keeps the last), anchors and aliases (shared objects; a small file can expand without bound), tags
(`!!python/...`), tabs in indentation, bytes that are not UTF-8, NUL bytes, files over the size cap,
nesting deeper than the schema could ever need, and implicit typing: the framework holds only text,
so an unquoted `no`, `on`, `1.10` or `2024-01-05` is reported with the advice to quote it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..base.errors import FrameworkError, Problem
from ..base.gcpause import pauses_gc

try:  # libyaml keeps marks and is about 4x faster than the pure-Python parser
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 32
MAX_KEYS = 200  # keys in one mapping: the schema's largest has a dozen
MAX_PROBLEMS = 100  # past this, checking stops: the report stays readable and fast
_RESOLVER = yaml.resolver.Resolver()
_TYPE_NAMES = {
    "tag:yaml.org,2002:bool": "a yes/no value",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:timestamp": "a date",
}


@dataclass(slots=True)
class Node:
    """A YAML node with its 1-based start position and its last line."""

    line: int
    column: int
    end_line: int


@dataclass(slots=True)
class Scalar(Node):
    value: str | None  # None for an empty plain value (YAML's null)


@dataclass(slots=True)
class SequenceNode(Node):
    items: list[Node] = field(default_factory=list)


@dataclass(slots=True)
class MappingNode(Node):
    # key -> (the key's node, the value's node)
    entries: dict[str, tuple[Scalar, Node]] = field(default_factory=dict)


@dataclass(slots=True)
class Document:
    """A loaded framework file: its tree and the display path used in every message."""

    path: str
    root: MappingNode
    text: str = ""  # the source, for positions inside a value (rcp_docs/fields.py)

    def to_data(self) -> dict[str, Any]:
        data = to_data(self.root)
        assert isinstance(data, dict)
        return data

    def find(self, loc: tuple[str | int, ...]) -> Node:
        """The deepest node along `loc` (a path of keys and indexes) that exists."""
        node: Node = self.root
        for part in loc:
            if isinstance(node, MappingNode) and isinstance(part, str) and part in node.entries:
                node = node.entries[part][1]
            elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.items):
                node = node.items[part]
            else:
                break
        return node


def to_data(node: Node) -> Any:
    """Plain Python data (str, None, list, dict) for a node."""
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, SequenceNode):
        return [to_data(item) for item in node.items]
    assert isinstance(node, MappingNode)
    return {key: to_data(value) for key, (_, value) in node.entries.items()}


def load_file(path: Path | str, display: str | None = None) -> Document:
    """Read and load a framework file; raise FrameworkError with every problem found."""
    shown = display or str(path)
    return load_bytes(read_file(path, shown), shown)


def read_file(path: Path | str, display: str) -> bytes:
    """A framework file's bytes, or FrameworkError saying why they cannot be read (`display` is
    the file's name as the person configured it). The loader and the cache read through here."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise FrameworkError([Problem(1, 1, _too_big(size), display)])
        return path.read_bytes()
    except OSError as exc:
        raise FrameworkError([Problem(1, 1, f"cannot read the file: {exc.strerror}", display)]) \
            from None


@pauses_gc
def load_bytes(raw: bytes, path: str = "framework.yml") -> Document:
    """Load a framework file's bytes; raise FrameworkError with every problem found."""
    if len(raw) > MAX_BYTES:
        raise FrameworkError([Problem(1, 1, _too_big(len(raw)), path)])
    text = _decode(raw, path)
    problems = _scan_characters(text, path)
    if problems:
        raise FrameworkError(problems)
    return _Builder(path).build(text)


def _too_big(size: int) -> str:
    return (
        f"the file is {size:,} bytes, over the limit of {MAX_BYTES:,}; "
        "a framework file this large is almost certainly a mistake"
    )


def _decode(raw: bytes, path: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        raise FrameworkError(
            [
                Problem(
                    line,
                    column,
                    f"byte 0x{raw[exc.start]:02x} is not UTF-8 text; "
                    "save the file as UTF-8 (GitHub's editor always does)",
                    path,
                )
            ]
        ) from None
    return text.removeprefix("\ufeff")  # a byte-order mark is harmless: drop it


_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)
# Characters YAML refuses, and those it counts as line breaks where editors and GitHub do not.
# Invisible characters that only confuse: zero-width space, direction overrides, word joiner and
# byte-order marks inside the file. (The zero-width joiners U+200C/U+200D stay: emoji and some
# scripts need them.)
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff"
                        "\u200b\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def _scan_characters(text: str, path: str) -> list[Problem]:
    found: list[tuple[int, str]] = []
    for match in _BAD_CHARS.finditer(text):
        code = f"U+{ord(match.group()):04X}"
        what = "a NUL character" if code == "U+0000" else f"the invisible character {code}"
        found.append((match.start(), f"{what} is not allowed; delete it "
                                     "(it often comes from pasting text)"))
        if len(found) >= MAX_PROBLEMS:
            break
    for match in _TAB_INDENT.finditer(text):
        found.append((match.end() - 1, "tab character in indentation; indent with spaces only"))
        if len(found) >= 2 * MAX_PROBLEMS:
            break
    found.sort()
    problems, line, line_start, counted = [], 1, 0, 0
    for offset, message in found[:MAX_PROBLEMS]:  # positions in one pass, not from the start
        line += text.count("\n", counted, offset)
        line_start = text.rfind("\n", 0, offset) + 1
        counted = offset
        problems.append(Problem(line, offset - line_start + 1, message, path))
    if len(found) > MAX_PROBLEMS:
        problems.append(_stopped(problems[-1], path))
    return problems


def _stopped(last: Problem, path: str) -> Problem:
    return Problem(last.line, last.column, f"checking stopped after {MAX_PROBLEMS} problems; "
                   "fix these and run again to see any others", path)


class _Builder:
    """Builds the tree from parser events, collecting every problem it meets."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.stopped = False  # the loader's own checks ended the reading before the end

    def problem(self, mark: Any, message: str) -> None:
        self.add(Problem(mark.line + 1, mark.column + 1, message, self.path))

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)
        if len(self.problems) >= MAX_PROBLEMS:
            self.problems.append(_stopped(problem, self.path))
            raise _Stop

    def build(self, text: str) -> Document:
        try:
            roots = self.walk(text, _Loader)
        except yaml.MarkedYAMLError as exc:
            roots = self.after_syntax_error(text, exc)
        except yaml.YAMLError as exc:  # a reader error with no mark
            self.problems.append(Problem(1, 1, f"YAML: {exc}", self.path))
            roots = []
        return self.document(text, roots)

    def walk(self, text: str, loader: Any) -> list[Node]:
        """The tree's roots from `loader`'s events; problems go to self.problems."""
        roots: list[Node] = []
        stack: list[tuple[Node, list[Any]]] = []  # container, pending key (mappings)
        try:
            for event in yaml.parse(text, Loader=loader):
                if isinstance(event, yaml.DocumentStartEvent) and roots:
                    self.problem(event.start_mark, "a second YAML document ('---'); keep one")
                    self.stopped = True
                    break
                node = self.node_for(event, len(stack))
                if node is not None and not stack and not roots and not isinstance(node, MappingNode):
                    roots.append(node)  # the top is not a mapping: nothing below can be right
                    self.stopped = True
                    break
                if node is None:
                    if isinstance(event, yaml.CollectionEndEvent) and stack:
                        done, _ = stack.pop()
                        self.attach(done, stack, roots)
                    continue
                if isinstance(node, Scalar):
                    self.attach(node, stack, roots)
                else:
                    stack.append((node, []))
        except _Stop:
            self.stopped = True  # already reported
        return roots

    def after_syntax_error(self, text: str, exc: yaml.MarkedYAMLError) -> list[Node]:
        """libyaml reads ahead and has limits of its own (PyYAML 6.0.4 stops deep flow nesting
        itself), so its error can come before events the loader's own checks would have seen.
        The pure-Python parser, which has no such limits, reads the file again: if the loader's
        own checks stop it first (too deep, too many problems), their report stands; otherwise
        the syntax error is reported, after the problems found before it."""
        found = self.problems
        self.problems = []
        mark = exc.problem_mark or exc.context_mark
        upto = text.find("\n", mark.index) if mark else -1  # nothing after the error's line counts
        try:
            roots = self.walk(text if upto == -1 else text[:upto], yaml.SafeLoader)
        except yaml.YAMLError:
            roots = []  # a syntax error: libyaml's own is reported below
        if self.stopped:  # the second reading saw everything the first did, and stopped first
            return roots
        self.problems = found
        self.problems.append(self.syntax_problem(text, exc))
        return []

    def syntax_problem(self, text: str, exc: yaml.MarkedYAMLError) -> Problem:
        mark = exc.problem_mark or exc.context_mark
        what = (exc.problem or "not valid YAML").replace("\t", "tab ")
        context = f" {exc.context}" if exc.context else ""
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        hint = "; check the indentation and quotes on this line and the one before"
        last_line = text.count("\n") + (0 if text.endswith("\n") else 1)
        if line > max(last_line, 1):  # libyaml's end of stream, after a missing final newline
            line = max(last_line, 1)
            column = len(text.rsplit("\n", 1)[-1]) + 1
        return Problem(line, column, f"YAML syntax: {what}{context}{hint}", self.path)

    def document(self, text: str, roots: list[Node]) -> Document:
        if self.problems:
            raise FrameworkError(self.problems)
        if not roots:
            raise FrameworkError(
                [Problem(1, 1, "the file is empty; expected a mapping with 'framework:' and "
                         "'layers:' at the top", self.path)]
            )
        root = roots[0]
        if not isinstance(root, MappingNode):
            kind = "a list" if isinstance(root, SequenceNode) else "a single value"
            raise FrameworkError(
                [Problem(root.line, root.column, f"the file holds {kind}; expected a mapping "
                         "with 'framework:' and 'layers:' at the top", self.path)]
            )
        return Document(self.path, root, text)

    def node_for(self, event: Any, depth: int) -> Node | None:
        if not isinstance(event, yaml.NodeEvent):
            return None
        mark: Any = event.start_mark
        if isinstance(event, yaml.AliasEvent):
            self.problem(mark, f"an alias (*{event.anchor}) is not allowed; write the text out in full")
            return Scalar(mark.line + 1, mark.column + 1, mark.line + 1, "")
        if event.anchor is not None:  # reported; the node itself is still read, to go on checking
            self.problem(mark, f"an anchor (&{event.anchor}) is not allowed; write the text out in full")
        tag = getattr(event, "tag", None)
        if tag is not None:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            self.problem(mark, f"the tag '{shown}' is not allowed; remove it")
        if depth >= MAX_DEPTH:
            self.problem(mark, f"nested more than {MAX_DEPTH} levels deep; "
                         "the framework never needs this")
            raise _Stop
        line, column = mark.line + 1, mark.column + 1
        if isinstance(event, yaml.MappingStartEvent):
            return MappingNode(line, column, line)
        if isinstance(event, yaml.SequenceStartEvent):
            return SequenceNode(line, column, line)
        assert isinstance(event, yaml.ScalarEvent)
        value: str | None = event.value
        if not event.style:  # plain ("" from libyaml, None from PyYAML): what would YAML make it?
            resolved = _RESOLVER.resolve(  # type: ignore[no-untyped-call]
                yaml.ScalarNode, event.value, (True, False))
            if resolved == "tag:yaml.org,2002:null":
                value = None
            elif resolved in _TYPE_NAMES and tag is None:
                self.problem(mark, f"YAML reads {event.value} as {_TYPE_NAMES[resolved]}, "
                             f"not text; put it in quotes: \"{event.value}\"")
        if value is not None and event.style and (bad := _BAD_CHARS.search(value)):
            # written as an escape in quotes ("\e", "\x07", "\L"): the raw scan cannot see it
            self.problem(mark, f"the text holds the invisible character U+{ord(bad.group()):04X} "
                         "(from an escape such as \\e or \\x07 in quotes); remove it")
        end: Any = event.end_mark  # a block scalar ends at column 0 of the line after it
        last = end.line + 1 if end.column > 0 or end.line == mark.line else end.line
        return Scalar(line, column, last, value)

    def attach(self, node: Node, stack: list[tuple[Node, list[Any]]], roots: list[Node]) -> None:
        if not stack:
            roots.append(node)
            return
        parent, pending = stack[-1]
        parent.end_line = max(parent.end_line, node.end_line)  # a container ends with its last child
        if isinstance(parent, SequenceNode):
            parent.items.append(node)
            return
        assert isinstance(parent, MappingNode)
        if not pending:  # this node is a key
            if not isinstance(node, Scalar) or node.value is None:
                pending.append(Scalar(node.line, node.column, node.line, "?"))
                self.add(Problem(node.line, node.column, "a key must be plain text", self.path))
            else:
                pending.append(node)
            return
        key = pending.pop()
        assert isinstance(key, Scalar) and key.value is not None
        if key.value in parent.entries:
            first = parent.entries[key.value][0]
            self.add(Problem(key.line, key.column,
                             f"duplicate key '{key.value}' (first given on line {first.line}); "
                             "keep one and delete the other", self.path))
            return
        if len(parent.entries) >= MAX_KEYS:
            self.add(Problem(key.line, key.column, f"more than {MAX_KEYS} keys in one mapping; "
                             "check the indentation", self.path))
            raise _Stop
        parent.entries[key.value] = (key, node)


class _Stop(Exception):
    """Stops the walk: a problem that ends checking was reported (too deep, too many)."""
