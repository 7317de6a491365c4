"""tests/browsers.py: which browser the browser tests drive, and never a snap."""

from __future__ import annotations

from pathlib import Path

from browsers import find_browser, is_snap


def _program(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    path.chmod(0o755)
    return str(path)


def test_a_script_that_starts_a_snap_is_a_snap(tmp_path: Path) -> None:
    wrapper = _program(tmp_path / "chromium-browser", '#!/bin/sh\nexec /snap/bin/chromium "$@"\n')
    runner = _program(tmp_path / "chromium", "#!/bin/sh\nsnap run chromium\n")
    debian = _program(tmp_path / "debian", '#!/bin/sh\nexec /usr/lib/chromium/chromium "$@"\n')
    assert is_snap(wrapper) and is_snap(runner)
    assert not is_snap(debian)


def test_the_variable_comes_first_and_must_be_usable(tmp_path: Path) -> None:
    mine = _program(tmp_path / "my-chrome", "#!/bin/sh\n")
    other = _program(tmp_path / "chromium", "#!/bin/sh\n")
    assert find_browser({"RCP_BROWSER": mine, "PATH": ""}, [other]) == (mine, f"{mine} (from RCP_BROWSER)")
    snap = _program(tmp_path / "snapped", "#!/bin/sh\nexec /snap/bin/chromium\n")
    assert find_browser({"RCP_BROWSER": snap, "PATH": ""}, [other]) == \
        (None, f"RCP_BROWSER={snap} is a snap")
    missing = str(tmp_path / "nothing")
    assert find_browser({"RCP_BROWSER": missing, "PATH": ""}, [other]) == \
        (None, f"RCP_BROWSER={missing} is not an executable file")


def test_a_snap_is_skipped_for_the_next_browser(tmp_path: Path) -> None:
    snap = _program(tmp_path / "chromium", "#!/bin/sh\nexec /snap/bin/chromium\n")
    chrome = _program(tmp_path / "google-chrome", "#!/bin/sh\n")
    assert find_browser({"PATH": ""}, [snap, chrome]) == (chrome, chrome)
    assert find_browser({"PATH": "", "CHROME_BIN": chrome}, [snap]) == (chrome, chrome)
    path, message = find_browser({"PATH": str(tmp_path / "empty")}, [snap])
    assert path is None
    assert message.startswith(f"no Chromium-family browser found (skipped, snaps: {snap})")
    assert "RCP_BROWSER" in message


def test_on_path_only_a_browser_name_counts(tmp_path: Path) -> None:
    (tmp_path / "bin").mkdir()
    found = _program(tmp_path / "bin" / "google-chrome-stable", "#!/bin/sh\n")
    _program(tmp_path / "bin" / "firefox", "#!/bin/sh\n")
    assert find_browser({"PATH": str(tmp_path / "bin")}, []) == (found, found)
