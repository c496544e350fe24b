"""Sentence alignment by TF-IDF cosine: the same event told twice, and a text and its translation.

For every sentence of one set, the most similar sentence of another set (cosine similarity of
unigram TF-IDF vectors, idf fitted on both sets together), kept when the similarity reaches a
threshold. Two uses:

- :func:`same_event`: each critical sentence beside the favourable sentence that tells the
  most similar story (the BRICS summit in Kazan, the North Korea agreement), with both scores;
- :func:`align_translation`: each sentence of a machine translation beside the sentence of the
  original it renders, to measure what translation does to sentiment.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from sklearn.metrics.pairwise import cosine_similarity

from analysis.corpus import canonical
from analysis.text import check_documents
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
    similarity = cosine_similarity(vectors[: len(left)], vectors[len(left) :])
    best = similarity.argmax(axis=1) if len(right) else np.array([], dtype=int)
    scores = similarity[np.arange(len(left)), best] if len(right) else np.array([])
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
    about: str | None = None,
    target: str = "critical",
    reference: str = "favourable",
    group: str = "stance",
    threshold: float | None = None,
) -> pd.DataFrame:
    """Each target-side sentence beside the most similar reference-side sentence.

    Parameters
    ----------
    scored : DataFrame
        Sentences, scored or not, with a ``group`` column; canonical documents only are used.
    about : str, optional
        Keep only sentences that name this word or phrase (case-insensitive, whole words),
        e.g. "BRICS" or "North Korea": the event is then fixed, and every target sentence
        about it is paired, whatever its score (``threshold`` defaults to 0).
    target, reference, group
        Which side's sentences are paired with which.
    threshold : float, optional
        Minimum cosine; :data:`SAME_EVENT_THRESHOLD` without ``about``.

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
    ...     "stance": ["critical", "favourable", "favourable"],
    ...     "text": ["The Kazan summit failed.", "Trade grew.", "The Kazan summit won."],
    ... })
    >>> same_event(rows, about="Kazan")[["text_a", "text_b"]].to_numpy().tolist()
    [['The Kazan summit failed.', 'The Kazan summit won.']]
    """
    check_documents(scored, ("text", group), "same_event")
    scored = canonical(scored)
    if about is not None:
        pattern = rf"(?<!\w){re.escape(about)}(?!\w)"
        scored = scored[scored["text"].str.contains(pattern, case=False, regex=True)]
    if threshold is None:
        threshold = 0.0 if about is not None else SAME_EVENT_THRESHOLD
    pairs = align_sentences(
        scored[scored[group] == target], scored[scored[group] == reference], threshold=threshold
    )
    if "compound_a" in pairs.columns:
        pairs["difference"] = pairs["compound_a"] - pairs["compound_b"]
    return pairs


def align_translation(
    scored: pd.DataFrame,
    translation: str,
    original: str,
    *,
    threshold: float = TRANSLATION_THRESHOLD,
) -> pd.DataFrame:
    """Each sentence of a translation beside the sentence of the original it renders.

    Returns the columns of :func:`align_sentences` in the translation's sentence order, plus
    ``difference`` (translation minus original compound) when the sentences are scored.
    """
    check_documents(scored, ("doc_id", "text"), "align_translation")
    pairs = align_sentences(
        scored[scored["doc_id"] == translation],
        scored[scored["doc_id"] == original],
        threshold=threshold,
    )
    pairs = pairs.sort_values("sent_id_a", ignore_index=True)
    if "compound_a" in pairs.columns:
        pairs["difference"] = pairs["compound_a"] - pairs["compound_b"]
    return pairs
