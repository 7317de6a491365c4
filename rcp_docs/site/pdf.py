"""The PDF of the whole framework: a print document of its own, rendered with WeasyPrint.

`render.print_html` turns the all-in-one page into a standalone print document; `pdfs` renders
it with WeasyPrint, as a
tagged PDF with its title and language, and keeps the result in a cache keyed by the HTML and
WeasyPrint's version, so an unchanged framework is never rendered twice. WeasyPrint may fetch
nothing: images and styles come from the document itself.
"""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

from ..base.errors import PdfError
from ..base.files import write_atomic

__all__ = ["pdfs", "render_pdf"]

def render_pdf(document: str) -> bytes:
    """The PDF of a print document: tagged, with its title, author and language."""
    try:
        import weasyprint
        from weasyprint.urls import URLFetcher
    except ImportError as exc:  # pragma: no cover - weasyprint is a dependency
        raise PdfError(f"the PDF needs WeasyPrint and the system's Pango: {exc}") from None
    fetcher = URLFetcher(allowed_protocols=["data"])  # nothing from the network or the disk
    try:
        out = weasyprint.HTML(string=document, base_url=None, url_fetcher=fetcher).write_pdf(
            pdf_variant="pdf/ua-1", pdf_tags=True)
    except Exception as exc:  # WeasyPrint's own errors have no common base class
        raise PdfError(f"could not make the PDF: {type(exc).__name__}: {exc}") from None
    assert isinstance(out, bytes)
    return out


def pdfs(prints: dict[str, str], cache_dir: Path | None) -> dict[str, bytes]:
    """Each PDF of a site (`Site.prints`), from the cache when its document is unchanged."""
    made = {}
    keep = set()
    for path, document in prints.items():
        key = hashlib.sha256(f"{_version()}\0{document}".encode()).hexdigest()[:32]
        entry = cache_dir / f"pdf-{key}.pdf" if cache_dir is not None else None
        keep.add(entry)
        if entry is not None and entry.is_file():
            made[path] = entry.read_bytes()
            continue
        made[path] = render_pdf(document)
        if entry is not None:
            _store(entry, made[path])
    if cache_dir is not None and cache_dir.is_dir():
        for old in cache_dir.glob("pdf-*.pdf"):
            if old not in keep:
                old.unlink(missing_ok=True)
    return made


def _version() -> str:
    try:
        return metadata.version("weasyprint")
    except metadata.PackageNotFoundError:  # pragma: no cover
        return "?"


def _store(entry: Path, data: bytes) -> None:
    try:
        write_atomic(entry, data)
    except OSError:
        pass  # a cache that cannot be written only costs time
