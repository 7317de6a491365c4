"""Each generated page's description: the summary a search engine or a shared link shows.

From the model at build time: a layer's or a role's summary, a section's introduction, the
framework's summary for the home page and the overview. Plain text on one line, cut at a word
near 200 characters; the theme escapes it where it writes it (`theme_overrides/main.html`).
Pages with no summary of their own have none here, and the theme falls back to the site's.
"""

from __future__ import annotations

from collections.abc import Callable

from ..structure import model
from ..structure.registry import PAGES
from .render import instances

LIMIT = 200  # about what a preview shows before it cuts the text itself

# page type -> its summary, given the part of the model the page shows and the framework
_SUMMARIES: dict[str, Callable[[object, model.Framework], str | None]] = {
    "home": lambda part, fw: fw.data.framework.summary,
    "overview": lambda part, fw: fw.data.framework.summary,
    "layer": lambda part, fw: part.data.summary if isinstance(part, model.Layer) else None,
    "role": lambda part, fw: part.data.summary if isinstance(part, model.Role) else None,
    "comparison": lambda part, fw: fw.comparison.data.summary,
    "contexts": lambda part, fw: fw.contexts.intro,
    "barriers": lambda part, fw: fw.barriers.intro,
    "why-now": lambda part, fw: fw.why_now.intro,
    "feedback": lambda part, fw: fw.data.feedback.intro if fw.data.feedback else None,
}


def descriptions(framework: model.Framework) -> dict[str, str]:
    """page path -> its description, for the pages whose data has a summary."""
    found: dict[str, str] = {}
    for page in PAGES:
        summary = _SUMMARIES.get(page.name)
        if summary is None:
            continue
        for path, part in instances(page, framework):
            text = summary(part, framework)
            if text:
                found[path] = shortened(text)
    return found


def shortened(text: str, limit: int = LIMIT) -> str:
    """`text` on one line, cut at the last space before `limit` characters, with '…'."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:-")
    return cut + "…"
