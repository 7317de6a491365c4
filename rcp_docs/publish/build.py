"""The one pipeline: a framework file to every generated file of the site.

load -> validate -> render, plus what publishers need besides the pages (the lines of
framework.yml each page shows, the pages kept out of navigation). The CLI's `render`, the MkDocs
plugin (through `cache`) and the benchmark all call `build`. Importing this module is cheap: the
pipeline's modules are imported when a build runs, so that a cache hit never loads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..base.gcpause import pauses_gc
from ..base.options import Options

if TYPE_CHECKING:
    from ..editors.releases import Snapshot
    from ..structure import model

__all__ = ["Options", "Site", "build", "build_bytes", "load_framework", "site_of"]


@dataclass(frozen=True, slots=True)
class Site:
    """What a publisher needs: every generated file, each page's lines of framework.yml (for the
    edit and view actions), the pages that only send readers elsewhere (kept out of nav) and the
    pages listed in the navigation after another page (one per role, after the list of roles)."""

    pages: dict[str, str]
    lines: dict[str, tuple[int, int]]
    unlisted: list[str]  # pages kept out of the navigation (they send readers elsewhere)
    tooltips: list[tuple[str, str]] = field(default_factory=list)  # the glossary's, for first uses
    # PDFs to make (with `pdf.pdfs`, which caches them): path in the site -> the HTML printed
    prints: dict[str, str] = field(default_factory=dict)
    # generated blocks for hand-written pages: the line `<!-- rcp:NAME -->` -> its Markdown
    inserts: dict[str, str] = field(default_factory=dict)
    stamp: str = ""  # "Version 0.1.0, updated 2026-11-21": for every page's footer
    listed: dict[str, str] = field(default_factory=dict)  # page -> the page it follows in nav
    # mkdocs.yml's nav markers ("rcp:layers") -> the pages each stands for, in order
    marked: dict[str, list[str]] = field(default_factory=dict)
    # page -> its summary as plain text, for search engines and shared links (`describe`)
    descriptions: dict[str, str] = field(default_factory=dict)
    boosts: dict[str, float] = field(default_factory=dict)  # page -> its search boost, if not 1


def load_framework(path: Path | str, display: str | None = None) -> model.Framework:
    """Load and validate a framework file: the pipeline up to rendering."""
    from ..check.validate import validate
    from ..source.load import load_file

    return validate(load_file(path, display))


def build(source: Path | str, options: Options | None = None, display: str | None = None,
          releases: Path | None = None) -> Site:
    """The site's generated files from a framework file and the release snapshots in `releases`
    (default: the `releases/` folder beside the framework file, when there is one)."""
    from ..editors.releases import read_snapshots, releases_beside
    from ..source.load import read_file

    shown = display or str(source)
    folder = releases if releases is not None else releases_beside(source)
    return build_bytes(read_file(source, shown), shown, options, read_snapshots(folder))


@pauses_gc  # the whole pipeline, the release history included (see gcpause)
def build_bytes(raw: bytes, display: str = "framework.yml", options: Options | None = None,
                snapshots: tuple[Snapshot, ...] = ()) -> Site:
    """The site's generated files from a framework file's bytes (and its releases' snapshots)."""
    from ..check.validate import validate
    from ..source.load import load_bytes

    framework = validate(load_bytes(raw, display))
    return site_of(framework, options or Options(), snapshots)


def site_of(framework: model.Framework, options: Options, snapshots: tuple[Snapshot, ...] = ()
            ) -> Site:
    from ..editors.releases import release_history
    from ..site.describe import descriptions
    from ..site.render import fragments, instances, render, tooltips
    from ..site.searchhelp import PATH as SEARCH_HELP
    from ..site.searchhelp import search_help
    from ..structure.registry import PAGES

    if snapshots:
        framework.history = release_history(framework.as_data(), snapshots)
    lines: dict[str, tuple[int, int]] = {}
    unlisted: list[str] = []
    listed: dict[str, str] = {}
    marked: dict[str, list[str]] = {}
    boosts: dict[str, float] = {}
    for page in PAGES:
        for path, part in instances(page, framework):
            if page.nav_marker:
                marked.setdefault(page.nav_marker, []).append(path)
            span = _lines(framework, page.source, part, page.each) if page.source else None
            if span is not None:
                lines[path] = (span.first, span.last)
            if page.search_boost != 1:
                boosts[path] = page.search_boost
            if not page.in_nav:
                unlisted.append(path)
            elif page.listed_after:
                listed[path] = page.listed_after
    pages = render(framework, options)
    pages[SEARCH_HELP] = search_help(framework, options)
    prints: dict[str, str] = {}
    if options.pdf:
        from ..site.downloads import pdf_path
        from ..site.render import print_html

        prints[pdf_path(framework, options)] = print_html(framework, pages, options.site_url)
    about = framework.data.framework  # version and date match patterns of digits: safe as HTML
    return Site(pages, lines, unlisted, tooltips(framework), prints, fragments(framework, options),
                f"Version {about.version}, updated {about.updated}", listed, marked,
                descriptions(framework), boosts)


def _lines(framework: model.Framework, source: str, part: object, each: bool
           ) -> model.Lines | None:
    if each:  # a page per layer shows that layer's lines
        own: model.Lines | None = getattr(part, "lines", None)
        return own
    return framework.lines.get(source)
