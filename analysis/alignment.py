"""Sentence alignment: the same event told twice, and a text and its translation.

Two uses:

- :func:`same_event`: each sentence of one group beside the sentence of another group that
  tells the same event, paired by what the two share (actors, names, dates and numbers) and by
  their words, with what they share shown beside the pair;
- :func:`align_translation`: each sentence of a machine translation beside the sentence of the
  original it renders (cosine similarity of unigram TF-IDF vectors), to measure what
  translation does to sentiment.

How :func:`same_event` pairs. Two accounts of one event by different authors share few words
but the same anchors: who (an actor of the actor list, whatever form names it: "Pyongyang"
and "North Korea" are one anchor), which names (other capitalised words: "Kazan", "Aliyev"),
when (years and months) and how many (numbers). An anchor found in many sentences ("Russia",
"2024") says little; one found in few ("Kazan", "12.000") says much. With ``n`` sentences in
both groups together and ``df(a)`` of them naming anchor ``a``, its specificity is

    s(a) = ln(n / df(a)) / ln(n),                                               (1)

from 0 (in every sentence) to 1 (in one), and the anchors two sentences share give the
evidence ``E = 1 - prod(1 - s(a))`` over the shared anchors (0 when they share none; it grows
with every anchor shared, the more so the rarer). The score of a pair is the cosine of the
sentences' unigram TF-IDF vectors, discounted unless they share anchors:

    score = cos(words) * (1 - w + w * E),   w = ANCHOR_WEIGHT                       (2)

With the default ``w = 0.5``, two sentences that share no anchor keep half their word
similarity, and two that share rare anchors keep nearly all of it: shared names, dates and
numbers tell which of the pairs with similar words are one event, but cannot make a pair of
sentences that share no word (one coincidental name, "Turkey", is not enough). Each target
sentence is paired with the reference sentence of highest score; the pair is kept when the
score reaches ``threshold``.

What it cannot do: see that "the summit" in one sentence is the summit named in the sentence
before (pronouns and references back carry no anchor); tell two events that share their actors
and words apart (two visits of one leader to one country): a date both name raises a score, but
dates that differ lower nothing; see that a sentence has no counterpart other than by a low
score. How well it pairs on a corpus is
measured against pairs marked by hand (:func:`label_pairs`, :func:`pairing_quality`), and the
threshold should be chosen there.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.actors import _Matcher, is_acronym, read_actors
from analysis.corpus import canonical
from analysis.similarity import BLOCK_ROWS, best_matches
from analysis.text import token_spans
from analysis.validation import check_documents, check_group, check_number
from analysis.vocabulary import STOP_WORDS, tfidf

__all__ = [
    "ANCHOR_WEIGHT",
    "SAME_EVENT_THRESHOLD",
    "TITLE_WORDS",
    "TRANSLATION_THRESHOLD",
    "align_sentences",
    "align_translation",
    "event_anchors",
    "label_pairs",
    "pairing_quality",
    "same_event",
]

#: The weight ``w`` of shared anchors in the score of a pair (Eq. 2): how much of two
#: sentences' word similarity depends on their sharing anchors. 0 pairs by words alone; 1 keeps
#: nothing of a pair that shares no anchor.
ANCHOR_WEIGHT = 0.5

#: The score (Eq. 2) at which :func:`same_event` keeps a pair when no threshold is given: a
#: starting point only, to be replaced by a threshold chosen on pairs of the corpus marked by
#: hand (:func:`pairing_quality`). Two sentences by different authors share few words even
#: about one event (a word cosine of 0.15 to 0.3 is common); sharing rare anchors keeps most
#: of it.
SAME_EVENT_THRESHOLD = 0.15

#: Cosine similarity at which a sentence of a translation is taken to render a sentence of the
#: original. Renderings share their names and most content words; unrelated sentences of one
#: article rarely pass 0.3.
TRANSLATION_THRESHOLD = 0.3

#: Capitalised words that are titles, not names ("Foreign Minister Lavrov", "President
#: Aliyev"): two sentences about two ministers share no event by them.
TITLE_WORDS = frozenset(
    "president presidents prime minister ministers foreign deputy secretary general chairman "
    "chairwoman chair premier chancellor king queen prince leader leaders head heads mr mrs ms "
    "dr sir lord commander chief".split()
)

_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)(?![^\W\d_])", re.IGNORECASE)
_KEEP = ["doc_id", "sent_id", "text", "compound"]


def _token_kinds(
    sentence: str, covered: list[tuple[int, int, bool]]
) -> tuple[list[tuple[str, str, int]], set[str]]:
    """``(kind, value, position)`` of each token that may be an anchor, and the words the
    sentence writes in lower case.

    Tokens that overlap an actor's name (``covered``: start, end, is an acronym) are left out,
    and so is a capitalised word just before a name that is not an acronym: a first name
    ("Vladimir Putin", "Sergei Lavrov") belongs to the actor it precedes.
    """
    found, lower_words = [], set()
    spans = token_spans(sentence)
    first_names = {
        position
        for position, ((_, end), (next_start, _)) in enumerate(itertools.pairwise(spans))
        if sentence[end:next_start].isspace()
        and any(start == next_start and not acronym for start, _, acronym in covered)
    }
    for position, (start, end) in enumerate(spans):
        token = sentence[start:end]
        if token.islower():
            lower_words.add(token)
        if any(start < b and a < end for a, b, _ in covered):  # overlaps an actor's name
            continue
        bare = token[:-2] if token.endswith(("'s", "\u2019s")) else token
        if _YEAR.fullmatch(bare):
            found.append(("date", bare, position))
        elif bare.lower() in _MONTHS and bare[0].isupper():
            found.append(("date", bare.capitalize(), position))
        elif any(c.isdigit() for c in bare):
            # An ordinal, whole ("3rd") or split by the tokenizer ("3" + "rd"), is no number.
            if _ORDINAL.fullmatch(bare) or _ORDINAL.match(sentence, start) is not None:
                continue
            if any(c.isalpha() for c in bare):
                found.append(("name", bare, position))  # an identifier: J2-8243, G20
            else:
                found.append(("number", re.sub(r"[^\d]", "", bare), position))
        elif bare[:1].isupper() and position not in first_names:
            found.append(("name", bare, position))
    return found, lower_words


def event_anchors(
    texts: Sequence[str] | pd.Series, *, actors: pd.DataFrame | Mapping | None = None
) -> list[frozenset[str]]:
    """The anchors of each sentence: actors, names, dates and numbers (see the module).

    Parameters
    ----------
    texts : sequence of str
        Sentences.
    actors : DataFrame or dict, optional
        An actor table (:func:`analysis.read_actors`): each actor it finds is one anchor,
        whatever form names it, and its forms are not names as well. Without it, only names,
        dates and numbers.

    Returns
    -------
    list of frozenset of str
        For each sentence, anchors written ``kind:value``: ``actor:North Korea``,
        ``name:Kazan``, ``date:2024``, ``date:October``, ``number:12000``. A name is a
        capitalised word that is not a stop word nor a title (:data:`TITLE_WORDS`) nor a first
        name before an actor's name ("Vladimir" of "Vladimir Putin"); the first word of a
        sentence counts as a name only if some sentence writes it with a capital elsewhere
        than at its start and none writes it in lower case. Numbers lose their separators
        ("12.000" and "12,000" are one number); a year is a date, an ordinal ("3rd") nothing.

    Examples
    --------
    >>> event_anchors(["Kim met Putin in Pyongyang in June 2024, 12.000 troops followed."],
    ...               actors={"North Korea": ["Pyongyang", "Kim"]})[0] == frozenset(
    ...     {"actor:North Korea", "name:Putin", "date:June", "date:2024", "number:12000"})
    True
    """
    texts = list(texts)
    matcher = _Matcher(read_actors(actors)) if actors is not None else None
    per_sentence = []
    inner_capitals: set[str] = set()
    lower_words: set[str] = set()
    for sentence in texts:
        if not isinstance(sentence, str):
            raise TypeError(
                f"event_anchors: every text must be a str, got {type(sentence).__name__} "
                f"{sentence!r:.80}"
            )
        mentions = list(matcher.find(sentence)) if matcher is not None else []
        covered = [
            (start, start + len(matched), is_acronym(matched)) for _, _, matched, start in mentions
        ]
        kinds, lower = _token_kinds(sentence, covered)
        inner_capitals.update(v.lower() for k, v, p in kinds if k == "name" and p > 0)
        lower_words |= lower
        per_sentence.append(({actor for actor, *_ in mentions}, kinds))
    anchors = []
    for named, kinds in per_sentence:
        items = {f"actor:{actor}" for actor in named}
        for kind, value, position in kinds:
            lower = value.lower()
            if kind == "name":
                if lower in STOP_WORDS or lower in TITLE_WORDS:
                    continue
                # A sentence's first word is a name only if it is written with a capital
                # elsewhere too, and never in lower case ("New" of "New Year" is not).
                if position == 0 and (lower not in inner_capitals or lower in lower_words):
                    continue
                # One spelling per name, whatever its capitals ("BRICS", "Brics").
                value = value if value.isupper() else value.capitalize()
            items.add(f"{kind}:{value}")
        anchors.append(frozenset(items))
    return anchors


def _anchor_matrix(
    anchors: list[frozenset[str]],
) -> tuple[sparse.csr_matrix, np.ndarray, dict[str, float]]:
    """Rows of anchor indicators, each anchor's ``ln(1 - s(a))``, and ``s`` (Eq. 1)."""
    n = len(anchors)
    frequency: dict[str, int] = {}
    for items in anchors:
        for item in items:
            frequency[item] = frequency.get(item, 0) + 1
    vocabulary = {item: column for column, item in enumerate(sorted(frequency))}
    # An anchor of one sentence cannot be shared: its weight never counts, and is set to 0.
    specificity = {
        item: math.log(n / df) / math.log(n) if df > 1 else 0.0 for item, df in frequency.items()
    }
    rows, columns = [], []
    for row, items in enumerate(anchors):
        for item in items:
            rows.append(row)
            columns.append(vocabulary[item])
    indicators = sparse.csr_matrix(
        (np.ones(len(rows)), (rows, columns)), shape=(n, len(vocabulary))
    )
    weights = np.zeros(len(vocabulary))
    for item, column in vocabulary.items():
        weights[column] = math.log1p(-specificity[item])  # s < 1 whenever df > 1
    return indicators, weights, specificity


def _shared(a: frozenset[str], b: frozenset[str], specificity: dict[str, float]) -> str:
    """What two sentences share, rarest first: "Kazan; Global South; 2024"."""
    common = sorted(a & b, key=lambda item: (-specificity[item], item))
    return "; ".join(item.split(":", 1)[1] for item in common)


def align_sentences(
    left: pd.DataFrame, right: pd.DataFrame, *, threshold: float = TRANSLATION_THRESHOLD
) -> pd.DataFrame:
    """For each row of ``left``, the most similar row of ``right`` by TF-IDF cosine.

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
    pairs = _pair_frame(left, right, best)
    pairs["cosine"] = scores
    pairs = pairs[pairs["cosine"] >= threshold]
    return pairs.sort_values(
        ["cosine", "doc_id_a", "sent_id_a"], ascending=[False, True, True], ignore_index=True
    )


def _pair_frame(left: pd.DataFrame, right: pd.DataFrame, best: np.ndarray) -> pd.DataFrame:
    columns = [c for c in _KEEP if c in left.columns and c in right.columns]
    return pd.concat(
        [
            left[columns].reset_index(drop=True).add_suffix("_a"),
            right[columns].iloc[best].reset_index(drop=True).add_suffix("_b"),
        ],
        axis=1,
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
    anchor_weight: float = ANCHOR_WEIGHT,
    include_variants: bool = False,
) -> pd.DataFrame:
    """Each target-group sentence beside the reference-group sentence that tells the same event.

    Sentences are paired by the anchors they share (actors, names, dates, numbers) and by their
    words, Eq. 2 of the module; what they share is shown beside each pair.

    Parameters
    ----------
    scored : DataFrame
        Sentences, scored or not, with ``doc_id``, ``sent_id``, ``text`` and a ``group`` column.
    group, target, reference
        The grouping column and the two groups whose sentences are paired.
    about : str, optional
        Keep only sentences about this: an actor of ``actors`` (found by its forms, as
        :func:`analysis.actor_mentions` finds them), or else a word or phrase (any case,
        whole words). Every target sentence about it is then paired, whatever its score
        (``threshold`` defaults to 0).
    actors : DataFrame or dict, optional
        An actor table (:func:`analysis.read_actors`): its actors are anchors, and ``about``
        is looked up in it.
    threshold : float, optional
        Minimum score (Eq. 2); :data:`SAME_EVENT_THRESHOLD` without ``about``. Choose it on
        pairs marked by hand (:func:`pairing_quality`).
    anchor_weight : float, default :data:`ANCHOR_WEIGHT`
        ``w`` of Eq. 2: 0 pairs by words alone; 1 keeps nothing of a pair without a shared
        anchor.
    include_variants : bool, default False
        Pair sentences of variants (``duplicate_of`` set) too.

    Returns
    -------
    DataFrame
        ``doc_id``, ``sent_id``, ``text`` (and ``compound``) of each side, suffixed ``_a`` for
        the target and ``_b`` for the reference; ``score`` (Eq. 2), ``cosine`` (of the words),
        ``anchor_score`` (the evidence E), ``shared`` (the anchors both name, rarest first)
        and, when the sentences are scored, ``difference`` (target minus reference compound).
        Sorted by score, descending.

    Examples
    --------
    >>> rows = pd.DataFrame({
    ...     "doc_id": ["a", "b", "b"],
    ...     "sent_id": [0, 0, 1],
    ...     "side": ["left", "right", "right"],
    ...     "text": ["The Kazan summit failed.", "Trade grew.", "The Kazan summit won."],
    ... })
    >>> pairs = same_event(rows, group="side", target="left", reference="right", about="Kazan")
    >>> pairs[["text_a", "text_b", "shared"]].to_numpy().tolist()
    [['The Kazan summit failed.', 'The Kazan summit won.', 'Kazan']]
    """
    check_documents(scored, ("doc_id", "sent_id", "text", group), "same_event")
    scored = canonical(scored, include_variants=include_variants)
    check_group(scored, group, (target, reference), "same_event")
    anchor_weight = check_number(anchor_weight, "anchor_weight", "same_event", low=0, high=1)
    table = read_actors(actors) if actors is not None else None
    if threshold is None:
        threshold = 0.0 if about is not None else SAME_EVENT_THRESHOLD
    threshold = check_number(threshold, "threshold", "same_event", low=0, high=1)
    left = scored[scored[group] == target].reset_index(drop=True)
    right = scored[scored[group] == reference].reset_index(drop=True)
    pooled = pd.concat([left, right], ignore_index=True)
    pooled = pooled.assign(_row=[f"{i}" for i in range(len(pooled))])
    # Weights (idf, specificity) come from every sentence of both groups, also when ``about``
    # keeps a few: within sentences that all name North Korea, North Korea would weigh nothing.
    words = tfidf(pooled, doc_id="_row", ngram_range=(1, 1), include_variants=True).matrix
    anchors = event_anchors(pooled["text"], actors=table)
    indicators, weights, specificity = _anchor_matrix(anchors)
    n = len(left)
    keep = np.ones(len(pooled), dtype=bool)
    if about is not None:
        keep = _about(pooled["text"], about, table).to_numpy(dtype=bool)
    rows_a, rows_b = np.flatnonzero(keep[:n]), n + np.flatnonzero(keep[n:])
    left, right = left.iloc[rows_a].reset_index(drop=True), right.iloc[rows_b - n]
    right = right.reset_index(drop=True)
    best, score, cosine, evidence = _best_pairs(
        words[rows_a], words[rows_b], indicators[rows_a], indicators[rows_b], weights, anchor_weight
    )
    pairs = _pair_frame(left, right, best)
    pairs["score"] = score
    pairs["cosine"] = cosine
    pairs["anchor_score"] = evidence
    pairs["shared"] = pd.Series(
        [
            _shared(anchors[i], anchors[j], specificity)
            for i, j in zip(rows_a, rows_b[best], strict=True)
        ],
        dtype=object,
    )
    if "compound_a" in pairs.columns:
        pairs["difference"] = pairs["compound_a"] - pairs["compound_b"]
    pairs = pairs[pairs["score"] >= threshold - 1e-12]
    return pairs.sort_values(
        ["score", "doc_id_a", "sent_id_a"], ascending=[False, True, True], ignore_index=True
    )


def _best_pairs(words_a, words_b, anchors_a, anchors_b, weights, w):
    """For each target row, the reference row of highest score (Eq. 2), block by block.

    Returns the best row, its score, and its word cosine and anchor score. Ties go to the
    first reference row.
    """
    n = words_a.shape[0]
    best = np.zeros(n, dtype=np.int64)
    score, cosine, evidence = (np.zeros(n) for _ in range(3))
    if n == 0 or words_b.shape[0] == 0:
        return best[:0], score[:0], cosine[:0], evidence[:0]
    words_bt = words_b.T.tocsc()
    scaled_bt = anchors_b.multiply(weights).T.tocsc()
    for start in range(0, n, BLOCK_ROWS):
        stop = min(start + BLOCK_ROWS, n)
        cos = np.clip((words_a[start:stop] @ words_bt).toarray(), 0.0, 1.0)
        # E = 1 - prod(1 - s(a)) = 1 - exp(sum of ln(1 - s(a)) over the shared anchors).
        shared = 1.0 - np.exp((anchors_a[start:stop] @ scaled_bt).toarray())
        total = cos * (1 - w + w * shared)
        chosen = total.argmax(axis=1)
        rows = np.arange(stop - start)
        best[start:stop] = chosen
        score[start:stop] = total[rows, chosen]
        cosine[start:stop] = cos[rows, chosen]
        evidence[start:stop] = shared[rows, chosen]
    return best, score, cosine, evidence


def _about(texts: pd.Series, about: str, table: pd.DataFrame | None) -> pd.Series:
    """Rows whose text names ``about``: the actor, by its forms, or the phrase itself."""
    if not isinstance(about, str) or not about.strip():
        raise ValueError(f"same_event: about must be a non-empty string, got {about!r}")
    if table is not None and about in set(table["actor"]):
        named = _Matcher(table[table["actor"] == about])
        found = [next(iter(named.find(text)), None) is not None for text in texts]
        return pd.Series(found, index=texts.index)
    pattern = rf"(?<!\w)(?:{re.escape(about.strip())})(?!\w)"
    return texts.str.contains(pattern, case=False, regex=True)


# --- Measured against pairs marked by hand ---------------------------------------------------


def _truth(marked: pd.DataFrame, caller: str) -> dict[str, set[str]]:
    """target sentence -> the reference sentences marked as telling its event (maybe none)."""
    check_documents(marked, ("text_a", "text_b"), caller)
    truth: dict[str, set[str]] = {}
    for a, b in zip(marked["text_a"], marked["text_b"], strict=True):
        if not isinstance(a, str) or not a.strip():
            raise ValueError(f"{caller}: every marked row needs a target sentence (text_a)")
        truth.setdefault(a, set())
        if isinstance(b, str) and b.strip():
            truth[a].add(b)
    return truth


def label_pairs(pairs: pd.DataFrame, marked: pd.DataFrame) -> pd.DataFrame:
    """Each pair of :func:`same_event` beside the verdict of a reader's marks.

    Parameters
    ----------
    pairs : DataFrame
        :func:`same_event` output (``text_a``, ``text_b``).
    marked : DataFrame
        The reader's marks: one row per true pair (``text_a`` a target sentence, ``text_b`` a
        reference sentence that tells the same event), and one row with an empty ``text_b``
        for each target sentence read that has no counterpart.

    Returns
    -------
    DataFrame
        ``pairs`` with a column ``verdict``: "true pair"; "wrong counterpart" (the sentence
        has counterparts, this is not one); "no counterpart" (the reader found none); or ""
        (the target sentence was not read).
    """
    check_documents(pairs, ("text_a", "text_b"), "label_pairs")
    truth = _truth(marked, "label_pairs")
    verdicts = []
    for a, b in zip(pairs["text_a"], pairs["text_b"], strict=True):
        if a not in truth:
            verdicts.append("")
        elif b in truth[a]:
            verdicts.append("true pair")
        elif truth[a]:
            verdicts.append("wrong counterpart")
        else:
            verdicts.append("no counterpart")
    return pairs.assign(verdict=pd.Series(verdicts, index=pairs.index, dtype=object))


def pairing_quality(
    pairs: pd.DataFrame,
    marked: pd.DataFrame,
    *,
    score: str = "score",
    thresholds: Iterable[float] | None = None,
) -> pd.DataFrame:
    """Precision and recall of the pairing at each threshold, against a reader's marks.

    Run :func:`same_event` with ``threshold=0`` so that every target sentence has its best
    pair, then see which pairs each threshold keeps. Only target sentences the reader read
    (those in ``marked``) count.

    - precision: of the pairs kept, the share that are true pairs;
    - recall: of the sentences that have a counterpart, the share whose kept pair is a true
      one;
    - f1: their harmonic mean.

    Parameters
    ----------
    pairs, marked : DataFrame
        As in :func:`label_pairs`.
    score : str, default "score"
        The column the threshold applies to.
    thresholds : iterable of float, optional
        By default every score found among the marked pairs (each is where a pair enters),
        and 0.

    Returns
    -------
    DataFrame
        ``threshold``, ``kept``, ``true_pairs``, ``precision`` (NaN when nothing is kept),
        ``recall``, ``f1``, and ``read`` and ``with_counterpart`` (the sentences read, and
        those with a counterpart); one row per threshold, ascending.

    Examples
    --------
    >>> pairs = pd.DataFrame({"text_a": ["a1", "a2", "a3"], "text_b": ["b1", "b9", "b3"],
    ...                       "score": [0.6, 0.4, 0.2]})
    >>> marked = pd.DataFrame({"text_a": ["a1", "a2", "a3"], "text_b": ["b1", "", "b3"]})
    >>> pairing_quality(pairs, marked, thresholds=[0.3])[["kept", "precision", "recall"]]
       kept  precision  recall
    0     2        0.5     0.5
    """
    check_documents(pairs, ("text_a", "text_b", score), "pairing_quality")
    truth = _truth(marked, "pairing_quality")
    labelled = label_pairs(pairs, marked)
    labelled = labelled[labelled["verdict"] != ""]
    # One pair per target sentence: the best, as same_event makes them.
    labelled = labelled.sort_values(score, ascending=False).drop_duplicates("text_a")
    values = labelled[score].to_numpy(dtype=float)
    if thresholds is None:
        thresholds = sorted({0.0, *values.tolist()})
    with_counterpart = sum(1 for found in truth.values() if found)
    rows = []
    for threshold in sorted(thresholds):
        threshold = check_number(threshold, "thresholds", "pairing_quality")
        kept = labelled[values >= threshold]
        true = int((kept["verdict"] == "true pair").sum())
        precision = true / len(kept) if len(kept) else np.nan
        recall = true / with_counterpart if with_counterpart else np.nan
        f1 = np.nan
        if len(kept) and with_counterpart:
            f1 = 2 * precision * recall / (precision + recall) if true else 0.0
        rows.append(
            {
                "threshold": threshold,
                "kept": len(kept),
                "true_pairs": true,
                "precision": precision,
                "recall": recall,
                "f1": f1,
                "read": len(truth),
                "with_counterpart": with_counterpart,
            }
        )
    columns = ["threshold", "kept", "true_pairs", "precision", "recall", "f1", "read"]
    return pd.DataFrame(rows, columns=[*columns, "with_counterpart"])


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
