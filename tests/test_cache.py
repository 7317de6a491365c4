"""The plugin's cache of built sites: a hit gives the same site, any change misses."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rcp_docs.base.errors import FrameworkError
from rcp_docs.publish import cache
from rcp_docs.publish.build import Options, Site, build

MINI = Path(__file__).parent / "fixtures" / "mini.yml"
OPTIONS = Options(repo_url="https://github.com/o/r")


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "framework.yml"
    shutil.copy(MINI, path)
    return path


def test_a_hit_gives_the_same_site_without_the_pipeline(source: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "cache"
    first = cache.cached_build(source, OPTIONS, "framework.yml", store)
    assert first == build(source, OPTIONS, "framework.yml")
    assert len(list(store.glob("*.json"))) == 1

    def fail(*_: object) -> Site:
        raise AssertionError("the pipeline ran on a cache hit")

    monkeypatch.setattr(cache, "_build", fail)
    assert cache.cached_build(source, OPTIONS, "framework.yml", store) == first


def test_a_change_to_the_file_or_options_misses(source: Path, tmp_path: Path) -> None:
    store = tmp_path / "cache"
    cache.cached_build(source, OPTIONS, "framework.yml", store)
    source.write_text(MINI.read_text(encoding="utf-8").replace("name: Kindness", "name: Care"),
                      encoding="utf-8")
    changed = cache.cached_build(source, OPTIONS, "framework.yml", store)
    assert "## Care { #kindness }" in changed.pages["behaviours/index.md"]
    other = cache.cached_build(source, Options(), "framework.yml", store)
    assert "/issues/new?" not in other.pages["behaviours/index.md"]  # no repository: email only
    assert len(list(store.glob("*.json"))) == 1  # only the latest entry is kept


def test_a_library_version_is_part_of_the_key(source: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "cache"
    cache.cached_build(source, OPTIONS, "framework.yml", store)
    [before] = store.glob("*.json")
    assert "jinja2=" in cache._versions() and "pydantic=" in cache._versions()
    monkeypatch.setattr(cache, "_versions", lambda: "jinja2=99.0")
    cache.cached_build(source, OPTIONS, "framework.yml", store)
    [after] = store.glob("*.json")
    assert after.name != before.name


def test_a_bad_file_is_reported_every_time(source: Path, tmp_path: Path) -> None:
    source.write_text(MINI.read_text(encoding="utf-8").replace('"0.1.0"', "0.1"),
                      encoding="utf-8")
    store = tmp_path / "cache"
    for _ in range(2):
        with pytest.raises(FrameworkError):
            cache.cached_build(source, OPTIONS, "framework.yml", store)
    assert not list(store.glob("*.json"))


@pytest.mark.parametrize("use_cache", [True, False])
def test_a_missing_file_gives_one_message_with_the_configured_name(tmp_path: Path,
                                                                   use_cache: bool) -> None:
    store = tmp_path / "cache" if use_cache else None
    with pytest.raises(FrameworkError) as info:
        cache.cached_build(tmp_path / "absent.yml", OPTIONS, "data/absent.yml", store)
    assert str(info.value) == ("data/absent.yml:1:1: cannot read the file: No such file or "
                               "directory\n1 problem found")


def test_a_damaged_entry_is_a_miss(source: Path, tmp_path: Path) -> None:
    store = tmp_path / "cache"
    good = cache.cached_build(source, OPTIONS, "framework.yml", store)
    [entry] = store.glob("*.json")
    entry.write_text("{not json", encoding="utf-8")
    assert cache.cached_build(source, OPTIONS, "framework.yml", store) == good
