"""Sentences and tokens, with NLTK and no downloaded data.

``nltk.sent_tokenize`` and ``nltk.word_tokenize`` load the pre-trained ``punkt_tab`` model and
raise ``LookupError`` without ``nltk.download``, which these machines cannot do. This module
uses NLTK's Punkt algorithm (Kiss & Strunk 2006) with an explicit list of abbreviations instead
of a trained model, and NLTK's ``RegexpTokenizer`` for words, which needs no data at all.

References
----------
Kiss, T. and Strunk, J. (2006). Unsupervised multilingual sentence boundary detection.
*Computational Linguistics* 32(4): 485-525.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

import numpy as np
import pandas as pd
from nltk.tokenize import RegexpTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from analysis.cleaning import SENTENCE_CASE_HEADINGS, is_heading, resolve_cleaning
from analysis.validation import check_documents

__all__ = [
    "ABBREVIATIONS",
    "MAX_SENTENCE_CHARS",
    "PUNKT_WINDOW",
    "Unit",
    "sentences",
    "split_sentences",
    "token_spans",
    "tokenize",
]

#: Abbreviations after which a full stop does not end a sentence, lower-case and without their
#: final full stop, as Punkt stores them. Titles and honorifics, "St." in place names, Latin
#: abbreviations, months, and country and organisation initialisms written with full stops.
#: Every single letter is added too, so that initials ("Pavel K. Baev") never end a sentence.
ABBREVIATIONS = frozenset(
    # titles and honorifics
    "dr mr mrs ms prof gen col lt sgt capt cmdr adm gov sen rep pres amb rev hon jr sr st mt ft "
    # Latin and editorial
    "e.g i.e etc vs cf al approx ca no nos vol pp fig "
    # months
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    # initialisms written with full stops
    "u.s u.s.a u.k u.n e.u d.c u.s.s.r p.m a.m "
    # company forms
    "inc ltd co corp".split()
) | frozenset("abcdefghijklmnopqrstuvwxyz")

# A token is an abbreviation with inner full stops (U.S., D.C.), a number with its currency,
# separators and percent sign ($240, 12.000, 12,000, 50%), or a word with inner hyphens or
# apostrophes (counter-offensive, J2-8243, Russia's, isn't). Punctuation is dropped.
_TOKEN_PATTERN = r"""
      (?:[^\W\d_]\.){2,}                          # U.S. D.C.
    | \$?\d+(?:[.,]\d+)*%?                         # $240 12.000 50%
    | [^\W_]+(?:[-'][^\W_]+)*                      # words
"""
_TOKENIZER = RegexpTokenizer(_TOKEN_PATTERN, flags=re.UNICODE | re.VERBOSE)


@cache
def _punkt() -> PunktSentenceTokenizer:
    parameters = PunktParameters()
    parameters.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(parameters)


# --- Sure breaks first, Punkt for the rest ---------------------------------------------------
#
# NLTK's PunktSentenceTokenizer decides each candidate boundary by word-tokenizing its context
# (the word before a full stop, question or exclamation mark, and the token after it) into
# PunktToken objects and annotating them in two passes: that was most of the time a corpus
# spent in sentence splitting. Most candidates in prose need none of it. Under the parameters
# of _punkt() (abbreviations only: no collocations, no frequent sentence starters, no
# orthographic statistics), a full stop after a word of two or more letters that is not an
# abbreviation is always a break: Punkt's first pass marks it so, and its second pass only
# revisits abbreviations, ellipses, initials, numbers and collocations. When spaces and a letter
# follow, no closing quote or bracket is moved across it either. Punkt's decisions depend only
# on the word before and the token after a candidate, so cutting a line at these breaks first
# and giving each piece to NLTK's own span_tokenize finds the same sentences (tests/test_text.py
# checks it on the seeds and on generated text): NLTK still decides every candidate that is not
# a plain word's full stop. Only the space character is taken as the separator, so that Punkt's
# search for the word before a candidate (string.whitespace) and its pattern for the space after
# one (\s) agree on it.
# A full stop, spaces and a letter: where a sure break may be. (A pattern that starts with a
# literal is searched for fast; a look-behind for the letters before would be tried everywhere.)
_FULL_STOP_BEFORE_WORD = re.compile(r"\.( +)(?=[^\W\d_])")
_LETTERS = re.compile(r"[^\W\d_]+")
# Punkt's candidates are a full stop, question or exclamation mark followed by something; a
# piece without one is a single sentence.
_MARK_BEFORE_SOMETHING = re.compile(r"[.?!](?=.)", re.DOTALL)


def _punkt_spans(line: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each sentence of ``line``: ``_punkt().span_tokenize(line)``.

    The line is cut after each full stop that surely ends a sentence (see the comment above),
    and NLTK's Punkt splits each piece that holds another candidate boundary.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _FULL_STOP_BEFORE_WORD.finditer(line):
        stop = match.start()
        word = line[max(line.rfind(" ", start, stop) + 1, start) : stop]
        if len(word) < 2 or not _LETTERS.fullmatch(word) or word.lower() in ABBREVIATIONS:
            continue  # Punkt decides, within the piece
        spans.extend(_piece_spans(line, start, stop + 1))
        start = match.end()
    spans.extend(_piece_spans(line, start, len(line)))
    return spans


def _piece_spans(line: str, start: int, stop: int) -> list[tuple[int, int]]:
    """Punkt's spans of ``line[start:stop]``, as positions in ``line``."""
    piece = line[start:stop]
    if _MARK_BEFORE_SOMETHING.search(piece) is None:
        # The commonest piece, a sentence whose only full stop ends it: span_tokenize would
        # give this one span (its last slice ends before trailing white space).
        end = len(piece.rstrip())
        return [(start, start + end)] if end else []
    return [(start + a, start + b) for a, b in _punkt().span_tokenize(piece)]


def tokenize(text: str) -> list[str]:
    """Split a text into word tokens, keeping their case and surface form.

    Examples
    --------
    >>> tokenize("The U.S. paid $240 billion for 12.000 troops on flight J2-8243.")
    ['The', 'U.S.', 'paid', '$240', 'billion', 'for', '12.000', 'troops', 'on', 'flight', 'J2-8243']
    """
    _check_text(text, "tokenize")
    return _TOKENIZER.tokenize(text)


def token_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets in ``text`` of each token of :func:`tokenize`."""
    _check_text(text, "token_spans")
    return list(_TOKENIZER.span_tokenize(text))


#: A sentence longer than this many characters is cut into pieces of at most this length, at
#: white space where there is some (a hard cut where there is none), and the pieces are marked
#: ``split_long``. VADER's scoring takes time quadratic in a sentence's length (8 ms at 2,000
#: characters, 0.4 s at 16,000, 7 s at 64,000 on one core of the test machine) and Punkt slows on
#: very long sentences too; 1,000 characters (about 170 words) keeps both to milliseconds and
#: is about twice the longest sentence of the seeds (535), far beyond the length of sentences
#: in ordinary prose (20 to 25 words on average).
MAX_SENTENCE_CHARS = 1000

#: Punkt reads a long line through a window of this many characters at a time (see
#: :func:`split_sentences`), so that its work on a line stays linear in the line's length.
PUNKT_WINDOW = 4 * MAX_SENTENCE_CHARS


class Unit(NamedTuple):
    """One sentence or heading of a text, as :func:`split_sentences` returns it."""

    text: str
    is_heading: bool
    #: True on the pieces of a sentence longer than :data:`MAX_SENTENCE_CHARS`.
    split_long: bool


def _pieces(sentence: str) -> list[str]:
    """Cut a sentence into pieces of at most :data:`MAX_SENTENCE_CHARS`, at white space.

    As few pieces as the bound allows, of about equal length: each cut is at the last white
    space before an equal share of what is left (or, if there is none in the second half of
    that share, before the bound); a hard cut at the bound where there is no white space.
    """
    pieces = []
    start, length = 0, len(sentence)
    while length - start > MAX_SENTENCE_CHARS:
        left = length - start
        share = -(-left // -(-left // MAX_SENTENCE_CHARS))  # ceil(left / ceil(left / MAX))
        cut = _last_space(sentence, start + share // 2, start + share)
        if cut < 0:
            cut = _last_space(sentence, start + 1, start + MAX_SENTENCE_CHARS)
        if cut < 0:
            cut = start + MAX_SENTENCE_CHARS  # no white space: a hard cut
        pieces.append(sentence[start:cut].strip())
        start = cut
        while start < length and sentence[start].isspace():
            start += 1
    pieces.append(sentence[start:].strip())
    return [piece for piece in pieces if piece]


def _last_space(text: str, start: int, end: int) -> int:
    """The index of the last white space in ``text[start:end + 1]``, or -1."""
    return max(text.rfind(space, start, end + 1) for space in " \t\u00a0")


def _bounded(sentence: str, continued: bool) -> list[Unit]:
    """The sentence as one unit, or as pieces when it is too long; ``continued`` marks it as
    the end of a sentence already cut."""
    sentence = sentence.strip()  # Punkt's first span keeps the white space a text starts with
    if len(sentence) <= MAX_SENTENCE_CHARS:
        return [Unit(sentence, False, continued)] if sentence else []
    return [Unit(piece, False, True) for piece in _pieces(sentence)]


# A run of white space longer than any layout puts between two words; in a line longer than
# Punkt's window it becomes one space.
_LONG_SPACE = re.compile(r"\s{64,}+")


def _line_sentences(line: str) -> list[Unit]:
    """Split one line (no line break) into sentences with Punkt, in linear time.

    A line longer than :data:`PUNKT_WINDOW` is read a window at a time: the sentences Punkt
    finds in a window are kept except the last, which the window may have cut short, and the
    next window starts where that last sentence starts. A window that holds a single sentence
    is a sentence longer than :data:`MAX_SENTENCE_CHARS`: its pieces up to the last white
    space a bound's length before the window's end are kept, marked ``split_long``, and
    reading goes on from there. (NLTK's Punkt copies the text before each candidate boundary,
    which makes it quadratic on a line of megabytes.) In such a line, runs of 64 or more
    white-space characters become one space, so that a window never holds one short sentence
    followed by nothing but white space.
    """
    units: list[Unit] = []
    if len(line) <= PUNKT_WINDOW:  # one window: the whole line (most lines)
        for start, end in _punkt_spans(line):
            units.extend(_bounded(line[start:end], False))
        return units
    # A window must never hold one short sentence and white space alone.
    line = _LONG_SPACE.sub(" ", line)
    position, continued = 0, False
    while position < len(line):
        window = line[position : position + PUNKT_WINDOW]
        spans = _punkt_spans(window)
        if position + PUNKT_WINDOW >= len(line):
            for k, (start, end) in enumerate(spans):
                units.extend(_bounded(window[start:end], continued and k == 0))
            break
        if len(spans) >= 2:
            for k, (start, end) in enumerate(spans[:-1]):
                units.extend(_bounded(window[start:end], continued and k == 0))
            position += spans[-1][0]
            continued = False
        elif spans:
            # One sentence fills the window. Punkt cannot see past the window's end, so the
            # cut comes a sentence's length before it, and what follows is read again.
            start = spans[0][0]
            end = max(start + 1, len(window) - MAX_SENTENCE_CHARS)
            cut = _last_space(window, start + 1, end)
            if cut < 0:
                cut = end
            units.extend(Unit(piece, False, True) for piece in _pieces(window[start:cut]))
            position += cut
            continued = True
        else:
            position += len(window)  # white space only
    return units


def split_sentences(text: str, *, cleaning: object = None) -> list[Unit]:
    """Split one cleaned text into sentences and headings.

    Each line of a cleaned text is a paragraph, a heading, or a sentence that cleaning split off
    a glued neighbour (:mod:`analysis.cleaning`), so a line break always ends a sentence. A line
    that :func:`analysis.is_heading` recognises is one heading; any other line is split by Punkt.
    A sentence longer than :data:`MAX_SENTENCE_CHARS` is cut into pieces marked ``split_long``.
    A "sentence" without a letter or digit (a stray "." or "!!!" that Punkt splits off) is not a
    sentence and is left out: it has no word to count, and VADER scores it 0.

    Parameters
    ----------
    text : str
        A cleaned text.
    cleaning : None, str or iterable of str
        The cleaning spec the text was cleaned with (:func:`analysis.cleaning.resolve_cleaning`).
        When it names ``sentence_case_headings``, headings in sentence case are recognised;
        otherwise only headings in title case.

    Returns
    -------
    list of Unit
        ``(text, is_heading, split_long)`` for each sentence or heading.

    Examples
    --------
    >>> for unit in split_sentences("Looking Ahead\\nDr. Baev met U.S. officials. They left."):
    ...     print(unit)
    Unit(text='Looking Ahead', is_heading=True, split_long=False)
    Unit(text='Dr. Baev met U.S. officials.', is_heading=False, split_long=False)
    Unit(text='They left.', is_heading=False, split_long=False)
    """
    _check_text(text, "split_sentences")
    return _split(text, _sentence_case(cleaning))


def _sentence_case(cleaning: object) -> bool:
    """Whether a cleaning spec admits headings in sentence case."""
    return any(rule.name == SENTENCE_CASE_HEADINGS for rule in resolve_cleaning(cleaning))


def _split(text: str, sentence_case: bool) -> list[Unit]:
    """:func:`split_sentences`, with the cleaning spec already read."""
    units: list[Unit] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if is_heading(line, sentence_case=sentence_case):
            units.append(Unit(line, True, False))
        else:
            units.extend(unit for unit in _line_sentences(line) if _has_words(unit))
    return units


_WORD_CHARACTER = re.compile(r"[^\W_]")


def _has_words(unit: Unit) -> bool:
    """False for a sentence made only of punctuation (the lone "." that Punkt splits off
    "regions. ."): it has no word to count or score. The pieces of a cut long sentence are
    kept whatever they hold, so that cutting never loses text."""
    return unit.split_long or _WORD_CHARACTER.search(unit.text) is not None


#: The columns :func:`sentences` makes; a document column of the same name would be lost.
SENTENCE_COLUMNS = ("doc_id", "sent_id", "text", "is_heading", "position", "split_long")


def sentences(docs: pd.DataFrame, *, text: str = "text", doc_id: str = "doc_id") -> pd.DataFrame:
    """One row per sentence or heading of each document, with the document's metadata.

    Headings are recognised as the document's cleaning spec says: a ``cleaning`` column (as
    :func:`analysis.load_corpus` records it) that names ``sentence_case_headings`` admits
    headings in sentence case; without one, only headings in title case
    (:func:`analysis.is_heading`).

    Parameters
    ----------
    docs : DataFrame
        One row per document, e.g. from :func:`analysis.load_corpus`.
    text : str, default "text"
        The column of cleaned texts.
    doc_id : str, default "doc_id"
        The column of document identifiers.

    Returns
    -------
    DataFrame
        ``doc_id``, ``sent_id`` (0, 1, ... within each document), ``text``, ``is_heading``,
        ``position`` (the sentence's place in its document, from 0 at the first to 1 at the
        last), ``split_long`` (True on the pieces of a sentence longer than
        :data:`MAX_SENTENCE_CHARS`), then the document's other columns except ``raw_text`` and
        the text column.

    Raises
    ------
    TypeError
        ``docs`` is not a DataFrame, or a document's text is not a str (the error names the
        document).
    KeyError
        A column is missing.
    ValueError
        A document column is named like a column of the result (``sent_id``, ``is_heading``,
        ``position``, ``split_long``), or a document's cleaning spec names an unknown rule.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a"], "party": ["green"],
    ...                      "text": ["Looking Ahead\\nSanctions bite. Trade falls."]})
    >>> sentences(docs)[["sent_id", "text", "is_heading"]].to_numpy().tolist()
    [[0, 'Looking Ahead', True], [1, 'Sanctions bite.', False], [2, 'Trade falls.', False]]
    """
    check_documents(docs, (text, doc_id), "sentences")
    metadata = [c for c in docs.columns if c not in {text, doc_id, "raw_text", "text"}]
    clashes = [c for c in metadata if c in SENTENCE_COLUMNS]
    if clashes:
        raise ValueError(
            f"sentences: the documents have a column {clashes[0]!r}, which the result uses for "
            "its own; rename it"
        )
    # Lists: iterating a column of Arrow strings converts one value at a time.
    specs = docs["cleaning"].tolist() if "cleaning" in docs.columns else [None] * len(docs)
    rows_per_document = []
    units: list[Unit] = []
    sentence_case: dict[object, bool] = {}  # each distinct spec is read once
    for document, body, spec in zip(docs[doc_id].tolist(), docs[text].tolist(), specs, strict=True):
        if not isinstance(body, str):
            raise TypeError(
                f"sentences: the text of document {document!r} (column {text!r}) is "
                f"{type(body).__name__} {body!r:.80}, not a str"
            )
        try:
            key = spec if isinstance(spec, str) or spec is None else None
            if key is None and spec is not None:
                found = _split(body, _sentence_case(spec))
            else:
                if key not in sentence_case:
                    sentence_case[key] = _sentence_case(spec)
                found = _split(body, sentence_case[key])
        except (TypeError, ValueError) as error:
            raise type(error)(f"sentences: document {document!r}: {error}") from None
        rows_per_document.append(len(found))
        units.extend(found)
    counts = np.asarray(rows_per_document, dtype=np.int64)
    first_row = np.cumsum(counts) - counts
    sent_id = np.arange(len(units), dtype=np.int64) - np.repeat(first_row, counts)
    last = np.repeat(np.maximum(counts - 1, 1), counts)
    frame = pd.DataFrame(
        {
            "doc_id": np.repeat(docs[doc_id].to_numpy(), counts),
            "sent_id": sent_id,
            "text": [unit.text for unit in units],
            "is_heading": np.fromiter((unit.is_heading for unit in units), bool, len(units)),
            "position": sent_id / last,
            "split_long": np.fromiter((unit.split_long for unit in units), bool, len(units)),
        }
    )
    for column in metadata:
        frame[column] = np.repeat(docs[column].to_numpy(), counts)
    return frame


def _check_text(text: object, caller: str) -> None:
    if not isinstance(text, str):
        raise TypeError(
            f"{caller}: text must be a str, got {type(text).__name__} {text!r:.80}; for a table "
            "of documents use analysis.sentences"
        )
