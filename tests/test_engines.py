"""The site built by each engine: MkDocs + Material (the default), ProperDocs + Material, Zensical.

Each build is strict (`--strict`; Zensical's own strict mode) and lands in a temporary folder;
nothing is written into the repository. For each engine: every page is there, every item's anchor
on its layer page, every internal link and anchor resolves (the shared crawler, over the served
site), the search results lead somewhere, the edit and view actions point at framework.yml's
lines, every page carries the accessibility fixes (rcp.css) and no page asks another host for
anything (statically here; in Chromium in the browser test at the end). Zensical, which runs no
plugin, also gets the hostile framework: its page titles must show the names as written.
"""

from __future__ import annotations

import functools
import html as html_module
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin

import pytest
from crawler import MIN_PAGES, Crawl, check_search_locations, parse_page
from hostile.site import serve

from rcp_docs.publish.build import build as build_pipeline
from rcp_docs.publish.build import load_framework
from rcp_docs.structure import model

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Request

ROOT = Path(__file__).resolve().parent.parent


@functools.cache
def _framework() -> model.Framework:
    return load_framework(ROOT / "framework.yml")

ENGINES = ["mkdocs", "properdocs", "zensical"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
BIN = Path(sys.executable).parent


def _run(command: list[str], cwd: Path) -> None:
    if not Path(command[0]).exists():
        pytest.fail(f"{command[0]} is not installed: run make test (it installs requirements/test.txt)",
                    pytrace=False)
    try:
        subprocess.run(command, cwd=cwd, env=ENV, check=True, capture_output=True, timeout=600)
    except subprocess.CalledProcessError as exc:
        pytest.fail(f"{' '.join(command)} failed:\n" + exc.stdout.decode(errors="replace")
                    + exc.stderr.decode(errors="replace"), pytrace=False)


def build(engine: str, out: Path, project: Path = ROOT) -> Path:
    """Build `project` with `engine` into `out` (a new folder); return `out`."""
    if engine == "properdocs":
        _run([str(BIN / "properdocs"), "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(out)],
             project)
    elif engine == "zensical":
        _run([sys.executable, "-m", "rcp_docs.publish.zensical", "zensical",
              "--work", str(out.parent / "work"), "--site-dir", str(out)], project)
    else:
        _run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)], project)
    return out


@pytest.fixture(scope="module", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


_BUILT: dict[str, Path] = {}  # each engine's site, built once for the module's tests


def _site_of(engine: str, request: pytest.FixtureRequest, factory: pytest.TempPathFactory) -> Path:
    if engine not in _BUILT:
        if engine == "mkdocs":
            _BUILT[engine] = request.getfixturevalue("built_site")  # the session's build (conftest)
        else:
            _BUILT[engine] = build(engine, factory.mktemp(engine) / "site")
    return _BUILT[engine]


@pytest.fixture(scope="module")
def site(engine: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _site_of(engine, request, tmp_path_factory)


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def crawl(served: str) -> Crawl:
    crawler = Crawl(served)
    crawler.run()
    return crawler


def _expected_pages() -> set[str]:
    """Every page's HTML file: the generated pages and the hand-written ones."""
    pages = build_pipeline(ROOT / "framework.yml").pages
    sources = {p for p in pages if p.endswith(".md")}
    sources |= {p.relative_to(ROOT / "content").as_posix() for p in (ROOT / "content").rglob("*.md")}
    return {s[: -len("index.md")] + "index.html" if s == "index.md" or s.endswith("/index.md")
            else s[: -len(".md")] + "/index.html" for s in sources}


def test_every_page_is_built(site: Path) -> None:
    built = {p.relative_to(site).as_posix() for p in site.rglob("*.html")} - {"404.html"}
    expected = _expected_pages()
    assert len(expected) >= MIN_PAGES
    assert built == expected, f"missing: {sorted(expected - built)}; extra: {sorted(built - expected)}"
    downloads = {p.name for p in (site / "downloads").iterdir()}
    assert {"framework.json", "principles.csv"} <= downloads
    # Reading with no signal: the worker, the manifest and its icon, from the publishing step.
    for path in ("sw.js", "manifest.webmanifest", "assets/images/rcp-icon.svg"):
        assert (site / path).is_file(), path
    assert 'CACHE = PREFIX + "' in (site / "sw.js").read_text(encoding="utf-8")
    assert 'rel="manifest"' in (site / "index.html").read_text(encoding="utf-8")


def test_every_item_anchor_is_on_its_layer_page(site: Path) -> None:
    for layer in _framework().layers:
        page = parse_page((site / layer.id / "index.html").read_text(encoding="utf-8"))
        missing = [item.id for item in layer.items if item.id not in page.ids]
        assert missing == [], f"{layer.id}: no anchor for {missing}"
    assert sum(len(layer.items) for layer in _framework().layers) > 30


def test_every_internal_link_and_search_result_resolves(crawl: Crawl, served: str) -> None:
    assert len(crawl.pages) >= MIN_PAGES, sorted(crawl.pages)
    assert crawl.checked_fragments > 100
    assert check_search_locations(crawl, served) > 100


def test_no_page_loads_anything_from_another_host(crawl: Crawl) -> None:
    assert any(url.endswith(".js") for url in crawl.fetched)
    assert crawl.outside == []


def test_the_all_in_one_page_is_printable_but_not_in_the_search_index(site: Path, engine: str
                                                                      ) -> None:
    """Its front matter takes it out of the index in every engine (Zensical's is search.json):
    each chapter is a page of its own, and a second copy of every result only got in the way."""
    index = site / ("search.json" if engine == "zensical" else "search/search_index.json")
    data = json.loads(index.read_text(encoding="utf-8"))
    locations = [entry["location"] for entry in data.get("items") or data["docs"]]
    assert len(locations) > 150
    assert [location for location in locations if location.startswith("all/")] == []
    assert "the whole framework" in (site / "all" / "index.html").read_text(encoding="utf-8")


def test_readers_pages_have_no_edit_or_view_action(site: Path) -> None:
    """The actions open GitHub, which is for editors: the published site has none."""
    pages = list(site.rglob("*.html"))
    assert len(pages) >= MIN_PAGES
    with_actions = [p.relative_to(site).as_posix() for p in pages
                    if "md-content__button" in p.read_text(encoding="utf-8")]
    assert with_actions == []


@pytest.mark.parametrize("name", ["mkdocs", "zensical"])  # ProperDocs runs the same plugin
def test_a_preview_build_carries_the_editors_actions(name: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A pull request's preview (RCP_PREVIEW, the plugin's `preview` option, which the Zensical
    build reads from mkdocs.yml too) keeps the edit and view actions, at framework.yml's lines."""
    monkeypatch.setitem(ENV, "RCP_PREVIEW", "abc1234")
    site = build(name, tmp_path / "site")
    layer = next(layer for layer in _framework().layers if layer.id == "behaviours")
    html = (site / "behaviours" / "index.html").read_text(encoding="utf-8")
    repo = "https://github.com/relationships-project/rcp-docs"
    assert f'href="{repo}/edit/main/framework.yml"' in html
    assert f'href="{repo}/blob/main/framework.yml#L{layer.lines.first}-L{layer.lines.last}"' in html
    # the plugin's preview links files, for opening from disk: about.html there
    about = site / "about.html" if (site / "about.html").exists() else site / "about" / "index.html"
    assert f'href="{repo}/edit/main/content/about.md"' in about.read_text(encoding="utf-8")


def test_every_page_has_the_accessibility_fixes_and_no_repository_widget(site: Path) -> None:
    """rcp.css (underlined links, contrast) on every page; the repository link without the
    component that asks api.github.com for stars; the print page's short table of contents."""
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert re.search(r'<link rel="stylesheet" href="[^"]*/?assets/stylesheets/rcp\.css">', text), html
        assert 'data-md-component="source"' not in text, html
    toc = re.search(r'<nav class="md-nav md-nav--secondary".*?</nav>',
                    (site / "all" / "index.html").read_text(encoding="utf-8"), re.DOTALL)
    assert toc is not None
    assert toc.group(0).count("md-nav__link") < 60  # top-level sections only, not every item


@pytest.mark.browser
def test_in_a_browser_no_outside_request_no_error_and_search_works(browser: Browser, served: str,
                                                                   engine: str) -> None:
    """Chromium loads a few pages and searches: every request stays on 127.0.0.1, nothing is
    logged as an error, and the search finds the item. (Zensical has a search of its own: a
    button opens a dialog whose results are options of a listbox, in a shadow root.)"""
    outside: list[str] = []
    errors: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)

    def watch(request: Request) -> None:
        if not request.url.startswith(("http://127.0.0.1:", "data:", "blob:", "about:")):
            outside.append(request.url)

    try:
        context.on("request", watch)
        context.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/])"), lambda route: route.abort())
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(f"{e.name}: {e.message}"))
        for path in ("", "behaviours/", "relationships-and-transactions/", "all/"):
            page.goto(urljoin(served, path))
            page.wait_for_load_state("networkidle")
        if engine == "zensical":
            page.locator(".md-search__button").click()
            results = page.locator("[role=listbox] [role=option]")
        else:
            page.locator(".md-search__input").first.click()
            results = page.locator(".md-search-result__item")
        page.keyboard.type("Kindness", delay=20)
        results.filter(has_text="Kindness").first.wait_for(state="visible")
    finally:
        context.close()
    assert outside == []
    assert errors == []


# --- what each engine carries, page by page -------------------------------------------------
# What the one publishing step gives every engine, compared page by page with the MkDocs build.
# An engine that cannot carry something is named here, with what it lacks:
NOT_CARRIED: dict[str, set[str]] = {
    "properdocs": set(),
    "zensical": set(),
}
_ACTION = re.compile(r'<a href="([^"]+)" title="[^"]*" aria-label="[^"]*" class="md-content__button')
_ABBR = re.compile(r'<abbr title="[^"]*" tabindex="0">([^<]+)</abbr>')
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.DOTALL)
_ID = re.compile(r'\bid="([^"]+)"')
_SHARE = re.compile(r'<meta (?:property|name)="((?:og|twitter):[a-z_]+|description)" content="([^"]*)"')


def _carried(site: Path, page: Path) -> dict[str, object]:
    """What a built page carries: the citation block, the glossary terms marked as tooltips, the
    edit and view actions, the share-preview tags and every anchor in the page's text."""
    html = page.read_text(encoding="utf-8")
    article = _ARTICLE.search(html)
    text = article.group(1) if article else ""
    return {
        "citation": "rcp:cite" not in html and "<li><strong>Version:</strong>" in text,
        "tooltips": sorted(set(_ABBR.findall(text))),
        "actions": _ACTION.findall(html),
        # Open Graph and Twitter tags as a preview reads them (Zensical writes '/' as '&#x2f;')
        "share": sorted((name, html_module.unescape(value)) for name, value in _SHARE.findall(html)),
        # every anchor in the text; "__skip" and the like are an engine's own, not the page's
        "anchors": sorted({a for a in _ID.findall(text) if not a.startswith("__")}),
    }


def test_every_engine_carries_what_the_publishing_step_gives(
        request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> None:
    sites = {engine: _site_of(engine, request, tmp_path_factory) for engine in ENGINES}
    reference = sites["mkdocs"]
    pages = sorted(p.relative_to(reference) for p in reference.rglob("index.html"))
    about = _carried(reference, reference / "about" / "index.html")
    assert about["citation"] and about["share"], "the reference build lacks what is compared"
    hand_written = _carried(reference, reference / "about-the-framework" / "index.html")
    assert hand_written["tooltips"]  # a hand-written page with glossary terms
    for engine in ("properdocs", "zensical"):
        differences = []
        for path in pages:
            want, got = _carried(reference, reference / path), _carried(sites[engine], sites[engine] / path)
            differences += [f"{path}: {key}: {_difference(want[key], got[key])}" for key in want
                            if key not in NOT_CARRIED[engine] and want[key] != got[key]]
        assert differences == [], f"{engine}:\n" + "\n".join(differences[:20])


def test_every_engine_lists_the_layers_where_mkdocs_yml_marks_them(site: Path) -> None:
    """mkdocs.yml names no layer (`- rcp:layers`); each engine's navigation lists every layer's
    page, in the data's order, and every role's page."""
    assert "principles/index.md" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    html = (site / "about" / "index.html").read_text(encoding="utf-8")
    nav = html[html.index("md-nav--primary"):html.index('class="md-content"')]
    linked = re.findall(r'href="(?:\.\./)*([a-z0-9/-]+)/"', nav)
    layers = [layer.id for layer in _framework().layers]
    assert [page for page in linked if page in layers][:len(layers)] == layers
    for role in _framework().roles:
        assert f"roles/{role.id}" in linked


def _difference(want: object, got: object) -> str:
    if isinstance(want, list) and isinstance(got, list):
        return f"missing {sorted(set(want) - set(got))}, extra {sorted(set(got) - set(want))}"
    return f"{want!r} != {got!r}"


def test_zensical_titles_show_names_as_written(tmp_path: Path) -> None:
    """Zensical renders Material's templates with its own engine: the title fix still holds."""
    from test_injection import hostile_framework

    project = tmp_path / "project"
    project.mkdir()
    for name in ("content", "theme_overrides", "mkdocs.yml"):
        (project / name).symlink_to(ROOT / name)
    (project / "framework.yml").write_text(hostile_framework()[0], encoding="utf-8")
    site = build("zensical", tmp_path / "site", project)
    for html in site.rglob("*.html"):
        titles = re.findall(r"<title>(.*?)</title>", html.read_text(encoding="utf-8"), re.DOTALL)
        assert len(titles) == 1 and "<" not in titles[0], f"{html}: {titles}"
    title = parse_page((site / "principles" / "index.html").read_text(encoding="utf-8")).title
    assert "&lt;/title&gt;&lt;script&gt;" in title, title


STAMPS = ["-o", ".venv/.site-installed", "-o", ".venv/.test-installed"]  # make: take the .venv as is


def _outside_make() -> dict[str, str]:
    """The environment without what `make test` passes down to a make started inside it."""
    return {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MAKELEVEL", "MFLAGS"}}


@pytest.mark.parametrize("name", ENGINES)
def test_make_build_runs_each_engine_strictly(name: str) -> None:
    """`make build ENGINE=...` runs the command this module tests (a dry run: nothing built)."""
    result = subprocess.run(["make", "--no-print-directory", "-n", *STAMPS, "build", f"ENGINE={name}"],
                            cwd=ROOT, capture_output=True, text=True, check=True, env=_outside_make())
    expected = {"mkdocs": "RCP_PDF=true .venv/bin/mkdocs build --strict",
                "properdocs": "RCP_PDF=true .venv/bin/properdocs build --strict -f mkdocs.yml",
                "zensical": ".venv/bin/python -m rcp_docs.publish.zensical zensical --pdf --work .zensical "
                            "--site-dir site"}
    assert result.stdout.strip() == expected[name]
    assert ".zensical/" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()


def test_make_build_refuses_an_unknown_engine() -> None:
    result = subprocess.run(["make", "--no-print-directory", *STAMPS, "build", "ENGINE=hugo"],
                            cwd=ROOT, capture_output=True, text=True, check=False, env=_outside_make())
    assert result.returncode != 0
    assert "ENGINE must be one of: mkdocs properdocs zensical (got: hugo)" in result.stdout


def test_zensical_build_with_bad_data_fails_before_writing(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    for name in ("content", "theme_overrides", "mkdocs.yml"):
        (project / name).symlink_to(ROOT / name)
    text = (ROOT / "framework.yml").read_text(encoding="utf-8")
    broken = re.sub(r'version: "[0-9.]+"', "version: 1.10", text, count=1)
    assert broken != text
    (project / "framework.yml").write_text(broken, encoding="utf-8")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("previous site", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "rcp_docs.publish.zensical", "zensical"], cwd=project,
                            capture_output=True, text=True, check=False, env=ENV)
    assert result.returncode == 1
    assert re.search(r"framework\.yml:\d+:12: YAML reads 1\.10 as a number, not text", result.stderr)
    assert "Traceback" not in result.stderr
    assert [p.name for p in (project / "site").iterdir()] == ["index.html"]
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "previous site"
