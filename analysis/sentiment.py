"""Sentiment, measured honestly: VADER per sentence, with intervals and a second opinion.

The engine is VADER (Hutto & Gilbert 2014), in its reference implementation, the
``vaderSentiment`` package, which ships its lexicon. NLTK's port is offered as
``engine="nltk"``, fed the same lexicon file, so that the two can be compared. Texts are scored
exactly as given: VADER reads capitals, "!" and "but", so nothing is lower-cased or stripped.

VADER is weak on political prose. Its own paper reports a correlation of r = 0.49 with human
ratings on New York Times editorial sentences, against 0.88 on tweets (Hutto & Gilbert 2014,
table 3). Scores are therefore computed per sentence (the compound score saturates toward ±1 on
long texts), aggregated with a bootstrap interval, and shown beside their limits: what the
lexicon does not know (:mod:`analysis.wordshift`), and a second lexicon, TextBlob's pattern
analyzer (De Smedt & Daelemans 2012), which ships its own.

References
----------
Hutto, C. J. and Gilbert, E. (2014). VADER: A parsimonious rule-based model for sentiment
analysis of social media text. *Proceedings of ICWSM-14*.
De Smedt, T. and Daelemans, W. (2012). Pattern for Python. *Journal of Machine Learning
Research* 13: 2063-2067.
Efron, B. and Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*. Chapman & Hall.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd
from nltk.sentiment.vader import SentimentIntensityAnalyzer as NltkAnalyzer
from nltk.sentiment.vader import VaderConstants
from textblob.en.sentiments import PatternAnalyzer
from tqdm import tqdm  # the plain bar: tqdm.auto needs ipywidgets in notebooks
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as VaderAnalyzer

from analysis.corpus import canonical
from analysis.text import sentences
from analysis.validation import (
    check_choice,
    check_documents,
    check_labels,
    check_positive_int,
)

__all__ = [
    "ENGINES",
    "INTERVALS",
    "MAX_SCORE_CHARS",
    "NEGATIVE_CUTOFF",
    "POSITIVE_CUTOFF",
    "PROGRESS_THRESHOLD",
    "bootstrap_mean",
    "label_compound",
    "lexicon_agreement",
    "score_pattern",
    "score_sentiment",
    "sentence_sentiment",
    "sentiment_summary",
    "vader_lexicon",
]

ENGINES = ("vader", "nltk")

#: The intervals :func:`sentiment_summary` offers: over sentences, or documents then sentences.
INTERVALS = ("sentence", "cluster")

#: A sentence is positive when its compound score is at least 0.05 and negative when it is at
#: most -0.05: the thresholds recommended by VADER's authors (vaderSentiment's README).
POSITIVE_CUTOFF = 0.05
NEGATIVE_CUTOFF = -0.05

#: Inputs longer than this show a tqdm progress bar (unless ``progress=False``).
PROGRESS_THRESHOLD = 10_000

#: Resampled values held in memory at once by :func:`bootstrap_mean` (8 bytes each).
BOOTSTRAP_BLOCK = 4_000_000

#: The longest text :func:`score_sentiment` accepts, in characters. VADER's time grows with the
#: square of a text's length (measured here: 7 ms at 1,000 characters, 0.8 s at 20,000, 5 s at
#: 50,000), so a whole document or a runaway "sentence" would hang the scoring; VADER is meant
#: for sentences, and :func:`analysis.sentences` cuts longer ones into pieces of at most
#: :data:`analysis.text.MAX_SENTENCE_CHARS` (marked ``split_long``).
MAX_SCORE_CHARS = 20_000

_SCORES = ["neg", "neu", "pos", "compound"]


def _lexicon_text() -> str:
    """The VADER lexicon file that the vaderSentiment package ships, read as text."""
    source = resources.files("vaderSentiment").joinpath("vader_lexicon.txt")
    return source.read_text(encoding="utf-8")


class _NltkVader(NltkAnalyzer):
    """NLTK's VADER port, fed the lexicon of the vaderSentiment package.

    NLTK's constructor loads its lexicon through ``nltk.data.load``, which needs the
    ``vader_lexicon`` download and refuses files outside NLTK's data path (and hard-linked
    files, which is how uv installs packages). This subclass does what that constructor does,
    with the text read here instead.
    """

    def __init__(self) -> None:
        self.lexicon_file = _lexicon_text().strip()
        self.lexicon = self.make_lex_dict()
        self.constants = VaderConstants()


@cache
def _engine(name: str):
    if name == "vader":
        return VaderAnalyzer()
    if name == "nltk":
        return _NltkVader()
    raise ValueError(f"engine must be one of {ENGINES}, got {name!r}")


@cache
def vader_lexicon() -> dict[str, float]:
    """VADER's lexicon: token -> mean valence rating, from -4 (most negative) to +4."""
    return dict(_engine("vader").lexicon)


def _check_texts(texts: object, caller: str) -> list[str]:
    if isinstance(texts, str):
        raise TypeError(
            f"{caller} expects a sequence of texts, got a bare string; pass [text] to score one"
        )
    if isinstance(texts, pd.DataFrame):
        raise TypeError(
            f"{caller} expects a sequence of texts; pass the text column, not the frame"
        )
    texts = list(texts)
    for position, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(f"{caller}: item {position} is {type(text).__name__}, not str")
    return texts


def score_sentiment(
    texts: Iterable[str], *, engine: str = "vader", progress: bool | None = None
) -> pd.DataFrame:
    """VADER scores of each text, exactly as the engine gives them.

    Parameters
    ----------
    texts : sequence of str
        The texts, unchanged: VADER reads capitals, "!" and "but", so do not lower-case or
        strip them. A pandas Series keeps its index in the result.
    engine : {"vader", "nltk"}, default "vader"
        ``"vader"``: the reference implementation (vaderSentiment). ``"nltk"``: NLTK's port,
        with the same lexicon; it differs from the reference on a few sentences.
    progress : bool, optional
        Show a tqdm progress bar; by default only for more than
        :data:`PROGRESS_THRESHOLD` texts.

    Returns
    -------
    DataFrame
        ``neg``, ``neu``, ``pos`` and ``compound``, one row per text, in input order.

    Examples
    --------
    >>> score_sentiment(["This is GREAT!!!", "This is great."])["compound"].round(4).tolist()
    [0.7723, 0.6249]
    """
    index = texts.index if isinstance(texts, pd.Series) else None
    texts = _check_texts(texts, "score_sentiment")
    check_choice(engine, ENGINES, "engine", "score_sentiment")
    too_long = next((i for i, text in enumerate(texts) if len(text) > MAX_SCORE_CHARS), None)
    if too_long is not None:
        raise ValueError(
            f"score_sentiment: text {too_long} has {len(texts[too_long]):,} characters, more than "
            f"MAX_SCORE_CHARS ({MAX_SCORE_CHARS:,}); VADER scores sentences, and its time grows "
            "with the square of the length: split long texts with analysis.sentences"
        )
    analyzer = _engine(engine)
    show = len(texts) > PROGRESS_THRESHOLD if progress is None else progress
    scores = [
        analyzer.polarity_scores(text)
        for text in tqdm(texts, disable=not show, desc=f"sentiment ({engine})", mininterval=0.5)
    ]
    frame = pd.DataFrame.from_records(scores, columns=_SCORES)
    if index is not None:
        frame.index = index
    return frame


def score_pattern(texts: Iterable[str]) -> pd.DataFrame:
    """TextBlob's pattern analyzer: ``polarity`` from -1 to 1 and ``subjectivity`` from 0 to 1.

    A second, independent lexicon (De Smedt & Daelemans 2012), shipped with TextBlob.
    """
    index = texts.index if isinstance(texts, pd.Series) else None
    texts = _check_texts(texts, "score_pattern")
    analyzer = PatternAnalyzer()
    rows = [analyzer.analyze(text) for text in texts]
    frame = pd.DataFrame(
        {"polarity": [r.polarity for r in rows], "subjectivity": [r.subjectivity for r in rows]}
    )
    if index is not None:
        frame.index = index
    return frame


def sentence_sentiment(
    docs: pd.DataFrame,
    *,
    engine: str = "vader",
    text: str = "text",
    doc_id: str = "doc_id",
    split: bool | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Score each sentence of the documents; headings are left out.

    Parameters
    ----------
    docs : DataFrame
        Documents, one per row, which are split into sentences by :func:`analysis.sentences`;
        or sentences already split, as :func:`analysis.sentences` returns them, which are
        scored as they are, so that a corpus is never split twice.
    engine : {"vader", "nltk"}, default "vader"
        See :func:`score_sentiment`.
    text, doc_id : str
        The columns of texts and of document ids.
    split : bool, optional
        Split the rows into sentences (True) or score each row as one sentence (False). By
        default the rows are taken for sentences when ``docs`` has a ``sent_id`` column, as
        the table of :func:`analysis.sentences` has.
    progress : bool, optional
        Passed to :func:`score_sentiment`: by default a bar past :data:`PROGRESS_THRESHOLD`
        sentences; ``False`` keeps a report's output free of it.

    Returns
    -------
    DataFrame
        The columns of :func:`analysis.sentences` (without ``is_heading``) plus ``neg``,
        ``neu``, ``pos``, ``compound`` and ``label`` ("positive", "neutral" or "negative" by
        the ±0.05 cut-offs). Given sentences, their own columns, without the headings and
        ``is_heading``, plus the same five.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["Looking Ahead\\nGood news. Bad news."]})
    >>> units = sentences(docs)
    >>> sentence_sentiment(units).equals(sentence_sentiment(docs))
    True
    """
    check_documents(docs, (text, doc_id), "sentence_sentiment")
    check_choice(engine, ENGINES, "engine", "sentence_sentiment")
    check_choice(split, (None, True, False), "split", "sentence_sentiment")
    if split is None:
        split = "sent_id" not in docs.columns
    units = sentences(docs, text=text, doc_id=doc_id) if split else docs
    if "is_heading" in units.columns:
        units = units[~units["is_heading"].to_numpy(dtype=bool)].drop(columns="is_heading")
    units = units.reset_index(drop=True)
    scores = score_sentiment(units["text" if split else text], engine=engine, progress=progress)
    scored = pd.concat([units, scores], axis=1)
    scored["label"] = label_compound(scored["compound"])
    return scored


def label_compound(compound: pd.Series) -> pd.Series:
    """Label compound scores by the cut-offs :data:`POSITIVE_CUTOFF` and :data:`NEGATIVE_CUTOFF`.

    Returns "positive", "neutral" or "negative" for each score.
    """
    return pd.Series(
        np.select(
            [compound >= POSITIVE_CUTOFF, compound <= NEGATIVE_CUTOFF],
            ["positive", "negative"],
            "neutral",
        ),
        index=compound.index,
    )


def bootstrap_mean(
    values: Iterable[float], *, n_boot: int = 2000, level: float = 0.95, seed: int = 0
) -> tuple[float, float, float]:
    """The mean of ``values`` and its percentile bootstrap interval (Efron & Tibshirani 1993).

    Parameters
    ----------
    values : sequence of float
        Treated as independent draws; sentences of one document are not, so the interval is
        a lower bound on the uncertainty of a side that has few documents.
    n_boot : int, default 2000
        Resamples.
    level : float, default 0.95
        Coverage of the interval.
    seed : int, default 0
        Seed of the resampling: the same seed gives the same interval.

    Returns
    -------
    (mean, low, high) : tuple of float
        ``nan`` for all three when ``values`` is empty; an interval of zero width for one value.
    """
    values = np.asarray(list(values), dtype=float)
    if values.size == 0:
        return (np.nan, np.nan, np.nan)
    rng = np.random.default_rng(seed)
    # Resamples are drawn a block of rows at a time, so memory stays near BOOTSTRAP_BLOCK
    # numbers however many values there are; the generator yields the same stream either way.
    rows = max(1, BOOTSTRAP_BLOCK // values.size)
    means = np.concatenate(
        [
            values[
                rng.integers(0, values.size, size=(min(rows, n_boot - start), values.size))
            ].mean(axis=1)
            for start in range(0, n_boot, rows)
        ]
    )
    tail = (1 - level) / 2
    low, high = np.quantile(means, [tail, 1 - tail])
    return (float(values.mean()), float(low), float(high))


def sentiment_summary(
    scored: pd.DataFrame,
    *,
    group: str = "doc_id",
    score: str = "compound",
    doc_id: str = "doc_id",
    n_boot: int = 2000,
    seed: int = 0,
    include_variants: bool = False,
    interval: str = "sentence",
) -> pd.DataFrame:
    """Mean sentence score per document or per group, with a bootstrap interval and shares.

    Parameters
    ----------
    scored : DataFrame
        Scored sentences, e.g. from :func:`sentence_sentiment`.
    group : str, default "doc_id"
        The column to group by. When it is not the document column, sentences of several
        documents are pooled, and only canonical documents count (a translated copy would
        count its original twice), unless ``include_variants``.
    score : str, default "compound"
        The column to average, and the one the shares are counted on.
    doc_id : str, default "doc_id"
        The document column.
    n_boot, seed
        As in :func:`bootstrap_mean`; each group is resampled with the same seed.
    include_variants : bool, default False
        Pool variants too.
    interval : {"sentence", "cluster"}, default "sentence"
        ``"sentence"``: a percentile bootstrap over sentences (:func:`bootstrap_mean`), which
        treats a group's sentences as independent draws. ``"cluster"``: the two-stage bootstrap
        of :func:`analysis.inference.cluster_bootstrap`, which resamples the group's documents,
        then sentences within them: the interval a claim about a group of documents needs.
        For one document the two are the same procedure.

    Returns
    -------
    DataFrame
        ``group``, ``documents``, ``sentences``, ``mean`` (of the sentences pooled),
        ``ci_low``, ``ci_high`` (95 % percentile bootstrap, as ``interval`` says), and
        ``share_positive``, ``share_neutral``, ``share_negative``: the shares of sentences
        whose ``score`` is at least :data:`POSITIVE_CUTOFF`, between the cut-offs, or at most
        :data:`NEGATIVE_CUTOFF` (VADER's ±0.05, applied to whichever score is averaged, e.g.
        TextBlob's polarity; on a score not centred on 0 the shares mean nothing). With
        ``interval="cluster"`` also ``ci_low_sentences`` and ``ci_high_sentences``, the
        sentence bootstrap's interval, for comparison: a lower bound on the uncertainty when a
        group has few documents. One row per group, sorted.
    """
    # Imported here: analysis.inference loads scikit-learn (through analysis.vocabulary),
    # which scoring sentences does not need.
    from analysis.inference import cluster_bootstrap

    check_documents(scored, (group, score, doc_id), "sentiment_summary")
    n_boot = check_positive_int(n_boot, "n_boot", "sentiment_summary")
    check_choice(interval, INTERVALS, "interval", "sentiment_summary")
    if group != doc_id:
        scored = canonical(scored, include_variants=include_variants)
        check_labels(scored, group, "sentiment_summary")
    rows = []
    for label, members in scored.groupby(group, sort=True):
        mean, low, high = bootstrap_mean(members[score], n_boot=n_boot, seed=seed)
        row = {
            group: label,
            "documents": members[doc_id].nunique(),
            "sentences": len(members),
            "mean": mean,
            "ci_low": low,
            "ci_high": high,
        }
        if interval == "cluster":
            _, cluster_low, cluster_high = cluster_bootstrap(
                members[score], members[doc_id], n_boot=n_boot, seed=seed
            )
            row |= {
                "ci_low": cluster_low,
                "ci_high": cluster_high,
                "ci_low_sentences": low,
                "ci_high_sentences": high,
            }
        labels = label_compound(members[score])
        row |= {
            "share_positive": float((labels == "positive").mean()),
            "share_neutral": float((labels == "neutral").mean()),
            "share_negative": float((labels == "negative").mean()),
        }
        rows.append(row)
    columns = [group, "documents", "sentences", "mean", "ci_low", "ci_high"]
    if interval == "cluster":
        columns += ["ci_low_sentences", "ci_high_sentences"]
    columns += ["share_positive", "share_neutral", "share_negative"]
    return pd.DataFrame(rows, columns=columns).astype(
        {"documents": np.int64, "sentences": np.int64}
    )


def lexicon_agreement(
    scored: pd.DataFrame,
    *,
    group: str = "doc_id",
    first: str = "compound",
    second: str = "polarity",
) -> pd.DataFrame:
    """How far two sentiment scores of the same sentences agree, per group.

    Parameters
    ----------
    scored : DataFrame
        Sentences with both scores, e.g. VADER's ``compound`` and TextBlob's ``polarity``
        (:func:`score_pattern`).
    group : str, default "doc_id"
        The column to group by.

    Returns
    -------
    DataFrame
        ``group``, ``sentences``, ``mean_first`` and ``mean_second`` (named after the columns),
        ``pearson_r`` and ``spearman_r`` between the two, and ``same_label``: the share of
        sentences that both call positive, both neutral or both negative, with the ±0.05
        cut-offs applied to each score.
    """
    check_documents(scored, (group, first, second), "lexicon_agreement")
    rows = []
    for label, members in scored.groupby(group, sort=True):
        a, b = members[first], members[second]
        constant = a.nunique() < 2 or b.nunique() < 2  # r is undefined: nan, without a warning
        rows.append(
            {
                group: label,
                "sentences": len(members),
                f"mean_{first}": float(a.mean()),
                f"mean_{second}": float(b.mean()),
                "pearson_r": np.nan if constant else float(a.corr(b)),
                "spearman_r": np.nan if constant else float(a.corr(b, method="spearman")),
                "same_label": float((label_compound(a) == label_compound(b)).mean()),
            }
        )
    columns = [
        group,
        "sentences",
        f"mean_{first}",
        f"mean_{second}",
        "pearson_r",
        "spearman_r",
        "same_label",
    ]
    return pd.DataFrame(rows, columns=columns)
