"""Figures of the corpus and its cleaning."""

from __future__ import annotations

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure

from analysis.cleaning import word_count
from analysis.figures import SIDE_COLOURS, theme
from analysis.plots.common import document_label, side_legend, suptitle

__all__ = ["cleaning_words_data", "plot_cleaning_words"]


def cleaning_words_data(corpus: pd.DataFrame) -> pd.DataFrame:
    """Words per document before and after cleaning: one row per document and stage.

    Returns
    -------
    DataFrame
        ``doc_id``, ``label``, ``stance``, ``stage`` ("raw" or "clean") and ``words``.
    """
    rows = []
    for _, record in corpus.iterrows():
        for stage, column in (("raw", "raw_text"), ("clean", "text")):
            rows.append(
                {
                    "doc_id": record["doc_id"],
                    "label": document_label(record),
                    "stance": record["stance"],
                    "stage": stage,
                    "words": word_count(record[column]),
                }
            )
    return pd.DataFrame(rows)


def plot_cleaning_words(data: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Horizontal bars: words per document before (outline) and after (filled) cleaning.

    Parameters
    ----------
    data : DataFrame
        As returned by :func:`cleaning_words_data`.
    title : str, optional
        By default the title names the document that cleaning shortened most.
    """
    wide = data.pivot_table(index=["doc_id", "label", "stance"], columns="stage", values="words")
    wide = wide.reset_index().sort_values("doc_id", ascending=False)
    removed_share = 1 - wide["clean"] / wide["raw"]
    most = wide.loc[removed_share.idxmax()]
    if title is None:
        title = (
            f"Cleaning removed {removed_share.max():.0%} of the words of {most['doc_id']}, "
            f"at most {removed_share.drop(removed_share.idxmax()).max():.0%} elsewhere"
        )
    with mpl.rc_context(theme()):
        fig = Figure(figsize=(8, 3.8), layout="constrained")
        ax = fig.add_subplot()
        colours = [SIDE_COLOURS[stance] for stance in wide["stance"]]
        positions = range(len(wide))
        ax.barh(positions, wide["raw"], color="none", edgecolor=colours, linewidth=1.2, height=0.7)
        ax.barh(positions, wide["clean"], color=colours, alpha=0.85, height=0.7)
        ax.set_yticks(list(positions), wide["label"])
        ax.set_xlabel("words (outline: raw text, filled: after cleaning)")
        side_legend(ax)
        suptitle(fig, title)
    return fig
