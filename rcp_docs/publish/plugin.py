"""The MkDocs plugin `rcp` (MkDocs and ProperDocs): publishes the generated pages as virtual files.

A thin publisher over `build` (through its cache) and the one publishing step (`publishing`): it
builds once per MkDocs build, before MkDocs writes anything, so a data error leaves the previous
site untouched; adds the pages with `File.generated` (nothing lands in the source tree); gives
every page what `Publication` says it carries; and asks `mkdocs serve` to watch the file.

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
  page then says it is a preview, navigation works from files opened from disk, and each page
  carries the editors' actions (edit on GitHub, view the source), which readers' pages leave out.

The version and date of the framework are added to the footer (`copyright`), a hand-written
page's line `<!-- rcp:cite -->` becomes the "Cite this framework" block, and the pages that come
and go with the data are listed in the navigation (all through `Publication`).

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

from ..base.errors import FrameworkError, Problem, RcpError
from ..editors.releases import releases_beside
from ..structure.registry import PRINT_PAGE, address
from .build import Options, Site
from .cache import cached_build
from .preview import PROBLEMS_PAGE, preview_banner, problems_banner, problems_page
from .publishing import Publication, Repository

log = logging.getLogger("mkdocs.plugins.rcp")
_HEADERLINK = re.compile(r'<a class="headerlink" href="#[a-z0-9-]+" title="[^"<>]*">&para;</a>')


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
        self.publication = Publication(Site({}, {}, []))
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
        repository = Repository(config.repo_url, config.edit_uri,
                                _shown(Path(config.docs_dir).resolve(), root), display)
        try:
            site = cached_build(source, options, display, cache_dir, releases)
            self.publication = Publication(site, repository, editors=bool(self.config.preview))
            if site.prints:
                from ..site.pdf import pdfs

                self.binaries = pdfs(site.prints, cache_dir)
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
        log.debug("rcp: %d generated files from %s", len(self.publication.pages), display)
        self.edit_uri = repository.source_of("", generated=True)
        for watched in (str(source), str(releases)):
            if watched not in config.watch and Path(watched).exists():
                config.watch.append(watched)
        config.copyright = self.publication.copyright(config.copyright) or config.copyright
        if config.nav:
            try:
                config.nav = self.publication.nav(config.nav)
            except RcpError as exc:
                raise PluginError(f"rcp: {exc}") from None
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        unlisted = self.publication.unlisted
        pages = dict(self.publication.pages)
        if self.problems is not None:  # only in `serve`, once the file has had problems
            pages[PROBLEMS_PAGE] = problems_page(self.display, self.problems, self.good)
            unlisted.add(PROBLEMS_PAGE)
            if not self.good and files.get_file_from_path("index.md") is None:
                pages["index.md"] = pages[PROBLEMS_PAGE]  # the address a preview opens at
        for path, content in pages.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"rcp: {config.docs_dir}/{path} has the address of a generated "
                                  "page; rename or remove it")
            inclusion = InclusionLevel.NOT_IN_NAV if path in unlisted else InclusionLevel.UNDEFINED
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
            link = posixpath.relpath(address(PROBLEMS_PAGE, config.use_directory_urls),
                                     posixpath.dirname(page.file.dest_uri) or ".")
            banners.append(problems_banner(self.display, len(self.problems), link))
        return "".join(banners) + html

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        """Each page's metadata from the publishing step, and for hand-written pages their
        generated blocks and the glossary's tooltips (generated pages have theirs already)."""
        generated = bool(page.file.generated_by)
        page.meta.update(self.publication.meta(page.file.src_uri, generated))
        if generated:
            return markdown
        try:
            return self.publication.hand_written(markdown)
        except RcpError as exc:
            raise PluginError(f"rcp: {page.file.src_uri}: {exc}") from None


def _for_files_on_disk(config: Any) -> None:
    """A preview opened from a zip: links point at files, and pages load whole (Material's
    instant navigation fetches pages, which a browser refuses for files on disk)."""
    config.use_directory_urls = False
    config.extra["rcp_preview"] = True  # main.html: no service worker or manifest
    features = config.theme.get("features")
    if isinstance(features, list) and "navigation.instant" in features:
        features.remove("navigation.instant")


def _shown(source: Path, root: Path) -> str:
    """The file as the person configured it: relative to mkdocs.yml where it is inside."""
    try:
        return source.relative_to(root).as_posix()
    except ValueError:
        return source.as_posix()
