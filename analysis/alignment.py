"""Sentence alignment by TF-IDF cosine: the same event told twice, and a text and its translation.

For every sentence of one set, the most similar sentence of another set (cosine similarity of
unigram TF-IDF vectors, idf fitted on both sets together), kept when the similarity reaches a
threshold. Two uses:

- :func:`same_event`: each sentence of one group beside the sentence of another group that
  tells the most similar story, with both scores;
- :func:`align_translation`: each sentence of a machine translation beside the sentence of the
  original it renders, to measure what translation does to sentiment.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from analysis.actors import read_actors
from analysis.corpus import canonical
from analysis.similarity import best_matches
from analysis.validation import check_documents, check_group, check_number
from analysis.vocabulary import tfidf

__all__ = [
    "SAME_EVENT_THRESHOLD",
    "TRANSLATION_THRESHOLD",
    "align_sentences",
    "align_translation",
    "same_event",
]

#: Cosine similarity at which two sentences of different accounts are taken to tell the same
#: event. Different authors share few words even about one event: on the seeds the highest
#: cross-side pair (the BRICS summit in Kazan) scores 0.25, the North Korea agreement 0.17,
#: and pairs below 0.15 mostly share stock phrases ("foreign policy"). Every pair is reported
#: with its score; :func:`same_event` can also be pointed at one event with ``about``.
SAME_EVENT_THRESHOLD = 0.15

#: Cosine similarity at which a sentence of a translation is taken to render a sentence of the
#: original. Renderings share their names and most content words; unrelated sentences of one
#: article rarely pass 0.3.
TRANSLATION_THRESHOLD = 0.3

_KEEP = ["doc_id", "sent_id", "text", "compound"]


def align_sentences(
    left: pd.DataFrame, right: pd.DataFrame, *, threshold: float = SAME_EVENT_THRESHOLD
) -> pd.DataFrame:
    """For each row of ``left``, the most similar row of ``right``.

    Parameters
    ----------
    left, right : DataFrame
        Sentences with ``doc_id``, ``sent_id`` and ``text`` (and ``compound`` if scored).
    threshold : float
        Keep pairs whose cosine similarity reaches it.

    Returns
    -------
    DataFrame
        ``doc_id``, ``sent_id``, ``text`` (and ``compound``) of each side, suffixed ``_a`` for
        ``left`` and ``_b`` for ``right``, and ``cosine``; sorted by cosine, descending.
    """
    for frame, name in ((left, "left"), (right, "right")):
        check_documents(frame, ("doc_id", "sent_id", "text"), f"align_sentences ({name})")
    pooled = pd.concat([left, right], ignore_index=True)
    pooled = pooled.assign(_row=[f"{i}" for i in range(len(pooled))])
    vectors = tfidf(pooled, doc_id="_row", ngram_range=(1, 1), include_variants=True).matrix
    best, scores = best_matches(vectors[: len(left)], vectors[len(left) :])
    columns = [c for c in _KEEP if c in left.columns and c in right.columns]
    pairs = pd.concat(
        [
            left[columns].reset_index(drop=True).add_suffix("_a"),
            right[columns].iloc[best].reset_index(drop=True).add_suffix("_b"),
        ],
        axis=1,
    )
    pairs["cosine"] = scores
    pairs = pairs[pairs["cosine"] >= threshold]
    return pairs.sort_values(
        ["cosine", "doc_id_a", "sent_id_a"], ascending=[False, True, True], ignore_index=True
    )


def same_event(
    scored: pd.DataFrame,
    *,
    group: str,
    target: object,
    reference: object,
    about: str | None = None,
    actors: pd.DataFrame | Mapping | None = None,
    threshold: float | None = None,
    include_variants: bool = False,
) -> pd.DataFrame:
    """Each target-group sentence beside the most similar reference-group sentence.

    Parameters
    ----------
    scored : DataFrame
        Sentences, scored or not, with ``doc_id``, ``sent_id``, ``text`` and a ``group`` column.
    group, target, reference
        The grouping column and the two groups whose sentences are paired.
    about : str, optional
        Keep only sentences about this: an actor of ``actors`` (any of its forms), or else a
        word or phrase (case-insensitive, whole words). The topic is then fixed, and every
        target sentence about it is paired, whatever its similarity (``threshold`` defaults
        to 0).
    actors : DataFrame or dict, optional
        An actor table (:func:`analysis.read_actors`) in which to look ``about`` up.
    threshold : float, optional
        Minimum cosine; :data:`SAME_EVENT_THRESHOLD` without ``about``.
    include_variants : bool, default False
        Pair sentences of variants (``duplicate_of`` set) too.

    Returns
    -------
    DataFrame
        The columns of :func:`align_sentences`, plus ``difference`` (target minus reference
        compound) when the sentences are scored.

    Examples
    --------
    >>> rows = pd.DataFrame({
    ...     "doc_id": ["a", "b", "b"],
    ...     "sent_id": [0, 0, 1],
    ...     "side": ["left", "right", "right"],
    ...     "text": ["The Kazan summit failed.", "Trade grew.", "The Kazan summit won."],
    ... })
    >>> pairs = same_event(rows, group="side", target="left", reference="right", about="Kazan")
    >>> pairs[["text_a", "text_b"]].to_numpy().tolist()
    [['The Kazan summit failed.', 'The Kazan summit won.']]
    """
    check_documents(scored, ("doc_id", "sent_id", "text", group), "same_event")
    scored = canonical(scored, include_variants=include_variants)
    check_group(scored, group, (target, reference), "same_event")
    if about is not None:
        scored = scored[_about(scored["text"], about, actors)]
    if threshold is None:
        threshold = 0.0 if about is not None else SAME_EVENT_THRESHOLD
    threshold = check_number(threshold, "threshold", "same_event", low=0, high=1)
    pairs = align_sentences(
        scored[scored[group] == target], scored[scored[group] == reference], threshold=threshold
    )
    if "compound_a" in pairs.columns:
        pairs["difference"] = pairs["compound_a"] - pairs["compound_b"]
    return pairs


def _about(texts: pd.Series, about: str, actors) -> pd.Series:
    """Rows whose text names ``about``: any form of that actor, or the phrase itself."""
    if not isinstance(about, str) or not about.strip():
        raise ValueError(f"same_event: about must be a non-empty string, got {about!r}")
    forms = [about]
    if actors is not None:
        table = read_actors(actors)
        named = table.loc[table["actor"] == about, "form"].tolist()
        forms = named or forms
    alternatives = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    return texts.str.contains(rf"(?<!\w)(?:{alternatives})(?!\w)", case=False, regex=True)


def align_translation(
    scored: pd.DataFrame,
    *,
    translation: str,
    original: str,
    doc_id: str = "doc_id",
    threshold: float = TRANSLATION_THRESHOLD,
) -> pd.DataFrame:
    """Each sentence of a translation beside the sentence of the original it renders.

    Parameters
    ----------
    scored : DataFrame
        Sentences of both documents (scored or not).
    translation, original : str
        The ``doc_id`` of the translation and of the original.

    Returns
    -------
    DataFrame
        The columns of :func:`align_sentences` in the translation's sentence order, plus
        ``difference`` (translation minus original compound) when the sentences are scored.
    """
    check_documents(scored, (doc_id, "sent_id", "text"), "align_translation")
    ids = set(scored[doc_id])
    for name, value in (("translation", translation), ("original", original)):
        if value not in ids:
            raise ValueError(f"align_translation: {name}={value!r} is not a document of scored")
    threshold = check_number(threshold, "threshold", "align_translation", low=0, high=1)
    rows = scored.rename(columns={doc_id: "doc_id"})
    pairs = align_sentences(
        rows[rows["doc_id"] == translation], rows[rows["doc_id"] == original], threshold=threshold
    )
    pairs = pairs.sort_values("sent_id_a", ignore_index=True)
    if "compound_a" in pairs.columns:
        pairs["difference"] = pairs["compound_a"] - pairs["compound_b"]
    return pairs
