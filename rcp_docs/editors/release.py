"""`rcp-docs release VERSION`: make a release of the framework.

Refuses, changing nothing, when framework.yml does not validate, when a snapshot was edited since
its release, when VERSION is not x.y.z newer than the last release, when the date is not a real
day or comes before the last release's, or when the content has not changed since the last
release. Otherwise it sets `version` and `updated` in framework.yml (only those two values, in
place: comments and layout stay as they are), copies the file to `releases/framework-X.Y.Z.yml`
with its SHA-256 in `releases/SHA256SUMS`, sets the version, date and title in CITATION.cff
beside it when there is one (its authors and references too, from the framework's credits),
and returns the plain-English summary since the previous release.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from ..base.errors import ReleaseError
from ..base.files import write_atomic
from ..check.validate import validate
from ..source.load import Scalar, load_bytes, read_file
from ..source.schema import VERSION_PATTERN
from .citation import CREDITS_START, credits_yaml
from .citation import quote as cff_quote
from .releases import (
    SUMS,
    changes,
    digest,
    edited,
    read_snapshots,
    releases_beside,
    snapshot_data,
    version_key,
)
from .report import report

CITATION = "CITATION.cff"


@dataclass(frozen=True, slots=True)
class Released:
    version: str
    snapshot: Path
    summary: str  # Markdown or text, ready for the pull request


def release(path: Path, version: str, date: str | None = None, releases: Path | None = None,
            fmt: str = "markdown") -> Released:
    """Release the framework at `path` as `version` (see the module's docstring)."""
    folder = releases if releases is not None else releases_beside(path)
    shown = path.name
    raw = read_file(path, shown)
    doc = load_bytes(raw, shown)
    validate(doc)  # raises FrameworkError with every problem
    day = _day(date)
    if not re.fullmatch(VERSION_PATTERN, version):
        raise ReleaseError(f"'{version}' is not a version: expected major.minor.patch, such as "
                           "0.2.0")
    problems = edited(folder)
    if problems:
        raise ReleaseError("; ".join(problems))
    snapshots = read_snapshots(folder, folder.name)
    last = snapshots[-1] if snapshots else None
    before = snapshot_data(last) if last is not None else None
    if last is not None and version_key(version) <= version_key(last.version):
        raise ReleaseError(f"version {version} is not newer than the last release, "
                           f"{last.version}; choose a higher version, such as "
                           f"{_next(last.version)}")
    if before is not None:
        last_day = str(before["framework"].get("updated") or "")
        if day < last_day:
            raise ReleaseError(f"the date {day} is before the last release's ({last_day})")
    text = _stamp(raw.decode("utf-8"), doc, version, day, shown)
    stamped = load_bytes(text.encode("utf-8"), shown)
    validate(stamped)
    new_data = stamped.to_data()
    found = changes(before, new_data) if before is not None else []
    if before is not None and not found:
        raise ReleaseError(f"nothing has changed since version {last.version if last else ''}: "
                           "there is nothing to release")
    snapshot = folder / f"framework-{version}.yml"
    citation = path.parent / CITATION
    cff = _citation(citation, version, day, new_data) if citation.is_file() else None
    # every check has passed: write
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(snapshot, text.encode("utf-8"))
    with (folder / SUMS).open("a", encoding="utf-8", newline="\n") as sums:
        sums.write(f"{digest(text.encode('utf-8'))}  {snapshot.name}\n")
    write_atomic(path, text.encode("utf-8"))
    if cff is not None:
        write_atomic(citation, cff.encode("utf-8"))
    base = f"version {last.version}" if last is not None else "no earlier release"
    if before is None:
        summary = (f"## Version {version}\n\nThe first release of the framework, {day}.\n"
                   if fmt == "markdown" else f"Version {version}: the first release, {day}.\n")
    else:
        summary = report(fmt, found, [], base, f"version {version}")
    return Released(version, snapshot, summary)


def _day(date: str | None) -> str:
    if date is None:
        return datetime.date.today().isoformat()
    try:
        return datetime.date.fromisoformat(date).isoformat() if re.fullmatch(
            r"[0-9]{4}-[0-9]{2}-[0-9]{2}", date) else _bad_day(date)
    except ValueError:
        return _bad_day(date)


def _bad_day(date: str) -> str:
    raise ReleaseError(f"'{date}' is not a date: expected year-month-day, such as 2026-11-21")


def _next(version: str) -> str:
    major, minor, _ = version_key(version)
    return f"{major}.{minor + 1}.0"


def _stamp(text: str, doc: object, version: str, day: str, shown: str) -> str:
    """framework.yml with only the values of `framework.version` and `framework.updated`
    replaced, where the loader found them."""
    from ..source.load import Document

    assert isinstance(doc, Document)
    lines = text.splitlines(keepends=True)
    for key, value in (("version", version), ("updated", day)):
        node = doc.find(("framework", key))
        if not isinstance(node, Scalar) or node.end_line != node.line:
            raise ReleaseError(f"{shown}:{node.line}:{node.column}: framework.{key} must be one "
                               f"line, such as {key}: \"{value}\", for a release to set it")
        row = lines[node.line - 1]
        start = node.column - 1
        end = _scalar_end(row, start)
        lines[node.line - 1] = f'{row[:start]}"{value}"{row[end:]}'
    return "".join(lines)


def _scalar_end(row: str, start: int) -> int:
    """Where a one-line scalar starting at `start` ends: past its closing quote, or (plain)
    before a comment or the line's end."""
    quote = row[start]
    if quote in "\"'":
        end = start + 1
        while end < len(row):
            if row[end] == "\\" and quote == '"':
                end += 2
                continue
            if row[end] == quote:
                if quote == "'" and row[end + 1:end + 2] == "'":
                    end += 2
                    continue
                return end + 1
            end += 1
        return end
    comment = row.find(" #", start)
    end = comment if comment >= 0 else len(row.rstrip("\r\n"))
    return len(row[:end].rstrip())


def _citation(path: Path, version: str, day: str, data: dict[str, object]) -> str:
    """CITATION.cff with its version, release date and title set from the framework, and its
    authors and references (from its `authors:` line to the end) written from the credits."""
    text = path.read_text(encoding="utf-8")
    start = re.search(rf"^{CREDITS_START}", text, flags=re.MULTILINE)
    if start is None:
        raise ReleaseError(f"{path.name} has no top-level '{CREDITS_START}' line to set")
    text = text[:start.start()] + credits_yaml(data)
    about = data.get("framework")
    title = str(about.get("title")) if isinstance(about, dict) else ""
    for key, value in (("version", version), ("date-released", day), ("title", title)):
        line = f"{key}: {cff_quote(value)}"
        text, count = re.subn(rf"^{key}:.*$", line.replace("\\", "\\\\"), text, count=1,
                              flags=re.MULTILINE)
        if not count:
            raise ReleaseError(f"{path.name} has no top-level '{key}:' line to set")
    return text
