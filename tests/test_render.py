"""The renderer: golden files for the Markdown rendered from a small fixture framework."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest
from helpers import MINI_PATH, edit, line_of, mini

from rcp_docs.base.errors import FrameworkError
from rcp_docs.base.text import inline, paragraphs
from rcp_docs.publish.build import build, load_framework
from rcp_docs.site.downloads import CSV_COLUMNS
from rcp_docs.site.render import Options, render

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
OPTIONS = Options(repo_url="https://github.com/example/rcp", site_url="https://example.org/rcp/")


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return render(load_framework(MINI_PATH), OPTIONS)


def test_golden_files(pages: dict[str, str]) -> None:
    """Every rendered file, compared whole. UPDATE_GOLDEN=1 rewrites them after a reviewed change."""
    if os.environ.get("UPDATE_GOLDEN") == "1":
        for name, text in pages.items():
            target = GOLDEN / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="")
    expected = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
    assert set(pages) == expected
    for name, text in pages.items():
        assert text == (GOLDEN / name).read_bytes().decode("utf-8"), name


def test_render_is_pure(pages: dict[str, str]) -> None:
    again = render(load_framework(MINI_PATH), OPTIONS)
    assert again == pages


def test_every_item_is_a_section_anchored_by_its_id(pages: dict[str, str]) -> None:
    framework = load_framework(MINI_PATH)
    for layer in framework.layers:
        page = pages[f"{layer.id}/index.md"]
        for item in layer.items:
            assert f"## {inline(item.data.name)} {{ #{item.id} }}" in page


def test_backlinks_are_computed(pages: dict[str, str]) -> None:
    # in the collapsed "More about it", raw HTML: links to the served addresses, explained
    assert ('<p data-search-exclude><strong>Expressed in</strong> (the items that name this one): '
            '<a href="../behaviours/#kindness">Kindness</a></p>') in pages["principles/index.md"]
    assert ('<p data-search-exclude><strong>Enables</strong> (the items that name this one): '
            '<a href="../behaviours/#kindness">Kindness</a>, '
            '<a href="../protocols/#permission">Permission to use discretion</a></p>') in pages[
        "competencies/index.md"]


def test_proposed_items_are_marked(pages: dict[str, str]) -> None:
    page = pages["principles/index.md"]
    section = page[page.index("{ #reciprocity }"):]
    tag = '<span class="rcp-tag rcp-tag--proposal">Proposal under discussion</span>'
    placed = '<span class="rcp-tag rcp-tag--provenance">Placed by the editors from a reader&#39;s'
    assert section.startswith(f'{{ #reciprocity }}\n\n<p class="rcp-tags">{tag} {placed}')
    assert tag not in page[:page.index("{ #reciprocity }")]
    assert "<p>This item was proposed in readers' feedback and is not yet part of the framework." \
        in section  # said again where it comes from
    # the layer page says what the tag means, once
    assert page.count('A "Proposal under discussion" comes from readers\' feedback') == 1


def test_single_page_links_stay_on_the_page(pages: dict[str, str]) -> None:
    whole = pages["all.md"]
    assert "](#blog)" in whole and "](#principles)" in whole
    assert ".md#" not in whole and "<details" not in whole  # for paper: nothing collapsed
    assert whole.count("{ #kindness }") == 1


def test_downloads(pages: dict[str, str]) -> None:
    data = json.loads(pages["downloads/framework.json"])
    assert [layer["id"] for layer in data["layers"]] == [
        "principles", "behaviours", "competencies", "protocols"]
    rows = list(csv.reader(io.StringIO(pages["downloads/behaviours.csv"])))
    assert rows[0][:3] == ["id", "name", "status"]
    assert rows[1][:3] == ["kindness", "Kindness", "draft"]


def test_csv_cells_never_start_a_formula(tmp_path: Path) -> None:
    text = edit("summary: Being kind.", "summary: \"=hyperlink(1)\"")
    rows = list(csv.reader(io.StringIO(_render_text(text, tmp_path)["downloads/behaviours.csv"])))
    assert rows[1][CSV_COLUMNS.index("summary")] == "'=hyperlink(1)"


def test_csv_and_json_carry_each_items_provenance(tmp_path: Path) -> None:
    files = _render_text(mini(), tmp_path)
    rows = list(csv.DictReader(io.StringIO(files["downloads/principles.csv"])))
    assert [(r["id"], r["status"], r["provenance"], r["provenance_label"]) for r in rows] == [
        ("trust", "draft", "named", "Named in the posts"),
        ("reciprocity", "proposed", "placed", "Placed by the editors from a reader's comment")]
    data = json.loads(files["downloads/framework.json"])
    assert [i["provenance"] for i in data["layers"][0]["items"]] == ["named", "placed"]
    assert [c["role"] for c in data["framework"]["credits"]] == ["author", "compiler"]


def test_page_sources_point_at_the_data() -> None:
    lines = build(MINI_PATH).lines
    text = mini().splitlines()
    first, last = lines["behaviours/index.md"]
    assert text[first - 1].strip() == "- id: behaviours"
    assert text[last - 1].strip() == "sources: [blog]"  # its last item's last line
    assert "id: competencies" in text[last]  # the next layer starts right after
    first, last = lines["relationships-and-transactions.md"]
    assert text[first - 1].strip().startswith("summary:") and text[first - 2] == "comparison:"


def _render_text(text: str, tmp_path: Path) -> dict[str, str]:
    """`text` written as framework.yml in `tmp_path`, loaded, validated and rendered."""
    path = tmp_path / "framework.yml"
    path.write_text(text, encoding="utf-8")
    return render(load_framework(path), OPTIONS)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"),
        ("[x](javascript:alert(1))", "\\[x\\]\\(javascript:alert\\(1\\)\\)"),
        ("# not a heading", "\\# not a heading"),
        ("a | b", "a \\| b"),
        ("{{ 7*7 }}", "\\{\\{ 7\\*7 \\}\\}"),
        ("line\nbreak", "line break"),
    ],
)
def test_text_is_escaped(raw: str, expected: str) -> None:
    assert inline(raw) == expected


def test_paragraphs_keep_blank_lines() -> None:
    assert paragraphs("One.\n\nTwo\nlines.") == "One\\.\n\nTwo lines\\."


def test_retired_item_stays_on_its_page_with_its_replacement(tmp_path: Path) -> None:
    text = edit("        origin: Part one of the blog.\n        provenance: named\n        status: draft\n"
                "        sources: [blog]\nstructural_proposals",
                "        origin: Part one of the blog.\n        provenance: named\n        status: retired\n"
                "        replaced_by: kindness-at-work\n        sources: [blog]\n"
                "structural_proposals")
    text = text.replace("""  - id: competencies""", """      - id: kindness-at-work
        name: Kindness at work
        summary: Being kind at work.
        description: Kindness in the workplace.
        questions:
          - Who was kind to you today?
        origin: Part one of the blog.
        provenance: named
        status: draft
        sources: [blog]
  - id: competencies""", 1)
    pages = _render_text(text, tmp_path)
    page = pages["protocols/index.md"]
    assert '<li><a href="#permission">Permission to use discretion</a> (retired)</li>' in page
    section = page[page.index("{ #permission }"):]
    assert section.startswith('{ #permission }\n\n<p class="rcp-tags"><span class="rcp-tag '
                              'rcp-tag--retired">Retired</span> <span class="rcp-tag '
                              'rcp-tag--provenance">Named in the posts</span></p>\n\nThis item is no '
                              'longer part '
                              "of the framework. It stays here so that links to it keep working. "
                              "It has been replaced by [Kindness at work](../behaviours/index.md"
                              "#kindness-at-work).\n")


def test_redirect_keeps_old_anchor_and_old_page(tmp_path: Path) -> None:
    text = edit("      - id: listening", "      - id: active-listening")
    text = text.replace("[trust, listening, permission]", "[trust, active-listening, permission]")
    text = text.replace("related: [listening]", "related: [active-listening]")
    text = text.replace("  - id: protocols\n", "  - id: enabling-protocols\n")
    text = text.replace("layers: [protocols]", "layers: [enabling-protocols]")
    text += ("redirects:\n  - from: listening\n    to: active-listening\n"
             "  - from: protocols\n    to: enabling-protocols\n")
    pages = _render_text(text, tmp_path)
    competencies = pages["competencies/index.md"]
    assert '<div id="listening"></div>\n## Active listening { #active-listening }' in competencies
    moved = pages["protocols/index.md"]
    assert '<meta http-equiv="refresh" content="0; url=../enabling-protocols/">' in moved
    assert "[Enabling protocols](../enabling-protocols/index.md)" in moved
    assert '<div id="listening"></div>' in pages["all.md"]


def test_redirect_rules(tmp_path: Path) -> None:
    text = edit("sources:\n  - id: blog", "redirects:\n  - from: kindness\n    to: trust\n"
                   "  - from: old\n    to: trst\n  - from: old\n    to: trust\nsources:\n  - id: blog")
    path = tmp_path / "framework.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FrameworkError) as info:
        load_framework(path)
    line = line_of(text, "redirects:")
    shown = str(path)
    assert [str(p) for p in info.value.problems] == [
        f"{shown}:{line + 1}:11: redirects[0].from: 'kindness' is still the id of item 'kindness' "
        "(behaviours); a redirect is only for an id that no longer exists",
        f"{shown}:{line + 4}:9: redirects[1].to: unknown item, layer or source 'trst'; "
        "did you mean 'trust'?",
        f"{shown}:{line + 5}:11: redirects[2].from: 'old' is already redirected on line {line + 3}",
    ]


def test_a_renamed_source_keeps_its_old_anchor(tmp_path: Path) -> None:
    """A source's old id, redirected to its new one, stays an anchor on the sources page, so a
    shared link to /sources/#old-id still lands on the entry."""
    text = edit("sources:\n  - id: blog", "redirects:\n  - from: old-blog\n    to: blog\n"
                "sources:\n  - id: blog")
    page = _render_text(text, tmp_path)["sources.md"]
    assert '<div id="old-blog"></div>\n## ' in page
    assert page.index('<div id="old-blog">') < page.index("{ #blog }")


def test_replaced_by_rules(tmp_path: Path) -> None:
    text = edit("        origin: Part one of the blog.\n        provenance: named\n        status: draft\n"
                "        sources: [blog]\nstructural_proposals",
                "        origin: Part one of the blog.\n        provenance: named\n        status: draft\n"
                "        replaced_by: kindnes\n        sources: [blog]\nstructural_proposals")
    path = tmp_path / "framework.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FrameworkError) as info:
        load_framework(path)
    assert [p.message for p in info.value.problems] == [
        "item 'permission' (protocols), replaced_by: only a retired item has a replacement; "
        "set status: retired or remove replaced_by"]


# --- "Reflect on your practice" -------------------------------------------------------------


def test_reflect_asks_every_item_but_retired_ones_and_marks_proposals() -> None:
    from rcp_docs.site.reflect import answer_redirects

    framework = load_framework(HERE / "fixtures" / "diff" / "retire-move-redirect.yml")
    page = render(framework, OPTIONS)["reflect.md"]
    asked = re.findall(r'<fieldset class="rcp-item" id="rcp-([a-z0-9-]+)"', page)
    assert asked == [i.id for layer in framework.layers for i in
                     [*[x for x in layer.items if not x.retired and not x.proposed],
                      *[x for x in layer.items if x.proposed]]]
    assert "permission" not in asked  # retired
    proposed = [i.id for i in framework.items if i.proposed]
    assert page.count('<span class="rcp-proposal">(proposal)</span>') == len(proposed)
    # Old ids follow redirects and retired items' replacements, for imports of older files.
    assert answer_redirects(framework) == {"permission": "kindness", "reciprocity": "mutual-reciprocity"}
    assert 'data-moved="{&quot;permission&quot;:&quot;kindness&quot;,' in page
    # No blank line inside an HTML block: any Markdown engine keeps each block whole.
    for block in re.findall(r"<fieldset.*?</fieldset>", page, re.DOTALL):
        assert "\n\n" not in block


def test_reflect_escapes_text_for_html() -> None:
    """Text from framework.yml reaches the worksheet's raw HTML as text: every markup character an
    entity, on one line (a blank line would end the HTML block)."""
    from rcp_docs.publish.build import build_bytes

    raw = (HERE / "fixtures" / "mini.yml").read_text(encoding="utf-8")
    raw = raw.replace("name: Kindness", "name: Kind & 'fair' \"too\"")
    raw = raw.replace("- Whom do you trust?",
                      "- \"Whom <script>alert(1)</script> & *you*?\\n\\nSecond\"")
    page = build_bytes(raw.encode(), "mini.yml", OPTIONS).pages["reflect.md"]
    assert "<script>alert" not in page
    assert "<li>Whom &lt;script&gt;alert(1)&lt;/script&gt; &amp; *you*? Second</li>" in page
    assert '<span class="rcp-name">Kind &amp; &#39;fair&#39; &quot;too&quot;</span>' in page
    assert "Read about Kind &amp; &#39;fair&#39; &quot;too&quot; <span" in page


def test_home_page_shows_the_onion_then_the_layers_and_the_ways_in(pages: dict[str, str]) -> None:
    home = pages["index.md"]
    order = [home.index(mark) for mark in (
        "It is a draft for discussion", "## Start from the work you do { #find-your-way-in }",
        '<ul class="rcp-roles">', "## What relationship-centred practice is",
        '<figure class="rcp-diagram', "## The layers { #the-layers }",
        '<ul class="rcp-cards">', "**Relationships or transactions?**",
        "## Reflect on your practice", "## Tell us what's missing")]
    assert order == sorted(order)
    assert ('<li class="rcp-card"><p class="rcp-card__name"><a href="principles/">Underpinning '
            'principles</a></p><p>The core.</p><p class="rcp-card__count">1 item, 1 proposed'
            "</p></li>") in home
    # a structural proposal is not an item: counted apart, and said so
    assert '<p class="rcp-card__count">1 item</p></li>\n</ul>' in home
    assert "Readers have also made 1 proposal to change the layers themselves" in home
    assert ("**Relationships or transactions?** A good relationship: unique. A good transaction: "
            "efficient. Both: fair. [Compare relationships and transactions]"
            "(relationships-and-transactions.md).") in home
    assert '<li><a href="roles/care-worker/">Care worker</a></li>' in home
    assert '<li><a href="roles/gp/">GP</a></li>' in home
    assert "[tell us](tell-us.md)" in home


def test_card_text_is_escaped_for_html(tmp_path: Path) -> None:
    text = edit("    summary: The core.", '    summary: "<b>bold</b> & \\"quoted\\""')
    home = _render_text(text, tmp_path)["index.md"]
    assert "<p>&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;</p>" in home


def test_role_page_gathers_its_context_examples_and_reading_path(tmp_path: Path) -> None:
    text = edit("            sources: [blog]\n", "            sources: [blog]\n"
                   "            roles: [gp, care-worker]\n")
    text = text.replace("      items: [trust]\n    sources: [blog]\n  - id: gp",
                        "      items: [trust, reciprocity]\n    sources: [blog]\n  - id: gp")
    pages = _render_text(text, tmp_path)
    role = pages["roles/care-worker.md"]
    assert role.startswith("# Care worker { #care-worker }\n\n**For a care worker the "
                           "relationship is the point\\.**\n")
    assert ("## Where the sources place this role { #where-the-sources-place-it }\n\n"
            "- [As an end in itself](../contexts.md#end-in-itself): The relationship is the "
            "outcome\\.\n") in role
    assert ("## Examples from this setting { #examples-from-this-setting }\n\n"
            '- *<abbr title="General practitioner. A family doctor. (The editors&#39; words.)" '
            'tabindex="0">GP</abbr> surgery:* A doctor who listens\\. From '
            "[Kindness](../behaviours/index.md#kindness).\n") in role  # not on the path: shown here, once
    # the reading path comes right after the heading and one sentence
    assert role.index("## Where to start reading") < role.index("## Why relationships matter")
    assert role.index("## Why relationships matter") < role.index("## Where the sources place")
    assert ("*The editors of this site chose this path: it is their guidance, not something the "
            "sources say.*") in role
    assert ("### Step 1: Mutual trust { #step-1 data-search-exclude }\n\n"
            "<p class=\"rcp-tags\"><span class=\"rcp-tag\">"
            "Underpinning principles</span> <span class=\"rcp-tag rcp-tag--provenance\">Named in the "
            "posts</span></p>\n\nEach party trusts the other\\.\n\n"
            "**Questions to start from**\n{: .rcp-label }\n\n- Whom do you trust?\n") in role
    assert ("[Read Mutual trust in full](../principles/index.md#trust). **Next step:** "
            "[Step 2: Reciprocity](#step-2)\n") in role
    assert ("### Step 2: Reciprocity { #step-2 data-search-exclude }\n\n"
            "<p class=\"rcp-tags\"><span class=\"rcp-tag\">"
            "Underpinning principles</span> <span class=\"rcp-tag rcp-tag--proposal\">Proposal "
            "under discussion</span> <span class=\"rcp-tag rcp-tag--provenance\">Placed by the "
            "editors from a reader&#39;s comment</span></p>\n") in role
    assert ("**Next step:** reflect on your work with [a short version of the worksheet]"
            "(../reflect.md?role=care-worker), the 2 items on this path.") in role
    gp = pages["roles/gp.md"]
    assert "The sources do not place this role in one of the [contexts" in gp
    assert "*GP surgery:* A doctor who listens" in gp
    assert "**Roles:** [Care worker](roles/care-worker.md)\n" in pages["contexts.md"]
    assert "**Roles:** Care worker\n" in pages["all.md"]  # no link to a page the print lacks
    assert "roles/" not in pages["all.md"]


def test_feedback_page_and_suggestions_without_an_address(tmp_path: Path) -> None:
    text = (HERE / "fixtures" / "mini.yml").read_text(encoding="utf-8")
    text = text[:text.index("feedback:\n")] + text[text.index("glossary:\n"):]
    pages = _render_text(text, tmp_path)
    assert "mailto:" not in "".join(pages.values())
    assert '<strong>Suggest a change to this item</strong> <a href="https://github.com/' in pages[
        "behaviours/index.md"]
    assert pages["tell-us.md"].startswith("# Tell us what's missing { #tell-us }\n\nThe framework "
                                          "is a work in progress.")


def test_the_id_check_of_rendering_is_the_schemas() -> None:
    """`text.ID` (checked before an id becomes an anchor or an HTML attribute) is the schema's id
    pattern: one rule, written twice only so that rendering need not import pydantic."""
    from rcp_docs.base import text
    from rcp_docs.source import schema

    assert f"^{text.ID.pattern}$" == schema.ID_PATTERN


def test_one_count_of_items_everywhere(pages: dict[str, str]) -> None:
    """The onion, the home page's cards, the overview and the all-in-one page (the PDF's source)
    count a layer's items the same way, from `Layer.tally`: structural proposals apart."""
    framework = load_framework(MINI_PATH)
    principles = framework.layers[0]
    assert principles.tally.text == "1 item, 1 proposed"  # a draft item and a reader's proposal
    assert [layer.tally.text for layer in framework.layers[1:]] == ["1 item"] * 3
    for layer in framework.layers:
        said = layer.tally.text
        for path in ("index.md", "overview.md", "all.md"):  # each draws the onion
            assert f'aria-label="{layer.data.name}: {said}"' in pages[path], path
        assert f'<p class="rcp-card__count">{said}</p>' in pages["index.md"]
        for path in ("overview.md", "all.md"):
            [line] = [line for line in pages[path].splitlines()
                      if line.startswith(f"{layer.index + 1}. [{layer.data.name}](")]
            assert line.endswith(f"({said})"), (path, line)
    # the structural proposal that names a layer is not one of its items: said apart
    for path in ("index.md", "overview.md", "all.md"):
        assert "Readers have also made 1 proposal to change the layers themselves" in pages[path]
