"""Terms and TF-IDF: which words each account uses most.

Terms are lower-cased tokens of :func:`analysis.text.tokenize`, with the possessive "'s" taken
off ("Russia's" counts as "russia") and tokens without a letter (numbers, amounts) left out.
Bigrams join two adjacent terms when neither is a stop word, so that a removed stop word never
makes a bigram of words that were not neighbours (scikit-learn's own n-grams are built after
stop words are removed: "regime in Pyongyang" would give "regime pyongyang").

TF-IDF itself is scikit-learn's ``TfidfVectorizer``: smoothed idf, ``ln((1 + n) / (1 + df)) + 1``,
and l2-normalised document vectors (Manning, Raghavan & Schütze 2008, ch. 6).

References
----------
Manning, C. D., Raghavan, P. and Schütze, H. (2008). *Introduction to Information Retrieval*.
Cambridge University Press.
Nothman, J., Qin, H. and Yurchak, R. (2018). Stop word lists in free open-source software
packages. *Proceedings of NLP-OSS*, 7-12.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from importlib import resources

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import (
    ENGLISH_STOP_WORDS,
    CountVectorizer,
    TfidfTransformer,
    TfidfVectorizer,
)

from analysis.corpus import canonical_mask
from analysis.text import check_documents

__all__ = [
    "STOP_WORDS",
    "TermAnalyzer",
    "TfidfResult",
    "stop_words_table",
    "tfidf",
    "top_terms",
]


def stop_words_table() -> pd.DataFrame:
    """The project's changes to scikit-learn's English stop list, each with its reason.

    ``action`` is "keep" for a word taken off scikit-learn's list (a content word in political
    prose, or a country's initials that lower-case into a stop word) and "add" for a word
    added to it.
    """
    source = resources.files("analysis").joinpath("data/stopwords.csv")
    with source.open(encoding="utf-8") as stream:
        return pd.DataFrame(list(csv.DictReader(stream)))


def _stop_words() -> frozenset[str]:
    table = stop_words_table()
    keep = set(table.loc[table["action"] == "keep", "word"])
    add = set(table.loc[table["action"] == "add", "word"])
    return frozenset((ENGLISH_STOP_WORDS - keep) | add)


#: scikit-learn's English stop list, less the content words in ``data/stopwords.csv`` and plus
#: its short domain list; see :func:`stop_words_table` for each word's reason.
STOP_WORDS = _stop_words()

# The terms of a lower-cased text in one pass: abbreviations with inner full stops (u.s.), and
# words with at least one letter, inner hyphens and apostrophes (counter-offensive, j2-8243,
# russia's); numbers and amounts, which have no letter, are skipped. It agrees with
# analysis.text.tokenize on every token that has a letter, and is several times faster than
# tokenizing and filtering token by token, which matters on large corpora.
_TERM = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]*[^\W\d_][^\W_]*(?:[-'][^\W_]+)*")


@dataclass(frozen=True)
class TermAnalyzer:
    """Turn a text into terms: lower-cased unigrams and, optionally, bigrams.

    Parameters
    ----------
    ngram_range : (int, int), default (1, 2)
        Smallest and largest n-gram; only 1 and 2 are supported.
    stop_words : frozenset of str, default STOP_WORDS
        Terms to drop; a bigram is kept only when neither of its words is a stop word.

    Examples
    --------
    >>> TermAnalyzer()("Russia's rogue regime in Pyongyang")
    ['russia', 'rogue', 'regime', 'pyongyang', 'russia rogue', 'rogue regime']
    """

    ngram_range: tuple[int, int] = (1, 2)
    stop_words: frozenset[str] = STOP_WORDS

    def __post_init__(self) -> None:
        low, high = self.ngram_range
        if not 1 <= low <= high <= 2:
            raise ValueError(
                f"ngram_range must be (1, 1), (1, 2) or (2, 2), got {self.ngram_range}"
            )

    def words(self, text: str) -> list[str]:
        """Lower-cased word terms, stop words included, in order, without possessive 's."""
        return [
            word[:-2] if word.endswith("'s") else word.rstrip("'")
            for word in _TERM.findall(text.lower())
        ]

    def __call__(self, text: str) -> list[str]:
        words = self.words(text)
        kept = [word not in self.stop_words for word in words]
        low, high = self.ngram_range
        terms = [word for word, keep in zip(words, kept, strict=True) if keep] if low == 1 else []
        if high == 2:
            terms += [
                f"{first} {second}"
                for first, second, keep_first, keep_second in zip(
                    words, words[1:], kept, kept[1:], strict=False
                )
                if keep_first and keep_second
            ]
        return terms


@dataclass(frozen=True)
class TfidfResult:
    """A fitted TF-IDF model and the documents' vectors.

    Attributes
    ----------
    matrix : scipy.sparse.csr_matrix
        One l2-normalised row per document, one column per term.
    terms : numpy.ndarray
        The column labels.
    doc_ids : list
        The row labels.
    vectorizer : sklearn.feature_extraction.text.TfidfVectorizer
        The fitted vectorizer, to transform other texts into the same space.
    """

    matrix: sparse.csr_matrix
    terms: np.ndarray
    doc_ids: list
    vectorizer: TfidfVectorizer

    def frame(self) -> pd.DataFrame:
        """The matrix as a long table: ``doc_id``, ``term``, ``tfidf`` (non-zero cells only)."""
        coo = self.matrix.tocoo()
        frame = pd.DataFrame(
            {
                "doc_id": np.asarray(self.doc_ids, dtype=object)[coo.row],
                "term": self.terms[coo.col],
                "tfidf": coo.data,
            }
        )
        return frame.sort_values(["doc_id", "tfidf", "term"], ascending=[True, False, True])


def tfidf(
    docs: pd.DataFrame,
    *,
    text: str = "text",
    doc_id: str = "doc_id",
    ngram_range: tuple[int, int] = (1, 2),
    stop_words: frozenset[str] = STOP_WORDS,
    min_df: int = 1,
    sublinear_tf: bool = False,
    include_variants: bool = False,
) -> TfidfResult:
    """TF-IDF vectors of documents, with scikit-learn's ``TfidfVectorizer``.

    Parameters
    ----------
    docs : DataFrame
        One row per document.
    text, doc_id : str
        The columns of texts and of identifiers.
    ngram_range, stop_words : see :class:`TermAnalyzer`.
    min_df : int, default 1
        Drop terms found in fewer documents.
    sublinear_tf : bool, default False
        Use ``1 + ln(tf)`` for term frequency.
    include_variants : bool, default False
        Fit the idf on every document. By default it is fitted on canonical documents only
        (``duplicate_of`` empty) so that a copy does not halve the weight of the words it
        shares with its original; variants are still transformed and returned.

    Returns
    -------
    TfidfResult
        Every document of ``docs``, in order.

    Notes
    -----
    ``tfidf(t, d) = tf(t, d) * idf(t)`` with ``idf(t) = ln((1 + n) / (1 + df(t))) + 1``, rows
    normalised to unit length.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"],
    ...                      "text": ["sanctions bite hard", "sanctions fail"]})
    >>> result = tfidf(docs, ngram_range=(1, 1))
    >>> list(result.terms)
    ['bite', 'fail', 'hard', 'sanctions']
    """
    check_documents(docs, (text, doc_id), "tfidf")
    analyzer = TermAnalyzer(ngram_range, frozenset(stop_words))
    # Each text is tokenized once: count every document, keep the terms of the canonical
    # documents, fit the idf on the canonical rows, then weight every row. This is what
    # TfidfVectorizer.fit followed by .transform computes, without reading the texts twice.
    counter = CountVectorizer(analyzer=analyzer)
    counts = counter.fit_transform(docs[text]).tocsr()
    fit_rows = np.flatnonzero(canonical_mask(docs, include_variants=include_variants))
    document_frequency = np.asarray((counts[fit_rows] > 0).sum(axis=0)).ravel()
    keep = np.flatnonzero(document_frequency >= max(min_df, 1))
    counts = counts[:, keep]
    terms = counter.get_feature_names_out()[keep]
    transformer = TfidfTransformer(sublinear_tf=sublinear_tf).fit(counts[fit_rows])
    matrix = transformer.transform(counts).tocsr()
    vectorizer = TfidfVectorizer(
        analyzer=analyzer, vocabulary=list(terms), sublinear_tf=sublinear_tf, dtype=np.float64
    )
    vectorizer.idf_ = transformer.idf_
    return TfidfResult(matrix, terms, list(docs[doc_id]), vectorizer)


def top_terms(
    docs: pd.DataFrame,
    *,
    n: int = 10,
    group: str | None = None,
    text: str = "text",
    doc_id: str = "doc_id",
    ngram_range: tuple[int, int] = (1, 2),
    include_variants: bool = False,
) -> pd.DataFrame:
    """The ``n`` terms with the highest TF-IDF per document, or per group of documents.

    Parameters
    ----------
    docs : DataFrame
        One row per document.
    n : int, default 10
        Terms per document or group.
    group : str, optional
        A column to group documents by (e.g. ``"stance"``). A group's score for a term is the
        mean of its documents' TF-IDF, so each document weighs the same whatever its length.
        Groups use canonical documents unless ``include_variants``.
    text, doc_id, ngram_range, include_variants
        As in :func:`tfidf`.

    Returns
    -------
    DataFrame
        ``doc_id`` (or the group column), ``rank`` (1 = highest), ``term``, ``tfidf`` and
        ``count`` (occurrences in the document or group). Ties are broken alphabetically.
    """
    if not isinstance(n, int) or n < 1:
        raise ValueError(f"n must be a positive integer, got {n!r}")
    result = tfidf(
        docs, text=text, doc_id=doc_id, ngram_range=ngram_range, include_variants=include_variants
    )
    analyzer = result.vectorizer.build_analyzer()
    unit = doc_id
    matrix = result.matrix
    labels = list(docs[doc_id])
    texts = list(docs[text])
    if group is not None:
        check_documents(docs, (group,), "top_terms")
        keep = canonical_mask(docs, include_variants=include_variants)
        members, positions = docs[keep], np.flatnonzero(keep)
        labels = sorted(members[group].unique())
        rows = [positions[(members[group] == label).to_numpy()] for label in labels]
        matrix = sparse.csr_matrix(np.vstack([matrix[r].mean(axis=0) for r in rows]))
        texts = ["\n".join(docs[text].iloc[r]) for r in rows]
        unit = group
    frames = []
    for row, (label, body) in enumerate(zip(labels, texts, strict=True)):
        scores = matrix[row].toarray().ravel()
        order = np.lexsort((result.terms, -scores))[:n]
        order = order[scores[order] > 0]
        counts = pd.Series(analyzer(body)).value_counts()
        terms = result.terms[order]
        frames.append(
            pd.DataFrame(
                {
                    unit: label,
                    "rank": np.arange(1, len(order) + 1),
                    "term": terms,
                    "tfidf": scores[order],
                    "count": counts.reindex(terms, fill_value=0).to_numpy(),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)
