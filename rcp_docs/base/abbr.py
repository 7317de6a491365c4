"""Glossary terms as tooltips: Python-Markdown's `abbr` lines (`*[A&E]: definition`) for a page.

Kept free of heavy imports: the MkDocs plugin calls it for every hand-written page, also when the
rendered pages come from the cache. The `abbr` extension (enabled in mkdocs.yml; PyMdown and most
Markdown engines know the syntax) wraps each whole-word use of a term in `<abbr title="...">`.

The term is restricted by the schema to letters, digits and single spaces, hyphens, '&' or
apostrophes, so it cannot break the `*[...]` syntax. The definition is text from framework.yml:
it goes out on one line, as the `title` attribute that Python-Markdown escapes when it writes the
HTML; it is never parsed as Markdown or HTML.
"""

from __future__ import annotations

from collections.abc import Iterable

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


def block(markdown: str, known: Iterable[Tooltip]) -> str:
    """The `*[term]: tooltip` lines for the terms used in `markdown` ("" when none is)."""
    lines = [f"*[{form}]: {tip}" for form, tip in known if whole_word(form, markdown)]
    return "\n".join(lines)


def append(markdown: str, known: Iterable[Tooltip]) -> str:
    """The page with the tooltips of the terms it uses at its end."""
    lines = block(markdown, known)
    if not lines:
        return markdown
    return markdown.rstrip("\n") + "\n\n" + lines + "\n"
