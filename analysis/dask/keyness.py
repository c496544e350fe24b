"""Keyness between two groups, from term counts summed across partitions."""

from __future__ import annotations

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd

from analysis.corpus import canonical_mask
from analysis.dask import _engine
from analysis.dask.counts import DaskTermCounts, counts_for, ngram_columns, reindex_columns
from analysis.validation import check_choice, check_positive_int
from analysis.vocabulary import STOP_WORDS, TermAnalyzer

__all__ = [
    "keyness",
]


def _canonical_counts(part, *, group, target, reference, include_variants, ngram_range, counted):
    """A partition's canonical documents: their counts of the n-grams asked for, their terms
    and their groups."""
    counts, terms, frame = part
    keep = canonical_mask(frame, include_variants=include_variants)
    labels = frame[group].to_numpy()[keep]
    counts = counts[np.flatnonzero(keep)]
    wanted = ngram_columns(terms, ngram_range, counted)
    return counts[:, np.flatnonzero(wanted)].tocsr(), terms[wanted], labels


def _keyness_partition(part, **options):
    """Per term of a partition's canonical documents: counts and documents in each group;
    the groups present, and the documents of the target and the reference."""
    counts, terms, labels = _canonical_counts(part, **options)
    _engine.refuse_missing_labels(labels, options["group"], "keyness")
    target, reference = options["target"], options["reference"]
    in_target = labels == target
    in_reference = labels == reference if reference is not None else ~in_target
    used = (counts > 0).astype(np.int64)

    def column_sums(matrix, rows):
        return np.asarray(matrix[np.flatnonzero(rows)].sum(axis=0)).ravel()

    table = pd.DataFrame(
        {
            "count_target": column_sums(counts, in_target),
            "count_reference": column_sums(counts, in_reference),
            "docs_target": column_sums(used, in_target),
            "docs_reference": column_sums(used, in_reference),
        },
        index=terms,
    )
    table = table[(table["count_target"] + table["count_reference"]) > 0]
    present = set(pd.unique(labels).tolist())
    return table, present, int(in_target.sum()), int(in_reference.sum())


def _add_keyness(pieces: list) -> tuple:
    """The keyness counts of several partitions added up: one row per term, labels, sizes."""
    tables = [table for table, *_ in pieces if len(table)]
    columns = ["count_target", "count_reference", "docs_target", "docs_reference"]
    if tables:
        table = pd.concat(tables).groupby(level=0, sort=False).sum()
    else:
        table = pd.DataFrame({column: [] for column in columns}, dtype=np.int64)
    present = set().union(*(labels for _, labels, _, _ in pieces))
    return (
        table,
        present,
        sum(size for _, _, size, _ in pieces),
        sum(size for _, _, _, size in pieces),
    )


def _loo_partition(part, *, vocabulary, totals, method, prior_scale, **options):
    """The least favourable leave-one-out score of each term over this partition's documents.

    :func:`analysis.keyness.least_favourable_scores` of the partition's documents of each
    group, against the totals of the whole corpus; the minimum (target) or maximum
    (reference) over partitions is the one over all documents.
    """
    from analysis.keyness import least_favourable_scores

    counts, terms, labels = _canonical_counts(part, **options)
    y_i, y_j, n_i, n_j = totals
    length = np.asarray(counts.sum(axis=1), dtype=float).ravel()  # tokens of each document
    matrix = reindex_columns(counts, terms, vocabulary)
    in_target = labels == options["target"]
    reference = options["reference"]
    in_reference = labels == reference if reference is not None else ~in_target
    worst = {}
    for side, rows in (("target", in_target), ("reference", in_reference)):
        rows = np.flatnonzero(rows)
        worst[side] = least_favourable_scores(
            matrix[rows],
            y_i,
            y_j,
            side=side,
            lengths=length[rows],
            tokens_target=n_i,
            tokens_reference=n_j,
            method=method,
            prior_scale=prior_scale,
        )
    return worst


def _combine_worst(pieces: list[dict]) -> dict:
    combined = {}
    for side, reduce in (("target", np.fmin), ("reference", np.fmax)):
        arrays = [piece[side] for piece in pieces]
        combined[side] = reduce.reduce(arrays) if arrays else None
    return combined


def keyness(
    docs: dd.DataFrame | None = None,
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
    counts: DaskTermCounts | None = None,
    doc_id: str = "doc_id",
    progress: bool | None = None,
) -> pd.DataFrame:
    """:func:`analysis.keyness` of a corpus held in partitions: the same table.

    Each partition counts the terms of its canonical documents in the target and the reference
    group (tokens and documents); the counts are added up on the workers, and the table is
    scored from the totals by :func:`analysis.keyness.keyness_from_counts`, as the pandas
    function scores it. The leave-one-out scores take a second pass: each partition
    recomputes every term's score without each of its documents that uses it, against the
    totals of the whole corpus (:func:`analysis.keyness.least_favourable_scores`), and the
    least favourable scores are combined on the workers.

    What reaches this process: one row of four counts per term the two groups use (bounded
    by the vocabulary, not by the documents) and the groups' labels; for the leave-one-out
    scores, two numbers per term shown. The terms shown and their totals go the other way,
    once to each worker.
    """
    from analysis.keyness import METHODS, keyness_from_counts
    from analysis.validation import check_number

    check_choice(method, METHODS, "method", "keyness")
    min_count = check_positive_int(min_count, "min_count", "keyness")
    if prior_scale is not None:
        check_number(prior_scale, "prior_scale", "keyness", low=0)
    analyzer = TermAnalyzer(tuple(ngram_range), frozenset(stop_words))
    counts = counts_for(
        docs,
        counts,
        text=text,
        doc_id=doc_id,
        ngram_range=analyzer.ngram_range,
        stop_words=analyzer.stop_words,
        caller="keyness",
        columns=(group,),
        progress=progress,
    )
    options = {
        "group": group,
        "target": target,
        "reference": reference,
        "include_variants": include_variants,
        "ngram_range": analyzer.ngram_range,
        "counted": counts.ngram_range,
    }
    summing = dask.delayed(_keyness_partition, pure=True)
    ((table, present, *sides),) = _engine.compute(
        _engine.tree([summing(part, **options) for part in counts.parts], _add_keyness),
        progress=progress,
        parts=counts.npartitions,
    )
    _check_labels(present, group, target, reference)
    if not sides[1]:
        raise ValueError(f"keyness: no document outside target={target!r} to compare with")
    terms = np.sort(np.asarray(table.index, dtype=object))
    table = table.reindex(terms).astype(np.int64).rename_axis("term").reset_index()
    y_i = table["count_target"].to_numpy()
    y_j = table["count_reference"].to_numpy()
    keep = (y_i + y_j) >= min_count
    if leave_one_out and keep.any() and y_i.sum() > 0 and y_j.sum() > 0:
        # The token totals n_i, n_j are over every term, those min_count leaves out included.
        columns = np.flatnonzero(keep)
        vocabulary = pd.Index(terms[columns], dtype=object)
        totals = (y_i[columns], y_j[columns], float(y_i.sum()), float(y_j.sum()))
        shared = _engine.scatter((vocabulary, totals))
        pick = dask.delayed(lambda pair, k: pair[k], pure=True)
        worst_of = dask.delayed(_loo_partition, pure=True)
        pieces = [
            worst_of(
                part,
                vocabulary=pick(shared, 0),
                totals=pick(shared, 1),
                method=method,
                prior_scale=prior_scale,
                **options,
            )
            for part in counts.parts
        ]
        (worst,) = _engine.compute(
            _engine.tree(pieces, _combine_worst), progress=progress, parts=len(pieces)
        )
        for side, size in zip(("target", "reference"), sides, strict=True):
            values = np.full(len(terms), np.nan)
            # One document: leaving it out leaves nothing to compare.
            if size >= 2 and worst[side] is not None:
                values[columns] = worst[side]
            table[f"loo_{side}"] = values
    return keyness_from_counts(table, method=method, min_count=min_count, prior_scale=prior_scale)


def _check_labels(present: set, group: str, target, reference) -> None:
    """The errors of :func:`analysis.validation.check_group`, on the labels of all partitions."""
    shown = ", ".join(map(repr, sorted(map(str, present))[:20]))
    for name, label in (("target", target), ("reference", reference)):
        if label is not None and label not in present:
            raise ValueError(
                f"keyness: {name}={label!r} is not a value of column {group!r} "
                f"(it has {shown}{' ...' if len(present) > 20 else ''})"
            )
    if reference is not None and target == reference:
        raise ValueError(f"keyness: target and reference must differ, got {[target, reference]!r}")
