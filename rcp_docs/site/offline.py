"""Reading with no signal: the service worker, the web app manifest and its icon, written at build
time as files of the site (so every engine publishes them, like the downloads).

The worker (`sw.js`, from `templates/sw.js.j2`) keeps the site's own pages and files as a reader
opens them, network first, and serves them from its cache when there is no signal; "Keep this site
for offline reading" (`offline.js`, the `offline` insert) asks it to keep every page. Its cache is
named after the build: a hash of every generated file, so a new framework gives a new cache, and the
worker moves what was kept into it and deletes the old one. Hand-written pages are not part of the
hash: a change to one alone keeps the cache's name, and readers still get it first from the network.
"""

from __future__ import annotations

import hashlib
import json

from ..base.options import Options
from ..structure import model

WORKER = "sw.js"
MANIFEST = "manifest.webmanifest"
ICON = "assets/images/rcp-icon.svg"
_INDIGO = "#3f51b5"  # the theme's primary colour (mkdocs.yml: palette primary indigo)


def build_id(files: dict[str, str]) -> str:
    """A short hash of every generated file: the same files, the same id."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + files[path].encode() + b"\0")
    return digest.hexdigest()[:16]


def offline_files(files: dict[str, str], fw: model.Framework, worker: str) -> dict[str, str]:
    """The worker (rendered from its template with the build id), the manifest and the icon."""
    about = fw.data.framework
    manifest = {
        "name": about.title,
        "short_name": "RCP",
        "description": f"{about.title}, version {about.version}, to read with or without signal.",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": _INDIGO,
        "icons": [{"src": ICON, "sizes": "any", "type": "image/svg+xml", "purpose": "any"}],
    }
    return {WORKER: worker, MANIFEST: json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
            ICON: icon()}


def icon() -> str:
    """The site's icon: the onion's rings on the theme's colour, drawn here (nothing fetched)."""
    rings = "".join(f'<circle cx="256" cy="256" r="{r}" fill="{fill}"/>' for r, fill in
                    ((200, "#f3efc9"), (150, "#e8dcf1"), (100, "#d3ead6"), (50, "#f9dcc0")))
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">'
            f'<rect width="512" height="512" rx="96" fill="{_INDIGO}"/>{rings}'
            '<g fill="none" stroke="#1b1b1b" stroke-width="6">'
            + "".join(f'<circle cx="256" cy="256" r="{r}"/>' for r in (200, 150, 100, 50))
            + "</g></svg>\n")
