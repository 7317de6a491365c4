"""The PDF's cost, for `make bench`: time to make the print document and to render it with
WeasyPrint (median of a few runs: the machines are shared), the PDF's size and page count.

Standalone: `.venv/bin/python benchmarks/pdf.py` prints Markdown table rows. From the main
benchmark: `from pdf import bench_pdf` (benchmarks/ is on sys.path) and add its rows.
"""

from __future__ import annotations

import statistics
import sys
import time
from io import BytesIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rcp_docs.publish.build import Options, build  # noqa: E402
from rcp_docs.site.pdf import render_pdf  # noqa: E402
from rcp_docs.site.render import print_html  # noqa: E402

BUDGET_SECONDS = 30.0  # once per framework change: `make build` caches it, `make serve` skips it


def bench_pdf(runs: int = 3) -> dict[str, Any]:
    """Figures for the PDF of the real framework.yml."""
    from rcp_docs.publish.build import load_framework

    site = build(ROOT / "framework.yml", Options(pdf=True))
    fw = load_framework(ROOT / "framework.yml")
    document = next(iter(site.prints.values()))
    html_times, pdf_times = [], []
    data = b""
    for _ in range(runs):
        start = time.perf_counter()
        print_html(fw, site.pages)
        html_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        data = render_pdf(document)
        pdf_times.append(time.perf_counter() - start)
    try:
        from pypdf import PdfReader

        pages = len(PdfReader(BytesIO(data)).pages)
    except ImportError:  # a test dependency
        pages = -1
    return {"pdf_document_s": statistics.median(html_times),
            "pdf_render_s": statistics.median(pdf_times), "pdf_bytes": len(data),
            "pdf_pages": pages, "pdf_budget_s": BUDGET_SECONDS}


def rows(figures: dict[str, Any]) -> list[str]:
    met = "yes" if figures["pdf_render_s"] <= figures["pdf_budget_s"] else "no"
    return [
        f"| PDF: print document | {figures['pdf_document_s'] * 1000:.0f} ms | - | - |",
        f"| PDF: WeasyPrint render (cached after) | {figures['pdf_render_s']:.1f} s "
        f"| {figures['pdf_budget_s']:.0f} s | {met} |",
        f"| PDF: size | {figures['pdf_bytes'] / 1024:.0f} KB, {figures['pdf_pages']} pages | - | - |",
    ]


if __name__ == "__main__":
    print("| metric | figure | budget | met? |\n| --- | --- | --- | --- |")
    print("\n".join(rows(bench_pdf())))
