"""Sentences and their sentiment, partition by partition; summaries with bootstrap intervals."""

from __future__ import annotations

import dask
import dask.dataframe as dd
import pandas as pd

from analysis.corpus import canonical_mask
from analysis.dask import _engine
from analysis.validation import check_choice, check_positive_int

__all__ = [
    "sentence_sentiment",
    "sentences",
    "sentiment_summary",
]

# --- Sentences and their scores, partition by partition -------------------------------------


def _sample(docs: dd.DataFrame, text: str, doc_id: str) -> pd.DataFrame:
    """One made-up row with the columns and types of ``docs``, to find a result's types."""
    sample = docs._meta_nonempty.head(1).copy()
    sample[text] = "x."
    sample[doc_id] = "x"
    if "cleaning" in sample.columns:
        sample["cleaning"] = "general"
    if "duplicate_of" in sample.columns:
        sample["duplicate_of"] = ""
    if "is_heading" in sample.columns:
        sample["is_heading"] = False
    return sample


def sentences(docs: dd.DataFrame, *, text: str = "text", doc_id: str = "doc_id") -> dd.DataFrame:
    """:func:`analysis.sentences` of each partition: one row per sentence or heading.

    A document lies in one partition, so its ``sent_id`` and ``position`` are those of the
    pandas result; the rows, computed, are the pandas rows in the same order. Lazy: nothing
    reaches this process until the caller computes the result (all of it is one row per
    sentence: compute it only when that fits, or reduce it first).
    """
    from analysis.text import sentences as split

    _engine.check_frame(docs, (text, doc_id), "sentences")
    meta = split(_sample(docs, text, doc_id), text=text, doc_id=doc_id).iloc[:0]
    return docs.map_partitions(split, text=text, doc_id=doc_id, meta=meta, enforce_metadata=False)


def _score_partition(part: pd.DataFrame, **options) -> pd.DataFrame:
    from analysis.sentiment import sentence_sentiment as score

    return score(part, progress=False, **options)


def sentence_sentiment(
    docs: dd.DataFrame,
    *,
    engine: str = "vader",
    text: str = "text",
    doc_id: str = "doc_id",
    split: bool | None = None,
) -> dd.DataFrame:
    """:func:`analysis.sentence_sentiment` of each partition, documents or sentences.

    Given the sentences of :func:`sentences` (a ``sent_id`` column), they are scored as they
    are, never split again. Lazy, like :func:`sentences`: nothing reaches this process until
    the caller computes the result, one row per sentence.
    """
    _engine.check_frame(docs, (text, doc_id), "sentence_sentiment")
    options = {"engine": engine, "text": text, "doc_id": doc_id, "split": split}
    meta = _score_partition(_sample(docs, text, doc_id), **options).iloc[:0]
    return docs.map_partitions(_score_partition, **options, meta=meta, enforce_metadata=False)


def _compact_scores(part: pd.DataFrame, *, group, score, doc_id, include_variants):
    """What a group's bootstrap needs of a partition's sentences, and no more.

    The rows that count (canonical ones when documents are pooled), in order: the score, and
    the group and the document as categorical codes, one small integer each, with the labels
    written once per partition.
    """
    if group != doc_id:
        part = part[canonical_mask(part, include_variants=include_variants)]
    columns = {group: pd.Categorical(part[group])}
    if doc_id != group:
        columns[doc_id] = pd.Categorical(part[doc_id])
    columns[score] = part[score].to_numpy()
    return pd.DataFrame(columns)


def _restore(pieces: list[pd.DataFrame], dtypes: pd.Series) -> pd.DataFrame:
    """The compact partitions as one table, rows in order, each column of its own type."""
    columns = {}
    for name, dtype in dtypes.items():
        values = [piece[name] for piece in pieces]
        if not isinstance(dtype, pd.CategoricalDtype):
            # Codes back to labels, partition by partition: their categories differ.
            values = [value.astype(dtype) for value in values]
        columns[name] = pd.concat(values, ignore_index=True)
    return pd.DataFrame(columns)


def sentiment_summary(
    scored: dd.DataFrame,
    *,
    group: str = "doc_id",
    score: str = "compound",
    doc_id: str = "doc_id",
    n_boot: int = 2000,
    seed: int = 0,
    include_variants: bool = False,
    interval: str = "sentence",
    progress: bool | None = None,
) -> pd.DataFrame:
    """:func:`analysis.sentiment_summary` of scored sentences held in partitions: the same table.

    Per document (``group == doc_id``), each partition summarises its own documents where it
    is, every document's resampling starting from ``seed`` as in pandas.

    Per group, the bootstrap needs every sentence's score: the sentence bootstrap draws
    sentences of the whole group, and the cluster bootstrap (``interval="cluster"``) draws
    sentences within each drawn document, from one random stream in the order of the rows.
    No per-document total gives the same intervals. The partitions therefore send the scores
    of the sentences that count, with each sentence's group and document as a small integer
    code, and the group's rows are resampled here by :func:`analysis.sentiment_summary`
    itself: the intervals are those of the pandas function with the same seed, whatever the
    number or the sizes of the partitions.

    Parameters
    ----------
    scored : dask DataFrame
        Scored sentences, e.g. from :func:`sentence_sentiment`.
    group, score, doc_id, n_boot, seed, include_variants, interval
        As in :func:`analysis.sentiment_summary`.
    progress : bool, optional
        A progress bar on standard error; by default for more than
        :data:`PROGRESS_PARTITIONS` partitions.

    Returns
    -------
    DataFrame
        :func:`analysis.sentiment_summary`'s table.

    Notes
    -----
    What reaches this process: per document, the result, one row per document (a document
    whose sentences were split between partitions is summarised as a group is). Per group,
    about 10 bytes per sentence that counts (the score, 8 bytes; the group's and the
    document's codes, 1 to 4 bytes each) and the ids of each partition's documents: linear in
    the number of sentences, which the pandas intervals need. For group means and shares
    without intervals, nothing larger than the groups needs to come back:
    ``scored.groupby(group)[score].mean().compute()``.
    """
    from analysis.sentiment import INTERVALS
    from analysis.sentiment import sentiment_summary as summarise

    _engine.check_frame(scored, (group, score, doc_id), "sentiment_summary")
    # The arguments are checked before anything is computed.
    check_positive_int(n_boot, "n_boot", "sentiment_summary")
    check_choice(interval, INTERVALS, "interval", "sentiment_summary")
    options = {
        "group": group,
        "score": score,
        "doc_id": doc_id,
        "n_boot": n_boot,
        "seed": seed,
        "include_variants": include_variants,
        "interval": interval,
    }
    if group == doc_id:
        meta = summarise(scored._meta_nonempty.head(1), **options).iloc[:0]
        parts = scored.map_partitions(summarise, **options, meta=meta, enforce_metadata=False)
        table = _engine.compute(parts, progress=progress, parts=scored.npartitions)[0]
        if not table[group].duplicated().any():
            return table.sort_values(group, kind="stable", ignore_index=True)
        # A document split across partitions (sentences repartitioned by the user): its
        # sentences are gathered, as for groups.
    compact = {"group": group, "score": score, "doc_id": doc_id}
    shrink = dask.delayed(_compact_scores, pure=True)
    pieces = _engine.compute(
        *[
            shrink(part, **compact, include_variants=include_variants)
            for part in scored.to_delayed()
        ],
        progress=progress,
        parts=scored.npartitions,
    )
    rows = _restore(list(pieces), scored._meta.dtypes[list(dict.fromkeys([group, doc_id, score]))])
    # The variants were left out where the rows are; nothing is left to leave out here.
    return summarise(rows, **(options | {"include_variants": True}))
