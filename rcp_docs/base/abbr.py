"""Glossary terms as tooltips: the first use of each term on a page becomes
`<abbr title="definition" tabindex="0">term</abbr>`, inline HTML that every Markdown engine passes
through. In the tab order, a keyboard reaches it and a tap on a phone focuses it: the theme
(Material's content.tooltips) shows the definition on hover and on focus.

Only the first use: a page that underlines every use of a term is harder to read, and a tooltip
under each one covers more of the page on a phone. (Python-Markdown's `abbr` extension would mark
every use, so rcp-docs marks the first itself, the same way for generated and hand-written pages.)
Kept free of heavy imports: the MkDocs plugin calls it for every hand-written page, also when the
rendered pages come from the cache.

The term is restricted by the schema to letters, digits and single spaces, hyphens, '&' or
apostrophes. The definition is text from framework.yml: it goes out on one line, as the `title`
attribute, with every character Markdown or HTML could read as markup written as an entity; it is
never parsed as Markdown or HTML. A use counts where a reader sees running text: not in a heading,
a link, code, an HTML block (such as a diagram or a collapsed section) or an HTML tag.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .text import html

Tooltip = tuple[str, str]  # (the text as it appears, the tooltip)


def tooltips(entries: Iterable[tuple[str, str | None, str]]) -> list[Tooltip]:
    """(term, full name or None, definition) of each glossary entry -> the forms to mark up: the
    term and, for a lowercase term, its capitalised form. The tooltip is the definition, after
    the full name for an abbreviation ("General practitioner. A family doctor ...")."""
    found: dict[str, str] = {}
    for term, full, definition in entries:
        text = one_line(definition)
        if full:
            name = one_line(full)
            text = f"{name[:1].upper()}{name[1:]}. {text}"
        for form in variants(term):
            found.setdefault(form, text)
    return sorted(found.items())


def variants(term: str) -> list[str]:
    """The forms a term is matched in: as written, and capitalised at a sentence's start."""
    forms = [term]
    if term[:1].islower():
        forms.append(term[:1].upper() + term[1:])
    return forms


def used(term: str, text: str) -> bool:
    """Whether `text` uses a term as a whole word, in any of its forms."""
    return any(whole_word(form, text) for form in variants(term))


def whole_word(form: str, text: str) -> bool:
    """Whether `text` holds `form` exactly, as a whole word, as the `abbr` extension finds it.
    A plain substring search first: fast on a large file."""
    start = text.find(form)
    while start >= 0:
        end = start + len(form)
        if not _wordish(text[start - 1: start]) and not _wordish(text[end: end + 1]):
            return True
        start = text.find(form, start + 1)
    return False


def _wordish(char: str) -> bool:
    """A character that `\\b` in Python's regular expressions counts as part of a word."""
    return bool(char) and (char.isalnum() or char == "_")


def one_line(text: str) -> str:
    """Text on one line, runs of white space folded to one space."""
    return " ".join(text.split())


# What a line's running text is not: code, a link or image with its text and address (in
# Markdown or HTML), a summary, an HTML tag, an attribute list, an autolink or a web address.
_PROTECTED = re.compile(r"<(a|summary)\b[^>]*>.*?</\1>|`+[^`]*`+"
                        r"|!?\[(?:\\.|[^\]\\])*\](?:\((?:\\.|[^)\\])*\)|\[(?:\\.|[^\]\\])*\])?"
                        r"|<[^>]*>|\{[^}]*\}|https?://\S+")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HTML_START = re.compile(r"<[A-Za-z/!]")
# Markup characters as entities, so the definition stays one attribute's plain text.
_ATTRIBUTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
                            "[": "&#91;", "]": "&#93;", "`": "&#96;", "\\": "&#92;", "*": "&#42;",
                            "_": "&#95;", "|": "&#124;"})


def first_uses(markdown: str, known: Iterable[Tooltip]) -> str:
    """The page with the first use of each term in its running text marked as a tooltip. The
    forms of one term (as written, capitalised) share a definition: whichever comes first."""
    terms: dict[str, list[str]] = {}  # definition -> its forms, longest first
    for form, tip in known:
        terms.setdefault(tip, []).append(form)
    todo = {tip: sorted(forms, key=len, reverse=True) for tip, forms in terms.items()
            if any(whole_word(form, markdown) or whole_word(html(form), markdown)
                   for form in forms)}
    if not todo:
        return markdown
    lines = markdown.split("\n")
    for number, kind in enumerate(_kinds(lines)):
        if not todo:
            break
        if kind:
            lines[number] = _mark(lines[number], todo, kind == _HTML)
    return "\n".join(lines)


_TEXT, _HTML = "text", "html"
# HTML blocks whose text is running text: the collapsed parts that rcp-docs writes (a form, a
# script's data or a diagram is never marked).
_OPEN_BLOCKS = ('<div class="rcp-more">', '<details class="rcp-details')


def _kinds(lines: list[str]) -> Iterator[str]:
    """For each line, what running text it holds: Markdown (_TEXT), HTML (_HTML) or none ("") in
    front matter, a fenced code block, a heading, a `*[...]` line, a summary, or an HTML block
    (from a line starting with a tag to the next blank line) that rcp-docs did not write."""
    fence, block, front = "", "", bool(lines) and lines[0] == "---"
    for index, line in enumerate(lines):
        stripped = line.strip()
        opened = _FENCE.match(line)
        if front:
            front = not (index and stripped in ("---", "..."))
            yield ""
        elif fence:
            if opened and opened[1][0] == fence[0] and len(opened[1]) >= len(fence):
                fence = ""
            yield ""
        elif opened:
            fence = opened[1]
            yield ""
        else:
            if not stripped:
                block = ""
            elif not block and _HTML_START.match(stripped):
                block = _HTML if stripped.startswith(_OPEN_BLOCKS) else "other"
            if block:
                yield _HTML if block == _HTML and "<summary" not in stripped else ""
            else:
                yield "" if stripped.startswith(("#", "*[")) else _TEXT


def _mark(line: str, todo: dict[str, list[str]], in_html: bool) -> str:
    """`line` with the first use of each term still to mark (removed from `todo` once marked);
    in HTML, a term is found as HTML writes it ("A&amp;E")."""
    found: list[tuple[int, int, str]] = []  # (start, end, definition)
    position = 0
    for piece in [*_PROTECTED.finditer(line), None]:
        end = piece.start() if piece else len(line)
        for tip, forms in todo.items():
            for form in forms:
                start = _find(html(form) if in_html else form, line, position, end)
                if start >= 0:
                    found.append((start, start + len(html(form) if in_html else form), tip))
                    break
        position = piece.end() if piece else end
    chosen: list[tuple[int, int, str]] = []
    for start, stop, tip in sorted(found, key=lambda f: (f[0], f[0] - f[1])):
        if all(tip != other for _, _, other in chosen) and \
                all(stop <= a or start >= b for a, b, _ in chosen):
            chosen.append((start, stop, tip))
    for start, stop, tip in sorted(chosen, reverse=True):
        title = tip.translate(_ATTRIBUTE)
        line = (f'{line[:start]}<abbr title="{title}" tabindex="0">{line[start:stop]}</abbr>'
                f"{line[stop:]}")
        del todo[tip]
    return line


def _find(form: str, text: str, start: int, end: int) -> int:
    """Where `form` is first used as a whole word within text[start:end], or -1."""
    at = text.find(form, start, end)
    while at >= 0:
        after = at + len(form)
        if not _wordish(text[at - 1: at] if at else "") and not _wordish(text[after: after + 1]):
            return at
        at = text.find(form, at + 1, end)
    return -1
