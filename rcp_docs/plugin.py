"""The MkDocs plugin `rcp`: publishes the generated pages as virtual files.

A thin publisher: it loads and validates framework.yml once per build (before MkDocs writes
anything, so a data error leaves the previous site untouched), adds the rendered pages with
`File.generated` (nothing lands in the source tree), points their edit and view actions at
framework.yml, and asks `mkdocs serve` to watch the file. All domain logic lives in the core;
rendered pages are cached (`cache`) so that a build where framework.yml has not changed costs
little more than reading it.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from .abbr import append as append_tooltips
from .cache import Published, cached_publish
from .errors import RcpError

ALL = "all.md"  # the all-in-one print page (render.ALL, kept here to keep imports light)


class RcpConfig(Config):
    framework = c.Type(str, default="framework.yml")  # relative to mkdocs.yml
    cache = c.Type(bool, default=True)  # keep rendered pages in .cache/rcp-docs/


class RcpPlugin(BasePlugin[RcpConfig]):
    def __init__(self) -> None:
        self.published = Published({}, {}, [])
        self.edit_uri: str | None = None

    def on_config(self, config: Any) -> Any:
        root = Path(config.config_file_path or ".").resolve().parent
        source = root / self.config.framework
        cache_dir = root / ".cache" / "rcp-docs" if self.config.cache else None
        try:
            self.published = cached_publish(
                source, self.config.framework, config.repo_url, config.site_url,
                config.use_directory_urls, cache_dir)
        except RcpError as exc:
            raise PluginError(f"rcp: framework.yml is not valid:\n{exc}") from None
        except OSError as exc:
            raise PluginError(f"rcp: cannot read {self.config.framework}: {exc.strerror}") from None
        docs = Path(config.docs_dir).resolve()
        self.edit_uri = posixpath.relpath(source.as_posix(), docs.as_posix())
        if str(source) not in config.watch:
            config.watch.append(str(source))
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        moved = set(self.published.moved)
        for path, content in self.published.pages.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"rcp: {config.docs_dir}/{path} has the address of a generated "
                                  "page; rename or remove it")
            inclusion = InclusionLevel.NOT_IN_NAV if path in moved else InclusionLevel.UNDEFINED
            file = File.generated(config, path, content=content, inclusion=inclusion)
            file.edit_uri = self.edit_uri if path.endswith(".md") else None
            files.append(file)
        return files

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        """Mark the all-in-one print page, whose table of contents the theme keeps short, and give
        hand-written pages the glossary's tooltips (generated pages have theirs already)."""
        if page.file.src_uri == ALL and page.file.generated_by:
            page.meta["rcp_print"] = True
        if not page.file.generated_by:
            markdown = append_tooltips(markdown, self.published.tooltips)
        return markdown

    def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        """Give the view action of each generated page the lines of framework.yml it shows."""
        edit_url = page.edit_url
        if edit_url and "/edit/" in edit_url:
            view = edit_url.replace("/edit/", "/blob/", 1)
            lines = self.published.lines.get(page.file.src_uri)
            if lines is not None and page.file.generated_by:
                view += f"#L{lines[0]}-L{lines[1]}"
            page.meta["rcp_view_url"] = view
        return context
