"""Figures of framing: how each document names a concept, and its markers per 1,000 words."""

from __future__ import annotations

import re

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.figures import OKABE_ITO, group_colours, theme
from analysis.plots.common import (
    check_columns,
    document_labels,
    empty_figure,
    footnote,
    group_legend,
    showing,
    suptitle,
)

__all__ = [
    "FRAMING_ANNOTATE_MAX_DOCUMENTS",
    "FRAMING_MAX_DOCUMENTS",
    "framing_plot_data",
    "plot_marker_rates",
    "plot_naming",
]

#: Past this many documents :func:`plot_naming` and :func:`plot_marker_rates` draw the
#: documents with the most markers (or names), and say so under the figure.
FRAMING_MAX_DOCUMENTS = 40

#: Up to this many documents the bars carry their counts.
FRAMING_ANNOTATE_MAX_DOCUMENTS = 20

_KEPT = ("category", "concept", "marker", "count", "total", "share", "words")


def _rate_columns(data: pd.DataFrame) -> list[str]:
    return [c for c in data.columns if re.fullmatch(r"per_\d+_words", str(c))]


def framing_plot_data(
    table: pd.DataFrame,
    units: pd.DataFrame,
    docs: pd.DataFrame | None = None,
    *,
    group: str | None = None,
    doc_id: str = "doc_id",
) -> pd.DataFrame:
    """A per-document table of :func:`analysis.framing` or :func:`analysis.naming`, with the
    text of the sentences behind each bar.

    Parameters
    ----------
    table : DataFrame
        Per document: :func:`analysis.framing` (either ``by``) or :func:`analysis.naming`
        with ``group="doc_id"``; it needs ``doc_id`` and ``sent_ids``.
    units : DataFrame
        The documents' sentences, :func:`analysis.sentences`, numbered as ``sent_ids`` are.
    docs : DataFrame, optional
        The documents, for their labels (:func:`analysis.plots.document_label`).
    group : str, optional
        A column of ``table`` to carry along.
    doc_id : str, default "doc_id"
        The document column.

    Returns
    -------
    DataFrame
        ``doc_id``, ``label``, the ``group`` column, those of ``category``, ``concept``,
        ``marker``, ``count``, ``total``, ``share``, ``words`` and the rate that ``table`` has,
        ``sent_ids`` (space-separated) and ``sentences``: the sentences that carry the
        markers of the row, one per line, so that the figure's CSV shows what each bar counts.
    """
    check_columns(table, (doc_id, "sent_ids", group), "framing_plot_data")
    check_columns(units, (doc_id, "sent_id", "text"), "framing_plot_data")
    texts = dict(zip(zip(units[doc_id], units["sent_id"], strict=True), units["text"], strict=True))
    lines = []
    for document, ids in zip(table[doc_id], table["sent_ids"], strict=True):
        missing = [i for i in ids if (document, i) not in texts]
        if missing:
            raise ValueError(
                f"framing_plot_data: document {document!r} has no sentence {missing[0]} in units; "
                "pass analysis.sentences of the same documents"
            )
        lines.append("\n".join(texts[(document, i)] for i in ids))
    front = [doc_id] + ([group] if group is not None and group != doc_id else [])
    kept = [c for c in (*_KEPT, *_rate_columns(table)) if c in table.columns and c not in front]
    data = table[front + kept].reset_index(drop=True)
    labels = document_labels(docs, data[doc_id].unique(), doc_id=doc_id)
    data.insert(1, "label", data[doc_id].map(labels))
    data["sent_ids"] = [" ".join(map(str, ids)) for ids in table["sent_ids"]]
    data["sentences"] = lines
    return data


def _palette(levels: list, colours: dict | None) -> dict:
    """Okabe-Ito colours in the order of ``levels``, whatever their number.

    Two levels do not take the pair colours of :func:`analysis.group_colours`, which the
    figures keep for two groups of documents; the user's ``colours`` replace any of them.
    """
    chosen = {level: OKABE_ITO[i % len(OKABE_ITO)] for i, level in enumerate(levels)}
    checked = group_colours(levels, colours=colours)  # checks the user's colours
    chosen.update({level: checked[level] for level in colours or {} if level in chosen})
    return chosen


def _documents(
    data: pd.DataFrame, doc_id: str, group: str | None, weight: pd.Series
) -> tuple[pd.DataFrame, str]:
    """The documents drawn, top to bottom, with their tick labels; and the note of a cap."""
    columns = [doc_id] + [c for c in ("label", group) if c is not None and c in data.columns]
    documents = data.drop_duplicates(doc_id)[list(dict.fromkeys(columns))].reset_index(drop=True)
    documents["_weight"] = documents[doc_id].map(weight).fillna(0).to_numpy()
    total, note = len(documents), ""
    if total > FRAMING_MAX_DOCUMENTS:
        documents = documents.sort_values(["_weight", doc_id], ascending=[False, True])
        documents = documents.head(FRAMING_MAX_DOCUMENTS)
        note = showing(len(documents), total, "documents", "those with the most markers")
    order = [group, doc_id] if group is not None and group != doc_id else [doc_id]
    # barh draws from the bottom: the first document goes last.
    documents = documents.sort_values(order, ascending=False, kind="stable").reset_index(drop=True)
    ticks = (
        documents["label"].astype(str) if "label" in documents else documents[doc_id].astype(str)
    )
    if group is not None and group != doc_id:
        ticks = ticks + " · " + documents[group].astype(str)
    documents["_tick"] = ticks.to_numpy()
    return documents, note


def plot_naming(
    data: pd.DataFrame,
    *,
    doc_id: str = "doc_id",
    group: str | None = None,
    colours: dict | None = None,
    title: str | None = None,
) -> Figure:
    """Stacked bars: the share of each name of a concept in each document.

    Parameters
    ----------
    data : DataFrame
        Per document and name: :func:`analysis.naming` (``group="doc_id"``), or
        :func:`framing_plot_data` of it; ``doc_id``, ``marker`` and ``count``.
    doc_id : str, default "doc_id"
        The document column.
    group : str, optional
        A column whose label is written after each document's.
    colours : dict, optional
        ``{name: colour}`` replacing the default colours of those names.
    title : str, optional
        By default a title saying what is drawn.

    Notes
    -----
    Each bar is a document's names of the concept, as shares adding up to one, with the
    number of names at its end; a document that never names the concept has an empty bar
    marked "none". Past :data:`FRAMING_MAX_DOCUMENTS` documents, those with the most names are
    drawn, and a note under the figure says so.
    """
    check_columns(data, (doc_id, "marker", "count", group), "plot_naming")
    concepts = data["concept"].dropna().unique() if "concept" in data.columns else []
    if title is None:
        title = (
            f"How each document names “{concepts[0]}”: the share of each name"
            if len(concepts) == 1
            else "How each document names a concept: the share of each name"
        )
    if data.empty:
        return empty_figure(title)
    totals = data.groupby(doc_id, sort=False)["count"].sum()
    documents, note = _documents(data, doc_id, group, totals)
    names = list(
        data.groupby("marker", sort=False)["count"]
        .sum()
        .sort_values(ascending=False, kind="stable")
        .index
    )
    palette = _palette(names, colours)
    counts = data.pivot_table(index=doc_id, columns="marker", values="count", aggfunc="sum")
    counts = counts.reindex(index=documents[doc_id], columns=names).fillna(0)
    with mpl.rc_context(theme()):
        fig = Figure(figsize=(8.5, max(3.2, 0.32 * len(documents) + 2.2)), layout="constrained")
        ax = fig.add_subplot()
        y = np.arange(len(documents))
        row_totals = counts.sum(axis=1).to_numpy()
        shares = counts.to_numpy() / np.where(row_totals > 0, row_totals, 1)[:, None]
        left = np.zeros(len(documents))
        for k, name in enumerate(names):
            ax.barh(y, shares[:, k], left=left, height=0.7, color=palette[name], label=name)
            left += shares[:, k]
        if len(documents) <= FRAMING_ANNOTATE_MAX_DOCUMENTS:
            for position, total in zip(y, row_totals, strict=True):
                label = f"n = {int(total)}" if total else "none"
                ax.text(1.01, position, label, va="center", fontsize=8, color="dimgrey")
        ax.set_yticks(y, documents["_tick"])
        ax.set_xlim(0, 1.12)
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["0", "25 %", "50 %", "75 %", "100 %"])
        ax.set_xlabel("share of the document's names of the concept (n: names counted)")
        group_legend(ax, palette, title="name")
        suptitle(fig, title)
        footnote(fig, note)
    return fig


def plot_marker_rates(
    data: pd.DataFrame,
    *,
    doc_id: str = "doc_id",
    group: str | None = None,
    category: str = "category",
    rate: str | None = None,
    colours: dict | None = None,
    title: str | None = None,
) -> Figure:
    """Grouped bars: markers per 1,000 words in each document, one bar per category.

    Parameters
    ----------
    data : DataFrame
        Per document and category (or marker): :func:`analysis.framing`, or
        :func:`framing_plot_data` of it. Filter it to the categories to draw.
    doc_id : str, default "doc_id"
        The document column.
    group : str, optional
        A column whose label is written after each document's.
    category : str, default "category"
        The column whose values are the bars of each document ("marker" for single markers).
    rate : str, optional
        The rate column; by default the one named like ``per_1000_words``.
    colours : dict, optional
        ``{category: colour}`` replacing the default colours of those categories.
    title : str, optional
        By default a title saying what is drawn.

    Notes
    -----
    Up to :data:`FRAMING_ANNOTATE_MAX_DOCUMENTS` documents each bar carries its raw count.
    Past :data:`FRAMING_MAX_DOCUMENTS` documents, those with the highest total rate are
    drawn, and a note under the figure says so.
    """
    if rate is None:
        rates = _rate_columns(data) if isinstance(data, pd.DataFrame) else []
        rate = rates[0] if rates else "per_1000_words"
    check_columns(data, (doc_id, category, rate, group), "plot_marker_rates")
    per = re.fullmatch(r"per_(\d+)_words", rate)
    unit = f"per {int(per[1]):,} words" if per else rate
    levels = list(dict.fromkeys(data[category]))
    if title is None:
        shown = ", ".join(map(str, levels[:4])) + (" ..." if len(levels) > 4 else "")
        title = f"Markers {unit} in each document: {shown}"
    if data.empty:
        return empty_figure(title)
    totals = data.groupby(doc_id, sort=False)[rate].sum()
    documents, note = _documents(data, doc_id, group, totals)
    palette = _palette(levels, colours)
    values = data.pivot_table(index=doc_id, columns=category, values=rate, aggfunc="sum")
    values = values.reindex(index=documents[doc_id], columns=levels).fillna(0)
    counts = None
    if "count" in data.columns:
        counts = data.pivot_table(index=doc_id, columns=category, values="count", aggfunc="sum")
        counts = counts.reindex(index=documents[doc_id], columns=levels).fillna(0)
    annotate = counts is not None and len(documents) <= FRAMING_ANNOTATE_MAX_DOCUMENTS
    with mpl.rc_context(theme()):
        height = max(3.2, (0.18 * len(levels) + 0.12) * len(documents) + 2.2)
        fig = Figure(figsize=(8.5, height), layout="constrained")
        ax = fig.add_subplot()
        y = np.arange(len(documents))
        width = 0.8 / len(levels)
        widest = float(np.nanmax(values.to_numpy())) if values.size else 0.0
        for k, level in enumerate(levels):
            # The first category on top within each document.
            offset = 0.4 - width * (k + 0.5)
            ax.barh(y + offset, values[level], height=width * 0.92, color=palette[level])
            if annotate:
                for position, value, count in zip(
                    y + offset, values[level], counts[level], strict=True
                ):
                    ax.text(
                        value + widest * 0.01,
                        position,
                        str(int(count)),
                        va="center",
                        fontsize=7,
                        color="dimgrey",
                    )
        ax.set_yticks(y, documents["_tick"])
        ax.set_xlim(0, widest * 1.1 if widest > 0 else 1)
        ax.set_xlabel(f"markers {unit}" + (" (numbers: raw counts)" if annotate else ""))
        group_legend(ax, palette, title=category)
        suptitle(fig, title)
        footnote(fig, note)
    return fig
