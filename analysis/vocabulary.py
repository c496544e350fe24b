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
from pathlib import Path

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
from analysis.validation import check_documents, check_labels, check_positive_int

__all__ = [
    "STOP_WORDS",
    "TermAnalyzer",
    "TfidfResult",
    "count_terms",
    "read_stop_words",
    "stop_words_table",
    "tfidf",
    "top_terms",
]


def stop_words_table(source: Path | str | None = None) -> pd.DataFrame:
    """Changes to scikit-learn's English stop list, each with its reason.

    Parameters
    ----------
    source : path-like, optional
        A CSV file with the columns ``word``, ``action`` ("keep": take the word off the list;
        "add": put it on) and ``reason``, or a corpus folder holding ``stopwords.csv``. By
        default the package's own changes, which hold for any English corpus: content words
        that scikit-learn's list holds by accident (Nothman et al. 2018).

    Returns
    -------
    DataFrame
        ``word``, ``action``, ``reason``; one row per change.
    """
    if source is None:
        resource = resources.files("analysis").joinpath("data/stopwords.csv")
        with resource.open(encoding="utf-8") as stream:
            return pd.DataFrame(list(csv.DictReader(stream)))
    path = Path(source)
    if path.is_dir():
        path = path / "stopwords.csv"
    if not path.is_file():
        raise FileNotFoundError(f"stop words: no such file {path}")
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [column for column in ("word", "action") if column not in table.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}; expected word, action, reason")
    table["word"] = table["word"].str.strip().str.lower()
    bad = table[~table["action"].isin(["keep", "add"]) | (table["word"] == "")]
    if len(bad):
        row = bad.index[0]
        raise ValueError(
            f"{path}: row {row + 2}: action must be 'keep' or 'add' and word non-empty, got "
            f"{table.at[row, 'word']!r}, {table.at[row, 'action']!r}"
        )
    if "reason" not in table.columns:
        table["reason"] = ""
    return table[["word", "action", "reason"]]


def _apply_changes(base: frozenset[str], table: pd.DataFrame) -> frozenset[str]:
    keep = set(table.loc[table["action"] == "keep", "word"])
    add = set(table.loc[table["action"] == "add", "word"])
    return frozenset((base - keep) | add)


#: scikit-learn's English stop list, less the content words in ``data/stopwords.csv``; see
#: :func:`stop_words_table` for each word's reason.
STOP_WORDS = _apply_changes(frozenset(ENGLISH_STOP_WORDS), stop_words_table())


def read_stop_words(source: Path | str) -> frozenset[str]:
    """:data:`STOP_WORDS` changed by a corpus's own list.

    Parameters
    ----------
    source : path-like
        A CSV file of changes (see :func:`stop_words_table`) or a corpus folder holding
        ``stopwords.csv``.

    Examples
    --------
    >>> "us" in STOP_WORDS
    True
    """
    return _apply_changes(STOP_WORDS, stop_words_table(source))


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
    """A fitted TF-IDF model, the documents' vectors and their raw counts.

    Attributes
    ----------
    matrix : scipy.sparse.csr_matrix
        One l2-normalised row per document, one column per term.
    counts : scipy.sparse.csr_matrix
        The same shape: how often each document uses each term. Group totals are sums of its
        rows, so no text is tokenized twice.
    terms : numpy.ndarray
        The column labels.
    doc_ids : list
        The row labels.
    vectorizer : sklearn.feature_extraction.text.TfidfVectorizer
        The fitted vectorizer, to transform other texts into the same space.
    """

    matrix: sparse.csr_matrix
    counts: sparse.csr_matrix
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
        return frame.sort_values(
            ["doc_id", "tfidf", "term"], ascending=[True, False, True], ignore_index=True
        )


def count_terms(
    texts, *, ngram_range: tuple[int, int] = (1, 2), stop_words: frozenset[str] = STOP_WORDS
) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Count the terms of each text: a sparse documents × terms matrix and its column labels.

    scikit-learn's ``CountVectorizer`` with :class:`TermAnalyzer`; texts without any term give
    an empty row, and no text at all gives a matrix with no column (scikit-learn would raise
    "empty vocabulary").
    """
    texts = list(texts)
    counter = CountVectorizer(analyzer=TermAnalyzer(ngram_range, frozenset(stop_words)))
    try:
        counts = counter.fit_transform(texts).tocsr()
    except ValueError:  # no term in any text
        return sparse.csr_matrix((len(texts), 0), dtype=np.int64), np.array([], dtype=object)
    return counts, counter.get_feature_names_out()


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
    min_df = check_positive_int(min_df, "min_df", "tfidf")
    analyzer = TermAnalyzer(ngram_range, frozenset(stop_words))
    # Each text is tokenized once: count every document, keep the terms of the canonical
    # documents, fit the idf on the canonical rows, then weight every row. This is what
    # TfidfVectorizer.fit followed by .transform computes, without reading the texts twice.
    counts, terms = count_terms(docs[text], ngram_range=ngram_range, stop_words=stop_words)
    fit_rows = np.flatnonzero(canonical_mask(docs, include_variants=include_variants))
    document_frequency = np.asarray((counts[fit_rows] > 0).sum(axis=0)).ravel()
    keep = np.flatnonzero(document_frequency >= min_df)
    counts, terms = counts[:, keep], terms[keep]
    vectorizer = TfidfVectorizer(
        analyzer=analyzer,
        vocabulary=list(terms) or None,
        sublinear_tf=sublinear_tf,
        dtype=np.float64,
    )
    if len(terms) and len(fit_rows):
        transformer = TfidfTransformer(sublinear_tf=sublinear_tf).fit(counts[fit_rows])
        matrix = transformer.transform(counts).tocsr()
        vectorizer.idf_ = transformer.idf_
    else:
        matrix = sparse.csr_matrix(counts.shape, dtype=np.float64)
    return TfidfResult(matrix, counts, terms, list(docs[doc_id]), vectorizer)


def top_terms(
    docs: pd.DataFrame,
    *,
    n: int = 10,
    group: str | None = None,
    text: str = "text",
    doc_id: str = "doc_id",
    ngram_range: tuple[int, int] = (1, 2),
    stop_words: frozenset[str] = STOP_WORDS,
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
        A column to group documents by. A group's score for a term is the mean of its
        documents' TF-IDF, so each document weighs the same whatever its length. Groups use
        canonical documents unless ``include_variants``.
    text, doc_id, ngram_range, stop_words, include_variants
        As in :func:`tfidf`.

    Returns
    -------
    DataFrame
        ``doc_id`` (or the group column), ``rank`` (1 = highest), ``term``, ``tfidf`` and
        ``count`` (occurrences in the document or group). Ties are broken alphabetically.
    """
    n = check_positive_int(n, "n", "top_terms")
    check_documents(docs, (text, doc_id) + ((group,) if group else ()), "top_terms")
    result = tfidf(
        docs,
        text=text,
        doc_id=doc_id,
        ngram_range=ngram_range,
        stop_words=stop_words,
        include_variants=include_variants,
    )
    if group is not None:
        check_labels(docs, group, "top_terms")
    unit = group or "doc_id"
    matrix, counts = result.matrix, result.counts
    labels = docs[doc_id].tolist()
    if group is not None:
        keep = np.flatnonzero(canonical_mask(docs, include_variants=include_variants))
        members = docs[group].to_numpy()[keep]
        labels = sorted(pd.unique(members), key=str)
        # One sparse indicator matrix (groups × documents) sums and averages every group in
        # one product, without joining or re-tokenizing any text.
        codes = pd.Categorical(members, categories=labels).codes
        indicator = sparse.csr_matrix(
            (np.ones(len(keep)), (codes, keep)), shape=(len(labels), len(docs))
        )
        sizes = np.asarray(indicator.sum(axis=1)).ravel()
        matrix = sparse.diags(1 / sizes) @ (indicator @ matrix)
        counts = indicator @ counts
    matrix, counts = sparse.csr_matrix(matrix), sparse.csr_matrix(counts)
    frames = []
    for row, label in enumerate(labels):
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        columns, scores = matrix.indices[start:end], matrix.data[start:end]
        order = np.lexsort((result.terms[columns], -scores))[:n]
        order = order[scores[order] > 0]
        chosen = columns[order]
        frames.append(
            pd.DataFrame(
                {
                    unit: label,
                    "rank": np.arange(1, len(order) + 1),
                    "term": result.terms[chosen],
                    "tfidf": scores[order],
                    "count": counts[row].toarray().ravel()[chosen].astype(int)
                    if len(chosen)
                    else np.array([], dtype=int),
                }
            )
        )
    empty = pd.DataFrame(
        {
            unit: pd.Series(dtype=object),
            "rank": pd.Series(dtype=int),
            "term": pd.Series(dtype=object),
            "tfidf": pd.Series(dtype=float),
            "count": pd.Series(dtype=int),
        }
    )
    return pd.concat([empty, *frames], ignore_index=True) if frames else empty
