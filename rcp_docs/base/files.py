"""Writing files whole or not at all: one file (a release, a cache entry, a PDF), or a folder.

A file is written beside its target and renamed over it; a folder is built beside the target and
renamed into place. A crash or an error leaves the previous file or folder whole, and pages of
deleted items do not linger.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from .errors import OutputError


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write one file whole or not at all (text as UTF-8, line endings as given), keeping the
    permissions of the file it replaces. Raises OSError; a cache's writer may ignore it."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
        Path(tmp).chmod(path.stat().st_mode & 0o777 if path.exists() else 0o644)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_tree(files: Mapping[str, str | bytes], out: Path) -> int:
    """Replace the folder `out` with `files` (path in the folder -> content); return how many
    files were written."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        for name, text in files.items():
            rel = PurePosixPath(name)
            if rel.is_absolute() or ".." in rel.parts:
                raise OutputError(f"refusing to write outside {out}: {name}")
            target = staging.joinpath(*rel.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                target.write_bytes(text)
            else:
                target.write_text(text, encoding="utf-8", newline="")
        count = sum(1 for p in staging.rglob("*") if p.is_file())
        old = None
        if out.exists():
            old = out.with_name(f".{out.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            out.rename(old)
        staging.rename(out)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return count
    except OSError as exc:
        raise OutputError(f"could not write {out}: {exc}") from None
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
