"""The PDF of the whole framework: it opens, holds every item's name and the version, is tagged
with its title and language, is cached by content, and the plugin publishes it when asked."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from rcp_docs.publish.build import Options, build, load_framework
from rcp_docs.site import pdf

REPO = Path(__file__).resolve().parent.parent
SITE = "https://relationships-project.github.io/rcp-docs/"  # as mkdocs.yml says


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, Path, dict[str, str]]:
    """The PDF of framework.yml, rendered once, and the cache it was kept in."""
    cache = tmp_path_factory.mktemp("cache")
    site = build(REPO / "framework.yml", Options(site_url=SITE, pdf=True))
    [(_path, data)] = pdf.pdfs(site.prints, cache).items()
    return data, cache, site.pages


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_pdf_holds_every_item_and_the_version(made: tuple[bytes, Path, dict[str, str]]
                                                  ) -> None:
    data, _, _ = made
    reader = PdfReader(BytesIO(data))
    text = _flat("\n".join(page.extract_text() for page in reader.pages))
    fw = load_framework(REPO / "framework.yml")
    about = fw.data.framework
    missing = [item.data.name for item in fw.items if _flat(item.data.name) not in text]
    assert missing == []
    assert _flat(f"Version {about.version}, {about.updated}") in text  # the cover
    assert all(_flat(layer.data.name) in text for layer in fw.layers)
    assert _flat("Contents") in text and _flat("Sources") in text
    assert reader.metadata is not None and reader.metadata.title == \
        f"{about.title}, version {about.version}"
    root = reader.root_object
    mark_info = root["/MarkInfo"].get_object()
    assert isinstance(mark_info, dict)
    assert root["/Lang"] == "en" and mark_info["/Marked"]  # tagged, with its language
    assert len(reader.outline) > 5  # bookmarks from the headings


def test_the_pdf_is_cached_by_its_document(made: tuple[bytes, Path, dict[str, str]],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    data, cache, _ = made
    site = build(REPO / "framework.yml", Options(site_url=SITE, pdf=True))

    def refuse(document: str) -> bytes:
        raise AssertionError("rendered again although nothing changed")

    monkeypatch.setattr(pdf, "render_pdf", refuse)
    assert pdf.pdfs(site.prints, cache) == {next(iter(site.prints)): data}
    changed = {path: html.replace("Contents", "Contents.") for path, html in site.prints.items()}
    with pytest.raises(AssertionError, match="rendered again"):
        pdf.pdfs(changed, cache)


def test_the_downloads_page_lists_the_pdf_only_when_it_is_made(
        made: tuple[bytes, Path, dict[str, str]]) -> None:
    _, _, pages = made
    version = load_framework(REPO / "framework.yml").data.framework.version
    link = f"(downloads/framework-{version}.pdf)"
    assert link in pages["downloads.md"]
    assert link not in build(REPO / "framework.yml").pages["downloads.md"]


def test_the_print_document_has_no_script_and_fetches_nothing(
        made: tuple[bytes, Path, dict[str, str]]) -> None:
    site = build(REPO / "framework.yml", Options(site_url=SITE, pdf=True))
    document = next(iter(site.prints.values()))
    assert "<script" not in document.lower()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", document.split("<main>")[0])
    assert '<html lang="en">' in document


def test_the_plugin_publishes_the_pdf_with_make_build(
        made: tuple[bytes, Path, dict[str, str]], tmp_path: Path) -> None:
    data, cache, _ = made
    for name in ("framework.yml", "mkdocs.yml"):
        shutil.copy2(REPO / name, tmp_path / name)
    for name in ("content", "theme_overrides", "releases"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copytree(cache, tmp_path / ".cache" / "rcp-docs")  # the PDF comes from the cache
    out = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=tmp_path, capture_output=True, text=True, check=False,
        env={**os.environ, "RCP_PDF": "true", "RCP_SITE_URL": SITE, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    version = load_framework(REPO / "framework.yml").data.framework.version
    assert (out / "downloads" / f"framework-{version}.pdf").read_bytes() == data
    assert f'href="framework-{version}.pdf"' in \
        (out / "downloads" / "index.html").read_text(encoding="utf-8")
