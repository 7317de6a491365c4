"""Writing a folder of generated files atomically, for `rcp-docs render --out`.

The new tree is written beside the target and renamed into place, so a crash or an error leaves
the previous output whole, and pages of deleted items do not linger.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from .errors import OutputError

INSERT = re.compile(r"^<!-- rcp:([a-z]+) -->[ \t]*$", re.MULTILINE)


def _insert(folder: Path, inserts: Mapping[str, str]) -> None:
    """Put the generated blocks into the hand-written pages that ask for them."""
    for page in folder.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        if "<!-- rcp:" in text:
            page.write_text(INSERT.sub(lambda m: inserts.get(m[1], m[0]), text),
                            encoding="utf-8", newline="")


def write_tree(files: Mapping[str, str | bytes], out: Path, copy_from: Path | None = None,
               inserts: Mapping[str, str] | None = None) -> int:
    """Replace `out` with `copy_from`'s files plus `files`; return the number of files written.
    In the copied Markdown pages, a line `<!-- rcp:NAME -->` becomes `inserts[NAME]`."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        if copy_from is not None and copy_from.is_dir():
            shutil.copytree(copy_from, staging, dirs_exist_ok=True)
            _insert(staging, inserts or {})
        for name, text in files.items():
            rel = PurePosixPath(name)
            if rel.is_absolute() or ".." in rel.parts:
                raise OutputError(f"refusing to write outside {out}: {name}")
            target = staging.joinpath(*rel.parts)
            if target.exists():
                raise OutputError(f"{name} is both a hand-written and a generated page")
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
