"""Figures of sentiment: sentences per document, along the text, actors, word shift, translation."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from analysis.figures import group_colours, theme
from analysis.plots.common import (
    NEUTRAL_COLOUR,
    check_columns,
    document_labels,
    empty_figure,
    footnote,
    group_legend,
    showing,
    suptitle,
)
from analysis.plots.vocabulary import RASTERIZE_POINTS
from analysis.sentiment import NEGATIVE_CUTOFF, POSITIVE_CUTOFF

__all__ = [
    "ACTOR_ANNOTATE_MAX_COLUMNS",
    "ACTOR_MAX_COLUMNS",
    "ACTOR_MAX_ROWS",
    "ACTOR_MIN_SENTENCES",
    "ALONG_TEXT_BINS",
    "ALONG_TEXT_MAX_PANELS",
    "GROUP_SUMMARY_MAX_GROUPS",
    "SENTENCE_SENTIMENT_MAX_DOCUMENTS",
    "WORD_SHIFT_COLOURS",
    "plot_actor_heatmap",
    "plot_sentence_sentiment",
    "plot_sentiment_along_text",
    "plot_side_summary",
    "plot_translation_scatter",
    "plot_word_shift",
    "sentence_sentiment_data",
    "sentiment_along_text_data",
]

#: Up to this many documents :func:`plot_sentence_sentiment` draws every sentence beside each
#: document's mean; past it, only each document's mean and interval, ranked by the mean.
SENTENCE_SENTIMENT_MAX_DOCUMENTS = 30

#: Up to this many documents :func:`plot_sentiment_along_text` draws one panel per document;
#: past it, one panel of the mean score in each of :data:`ALONG_TEXT_BINS` equal parts of the
#: texts, one line per group.
ALONG_TEXT_MAX_PANELS = 12

#: Equal parts of a text (by relative sentence position) averaged past the panel cap.
ALONG_TEXT_BINS = 10

#: :func:`plot_actor_heatmap` fades and hatches cells resting on fewer sentences than this: a
#: mean of one to four sentences says little about how an actor is spoken of.
ACTOR_MIN_SENTENCES = 5

#: Past this many columns :func:`plot_actor_heatmap` draws those with the most sentences.
ACTOR_MAX_COLUMNS = 30

#: Past this many actors :func:`plot_actor_heatmap` draws those named in the most sentences.
ACTOR_MAX_ROWS = 40

#: :func:`plot_actor_heatmap` writes each cell's mean and count in it up to this many columns.
ACTOR_ANNOTATE_MAX_COLUMNS = 12

#: Past this many groups :func:`plot_side_summary` draws those with the most sentences.
GROUP_SUMMARY_MAX_GROUPS = 12

# Sentiment runs from negative to positive on a purple-green scale, so that it is never
# confused with the red and blue of two groups.
_SENTIMENT_CMAP = "PiYG"


def _score_label(score: str) -> str:
    return "VADER compound score" if score == "compound" else score


def sentence_sentiment_data(
    scored: pd.DataFrame,
    summary: pd.DataFrame,
    docs: pd.DataFrame | None = None,
    *,
    group: str | None = None,
    doc_id: str = "doc_id",
    score: str = "compound",
    seed: int = 0,
) -> pd.DataFrame:
    """Sentences with their document's label, mean and interval, and a seeded vertical jitter.

    Parameters
    ----------
    scored : DataFrame
        Scored sentences (:func:`analysis.sentence_sentiment`).
    summary : DataFrame
        Per-document summary (:func:`analysis.sentiment_summary` by document): ``doc_id``,
        ``mean``, ``ci_low``, ``ci_high``.
    docs : DataFrame, optional
        The documents, for their labels (:func:`analysis.plots.document_label`).
    group : str, optional
        A column of ``scored`` to carry along, for colouring.
    doc_id : str, default "doc_id"
        The document column.
    score : str, default "compound"
        The sentence score.
    seed : int, default 0
        Seed of the jitter.

    Returns
    -------
    DataFrame
        ``doc_id``, ``label``, ``sent_id`` (when ``scored`` has it), the ``group`` column, the
        ``score`` column, ``mean``, ``ci_low``, ``ci_high`` and ``jitter``: one row per
        sentence. Past :data:`SENTENCE_SENTIMENT_MAX_DOCUMENTS` documents, whose sentences
        :func:`plot_sentence_sentiment` does not draw, one row per document instead:
        ``doc_id``, ``label``, the ``group`` column, ``sentences``, ``mean``, ``ci_low`` and
        ``ci_high`` (what is drawn, and what a figure's CSV then holds).
    """
    check_columns(scored, (doc_id, group, score), "sentence_sentiment_data")
    check_columns(summary, (doc_id, "mean", "ci_low", "ci_high"), "sentence_sentiment_data")
    if scored[doc_id].nunique() > SENTENCE_SENTIMENT_MAX_DOCUMENTS:
        keep = [doc_id] + ([group] if group is not None and group != doc_id else [])
        documents = scored[keep].drop_duplicates(doc_id)
        documents["sentences"] = documents[doc_id].map(scored[doc_id].value_counts())
        data = documents.merge(summary[[doc_id, "mean", "ci_low", "ci_high"]], on=doc_id)
        labels = document_labels(docs, data[doc_id], doc_id=doc_id)
        data.insert(1, "label", data[doc_id].map(labels))
        return data.reset_index(drop=True)
    columns = [doc_id] + [c for c in ("sent_id", group) if c is not None and c in scored.columns]
    columns = list(dict.fromkeys([*columns, score]))
    data = scored[columns].merge(summary[[doc_id, "mean", "ci_low", "ci_high"]], on=doc_id)
    labels = document_labels(docs, data[doc_id].unique(), doc_id=doc_id)
    data.insert(1, "label", data[doc_id].map(labels))
    data["jitter"] = np.random.default_rng(seed).uniform(-0.22, 0.22, len(data))
    return data


def plot_sentence_sentiment(
    data: pd.DataFrame,
    *,
    group: str | None = None,
    doc_id: str = "doc_id",
    score: str = "compound",
    colours: dict | None = None,
    title: str | None = None,
) -> Figure:
    """Each sentence's score per document, with the document's mean and its 95 % interval.

    Parameters
    ----------
    data : DataFrame
        As returned by :func:`sentence_sentiment_data`: a row per sentence, or past
        :data:`SENTENCE_SENTIMENT_MAX_DOCUMENTS` documents a row per document.
    group : str, optional
        Colour the sentences by this column, with a legend.
    doc_id : str, default "doc_id"
        The document column.
    score : str, default "compound"
        The sentence score.
    colours : dict, optional
        ``{label: colour}`` replacing the default colours of those groups.
    title : str, optional
        By default a title saying what is drawn.

    Notes
    -----
    Past :data:`SENTENCE_SENTIMENT_MAX_DOCUMENTS` documents the sentences are not drawn: each
    document is one mean with its interval, ranked by the mean, unlabelled, and a note under
    the figure says so.
    """
    check_columns(data, (doc_id, group, "mean", "ci_low", "ci_high"), "plot_sentence_sentiment")
    documents = data.drop_duplicates(doc_id)
    many = len(documents) > SENTENCE_SENTIMENT_MAX_DOCUMENTS
    if not many:
        check_columns(data, (score,), "plot_sentence_sentiment")
    if title is None:
        title = (
            "Mean sentence sentiment per document, 95 % interval"
            if many
            else "Sentence sentiment per document: every sentence, the mean and its 95 % interval"
        )
    if data.empty:
        return empty_figure(title)
    palette = group_colours(data[group], colours=colours) if group is not None else {}
    sentences = data[score] if score in data.columns else documents["mean"]
    bounded = sentences.between(-1, 1).all() and documents["ci_low"].ge(-1).all()
    with mpl.rc_context(theme()):
        fig = Figure(figsize=(8.5, 4.2 if not many else 6), layout="constrained")
        ax = fig.add_subplot()
        ax.axvspan(NEGATIVE_CUTOFF, POSITIVE_CUTOFF, color="grey", alpha=0.12, linewidth=0)
        ax.axvline(0, color="grey", linewidth=0.8)
        if many:
            ranked = documents.sort_values(["mean", doc_id], ignore_index=True)
            y = np.arange(len(ranked))
            colour = (
                ranked[group].map(palette).fillna(NEUTRAL_COLOUR).tolist()
                if group is not None
                else NEUTRAL_COLOUR
            )
            dense = len(ranked) > RASTERIZE_POINTS
            ax.hlines(
                y,
                ranked["ci_low"],
                ranked["ci_high"],
                colors=colour,
                linewidth=0.8,
                alpha=0.6,
                rasterized=dense,
            )
            ax.scatter(ranked["mean"], y, s=6, c=colour, linewidths=0, zorder=3, rasterized=dense)
            ax.set_yticks([])
            ax.set_ylim(-1, len(ranked))
            ax.set_ylabel(f"{len(ranked)} documents, ranked by mean")
            ax.set_xlabel(f"mean {_score_label(score)} per document (bars: 95 % interval)")
            note = (
                f"Each of the {len(ranked)} documents is its mean and interval; sentences are "
                f"drawn up to {SENTENCE_SENTIMENT_MAX_DOCUMENTS} documents."
            )
        else:
            documents = documents.sort_values(doc_id, ascending=False)
            position = {identifier: i for i, identifier in enumerate(documents[doc_id])}
            y = data[doc_id].map(position) + data.get("jitter", 0)
            colour = (
                data[group].map(palette).fillna(NEUTRAL_COLOUR).tolist()
                if group is not None
                else NEUTRAL_COLOUR
            )
            ax.scatter(
                data[score],
                y,
                s=10,
                c=colour,
                alpha=0.4,
                linewidths=0,
                rasterized=len(data) > RASTERIZE_POINTS,
            )
            for row in documents.to_dict("records"):
                ax.errorbar(
                    row["mean"],
                    position[row[doc_id]],
                    xerr=[[row["mean"] - row["ci_low"]], [row["ci_high"] - row["mean"]]],
                    fmt="D",
                    color="black",
                    markersize=5,
                    capsize=4,
                )
            labels = documents["label"] if "label" in documents else documents[doc_id].astype(str)
            ax.set_yticks(list(position.values()), labels)
            ax.set_xlabel(
                f"{_score_label(score)} per sentence (◆ mean, bars: 95 % bootstrap interval)"
            )
            note = ""
        if bounded:
            ax.set_xlim(-1.02, 1.02)
        if palette:
            group_legend(ax, palette, title=group)
        suptitle(fig, title)
        footnote(fig, note)
    return fig


def sentiment_along_text_data(
    scored: pd.DataFrame,
    *,
    window: int = 5,
    group: str | None = None,
    doc_id: str = "doc_id",
    score: str = "compound",
) -> pd.DataFrame:
    """Sentences in text order with a centred rolling mean of ``window`` sentences.

    Parameters
    ----------
    scored : DataFrame
        Scored sentences with ``position`` (0 = first sentence, 1 = last).
    window : int, default 5
        Sentences in the rolling mean, centred; fewer at the ends of a text.
    group : str, optional
        A column to carry along, for colouring.
    doc_id : str, default "doc_id"
        The document column.
    score : str, default "compound"
        The sentence score.

    Returns
    -------
    DataFrame
        ``doc_id``, ``sent_id`` (when present), the ``group`` column, ``position``, the
        ``score`` column and ``rolling_mean``.
    """
    check_columns(scored, (doc_id, group, "position", score), "sentiment_along_text_data")
    if not isinstance(window, int) or isinstance(window, bool) or window < 1:
        raise ValueError(f"window must be a whole number of sentences, 1 or more; got {window!r}")
    columns = [doc_id] + [c for c in ("sent_id", group) if c is not None and c in scored.columns]
    columns = list(dict.fromkeys([*columns, "position", score]))
    data = scored[columns].reset_index(drop=True)
    rolled = data.groupby(doc_id, sort=False)[score].rolling(window, center=True, min_periods=1)
    data["rolling_mean"] = rolled.mean().reset_index(level=0, drop=True)
    return data


def plot_sentiment_along_text(
    data: pd.DataFrame,
    *,
    group: str | None = None,
    doc_id: str = "doc_id",
    score: str = "compound",
    colours: dict | None = None,
    title: str | None = None,
) -> Figure:
    """Each sentence's score along each text, with its rolling mean.

    Parameters
    ----------
    data : DataFrame
        As returned by :func:`sentiment_along_text_data`.
    group : str, optional
        Colour each document by this column, with a legend.
    doc_id : str, default "doc_id"
        The document column.
    score : str, default "compound"
        The sentence score.
    colours : dict, optional
        ``{label: colour}`` replacing the default colours of those groups.
    title : str, optional
        By default a title saying what is drawn.

    Notes
    -----
    Past :data:`ALONG_TEXT_MAX_PANELS` documents the figure is one panel: the mean score of
    the sentences in each of :data:`ALONG_TEXT_BINS` equal parts of the texts (by relative
    position), one line per group, with a band of ±1.96 standard errors; a note under the
    figure says so.
    """
    check_columns(
        data, (doc_id, group, "position", score, "rolling_mean"), "plot_sentiment_along_text"
    )
    documents = list(dict.fromkeys(data[doc_id]))
    many = len(documents) > ALONG_TEXT_MAX_PANELS
    if title is None:
        title = (
            f"Mean sentence sentiment along the texts, {len(documents)} documents"
            if many
            else "Sentence sentiment along each text, with a rolling mean"
        )
    if data.empty:
        return empty_figure(title)
    palette = group_colours(data[group], colours=colours) if group is not None else {}
    with mpl.rc_context(theme()):
        if many:
            fig = Figure(figsize=(8.5, 4.2), layout="constrained")
            ax = fig.add_subplot()
            ax.axhline(0, color="grey", linewidth=0.6)
            bins = np.minimum((data["position"] * ALONG_TEXT_BINS).astype(int), ALONG_TEXT_BINS - 1)
            keys = [data[group]] if group is not None else []
            stats = (
                data.assign(bin=bins)
                .groupby([*keys, "bin"])[score]
                .agg(["mean", "std", "count"])
                .reset_index()
            )
            stats["half"] = 1.96 * stats["std"].fillna(0) / np.sqrt(stats["count"])
            stats["middle"] = (stats["bin"] + 0.5) / ALONG_TEXT_BINS
            lines = stats.groupby(group, sort=True) if group is not None else [(None, stats)]
            for label, part in lines:
                colour = palette.get(label, NEUTRAL_COLOUR)
                ax.fill_between(
                    part["middle"],
                    part["mean"] - part["half"],
                    part["mean"] + part["half"],
                    color=colour,
                    alpha=0.18,
                    linewidth=0,
                )
                ax.plot(
                    part["middle"],
                    part["mean"],
                    color=colour,
                    linewidth=1.8,
                    marker="o",
                    markersize=3,
                )
            ax.set_xlim(0, 1)
            ax.set_ylabel(f"mean {_score_label(score)}")
            ax.set_xlabel("position in the text (0 = first sentence, 1 = last)")
            legend_ax = ax
            note = (
                f"{len(documents)} documents: the mean of the sentences in each of "
                f"{ALONG_TEXT_BINS} equal parts of the texts, band ±1.96 standard errors; one "
                f"panel per document up to {ALONG_TEXT_MAX_PANELS} documents."
            )
        else:
            fig = Figure(figsize=(8.5, 1.45 * len(documents) + 1), layout="constrained")
            axes = fig.subplots(len(documents), 1, sharex=True, squeeze=False).ravel()
            for ax, identifier in zip(axes, documents, strict=True):
                part = data[data[doc_id] == identifier]
                colour = (
                    palette.get(part[group].iloc[0], NEUTRAL_COLOUR)
                    if group is not None
                    else NEUTRAL_COLOUR
                )
                ax.axhline(0, color="grey", linewidth=0.6)
                ax.scatter(part["position"], part[score], s=8, color=colour, alpha=0.45)
                ax.plot(part["position"], part["rolling_mean"], color=colour, linewidth=1.6)
                ax.set_ylim(-1.05, 1.05)
                ax.set_ylabel(str(identifier), rotation=0, ha="right", va="center")
            axes[-1].set_xlabel("position in the text (0 = first sentence, 1 = last)")
            legend_ax = axes[0]
            note = ""
        if palette:
            group_legend(legend_ax, palette, title=group)
        suptitle(fig, title)
        footnote(fig, note)
    return fig


def plot_actor_heatmap(
    data: pd.DataFrame,
    *,
    group: str = "doc_id",
    min_sentences: int = ACTOR_MIN_SENTENCES,
    colours: dict | None = None,
    title: str | None = None,
) -> Figure:
    """Actors × groups: mean score of the sentences that name each actor.

    Cells resting on fewer than ``min_sentences`` sentences are faded and hatched, so that a
    mean of one or two sentences is not read like a mean of thirty.

    Parameters
    ----------
    data : DataFrame
        :func:`analysis.actor_sentiment` output: ``actor``, the ``group`` column,
        ``sentences``, ``mean``.
    group : str, default "doc_id"
        The column across the heatmap.
    min_sentences : int, default :data:`ACTOR_MIN_SENTENCES`
        Fade and hatch cells with fewer sentences than this; 0 marks none.
    colours : dict, optional
        ``{label: colour}`` for the column labels; black by default.
    title : str, optional
        By default a title saying what is drawn.

    Notes
    -----
    Past :data:`ACTOR_MAX_COLUMNS` columns (or :data:`ACTOR_MAX_ROWS` actors) those with the
    most sentences are drawn, and a note under the figure says so. Each cell's mean and count
    are written in it up to :data:`ACTOR_ANNOTATE_MAX_COLUMNS` columns.
    """
    check_columns(data, ("actor", group, "sentences", "mean"), "plot_actor_heatmap")
    noun = "document" if group == "doc_id" else group
    if title is None:
        title = f"Mean sentence sentiment per actor and {noun}, sentences naming the actor"
    if data.empty:
        return empty_figure(title)
    means = data.pivot_table(index="actor", columns=group, values="mean", aggfunc="mean")
    counts = data.pivot_table(index="actor", columns=group, values="sentences", aggfunc="sum")
    counts = counts.reindex(index=means.index, columns=means.columns)
    notes = []
    rows, columns = len(means.index), len(means.columns)
    if columns > ACTOR_MAX_COLUMNS:
        keep = counts.sum().sort_values(ascending=False, kind="stable").index[:ACTOR_MAX_COLUMNS]
        keep = [c for c in means.columns if c in set(keep)]
        means, counts = means[keep], counts[keep]
        notes.append(
            showing(
                len(keep),
                columns,
                "documents" if noun == "document" else f"{group} columns",
                "those with the most sentences",
            )
        )
    order = counts.sum(axis=1).sort_values(ascending=False, kind="stable").index
    if rows > ACTOR_MAX_ROWS:
        order = order[:ACTOR_MAX_ROWS]
        notes.append(showing(len(order), rows, "actors", "those named in the most sentences"))
    means, counts = means.loc[order], counts.loc[order]
    if min_sentences > 0:
        notes.append(f"Faded, hatched cells: fewer than {min_sentences} sentences.")
    annotate = len(means.columns) <= ACTOR_ANNOTATE_MAX_COLUMNS
    with mpl.rc_context(theme()):
        width = min(1.2 * len(means.columns) + 3.2, 16)
        height = min(0.42 * len(means) + 1.6, 0.3 * len(means) + 4)
        fig = Figure(figsize=(width, height), layout="constrained")
        ax = fig.add_subplot()
        image = ax.imshow(
            means.to_numpy(dtype=float),
            cmap=_SENTIMENT_CMAP,
            vmin=-1,
            vmax=1,
            aspect="auto",
            interpolation="nearest",
        )
        labels = [str(c) for c in means.columns]
        ax.set_xticks(range(len(labels)), labels, rotation=0 if annotate else 90)
        ax.set_yticks(range(len(means.index)), means.index)
        if colours:
            for tick, label in zip(ax.get_xticklabels(), means.columns, strict=True):
                tick.set_color(colours.get(label, "black"))
        n = counts.to_numpy(dtype=float)
        for i, j in zip(*np.nonzero(~np.isnan(n)), strict=True):
            few = n[i, j] < min_sentences
            if few:
                ax.add_patch(
                    Rectangle(
                        (j - 0.5, i - 0.5),
                        1,
                        1,
                        facecolor=(1, 1, 1, 0.6),
                        edgecolor="0.6",
                        hatch="///",
                        linewidth=0,
                    )
                )
            if annotate:
                ax.text(
                    j,
                    i,
                    f"{means.iat[i, j]:+.2f}\nn={int(n[i, j])}",
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="dimgrey" if few else "black",
                    bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.8}
                    if few
                    else None,
                )
        ax.spines[["left", "bottom"]].set_visible(False)
        fig.colorbar(image, ax=ax, label="mean score of sentences naming the actor", shrink=0.8)
        suptitle(fig, title)
        footnote(fig, *notes)
    return fig


#: The colours of the four kinds of word-shift contribution (ColorBrewer PuOr).
WORD_SHIFT_COLOURS = {
    "positive, more used": "#fdb863",
    "negative, less used": "#fee0b6",
    "negative, more used": "#5e3c99",
    "positive, less used": "#b2abd2",
}


def plot_word_shift(
    data: pd.DataFrame,
    *,
    target: str,
    reference: str,
    n: int = 20,
    colours: dict | None = None,
    title: str | None = None,
) -> Figure:
    """Word shift bars (Gallagher et al. 2021): the ``n`` words that move the average most.

    Parameters
    ----------
    data : DataFrame
        :func:`analysis.word_shift` output, largest contributions first: ``term``,
        ``contribution``, ``kind``, ``phi_reference`` and ``phi_target`` (the average valence
        of each group's text).
    target, reference : str
        The two groups, as passed to :func:`analysis.word_shift`.
    n : int, default 20
        Words drawn.
    colours : dict, optional
        ``{kind: colour}`` replacing the colours of those kinds (:data:`WORD_SHIFT_COLOURS`).
    title : str, optional
        By default a title saying what is drawn.
    """
    phi_target = "phi_target" if "phi_target" in data.columns else "phi_comparison"
    check_columns(
        data, ("term", "contribution", "kind", "phi_reference", phi_target), "plot_word_shift"
    )
    if title is None:
        title = (
            f"Word shift, {target} against {reference}: the {n} largest contributions to the "
            "difference in average word valence"
        )
    if data.empty:
        return empty_figure(title)
    top = data.head(n).iloc[::-1]
    kinds = WORD_SHIFT_COLOURS | dict(colours or {})
    with mpl.rc_context(theme()):
        fig = Figure(figsize=(8, 0.3 * len(top) + 1.8), layout="constrained")
        ax = fig.add_subplot()
        bar_colours = [kinds.get(kind, NEUTRAL_COLOUR) for kind in top["kind"]]
        ax.barh(
            range(len(top)), top["contribution"], color=bar_colours, edgecolor="grey", linewidth=0.4
        )
        ax.set_yticks(range(len(top)), top["term"])
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_xlabel(f"contribution to the {target} − {reference} difference in average valence")
        ax.set_title(
            f"average word valence: {target} {data[phi_target].iloc[0]:+.2f}, "
            f"{reference} {data['phi_reference'].iloc[0]:+.2f}",
            fontsize=8,
            loc="left",
            fontweight="normal",
            color="dimgrey",
        )
        handles = [Patch(color=c, label=k) for k, c in kinds.items()]
        ax.legend(
            handles=handles,
            title=f"word, in the {target} text",
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            fontsize=8,
        )
        suptitle(fig, title)
    return fig


def plot_translation_scatter(
    data: pd.DataFrame, *, colours: dict | None = None, title: str | None = None
) -> Figure:
    """Each aligned sentence's score in the original (x) against its translation (y).

    Parameters
    ----------
    data : DataFrame
        :func:`analysis.align_translation` output: ``compound_a`` (the translation),
        ``compound_b`` (the original), optionally ``doc_id_a`` / ``doc_id_b`` for the axes and
        ``cosine`` for the point sizes.
    colours : dict, optional
        ``{translation doc_id: colour}`` replacing the points' default colour.
    title : str, optional
        By default a title saying what is drawn.
    """
    check_columns(data, ("compound_a", "compound_b"), "plot_translation_scatter")
    translation = (
        str(data["doc_id_a"].iloc[0]) if "doc_id_a" in data and len(data) else "translation"
    )
    original = str(data["doc_id_b"].iloc[0]) if "doc_id_b" in data and len(data) else "original"
    if title is None:
        title = (
            f"Score of each sentence of {translation} against the sentence of {original} "
            "aligned with it"
        )
    if data.empty:
        return empty_figure(title)
    colour = group_colours([translation], colours=colours)[translation]
    with mpl.rc_context(theme()):
        fig = Figure(figsize=(6.2, 6), layout="constrained")
        ax = fig.add_subplot()
        ax.plot([-1, 1], [-1, 1], color="grey", linestyle="--", linewidth=0.8)
        sizes = 10 + 60 * data["cosine"] if "cosine" in data else 25
        ax.scatter(
            data["compound_b"],
            data["compound_a"],
            s=sizes,
            color=colour,
            alpha=0.6,
            linewidths=0,
            rasterized=len(data) > RASTERIZE_POINTS,
        )
        ax.set_xlim(-1.05, 1.05)
        ax.set_ylim(-1.05, 1.05)
        ax.set_xlabel(f"{original} (original): compound per sentence")
        ax.set_ylabel(f"{translation} (translation): compound per sentence")
        ax.set_aspect("equal")
        suptitle(fig, title)
        if "cosine" in data:
            footnote(fig, "Point size: cosine similarity of the aligned sentences.")
    return fig


def plot_side_summary(
    data: pd.DataFrame,
    *,
    group: str,
    lexicon: str = "lexicon",
    colours: dict | None = None,
    title: str | None = None,
) -> Figure:
    """Mean sentence score per group, with its interval, under each lexicon.

    Parameters
    ----------
    data : DataFrame
        ``lexicon``, the ``group`` column, ``mean``, ``ci_low``, ``ci_high``: stacked outputs
        of :func:`analysis.sentiment_summary` by ``group``, one per lexicon.
    group : str
        The grouping column.
    lexicon : str, default "lexicon"
        The column naming the lexicon (or score) of each row; without it, one row.
    colours : dict, optional
        ``{label: colour}`` replacing the default colours of those groups.
    title : str, optional
        By default a title saying what is drawn.

    Notes
    -----
    Past :data:`GROUP_SUMMARY_MAX_GROUPS` groups those with the most sentences (all lexicons
    together) are drawn, and a note under the figure says so.
    """
    check_columns(data, (group, "mean", "ci_low", "ci_high"), "plot_side_summary")
    if title is None:
        title = f"Mean sentence sentiment per {group} under each lexicon, 95 % interval"
    if data.empty:
        return empty_figure(title)
    if lexicon not in data.columns:
        data = data.assign(**{lexicon: ""})
    lexicons = list(dict.fromkeys(data[lexicon]))
    palette = group_colours(data[group], colours=colours)
    labels = list(palette)
    note = ""
    if len(labels) > GROUP_SUMMARY_MAX_GROUPS:
        if "sentences" in data.columns:
            size = data.groupby(group)["sentences"].sum().reindex(labels)
            chosen = set(
                size.sort_values(ascending=False, kind="stable").index[:GROUP_SUMMARY_MAX_GROUPS]
            )
            how = "those with the most sentences"
        else:
            chosen = set(labels[:GROUP_SUMMARY_MAX_GROUPS])
            how = "the first in sorted order"
        note = showing(len(chosen), len(labels), "groups", how)
        labels = [label for label in labels if label in chosen]
    step = min(0.24, 0.8 / len(labels))
    offsets = {label: (i - (len(labels) - 1) / 2) * step for i, label in enumerate(labels)}
    with mpl.rc_context(theme()):
        fig = Figure(
            figsize=(7.5, max(1.1, 0.12 * len(labels)) * len(lexicons) + 1.8),
            layout="constrained",
        )
        ax = fig.add_subplot()
        for i, name in enumerate(lexicons):
            part = data[(data[lexicon] == name) & data[group].isin(labels)]
            for row in part.to_dict("records"):
                ax.errorbar(
                    row["mean"],
                    i + offsets[row[group]],
                    xerr=[[row["mean"] - row["ci_low"]], [row["ci_high"] - row["mean"]]],
                    fmt="o",
                    color=palette[row[group]],
                    capsize=4 if len(labels) <= 4 else 2,
                    markersize=6 if len(labels) <= 4 else 4,
                )
        ax.axvline(0, color="grey", linewidth=0.8)
        ax.set_yticks(range(len(lexicons)), lexicons)
        ax.set_ylim(-0.6, len(lexicons) - 0.4)
        ax.set_xlabel("mean sentence score (bars: 95 % bootstrap interval)")
        group_legend(ax, {label: palette[label] for label in labels}, title=group)
        suptitle(fig, title)
        footnote(fig, note)
    return fig
