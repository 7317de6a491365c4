"""load.py: strict YAML to a positioned tree; every problem with its exact line and column.

Bad cases are small edits of tests/fixtures/mini.yml; each expected position is found in the edited
text from a marker (`at` in tests/helpers.py), never counted by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import MINI_PATH, at, col_of, edit, line_of, load_problems, mini

from rcp_docs.base.errors import FrameworkError, Problem
from rcp_docs.check.validate import validate
from rcp_docs.source.load import (
    MAX_BYTES,
    MAX_DEPTH,
    Document,
    MappingNode,
    Scalar,
    SequenceNode,
    load_bytes,
    load_file,
)

EXPECTED_MAPPING = "expected a mapping with 'framework:' and 'layers:' at the top"
SYNTAX_HINT = "; check the indentation and quotes on this line and the one before"


# --- what loads -----------------------------------------------------------------------------


def test_fixture_loads_with_positions() -> None:
    text = mini()
    doc = load_bytes(text.encode(), "framework.yml")
    assert isinstance(doc, Document)
    assert doc.path == "framework.yml"
    assert line_of(text, "framework:") == 2  # line 1 is a comment
    assert (doc.root.line, doc.root.column) == (2, 1)
    key, framework = doc.root.entries["framework"]
    assert (key.line, key.column) == (2, 1)
    assert isinstance(framework, MappingNode)
    assert (framework.line, framework.column, framework.end_line) == (
        line_of(text, "title:"), col_of(text, "title:"), line_of(text, "  sources: [blog]\nlayers:"))
    title = framework.entries["title"][1]
    assert isinstance(title, Scalar)
    assert (title.line, title.column, title.value) == (
        line_of(text, "title: ^"), col_of(text, "title: ^"), "Mini framework")
    layers = doc.find(("layers",))
    assert isinstance(layers, SequenceNode)
    assert len(layers.items) == 4
    # a literal block keeps its text and knows its last line
    description = doc.find(("layers", 0, "items", 0, "description"))
    assert isinstance(description, Scalar)
    assert description.value == "Trust grows over time.\n\nIt is the ground of the rest."
    assert (description.line, description.end_line) == (
        line_of(text, "description: |-"), line_of(text, "It is the ground of the rest."))
    # find stops at the deepest node that exists
    assert doc.find(("layers", 0, "nope", 3)) is doc.find(("layers", 0))
    assert doc.find(("layers", 99)) is layers


def test_to_data_is_plain_text_lists_and_mappings() -> None:
    data = load_bytes(mini().encode()).to_data()
    assert data["framework"]["version"] == "0.1.0"
    assert data["framework"]["sources"] == ["blog"]
    assert data["layers"][1]["items"][0]["related"] == ["trust", "listening", "permission"]
    assert list(data) == [
        "framework", "layers", "structural_proposals", "comparison", "contexts", "barriers",
        "why_now", "sources", "roles", "feedback", "glossary",
    ]


def test_empty_plain_value_is_none() -> None:
    text = edit("    summary: The core.", "    summary:")
    node = load_bytes(text.encode()).find(("layers", 0, "summary"))
    assert isinstance(node, Scalar)
    assert node.value is None
    assert (node.line, node.column) == (line_of(text, "    summary:^\n"), col_of(text, "    summary:^\n"))


def test_byte_order_mark_is_accepted() -> None:
    doc = load_bytes(b"\xef\xbb\xbf" + mini().encode(), "framework.yml")
    assert (doc.root.line, doc.root.column) == (2, 1)
    assert validate(doc).summary() == (
        "framework.yml: valid: 4 layers, 5 items, 3 proposals, 2 sources"
    )


def test_byte_order_mark_does_not_shift_columns() -> None:
    text = edit("    summary: The core.", "    summary: [The core.]")
    with pytest.raises(FrameworkError) as info:
        validate(load_bytes(b"\xef\xbb\xbf" + text.encode(), "framework.yml"))
    assert [str(p) for p in info.value.problems] == [
        f"framework.yml:{at(text, '[The core.]')}: layer 'principles', summary: expected text, "
        "got a list"
    ]


def test_crlf_line_endings_keep_positions() -> None:
    text = edit("    summary: The core.", "    summary: [The core.]").replace("\n", "\r\n")
    with pytest.raises(FrameworkError) as info:
        validate(load_bytes(text.encode(), "framework.yml"))
    assert [str(p) for p in info.value.problems] == [
        f"framework.yml:{at(text, '[The core.]')}: layer 'principles', summary: expected text, "
        "got a list"
    ]


def test_explicit_document_start_and_end_are_fine() -> None:
    assert load_bytes(("---\n" + mini()).encode()).root.line == line_of(mini(), "framework:") + 1
    assert load_bytes((mini() + "...\n").encode()).root.line == line_of(mini(), "framework:")


def test_quoted_and_tagless_values_that_look_typed_are_text() -> None:
    text = edit('  version: "0.1.0"', "  version: '1.10'")
    text = edit("    - Listening.", '    - "no"', text)
    data = load_bytes(text.encode()).to_data()
    assert data["framework"]["version"] == "1.10"
    assert data["framework"]["characteristics"] == ["no"]


# --- YAML syntax ----------------------------------------------------------------------------


def test_yaml_syntax_error() -> None:
    text = edit("    name: Underpinning principles", "    name: Underpinning: principles")
    assert load_problems(text) == [
        f"framework.yml:{at(text, 'Underpinning^: principles')}: YAML syntax: "
        "mapping values are not allowed in this context"
        + SYNTAX_HINT
    ]


def test_yaml_syntax_error_unclosed_flow_list() -> None:
    text = edit("  sources: [blog]\nlayers:", "  sources: [blog\nlayers:")
    problems = load_problems(text)
    assert len(problems) == 1
    place = at(text, "\nlayers^:")
    assert problems[0].startswith(f"framework.yml:{place}: YAML syntax: ")
    assert problems[0].endswith(SYNTAX_HINT)


# --- duplicate keys -------------------------------------------------------------------------


def test_duplicate_key_at_top_level() -> None:
    text = edit("structural_proposals:\n", "layers: []\nstructural_proposals:\n")
    assert load_problems(text) == [
        f"framework.yml:{at(text, 'layers: []')}: duplicate key 'layers' (first given on line "
        f"{line_of(text, 'layers:', 0)}); "
        "keep one and delete the other"
    ]


def test_duplicate_key_nested_deep() -> None:
    text = edit(
        "            text: A doctor who listens.\n",
        "            text: A doctor who listens.\n            text: Again.\n",
    )
    assert load_problems(text) == [
        f"framework.yml:{at(text, 'text: Again.')}: duplicate key 'text' (first given on line "
        f"{line_of(text, 'text: A doctor')}); "
        "keep one and delete the other"
    ]


def test_every_duplicate_key_is_reported() -> None:
    text = edit("  title: Mini framework\n", "  title: Mini framework\n  title: Again\n")
    text = edit("        name: Mutual trust\n", "        name: Mutual trust\n        name: X\n",
                text)
    assert load_problems(text) == [
        f"framework.yml:{at(text, 'title: Again')}: duplicate key 'title' (first given on line "
        f"{line_of(text, 'title: Mini')}); keep one and delete the other",
        f"framework.yml:{at(text, 'name: X')}: duplicate key 'name' (first given on line "
        f"{line_of(text, 'name: Mutual trust')}); "
        "keep one and delete the other",
    ]


def test_key_that_is_not_text() -> None:
    assert load_problems("? [a]\n: b\n") == ["framework.yml:1:3: a key must be plain text"]


# --- anchors, aliases and tags --------------------------------------------------------------


def test_anchor() -> None:
    text = edit("  title: Mini framework", "  title: &t Mini framework")
    assert load_problems(text) == [
        f"framework.yml:{at(text, '&t')}: an anchor (&t) is not allowed; write the text out in full"
    ]


def test_alias() -> None:
    text = edit("  definition: Relationships come first.", "  definition: *x")
    assert load_problems(text) == [
        f"framework.yml:{at(text, '*x')}: an alias (*x) is not allowed; write the text out in full"
    ]


def test_anchor_and_alias_both_reported() -> None:
    text = edit("  summary: A tiny", "  summary: &x A tiny")
    text = edit("  definition: Relationships come first.", "  definition: *x", text)
    assert load_problems(text) == [
        f"framework.yml:{at(text, '&x')}: an anchor (&x) is not allowed; write the text out in full",
        f"framework.yml:{at(text, '*x')}: an alias (*x) is not allowed; write the text out in full",
    ]


def test_anchor_on_a_top_level_mapping() -> None:
    text = edit("framework:\n", "framework: &f\n")
    assert load_problems(text) == [
        f"framework.yml:{at(text, '&f')}: an anchor (&f) is not allowed; write the text out in full"
    ]


def test_anchor_on_a_nested_mapping_is_the_only_problem() -> None:
    text = edit("      - id: trust\n", "      - &t\n        id: trust\n")
    assert load_problems(text) == [
        f"framework.yml:{at(text, '&t')}: an anchor (&t) is not allowed; write the text out in full"
    ]


def test_anchor_on_a_list_is_the_only_problem() -> None:
    text = edit("layers:\n", "layers: &l\n")
    assert load_problems(text) == [
        f"framework.yml:{at(text, '&l')}: an anchor (&l) is not allowed; write the text out in full"
    ]


def test_python_tag() -> None:
    text = edit(
        "  summary: A tiny framework used by the tests.",
        '  summary: !!python/object/apply:os.system ["echo hi"]',
    )
    assert load_problems(text) == [
        f"framework.yml:{at(text, '!!python')}: the tag '!!python/object/apply:os.system' "
        "is not allowed; remove it"
    ]


def test_any_tag_even_str() -> None:
    text = edit("  title: Mini framework", "  title: !!str 1.10")
    assert load_problems(text) == [
        f"framework.yml:{at(text, '!!str')}: the tag '!!str' is not allowed; remove it"
    ]


# --- characters and bytes -------------------------------------------------------------------


def test_tab_in_indentation() -> None:
    text = edit("    name: Underpinning principles", "   \tname: Underpinning principles")
    assert load_problems(text) == [
        f"framework.yml:{at(text, chr(9))}: tab character in indentation; indent with spaces only"
    ]


def test_every_tab_and_nul_reported_together() -> None:
    text = edit("    name: Underpinning principles", "\tname: Underpinning principles")
    text = edit("        name: Mutual trust", "  \t      name: Mutual trust", text)
    text = edit("  title: Mini framework", "  title: Mini\0framework", text)
    assert load_problems(text) == [
        f"framework.yml:{at(text, chr(0))}: a NUL character is not allowed; delete it "
        "(it often comes from pasting text)",
        f"framework.yml:{at(text, chr(9), 0)}: tab character in indentation; indent with spaces only",
        f"framework.yml:{at(text, chr(9), 1)}: tab character in indentation; indent with spaces only",
    ]


def test_non_utf8_byte() -> None:
    text = edit("  title: Mini framework", "  title: Mini fr\xe9mework")
    assert load_problems(text.encode("latin-1")) == [
        f"framework.yml:{at(text, chr(0xe9))}: byte 0xe9 is not UTF-8 text; "
        "save the file as UTF-8 (GitHub's editor always does)"
    ]


def test_non_utf8_byte_column_counts_characters_not_bytes() -> None:
    text = edit("  title: Mini framework", "  title: Café ¤")
    assert load_problems(text.encode("utf-8").replace("¤".encode(), b"\xff")) == [
        f"framework.yml:{at(text, '¤')}: byte 0xff is not UTF-8 text; "
        "save the file as UTF-8 (GitHub's editor always does)"
    ]


def test_binary_file() -> None:
    assert load_problems(b"\x89PNG\r\n\x1a\n\0\0") == [
        "framework.yml:1:1: byte 0x89 is not UTF-8 text; "
        "save the file as UTF-8 (GitHub's editor always does)"
    ]


def test_nul_byte() -> None:
    text = edit("  title: Mini framework", "  title: Mini\0framework")
    assert load_problems(text) == [
        f"framework.yml:{at(text, chr(0))}: a NUL character is not allowed; delete it "
        "(it often comes from pasting text)"
    ]


def test_control_character_is_reported_where_it_is() -> None:
    text = edit("  title: Mini framework", "  title: Mini\x07framework")
    with pytest.raises(FrameworkError) as info:
        load_bytes(text.encode(), "framework.yml")
    [problem] = info.value.problems
    assert (problem.line, problem.column) == (line_of(text, "\x07"), col_of(text, "\x07"))
    assert "\n" not in problem.message
    assert "<unicode string>" not in problem.message


def test_line_separator_is_reported_where_it_is() -> None:
    """YAML counts U+2028 as a line break where editors do not: refused at its own position."""
    text = edit("  definition: Relationships come first.",
                '  definition: "Relationships\u2028come first."')
    assert load_problems(text) == [
        f"framework.yml:{at(text, chr(0x2028))}: the invisible character U+2028 is not allowed; delete it "
        "(it often comes from pasting text)"
    ]


# --- what the file holds --------------------------------------------------------------------


def test_empty_file() -> None:
    assert load_problems(b"") == [f"framework.yml:1:1: the file is empty; {EXPECTED_MAPPING}"]


def test_comments_only_file() -> None:
    assert load_problems("# nothing\n# here either\n") == [
        f"framework.yml:1:1: the file is empty; {EXPECTED_MAPPING}"
    ]


def test_whitespace_only_file() -> None:
    assert load_problems("   \n\n  \n") == [
        f"framework.yml:1:1: the file is empty; {EXPECTED_MAPPING}"
    ]


def test_top_level_list() -> None:
    assert load_problems("# a list\n- framework\n- layers\n") == [
        f"framework.yml:2:1: the file holds a list; {EXPECTED_MAPPING}"
    ]


def test_top_level_string() -> None:
    assert load_problems("# a value\nframework\n") == [
        f"framework.yml:2:1: the file holds a single value; {EXPECTED_MAPPING}"
    ]


def test_top_level_null() -> None:
    assert load_problems("~\n") == [
        f"framework.yml:1:1: the file holds a single value; {EXPECTED_MAPPING}"
    ]


def test_second_document() -> None:
    text = mini() + "---\nfoo: bar\n"
    assert load_problems(text) == [
        f"framework.yml:{at(text, '---')}: a second YAML document ('---'); keep one"
    ]


# --- limits ---------------------------------------------------------------------------------


def test_file_over_the_size_cap() -> None:
    assert load_problems(b"#" * (MAX_BYTES + 1)) == [
        "framework.yml:1:1: the file is 2,097,153 bytes, over the limit of 2,097,152; "
        "a framework file this large is almost certainly a mistake"
    ]


def test_file_at_the_size_cap_is_read() -> None:
    assert MAX_BYTES == 2 * 1024 * 1024
    assert load_problems(b"#" * MAX_BYTES) == [
        f"framework.yml:1:1: the file is empty; {EXPECTED_MAPPING}"
    ]


def test_load_file_over_the_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.yml"
    path.write_bytes(b"#" * (MAX_BYTES + 10))
    with pytest.raises(FrameworkError) as info:
        load_file(path, "framework.yml")
    assert [str(p) for p in info.value.problems] == [
        "framework.yml:1:1: the file is 2,097,162 bytes, over the limit of 2,097,152; "
        "a framework file this large is almost certainly a mistake"
    ]


def test_load_file_missing(tmp_path: Path) -> None:
    with pytest.raises(FrameworkError) as info:
        load_file(tmp_path / "nowhere.yml", "nowhere.yml")
    assert [str(p) for p in info.value.problems] == [
        "nowhere.yml:1:1: cannot read the file: No such file or directory"
    ]


def test_load_file_shows_its_path() -> None:
    doc = load_file(MINI_PATH)
    assert doc.path == str(MINI_PATH)
    assert load_file(MINI_PATH, "mini.yml").path == "mini.yml"


def test_nesting_deeper_than_max_depth() -> None:
    assert MAX_DEPTH == 32
    # Under a key: a list at the top is reported at once, before any depth is reached.
    assert load_problems(b"framework: " + b"[" * 5000) == [
        "framework.yml:1:43: nested more than 32 levels deep; the framework never needs this"
    ]
    assert load_problems(b"[" * 5000) == [
        "framework.yml:1:1: the file holds a list; expected a mapping with 'framework:' and "
        "'layers:' at the top"
    ]


def test_nesting_at_max_depth_is_allowed() -> None:
    # a mapping and 31 nested lists (32 levels) load; one more level is refused
    load_bytes(b"a: " + b"[" * 31 + b"]" * 31)
    assert load_problems(b"a: " + b"[" * 32 + b"]" * 32) == [
        "framework.yml:1:35: nested more than 32 levels deep; the framework never needs this"
    ]


def test_nesting_of_block_mappings() -> None:
    text = "".join(f"{'  ' * i}k{i}:\n" for i in range(40))
    assert load_problems(text) == [
        "framework.yml:32:63: nested more than 32 levels deep; the framework never needs this"
    ]


# --- implicit typing ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "marker", "message"),
    [
        ("    - Listening.", "    - no", "- ^no",
         'YAML reads no as a yes/no value, not text; put it in quotes: "no"'),
        ("    - Listening.", "    - yes", "- ^yes",
         'YAML reads yes as a yes/no value, not text; put it in quotes: "yes"'),
        ("  summary: A tiny framework used by the tests.", "  summary: on", "summary: ^on",
         'YAML reads on as a yes/no value, not text; put it in quotes: "on"'),
        ('  version: "0.1.0"', "  version: 1.10", "1.10",
         'YAML reads 1.10 as a number, not text; put it in quotes: "1.10"'),
        ('  updated: "2026-01-02"', "  updated: 2024-01-05", "2024-01-05",
         'YAML reads 2024-01-05 as a date, not text; put it in quotes: "2024-01-05"'),
        ("  title: Mini framework", "  title: 12:30:00", "12:30:00",
         'YAML reads 12:30:00 as a number, not text; put it in quotes: "12:30:00"'),
        ("      - id: reciprocity", "      - id: 42", "42",
         'YAML reads 42 as a number, not text; put it in quotes: "42"'),
        ("  title: Mini framework", "  title: Mini framework\n  on: x", "on: x",
         'YAML reads on as a yes/no value, not text; put it in quotes: "on"'),
    ],
    ids=["no", "yes", "on", "1.10", "date", "sexagesimal", "int-id", "key"],
)
def test_implicit_typing_asks_for_quotes(old: str, new: str, marker: str, message: str) -> None:
    text = edit(old, new)
    assert load_problems(text) == [f"framework.yml:{at(text, marker)}: {message}"]


@pytest.mark.parametrize("word", ["null", "~"])
def test_null_words_are_empty_values(word: str) -> None:
    doc = load_bytes(edit("    summary: The core.", f"    summary: {word}").encode())
    node = doc.find(("layers", 0, "summary"))
    assert isinstance(node, Scalar)
    assert node.value is None


def test_problem_format() -> None:
    problem = Problem(3, 14, "a message", "framework.yml")
    assert str(problem) == "framework.yml:3:14: a message"
    assert problem.github() == "::error file=framework.yml,line=3,col=14::a message"
    odd = Problem(1, 2, "100% sure\nreally\r", "a,b:c%.yml")
    assert odd.github() == "::error file=a%2Cb%3Ac%25.yml,line=1,col=2::100%25 sure%0Areally%0D"


def test_framework_error_sorts_dedupes_and_counts() -> None:
    late = Problem(9, 1, "late")
    early = Problem(2, 5, "early")
    error = FrameworkError([late, early, late])
    assert error.problems == [early, late]
    assert error.report() == (
        "framework.yml:2:5: early\nframework.yml:9:1: late\n2 problems found"
    )
    assert str(error) == error.report()
    assert FrameworkError([early]).report() == "framework.yml:2:5: early\n1 problem found"


def test_invisible_character_written_as_an_escape() -> None:
    """The raw scan cannot see "\\e" in quotes; the loaded value is checked too."""
    assert load_problems(b'a: "x\\ey"\nb: "tab\\tis fine"\n') == [
        "framework.yml:1:4: the text holds the invisible character U+001B (from an escape such "
        "as \\e or \\x07 in quotes); remove it"
    ]
