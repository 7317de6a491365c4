"""Hostile framework files: a data-driven corpus (tests/hostile/corpus.py), the failure contract, and
the valid-but-unusual files (Welsh, emoji, right-to-left names, a 1 MB description) built for real.

The failure contract (issue: "The failure contract"): every bad file makes `rcp-docs validate` exit
with code 1 and print `framework.yml:LINE:COL: ...`, one problem per line, then the count; never a
traceback; bounded work and memory for any file under the size cap (`make bench` measures the
slowest against its one-second budget; the tests only guard against runaway CPU time).

Corpus, cases per category (73 in all): types 11, retyping 9, syntax 8, characters 7, ids 7,
file-shape 5, references 5, anchors-aliases 4, tags 4, limits 4, duplicate-keys 3, unknown-fields 3,
missing-fields 3. Plus one valid file with 7 unusual values, built for real (names in Welsh with ŵ
and ŷ, with emoji and ZWJ sequences, in Arabic, in Hebrew, in mixed directions, and a 1 MB
description), and 11 files under the size cap for the time and memory contract. The bugs this
corpus found are fixed; their tests pass.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import at, edit, report
from hostile.corpus import CASES, CATEGORIES, MINI, ONE_MB_DESCRIPTION, PWNED, Case
from hostile.site import build_copy

from rcp_docs.base.errors import FrameworkError
from rcp_docs.check.validate import validate
from rcp_docs.publish.cli import main
from rcp_docs.site.render import render
from rcp_docs.source import schema
from rcp_docs.source.load import MAX_BYTES, load_bytes

ROOT = Path(__file__).resolve().parent.parent
LINE_RE = re.compile(r"framework\.yml:[1-9][0-9]*:[1-9][0-9]*: [^\x00-\x1f\x7f-\x9f\u2028\u2029]+")
COUNT_RE = re.compile(r"([1-9][0-9]*) problems? found")
# A guard against runaway work (a quadratic blow-up takes minutes), in CPU seconds so that a busy
# machine cannot fail it; the one-second budget per file is measured by `make bench`.
TIME_LIMIT = 10.0
MEMORY_LIMIT_MB = 128  # growth of peak RSS while loading and validating a file under the cap
ISSUE_CATEGORIES = {
    "syntax", "duplicate-keys", "anchors-aliases", "tags", "characters", "file-shape", "limits",
    "types", "unknown-fields", "missing-fields", "ids", "references", "retyping",
}


def _params(cases: list[Case]) -> list[object]:
    return [pytest.param(case, id=case.name) for case in cases]


# --- the corpus -----------------------------------------------------------------------------


def test_corpus_covers_the_issue() -> None:
    """At least 40 bad files, every category the issue names, unique names and unique files."""
    assert len(CASES) >= 40
    assert set(CATEGORIES) == ISSUE_CATEGORIES
    assert len({case.name for case in CASES}) == len(CASES)
    assert len({case.raw for case in CASES}) == len(CASES)
    summary = ", ".join(f"{name} {count}" for name, count in CATEGORIES.most_common())
    assert summary in " ".join((__doc__ or "").split())  # the module docstring states the counts


@pytest.mark.parametrize("case", _params(CASES))
def test_load_and_validate_report_exactly(case: Case) -> None:
    start = time.process_time()
    with pytest.raises(FrameworkError) as info:
        validate(load_bytes(case.raw, "framework.yml"))
    elapsed = time.process_time() - start
    assert info.value.report() == case.report
    assert elapsed < TIME_LIMIT, f"{case.name}: {elapsed:.2f} s"


@pytest.mark.parametrize("case", _params(CASES))
def test_cli_validate_fails_cleanly(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "framework.yml").write_bytes(case.raw)
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "framework.yml"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == case.report + "\n"
    assert "Traceback" not in err
    # GitHub annotations: one workflow command per problem on stdout, the same report on stderr
    assert main(["validate", "framework.yml", "--format", "github"]) == 1
    out, err = capsys.readouterr()
    assert err == case.report + "\n"
    count = len(case.report.splitlines()) - 1
    annotations = out.splitlines()
    assert len(annotations) == count
    assert all(re.fullmatch(r"::error file=framework\.yml,line=\d+,col=\d+::.+", a) for a in annotations)


@pytest.mark.parametrize("name", ["billion-laughs", "python-object-apply", "over-the-size-cap"])
def test_the_real_command_fails_cleanly(name: str, tmp_path: Path) -> None:
    """The installed entry point, in a process of its own: exit code 1, the report, no traceback."""
    case = next(case for case in CASES if case.name == name)
    (tmp_path / "framework.yml").write_bytes(case.raw)
    result = subprocess.run([sys.executable, "-m", "rcp_docs", "validate", "framework.yml"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1
    assert result.stderr == case.report + "\n"
    assert result.stdout == ""
    assert not Path(PWNED).exists()


def test_every_report_is_one_problem_per_line() -> None:
    """The corpus's expectations themselves keep the contract's shape."""
    for case in CASES:
        *lines, last = case.report.split("\n")
        count = COUNT_RE.fullmatch(last)
        assert count is not None, case.name
        assert int(count.group(1)) == len(lines), case.name
        assert all(LINE_RE.fullmatch(line) for line in lines), case.name


# --- time and memory for any file under the size cap ----------------------------------------

_CHILD = r"""
import json, os, signal, sys, time
from rcp_docs.base.errors import FrameworkError
from rcp_docs.source.load import load_bytes
from rcp_docs.check.validate import validate

def peak_kib():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0

def out_of_time(signum, frame):
    print(json.dumps({"timeout": True}), flush=True)
    os._exit(0)

raw = open(sys.argv[1], "rb").read()
limit = float(sys.argv[2])
before = peak_kib()
signal.signal(signal.SIGPROF, out_of_time)
signal.setitimer(signal.ITIMER_PROF, limit)
start = time.process_time()
try:
    validate(load_bytes(raw, "framework.yml"))
    report = None
except FrameworkError as exc:
    report = exc.report()
elapsed = time.process_time() - start
signal.setitimer(signal.ITIMER_PROF, 0)
print(json.dumps({"timeout": False, "elapsed": elapsed, "grew_mb": (peak_kib() - before) / 1024,
                  "report": report}), flush=True)
"""


def _fill(unit: bytes, head: bytes = b"", tail: bytes = b"") -> bytes:
    """`head`, then `unit` repeated up to just under the size cap, then `tail`."""
    room = MAX_BYTES - len(head) - len(tail)
    return head + unit * (room // len(unit)) + tail


def _real_replicated() -> bytes:
    """The real framework with its layers repeated up to the cap: 2 MB of realistic text whose
    every id is duplicated (about 1,600 problems)."""
    real = (ROOT / "framework.yml").read_text(encoding="utf-8")
    head, rest = real.split("\nlayers:\n", 1)
    layers, tail = rest.split("\nstructural_proposals:\n", 1)
    copies = (MAX_BYTES - len(real.encode())) // len(layers.encode())
    text = head + "\nlayers:\n" + "\n".join([layers] * (copies + 1)) + "\nstructural_proposals:\n" + tail
    return text.encode("utf-8")


UNDER_CAP: list[tuple[str, Callable[[], bytes], str | None]] = [
    ("real-framework-replicated", _real_replicated, None),
    ("nul-bytes", lambda: b"\0" * MAX_BYTES, None),
    ("one-long-value", lambda: _fill(b"x", b"framework: ", b"\n"), None),
    ("comments", lambda: _fill(b"# a comment line\n"), None),
    ("block-list-entries", lambda: _fill(b"- x\n"), None),
    ("flow-list-entries", lambda: _fill(b"a,", b"[", b"]"), None),
    ("duplicate-keys", lambda: _fill(b"k: v\n"), None),
    ("aliases", lambda: _fill(b"*a,", b"a: &a x\nb: [", b"]\n"), None),
    ("unquoted-no", lambda: _fill(b"no,", b"a: [", b"]\n"), None),
    ("unknown-fields", lambda: b"".join(b"k%d: v\n" % i for i in range(MAX_BYTES // 12)), None),
    ("tab-indented-lines", lambda: _fill(b"\tk: v\n"), None),
]


@pytest.mark.parametrize(
    ("name", "make"),
    [pytest.param(name, make, id=name,
                  marks=[pytest.mark.xfail(strict=True, reason=bug)] if bug else [])
     for name, make, bug in UNDER_CAP],
)
def test_any_file_under_the_cap_fails_with_bounded_work_and_memory(
        name: str, make: Callable[[], bytes], tmp_path: Path) -> None:
    raw = make()
    assert len(raw) <= MAX_BYTES
    path = tmp_path / "framework.yml"
    path.write_bytes(raw)
    result = subprocess.run([sys.executable, "-c", _CHILD, str(path), str(TIME_LIMIT)],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    outcome = json.loads(result.stdout)
    assert not outcome["timeout"], f"{name}: not done after {TIME_LIMIT} s"
    assert outcome["elapsed"] < TIME_LIMIT
    assert outcome["grew_mb"] < MEMORY_LIMIT_MB, f"{name}: peak RSS grew {outcome['grew_mb']:.0f} MB"
    text = outcome["report"]
    assert text is not None, f"{name}: a hostile file validated"
    *lines, last = text.split("\n")
    count = COUNT_RE.fullmatch(last)
    assert count is not None and int(count.group(1)) == len(lines)
    assert all(LINE_RE.fullmatch(line) for line in lines)


# --- valid but unusual: Welsh, emoji, right-to-left, a 1 MB description ------------------------

WELSH = "Ymddiriedaeth: ŵyr, ŷd a chwŷn"
EMOJI = "Kindness 💛 🤝 👩‍⚕️ 🏳️‍🌈"
ARABIC = "الإصغاء الفعّال"
HEBREW = "רשות לשיקול דעת"
MIXED = "Permission — רשות (ok)"
VALID_EDITS = {
    "welsh": ("        name: Mutual trust", f"        name: \"{WELSH}\""),
    "welsh-layer": ("    name: Underpinning principles", "    name: Egwyddorion sylfaenol ŵ ŷ"),
    "emoji": ("        name: Kindness", f'        name: "{EMOJI}"'),
    "right-to-left": ("        name: Active listening", f"        name: {ARABIC}"),
    "right-to-left-hebrew": ("        name: Permission to use discretion", f"        name: {HEBREW}"),
    "mixed-direction": ("      name: The pandemic", f"      name: {MIXED}"),
    "one-megabyte-description": ("      description: Yet schools ignore it.",
                                 f"      description: {ONE_MB_DESCRIPTION}"),
}
# (page, anchor, name shown there)
ANCHORS = [
    ("principles", "trust", WELSH), ("principles", "principles", "Egwyddorion sylfaenol ŵ ŷ"),
    ("behaviours", "kindness", EMOJI), ("competencies", "listening", ARABIC),
    ("protocols", "permission", HEBREW), ("why-now", "pandemic", MIXED),
    ("barriers", "craft", "The craft"),
]


def _valid_text() -> str:
    text = MINI
    for old, new in VALID_EDITS.values():
        text = edit(old, new, text)
    return text


class _Anchors(HTMLParser):
    """Element ids, the text of each heading by its id, and the page's internal #links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.headings: dict[str, str] = {}
        self.fragments: list[str] = []
        self._heading: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        ident = values.get("id")
        if ident:
            self.ids.add(ident)
            if re.fullmatch(r"h[1-6]", tag):
                self._heading = ident
                self.headings[ident] = ""
        href = values.get("href") or ""
        if tag == "a" and href.startswith("#"):
            self.fragments.append(href[1:])

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self.headings[self._heading] += data


def test_valid_unusual_file_loads_fast_and_renders() -> None:
    text = _valid_text()
    assert 1_000_000 < len(text.encode()) < MAX_BYTES
    start = time.process_time()
    framework = validate(load_bytes(text.encode(), "framework.yml"))
    assert time.process_time() - start < TIME_LIMIT
    pages = render(framework)
    for page, anchor, name in ANCHORS:
        path = "why-now.md" if page == "why-now" else "barriers.md" if page == "barriers" \
            else f"{page}/index.md"
        assert f"{{ #{anchor} }}" in pages[path], (page, anchor)
        assert name.split(" ", 1)[0] in pages[path], (page, name)
    assert ONE_MB_DESCRIPTION[:1000].replace(".", "\\.") in pages["barriers.md"]


@pytest.fixture(scope="module")
def unusual_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The valid unusual file, built with `mkdocs build --strict` in a copy of the project."""
    return build_copy(tmp_path_factory.mktemp("unusual"), _valid_text())


@pytest.mark.parametrize(("page", "anchor", "name"), ANCHORS, ids=[a for _, a, _ in ANCHORS])
def test_unusual_names_build_with_working_anchors(unusual_site: Path, page: str, anchor: str,
                                                  name: str) -> None:
    for html in (unusual_site / page / "index.html", unusual_site / "all" / "index.html"):
        parsed = _Anchors()
        parsed.feed(html.read_text(encoding="utf-8"))
        assert anchor in parsed.ids, f"{html}: no #{anchor}"
        assert unicodedata.normalize("NFC", name) in parsed.headings.get(anchor, ""), \
            f"{html}: heading #{anchor} is {parsed.headings.get(anchor)!r}"
        if html.parent.name != "all":  # the print page drops its permalinks (¶)
            assert anchor in parsed.fragments, f"{html}: nothing links to #{anchor}"
    index = json.loads((unusual_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    location = f"{page}/" if anchor == page else f"{page}/#{anchor}"  # a page's h1 is the page
    assert any(doc["location"] == location for doc in index["docs"]), location


def test_one_megabyte_description_is_published_whole(unusual_site: Path) -> None:
    html = (unusual_site / "barriers" / "index.html").read_text(encoding="utf-8")
    assert html.count("Relationships take time.") == ONE_MB_DESCRIPTION.count("Relationships take time.")


# --- known bugs: the tests as they should pass ------------------------------------------------

_DQ = [  # double-quoted YAML escapes put characters in values that the loader's scan never sees
    ("newline-in-a-status", 'status: "draft\\nyes"'),
    ("newline-in-an-id", 'id: "kind\\nness"'),
    ("newline-in-a-key", '"na\\nme": Kindness'),
    ("newline-in-a-reference", 'related: ["listen\\ning"]'),
    ("carriage-return-in-an-id", 'id: "kind\\rness"'),
    ("escape-sequence-in-an-id", 'id: "kind\\e[31mness"'),
    ("escape-sequence-in-a-key", '"na\\eme": Kindness'),
    ("bell-in-an-id", 'id: "kind\\x07ness"'),
    ("next-line-in-an-id", 'id: "kind\\Nness"'),
    ("tab-in-a-kind", 'kind: "docu\\tment"'),
]
_DQ_EDITS = {
    "status": ("        status: draft\n        sources: [blog]\n      - id: reciprocity",
               "        {}\n        sources: [blog]\n      - id: reciprocity"),
    "id": ("      - id: kindness", "      - {}"),
    '"na': ("        name: Kindness", "        {}"),
    "related": ("        related: [listening]", "        {}"),
    "kind": ("    kind: document", "    {}"),
}


def _dq_text(line: str) -> str:
    key = next(k for k in _DQ_EDITS if line.startswith(k))
    old, new = _DQ_EDITS[key]
    return edit(old, new.format(line))


@pytest.mark.parametrize("line", [line for _, line in _DQ], ids=[name for name, _ in _DQ])
def test_every_problem_is_one_clean_line(line: str) -> None:
    with pytest.raises(FrameworkError) as info:
        validate(load_bytes(_dq_text(line).encode(), "framework.yml"))
    *lines, last = info.value.report().split("\n")
    assert last == f"{len(info.value.problems)} problem{'s' if len(info.value.problems) != 1 else ''} found"
    assert len(lines) == len(info.value.problems)
    for problem_line in lines:
        assert LINE_RE.fullmatch(problem_line), repr(problem_line)


def _visible(text: str) -> bool:
    return not any(unicodedata.category(ch) in {"Cc", "Cf"} for ch in text.replace("\n", ""))


@pytest.mark.parametrize(
    ("key", "code"),
    [("\ufefflayers", "U+FEFF"), ("lay\ufeffers", "U+FEFF"), ("lay\u200bers", "U+200B")],
    ids=["byte-order-mark-first", "byte-order-mark-inside", "zero-width-space"])
def test_an_invisible_character_in_a_key_is_named(key: str, code: str) -> None:
    edited = edit("layers:\n", f"{key}:\n")
    with pytest.raises(FrameworkError) as info:
        validate(load_bytes(edited.encode(), "framework.yml"))
    text = info.value.report()
    assert _visible(text), repr(text)
    where = at(edited, chr(int(code[2:], 16)))
    assert f"framework.yml:{where}: " in text and code in text, text


def test_a_misspelt_layers_key_gives_sensible_messages() -> None:
    text = edit("layers:\n", "layer:\n")
    with pytest.raises(FrameworkError) as info:
        validate(load_bytes(text.encode(), "framework.yml"))
    lines = info.value.report().split("\n")
    assert lines[:2] == [
        f"framework.yml:{at(text, 'framework:')}: the file: missing required field 'layers': "
        "The layers, in onion order from the core outwards.",
        f"framework.yml:{at(text, 'layer:')}: the file: unknown field 'layer'; "
        "did you mean 'layers'?",
    ]
    assert not any(re.search(r"is an? [a-z_]+\[\d+\]", line) for line in lines), lines


def test_a_list_for_a_choice_says_it_is_a_list() -> None:
    text = edit("        status: proposed\n        reasoning",
                "        status: [proposed]\n        reasoning")
    with pytest.raises(FrameworkError) as info:
        validate(load_bytes(text.encode(), "framework.yml"))
    [problem] = info.value.problems
    assert f"{problem.line}:{problem.column}" == at(text, "status: ^[proposed]")
    assert problem.message.startswith("item 'reciprocity' (principles), status: ")
    assert "['" not in problem.message
    assert problem.message.endswith("got a list"), problem.message


def test_no_suggestion_of_an_invalid_id() -> None:
    text = edit("  - id: protocols", "  - id: ../protocols")
    with pytest.raises(FrameworkError) as info:
        validate(load_bytes(text.encode(), "framework.yml"))
    assert info.value.report() == report(
        f"{at(text, '- id: ^../protocols')}: layer '../protocols', id: '../protocols': "
        f"{schema.PATTERN_ADVICE[schema.ID_PATTERN]}",
        f"{at(text, 'layers: [^protocols]')}: proposal 'split-protocols', layers[0]: "
        "unknown layer 'protocols'",
    )


def test_a_syntax_error_at_the_end_is_on_the_last_line() -> None:
    text = MINI[: MINI.index("            sources: [blog]\n        questions:") + 13]
    assert text.endswith("\n            s")  # cut inside the key of the last line
    with pytest.raises(FrameworkError) as info:
        load_bytes(text.encode(), "framework.yml")
    [problem] = info.value.problems
    assert problem.message.startswith("YAML syntax: could not find expected ':'")
    assert problem.line == text.count("\n") + 1  # the last line
    assert problem.column <= len("            s") + 1, problem
