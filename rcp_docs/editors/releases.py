"""Releases: the snapshots kept in `releases/`, and what changed from each release to the next.

`rcp-docs release` (editors/release.py) copies framework.yml to `releases/framework-X.Y.Z.yml`
when a version is released and records its SHA-256 in `releases/SHA256SUMS`; a snapshot is never
edited afterwards. The build reads them from the folder, never from git history, so it works in a
shallow clone. A snapshot is read as plain data, not validated against today's schema: a field
added later must not make an old release unreadable.

The releases folder is `releases/` beside the framework file unless a publisher names another
(the plugin's `releases` option, the CLI's `--releases`).
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..base.errors import ReleaseError
from ..base.text import ID

if TYPE_CHECKING:  # importing this module stays cheap: the cache reads snapshots through it
    from ..structure import model
    from ..structure.record import Change

SNAPSHOT = re.compile(r"framework-((?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*))\.yml")
SUMS = "SHA256SUMS"


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A release snapshot's file, as read: what the build and the cache key take."""

    version: str
    raw: bytes
    name: str  # as messages show it: "releases/framework-0.1.0.yml"


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def releases_beside(framework: Path | str) -> Path:
    """The default releases folder: `releases/` beside the framework file."""
    return Path(framework).parent / "releases"


def read_snapshots(folder: Path | None, shown: str = "releases") -> tuple[Snapshot, ...]:
    """The snapshots in `folder`, oldest first (none when there is no folder)."""
    if folder is None or not folder.is_dir():
        return ()
    found = []
    for path in folder.iterdir():
        match = SNAPSHOT.fullmatch(path.name)
        if match and path.is_file():
            try:
                found.append(Snapshot(match[1], path.read_bytes(), f"{shown}/{path.name}"))
            except OSError as exc:
                raise ReleaseError(f"cannot read {shown}/{path.name}: {exc.strerror}") from None
    return tuple(sorted(found, key=lambda s: version_key(s.version)))


def snapshot_data(snapshot: Snapshot) -> dict[str, Any]:
    """A snapshot as plain data: loaded with the strict loader, not checked against the schema."""
    data = _loaded(snapshot.raw, snapshot.name)  # shared between calls: read it, never change it
    _check_words(data, snapshot.name)
    about = data.get("framework")
    said = about.get("version") if isinstance(about, dict) else None
    if said != snapshot.version:
        raise ReleaseError(f"{snapshot.name} says version {said!r} inside, not "
                           f"{snapshot.version!r} as its name does; restore it from git")
    return data


@functools.lru_cache(maxsize=32)
def _loaded(raw: bytes, name: str) -> dict[str, Any]:
    """A released file never changes: `mkdocs serve` reads each one once, not on every rebuild."""
    from ..source.load import load_bytes

    data: dict[str, Any] = load_bytes(raw, name).to_data()
    return data


STAMP = ("version", "updated")  # what a release itself changes


def changes(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """What changed in the framework's content: `diff_data` less the release's own stamp (the
    version and the date)."""
    from .diff import diff_data

    return [c for c in diff_data(before, after)
            if not (c.section == "Framework" and c.data.get("field") in STAMP)]


_KEY = re.compile(r"[a-z][a-z_]*")
_WORDS = {"id", "status", "side", "kind", "from", "to", "replaced_by"}  # values shown as they are


def _check_words(node: object, name: str) -> None:
    """Keys, ids and statuses reach the "What's changed" page as they are (only prose is
    escaped), so a snapshot must keep them to what the schema allows, as a released file does."""
    if isinstance(node, list):
        for value in node:
            _check_words(value, name)
    elif isinstance(node, dict):
        for key, value in node.items():
            if not _KEY.fullmatch(key):
                raise ReleaseError(f"{name}: the key {key!r} is not one a framework file has")
            if key in _WORDS and value is not None and not (
                    isinstance(value, str) and ID.fullmatch(value)):
                raise ReleaseError(f"{name}: {key} {value!r} is not an id")
            if key in ("layers", "related", "sources") and isinstance(value, list) and all(
                    isinstance(v, str) for v in value) and not all(ID.fullmatch(v) for v in value):
                raise ReleaseError(f"{name}: {key} holds something that is not an id")
            _check_words(value, name)


def release_history(current: dict[str, Any], snapshots: tuple[Snapshot, ...]) -> model.History:
    """Each release with the changes since the one before, and the changes since the last."""
    from ..structure import model

    releases: list[model.Release] = []
    before: dict[str, Any] | None = None
    for snapshot in snapshots:
        data = snapshot_data(snapshot)
        about = data["framework"]
        releases.append(model.Release(
            version=snapshot.version, date=str(about.get("updated") or ""),
            text=snapshot.raw.decode("utf-8"), data=data,
            changes=changes(before, data) if before is not None else [],
            first=before is None))
        before = data
    unreleased = changes(before, current) if before is not None else []
    return model.History(releases, unreleased)


# --- the record that keeps snapshots unedited --------------------------------------------------


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def read_sums(folder: Path) -> dict[str, str]:
    """`SHA256SUMS` as `sha256sum` writes it: file name -> hex digest."""
    path = folder / SUMS
    if not path.is_file():
        return {}
    sums = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        hexdigest, _, name = line.partition("  ")
        if hexdigest and name:
            sums[name] = hexdigest
    return sums


def edited(folder: Path) -> list[str]:
    """Problems with the snapshots: one edited (or replaced) since its release, one not
    recorded, a record without its snapshot."""
    sums = read_sums(folder)
    problems = []
    names = {p.name for p in folder.iterdir() if SNAPSHOT.fullmatch(p.name)} \
        if folder.is_dir() else set()
    for name in sorted(names):
        if name not in sums:
            problems.append(f"{folder.name}/{name} is not recorded in {folder.name}/{SUMS}; "
                            "snapshots are made by `rcp-docs release`")
        elif digest((folder / name).read_bytes()) != sums[name]:
            problems.append(f"{folder.name}/{name} has changed since it was released; a release "
                            f"is never edited: restore it (git checkout -- {folder.name}/{name})")
    problems += [f"{folder.name}/{SUMS} records {name}, which is missing"
                 for name in sorted(sums.keys() - names)]
    return problems
