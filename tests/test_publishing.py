"""The one publishing step (rcp_docs/publish/publishing.py): what every engine is given.

The engines' builds are compared in test_engines.py; here each part of `Publication` on its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from rcp_docs.base.errors import OutputError
from rcp_docs.publish.build import Site
from rcp_docs.publish.publishing import Publication, Repository

REPO = Repository("https://github.com/o/r", "edit/main/content/", "content", "framework.yml")
SITE = Site(
    pages={"index.md": "# Home\n", "roles/index.md": "# Roles\n", "roles/gp.md": "# GP\n",
           "roles/nurse.md": "# Nurse\n", "all.md": "# All\n", "old/index.md": "moved\n"},
    lines={"roles/gp.md": (10, 20)},
    unlisted=["old/index.md"],
    tooltips=[("GP", "General practitioner. A family doctor.")],
    inserts={"cite": "- **Version:** 1.0.0"},
    stamp="Version 1.0.0, updated 2026-12-01",
    listed={"roles/gp.md": "roles/index.md", "roles/nurse.md": "roles/index.md"},
    descriptions={"roles/gp.md": "Where a GP might start: <b>trust</b> & \"listening\"."},
)
EDITORS = Publication(SITE, REPO, editors=True)  # a pull request's preview


def test_actions_of_a_generated_page_point_at_its_lines() -> None:
    meta = EDITORS.meta("roles/gp.md", generated=True)
    assert meta == {"description": SITE.descriptions["roles/gp.md"],
                    "rcp_edit_url": "https://github.com/o/r/edit/main/framework.yml",
                    "rcp_view_url": "https://github.com/o/r/blob/main/framework.yml#L10-L20",
                    "hide": ["footer"]}  # a role's page: its own "Next step" links lead on


def test_actions_of_a_hand_written_page_point_at_its_file() -> None:
    meta = EDITORS.meta("about.md", generated=False)
    assert meta == {"rcp_edit_url": "https://github.com/o/r/edit/main/content/about.md",
                    "rcp_view_url": "https://github.com/o/r/blob/main/content/about.md"}


def test_readers_pages_have_no_actions_but_keep_their_description() -> None:
    """The edit and view actions open GitHub: only an editors' build carries them."""
    readers = Publication(SITE, REPO)
    assert readers.meta("about.md", generated=False) == {}
    assert readers.meta("roles/gp.md", generated=True) == {
        "description": SITE.descriptions["roles/gp.md"],  # as written: the theme escapes it
        "hide": ["footer"]}
    assert readers.meta("about.md", generated=True) == {}  # no summary, no description


def test_no_repository_no_actions_and_the_print_page_is_marked() -> None:
    publication = Publication(SITE, editors=True)
    assert publication.meta("index.md", generated=True) == {}
    assert publication.meta("all.md", generated=True) == {"rcp_print": True}
    assert publication.meta("all.md", generated=False) == {}  # a hand-written page of that name


def test_hand_written_pages_get_inserts_and_tooltips() -> None:
    text = Publication(SITE).hand_written("Ask your GP.\n\n<!-- rcp:cite -->\n")
    assert text == ('Ask your <abbr title="General practitioner. A family doctor." tabindex="0">'
                    "GP</abbr>.\n\n- **Version:** 1.0.0\n")


def test_an_unknown_insert_is_an_error_naming_the_known_ones() -> None:
    with pytest.raises(OutputError, match=r"no generated block called 'nope' \(known: cite\)"):
        Publication(SITE).hand_written("<!-- rcp:nope -->\n")


def test_the_footer_gets_the_version_once() -> None:
    publication = Publication(SITE)
    assert publication.copyright("Published with rcp-docs") == (
        "Published with rcp-docs · Version 1.0.0, updated 2026-12-01")
    assert publication.copyright(None) == "Version 1.0.0, updated 2026-12-01"
    once = publication.copyright("Published with rcp-docs")
    assert publication.copyright(once) == once


def test_pages_that_come_with_the_data_follow_their_page_in_the_navigation() -> None:
    nav = [{"Home": "index.md"}, {"Find your way in": ["roles/index.md"]}, "about.md"]
    expanded = Publication(SITE).nav(nav)
    assert expanded == [{"Home": "index.md"},
                        {"Find your way in": ["roles/index.md", "roles/gp.md", "roles/nurse.md"]},
                        "about.md"]
    assert Publication(SITE).nav(expanded) == expanded  # already listed: not twice
    assert Publication(SITE).unlisted == {"old/index.md", "roles/gp.md", "roles/nurse.md"}


def test_a_docs_folder_holds_every_page_with_its_front_matter(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "img").mkdir(parents=True)
    (content / "about.md").write_text("---\ntitle: About\n---\n\nAsk your GP.\n", encoding="utf-8")
    (content / "img" / "dot.png").write_bytes(b"\x89PNG")
    files = EDITORS.docs_folder(content, {"downloads/x.pdf": b"%PDF"}, front_matter=True)
    assert set(files) == {*SITE.pages, "about.md", "img/dot.png", "downloads/x.pdf"}
    assert files["about.md"] == (
        '---\nrcp_edit_url: "https://github.com/o/r/edit/main/content/about.md"\n'
        'rcp_view_url: "https://github.com/o/r/blob/main/content/about.md"\ntitle: About\n---\n\n'
        'Ask your <abbr title="General practitioner. A family doctor." tabindex="0">GP</abbr>.\n')
    assert files["roles/gp.md"] == (
        '---\ndescription: "Where a GP might start: <b>trust</b> & \\"listening\\"."\n'
        'rcp_edit_url: "https://github.com/o/r/edit/main/framework.yml"\n'
        'rcp_view_url: "https://github.com/o/r/blob/main/framework.yml#L10-L20"\n'
        'hide: ["footer"]\n---\n\n# GP\n')
    assert files["img/dot.png"] == b"\x89PNG"
    plain = EDITORS.docs_folder(content)
    assert plain["roles/gp.md"] == "# GP\n"  # no front matter unless asked
    readers = Publication(SITE, REPO).docs_folder(content, front_matter=True)
    assert readers["about.md"] == ("---\ntitle: About\n---\n\nAsk your <abbr title=\"General "
                                   "practitioner. A family doctor.\" tabindex=\"0\">GP</abbr>.\n")



def test_a_hand_written_page_at_a_generated_address_is_refused(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text("# Mine\n", encoding="utf-8")
    with pytest.raises(OutputError, match=r"index\.md is both a hand-written and a generated page"):
        Publication(SITE).docs_folder(tmp_path)
    with pytest.raises(OutputError, match="is not a folder of hand-written pages"):
        Publication(SITE).docs_folder(tmp_path / "missing")
