"""Saving figures: one helper, the same bytes on every run, the data beside every figure.

:func:`save_figure` writes ``NAME.png``, ``NAME.svg`` and ``NAME.csv`` into the figures folder
(:func:`analysis.paths.figures_dir`). The PNG and SVG carry no date or software version, the
SVG's element ids come from a fixed salt, and every file is written to a temporary file first
and then renamed over the old one, so a reader never sees half a figure.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure

from analysis.paths import figures_dir

__all__ = ["DPI", "SIDE_COLOURS", "SavedFigure", "save_figure", "theme"]

#: Resolution of every PNG.
DPI = 150

#: One colour per side, used by every figure; from ColorBrewer's RdBu, safe for colour blindness.
SIDE_COLOURS = {"critical": "#b2182b", "favourable": "#2166ac"}

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

# Fixed so that SVG element ids, which matplotlib hashes from this salt, are the same each run.
_SVG_HASHSALT = "analysis"

# Keys set to None are left out of the files; otherwise matplotlib stamps its version (PNG,
# SVG) and the date (SVG).
_PNG_METADATA = {"Software": None}
_SVG_METADATA = {"Creator": None, "Date": None, "Format": None, "Type": None}


@dataclass(frozen=True)
class SavedFigure:
    """Where :func:`save_figure` wrote a figure and its data.

    In a notebook, a ``SavedFigure`` displays the PNG it wrote, so what the reader sees is the
    committed file itself, and the figure is not rendered a second time.
    """

    png: Path
    svg: Path
    csv: Path
    png_bytes: bytes = field(default=b"", repr=False, compare=False)
    display_width: int = field(default=0, repr=False, compare=False)

    def _repr_png_(self):
        # Shown at screen resolution (100 dpi), although saved at DPI for print.
        return self.png_bytes, {"width": self.display_width}


def theme() -> dict[str, object]:
    """The rcParams every figure is drawn and saved with.

    Use as ``with matplotlib.rc_context(analysis.figures.theme()): ...``; the figure functions
    in :mod:`analysis.plots` do so themselves.
    """
    return {
        "figure.dpi": 100,
        "savefig.dpi": DPI,
        "svg.hashsalt": _SVG_HASHSALT,
        "svg.fonttype": "path",
        "font.family": "DejaVu Sans",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 12,
        "axes.titleweight": "bold",
        "axes.labelsize": 10,
        "legend.frameon": False,
    }


def save_figure(
    fig: Figure, name: str, data: pd.DataFrame, *, directory: Path | str | None = None
) -> SavedFigure:
    """Write a figure as PNG and SVG, and the tidy data it draws as CSV.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to save.
    name : str
        Stable file stem: lower-case letters, digits, ``-`` and ``_``, e.g. ``"01-corpus-words"``.
    data : DataFrame
        The tidy data the figure draws, one row per mark; written without the index.
    directory : path-like, optional
        Where to write. By default :func:`analysis.paths.figures_dir` (``figures/``).

    Returns
    -------
    SavedFigure
        The three paths written; in a notebook it displays the PNG.

    Notes
    -----
    Run after run, the same figure and data give the same bytes: no timestamps or versions in
    the files, a fixed ``svg.hashsalt``, fixed dpi, floats in the CSV written with 10
    significant digits and ``\\n`` line ends.
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"save_figure expects a matplotlib Figure, got {type(fig).__name__}")
    if not isinstance(name, str) or not _NAME.match(name):
        raise ValueError(
            f"figure name {name!r}: use lower-case letters, digits, '-' and '_' (no path, no "
            "extension)"
        )
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"save_figure needs the figure's data as a DataFrame, not {type(data)}")
    folder = Path(directory) if directory is not None else figures_dir()
    folder.mkdir(parents=True, exist_ok=True)
    png, svg, csv = (folder / f"{name}.{suffix}" for suffix in ("png", "svg", "csv"))
    rendered = {}
    with mpl.rc_context(theme()):
        for path, fmt, metadata in ((png, "png", _PNG_METADATA), (svg, "svg", _SVG_METADATA)):
            buffer = io.BytesIO()
            fig.savefig(buffer, format=fmt, dpi=DPI, metadata=metadata)
            rendered[fmt] = buffer.getvalue()
            _write_atomically(path, rendered[fmt])
    table = data.to_csv(index=False, lineterminator="\n", float_format="%.10g")
    _write_atomically(csv, table.encode("utf-8"))
    width = round(fig.get_figwidth() * 100)
    return SavedFigure(png, svg, csv, png_bytes=rendered["png"], display_width=width)


def _write_atomically(path: Path, content: bytes) -> None:
    """Write to a temporary file in the same folder, then rename it over ``path``."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.chmod(temporary, 0o644)  # mkstemp makes files private; figures are for everyone
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
