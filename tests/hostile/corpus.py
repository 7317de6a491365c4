"""The corpus of hostile framework files: each case is how to make the bad file and the exact report.

Every bad case is an edit of tests/fixtures/mini.yml (line numbers below count lines of that file)
or raw bytes. `report` is the whole text of `FrameworkError.report()`: every problem line, then the
count. tests/test_hostile.py runs each case through `load_bytes`/`validate` and through the CLI.

The valid but unusual values (names in Welsh, with emoji, in right-to-left scripts, a 1 MB
description) are in tests/test_hostile.py, which builds them with mkdocs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rcp_docs.load import MAX_BYTES

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "mini.yml"
MINI = FIXTURE.read_text(encoding="utf-8")

P = "framework.yml"
SYNTAX_HINT = "; check the indentation and quotes on this line and the one before"
EXPECTED_MAPPING = "expected a mapping with 'framework:' and 'layers:' at the top"
ID_ADVICE = (
    "expected an id of lowercase letters a-z, digits and single hyphens, such as 'active-listening'"
)
LINE_ADVICE = "expected one line of text without '<' or '>'"
NOT_UTF8 = "is not UTF-8 text; save the file as UTF-8 (GitHub's editor always does)"
PASTED = "is not allowed; delete it (it often comes from pasting text)"
DEEP = "nested more than 32 levels deep; the framework never needs this"
NOT_ALLOWED = "is not allowed; write the text out in full"


def edit(old: str, new: str, text: str = MINI) -> str:
    """`text` with the first `old` replaced by `new`; `old` must be there exactly once."""
    assert text.count(old) == 1, f"expected exactly one {old!r}"
    return text.replace(old, new, 1)


def report(*lines: str) -> str:
    """The full report for problems given as `LINE:COL: message`."""
    count = len(lines)
    return "\n".join([*(f"{P}:{line}" for line in lines),
                      f"{count} problem{'s' if count != 1 else ''} found"])


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    category: str
    raw: bytes
    report: str


def _case(name: str, category: str, data: str | bytes, expected: str) -> Case:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return Case(name, category, raw, expected)


def _billion_laughs(levels: int = 9, width: int = 9) -> tuple[str, str]:
    """The classic alias bomb, as a top-level key beside a valid framework, and its report: every
    anchor and every alias is a problem at its own position."""
    lines = ['lol0: &l0 "lol"']
    for level in range(1, levels):
        refs = ", ".join([f"*l{level - 1}"] * width)
        lines.append(f"lol{level}: &l{level} [{refs}]")
    text = "\n".join(lines) + "\n"
    problems = []
    for index, line in enumerate(lines, start=1):
        level = index - 1
        anchor_col = line.index("&") + 1
        problems.append(f"{index}:{anchor_col}: an anchor (&l{level}) {NOT_ALLOWED}")
        column = line.find("*")
        while column != -1:
            problems.append(f"{index}:{column + 1}: an alias (*l{level - 1}) {NOT_ALLOWED}")
            column = line.find("*", column + 1)
    return text, report(*problems)


BOMB, BOMB_REPORT = _billion_laughs()
PWNED = "/tmp/rcp-docs-hostile-pwned"  # the file the !!python payload would create
ONE_MB_DESCRIPTION = ("Relationships take time. " * 42_000)[:1_000_000].strip()

CASES: list[Case] = [
    # --- YAML syntax ---------------------------------------------------------------------------
    _case("mapping-value-in-plain-text", "syntax",
          edit("        summary: Being kind.", "        summary: Being: kind."),
          report(f"56:23: YAML syntax: mapping values are not allowed in this context{SYNTAX_HINT}")),
    _case("unclosed-double-quote", "syntax",
          edit("  title: Mini framework", '  title: "Mini framework'),
          report("4:13: YAML syntax: did not find expected key while parsing a block mapping"
                 + SYNTAX_HINT)),
    _case("over-indented-key", "syntax",
          edit("    name: Underpinning principles", "     name: Underpinning principles"),
          report(f"17:10: YAML syntax: mapping values are not allowed in this context{SYNTAX_HINT}")),
    _case("unclosed-flow-mapping", "syntax",
          edit("    sources: [blog]\n    items:\n      - id: trust",
               "    sources: {blog\n    items:\n      - id: trust"),
          report("24:10: YAML syntax: did not find expected ',' or '}' while parsing a flow mapping"
                 + SYNTAX_HINT)),
    _case("bad-block-scalar-indicator", "syntax",
          edit("        description: |-", "        description: |x"),
          report("28:23: YAML syntax: did not find expected comment or line break while scanning "
                 f"a block scalar{SYNTAX_HINT}")),
    _case("unknown-escape-in-quotes", "syntax",
          edit("  title: Mini framework", '  title: "Mini \\q framework"'),
          report("3:16: YAML syntax: found unknown escape character while parsing a quoted scalar"
                 + SYNTAX_HINT)),
    _case("key-without-colon", "syntax",
          edit("    explanation: At the heart of the onion.",
               "    explanation At the heart\n    of the onion"),
          report("20:5: YAML syntax: could not find expected ':' while scanning a simple key"
                 + SYNTAX_HINT)),
    _case("second-document", "syntax", MINI + "---\nframework: again\n",
          report("198:1: a second YAML document ('---'); keep one")),
    # --- duplicate keys ------------------------------------------------------------------------
    _case("duplicate-top-level-key", "duplicate-keys", MINI + "comparison: {}\n",
          report("198:1: duplicate key 'comparison' (first given on line 110); "
                 "keep one and delete the other")),
    _case("duplicate-key-nested-deep", "duplicate-keys",
          edit("            sources: [blog]\n        questions:",
               "            sources: [blog]\n            sources: [blog]\n        questions:"),
          report("62:13: duplicate key 'sources' (first given on line 61); "
                 "keep one and delete the other")),
    _case("duplicate-id-key-in-an-item", "duplicate-keys",
          edit("        name: Kindness\n", "        name: Kindness\n        id: kind\n"),
          report("56:9: duplicate key 'id' (first given on line 54); keep one and delete the other")),
    # --- anchors and aliases -------------------------------------------------------------------
    _case("anchor-on-text", "anchors-aliases",
          edit("        summary: Being kind.", "        summary: &kind Being kind."),
          report(f"56:18: an anchor (&kind) {NOT_ALLOWED}")),
    _case("alias-to-nowhere", "anchors-aliases",
          edit("        description: Kindness matters.", "        description: *kind"),
          report(f"57:22: an alias (*kind) {NOT_ALLOWED}")),
    _case("merge-key", "anchors-aliases",
          edit("  title: Mini framework\n", "  title: Mini framework\n  <<: *base\n"),
          report(f"4:7: an alias (*base) {NOT_ALLOWED}")),
    _case("billion-laughs", "anchors-aliases", BOMB + MINI, BOMB_REPORT),
    # --- tags ----------------------------------------------------------------------------------
    _case("python-object-apply", "tags",
          edit("        description: Kindness matters.",
               f'        description: !!python/object/apply:os.system ["touch {PWNED}"]'),
          report("57:22: the tag '!!python/object/apply:os.system' is not allowed; remove it")),
    _case("python-name", "tags",
          edit("  title: Mini framework", "  title: !!python/name:os.system"),
          report("3:10: the tag '!!python/name:os.system' is not allowed; remove it")),
    _case("local-tag", "tags",
          edit("  title: Mini framework", "  title: !secret Mini framework"),
          report("3:10: the tag '!secret' is not allowed; remove it")),
    _case("binary-tag-on-a-list", "tags",
          edit("  hopes:\n    - To be taken seriously.", "  hopes: !!set {a, b}"),
          report("12:10: the tag '!!set' is not allowed; remove it")),
    # --- characters and bytes ------------------------------------------------------------------
    _case("tab-indentation", "characters",
          edit("        summary: Being kind.", "\t\tsummary: Being kind."),
          report("56:1: tab character in indentation; indent with spaces only")),
    _case("byte-order-mark-then-a-wrong-type", "characters",
          b"\xef\xbb\xbf" + edit("        summary: Being kind.",
                                  "        summary: [Being kind.]").encode("utf-8"),
          report("56:18: item 'kindness' (behaviours), summary: expected text, got a list")),
    _case("latin-1-byte", "characters",
          edit("        name: Kindness", "        name: Kindness caf\xe9").encode("latin-1"),
          report(f"55:27: byte 0xe9 {NOT_UTF8}")),
    _case("utf-16-file", "characters", MINI.encode("utf-16"), report(f"1:1: byte 0xff {NOT_UTF8}")),
    _case("nul-byte", "characters",
          edit("        name: Kindness", "        name: Kind\0ness"),
          report(f"55:19: a NUL character {PASTED}")),
    _case("terminal-escape-sequence", "characters",
          edit("        name: Kindness", "        name: \x1b[2J\x1b[31mKindness"),
          report(f"55:15: the invisible character U+001B {PASTED}",
                 f"55:19: the invisible character U+001B {PASTED}")),
    _case("line-separator", "characters",
          edit("        name: Kindness", '        name: "Kind\u2028ness"'),
          report(f"55:20: the invisible character U+2028 {PASTED}")),
    # --- what the file holds -------------------------------------------------------------------
    _case("empty-file", "file-shape", b"", report(f"1:1: the file is empty; {EXPECTED_MAPPING}")),
    _case("comments-only", "file-shape", "# framework:\n#   title: x\n\n# layers: []\n",
          report(f"1:1: the file is empty; {EXPECTED_MAPPING}")),
    _case("top-level-list", "file-shape", "- framework\n- layers\n",
          report(f"1:1: the file holds a list; {EXPECTED_MAPPING}")),
    _case("top-level-string", "file-shape", "# just a title\nMini framework\n",
          report(f"2:1: the file holds a single value; {EXPECTED_MAPPING}")),
    _case("top-level-number", "file-shape", "42\n",
          report('1:1: YAML reads 42 as a number, not text; put it in quotes: "42"')),
    # --- limits --------------------------------------------------------------------------------
    _case("over-the-size-cap", "limits", MINI.encode() + b"#" * (MAX_BYTES + 1 - len(MINI.encode())),
          report(f"1:1: the file is {MAX_BYTES + 1:,} bytes, over the limit of {MAX_BYTES:,}; "
                 "a framework file this large is almost certainly a mistake")),
    _case("5000-nested-flow-lists", "limits", b"framework: " + b"[" * 5000 + b"]" * 5000,
          report(f"1:43: {DEEP}")),
    _case("3000-nested-block-lists", "limits", "framework:\n  " + "- " * 3000 + "x\n",
          report(f"2:65: {DEEP}")),
    _case("5000-nested-flow-mappings", "limits", "layers: " + "{a: " * 5000 + "b" + "}" * 5000,
          report(f"1:130: {DEEP}")),
    # --- wrong types ---------------------------------------------------------------------------
    _case("list-for-a-name", "types",
          edit("        name: Kindness", "        name: [Kindness]"),
          report("55:15: item 'kindness' (behaviours), name: expected text, got a list")),
    _case("mapping-for-a-description", "types",
          edit("        description: Kindness matters.", "        description: {text: Kindness}"),
          report("57:22: item 'kindness' (behaviours), description: expected text, "
                 "got a mapping (check the indentation)")),
    _case("text-for-a-list-of-questions", "types",
          edit("        questions:\n          - When were you last kind at work?",
               "        questions: When were you last kind at work?"),
          report("62:20: item 'kindness' (behaviours), questions: expected a list (lines starting "
                 "with '- '), got the text 'When were you last kind at work?'")),
    _case("list-for-an-id", "types",
          edit("      - id: kindness", "      - id: [kindness]"),
          report("54:13: layer 'behaviours', items[0].id: expected text, got a list")),
    _case("text-for-source-ids", "types",
          edit("    sources: [reader-one]\ncomparison:", "    sources: reader-one\ncomparison:"),
          report("109:14: proposal 'split-protocols', sources: expected a list (lines starting "
                 "with '- '), got the text 'reader-one'")),
    _case("mapping-for-related", "types",
          edit("        related: [listening]", "        related: {listening: x}"),
          report("99:18: item 'permission' (protocols), related: expected a list (lines starting "
                 "with '- '), got a mapping (check the indentation)")),
    _case("text-for-an-example", "types",
          edit("          - setting: GP surgery\n            text: A doctor who listens.\n"
               "            sources: [blog]\n", "          - GP surgery\n"),
          report("59:13: item 'kindness' (behaviours), examples[0]: expected a mapping of fields "
                 "(name: value), got the text 'GP surgery'")),
    _case("flat-list-for-a-flow", "types",
          edit("    layers: [protocols]\n", "    layers: [protocols]\n    flow: [principles]\n"),
          report("108:12: proposal 'split-protocols', flow[0]: expected a list (lines starting "
                 "with '- '), got the text 'principles'")),
    _case("list-for-an-optional-citation", "types",
          edit("    citation: Comment on part two.", "    citation: [Comment, part two]"),
          report("175:15: source 'reader-one', citation: expected text, got a list")),
    _case("text-for-the-framework-mapping", "types",
          edit("framework:\n  title", "framework: Mini\nframwork:\n  title"),
          report("2:12: framework: expected a mapping of fields (name: value), got the text 'Mini'",
                 "3:1: the file: unknown field 'framwork'; did you mean 'framework'?")),
    _case("unquoted-yes-in-a-mapping", "retyping",
          edit("  characteristics:\n    - Listening.", "  characteristics:\n    listening: yes"),
          report('9:16: YAML reads yes as a yes/no value, not text; put it in quotes: "yes"')),
    _case("mapping-for-a-list-of-text", "types",
          edit("  characteristics:\n    - Listening.", "  characteristics:\n    first: Listening."),
          report("9:5: framework.characteristics: expected a list (lines starting with '- '), "
                 "got a mapping (check the indentation)")),
    # --- unknown fields ------------------------------------------------------------------------
    _case("item-field-typo", "unknown-fields",
          edit("        questions:\n          - When", "        qeustions:\n          - When"),
          report("54:9: item 'kindness' (behaviours): missing required field 'questions': "
                 "Questions a practitioner can ask themselves about this item.",
                 "62:9: item 'kindness' (behaviours): unknown field 'qeustions'; "
                 "did you mean 'questions'?")),
    _case("layer-field-typo", "unknown-fields",
          edit("    explanation: They express", "    explanaton: They express"),
          report("45:5: layer 'behaviours': missing required field 'explanation': "
                 "How this layer relates to the layers around it.",
                 "48:5: layer 'behaviours': unknown field 'explanaton'; "
                 "did you mean 'explanation'?")),
    _case("source-field-typo", "unknown-fields",
          edit("    citation: Comment on part two.", "    citaton: Comment on part two."),
          report("175:5: source 'reader-one': unknown field 'citaton'; did you mean 'citation'?")),
    # --- missing fields ------------------------------------------------------------------------
    _case("item-without-summary", "missing-fields",
          edit("        summary: Being kind.\n", ""),
          report("54:9: item 'kindness' (behaviours): missing required field 'summary': "
                 "One sentence saying what the item is.")),
    _case("source-without-kind", "missing-fields",
          edit("    kind: document\n", ""),
          report("167:5: source 'blog': missing required field 'kind': What kind of source it is.")),
    _case("no-why-now-section", "missing-fields",
          MINI[: MINI.index("why_now:")] + MINI[MINI.index("sources:\n  - id: blog"):],
          report("2:1: the file: missing required field 'why_now': "
                 "Why the practice matters now, with the evidence.")),
    # --- ids -----------------------------------------------------------------------------------
    *[
        _case(f"id-{label}", "ids", edit("      - id: kindness", f"      - id: {bad}"),
              report(f"54:13: item '{bad}' (behaviours), id: '{bad}': {ID_ADVICE}"))
        for label, bad in [("dot-dot-slash", "../kindness"), ("slash", "kind/ness"),
                           ("uppercase", "Kindness"), ("space", "being kind"),
                           ("dots", "kindness.html"), ("welsh", "caredigrwydd-ŵyr"),
                           ("emoji", "kindness-💛")]
    ],
    # --- references ----------------------------------------------------------------------------
    _case("duplicate-id-across-layers", "references",
          edit("      - id: listening", "      - id: trust"),
          report("64:26: item 'kindness' (behaviours), related[1]: unknown item 'listening'",
                 "76:13: item 'trust' (competencies): the id 'trust' is already used by item 'trust' "
                 "(principles) on line 25; ids must be unique across the whole framework",
                 "99:19: item 'permission' (protocols), related[0]: unknown item 'listening'")),
    _case("item-related-to-itself", "references",
          edit("        related: [listening]", "        related: [listening, permission]"),
          report("99:30: item 'permission' (protocols), related[1]: "
                 "an item cannot be related to itself")),
    _case("dangling-related", "references",
          edit("        related: [listening]", "        related: [listen]"),
          report("99:19: item 'permission' (protocols), related[0]: unknown item 'listen'; "
                 "did you mean 'listening'?")),
    _case("dangling-source", "references",
          edit("    sources: [reader-one]\ncomparison:", "    sources: [reader-two]\ncomparison:"),
          report("109:15: proposal 'split-protocols', sources[0]: unknown source 'reader-two'; "
                 "did you mean 'reader-one'?")),
    _case("flow-naming-an-item", "references",
          edit("    layers: [protocols]\n", "    layers: [protocols]\n    flow: [[trust]]\n"),
          report("108:13: proposal 'split-protocols', flow[0][0]: 'trust' is an item, not a layer")),
    # --- values YAML would retype ----------------------------------------------------------------
    _case("unquoted-no", "retyping", edit("    - It helps.", "    - no"),
          report('11:7: YAML reads no as a yes/no value, not text; put it in quotes: "no"')),
    _case("unquoted-on", "retyping", edit("        name: Kindness", "        name: on"),
          report('55:15: YAML reads on as a yes/no value, not text; put it in quotes: "on"')),
    _case("unquoted-off-status", "retyping",
          edit("        status: proposed\n        reasoning", "        status: off\n        reasoning"),
          report('42:17: YAML reads off as a yes/no value, not text; put it in quotes: "off"')),
    _case("unquoted-version-1.10", "retyping", edit('  version: "0.1.0"', "  version: 1.10"),
          report('4:12: YAML reads 1.10 as a number, not text; put it in quotes: "1.10"')),
    _case("unquoted-date", "retyping", edit('  updated: "2026-01-02"', "  updated: 2024-01-05"),
          report('5:12: YAML reads 2024-01-05 as a date, not text; put it in quotes: "2024-01-05"')),
    _case("unquoted-time-12:30", "retyping", edit("        name: Kindness", "        name: 12:30"),
          report('55:15: YAML reads 12:30 as a number, not text; put it in quotes: "12:30"')),
    _case("unquoted-hex", "retyping", edit("        name: Kindness", "        name: 0x1F"),
          report('55:15: YAML reads 0x1F as a number, not text; put it in quotes: "0x1F"')),
    _case("tilde-id", "retyping", edit("      - id: kindness", "      - id: ~"),
          report("54:13: layer 'behaviours', items[0].id: is empty; expected text")),
]

CATEGORIES = Counter(case.category for case in CASES)
