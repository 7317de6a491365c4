"""The corpus of hostile framework files: each case is how to make the bad file and the exact report.

Every bad case is an edit of tests/fixtures/mini.yml or raw bytes; the position of each problem in an
edit is found from a marker in the edited text (`at` in tests/helpers.py), never counted by hand.
`report` is the whole text of `FrameworkError.report()`: every problem line, then the count.
tests/test_hostile.py runs each case through `load_bytes`/`validate` and through the CLI.

The valid but unusual values (names in Welsh, with emoji, in right-to-left scripts, a 1 MB
description) are in tests/test_hostile.py, which builds them with mkdocs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from helpers import at, edit, line_of, mini, report

from rcp_docs.source.load import MAX_BYTES

MINI = mini()
EXAMPLE_SOURCES = "sources: [blog]\n        questions:"  # the only example's sources, in mini.yml
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


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    category: str
    raw: bytes
    report: str


def _case(name: str, category: str, data: str | bytes, expected: str) -> Case:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return Case(name, category, raw, expected)


def _text(name: str, category: str, text: str, *problems: tuple[str, str],
          encode: Callable[[str], bytes] | None = None) -> Case:
    """A case made from `text` (its bytes made by `encode` if given), its problems given as
    (marker, message): each at the place the marker points to in `text`."""
    expected = report(*(f"{at(text, marker)}: {message}" for marker, message in problems))
    return _case(name, category, text if encode is None else encode(text), expected)


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
    _text("mapping-value-in-plain-text", "syntax",
          edit("        summary: Being kind.", "        summary: Being: kind."),
          ("Being^: kind.", f"YAML syntax: mapping values are not allowed in this context{SYNTAX_HINT}")),
    _text("unclosed-double-quote", "syntax",
          edit("  title: Mini framework", '  title: "Mini framework'),
          ('version: "^0.1.0"', "YAML syntax: did not find expected key while parsing a block mapping"
           + SYNTAX_HINT)),
    _text("over-indented-key", "syntax",
          edit("    name: Underpinning principles", "     name: Underpinning principles"),
          ("name^: Underpinning principles",
           f"YAML syntax: mapping values are not allowed in this context{SYNTAX_HINT}")),
    _text("unclosed-flow-mapping", "syntax",
          edit("    sources: [blog]\n    items:\n      - id: trust",
               "    sources: {blog\n    items:\n      - id: trust"),
          ("{blog\n    items^:", "YAML syntax: did not find expected ',' or '}' while parsing a flow "
           f"mapping{SYNTAX_HINT}")),
    _text("bad-block-scalar-indicator", "syntax",
          edit("        description: |-", "        description: |x"),
          ("|^x", "YAML syntax: did not find expected comment or line break while scanning "
           f"a block scalar{SYNTAX_HINT}")),
    _text("unknown-escape-in-quotes", "syntax",
          edit("  title: Mini framework", '  title: "Mini \\q framework"'),
          ("^\\q", "YAML syntax: found unknown escape character while parsing a quoted scalar"
           + SYNTAX_HINT)),
    _text("key-without-colon", "syntax",
          edit("    explanation: At the heart of the onion.",
               "    explanation At the heart\n    of the onion"),
          ("    ^of the onion", "YAML syntax: could not find expected ':' while scanning a simple key"
           + SYNTAX_HINT)),
    _text("second-document", "syntax", MINI + "---\nframework: again\n",
          ("---", "a second YAML document ('---'); keep one")),
    # --- duplicate keys ------------------------------------------------------------------------
    _text("duplicate-top-level-key", "duplicate-keys", MINI + "comparison: {}\n",
          ("comparison: {}", "duplicate key 'comparison' (first given on line "
           f"{line_of(MINI, 'comparison:')}); keep one and delete the other")),
    _text("duplicate-key-nested-deep", "duplicate-keys",
          edit("            sources: [blog]\n        questions:",
               "            sources: [blog]\n            sources: [blog]\n        questions:"),
          ("^sources: [blog]\n        questions:", "duplicate key 'sources' (first given on line "
           f"{line_of(MINI, EXAMPLE_SOURCES)}); keep one and delete the other")),
    _text("duplicate-id-key-in-an-item", "duplicate-keys",
          edit("        name: Kindness\n", "        name: Kindness\n        id: kind\n"),
          ("id: kind\n", f"duplicate key 'id' (first given on line {line_of(MINI, 'id: kindness')}); "
           "keep one and delete the other")),
    # --- anchors and aliases -------------------------------------------------------------------
    _text("anchor-on-text", "anchors-aliases",
          edit("        summary: Being kind.", "        summary: &kind Being kind."),
          ("&kind", f"an anchor (&kind) {NOT_ALLOWED}")),
    _text("alias-to-nowhere", "anchors-aliases",
          edit("        description: Kindness matters.", "        description: *kind"),
          ("*kind", f"an alias (*kind) {NOT_ALLOWED}")),
    _text("merge-key", "anchors-aliases",
          edit("  title: Mini framework\n", "  title: Mini framework\n  <<: *base\n"),
          ("*base", f"an alias (*base) {NOT_ALLOWED}")),
    _case("billion-laughs", "anchors-aliases", BOMB + MINI, BOMB_REPORT),
    # --- tags ----------------------------------------------------------------------------------
    _text("python-object-apply", "tags",
          edit("        description: Kindness matters.",
               f'        description: !!python/object/apply:os.system ["touch {PWNED}"]'),
          ("!!python", "the tag '!!python/object/apply:os.system' is not allowed; remove it")),
    _text("python-name", "tags",
          edit("  title: Mini framework", "  title: !!python/name:os.system"),
          ("!!python", "the tag '!!python/name:os.system' is not allowed; remove it")),
    _text("local-tag", "tags",
          edit("  title: Mini framework", "  title: !secret Mini framework"),
          ("!secret", "the tag '!secret' is not allowed; remove it")),
    _text("binary-tag-on-a-list", "tags",
          edit("  hopes:\n    - To be taken seriously.", "  hopes: !!set {a, b}"),
          ("!!set", "the tag '!!set' is not allowed; remove it")),
    # --- characters and bytes ------------------------------------------------------------------
    _text("tab-indentation", "characters",
          edit("        summary: Being kind.", "\t\tsummary: Being kind."),
          ("\t\tsummary", "tab character in indentation; indent with spaces only")),
    _text("byte-order-mark-then-a-wrong-type", "characters",
          edit("        summary: Being kind.", "        summary: [Being kind.]"),
          ("[Being kind.]", "item 'kindness' (behaviours), summary: expected text, got a list"),
          encode=lambda text: b"\xef\xbb\xbf" + text.encode("utf-8")),
    _text("latin-1-byte", "characters",
          edit("        name: Kindness", "        name: Kindness caf\xe9"),
          ("\xe9", f"byte 0xe9 {NOT_UTF8}"), encode=lambda text: text.encode("latin-1")),
    _case("utf-16-file", "characters", MINI.encode("utf-16"), report(f"1:1: byte 0xff {NOT_UTF8}")),
    _text("nul-byte", "characters",
          edit("        name: Kindness", "        name: Kind\0ness"),
          ("\0", f"a NUL character {PASTED}")),
    _text("terminal-escape-sequence", "characters",
          edit("        name: Kindness", "        name: \x1b[2J\x1b[31mKindness"),
          ("^\x1b[2J", f"the invisible character U+001B {PASTED}"),
          ("^\x1b[31m", f"the invisible character U+001B {PASTED}")),
    _text("line-separator", "characters",
          edit("        name: Kindness", '        name: "Kind\u2028ness"'),
          ("\u2028", f"the invisible character U+2028 {PASTED}")),
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
    _text("list-for-a-name", "types",
          edit("        name: Kindness", "        name: [Kindness]"),
          ("[Kindness]", "item 'kindness' (behaviours), name: expected text, got a list")),
    _text("mapping-for-a-description", "types",
          edit("        description: Kindness matters.", "        description: {text: Kindness}"),
          ("{text: Kindness}", "item 'kindness' (behaviours), description: expected text, "
           "got a mapping (check the indentation)")),
    _text("text-for-a-list-of-questions", "types",
          edit("        questions:\n          - When were you last kind at work?",
               "        questions: When were you last kind at work?"),
          ("questions: ^When", "item 'kindness' (behaviours), questions: expected a list (lines "
           "starting with '- '), got the text 'When were you last kind at work?'")),
    _text("list-for-an-id", "types",
          edit("      - id: kindness", "      - id: [kindness]"),
          ("[kindness]", "layer 'behaviours', items[0].id: expected text, got a list")),
    _text("text-for-source-ids", "types",
          edit("    sources: [reader-one]\ncomparison:", "    sources: reader-one\ncomparison:"),
          ("sources: ^reader-one\n", "proposal 'split-protocols', sources: expected a list (lines "
           "starting with '- '), got the text 'reader-one'")),
    _text("mapping-for-related", "types",
          edit("        related: [listening]", "        related: {listening: x}"),
          ("{listening: x}", "item 'permission' (protocols), related: expected a list (lines "
           "starting with '- '), got a mapping (check the indentation)")),
    _text("text-for-an-example", "types",
          edit("          - setting: GP surgery\n            text: A doctor who listens.\n"
               "            sources: [blog]\n", "          - GP surgery\n"),
          ("- ^GP surgery", "item 'kindness' (behaviours), examples[0]: expected a mapping of fields "
           "(name: value), got the text 'GP surgery'")),
    _text("flat-list-for-a-flow", "types",
          edit("    layers: [protocols]\n", "    layers: [protocols]\n    flow: [principles]\n"),
          ("flow: [^principles]", "proposal 'split-protocols', flow[0]: expected a list (lines "
           "starting with '- '), got the text 'principles'")),
    _text("list-for-an-optional-citation", "types",
          edit("    citation: Comment on part two.", "    citation: [Comment, part two]"),
          ("[Comment, part two]", "source 'reader-one', citation: expected text, got a list")),
    _text("text-for-the-framework-mapping", "types",
          edit("framework:\n  title", "framework: Mini\nframwork:\n  title"),
          ("framework: ^Mini", "framework: expected a mapping of fields (name: value), got the text "
           "'Mini'"),
          ("framwork:", "the file: unknown field 'framwork'; did you mean 'framework'?")),
    _text("unquoted-yes-in-a-mapping", "retyping",
          edit("  characteristics:\n    - Listening.", "  characteristics:\n    listening: yes"),
          ("listening: ^yes", 'YAML reads yes as a yes/no value, not text; put it in quotes: "yes"')),
    _text("mapping-for-a-list-of-text", "types",
          edit("  characteristics:\n    - Listening.", "  characteristics:\n    first: Listening."),
          ("first: Listening.", "framework.characteristics: expected a list (lines starting with "
           "'- '), got a mapping (check the indentation)")),
    # --- unknown fields ------------------------------------------------------------------------
    _text("item-field-typo", "unknown-fields",
          edit("        questions:\n          - When", "        qeustions:\n          - When"),
          ("id: kindness", "item 'kindness' (behaviours): missing required field 'questions': "
           "Questions a practitioner can ask themselves about this item. They are the editors' "
           "own: the posts put questions to readers only about each layer."),
          ("qeustions:", "item 'kindness' (behaviours): unknown field 'qeustions'; "
           "did you mean 'questions'?")),
    _text("layer-field-typo", "unknown-fields",
          edit("    explanation: They express", "    explanaton: They express"),
          ("id: behaviours", "layer 'behaviours': missing required field 'explanation': "
           "How this layer relates to the layers around it."),
          ("explanaton:", "layer 'behaviours': unknown field 'explanaton'; "
           "did you mean 'explanation'?")),
    _text("source-field-typo", "unknown-fields",
          edit("    citation: Comment on part two.", "    citaton: Comment on part two."),
          ("citaton:", "source 'reader-one': unknown field 'citaton'; did you mean 'citation'?")),
    # --- missing fields ------------------------------------------------------------------------
    _text("item-without-summary", "missing-fields",
          edit("        summary: Being kind.\n", ""),
          ("id: kindness", "item 'kindness' (behaviours): missing required field 'summary': "
           "One sentence saying what it is.")),
    _text("source-without-kind", "missing-fields",
          edit("    kind: document\n", ""),
          ("id: blog", "source 'blog': missing required field 'kind': What kind of source it is; "
                       "'other' when the sources do not say.")),
    _text("no-why-now-section", "missing-fields",
          MINI[: MINI.index("why_now:")] + MINI[MINI.index("sources:\n  - id: blog"):],
          ("framework:", "the file: missing required field 'why_now': "
           "Why the practice matters now, with the evidence.")),
    # --- ids -----------------------------------------------------------------------------------
    *[
        _text(f"id-{label}", "ids", edit("      - id: kindness", f"      - id: {bad}"),
              (f"- id: ^{bad}", f"item '{bad}' (behaviours), id: '{bad}': {ID_ADVICE}"))
        for label, bad in [("dot-dot-slash", "../kindness"), ("slash", "kind/ness"),
                           ("uppercase", "Kindness"), ("space", "being kind"),
                           ("dots", "kindness.html"), ("welsh", "caredigrwydd-ŵyr"),
                           ("emoji", "kindness-💛")]
    ],
    # --- references ----------------------------------------------------------------------------
    _text("duplicate-id-across-layers", "references",
          edit("      - id: listening", "      - id: trust"),
          ("trust, ^listening", "item 'kindness' (behaviours), related[1]: unknown item 'listening'"),
          ("- id: ^trust\n        name: Active", "item 'trust' (competencies): the id 'trust' is "
           f"already used by item 'trust' (principles) on line {line_of(MINI, 'id: trust')}; "
           "ids must be unique across the whole framework"),
          ("related: [^listening]", "item 'permission' (protocols), related[0]: unknown item "
           "'listening'")),
    _text("item-related-to-itself", "references",
          edit("        related: [listening]", "        related: [listening, permission]"),
          ("[listening, ^permission]", "item 'permission' (protocols), related[1]: "
           "an item cannot be related to itself")),
    _text("dangling-related", "references",
          edit("        related: [listening]", "        related: [listen]"),
          ("[^listen]", "item 'permission' (protocols), related[0]: unknown item 'listen'; "
           "did you mean 'listening'?")),
    _text("dangling-source", "references",
          edit("    sources: [reader-one]\ncomparison:", "    sources: [reader-two]\ncomparison:"),
          ("[^reader-two]", "proposal 'split-protocols', sources[0]: unknown source 'reader-two'; "
           "did you mean 'reader-one'?")),
    _text("flow-naming-an-item", "references",
          edit("    layers: [protocols]\n", "    layers: [protocols]\n    flow: [[trust]]\n"),
          ("[[^trust]]", "proposal 'split-protocols', flow[0][0]: 'trust' is an item, not a layer")),
    # --- values YAML would retype ----------------------------------------------------------------
    _text("unquoted-no", "retyping", edit("    - It helps.", "    - no"),
          ("- ^no", 'YAML reads no as a yes/no value, not text; put it in quotes: "no"')),
    _text("unquoted-on", "retyping", edit("        name: Kindness", "        name: on"),
          ("name: ^on", 'YAML reads on as a yes/no value, not text; put it in quotes: "on"')),
    _text("unquoted-off-status", "retyping",
          edit("        status: proposed\n        reasoning", "        status: off\n        reasoning"),
          ("status: ^off", 'YAML reads off as a yes/no value, not text; put it in quotes: "off"')),
    _text("unquoted-version-1.10", "retyping", edit('  version: "0.1.0"', "  version: 1.10"),
          ("1.10", 'YAML reads 1.10 as a number, not text; put it in quotes: "1.10"')),
    _text("unquoted-date", "retyping", edit('  updated: "2026-01-02"', "  updated: 2024-01-05"),
          ("2024-01-05", 'YAML reads 2024-01-05 as a date, not text; put it in quotes: "2024-01-05"')),
    _text("unquoted-time-12:30", "retyping", edit("        name: Kindness", "        name: 12:30"),
          ("name: ^12:30", 'YAML reads 12:30 as a number, not text; put it in quotes: "12:30"')),
    _text("unquoted-hex", "retyping", edit("        name: Kindness", "        name: 0x1F"),
          ("0x1F", 'YAML reads 0x1F as a number, not text; put it in quotes: "0x1F"')),
    _text("tilde-id", "retyping", edit("      - id: kindness", "      - id: ~"),
          ("- id: ^~", "layer 'behaviours', items[0].id: is empty; expected text")),
]

CATEGORIES = Counter(case.category for case in CASES)
