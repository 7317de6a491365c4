"""Writing whole or not at all (rcp_docs/base/files.py): one file, or a folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from rcp_docs.base.errors import OutputError
from rcp_docs.base.files import write_atomic, write_tree


def test_a_file_is_replaced_whole_and_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "framework.yml"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o600)
    write_atomic(target, "new\r\n")
    assert target.read_bytes() == b"new\r\n"  # line endings as given
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["framework.yml"]  # nothing left beside it


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "cache.json"
    target.write_bytes(b"old")

    def broken(self: Path, other: Path) -> Path:
        raise OSError("disk full")

    monkeypatch.setattr(Path, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["cache.json"]


def test_a_folder_is_replaced_whole(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree({"a.md": "A", "deep/b.bin": b"B", "gone.md": "G"}, out)
    count = write_tree({"a.md": "A2", "deep/b.bin": b"B"}, out)
    assert count == 2
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        "a.md", "deep/b.bin"]  # a page of a deleted item does not linger
    assert (out / "a.md").read_text(encoding="utf-8") == "A2"


def test_a_folder_write_refuses_paths_outside_it_and_keeps_the_old_one(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree({"a.md": "A"}, out)
    for bad in ("../escape.md", "/etc/passwd"):
        with pytest.raises(OutputError, match="refusing to write outside"):
            write_tree({"a.md": "new", bad: "x"}, out)
        assert (out / "a.md").read_text(encoding="utf-8") == "A"
    assert not (tmp_path / "escape.md").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging folder left
