"""Keyness: which terms distinguish one group of documents from another, with a statistic.

Two methods, both on the term counts of two groups (target ``i`` and reference ``j``):

``log_odds``
    The log-odds ratio with an informative Dirichlet prior of Monroe, Colaresi & Quinn (2008),
    "Fightin' Words", reported as a z-score. The prior adds ``alpha_w = alpha_0 * pi_w``
    pseudo-counts to each term, ``pi_w`` being the term's pooled rate, and so shrinks every
    term's log-odds toward no difference. ``alpha_0``, the prior's total pseudo-count
    (``prior_scale``), sets how strongly: by default the pooled number of tokens ``n_i + n_j``,
    a prior as heavy as the data, under which a term used twice by one side and never by the
    other cannot reach |z| = 1.96. A lighter prior lets more terms pass; a heavier one fewer.
    How many terms are "key" therefore depends on ``alpha_0``, and :func:`keyness_sensitivity`
    shows by how much.
``chi2``
    Pearson's chi-square on each term's 2×2 table, signed by direction, with Yates' continuity
    correction applied as quanteda's ``textstat_keyness`` applies it by default: only when an
    expected count is below 5 and ``|ad - bc| >= N / 2`` (Benoit et al. 2018).

Both are **token-level** statistics: each treats every token as an independent draw, so
neither knows that a side's tokens come from one or a few documents, and neither p-value is a
statement about the documents a group stands for. Their p-values differ because the prior
shrinks the log-odds and chi-square has no prior, not because one of them sees documents.
Three columns beside the score speak to that:

``docs_target``, ``docs_reference``
    The documents of each group that use the term: with a handful of documents, one article
    can make a term "key" for a whole side.
``loo_score``
    The score recomputed leaving out, in turn, each document of the group the term favours
    that uses the term, keeping the least favourable of these scores: a term that one document
    makes key falls to zero or past it. (Leaving out a document that does not use the term
    changes its score only through the group's token total, which raises the term's rate in
    the group.) ``nan`` when that group has one document, since nothing is left to compare.
    The cost is one vectorised pass over the non-zero cells of the documents × terms matrix.
``log_ratio``
    An effect size, Hardie's (2014) Log Ratio: ``log2`` of the ratio of the term's relative
    frequencies, each count smoothed by adding 0.5. One unit is a doubling.

**From counts.** :func:`keyness` counts the documents, then scores the two groups' count
vectors with :func:`keyness_from_counts` (scores by :func:`keyness_scores`, leave-one-out by
:func:`least_favourable_scores`); counts made elsewhere, such as the sums over partitions of
:func:`analysis.dask.keyness`, go through the same functions.

``p_adjusted`` is the Benjamini–Hochberg adjusted p-value (false discovery rate) over the
terms returned: with a thousand terms tested, fifty pass p < 0.05 by chance alone.

**Order.** Rows are sorted by score, descending. Terms with equal scores (equal counts give
equal scores) are ranked by their count in the group they favour, then by ``|log_ratio|``,
then by the number of documents of that group using them, the larger first, and last by the
term itself, so the order never depends on the input's. The stronger of tied terms come
first on either side, so ``head(n)`` and ``nlargest(n, "score")`` give the target's top terms
and ``nsmallest(n, "score")`` the reference's (``nlargest`` and ``nsmallest`` keep the first
of tied rows); ``tail(n)`` would take a cut tie's weakest terms.

References
----------
Monroe, B. L., Colaresi, M. P. and Quinn, K. M. (2008). Fightin' words: Lexical feature
selection and evaluation for identifying the content of political conflict. *Political
Analysis* 16(4): 372-403.
Benoit, K. et al. (2018). quanteda: An R package for the quantitative analysis of textual
data. *Journal of Open Source Software* 3(30): 774.
Hardie, A. (2014). Log Ratio: an informal introduction. ESRC Centre for Corpus Approaches to
Social Science (CASS), Lancaster University.
Benjamini, Y. and Hochberg, Y. (1995). Controlling the false discovery rate: a practical and
powerful approach to multiple testing. *Journal of the Royal Statistical Society B* 57(1):
289-300.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import sparse, stats
from sklearn.feature_extraction.text import CountVectorizer

from analysis.corpus import canonical, canonical_mask
from analysis.inference import benjamini_hochberg
from analysis.validation import (
    check_choice,
    check_documents,
    check_group,
    check_number,
    check_positive_int,
)
from analysis.vocabulary import STOP_WORDS, TermAnalyzer, TermCounts, select_counts

__all__ = [
    "COUNT_COLUMNS",
    "LOG_RATIO_SMOOTHING",
    "METHODS",
    "PRIOR_FRACTIONS",
    "chi2_scores",
    "document_counts",
    "keyness",
    "keyness_from_counts",
    "keyness_scores",
    "keyness_sensitivity",
    "least_favourable_scores",
    "log_odds_scores",
    "log_ratio_scores",
]

METHODS = ("log_odds", "chi2")

#: Added to both counts of every term before :func:`log_ratio_scores` takes their ratio.
LOG_RATIO_SMOOTHING = 0.5

#: The columns :func:`keyness_from_counts` needs: one row per term, counts of the two groups.
COUNT_COLUMNS = ("term", "count_target", "count_reference", "docs_target", "docs_reference")

#: :func:`keyness_sensitivity`'s prior strengths, as fractions of the pooled token count
#: ``n_i + n_j`` (1 is :func:`keyness`'s default).
PRIOR_FRACTIONS = (4.0, 2.0, 1.0, 0.5, 0.2, 0.1, 0.05, 0.02)


def _log_odds(y_i, y_j, n_i, n_j, alpha_0):
    """Monroe et al.'s z, broadcasting: ``y_i`` may be documents × terms with ``n_i`` a column."""
    alpha_w = alpha_0 * (y_i + y_j) / (n_i + n_j)  # informative prior from the pooled counts
    # delta_w: log-odds of the term in i minus in j, each smoothed by the prior
    delta = np.log((y_i + alpha_w) / (n_i + alpha_0 - y_i - alpha_w)) - np.log(
        (y_j + alpha_w) / (n_j + alpha_0 - y_j - alpha_w)
    )
    variance = 1.0 / (y_i + alpha_w) + 1.0 / (y_j + alpha_w)  # sigma^2(delta_w), approximate
    return delta / np.sqrt(variance)  # zeta_w


def log_odds_scores(
    y_i: np.ndarray, y_j: np.ndarray, *, prior_scale: float | None = None
) -> np.ndarray:
    """Monroe et al.'s z-scores of the log-odds ratio with an informative Dirichlet prior.

    Parameters
    ----------
    y_i, y_j : array of int
        Counts of each term in the target and the reference group.
    prior_scale : float, optional
        ``alpha_0``, the prior's total pseudo-count: how many tokens' worth of weight the
        prior (the pooled rates) carries against the data. By default the pooled number of
        tokens ``n_i + n_j``: the pooled corpus itself is the prior, as in Monroe et al.'s
        application, which shrinks rare terms strongly. Smaller values shrink less and let
        more terms reach a given |z|; as ``alpha_0`` falls toward 0 the score approaches the
        unsmoothed log-odds z, undefined for a term one group never uses.

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

    The variance counts tokens as independent draws: the z-score is a token-level statistic,
    like chi-square, however the prior is set.
    """
    y_i = np.asarray(y_i, dtype=float)
    y_j = np.asarray(y_j, dtype=float)
    n_i, n_j = y_i.sum(), y_j.sum()
    alpha_0 = float(n_i + n_j) if prior_scale is None else float(prior_scale)
    return _log_odds(y_i, y_j, n_i, n_j, alpha_0)


def _chi2(a, b, n_i, n_j):
    """Signed chi-square with quanteda's Yates rule, broadcasting as :func:`_log_odds`."""
    c = n_i - a
    d = n_j - b
    n = a + b + c + d
    expected = [(a + b) * (a + c) / n, (a + b) * (b + d) / n, (a + c) * (c + d) / n]
    expected.append((c + d) * (b + d) / n)
    smallest = np.minimum(np.minimum(expected[0], expected[1]), np.minimum(*expected[2:]))
    difference = np.abs(a * d - b * c)
    yates = (smallest < 5) & (difference >= n / 2)
    statistic = (
        n
        * (difference - np.where(yates, n / 2, 0.0)) ** 2
        / ((a + b) * (c + d) * (a + c) * (b + d))
    )
    return np.where(a > expected[0], 1.0, -1.0) * statistic


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
    return _chi2(a, b, a.sum(), b.sum())


def log_ratio_scores(
    y_i: np.ndarray, y_j: np.ndarray, *, smoothing: float = LOG_RATIO_SMOOTHING
) -> np.ndarray:
    """Hardie's Log Ratio: the binary log of the ratio of a term's relative frequencies.

    Parameters
    ----------
    y_i, y_j : array of int
        Counts of each term in the target and the reference group.
    smoothing : float, default 0.5
        Added to both counts of every term, so that a term one group never uses gets a finite
        value.

    Returns
    -------
    array of float
        ``log2(((y_i,w + s) / n_i) / ((y_j,w + s) / n_j))`` with ``n_i = sum(y_i)``: 1 means
        the target uses the term twice as often (per token), -1 half as often.

    Notes
    -----
    Hardie (2014) replaces zero frequencies by 0.5; adding 0.5 to every count instead keeps the
    measure increasing in each count (1 use against 0 never ranks above 2 against 0) and
    changes large counts negligibly. Unlike the z-score it is an effect size: it does not
    grow with the amount of text, only with the gap between the rates.
    """
    y_i = np.asarray(y_i, dtype=float)
    y_j = np.asarray(y_j, dtype=float)
    return np.log2((y_i + smoothing) / y_i.sum()) - np.log2((y_j + smoothing) / y_j.sum())


def _count_vectors(count_target, count_reference, caller: str) -> tuple[np.ndarray, np.ndarray]:
    """The two groups' counts per term as float vectors of one length, none negative."""
    vectors = []
    for name, values in (("count_target", count_target), ("count_reference", count_reference)):
        try:
            vector = np.asarray(values, dtype=float)
        except (TypeError, ValueError):
            raise TypeError(f"{caller}: {name} must hold numbers, one per term") from None
        if vector.ndim != 1 or not np.isfinite(vector).all() or (vector < 0).any():
            raise ValueError(f"{caller}: {name} must be one finite count per term, none negative")
        vectors.append(vector)
    if len(vectors[0]) != len(vectors[1]):
        raise ValueError(
            f"{caller}: count_target has {len(vectors[0])} terms and count_reference "
            f"{len(vectors[1])}; they must be the same terms"
        )
    return vectors[0], vectors[1]


def keyness_scores(
    count_target: np.ndarray,
    count_reference: np.ndarray,
    *,
    tokens_target: float | np.ndarray | None = None,
    tokens_reference: float | np.ndarray | None = None,
    method: str = "log_odds",
    prior_scale: float | None = None,
) -> np.ndarray:
    """Each term's keyness score from its counts in the two groups and the groups' token totals.

    The one scoring function behind :func:`keyness`, its leave-one-out scores and
    :func:`analysis.dask.keyness`.

    Parameters
    ----------
    count_target, count_reference : array of int
        Counts of each term in the target group (``y_i``) and the reference group (``y_j``).
    tokens_target, tokens_reference : float or array of float, optional
        The groups' token totals ``n_i`` and ``n_j``: by default the sums of the counts. Give
        them when the counts are those of some terms only (the totals still count every
        term), or one total per term (arrays broadcast), as when one document is left out.
    method : {"log_odds", "chi2"}, default "log_odds"
        Monroe et al.'s z (:func:`log_odds_scores`) or the signed chi-square with quanteda's
        Yates rule (:func:`chi2_scores`).
    prior_scale : float, optional
        ``alpha_0`` of the log-odds prior; by default ``n_i + n_j``. Ignored by ``chi2``.

    Returns
    -------
    array of float
        One score per term, positive where the target uses the term more. ``nan`` or ``inf``
        where the formula is undefined (a group without tokens).

    Notes
    -----
    With the default totals, ``keyness_scores(y_i, y_j)`` is :func:`log_odds_scores` and
    ``keyness_scores(y_i, y_j, method="chi2")`` is :func:`chi2_scores`; their Notes give the
    formulas (Monroe, Colaresi & Quinn 2008, section 3.5.1; Benoit et al. 2018).

    Examples
    --------
    The 2×2 tables of 20 and 10 uses in 50 tokens each side, then 30 and 40:
    ``100 × (20 × 40 - 10 × 30)² / (30 × 70 × 50 × 50) = 4.7619``, and the same against the
    target for the second term.

    >>> keyness_scores([20, 30], [10, 40], method="chi2").round(4)
    array([ 4.7619, -4.7619])
    >>> keyness_scores([20], [10], tokens_target=50, tokens_reference=50, method="chi2").round(4)
    array([4.7619])
    """
    check_choice(method, METHODS, "method", "keyness_scores")
    y_i, y_j = _count_vectors(count_target, count_reference, "keyness_scores")
    n_i = y_i.sum() if tokens_target is None else np.asarray(tokens_target, dtype=float)
    n_j = y_j.sum() if tokens_reference is None else np.asarray(tokens_reference, dtype=float)
    if method == "log_odds":
        alpha_0 = n_i + n_j if prior_scale is None else float(prior_scale)
        return _log_odds(y_i, y_j, n_i, n_j, alpha_0)
    return _chi2(y_i, y_j, n_i, n_j)


def _p_values(method, score):
    if method == "log_odds":
        return 2 * stats.norm.sf(np.abs(score))
    return stats.chi2.sf(np.abs(score), df=1)


def least_favourable_scores(
    counts: sparse.spmatrix | np.ndarray,
    count_target: np.ndarray,
    count_reference: np.ndarray,
    *,
    side: str,
    lengths: np.ndarray | None = None,
    tokens_target: float | None = None,
    tokens_reference: float | None = None,
    method: str = "log_odds",
    prior_scale: float | None = None,
) -> np.ndarray:
    """Per term, the least favourable score over leaving out, in turn, each of some documents.

    The arithmetic of :func:`keyness`'s ``loo_score``. For each term, each of the given
    documents that uses it is removed from its group's counts and token total and the term's
    score recomputed (:func:`keyness_scores`, prior included); the smallest score is kept for
    target documents, the largest for reference documents. Documents of one group may be
    given in several batches (the partitions of :mod:`analysis.dask`): the minimum (target)
    or maximum (reference) of the batches' results, ignoring ``nan``, is that over all.

    Parameters
    ----------
    counts : sparse matrix or array of int
        Documents × terms: the counts of the documents to leave out, all of the group
        ``side`` names, columns aligned with ``count_target``.
    count_target, count_reference : array of int
        Each term's count in the whole target and reference group (``y_i``, ``y_j``).
    side : {"target", "reference"}
        The group the documents belong to.
    lengths : array of int, optional
        Each document's tokens, every term counted: by default the sums of its row of
        ``counts`` (give them when ``counts`` holds some terms only).
    tokens_target, tokens_reference : float, optional
        The groups' token totals, every term counted: by default the sums of the counts.
    method, prior_scale
        As in :func:`keyness_scores`.

    Returns
    -------
    array of float
        One value per term: the least favourable score, 0 where the left-out document was the
        only one using the term in either group, ``nan`` where none of the documents uses it.

    Notes
    -----
    Sparse: one vectorised pass over the non-zero cells of ``counts``. Leaving out a document
    that does not use a term would change that term's score only through the group's token
    total, so such documents are not tried.

    Examples
    --------
    Two target documents of 50 tokens use "war" 20 times and "peace" 30 times each; the
    reference's 50 tokens hold 10 and 40. Leaving either document out leaves the tables of
    :func:`keyness_scores`'s example (the whole target scores 6 and -6):

    >>> counts = sparse.csr_matrix([[20, 30], [20, 30]])
    >>> least_favourable_scores(counts, [40, 60], [10, 40], side="target", method="chi2").round(4)
    array([ 4.7619, -4.7619])
    """
    caller = "least_favourable_scores"
    check_choice(side, ("target", "reference"), "side", caller)
    y_i, y_j = _count_vectors(count_target, count_reference, caller)
    counts = sparse.csr_matrix(counts)
    if counts.shape[1] != len(y_i):
        raise ValueError(
            f"{caller}: counts has {counts.shape[1]} columns but count_target and "
            f"count_reference {len(y_i)} terms; the columns must be the same terms"
        )
    if counts.nnz and counts.data.min() < 0:
        raise ValueError(f"{caller}: counts holds a negative count")
    worst = np.full(counts.shape[1], np.nan)
    if lengths is None:
        lengths = np.asarray(counts.sum(axis=1)).ravel()
    lengths = np.asarray(lengths, dtype=float)
    if lengths.shape != (counts.shape[0],):
        raise ValueError(
            f"{caller}: lengths has shape {lengths.shape}, not one value per row of counts "
            f"({counts.shape[0]})"
        )
    n_i = float(y_i.sum()) if tokens_target is None else float(tokens_target)
    n_j = float(y_j.sum()) if tokens_reference is None else float(tokens_reference)
    part = counts.tocsc()
    part.sort_indices()
    term = np.repeat(np.arange(part.shape[1]), np.diff(part.indptr))
    used = part.data.astype(float)  # the left-out document's count of the term
    removed = lengths[part.indices]
    yi, yj = y_i[term].astype(float), y_j[term].astype(float)
    options = {"method": method, "prior_scale": prior_scale}
    with np.errstate(divide="ignore", invalid="ignore"):
        if side == "target":
            yi = yi - used
            scores = keyness_scores(
                yi, yj, tokens_target=n_i - removed, tokens_reference=n_j, **options
            )
        else:
            yj = yj - used
            scores = keyness_scores(
                yi, yj, tokens_target=n_i, tokens_reference=n_j - removed, **options
            )
    # A term that only the left-out document used is absent from what is left: no difference,
    # a score of 0 (the formulas give 0/0). Other non-finite scores come from a group left
    # without tokens and are skipped.
    scores = np.where(yi + yj == 0, 0.0, scores)
    scores = np.where(np.isfinite(scores), scores, np.nan)
    has = np.diff(part.indptr) > 0
    if scores.size:
        reduce = np.fmin if side == "target" else np.fmax
        worst[has] = reduce.reduceat(scores, part.indptr[:-1][has])
    return worst


def _least_favourable(counts, rows, y_i, y_j, columns, method, prior_scale, side):
    """:func:`least_favourable_scores` of the documents ``rows`` of ``counts``, for the terms
    ``columns``; ``nan`` when the group has one document (nothing is left to compare)."""
    if len(rows) < 2:
        return np.full(len(columns), np.nan)
    part = counts[rows]
    return least_favourable_scores(
        part[:, columns],
        y_i[columns],
        y_j[columns],
        side=side,
        lengths=np.asarray(part.sum(axis=1)).ravel(),  # tokens of each document, every term
        tokens_target=float(y_i.sum()),
        tokens_reference=float(y_j.sum()),
        method=method,
        prior_scale=prior_scale,
    )


def keyness_from_counts(
    counts: pd.DataFrame,
    *,
    method: str = "log_odds",
    min_count: int = 1,
    prior_scale: float | None = None,
) -> pd.DataFrame:
    """:func:`keyness`'s table from the two groups' term counts: scores, p-values, order.

    :func:`keyness` counts the documents and calls it; so does :func:`analysis.dask.keyness`
    with counts summed over partitions. Counts made any other way serve as well.

    Parameters
    ----------
    counts : DataFrame
        One row per term, every term the two groups use (the groups' token totals are the
        sums of the columns): ``term``, ``count_target``, ``count_reference`` (integers),
        ``docs_target``, ``docs_reference`` (documents of each group using the term, which
        only order ties). Optionally ``loo_target`` and ``loo_reference``: each term's least
        favourable score with one target (reference) document left out
        (:func:`least_favourable_scores`; ``nan`` when the group has one document); without
        them ``loo_score`` is ``nan``.
    method : {"log_odds", "chi2"}, default "log_odds"
        See :func:`keyness_scores`.
    min_count : int, default 1
        Leave out terms used fewer times in the two groups together (after scoring: the
        totals count them). The Benjamini–Hochberg adjustment counts only the terms returned.
    prior_scale : float, optional
        ``alpha_0`` of the log-odds prior; by default the pooled number of tokens.

    Returns
    -------
    DataFrame
        The columns of :func:`keyness`, ranked as its documentation says. ``loo_score`` is the
        ``loo_`` value of the side the term favours (0 for a score of 0). Empty when no term
        reaches ``min_count`` or a group has no tokens.

    Examples
    --------
    >>> counts = pd.DataFrame({"term": ["peace", "war"], "count_target": [1, 3],
    ...                        "count_reference": [3, 1], "docs_target": [1, 2],
    ...                        "docs_reference": [2, 1]})
    >>> table = keyness_from_counts(counts, method="chi2")
    >>> table[["term", "score"]].round(3).to_dict("list")
    {'term': ['war', 'peace'], 'score': [0.5, -0.5]}
    """
    caller = "keyness_from_counts"
    check_documents(counts, COUNT_COLUMNS, caller)
    check_choice(method, METHODS, "method", caller)
    min_count = check_positive_int(min_count, "min_count", caller)
    if prior_scale is not None:
        check_number(prior_scale, "prior_scale", caller, low=0)
    for column in COUNT_COLUMNS[1:]:
        if not pd.api.types.is_integer_dtype(counts[column]):
            raise TypeError(
                f"{caller}: column {column!r} must hold integers, got {counts[column].dtype}"
            )
        if (counts[column] < 0).any():
            raise ValueError(f"{caller}: column {column!r} holds a negative count")
    repeated = counts["term"].duplicated()
    if repeated.any():
        raise ValueError(
            f"{caller}: term {counts['term'][repeated].iloc[0]!r} has more than one row; sum "
            "the counts of each term first"
        )
    terms = counts["term"].to_numpy(dtype=object)
    y_i = counts["count_target"].to_numpy(dtype=np.int64)
    y_j = counts["count_reference"].to_numpy(dtype=np.int64)
    keep = (y_i + y_j) >= min_count
    if not keep.any() or y_i.sum() == 0 or y_j.sum() == 0:
        return _empty_keyness()
    # Scores use every term's counts (the group totals include rare terms); min_count only
    # decides which rows are shown.
    columns = np.flatnonzero(keep)
    with np.errstate(divide="ignore", invalid="ignore"):
        score = keyness_scores(y_i, y_j, method=method, prior_scale=prior_scale)[columns]
        p = _p_values(method, score)
        log_ratio = log_ratio_scores(y_i, y_j)[columns]
    loo = np.full(len(columns), np.nan)
    if "loo_target" in counts.columns or "loo_reference" in counts.columns:
        for side in ("target", "reference"):
            name = f"loo_{side}"
            if name in counts.columns:
                worst = counts[name].to_numpy(dtype=float)[columns]
                favoured = score > 0 if side == "target" else score < 0
                loo = np.where(favoured, worst, loo)
        loo = np.where(score == 0, 0.0, loo)
    result = pd.DataFrame(
        {
            "term": terms[keep],
            "score": score,
            "p": p,
            "p_adjusted": benjamini_hochberg(p),
            "log_ratio": log_ratio,
            "loo_score": loo,
            "count_target": y_i[keep],
            "count_reference": y_j[keep],
            "docs_target": counts["docs_target"].to_numpy(dtype=np.int64)[keep],
            "docs_reference": counts["docs_reference"].to_numpy(dtype=np.int64)[keep],
        }
    )
    return _rank(result)


def _rank(frame: pd.DataFrame) -> pd.DataFrame:
    """Sort by score, descending; ties by strength, then the term (see the module notes)."""
    score = frame["score"].to_numpy()
    favoured_count = np.where(score < 0, frame["count_reference"], frame["count_target"])
    favoured_docs = np.where(score < 0, frame["docs_reference"], frame["docs_target"])
    # np.lexsort sorts by the last key first, ascending.
    order = np.lexsort(
        (
            frame["term"].to_numpy(dtype=str),
            -favoured_docs,
            -np.abs(frame["log_ratio"].to_numpy()),
            -favoured_count,
            -score,
        )
    )
    return frame.iloc[order].reset_index(drop=True)


def _group_counts(
    docs,
    *,
    group,
    target,
    reference,
    text,
    include_variants,
    ngram_range,
    stop_words,
    caller,
    counts=None,
):
    """The term counts of the two groups: counts matrix, terms, and the two row masks.

    The counts of the canonical rows are taken from ``counts`` (a TermCounts of every row of
    ``docs``) when given, and counted otherwise.
    """
    rows = canonical_mask(docs, include_variants=include_variants)
    all_docs, docs = docs, canonical(docs, include_variants=include_variants)
    check_group(docs, group, (target, reference), caller)
    in_target = (docs[group] == target).to_numpy()
    in_reference = (docs[group] == reference).to_numpy() if reference is not None else ~in_target
    if not in_reference.any():
        raise ValueError(f"{caller}: no document outside target={target!r} to compare with")
    counts, terms = select_counts(
        all_docs,
        counts,
        rows,
        text=text,
        ngram_range=ngram_range,
        stop_words=stop_words,
        caller=caller,
    )
    return counts, terms, in_target, in_reference


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
    leave_one_out: bool = True,
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
        Leave out terms used fewer times in the two groups together. The Benjamini–Hochberg
        adjustment counts only the terms returned.
    prior_scale : float, optional
        ``alpha_0``, the strength of the log-odds prior, in tokens: by default ``n_i + n_j``,
        the pooled number of tokens of the two groups. See :func:`log_odds_scores` and
        :func:`keyness_sensitivity`. Ignored by ``chi2``.
    leave_one_out : bool, default True
        Compute ``loo_score``: each term's score once more per document that uses it, a
        vectorised pass over the non-zero cells of the sparse count matrix. Pass False to skip
        it (``loo_score`` is then ``nan``).
    counts : TermCounts, optional
        The documents' term counts from :func:`analysis.term_counts` (every row of ``docs``,
        in order), so that the texts are not tokenized again; the result is the same. Counts
        made with ``ngram_range=(1, 2)`` serve the default unigrams.

    Returns
    -------
    DataFrame
        ``term``; ``score`` (z-score or signed chi-square; positive = over-used by the
        target); ``p`` (two-sided, token-level) and ``p_adjusted`` (Benjamini–Hochberg);
        ``log_ratio`` (:func:`log_ratio_scores`); ``loo_score`` (the least favourable score
        with one document of the favoured group left out, see the module documentation);
        ``count_target``, ``count_reference``; ``docs_target``, ``docs_reference`` (documents
        of each group that use the term). Sorted by score, descending, ties as the module
        documentation says. Empty (with these columns) when no document has a term.

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
    counts, terms, in_target, in_reference = _group_counts(
        docs,
        group=group,
        target=target,
        reference=reference,
        text=text,
        include_variants=include_variants,
        ngram_range=ngram_range,
        stop_words=stop_words,
        caller="keyness",
        counts=counts,
    )
    y_i = np.asarray(counts[in_target].sum(axis=0)).ravel()
    y_j = np.asarray(counts[in_reference].sum(axis=0)).ravel()
    used = (counts > 0).astype(np.int64)
    table = pd.DataFrame(
        {
            "term": terms,
            "count_target": y_i,
            "count_reference": y_j,
            "docs_target": np.asarray(used[in_target].sum(axis=0)).ravel(),
            "docs_reference": np.asarray(used[in_reference].sum(axis=0)).ravel(),
        }
    )
    keep = (y_i + y_j) >= min_count
    if leave_one_out and keep.any() and y_i.sum() > 0 and y_j.sum() > 0:
        counts = sparse.csr_matrix(counts)
        columns = np.flatnonzero(keep)
        for side, rows in (("target", in_target), ("reference", in_reference)):
            worst = np.full(len(terms), np.nan)
            worst[columns] = _least_favourable(
                counts, np.flatnonzero(rows), y_i, y_j, columns, method, prior_scale, side
            )
            table[f"loo_{side}"] = worst
    return keyness_from_counts(table, method=method, min_count=min_count, prior_scale=prior_scale)


def keyness_sensitivity(
    docs: pd.DataFrame,
    *,
    group: str,
    target: object,
    reference: object | None = None,
    prior_scales: Sequence[float | None] | None = None,
    threshold: float = 1.96,
    text: str = "text",
    include_variants: bool = False,
    ngram_range: tuple[int, int] = (1, 1),
    stop_words: frozenset[str] = STOP_WORDS,
    min_count: int = 1,
    counts: TermCounts | None = None,
) -> pd.DataFrame:
    """How the set of key terms changes with the strength of the log-odds prior.

    Parameters
    ----------
    docs, group, target, reference, text, include_variants, ngram_range, stop_words, min_count
        As in :func:`keyness`.
    counts : TermCounts, optional
        As in :func:`keyness`.
    prior_scales : sequence of float or None, optional
        The values of ``alpha_0`` to try; ``None`` in the sequence stands for :func:`keyness`'s
        default, ``n_i + n_j``. By default :data:`PRIOR_FRACTIONS` times ``n_i + n_j``, from
        four times the data's weight down to a fiftieth of it.
    threshold : float, default 1.96
        A term is key when ``|z|`` reaches this (two-sided p < 0.05 for a z-score).

    Returns
    -------
    DataFrame
        One row per prior strength, strongest first: ``prior_scale`` (``alpha_0``),
        ``tokens`` (``n_i + n_j``), ``prior_share`` (``alpha_0 / (n_i + n_j)``), ``default``
        (True for ``n_i + n_j``), ``key_terms``, ``key_target`` and ``key_reference`` (how
        many terms reach the threshold, in all and for each group), ``key_terms_bh`` (how many
        have a Benjamini–Hochberg adjusted p below 0.05) and ``terms`` (the key terms, by
        score, target's first, joined by ", ").

    Notes
    -----
    The prior adds ``alpha_0`` pseudo-tokens spread over the terms in proportion to their
    pooled rates; the heavier it is against the ``n_i + n_j`` real tokens, the closer every
    term's smoothed rates in the two groups, and the smaller every ``|z|``. No value of
    ``alpha_0`` is right by construction; a key term that appears only under a light prior
    rests on few tokens. The whole table costs one count of the corpus.

    Examples
    --------
    >>> docs = pd.DataFrame({"side": ["a", "b"],
    ...                      "text": ["war war war war peace", "peace peace peace peace war"]})
    >>> table = keyness_sensitivity(docs, group="side", target="a", prior_scales=[None, 1])
    >>> table["prior_scale"].tolist(), table["key_terms"].tolist(), table["terms"].tolist()
    ([10.0, 1.0], [0, 2], ['', 'war, peace'])
    """
    caller = "keyness_sensitivity"
    check_documents(docs, (text, group), caller)
    min_count = check_positive_int(min_count, "min_count", caller)
    threshold = check_number(threshold, "threshold", caller, low=0)
    if prior_scales is not None:
        if isinstance(prior_scales, str) or not isinstance(prior_scales, Sequence):
            raise TypeError(
                f"{caller}: prior_scales must be a list of numbers (None for the default), "
                f"got {prior_scales!r}"
            )
        for value in prior_scales:
            if value is not None:
                check_number(value, "prior_scales", caller, low=0)
    counts, terms, in_target, in_reference = _group_counts(
        docs,
        group=group,
        target=target,
        reference=reference,
        text=text,
        include_variants=include_variants,
        ngram_range=ngram_range,
        stop_words=stop_words,
        caller=caller,
        counts=counts,
    )
    y_i = np.asarray(counts[in_target].sum(axis=0), dtype=float).ravel()
    y_j = np.asarray(counts[in_reference].sum(axis=0), dtype=float).ravel()
    tokens = float(y_i.sum() + y_j.sum())
    keep = (y_i + y_j) >= min_count
    if prior_scales is None:
        prior_scales = [fraction * tokens for fraction in PRIOR_FRACTIONS]
    scales = [tokens if value is None else float(value) for value in prior_scales]
    rows = []
    for scale in scales:
        if not keep.any() or y_i.sum() == 0 or y_j.sum() == 0:
            score = np.array([])
            shown = np.array([], dtype=object)
        else:
            with np.errstate(divide="ignore", invalid="ignore"):
                score = keyness_scores(y_i, y_j, prior_scale=scale)[keep]
            shown = terms[keep]
        key = np.abs(score) >= threshold
        order = np.lexsort((shown[key], -score[key])) if key.any() else np.array([], dtype=int)
        p = _p_values("log_odds", score)
        rows.append(
            {
                "prior_scale": scale,
                "tokens": tokens,
                "prior_share": scale / tokens if tokens else np.nan,
                "default": scale == tokens,
                "key_terms": int(key.sum()),
                "key_target": int((score >= threshold).sum()),
                "key_reference": int((score <= -threshold).sum()),
                "key_terms_bh": int((benjamini_hochberg(p) < 0.05).sum()),
                "terms": ", ".join(shown[key][order]),
            }
        )
    table = pd.DataFrame(rows)
    return table.sort_values("prior_scale", ascending=False, kind="stable", ignore_index=True)


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
