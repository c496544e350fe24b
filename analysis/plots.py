"""Figures. Each function takes tidy data and returns a matplotlib Figure; it never saves.

Save with :func:`analysis.save_figure`, passing the same tidy data, so that the CSV beside the
figure holds exactly what it draws. Every figure answers one question; its title states the
answer, its axes the units and sides.
"""

from __future__ import annotations

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from analysis.cleaning import _WORD
from analysis.figures import SIDE_COLOURS, theme

__all__ = ["cleaning_words_data", "document_label", "plot_cleaning_words", "side_legend"]


def document_label(record: pd.Series) -> str:
    """A short label for a document: doc_id, voice, and "MT" for a machine translation."""
    parts = [record["doc_id"]]
    if record.get("voice"):
        parts.append(record["voice"])
    label = " · ".join(parts)
    if record.get("translation") == "machine-translated":
        label += " (MT)"
    return label


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
                    "words": len(_WORD.findall(record[column])),
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
        fig.suptitle(title, x=0.01, ha="left", fontweight="bold")
    return fig


def side_legend(ax, **kwargs) -> None:
    """A legend of the two sides' colours, outside the axes on the right."""
    handles = [Patch(color=colour, label=side) for side, colour in SIDE_COLOURS.items()]
    options = {"title": "side", "loc": "upper left", "bbox_to_anchor": (1.01, 1.0)} | kwargs
    ax.legend(handles=handles, **options)
