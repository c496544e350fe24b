"""Shared pieces of every figure: the title that states the finding, labels, the legend."""

from __future__ import annotations

import textwrap

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from analysis.figures import SIDE_COLOURS

__all__ = ["document_label", "side_legend", "suptitle"]


def document_label(record: pd.Series) -> str:
    """A short label for a document: doc_id, voice, and "MT" for a machine translation."""
    parts = [record["doc_id"]]
    if record.get("voice"):
        parts.append(record["voice"])
    label = " · ".join(parts)
    if record.get("translation") == "machine-translated":
        label += " (MT)"
    return label


def suptitle(fig: Figure, text: str, *, width: int | None = None) -> None:
    """The figure's title, left-aligned and wrapped: it states the finding, so it may be long.

    ``width`` is in characters; by default what fits the figure at 11 points bold (about ten
    characters per inch).
    """
    width = width or int(fig.get_figwidth() * 10)
    fig.suptitle(textwrap.fill(text, width), x=0.01, ha="left", fontweight="bold", fontsize=11)


def side_legend(ax, **kwargs) -> None:
    """A legend of the two sides' colours, outside the axes on the right."""
    handles = [Patch(color=colour, label=side) for side, colour in SIDE_COLOURS.items()]
    options = {"title": "side", "loc": "upper left", "bbox_to_anchor": (1.01, 1.0)} | kwargs
    ax.legend(handles=handles, **options)
