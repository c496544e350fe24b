"""Figures of the corpus and its cleaning."""

from __future__ import annotations

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure

from analysis.cleaning import word_count
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

__all__ = ["CLEANING_WORDS_MAX_DOCUMENTS", "cleaning_words_data", "plot_cleaning_words"]

#: Past this many documents :func:`plot_cleaning_words` draws only the documents whose cleaning
#: removed the largest share of words, and says so under the figure.
CLEANING_WORDS_MAX_DOCUMENTS = 40


def cleaning_words_data(
    corpus: pd.DataFrame, *, group: str | None = None, doc_id: str = "doc_id"
) -> pd.DataFrame:
    """Words per document before and after cleaning: one row per document and stage.

    Parameters
    ----------
    corpus : DataFrame
        Documents with ``raw_text`` and ``text`` (:func:`analysis.load_corpus`).
    group : str, optional
        A column of ``corpus`` to carry along, for colouring the bars.
    doc_id : str, default "doc_id"
        The document column.

    Returns
    -------
    DataFrame
        ``doc_id`` (named after ``doc_id``), ``label``, the ``group`` column when given,
        ``stage`` ("raw" or "clean") and ``words`` (:func:`analysis.cleaning.word_count`).
    """
    check_columns(corpus, (doc_id, group, "raw_text", "text"), "cleaning_words_data")
    labels = document_labels(corpus, corpus[doc_id], doc_id=doc_id)
    keep = [doc_id] + ([group] if group is not None and group != doc_id else [])
    stages = []
    for stage, column in (("raw", "raw_text"), ("clean", "text")):
        part = corpus[keep].copy()
        part.insert(1, "label", part[doc_id].map(labels))
        part["stage"] = stage
        part["words"] = corpus[column].fillna("").map(word_count).to_numpy()
        stages.append(part)
    # One document's two stages next to each other, in the corpus's order.
    order = pd.concat([pd.Series(range(len(corpus)))] * 2, ignore_index=True)
    data = pd.concat(stages, ignore_index=True)
    return data.iloc[order.sort_values(kind="stable").index].reset_index(drop=True)


def plot_cleaning_words(
    data: pd.DataFrame,
    *,
    group: str | None = None,
    doc_id: str = "doc_id",
    colours: dict | None = None,
    title: str | None = None,
) -> Figure:
    """Horizontal bars: words per document before (outline) and after (filled) cleaning.

    Parameters
    ----------
    data : DataFrame
        As returned by :func:`cleaning_words_data`.
    group : str, optional
        Colour each document by this column (one colour per label, :func:`group_colours`).
    doc_id : str, default "doc_id"
        The document column.
    colours : dict, optional
        ``{label: colour}`` replacing the default colours of those groups.
    title : str, optional
        By default a title saying what is drawn.

    Notes
    -----
    Past :data:`CLEANING_WORDS_MAX_DOCUMENTS` documents only those whose cleaning removed the
    largest share of their words are drawn, largest first, and a note under the figure says so.
    """
    check_columns(data, (doc_id, group, "stage", "words"), "plot_cleaning_words")
    if title is None:
        title = "Words per document before and after cleaning"
    if data.empty:
        return empty_figure(title)
    index = [doc_id] + ([group] if group is not None and group != doc_id else [])
    wide = data.pivot_table(index=index, columns="stage", values="words", aggfunc="sum")
    wide = wide.reindex(columns=["raw", "clean"]).fillna(0).reset_index()
    labels = data.drop_duplicates(doc_id).set_index(doc_id)
    wide["label"] = (
        wide[doc_id].map(labels["label"]) if "label" in labels else wide[doc_id].astype(str)
    )
    total = len(wide)
    note = ""
    if total > CLEANING_WORDS_MAX_DOCUMENTS:
        removed = 1 - wide["clean"] / wide["raw"].where(wide["raw"] > 0)
        wide = (
            wide.assign(removed=removed.fillna(0))
            .sort_values(["removed", doc_id], ascending=[True, False])
            .tail(CLEANING_WORDS_MAX_DOCUMENTS)
        )
        note = showing(
            len(wide), total, "documents", "those whose cleaning removed the largest share of words"
        )
    else:
        wide = wide.sort_values(doc_id, ascending=False)
    palette = group_colours(data[group], colours=colours) if group is not None else {}
    bar_colours = (
        [palette.get(label, NEUTRAL_COLOUR) for label in wide[group]]
        if group is not None
        else [NEUTRAL_COLOUR] * len(wide)
    )
    with mpl.rc_context(theme()):
        fig = Figure(figsize=(8, max(3.8, 0.25 * len(wide) + 2.4)), layout="constrained")
        ax = fig.add_subplot()
        positions = range(len(wide))
        ax.barh(
            positions, wide["raw"], color="none", edgecolor=bar_colours, linewidth=1.2, height=0.7
        )
        ax.barh(positions, wide["clean"], color=bar_colours, alpha=0.85, height=0.7)
        ax.set_yticks(list(positions), wide["label"])
        ax.set_xlabel("words (outline: raw text, filled: after cleaning)")
        if group is not None:
            group_legend(ax, palette, title=group)
        suptitle(fig, title)
        footnote(fig, note)
    return fig
