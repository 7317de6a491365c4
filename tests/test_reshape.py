"""The authors' own lists, as a test: editors reshape the framework from framework.yml alone, and
no address of the last release breaks.

"The authors' version" is today's framework.yml reshaped as the authors might: the core layer
takes part two's other word for it, values (a new id, the old one redirected), Active listening
moves from the competencies to the protocols, Peer learning is merged into Mentorship (its id
redirected, from one layer to another), and a fifth layer is added. The addresses followed are
those release 0.1.0 (releases/framework-0.1.0.yml) published.
Only framework.yml changes: mkdocs.yml, the content and the templates are the project's own.
The site is built strictly; then every item address that 0.1.0 published is followed, without
JavaScript (the old page holds the id, or a note under it linking to where the item is now) and in
Chromium (the reader lands on the item itself, by loading the address and by instant navigation).
Frameworks of 3 and 6 layers check what the home page, overview, reflection page and PDF say.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import pytest
from hostile.site import serve
from test_engines import build

from rcp_docs.check.validate import validate
from rcp_docs.editors.diff import diff_data, vanished
from rcp_docs.publish.build import build_bytes
from rcp_docs.source.load import load_bytes
from rcp_docs.structure import model
from rcp_docs.structure.registry import address, entries_of, field, homes

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Route

ROOT = Path(__file__).resolve().parent.parent
RELEASE = ROOT / "releases" / "framework-0.1.0.yml"
NEW_LAYER = """\
  - id: wider-environment
    name: The wider environment
    summary: What an organisation can influence but not control, such as funding and law.
    explanation: >-
      Around an organisation's own protocols lies what it can only influence. A reader proposed
      keeping the two apart.
    question: What around your organisation helps or hinders the practice?
    related_heading: The wider environment around it
    backlink_heading: Shapes
    sources:
      - feedback-protocols-and-comparison
    items:
      - id: funding-that-allows-time
        name: Funding that allows time
        summary: Money for services that pays for the time relationships take.
        description: >-
          Funding rules decide how long a worker may spend with someone. A reader asked for the
          conditions around an organisation to be named apart from its own rules.
        questions:
          - Does the way your service is paid for leave time for relationships?
        origin: An example the project gives for a reader's proposal.
        provenance: placed
        status: draft
        sources:
          - feedback-protocols-and-comparison

"""


def _block(text: str, ident: str, indent: str) -> str:
    """The YAML block of the list entry `ident` at `indent` (up to the next entry or less)."""
    start = text.index(f"\n{indent}- id: {ident}\n") + 1
    body = text.index("\n", start) + 1
    rest = re.search(rf"^(?!{indent}  )(?!\s*$)", text[body:], re.MULTILINE)
    assert rest is not None
    return text[start: body + rest.start()]


def authors_version() -> str:
    """Today's framework.yml, reshaped (see the module's docstring)."""
    text = (ROOT / "framework.yml").read_text(encoding="utf-8")
    text = text.replace("  - id: principles\n    name: Underpinning principles\n",
                        "  - id: values\n    name: Underpinning values\n", 1)
    text = text.replace("      - principles\n", "      - values\n")  # proposals name layers
    text = text.replace("[principles, competencies]", "[values, competencies]")
    listening = _block(text, "active-listening", "      ")
    text = text.replace(listening, "", 1)
    protocols_items = text.index("    items:\n", text.index("  - id: protocols\n")) + len("    items:\n")
    text = text[:protocols_items] + listening + text[protocols_items:]
    text = text.replace(_block(text, "peer-learning", "      "), "", 1)
    text = text.replace("        related:\n          - peer-learning\n", "")  # its only link
    text = text.replace("          - peer-learning\n", "")
    text = text.replace("\nstructural_proposals:\n", "\n" + NEW_LAYER + "structural_proposals:\n", 1)
    ours = "\n  - from: principles\n    to: values\n  - from: peer-learning\n    to: mentorship"
    if "\nredirects:" in text:
        text = text.replace("\nredirects:", "\nredirects:" + ours, 1)
    else:
        text += "\nredirects:" + ours + "\n"
    return text


@functools.cache
def _frameworks() -> tuple[dict[str, Any], model.Framework]:
    """Release 0.1.0 as plain data (as the build reads snapshots: it need not match today's
    schema), and the authors' version, validated."""
    release = load_bytes(RELEASE.read_bytes(), "releases/framework-0.1.0.yml").to_data()
    return release, validate(load_bytes(authors_version().encode(), "framework.yml"))


def _released_addresses() -> list[tuple[str, str, str]]:
    """(page, id, where it should land) for every item address release 0.1.0 published."""
    release, authors = _frameworks()
    now = homes(authors.data)
    redirects = {r.old: r.new for r in authors.data.redirects}
    found = []
    for coll, entry, parent, _ in entries_of(release):
        if coll.kind == "item" and isinstance(entry, dict) and isinstance(parent, dict):
            ident = str(entry["id"])
            found.append((f"{parent['id']}/index.md", ident, now[redirects.get(ident, ident)]))
    return found


def test_the_authors_version_is_valid_and_no_released_id_vanishes() -> None:
    release, authors = _frameworks()
    assert [layer.id for layer in authors.layers] == [
        "values", "behaviours", "competencies", "protocols", "wider-environment"]
    assert vanished(release, authors) == []
    said = {(c.kind, c.id): c for c in diff_data(release, authors.as_data())}
    assert ("moved", "values") in said  # one change for the layer, not one per item
    assert ("moved", "active-listening") in said
    assert said["moved", "active-listening"].data == {"from": "competencies", "to": "protocols"}
    assert ("removed", "peer-learning") in said and ("added", "wider-environment") in said
    assert not any(c.kind == "moved" and c.data.get("from") == "principles"
                   and c.section == "Items" for c in said.values())
    assert ("added", "principles") not in {(c.kind, c.id) for c in said.values()
                                           if c.section == "Redirects"}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project whose framework.yml alone is the authors' version."""
    copy = tmp_path_factory.mktemp("authors")
    for name in ("content", "theme_overrides", "releases"):
        shutil.copytree(ROOT / name, copy / name)
    shutil.copy(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    (copy / "framework.yml").write_text(authors_version(), encoding="utf-8")
    return copy


@pytest.fixture(scope="module")
def site(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build("mkdocs", tmp_path_factory.mktemp("authors-site") / "site", project)  # --strict


def _text(html: str) -> str:
    """A page's words, without tags, on one line."""
    return re.sub(r"\s+([.,;:)])", r"\1", " ".join(re.sub(r"<[^>]+>", " ", html).split()))


def _html(site: Path, page: str) -> str:
    return (site / address(page, True) / "index.html").read_text(encoding="utf-8")


def test_every_released_address_holds_its_id_or_a_note_that_links_on(site: Path) -> None:
    """Without JavaScript: the old page shows the id itself, or a note under it with a link to
    the page and anchor where the item is now (which that page has)."""
    checked = forwarded = 0
    for page, ident, target in _released_addresses():
        html = _html(site, page)
        element = re.search(rf'<(\w+)[^>]*\bid="{re.escape(ident)}"[^>]*>(.*?)</\1>', html, re.DOTALL)
        assert element is not None, f"{page}#{ident}: no element with that id"
        if 'class="rcp-moved"' in element.group(0):
            links = re.findall(r'href="([^"]+)"', element.group(2))
            assert links, f"{page}#{ident}: a note without a link"
            landed = urlsplit(urljoin("http://site/" + address(page, True), links[0]))
            file, _, anchor = target.partition("#")
            assert landed.path == "/" + address(file, True) and landed.fragment == anchor, (
                f"{page}#{ident} links on to {links[0]}, not {target}")
            assert f'id="{anchor}"' in _html(site, file)
            forwarded += 1
        checked += 1
    assert checked > 30
    principles = next(layer for layer in _frameworks()[0]["layers"] if layer["id"] == "principles")
    # every principle (its layer has a new id), Active listening and Peer learning
    assert forwarded == len(principles["items"]) + 2


def test_the_layers_are_in_the_navigation_from_the_data(site: Path) -> None:
    """mkdocs.yml names no layer; the built navigation lists the five, core first."""
    html = (site / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('md-nav--primary'):html.index('class="md-content"')]
    order = [m for m in re.findall(r'href="(?:\./|\.\./)*([a-z-]+)/"', nav)
             if m in {"values", "behaviours", "competencies", "protocols", "wider-environment"}]
    assert list(dict.fromkeys(order)) == ["values", "behaviours", "competencies", "protocols",
                                          "wider-environment"]
    assert "principles" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_what_changed_and_the_history_lines_say_it_moved(site: Path) -> None:
    changes = _text(_html(site, "whats-changed.md"))
    assert "Moved Active listening active-listening from competencies to protocols." in changes
    assert "Underpinning values has a new address: values (it was principles)" in changes
    protocols = _html(site, "protocols/index.md")
    assert "moved to this layer since the last release" in protocols.lower()
    competencies = _text(_html(site, "competencies/index.md"))
    assert "Active listening is now in Enabling protocols." in competencies
    assert "Peer learning among practitioners is now Mentorship" not in competencies
    names = {item.id: item.data.name for item in _frameworks()[1].items}
    old = next(str(field(e, "name")) for _, e, _, _ in entries_of(_frameworks()[0])
               if field(e, "id") == "peer-learning")
    assert f"{old} is now {names['mentorship']}, in Individual competencies." in _text(protocols)


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


def _local_sitemap(route: Route, base: str) -> None:
    response = route.fetch()
    text = response.text()
    locs = re.findall(r"<loc>([^<]+)</loc>", text)
    root = min(locs, key=len) if locs else base
    route.fulfill(response=response, body=text.replace(root, base))


@pytest.mark.browser
def test_in_a_browser_every_released_address_lands_on_the_item(browser: Browser, served: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.set_default_timeout(10_000)
    context.route(re.compile(r".*/sitemap\.xml$"), lambda r: _local_sitemap(r, served))
    try:
        page = context.new_page()
        for old_page, ident, target in _released_addresses():
            file, _, anchor = target.partition("#")
            expected = urljoin(served, address(file, True)) + f"#{anchor}"
            page.goto(urljoin(served, address(old_page, True)) + f"#{ident}", wait_until="commit")
            page.wait_for_url(expected, wait_until="commit")  # the old page's load is cut short
            page.wait_for_load_state("domcontentloaded")
            assert page.locator(f"[id='{anchor}']").count() == 1
        # a whole page that moved: the old layer address opens the new one
        page.goto(urljoin(served, "principles/"), wait_until="commit")
        page.wait_for_url(urljoin(served, "values/"), wait_until="commit")
        # instant navigation: a link to an old address, followed from another page
        page.goto(served)
        page.wait_for_load_state("networkidle")
        page.evaluate("""() => { const a = document.createElement('a');
            a.href = 'competencies/#active-listening'; a.id = 'rcp-test-link'; a.textContent = 'go';
            document.querySelector('.md-content').prepend(a); }""")
        page.locator("#rcp-test-link").click()
        page.wait_for_url(urljoin(served, "protocols/") + "#active-listening")
        assert page.locator("[id='active-listening']").is_visible()
    finally:
        context.close()


# --- frameworks of other shapes ------------------------------------------------------------------


def _with_layers(count: int) -> bytes:
    """tests/fixtures/mini.yml (4 layers) with its outermost layer taken away (3), or with copies
    of it, under new ids, added around it (6)."""
    text = (ROOT / "tests" / "fixtures" / "mini.yml").read_text(encoding="utf-8")
    start, end = text.index("layers:\n") + len("layers:\n"), text.index("structural_proposals:")
    layers = re.split(r"(?m)^(?=  - id: )", text[start:end])[1:]
    assert len(layers) == 4 and all(layer.endswith("\n") for layer in layers)
    rest = text[end:]
    if count == 3:  # the protocols go, with what names them
        layers.pop()
        layers = [layer.replace(", permission]", "]") for layer in layers]
        rest = rest.replace("layers: [protocols]", "layers: [competencies]")
    for extra in range(len(layers), count):
        layers.append(re.sub(r"(?m)^(  |      )- id: ([a-z0-9-]+)", rf"\1- id: \2-{extra}", layers[3])
                      .replace("name: ", f"name: Ring {extra}, ", 1))
    return (text[:start] + "".join(layers) + rest).encode()


@pytest.mark.parametrize("count", [3, 6])
def test_pages_say_the_number_and_names_of_the_layers(count: int) -> None:
    raw = _with_layers(count)
    framework = validate(load_bytes(raw))
    names = [layer.data.name for layer in framework.layers]
    assert len(names) == count
    site = build_bytes(raw, options=None)
    home, overview = site.pages["index.md"], site.pages["overview.md"]
    assert f"The framework has {count} layers" in home and f"The framework has {count} layers" in overview
    for name in names:
        assert name in home and name in overview and name in site.pages["reflect.md"]
    assert home.count('<li class="rcp-card">') == count
    for layer in framework.layers:  # a ring of the onion for each, linking to its page
        assert f'<a href="../{layer.id}/" aria-label="{layer.data.name}: ' in overview
    assert site.inserts["layers"].count("\n") == count
    assert all(name in site.inserts["layers"] for name in names)


@pytest.mark.parametrize("count", [3, 6])
def test_the_pdf_has_a_chapter_per_layer(count: int) -> None:
    from rcp_docs.base.options import Options

    raw = _with_layers(count)
    site = build_bytes(raw, options=Options(pdf=True))
    (document,) = site.prints.values()
    names = [layer.data.name for layer in validate(load_bytes(raw)).layers]
    chapters = re.findall(r"<h2[^>]*>(.*?)</h2>", document)
    assert [c for c in chapters if c in names] == names


def test_search_and_saved_answers_follow(site: Path) -> None:
    """The search index finds a moved item at its new place only; the reflection page carries
    old ids (merged, redirected) to the items that took them over, for saved answers."""
    import json

    from rcp_docs.site.reflect import answer_redirects

    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    places = [doc["location"] for doc in index["docs"] if doc["title"] == "Active listening"]
    assert [p for p in places if not p.startswith("all/")] == ["protocols/#active-listening"]
    redirects = answer_redirects(_frameworks()[1])
    assert redirects["peer-learning"] == "mentorship"
    sheet = _html(site, "reflect.md")
    assert 'data-moved="' in sheet and "peer-learning" in sheet and 'data-item="active-listening"' in sheet


def test_a_hand_written_page_left_out_of_the_navigation_still_stops_the_strict_build(
        project: Path, tmp_path: Path) -> None:
    """The layers fill their own place in the navigation; a hand-written page does not."""

    copy = tmp_path / "project"
    shutil.copytree(project, copy)
    (copy / "content" / "forgotten.md").write_text("# Forgotten\n\nNot in the navigation.\n",
                                                     encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
                             str(tmp_path / "site")], cwd=copy, capture_output=True, text=True,
                            check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode != 0
    assert "forgotten.md" in result.stderr
    assert "values/index.md" not in result.stderr  # the layer pages are in the navigation
