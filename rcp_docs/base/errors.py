"""The one error hierarchy of rcp-docs.

Every problem the pipeline finds in framework.yml is a :class:`Problem` with a position; they are
gathered and raised together as a :class:`FrameworkError`, which the publishers (the CLI and the
MkDocs plugin) turn into a clear message at their boundary.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: str) -> str:
    """Text with every control, format or line-separating character shown as an escape, so that
    a value echoed in a message keeps the message on one line and nothing reaches a terminal raw."""
    return "".join(
        _NAMED.get(ch) or (f"\\u{ord(ch):04x}" if unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp"}
                           and ch not in "\u200c\u200d" else ch)
        for ch in text)


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One mistake in a framework file, at a 1-based line and column."""

    line: int
    column: int
    message: str
    path: str = "framework.yml"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"

    def github(self, level: str = "error", title: str | None = None) -> str:
        """The problem as a GitHub Actions workflow command: an annotation on its line."""
        props = [f"file={_property(self.path)}", f"line={self.line}", f"col={self.column}"]
        if title:
            props.append(f"title={_property(title)}")
        return f"::{level} {','.join(props)}::{_data(self.message)}"


def _data(text: str) -> str:
    """A workflow command's message, escaped as the runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """A workflow command's property value (file, title): ':' and ',' separate properties."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


class RcpError(Exception):
    """Base class of every error rcp-docs reports to a person."""


class FrameworkError(RcpError):
    """framework.yml is not valid: every problem found, sorted by position."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted({replace(p, message=visible(p.message)) for p in problems})
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        count = len(self.problems)
        lines.append(f"{count} problem{'s' if count != 1 else ''} found")
        return "\n".join(lines)


class OutputError(RcpError):
    """A folder or file could not be written."""


class DiffError(RcpError):
    """A version cannot be read, or (with --check) ids vanished; `problems` holds the latter."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        self.problems = problems or []
        super().__init__(message)


class ReleaseError(RcpError):
    """A release cannot be made, or a snapshot cannot be read."""


class PdfError(RcpError):
    """The PDF cannot be made."""
