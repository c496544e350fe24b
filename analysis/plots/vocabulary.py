"""Figures of vocabulary: top terms, keyness, term frequencies, similarity."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

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

__all__ = [
    "KEYNESS_MAX_TERMS",
    "RASTERIZE_POINTS",
    "SIMILARITY_ANNOTATE_MAX",
    "SIMILARITY_MAX_DOCUMENTS",
    "TOP_TERMS_MAX_PANELS",
    "keyness_plot_data",
    "plot_keyness",
    "plot_similarity",
    "plot_term_frequency",
    "plot_top_terms",
    "similarity_plot_data",
    "term_frequency_data",
]

#: Past this many terms :func:`plot_keyness` draws the half highest and half lowest scores.
KEYNESS_MAX_TERMS = 60

#: Past this many points a scatter is drawn as an image inside the SVG, not one element per
#: point, so the SVG stays small and quick to open.
RASTERIZE_POINTS = 2000

#: :func:`plot_similarity` writes each cell's value in it up to this many documents.
SIMILARITY_ANNOTATE_MAX = 12

#: Past this many documents :func:`plot_similarity` draws the documents most similar to some
#: other document, and says so under the figure.
SIMILARITY_MAX_DOCUMENTS = 50

#: Past this many documents (or groups) :func:`plot_top_terms` draws a seeded random sample.
TOP_TERMS_MAX_PANELS = 12


def keyness_plot_data(table: pd.DataFrame, *, n: int = 12) -> pd.DataFrame:
    """The ``n`` highest and the ``n`` lowest scores of a keyness table, as drawn.

    Among tied scores at a cut the first rows of the table are taken (``nlargest`` and
    ``nsmallest``): :func:`analysis.keyness` puts the stronger of tied terms first, by their
    count in the group they favour, then effect size (see :mod:`analysis.keyness`).

    Returns
    -------
    DataFrame
        The rows drawn, from the top of the figure down (highest score first, the lowest
        last), with ``ties_not_drawn``: how many terms of the table share the row's score but
        are not drawn. When it is above zero the cut fell inside a tie, and which of the tied
        terms are drawn was decided by the tie order alone; :func:`plot_keyness` says so under
        the figure.
    """
    check_columns(table, ("term", "score"), "keyness_plot_data")
    table = table.reset_index(drop=True)
    top = table.nlargest(n, "score")
    bottom = table.nsmallest(n, "score").iloc[::-1]  # the lowest score at the bottom
    drawn = pd.concat([top, bottom])
    drawn = drawn[~drawn.index.duplicated()]
    left_out = table.drop(index=drawn.index)
    # Ties are equal scores: equal counts give bit-identical scores.
    missing = left_out["score"].value_counts()
    drawn = drawn.assign(ties_not_drawn=drawn["score"].map(missing).fillna(0).astype(np.int64))
    return drawn.reset_index(drop=True)


def _ties_note(data: pd.DataFrame) -> str:
    """The note of a keyness figure whose cut fell inside ties, or ""."""
    if "ties_not_drawn" not in data.columns:
        return ""
    cut = data[data["ties_not_drawn"] > 0].drop_duplicates("score")
    if cut.empty:
        return ""
    parts = [f"{row.ties_not_drawn} at {row.score:+.2f}" for row in cut.itertuples(index=False)]
    total = int(cut["ties_not_drawn"].sum())
    return (
        f"Not drawn: {total} more term{'s' if total != 1 else ''} with the same score as a "
        f"drawn one ({', '.join(parts)}). Which tied terms are drawn follows the table's tie "
        "order (count, effect size, documents, then the term), not a difference in evidence."
    )


def plot_keyness(
    data: pd.DataFrame,
    *,
    target: str,
    reference: str,
    threshold: float | None = 1.96,
    score_label: str = "log-odds z-score (Monroe et al. 2008)",
    colours: dict | None = None,
    title: str | None = None,
) -> Figure:
    """Diverging bars: terms over-used by the target (right) and by the reference (left).

    When the table has ``docs_target`` and ``docs_reference``, each bar is labelled with the
    number of documents of each group that use the term, so that a term used by one document
    only is seen as such.

    Parameters
    ----------
    data : DataFrame
        Rows of :func:`analysis.keyness`, e.g. :func:`keyness_plot_data`.
    target, reference : str
        The two groups compared, as passed to :func:`analysis.keyness`: positive scores are the
        target's, negative the reference's.
    threshold : float, optional
        Draw dashed lines at ``±threshold`` (1.96: two-sided 5 % for a z-score).
    score_label : str
        What the score is, for the axis.
    colours : dict, optional
        ``{label: colour}`` replacing the default colours of ``target`` and ``reference``.
    title : str, optional
        By default a title saying what is drawn.

    Notes
    -----
    Past :data:`KEYNESS_MAX_TERMS` rows only the half with the highest and the half with the
    lowest scores are drawn, and a note under the figure says so. When the rows drawn come from
    :func:`keyness_plot_data` and its cut fell inside a tie (``ties_not_drawn``), a note says
    how many tied terms were left out. Rows are drawn in the table's order, highest score at
    the top, so ties appear in :func:`analysis.keyness`'s tie order.
    """
    check_columns(data, ("term", "score"), "plot_keyness")
    if title is None:
        title = f"Terms most over-used by {target} and by {reference}"
    if data.empty:
        return empty_figure(title)
    total = len(data)
    note = ""
    if not data["score"].is_monotonic_decreasing:
        data = data.sort_values("score", ascending=False, kind="stable")
    if total > KEYNESS_MAX_TERMS:
        data = keyness_plot_data(data, n=KEYNESS_MAX_TERMS // 2)
        note = showing(
            len(data), total, "terms", f"the {KEYNESS_MAX_TERMS // 2} highest and lowest scores"
        )
    ties = _ties_note(data)
    # Highest score at the top: barh draws the first row at the bottom.
    data = data.iloc[::-1].reset_index(drop=True)
    palette = group_colours([target, reference], colours=colours)
    counts = {"docs_target", "docs_reference"} <= set(data.columns)
    with mpl.rc_context(theme()):
        fig = Figure(figsize=(8, 0.28 * len(data) + 1.6), layout="constrained")
        ax = fig.add_subplot()
        bar_colours = [palette[target] if s > 0 else palette[reference] for s in data["score"]]
        positions = range(len(data))
        ax.barh(positions, data["score"], color=bar_colours, height=0.75)
        ax.set_yticks(list(positions), data["term"])
        if counts:
            for position, row in zip(positions, data.itertuples(), strict=True):
                ax.annotate(
                    f" {row.docs_target}/{row.docs_reference} docs ",
                    (row.score, position),
                    ha="left" if row.score > 0 else "right",
                    va="center",
                    fontsize=7,
                    color="dimgrey",
                )
            ax.set_title(
                f"labels: documents using the term, {target}/{reference}",
                fontsize=8,
                loc="left",
                fontweight="normal",
                color="dimgrey",
            )
        if threshold is not None:
            for x in (-threshold, threshold):
                ax.axvline(x, color="grey", linestyle="--", linewidth=0.8)
        ax.axvline(0, color="black", linewidth=0.8)
        limit = max(data["score"].abs().max() * 1.35, (threshold or 0) * 1.1, 1e-9)
        ax.set_xlim(-limit, limit)
        ax.set_xlabel(f"← over-used by {reference}    {score_label}    over-used by {target} →")
        suptitle(fig, title)
        footnote(fig, note, ties)
    return fig


def term_frequency_data(table: pd.DataFrame, *, label: int = 8, seed: int = 0) -> pd.DataFrame:
    """Per-thousand-term rates of every term in each group, with the most distinctive labelled.

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
    check_columns(
        table, ("term", "score", "count_target", "count_reference"), "term_frequency_data"
    )
    data = table.copy()
    for side in ("target", "reference"):
        total = data[f"count_{side}"].sum()
        data[f"per_1000_{side}"] = 1000 * data[f"count_{side}"] / total if total else 0.0
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
    target: str,
    reference: str,
    colours: dict | None = None,
    title: str | None = None,
) -> Figure:
    """A static scattertext-style plot: each term's rate in one group against the other.

    Terms on the diagonal are used alike; terms far above it are the target's, far below the
    reference's. Axes are ``ln(1 + uses per 1,000 terms)``, jittered (see
    :func:`term_frequency_data`); the most distinctive terms are labelled. A point is coloured
    by the group whose side of the keyness score it falls on.

    Parameters
    ----------
    data : DataFrame
        As returned by :func:`term_frequency_data`.
    target, reference : str
        The two groups compared (vertical and horizontal axis).
    colours : dict, optional
        ``{label: colour}`` replacing the default colours of ``target`` and ``reference``.
    title : str, optional
        By default a title saying what is drawn.
    """
    check_columns(data, ("term", "score", "x", "y", "labelled"), "plot_term_frequency")
    if title is None:
        title = f"Each term's rate of use in {target} against its rate in {reference}"
    if data.empty:
        return empty_figure(title)
    palette = group_colours([target, reference], colours=colours)
    with mpl.rc_context(theme()):
        fig = Figure(figsize=(7.5, 7), layout="constrained")
        ax = fig.add_subplot()
        point_colours = np.where(data["score"] > 0, palette[target], palette[reference])
        ax.scatter(
            data["x"],
            data["y"],
            s=9,
            c=point_colours,
            alpha=0.35,
            linewidths=0,
            rasterized=len(data) > RASTERIZE_POINTS,
        )
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
        top = max(data["x"].max(), data["y"].max(), 0.1) * 1.05
        ax.plot([0, top], [0, top], color="grey", linewidth=0.8, linestyle="--")
        ax.set_xlim(-0.1, top)
        ax.set_ylim(-0.1, top)
        ax.set_xlabel(f"{reference}: ln(1 + uses per 1,000 terms)")
        ax.set_ylabel(f"{target}: ln(1 + uses per 1,000 terms)")
        suptitle(fig, title)
    return fig


def _square(data: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The long similarity table as a square matrix, and the document ids of its rows.

    Never a ``DataFrame.pivot``: at 10,000 documents the long table has 10^8 rows, and a pivot
    of that size takes minutes. The table :func:`analysis.similarity` returns (every ordered
    pair, ``doc_b`` varying fastest) is reshaped without a copy, so the matrix may be a view of
    ``data``: it is only ever read. Any other complete or partial table is placed cell by cell
    through integer codes; pairs it lacks are NaN.
    """
    a = data["doc_a"].to_numpy()
    b = data["doc_b"].to_numpy()
    values = data["cosine"].to_numpy(dtype=float)
    n = int(np.sqrt(len(data)) + 0.5)
    if n * n == len(data):
        ids = b[:n]
        # Object comparisons of the same string objects are cheap: identity is checked first.
        if (
            len(pd.unique(ids)) == n
            and (b.reshape(n, n) == ids[np.newaxis, :]).all()
            and (a.reshape(n, n) == ids[:, np.newaxis]).all()
        ):
            return values.reshape(n, n), ids
    codes_a, uniques = pd.factorize(a)
    ids = pd.Index(uniques)
    codes_b = ids.get_indexer(b)
    if (codes_b < 0).any():  # a document that appears only as doc_b
        ids = ids.append(pd.Index(pd.unique(b[codes_b < 0])))
        codes_b = ids.get_indexer(b)
    matrix = np.full((len(ids), len(ids)), np.nan)
    matrix[codes_a, codes_b] = values
    return matrix, ids.to_numpy()


def _id_order(ids: np.ndarray) -> np.ndarray:
    """Positions that put the ids in sorted order (as text when they cannot be compared)."""
    try:
        return np.argsort(ids, kind="stable")
    except TypeError:
        return np.argsort(ids.astype(str), kind="stable")


def _similarity_selection(data: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, int]:
    """The square matrix drawn, its ids in sorted order, and how many documents there were.

    Past :data:`SIMILARITY_MAX_DOCUMENTS`, the documents whose highest similarity to another
    document is highest; ties go to the document first in the table.
    """
    matrix, ids = _square(data)
    total = len(ids)
    if total <= SIMILARITY_MAX_DOCUMENTS:
        keep = np.arange(total)
    else:
        closest = np.empty(total)
        # In blocks of rows, so the diagonal can be blanked in a copy of 10^6-odd cells rather
        # than in the matrix, which may be the caller's data.
        for start in range(0, total, 256):
            block = matrix[start : start + 256].copy()
            rows = np.arange(len(block))
            block[rows, start + rows] = np.nan
            closest[start : start + len(block)] = np.fmax.reduce(block, axis=1)
        ranked = np.lexsort((np.arange(total), -np.nan_to_num(closest, nan=-np.inf)))
        keep = ranked[:SIMILARITY_MAX_DOCUMENTS]
    keep = keep[_id_order(ids[keep])]
    return matrix[np.ix_(keep, keep)], ids[keep], total


def similarity_plot_data(data: pd.DataFrame) -> pd.DataFrame:
    """The rows of a similarity table that :func:`plot_similarity` draws, in id order.

    Every pair up to :data:`SIMILARITY_MAX_DOCUMENTS` documents; past it, the pairs among the
    documents drawn. Save this beside the figure rather than the whole table, which at 10,000
    documents has 10^8 rows.

    Returns
    -------
    DataFrame
        ``doc_a``, ``doc_b``, ``cosine``. ``attrs["documents"]`` holds how many documents
        the whole table had, so that :func:`plot_similarity` drawing these rows still says how
        many it leaves out.
    """
    check_columns(data, ("doc_a", "doc_b", "cosine"), "similarity_plot_data")
    if data.empty:
        return data[["doc_a", "doc_b", "cosine"]].copy()
    matrix, ids, total = _similarity_selection(data)
    n = len(ids)
    table = pd.DataFrame(
        {"doc_a": np.repeat(ids, n), "doc_b": np.tile(ids, n), "cosine": matrix.ravel()}
    )
    table = table.dropna(subset=["cosine"]).reset_index(drop=True)
    table.attrs["documents"] = max(total, data.attrs.get("documents", 0))
    return table


def plot_similarity(
    data: pd.DataFrame,
    docs: pd.DataFrame | None = None,
    *,
    group: str | None = None,
    doc_id: str = "doc_id",
    colours: dict | None = None,
    title: str | None = None,
) -> Figure:
    """Heatmap of document similarity: the long table of :func:`analysis.similarity`.

    Parameters
    ----------
    data : DataFrame
        ``doc_a``, ``doc_b``, ``cosine``: every ordered pair of documents.
    docs : DataFrame, optional
        The documents, to colour each document's label by its ``group``.
    group : str, optional
        A column of ``docs``; the tick labels take its colours, with a legend.
    doc_id : str, default "doc_id"
        The document column of ``docs``.
    colours : dict, optional
        ``{label: colour}`` replacing the default colours of those groups.
    title : str, optional
        By default a title saying what is drawn.

    Notes
    -----
    Each cell's value is written in it up to :data:`SIMILARITY_ANNOTATE_MAX` documents. Past
    :data:`SIMILARITY_MAX_DOCUMENTS` documents, only the documents with the highest similarity
    to some other document are drawn (those with the closest pairs, near-duplicates first), in
    id order, and a note under the figure says so; :func:`similarity_plot_data` gives the rows
    drawn, to save beside the figure.
    """
    check_columns(data, ("doc_a", "doc_b", "cosine"), "plot_similarity")
    if title is None:
        title = "Cosine similarity of the documents' TF-IDF vectors, every pair"
    if data.empty:
        return empty_figure(title)
    matrix, ids, total = _similarity_selection(data)
    # Rows from similarity_plot_data remember the size of the table they were taken from.
    total = max(total, data.attrs.get("documents", 0))
    note = ""
    if total > len(ids):
        note = showing(
            len(ids),
            total,
            "documents",
            "those with the highest similarity to another document, in id order",
        )
    n = len(ids)
    tick_colours = {}
    palette = {}
    if group is not None:
        if docs is None:
            raise ValueError("plot_similarity: group= needs docs=, the documents and their groups")
        check_columns(docs, (doc_id, group), "plot_similarity")
        palette = group_colours(docs[group], colours=colours)
        labels = docs.drop_duplicates(doc_id).set_index(doc_id)[group]
        tick_colours = {d: palette.get(labels.get(d), "black") for d in ids}
    with mpl.rc_context(theme()):
        side = min(max(5.2, 0.16 * n + 2.2), 10.5)
        fig = Figure(figsize=(side + 1.0, side), layout="constrained")
        ax = fig.add_subplot()
        image = ax.imshow(matrix, cmap="Greys", vmin=0, vmax=1, interpolation="nearest")
        size = 10 if n <= SIMILARITY_ANNOTATE_MAX else (7 if n <= 30 else 5)
        ax.set_xticks(range(n), [str(d) for d in ids], fontsize=size, rotation=90 if n > 8 else 0)
        ax.set_yticks(range(n), [str(d) for d in ids], fontsize=size)
        for ticks in (ax.get_xticklabels(), ax.get_yticklabels()):
            for tick, identifier in zip(ticks, ids, strict=True):
                tick.set_color(tick_colours.get(identifier, "black"))
        if n <= SIMILARITY_ANNOTATE_MAX:
            for i in range(n):
                for j in range(n):
                    value = matrix[i, j]
                    if np.isnan(value):
                        continue
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
        if palette:
            group_legend(ax, palette, title=group, bbox_to_anchor=(1.25, 1.0))
        suptitle(fig, title)
        footnote(fig, note)
    return fig


def plot_top_terms(
    data: pd.DataFrame,
    docs: pd.DataFrame | None = None,
    *,
    group: str | None = None,
    doc_id: str = "doc_id",
    colours: dict | None = None,
    seed: int = 0,
    title: str | None = None,
) -> Figure:
    """Small multiples: the top TF-IDF terms of each document or group (:func:`analysis.top_terms`).

    Parameters
    ----------
    data : DataFrame
        ``rank``, ``term``, ``tfidf`` and either ``doc_id`` (one panel per document) or the
        ``group`` column (one panel per group: ``top_terms(..., group=...)``).
    docs : DataFrame, optional
        The documents: their labels (:func:`document_label`), and their ``group`` when ``data``
        has one panel per document.
    group : str, optional
        Colour each panel by this column (of ``data``, else of ``docs``).
    doc_id : str, default "doc_id"
        The document column.
    colours : dict, optional
        ``{label: colour}`` replacing the default colours of those groups.
    seed : int, default 0
        Seed of the sample drawn past :data:`TOP_TERMS_MAX_PANELS` panels.
    title : str, optional
        By default a title saying what is drawn.

    Notes
    -----
    Past :data:`TOP_TERMS_MAX_PANELS` documents (or groups) a random sample of that many is
    drawn, in their order in ``data``, and a note under the figure says so.
    """
    unit = doc_id if doc_id in data.columns else group
    if unit is None:
        check_columns(data, (doc_id,), "plot_top_terms")
    check_columns(data, (unit, "rank", "term", "tfidf"), "plot_top_terms")
    noun = "document" if unit == doc_id else str(group)
    depth = int(data.groupby(unit).size().max()) if len(data) else 0
    if title is None:
        title = f"The {depth} terms of highest TF-IDF in each {noun}"
    if data.empty:
        return empty_figure(title)
    units = list(dict.fromkeys(data[unit]))
    total = len(units)
    note = ""
    if total > TOP_TERMS_MAX_PANELS:
        picked = np.random.default_rng(seed).choice(total, TOP_TERMS_MAX_PANELS, replace=False)
        units = [units[i] for i in sorted(picked)]
        note = showing(
            len(units),
            total,
            f"{noun}s" if noun == "document" else "groups",
            f"a random sample (seed {seed})",
        )
    # Each panel's group label: the panel itself, or the document's group.
    palette, panel_group = {}, {}
    if group is not None:
        if unit == group:
            panel_group = {u: u for u in units}
            palette = group_colours(data[group], colours=colours)
        elif group in data.columns:
            panel_group = data.drop_duplicates(unit).set_index(unit)[group].to_dict()
            palette = group_colours(data[group], colours=colours)
        elif docs is not None:
            check_columns(docs, (doc_id, group), "plot_top_terms")
            panel_group = docs.drop_duplicates(doc_id).set_index(doc_id)[group].to_dict()
            palette = group_colours(docs.loc[docs[doc_id].isin(data[unit]), group], colours=colours)
        else:
            raise ValueError(
                f"plot_top_terms: group={group!r} is neither a column of the data nor, "
                "without docs=, of the documents"
            )
    labels = document_labels(docs, units, doc_id=doc_id) if unit == doc_id else {}
    shown = data[data[unit].isin(units)]
    with mpl.rc_context(theme()):
        columns = min(len(units), 3)
        rows = -(-len(units) // columns)
        fig = Figure(figsize=(3.3 * columns, 0.22 * depth * rows + 1.2), layout="constrained")
        axes = fig.subplots(rows, columns, squeeze=False).ravel()
        for ax, name in zip(axes, units, strict=False):
            part = shown[shown[unit] == name].sort_values("rank", ascending=False)
            colour = palette.get(panel_group.get(name), NEUTRAL_COLOUR)
            ax.barh(part["term"], part["tfidf"], color=colour)
            ax.set_title(labels.get(name, str(name)), fontsize=8, loc="left")
            ax.tick_params(axis="y", labelsize=8)
            ax.set_xlabel("TF-IDF", fontsize=8)
        for ax in axes[len(units) :]:
            ax.set_visible(False)
        if palette and unit != group:
            drawn = {panel_group.get(name) for name in units}
            group_legend(
                axes[columns - 1],
                {label: colour for label, colour in palette.items() if label in drawn},
                title=group,
                fontsize=8,
            )
        suptitle(fig, title)
        footnote(fig, note)
    return fig
