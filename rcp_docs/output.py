"""Writing a folder of generated files atomically, for `rcp-docs render --out`.

The new tree is written beside the target and renamed into place, so a crash or an error leaves
the previous output whole, and pages of deleted items do not linger.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from .errors import OutputError


def write_tree(files: Mapping[str, str], out: Path, copy_from: Path | None = None) -> int:
    """Replace `out` with `copy_from`'s files plus `files`; return the number of files written."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        if copy_from is not None and copy_from.is_dir():
            shutil.copytree(copy_from, staging, dirs_exist_ok=True)
        for name, text in files.items():
            rel = PurePosixPath(name)
            if rel.is_absolute() or ".." in rel.parts:
                raise OutputError(f"refusing to write outside {out}: {name}")
            target = staging.joinpath(*rel.parts)
            if target.exists():
                raise OutputError(f"{name} is both a hand-written and a generated page")
            target.parent.mkdir(parents=True, exist_ok=True)
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
