"""validate.py, the CLI and the JSON Schema: every rule's full message, with its line and column.

Bad cases are small edits of tests/fixtures/mini.yml; each expected position is found in the edited
text from a marker (`at` in tests/helpers.py), never counted by hand.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import MINI_PATH, at, col_of, cut, edit, fm, line_of, mini, problems_of
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

from rcp_docs.base.errors import FrameworkError
from rcp_docs.check.validate import validate
from rcp_docs.publish.build import load_framework
from rcp_docs.publish.cli import main
from rcp_docs.source.jsonschema import SCHEMA_PATH, json_schema, json_schema_text
from rcp_docs.source.load import load_bytes
from rcp_docs.structure.registry import reserved_ids

ROOT = Path(__file__).parents[1]
ID_ADVICE = (
    "expected an id of lowercase letters a-z, digits and single hyphens, "
    "such as 'active-listening'"
)
LINE_ADVICE = "expected one line of text without '<' or '>'"
ITEM_FIELDS = "id, name, summary, description, examples, questions, related, search_terms, origin, " \
    "provenance, status, replaced_by, reasoning, sources"


def one(text: str, marker: str, message: str) -> None:
    """`text` gives exactly one problem: `message`, at the place `marker` points to."""
    assert problems_of(text) == fm(f"{at(text, marker)}: {message}")


# --- valid files ----------------------------------------------------------------------------


def test_fixture_is_valid() -> None:
    framework = validate(load_bytes(mini().encode(), "framework.yml"))
    assert framework.summary() == "framework.yml: valid: 4 layers, 5 items, 3 proposals, 2 sources"


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
    ("text", "marker", "message"),
    [
        (edit("    summary: The core.\n", ""), "id: principles",
         "layer 'principles': missing required field 'summary': "
         "One sentence saying what it is."),
        (edit("  title: Mini framework\n", ""), 'version: "0.1.0"',
         "framework: missing required field 'title': "
         "The framework's title, shown at the top of every page."),
        (edit("        status: draft\n", ""), "id: trust",
         "item 'trust' (principles): missing required field 'status': 'draft' if it is "
         "part of the draft framework; 'proposed' if a reader proposed it and it is under "
         "discussion; "
         "'retired' if it is no longer part of the framework (it stays on its page, "
         "so links to it keep working)."),
        (edit("            text: A doctor who listens.\n", ""), "setting: GP surgery",
         "item 'kindness' (behaviours), examples[0]: missing required field 'text': "
         "What it looks like there, in a sentence or two."),
        (edit("      roles: [care-worker]\n", ""), "id: end-in-itself",
         "context 'end-in-itself': missing required field 'roles': "
         "Ids of entries in `roles`: the roles the sources place in this context."),
        (edit("      summary: It can be taught.\n", ""), "id: craft",
         "barrier 'craft': missing required field 'summary': "
         "One sentence saying what it is."),
        (edit("      description: They became kinder for a while.\n", ""), "id: pandemic",
         "evidence 'pandemic': missing required field 'description': "
         "A fuller explanation, in plain English."),
        (edit("      text: It depends on the context.\n", ""), "id: not-better",
         "distinction 'not-better': missing required field 'text': "
         "The distinction explained."),
        (edit("      summary: Relationships carry value forward.\n      sources: [reader-one]\n",
              "      summary: Relationships carry value forward.\n"), "id: time",
         "refinement 'time': missing required field 'sources': "
         "Ids of entries in `sources` that this draws on."),
        (cut("contexts:\n", "barriers:\n"), "framework:",
         "the file: missing required field 'contexts': "
         "When relationship-centred practice is relevant."),
        (cut("comparison:\n", "contexts:\n"), "framework:",
         "the file: missing required field 'comparison'"),
    ],
    ids=["layer", "framework", "item", "example", "context", "barrier", "evidence",
         "distinction", "refinement-sources", "top-level", "top-level-no-description"],
)
def test_missing_required_field(text: str, marker: str, message: str) -> None:
    one(text, marker, message)


# --- shape: unknown fields ------------------------------------------------------------------


def test_unknown_field_with_did_you_mean() -> None:
    text = edit("        summary: Each party", "        sumary: Each party")
    assert problems_of(text) == fm(
        f"{at(text, 'id: trust')}: item 'trust' (principles): missing required field 'summary': "
        "One sentence saying what it is.",
        f"{at(text, 'sumary:')}: item 'trust' (principles): unknown field 'sumary'; "
        "did you mean 'summary'?",
    )


def test_unknown_field_with_no_close_match_lists_the_fields() -> None:
    text = edit("        name: Mutual trust\n", "        name: Mutual trust\n        colour: blue\n")
    one(text, "colour: blue",
        f"item 'trust' (principles): unknown field 'colour'; expected one of: {ITEM_FIELDS}")


def test_unknown_field_at_the_top() -> None:
    one(mini() + "extra: x\n", "extra: x",
        "the file: unknown field 'extra'; expected one of: framework, layers, "
        "structural_proposals, comparison, contexts, barriers, why_now, roles, feedback, sources, "
        "redirects, glossary")


def test_unknown_field_in_an_example() -> None:
    text = edit("            text: A doctor who listens.\n",
                "            text: A doctor who listens.\n            setings: x\n")
    one(text, "setings: x",
        "item 'kindness' (behaviours), examples[0]: unknown field 'setings'; "
        "did you mean 'setting'?")


# --- shape: wrong types ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "marker", "message"),
    [
        ("        questions:\n          - Whom do you trust?\n",
         "        questions: Whom do you trust?\n", "Whom do you trust?",
         "item 'trust' (principles), questions: expected a list (lines starting with "
         "'- '), got the text 'Whom do you trust?'"),
        ("    summary: The core.", "    summary: [The core.]", "[The core.]",
         "layer 'principles', summary: expected text, got a list"),
        ("    summary: The core.", "    summary:\n      text: The core.", "text: The core.",
         "layer 'principles', summary: expected text, got a mapping (check the indentation)"),
        ("    summary: The core.", "    summary:", "    summary:^\n",
         "layer 'principles', summary: is empty; expected text"),
        ("    summary: The core.", "    summary: null", "null",
         "layer 'principles', summary: is empty; expected text"),
        ("          - setting: GP surgery\n            text: A doctor who listens.\n"
         "            sources: [blog]\n",
         "          - A doctor who listens.\n", "A doctor who listens.",
         "item 'kindness' (behaviours), examples[0]: expected a mapping of fields "
         "(name: value), got the text 'A doctor who listens.'"),
        ("    - Listening.", "    -", "    -^\n",
         "framework.characteristics[0]: is empty; expected text"),
        ("      roles: [care-worker]", "      roles: care-worker", "roles: ^care-worker",
         "context 'end-in-itself', roles: expected a list (lines starting with '- '), "
         "got the text 'care-worker'"),
    ],
    ids=["text-for-list", "list-for-text", "mapping-for-text", "empty-value", "null",
         "text-for-mapping", "empty-list-entry", "text-for-list-of-lines"],
)
def test_wrong_type(old: str, new: str, marker: str, message: str) -> None:
    one(edit(old, new), marker, message)


def test_long_text_is_shortened_in_messages() -> None:
    long = ("word " * 20).strip()
    text = edit("        questions:\n          - Whom do you trust?\n", f"        questions: {long}\n")
    one(text, long,
        "item 'trust' (principles), questions: expected a list (lines starting with "
        "'- '), got the text 'word word word word word word word wo...'")


# --- shape: empty text, patterns, limits ----------------------------------------------------


@pytest.mark.parametrize("value", ['" "', '""', "'\t'"])
def test_empty_or_whitespace_text(value: str) -> None:
    text = edit("    summary: The core.", f"    summary: {value}")
    one(text, f"summary: ^{value}", "layer 'principles', summary: is empty; expected text")


def test_whitespace_line() -> None:
    text = edit("        name: Reciprocity", '        name: "   "')
    one(text, 'name: ^"   "', f"item 'reciprocity' (principles), name: '   ': {LINE_ADVICE}")


@pytest.mark.parametrize(
    "bad",
    ["Reciprocity", "mutual trust", "../etc", "a/b", "a.b", "réciprocité", "double--hyphen",
     "-leading", "trailing-", "under_score"],
)
def test_bad_id(bad: str) -> None:
    text = edit("      - id: reciprocity", f"      - id: {bad}")
    one(text, f"- id: ^{bad}", f"item '{bad}' (principles), id: '{bad}': {ID_ADVICE}")


def test_bad_id_in_a_reference() -> None:
    text = edit("    layers: [protocols]", "    layers: [Protocols]")
    place = at(text, "layers: [^Protocols]")
    assert problems_of(text) == fm(
        f"{place}: proposal 'split-protocols', layers[0]: 'Protocols': {ID_ADVICE}",
        f"{place}: proposal 'split-protocols', layers[0]: unknown layer 'Protocols'; "
        "did you mean 'protocols'?",
    )


def test_too_long_id() -> None:
    text = edit("      - id: reciprocity", "      - id: " + "a" * 65)
    one(text, "- id: ^" + "a" * 65,
        f"item '{'a' * 65}' (principles), id: is 65 characters, over the limit of 64")


@pytest.mark.parametrize("bad", ["1.2", "01.2.0", "1.2.0-beta", "v1.2.0"])
def test_bad_version(bad: str) -> None:
    text = edit('  version: "0.1.0"', f'  version: "{bad}"')
    one(text, "version: ^",
        f"framework.version: '{bad}': expected a version such as \"1.2.0\" "
        "(major.minor.patch), in quotes")


@pytest.mark.parametrize("bad", ["2026-13-02", "2026-1-2", "2026-01-32", "02-01-2026"])
def test_bad_date(bad: str) -> None:
    text = edit('  updated: "2026-01-02"', f'  updated: "{bad}"')
    one(text, "updated: ^",
        f"framework.updated: '{bad}': expected a date such as \"2026-11-21\" "
        "(year-month-day), in quotes")


@pytest.mark.parametrize(
    ("old", "new", "marker", "message"),
    [
        ("        status: draft", "        status: approved", "status: ^approved",
         "item 'trust' (principles), status: 'approved' is not allowed; "
         "expected one of: 'draft', 'proposed' or 'retired'"),
        ("        status: draft", "        status: Adopted", "status: ^Adopted",
         "item 'trust' (principles), status: 'Adopted' is not allowed; "
         "expected one of: 'draft', 'proposed' or 'retired'"),
        ("    status: proposed\n    sources: [reader-one]", "    status: open\n"
         "    sources: [reader-one]", "status: ^open",
         "proposal 'split-protocols', status: 'open' is not allowed; "
         "expected one of: 'adopted' or 'proposed'"),
        ("      side: relationship", "      side: Relationship", "side: ^Relationship",
         "characteristic 'unique', side: 'Relationship' is not allowed; "
         "expected one of: 'relationship', 'transaction' or 'both'"),
        ("    kind: document", "    kind: blog post", "kind: ^blog post",
         "source 'blog', kind: 'blog post' is not allowed; expected one of: 'document', "
         "'person', 'organisation', 'study', 'book', 'website', 'event', 'reader-feedback' or "
         "'other'"),
    ],
    ids=["item-status", "capitalised", "proposal-status", "side", "source-kind"],
)
def test_bad_literal(old: str, new: str, marker: str, message: str) -> None:
    one(edit(old, new), marker, message)


@pytest.mark.parametrize(
    "bad",
    ["javascript:alert(1)", "http://example.org/comments", "https://", "ftp://example.org",
     "https://example.org/<script>"],
)
def test_bad_url(bad: str) -> None:
    text = edit("    url: https://example.org/comments", f'    url: "{bad}"')
    one(text, "url: ^",
        f"source 'reader-one', url: '{bad}': expected a web address starting with https://")


def test_angle_bracket_in_a_name() -> None:
    text = edit("        name: Mutual trust", "        name: Mutual <b>trust</b>")
    one(text, "name: ^Mutual <b>",
        f"item 'trust' (principles), name: 'Mutual <b>trust</b>': {LINE_ADVICE}")


def test_angle_brackets_in_an_evidence_name() -> None:
    text = edit("      name: The pandemic", "      name: The <i>pandemic</i>")
    one(text, "name: ^The <i>",
        f"evidence 'pandemic', name: 'The <i>pandemic</i>': {LINE_ADVICE}")


@pytest.mark.parametrize(
    ("old", "new", "marker", "message"),
    [
        ("      name: The pandemic", "      name: The >pandemic", "name: ^The >",
         f"evidence 'pandemic', name: 'The >pandemic': {LINE_ADVICE}"),
        ("        name: Mutual trust", "        name: Mutual <trust", "name: ^Mutual <",
         f"item 'trust' (principles), name: 'Mutual <trust': {LINE_ADVICE}"),
    ],
    ids=["evidence", "item"],
)
def test_single_angle_bracket_in_a_name(old: str, new: str, marker: str, message: str) -> None:
    one(edit(old, new), marker, message)


def test_too_long_name() -> None:
    text = edit("        name: Reciprocity", "        name: " + "a" * 201)
    one(text, "name: ^" + "a" * 201,
        "item 'reciprocity' (principles), name: is 201 characters, over the limit of 200")


def test_name_at_the_limit_is_fine() -> None:
    validate(load_bytes(edit("        name: Reciprocity", "        name: " + "a" * 200).encode()))


@pytest.mark.parametrize(
    ("old", "new", "marker", "message"),
    [
        ("        questions:\n          - Whom do you trust?\n", "        questions: []\n",
         "questions: ^[]", "item 'trust' (principles), questions: needs at least 1 entry"),
        ("    sources: [blog]", "    sources: []", "sources: ^[]",
         "layer 'principles', sources: needs at least 1 entry"),
        ("  hopes:\n    - To be taken seriously.", "  hopes: []", "hopes: ^[]",
         "framework.hopes: needs at least 1 entry"),
    ],
    ids=["questions", "layer-sources", "hopes"],
)
def test_empty_list(old: str, new: str, marker: str, message: str) -> None:
    one(edit(old, new), marker, message)


# --- rules across the file ------------------------------------------------------------------


def test_duplicate_id_across_layers() -> None:
    text = edit("      - id: permission", "      - id: reciprocity")
    text = edit("[trust, listening, permission]", "[trust, listening]", text)
    first = line_of(text, "- id: reciprocity", 0)
    assert problems_of(text) == fm(
        f"{at(text, '- id: ^reciprocity', 1)}: item 'reciprocity' (protocols): the id "
        f"'reciprocity' is already used by item 'reciprocity' (principles) on line {first}; "
        "ids must be unique across the whole framework"
    )


def test_duplicate_id_is_the_only_problem() -> None:
    text = edit("      - id: kindness", "      - id: reciprocity")
    first = line_of(text, "- id: reciprocity", 0)
    assert problems_of(text) == fm(
        f"{at(text, '- id: ^reciprocity', 1)}: item 'reciprocity' (behaviours): the id "
        f"'reciprocity' is already used by item 'reciprocity' (principles) on line {first}; "
        "ids must be unique across the whole framework"
    )


def test_duplicate_id_between_kinds() -> None:
    text = edit("    - id: craft", "    - id: blog")
    first = line_of(text, "- id: blog", 0)
    assert problems_of(text) == fm(
        f"{at(text, '- id: ^blog', 1)}: source 'blog': the id 'blog' is already used by "
        f"barrier 'blog' on line {first}; ids must be unique across the whole framework"
    )


@pytest.mark.parametrize(
    ("old", "new", "marker", "message"),
    [
        ("      - id: reciprocity", "      - id: overview", "- id: ^overview",
         "item 'overview' (principles): the id 'overview' is used by the site itself; "
         "choose another"),
        ("  - id: split-protocols", "  - id: proposals", "- id: ^proposals",
         "proposal 'proposals': the id 'proposals' is used by the site itself; "
         "choose another"),
        ("    - id: pandemic", "    - id: why-now", "- id: ^why-now",
         "evidence 'why-now': the id 'why-now' is used by the site itself; "
         "choose another"),
        ("      - id: reciprocity", "      - id: term-gp", "- id: ^term-gp",
         "item 'term-gp' (principles): the id 'term-gp' starts with 'term-', which the site uses "
         "for anchors of its own; choose another"),
    ],
    ids=["item", "proposal", "evidence", "prefix"],
)
def test_reserved_id(old: str, new: str, marker: str, message: str) -> None:
    one(edit(old, new), marker, message)


def test_reserved_ids_include_the_page_anchors() -> None:
    assert {"all", "overview", "sources", "proposals", "downloads"} <= reserved_ids()


@pytest.mark.parametrize(
    ("related", "marker", "message"),
    [
        ("[trust, listning, permission]", "trust, ^listning",
         "item 'kindness' (behaviours), related[1]: unknown item 'listning'; "
         "did you mean 'listening'?"),
        ("[trust, listening, zzz]", "listening, ^zzz]",
         "item 'kindness' (behaviours), related[2]: unknown item 'zzz'"),
        ("[trust, listening, kindness]", "listening, ^kindness]",
         "item 'kindness' (behaviours), related[2]: an item cannot be related to itself"),
        ("[trust, listening, blog]", "listening, ^blog]",
         "item 'kindness' (behaviours), related[2]: 'blog' is a source, not an item"),
        ("[trust, listening, protocols]", "listening, ^protocols]",
         "item 'kindness' (behaviours), related[2]: 'protocols' is a layer, not an item"),
        ("[trust, listening, split-protocols]", "listening, ^split-protocols]",
         "item 'kindness' (behaviours), related[2]: 'split-protocols' is a proposal, "
         "not an item"),
    ],
    ids=["unknown-suggest", "unknown", "itself", "source", "layer", "proposal"],
)
def test_bad_related(related: str, marker: str, message: str) -> None:
    one(edit("[trust, listening, permission]", related), marker, message)


def test_related_in_the_same_layer() -> None:
    text = edit("        status: draft\n", "        related: [reciprocity]\n"
                "        status: draft\n")
    one(text, "related: [^reciprocity]",
        "item 'trust' (principles), related[0]: 'reciprocity' is in the same layer "
        "(principles); related items must be in other layers")


@pytest.mark.parametrize(
    ("old", "new", "marker", "message"),
    [
        ("  sources: [blog]", "  sources: [blgo]", "[^blgo]",
         "framework.sources[0]: unknown source 'blgo'; did you mean 'blog'?"),
        ("            sources: [blog]", "            sources: [blogg]", "[^blogg]",
         "item 'kindness' (behaviours), examples[0].sources[0]: unknown source 'blogg'; "
         "did you mean 'blog'?"),
        ("      roles: [care-worker]\n      sources: [blog]",
         "      roles: [care-worker]\n      sources: [bolg]", "[^bolg]",
         "context 'end-in-itself', sources[0]: unknown source 'bolg'; "
         "did you mean 'blog'?"),
        ("    sources: [blog]", "    sources: [blog, nobody]", "blog, ^nobody]",
         "layer 'principles', sources[1]: unknown source 'nobody'"),
    ],
    ids=["framework", "example", "context", "layer-no-suggestion"],
)
def test_unknown_source(old: str, new: str, marker: str, message: str) -> None:
    one(edit(old, new), marker, message)


def test_proposal_with_unknown_layer() -> None:
    text = edit("    layers: [protocols]", "    layers: [protocol]")
    one(text, "[^protocol]",
        "proposal 'split-protocols', layers[0]: unknown layer 'protocol'; "
        "did you mean 'protocols'?")


def test_proposal_layer_that_is_an_item() -> None:
    text = edit("    layers: [protocols]", "    layers: [protocols, trust]")
    one(text, "protocols, ^trust]",
        "proposal 'split-protocols', layers[1]: 'trust' is an item, not a layer")


def test_flow_stage_with_unknown_layer() -> None:
    text = edit("    layers: [protocols]\n",
                "    layers: [protocols]\n    flow: [[principles], [protocls]]\n")
    one(text, "[^protocls]",
        "proposal 'split-protocols', flow[1][0]: unknown layer 'protocls'; "
        "did you mean 'protocols'?")


def test_proposed_item_without_reasoning() -> None:
    text = edit("        reasoning: A reader saw it bring the most reward in co-production.\n", "")
    one(text, "id: reciprocity",
        "item 'reciprocity' (principles): status is 'proposed' but there is no "
        "'reasoning'; add why the item was proposed")


def test_proposed_item_with_empty_reasoning() -> None:
    text = edit("        reasoning: A reader saw it bring the most reward in co-production.",
                "        reasoning:")
    assert len(problems_of(text)) == 1


def test_several_problems_reported_at_once_sorted() -> None:
    text = edit("[trust, listening, permission]", "[trust, listning, permission]")
    text = edit("    url: https://example.org/comments", "    url: http://example.org", text)
    text = edit('  version: "0.1.0"', '  version: "1.2"', text)
    text = edit("        status: draft", "        status: approved", text)
    text = edit("      - id: reciprocity", "      - id: overview", text)
    with pytest.raises(FrameworkError) as info:
        validate(load_bytes(text.encode(), "framework.yml"))
    expected = fm(
        f"{at(text, 'version: ^')}: framework.version: '1.2': expected a version such as "
        "\"1.2.0\" (major.minor.patch), in quotes",
        f"{at(text, 'status: ^approved')}: item 'trust' (principles), status: 'approved' is not "
        "allowed; expected one of: 'draft', 'proposed' or 'retired'",
        f"{at(text, '- id: ^overview')}: item 'overview' (principles): the id 'overview' is used "
        "by the site itself; choose another",
        f"{at(text, 'trust, ^listning')}: item 'kindness' (behaviours), related[1]: unknown item "
        "'listning'; did you mean 'listening'?",
        f"{at(text, 'url: ^')}: source 'reader-one', url: 'http://example.org': "
        "expected a web address starting with https://",
    )
    assert [str(p) for p in info.value.problems] == expected
    assert info.value.report() == "\n".join([*expected, "5 problems found"])


# --- the CLI --------------------------------------------------------------------------------


@functools.cache
def bad() -> str:
    """mini.yml with two problems: a short version and a misspelt related item."""
    return edit('  version: "0.1.0"', '  version: "1.2"',
                edit("[trust, listening, permission]", "[trust, listning, permission]"))


VERSION_MESSAGE = ("framework.version: '1.2': expected a version such as \"1.2.0\" "
                   "(major.minor.patch), in quotes")
RELATED_MESSAGE = ("item 'kindness' (behaviours), related[1]: unknown item 'listning'; "
                   "did you mean 'listening'?")


def bad_lines() -> list[str]:
    text = bad()
    return fm(f"{at(text, 'version: ^')}: {VERSION_MESSAGE}",
              f"{at(text, 'trust, ^listning')}: {RELATED_MESSAGE}")



def test_cli_validate_ok(monkeypatch: pytest.MonkeyPatch,
                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(MINI_PATH.parent)
    assert main(["validate", "--readability", "off", "mini.yml"]) == 0
    out, err = capsys.readouterr()
    assert out == "mini.yml: valid: 4 layers, 5 items, 3 proposals, 2 sources\n"
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
    (tmp_path / "framework.yml").write_text(bad(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "framework.yml"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "\n".join([*bad_lines(), "2 problems found"]) + "\n"
    assert "Traceback" not in err


def test_cli_validate_github_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "framework.yml").write_text(bad(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "--format", "github"]) == 1
    out, err = capsys.readouterr()
    text = bad()
    assert out == (
        f"::error file=framework.yml,line={line_of(text, 'version: ^')},"
        f"col={col_of(text, 'version: ^')}::{VERSION_MESSAGE}\n"
        f"::error file=framework.yml,line={line_of(text, 'trust, ^listning')},"
        f"col={col_of(text, 'trust, ^listning')}::{RELATED_MESSAGE}\n"
    )
    assert err == "\n".join([*bad_lines(), "2 problems found"]) + "\n"


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
    assert list(schema_validator.iter_errors(yaml.safe_load(mini()))) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("        name: Mutual trust\n", "        name: Mutual trust\n        colour: blue\n"),
        ("    summary: The core.\n", ""),
        ("      - id: reciprocity", "      - id: Reciprocity"),
        ("      - id: reciprocity", "      - id: ../etc"),
        ("        status: draft", "        status: approved"),
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
    text = edit("        status: draft", "        status:")
    with pytest.raises(FrameworkError) as info:
        validate(load_bytes(text.encode()))
    [problem] = info.value.problems
    assert (problem.line, problem.column) == (line_of(text, "status:^\n"), col_of(text, "status:^\n"))
    assert problem.message.startswith("item 'trust' (principles), status: ")
    assert "None" not in problem.message
    assert "empty" in problem.message


# --- roles: referenced by contexts and examples, with a reading path of items -----------------

ROLE_TAIL = "      items: [trust]\n    sources: [blog]\n  - id: gp"


@pytest.mark.parametrize(
    ("old", "new", "marker", "message"),
    [
        ("      roles: [care-worker]", "      roles: [care-workr]", "roles: [^care-workr]",
         "context 'end-in-itself', roles[0]: unknown role 'care-workr'; "
         "did you mean 'care-worker'?"),
        ("      roles: [care-worker]", "      roles: [care-worker, trust]",
         "care-worker, ^trust]",
         "context 'end-in-itself', roles[1]: 'trust' is an item, not a role"),
        ("            sources: [blog]\n", "            sources: [blog]\n            roles: [gp, nurse]\n",
         "[gp, ^nurse]",
         "item 'kindness' (behaviours), examples[0].roles[1]: unknown role 'nurse'"),
        (ROLE_TAIL, ROLE_TAIL.replace("[trust]", "[trust, kindnes]"), "[trust, ^kindnes]",
         "role 'care-worker', reading_path.items[1]: unknown item 'kindnes'; "
         "did you mean 'kindness'?"),
        (ROLE_TAIL, ROLE_TAIL.replace("[trust]", "[principles]"), "items: [^principles]",
         "role 'care-worker', reading_path.items[0]: 'principles' is a layer, not an item"),
        ("  - id: gp\n", "  - id: care-worker\n", "  - id: ^care-worker\n    name: GP",
         "role 'care-worker': the id 'care-worker' is already used by role 'care-worker' "
         "on line {first}; ids must be unique across the whole framework"),
        ("  - id: gp\n", "  - id: where-to-start-reading\n", "- id: ^where-to-start-reading",
         "role 'where-to-start-reading': the id 'where-to-start-reading' is used by the "
         "site itself; choose another"),
        ("    why: The blog names the relationship between a GP and her patients.\n", "",
         "- ^id: gp\n    name: GP",
         "role 'gp': missing required field 'why': Why relationships matter in this role, "
         "only as far as the sources say. The contexts that name the role (their `roles` lists) "
         "are shown beside it."),
        ("      items: [trust]\n    sources: [blog]\n  - id: gp", "      items: []\n"
         "    sources: [blog]\n  - id: gp", "items: ^[]",
         "role 'care-worker', reading_path.items: needs at least 1 entry"),
    ],
    ids=["context-unknown-role", "context-names-an-item", "example-unknown-role",
         "path-unknown-item", "path-names-a-layer", "duplicate-role", "reserved-anchor",
         "missing-why", "empty-path"],
)
def test_role_references(old: str, new: str, marker: str, message: str) -> None:
    text = edit(old, new)
    first = line_of(text, "  - id: care-worker\n    name: Care worker")
    one(text, marker, message.replace("{first}", str(first)))


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


# --- provenance and credits -----------------------------------------------------------------

PROVENANCE_VALUES = "'named', 'drawn', 'placed' or 'proposed'"


@pytest.mark.parametrize(
    ("old", "new", "marker", "message"),
    [
        ("        provenance: named\n        status: draft",
         "        provenance: Named\n        status: draft", "provenance: ^Named",
         f"item 'trust' (principles), provenance: 'Named' is not allowed; expected one of: "
         f"{PROVENANCE_VALUES}"),
        ("        provenance: named\n        status: draft",
         "        provenance: the posts\n        status: draft", "provenance: ^the posts",
         f"item 'trust' (principles), provenance: 'the posts' is not allowed; expected one of: "
         f"{PROVENANCE_VALUES}"),
        ("        provenance: named\n        status: draft", "        status: draft",
         "- ^id: trust",
         "item 'trust' (principles): missing required field 'provenance': Where the item comes "
         "from, shown beside its name: 'named': named in the posts; 'drawn': drawn by the editors "
         "from the posts' text; 'placed': placed by the editors from a reader's comment; "
         "'proposed': proposed by a reader. A 'proposed' item has status 'proposed'; an item with "
         "status 'proposed' is 'proposed' or 'placed'."),
        ("        provenance: named\n        status: draft",
         "        provenance: proposed\n        status: draft", "provenance: ^proposed",
         "item 'trust' (principles), provenance: provenance is 'proposed' (proposed by a reader) "
         "but status is 'draft'; a reader's proposal keeps status 'proposed' while it is "
         "discussed, and once the editors adopt it its provenance becomes 'placed'"),
        ("        provenance: placed\n        status: proposed",
         "        provenance: named\n        status: proposed", "provenance: ^named\n        "
         "status: proposed",
         "item 'reciprocity' (principles), provenance: provenance is 'named' but status is "
         "'proposed'; only an item from a reader's comment is under discussion: set provenance "
         "to 'proposed' or 'placed', or status to 'draft'"),
        ("        provenance: placed\n        status: proposed",
         "        provenance: drawn\n        status: proposed", "provenance: ^drawn",
         "item 'reciprocity' (principles), provenance: provenance is 'drawn' but status is "
         "'proposed'; only an item from a reader's comment is under discussion: set provenance "
         "to 'proposed' or 'placed', or status to 'draft'"),
    ],
    ids=["capitalised", "free-text", "missing", "proposed-but-draft", "named-but-proposed",
         "drawn-but-proposed"],
)
def test_provenance(old: str, new: str, marker: str, message: str) -> None:
    one(edit(old, new), marker, message)


def test_provenance_allowed_with_each_status() -> None:
    """A reader's item placed by the editors may be adopted; a proposal may be retired."""
    for old, new in [("provenance: placed\n        status: proposed",
                      "provenance: placed\n        status: draft"),
                     ("provenance: placed\n        status: proposed",
                      "provenance: proposed\n        status: retired"),
                     ("provenance: named\n        status: draft",
                      "provenance: drawn\n        status: retired")]:
        text = edit(old, new)
        assert text != mini()
        validate(load_bytes(text.encode(), "framework.yml"))  # raises on any problem


def test_provenance_label_on_the_model() -> None:
    framework = validate(load_bytes(mini().encode(), "framework.yml"))
    labels = {item.id: item.provenance_label for item in framework.items}
    assert labels["trust"] == "Named in the posts"
    assert labels["reciprocity"] == "Placed by the editors from a reader's comment"


CREDIT = "{name: Ann, kind: person, role: author, note: She wrote it., sources: [blog]}"
EDITORS = "{name: The editors, kind: group, role: compiler, note: They compiled it.}"


@pytest.mark.parametrize(
    ("old", "new", "marker", "message"),
    [
        (CREDIT, "{name: Ann, kind: person, role: author, note: She wrote it.}",
         "role: ^author, note: She",
         "framework.credits[0].role: an author is credited for the posts they wrote; list them "
         "under 'sources', by id"),
        (CREDIT, "{name: Ann, kind: person, role: author, note: She wrote it., sources: []}",
         "role: ^author, note: She",
         "framework.credits[0].role: an author is credited for the posts they wrote; list them "
         "under 'sources', by id"),
        (EDITORS, "{name: The editors, kind: group, role: compiler, note: They compiled it., "
         "sources: [blog]}", "sources: ^[blog]}]",
         "framework.credits[1].sources: a compiler is credited for the framework as a whole; "
         "remove 'sources', or set role: author for the writer of a post"),
        (CREDIT, "{name: Ann, kind: person, role: author, note: She wrote it., sources: [blgo]}",
         "sources: [^blgo]",
         "framework.credits[0].sources[0]: unknown source 'blgo'; did you mean 'blog'?"),
        (CREDIT, "{name: Ann, kind: someone, role: author, note: She wrote it., sources: [blog]}",
         "kind: ^someone",
         "framework.credits[0].kind: 'someone' is not allowed; expected one of: 'person' or "
         "'group'"),
        (CREDIT, "{name: Ann, kind: person, role: writer, note: She wrote it., sources: [blog]}",
         "role: ^writer",
         "framework.credits[0].role: 'writer' is not allowed; expected one of: 'author' or "
         "'compiler'"),
        ("  credits: [" + CREDIT + ", " + EDITORS + "]\n", "  credits: []\n", "credits: ^[]",
         "framework.credits: needs at least 1 entry"),
    ],
    ids=["author-without-posts", "author-with-empty-posts", "compiler-with-posts",
         "unknown-post", "kind", "role", "no-credits"],
)
def test_credits(old: str, new: str, marker: str, message: str) -> None:
    one(edit(old, new), marker, message)
