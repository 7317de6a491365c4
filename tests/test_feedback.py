"""Feedback, people first: email before GitHub wherever both are offered, "What happens to your
feedback" from the editors' data, and mailto: addresses whose every part is encoded."""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

from helpers import edit, mini

from rcp_docs.publish.build import Options, build_bytes
from rcp_docs.structure.registry import page

OPTIONS = Options(repo_url="https://github.com/example/rcp", site_url="https://example.org/rcp/")
HANDLING = ("  who_reads: Two people read every email & <b>reply</b>.\n"
            "  quoting: Nothing is \"quoted\" without asking.\n")


def test_every_item_offers_email_before_github() -> None:
    pages = build_bytes(mini().encode(), options=OPTIONS).pages
    # in the item's collapsed "Suggest a change" (HTML), or on the page for paper (Markdown)
    lines = [line for text in pages.values() for line in text.splitlines()
             if "Suggest a change to this item" in line and "mailto:" in line]
    assert len(lines) >= 4
    for line in lines:
        assert line.index("mailto:") < line.index("https://github.com"), line


def test_the_tell_us_page_lists_email_first() -> None:
    text = build_bytes(mini().encode()).pages[page("feedback").path]
    assert text.index("**By email.**") < text.index("**On GitHub.**")


def test_what_happens_to_feedback_comes_from_the_data_escaped_and_marked() -> None:
    text = edit("  emails: [", HANDLING + "  emails: [")
    tell_us = build_bytes(text.encode()).pages[page("feedback").path]
    section = tell_us.split("{ #what-happens-to-your-feedback }", 1)[1].split("\n## ", 1)[0]
    assert "Two people read every email & &lt;b&gt;reply&lt;/b&gt;\\." in section
    assert 'Nothing is &quot;quoted&quot; without asking\\.' in section
    assert "*This section is the project's own guidance, not the posts' words.*" in section
    assert "<b>" not in tell_us
    # no data, no section: the page promises nothing the editors have not written
    plain = build_bytes(mini().encode()).pages[page("feedback").path]
    assert "What happens to your feedback" not in plain


def test_a_suggestion_email_has_every_part_encoded() -> None:
    text = edit("name: Mutual trust", "name: Trust & care?")
    pages = build_bytes(text.encode()).pages
    mail = next(html.unescape(m) for t in pages.values()
                for m in re.findall(r'href="(mailto:[^"]*)"', t) if "Suggestion" in m)
    address, _, query = mail.removeprefix("mailto:").partition("?")
    assert address == "someone@example.org,other.person%2Brcp@example.org"
    assert re.fullmatch(r"[A-Za-z0-9%._~=&-]+", query), query  # nothing left unencoded
    fields = dict(part.split("=", 1) for part in query.split("&"))
    assert unquote(fields["subject"]) == "Suggestion: Trust & care?"
    assert unquote(fields["body"]).startswith("About: Trust & care? (trust)\r\n")
