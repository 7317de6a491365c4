"""Text from framework.yml made inert: Markdown and HTML escaping, and trusted fragments.

framework.yml comes from anyone, so none of its text may become markup on the site. Every value a
template prints is escaped by default (the Jinja environment's `finalize`); only `Md` values, built
here or in `render` from escaped parts, go out as they are.
"""

from __future__ import annotations

import functools
import re


class Md(str):
    """Markdown that rcp-docs built itself from escaped parts: printed as it is."""

    __slots__ = ()


# Python-Markdown's escapable characters (plus '|' for tables) get a backslash; '<', '>', '&' and
# '"' become entities. One translation table does both in a single pass.
_ESCAPES = str.maketrans(
    {**{ch: "\\" + ch for ch in "\\`*_{}[]()#+-.!|"},
     "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
)
# Brackets too: no Markdown engine, even one that reads Markdown inside HTML, may see a link there.
_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
                           "[": "&#91;", "]": "&#93;"})
_SPACE = re.compile(r"\s+")
# Left as they are, so that glossary terms such as "A&E" and "co-production" stay whole words for
# the `abbr` tooltips: a hyphen between two letters or digits (it cannot start a list or a rule),
# and an '&' that cannot start a character reference (not followed by '#', nor by letters or
# digits and ';'). Python-Markdown writes such a bare '&' as `&amp;` anyway: the HTML is the same.
_INNER_HYPHEN = re.compile(r"(?<=[A-Za-z0-9])\\-(?=[A-Za-z0-9])")
_PLAIN_AMP = re.compile(r"&amp;(?![\\#]|[A-Za-z0-9]+;)")


@functools.lru_cache(maxsize=1 << 16)  # names are escaped once per link to them: memoise
def inline(value: str) -> Md:
    """One line of plain text, safe inside any Markdown: paragraph, heading, table or link text."""
    if "\n" in value or "  " in value or "\t" in value or "\r" in value:
        value = _SPACE.sub(" ", value)
    value = value.translate(_ESCAPES)
    if "\\-" in value:
        value = _INNER_HYPHEN.sub("-", value)
    if "&amp;" in value:
        value = _PLAIN_AMP.sub("&", value)
    return Md(value)


def paragraphs(value: str) -> Md:
    """Plain text whose blank lines separate paragraphs, as Markdown paragraphs."""
    parts = [p for p in re.split(r"\n\s*\n", value.strip()) if p.strip()]
    return Md("\n\n".join(inline(p) for p in parts))


def finalize(value: object) -> object:
    """Jinja's `finalize`: escape everything a template prints unless it is `Md`."""
    if isinstance(value, Md):
        return value
    if isinstance(value, str):
        return inline(value)
    return value


def html(value: str) -> str:
    """Text for raw HTML or SVG: every markup character an entity."""
    return value.translate(_ENTITIES)


def html_line(value: str) -> str:
    """Text for raw HTML, on one line: markup characters become entities, and no blank line can
    end the HTML block early."""
    return html(" ".join(value.split()))


# An id: lowercase letters a-z, digits and single hyphens. The schema's pattern is this one,
# anchored (source/schema.py's ID_PATTERN); compiled once here for every check of an id.
ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def checked_id(ident: str) -> str:
    """An id for an anchor or an HTML attribute; validation guarantees the pattern, this keeps
    it so."""
    if not ID.fullmatch(ident):
        raise ValueError(f"not an id: {ident!r}")
    return ident
