"""The lock (requirements/): every install takes exact, hashed versions that satisfy pyproject.toml.

requirements/check.py is what make runs after each install and in `make lint`; these tests hold it
to what it promises, on the real files and on copies with the mistakes an editor of pyproject.toml
would make.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"


def _check_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("lockcheck", ROOT / "requirements" / "check.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check = _check_module()


def _copy(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(ROOT / "requirements", tmp_path / "requirements")
    return tmp_path


def test_the_lock_satisfies_pyproject() -> None:
    assert check.check_lock() == []


def test_this_environment_is_exactly_the_test_lock() -> None:
    assert check.check_installed("test") == []


@pytest.mark.parametrize("level", ["site", "test"])
def test_every_pin_has_hashes(level: str) -> None:
    text = (ROOT / "requirements" / f"{level}.txt").read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
    assert len(blocks) > 30
    for block in blocks:
        assert re.match(r"[A-Za-z0-9._-]+==\S+", block), block
        assert "--hash=sha256:" in block, block


def test_a_dependency_added_without_make_lock_is_caught(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    pyproject = root / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text.replace('dependencies = [\n', 'dependencies = [\n    "tomli-w>=1",\n', 1),
                         encoding="utf-8")
    assert check.check_lock(root) == ["site.txt: tomli-w is not in the lock",
                                      "test.txt: tomli-w is not in the lock"]


def test_a_range_changed_without_make_lock_is_caught(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    pyproject = root / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    assert '"pyyaml>=6.0.1,<7"' in text
    pyproject.write_text(text.replace('"pyyaml>=6.0.1,<7"', '"pyyaml>=7,<8"'), encoding="utf-8")
    version = check.pins(root / "requirements" / "site.txt")["pyyaml"]
    assert check.check_lock(root) == [
        f"site.txt: pyyaml=={version} is outside pyproject.toml's range '<8,>=7'",
        f"test.txt: pyyaml=={version} is outside pyproject.toml's range '<8,>=7'",
    ]


def test_a_test_tool_added_without_make_lock_is_caught(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    pyproject = root / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    added = '    "pytest>=8,<10",\n    "pytest-xdist>=3",\n'
    pyproject.write_text(text.replace('    "pytest>=8,<10",\n', added), encoding="utf-8")
    assert check.check_lock(root) == ["test.txt: pytest-xdist is not in the lock"]


def test_the_two_locks_disagreeing_is_caught(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    test_lock = root / "requirements" / "test.txt"
    version = check.pins(test_lock)["jinja2"]
    test_lock.write_text(test_lock.read_text(encoding="utf-8").replace(f"jinja2=={version}", "jinja2==3.1.0"),
                         encoding="utf-8")
    assert check.check_lock(root) == [f"test.txt: jinja2==3.1.0 but site.txt has {version}"]


def test_a_package_installed_beside_the_lock_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    have = check.installed()
    monkeypatch.setattr(check, "installed", lambda: {**have, "leftpad": "1.0", "jinja2": "0.1"})
    problems = check.check_installed("test")
    assert problems == [f"jinja2: 0.1, the lock says {have['jinja2']}",
                        "leftpad 1.0: installed but not in test.txt"]


def test_serving_installs_no_test_tool() -> None:
    """make serve and make build stop at the site lock, which holds no test tool."""
    site = check.pins(ROOT / "requirements" / "site.txt", applying_here=False)
    for tool in ("pytest", "playwright", "mypy", "ruff", "hypothesis", "zizmor", "zensical", "properdocs"):
        assert tool not in site
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("serve", "build", "preview", "validate"):
        assert re.search(rf"^{target}: \$\((?:SITE_STAMP|if [^\n]*SITE_STAMP)", makefile, re.M), target


def test_every_install_goes_through_the_lock() -> None:
    """pip only ever installs a hashed lock (or the project itself, without dependencies); npm only
    `npm ci`; no workflow installs anything itself."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line.strip() for line in makefile.splitlines() if "$(PIP_INSTALL)" in line]
    assert len(installs) == 3
    for line in installs:
        assert ("--require-hashes --no-deps -r requirements/" in line
                or line.endswith("--no-deps --no-build-isolation -e ."))
    assert "pip install" not in makefile.replace("-m pip install --quiet --disable-pip-version-check", "")
    assert "npm install" not in makefile and "npm ci --prefix" in makefile
    for workflow in WORKFLOWS.glob("*.yml"):
        text = workflow.read_text(encoding="utf-8")
        assert "pip install" not in text and "npm " not in text, workflow.name


def test_lighthouse_is_locked() -> None:
    folder = ROOT / "benchmarks" / "lighthouse"
    package = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((folder / "package-lock.json").read_text(encoding="utf-8"))
    wanted = package["dependencies"]["lighthouse"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", wanted)
    assert lock["packages"]["node_modules/lighthouse"]["version"] == wanted
    for name, entry in lock["packages"].items():
        if name:
            assert entry.get("integrity", "").startswith("sha512-"), name
