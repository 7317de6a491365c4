"""Releases: `rcp-docs release` in a temporary copy of the repository, its refusals, the "What's
changed" page and the items' history lines, the downloads per release, the committed snapshots
and CITATION.cff."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from rcp_docs.base.errors import ReleaseError
from rcp_docs.editors.citation import cff_credits
from rcp_docs.editors.releases import SUMS, digest, edited, read_snapshots
from rcp_docs.publish.build import Options, build
from rcp_docs.publish.cli import main
from rcp_docs.source.load import Document, load_file

REPO = Path(__file__).resolve().parent.parent
NEW_ID = "a-new-item-for-the-test"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """framework.yml and CITATION.cff copied, with release 0.1.0 as the last release: today's
    file, edited since, under 0.1.0's version and date (so these tests do not depend on how many
    releases the project has made since)."""
    shutil.copytree(REPO / "releases", tmp_path / "releases")
    first = "framework-0.1.0.yml"
    for later in (tmp_path / "releases").glob("framework-*.yml"):
        if later.name != first:
            later.unlink()
    sums = tmp_path / "releases" / "SHA256SUMS"
    sums.write_text("".join(line + "\n" for line in sums.read_text(encoding="utf-8").splitlines()
                            if line.endswith(first)), encoding="utf-8")
    about = load_file(tmp_path / "releases" / first).to_data()["framework"]
    text = (REPO / "framework.yml").read_text(encoding="utf-8")
    text = re.sub(r'(?m)^  version: "[^"]*"$', f'  version: "{about["version"]}"', text, count=1)
    text = re.sub(r'(?m)^  updated: "[^"]*"$', f'  updated: "{about["updated"]}"', text, count=1)
    (tmp_path / "framework.yml").write_text(text, encoding="utf-8")
    cff = (REPO / "CITATION.cff").read_text(encoding="utf-8")
    cff = re.sub(r'(?m)^version: .*$', f'version: "{about["version"]}"', cff, count=1)
    cff = re.sub(r'(?m)^date-released: .*$', f'date-released: "{about["updated"]}"', cff, count=1)
    (tmp_path / "CITATION.cff").write_text(cff, encoding="utf-8")
    return tmp_path


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def edit(repo: Path) -> dict[str, str]:
    """Rename the first item, retire the second and add an item after the first, keeping the
    rest of the file as it is; returns the ids involved."""
    path = repo / "framework.yml"
    doc: Document = load_file(path)
    data = doc.to_data()
    first, second = data["layers"][0]["items"][:2]
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    item = doc.find(("layers", 0, "items", 0))
    name = doc.find(("layers", 0, "items", 0, "name"))
    status = doc.find(("layers", 0, "items", 1, "status"))
    block = lines[item.line - 1:item.end_line]
    copy = [block[0].replace(first["id"], NEW_ID, 1), *block[1:]]
    name_at = name.line - item.line
    copy[name_at] = copy[name_at][:name.column - 1] + "A brand new item\n"
    lines[status.line - 1] = lines[status.line - 1][:status.column - 1] + "retired\n"
    lines[name.line - 1] = lines[name.line - 1][:name.column - 1] + "A new name for the test\n"
    lines[item.end_line:item.end_line] = ["\n", *copy]
    path.write_text("".join(lines), encoding="utf-8")
    return {"renamed": first["id"], "retired": second["id"], "layer": data["layers"][0]["id"]}


def release(repo: Path, version: str, *options: str) -> int:
    return main(["release", version, str(repo / "framework.yml"), *options])


def test_a_release_keeps_a_snapshot_and_stamps_the_file(repo: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    ids = edit(repo)
    edited_text = (repo / "framework.yml").read_text(encoding="utf-8")
    assert release(repo, "0.2.0", "--date", "2026-12-01") == 0
    out = capsys.readouterr()
    text = (repo / "framework.yml").read_text(encoding="utf-8")
    # only the version and the date changed, in place: comments and layout kept
    before, after = edited_text.splitlines(), text.splitlines()
    assert len(before) == len(after)
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert [b.strip() for _, b in changed] == ['version: "0.2.0"', 'updated: "2026-12-01"']
    assert text.startswith("# yaml-language-server")
    snapshot = repo / "releases" / "framework-0.2.0.yml"
    assert snapshot.read_bytes() == (repo / "framework.yml").read_bytes()
    assert f"{digest(snapshot.read_bytes())}  framework-0.2.0.yml" in \
        (repo / "releases" / SUMS).read_text(encoding="utf-8")
    assert edited(repo / "releases") == []
    cff = yaml.safe_load((repo / "CITATION.cff").read_text(encoding="utf-8"))
    assert (cff["version"], cff["date-released"]) == ("0.2.0", "2026-12-01")
    # the summary for the pull request
    assert "## Changes to the framework" in out.out
    assert f"Renamed `{ids['renamed']}`" in out.out
    assert f"`{NEW_ID}`" in out.out and "A brand new item" in out.out
    assert f"`{ids['retired']}` changed status from" in out.out and "to retired" in out.out
    assert "released version 0.2.0" in out.err


def test_what_changed_and_the_history_lines(repo: Path) -> None:
    ids = edit(repo)
    assert release(repo, "0.2.0", "--date", "2026-12-01") == 0
    site = build(repo / "framework.yml", Options())
    page = site.pages["whats-changed.md"]
    layer = f"{ids['layer']}/index.md"
    newest, oldest = page.index("## Version 0\\.2\\.0, 2026-12-01 { #release-0-2-0 }"), \
        page.index("## Version 0\\.1\\.0")
    assert newest < oldest  # newest first
    part = page[newest:oldest]
    assert f"Renamed [`{ids['renamed']}`]({layer}#{ids['renamed']}): " in part
    assert "A new name for the test" in part
    assert f"Added **A brand new item** [`{NEW_ID}`]({layer}#{NEW_ID})" in part
    assert f"[`{ids['retired']}`]({layer}#{ids['retired']}) changed status" in part
    assert "Nothing has changed since version 0\\.2\\.0" in page
    items = site.pages[layer]
    assert '<p class="rcp-history"><a href="../whats-changed/#release-0-2-0">Changed in 0.2.0</a>.</p>' in \
        _section(items, ids["renamed"])
    assert '<a href="../whats-changed/#release-0-2-0">Added in 0.2.0</a>.</p>' in _section(items, NEW_ID)
    assert "Changed in 0.2.0" in _section(items, ids["retired"])
    # downloads of both releases, named with their versions, listed on the downloads page
    for version in ("0.1.0", "0.2.0"):
        assert f"downloads/{version}/framework-{version}.yml" in site.pages
        assert f"downloads/{version}/{ids['layer']}-{version}.csv" in site.pages
        assert f"(downloads/{version}/framework-{version}.json)" in site.pages["downloads.md"]
    assert site.pages["downloads/0.2.0/framework-0.2.0.yml"] == \
        (repo / "framework.yml").read_text(encoding="utf-8")
    assert NEW_ID in site.pages[f"downloads/0.2.0/{ids['layer']}-0.2.0.csv"]
    assert NEW_ID not in site.pages[f"downloads/0.1.0/{ids['layer']}-0.1.0.csv"]


def test_edits_after_a_release_are_listed_as_unreleased(repo: Path) -> None:
    ids = edit(repo)
    page = build(repo / "framework.yml", Options()).pages
    since = page["whats-changed.md"].split("{ #since-the-last-release }")[1].split("## Version")[0]
    assert f"Renamed [`{ids['renamed']}`]" in since
    assert '<a href="../whats-changed/#since-the-last-release">Changed since the last release</a>' in \
        _section(page[f"{ids['layer']}/index.md"], ids["renamed"])


def _section(page: str, ident: str) -> str:
    """An item's section of its layer page."""
    start = page.index(f"{{ #{ident} }}")
    end = page.find("\n## ", start)
    return page[start:end if end >= 0 else None]


@pytest.mark.parametrize(("args", "message"), [
    (("0.2",), "'0.2' is not a version: expected major.minor.patch"),
    (("v0.2.0",), "'v0.2.0' is not a version"),
    (("0.1.0",), "version 0.1.0 is not newer than the last release, 0.1.0; choose a higher "
                 "version, such as 0.2.0"),
    (("0.0.9",), "version 0.0.9 is not newer than the last release"),
    (("0.2.0", "--date", "2026-02-30"), "'2026-02-30' is not a date: expected year-month-day"),
    (("0.2.0", "--date", "1 Dec 2026"), "'1 Dec 2026' is not a date"),
    (("0.2.0", "--date", "2000-01-01"), "the date 2000-01-01 is before the last release's"),
])
def test_refusals_say_why_and_change_nothing(repo: Path, capsys: pytest.CaptureFixture[str],
                                             args: tuple[str, ...], message: str) -> None:
    edit(repo)
    before = tree(repo)
    assert release(repo, *args) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert tree(repo) == before


def test_nothing_to_release(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # released once here, so that the file is the same as its last release whatever it holds
    assert release(repo, "0.99.0", "--date", "2099-01-01") == 0
    capsys.readouterr()
    before = tree(repo)
    assert release(repo, "0.100.0", "--date", "2099-01-01") == 1
    assert "nothing has changed since version 0.99.0: there is nothing to release" in \
        capsys.readouterr().err
    assert tree(repo) == before
    # the version and the date alone are not a change, and neither is a comment
    text = (repo / "framework.yml").read_text(encoding="utf-8")
    (repo / "framework.yml").write_text(text.replace("# The Relationship", "# Edited. The Rel"),
                                        encoding="utf-8")
    before = tree(repo)
    assert release(repo, "0.100.0", "--date", "2099-01-02") == 1
    assert tree(repo) == before


def test_an_invalid_framework_is_not_released(repo: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = repo / "framework.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  title: ", "  titel: ", 1),
                    encoding="utf-8")
    before = tree(repo)
    assert release(repo, "0.2.0") == 1
    err = capsys.readouterr().err
    assert "framework.yml:" in err and "titel" in err
    assert tree(repo) == before


def test_an_edited_snapshot_stops_a_release(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo)
    snapshot = repo / "releases" / "framework-0.1.0.yml"
    snapshot.write_bytes(snapshot.read_bytes() + b"# an edit\n")
    before = tree(repo)
    assert release(repo, "0.2.0") == 1
    assert "releases/framework-0.1.0.yml has changed since it was released" in \
        capsys.readouterr().err
    assert tree(repo) == before


def test_the_first_release(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy2(REPO / "tests" / "fixtures" / "mini.yml", tmp_path / "framework.yml")
    assert release(tmp_path, "1.0.0", "--date", "2026-03-04") == 0
    assert "The first release of the framework, 2026-03-04." in capsys.readouterr().out
    assert (tmp_path / "releases" / "framework-1.0.0.yml").is_file()
    assert not (tmp_path / "CITATION.cff").exists()  # only set where there is one
    page = build(tmp_path / "framework.yml").pages["whats-changed.md"]
    assert "The first release." in page


def test_no_releases_folder_means_no_releases(tmp_path: Path) -> None:
    shutil.copy2(REPO / "tests" / "fixtures" / "mini.yml", tmp_path / "framework.yml")
    site = build(tmp_path / "framework.yml")
    assert "There are no releases yet." in site.pages["whats-changed.md"]
    assert not any(path.startswith("downloads/0") for path in site.pages)


# --- the repository's own releases -------------------------------------------------------------


def test_committed_snapshots_are_never_edited() -> None:
    folder = REPO / "releases"
    assert read_snapshots(folder), "the framework has at least one release"
    assert edited(folder) == []


def test_the_framework_says_the_last_released_version_or_a_newer_one() -> None:
    about = yaml.safe_load((REPO / "framework.yml").read_text(encoding="utf-8"))["framework"]
    last = read_snapshots(REPO / "releases")[-1]
    assert tuple(map(int, about["version"].split("."))) >= \
        tuple(map(int, last.version.split(".")))


def test_citation_cff_is_in_step_with_the_framework() -> None:
    about = yaml.safe_load((REPO / "framework.yml").read_text(encoding="utf-8"))["framework"]
    cff = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    last = yaml.safe_load(read_snapshots(REPO / "releases")[-1].raw)["framework"]
    assert cff["cff-version"] == "1.2.0"
    assert (cff["title"], cff["version"]) == (about["title"], about["version"])
    assert (cff["version"], cff["date-released"]) == (last["version"], last["updated"])
    data = yaml.safe_load((REPO / "framework.yml").read_text(encoding="utf-8"))
    assert {k: cff[k] for k in ("authors", "references")} == cff_credits(data)


def test_a_release_writes_the_credits_into_citation_cff(repo: Path) -> None:
    """CITATION.cff's authors and references come from the framework's credits: a stale list is
    replaced, and the lines above `authors:` are kept."""
    cff_path = repo / "CITATION.cff"
    text = cff_path.read_text(encoding="utf-8")
    head = text[:text.index("\nauthors:") + 1]
    cff_path.write_text(head + 'authors:\n  - name: "someone else"\n', encoding="utf-8")
    edit(repo)
    assert release(repo, "0.2.0", "--date", "2026-12-01") == 0
    data = yaml.safe_load((repo / "framework.yml").read_text(encoding="utf-8"))
    written = cff_path.read_text(encoding="utf-8")
    cff = yaml.safe_load(written)
    assert {k: cff[k] for k in ("authors", "references")} == cff_credits(data)
    assert "someone else" not in written
    assert written.startswith(head.replace('version: "0.1.0"', 'version: "0.2.0"')
                              .replace('date-released: "2026-11-23"',
                                       'date-released: "2026-12-01"'))
    # the posts' writers as authors, each post as a reference with its writers
    names = [a.get("given-names") or a.get("name") for a in cff["authors"]]
    credits = data["framework"]["credits"]
    assert names == [c["name"] for c in credits]
    for ref in cff["references"]:
        assert ref["authors"], ref


@pytest.mark.parametrize("hostile", [
    'status: "<script>alert(1)</script>"', "replaced_by: \"x`<img src=x onerror=alert(1)>`\"",
    '"<b>key</b>": value',
])
def test_a_hostile_snapshot_is_refused(tmp_path: Path, hostile: str) -> None:
    """Ids, statuses and keys are printed as they are on the What's changed page: a snapshot
    slipped into releases/ by hand may not carry markup in them."""
    text = (REPO / "tests" / "fixtures" / "mini.yml").read_text(encoding="utf-8")
    shutil.copy2(REPO / "tests" / "fixtures" / "mini.yml", tmp_path / "framework.yml")
    (tmp_path / "releases").mkdir()
    version = yaml.safe_load(text)["framework"]["version"]
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("status:"))
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    lines[at] = indent + hostile if not hostile.startswith('"<b>') else lines[at]
    if hostile.startswith('"<b>'):
        lines.insert(at, indent + hostile)
    (tmp_path / "releases" / f"framework-{version}.yml").write_text("\n".join(lines) + "\n")
    with pytest.raises(ReleaseError, match=r"is not an id|is not one a framework file has"):
        build(tmp_path / "framework.yml")
