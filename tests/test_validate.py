"""validate.py, the CLI and the JSON Schema: every rule's full message, with its line and column.

Bad cases are small edits of tests/fixtures/mini.yml; the expected line numbers were counted by hand
from that file and are hard-coded.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

from rcp_docs.build import load_framework
from rcp_docs.cli import main
from rcp_docs.errors import FrameworkError
from rcp_docs.jsonschema import SCHEMA_PATH, json_schema, json_schema_text
from rcp_docs.load import load_bytes
from rcp_docs.pages import reserved_ids
from rcp_docs.validate import validate

ROOT = Path(__file__).parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "mini.yml"
MINI = FIXTURE.read_text(encoding="utf-8")
ID_ADVICE = (
    "expected an id of lowercase letters a-z, digits and single hyphens, "
    "such as 'active-listening'"
)
LINE_ADVICE = "expected one line of text without '<' or '>'"
ITEM_FIELDS = "id, name, summary, description, examples, questions, related, status, replaced_by, " \
    "reasoning, sources"


def edit(old: str, new: str, text: str = MINI) -> str:
    """`text` with the first `old` replaced by `new`; `old` must be there."""
    assert old in text, f"not in the text: {old!r}"
    return text.replace(old, new, 1)


def cut(start: str, stop: str, text: str = MINI) -> str:
    """`text` without the part from `start` up to (not including) `stop`."""
    return edit(text[text.index(start):text.index(stop)], "", text)


def problems_of(text: str) -> list[str]:
    """Every problem load + validate report for `text`, as `path:line:col: message`."""
    with pytest.raises(FrameworkError) as info:
        validate(load_bytes(text.encode(), "framework.yml"))
    return [str(p) for p in info.value.problems]


def fm(*lines: str) -> list[str]:
    return [f"framework.yml:{line}" for line in lines]


# --- valid files ----------------------------------------------------------------------------


def test_fixture_is_valid() -> None:
    framework = validate(load_bytes(MINI.encode(), "framework.yml"))
    assert framework.summary() == "framework.yml: valid: 4 layers, 5 items, 2 proposals, 2 sources"


def test_fixture_with_a_flow_is_valid() -> None:
    text = edit("    layers: [protocols]\n",
                "    layers: [protocols]\n    flow: [[principles], [protocols]]\n")
    validate(load_bytes(text.encode()))


def test_real_framework_validates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    summary = load_framework("framework.yml").summary()
    assert re.match(
        r"^framework.yml: valid: 4 layers, \d+ items, \d+ proposals, \d+ sources$", summary
    ), summary


# --- shape: missing fields ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (edit("    summary: The core.\n", ""),
         "16:5: layer 'principles': missing required field 'summary': "
         "One sentence saying what the layer holds."),
        (edit("  title: Mini framework\n", ""),
         "3:3: framework: missing required field 'title': "
         "The framework's title, shown at the top of every page."),
        (edit("        status: adopted\n", ""),
         "25:9: item 'trust' (principles): missing required field 'status': 'adopted' if it is "
         "part of the framework; 'proposed' if a reader proposed it and it is under discussion; "
         "'retired' if it is no longer part of the framework (it stays on its page, "
         "so links to it keep working)."),
        (edit("            text: A doctor who listens.\n", ""),
         "59:13: item 'kindness' (behaviours), examples[0]: missing required field 'text': "
         "What it looks like there, in a sentence or two."),
        (edit("      roles: [care-worker]\n", ""),
         "142:7: context 'end-in-itself': missing required field 'roles': "
         "Ids of entries in `roles`: the roles the sources place in this context."),
        (edit("      summary: It can be taught.\n", ""),
         "152:7: barrier 'craft': missing required field 'summary': "
         "One sentence saying what it is."),
        (edit("      description: They became kinder for a while.\n", ""),
         "161:7: evidence 'pandemic': missing required field 'description': "
         "A fuller explanation, in plain English."),
        (edit("      text: It depends on the context.\n", ""),
         "113:7: distinction 'not-better': missing required field 'text': "
         "The distinction explained."),
        (edit("      summary: Relationships carry value forward.\n      sources: [reader-one]\n",
              "      summary: Relationships carry value forward.\n"),
         "133:7: refinement 'time': missing required field 'sources': "
         "Ids of entries in `sources` that this draws on."),
        (cut("contexts:\n", "barriers:\n"),
         "2:1: the file: missing required field 'contexts': "
         "When relationship-centred practice is relevant."),
        (cut("comparison:\n", "contexts:\n"),
         "2:1: the file: missing required field 'comparison'"),
    ],
    ids=["layer", "framework", "item", "example", "context", "barrier", "evidence",
         "distinction", "refinement-sources", "top-level", "top-level-no-description"],
)
def test_missing_required_field(text: str, expected: str) -> None:
    assert problems_of(text) == fm(expected)


# --- shape: unknown fields ------------------------------------------------------------------


def test_unknown_field_with_did_you_mean() -> None:
    text = edit("        summary: Each party", "        sumary: Each party")
    assert problems_of(text) == fm(
        "25:9: item 'trust' (principles): missing required field 'summary': "
        "One sentence saying what the item is.",
        "27:9: item 'trust' (principles): unknown field 'sumary'; did you mean 'summary'?",
    )


def test_unknown_field_with_no_close_match_lists_the_fields() -> None:
    text = edit("        name: Mutual trust\n", "        name: Mutual trust\n        colour: blue\n")
    assert problems_of(text) == fm(
        f"27:9: item 'trust' (principles): unknown field 'colour'; expected one of: {ITEM_FIELDS}"
    )


def test_unknown_field_at_the_top() -> None:
    assert problems_of(MINI + "extra: x\n") == fm(
        "198:1: the file: unknown field 'extra'; expected one of: framework, layers, "
        "structural_proposals, comparison, contexts, barriers, why_now, roles, feedback, sources, "
        "redirects"
    )


def test_unknown_field_in_an_example() -> None:
    text = edit("            text: A doctor who listens.\n",
                "            text: A doctor who listens.\n            setings: x\n")
    assert problems_of(text) == fm(
        "61:13: item 'kindness' (behaviours), examples[0]: unknown field 'setings'; "
        "did you mean 'setting'?"
    )


# --- shape: wrong types ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("        questions:\n          - Whom do you trust?\n",
         "        questions: Whom do you trust?\n",
         "32:20: item 'trust' (principles), questions: expected a list (lines starting with "
         "'- '), got the text 'Whom do you trust?'"),
        ("    summary: The core.", "    summary: [The core.]",
         "18:14: layer 'principles', summary: expected text, got a list"),
        ("    summary: The core.", "    summary:\n      text: The core.",
         "19:7: layer 'principles', summary: expected text, got a mapping (check the indentation)"),
        ("    summary: The core.", "    summary:",
         "18:13: layer 'principles', summary: is empty; expected text"),
        ("    summary: The core.", "    summary: null",
         "18:14: layer 'principles', summary: is empty; expected text"),
        ("          - setting: GP surgery\n            text: A doctor who listens.\n"
         "            sources: [blog]\n",
         "          - A doctor who listens.\n",
         "59:13: item 'kindness' (behaviours), examples[0]: expected a mapping of fields "
         "(name: value), got the text 'A doctor who listens.'"),
        ("    - Listening.", "    -",
         "9:6: framework.characteristics[0]: is empty; expected text"),
        ("      roles: [care-worker]", "      roles: care-worker",
         "146:14: context 'end-in-itself', roles: expected a list (lines starting with '- '), "
         "got the text 'care-worker'"),
    ],
    ids=["text-for-list", "list-for-text", "mapping-for-text", "empty-value", "null",
         "text-for-mapping", "empty-list-entry", "text-for-list-of-lines"],
)
def test_wrong_type(old: str, new: str, expected: str) -> None:
    assert problems_of(edit(old, new)) == fm(expected)


def test_long_text_is_shortened_in_messages() -> None:
    long = "word " * 20
    text = edit("        questions:\n          - Whom do you trust?\n",
                f"        questions: {long.strip()}\n")
    assert problems_of(text) == fm(
        "32:20: item 'trust' (principles), questions: expected a list (lines starting with "
        "'- '), got the text 'word word word word word word word wo...'"
    )


# --- shape: empty text, patterns, limits ----------------------------------------------------


@pytest.mark.parametrize("value", ['" "', '""', "'\t'"])
def test_empty_or_whitespace_text(value: str) -> None:
    text = edit("    summary: The core.", f"    summary: {value}")
    assert problems_of(text) == fm("18:14: layer 'principles', summary: is empty; expected text")


def test_whitespace_line() -> None:
    text = edit("        name: Reciprocity", '        name: "   "')
    assert problems_of(text) == fm(f"37:15: item 'reciprocity' (principles), name: '   ': "
                                   f"{LINE_ADVICE}")


@pytest.mark.parametrize(
    "bad",
    ["Reciprocity", "mutual trust", "../etc", "a/b", "a.b", "réciprocité", "double--hyphen",
     "-leading", "trailing-", "under_score"],
)
def test_bad_id(bad: str) -> None:
    text = edit("      - id: reciprocity", f"      - id: {bad}")
    assert problems_of(text) == fm(
        f"36:13: item '{bad}' (principles), id: '{bad}': {ID_ADVICE}"
    )


def test_bad_id_in_a_reference() -> None:
    text = edit("    layers: [protocols]", "    layers: [Protocols]")
    assert problems_of(text) == fm(
        f"107:14: proposal 'split-protocols', layers[0]: 'Protocols': {ID_ADVICE}",
        "107:14: proposal 'split-protocols', layers[0]: unknown layer 'Protocols'; "
        "did you mean 'protocols'?",
    )


def test_too_long_id() -> None:
    text = edit("      - id: reciprocity", "      - id: " + "a" * 65)
    assert problems_of(text) == fm(
        f"36:13: item '{'a' * 65}' (principles), id: is 65 characters, over the limit of 64"
    )


@pytest.mark.parametrize("bad", ["1.2", "01.2.0", "1.2.0-beta", "v1.2.0"])
def test_bad_version(bad: str) -> None:
    text = edit('  version: "0.1.0"', f'  version: "{bad}"')
    assert problems_of(text) == fm(
        f"4:12: framework.version: '{bad}': expected a version such as \"1.2.0\" "
        "(major.minor.patch), in quotes"
    )


@pytest.mark.parametrize("bad", ["2026-13-02", "2026-1-2", "2026-01-32", "02-01-2026"])
def test_bad_date(bad: str) -> None:
    text = edit('  updated: "2026-01-02"', f'  updated: "{bad}"')
    assert problems_of(text) == fm(
        f"5:12: framework.updated: '{bad}': expected a date such as \"2026-11-21\" "
        "(year-month-day), in quotes"
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("        status: adopted", "        status: approved",
         "34:17: item 'trust' (principles), status: 'approved' is not allowed; "
         "expected one of: 'adopted', 'proposed' or 'retired'"),
        ("        status: adopted", "        status: Adopted",
         "34:17: item 'trust' (principles), status: 'Adopted' is not allowed; "
         "expected one of: 'adopted', 'proposed' or 'retired'"),
        ("    status: proposed\n    sources: [reader-one]", "    status: open\n"
         "    sources: [reader-one]",
         "108:13: proposal 'split-protocols', status: 'open' is not allowed; "
         "expected one of: 'adopted' or 'proposed'"),
        ("      side: relationship", "      side: Relationship",
         "120:13: characteristic 'unique', side: 'Relationship' is not allowed; "
         "expected one of: 'relationship', 'transaction' or 'both'"),
        ("    kind: document", "    kind: blog post",
         "169:11: source 'blog', kind: 'blog post' is not allowed; expected one of: 'document', "
         "'person', 'organisation', 'study', 'book', 'website', 'event' or 'reader-feedback'"),
    ],
    ids=["item-status", "capitalised", "proposal-status", "side", "source-kind"],
)
def test_bad_literal(old: str, new: str, expected: str) -> None:
    assert problems_of(edit(old, new)) == fm(expected)


@pytest.mark.parametrize(
    "bad",
    ["javascript:alert(1)", "http://example.org/comments", "https://", "ftp://example.org",
     "https://example.org/<script>"],
)
def test_bad_url(bad: str) -> None:
    text = edit("    url: https://example.org/comments", f'    url: "{bad}"')
    assert problems_of(text) == fm(
        f"176:10: source 'reader-one', url: '{bad}': expected a web address starting with https://"
    )


def test_angle_bracket_in_a_name() -> None:
    text = edit("        name: Mutual trust", "        name: Mutual <b>trust</b>")
    assert problems_of(text) == fm(
        f"26:15: item 'trust' (principles), name: 'Mutual <b>trust</b>': {LINE_ADVICE}"
    )


def test_angle_brackets_in_an_evidence_name() -> None:
    text = edit("      name: The pandemic", "      name: The <i>pandemic</i>")
    assert problems_of(text) == fm(
        f"162:13: evidence 'pandemic', name: 'The <i>pandemic</i>': {LINE_ADVICE}"
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("      name: The pandemic", "      name: The >pandemic",
         f"162:13: evidence 'pandemic', name: 'The >pandemic': {LINE_ADVICE}"),
        ("        name: Mutual trust", "        name: Mutual <trust",
         f"26:15: item 'trust' (principles), name: 'Mutual <trust': {LINE_ADVICE}"),
    ],
    ids=["evidence", "item"],
)
def test_single_angle_bracket_in_a_name(old: str, new: str, expected: str) -> None:
    assert problems_of(edit(old, new)) == fm(expected)


def test_too_long_name() -> None:
    text = edit("        name: Reciprocity", "        name: " + "a" * 201)
    assert problems_of(text) == fm(
        "37:15: item 'reciprocity' (principles), name: is 201 characters, over the limit of 200"
    )


def test_name_at_the_limit_is_fine() -> None:
    validate(load_bytes(edit("        name: Reciprocity", "        name: " + "a" * 200).encode()))


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("        questions:\n          - Whom do you trust?\n", "        questions: []\n",
         "32:20: item 'trust' (principles), questions: needs at least 1 entry"),
        ("    sources: [blog]", "    sources: []",
         "23:14: layer 'principles', sources: needs at least 1 entry"),
        ("  hopes:\n    - To be taken seriously.", "  hopes: []",
         "12:10: framework.hopes: needs at least 1 entry"),
    ],
    ids=["questions", "layer-sources", "hopes"],
)
def test_empty_list(old: str, new: str, expected: str) -> None:
    assert problems_of(edit(old, new)) == fm(expected)


# --- rules across the file ------------------------------------------------------------------


def test_duplicate_id_across_layers() -> None:
    text = edit("      - id: permission", "      - id: reciprocity")
    text = edit("[trust, listening, permission]", "[trust, listening]", text)
    assert problems_of(text) == fm(
        "93:13: item 'reciprocity' (protocols): the id 'reciprocity' is already used by "
        "item 'reciprocity' (principles) on line 36; ids must be unique across the whole framework"
    )


def test_duplicate_id_is_the_only_problem() -> None:
    text = edit("      - id: kindness", "      - id: reciprocity")
    assert problems_of(text) == fm(
        "54:13: item 'reciprocity' (behaviours): the id 'reciprocity' is already used by "
        "item 'reciprocity' (principles) on line 36; ids must be unique across the whole framework"
    )


def test_duplicate_id_between_kinds() -> None:
    text = edit("    - id: craft", "    - id: blog")
    assert problems_of(text) == fm(
        "167:9: source 'blog': the id 'blog' is already used by barrier 'blog' on line 152; "
        "ids must be unique across the whole framework"
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("      - id: reciprocity", "      - id: overview",
         "36:13: item 'overview' (principles): the id 'overview' is used by the site itself; "
         "choose another"),
        ("  - id: split-protocols", "  - id: proposals",
         "103:9: proposal 'proposals': the id 'proposals' is used by the site itself; "
         "choose another"),
        ("    - id: pandemic", "    - id: why-now",
         "161:11: evidence 'why-now': the id 'why-now' is used by the site itself; "
         "choose another"),
    ],
    ids=["item", "proposal", "evidence"],
)
def test_reserved_id(old: str, new: str, expected: str) -> None:
    assert problems_of(edit(old, new)) == fm(expected)


def test_reserved_ids_include_the_page_anchors() -> None:
    assert {"all", "overview", "sources", "proposals", "downloads"} <= reserved_ids()


@pytest.mark.parametrize(
    ("related", "expected"),
    [
        ("[trust, listning, permission]",
         "64:26: item 'kindness' (behaviours), related[1]: unknown item 'listning'; "
         "did you mean 'listening'?"),
        ("[trust, listening, zzz]",
         "64:37: item 'kindness' (behaviours), related[2]: unknown item 'zzz'"),
        ("[trust, listening, kindness]",
         "64:37: item 'kindness' (behaviours), related[2]: an item cannot be related to itself"),
        ("[trust, listening, blog]",
         "64:37: item 'kindness' (behaviours), related[2]: 'blog' is a source, not an item"),
        ("[trust, listening, protocols]",
         "64:37: item 'kindness' (behaviours), related[2]: 'protocols' is a layer, not an item"),
        ("[trust, listening, split-protocols]",
         "64:37: item 'kindness' (behaviours), related[2]: 'split-protocols' is a proposal, "
         "not an item"),
    ],
    ids=["unknown-suggest", "unknown", "itself", "source", "layer", "proposal"],
)
def test_bad_related(related: str, expected: str) -> None:
    assert problems_of(edit("[trust, listening, permission]", related)) == fm(expected)


def test_related_in_the_same_layer() -> None:
    text = edit("        status: adopted\n", "        related: [reciprocity]\n"
                "        status: adopted\n")
    assert problems_of(text) == fm(
        "34:19: item 'trust' (principles), related[0]: 'reciprocity' is in the same layer "
        "(principles); related items must be in other layers"
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("  sources: [blog]", "  sources: [blgo]",
         "14:13: framework.sources[0]: unknown source 'blgo'; did you mean 'blog'?"),
        ("            sources: [blog]", "            sources: [blogg]",
         "61:23: item 'kindness' (behaviours), examples[0].sources[0]: unknown source 'blogg'; "
         "did you mean 'blog'?"),
        ("      roles: [care-worker]\n      sources: [blog]",
         "      roles: [care-worker]\n      sources: [bolg]",
         "147:17: context 'end-in-itself', sources[0]: unknown source 'bolg'; "
         "did you mean 'blog'?"),
        ("    sources: [blog]", "    sources: [blog, nobody]",
         "23:21: layer 'principles', sources[1]: unknown source 'nobody'"),
    ],
    ids=["framework", "example", "context", "layer-no-suggestion"],
)
def test_unknown_source(old: str, new: str, expected: str) -> None:
    assert problems_of(edit(old, new)) == fm(expected)


def test_proposal_with_unknown_layer() -> None:
    text = edit("    layers: [protocols]", "    layers: [protocol]")
    assert problems_of(text) == fm(
        "107:14: proposal 'split-protocols', layers[0]: unknown layer 'protocol'; "
        "did you mean 'protocols'?"
    )


def test_proposal_layer_that_is_an_item() -> None:
    text = edit("    layers: [protocols]", "    layers: [protocols, trust]")
    assert problems_of(text) == fm(
        "107:25: proposal 'split-protocols', layers[1]: 'trust' is an item, not a layer"
    )


def test_flow_stage_with_unknown_layer() -> None:
    text = edit("    layers: [protocols]\n",
                "    layers: [protocols]\n    flow: [[principles], [protocls]]\n")
    assert problems_of(text) == fm(
        "108:27: proposal 'split-protocols', flow[1][0]: unknown layer 'protocls'; "
        "did you mean 'protocols'?"
    )


def test_proposed_item_without_reasoning() -> None:
    text = edit("        reasoning: A reader saw it bring the most reward in co-production.\n", "")
    assert problems_of(text) == fm(
        "36:9: item 'reciprocity' (principles): status is 'proposed' but there is no "
        "'reasoning'; add why the item was proposed"
    )


def test_proposed_item_with_empty_reasoning() -> None:
    text = edit("        reasoning: A reader saw it bring the most reward in co-production.",
                "        reasoning:")
    assert len(problems_of(text)) == 1


def test_several_problems_reported_at_once_sorted() -> None:
    text = edit("[trust, listening, permission]", "[trust, listning, permission]")
    text = edit("    url: https://example.org/comments", "    url: http://example.org", text)
    text = edit('  version: "0.1.0"', '  version: "1.2"', text)
    text = edit("        status: adopted", "        status: approved", text)
    text = edit("      - id: reciprocity", "      - id: overview", text)
    with pytest.raises(FrameworkError) as info:
        validate(load_bytes(text.encode(), "framework.yml"))
    expected = fm(
        "4:12: framework.version: '1.2': expected a version such as \"1.2.0\" "
        "(major.minor.patch), in quotes",
        "34:17: item 'trust' (principles), status: 'approved' is not allowed; "
        "expected one of: 'adopted', 'proposed' or 'retired'",
        "36:13: item 'overview' (principles): the id 'overview' is used by the site itself; "
        "choose another",
        "64:26: item 'kindness' (behaviours), related[1]: unknown item 'listning'; "
        "did you mean 'listening'?",
        "176:10: source 'reader-one', url: 'http://example.org': "
        "expected a web address starting with https://",
    )
    assert [str(p) for p in info.value.problems] == expected
    assert info.value.report() == "\n".join([*expected, "5 problems found"])


# --- the CLI --------------------------------------------------------------------------------

BAD = edit('  version: "0.1.0"', '  version: "1.2"',
           edit("[trust, listening, permission]", "[trust, listning, permission]"))
BAD_LINES = fm(
    "4:12: framework.version: '1.2': expected a version such as \"1.2.0\" "
    "(major.minor.patch), in quotes",
    "64:26: item 'kindness' (behaviours), related[1]: unknown item 'listning'; "
    "did you mean 'listening'?",
)


def test_cli_validate_ok(monkeypatch: pytest.MonkeyPatch,
                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(FIXTURE.parent)
    assert main(["validate", "mini.yml"]) == 0
    out, err = capsys.readouterr()
    assert out == "mini.yml: valid: 4 layers, 5 items, 2 proposals, 2 sources\n"
    assert err == ""


def test_cli_validate_default_path_is_the_real_framework(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["validate"]) == 0
    out, _ = capsys.readouterr()
    assert re.match(r"^framework.yml: valid: 4 layers, \d+ items, \d+ proposals, \d+ sources\n$",
                    out)


def test_cli_validate_bad_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "framework.yml").write_text(BAD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "framework.yml"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "\n".join([*BAD_LINES, "2 problems found"]) + "\n"
    assert "Traceback" not in err


def test_cli_validate_github_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "framework.yml").write_text(BAD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "--format", "github"]) == 1
    out, err = capsys.readouterr()
    assert out == (
        "::error file=framework.yml,line=4,col=12::framework.version: '1.2': expected a version "
        "such as \"1.2.0\" (major.minor.patch), in quotes\n"
        "::error file=framework.yml,line=64,col=26::item 'kindness' (behaviours), related[1]: "
        "unknown item 'listning'; did you mean 'listening'?\n"
    )
    assert err == "\n".join([*BAD_LINES, "2 problems found"]) + "\n"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "framework.yml:1:1: the file is empty; expected a mapping with 'framework:' and "
              "'layers:' at the top"),
        (b"framework: " + b"[" * 5000, "framework.yml:1:43: nested more than 32 levels deep; "
                                       "the framework never needs this"),
        (b"a: \xff\n", "framework.yml:1:4: byte 0xff is not UTF-8 text; "
                       "save the file as UTF-8 (GitHub's editor always does)"),
    ],
    ids=["empty", "deep", "not-utf8"],
)
def test_cli_validate_load_errors(raw: bytes, expected: str, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "framework.yml").write_bytes(raw)
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"{expected}\n1 problem found\n"


def test_cli_validate_missing_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "nope.yml"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "nope.yml:1:1: cannot read the file: No such file or directory\n1 problem found\n"


def test_cli_schema_check_committed_schema_is_current(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--check"]) == 0
    out, _ = capsys.readouterr()
    assert out == f"{SCHEMA_PATH} is up to date\n"
    assert SCHEMA_PATH.read_text(encoding="utf-8") == json_schema_text()


def test_cli_schema_check_stale(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_path = tmp_path / "framework.schema.json"
    out_path.write_text('{"stale": true}\n', encoding="utf-8")
    assert main(["schema", "--check", "--out", str(out_path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"{out_path} is out of date; run: rcp-docs schema\n"
    assert out_path.read_text(encoding="utf-8") == '{"stale": true}\n'  # --check never writes


def test_cli_schema_check_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_path = tmp_path / "none.json"
    assert main(["schema", "--check", "--out", str(out_path)]) == 1
    assert not out_path.exists()
    assert capsys.readouterr().err == f"{out_path} is out of date; run: rcp-docs schema\n"


def test_cli_schema_writes_then_checks(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    out_path = tmp_path / "schema.json"
    assert main(["schema", "--out", str(out_path)]) == 0
    assert capsys.readouterr().out == f"wrote {out_path}\n"
    assert out_path.read_text(encoding="utf-8") == json_schema_text()
    assert main(["schema", "--check", "--out", str(out_path)]) == 0


def test_cli_schema_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--out", "-"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema()


# --- the JSON Schema agrees with validation -------------------------------------------------


@pytest.fixture(scope="module")
def schema_validator() -> Any:
    schema = json_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_json_schema_accepts_the_real_framework(schema_validator: Any) -> None:
    data = yaml.safe_load((ROOT / "framework.yml").read_text(encoding="utf-8"))
    errors = [e.message for e in schema_validator.iter_errors(data)]
    assert errors == []


def test_json_schema_accepts_the_fixture(schema_validator: Any) -> None:
    assert list(schema_validator.iter_errors(yaml.safe_load(MINI))) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("        name: Mutual trust\n", "        name: Mutual trust\n        colour: blue\n"),
        ("    summary: The core.\n", ""),
        ("      - id: reciprocity", "      - id: Reciprocity"),
        ("      - id: reciprocity", "      - id: ../etc"),
        ("        status: adopted", "        status: approved"),
        ("    summary: The core.", "    summary: [The core.]"),
        ("        questions:\n          - Whom do you trust?\n", "        questions: []\n"),
        ("    url: https://example.org/comments", "    url: javascript:alert(1)"),
        ('  version: "0.1.0"', '  version: "1.2"'),
        ("        name: Mutual trust", "        name: Mutual <b>trust</b>"),
    ],
    ids=["unknown-field", "missing-field", "id-pattern", "id-path", "status", "wrong-type",
         "empty-list", "url", "version", "angle-bracket"],
)
def test_json_schema_and_validation_both_reject(schema_validator: Any, old: str,
                                                new: str) -> None:
    text = edit(old, new)
    assert not schema_validator.is_valid(yaml.safe_load(text))
    assert len(problems_of(text)) == 1


def test_empty_status_says_it_is_empty() -> None:
    with pytest.raises(FrameworkError) as info:
        validate(load_bytes(edit("        status: adopted", "        status:").encode()))
    [problem] = info.value.problems
    assert (problem.line, problem.column) == (34, 16)
    assert problem.message.startswith("item 'trust' (principles), status: ")
    assert "None" not in problem.message
    assert "empty" in problem.message


# --- roles: referenced by contexts and examples, with a reading path of items -----------------

ROLE_TAIL = "      items: [trust]\n    sources: [blog]\n  - id: gp"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("      roles: [care-worker]", "      roles: [care-workr]",
         "146:15: context 'end-in-itself', roles[0]: unknown role 'care-workr'; "
         "did you mean 'care-worker'?"),
        ("      roles: [care-worker]", "      roles: [care-worker, trust]",
         "146:28: context 'end-in-itself', roles[1]: 'trust' is an item, not a role"),
        ("            sources: [blog]\n", "            sources: [blog]\n            roles: [gp, nurse]\n",
         "62:25: item 'kindness' (behaviours), examples[0].roles[1]: unknown role 'nurse'"),
        (ROLE_TAIL, ROLE_TAIL.replace("[trust]", "[trust, kindnes]"),
         "184:22: role 'care-worker', reading_path.items[1]: unknown item 'kindnes'; "
         "did you mean 'kindness'?"),
        (ROLE_TAIL, ROLE_TAIL.replace("[trust]", "[principles]"),
         "184:15: role 'care-worker', reading_path.items[0]: 'principles' is a layer, "
         "not an item"),
        ("  - id: gp\n", "  - id: care-worker\n",
         "186:9: role 'care-worker': the id 'care-worker' is already used by role 'care-worker' "
         "on line 178; ids must be unique across the whole framework"),
        ("  - id: gp\n", "  - id: where-to-start-reading\n",
         "186:9: role 'where-to-start-reading': the id 'where-to-start-reading' is used by the "
         "site itself; choose another"),
        ("    why: The blog names the relationship between a GP and her patients.\n", "",
         "186:5: role 'gp': missing required field 'why': Why relationships matter in this role, "
         "only as far as the sources say. The contexts that name the role (their `roles` lists) "
         "are shown beside it."),
        ("      items: [trust]\n    sources: [blog]\n  - id: gp", "      items: []\n"
         "    sources: [blog]\n  - id: gp",
         "184:14: role 'care-worker', reading_path.items: needs at least 1 entry"),
    ],
    ids=["context-unknown-role", "context-names-an-item", "example-unknown-role",
         "path-unknown-item", "path-names-a-layer", "duplicate-role", "reserved-anchor",
         "missing-why", "empty-path"],
)
def test_role_references(old: str, new: str, expected: str) -> None:
    assert problems_of(edit(old, new)) == fm(expected)


def test_roles_resolve_both_ways() -> None:
    """A role knows the contexts that name it, the examples that speak to it and its path."""
    text = edit("            sources: [blog]\n", "            sources: [blog]\n            roles: [gp]\n")
    framework = validate(load_bytes(text.encode(), "framework.yml"))
    roles = {role.id: role for role in framework.roles}
    assert [c.id for c in roles["care-worker"].contexts] == ["end-in-itself"]
    assert roles["gp"].contexts == []
    assert [(item.id, ex.data.setting) for item, ex in roles["gp"].examples] == [
        ("kindness", "GP surgery")]
    assert [item.id for item in roles["care-worker"].path] == ["trust"]
    assert framework.contexts.entries[0].roles == [roles["care-worker"]]
    assert framework.emails == ["someone@example.org", "other.person+rcp@example.org"]
