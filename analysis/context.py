"""Words in context: keyword-in-context lines and collocations.

KWIC lines show how a key term is used (Luhn 1960; quanteda's ``kwic``). Collocations are
NLTK's bigram finders scored by pointwise mutual information (Church & Hanks 1990) and by
Dunning's (1993) log-likelihood ratio; PMI favours rare pairs, the likelihood ratio frequent
ones, so both are reported.

References
----------
Church, K. W. and Hanks, P. (1990). Word association norms, mutual information, and
lexicography. *Computational Linguistics* 16(1): 22-29.
Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
*Computational Linguistics* 19(1): 61-74.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

from analysis.corpus import canonical
from analysis.text import sentences, token_spans
from analysis.validation import check_documents, check_labels, check_positive_int
from analysis.vocabulary import STOP_WORDS, TermAnalyzer

__all__ = ["collocations", "kwic"]


# What a query may hold besides its words: white space and sentence punctuation, which the
# search ignores as it ignores them in the text.
_IGNORED_IN_QUERY = re.compile(r"""[\s.,;:!?"'()\[\]\u2018\u2019\u201c\u201d\u00ab\u00bb-]+""")


def _check_query_is_words(query: str, wanted: list[str], analyzer: TermAnalyzer) -> None:
    """Refuse a query with characters no word holds ("C++", "#tag") or with tokens that are no
    term ("2024", "50%"): searching only its other words would answer another question
    without saying so."""
    rest, numbers = query, []
    for start, end in reversed(token_spans(query)):
        if not analyzer.words(query[start:end]):
            numbers.insert(0, query[start:end])
        rest = rest[:start] + " " + rest[end:]
    dropped = "".join(sorted(set(_IGNORED_IN_QUERY.sub("", rest))))
    if dropped or numbers:
        what = f"the characters {dropped!r}" if dropped else f"{' '.join(numbers)!r}"
        raise ValueError(
            f"kwic: query={query!r} holds {what}, which no term holds (terms are words with a "
            "letter, with inner hyphens, apostrophes and full stops; numbers are left out); it "
            f"would be searched as {' '.join(wanted)!r}. Search for that, or for a word beside it"
        )


def kwic(
    docs: pd.DataFrame,
    query: str,
    *,
    window: int = 8,
    text: str = "text",
    doc_id: str = "doc_id",
) -> pd.DataFrame:
    """Every occurrence of a word or phrase, with the words around it, case-insensitive.

    Parameters
    ----------
    docs : DataFrame
        One row per document; or sentences already split, as :func:`analysis.sentences`
        returns them (a ``sent_id`` column), which are searched as they are, so that a
        corpus searched for several queries is split once.
    query : str
        A word or a phrase ("North Korea"). Tokens are compared lower-cased and without a
        possessive "'s", so "Korea" also finds "Korea's"; punctuation is ignored. A query with
        a character that no word holds ("C++", "#tag") is refused rather than searched as its
        words alone.
    window : int, default 8
        Words of context on each side, within the sentence.
    text, doc_id : str
        The columns of texts and identifiers.

    Returns
    -------
    DataFrame
        ``doc_id``, ``sent_id`` (as in :func:`analysis.sentences`), ``left``, ``match``
        (as written in the text) and ``right``, in document and sentence order.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["Ties with North Korea's regime grew."]})
    >>> line = kwic(docs, "north korea", window=2).iloc[0]
    >>> line["left"], line["match"], line["right"]
    ('Ties with', "North Korea's", 'regime grew.')
    """
    check_documents(docs, (text, doc_id), "kwic")
    window = check_positive_int(window, "window", "kwic", minimum=0)
    if not isinstance(query, str):
        raise TypeError(f"kwic: query must be a string, got {type(query).__name__}")
    analyzer = TermAnalyzer((1, 1), frozenset())
    wanted = analyzer.words(query)
    if not wanted:
        raise ValueError(
            f"kwic: query={query!r} has no word to look for (letters or digits are needed)"
        )
    _check_query_is_words(query, wanted, analyzer)
    width = len(wanted)
    rows = []
    if "sent_id" in docs.columns:
        check_documents(docs, ("sent_id",), "kwic")
        units = docs[[doc_id, "sent_id", text]].rename(columns={doc_id: "doc_id", text: "text"})
    else:
        units = sentences(docs[[doc_id, text]], text=text, doc_id=doc_id)
    # Only sentences that contain the query's first word are tokenized: a cheap prefilter.
    first_word = re.compile(re.escape(wanted[0]), re.IGNORECASE)
    candidates = units[units["text"].str.contains(first_word, regex=True)] if len(units) else units
    # The words of a token, read once per distinct token: sentences repeat their words.
    words_of: dict[str, str] = {}
    for document, sent_id, sentence in zip(
        candidates["doc_id"], candidates["sent_id"], candidates["text"], strict=True
    ):
        spans = token_spans(sentence)
        words = []
        for start, end in spans:
            token = sentence[start:end]
            found = words_of.get(token)
            if found is None:
                found = words_of[token] = " ".join(analyzer.words(token))
            words.append(found)
        for first in range(len(words) - width + 1):
            if words[first : first + width] != wanted:
                continue
            last = first + width - 1
            # Context is cut from the sentence itself, so its punctuation is kept.
            # When the window reaches the sentence's edge, the edge's punctuation comes too.
            left_start = 0 if first - window <= 0 else spans[first - window][0]
            right_end = (
                len(sentence) if last + window >= len(spans) - 1 else spans[last + window][1]
            )
            if not window:
                left_start, right_end = spans[first][0], spans[last][1]
            rows.append(
                {
                    "doc_id": document,
                    "sent_id": sent_id,
                    "left": sentence[left_start : spans[first][0]].strip(),
                    "match": sentence[spans[first][0] : spans[last][1]],
                    "right": sentence[spans[last][1] : right_end].strip(),
                }
            )
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "left", "match", "right"]).astype(
        {"sent_id": np.int64}
    )


def collocations(
    docs: pd.DataFrame,
    *,
    group: str | None = None,
    n: int = 15,
    min_count: int = 2,
    text: str = "text",
    include_variants: bool = False,
    stop_words: frozenset[str] = STOP_WORDS,
) -> pd.DataFrame:
    """Bigram collocations per group, with NLTK's finders, within sentences.

    Parameters
    ----------
    docs : DataFrame
        One row per document.
    group : str, optional
        Column to group by; by default all documents are one group.
    n : int, default 15
        Bigrams per group, by likelihood ratio.
    min_count : int, default 2
        Leave out pairs seen fewer times: PMI is unreliable on pairs seen once.
    text : str
        The column of texts.
    include_variants : bool, default False
        Count machine-translated copies (``duplicate_of`` set) too.
    stop_words : frozenset of str
        Pairs with a stop word are left out (NLTK's own stop list needs a download; this is
        the project's list, :data:`analysis.vocabulary.STOP_WORDS`).

    Returns
    -------
    DataFrame
        The group column (when grouping), ``bigram``, ``count``, ``likelihood_ratio`` and
        ``pmi``, sorted by likelihood ratio within each group.
    """
    check_documents(docs, (text,) + ((group,) if group else ()), "collocations")
    n = check_positive_int(n, "n", "collocations")
    min_count = check_positive_int(min_count, "min_count", "collocations")
    docs = canonical(docs, include_variants=include_variants)
    if group:
        check_labels(docs, group, "collocations")
    analyzer = TermAnalyzer((1, 1), frozenset())
    measures = BigramAssocMeasures()
    labels = sorted(pd.unique(docs[group]), key=str) if group else [None]
    # Documents are only split into sentences here, so any row number serves as their id.
    numbered = docs[[text] + ([group] if group else [])].assign(_doc=np.arange(len(docs)))
    units = sentences(numbered, text=text, doc_id="_doc")
    frames = [_empty_collocations(group)]
    for label in labels:
        members = units if label is None else units[units[group] == label]
        finder = BigramCollocationFinder.from_documents(
            analyzer.words(sentence) for sentence in members.loc[~members["is_heading"], "text"]
        )
        finder.apply_freq_filter(min_count)
        finder.apply_word_filter(lambda word: word in stop_words)
        scores = dict(finder.score_ngrams(measures.pmi))
        ranked = finder.score_ngrams(measures.likelihood_ratio)[:n]
        frame = pd.DataFrame(
            {
                "bigram": [" ".join(pair) for pair, _ in ranked],
                "count": [finder.ngram_fd[pair] for pair, _ in ranked],
                "likelihood_ratio": [score for _, score in ranked],
                "pmi": [scores[pair] for pair, _ in ranked],
            }
        )
        if group:
            frame.insert(0, group, label)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True).astype({"count": np.int64})


def _empty_collocations(group: str | None) -> pd.DataFrame:
    columns = {
        "bigram": pd.Series(dtype=object),
        "count": pd.Series(dtype=np.int64),
        "likelihood_ratio": pd.Series(dtype=float),
        "pmi": pd.Series(dtype=float),
    }
    return pd.DataFrame(({group: pd.Series(dtype=object)} if group else {}) | columns)
