"""Figures of vocabulary: top terms, keyness, term frequencies, similarity."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.figures import SIDE_COLOURS, theme
from analysis.plots.common import document_label, suptitle

__all__ = [
    "keyness_plot_data",
    "plot_keyness",
    "plot_similarity",
    "plot_term_frequency",
    "plot_top_terms",
    "term_frequency_data",
]


def keyness_plot_data(table: pd.DataFrame, *, n: int = 12) -> pd.DataFrame:
    """The ``n`` most over-used terms on each side of a keyness table, as drawn."""
    top = table.nlargest(n, "score")
    bottom = table.nsmallest(n, "score")
    return pd.concat([top, bottom]).drop_duplicates("term").sort_values("score", ignore_index=True)


def plot_keyness(
    data: pd.DataFrame,
    *,
    target: str = "critical",
    reference: str = "favourable",
    threshold: float | None = 1.96,
    score_label: str = "log-odds z-score (Monroe et al. 2008)",
    title: str | None = None,
) -> Figure:
    """Diverging bars: terms over-used by the target (right) and by the reference (left).

    Each bar is labelled with the number of documents on each side that use the term, so that
    a term used by one document only is seen as such.

    Parameters
    ----------
    data : DataFrame
        Rows of :func:`analysis.keyness`, e.g. :func:`keyness_plot_data`.
    threshold : float, optional
        Draw dashed lines at ``±threshold`` (1.96: two-sided 5 % for a z-score).
    """
    data = data.sort_values("score", ignore_index=True)
    if title is None and threshold is not None:
        beyond = int((data["score"].abs() >= threshold).sum())
        title = f"{beyond} of the {len(data)} most distinctive terms reach |score| ≥ {threshold}"
    with mpl.rc_context(theme()):
        fig = Figure(figsize=(8, 0.28 * len(data) + 1.6), layout="constrained")
        ax = fig.add_subplot()
        colours = [SIDE_COLOURS.get(target if s > 0 else reference, "grey") for s in data["score"]]
        positions = range(len(data))
        ax.barh(positions, data["score"], color=colours, height=0.75)
        ax.set_yticks(list(positions), data["term"])
        for position, row in zip(positions, data.itertuples(), strict=True):
            note = f" {row.docs_target}/{row.docs_reference} docs "
            ax.annotate(
                note,
                (row.score, position),
                ha="left" if row.score > 0 else "right",
                va="center",
                fontsize=7,
                color="dimgrey",
            )
        if threshold is not None:
            for x in (-threshold, threshold):
                ax.axvline(x, color="grey", linestyle="--", linewidth=0.8)
        ax.axvline(0, color="black", linewidth=0.8)
        limit = max(data["score"].abs().max() * 1.35, (threshold or 0) * 1.1)
        ax.set_xlim(-limit, limit)
        ax.set_xlabel(f"← over-used by {reference}    {score_label}    over-used by {target} →")
        ax.set_title(
            f"labels: documents using the term, {target}/{reference}",
            fontsize=8,
            loc="left",
            fontweight="normal",
            color="dimgrey",
        )
        suptitle(fig, title or "")
    return fig


def term_frequency_data(table: pd.DataFrame, *, label: int = 8, seed: int = 0) -> pd.DataFrame:
    """Per-thousand-term rates of every term on each side, with the most distinctive labelled.

    Parameters
    ----------
    table : DataFrame
        A keyness table (:func:`analysis.keyness`).
    label : int, default 8
        Label this many of the highest and of the lowest scores.
    seed : int, default 0
        Seed of the jitter that separates terms with identical counts (most rare terms).

    Returns
    -------
    DataFrame
        The keyness table's columns plus ``per_1000_target``, ``per_1000_reference``, the
        jittered plotting positions ``x`` and ``y`` and ``labelled``.
    """
    data = table.copy()
    data["per_1000_target"] = 1000 * data["count_target"] / data["count_target"].sum()
    data["per_1000_reference"] = 1000 * data["count_reference"] / data["count_reference"].sum()
    rng = np.random.default_rng(seed)
    # Jitter in log space, small against the gap between one and two uses.
    data["x"] = np.log1p(data["per_1000_reference"]) + rng.uniform(-0.06, 0.06, len(data))
    data["y"] = np.log1p(data["per_1000_target"]) + rng.uniform(-0.06, 0.06, len(data))
    labelled = set(data.nlargest(label, "score")["term"]) | set(
        data.nsmallest(label, "score")["term"]
    )
    data["labelled"] = data["term"].isin(labelled)
    return data.sort_values(["score", "term"], ascending=[False, True], ignore_index=True)


def plot_term_frequency(
    data: pd.DataFrame,
    *,
    target: str = "critical",
    reference: str = "favourable",
    title: str | None = None,
) -> Figure:
    """A static scattertext-style plot: each term's rate on one side against the other.

    Terms on the diagonal are used alike; terms far above it are the target's, far below the
    reference's. Axes are ``ln(1 + uses per 1,000 terms)``, jittered (see
    :func:`term_frequency_data`); the most distinctive terms are labelled.
    """
    if title is None:
        ahead = data.nlargest(2, "score")["term"].tolist()
        behind = data.nsmallest(2, "score")["term"].tolist()
        title = (
            f"Above the diagonal the {target} side's words ({', '.join(ahead)}), "
            f"below it the {reference} side's ({', '.join(behind)})"
        )
    with mpl.rc_context(theme()):
        fig = Figure(figsize=(7.5, 7), layout="constrained")
        ax = fig.add_subplot()
        colours = [
            SIDE_COLOURS[target] if s > 0 else SIDE_COLOURS[reference] for s in data["score"]
        ]
        ax.scatter(data["x"], data["y"], s=9, c=colours, alpha=0.35, linewidths=0)
        labelled = data[data["labelled"]].sort_values(["y", "x"])
        # Labels at the same height would print over each other: alternate their offsets.
        for rank, row in enumerate(labelled.itertuples()):
            ax.annotate(
                row.term,
                (row.x, row.y),
                fontsize=7,
                xytext=(4, (rank % 3 - 1) * 7),
                textcoords="offset points",
                arrowprops={"arrowstyle": "-", "color": "grey", "linewidth": 0.4},
            )
        top = max(data["x"].max(), data["y"].max()) * 1.05
        ax.plot([0, top], [0, top], color="grey", linewidth=0.8, linestyle="--")
        ax.set_xlim(-0.1, top)
        ax.set_ylim(-0.1, top)
        ax.set_xlabel(f"{reference}: ln(1 + uses per 1,000 terms)")
        ax.set_ylabel(f"{target}: ln(1 + uses per 1,000 terms)")
        suptitle(fig, title)
    return fig


def plot_similarity(data: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Heatmap of document similarity (the long table of :func:`analysis.similarity`)."""
    matrix = data.pivot(index="doc_a", columns="doc_b", values="cosine")
    if title is None:
        off = data[data["doc_a"] != data["doc_b"]]
        best = off.loc[off["cosine"].idxmax()]
        same_pair = off[["doc_a", "doc_b"]].isin([best["doc_a"], best["doc_b"]]).all(axis=1)
        title = (
            f"{best['doc_a']} and {best['doc_b']} are the same text "
            f"(cosine {best['cosine']:.2f}); no other pair exceeds "
            f"{off.loc[~same_pair, 'cosine'].max():.2f}"
        )
    with mpl.rc_context(theme()):
        fig = Figure(figsize=(6.2, 5.2), layout="constrained")
        ax = fig.add_subplot()
        image = ax.imshow(matrix.to_numpy(), cmap="Greys", vmin=0, vmax=1)
        ax.set_xticks(range(len(matrix.columns)), matrix.columns)
        ax.set_yticks(range(len(matrix.index)), matrix.index)
        for i in range(len(matrix.index)):
            for j in range(len(matrix.columns)):
                value = matrix.iat[i, j]
                ax.text(
                    j,
                    i,
                    f"{value:.2f}",
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if value > 0.6 else "black",
                )
        ax.spines[["left", "bottom"]].set_visible(False)
        fig.colorbar(image, ax=ax, label="cosine similarity of TF-IDF vectors", shrink=0.8)
        suptitle(fig, title)
    return fig


def plot_top_terms(
    data: pd.DataFrame, corpus: pd.DataFrame, *, unit: str = "doc_id", title: str | None = None
) -> Figure:
    """Small multiples: the top TF-IDF terms of each document (from :func:`analysis.top_terms`)."""
    units = list(dict.fromkeys(data[unit]))
    stance = corpus.set_index("doc_id")["stance"].to_dict() if unit == "doc_id" else {}
    labels = (
        {r["doc_id"]: document_label(r) for _, r in corpus.iterrows()} if unit == "doc_id" else {}
    )
    with mpl.rc_context(theme()):
        columns = min(len(units), 3)
        rows = -(-len(units) // columns)
        fig = Figure(
            figsize=(3.3 * columns, 0.22 * data.groupby(unit).size().max() * rows + 1.2),
            layout="constrained",
        )
        axes = fig.subplots(rows, columns, squeeze=False).ravel()
        for ax, name in zip(axes, units, strict=False):
            part = data[data[unit] == name].sort_values("rank", ascending=False)
            colour = SIDE_COLOURS.get(stance.get(name, name), "grey")
            ax.barh(part["term"], part["tfidf"], color=colour)
            ax.set_title(labels.get(name, name), fontsize=8, loc="left")
            ax.tick_params(axis="y", labelsize=8)
            ax.set_xlabel("TF-IDF", fontsize=8)
        for ax in axes[len(units) :]:
            ax.set_visible(False)
        if title is None:
            leaders = data[data["rank"] == 1].set_index(unit)["term"]
            title = "Each account's top TF-IDF term: " + ", ".join(
                f"{name} '{term}'" for name, term in leaders.items()
            )
        suptitle(fig, title)
    return fig
