"""The MkDocs plugin `rcp`: publishes the generated pages as virtual files.

A thin publisher over `build` (through its cache): it builds once per MkDocs build, before MkDocs
writes anything, so a data error leaves the previous site untouched; adds the pages with
`File.generated` (nothing lands in the source tree); points their edit and view actions at the
lines of framework.yml they come from; and asks `mkdocs serve` to watch the file.

Options (under `plugins: - rcp:` in mkdocs.yml):

- `framework`: the framework file, relative to mkdocs.yml (default `framework.yml`); it must exist.
- `releases`: the folder of release snapshots, relative to mkdocs.yml (default: `releases/`
  beside the framework file; no folder, no releases). The "What's changed" page and the
  downloads of each release come from it.
- `pdf`: also publish a PDF of the whole framework (default `false`, so `mkdocs serve` stays
  fast; mkdocs.yml turns it on with `!ENV [RCP_PDF, false]`, which `make build` sets).
- `cache`: keep built pages in `.cache/rcp-docs/` beside mkdocs.yml, keyed by the file's bytes,
  rcp-docs' code, its libraries and the options (default `true`); the PDF is kept there too,
  keyed by its document.
- `preview`: the commit of a pull request's preview (default empty: the published site); every
  page then says it is a preview, and navigation works from files opened from disk.

The version and date of the framework are added to the footer (`copyright`), and a hand-written
page's line `<!-- rcp:cite -->` becomes the "Cite this framework" block.

`mkdocs build` stops on a file with problems, as any build should. `mkdocs serve` does not: it
keeps the last good pages, shows the problems in the browser (`preview`), and recovers by itself.
"""

from __future__ import annotations

import logging
import posixpath
import re
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from ..base.abbr import append as append_tooltips
from ..base.errors import FrameworkError, Problem, RcpError
from ..base.files import INSERT
from ..editors.releases import releases_beside
from ..structure.registry import PAGES
from .build import Options, Site
from .cache import cached_build
from .preview import PROBLEMS_PAGE, preview_banner, problems_banner, problems_page

log = logging.getLogger("mkdocs.plugins.rcp")
_HEADERLINK = re.compile(r'<a class="headerlink" href="#[a-z0-9-]+" title="[^"<>]*">&para;</a>')
PRINT_PAGE = next(page.path for page in PAGES if page.gathers)  # its table of contents is short


class RcpConfig(Config):
    framework = c.File(exists=True, default="framework.yml")
    """The framework file, relative to mkdocs.yml."""
    releases = c.Optional(c.Dir(exists=True))
    """The folder of release snapshots (default: releases/ beside the framework file)."""
    pdf = c.Type(bool, default=False)
    """Also publish a PDF of the whole framework."""
    cache = c.Type(bool, default=True)
    """Keep built pages in .cache/rcp-docs/ beside mkdocs.yml."""
    preview = c.Type(str, default="")
    """The commit a pull request's preview is built from; empty for the published site."""


class RcpPlugin(BasePlugin[RcpConfig]):
    def __init__(self) -> None:
        self.site = Site({}, {}, [])
        self.binaries: dict[str, bytes] = {}
        self.edit_uri: str | None = None
        self.serving = False
        self.good = False  # whether `site` holds a build without problems
        self.problems: list[Problem] | None = None  # None until a build in `serve` had problems
        self.display = "framework.yml"

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: Any) -> Any:
        root = Path(config.config_file_path or ".").resolve().parent
        source = Path(self.config.framework)
        display = self.display = _shown(source, root)
        if self.config.preview:
            _for_files_on_disk(config)
        options = Options(repo_url=config.repo_url, site_url=config.site_url,
                          directory_urls=config.use_directory_urls, pdf=self.config.pdf)
        cache_dir = root / ".cache" / "rcp-docs" if self.config.cache else None
        releases = Path(self.config.releases) if self.config.releases else releases_beside(source)
        try:
            self.site = cached_build(source, options, display, cache_dir, releases)
            if self.site.prints:
                from ..site.pdf import pdfs

                self.binaries = pdfs(self.site.prints, cache_dir)
            self.good = True
            if self.problems:
                self.problems = []  # fixed: the problems page says so, and the banners go
        except FrameworkError as exc:
            if not self.serving:
                raise PluginError(f"rcp: {display} is not valid:\n{exc}") from None
            self.problems = exc.problems  # keep serving the last good pages, and say why
            log.warning("rcp: %s is not valid; the preview shows the last good version:\n%s",
                        display, exc)
        except RcpError as exc:
            raise PluginError(f"rcp: {exc}") from None
        log.debug("rcp: %d generated files from %s", len(self.site.pages), display)
        docs = Path(config.docs_dir).resolve()
        self.edit_uri = posixpath.relpath(source.as_posix(), docs.as_posix())
        for watched in (str(source), str(releases)):
            if watched not in config.watch and Path(watched).exists():
                config.watch.append(watched)
        stamp = self.site.stamp
        if stamp and stamp not in (config.copyright or ""):
            config.copyright = f"{config.copyright} · {stamp}" if config.copyright else stamp
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        moved = set(self.site.moved) | set(self.site.listed)  # no "not in nav" warning
        pages = dict(self.site.pages)
        if self.problems is not None:  # only in `serve`, once the file has had problems
            pages[PROBLEMS_PAGE] = problems_page(self.display, self.problems, self.good)
            moved.add(PROBLEMS_PAGE)
            if not self.good and files.get_file_from_path("index.md") is None:
                pages["index.md"] = pages[PROBLEMS_PAGE]  # the address a preview opens at
        for path, content in pages.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"rcp: {config.docs_dir}/{path} has the address of a generated "
                                  "page; rename or remove it")
            inclusion = InclusionLevel.NOT_IN_NAV if path in moved else InclusionLevel.UNDEFINED
            file = File.generated(config, path, content=content, inclusion=inclusion)
            file.edit_uri = self.edit_uri if path.endswith(".md") else None
            files.append(file)
        for path, data in self.binaries.items():
            files.append(File.generated(config, path, content=data))
        return files

    def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        """Banners: a pull request's preview, and problems while serving."""
        banners = [preview_banner(self.config.preview)] if self.config.preview else []
        if page.file.src_uri == PRINT_PAGE and page.file.generated_by:
            html = _HEADERLINK.sub("", html)  # paper has no use for them: the page stays light
        if self.problems and page.file.src_uri != PROBLEMS_PAGE:
            link = posixpath.relpath(_served(PROBLEMS_PAGE, config.use_directory_urls),
                                     posixpath.dirname(page.file.dest_uri) or ".")
            banners.append(problems_banner(self.display, len(self.problems), link))
        return "".join(banners) + html

    def on_nav(self, nav: Any, config: Any, files: Files) -> Any:
        """List the pages that come and go with the data (a page per role) after the page they
        follow, in its section, so that mkdocs.yml names only that page."""
        pages = list(nav.pages)
        for path, after in reversed(list(self.site.listed.items())):
            anchor_file, file = files.get_file_from_path(after), files.get_file_from_path(path)
            anchor = anchor_file.page if anchor_file is not None else None
            if anchor is None or file is None or file.page is None or anchor not in pages:
                continue
            parent = anchor.parent
            siblings = parent.children if parent is not None else nav.items
            siblings.insert(siblings.index(anchor) + 1, file.page)
            file.page.parent = parent
            pages.insert(pages.index(anchor) + 1, file.page)
        for i, page in enumerate(pages):
            page.previous_page = pages[i - 1] if i else None
            page.next_page = pages[i + 1] if i + 1 < len(pages) else None
        nav.pages = pages
        return nav

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        """Mark the all-in-one print page, whose table of contents the theme keeps short, and give
        hand-written pages the glossary's tooltips (generated pages have theirs already)."""
        if page.file.src_uri == PRINT_PAGE and page.file.generated_by:
            page.meta["rcp_print"] = True
        if not page.file.generated_by:
            markdown = INSERT.sub(self._insert, markdown)
            markdown = append_tooltips(markdown, self.site.tooltips)
        return markdown

    def _insert(self, match: re.Match[str]) -> str:
        if match[1] not in self.site.inserts:
            raise PluginError(f"rcp: no generated block called '{match[1]}' (known: "
                              f"{', '.join(sorted(self.site.inserts))})")
        return self.site.inserts[match[1]]

    def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        """Give the view action of each generated page the lines of framework.yml it shows."""
        edit_url = page.edit_url
        if edit_url and "/edit/" in edit_url:
            view = edit_url.replace("/edit/", "/blob/", 1)
            lines = self.site.lines.get(page.file.src_uri)
            if lines is not None and page.file.generated_by:
                view += f"#L{lines[0]}-L{lines[1]}"
            page.meta["rcp_view_url"] = view
        return context


def _for_files_on_disk(config: Any) -> None:
    """A preview opened from a zip: links point at files, and pages load whole (Material's
    instant navigation fetches pages, which a browser refuses for files on disk)."""
    config.use_directory_urls = False
    features = config.theme.get("features")
    if isinstance(features, list) and "navigation.instant" in features:
        features.remove("navigation.instant")


def _served(path: str, directory_urls: bool) -> str:
    stem = path.removesuffix(".md")
    return f"{stem}/index.html" if directory_urls else f"{stem}.html"


def _shown(source: Path, root: Path) -> str:
    """The file as the person configured it: relative to mkdocs.yml where it is inside."""
    try:
        return source.relative_to(root).as_posix()
    except ValueError:
        return source.as_posix()
