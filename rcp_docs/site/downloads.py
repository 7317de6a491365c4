"""The framework as data files for download: JSON of the whole file, a CSV per layer; and for
each release, its snapshot (YAML), JSON and CSVs, each named with its version."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..base.options import Options
from ..base.text import ID
from ..source.schema import PROVENANCE_LABELS
from ..structure import model

CSV_COLUMNS = ["id", "name", "status", "provenance", "provenance_label", "summary", "description",
               "questions", "related", "sources"]
PDF_PATH = "downloads/framework-{version}.pdf"  # the PDF of the current version (when built)


def pdf_path(fw: model.Framework, options: Options) -> str:
    """The PDF's path in the site when the build makes one, else ""."""
    return PDF_PATH.format(version=fw.data.framework.version) if options.pdf else ""


@dataclass(frozen=True, slots=True)
class Listing:
    """What the downloads page lists: the current version's files, then each release's."""

    current: list[tuple[str, str]]  # (path in the site, what it is)
    releases: list[tuple[model.Release, list[tuple[str, str]]]] = field(default_factory=list)


def download_names(fw: model.Framework) -> Listing:
    """Each download's path in the site and what it is, for the downloads page."""
    names = [("downloads/framework.json", "The whole framework as data (JSON)")]
    names += [(f"downloads/{layer.id}.csv", f"{layer.data.name} as a spreadsheet (CSV)")
              for layer in fw.layers]
    return Listing(names, [(r, _release_names(r)) for r in fw.history.newest_first])


def _release_names(release: model.Release) -> list[tuple[str, str]]:
    v = release.version
    names = [(f"downloads/{v}/framework-{v}.yml", f"Version {v} as released (YAML)"),
             (f"downloads/{v}/framework-{v}.json", f"Version {v} as data (JSON)")]
    for layer in _layers(release.data):
        names.append((f"downloads/{v}/{layer['id']}-{v}.csv",
                      f"{layer.get('name') or layer['id']}, version {v} (CSV)"))
    return names


def downloads(fw: model.Framework) -> dict[str, str]:
    """The download files by their path in the site."""
    files = {"downloads/framework.json": json.dumps(  # compact: the C encoder, ten times faster
        fw.as_data(), ensure_ascii=False) + "\n"}
    for layer in fw.layers:
        files[f"downloads/{layer.id}.csv"] = _csv(
            (i.data.id, i.data.name, i.data.status, i.data.provenance, i.provenance_label,
             i.data.summary, i.data.description, " | ".join(i.data.questions),
             " ".join(i.data.related), " ".join(i.data.sources)) for i in layer.items)
    for release in fw.history.releases:
        files.update(_release_files(release))
    return files


def _release_files(release: model.Release) -> dict[str, str]:
    v = release.version
    files = {f"downloads/{v}/framework-{v}.yml": release.text,
             f"downloads/{v}/framework-{v}.json": json.dumps(release.data, ensure_ascii=False) + "\n"}
    for layer in _layers(release.data):
        items = [i for i in layer.get("items") or [] if isinstance(i, dict)]
        files[f"downloads/{v}/{layer['id']}-{v}.csv"] = _csv(
            (_str(i.get("id")), _str(i.get("name")), _str(i.get("status")),
             _str(i.get("provenance")), PROVENANCE_LABELS.get(_str(i.get("provenance")), ""),
             _str(i.get("summary")),
             _str(i.get("description")), " | ".join(_strs(i.get("questions"))),
             " ".join(_strs(i.get("related"))), " ".join(_strs(i.get("sources"))))
            for i in items)
    return files


def _layers(data: dict[str, Any]) -> list[dict[str, Any]]:
    """A snapshot's layers whose ids can name a file (a released file's ids always can)."""
    found = data.get("layers")
    return [layer for layer in found if isinstance(layer, dict)
            and isinstance(layer.get("id"), str) and ID.fullmatch(layer["id"])] \
        if isinstance(found, list) else []


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _strs(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _csv(rows: Iterable[tuple[str, ...]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


def _cell(value: str) -> str:
    """A CSV cell that a spreadsheet will never run as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
