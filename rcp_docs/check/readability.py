"""Plain English, measured: sentence length and Flesch reading ease of framework.yml's prose.

One set of rules, used by `rcp-docs validate` and by the tests alike:

- **What is measured**: the prose fields (`fields.PROSE`), each on its own. A field of fewer than
  six words (a short question, a heading-like hope) is too short to score and is left out of
  every figure.
- **Sentences**: a sentence ends at '.', '!' or '?' (with any closing quotes or brackets straight
  after) that is followed by white space or the end of the text, except after a handful of
  abbreviations such as "e.g." and "p."; a blank line (a new paragraph) also ends one. Colons
  and semicolons do not.
- **Words**: textstat's `lexicon_count` (punctuation removed; a hyphenated word or a contraction
  is one word; a number is a word).
- **Syllables**: textstat's `syllable_count` with its CMU-dictionary lookup switched off, so that
  it always uses pyphen's bundled hyphenation dictionary: textstat would otherwise call
  `nltk.download('cmudict')`, which needs the network. Offline and deterministic.
- **Flesch reading ease**: 206.835 - 1.015 x (words / sentences) - 84.6 x (syllables / words),
  the formula and English constants textstat uses, over one field or the whole framework.

Targets: at least 60 for the framework as a whole and 45 for any one field; no sentence over 30
words; on average at most 18 words a sentence.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace

import textstat
import textstat.backend.counts._count_syllables as _syllables

from ..base.errors import FrameworkError, Problem, visible
from ..source.fields import Positions, TextField, reader_text
from ..source.load import Document
from .places import describe

MAX_SENTENCE_WORDS = 30
FIELD_FLOOR = 45.0
OVERALL_FLOOR = 60.0
MAX_AVERAGE_WORDS = 18.0
MIN_FIELD_WORDS = 6

_ABBREVIATIONS = frozenset({"e.g", "i.e", "dr", "mr", "mrs", "ms", "prof", "st", "vs",
                            "p", "pp", "cf"})
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|$)|\n\s*\n")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int  # offset in the text
    text: str
    words: int
    syllables: int


@dataclass(frozen=True, slots=True)
class Score:
    """Counts over some text, and what they give."""

    words: int = 0
    sentences: int = 0
    syllables: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(self.words + other.words, self.sentences + other.sentences,
                     self.syllables + other.syllables)

    @property
    def average(self) -> float:
        """Words per sentence."""
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def flesch(self) -> float:
        if not self.words or not self.sentences:
            return 0.0
        return 206.835 - 1.015 * self.average - 84.6 * (self.syllables / self.words)


def sentences(text: str) -> list[Sentence]:
    """The text's sentences, by the rule in this module's docstring."""
    found: list[Sentence] = []
    start = 0
    for match in _END.finditer(text):
        if match.group().startswith((".",)) and match.group().rstrip("\"'”’)]") == ".":
            before = _WORD_BEFORE.search(text, 0, match.start())
            if before and before.group(1).lower().rstrip(".") in _ABBREVIATIONS:
                continue
        _add(found, text, start, match.end())
        start = match.end()
    _add(found, text, start, len(text))
    return found


def _add(found: list[Sentence], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    offset = start + (len(piece) - len(piece.lstrip()))
    words = textstat.lexicon_count(stripped)
    if words:
        found.append(Sentence(offset, stripped, words, _syllable_count(stripped)))


def _syllable_count(text: str) -> int:
    """textstat's count with its CMU-dictionary lookup off for this call only (offline and
    deterministic: every word goes to pyphen), so the rest of the process keeps textstat as is."""
    lookup = _syllables.get_cmudict
    _syllables.get_cmudict = _no_dictionary
    try:
        return int(textstat.syllable_count(text))
    finally:
        _syllables.get_cmudict = lookup


def _no_dictionary(lang: str) -> None:
    return None


def score(text: str) -> Score:
    """The counts of one text (zero for a text under the six-word minimum)."""
    parts = sentences(text)
    total = Score(sum(s.words for s in parts), len(parts), sum(s.syllables for s in parts))
    return total if total.words >= MIN_FIELD_WORDS else Score()


@dataclass(frozen=True, slots=True)
class Report:
    """The whole framework's figures, and every field's."""

    overall: Score
    fields: list[tuple[TextField, Score]]
    long: list[tuple[TextField, Sentence]]  # sentences over the limit

    def summary(self) -> str:
        return (f"readability: Flesch reading ease {self.overall.flesch:.1f} over the framework "
                f"(target {OVERALL_FLOOR:.0f} or more), {self.overall.average:.1f} words a "
                f"sentence on average (target {MAX_AVERAGE_WORDS:.0f} or fewer), "
                f"{len(self.long)} sentence{'s' if len(self.long) != 1 else ''} over "
                f"{MAX_SENTENCE_WORDS} words, {len(self.below_floor())} "
                f"field{'s' if len(self.below_floor()) != 1 else ''} under {FIELD_FLOOR:.0f}")

    def below_floor(self) -> list[tuple[TextField, Score]]:
        return [(f, s) for f, s in self.fields if s.words and s.flesch < FIELD_FLOOR]


def measure(doc: Document) -> Report:
    overall = Score()
    scored: list[tuple[TextField, Score]] = []
    long: list[tuple[TextField, Sentence]] = []
    for field in reader_text(doc):
        if not field.prose:
            continue
        parts = sentences(field.text)
        counts = score(field.text)
        overall += counts
        scored.append((field, counts))
        long += [(field, s) for s in parts if s.words > MAX_SENTENCE_WORDS]
    return Report(overall, scored, long)


def warnings(doc: Document, report: Report | None = None) -> Iterator[Problem]:
    """Each sentence over the limit, at its first word, and each field under the floor."""
    report = report or measure(doc)
    for field, sentence in report.long:
        line, column = Positions(doc.text, field.node).at(sentence.start)
        yield Problem(line, column, f"{describe(doc, field.loc)}: sentence of {sentence.words} "
                      f"words, over the limit of {MAX_SENTENCE_WORDS}; split it into shorter "
                      f"sentences (it begins \"{_opening(sentence.text)}\")", doc.path)
    for field, counts in report.below_floor():
        yield Problem(field.node.line, field.node.column,
                      f"{describe(doc, field.loc)}: reading ease {counts.flesch:.0f} (Flesch), "
                      f"under the floor of {FIELD_FLOOR:.0f}; use shorter sentences and "
                      "shorter, more common words", doc.path)


def _opening(text: str, words: int = 6) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


def check(doc: Document, output: str = "text", *, strict: bool = False) -> None:
    """`rcp-docs validate`'s readability step: print the warnings (GitHub notices too with
    output "github") and the figures; with `strict`, raise them as problems instead."""
    report = measure(doc)
    found = sorted(replace(p, message=visible(p.message)) for p in warnings(doc, report))
    if strict and found:
        raise FrameworkError(found)
    if output == "github":
        for problem in found:
            print(problem.github("notice", title="Plain English"))
    for problem in found:
        print(f"{problem} [readability warning]", file=sys.stderr)
    print(report.summary() + ("; these warnings do not fail the check "
                              "(--readability error makes them errors)" if found else ""),
          file=sys.stderr)
