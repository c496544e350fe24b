"""Inference with the document as the unit: intervals and tests that know sentences come in texts.

Sentences of one document are not independent draws: they share an author, a topic and a
register. A bootstrap over sentences treats the 145 sentences of three documents as 145
independent observations, so its interval says how a group's mean would move if the same
documents were written again sentence by sentence, not how it would move with other documents
of the same kind. With a handful of documents the second uncertainty is the larger, and the one
a claim about a group ("the favourable side is more positive") needs. This module measures it.

:func:`cluster_bootstrap`
    A group's pooled mean with a two-stage (cluster) bootstrap interval: documents are
    resampled with replacement, then sentences within each chosen document.
:func:`compare_groups`
    The difference between two groups' means, with that interval, a permutation test over the
    documents' group labels (exact when the splits are few), and the smallest p-value the
    design allows.
:func:`benjamini_hochberg`
    p-values adjusted for the number of tests (false discovery rate).
:func:`relabel_robustness`
    The central results (tone gap, key terms, actor tone) recomputed with some documents
    dropped or moved to the other group: how much hangs on one contestable label.

References
----------
Davison, A. C. and Hinkley, D. V. (1997). *Bootstrap Methods and their Application*.
Cambridge University Press, section 3.8 (hierarchical data).
Field, C. A. and Welsh, A. H. (2007). Bootstrapping clustered data. *Journal of the Royal
Statistical Society B* 69(3): 369-390.
Ernst, M. D. (2004). Permutation methods: a basis for exact inference. *Statistical Science*
19(4): 676-685.
Benjamini, Y. and Hochberg, Y. (1995). Controlling the false discovery rate: a practical and
powerful approach to multiple testing. *Journal of the Royal Statistical Society B* 57(1):
289-300.
Phipson, B. and Smyth, G. K. (2010). Permutation p-values should never be zero: calculating
exact p-values when permutations are randomly drawn. *Statistical Applications in Genetics
and Molecular Biology* 9(1): 39.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from analysis.corpus import canonical
from analysis.validation import check_documents, check_group, check_number, check_positive_int
from analysis.vocabulary import STOP_WORDS

__all__ = [
    "benjamini_hochberg",
    "cluster_bootstrap",
    "compare_groups",
    "relabel_robustness",
]

#: Draws of the second stage held in memory at once; replicates are processed in blocks so
#: that a large corpus does not need ``n_boot`` × its number of sentences at a time.
_BLOCK_DRAWS = 2_000_000

# Two splits whose differences agree to this relative precision count as tied: the mirror
# split of an equal-sized design gives exactly -T, but summed in another order.
_TIE_TOLERANCE = 1e-9


def _clusters(values: np.ndarray, clusters: np.ndarray) -> tuple[np.ndarray, ...]:
    """Values sorted by cluster (in order of first appearance), each cluster's start and size."""
    codes, _ = pd.factorize(clusters, sort=False)
    order = np.argsort(codes, kind="stable")
    sizes = np.bincount(codes, minlength=codes.max() + 1 if codes.size else 0)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    return values[order], starts, sizes.astype(np.int64)


def _replicate_means(
    values: np.ndarray,
    starts: np.ndarray,
    sizes: np.ndarray,
    n_boot: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """Pooled means of ``n_boot`` two-stage bootstrap replicates of one group.

    Stage 1 draws as many documents as the group has, with replacement; stage 2 draws, within
    each drawn document, as many sentences as it has, with replacement. A replicate's mean
    pools the sentences drawn, so a long document weighs as much as in the point estimate.
    """
    k = len(sizes)
    chosen = rng.integers(0, k, size=(n_boot, k))  # stage 1: documents
    lengths = sizes[chosen]
    totals = lengths.sum(axis=1)
    sums = np.empty(n_boot)
    ends = np.cumsum(totals)
    first = 0
    while first < n_boot:
        # As many replicates as fit in one block of draws (at least one).
        budget = (ends[first - 1] if first else 0) + _BLOCK_DRAWS
        last = max(first + 1, int(np.searchsorted(ends, budget, side="right")))
        block_docs = chosen[first:last].ravel()
        doc_of_draw = np.repeat(block_docs, lengths[first:last].ravel())
        # stage 2: sentences within each drawn document
        draws = starts[doc_of_draw] + rng.integers(0, sizes[doc_of_draw])
        replicate = np.repeat(np.arange(last - first), totals[first:last])
        sums[first:last] = np.bincount(replicate, weights=values[draws], minlength=last - first)
        first = last
    return sums / totals


def _sentence_replicates(values: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Means of ``n_boot`` ordinary bootstrap replicates: sentences as independent draws."""
    means = np.empty(n_boot)
    step = max(1, _BLOCK_DRAWS // max(values.size, 1))
    for first in range(0, n_boot, step):
        count = min(step, n_boot - first)
        means[first : first + count] = values[
            rng.integers(0, values.size, size=(count, values.size))
        ].mean(axis=1)
    return means


def _interval(replicates: np.ndarray, level: float) -> tuple[float, float]:
    tail = (1 - level) / 2
    low, high = np.quantile(replicates, [tail, 1 - tail])
    return float(low), float(high)


def _check_level(level: object, caller: str) -> float:
    level = check_number(level, "level", caller, low=0, high=1)
    if level in (0.0, 1.0):
        raise ValueError(f"{caller}: level must lie strictly between 0 and 1, got {level!r}")
    return level


def _check_scores(values: pd.Series, score: str, caller: str) -> np.ndarray:
    if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        raise TypeError(f"{caller}: column {score!r} must hold numbers, got {values.dtype}")
    array = values.to_numpy(dtype=float)
    missing = int(np.isnan(array).sum())
    if missing:
        raise ValueError(f"{caller}: column {score!r} has {missing} missing values")
    return array


def cluster_bootstrap(
    values: object,
    clusters: object,
    *,
    n_boot: int = 2000,
    level: float = 0.95,
    seed: int = 0,
) -> tuple[float, float, float]:
    """A pooled mean and its two-stage (cluster) percentile bootstrap interval.

    Parameters
    ----------
    values : sequence of float
        One value per sentence (or any unit nested in documents).
    clusters : sequence
        The document of each value, of the same length.
    n_boot : int, default 2000
        Replicates.
    level : float, default 0.95
        Coverage of the interval, strictly between 0 and 1.
    seed : int, default 0
        Seed of the resampling: the same seed gives the same interval.

    Returns
    -------
    (mean, low, high) : tuple of float
        ``mean`` is the mean of all values pooled (each sentence weighs the same, so a long
        document weighs more than a short one). ``nan`` for all three when ``values`` is empty.

    Notes
    -----
    Each replicate draws ``k`` documents with replacement from the group's ``k`` documents,
    then, within each drawn document of ``n_d`` sentences, ``n_d`` sentences with replacement,
    and pools the drawn sentences into one mean; the interval is the ``(1 - level) / 2`` and
    ``(1 + level) / 2`` quantiles of the replicate means. Resampling at both stages ("strategy
    2" of Davison & Hinkley 1997, section 3.8) counts the within-document variation twice
    over, so with many documents the interval is slightly too wide rather than too narrow.

    With one document, stage 1 always draws it and the interval is the ordinary sentence
    bootstrap of that document: nothing in one document measures how documents differ, and
    the interval cannot either. With few documents the stage-1 distribution is coarse
    (``C(2k - 1, k)`` multisets of ``k`` documents: 10 for three), so the interval is a rough
    guide; :func:`compare_groups` adds the permutation test that is exact for any ``k``.

    Examples
    --------
    >>> mean, low, high = cluster_bootstrap([1, 1, 0, 0], ["a", "a", "b", "b"], level=0.8)
    >>> mean, low, high
    (0.5, 0.0, 1.0)
    """
    caller = "cluster_bootstrap"
    n_boot = check_positive_int(n_boot, "n_boot", caller)
    level = _check_level(level, caller)
    values = np.asarray(list(values), dtype=float)
    clusters = np.asarray(list(clusters), dtype=object)
    if values.shape != clusters.shape:
        raise ValueError(
            f"{caller}: values and clusters differ in length ({values.size} and {clusters.size})"
        )
    if values.size == 0:
        return (np.nan, np.nan, np.nan)
    if np.isnan(values).any():
        raise ValueError(f"{caller}: values has {int(np.isnan(values).sum())} missing values")
    rng = np.random.default_rng(seed)
    ordered, starts, sizes = _clusters(values, clusters)
    low, high = _interval(_replicate_means(ordered, starts, sizes, n_boot, rng), level)
    return (float(values.mean()), low, high)


def benjamini_hochberg(p: object) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values: control of the false discovery rate.

    Parameters
    ----------
    p : sequence of float
        Raw p-values of ``m`` tests, in any order; ``nan`` stays ``nan`` and is not counted.

    Returns
    -------
    array of float
        In the input's order. With the ``m`` p-values sorted, ``p_(1) <= ... <= p_(m)``, the
        adjusted value of ``p_(k)`` is ``min over l >= k of min(1, m * p_(l) / l)``
        (Benjamini & Hochberg 1995). Calling the tests with adjusted p below ``q``
        discoveries keeps the expected share of false ones among them at most ``q``, for
        independent or positively dependent tests.

    Examples
    --------
    >>> benjamini_hochberg([0.01, 0.04, 0.03, 0.5]).round(4).tolist()
    [0.04, 0.0533, 0.0533, 0.5]
    """
    p = np.asarray(p, dtype=float)
    adjusted = np.full(p.shape, np.nan)
    present = np.flatnonzero(~np.isnan(p))
    if present.size == 0:
        return adjusted
    if (p[present] < 0).any() or (p[present] > 1).any():
        raise ValueError("benjamini_hochberg: p-values must lie in [0, 1]")
    order = present[np.argsort(p[present], kind="stable")]
    m = order.size
    scaled = p[order] * m / np.arange(1, m + 1)
    # The running minimum from the largest p down makes the adjusted values monotone.
    adjusted[order] = np.minimum(1.0, np.minimum.accumulate(scaled[::-1])[::-1])
    return adjusted


def _split_differences(members: np.ndarray, sums: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Difference of pooled means, first group minus second, for each row of a 0/1 matrix."""
    members = members.astype(float)
    target_sum, target_n = members @ sums, members @ counts
    return target_sum / target_n - (sums.sum() - target_sum) / (counts.sum() - target_n)


def _permutation_test(
    sums: np.ndarray,
    counts: np.ndarray,
    k_target: int,
    observed: float,
    n_permutations: int,
    rng: np.random.Generator,
) -> tuple[float, float, int, str]:
    """Two-sided permutation p over document labels; (p, p_min, splits, kind)."""
    n_docs = len(sums)
    splits = math.comb(n_docs, k_target)
    # A split and its mirror (the two groups swapped) give T and -T; with equal group sizes
    # both are splits of the design, so the observed |T| is always matched at least twice.
    p_min = (2 if 2 * k_target == n_docs else 1) / splits
    threshold = abs(observed) * (1 - _TIE_TOLERANCE) - _TIE_TOLERANCE
    if splits <= n_permutations:
        members = np.zeros((splits, n_docs), dtype=bool)
        for row, chosen in enumerate(itertools.combinations(range(n_docs), k_target)):
            members[row, list(chosen)] = True
        at_least = int((np.abs(_split_differences(members, sums, counts)) >= threshold).sum())
        return at_least / splits, p_min, splits, "exact"
    labels = np.zeros(n_docs, dtype=bool)
    labels[:k_target] = True
    at_least = 0
    step = max(1, _BLOCK_DRAWS // n_docs)
    for first in range(0, n_permutations, step):
        count = min(step, n_permutations - first)
        members = rng.permuted(np.tile(labels, (count, 1)), axis=1)
        at_least += int((np.abs(_split_differences(members, sums, counts)) >= threshold).sum())
    # Phipson & Smyth (2010): the observed labelling counts as one of the draws.
    p = (at_least + 1) / (n_permutations + 1)
    return p, max(p_min, 1 / (n_permutations + 1)), splits, "monte carlo"


def _as_float(count: int) -> float:
    """A count as a float, ``inf`` when it is too large for one."""
    try:
        return float(count)
    except OverflowError:
        return math.inf


def compare_groups(
    scored: pd.DataFrame,
    *,
    group: str,
    target: object,
    reference: object | None = None,
    score: str = "compound",
    doc_id: str = "doc_id",
    n_boot: int = 2000,
    level: float = 0.95,
    seed: int = 0,
    n_permutations: int = 10_000,
    include_variants: bool = False,
) -> pd.DataFrame:
    """The difference between two groups' mean scores, with the document as the unit.

    Parameters
    ----------
    scored : DataFrame
        One row per sentence (e.g. :func:`analysis.sentence_sentiment`), with the group column,
        the score column and the document column.
    group : str
        The column that assigns each document to a group. Every sentence of a document must
        carry the same label.
    target, reference
        The two groups compared (values of ``group``); the difference is target minus
        reference. ``reference=None`` compares the target with every other sentence.
    score : str, default "compound"
        The column to average.
    doc_id : str, default "doc_id"
        The document column: the unit that is resampled and permuted.
    n_boot : int, default 2000
        Bootstrap replicates of each group.
    level : float, default 0.95
        Coverage of the intervals.
    seed : int, default 0
        Seed of the bootstrap and of the Monte Carlo permutations: the same seed, the same row.
    n_permutations : int, default 10000
        The test enumerates every split of the documents when there are at most this many,
        and draws this many random splits otherwise.
    include_variants : bool, default False
        Count documents whose ``duplicate_of`` is set (a translation counts its original
        twice). By default only canonical documents count.

    Returns
    -------
    DataFrame
        One row: ``target``, ``reference``, ``score``; ``mean_target``, ``mean_reference`` and
        ``difference`` (target minus reference); ``ci_low``, ``ci_high``, the two-stage
        bootstrap interval of the difference; ``ci_low_sentences``, ``ci_high_sentences``, the
        interval of a bootstrap over sentences, a lower bound on the uncertainty shown for
        comparison; ``p``, the two-sided permutation p-value; ``p_min``, the smallest p-value
        the design allows; ``splits``, the number of distinct ways to split the documents into
        groups of these sizes, as a float (``C(100000, 50000)`` has 30,101 digits, more than
        any integer column holds or Python prints; ``inf`` past 1.8e308); ``test``, "exact"
        or "monte carlo"; ``docs_target``, ``docs_reference``, ``sentences_target``,
        ``sentences_reference``.

    Notes
    -----
    **Means.** Each group's mean pools its sentences: every sentence weighs the same, as in
    :func:`analysis.sentiment_summary`. (The mean of document means would weigh a short
    document as much as a long one; both are defensible, and the pooled mean is the one the
    notebooks and the summaries print.)

    **Interval.** Each group is resampled on its own by the two-stage bootstrap of
    :func:`cluster_bootstrap`, and the interval is the percentile interval of the replicate
    differences. With one document in a group, that group's part of the interval is only its
    sentences' variation: it says nothing about other documents of the kind.

    **Test.** Under the null hypothesis that the group labels are exchangeable among
    documents, every split of the ``D = k_t + k_r`` documents into groups of ``k_t`` and
    ``k_r`` is equally likely (Ernst 2004). The statistic is the difference of pooled means,
    recomputed for each split with each document keeping its sentences; the two-sided p-value
    is the share of splits whose ``|difference|`` is at least the observed one. When
    ``C(D, k_t)`` is at most ``n_permutations`` every split is enumerated and p is exact;
    otherwise ``n_permutations`` random splits are drawn and ``p = (b + 1) / (n + 1)``, with
    ``b`` of them at least as extreme (Phipson & Smyth 2010).

    **The smallest p.** The observed split is one of the ``C(D, k_t)``, so an exact two-sided
    p can be no smaller than ``1 / C(D, k_t)``; when ``k_t = k_r``, swapping the groups gives
    the same ``|difference|``, so no smaller than ``2 / C(D, k_t)``. One document against
    three: ``C(4, 1) = 4`` splits and ``p_min = 0.25`` (a one-sided test has the same floor
    here, since each of the four splits is its own extreme). Two against two: ``2 / 6``. Under
    Monte Carlo ``p_min`` is also at least ``1 / (n_permutations + 1)``. When ``p_min``
    exceeds the level one would test at, no outcome of these documents could be called
    significant, however large the difference.

    Examples
    --------
    >>> scored = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "side": ["x", "y", "y", "y"],
    ...                        "compound": [-0.5, 0.2, 0.3, 0.4]})
    >>> row = compare_groups(scored, group="side", target="x", reference="y").to_dict("records")[0]
    >>> round(row["difference"], 2), row["p"], row["p_min"], row["test"]
    (-0.8, 0.25, 0.25, 'exact')
    """
    caller = "compare_groups"
    check_documents(scored, (group, score, doc_id), caller)
    n_boot = check_positive_int(n_boot, "n_boot", caller)
    n_permutations = check_positive_int(n_permutations, "n_permutations", caller)
    level = _check_level(level, caller)
    scored = canonical(scored, include_variants=include_variants)
    check_group(scored, group, (target, reference), caller)
    values = _check_scores(scored[score], score, caller)
    in_target = (scored[group] == target).to_numpy()
    in_reference = (scored[group] == reference).to_numpy() if reference is not None else ~in_target
    if not in_reference.any():
        raise ValueError(f"{caller}: no sentence outside target={target!r} to compare with")
    ids = scored[doc_id].to_numpy()
    both = set(ids[in_target]) & set(ids[in_reference])
    if both:
        raise ValueError(
            f"{caller}: document {sorted(map(str, both))[0]!r} has sentences in both groups; "
            f"column {group!r} must give each document one label"
        )

    rng = np.random.default_rng(seed)
    parts = {}
    for name, mask in (("target", in_target), ("reference", in_reference)):
        part_values, part_ids = values[mask], ids[mask]
        ordered, starts, sizes = _clusters(part_values, part_ids)
        parts[name] = {
            "values": part_values,
            "sums": np.add.reduceat(ordered, starts),
            "counts": sizes,
            "clustered": _replicate_means(ordered, starts, sizes, n_boot, rng),
        }
    for part in parts.values():  # after both cluster draws, so those do not depend on this
        part["sentences"] = _sentence_replicates(part["values"], n_boot, rng)
    target_part, reference_part = parts["target"], parts["reference"]
    mean_target = float(target_part["values"].mean())
    mean_reference = float(reference_part["values"].mean())
    difference = mean_target - mean_reference
    ci_low, ci_high = _interval(target_part["clustered"] - reference_part["clustered"], level)
    sentence_low, sentence_high = _interval(
        target_part["sentences"] - reference_part["sentences"], level
    )
    p, p_min, splits, test = _permutation_test(
        np.concatenate([target_part["sums"], reference_part["sums"]]),
        np.concatenate([target_part["counts"], reference_part["counts"]]).astype(float),
        len(target_part["counts"]),
        difference,
        n_permutations,
        rng,
    )
    row = {
        "target": target,
        "reference": "(all others)" if reference is None else reference,
        "score": score,
        "mean_target": mean_target,
        "mean_reference": mean_reference,
        "difference": difference,
        "ci_low": ci_low,
        "ci_high": ci_high,
        "ci_low_sentences": sentence_low,
        "ci_high_sentences": sentence_high,
        "p": p,
        "p_min": p_min,
        "splits": _as_float(splits),
        "test": test,
        "docs_target": len(target_part["counts"]),
        "docs_reference": len(reference_part["counts"]),
        "sentences_target": len(target_part["values"]),
        "sentences_reference": len(reference_part["values"]),
    }
    return pd.DataFrame([row])


def _relabel(
    frame: pd.DataFrame, group: str, doc_id: str, mapping: Mapping[object, object | None]
) -> pd.DataFrame:
    """``frame`` with the documents of ``mapping`` (and their variants) relabelled or dropped."""
    if not mapping:
        return frame
    lookup = {str(key): label for key, label in mapping.items()}
    key = frame[doc_id].astype(str)
    if "duplicate_of" in frame.columns:
        # A variant follows its original: the translation of a moved document moves with it.
        original = frame["duplicate_of"].fillna("").astype(str).str.strip()
        key = key.where(original == "", original)
    moved = key.isin(list(lookup)).to_numpy()
    dropped = moved & key.map(lambda name: lookup.get(name, "") is None).to_numpy()
    labels = frame[group].astype(object).to_numpy(copy=True)
    relabelled = moved & ~dropped
    labels[relabelled] = [lookup[name] for name in key[relabelled]]
    return frame.assign(**{group: labels})[~dropped]


def relabel_robustness(
    docs: pd.DataFrame,
    scored: pd.DataFrame,
    *,
    group: str,
    target: object,
    reference: object,
    relabellings: Mapping[str, Mapping[object, object | None]],
    actors: pd.DataFrame | Mapping | None = None,
    text: str = "text",
    doc_id: str = "doc_id",
    score: str = "compound",
    stop_words: frozenset[str] = STOP_WORDS,
    prior_scale: float | None = None,
    threshold: float = 1.96,
    n_terms: int = 3,
    n_boot: int = 2000,
    seed: int = 0,
    n_permutations: int = 10_000,
    include_variants: bool = False,
) -> pd.DataFrame:
    """The central results recomputed with documents dropped or moved to another group.

    When a document's group is contestable, a reader needs to see which results survive
    without it, or with it on the other side. This recomputes, for the labels as given and for
    each relabelling: the difference in mean score with its document-level interval and
    permutation p (:func:`compare_groups`); the key terms (:func:`analysis.keyness`, log-odds);
    and, with an actor list, each actor's tone in the two groups
    (:func:`analysis.actor_sentiment`).

    Parameters
    ----------
    docs : DataFrame
        The documents (one row each), with ``text``, ``doc_id`` and ``group`` columns.
    scored : DataFrame
        Their scored sentences (:func:`analysis.sentence_sentiment`), carrying ``group``.
    group : str
        The grouping column.
    target, reference
        The two groups compared; differences are target minus reference.
    relabellings : dict
        ``{scenario name: {document id: new label or None}}``. ``None`` drops the document;
        a label moves it (to the other group, or to a third group, out of the comparison).
        A variant (``duplicate_of`` set) follows its original.
    actors : DataFrame or dict, optional
        The actor table (:func:`analysis.read_actors`); without one the actor columns are
        empty (``nan``).
    text, doc_id, score
        Column names.
    stop_words : frozenset of str
        As in :func:`analysis.keyness`.
    prior_scale : float, optional
        ``alpha_0`` of the log-odds prior; see :func:`analysis.keyness.log_odds_scores`.
    threshold : float, default 1.96
        A term is key when ``|z|`` reaches this.
    n_terms : int, default 3
        How many of the top terms of each group to list.
    n_boot, seed, n_permutations, include_variants
        As in :func:`compare_groups`.

    Returns
    -------
    DataFrame
        One row per scenario, the labels as given first (``scenario`` "as labelled"):
        ``scenario``, ``changes`` (what was relabelled), ``docs_target``, ``docs_reference``,
        ``difference``, ``ci_low``, ``ci_high``, ``p``, ``p_min`` (from
        :func:`compare_groups`), ``key_terms`` (terms with ``|z| >= threshold``),
        ``key_terms_bh`` (terms with Benjamini–Hochberg adjusted p below 0.05),
        ``top_target`` and ``top_reference`` (the ``n_terms`` top terms of each group, joined
        by ", "), ``actors_both`` (actors named in both groups), ``actors_lower`` (of those,
        how many are spoken of in a lower mean score in the target group) and
        ``actor_gap_median`` (the median over those actors of target minus reference).
    """
    # Imported here: analysis.actors imports analysis.sentiment, which imports this module.
    from analysis.actors import actor_sentiment
    from analysis.keyness import keyness

    caller = "relabel_robustness"
    check_documents(docs, (text, doc_id, group), caller)
    check_documents(scored, (doc_id, group, score), caller)
    n_terms = check_positive_int(n_terms, "n_terms", caller)
    check_number(threshold, "threshold", caller, low=0)
    if not isinstance(relabellings, Mapping):
        raise TypeError(
            f"{caller}: relabellings must be a dict {{scenario: {{doc_id: label}}}}, "
            f"got {type(relabellings).__name__}"
        )
    known = set(docs[doc_id])
    for name, mapping in relabellings.items():
        if not isinstance(mapping, Mapping):
            raise TypeError(
                f"{caller}: scenario {name!r} must map document ids to labels, "
                f"got {type(mapping).__name__}"
            )
        unknown = [key for key in mapping if key not in known]
        if unknown:
            raise ValueError(
                f"{caller}: scenario {name!r} names document {unknown[0]!r}, which is not in "
                f"column {doc_id!r}"
            )
    scenarios = {"as labelled": {}, **relabellings}
    rows = []
    for name, mapping in scenarios.items():
        these_docs = _relabel(docs, group, doc_id, mapping)
        these_scored = _relabel(scored, group, doc_id, mapping)
        pooled = canonical(these_docs, include_variants=include_variants)
        for side, label in (("target", target), ("reference", reference)):
            if not (pooled[group] == label).any():
                raise ValueError(
                    f"{caller}: scenario {name!r} leaves no document in {side}={label!r}"
                )
        tone = compare_groups(
            these_scored,
            group=group,
            target=target,
            reference=reference,
            score=score,
            doc_id=doc_id,
            n_boot=n_boot,
            seed=seed,
            n_permutations=n_permutations,
            include_variants=include_variants,
        ).iloc[0]
        key = keyness(
            these_docs,
            group=group,
            target=target,
            reference=reference,
            text=text,
            stop_words=stop_words,
            prior_scale=prior_scale,
            include_variants=include_variants,
            leave_one_out=False,
        )
        row = {
            "scenario": name,
            "changes": ", ".join(
                f"{key} {'dropped' if label is None else f'to {label}'}"
                for key, label in mapping.items()
            )
            or "none",
            **{column: tone[column] for column in ("docs_target", "docs_reference")},
            **{column: tone[column] for column in ("difference", "ci_low", "ci_high")},
            "p": tone["p"],
            "p_min": tone["p_min"],
            "key_terms": int((key["score"].abs() >= threshold).sum()),
            "key_terms_bh": int((key["p_adjusted"] < 0.05).sum()),
            "top_target": ", ".join(key[key["score"] > 0]["term"].head(n_terms)),
            "top_reference": ", ".join(key[key["score"] < 0].nsmallest(n_terms, "score")["term"]),
            "actors_both": np.nan,
            "actors_lower": np.nan,
            "actor_gap_median": np.nan,
        }
        if actors is not None:
            tone_by_actor = actor_sentiment(
                these_scored,
                actors=actors,
                group=group,
                doc_id=doc_id,
                text=text,
                n_boot=1,
                seed=seed,
                include_variants=include_variants,
            ).pivot(index="actor", columns=group, values="mean")
            if {target, reference} <= set(tone_by_actor.columns):
                gaps = (tone_by_actor[target] - tone_by_actor[reference]).dropna()
                row["actors_both"] = len(gaps)
                row["actors_lower"] = int((gaps < 0).sum())
                row["actor_gap_median"] = float(gaps.median()) if len(gaps) else np.nan
        rows.append(row)
    table = pd.DataFrame(rows)
    return table.astype({"docs_target": np.int64, "docs_reference": np.int64})
