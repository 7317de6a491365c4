"""The one publishing step: a built `Site` as every engine publishes it.

MkDocs and ProperDocs (through the `rcp` plugin), `rcp-docs render --out` and the Zensical build
all take a site through `Publication`, so they carry the same things:

- the generated pages, and the pages kept out of the navigation;
- hand-written pages with their generated blocks (a line `<!-- rcp:cite -->` becomes the "Cite
  this framework" block) and the glossary's tooltips;
- each generated page's description (its summary, for search engines and shared links) and
  the layer pages' search boost; `rcp_print` on the all-in-one page (which leaves the search
  index through its own front matter, `search: {exclude: true}`, as every engine reads it); and,
  for editors only (a pull request's preview), each page's edit and view addresses
  (`rcp_edit_url`, `rcp_view_url`), the view at the lines of framework.yml a generated page
  shows: as page metadata in the plugin, as front matter in a folder written for another engine;
- the footer's version (`copyright`) and the navigation with the pages that come and go with the
  data: the layer pages where mkdocs.yml marks them (`- rcp:layers`), a page per role after the
  page it follows.

Pure: no MkDocs here, and nothing written; `docs_folder` returns `{path: content}`.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..base.abbr import first_uses
from ..base.errors import OutputError
from ..structure.registry import NAV_MARKERS, PRINT_PAGE
from .build import Site

INSERT = re.compile(r"^<!-- rcp:([a-z]+) -->[ \t]*$", re.MULTILINE)
NavEntry = Any  # a nav entry as mkdocs.yml holds it: a path, {title: path} or {title: [entries]}


@dataclass(frozen=True, slots=True)
class Repository:
    """Where the edit and view actions point: mkdocs.yml's `repo_url` and `edit_uri`, its
    `docs_dir`, and the framework file, both relative to mkdocs.yml."""

    repo_url: str | None
    edit_uri: str | None
    docs_dir: str
    framework: str

    def source_of(self, path: str, generated: bool) -> str:
        """The file behind a page, relative to `docs_dir`: a generated page's is framework.yml."""
        return posixpath.relpath(self.framework, self.docs_dir) if generated else path

    def actions(self, path: str, generated: bool, lines: tuple[int, int] | None
                ) -> tuple[str, str] | None:
        """A page's edit and view addresses, or None when mkdocs.yml names no repository."""
        if not self.repo_url or not self.edit_uri:
            return None
        target = posixpath.normpath(posixpath.join(self.edit_uri, self.source_of(path, generated)))
        edit = self.repo_url.rstrip("/") + "/" + target
        view = edit.replace("/edit/", "/blob/", 1)
        if generated and lines is not None:
            view += f"#L{lines[0]}-L{lines[1]}"
        return edit, view


class Publication:
    """A built site, ready for an engine."""

    def __init__(self, site: Site, repository: Repository | None = None,
                 editors: bool = False) -> None:
        self.site = site
        self.repository = repository
        # The edit and view actions open GitHub: a reader's page leaves them out, and an
        # editors' build (a pull request's preview) carries them.
        self.editors = editors

    @property
    def pages(self) -> dict[str, str]:
        return self.site.pages

    @property
    def unlisted(self) -> set[str]:
        """Pages not named in mkdocs.yml's navigation on purpose: no 'not in nav' warning."""
        return set(self.site.unlisted) | set(self.site.listed)

    def hand_written(self, markdown: str) -> str:
        """A hand-written page with its generated blocks put in and the glossary's tooltips."""
        return first_uses(INSERT.sub(self._insert, markdown), self.site.tooltips)

    def _insert(self, match: re.Match[str]) -> str:
        if match[1] not in self.site.inserts:
            raise OutputError(f"no generated block called '{match[1]}' (known: "
                              f"{', '.join(sorted(self.site.inserts))})")
        return self.site.inserts[match[1]]

    def meta(self, path: str, generated: bool) -> dict[str, Any]:
        """What a page's template needs beyond its text: its description (a generated page's
        summary), whether it is the all-in-one page (whose table of contents the theme keeps
        short), how search ranks it, for a page listed after another (a role's) that the theme's
        previous/next footer is hidden, and in an editors' build its edit and view addresses."""
        meta: dict[str, Any] = {}
        if generated and path in self.site.descriptions:
            meta["description"] = self.site.descriptions[path]
        if generated and path == PRINT_PAGE:
            meta["rcp_print"] = True
        if generated and path in self.site.boosts:  # read by Material's search and Zensical's
            meta["search"] = {"boost": self.site.boosts[path]}
        lines = self.site.lines.get(path) if generated else None
        actions = self.repository.actions(path, generated, lines) \
            if self.repository and self.editors else None
        if actions is not None:
            meta["rcp_edit_url"], meta["rcp_view_url"] = actions
        if generated and path in self.site.listed:
            # a role's page: its reading path's "Next step" links lead on, not the theme's
            # footer, whose "Next" would be the next role
            meta["hide"] = ["footer"]
        return meta

    def copyright(self, configured: str | None) -> str:
        """The footer's text with the framework's version and date after it."""
        stamp = self.site.stamp
        if not stamp or stamp in (configured or ""):
            return configured or ""
        return f"{configured} · {stamp}" if configured else stamp

    def nav(self, entries: list[NavEntry]) -> list[NavEntry]:
        """mkdocs.yml's navigation with the pages that come and go with the data: a marker such as
        `rcp:layers` replaced by the pages it stands for, in the data's order, and each page per
        role listed after the page it follows, in that page's section."""
        named = set(_paths(entries))
        out: list[NavEntry] = []
        for entry in entries:
            if isinstance(entry, str) and entry.startswith("rcp:"):
                if entry not in NAV_MARKERS:
                    raise OutputError(f"mkdocs.yml: nav: '{entry}' is not a place rcp-docs fills; "
                                      f"the known one{'s are' if len(NAV_MARKERS) > 1 else ' is'} "
                                      f"{', '.join(repr(m) for m in NAV_MARKERS)}")
                out += [path for path in self.site.marked.get(entry, []) if path not in named]
                continue
            if isinstance(entry, dict) and len(entry) == 1:
                (title, inner), = entry.items()
                out.append({title: self.nav(inner) if isinstance(inner, list) else inner})
                path = inner if isinstance(inner, str) else None
            else:
                out.append(entry)
                path = entry if isinstance(entry, str) else None
            if path is not None:
                out += [page for page, after in self.site.listed.items()
                        if after == path and page not in named]
        return out

    def docs_folder(self, content: Path, binaries: Mapping[str, bytes] | None = None,
                    front_matter: bool = False) -> dict[str, str | bytes]:
        """Every file of a docs folder for an engine that runs no plugin: the hand-written pages
        and files in `content` (pages through `hand_written`), the generated pages and the
        binaries (the PDF); with `front_matter`, each page's `meta` as YAML front matter."""
        if not content.is_dir():
            raise OutputError(f"{content} is not a folder of hand-written pages")
        files: dict[str, str | bytes] = {}
        for file in sorted(p for p in content.rglob("*") if p.is_file()):
            path = file.relative_to(content).as_posix()
            if path in self.pages:
                raise OutputError(f"{path} is both a hand-written and a generated page")
            if path.endswith(".md"):
                text = self.hand_written(file.read_text(encoding="utf-8"))
                files[path] = _with_meta(text, self.meta(path, False)) if front_matter else text
            else:
                files[path] = file.read_bytes()
        for path, text in self.pages.items():
            meta = self.meta(path, True) if front_matter and path.endswith(".md") else {}
            files[path] = _with_meta(text, meta)
        files.update(binaries or {})
        return files


def _paths(entries: list[NavEntry]) -> list[str]:
    found: list[str] = []
    for entry in entries:
        inner = next(iter(entry.values())) if isinstance(entry, dict) and len(entry) == 1 else entry
        if isinstance(inner, list):
            found += _paths(inner)
        elif isinstance(inner, str):
            found.append(inner)
    return found


def _with_meta(text: str, meta: dict[str, Any]) -> str:
    """A page with `meta` added to its front matter (JSON values are YAML)."""
    if not meta:
        return text
    lines = "".join(f"{key}: {json.dumps(value)}\n" for key, value in meta.items())
    if text.startswith("---\n"):
        return "---\n" + lines + text[4:]
    return "---\n" + lines + "---\n\n" + text
