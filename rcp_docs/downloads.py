"""The framework as data files for download: JSON of the whole file, a CSV per layer."""

from __future__ import annotations

import csv
import io
import json

from . import model

CSV_COLUMNS = ["id", "name", "status", "summary", "description", "questions", "related", "sources"]


def download_names(fw: model.Framework) -> list[tuple[str, str]]:
    """Each download's path in the site and what it is, for the downloads page."""
    names = [("downloads/framework.json", "The whole framework as data (JSON)")]
    names += [(f"downloads/{layer.id}.csv", f"{layer.data.name} as a spreadsheet (CSV)")
              for layer in fw.layers]
    return names


def downloads(fw: model.Framework) -> dict[str, str]:
    """The download files by their path in the site."""
    files = {"downloads/framework.json": json.dumps(  # compact: the C encoder, ten times faster
        fw.data.model_dump(mode="json", by_alias=True), ensure_ascii=False) + "\n"}
    for layer in fw.layers:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for item in layer.items:
            d = item.data
            writer.writerow([_cell(v) for v in (
                d.id, d.name, d.status, d.summary, d.description, " | ".join(d.questions),
                " ".join(d.related), " ".join(d.sources))])
        files[f"downloads/{layer.id}.csv"] = out.getvalue()
    return files


def _cell(value: str) -> str:
    """A CSV cell that a spreadsheet will never run as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
