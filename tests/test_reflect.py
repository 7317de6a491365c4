""""Reflect on your practice" in a real browser: answers kept across reloads and instant navigation,
export (JSON, CSV) and import, clearing, print and PDF, hostile imports and storage, the keyboard,
axe in both palettes, phone widths, no outside request, and "Your onion" against the answers.
Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urljoin

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect
from reflect_site import Sheet, guarded_context, load_sheet, watched_page

from rcp_docs.publish.build import load_framework
from rcp_docs.site.reflect import CHOICES, OLD_ANSWERS, QUESTION

REPO_ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = REPO_ROOT / "test-artifacts" / "screenshots"
KEY = "rcp-reflect-v2"
OLD_KEY = "rcp-reflect-v1"  # what the page's first form kept
FIXTURES = REPO_ROOT / "tests" / "fixtures" / "reflect"
LABEL = dict(CHOICES)
AXE_OPTIONS: dict[str, Any] = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sheet() -> Sheet:
    return load_sheet()


@pytest.fixture
def context(browser: Browser, site_url: str) -> Iterator[BrowserContext]:
    with guarded_context(browser, site_url) as made:
        yield made


def _open(context: BrowserContext, site_url: str) -> Page:
    page = watched_page(context)
    page.goto(urljoin(site_url, "reflect/"))
    expect(page.locator("#rcp-summary")).to_be_visible()  # the script has started
    return page


def _fieldset(page: Page, ident: str) -> Any:
    return page.locator(f'fieldset.rcp-item[data-item="{ident}"]')


def _answer(page: Page, ident: str, value: str, note: str = "") -> None:
    box = _fieldset(page, ident)
    box.get_by_label(LABEL[value], exact=True).check()
    if note:
        box.get_by_label("Your note (optional)").fill(note)


def _seen(page: Page) -> dict[str, tuple[str, str]]:
    """Every answered item on the page: id -> (choice, note)."""
    found: dict[str, tuple[str, str]] = page.evaluate("""() => Object.fromEntries(
        [...document.querySelectorAll('fieldset.rcp-item')].map(f => [f.dataset.item, [
          (f.querySelector('input:checked') || {value: ''}).value, f.querySelector('textarea').value]])
        .filter(([, [a, n]]) => a || n))""")
    return {k: (v[0], v[1]) for k, v in found.items()}


SAMPLE = {  # index into the asked items -> (choice, note)
    0: ("well", "We do this in every first meeting."),
    1: ("partly", 'Only when there is time. <script>alert("x")</script>'),
    2: ("not-yet", ""),
    5: ("not-sure", "Ask the team, = \"quoted\", and a\nsecond line"),
    12: ("well", ""),
    20: ("not-yet", "=HYPERLINK(\"https://example.org\")"),
}


def _fill(page: Page, sheet: Sheet) -> dict[str, tuple[str, str]]:
    expected = {}
    for index, (value, note) in SAMPLE.items():
        _answer(page, sheet.items[index].id, value, note)
        expected[sheet.items[index].id] = (value, note)
    page.get_by_label("Whose reflection is this?", exact=False).fill("Team <b>North</b>")
    return expected


# --- the page without answers ------------------------------------------------------------------


def test_every_asked_item_is_a_fieldset_in_order(context: BrowserContext, site_url: str,
                                                 sheet: Sheet) -> None:
    page = _open(context, site_url)
    # (Model objects never appear in an assert: pytest's report would walk their whole graph.)
    ids = page.eval_on_selector_all("fieldset.rcp-item", "els => els.map(e => e.dataset.item)")
    expected = [i.id for i in sheet.items]
    assert ids == expected
    assert not set(sheet.retired) & set(ids)
    legends = page.eval_on_selector_all("fieldset.rcp-item legend", "els => els.map(e => e.textContent)")
    names = [i.name + (" (proposal)" if i.proposed else "") for i in sheet.items]
    assert legends == names
    for ident in expected[:3]:
        box = _fieldset(page, ident)
        for value, label in CHOICES:
            expect(box.get_by_label(label, exact=True)).to_have_attribute("value", value)
        expect(box.get_by_label("Your note (optional)")).to_have_count(1)
    groups = page.get_by_role("group")
    expect(groups.filter(has=page.locator("legend"))).to_have_count(len(expected))
    assert page.errors == []  # type: ignore[attr-defined]


def test_without_javascript_the_page_is_a_worksheet(browser: Browser, site_url: str, sheet: Sheet) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(urljoin(site_url, "reflect/"))
        expect(page.locator("fieldset.rcp-item")).to_have_count(len(sheet.items))
        expect(page.locator("#rcp-summary")).to_be_hidden()
        expect(page.locator("#rcp-tools")).to_be_hidden()
        page.emulate_media(media="print")
        expect(page.locator("fieldset.rcp-item").first).to_be_visible()
    finally:
        context.close()


# --- keeping answers ---------------------------------------------------------------------------


def test_answers_survive_reload_and_instant_navigation(context: BrowserContext, site_url: str,
                                                       sheet: Sheet) -> None:
    page = _open(context, site_url)
    expected = _fill(page, sheet)
    assert _seen(page) == expected
    page.reload()
    expect(page.locator("#rcp-summary")).to_be_visible()
    assert _seen(page) == expected
    assert page.locator("#rcp-who").input_value() == "Team <b>North</b>"
    expect(page.locator("#rcp-progress")).to_have_text(f"{len(SAMPLE)} of {len(sheet.items)} answered.")
    # Away by a link (instant navigation: no page load), then back by a link.
    loads: list[str] = []
    page.on("load", lambda p: loads.append(p.url))
    page.locator(".md-tabs__link", has_text="The framework").click()
    page.wait_for_url(re.compile(rf"/{sheet.layers[0][0]}/"))
    page.get_by_role("link", name="answer this layer's questions for yourself or your team").click()
    page.wait_for_url(re.compile(r"/reflect/#"))
    expect(page.locator("#rcp-summary")).to_be_visible()
    assert loads == [], "instant navigation should not reload the page"
    assert _seen(page) == expected
    # Material swaps the page's content in after a back or forward; mark this copy so that the
    # checks below wait for the new one (they raced the swap now and then, and saw 0 figures).
    page.evaluate("document.getElementById('rcp-summary').dataset.before = 'yes'")
    page.go_back()
    page.go_forward()
    expect(page.locator("#rcp-summary:not([data-before])")).to_be_visible()
    assert _seen(page) == expected
    assert page.locator("#rcp-figures li").count() == len(sheet.layers)  # one summary, not one per visit
    expect(page.locator("#rcp-progress")).to_have_text(f"{len(SAMPLE)} of {len(sheet.items)} answered.")
    assert page.errors == []  # type: ignore[attr-defined]


def _figures(sheet: Sheet, answers: dict[str, tuple[str, str]]) -> list[str]:
    lines = []
    for layer, name in sheet.layers:
        items = [i for i in sheet.items if i.layer == layer]
        counts = {value: sum(1 for i in items if answers.get(i.id, ("", ""))[0] == value)
                  for value, _ in CHOICES}
        none = len(items) - sum(counts.values())
        lines.append(f"{name} ({len(items)} item{'' if len(items) == 1 else 's'}): "
                     + ", ".join(f"{label} {counts[value]}" for value, label in CHOICES)
                     + f", Not answered {none}.")
    return lines


def test_your_onion_matches_the_answers(context: BrowserContext, site_url: str, sheet: Sheet) -> None:
    page = _open(context, site_url)
    expect(page.locator("#rcp-figures li")).to_have_text(_figures(sheet, {}))
    expected = _fill(page, sheet)
    expect(page.locator("#rcp-figures li")).to_have_text(_figures(sheet, expected))
    expect(page.locator("#rcp-figures")).to_have_attribute("aria-live", "polite")
    slices = page.eval_on_selector_all(
        "#rcp-slices path", "els => els.map(e => [e.dataset.layer, e.dataset.answer, +e.dataset.count])")
    drawn = {(layer, answer): count for layer, answer, count in slices}
    for layer, _ in sheet.layers:
        for value in ("well", "partly", "not-yet"):
            count = sum(1 for i in sheet.items
                        if i.layer == layer and expected.get(i.id, ("",))[0] == value)
            assert drawn.get((layer, value), 0) == count, (layer, value)
    fills = page.eval_on_selector_all("#rcp-slices path", "els => els.map(e => e.getAttribute('fill'))")
    assert {"url(#rcp-stripes)", "url(#rcp-dots)"} <= set(fills)  # patterns, not colour alone
    # Ring names are at least 14 px on screen, dark on white.
    sizes = page.eval_on_selector_all("#rcp-onion text",
                                      "els => els.map(e => e.getBoundingClientRect().height)")
    assert sizes and min(sizes) >= 14


# --- files -------------------------------------------------------------------------------------


def _download(page: Page, name: str) -> tuple[str, str]:
    with page.expect_download() as info:
        page.get_by_role("button", name=name).click()
    download = info.value
    path = download.path()
    return download.suggested_filename, Path(path).read_text(encoding="utf-8-sig")


def test_export_clear_and_import(context: BrowserContext, site_url: str, sheet: Sheet,
                                 tmp_path: Path) -> None:
    page = _open(context, site_url)
    expected = _fill(page, sheet)
    buttons = page.locator("#rcp-tools .rcp-buttons button")
    expect(buttons.first).to_have_text("Download a spreadsheet (CSV)")  # the spreadsheet first
    name, text = _download(page, "Download an answers file to import later (JSON)")
    assert re.fullmatch(r"reflection-\d{4}-\d{2}-\d{2}\.json", name)
    data = json.loads(text)
    assert data["format"] == "rcp-reflect"
    assert data["framework"] == sheet.version
    assert data["who"] == "Team <b>North</b>"
    assert {a["id"]: (a["answer"], a["note"]) for a in data["answers"]} == expected
    name, text = _download(page, "Download a spreadsheet (CSV)")
    assert name.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["id"] for r in rows] == [i.id for i in sheet.items]
    for row in rows:
        choice, note = expected.get(row["id"], ("", ""))
        assert row["answer"] == (LABEL[choice] if choice else "")
        assert row["note"] == ("'" + note if note.startswith("=") else note)  # never a formula
        assert row["framework_version"] == sheet.version
    # Clear, with a confirmation that can be declined.
    page.get_by_role("button", name="Clear all answers").click()
    page.get_by_role("button", name="No, keep them").click()
    assert _seen(page) == expected
    page.get_by_role("button", name="Clear all answers").click()
    expect(page.get_by_role("button", name="Yes, clear them")).to_be_focused()
    page.get_by_role("button", name="Yes, clear them").click()
    assert _seen(page) == {}
    expect(page.locator("#rcp-message")).to_contain_text("cleared")
    assert page.evaluate(f"localStorage.getItem('{KEY}')") is None
    page.reload()
    expect(page.locator("#rcp-summary")).to_be_visible()
    assert _seen(page) == {}
    # Import the export: the same answers, saved again.
    export = tmp_path / "mine.json"
    export.write_text(json.dumps(data), encoding="utf-8")
    page.get_by_label(re.compile("Import answers from a JSON file")).set_input_files(export)
    expect(page.locator("#rcp-message")).to_contain_text(f"Imported {len(expected)} answers")
    assert _seen(page) == expected
    assert page.locator("#rcp-who").input_value() == "Team <b>North</b>"
    page.reload()
    expect(page.locator("#rcp-summary")).to_be_visible()
    assert _seen(page) == expected


# --- print -------------------------------------------------------------------------------------


def test_print_shows_the_summary_and_notes(context: BrowserContext, site_url: str, sheet: Sheet,
                                           tmp_path: Path) -> None:
    from pypdf import PdfReader

    page = _open(context, site_url)
    expected = _fill(page, sheet)
    page.emulate_media(media="print")
    expect(page.locator("#rcp-print")).to_be_visible()
    expect(page.locator("#rcp-onion svg")).to_be_visible()
    expect(page.locator("fieldset.rcp-item").first).to_be_hidden()
    expect(page.locator("#rcp-tools")).to_be_hidden()
    stamp = page.locator("#rcp-stamp")
    expect(stamp).to_be_visible()
    expect(stamp).to_contain_text(f"version {sheet.version}")
    expect(stamp).to_contain_text(re.compile(r"Printed on \d{1,2} [A-Z][a-z]+ \d{4}"))
    expect(stamp).to_contain_text("Team <b>North</b>")
    printed = page.locator("#rcp-print").inner_text()
    for _ident, (choice, note) in expected.items():
        assert LABEL[choice] in printed
        if note:
            assert note.splitlines()[0] in printed
    pdf = tmp_path / "reflection.pdf"
    page.pdf(path=str(pdf))
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(pdf)).pages).split())
    assert "Your onion" in text and "Your answers and notes" in text
    assert f"version {sheet.version}" in text
    assert "We do this in every first meeting." in text
    first_name = sheet.items[0].name
    assert first_name in text


# --- hostile input -----------------------------------------------------------------------------

HOSTILE = [  # (what the file holds, what the message must say)
    ("not json at all <script>alert(1)</script>", "not JSON"),
    ("[" * 5000 + "]" * 5000, "nested too deeply"),
    (json.dumps({"format": "other", "answers": []}), "not answers downloaded from the reflection page"),
    (json.dumps({"format": "rcp-reflect", "answers": "all of them"}), "no list of answers"),
    (json.dumps({"format": "rcp-reflect", "framework": "9.9.9", "answers": [
        {"id": "no-such-item", "answer": "yes"},
        {"id": "<img src=x onerror=alert(1)>", "answer": "yes"},
        {"id": 42, "answer": "yes"},
        "a string",
        {"id": "{first}", "answer": "<b>bold</b>"},
        {"id": "{first}", "answer": "sometimes", "note": "second copy"},
        {"id": "{second}", "answer": "yes", "note": {"nested": ["deep"]}},
        {"id": "{third}", "answer": "not-yet", "note": "x" * 20_000},
        {"id": "{fourth}", "answer": "yes",
         "note": '<a href="javascript:alert(1)">click</a><script>alert(2)</script>'},
    ], "who": ["not", "text"], "place": "y" * 500}), None),
]


def test_hostile_imports_are_reported_and_inert(context: BrowserContext, site_url: str, sheet: Sheet,
                                                tmp_path: Path) -> None:
    page = _open(context, site_url)
    message = page.locator("#rcp-message")
    first, second, third, fourth = (sheet.items[i].id for i in range(4))
    for n, (content, says) in enumerate(HOSTILE):
        content = (content.replace("{first}", first).replace("{second}", second)
                   .replace("{third}", third).replace("{fourth}", fourth))
        path = tmp_path / f"hostile-{n}.json"
        path.write_text(content, encoding="utf-8")
        page.get_by_label(re.compile("Import answers from a JSON file")).set_input_files(path)
        if says:
            expect(message).to_contain_text("Nothing was imported")
            expect(message).to_contain_text(says)
            continue
        expect(message).to_contain_text("Imported 3 answers")
        report = message.inner_text()
        for expected in ["version 9.9.9", "no item has this id", "\u201cno-such-item\u201d",
                         "<img src=x onerror=alert(1)>", "2 entries were not an answer",
                         "already answered", f"\u201c{first}\u201d", f"{second} (note)",
                         f"{third} (note)", "The name or team was skipped",
                         "The place or service was skipped"]:
            assert expected in report, expected
        assert _seen(page) == {second: ("well", ""), third: ("not-yet", ""), fourth: (
            "well", '<a href="javascript:alert(1)">click</a><script>alert(2)</script>')}
    # Nothing became markup: no image, link or script was made from the file.
    assert page.locator("#rcp-message img, #rcp-message script, #rcp-message a").count() == 0
    assert page.locator("#rcp-print script, #rcp-print a").count() == 0
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"format": "rcp-reflect", "answers": [], "pad": "x" * 1_100_000}))
    page.get_by_label(re.compile("Import answers from a JSON file")).set_input_files(big)
    expect(message).to_contain_text("larger than 1 MB")
    page.wait_for_timeout(200)
    assert page.errors == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("stored", ["{not json", json.dumps({"format": "something-else"}),
                                    json.dumps({"format": "rcp-reflect", "answers": [
                                        {"id": "gone", "answer": "yes"}]})],
                         ids=["corrupt", "foreign", "unknown-ids"])
def test_bad_saved_answers_are_reported_and_can_be_cleared(context: BrowserContext, site_url: str,
                                                           stored: str) -> None:
    page = context.new_page()
    page.goto(urljoin(site_url, "reflect/"))
    page.evaluate(f"localStorage.setItem({json.dumps(OLD_KEY)}, {json.dumps(stored)})")
    page.reload()
    expect(page.locator("#rcp-summary")).to_be_visible()  # never a blank page
    message = page.locator("#rcp-message")
    expect(message).to_contain_text("saved in this browser")
    expect(message).to_contain_text("Clear all answers")
    expect(page.locator("fieldset.rcp-item").first).to_be_visible()
    page.get_by_role("button", name="Clear all answers").click()
    page.get_by_role("button", name="Yes, clear them").click()
    kept = page.evaluate(f"[localStorage.getItem('{KEY}'), localStorage.getItem('{OLD_KEY}')]")
    assert kept == [None, None]
    page.reload()
    expect(page.locator("#rcp-summary")).to_be_visible()
    expect(message).to_be_empty()


def test_old_ids_follow_redirects_and_replacements(context: BrowserContext, site_url: str,
                                                   sheet: Sheet, tmp_path: Path) -> None:
    """The page carries the model's map of old ids; an import uses it (the real file may have no
    redirects yet: then the map is empty and an old id is reported as unknown)."""
    page = _open(context, site_url)
    carried = json.loads(page.locator("#rcp-reflect").get_attribute("data-moved") or "null")
    assert carried == sheet.redirects
    if not carried:
        return
    old, new = next((k, v) for k, v in carried.items() if v)
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"format": "rcp-reflect", "framework": "0.0.1",
                                "answers": [{"id": old, "answer": "yes"}]}))
    page.get_by_label(re.compile("Import answers from a JSON file")).set_input_files(path)
    expect(page.locator("#rcp-message")).to_contain_text("Moved to the item that replaces them")
    assert _seen(page) == {new: ("well", "")}


# --- keyboard, axe, phones, screenshots --------------------------------------------------------


def test_keyboard_only_from_the_first_question_to_export(context: BrowserContext, site_url: str,
                                                         sheet: Sheet) -> None:
    page = _open(context, site_url)
    first = _fieldset(page, sheet.items[0].id)
    page.locator("#rcp-place").focus()
    well = first.get_by_label(LABEL["well"], exact=True)
    for _ in range(3):  # past the layer heading's permalink, to the first choice
        page.keyboard.press("Tab")
        if well.evaluate("el => document.activeElement === el"):
            break
    expect(well).to_be_focused()
    page.keyboard.press("ArrowRight")  # arrows move between choices and choose
    expect(first.get_by_label(LABEL["partly"], exact=True)).to_be_checked()
    expect(page.locator("#rcp-progress")).to_have_text(f"1 of {len(sheet.items)} answered.")
    page.keyboard.press("Tab")
    expect(first.get_by_label("Your note (optional)")).to_be_focused()
    page.keyboard.type("Typed from the keyboard")
    export = page.get_by_role("button", name="Download an answers file to import later (JSON)")
    for _ in range(400):
        if export.evaluate("el => document.activeElement === el"):
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail("Tab never reached the JSON download")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    wanted = [{"id": sheet.items[0].id, "layer": sheet.items[0].layer, "item": sheet.items[0].name,
               "answer": "partly", "note": "Typed from the keyboard"}]
    assert data["answers"] == wanted
    # Clear from the keyboard: focus moves into the confirmation and back.
    clear = page.get_by_role("button", name="Clear all answers")
    clear.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Yes, clear them")).to_be_focused()
    page.keyboard.press("Enter")
    expect(clear).to_be_focused()
    assert _seen(page) == {}


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_axe_and_phone_widths(browser: Browser, site_url: str, sheet: Sheet,
                              palette: Literal["light", "dark"]) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=palette)
    context.set_default_timeout(15_000)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        page = context.new_page()
        page.goto(urljoin(site_url, "reflect/"))
        expect(page.locator("#rcp-summary")).to_be_visible()
        _fill(page, sheet)
        page.get_by_role("button", name="Clear all answers").click()  # the confirmation shown too
        results = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        assert not results, [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in results]
        for width in (1280, 390, 320):
            page.set_viewport_size({"width": width, "height": 900})
            page.wait_for_timeout(100)
            scroll, inner = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
            assert scroll <= inner, f"scrolls sideways at {width} px: {scroll} > {inner}"
            if width in (1280, 390):
                page.screenshot(path=str(SCREENSHOTS / f"reflect-{width}-{palette}.png"),
                                full_page=True)
                page.locator("#rcp-summary").screenshot(
                    path=str(SCREENSHOTS / f"reflect-onion-{width}-{palette}.png"))
    finally:
        context.close()


# --- the form's own wording, a short version per role, the summary ------------------------------


def _old(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return data


def _mapped(old: dict[str, Any]) -> dict[str, tuple[str, str]]:
    return {a["id"]: (OLD_ANSWERS.get(a["answer"], a["answer"]), a["note"]) for a in old["answers"]}


def test_one_closed_question_with_the_items_questions_as_prompts(context: BrowserContext,
                                                                 site_url: str, sheet: Sheet) -> None:
    page = _open(context, site_url)
    box = _fieldset(page, sheet.items[0].id)
    expect(box.locator(".rcp-ask")).to_have_text(QUESTION)
    expect(box.get_by_role("radiogroup", name=QUESTION)).to_have_count(1)
    note = box.get_by_label("Your note (optional)")
    fw = load_framework(REPO_ROOT / "framework.yml")
    questions = next(i for i in fw.items if i.id == sheet.items[0].id).data.questions
    assert box.locator(".rcp-questions li").all_inner_texts() == list(questions)
    expect(box.locator(f"#{note.get_attribute('aria-describedby')}")).to_have_text("To help your note:")
    expect(page.locator("article")).to_contain_text("this project's own")
    # Nothing on the form leaves the page: its only links open in a new tab.
    links = page.locator("fieldset.rcp-item a")
    assert links.count() == len(sheet.items)
    targets = page.eval_on_selector_all("fieldset.rcp-item a", "els => els.map(a => a.target)")
    assert set(targets) == {"_blank"}
    assert page.locator("fieldset.rcp-item legend a").count() == 0


@pytest.mark.parametrize("source", ["saved", "export"])
def test_the_first_forms_answers_load_mapped_to_the_new_form(context: BrowserContext, site_url: str,
                                                             sheet: Sheet, source: str,
                                                             tmp_path: Path) -> None:
    """Real data from the page's first form: kept in the browser, or exported as a file."""
    old = _old(f"first-form-{source}.json")
    expected = _mapped(old)
    assert {v for v, _ in expected.values()} == {"well", "partly", "not-yet", "not-sure"}
    page = context.new_page()
    if source == "saved":
        page.goto(urljoin(site_url, "reflect/"))
        page.evaluate(f"localStorage.clear(); localStorage.setItem({json.dumps(OLD_KEY)}, "
                      f"{json.dumps(json.dumps(old))})")
        page.reload()
    else:
        page.goto(urljoin(site_url, "reflect/"))
        path = tmp_path / "old.json"
        path.write_text(json.dumps(old), encoding="utf-8")
        page.get_by_label(re.compile("Import answers from a JSON file")).set_input_files(path)
        expect(page.locator("#rcp-message")).to_contain_text("Imported 4 answers")
    expect(page.locator("#rcp-summary")).to_be_visible()
    assert _seen(page) == expected
    assert page.locator("#rcp-who").input_value() == old["who"]
    expect(page.locator("#rcp-progress")).to_have_text(f"4 of {len(sheet.items)} answered.")
    stored = json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))
    assert {a["id"]: (a["answer"], a["note"]) for a in stored["answers"]} == expected
    assert page.evaluate(f"localStorage.getItem('{OLD_KEY}')") is None  # brought over once
    page.reload()
    expect(page.locator("#rcp-summary")).to_be_visible()
    assert _seen(page) == expected
    if source == "saved":
        expect(page.locator("#rcp-message")).to_be_empty()


def test_a_short_version_from_each_role_page(context: BrowserContext, site_url: str,
                                             sheet: Sheet) -> None:
    fw = load_framework(REPO_ROOT / "framework.yml")
    role = next(r for r in fw.roles if r.path)
    path = [i.id for i in role.path if i.id in {a.id for a in sheet.items}]
    page = context.new_page()
    page.goto(urljoin(site_url, f"roles/{role.id}/"))
    loads: list[str] = []
    page.on("load", lambda p: loads.append(p.url))
    page.get_by_role("link", name="a short version of the worksheet").click()
    page.wait_for_url(re.compile(rf"/reflect/\?role={role.id}$"), wait_until="commit")
    expect(page.locator("#rcp-short")).to_contain_text(f"the {len(path)} items on this role")
    assert loads == [], "instant navigation should not reload the page"
    shown = page.eval_on_selector_all("fieldset.rcp-item:not([hidden])",
                                      "els => els.map(e => e.dataset.item)")
    assert sorted(shown) == sorted(path)
    expect(page.locator("#rcp-progress")).to_have_text(f"0 of {len(path)} answered.")
    _answer(page, path[0], "not-yet", "Not with every family yet.")
    expect(page.locator("#rcp-progress")).to_have_text(f"1 of {len(path)} answered.")
    page.get_by_role("link", name="Answer every item instead").click()
    page.wait_for_url(re.compile(r"/reflect/$"), wait_until="commit")
    expect(page.locator("fieldset.rcp-item:not([hidden])")).to_have_count(len(sheet.items))
    expect(page.locator("#rcp-progress")).to_have_text(f"1 of {len(sheet.items)} answered.")


def test_summary_has_the_notes_and_a_suggested_next_step(context: BrowserContext, site_url: str,
                                                         sheet: Sheet) -> None:
    page = _open(context, site_url)
    expect(page.locator("#rcp-next")).to_contain_text("The project\u2019s suggestion")
    expected = _fill(page, sheet)
    notes = page.locator("#rcp-notes li")
    expect(notes).to_have_count(sum(1 for _, n in expected.values() if n))
    expect(page.locator("#rcp-notes")).to_contain_text("We do this in every first meeting.")
    first_not_yet = next(i for i in sheet.items if expected.get(i.id, ("",))[0] == "not-yet")
    expect(page.locator("#rcp-next")).to_contain_text(f"\u201c{first_not_yet.name}\u201d")
    expect(page.locator("#rcp-next")).to_contain_text("The project\u2019s suggestion")
    # No colour of pass or fail: the solid slice is blue, the patterns blue and purple.
    fills = page.evaluate("""() => [...document.querySelectorAll('#rcp-onion pattern *, #rcp-slices path')]
        .map(e => e.getAttribute('fill')).filter(f => f && f.startsWith('#'))""")
    for fill in fills:
        r, g, b = (int(fill[i:i + 2], 16) for i in (1, 3, 5))
        assert not (g > r + 30 and g > b + 30), f"{fill} reads as green"
        assert not (r > g + 60 and r > b + 60), f"{fill} reads as red"
