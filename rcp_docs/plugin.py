"""The MkDocs plugin `rcp`: publishes the generated pages as virtual files.

A thin publisher over `build` (through its cache): it builds once per MkDocs build, before MkDocs
writes anything, so a data error leaves the previous site untouched; adds the pages with
`File.generated` (nothing lands in the source tree); points their edit and view actions at the
lines of framework.yml they come from; and asks `mkdocs serve` to watch the file.

Options (under `plugins: - rcp:` in mkdocs.yml):

- `framework`: the framework file, relative to mkdocs.yml (default `framework.yml`); it must exist.
- `cache`: keep built pages in `.cache/rcp-docs/` beside mkdocs.yml, keyed by the file's bytes,
  rcp-docs' code, its libraries and the options (default `true`).
"""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from .build import Options, Site
from .cache import cached_build
from .errors import FrameworkError, RcpError
from .pages import PAGES

log = logging.getLogger("mkdocs.plugins.rcp")
PRINT_PAGE = next(page.path for page in PAGES if page.gathers)  # its table of contents is short


class RcpConfig(Config):
    framework = c.File(exists=True, default="framework.yml")
    """The framework file, relative to mkdocs.yml."""
    cache = c.Type(bool, default=True)
    """Keep built pages in .cache/rcp-docs/ beside mkdocs.yml."""


class RcpPlugin(BasePlugin[RcpConfig]):
    def __init__(self) -> None:
        self.site = Site({}, {}, [])
        self.edit_uri: str | None = None

    def on_config(self, config: Any) -> Any:
        root = Path(config.config_file_path or ".").resolve().parent
        source = Path(self.config.framework)
        display = _shown(source, root)
        options = Options(repo_url=config.repo_url, site_url=config.site_url,
                          directory_urls=config.use_directory_urls)
        cache_dir = root / ".cache" / "rcp-docs" if self.config.cache else None
        try:
            self.site = cached_build(source, options, display, cache_dir)
        except FrameworkError as exc:
            raise PluginError(f"rcp: {display} is not valid:\n{exc}") from None
        except RcpError as exc:
            raise PluginError(f"rcp: {exc}") from None
        log.debug("rcp: %d generated files from %s", len(self.site.pages), display)
        docs = Path(config.docs_dir).resolve()
        self.edit_uri = posixpath.relpath(source.as_posix(), docs.as_posix())
        if str(source) not in config.watch:
            config.watch.append(str(source))
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        unlisted = set(self.site.moved) | set(self.site.listed)  # no "not in nav" warning
        for path, content in self.site.pages.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"rcp: {config.docs_dir}/{path} has the address of a generated "
                                  "page; rename or remove it")
            inclusion = InclusionLevel.NOT_IN_NAV if path in unlisted else InclusionLevel.UNDEFINED
            file = File.generated(config, path, content=content, inclusion=inclusion)
            file.edit_uri = self.edit_uri if path.endswith(".md") else None
            files.append(file)
        return files

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
        """Mark the all-in-one print page, whose table of contents the theme keeps short."""
        if page.file.src_uri == PRINT_PAGE and page.file.generated_by:
            page.meta["rcp_print"] = True
        return markdown

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


def _shown(source: Path, root: Path) -> str:
    """The file as the person configured it: relative to mkdocs.yml where it is inside."""
    try:
        return source.relative_to(root).as_posix()
    except ValueError:
        return source.as_posix()
