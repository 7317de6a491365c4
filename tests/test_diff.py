"""`rcp-docs diff`: the change summary, its JSON, and the check that shared links never break."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rcp_docs.base.errors import FrameworkError
from rcp_docs.editors.diff import word_diff
from rcp_docs.publish.cli import main
from rcp_docs.structure.record import sentence

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parent.parent
PAIRS = ["rename-status-text", "retire-move-redirect"]


@pytest.fixture(autouse=True)
def _in_fixtures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)  # the paths in the output are the ones given


FORMATS = {"text": "txt", "markdown": "md", "json": "json", "github": "github"}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("pair", PAIRS)
def test_summary_in_each_format(pair: str, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Each fixture pair covers several kinds of change; the whole output is compared, in
    each format (text is the default: plain words for a terminal, no Markdown escapes)."""
    args = ["diff", "mini.yml", f"diff/{pair}.yml"]
    assert main(args if fmt == "text" else [*args, "--format", fmt]) == 0
    expected = (FIXTURES / "diff" / f"{pair}.{FORMATS[fmt]}").read_bytes().decode("utf-8")
    assert capsys.readouterr().out == expected


def test_text_has_no_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "mini.yml", "diff/rename-status-text.yml"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Changes to the framework\n\nComparing mini.yml with "
                          "diff/rename-status-text.yml: 9 changes.\n")
    assert not re.search(r"\\[-.#(_\[{]|\*\*|~~|`|^#", out, re.M), out


def test_every_kind_of_change_is_covered(capsys: pytest.CaptureFixture[str]) -> None:
    kinds = set()
    for pair in PAIRS:
        assert main(["diff", "--format", "json", "mini.yml", f"diff/{pair}.yml"]) == 0
        kinds |= {(c["section"], c["kind"]) for c in json.loads(capsys.readouterr().out)["changes"]}
    for wanted in [("Items", "added"), ("Items", "removed"), ("Items", "renamed"),
                   ("Items", "moved"), ("Items", "status"), ("Items", "text"), ("Items", "list"),
                   ("Framework", "text"), ("Sources", "added"), ("Redirects", "added"),
                   ("Relationships and transactions", "renamed"), ("When it matters", "text"),
                   ("Structural proposals", "status")]:
        assert wanted in kinds


def test_json_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "--format", "json", "mini.yml", "diff/rename-status-text.yml"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"section": "Items", "kind": "renamed", "id": "kindness", "from": "Kindness",
            "to": "Kindness at work"} in data["changes"]
    assert {"section": "Items", "kind": "list", "id": "kindness", "field": "related",
            "added": ["active-listening"], "removed": ["listening", "permission"]} in data["changes"]
    assert len(data["broken_links"]) == 1


def test_check_fails_when_an_id_vanishes(capsys: pytest.CaptureFixture[str]) -> None:
    """The vanished id is a positioned problem: on the line of its layer in the new version."""
    assert main(["diff", "--check", "--format", "github", "mini.yml",
                 "diff/rename-status-text.yml"]) == 1
    out, err = capsys.readouterr()
    text = (FIXTURES / "diff" / "rename-status-text.yml").read_text(encoding="utf-8")
    line = text.splitlines().index("  - id: competencies") + 1
    message = ("item 'listening' (competencies): the id has gone, so links to "
               "/competencies/#listening would break; keep the item with status: "
               "retired (and replaced_by: NEW-ID), or add a redirect at the end of the file: "
               "redirects: [{from: listening, to: NEW-ID}]")
    assert out.splitlines() == [
        f"::error file=diff/rename-status-text.yml,line={line},col=5,"
        f"title=A shared link would break::{message}"]
    assert err == f"diff/rename-status-text.yml:{line}:5: {message}\nrcp-docs: 1 id vanished\n"


def test_a_vanished_layer_is_placed_at_the_layers(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    mini = (FIXTURES / "mini.yml").read_text(encoding="utf-8")
    head = tmp_path / "head.yml"
    head.write_text(mini.replace("id: protocols", "id: enabling-protocols")
                    .replace("layers: [protocols]", "layers: [enabling-protocols]"),
                    encoding="utf-8")
    assert main(["diff", "--check", "mini.yml", str(head)]) == 1
    line = mini.splitlines().index("  - id: principles") + 1  # the start of the list of layers
    assert capsys.readouterr().err.startswith(
        f"{head}:{line}:3: layer 'protocols': the id has gone, so links to /protocols/ would "
        "break; add a redirect at the end of the file: redirects: [{from: protocols, to: NEW-ID}]")


def test_check_passes_when_retired_or_redirected(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "--check", "mini.yml", "diff/retire-move-redirect.yml"]) == 0
    assert capsys.readouterr().err == ""


def test_no_change(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "mini.yml", "mini.yml"]) == 0
    assert capsys.readouterr().out == (
        "Changes to the framework\n\nComparing mini.yml with mini.yml: "
        "no change to the framework's content.\n")
    assert main(["diff", "--format", "markdown", "mini.yml", "mini.yml"]) == 0
    assert capsys.readouterr().out == (
        "## Changes to the framework\n\nComparing mini\\.yml with mini\\.yml: "
        "no change to the framework's content.\n")


def test_an_unknown_version_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "no-such-revision", "mini.yml"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("rcp-docs: 'no-such-revision' is neither a file nor a git revision "
                          "with framework.yml")
    assert "Traceback" not in err


def shown_diff(before: str, after: str) -> str:
    return sentence(word_diff(before, after), markdown=True)


def test_word_diff() -> None:
    assert sentence(word_diff("a b c", "a x c"), markdown=False) == "a [-b-] {+x+} c"
    assert shown_diff("one two three four five six seven eight nine ten",
                     "one two three four five six seven eight nine eleven") == (
        "… six seven eight nine ~~ten~~ **eleven**")
    long_same = " ".join(f"w{i}" for i in range(20))
    assert shown_diff(long_same + " end", long_same + " stop") == (
        "… w16 w17 w18 w19 ~~end~~ **stop**")


def test_git_revisions_and_the_done_criterion(tmp_path: Path) -> None:
    """On a copy of the repo: renaming an item's id fails the check against the committed
    version; a redirect makes it pass, and the old anchor lands on the renamed item."""
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in ("framework.yml", "mkdocs.yml"):
        shutil.copy(ROOT / name, repo / name)
    shutil.copytree(ROOT / "content", repo / "content")
    shutil.copytree(ROOT / "theme_overrides", repo / "theme_overrides")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "NO_MKDOCS_2_WARNING": "1"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=repo, env=env, capture_output=True, text=True,
                              check=False)

    assert run("git", "init", "-q").returncode == 0
    assert run("git", "add", "-A").returncode == 0
    assert run("git", "commit", "-qm", "base").returncode == 0
    text = (repo / "framework.yml").read_text(encoding="utf-8")
    renamed = re.sub(r"\bkindness\b(?!-)", "kindness-in-practice", text)
    assert renamed != text
    (repo / "framework.yml").write_text(renamed, encoding="utf-8")
    cli = [sys.executable, "-m", "rcp_docs", "diff", "--check", "HEAD", "framework.yml"]
    failed = run(*cli)
    assert failed.returncode == 1
    assert "item 'kindness' (behaviours): the id has gone" in failed.stderr
    entry = "  - from: kindness\n    to: kindness-in-practice\n"
    redirected = renamed.replace("\nredirects:\n", f"\nredirects:\n{entry}", 1) \
        if "\nredirects:\n" in renamed else f"{renamed}redirects:\n{entry}"
    (repo / "framework.yml").write_text(redirected, encoding="utf-8")
    assert run(*cli).returncode == 0
    built = run(sys.executable, "-m", "mkdocs", "build", "--strict", "-q")
    assert built.returncode == 0, built.stderr
    html = (repo / "site" / "behaviours" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<div id="kindness"></div>\s*<h2 id="kindness-in-practice"', html)


def test_a_base_older_than_the_schema_is_compared_as_plain_data(
        capsys: pytest.CaptureFixture[str]) -> None:
    """A pull request that changes the schema: its base (here release 0.1.0, written before a
    required field existed) no longer validates, but the summary and the id check still run."""
    from rcp_docs.check.validate import validate
    from rcp_docs.source.load import load_file

    release = ROOT / "releases" / "framework-0.1.0.yml"
    with pytest.raises(FrameworkError):
        validate(load_file(release))
    assert main(["diff", "--check", str(release), str(ROOT / "framework.yml")]) == 0
    out = capsys.readouterr().out
    assert "Changes to the framework" in out and "no change" not in out


def test_the_head_must_still_be_valid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    head = tmp_path / "framework.yml"
    head.write_text((ROOT / "releases" / "framework-0.1.0.yml").read_text(encoding="utf-8"),
                    encoding="utf-8")
    assert main(["diff", str(ROOT / "framework.yml"), str(head)]) == 1
    assert "missing required field" in capsys.readouterr().err


def test_a_field_of_fields_is_compared_field_by_field() -> None:
    """A role's reading path holds a note and a list: a changed note is a sentence about the
    note, never the whole mapping written out as data."""
    from rcp_docs.editors.diff import diff_data

    def framework(note: str, items: list[str]) -> dict[str, object]:
        return {"roles": [{"id": "gp", "name": "GP", "reading_path": {"note": note, "items": items}}]}

    changes = diff_data(framework("Start with trust.", ["trust"]),
                        framework("Start with kindness.", ["trust", "kindness"]))
    said = {c.data["field"]: sentence(c.segments, markdown=False) for c in changes}
    assert said == {
        "reading_path.note": "GP 'gp', reading path note: Start with [-trust.-] {+kindness.+}",
        "reading_path.items": "GP 'gp', reading path items: added 'kindness'.",
    }
    assert not any("{'" in text for text in said.values())
