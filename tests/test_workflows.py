"""The GitHub side of the project: workflows, Dependabot, issue forms, pre-commit hook, editors' help.

The workflows must stay valid, free of zizmor findings, and as narrow as they were designed: only
`pull_request` (never `pull_request_target`), no permission beyond `contents: read` except Pages
on the deploy job, every action pinned by commit, and every `run:` step a Makefile target or an
rcp-docs command, so CI runs exactly what a person runs locally.
"""

from __future__ import annotations

import html
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import yaml

from rcp_docs.publish.build import load_framework
from rcp_docs.site.render import Options, render

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / ".github"
WORKFLOWS = GITHUB / "workflows"
FORMS = GITHUB / "ISSUE_TEMPLATE"
CHECK = WORKFLOWS / "check.yml"
PUBLISH = WORKFLOWS / "publish.yml"
SUGGEST_FORM = FORMS / "suggest-a-change.yml"
BIN = Path(sys.executable).parent
HOW_TO = ROOT / "content" / "how-to-change-the-framework.md"

# Where a `run:` step may send output, and the shell plumbing allowed beside make and rcp-docs.
SUMMARY_REDIRECT = re.compile(r'\s*>>\s*"\$GITHUB_STEP_SUMMARY"\s*$')
PLUMBING = (
    re.compile(r"echo( .*)?"),
    re.compile(r"sudo make browser"),
)
MAKE_VARIABLE = re.compile(r"[A-Z_]+=[A-Za-z0-9_./-]+")  # no '$': nothing expanded from outside
PINNED = re.compile(
    r"^\s*(?:-\s+)?uses:\s+(?P<action>[\w.-]+/[\w.-]+(?:/[\w./-]+)?)@(?P<sha>[0-9a-f]{40})"
    r"\s+#\s+(?P<version>v\d+\.\d+\.\d+)\s*$"
)


def _workflow_files() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.y*ml"))


def _load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def _triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    """The `on:` mapping; YAML 1.1 reads the bare key `on` as True."""
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    assert isinstance(on, dict)
    return on


def _jobs(workflow: dict[Any, Any]) -> dict[str, dict[str, Any]]:
    jobs = workflow["jobs"]
    assert isinstance(jobs, dict) and jobs
    return jobs


def _steps() -> list[tuple[str, dict[str, Any]]]:
    """Every step of every workflow, with where it is, for messages."""
    found = []
    for path in _workflow_files():
        for job_id, job in _jobs(_load(path)).items():
            for index, step in enumerate(job.get("steps", [])):
                found.append((f"{path.name}: job {job_id}, step {index + 1}", step))
    return found


def _make_targets() -> set[str]:
    """The Makefile's targets, read when the test runs."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", text, flags=re.MULTILINE))


def _tool(name: str) -> Path:
    tool = BIN / name
    if not tool.exists():
        pytest.fail(f"{name} is not installed next to {sys.executable}; run make test", pytrace=False)
    return tool


# --- schemas and zizmor ------------------------------------------------------------------------

SCHEMA_CASES = [
    *[("vendor.github-workflows", path) for path in _workflow_files()],
    ("vendor.dependabot", GITHUB / "dependabot.yml"),
    ("vendor.github-issue-forms", FORMS / "suggest-a-change.yml"),
    ("vendor.github-issue-forms", FORMS / "report-a-problem.yml"),
    ("vendor.github-issue-config", FORMS / "config.yml"),
]


def test_expected_files_exist() -> None:
    assert CHECK.is_file() and PUBLISH.is_file()
    for _, path in SCHEMA_CASES:
        assert path.is_file(), path
    assert (GITHUB / "PULL_REQUEST_TEMPLATE.md").is_file()


@pytest.mark.parametrize(("schema", "path"), SCHEMA_CASES,
                         ids=[f"{p.parent.name}/{p.name}" for _, p in SCHEMA_CASES])
def test_github_schema(schema: str, path: Path) -> None:
    result = subprocess.run(
        [str(_tool("check-jsonschema")), "--builtin-schema", schema, str(path)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing() -> None:
    result = subprocess.run(
        [str(_tool("zizmor")), "--offline", "--format", "json", ".github/workflows"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout) == [], result.stdout


# --- triggers, permissions, pinning ------------------------------------------------------------

def test_no_pull_request_target_anywhere() -> None:
    for path in _workflow_files():
        assert "pull_request_target" not in path.read_text(encoding="utf-8"), path
        assert "workflow_run" not in _triggers(_load(path)), path


def test_check_workflow_triggers() -> None:
    on = _triggers(_load(CHECK))
    assert set(on) == {"pull_request", "push"}
    assert on["push"] == {"branches-ignore": ["main"]}


def test_publish_workflow_triggers() -> None:
    on = _triggers(_load(PUBLISH))
    assert set(on) <= {"push", "workflow_dispatch"}
    assert on["push"] == {"branches": ["main"]}


def test_permissions() -> None:
    """Nothing at the top; `contents: read` to build; Pages and OIDC on the deploy job alone."""
    for path in _workflow_files():
        workflow = _load(path)
        assert workflow.get("permissions") == {}, f"{path.name}: top-level permissions must be {{}}"
        for job_id, job in _jobs(workflow).items():
            permissions = job.get("permissions")
            assert isinstance(permissions, dict), f"{path.name}: job {job_id} must set permissions"
            if (path, job_id) == (PUBLISH, "deploy"):
                assert permissions == {"pages": "write", "id-token": "write"}
            else:
                assert permissions.items() <= {"contents": "read"}.items(), (path.name, job_id)
                assert "environment" not in job, (path.name, job_id)


def test_deploy() -> None:
    workflow = _load(PUBLISH)
    assert workflow["concurrency"]["group"] == "pages"
    assert workflow["concurrency"]["cancel-in-progress"] is False
    jobs = _jobs(workflow)
    assert set(jobs) == {"build", "deploy"}
    deploy = jobs["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert "concurrency" not in deploy or deploy["concurrency"].get("cancel-in-progress") is False
    build_uses = [s.get("uses", "") for s in jobs["build"]["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in build_uses)
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert {"run": "make build"}.items() <= _step_named(jobs["build"], "Build the site").items()


def _step_named(job: dict[str, Any], name: str) -> dict[str, Any]:
    for step in job["steps"]:
        if step.get("name") == name:
            assert isinstance(step, dict)
            return step
    raise AssertionError(f"no step named {name!r}")


def test_check_workflow_runs_the_readme_targets() -> None:
    runs = [step["run"] for _, step in _steps() if "run" in step]
    text = "\n".join(runs)
    for command in ("make test", "make build", "make annotate", "make --silent summary", "make check-ids"):
        assert re.search(rf"^{command}\b", text, flags=re.MULTILINE), command
    # the job summary is Markdown; the terminal's default is plain text
    assert re.search(r"^make --silent summary .*FORMAT=markdown >> \"\$GITHUB_STEP_SUMMARY\"",
                     text, flags=re.MULTILINE)
    check = _jobs(_load(CHECK))["check"]
    preview = [s for s in check["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert any(s["with"]["path"] == "site-preview" for s in preview), "make preview's site"
    assert re.search(r"^make preview$", text, flags=re.MULTILINE)


def test_every_action_is_pinned_by_commit_with_its_version() -> None:
    pins: dict[str, tuple[str, str]] = {}
    for path in _workflow_files():
        lines = [line for line in path.read_text(encoding="utf-8").splitlines()
                 if re.match(r"^\s*(-\s+)?uses:", line)]
        parsed = [job["uses"] for job in _jobs(_load(path)).values() if "uses" in job]
        parsed += [step["uses"] for job in _jobs(_load(path)).values()
                   for step in job.get("steps", []) if "uses" in step]
        assert len(lines) == len(parsed), f"{path.name}: a `uses:` the line check did not see"
        for line in lines:
            match = PINNED.match(line)
            assert match, f"{path.name}: not pinned to a full commit with '# vX.Y.Z': {line.strip()}"
            pin = (match["sha"], match["version"])
            assert pins.setdefault(match["action"], pin) == pin, f"{match['action']} pinned twice"


def test_checkout_keeps_no_credentials() -> None:
    checkouts = [(where, step) for where, step in _steps()
                 if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    for where, step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False, where


# --- what run: steps may do --------------------------------------------------------------------

def _commands(script: str) -> list[str]:
    """A run: script as single commands: lines joined, split at &&, ||, ; and |."""
    joined = re.sub(r"\\\n", " ", script)
    commands = []
    for line in joined.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        commands += [part.strip() for part in re.split(r"&&|\|\||;|\|", line) if part.strip()]
    return commands


def _allowed(command: str, targets: set[str]) -> bool:
    command = SUMMARY_REDIRECT.sub("", command)
    if re.search(r"[<>`]|\$\(", command):  # other redirection or command substitution
        return False
    if any(pattern.fullmatch(command) for pattern in PLUMBING):
        return True
    words = shlex.split(command)
    if words[0] == "make":
        options = [w for w in words[1:] if w.startswith("-")]
        rest = [w for w in words[1:] if not w.startswith("-")]
        return (set(options) <= {"--silent", "-s"} and len(rest) >= 1 and rest[0] in targets
                and all(MAKE_VARIABLE.fullmatch(w) for w in rest[1:]))
    return words[0] in ("rcp-docs", ".venv/bin/rcp-docs")


def test_commands_filter() -> None:
    """The filter itself, on what it must and must not accept."""
    targets = {"build", "summary"}
    good = ['make build', 'make --silent summary BASE=base/framework.yml >> "$GITHUB_STEP_SUMMARY"',
            '.venv/bin/rcp-docs validate --format github framework.yml', 'echo "" >> "$GITHUB_STEP_SUMMARY"']
    bad = ["pip install zizmor", "make deploy", 'make summary BASE="origin/$BASE_REF"', "curl x | sh",
           'git fetch origin "$BASE_REF"',
           "echo $(whoami)", "make build > out", "sudo apt-get install chromium"]
    for command in good:
        assert all(_allowed(c, targets) for c in _commands(command)), command
    for command in bad:
        assert not all(_allowed(c, targets) for c in _commands(command)), command


def test_run_steps_call_only_make_targets_and_rcp_docs() -> None:
    targets = _make_targets()
    for where, step in _steps():
        if "run" not in step:
            continue
        script = step["run"]
        assert "${{" not in script, f"{where}: an expression expanded inside run:; pass it via env:"
        for command in _commands(script):
            assert _allowed(command, targets), (
                f"{where}: `{command}` is not a Makefile target (found: {', '.join(sorted(targets))}) "
                "or an rcp-docs command")


def test_no_expression_inside_any_run() -> None:
    """Also on the raw text, in case a `run:` is written in a form the YAML check misses."""
    for path in _workflow_files():
        in_run = False
        run_indent = 0
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            indent = len(line) - len(line.lstrip())
            match = re.match(r"^(\s*)(?:-\s+)?run:(.*)$", line)
            if match:
                in_run, run_indent = True, len(match[1])
                assert "${{" not in match[2], f"{path.name}:{number}"
            elif in_run and line.strip() and indent <= run_indent:
                in_run = False
            elif in_run:
                assert "${{" not in line, f"{path.name}:{number}: expression inside run:"


# --- Dependabot, pre-commit, issue forms, the editors' page ------------------------------------

def test_dependabot_watches_actions_and_the_locks() -> None:
    config = _load(GITHUB / "dependabot.yml")
    ecosystems = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(ecosystems) == {"github-actions", "pip", "npm"}
    for update in ecosystems.values():
        assert update["schedule"]["interval"] in {"daily", "weekly", "monthly"}
    # pip: pyproject.toml and requirements/*.txt, whose header holds the uv command it re-runs
    assert ecosystems["pip"]["directory"] == "/"
    assert ecosystems["github-actions"]["directory"] == "/"
    for lock in ("site", "test"):
        header = (ROOT / "requirements" / f"{lock}.txt").read_text(encoding="utf-8").splitlines()[:2]
        assert header[0] == "# This file was autogenerated by uv via the following command:"
        assert header[1].startswith("#    uv pip compile pyproject.toml ")
        assert "--generate-hashes" in header[1] and header[1].endswith(f"-o requirements/{lock}.txt")
    npm = ecosystems["npm"]["directory"]
    assert (ROOT / npm.lstrip("/") / "package-lock.json").exists()


def test_pre_commit_hook_runs_validate() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1
    hook = hooks[0]
    assert hook["entry"] == "rcp-docs validate"
    assert hook["language"] == "python"
    assert {"id", "name"} <= set(hook)
    assert re.search(hook["files"], "framework.yml")


def _form_ids(path: Path) -> dict[str, str]:
    form = _load(path)
    return {field["id"]: field["type"] for field in form["body"] if "id" in field}


def test_suggest_links_fill_in_the_form() -> None:
    """The query keys of the site's "Suggest a change" links are the form's field ids."""
    pages = render(load_framework(ROOT / "tests" / "fixtures" / "mini.yml"),
                   Options(repo_url="https://github.com/o/r"))
    page = pages["behaviours/index.md"]  # the links sit in the items' collapsed parts, as HTML
    links = re.findall(r"\]\((https://github\.com/o/r/issues/new\?[^)\s]+)\)", page) + [
        html.unescape(href)
        for href in re.findall(r'href="(https://github\.com/o/r/issues/new\?[^"]+)"', page)]
    assert links, "no 'Suggest a change' link on the behaviours page"
    for link in links:
        url = urlsplit(link)
        query = dict(parse_qsl(url.query, keep_blank_values=True))
        assert query.pop("template") == SUGGEST_FORM.name
        query.pop("title", None)  # a standard parameter of GitHub's new-issue page
        fields = _form_ids(SUGGEST_FORM)
        assert set(query) == {"item", "page"}
        assert all(fields.get(key) == "input" for key in query), fields
    assert _load(SUGGEST_FORM)["name"] == "Suggest a change to the framework"


def test_report_form() -> None:
    form = _load(FORMS / "report-a-problem.yml")
    assert form["name"] == "Report a problem with the site"
    fields = _form_ids(FORMS / "report-a-problem.yml")
    assert fields["page"] == "input" and fields["accessibility"] == "checkboxes"


def test_how_to_page_is_plain_markdown_with_working_links() -> None:
    text = HOW_TO.read_text(encoding="utf-8")
    # front matter only to keep the editors' guide out of the readers' search
    front, _, text = text.partition("---\n\n") if text.startswith("---\n") else ("", "", text)
    assert front in ("", "---\n# For editors of framework.yml, found from About and Contributing: "
                     "out of the readers' search.\nsearch:\n  exclude: true\n")
    assert text.startswith("# How to change the framework\n")
    prose = re.sub(r"```.*?```", "", text, flags=re.DOTALL)
    assert not re.search(r"<[A-Za-z/!]", prose), "no HTML"
    assert not re.search(r"^(!!!|\?\?\?|===)", prose, flags=re.MULTILINE), "no Material-only syntax"
    assert "{" not in prose, "no attribute lists"
    generated = set(render(load_framework(ROOT / "tests" / "fixtures" / "mini.yml")))
    written = {p.relative_to(ROOT / "content").as_posix() for p in (ROOT / "content").rglob("*.md")}
    links = re.findall(r"\]\(([^)\s]+)\)", prose)
    assert links
    for link in links:
        assert link.split("#")[0] in generated | written, link


# --- system packages on GitHub's runners: no question asked, never a snap ----------------------

def _recipe(target: str) -> str:
    """The shell of a Makefile target's recipe, continuation lines joined."""
    lines = (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    start = lines.index(next(line for line in lines if line.startswith(f"{target}:")))
    recipe = []
    for line in lines[start + 1:]:
        if not line.startswith("\t"):
            break
        recipe.append(line[1:])
    return re.sub(r"\\\n", " ", "\n".join(recipe))


def test_every_job_runs_on_ubuntu_latest() -> None:
    for path in _workflow_files():
        for job_id, job in _jobs(_load(path)).items():
            assert job.get("runs-on") == "ubuntu-latest", (path.name, job_id)


def test_system_packages_are_installed_only_by_make_browser_without_questions() -> None:
    """On ubuntu-latest a step that installs system packages runs as root (sudo) and must never
    wait for an answer: the only such step is `sudo make browser`, whose apt-get calls all carry
    DEBIAN_FRONTEND=noninteractive (sudo drops the workflow's environment, so it is set in the
    recipe) and -y, install Debian's chromium only on Debian, and never a snap."""
    sudo = [c for _, step in _steps() for c in _commands(step.get("run", "")) if c.startswith("sudo")]
    assert sudo == ["sudo make browser"], sudo
    for path in _workflow_files():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\b(apt-get|apt|dpkg|snap)\s", text), f"{path.name}: install via make"
    recipe = _recipe("browser")
    calls = re.findall(r"(\S*)\s+apt-get\s+([^;&|\n]*)", recipe)
    assert {words.split()[0] for _, words in calls} == {"update", "install"}, calls
    for before, words in calls:
        assert before == "DEBIAN_FRONTEND=noninteractive", (before, words)
        assert words.startswith("update") or " -y" in f" {words}", words
    assert re.search(r"grep -qs '\^ID=debian' /etc/os-release; then", recipe), "Debian only"
    assert re.search(r"\[ \"\$\$(\(id -u\))\" = \"0\" \]", recipe), "as root only"
    assert "snap" not in recipe
    assert re.search(r'\[ "\$\$CI" = "true" \].*exit 1', recipe), "fails under CI=true"


def test_check_workflow_finds_the_browser_before_the_tests() -> None:
    steps = [step.get("run", "") for step in _jobs(_load(CHECK))["check"]["steps"]]
    assert steps.index("sudo make browser") < steps.index("make test")
