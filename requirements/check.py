"""Checks the lock: `python requirements/check.py --installed site|test` compares this Python's
installed packages with requirements/site.txt or test.txt (exactly: nothing missing, nothing
extra, the same versions); `--lock` checks that both files still satisfy pyproject.toml (every
dependency and extra present, each pin inside its range, the test lock agreeing with the site
lock). Exit 1 with one line a problem and what to run, so make stops before it builds.

Only the standard library and `packaging` (in both locks, as hatchling's dependency).
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LEVELS = ("site", "test")
PIN = re.compile(
    r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;\\]+)\s*(?:;\s*(?P<marker>[^\\]+?))?\s*\\?$"
)
NOT_LOCKED = {"pip", "rcp-docs"}  # the installer itself, and the project installed from its folder


def pins(path: Path, applying_here: bool = True) -> dict[str, str]:
    """name -> version for every pin in a lock file; with `applying_here`, only the pins whose
    environment marker holds on this Python (a universal lock has some for other platforms)."""
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if not match:
            continue
        marker = match["marker"]
        if applying_here and marker and not _holds(marker):
            continue
        found[canonicalize_name(match["name"])] = match["version"]
    return found


def _holds(marker: str) -> bool:
    parsed = Requirement(f"x; {marker}").marker
    return parsed is None or parsed.evaluate()


def installed() -> dict[str, str]:
    return {
        canonicalize_name(dist.metadata["Name"]): dist.version for dist in metadata.distributions()
    }


def lock_file(root: Path, level: str) -> Path:
    return root / "requirements" / f"{level}.txt"


def check_installed(level: str, root: Path = ROOT) -> list[str]:
    lock = lock_file(root, level)
    wanted, have = pins(lock), installed()
    problems = [
        f"{name}: {have.get(name, 'missing')}, the lock says {version}"
        for name, version in sorted(wanted.items())
        if have.get(name) != version
    ]
    allowed = set(wanted) | NOT_LOCKED
    if level == "site" and _has_test_tools(have):
        allowed |= set(pins(lock_file(root, "test")))
    problems += [f"{name} {have[name]}: installed but not in {lock.name}"
                 for name in sorted(set(have) - allowed)]
    return problems


def _has_test_tools(have: dict[str, str]) -> bool:
    """An environment that `make test` filled before `make serve`: the site check then allows the
    test lock's packages (they are checked, with their versions, by the test level)."""
    return "pytest" in have


def _requirements(root: Path) -> dict[str, list[Requirement]]:
    """pyproject.toml's requirements for each lock: its dependencies (and build.in's) for the site,
    plus the test extra's (and the extras that one names) for the test lock."""
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras: dict[str, list[str]] = project["optional-dependencies"]
    build_in = (root / "requirements" / "build.in").read_text(encoding="utf-8")
    build = [line.split("#")[0].strip() for line in build_in.splitlines()]
    site = [Requirement(text) for text in [*project["dependencies"], *build] if text]
    test: list[Requirement] = []
    todo, seen = ["test"], set()
    while todo:
        extra = todo.pop()
        seen.add(extra)
        for text in extras[extra]:
            requirement = Requirement(text)
            if canonicalize_name(requirement.name) == canonicalize_name(project["name"]):
                todo += [name for name in requirement.extras if name not in seen]
            else:
                test.append(requirement)
    return {"site": site, "test": site + test}


def check_lock(root: Path = ROOT) -> list[str]:
    problems = []
    for level, requirements in _requirements(root).items():
        lock = lock_file(root, level)
        locked = pins(lock, applying_here=False)
        for requirement in requirements:
            name = canonicalize_name(requirement.name)
            if name not in locked:
                problems.append(f"{lock.name}: {requirement.name} is not in the lock")
            elif not requirement.specifier.contains(locked[name], prereleases=True):
                problems.append(f"{lock.name}: {requirement.name}=={locked[name]} is outside "
                                f"pyproject.toml's range '{requirement.specifier}'")
    site = pins(lock_file(root, "site"), applying_here=False)
    test = pins(lock_file(root, "test"), applying_here=False)
    problems += [f"test.txt: {name}=={test.get(name)} but site.txt has {version}"
                 for name, version in sorted(site.items()) if test.get(name) != version]
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--installed", choices=LEVELS)
    group.add_argument("--lock", action="store_true")
    args = parser.parse_args(argv)
    if args.lock:
        problems, advice = check_lock(), "run `make lock` and commit requirements/"
    else:
        problems = check_installed(args.installed)
        advice = "run `make clean-venv`, then the make target again"
    for problem in problems:
        print(f"lock: {problem}", file=sys.stderr)
    if problems:
        print(f"lock: {len(problems)} problem(s); {advice}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
