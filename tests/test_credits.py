"""The framework's credits, kept in step everywhere they are shown: "Cite this framework", the
PDF's cover, the sources page, the About page and CITATION.cff all name the posts' writers as the
framework's file credits them, and its editors as compilers."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from rcp_docs.base.text import inline
from rcp_docs.editors.citation import cff_credits
from rcp_docs.publish.build import Options, build
from rcp_docs.publish.publishing import Publication
from rcp_docs.site.downloads import PDF_PATH

ROOT = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def credits() -> list[dict[str, object]]:
    data = yaml.safe_load((ROOT / "framework.yml").read_text(encoding="utf-8"))
    found: list[dict[str, object]] = data["framework"]["credits"]
    return found


@pytest.fixture(scope="module")
def site() -> Publication:
    return Publication(build(ROOT / "framework.yml", Options(pdf=True)))


def test_the_posts_writers_are_credited_as_the_seeds_name_them(
        credits: list[dict[str, object]]) -> None:
    """David for part one ("In this blog David discusses..."), the unnamed "we" for part two,
    and the editors as compilers: nothing the posts do not say."""
    authors = {c["name"]: c for c in credits if c["role"] == "author"}
    assert authors["David"]["kind"] == "person"
    assert authors["David"]["sources"] == ["blog-part-one"]
    assert authors["The writers of part two"]["sources"] == ["blog-part-two"]
    assert [c["role"] for c in credits if c["role"] == "compiler"] == ["compiler"]


def test_cite_block_about_page_and_sources_page_name_every_credit(
        site: Publication, credits: list[dict[str, object]]) -> None:
    about = site.hand_written((ROOT / "content" / "about.md").read_text(encoding="utf-8"))
    cite = site.site.inserts["cite"]
    sources = site.pages["sources.md"]
    for credit in credits:
        name, note = inline(str(credit["name"])), inline(str(credit["note"]).replace("\n", " "))
        for where, text in (("cite", cite), ("about", about)):
            assert name in text and note in text, (where, name)
        if credit["role"] == "author":
            assert f"**Written by:** {name}." in sources
        else:
            assert f"compiled from these sources by {name}." in sources
    compiled = [str(c["name"]) for c in credits if c["role"] == "compiler"]
    assert f"compiled by {'; '.join(compiled)}. *" in cite  # the example citation


def test_pdf_cover_names_every_credit(site: Publication,
                                      credits: list[dict[str, object]]) -> None:
    version = site.site.stamp.split()[1].rstrip(",")
    document = site.site.prints[PDF_PATH.format(version=version)]
    cover = document[document.index('<section class="cover">'):document.index("</section>")]
    for credit in credits:
        assert str(credit["name"]) in cover
    names = "; ".join(str(c["name"]) for c in credits if c["role"] == "author")
    assert f'<meta name="author" content="{names}; compiled by' in document


def test_citation_cff_matches_the_credits() -> None:
    data = yaml.safe_load((ROOT / "framework.yml").read_text(encoding="utf-8"))
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    made = cff_credits(data)
    assert cff["authors"] == made["authors"]
    assert cff["references"] == made["references"]
    assert cff["authors"][0] == {"given-names": "David"}
    assert [r["authors"] for r in cff["references"]] == [
        [{"given-names": "David"}], [{"name": "The writers of part two"}]]
