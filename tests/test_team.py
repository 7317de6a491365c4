"""The team view in a real browser: several people's answer files combined (counts, who answered
what, notes, the team onion, where answers differ most), printed and downloaded as CSV, kept only
when asked, cleared; broken, hostile, huge and repeated files refused while the others count;
without JavaScript it says what it needs; axe in both palettes, the keyboard, phone widths.
Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urljoin

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect
from reflect_site import Sheet, guarded_context, load_sheet, watched_page
from test_reflect import AXE_OPTIONS, FIXTURES, LABEL, SCREENSHOTS

from rcp_docs.site.reflect import OLD_ANSWERS

pytestmark = pytest.mark.browser
TEAM_KEY = "rcp-team-v1"
CHOICE_ORDER = ["well", "partly", "not-yet", "not-sure"]


@pytest.fixture(scope="module")
def sheet() -> Sheet:
    return load_sheet()


@pytest.fixture
def context(browser: Browser, site_url: str) -> Iterator[BrowserContext]:
    with guarded_context(browser, site_url) as made:
        yield made


def _person(sheet: Sheet, who: str, answers: dict[int, tuple[str, str]]) -> dict[str, Any]:
    """An answers file as the reflection page downloads it."""
    return {"format": "rcp-reflect", "version": 2, "framework": sheet.version,
            "saved": f"2026-12-01T10:00:0{len(who) % 10}.000Z", "who": who, "place": "",
            "answers": [{"id": sheet.items[n].id, "layer": sheet.items[n].layer,
                         "item": sheet.items[n].name, "answer": a, "note": note}
                        for n, (a, note) in answers.items()]}


def _people(sheet: Sheet) -> list[dict[str, Any]]:
    ann = _person(sheet, "Ann", {0: ("well", "We ask first."), 1: ("partly", ""), 2: ("not-yet", ""),
                                 4: ("not-sure", "Ask the manager. <script>alert(1)</script>")})
    ben = _person(sheet, "Ben", {0: ("well", ""), 1: ("not-yet", "Rushed visits."), 2: ("not-yet", "")})
    sam = json.loads((FIXTURES / "first-form-export.json").read_text(encoding="utf-8"))  # the first form's
    return [ann, ben, sam]


def _answers(person: dict[str, Any]) -> dict[str, tuple[str, str]]:
    return {a["id"]: (OLD_ANSWERS.get(a["answer"], a["answer"]), a["note"]) for a in person["answers"]}


def _files(tmp_path: Path, people: list[dict[str, Any]]) -> list[Path]:
    paths = []
    for person in people:
        path = tmp_path / f"{person['who'].split()[0].lower()}.json"
        path.write_text(json.dumps(person, indent=2), encoding="utf-8")
        paths.append(path)
    return paths


def _open(context: BrowserContext, site_url: str) -> Page:
    page = watched_page(context)
    page.goto(urljoin(site_url, "using-in-a-team/"))
    page.get_by_role("link", name="team view").first.click()  # linked from the team page
    page.wait_for_url("**/team/", wait_until="commit")
    expect(page.get_by_label("Choose answer files (JSON)", exact=False)).to_be_visible()
    return page


def _tally(sheet: Sheet, answers: list[dict[str, tuple[str, str]]], ident: str) -> str:
    chosen = [a.get(ident, ("", ""))[0] for a in answers]
    return (", ".join(f"{LABEL[v]} {chosen.count(v)}" for v in CHOICE_ORDER)
            + f", Not answered {chosen.count('')}.")


def _add(page: Page, paths: list[Path]) -> None:
    page.get_by_label("Choose answer files (JSON)", exact=False).set_input_files(paths)


def test_three_files_combine_with_the_right_counts(context: BrowserContext, site_url: str,
                                                   sheet: Sheet, tmp_path: Path) -> None:
    people = _people(sheet)
    answers = [_answers(p) for p in people]
    page = _open(context, site_url)
    _add(page, _files(tmp_path, people[:2]))
    expect(page.locator("#rcp-team-count")).to_have_text("2 people\u2019s answers: Ann, Ben.")
    _add(page, _files(tmp_path, people[2:]))  # and one more later
    expect(page.locator("#rcp-team-count")).to_have_text(
        f"3 people\u2019s answers: Ann, Ben, {people[2]['who']}.")
    for item in sheet.items:
        box = page.locator(f'.rcp-team-item[data-item="{item.id}"]')
        expect(box.locator(".rcp-tally")).to_have_text(_tally(sheet, answers, item.id))
    first = page.locator(f'.rcp-team-item[data-item="{sheet.items[0].id}"]')
    expect(first.locator(".rcp-who-said li")).to_have_text(
        [f"{p['who']}: {LABEL['well']}" for p in people])
    expect(first.locator(".rcp-team-notes li")).to_have_text(
        ["Ann: We ask first.", f"{people[2]['who']}: We ask people what matters to them first."])
    hostile_note = page.locator(f'.rcp-team-item[data-item="{sheet.items[4].id}"] .rcp-team-notes li')
    expect(hostile_note).to_have_text("Ann: Ask the manager. <script>alert(1)</script>")  # as text
    # The team onion's figures: every answer of every person, layer by layer.
    lines = []
    for layer, name in sheet.layers:
        ids = [i.id for i in sheet.items if i.layer == layer]
        chosen = [a.get(i, ("", ""))[0] for a in answers for i in ids]
        lines.append(f"{name} ({len(chosen)} answer{'' if len(chosen) == 1 else 's'}): "
                     + ", ".join(f"{LABEL[v]} {chosen.count(v)}" for v in CHOICE_ORDER)
                     + f", Not answered {chosen.count('')}.")
    expect(page.locator("#rcp-team-figures li")).to_have_text(lines)
    drawn = page.eval_on_selector_all("#rcp-slices path", "els => els.map(e => +e.dataset.count)")
    assert sum(drawn) == sum(1 for a in answers for v, _ in a.values() if v in {"well", "partly", "not-yet"})
    # Where answers differ: Ann "In part" and Ben "Not yet" on the second item; all agree on the first.
    differ = page.locator("#rcp-team-differ li")
    expect(differ.filter(has_text=sheet.items[1].name)).to_have_count(1)
    expect(differ.filter(has_text=sheet.items[0].name + ":")).to_have_count(0)
    # The combined answers as CSV: one row per person and item answered or noted.
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the combined answers (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8-sig"))))
    assert len(rows) == sum(len(a) for a in answers)
    assert {(r["who"], r["id"]): r["answer"] for r in rows}[("Ben", sheet.items[1].id)] == LABEL["not-yet"]
    # Prints: the summary and the items, not the controls.
    page.emulate_media(media="print")
    expect(page.locator("#rcp-team-summary")).to_be_visible()
    expect(page.get_by_role("button", name="Clear the team view")).to_be_hidden()
    page.emulate_media(media="screen")
    # Nothing kept unless asked.
    assert page.evaluate(f"localStorage.getItem('{TEAM_KEY}')") is None
    page.reload()
    expect(page.locator("#rcp-team-count")).to_have_text("No answer files added yet.")
    _add(page, _files(tmp_path, people))
    page.get_by_label("Keep these answers in this browser", exact=False).check()
    assert len(json.loads(page.evaluate(f"localStorage.getItem('{TEAM_KEY}')"))) == 3
    page.reload()
    expect(page.locator("#rcp-team-count")).to_contain_text("3 people\u2019s answers")
    page.get_by_role("button", name="Clear the team view").click()
    expect(page.locator("#rcp-team-count")).to_have_text("No answer files added yet.")
    assert page.evaluate(f"localStorage.getItem('{TEAM_KEY}')") is None
    expect(page.locator("#rcp-team-summary")).to_be_hidden()
    assert page.errors == []  # type: ignore[attr-defined]


def test_broken_hostile_huge_and_repeated_files_are_refused_while_the_others_count(
        context: BrowserContext, site_url: str, sheet: Sheet, tmp_path: Path) -> None:
    people = _people(sheet)
    good = _files(tmp_path, people)
    bad = {"broken.json": '{"format": "rcp-reflect", "answers": [',
           "hostile.json": "<script>alert(1)</script>" + "[" * 3000 + "]" * 3000,
           "deep.json": json.dumps({"format": "rcp-reflect", "answers": [[[[[[[["x"]]]]]]]]}),
           "huge.json": json.dumps({"format": "rcp-reflect", "answers": [], "pad": "x" * 1_100_000})}
    for name, text in bad.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    again = tmp_path / "ann-again.json"
    again.write_text(json.dumps({**people[0], "saved": "2026-12-02T09:00:00.000Z"}), encoding="utf-8")
    page = _open(context, site_url)
    _add(page, [good[0], tmp_path / "broken.json", tmp_path / "hostile.json", good[1],
                tmp_path / "deep.json", tmp_path / "huge.json", again, good[2]])
    message = page.locator("#rcp-team-message")
    expect(message).to_contain_text("\u201cbroken.json\u201d was not added: Its contents are not JSON")
    expect(message).to_contain_text("\u201chostile.json\u201d was not added")
    expect(message).to_contain_text("\u201cdeep.json\u201d was not added: Its contents are nested too deeply")
    expect(message).to_contain_text("\u201chuge.json\u201d was not added: Its contents are larger than 1 MB")
    expect(message).to_contain_text("\u201cann-again.json\u201d was not counted: it holds the answers of Ann")
    expect(page.locator("#rcp-team-count")).to_have_text(
        f"3 people\u2019s answers: Ann, Ben, {people[2]['who']}.")
    answers = [_answers(p) for p in people]
    expect(page.locator(f'.rcp-team-item[data-item="{sheet.items[0].id}"] .rcp-tally')).to_have_text(
        _tally(sheet, answers, sheet.items[0].id))
    assert page.locator("#rcp-team-message script, #rcp-team-items script, #rcp-team-items img").count() == 0
    page.wait_for_timeout(200)
    assert page.errors == []  # type: ignore[attr-defined]


def test_without_javascript_the_team_view_says_what_it_needs(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(urljoin(site_url, "team/"))
        expect(page.locator("#rcp-team-needs")).to_be_visible()
        expect(page.locator("#rcp-team-needs")).to_contain_text("needs JavaScript")
        expect(page.locator("#rcp-team-files")).to_be_hidden()
        page.goto(urljoin(site_url, "reflect/"))
        expect(page.locator("article").get_by_role("link", name="team view", exact=True)).to_have_count(1)
    finally:
        context.close()


def test_other_versions_follow_redirects_and_replacements(context: BrowserContext, site_url: str,
                                                         sheet: Sheet, tmp_path: Path) -> None:
    """Each file is read as the single import reads it: an id the page's data redirects lands on
    the item asked now, and a retired item's answer is named and skipped. (The real framework has
    no redirects yet, so the page is served with a map of old ids, as a later version carries.)"""
    moved = {"old-name": sheet.items[1].id, "gone-for-good": ""}

    def with_moves(route: Any) -> None:
        response = route.fetch()
        body = response.text().replace('data-moved="{}"', 'data-moved="'
                                       + json.dumps(moved).replace('"', "&quot;") + '"', 1)
        assert body != response.text()
        route.fulfill(response=response, body=body)

    context.route("**/team/", with_moves)
    older = _person(sheet, "Dee", {0: ("well", "")})
    older["framework"] = "0.0.9"
    older["answers"] += [{"id": "old-name", "answer": "sometimes", "note": "From an old file."},
                         {"id": "gone-for-good", "answer": "yes", "note": ""}]
    page = context.new_page()
    page.goto(urljoin(site_url, "team/"))
    _add(page, _files(tmp_path, [older]))
    message = page.locator("#rcp-team-message")
    expect(message).to_contain_text("version 0.0.9")
    expect(message).to_contain_text("Moved to the item that replaces them: \u201cold-name (now ")
    expect(message).to_contain_text("no longer part of the framework: \u201cgone-for-good\u201d")
    second = page.locator(f'.rcp-team-item[data-item="{sheet.items[1].id}"]')
    expect(second.locator(".rcp-who-said li")).to_have_text([f"Dee: {LABEL['partly']}"])
    expect(second.locator(".rcp-team-notes li")).to_have_text(["Dee: From an old file."])


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_team_view_axe_keyboard_and_phone_widths(browser: Browser, site_url: str, sheet: Sheet,
                                                 tmp_path: Path, palette: Literal["light", "dark"]) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=palette,
                                  accept_downloads=True)
    context.set_default_timeout(15_000)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        page = context.new_page()
        page.goto(urljoin(site_url, "team/"))
        _add(page, _files(tmp_path, _people(sheet)))
        expect(page.locator("#rcp-team-summary")).to_be_visible()
        results = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        assert not results, [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in results]
        # Keyboard: from the file chooser to the download, by Tab and Enter.
        page.locator("#rcp-team-files").focus()
        button = page.get_by_role("button", name="Download the combined answers (CSV)")
        for _ in range(6):
            page.keyboard.press("Tab")
            if button.evaluate("el => document.activeElement === el"):
                break
        expect(button).to_be_focused()
        with page.expect_download():
            page.keyboard.press("Enter")
        for width in (1280, 390, 320):
            page.set_viewport_size({"width": width, "height": 900})
            page.wait_for_timeout(100)
            scroll, inner = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
            assert scroll <= inner, f"scrolls sideways at {width} px: {scroll} > {inner}"
            if width == 390:
                page.screenshot(path=str(SCREENSHOTS / f"team-{width}-{palette}.png"), full_page=True)
    finally:
        context.close()
