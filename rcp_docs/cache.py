"""A cache of rendered pages, keyed by framework.yml's bytes, rcp-docs' own code and the options.

MkDocs builds again for every change under `mkdocs serve` and for every `mkdocs build`, but
framework.yml changes far less often than the hand-written pages. On a hit the plugin skips
loading, validating and rendering, and never imports pydantic or Jinja: its overhead falls to
hashing the file. Only valid frameworks are ever cached, so a bad file is always reported.
This module imports nothing heavy; the pipeline is imported only on a miss.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

PACKAGE = Path(__file__).parent
VERSION = 2  # bump when the cached layout changes


@dataclass(frozen=True, slots=True)
class Published:
    """What a publisher needs: the pages, each page's lines of framework.yml, the moved pages,
    and the glossary's tooltips for the hand-written pages."""

    pages: dict[str, str]
    lines: dict[str, tuple[int, int]]
    moved: list[str]
    tooltips: list[tuple[str, str]] = field(default_factory=list)


def publish(source: Path, display: str, repo_url: str | None, site_url: str | None,
            directory_urls: bool) -> Published:
    """Load, validate and render: the whole pipeline, uncached."""
    from .render import Options, moved_pages, page_sources, render, tooltips
    from .validate import load_framework

    framework = load_framework(source, display)
    pages = render(framework, Options(repo_url=repo_url, site_url=site_url,
                                      directory_urls=directory_urls))
    lines = {path: (span.first, span.last) for path, span in page_sources(framework).items()}
    return Published(pages, lines, moved_pages(framework), tooltips(framework))


def cached_publish(source: Path, display: str, repo_url: str | None, site_url: str | None,
                   directory_urls: bool, cache_dir: Path | None) -> Published:
    """`publish`, from the cache when framework.yml, the code and the options are unchanged."""
    if cache_dir is None:
        return publish(source, display, repo_url, site_url, directory_urls)
    key = _key(source.read_bytes(), display, repo_url, site_url, directory_urls)
    entry = cache_dir / f"{key}.json"
    try:
        data = json.loads(entry.read_text(encoding="utf-8"))
        return Published(data["pages"], {k: (v[0], v[1]) for k, v in data["lines"].items()},
                         data["moved"], [(t[0], t[1]) for t in data["tooltips"]])
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        pass  # a miss, or an entry this version cannot read
    published = publish(source, display, repo_url, site_url, directory_urls)
    _store(cache_dir, entry, published)
    return published


def _key(raw: bytes, *options: object) -> str:
    digest = hashlib.sha256()
    digest.update(f"{VERSION}\0{options!r}\0".encode())
    digest.update(raw)
    for path in sorted(PACKAGE.rglob("*")):  # any change to rcp-docs itself invalidates
        if path.suffix in {".py", ".j2"}:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:32]


def _store(cache_dir: Path, entry: Path, published: Published) -> None:
    """Write the entry atomically and keep only it: the cache never grows."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(asdict(published), out, ensure_ascii=False)
        Path(tmp).replace(entry)
        for old in cache_dir.glob("*.json"):
            if old != entry:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a cache that cannot be written only costs time
