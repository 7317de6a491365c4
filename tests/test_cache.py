"""The plugin's cache of rendered pages: a hit gives the same pages, any change misses."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rcp_docs import cache
from rcp_docs.errors import FrameworkError

MINI = Path(__file__).parent / "fixtures" / "mini.yml"
ARGS = ("framework.yml", "https://github.com/o/r", None, True)


def test_a_hit_gives_the_same_pages_without_the_pipeline(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "framework.yml"
    shutil.copy(MINI, source)
    store = tmp_path / "cache"
    first = cache.cached_publish(source, *ARGS, store)
    assert first == cache.publish(source, *ARGS)
    assert len(list(store.glob("*.json"))) == 1

    def fail(*_: object) -> cache.Published:
        raise AssertionError("the pipeline ran on a cache hit")

    monkeypatch.setattr(cache, "publish", fail)
    assert cache.cached_publish(source, *ARGS, store) == first


def test_a_change_to_the_file_or_options_misses(tmp_path: Path) -> None:
    source = tmp_path / "framework.yml"
    shutil.copy(MINI, source)
    store = tmp_path / "cache"
    cache.cached_publish(source, *ARGS, store)
    source.write_text(MINI.read_text(encoding="utf-8").replace("name: Kindness", "name: Care"),
                      encoding="utf-8")
    changed = cache.cached_publish(source, *ARGS, store)
    assert "## Care { #kindness }" in changed.pages["behaviours/index.md"]
    other = cache.cached_publish(source, "framework.yml", None, None, True, store)
    assert "Suggest a change" not in other.pages["behaviours/index.md"]
    assert len(list(store.glob("*.json"))) == 1  # only the latest entry is kept


def test_a_bad_file_is_reported_every_time(tmp_path: Path) -> None:
    source = tmp_path / "framework.yml"
    source.write_text(MINI.read_text(encoding="utf-8").replace('"0.1.0"', "0.1"),
                      encoding="utf-8")
    store = tmp_path / "cache"
    for _ in range(2):
        with pytest.raises(FrameworkError):
            cache.cached_publish(source, *ARGS, store)
    assert not list(store.glob("*.json"))


def test_a_damaged_entry_is_a_miss(tmp_path: Path) -> None:
    source = tmp_path / "framework.yml"
    shutil.copy(MINI, source)
    store = tmp_path / "cache"
    good = cache.cached_publish(source, *ARGS, store)
    [entry] = store.glob("*.json")
    entry.write_text("{not json", encoding="utf-8")
    assert cache.cached_publish(source, *ARGS, store) == good
