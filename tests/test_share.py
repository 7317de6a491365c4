"""Share previews: every page of the built site carries Open Graph and Twitter tags, once each,
its description the page's summary from framework.yml (or the site's), its address canonical."""

from __future__ import annotations

import html
import re
from pathlib import Path

import yaml

from rcp_docs.publish.build import load_framework
from rcp_docs.site.describe import LIMIT, shortened

ROOT = Path(__file__).resolve().parent.parent
TAG = re.compile(r'<meta (property|name)="([a-z:_]+)" content="([^"]*)">')
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)">')
SHARED = ["og:type", "og:site_name", "og:title", "og:description", "og:url", "og:locale",
          "twitter:card", "twitter:title", "twitter:description", "description"]


def _tags(page: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for _, name, value in TAG.findall(page.read_text(encoding="utf-8")):
        found.setdefault(name, []).append(html.unescape(value))
    return found


def test_every_page_has_each_share_tag_once(built_site: Path) -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    pages = [p for p in built_site.rglob("index.html")]
    assert len(pages) > 30
    for page in pages:
        tags = _tags(page)
        missing = [name for name in SHARED if len(tags.get(name, [])) != 1]
        assert missing == [], f"{page}: {missing}"
        canonical = CANONICAL.findall(page.read_text(encoding="utf-8"))
        assert tags["og:url"] == canonical and canonical[0].startswith("https://"), page
        assert tags["og:site_name"] == [config["site_name"]]
        assert tags["og:description"] == tags["description"] == tags["twitter:description"]
        assert tags["og:title"] == tags["twitter:title"]
        assert len(tags["og:description"][0]) <= LIMIT
    assert _tags(built_site / "index.html")["og:title"] == [config["site_name"]]


def test_descriptions_are_the_summaries_in_the_data(built_site: Path) -> None:
    framework = load_framework(ROOT / "framework.yml")
    for layer in framework.layers:
        tags = _tags(built_site / layer.id / "index.html")
        assert tags["og:description"] == [shortened(layer.data.summary)]
        assert tags["og:title"] == [layer.data.name]
    for role in framework.roles:
        tags = _tags(built_site / "roles" / role.id / "index.html")
        assert tags["og:description"] == [shortened(role.data.summary)]
    home = _tags(built_site / "index.html")["og:description"][0]
    assert home == shortened(framework.data.framework.summary)
    assert home.endswith("…") or len(home) < LIMIT


def test_a_long_summary_is_cut_at_a_word() -> None:
    text = "word " * 100
    cut = shortened(text)
    assert len(cut) <= LIMIT and cut.endswith("word…")
    assert shortened("  Two\n lines.  ") == "Two lines."
