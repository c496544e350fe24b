"""Keyness between two groups, from term counts summed across partitions."""

from __future__ import annotations

import operator

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd
from scipy import sparse

from analysis.corpus import canonical_mask
from analysis.dask import _engine
from analysis.dask.counts import DaskTermCounts, counts_for
from analysis.sparse_counts import add_up, column_totals, positions, row_totals, select_columns
from analysis.validation import check_choice, check_positive_int
from analysis.vocabulary import STOP_WORDS, TermAnalyzer

__all__ = [
    "keyness",
]


def _canonical_documents(part, *, group, include_variants):
    """A partition's canonical documents: their counts and their groups."""
    counts, frame = part
    keep = canonical_mask(frame, include_variants=include_variants)
    labels = frame[group].to_numpy()[keep]
    if not keep.all():
        counts = counts[np.flatnonzero(keep)]
    return counts, labels


def _sides(labels: np.ndarray, target, reference) -> tuple[np.ndarray, np.ndarray]:
    """The rows of the target group and of the reference (every other group if None)."""
    in_target = labels == target
    in_reference = labels == reference if reference is not None else ~in_target
    return np.flatnonzero(in_target), np.flatnonzero(in_reference)


def _keyness_partition(part, *, group, target, reference, include_variants):
    """Per term of a partition's canonical documents: tokens and documents in the target and
    in the reference (a 4 × terms sparse matrix); the groups present; each side's documents."""
    counts, labels = _canonical_documents(part, group=group, include_variants=include_variants)
    _engine.refuse_missing_labels(labels, group, "keyness")
    in_target, in_reference = _sides(labels, target, reference)
    totals = sparse.vstack(
        [
            column_totals(counts[in_target]),
            column_totals(counts[in_reference]),
            column_totals(counts[in_target], documents=True),
            column_totals(counts[in_reference], documents=True),
        ],
        format="csr",
    )
    present = set(pd.unique(labels).tolist())
    return totals, present, len(in_target), len(in_reference)


def _add_keyness(pieces: list) -> tuple:
    """The keyness counts of several partitions added up, the labels seen, the sizes."""
    return (
        add_up([totals for totals, *_ in pieces]),
        set().union(*(labels for _, labels, _, _ in pieces)),
        sum(size for _, _, size, _ in pieces),
        sum(size for _, _, _, size in pieces),
    )


def _loo_partition(part, *, shown, wanted, totals, method, prior_scale, **options):
    """The least favourable leave-one-out score of each term over this partition's documents.

    :func:`analysis.keyness.least_favourable_scores` of the partition's documents of each
    group, against the totals of the whole corpus; the minimum (target) or maximum
    (reference) over partitions is the one over all documents. ``shown`` numbers the
    corpus's terms scored (-1 for the others); ``wanted`` marks the n-grams asked for (None:
    all), whose tokens are a document's length.
    """
    from analysis.keyness import least_favourable_scores

    counts, labels = _canonical_documents(
        part, group=options["group"], include_variants=options["include_variants"]
    )
    y_i, y_j, n_i, n_j = totals
    length = row_totals(counts, wanted)  # tokens of each document
    matrix = select_columns(counts, shown, len(y_i))
    in_target, in_reference = _sides(labels, options["target"], options["reference"])
    return {
        side: least_favourable_scores(
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
        for side, rows in (("target", in_target), ("reference", in_reference))
    }


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

    What reaches this process: counting the texts (unless ``counts=`` is given), the corpus's
    words and one integer key per term (:func:`analysis.dask.term_counts`); then four counts
    per term the two groups use, as a sparse matrix over the corpus's term numbers (bounded
    by the vocabulary, not by the documents), and the groups' labels; for the leave-one-out
    scores, two numbers per term shown. The numbers of the terms shown and their totals go
    the other way, once to each worker; no term's text travels after the counting.
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
    }
    summing = dask.delayed(_keyness_partition, pure=True)
    ((totals, present, *sides),) = _engine.compute(
        _engine.tree([summing(part, **options) for part in counts.parts], _add_keyness),
        progress=progress,
        parts=counts.npartitions,
    )
    _check_labels(present, group, target, reference)
    if not sides[1]:
        raise ValueError(f"keyness: no document outside target={target!r} to compare with")
    wanted = counts.term_columns(analyzer.ngram_range)
    in_table = np.zeros(len(counts.terms), dtype=bool)  # the n-grams asked for, used
    in_table[totals[0].indices] = in_table[totals[1].indices] = True
    used = np.flatnonzero(in_table & wanted)
    totals = sparse.csr_matrix(totals)[:, used].toarray()  # 4 × the terms of the table
    table = pd.DataFrame(
        {
            "term": counts.terms[used],
            "count_target": totals[0],
            "count_reference": totals[1],
            "docs_target": totals[2],
            "docs_reference": totals[3],
        }
    )
    y_i = table["count_target"].to_numpy()
    y_j = table["count_reference"].to_numpy()
    keep = (y_i + y_j) >= min_count
    if leave_one_out and keep.any() and y_i.sum() > 0 and y_j.sum() > 0:
        # The token totals n_i, n_j are over every term, those min_count leaves out included.
        columns = np.flatnonzero(keep)
        scored = np.zeros(len(counts.terms), dtype=bool)
        scored[used[columns]] = True
        shared = _engine.scatter(
            (
                positions(scored),
                None if wanted.all() else wanted,
                (y_i[columns], y_j[columns], float(y_i.sum()), float(y_j.sum())),
            )
        )
        pick = dask.delayed(operator.getitem, pure=True)
        worst_of = dask.delayed(_loo_partition, pure=True)
        pieces = [
            worst_of(
                part,
                shown=pick(shared, 0),
                wanted=pick(shared, 1),
                totals=pick(shared, 2),
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
            values = np.full(len(table), np.nan)
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
