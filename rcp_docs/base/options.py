"""The options of a build: what the pages need to know of where they are published."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Options:
    """Travels whole from the publisher (plugin, CLI, benchmark) to the renderer and the cache."""

    repo_url: str | None = None  # for "Suggest a change" links to the issue tracker
    site_url: str | None = None  # for the page address in those suggestions
    directory_urls: bool = True  # /principles/ rather than /principles/index.html
    pdf: bool = False  # a PDF of the whole framework is published too (listed on the downloads page)
