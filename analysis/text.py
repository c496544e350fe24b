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

import numpy as np
import pandas as pd
from nltk.tokenize import RegexpTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from analysis.cleaning import is_heading
from analysis.validation import check_documents

__all__ = [
    "ABBREVIATIONS",
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


def tokenize(text: str) -> list[str]:
    """Split a text into word tokens, keeping their case and surface form.

    Examples
    --------
    >>> tokenize("The U.S. paid $240 billion for 12.000 troops on flight J2-8243.")
    ['The', 'U.S.', 'paid', '$240', 'billion', 'for', '12.000', 'troops', 'on', 'flight', 'J2-8243']
    """
    if not isinstance(text, str):
        raise TypeError(f"tokenize expects a str, got {type(text).__name__}")
    return _TOKENIZER.tokenize(text)


def token_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets in ``text`` of each token of :func:`tokenize`."""
    return list(_TOKENIZER.span_tokenize(text))


def split_sentences(text: str) -> list[tuple[str, bool]]:
    """Split one cleaned text into sentences and headings.

    Each line of a cleaned text is a paragraph, a heading, or a sentence that cleaning split off
    a glued neighbour (:mod:`analysis.cleaning`), so a line break always ends a sentence. A line
    that :func:`analysis.is_heading` recognises is one heading; any other line is split by Punkt.

    Returns
    -------
    list of (str, bool)
        Each sentence or heading, and whether it is a heading.

    Examples
    --------
    >>> split_sentences("Looking Ahead\\nDr. Baev met U.S. officials. They left.")
    [('Looking Ahead', True), ('Dr. Baev met U.S. officials.', False), ('They left.', False)]
    """
    units: list[tuple[str, bool]] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if is_heading(line):
            units.append((line, True))
        else:
            units.extend((sentence, False) for sentence in _punkt().tokenize(line))
    return units


def sentences(docs: pd.DataFrame, *, text: str = "text", doc_id: str = "doc_id") -> pd.DataFrame:
    """One row per sentence or heading of each document, with the document's metadata.

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
        last), then the document's other columns except its raw and cleaned texts.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a"], "stance": ["critical"],
    ...                      "text": ["Looking Ahead\\nSanctions bite. Trade falls."]})
    >>> sentences(docs)[["sent_id", "text", "is_heading"]].to_numpy().tolist()
    [[0, 'Looking Ahead', True], [1, 'Sanctions bite.', False], [2, 'Trade falls.', False]]
    """
    check_documents(docs, (text, doc_id), "sentences")
    metadata = [c for c in docs.columns if c not in {text, doc_id, "raw_text", "text"}]
    rows_per_document = []
    units: list[tuple[str, bool]] = []
    for body in docs[text]:
        found = split_sentences(body)
        rows_per_document.append(len(found))
        units.extend(found)
    counts = np.asarray(rows_per_document, dtype=np.int64)
    sent_id = np.concatenate([np.arange(n) for n in counts]) if len(counts) else np.array([], int)
    last = np.repeat(np.maximum(counts - 1, 1), counts)
    frame = pd.DataFrame(
        {
            "doc_id": np.repeat(docs[doc_id].to_numpy(), counts),
            "sent_id": sent_id,
            "text": [sentence for sentence, _ in units],
            "is_heading": np.fromiter((heading for _, heading in units), bool, len(units)),
            "position": sent_id / last,
        }
    )
    for column in metadata:
        frame[column] = np.repeat(docs[column].to_numpy(), counts)
    return frame
