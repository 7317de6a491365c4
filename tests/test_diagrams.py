"""The diagrams' SVG as drawn (the browser tests measure them as rendered)."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from rcp_docs.publish.build import load_framework
from rcp_docs.site import diagrams, svgtext

REPO_ROOT = Path(__file__).resolve().parent.parent
FW = load_framework(REPO_ROOT / "framework.yml")


def _url(layer: Any) -> str:
    return f"../{layer.id}/"


def _drawn() -> list[str]:
    return [diagrams.onion(FW.layers, _url), diagrams.venn(FW.comparison),
            *(diagrams.flow(p, FW.layers, _url) for p in FW.proposals if p.flow)]


def test_every_diagram_is_drawn_for_a_phone_with_theme_classes_and_plain_href() -> None:
    for svg in _drawn():
        assert f'viewBox="0 0 {svgtext.WIDTH} ' in svg
        assert "xlink" not in svg and " width=\"100%\"" not in svg
        sizes = [int(size) for size in re.findall(r'font-size="(\d+)"', svg)]
        assert sizes and min(sizes) >= svgtext.MIN_SIZE
        assert all('class="rcp-ink"' in text for text in re.findall(r"<text [^>]*>", svg))
        assert all("rcp-fill-" in shape for shape in re.findall(r"<(?:rect|circle|path) [^>]*>", svg)
                   if "rcp-arrowhead" not in shape)
    onion = _drawn()[0]
    assert len(re.findall(r'<a href="\.\./[a-z-]+/"', onion)) == len(FW.layers)


def test_a_venn_region_too_full_says_how_many_more() -> None:
    names = {"relationship": [f"A characteristic with a long name {i}" for i in range(12)],
             "transaction": ["Follows a standard course"], "both": ["Fair"]}
    comparison = SimpleNamespace(side=lambda side: names[side])
    svg = diagrams.venn(comparison)  # type: ignore[arg-type]
    assert re.search(r">and \d+ more<", svg)
    assert "Follows a standard course" in svg and ">Fair<" in svg


def test_a_wide_flow_stage_wraps_into_rows_of_three() -> None:
    layers = FW.layers
    stage = [layers[i % len(layers)] for i in range(7)]
    proposal = SimpleNamespace(data=SimpleNamespace(id="wide", name="Wide", flow_outcome="End"),
                               flow=[stage, layers[:1]])
    svg = diagrams.flow(proposal, layers, _url)  # type: ignore[arg-type]
    tops = re.findall(r'<rect [^>]*y="(\d+)"', svg)
    assert len(tops) == 9 and len(set(tops)) == 5  # 3 + 3 + 1, then one, then the outcome
    widths = [int(w) for w in re.findall(r'<rect [^>]*\swidth="(\d+)"', svg)]
    assert min(widths) > 90 and svg.count("<line ") == 2


@pytest.mark.parametrize("text", ["Follows a standard course", "x" * 60, ""])
def test_wrap_keeps_every_line_within_its_width(text: str) -> None:
    for width in (60.0, 120.0, 300.0):
        lines = svgtext.wrap(text, width)
        assert all(line.width <= width for line in lines if len(line.text) > 1)
        assert "".join(line.text.replace(" ", "") for line in lines) == text.replace(" ", "")
