"""Keyness: which terms distinguish one group of documents from another, with a statistic.

Two methods, both on the term counts of two groups (target ``i`` and reference ``j``):

``log_odds``
    The log-odds ratio with an informative Dirichlet prior of Monroe, Colaresi & Quinn (2008),
    "Fightin' Words", reported as a z-score. The prior shrinks the estimates of rare terms
    toward the pooled rate, so that a word used twice by one side and never by the other does
    not top the list, which is what raw frequency ratios and TF-IDF differences do.
``chi2``
    Pearson's chi-square on each term's 2×2 table, signed by direction, with Yates' continuity
    correction applied as quanteda's ``textstat_keyness`` applies it by default: only when an
    expected count is below 5 and ``|ad - bc| >= N / 2`` (Benoit et al. 2018).

Every result carries the number of documents on each side that use the term: with a handful of
documents, one article can make a term "key" for a whole side, and the reader must see that.

References
----------
Monroe, B. L., Colaresi, M. P. and Quinn, K. M. (2008). Fightin' words: Lexical feature
selection and evaluation for identifying the content of political conflict. *Political
Analysis* 16(4): 372-403.
Benoit, K. et al. (2018). quanteda: An R package for the quantitative analysis of textual
data. *Journal of Open Source Software* 3(30): 774.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats
from sklearn.feature_extraction.text import CountVectorizer

from analysis.corpus import canonical, canonical_mask
from analysis.validation import (
    check_choice,
    check_documents,
    check_group,
    check_number,
    check_positive_int,
)
from analysis.vocabulary import STOP_WORDS, TermAnalyzer, TermCounts, select_counts

__all__ = ["METHODS", "chi2_scores", "document_counts", "keyness", "log_odds_scores"]

METHODS = ("log_odds", "chi2")


def log_odds_scores(
    y_i: np.ndarray, y_j: np.ndarray, *, prior_scale: float | None = None
) -> np.ndarray:
    """Monroe et al.'s z-scores of the log-odds ratio with an informative Dirichlet prior.

    Parameters
    ----------
    y_i, y_j : array of int
        Counts of each term in the target and the reference group.
    prior_scale : float, optional
        ``alpha_0``, the prior's total pseudo-count. By default the pooled number of tokens
        ``n_i + n_j``: the pooled corpus itself is the prior, as in Monroe et al.'s application,
        which shrinks rare terms strongly.

    Returns
    -------
    array of float
        ``zeta_w``, positive where the target uses the term more.

    Notes
    -----
    With ``n_i = sum(y_i)``, pooled rates ``pi_w = (y_i,w + y_j,w) / (n_i + n_j)`` and prior
    ``alpha_w = alpha_0 * pi_w`` (Monroe et al. 2008, section 3.5.1):

    .. math::

        \\hat\\delta_w = \\log\\frac{y_{i,w} + \\alpha_w}{n_i + \\alpha_0 - y_{i,w} - \\alpha_w}
                     - \\log\\frac{y_{j,w} + \\alpha_w}{n_j + \\alpha_0 - y_{j,w} - \\alpha_w}

        \\sigma^2(\\hat\\delta_w) \\approx \\frac{1}{y_{i,w} + \\alpha_w}
                                       + \\frac{1}{y_{j,w} + \\alpha_w}

        \\zeta_w = \\hat\\delta_w / \\sqrt{\\sigma^2(\\hat\\delta_w)}
    """
    y_i = np.asarray(y_i, dtype=float)
    y_j = np.asarray(y_j, dtype=float)
    n_i, n_j = y_i.sum(), y_j.sum()
    alpha_0 = float(n_i + n_j) if prior_scale is None else float(prior_scale)
    alpha_w = alpha_0 * (y_i + y_j) / (n_i + n_j)  # informative prior from the pooled counts
    # delta_w: log-odds of the term in i minus in j, each smoothed by the prior
    delta = np.log((y_i + alpha_w) / (n_i + alpha_0 - y_i - alpha_w)) - np.log(
        (y_j + alpha_w) / (n_j + alpha_0 - y_j - alpha_w)
    )
    variance = 1.0 / (y_i + alpha_w) + 1.0 / (y_j + alpha_w)  # sigma^2(delta_w), approximate
    return delta / np.sqrt(variance)  # zeta_w


def chi2_scores(y_i: np.ndarray, y_j: np.ndarray) -> np.ndarray:
    """Signed Pearson chi-square per term, with quanteda's conditional Yates correction.

    Notes
    -----
    For each term the 2×2 table is ``a = y_i,w``, ``b = y_j,w``, ``c = n_i - a``,
    ``d = n_j - b``, ``N = a + b + c + d``:

    .. math::

        \\chi^2 = \\frac{N (|ad - bc| - k)^2}{(a + b)(c + d)(a + c)(b + d)}

    with ``k = N / 2`` (Yates) when the smallest expected count is below 5 and
    ``|ad - bc| >= N / 2``, otherwise ``k = 0``. The sign is positive when ``a`` exceeds its
    expected count ``(a + b)(a + c) / N``.
    """
    a = np.asarray(y_i, dtype=float)
    b = np.asarray(y_j, dtype=float)
    c = a.sum() - a
    d = b.sum() - b
    n = a + b + c + d
    expected = (
        np.stack([(a + b) * (a + c), (a + b) * (b + d), (a + c) * (c + d), (c + d) * (b + d)]) / n
    )
    difference = np.abs(a * d - b * c)
    yates = (expected.min(axis=0) < 5) & (difference >= n / 2)
    statistic = (
        n
        * (difference - np.where(yates, n / 2, 0.0)) ** 2
        / ((a + b) * (c + d) * (a + c) * (b + d))
    )
    return np.where(a > expected[0], 1.0, -1.0) * statistic


def keyness(
    docs: pd.DataFrame,
    *,
    group: str,
    target: object,
    reference: object | None = None,
    text: str = "text",
    method: str = "log_odds",
    include_variants: bool = False,
    ngram_range: tuple[int, int] = (1, 1),
    stop_words: frozenset[str] = STOP_WORDS,
    min_count: int = 1,
    prior_scale: float | None = None,
    counts: TermCounts | None = None,
) -> pd.DataFrame:
    """Terms that distinguish a target group of documents from a reference group.

    Parameters
    ----------
    docs : DataFrame
        One row per document, with a text column and a group column.
    group : str
        The column that assigns each document to a group.
    target, reference
        The two groups to compare (values of ``group``). ``reference=None`` compares the target
        with all other documents.
    text : str, default "text"
        The column of texts.
    method : {"log_odds", "chi2"}, default "log_odds"
        See the module documentation.
    include_variants : bool, default False
        Count documents whose ``duplicate_of`` is set (a translation of another document).
        By default only canonical documents count.
    ngram_range, stop_words
        As in :class:`analysis.vocabulary.TermAnalyzer`. Unigrams by default.
    min_count : int, default 1
        Leave out terms used fewer times in the two groups together.
    prior_scale : float, optional
        ``alpha_0`` of the log-odds prior; see :func:`log_odds_scores`.
    counts : TermCounts, optional
        The documents' term counts from :func:`analysis.term_counts` (every document, in the
        order of ``docs``), so that the texts are not tokenized again; the result is the same.
        Counts made with ``ngram_range=(1, 2)`` serve the default unigrams.

    Returns
    -------
    DataFrame
        ``term``, ``score`` (z-score or signed chi-square; positive = over-used by the target),
        ``p`` (two-sided), ``count_target``, ``count_reference``, ``docs_target``,
        ``docs_reference`` (documents of each group that use the term), sorted by ``score``,
        descending, ties by term. Empty (with these columns) when no document has a term.

    Examples
    --------
    >>> docs = pd.DataFrame({"side": ["a", "a", "b"],
    ...                      "text": ["war war peace", "war crimes", "peace talks peace"]})
    >>> top = keyness(docs, group="side", target="a", reference="b").head(1)
    >>> top[["term", "count_target", "docs_target"]].to_dict("records")
    [{'term': 'war', 'count_target': 3, 'docs_target': 2}]
    """
    check_documents(docs, (text, group), "keyness")
    check_choice(method, METHODS, "method", "keyness")
    min_count = check_positive_int(min_count, "min_count", "keyness")
    if prior_scale is not None:
        check_number(prior_scale, "prior_scale", "keyness", low=0)
    rows = canonical_mask(docs, include_variants=include_variants)
    all_docs, docs = docs, canonical(docs, include_variants=include_variants)
    check_group(docs, group, (target, reference), "keyness")
    in_target = (docs[group] == target).to_numpy()
    in_reference = (docs[group] == reference).to_numpy() if reference is not None else ~in_target
    if not in_reference.any():
        raise ValueError(f"keyness: no document outside target={target!r} to compare with")

    # Term counts of the canonical rows, and how many documents of each row use each term.
    counts, used, terms = select_counts(
        all_docs,
        counts,
        rows,
        text=text,
        ngram_range=ngram_range,
        stop_words=stop_words,
        caller="keyness",
    )
    y_i = np.asarray(counts[in_target].sum(axis=0)).ravel()
    y_j = np.asarray(counts[in_reference].sum(axis=0)).ravel()
    docs_i = np.asarray(used[in_target].sum(axis=0)).ravel()
    docs_j = np.asarray(used[in_reference].sum(axis=0)).ravel()
    keep = (y_i + y_j) >= min_count
    if not keep.any() or y_i.sum() == 0 or y_j.sum() == 0:
        return _empty_keyness()

    # Scores use every term's counts (the group totals include rare terms); min_count only
    # decides which rows are shown.
    with np.errstate(divide="ignore", invalid="ignore"):
        if method == "log_odds":
            score = log_odds_scores(y_i, y_j, prior_scale=prior_scale)
            p = 2 * stats.norm.sf(np.abs(score))
        else:
            score = chi2_scores(y_i, y_j)
            p = stats.chi2.sf(np.abs(score), df=1)
    result = pd.DataFrame(
        {
            "term": terms[keep],
            "score": score[keep],
            "p": p[keep],
            "count_target": y_i[keep],
            "count_reference": y_j[keep],
            "docs_target": docs_i[keep],
            "docs_reference": docs_j[keep],
        }
    )
    return result.sort_values(["score", "term"], ascending=[False, True], ignore_index=True)


def _empty_keyness() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "term": pd.Series(dtype=object),
            "score": pd.Series(dtype=float),
            "p": pd.Series(dtype=float),
            **{
                column: pd.Series(dtype=np.int64)
                for column in ("count_target", "count_reference", "docs_target", "docs_reference")
            },
        }
    )


def document_counts(
    docs: pd.DataFrame,
    terms: list[str],
    *,
    text: str = "text",
    doc_id: str = "doc_id",
    ngram_range: tuple[int, int] = (1, 1),
) -> pd.DataFrame:
    """How often each document uses each term: the per-document breakdown behind keyness.

    Parameters
    ----------
    docs : DataFrame
        One row per document.
    terms : list of str
        Terms as :func:`keyness` writes them (lower-case; "north korea" for a bigram, with
        ``ngram_range=(1, 2)``).

    Returns
    -------
    DataFrame
        Long form, one row per term and document (zeros included): ``term``, ``doc_id``,
        ``count``; terms in the order given, documents in the order of ``docs``.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "text": ["War, war.", "Peace."]})
    >>> document_counts(docs, ["war"]).to_dict("records")
    [{'term': 'war', 'doc_id': 'a', 'count': 2}, {'term': 'war', 'doc_id': 'b', 'count': 0}]
    """
    check_documents(docs, (text, doc_id), "document_counts")
    if isinstance(terms, str):
        raise TypeError("document_counts: terms must be a list of terms, got a bare string")
    vocabulary = list(dict.fromkeys(terms))
    ids = docs[doc_id].to_numpy()
    if not vocabulary or docs.empty:
        return pd.DataFrame(
            {
                "term": pd.Series(dtype=object),
                "doc_id": pd.Series(dtype=object),
                "count": pd.Series(dtype=np.int64),
            }
        )
    vectorizer = CountVectorizer(
        analyzer=TermAnalyzer(ngram_range, frozenset()), vocabulary=vocabulary
    )
    # Sparse throughout: a term × document table of a large corpus is mostly zeros, and only
    # the long result, one row per pair, is ever materialised.
    counts = vectorizer.transform(docs[text]).tocsc()
    return pd.DataFrame(
        {
            "term": np.repeat(np.asarray(vocabulary, dtype=object), len(ids)),
            "doc_id": np.tile(ids, len(vocabulary)),
            "count": np.concatenate(
                [counts[:, column].toarray().ravel() for column in range(len(vocabulary))]
            ).astype(np.int64),
        }
    )
