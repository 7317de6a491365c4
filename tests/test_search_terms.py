"""Search terms (`search_terms` on items and glossary entries): validated like every field, shown
on the page as visible text ("Related words: ..."), never hidden."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import at, edit, fm, mini, problems_of

from rcp_docs.publish.build import build_bytes
from rcp_docs.publish.cli import main

TERMS_ADVICE = ("expected a word or phrase of letters and digits, with single spaces, hyphens, '&' "
                "or apostrophes between them, such as 'A&E' or 'co-production'")


def _with_item_terms(*terms: str) -> str:
    block = "        search_terms:\n" + "".join(f"          - {t}\n" for t in terms)
    return edit("          - Whom do you trust?\n", "          - Whom do you trust?\n" + block)


def test_terms_are_shown_on_the_item_and_the_glossary_as_related_words() -> None:
    text = _with_item_terms("confidence", "GP visits")
    text = edit("    full: relationship-centred practice\n",
                "    full: relationship-centred practice\n    search_terms: [relational practice]\n",
                text)
    pages = build_bytes(text.encode()).pages
    layer = next(page for path, page in pages.items() if "{ #trust }" in page)
    section = layer.split("{ #trust }", 1)[1].split("\n## ", 1)[0]
    assert "<p><strong>Related words:</strong> confidence, <abbr" in section  # GP: its first use
    assert ">GP</abbr> visits</p>\n</details>" in section
    assert "**Related words:** confidence, GP visits\n" in pages["all.md"]  # on paper too
    assert "*Related words:* relational practice\n" in pages["glossary.md"]
    assert "Related words" not in build_bytes(mini().encode()).pages["glossary.md"]


def test_a_term_that_is_not_a_plain_word_is_refused() -> None:
    text = _with_item_terms("<b>trust</b>")
    assert problems_of(text) == fm(
        f"{at(text, '<b>trust')}: item 'trust' (principles), search_terms[0]: '<b>trust</b>': "
        + TERMS_ADVICE)


def test_a_repeated_term_is_refused_with_the_first_line() -> None:
    text = _with_item_terms("confidence", "Confidence")
    first = at(text, "- confidence").split(":")[0]
    assert problems_of(text) == fm(
        f"{at(text, 'Confidence')}: item 'trust' (principles), search_terms[1]: 'Confidence' is "
        f"already in this list on line {first} (compared ignoring capitals); keep one")


def test_the_entry_s_own_name_is_refused() -> None:
    text = _with_item_terms("mutual trust")
    assert problems_of(text) == fm(
        f"{at(text, 'mutual trust')}: item 'trust' (principles), search_terms[0]: 'mutual trust' "
        "is this entry's own name, which search finds already; remove it")
    glossary = edit("  - term: GP\n", "  - term: GP\n    search_terms: [gp]\n")
    assert problems_of(glossary) == fm(
        f"{at(glossary, 'gp]')}: glossary[0].search_terms[0]: 'gp' is this entry's own term, "
        "which search finds already; remove it")


def test_a_change_to_search_terms_quotes_the_words_and_links_none(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'unique' is also the id of a characteristic: as a search term it is a word, not a link."""
    before, after = tmp_path / "before.yml", tmp_path / "after.yml"
    before.write_text(mini(), encoding="utf-8")
    after.write_text(_with_item_terms("unique", "confidence"), encoding="utf-8")
    assert main(["diff", "--format", "markdown", str(before), str(after)]) == 0
    out = capsys.readouterr().out
    assert "search terms: added “unique”, “confidence”." in out, out
    assert "`unique`" not in out
