"""A cache of built sites, keyed by framework.yml's bytes, the code, its libraries and the options.

MkDocs builds again for every change under `mkdocs serve` and for every `mkdocs build`, but
framework.yml changes far less often than the hand-written pages. On a hit the plugin skips
loading, validating and rendering, and never imports pydantic or Jinja: its overhead falls to
reading and hashing the file. Only valid frameworks are ever cached, so a bad file is always
reported. This module imports nothing heavy; the pipeline is imported only on a miss.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import asdict, fields
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..base.files import write_atomic
from .build import Options, Site

if TYPE_CHECKING:
    from ..editors.releases import Snapshot

PACKAGE = Path(__file__).parent.parent  # all of rcp_docs
VERSION = 6  # bump when the cached layout changes
SHAPING = ("rcp-docs", "jinja2", "markdown", "pydantic")  # libraries whose versions shape pages


def cached_build(source: Path, options: Options, display: str, cache_dir: Path | None,
                 releases: Path | None = None) -> Site:
    """`build.build`, from the cache when the file, its releases' snapshots, the code and the
    options are unchanged."""
    from ..editors.releases import read_snapshots
    from ..source.load import read_file

    raw = read_file(source, display)  # the bytes the loader reads are the bytes hashed
    snapshots = read_snapshots(releases)
    if cache_dir is None:
        return _build(raw, display, options, snapshots)
    entry = cache_dir / f"{_key(raw, display, options, snapshots)}.json"
    try:
        return _site_from(json.loads(entry.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        pass  # a miss, or an entry this version cannot read
    site = _build(raw, display, options, snapshots)
    _store(cache_dir, entry, site)
    return site


def _site_from(data: dict[str, Any]) -> Site:
    """A stored `Site`, every field of it (an entry that lacks one is a miss): JSON has no
    tuples, so the lines and tooltips are made tuples again."""
    if set(data) != {f.name for f in fields(Site)}:
        raise KeyError("an entry of another version")
    data["lines"] = {k: (v[0], v[1]) for k, v in data["lines"].items()}
    data["tooltips"] = [(t[0], t[1]) for t in data["tooltips"]]
    return Site(**data)


def _build(raw: bytes, display: str, options: Options, snapshots: tuple[Snapshot, ...]) -> Site:
    from .build import build_bytes

    return build_bytes(raw, display, options, snapshots)


@functools.cache
def _versions() -> str:
    found = []
    for name in SHAPING:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=?")
    return ",".join(found)


def _key(raw: bytes, display: str, options: Options, snapshots: tuple[Snapshot, ...] = ()) -> str:
    digest = hashlib.sha256()
    digest.update(f"{VERSION}\0{_versions()}\0{display}\0{options!r}\0".encode())
    digest.update(raw)
    for snapshot in snapshots:
        digest.update(f"\0{snapshot.name}\0{len(snapshot.raw)}\0".encode() + snapshot.raw)
    for path in sorted(PACKAGE.rglob("*")):  # any change to rcp-docs itself invalidates
        if path.suffix in {".py", ".j2"}:
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:32]


def _store(cache_dir: Path, entry: Path, site: Site) -> None:
    """Write the entry atomically and keep only it: the cache never grows."""
    try:
        write_atomic(entry, json.dumps(asdict(site), ensure_ascii=False))
        for old in cache_dir.glob("*.json"):  # (the PDF's own entries are pdf-*.pdf)
            if old != entry:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a cache that cannot be written only costs time
