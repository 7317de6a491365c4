"""One real strict build of the real site, and the plugin and CLI paths compared."""

from __future__ import annotations

import functools
import json
import os
import posixpath
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from rcp_docs.publish.build import load_framework
from rcp_docs.publish.cli import main
from rcp_docs.structure.model import Framework

ROOT = Path(__file__).resolve().parent.parent


@functools.cache
def real_framework() -> Framework:
    """The real framework.yml, loaded and validated on first use."""
    return load_framework(ROOT / "framework.yml")


class _Page(HTMLParser):
    """The ids and link targets of one built HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.in_article = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "article":
            self.in_article = True
        if tag == "a" and self.in_article and values.get("href"):
            self.links.append(values["href"] or "")


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_every_item_is_on_its_layer_page_with_its_anchor(built_site: Path) -> None:
    for layer in real_framework().layers:
        page = _parse(built_site / layer.id / "index.html")
        missing = [item.id for item in layer.items if item.id not in page.ids]
        assert missing == [], f"{layer.id}: no anchor for {missing}"


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    checked = 0
    for html in built_site.rglob("*.html"):
        page = _parse(html)
        here = html.relative_to(built_site).parent.as_posix()
        for href in page.links:
            if re.match(r"^[a-z]+:", href) or href.startswith("//"):
                continue  # external: the GitHub actions and suggestions
            target, _, anchor = href.partition("#")
            target = target.partition("?")[0]  # a query (the reflection's ?role=) names no file
            path = posixpath.normpath(posixpath.join(here, target)) if target else \
                html.relative_to(built_site).as_posix()
            file = built_site / path
            if file.is_dir():
                file = file / "index.html"
            assert file.is_file(), f"{html.relative_to(built_site)}: broken link {href}"
            if anchor and file.suffix == ".html":
                assert anchor in _parse(file).ids, f"{html.relative_to(built_site)}: no #{anchor}"
            checked += 1
    related = sum(len(g.items) for item in real_framework().items for g in item.related + item.backlinks)
    assert checked > related  # the related links and backlinks are among those checked


def test_search_index_holds_every_item(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    for item in real_framework().items:
        assert f"{item.layer.id}/#{item.id}" in locations, item.id


def test_readers_pages_have_no_edit_or_view_action(built_site: Path) -> None:
    """The actions open GitHub: they are for editors, in a pull request's preview only
    (test_engines.py builds one and finds them at framework.yml's lines)."""
    for page in ("behaviours/index.html", "index.html", "about/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        assert "/edit/main/" not in html and "/blob/main/" not in html, page
        assert "md-content__button" not in html, page


def test_suggest_a_change_links_name_the_item(built_site: Path) -> None:
    html = (built_site / "principles" / "index.html").read_text(encoding="utf-8")
    item = real_framework().layers[0].items[0]
    assert "template=suggest-a-change.yml&amp;title=Suggestion%3A+" in html
    assert f"item={item.id}%3A+" in html


def test_no_request_leaves_the_site(built_site: Path) -> None:
    """No fonts, scripts or styles from another host (the browser tests watch requests too)."""
    for html in built_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        for match in re.finditer(r'<(?:script|link|img|iframe)\b[^>]*>', text):
            tag = match.group(0)
            if re.search(r'rel="(canonical|alternate)"', tag):
                continue  # the page's own address, never fetched
            url = re.search(r'(?:src|href)="([^"]+)"', tag)
            assert url is None or not re.match(r"^(https?:)?//", url.group(1)), f"{html}: {tag}"


def test_plugin_and_cli_produce_identical_pages(tmp_path: Path) -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    generated = {f.src_uri: f.content_string for f in files if f.generated_by}
    out = tmp_path / "pages"
    code = main(["render", str(ROOT / "framework.yml"), "--out", str(out), "--content",
                 str(ROOT / "content"), "--repo-url", str(config.repo_url),
                 "--site-url", str(config.site_url)])
    assert code == 0
    written = {p.relative_to(out).as_posix(): p.read_bytes().decode("utf-8")
               for p in out.rglob("*") if p.is_file()}
    hand_written = {p.relative_to(ROOT / "content").as_posix()
                    for p in (ROOT / "content").rglob("*") if p.is_file()}
    assert set(written) == set(generated) | hand_written
    for name, text in generated.items():
        assert written[name] == text, name


def test_render_out_replaces_stale_pages(tmp_path: Path) -> None:
    out = tmp_path / "pages"
    (out / "old-item").mkdir(parents=True)
    (out / "old-item" / "index.md").write_text("stale", encoding="utf-8")
    assert main(["render", str(ROOT / "framework.yml"), "--out", str(out),
                 "--content", str(ROOT / "content")]) == 0
    assert not (out / "old-item").exists()
    assert (out / "principles" / "index.md").is_file()


def test_render_out_with_bad_data_keeps_the_old_output(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "pages"
    out.mkdir()
    (out / "keep.md").write_text("previous", encoding="utf-8")
    bad = tmp_path / "framework.yml"
    bad.write_text((ROOT / "framework.yml").read_text(encoding="utf-8").replace(
        "  title:", "  tittle:", 1), encoding="utf-8")
    assert main(["render", str(bad), "--out", str(out)]) == 1
    assert (out / "keep.md").read_text(encoding="utf-8") == "previous"
    assert "unknown field 'tittle'; did you mean 'title'?" in capsys.readouterr().err


def test_mkdocs_build_with_bad_data_fails_before_writing(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "content").symlink_to(ROOT / "content")
    (project / "theme_overrides").symlink_to(ROOT / "theme_overrides")
    (project / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                                        encoding="utf-8")
    (project / "framework.yml").write_text(re.sub(  # whatever version it is now
        r'version: "[0-9.]+"', "version: 1.10", (ROOT / "framework.yml").read_text(encoding="utf-8"),
        count=1), encoding="utf-8")
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
        capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False)
    assert result.returncode == 1
    assert re.search(r"framework\.yml:\d+:12: YAML reads 1\.10 as a number, not text; "
                     r"put it in quotes: \"1\.10\"\n1 problem found", result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "previous site"


PAGE_MAX_BYTES = 150_000  # readers on phones: no page over 150 KB of HTML (as in make bench)
# The all-in-one page is the print page and the PDF's source: it holds the whole framework, with
# every item's provenance line and the full glossary, so it grows with the framework. It was
# 147.7 KB before items carried their provenance and the glossary the framework's own terms; it
# has its own allowance until the page is split or folded. It is not a page readers browse on
# phones: the layer, role and section pages are, and they keep the 150 KB budget.
PRINT_PAGE_MAX_BYTES = 160_000


def test_every_page_is_at_most_150_kb(built_site: Path) -> None:
    sizes = {html.relative_to(built_site).as_posix(): html.stat().st_size
             for html in built_site.rglob("*.html")}
    assert len(sizes) > 10
    assert sizes["all/index.html"] <= PRINT_PAGE_MAX_BYTES, sizes["all/index.html"]
    over = {page: size for page, size in sizes.items()
            if size > PAGE_MAX_BYTES and page != "all/index.html"}
    assert not over, f"pages over {PAGE_MAX_BYTES} bytes: {over}"


class _Scripts(HTMLParser):
    """The attributes of every <script src> of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and dict(attrs).get("src"):
            self.scripts.append(dict(attrs))


def test_no_script_holds_back_the_first_paint(built_site: Path) -> None:
    """Every script file is deferred (theme_overrides/main.html): a plain <script src> makes a
    phone wait for Material's 114 KB bundle before showing anything (Lighthouse measured the
    first paint 0.5 s later with it)."""
    blocking: dict[str, list[str | None]] = {}
    pages_with_scripts = 0
    for html in built_site.rglob("*.html"):
        parser = _Scripts()
        parser.feed(html.read_text(encoding="utf-8"))
        pages_with_scripts += bool(parser.scripts)
        late = [s["src"] for s in parser.scripts if "defer" not in s and "async" not in s]
        if late:
            blocking[html.relative_to(built_site).as_posix()] = late
    assert pages_with_scripts > 10
    assert not blocking, f"scripts without defer: {blocking}"
