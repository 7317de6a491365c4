"""The PDF of the whole framework: a print document of its own, rendered with WeasyPrint.

`print_html` turns the all-in-one page (Markdown that rcp-docs built, every value escaped) into a
standalone HTML document: a cover with the title, version and date; a contents list with page
numbers; every chapter; no navigation and no script. `pdfs` renders it with WeasyPrint, as a
tagged PDF with its title and language, and keeps the result in a cache keyed by the HTML and
WeasyPrint's version, so an unchanged framework is never rendered twice. WeasyPrint may fetch
nothing: images and styles come from the document itself.
"""

from __future__ import annotations

import hashlib
import html as htmllib
import tempfile
from importlib import metadata
from pathlib import Path

import jinja2
import markdown
from markupsafe import Markup

from ..structure import model
from .downloads import PDF_PATH
from ..base.errors import RcpError
from ..base.options import Options

__all__ = ["PDF_PATH", "Options", "pdfs", "print_html", "render_pdf"]

_ENV = jinja2.Environment(loader=jinja2.PackageLoader("rcp_docs.site", "templates"),
                          autoescape=True, undefined=jinja2.StrictUndefined,
                          trim_blocks=True, lstrip_blocks=True)
ALL_PAGE = "all.md"


class PdfError(RcpError):
    """The PDF cannot be made."""


def print_html(framework: model.Framework, pages: dict[str, str], address: str | None = None
               ) -> str:
    """The print document of the whole framework, from the all-in-one page's Markdown."""
    text = pages[ALL_PAGE]
    start = text.find("\n## ")  # the chapters; the page's own heading and note make the cover
    body = text[start + 1:] if start >= 0 else text
    md = markdown.Markdown(extensions=["attr_list", "tables", "toc"],
                           extension_configs={"toc": {"toc_depth": "2-3"}})
    converted = md.convert(body)
    contents = [(t["id"], htmllib.unescape(t["name"]),
                 [(c["id"], htmllib.unescape(c["name"])) for c in t["children"]])
                for t in md.toc_tokens]
    about = framework.data.framework
    return _ENV.get_template("print.html.j2").render(
        title=about.title, title_css=_css_string(about.title), version=about.version,
        date=about.updated, author=about.author or "", address=address or "",
        contents=contents, body=Markup(converted))  # noqa: S704 - from escaped Markdown


def _css_string(value: str) -> str:
    """Text for a CSS string in double quotes: the title in every page's footer."""
    return "".join(ch if ch.isalnum() or ch in " ,.:;'-()&" else f"\\{ord(ch):x} " for ch in value)


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
        entry.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=entry.parent, suffix=".tmp", delete=False) as out:
            out.write(data)
        Path(out.name).replace(entry)
    except OSError:
        pass  # a cache that cannot be written only costs time
