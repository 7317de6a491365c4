"""What editors see in a preview: problems in the browser during `mkdocs serve`, and the banner of
a pull request's preview opened from a zip. Pure text; the plugin places it.

During `mkdocs serve` a framework file with problems does not stop the preview (MkDocs' live
server would hold every request until the build is fixed): the site keeps its last good pages,
every page carries a banner naming the problems, and one page lists them in the words of
`rcp-docs validate`. Every text is escaped: problem messages echo values from the file.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..base.errors import Problem
from ..base.text import html, inline

PROBLEMS_PAGE = "rcp-problems.md"
PROBLEMS_TITLE = "Problems in the framework file"


def problems_page(display: str, problems: Sequence[Problem], have_last_good: bool) -> str:
    """The page that lists every problem, or says there are none any more."""
    lines = [f"# {PROBLEMS_TITLE} {{ #rcp-problems }}", ""]
    if not problems:
        lines += [f"{inline(display)} has no problems now. Every page shows it as it is.", ""]
        return "\n".join(lines)
    count = len(problems)
    lines += [f"{inline(display)} has {count} problem{'s' if count != 1 else ''}. "
              "Fix them and save the file: this page reloads by itself.", ""]
    lines += [f"- {inline(str(p))}" for p in problems]
    rest = ("The rest of the site shows the last version of the file that had no problems."
            if have_last_good else
            "No version of the file without problems has been read since the preview started, "
            "so the framework's own pages are missing until you fix these.")
    lines += ["", rest, ""]
    return "\n".join(lines)


def problems_banner(display: str, count: int, link: str) -> str:
    """HTML for the top of every page while the file has problems (`link`: to the problems page)."""
    noun = f"{count} problem{'s' if count != 1 else ''}"
    return (f'<div class="rcp-banner rcp-banner--problems" role="alert"><p><strong>'
            f"{html(display)} has {noun}.</strong> This page shows the last version without "
            f'problems. <a href="{html(link)}">See the problems</a>.</p></div>')


def preview_banner(commit: str) -> str:
    """HTML for the top of every page of a pull request's preview."""
    return ('<div class="rcp-banner rcp-banner--preview" role="note"><p><strong>Preview of a pull '
            f"request</strong> at commit <code>{html(commit)}</code>. This is not the published "
            "site. Search works only on the published site.</p></div>")
