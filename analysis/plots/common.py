"""Shared pieces of every figure: the descriptive title, the footnote, labels, the legend."""

from __future__ import annotations

import textwrap
from collections.abc import Hashable, Iterable, Mapping

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

__all__ = [
    "NEUTRAL_COLOUR",
    "check_columns",
    "document_label",
    "document_labels",
    "empty_figure",
    "footnote",
    "group_legend",
    "showing",
    "suptitle",
]

#: The colour of marks when no grouping is given: one dark grey, so that no group is implied.
NEUTRAL_COLOUR = "#4d4d4d"


def document_label(record: Mapping, *, doc_id: str = "doc_id") -> str:
    """A short label for a document: its id, then its ``doc_label`` when it has one.

    ``doc_label`` is an optional column of the corpus (:data:`analysis.corpus.KNOWN_COLUMNS`)
    for what a reader should see beside the id in figures, e.g. ``corpus["doc_label"] =
    corpus["outlet"]``.

    Examples
    --------
    >>> document_label({"doc_id": "a7", "doc_label": "Daily Post"})
    'a7 · Daily Post'
    >>> document_label({"doc_id": "a7"})
    'a7'
    """
    label = record.get("doc_label")
    if isinstance(label, str) and label.strip():
        return f"{record[doc_id]} · {label.strip()}"
    return str(record[doc_id])


def document_labels(docs: pd.DataFrame | None, ids: Iterable, *, doc_id: str = "doc_id") -> dict:
    """``{doc_id: label}`` for the documents ``ids``; the id itself where ``docs`` lacks it."""
    ids = list(ids)
    labels = {identifier: str(identifier) for identifier in ids}
    if docs is not None and doc_id in docs.columns:
        rows = docs[docs[doc_id].isin(ids)].drop_duplicates(doc_id)
        for record in rows.to_dict("records"):
            labels[record[doc_id]] = document_label(record, doc_id=doc_id)
    return labels


def suptitle(fig: Figure, text: str, *, width: int | None = None) -> None:
    """The figure's title, left-aligned and wrapped. It says what is drawn.

    ``width`` is in characters; by default what fits the figure at 11 points bold (about ten
    characters per inch).
    """
    width = width or int(fig.get_figwidth() * 10)
    fig.suptitle(textwrap.fill(text, width), x=0.01, ha="left", fontweight="bold", fontsize=11)


def footnote(fig: Figure, *lines: str) -> None:
    """A small grey note under the figure: what was left out, what a marking means.

    Drawn as the figure's ``supxlabel``, so that the constrained layout makes room for it.
    Empty lines are dropped; without any line nothing is drawn.
    """
    lines = [line for line in lines if line]
    if not lines:
        return
    width = int(fig.get_figwidth() * 15)
    text = "\n".join(textwrap.fill(line, width) for line in lines)
    fig.supxlabel(text, x=0.01, ha="left", fontsize=8, color="dimgrey")


def showing(shown: int, total: int, noun: str, how: str) -> str:
    """The note of a figure that draws part of its data: "Showing 40 of 189 documents: ..."."""
    return f"Showing {shown} of {total} {noun}: {how}."


def group_legend(ax, colours: Mapping[Hashable, object], *, title: str | None, **kwargs) -> None:
    """A legend of the groups' colours, outside the axes on the right."""
    handles = [Patch(color=colour, label=str(label)) for label, colour in colours.items()]
    options = {"title": title, "loc": "upper left", "bbox_to_anchor": (1.01, 1.0)} | kwargs
    ax.legend(handles=handles, **options)


def check_columns(data: pd.DataFrame, columns: Iterable[str | None], function: str) -> None:
    """Raise one error naming every column ``function`` needs and ``data`` lacks."""
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"{function} draws a DataFrame, got {type(data).__name__}")
    missing = [column for column in columns if column is not None and column not in data.columns]
    if missing:
        raise ValueError(
            f"{function}: the data have no column {', '.join(map(repr, missing))} "
            f"(columns: {', '.join(map(str, data.columns))})"
        )


def empty_figure(title: str) -> Figure:
    """The figure drawn for data with no rows: the title and a note saying so, nothing else."""
    fig = Figure(figsize=(6, 1.6), layout="constrained")
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.text(0.5, 0.5, "No rows to draw.", ha="center", va="center", color="dimgrey")
    suptitle(fig, title)
    return fig
