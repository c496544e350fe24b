"""Figures of sentiment: sentences per account, along the text, actors, word shift, translation."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from analysis.figures import SIDE_COLOURS, theme
from analysis.plots.common import document_label, side_legend, suptitle
from analysis.sentiment import NEGATIVE_CUTOFF, POSITIVE_CUTOFF

__all__ = [
    "plot_actor_heatmap",
    "plot_sentence_sentiment",
    "plot_sentiment_along_text",
    "plot_side_summary",
    "plot_translation_scatter",
    "plot_word_shift",
    "sentence_sentiment_data",
    "sentiment_along_text_data",
]

# Sentiment runs from negative to positive on a purple-green scale, so that it is never
# confused with the red and blue of the two sides.
_SENTIMENT_CMAP = "PiYG"


def sentence_sentiment_data(
    scored: pd.DataFrame, summary: pd.DataFrame, corpus: pd.DataFrame, *, seed: int = 0
) -> pd.DataFrame:
    """Sentences with their document's label, mean and interval, and a seeded vertical jitter.

    Parameters
    ----------
    scored : DataFrame
        Scored sentences (:func:`analysis.sentence_sentiment`).
    summary : DataFrame
        Per-document summary (:func:`analysis.sentiment_summary` with ``by="doc_id"``).
    corpus : DataFrame
        The documents, for their labels.
    """
    labels = {r["doc_id"]: document_label(r) for _, r in corpus.iterrows()}
    data = scored[["doc_id", "sent_id", "stance", "compound"]].merge(
        summary[["doc_id", "mean", "ci_low", "ci_high"]], on="doc_id"
    )
    data.insert(1, "label", data["doc_id"].map(labels))
    data["jitter"] = np.random.default_rng(seed).uniform(-0.22, 0.22, len(data))
    return data


def plot_sentence_sentiment(data: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Each sentence's compound score per account, with the mean and its 95 % interval."""
    documents = data.drop_duplicates("doc_id").sort_values("doc_id", ascending=False)
    if title is None:
        lowest = documents.loc[documents["mean"].idxmin()]
        highest = documents.loc[documents["mean"].idxmax()]
        negative = data.loc[data["doc_id"] == highest["doc_id"], "compound"] <= NEGATIVE_CUTOFF
        title = (
            f"Mean sentence sentiment runs from {lowest['mean']:+.2f} ({lowest['doc_id']}) to "
            f"{highest['mean']:+.2f} ({highest['doc_id']}); even {highest['doc_id']} has "
            f"{negative.mean():.0%} negative sentences"
        )
    with mpl.rc_context(theme()):
        fig = Figure(figsize=(8.5, 4.2), layout="constrained")
        ax = fig.add_subplot()
        position = {doc_id: i for i, doc_id in enumerate(documents["doc_id"])}
        y = data["doc_id"].map(position) + data["jitter"]
        colours = data["stance"].map(SIDE_COLOURS)
        ax.scatter(data["compound"], y, s=10, c=colours, alpha=0.4, linewidths=0)
        for row in documents.itertuples():
            at = position[row.doc_id]
            ax.errorbar(
                row.mean,
                at,
                xerr=[[row.mean - row.ci_low], [row.ci_high - row.mean]],
                fmt="D",
                color="black",
                markersize=5,
                capsize=4,
            )
        ax.axvspan(NEGATIVE_CUTOFF, POSITIVE_CUTOFF, color="grey", alpha=0.12, linewidth=0)
        ax.axvline(0, color="grey", linewidth=0.8)
        ax.set_yticks(list(position.values()), documents["label"])
        ax.set_xlim(-1.02, 1.02)
        ax.set_xlabel("VADER compound score per sentence (◆ mean, bars: 95 % bootstrap interval)")
        side_legend(ax)
        suptitle(fig, title)
    return fig


def sentiment_along_text_data(scored: pd.DataFrame, *, window: int = 5) -> pd.DataFrame:
    """Sentences in text order with a centred rolling mean of ``window`` sentences."""
    data = scored[["doc_id", "sent_id", "stance", "position", "compound"]].copy()
    data["rolling_mean"] = data.groupby("doc_id")["compound"].transform(
        lambda s: s.rolling(window, center=True, min_periods=1).mean()
    )
    return data


def plot_sentiment_along_text(data: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Compound score of each sentence along each text, with its rolling mean."""
    documents = list(dict.fromkeys(data["doc_id"]))
    if title is None:
        halves = data.assign(half=np.where(data["position"] < 0.5, "first", "second"))
        means = halves.groupby(["doc_id", "half"])["compound"].mean().unstack()
        change = (means["second"] - means["first"]).sort_values()
        steepest = change.index[0]
        title = (
            f"{steepest} falls from {means.loc[steepest, 'first']:+.2f} in its first half to "
            f"{means.loc[steepest, 'second']:+.2f} in its second; the other accounts move by at "
            f"most {change.drop(steepest).abs().max():.2f} (mean compound per half)"
        )
    with mpl.rc_context(theme()):
        fig = Figure(figsize=(8.5, 1.45 * len(documents) + 1), layout="constrained")
        axes = fig.subplots(len(documents), 1, sharex=True, squeeze=False).ravel()
        for ax, doc_id in zip(axes, documents, strict=True):
            part = data[data["doc_id"] == doc_id]
            colour = SIDE_COLOURS.get(part["stance"].iloc[0], "grey")
            ax.axhline(0, color="grey", linewidth=0.6)
            ax.scatter(part["position"], part["compound"], s=8, color=colour, alpha=0.45)
            ax.plot(part["position"], part["rolling_mean"], color=colour, linewidth=1.6)
            ax.set_ylim(-1.05, 1.05)
            ax.set_ylabel(doc_id, rotation=0, ha="right", va="center")
        axes[-1].set_xlabel("position in the text (0 = first sentence, 1 = last)")
        side_legend(axes[0])
        suptitle(fig, title)
    return fig


def plot_actor_heatmap(
    data: pd.DataFrame, *, by: str = "doc_id", title: str | None = None
) -> Figure:
    """Actors × accounts: mean compound of the sentences that mention each actor.

    Parameters
    ----------
    data : DataFrame
        :func:`analysis.actor_sentiment` output.
    """
    means = data.pivot(index="actor", columns=by, values="mean")
    counts = data.pivot(index="actor", columns=by, values="sentences")
    order = counts.sum(axis=1).sort_values(ascending=False).index
    means, counts = means.loc[order], counts.loc[order]
    if title is None:
        negative = (means < 0).sum() / means.notna().sum()
        worst, best = negative.idxmax(), negative.idxmin()
        title = (
            f"Tone follows the account more than the actor: {worst} names "
            f"{(means[worst] < 0).sum()} of {means[worst].notna().sum()} actors in sentences "
            f"that average below zero, {best} {(means[best] < 0).sum()} of "
            f"{means[best].notna().sum()}"
        )
    with mpl.rc_context(theme()):
        fig = Figure(
            figsize=(1.2 * len(means.columns) + 3.2, 0.42 * len(means) + 1.6), layout="constrained"
        )
        ax = fig.add_subplot()
        image = ax.imshow(
            means.to_numpy(dtype=float), cmap=_SENTIMENT_CMAP, vmin=-1, vmax=1, aspect="auto"
        )
        ax.set_xticks(range(len(means.columns)), means.columns)
        ax.set_yticks(range(len(means.index)), means.index)
        for i in range(len(means.index)):
            for j in range(len(means.columns)):
                n = counts.iat[i, j]
                if pd.notna(n):
                    ax.text(
                        j,
                        i,
                        f"{means.iat[i, j]:+.2f}\nn={int(n)}",
                        ha="center",
                        va="center",
                        fontsize=7,
                    )
        ax.spines[["left", "bottom"]].set_visible(False)
        fig.colorbar(image, ax=ax, label="mean compound of sentences naming the actor", shrink=0.8)
        suptitle(fig, title)
    return fig


_KIND_COLOURS = {
    "positive, more used": "#fdb863",
    "negative, less used": "#fee0b6",
    "negative, more used": "#5e3c99",
    "positive, less used": "#b2abd2",
}


def plot_word_shift(
    data: pd.DataFrame,
    *,
    n: int = 20,
    comparison: str = "critical",
    reference: str = "favourable",
    title: str | None = None,
) -> Figure:
    """Word shift bars (Gallagher et al. 2021): the ``n`` words that move the average most."""
    top = data.head(n).iloc[::-1]
    phi_ref, phi_comp = data["phi_reference"].iloc[0], data["phi_comparison"].iloc[0]
    if title is None:
        title = (
            f"Average word valence: {comparison} {phi_comp:+.2f} vs {reference} {phi_ref:+.2f}; "
            f"the top {n} words explain {top['contribution'].sum() / (phi_comp - phi_ref):.0%} "
            "of the gap"
        )
    with mpl.rc_context(theme()):
        fig = Figure(figsize=(8, 0.3 * len(top) + 1.8), layout="constrained")
        ax = fig.add_subplot()
        colours = [_KIND_COLOURS[kind] for kind in top["kind"]]
        ax.barh(
            range(len(top)), top["contribution"], color=colours, edgecolor="grey", linewidth=0.4
        )
        ax.set_yticks(range(len(top)), top["term"])
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_xlabel(
            f"contribution to the {comparison} − {reference} difference in average valence"
        )
        handles = [Patch(color=c, label=k) for k, c in _KIND_COLOURS.items()]
        ax.legend(
            handles=handles,
            title=f"word, in the {comparison} text",
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            fontsize=8,
        )
        suptitle(fig, title)
    return fig


def plot_translation_scatter(
    data: pd.DataFrame, *, original: str = "001", translation: str = "000", title: str | None = None
) -> Figure:
    """Each aligned sentence's compound score in the original (x) against its translation (y)."""
    r = np.corrcoef(data["compound_b"], data["compound_a"])[0, 1] if len(data) > 1 else np.nan
    if title is None:
        moved = (data["difference"].abs() >= 0.5).sum()
        title = (
            f"Machine translation keeps sentence sentiment roughly (r = {r:.2f}), but moves "
            f"{moved} of {len(data)} sentences by 0.5 or more"
        )
    with mpl.rc_context(theme()):
        fig = Figure(figsize=(6.2, 6), layout="constrained")
        ax = fig.add_subplot()
        ax.plot([-1, 1], [-1, 1], color="grey", linestyle="--", linewidth=0.8)
        sizes = 10 + 60 * data["cosine"]
        ax.scatter(
            data["compound_b"],
            data["compound_a"],
            s=sizes,
            color=SIDE_COLOURS["critical"],
            alpha=0.6,
            linewidths=0,
        )
        ax.set_xlim(-1.05, 1.05)
        ax.set_ylim(-1.05, 1.05)
        ax.set_xlabel(f"{original} (original): compound per sentence")
        ax.set_ylabel(f"{translation} (machine translation): compound per sentence")
        ax.set_aspect("equal")
        suptitle(fig, title)
    return fig


def plot_side_summary(data: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Mean sentence score per side, with its interval, under each lexicon.

    Parameters
    ----------
    data : DataFrame
        ``lexicon``, ``stance``, ``mean``, ``ci_low``, ``ci_high`` (stacked outputs of
        :func:`analysis.sentiment_summary` with ``by="stance"``).
    """
    lexicons = list(dict.fromkeys(data["lexicon"]))
    if title is None:
        agree = all(
            (
                part.set_index("stance")["mean"].get("favourable", np.nan)
                > part.set_index("stance")["mean"].get("critical", np.nan)
            )
            for _, part in data.groupby("lexicon")
        )
        verdict = "Both lexicons" if agree else "Not every lexicon"
        title = f"{verdict} score the favourable side above the critical side"
    with mpl.rc_context(theme()):
        fig = Figure(figsize=(7.5, 1.1 * len(lexicons) + 1.8), layout="constrained")
        ax = fig.add_subplot()
        for i, lexicon in enumerate(lexicons):
            part = data[data["lexicon"] == lexicon]
            for offset, row in zip(
                (-0.12, 0.12), part.sort_values("stance").itertuples(), strict=False
            ):
                ax.errorbar(
                    row.mean,
                    i + offset,
                    xerr=[[row.mean - row.ci_low], [row.ci_high - row.mean]],
                    fmt="o",
                    color=SIDE_COLOURS.get(row.stance, "grey"),
                    capsize=4,
                )
        ax.axvline(0, color="grey", linewidth=0.8)
        ax.set_yticks(range(len(lexicons)), lexicons)
        ax.set_ylim(-0.6, len(lexicons) - 0.4)
        ax.set_xlabel("mean sentence score, canonical accounts (bars: 95 % bootstrap interval)")
        side_legend(ax)
        suptitle(fig, title)
    return fig
