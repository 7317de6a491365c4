"""The glossary: its rules (full message text), its tooltips (escaped, whole words), its page."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from rcp_docs.base.abbr import first_uses, tooltips
from rcp_docs.base.errors import FrameworkError
from rcp_docs.base.text import inline
from rcp_docs.check.glossary import ABBREVIATION
from rcp_docs.check.validate import validate
from rcp_docs.publish.build import Options, build_bytes
from rcp_docs.source.load import load_bytes

HERE = Path(__file__).parent
MINI = (HERE / "fixtures" / "mini.yml").read_text(encoding="utf-8")
REAL = (HERE.parent / "framework.yml").read_text(encoding="utf-8")
GLOSSARY_AT = MINI.count("\n", 0, MINI.index("glossary:\n")) + 1  # its line in mini.yml
EXTENSIONS = ["attr_list", "tables", "toc"]  # as mkdocs.yml


def problems_of(text: str) -> list[str]:
    with pytest.raises(FrameworkError) as info:
        validate(load_bytes(text.encode(), "framework.yml"))
    return [str(p) for p in info.value.problems]


def at(text: str, needle: str) -> str:
    """`line:column` of the first `needle` in `text`, 1-based."""
    offset = text.index(needle)
    return f"{text.count(chr(10), 0, offset) + 1}:{offset - text.rfind(chr(10), 0, offset)}"


def add_entry(entry: str, text: str = MINI) -> str:
    return text.rstrip("\n") + "\n" + entry


# --- rules ----------------------------------------------------------------------------------


def test_mini_and_real_glossaries_are_valid() -> None:
    validate(load_bytes(MINI.encode()))
    framework = validate(load_bytes(REAL.encode()))
    terms = {g.term for g in framework.data.glossary}
    assert {"A&E", "acute emergency admissions", "co-production", "co-create", "I-It", "I-Thou",
            "instrumental", "transactional", "curse of transactionality", "extractive",
            "multi-level", "asset model", "CPD", "trauma-informed"} <= terms


def test_an_undefined_abbreviation_is_an_error_at_its_position() -> None:
    text = MINI.replace("  definition: Relationships come first.",
                        "  definition: Relationships come first in the NHS.", 1)
    assert problems_of(text) == [
        f"framework.yml:{at(text, 'NHS')}: framework.definition: the abbreviation 'NHS' is not in the "
        "glossary; add an entry with term: NHS, what it stands for (full) and a plain definition",
    ]


def test_an_abbreviation_in_a_name_or_a_definition_needs_an_entry_too() -> None:
    text = MINI.replace("    name: Kindness\n", "    name: Kindness in A&E\n", 1)
    text = add_entry("  - term: kind\n    definition: Caring, as a CPD course teaches.\n", text)
    text = text.replace("Kindness matters.", "Kindness matters. Be kind.", 1)
    found = problems_of(text)
    assert found == [
        f"framework.yml:{at(text, 'A&E')}: item 'kindness' (behaviours), name: the abbreviation "
        "'A&E' is not in the glossary; add an entry with term: A&E, what it stands for (full) "
        "and a plain definition",
        f"framework.yml:{at(text, 'CPD')}: glossary[2].definition: the abbreviation 'CPD' is not in the "
        "glossary; add an entry with term: CPD, what it stands for (full) and a plain definition",
    ]


def test_a_duplicate_term_ignoring_capitals() -> None:
    text = add_entry("  - term: gp\n    definition: A doctor.\n")
    line = text.count("\n")
    assert problems_of(text) == [
        f"framework.yml:{line - 1}:11: glossary term 'gp': already defined on line "
        f"{GLOSSARY_AT + 1} as 'GP' (terms are compared ignoring capitals); keep one entry",
    ]


def test_an_unused_term() -> None:
    text = add_entry("  - term: extractive\n    definition: Taking more than it gives.\n")
    line = text.count("\n") - 1
    assert problems_of(text) == [
        f"framework.yml:{line}:11: glossary term 'extractive': not used anywhere in the "
        "framework's text; use it where it helps readers, or remove the entry",
    ]


def test_a_term_counts_as_used_capitalised_or_by_its_full_name() -> None:
    text = add_entry("  - term: reciprocity\n    definition: Give and take.\n"
                     "  - term: CPD\n    full: a doctor who listens\n    definition: Learning.\n")
    validate(load_bytes(text.encode()))  # "Reciprocity" is a name; the full name is a text


def test_an_unknown_source_of_a_term() -> None:
    text = add_entry("  - term: kindness\n    definition: Being kind.\n    sources: [blogg]\n")
    line = text.count("\n")
    assert problems_of(text) == [
        f"framework.yml:{line}:15: glossary[2].sources[0]: unknown source 'blogg'; "
        "did you mean 'blog'?",
    ]


def test_a_term_that_would_break_the_tooltip_syntax_is_refused() -> None:
    text = add_entry("  - term: \"GP] [x\"\n    definition: A doctor.\n")
    line = text.count("\n") - 1
    assert problems_of(text) == [
        f"framework.yml:{line}:11: glossary[2].term: 'GP] [x': expected a word or phrase of "
        "letters and digits, with single spaces, hyphens, '&' or apostrophes between them, such "
        "as 'A&E' or 'co-production'",
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [("A&E, GP and NHS", ["A&E", "GP", "NHS"]), ("GPs and a GP's list", ["GP", "GP"]),
     ("COVID-19", ["COVID"]), ("I-It, I-Thou, HowNotWhat, Fleetwood, I", []),
     ("CPD2 and 3D", ["CPD2"])],
)
def test_what_counts_as_an_abbreviation(text: str, found: list[str]) -> None:
    assert [m.group(1) for m in ABBREVIATION.finditer(text)] == found


# --- tooltips -------------------------------------------------------------------------------


HOSTILE = 'Bad <script>alert(1)</script> ] [x](javascript:alert(1)) "quoted"\n*[GP]: other\n\n& more'


def _html(md: str) -> str:
    return str(markdown.markdown(md, extensions=EXTENSIONS))


def test_tooltips_are_one_line_and_only_for_terms_used() -> None:
    known = tooltips([("GP", "general practitioner", "A family\n  doctor."),
                      ("asset model", None, "Strengths first."), ("NHS", None, "Health.")])
    assert known == [("Asset model", "Strengths first."), ("GP", "General practitioner. A family "
                     "doctor."), ("NHS", "Health."), ("asset model", "Strengths first.")]
    assert first_uses("See a GP. The Asset model.", known) == (
        'See a <abbr title="General practitioner. A family doctor." tabindex="0">GP</abbr>. The '
        '<abbr title="Strengths first." tabindex="0">Asset model</abbr>.')
    assert first_uses("No terms here.\n", known) == "No terms here.\n"


ABBR = '<abbr title="T" tabindex="0">{}</abbr>'


@pytest.mark.parametrize(("text", "marked"), [
    # only the first use, in any of its forms
    ("A GP, a GP.\n\nAnother GP.", f"A {ABBR.format('GP')}, a GP.\n\nAnother GP."),
    ("Asset model first, then asset model.", f"{ABBR.format('Asset model')} first, then asset model."),
    # not in a heading, a link, code, an attribute list or a tag: the first use in running text
    ("# GP\n\nSee [a GP](x.md), `GP` and <span title=\"GP\">x</span> { #gp } a GP.",
     f"# GP\n\nSee [a GP](x.md), `GP` and <span title=\"GP\">x</span> {{ #gp }} a {ABBR.format('GP')}."),
    # a link whose text holds escaped brackets is a link to its end
    ("- [A GP \\[x\\]\\(j\\) y](b.md#GP) GP", f"- [A GP \\[x\\]\\(j\\) y](b.md#GP) {ABBR.format('GP')}"),
    # not in a fenced code block, front matter or an HTML block rcp-docs did not write
    ("---\ntitle: GP\n---\n```\nGP\n```\n<figure><svg><text>GP</text></svg></figure>\n\nGP.",
     f"---\ntitle: GP\n---\n```\nGP\n```\n<figure><svg><text>GP</text></svg></figure>\n\n"
     f"{ABBR.format('GP')}."),
    # in a collapsed part rcp-docs wrote: the text, as HTML writes it, but not its summary or links
    ('<div class="rcp-more">\n<details class="rcp-details"><summary>A&amp;E</summary>\n'
     '<p><a href="x">A&amp;E</a> and A&amp;E</p>\n</details>\n</div>\n\nA&E',
     '<div class="rcp-more">\n<details class="rcp-details"><summary>A&amp;E</summary>\n'
     f'<p><a href="x">A&amp;E</a> and {ABBR.format("A&amp;E")}</p>\n</details>\n</div>\n\nA&E'),
])
def test_only_the_first_use_in_running_text_is_marked(text: str, marked: str) -> None:
    known = tooltips([("GP", None, "T"), ("asset model", None, "T2"), ("A&E", None, "T")])
    known = [(form, "T") for form, _ in known if form != "asset model"] + [("asset model", "T")]
    assert first_uses(text, known) == marked


def test_terms_escaped_by_the_renderer_stay_whole_words() -> None:
    for term in ["A&E", "co-production", "I-Thou", "trauma-informed", "GP"]:
        md = inline(f"Seen in {term} today.")
        html = _html(first_uses(md, tooltips([(term, None, "Meaning.")])))
        assert f'<abbr tabindex="0" title="Meaning.">{term.replace("&", "&amp;")}</abbr>' in html \
            or f'<abbr title="Meaning." tabindex="0">{term.replace("&", "&amp;")}</abbr>' in html, html


def test_a_hostile_definition_stays_text() -> None:
    md = first_uses(inline("A GP and a [link](x.md)."), tooltips([("GP", None, HOSTILE)]))
    html = _html(md)
    assert "<script" not in html and "javascript:" not in html.replace(
        'title="', "").split("<abbr")[0]
    titles = re.findall(r'<abbr title="([^"]*)" tabindex="0">GP</abbr>', html)
    assert titles == [
        "Bad &lt;script&gt;alert(1)&lt;/script&gt; &#93; &#91;x&#93;(javascript:alert(1)) "
        "&quot;quoted&quot; &#42;&#91;GP&#93;: other &amp; more"]
    assert html.count("<a ") == 0 and html.count("<p>") == 1  # no new link, paragraph or list


def test_ampersands_and_hyphens_make_the_same_html_as_before() -> None:
    """Left unescaped only where Markdown could not read them as markup: the HTML is what a fully
    escaped text gives, and character references stay text."""
    for text in ["A&E", "A & B", "&lt;b&gt;", "&#60;script&#62;", "&#x3C;", "a&b;", "co-op",
                 "x - y", "-start", "end-", "1-2", "&amp;"]:
        escaped = "".join("\\" + c if c in "-" else {"&": "&amp;"}.get(c, c) for c in text)
        assert _html(inline(text)) == _html(escaped), text


def test_generated_pages_carry_tooltips_and_the_glossary_page_lists_terms() -> None:
    site = build_bytes(REAL.encode(), "framework.yml", Options())
    assert '<abbr title="Accident and emergency. The part of a hospital' in site.pages["why-now.md"]
    assert ("A&E", "Accident and emergency. The part of a hospital that treats people who "
            "arrive with an urgent injury or illness. (The editors' words.)") in site.tooltips
    # a sourced entry's tooltip is its definition as it is, with no marker added
    assert not next(t for term, t in site.tooltips if term == "RCP").endswith("words.)")
    page = site.pages["glossary.md"]
    assert "## A&E { #term-a-e }" in page
    assert "## curse of transactionality { #term-curse-of-transactionality }" in page
    assert "*Plain-English explanation by the editors of this site.*" in page
    assert "**Sources:** [Relationality Lab](sources.md#relationality-lab)" in page
    assert site.lines["glossary.md"][0] == int(at(REAL, "\nglossary:").split(":")[0]) + 2
