"""Saving figures and colouring groups: the same bytes on every run, the data beside every figure.

:func:`save_figure` writes ``NAME.png``, ``NAME.svg`` and ``NAME.csv`` into the figures folder
(:func:`figures_directory`). The PNG and SVG carry no date or software version, the SVG's
element ids come from a fixed salt, and every file is written to a temporary file first and
then renamed over the old one, so a reader never sees half a figure.

:func:`group_colours` gives every group label present in the data a colour from a palette that
is safe for colour blindness; every figure in :mod:`analysis.plots` colours groups through it.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib as mpl
import pandas as pd
from matplotlib.colors import is_color_like
from matplotlib.figure import Figure

from analysis.paths import FIGURES_DIR, FIGURES_ENV, NOTEBOOKS_DIR

__all__ = [
    "DPI",
    "OKABE_ITO",
    "PAIR_COLOURS",
    "SavedFigure",
    "figures_directory",
    "group_colours",
    "save_figure",
    "theme",
]

#: Resolution of every PNG.
DPI = 150

#: The colours of exactly two groups, in the sorted order of their labels: the dark red and
#: dark blue ends of ColorBrewer's RdBu (Brewer 2002), which ColorBrewer marks safe for colour
#: blindness.
PAIR_COLOURS = ("#b2182b", "#2166ac")

#: The colours of one group or of three and more, in the sorted order of their labels: the
#: qualitative palette of Okabe & Ito (2008), "Color Universal Design", without its black
#: (black marks means and intervals in the figures). Past seven groups the colours repeat.
OKABE_ITO = ("#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7")

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


def group_colours(
    labels: Iterable[Hashable], *, colours: Mapping[Hashable, object] | None = None
) -> dict[Hashable, object]:
    """A colour for each distinct group label present in the data.

    The distinct labels are sorted (as text when they cannot be compared) and take the palette's
    colours in that order, so the same labels get the same colours in every figure whatever
    order the rows come in. Missing labels (None, NaN) get no colour.

    Parameters
    ----------
    labels : iterable
        The group labels, e.g. a column; repeats and order do not matter.
    colours : mapping, optional
        The user's colours, ``{label: colour}``, any colour matplotlib understands. They replace
        the default colour of those labels; the other labels keep theirs. Labels not present in
        ``labels`` are ignored.

    Returns
    -------
    dict
        ``{label: colour}`` for every distinct label, in sorted order.

    Notes
    -----
    Exactly two labels take :data:`PAIR_COLOURS` (ColorBrewer RdBu's dark red and dark blue);
    one label or three and more take :data:`OKABE_ITO` (Okabe & Ito 2008), repeating past seven
    labels. To keep one label's colour across figures that show different subsets of the
    groups, compute the colours once from every label and pass them as ``colours=``.

    Examples
    --------
    >>> group_colours(["south", "north", "south"])
    {'north': '#b2182b', 'south': '#2166ac'}
    >>> group_colours(["west", "north", "east"], colours={"west": "black"})
    {'east': '#e69f00', 'north': '#56b4e9', 'west': 'black'}
    """
    if colours is not None and not isinstance(colours, Mapping):
        raise TypeError(
            f"colours must map each group label to a colour, e.g. {{'north': '#1b9e77'}}; "
            f"got a {type(colours).__name__}"
        )
    if isinstance(labels, str | bytes):
        raise TypeError(f"labels must be a collection of group labels, got the string {labels!r}")
    distinct = [label for label in dict.fromkeys(labels) if not _is_missing(label)]
    try:
        distinct = sorted(distinct)
    except TypeError:  # labels of mixed types, e.g. 2023 and "2024"
        distinct = sorted(distinct, key=str)
    palette = PAIR_COLOURS if len(distinct) == 2 else OKABE_ITO
    chosen = {label: palette[i % len(palette)] for i, label in enumerate(distinct)}
    for label, colour in (colours or {}).items():
        if not is_color_like(colour):
            raise ValueError(f"colours[{label!r}] = {colour!r} is not a colour matplotlib knows")
        if label in chosen:
            chosen[label] = colour
    return chosen


def _is_missing(label: object) -> bool:
    try:
        return bool(pd.isna(label))
    except (TypeError, ValueError):  # a label that is itself a collection
        return False


def figures_directory() -> Path:
    """Where :func:`save_figure` writes when no ``directory`` is given.

    In order:

    1. ``$ANALYSIS_FIGURES_DIR`` when it is set (the tests write there);
    2. the project's own ``figures/`` when the working directory is the project's
       ``notebooks/`` folder or inside it (the project's notebooks);
    3. otherwise ``figures/`` in the working directory, so that a user's notebook elsewhere
       never writes into the package's repository.

    Both the environment and the working directory are read on every call.
    """
    override = os.environ.get(FIGURES_ENV)
    if override:
        return Path(override)
    here = Path.cwd().resolve()
    notebooks = NOTEBOOKS_DIR.resolve()
    if here == notebooks or notebooks in here.parents:
        return FIGURES_DIR
    return here / "figures"


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
        Where to write. By default :func:`figures_directory`: ``$ANALYSIS_FIGURES_DIR``, else
        the project's ``figures/`` from the project's notebooks, else ``figures/`` in the
        working directory.

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
    folder = Path(directory) if directory is not None else figures_directory()
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
