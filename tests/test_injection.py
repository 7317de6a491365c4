"""Nothing from framework.yml can run in a reader's browser.

One copy of the real project gets a framework.yml whose every text field carries hostile payloads
(`<script>`, `<img onerror>`, `<iframe>`, `<svg onload>`, `javascript:` and `data:` links, entities
that decode to tags, Jinja syntax, Markdown that would make tables, headings, lists, code or
attributes); fields that hold one line (names, headings) carry the payloads they accept, and
the ones they refuse are checked as refused, with the exact message. The hostile site is built
strictly and compared with the build of the real framework (the `built_site` fixture): the same
scripts, no new event-handler attribute, `javascript:` or `data:` URL, no new element of any kind
that matters, and the search index holds only inert text. Then a real browser visits every page
and searches for the payloads: no dialog opens and no request leaves 127.0.0.1.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, quote, quote_plus, unquote, urljoin, urlsplit

import markdown
import pytest
import yaml
from helpers import at, edit, line_of, mini, report
from hostile.site import ROOT, build_copy, serve
from hypothesis import given, settings
from hypothesis import strategies as st

from rcp_docs.base.errors import FrameworkError, Problem
from rcp_docs.base.options import Options
from rcp_docs.check.validate import validate
from rcp_docs.publish.preview import problems_banner, problems_page
from rcp_docs.site.links import Links, percent
from rcp_docs.site.render import render
from rcp_docs.source.load import load_bytes
from rcp_docs.source.schema import LINE_PATTERN, PATTERN_ADVICE
from rcp_docs.structure import model

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Dialog, Request, Route

# Payloads for text fields (several paragraphs): each would be markup, a link or code if it
# reached the page as it is.
TEXT_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "<details open ontoggle=alert(1)>",
    "[x](javascript:alert(1))",
    "![x](data:text/html,<script>alert(1)</script>)",
    "[y][ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62; &#x3C;svg onload=alert(1)&#x3E;",
    "{{ 7*7 }}",
    "{% include 'x' %}",
    "| a | b |\n|---|---|\n| c | d |",
    "# heading",
    "Setext\n===",
    "- a list\n* another\n1. ordered",
    "> a quote",
    "    indented code",
    "```js\nalert(1)\n```",
    "<!-- a comment --> `code`",
    "---",
    "text { onclick=alert(1) } {: #evil onclick=alert(1) }",
    "\\<script\\>alert(1)\\</script\\>",
]
TEXT_PAYLOAD = "\n\n".join(TEXT_PAYLOADS)
# What a one-line field accepts: no '<', '>' or line break.
LINE_PAYLOAD = (
    "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} {% include 'x' %} "
    "| a | b | # h [x](javascript:alert(1)) { onclick=alert(1) } &#60;svg onload=alert(1)&#62;"
)
LINE_KEYS = {"title", "name", "setting", "related_heading", "backlink_heading", "flow_outcome"}
TEXT_KEYS = {"summary", "definition", "description", "text", "reasoning", "explanation",
             "question", "example", "when_transaction", "when_relationship", "intro", "citation",
             "why", "note", "who_reads", "quoting"}
TEXT_LIST_KEYS = {"characteristics", "why_define", "hopes", "questions"}
LINE_LIST_KEYS: set[str] = set()  # `roles` lists hold ids now, which the schema keeps inert
HOSTILE_URL = "https://example.org/)(javascript:alert(1)"  # the schema's pattern admits it

URL_ATTRS = {"href", "src", "xlink:href", "action", "formaction", "poster", "srcset", "data"}
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
# Elements whose number on a page must not change when the text does.
COUNTED = {"a", "img", "script", "iframe", "svg", "table", "tr", "th", "td", "h1", "h2", "h3",
           "h4", "h5", "h6", "form", "input", "button", "object", "embed", "style", "link",
           "meta", "title", "base", "pre", "code", "blockquote", "ul", "ol", "li", "hr", "video",
           "audio", "source", "details", "math", "em", "strong", "del"}


def _line(original: str) -> str:
    value = f"{original[:30]} {LINE_PAYLOAD}"
    assert len(value) <= 200
    return value


def _poison(node: Any, counts: Counter[str]) -> Any:
    """The data with payloads in every text field, counting the fields changed by key."""
    if isinstance(node, list):
        return [_poison(item, counts) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in LINE_KEYS and isinstance(value, str):
            out[key] = _line(value)
        elif key in TEXT_KEYS and isinstance(value, str):
            out[key] = f"{value}\n\n{TEXT_PAYLOAD}"
        elif key in TEXT_LIST_KEYS | LINE_LIST_KEYS and isinstance(value, list) \
                and all(isinstance(v, str) for v in value):
            make = _line if key in LINE_LIST_KEYS else (lambda v: f"{v}\n\n{TEXT_PAYLOAD}")
            out[key] = [make(v) for v in value]
        elif key == "url" and isinstance(value, str):
            out[key] = HOSTILE_URL
        else:
            out[key] = _poison(value, counts)
            continue
        counts[key] += 1
    return out


def hostile_framework() -> tuple[str, Counter[str]]:
    data = yaml.safe_load((ROOT / "framework.yml").read_text(encoding="utf-8"))
    counts: Counter[str] = Counter()
    poisoned = _poison(data, counts)
    for source in poisoned["sources"][:3]:  # the real file has no addresses yet: give some one
        source["url"] = HOSTILE_URL
        counts["url"] += 1
    return yaml.safe_dump(poisoned, allow_unicode=True, sort_keys=False, width=10_000), counts


def test_the_hostile_framework_is_valid_and_poisons_every_kind_of_text_field() -> None:
    text, counts = hostile_framework()
    framework = validate(load_bytes(text.encode("utf-8"), "framework.yml"))
    assert len(framework.items) >= 30
    assert set(counts) >= LINE_KEYS | TEXT_KEYS | TEXT_LIST_KEYS | LINE_LIST_KEYS | {"url"}
    assert sum(counts.values()) > 300


# --- one-line fields refuse markup, with the exact message ----------------------------------

LINE_FIELDS = [  # (label, the line in mini.yml, where the message says the value is)
    ("item-name", "        name: Kindness", "item 'kindness' (behaviours), name"),
    ("layer-name", "    name: Characteristic behaviours", "layer 'behaviours', name"),
    ("framework-title", "  title: Mini framework", "framework.title"),
    ("example-setting", "          - setting: GP surgery",
     "item 'kindness' (behaviours), examples[0].setting"),
    ("related-heading", "    related_heading: Related behaviours", "layer 'behaviours', related_heading"),
    ("backlink-heading", "    backlink_heading: Shows up in", "layer 'behaviours', backlink_heading"),
    ("source-name", "    name: The blog", "source 'blog', name"),
    ("evidence-name", "      name: The pandemic", "evidence 'pandemic', name"),
    ("distinction-name", "      name: Neither is better", "distinction 'not-better', name"),
    ("role-name", "    name: Care worker", "role 'care-worker', name"),
]
MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
          "<iframe src=javascript:alert(1)>", "x</title><script>alert(1)</script>"]


def _short(value: str) -> str:
    return value if len(value) <= 40 else value[:37] + "..."


@pytest.mark.parametrize("payload", MARKUP, ids=["script", "img-onerror", "svg-onload", "iframe",
                                                  "close-title"])
@pytest.mark.parametrize(("label", "line", "where"), LINE_FIELDS,
                         ids=[field[0] for field in LINE_FIELDS])
def test_one_line_fields_refuse_markup(label: str, line: str, where: str, payload: str) -> None:
    key, _, _ = line.partition(": ")
    value = json.dumps(payload)
    text = edit(line, f"{key}: {value}")
    with pytest.raises(FrameworkError) as info:
        validate(load_bytes(text.encode("utf-8"), "framework.yml"))
    assert info.value.report() == report(
        f"{at(text, value)}: {where}: '{_short(payload)}': {PATTERN_ADVICE[LINE_PATTERN]}")


@pytest.mark.parametrize("payload", TEXT_PAYLOADS)
def test_the_problems_page_of_the_live_preview_stays_inert(payload: str) -> None:
    """`mkdocs serve` lists a bad file's problems in the browser; they echo the file's values."""
    problems = [Problem(1, 1, f"item 'x', name: '{payload}': {PATTERN_ADVICE[LINE_PATTERN]}",
                        payload), Problem(2, 3, payload)]
    page = problems_page(payload, problems, have_last_good=True)
    html = markdown.markdown(page, extensions=["attr_list", "tables", "toc"])
    assert not re.search(r"<(script|img|iframe|svg|details|a)\b", html), html
    assert "javascript:" not in re.sub(r">[^<]*<", "><", html)  # only inside text, never a URL
    assert "49" not in html.replace(payload, "")  # the template never evaluates {{ 7*7 }}
    assert problems_banner(payload, 2, "../rcp-problems/").count("<a ") == 1


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
                                 'https://example.org/"onmouseover="alert(1)',
                                 "https://example.org/<script>", "https:javascript:alert(1)"])
def test_source_urls_refuse_scripts(url: str) -> None:
    text = edit("    url: https://example.org/comments", f"    url: {json.dumps(url)}")
    with pytest.raises(FrameworkError) as info:
        validate(load_bytes(text.encode("utf-8"), "framework.yml"))
    assert info.value.report() == report(
        f"{at(text, 'url: ^')}: source 'reader-one', url: '{_short(url)}': "
        "expected a web address starting with https://")


# --- mailto: links: no text can change their structure ----------------------------------------

MAILTO_NAMES = [
    'Kindness?subject=Hacked&body=x',
    "Kindness & care #frag %0D%0ABcc: evil@example.org",
    '"Quoted" and \'single\' (brackets) [square] \\ back',
    "50% of ~people; a,b@c.d",
]
SITE = "https://example.org/rcp/"


@settings(max_examples=300, deadline=None)
@given(text=st.text(), safe=st.sampled_from(["", "@", "/"]), plus=st.booleans())
def test_percent_encodes_exactly_as_urllib(text: str, safe: str, plus: bool) -> None:
    """links.percent, the fast path every GitHub and email link goes through, gives urllib's
    result for any text (ASCII, spaces, other scripts, control characters)."""
    assert percent(text, safe=safe, plus=plus) == (quote_plus if plus else quote)(text, safe=safe)


def _mailto(url: str) -> tuple[str, dict[str, str]]:
    """The addresses and the decoded fields of a mailto: link; fails on anything else in it."""
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and not parts.fragment and not parts.netloc, url
    assert re.fullmatch(r"[A-Za-z0-9%._~@,-]+", parts.path), url
    if "?" not in url:  # an address alone, as on the feedback page
        return parts.path, {}
    fields = parse_qsl(parts.query, keep_blank_values=True, strict_parsing=True)
    assert [key for key, _ in fields] == ["subject", "body"], url
    assert re.fullmatch(r"[A-Za-z0-9%._~=&-]+", url.split("?", 1)[1]), url  # all encoded
    return parts.path, dict(fields)


def _mail_links(markdown: str) -> list[str]:
    """The mailto: links of a page: in Markdown, and in the HTML of its collapsed parts (where
    "Suggest a change" is), as a browser reads the attribute."""
    return re.findall(r"\]\((mailto:[^)\s]*)\)", markdown) + [
        html.unescape(href) for href in re.findall(r'href="(mailto:[^"]*)"', markdown)]


@pytest.mark.parametrize("name", MAILTO_NAMES)
def test_an_item_name_cannot_change_the_mailto_link(name: str) -> None:
    """Names with '?', '&', '#', '%', quotes, brackets or commas go through validation and into
    the email link whole: one subject, one body, the same addresses."""
    text = edit("        name: Kindness", f"        name: {json.dumps(name)}")
    framework = validate(load_bytes(text.encode("utf-8"), "framework.yml"))
    pages = render(framework, Options(repo_url="https://github.com/o/r", site_url=SITE))
    [link] = _mail_links(pages["behaviours/index.md"])
    to, fields = _mailto(link)
    assert unquote(to).split(",") == ["someone@example.org", "other.person+rcp@example.org"]
    assert fields["subject"] == f"Suggestion: {name}"
    assert fields["body"] == (f"About: {name} (kindness)\r\nPage: {SITE}behaviours/#kindness\r\n"
                              "\r\nMy suggestion:\r\n")


@pytest.mark.parametrize("name", [*MAILTO_NAMES, "line\nbreak\r\nBcc: evil@example.org",
                                  "x>) [y](javascript:alert(1)) <z"])
def test_mailto_encodes_what_validation_would_refuse(name: str) -> None:
    """Even text the schema refuses (line breaks, '<', '>') cannot leave the address: the link is
    built from percent-encoded parts, whatever reaches it."""
    framework = validate(load_bytes(mini().encode("utf-8"), "framework.yml"))
    kindness = next(item for item in framework.items if item.id == "kindness")
    fake = model.Item(kindness.data.model_copy(update={"name": name}), kindness.layer,
                      kindness.lines)
    links = Links("behaviours/index.md", False, Options(site_url=SITE), {"kindness":
                  "behaviours/index.md#kindness"}, ("someone@example.org",))
    [link] = _mail_links(links.suggest(fake))
    to, fields = _mailto(link)
    assert to == "someone@example.org"
    assert fields["subject"] == f"Suggestion: {name}"
    assert fields["body"].startswith(f"About: {name} (kindness)\r\n")


def test_feedback_addresses_refuse_anything_but_an_address() -> None:
    for bad in ["someone@example.org?cc=evil@example.org", "a b@example.org",
                "someone@example.org>", "javascript:alert(1)", "someone"]:
        text = edit("  emails: [someone@example.org, other.person+rcp@example.org]",
                    f"  emails: [{json.dumps(bad)}]")
        with pytest.raises(FrameworkError) as info:
            validate(load_bytes(text.encode("utf-8"), "framework.yml"))
        assert info.value.report() == report(
            f"{line_of(text, '  emails: [')}:12: feedback.emails[0]: '{_short(bad)}': expected an "
            "email address such as 'name@example.org'")


# --- the built hostile site ------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    text, _ = hostile_framework()
    return build_copy(tmp_path_factory.mktemp("hostile"), text)


class _Scan(HTMLParser):
    """What matters on a page: elements counted, scripts, event handlers, risky URLs, the title."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.counts: Counter[str] = Counter()
        self.tags: set[str] = set()
        self.scripts: set[str] = set()
        self.handlers: set[tuple[str, str, str]] = set()
        self.urls: set[tuple[str, str, str]] = set()
        self.title_parts: list[str] = []
        self.source_links = 0
        self.text: list[str] = []
        self._script: list[str] | None = None
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        values = dict(attrs)
        if tag == "a" and values.get("href") == HOSTILE_URL:
            self.source_links += 1  # a source's address, published as a link on purpose
        elif tag == "a" and "whats-changed/#" in (values.get("href") or ""):
            pass  # an item's "Changed in" line: there when an item changed since a release
        elif tag in COUNTED:
            self.counts[tag] += 1
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.add((tag, name, value or ""))
            if name in URL_ATTRS and (value or "").strip().lower().startswith(BAD_SCHEMES):
                self.urls.add((tag, name, value or ""))
        if tag == "script":
            if values.get("src"):
                self.scripts.add("src:" + (values["src"] or ""))
            else:
                self._script = []
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.add("inline:" + hashlib.sha256("".join(self._script).encode()).hexdigest())
            self._script = None
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        if self._in_title:
            self.title_parts.append(data)
        self.text.append(data)


def _scan(path: Path) -> _Scan:
    scan = _Scan()
    scan.feed(path.read_text(encoding="utf-8"))
    scan.close()
    return scan


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def _union(site: Path) -> tuple[set[str], set[tuple[str, str, str]], set[tuple[str, str, str]]]:
    scripts: set[str] = set()
    handlers: set[tuple[str, str, str]] = set()
    urls: set[tuple[str, str, str]] = set()
    for page in _pages(site):
        scan = _scan(site / page)
        scripts |= scan.scripts
        handlers |= scan.handlers
        urls |= scan.urls
    return scripts, handlers, urls


def test_hostile_site_has_the_same_pages(hostile_site: Path, built_site: Path) -> None:
    assert _pages(hostile_site) == _pages(built_site)
    assert len(_pages(hostile_site)) >= 19


def test_no_script_handler_or_risky_url_comes_from_the_data(hostile_site: Path,
                                                            built_site: Path) -> None:
    """Every script, event-handler attribute and javascript:/data: URL of the hostile site is one
    the theme puts on the real site too."""
    clean_scripts, clean_handlers, clean_urls = _union(built_site)
    failures = []
    for page in _pages(hostile_site):
        scan = _scan(hostile_site / page)
        failures += [f"{page}: script {s}" for s in sorted(scan.scripts - clean_scripts)]
        failures += [f"{page}: handler {h}" for h in sorted(scan.handlers - clean_handlers)]
        failures += [f"{page}: URL {u}" for u in sorted(scan.urls - clean_urls)]
    assert not failures, "\n".join(failures)


CHANGES = "whats-changed/index.html"
CHANGE_TAGS = {"del", "strong", "code", "em", "abbr"}  # struck out, added, ids; glossary terms


def test_markup_in_the_data_makes_no_element(hostile_site: Path, built_site: Path) -> None:
    """Each page has exactly as many links, images, tables, cells, headings, lists, code blocks,
    SVGs, iframes... as the same page of the real site: the payloads are text."""
    failures = []
    for page in _pages(hostile_site):
        hostile, clean = _scan(hostile_site / page), _scan(built_site / page)
        if page == CHANGES:  # lists the payloads as changes since the last release: more items
            if hostile.counts["li"] <= clean.counts["li"]:
                failures.append(f"{page}: the payloads are not listed as changes")
            if hostile.tags - clean.tags - CHANGE_TAGS:
                failures.append(f"{page}: new elements {sorted(hostile.tags - clean.tags)}")
            continue
        if hostile.counts != clean.counts:
            diff = {tag: (clean.counts[tag], hostile.counts[tag])
                    for tag in COUNTED if clean.counts[tag] != hostile.counts[tag]}
            failures.append(f"{page}: (real, hostile) counts differ: {diff}")
        if hostile.tags - clean.tags:
            failures.append(f"{page}: new elements {sorted(hostile.tags - clean.tags)}")
    assert not failures, "\n".join(failures)


def test_every_mailto_link_keeps_its_structure(hostile_site: Path) -> None:
    """Every email link on the hostile site has the configured addresses, one subject and one
    body, and its subject decodes to the item's name as written."""
    framework = validate(load_bytes(hostile_framework()[0].encode("utf-8"), "framework.yml"))
    names = {f"Suggestion: {item.data.name}" for item in framework.items}
    emails, items = list(framework.emails), len(framework.items)  # plain values for messages
    found = 0
    for page in _pages(hostile_site):
        for href in re.findall(r'href="(mailto:[^"]*)"', (hostile_site / page).read_text("utf-8")):
            to, fields = _mailto(href.replace("&amp;", "&"))
            assert set(unquote(to).split(",")) <= set(emails), href  # one or all of them
            if "subject" in fields:
                assert unquote(to).split(",") == emails, href
                subject = fields["subject"]
                assert subject in names, subject
                found += 1
    assert found >= items


def test_a_source_address_is_one_https_link(hostile_site: Path) -> None:
    """The address `https://example.org/)(javascript:alert(1)` is one link to that address: the
    ')(' does not end the Markdown link and start another."""
    scan = _scan(hostile_site / "sources" / "index.html")
    assert scan.source_links == 3


def test_payloads_are_shown_as_written(hostile_site: Path) -> None:
    text = " ".join(" ".join(_scan(hostile_site / "principles" / "index.html").text).split())
    for shown in ["{{ 7*7 }}", "{% include 'x' %}", "<script>alert(1)</script>",
                  "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "# heading",
                  "| a | b | |---|---| | c | d |", "&lt;/title&gt;&lt;script&gt;",
                  "text { onclick=alert(1) } {: #evil onclick=alert(1) }",
                  "\\<script\\>alert(1)\\</script\\>"]:
        assert shown in text, shown


def test_titles_hold_no_markup(hostile_site: Path) -> None:
    """The raw `<title>` of every page has no '<': nothing can close it or open a script."""
    for page in _pages(hostile_site):
        html = (hostile_site / page).read_text(encoding="utf-8")
        titles = re.findall(r"<title>(.*?)</title>", html, re.DOTALL)
        assert len(titles) == 1, page
        assert "<" not in titles[0], f"{page}: {titles[0]}"


def test_page_title_shows_the_name_as_written(hostile_site: Path) -> None:
    scan = _scan(hostile_site / "principles" / "index.html")
    title = "".join(scan.title_parts)
    assert "&lt;/title&gt;&lt;script&gt;" in title, title
    assert "<" not in title, title


def test_share_previews_show_the_text_as_written(hostile_site: Path) -> None:
    """Open Graph and Twitter tags: one of each, their values the name and summary as written
    (an attribute value decoded once, as a preview reads it), with no markup."""
    from rcp_docs.site.describe import shortened

    framework = validate(load_bytes(hostile_framework()[0].encode("utf-8"), "framework.yml"))
    layer = framework.layers[0]
    html = (hostile_site / layer.id / "index.html").read_text(encoding="utf-8")
    tags = _share_tags(html)
    assert tags["og:description"] == [shortened(layer.data.summary)]
    assert tags["twitter:description"] == tags["og:description"] == tags["description"]
    assert tags["og:title"] == tags["twitter:title"]
    assert tags["og:title"][0].startswith(layer.data.name[:30])
    assert "&lt;/title&gt;&lt;script&gt;" in tags["og:title"][0]  # as written, not decoded
    for page in _pages(hostile_site):
        for name, values in _share_tags((hostile_site / page).read_text(encoding="utf-8")).items():
            assert len(values) == 1, f"{page}: {name} {values}"
    raw = re.findall(r'<meta (?:property|name)="(?:og|twitter):[a-z_]+" content="([^"]*)">', html)
    assert len(raw) == 9 and all("<" not in value for value in raw), raw


def _share_tags(html: str) -> dict[str, list[str]]:
    class Meta(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.found: dict[str, list[str]] = {}

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            values = dict(attrs)
            key = values.get("property") or values.get("name") or ""
            if tag == "meta" and (key.startswith(("og:", "twitter:")) or key == "description"):
                self.found.setdefault(key, []).append(values.get("content") or "")

    parser = Meta()
    parser.feed(html)
    return parser.found


def _index(site: Path) -> list[dict[str, str]]:
    docs: list[dict[str, str]] = json.loads(
        (site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return docs


def test_search_index_holds_only_inert_text(hostile_site: Path, built_site: Path) -> None:
    """Material shows search results as HTML: the index's titles and texts, parsed as HTML, hold
    no script, handler or risky URL, and no element the real index lacks."""
    clean_tags: set[str] = set()
    for doc in _index(built_site):
        for field in ("title", "text"):
            scan = _Scan()
            scan.feed(doc[field])
            clean_tags |= scan.tags
    docs = _index(hostile_site)
    assert any("alert(1)" in doc["text"] for doc in docs)
    failures = []
    for doc in docs:
        for field in ("title", "text"):
            scan = _Scan()
            scan.feed(doc[field])
            scan.close()
            where = f"{doc['location']} {field}"
            failures += [f"{where}: handler {h}" for h in scan.handlers]
            failures += [f"{where}: URL {u}" for u in scan.urls]
            failures += [f"{where}: element <{t}>" for t in sorted(scan.tags - clean_tags)]
            if "script" in scan.tags:
                failures.append(f"{where}: a script element")
    assert not failures, "\n".join(failures[:50])


# --- a real browser --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    with serve(hostile_site) as url:
        yield url


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"data", "blob", "about"} or parts.hostname == "127.0.0.1"


CANARY = """<!doctype html><title>canary</title>
<script>alert("canary")</script><img src="https://example.org/canary.png" alt="">"""


@pytest.mark.browser
def test_no_dialog_and_no_outside_request_in_a_browser(browser: Browser, hostile_url: str,
                                                       hostile_site: Path, tmp_path: Path) -> None:
    """Every page, then search results for the payloads: no alert() ever fires, no request leaves
    127.0.0.1, and no element in the article carries an event handler."""
    dialogs: list[str] = []
    outside: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def on_request(request: Request) -> None:
        if not _is_local(request.url):
            outside.append(request.url)

    def abort_outside(route: Route) -> None:
        if _is_local(route.request.url):
            route.continue_()
        else:
            route.abort()

    context.on("dialog", on_dialog)
    context.on("request", on_request)
    context.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/])"), abort_outside)
    handlers_js = """() => [...document.querySelectorAll('article *, head *')]
        .flatMap(el => [...el.attributes].filter(a => a.name.startsWith('on'))
        .map(a => el.tagName + ' ' + a.name))"""
    handlers: list[str] = []
    try:
        page = context.new_page()
        # First prove the watchers work: a page that does open a dialog and ask another host.
        (tmp_path / "index.html").write_text(CANARY, encoding="utf-8")
        with serve(tmp_path) as canary:
            page.goto(canary, wait_until="load")
        assert dialogs == ["alert: canary"]
        assert outside == ["https://example.org/canary.png"]
        dialogs.clear()
        outside.clear()
        paths = ["" if p == "index.html" else p.removesuffix("index.html")
                 for p in _pages(hostile_site) if p.endswith("index.html") and p != "404.html"]
        for path in paths:
            page.goto(urljoin(hostile_url, path), wait_until="load")
            page.wait_for_timeout(50)
            handlers += [f"/{path}: {h}" for h in page.evaluate(handlers_js)]
        for query in ["alert", "onerror", "script", "javascript"]:
            page.goto(urljoin(hostile_url, "principles/"), wait_until="load")
            page.locator(".md-search__input").first.click()
            page.locator("input.md-search__input").type(query)
            results = page.locator(".md-search-result__item a.md-search-result__link")
            results.first.wait_for(state="visible")
            page.wait_for_timeout(200)  # results render in batches; give the images a chance
            hrefs = [results.nth(i).get_attribute("href") or ""
                     for i in range(min(results.count(), 3))]
            assert hrefs, f"no search results for {query!r}"
            for href in hrefs:
                page.goto(urljoin(page.url, href), wait_until="load")
                page.wait_for_timeout(50)
    finally:
        context.close()
    assert not dialogs, "dialogs opened:\n" + "\n".join(dialogs)
    assert not outside, "requests left 127.0.0.1:\n" + "\n".join(dict.fromkeys(outside))
    assert not handlers, "event handlers in the page:\n" + "\n".join(handlers)


@pytest.mark.browser
def test_reflect_page_keeps_framework_text_inert(browser: Browser, hostile_url: str) -> None:
    """On "Reflect on your practice" the script reads names from the page (legends, the layers'
    data attribute) and writes them into the onion, the figures and the printed summary: each is
    text there, never markup, and nothing runs."""
    data = yaml.safe_load(hostile_framework()[0])
    layer_names = [layer["name"] for layer in data["layers"]]
    context = browser.new_context()
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    context.on("dialog", on_dialog)
    try:
        page = context.new_page()
        page.goto(urljoin(hostile_url, "reflect/"), wait_until="load")
        page.locator("#rcp-summary").wait_for(state="visible")
        page.locator("fieldset.rcp-item input[value=well]").first.check()
        layers = json.loads(page.locator("#rcp-reflect").get_attribute("data-layers") or "[]")
        assert [layer["name"] for layer in layers] == layer_names
        assert page.locator("#rcp-onion text").all_text_contents() == layer_names
        figures = page.locator("#rcp-figures li").all_text_contents()
        assert all(f.startswith(name) for f, name in zip(figures, layer_names, strict=True))
        made = page.evaluate("""() => ['#rcp-print', '#rcp-figures', '#rcp-onion', '#rcp-message',
            '.rcp-item legend', '.rcp-questions', '#rcp-next'].map(s => document.querySelectorAll(
            s + ' script, ' + s + ' img, ' + s + ' iframe, ' + s + ' [onerror], ' + s + ' [onload]'
            ).length)""")
        assert made == [0, 0, 0, 0, 0, 0, 0]
        with page.expect_download() as info:
            page.get_by_role("button", name="Download an answers file to import later (JSON)").click()
        page.emulate_media(media="print")
        printed = page.locator("#rcp-print").inner_text()
        assert all(name in printed for name in layer_names)  # the names, as written
        # The team view reads the same names from its data: text there too.
        page.emulate_media(media="screen")
        page.goto(urljoin(hostile_url, "team/"), wait_until="load")
        page.locator("#rcp-team-files").set_input_files(info.value.path())
        page.locator("#rcp-team-summary").wait_for(state="visible")
        assert page.locator("#rcp-team-figures li").count() == len(layer_names)
        assert page.locator("#rcp-team-items h3").all_text_contents() == layer_names
        made = page.evaluate("""() => ['script', 'img', 'iframe', '[onerror]', '[onload]'].map(
            t => document.querySelectorAll('#rcp-team-summary ' + t).length)""")
        assert made == [0, 0, 0, 0, 0]
    finally:
        context.close()
    assert not dialogs, dialogs
