"""The corpus: texts with their provenance, from a folder and its manifest, a table or a frame.

A corpus is one row per document with at least ``doc_id`` (a unique string), ``raw_text`` (the
text as read), ``text`` (the text cleaned by :mod:`analysis.cleaning`) and ``cleaning`` (which
cleaning ran on it). Every other column is the user's own metadata, kept as written, and every
function of the package carries it along (sentences, scores, mentions).

Three ways in:

- a folder with ``manifest.csv``, one row per text, which needs ``doc_id`` and ``file`` (the
  text's name, relative to the folder);
- one CSV or Parquet file with a column of texts;
- a pandas DataFrame (:func:`corpus_from_frame`).

A few column names have a meaning, and are checked when present (:data:`KNOWN_COLUMNS`):
``published`` (an ISO date as precise as known), ``covers`` (a year or a range of years),
``duplicate_of`` (the ``doc_id`` of the text this one renders again), ``cleaning`` (a
cleaning profile or rule names, per document) and ``doc_label`` (what figures show beside the
id). Group labels are free: a grouping column such as the seeds' ``stance`` is just a column.

The steps are public, so that a corpus too large for one table is built from the same
checks a slice at a time (:mod:`analysis.dask`): :func:`read_table` reads a table or a
manifest as written, :func:`check_metadata` checks and shapes its metadata,
:func:`documents_from_manifest` and :func:`documents_from_table` read and clean the texts.

Any problem with the input raises one :class:`CorpusError` that names the file, and the row,
document and field at fault. Nothing outside the corpus folder is read, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd
from tqdm import tqdm

from analysis.cleaning import clean_text, cleaning_spec, resolve_cleaning

__all__ = [
    "CORPUS_COLUMNS",
    "KNOWN_COLUMNS",
    "MANIFEST_NAME",
    "PROGRESS_THRESHOLD",
    "CorpusError",
    "canonical",
    "canonical_mask",
    "check_metadata",
    "corpus_from_frame",
    "documents_from_manifest",
    "documents_from_table",
    "load_corpus",
    "read_table",
    "read_text",
    "spreadsheet_rows",
    "table_columns",
]

MANIFEST_NAME = "manifest.csv"

#: Columns whose names carry a meaning and whose values are checked when present.
KNOWN_COLUMNS = (
    "doc_id",  # unique identifier of the document
    "file",  # the text's file name, relative to the corpus folder (manifests only)
    "published",  # ISO 8601 date, as precise as known: 2025, 2025-01, 2025-01-06
    "covers",  # the year or years the text is about: 2024, or 2023-2024
    "duplicate_of",  # doc_id of the text this one renders again (a translation, a reprint)
    "cleaning",  # cleaning profile and rule names for this document (analysis.cleaning)
    "doc_label",  # a short label shown beside the id in figures (analysis.plots.document_label)
)

#: Columns every corpus has, whatever its source.
CORPUS_COLUMNS = ("doc_id", "raw_text", "text", "cleaning")

#: Corpora with more documents than this show a progress bar while they are cleaned.
PROGRESS_THRESHOLD = 10_000

_PUBLISHED = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_PUBLISHED_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?"
)
_COVERS = re.compile(r"(\d{4})(?:-(\d{4}))?")
_TABLE_SUFFIXES = {".parquet": "parquet", ".pq": "parquet", ".csv": "csv"}


class CorpusError(ValueError):
    """Bad corpus input. The message names the file, and the row, document and field at fault.

    Rows of a manifest or a table are numbered as a spreadsheet shows them, the header being
    row 1 (:func:`spreadsheet_rows`), whether the table is a CSV or Parquet file or a DataFrame.

    Attributes
    ----------
    path : Path
        The file at fault (the manifest, a text, a table), or ``<DataFrame>``.
    field : str or None
        The column at fault, when there is one.
    """

    def __init__(self, path: Path | str, message: str, *, field: str | None = None):
        self.path = Path(path)
        self.field = field
        where = f"{self.path}" + (f", field '{field}'" if field else "")
        super().__init__(f"{where}: {message}")


def read_text(path: Path | str) -> str:
    """Read one text as UTF-8.

    A UTF-8 byte-order mark is dropped and CRLF and CR line ends become LF, so that offsets in
    the text do not depend on the platform it was saved on. An undecodable byte or a NUL byte
    (a binary file, or UTF-16 saved by mistake) is an error that names the file and the offset.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CorpusError(path, "file not found", field="file") from None
    except OSError as error:
        raise CorpusError(path, f"cannot be read ({error.strerror})", field="file") from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise CorpusError(
            path, f"contains a NUL byte at offset {nul}: not a plain text file (UTF-16?)"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CorpusError(
            path,
            f"not valid UTF-8: byte {data[error.start]:#04x} at offset {error.start}; "
            "save the text as UTF-8",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_corpus(
    path: Path | str,
    *,
    text: str = "text",
    doc_id: str = "doc_id",
    cleaning: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Load a corpus: a folder with a manifest, a manifest, or one CSV or Parquet table.

    Parameters
    ----------
    path : path-like
        A folder holding ``manifest.csv`` and the texts it names; the manifest itself; or a
        ``.csv`` / ``.parquet`` file with one row per document and a column of texts (the
        project's own texts: ``analysis.paths.SEEDS_DIR``).
    text : str, default "text"
        The column of texts in a CSV or Parquet table (unused for a manifest).
    doc_id : str, default "doc_id"
        The column of document identifiers. It becomes ``doc_id`` in the result. A table
        without it numbers its documents; a manifest must have it.
    cleaning : str or list of str, optional
        Cleaning for every document: a profile ("general", "none") and/or rule names (see
        :func:`analysis.cleaning.resolve_cleaning`). When not given, each document uses the
        spec in its ``cleaning`` column, and "general" where that is empty or absent.

    Returns
    -------
    DataFrame
        One row per document, in the order of the source: ``doc_id``, every other column as
        written (strings for a manifest or CSV; empty when unknown), ``raw_text``, ``text``
        (cleaned) and ``cleaning`` (the spec that ran).

    Raises
    ------
    CorpusError
        A missing manifest, table, column or file; a file outside the folder; a duplicate or
        empty ``doc_id``; a malformed date; a ``duplicate_of`` naming no other document or
        forming a cycle; a column named like a known one but spelt differently; an empty,
        binary or non-UTF-8 text.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Rain fell on the *harbour*.", encoding="utf-8")
    >>> _ = (folder / "manifest.csv").write_text("doc_id,file,region\\nd1,a.txt,north\\n")
    >>> load_corpus(folder)[["doc_id", "region", "text"]].to_numpy().tolist()
    [['d1', 'north', 'Rain fell on the harbour.']]
    """
    source = Path(path)
    kind = _TABLE_SUFFIXES.get(source.suffix.lower()) if not source.is_dir() else None
    if kind is not None:
        table = read_table(source)
        if _is_table_of_texts(source, table.columns, text):
            return documents_from_table(
                table, source=source, text=text, doc_id=doc_id, cleaning=cleaning
            )
        return documents_from_manifest(table, source=source, doc_id=doc_id, cleaning=cleaning)
    if source.is_dir():
        manifest_path = source / MANIFEST_NAME
        if not manifest_path.is_file():
            raise CorpusError(source, f"no {MANIFEST_NAME} in this folder")
        return documents_from_manifest(
            read_table(manifest_path), source=manifest_path, doc_id=doc_id, cleaning=cleaning
        )
    if not source.exists():
        raise CorpusError(source, "no such folder or file")
    raise CorpusError(
        source, "not a corpus: give a folder with manifest.csv, or a .csv or .parquet file"
    )


def corpus_from_frame(
    frame: pd.DataFrame,
    *,
    text: str = "text",
    doc_id: str | None = None,
    cleaning: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Build a corpus from a DataFrame of texts, checked like a manifest and cleaned.

    Parameters
    ----------
    frame : DataFrame
        One row per document, with a column of raw texts; every other column is kept.
    text : str, default "text"
        The column that holds the texts. It becomes ``raw_text``; ``text`` holds them cleaned.
    doc_id : str, optional
        The column of identifiers (it becomes ``doc_id``). By default ``doc_id`` when the frame
        has it; otherwise the documents are numbered in order: "0", "1", ... (zero-padded to
        one width, so that they sort in order).
    cleaning : str or list of str, optional
        As in :func:`load_corpus`.

    Returns
    -------
    DataFrame
        Shaped like :func:`load_corpus`'s result.

    Examples
    --------
    >>> docs = pd.DataFrame({"party": ["red", "blue"],
    ...                      "text": ["Sanctions  bite.", "Skip to content\\nTrade grows."]})
    >>> corpus_from_frame(docs)[["doc_id", "party", "text"]].to_numpy().tolist()
    [['0', 'red', 'Sanctions bite.'], ['1', 'blue', 'Trade grows.']]
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"corpus_from_frame expects a pandas DataFrame, got {type(frame).__name__}")
    # A user's frame is numbered by position, whatever its index (years, labels, a filter).
    frame = frame.reset_index(drop=True)
    return documents_from_table(frame, text=text, doc_id=doc_id, cleaning=cleaning)


def canonical(docs: pd.DataFrame, *, include_variants: bool = False) -> pd.DataFrame:
    """Keep one rendering of each text: the rows whose ``duplicate_of`` is empty.

    A translation or reprint of another document would count its words and sentences twice in
    any statistic that pools documents into groups; such statistics therefore use canonical
    documents unless asked otherwise.

    Parameters
    ----------
    docs : DataFrame
        Any table with a ``duplicate_of`` column (documents, sentences, mentions...). A table
        without one is returned unchanged.
    include_variants : bool, default False
        Return ``docs`` unchanged, variants included.
    """
    return docs[canonical_mask(docs, include_variants=include_variants)]


def canonical_mask(docs: pd.DataFrame, *, include_variants: bool = False) -> np.ndarray:
    """Boolean array, one entry per row: True for the rows :func:`canonical` keeps."""
    if include_variants or "duplicate_of" not in docs.columns:
        return np.ones(len(docs), dtype=bool)
    return (docs["duplicate_of"].fillna("").astype(str).str.strip() == "").to_numpy()


# --- Reading ---------------------------------------------------------------------------------


def read_table(path: Path | str) -> pd.DataFrame:
    """Read a corpus table or a manifest as it is written, before any check.

    Parameters
    ----------
    path : path-like
        A ``.parquet`` or ``.pq`` file (read with pyarrow, types as stored; a named index, as
        ``frame.set_index("doc_id").to_parquet(...)`` stores it, comes back as a column), or a
        CSV file of any other name (a manifest, a table of texts): UTF-8, a byte-order mark
        dropped, every value a string as written, nothing read as missing.

    Returns
    -------
    DataFrame
        One row per row of the file, numbered from 0.

    Raises
    ------
    CorpusError
        The file is missing, or not a readable CSV or Parquet file; the error names it.

    Examples
    --------
    >>> import tempfile
    >>> table = Path(tempfile.mkdtemp()) / "docs.csv"
    >>> _ = table.write_text("doc_id,text\\n007,Some words.\\n", encoding="utf-8")
    >>> read_table(table).iloc[0].tolist()  # as written: the id keeps its zeros
    ['007', 'Some words.']
    """
    path = Path(path)
    if not path.is_file():
        raise CorpusError(path, "file not found")
    if _TABLE_SUFFIXES.get(path.suffix.lower()) == "parquet":
        try:
            return _with_index_columns(pd.read_parquet(path))
        except ImportError:
            raise CorpusError(path, "reading Parquet needs pyarrow: pip install pyarrow") from None
        except Exception as error:  # pyarrow raises several unrelated types for a bad file
            raise CorpusError(path, f"not a readable Parquet file ({error})") from None
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise CorpusError(path, f"not valid UTF-8 (offset {error.start})") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as error:
        raise CorpusError(path, f"not a readable CSV file ({error})") from None


def _with_index_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame read from Parquet with the named levels of its index as columns again.

    pandas restores the index a frame was written with. A named level stored in the file
    (``frame.set_index("doc_id").to_parquet(...)``) is data, and a corpus keeps it as a
    column, unless a column of that name was stored too (``drop=False``). Unnamed levels (the
    row labels of a filtered frame) and a range index, named or not, are row numbers, not data.
    :func:`table_columns` lists the same columns from the file's header.
    """
    if isinstance(frame.index, pd.RangeIndex):
        return frame
    named = [name for name in frame.index.names if name is not None and name not in frame.columns]
    return frame.reset_index(level=named) if named else frame


def _parquet_files(folder: Path) -> list[Path]:
    """The Parquet files directly in ``folder``, in order of name."""
    return sorted(p for p in folder.iterdir() if _TABLE_SUFFIXES.get(p.suffix.lower()) == "parquet")


def _is_table_of_texts(path: Path, columns: Iterable[str], text: str) -> bool:
    """Whether :func:`load_corpus` reads the table at ``path`` as texts, not as a manifest: a
    Parquet file always; a CSV file when it has the column of texts or no ``file`` column."""
    columns = list(columns)
    parquet = _TABLE_SUFFIXES.get(path.suffix.lower()) == "parquet"
    return parquet or text in columns or "file" not in columns


def table_columns(path: Path | str) -> list[str]:
    """The column names of a corpus table or a manifest, read from its header alone.

    Parameters
    ----------
    path : path-like
        A file :func:`read_table` reads: Parquet (its schema) or CSV (its first line).

    Returns
    -------
    list of str
        The columns as written, in order.

    Raises
    ------
    CorpusError
        The file is missing or unreadable.
    """
    path = Path(path)
    if not path.is_file():
        raise CorpusError(path, "file not found")
    try:
        if _TABLE_SUFFIXES.get(path.suffix.lower()) == "parquet":
            import pyarrow.parquet

            schema = pyarrow.parquet.read_schema(path)
            # Index levels stored as columns are named by the index's name, or
            # "__index_level_0__" when it has none; a range index is not stored. As
            # _with_index_columns reads them: the named ones first, in order, unless a column
            # has the name.
            index = (schema.pandas_metadata or {}).get("index_columns", [])
            stored = [entry for entry in index if isinstance(entry, str)]
            columns = [name for name in schema.names if name not in stored]
            named = [
                name
                for name in stored
                if not name.startswith("__index_level_") and name not in columns
            ]
            return [*named, *columns]
        return list(pd.read_csv(path, dtype=str, nrows=0, encoding="utf-8-sig").columns)
    except Exception as error:  # pyarrow and pandas raise several unrelated types
        raise CorpusError(path, f"not a readable table ({error})") from None


def documents_from_manifest(
    manifest: pd.DataFrame,
    *,
    source: Path | str,
    doc_id: str = "doc_id",
    cleaning: str | Iterable[str] | None = None,
    links: bool = True,
) -> pd.DataFrame:
    """The documents a manifest names: its rows checked, their texts read and cleaned.

    :func:`load_corpus` reads a manifest with it; :func:`analysis.dask.read_corpus` reads a
    large one a slice of rows at a time.

    Parameters
    ----------
    manifest : DataFrame
        Rows of a manifest, as :func:`read_table` reads them: ``doc_id`` (or the column
        ``doc_id`` names), ``file`` and any other metadata. Every value becomes text, as a
        manifest file holds it: stripped of surrounding white space; a date or timestamp in
        ISO 8601, a whole float as an integer (``2.0`` as ``"2"``).
    source : path-like
        The manifest's path: the ``file`` of each row is relative to its folder, and errors
        name it.
    doc_id : str, default "doc_id"
        The column of document identifiers; it becomes ``doc_id``.
    cleaning : str or list of str, optional
        As in :func:`load_corpus`.
    links : bool, default True
        Check that each ``duplicate_of`` names another row (see :func:`check_metadata`). Pass
        False for a slice of a manifest that was checked whole: its rows may name documents
        of other slices.

    Returns
    -------
    DataFrame
        Shaped like :func:`load_corpus`'s result, one row per manifest row, in order.

    Raises
    ------
    CorpusError
        As :func:`check_metadata`, and for a file that is missing, outside the folder, empty,
        binary or not UTF-8. A row is numbered as in the whole manifest when ``manifest`` is
        a slice of it with the integer index :func:`read_table` gave (row 2 is the first
        below the header).
    """
    path = Path(source)
    manifest = check_metadata(manifest, source=path, doc_id=doc_id, required=("file",), links=links)
    manifest = manifest.apply(_as_strings)
    # Errors number rows as in the whole manifest, also for a slice of it.
    numbers = (
        manifest.index.to_numpy()
        if pd.api.types.is_integer_dtype(manifest.index)
        else np.arange(len(manifest))
    )
    folder = path.parent
    raw = [
        read_text(_inside(folder, name, path, int(row)))
        for row, name in zip(numbers, manifest["file"].tolist(), strict=True)
    ]
    corpus = manifest.assign(raw_text=raw)
    return _clean(corpus, [folder / name for name in manifest["file"]], cleaning)


def documents_from_table(
    table: pd.DataFrame,
    *,
    source: Path | str = "<DataFrame>",
    text: str = "text",
    doc_id: str | None = None,
    cleaning: str | Iterable[str] | None = None,
    links: bool = True,
    numbered: bool = True,
) -> pd.DataFrame:
    """The documents of a table with a column of texts: metadata checked, texts cleaned.

    :func:`corpus_from_frame` and :func:`load_corpus` (for a CSV or Parquet table) build their
    corpus with it; :func:`analysis.dask.corpus_from_frame` builds each partition with it.

    Parameters
    ----------
    table : DataFrame
        One row per document, a column of raw texts, any other metadata.
    source : path-like, default "<DataFrame>"
        Where the table comes from, named in errors.
    text, doc_id, cleaning
        As in :func:`corpus_from_frame`.
    links : bool, default True
        As in :func:`documents_from_manifest`: False for some rows of a table checked whole.
    numbered : bool, default True
        Name a row by its number in errors (:func:`spreadsheet_rows`); False for rows whose
        place in the whole table is not known, which errors name by ``doc_id`` alone.

    Returns
    -------
    DataFrame
        Shaped like :func:`load_corpus`'s result, one row per row of ``table``, in order.

    Raises
    ------
    CorpusError
        As :func:`check_metadata`; a missing column of texts or of identifiers; a text that is
        not a string, holds a NUL byte, or is empty before or after cleaning.
    """
    path = Path(source)
    if text not in table.columns:
        have = ", ".join(map(repr, table.columns)) or "no columns"
        raise CorpusError(
            path,
            f"no column of texts (it has {have}); name it with text= (--text on the command line)",
            field=text,
        )
    if doc_id is None:
        doc_id = "doc_id"
    rows = spreadsheet_rows(table.index)
    # Row labels that number the rows (a slice of a larger table) are kept for check_metadata,
    # so that its errors and the texts' number a row alike.
    table = table.set_axis(rows - 2, axis=0)
    if doc_id not in table.columns:
        if doc_id != "doc_id":
            raise CorpusError(
                path,
                f"no such column of identifiers (it has {', '.join(map(repr, table.columns))}); "
                "name it with doc_id= (--doc-id on the command line)",
                field=doc_id,
            )
        width = len(str(max(len(table) - 1, 0)))
        table.insert(0, "doc_id", [f"{i:0{width}d}" for i in range(len(table))])
    raw = table[text]
    table = check_metadata(table.drop(columns=text), source=path, doc_id=doc_id, links=links)
    bad = [
        (row, value)
        for row, value in enumerate(raw.tolist())
        if not isinstance(value, str) or "\x00" in value
    ]
    if bad:
        row, value = bad[0]
        what = (
            "contains a NUL byte"
            if isinstance(value, str)
            else f"is {'missing' if _is_missing(value) else type(value).__name__}, not a string"
        )
        raise CorpusError(
            path,
            (f"row {rows[row]}, " if numbered else "")
            + f"doc_id {table['doc_id'].iat[row]!r}: the text {what}"
            + (f" ({len(bad)} such rows)" if len(bad) > 1 else ""),
            field=text,
        )
    corpus = table.assign(raw_text=raw.to_numpy())
    return _clean(corpus, [path] * len(corpus), cleaning, rows=rows if numbered else None)


# --- Checks ---------------------------------------------------------------------------------


def check_metadata(
    table: pd.DataFrame,
    *,
    source: Path | str = "<DataFrame>",
    doc_id: str = "doc_id",
    required: Iterable[str] = (),
    links: bool = True,
) -> pd.DataFrame:
    """Check a corpus's metadata (every column but the texts) and give it the corpus's shape.

    The checks :func:`load_corpus` and :func:`corpus_from_frame` run on every corpus, and
    :func:`analysis.dask.read_corpus` on the identifiers of a corpus held in partitions.

    Parameters
    ----------
    table : DataFrame
        One row per document, without its texts.
    source : path-like, default "<DataFrame>"
        The file the table comes from, named in every error.
    doc_id : str, default "doc_id"
        The column of document identifiers; it becomes ``doc_id``, the first column.
    required : sequence of str, default ()
        Columns the table must have besides ``doc_id`` (a manifest's ``file``).
    links : bool, default True
        Check that each non-empty ``duplicate_of`` names another document and that following
        them never comes back (a cycle). False skips this one check, for some rows of a
        corpus whose other rows they may name.

    Returns
    -------
    DataFrame
        The table, ``doc_id`` first, with the known columns present (:data:`KNOWN_COLUMNS`)
        as stripped strings ("" where a value is missing). Other columns are kept as given.

    Raises
    ------
    CorpusError
        Naming ``source``, the field and the row (the header is row 1): a repeated or missing
        column; both ``doc_id`` and another id column; a column named like a known one but
        spelt differently (``Doc ID``); a column ``raw_text`` or ``text``, where the corpus
        puts the texts; no rows; an empty or repeated ``doc_id``; an empty ``file``; a
        ``published`` that is not YYYY, YYYY-MM, YYYY-MM-DD or an ISO 8601 date and time; a
        ``covers`` that is not YYYY or YYYY-YYYY; an unknown ``cleaning`` spec; a
        ``duplicate_of`` naming no other document, or a cycle of them.

    Examples
    --------
    >>> meta = pd.DataFrame({"id": [" a", "b"], "published": ["2024-02", None]})
    >>> check_metadata(meta, doc_id="id").to_dict("list")
    {'doc_id': ['a', 'b'], 'published': ['2024-02', '']}
    >>> check_metadata(meta.assign(id="a"), source="m.csv", doc_id="id")
    Traceback (most recent call last):
    ...
    analysis.corpus.CorpusError: m.csv, field 'doc_id': row 3: duplicate doc_id 'a' (also in row 2)
    """
    path = Path(source)
    table = _normalise_columns(table, path, doc_id, required=(doc_id, *required))
    _check_reserved(table, path, ("raw_text", "text"))
    for column in KNOWN_COLUMNS:
        if column in table.columns:
            table[column] = _as_strings(table[column])
    _check_known(table, path, links=links)
    return table


def _normalise_columns(
    table: pd.DataFrame, path: Path, doc_id: str, *, required: tuple[str, ...]
) -> pd.DataFrame:
    """Check required and near-miss column names; rename the id column to ``doc_id``."""
    names = [str(column) for column in table.columns]
    if len(set(names)) != len(names):
        repeated = sorted({name for name in names if names.count(name) > 1})
        raise CorpusError(path, f"repeated column name(s) {repeated}")
    table = table.set_axis(names, axis=1)
    for column in required:
        if column not in table.columns:
            raise CorpusError(path, "required column is missing", field=column)
    if doc_id != "doc_id":
        if "doc_id" in table.columns:
            raise CorpusError(
                path, f"has both 'doc_id' and doc_id={doc_id!r}; drop one", field="doc_id"
            )
        table = table.rename(columns={doc_id: "doc_id"})
    for name in table.columns:
        key = _column_key(name)
        for known in KNOWN_COLUMNS:
            if name != known and key == _column_key(known):
                raise CorpusError(
                    path,
                    f"column {name!r} looks like the known column {known!r}; rename it to "
                    f"{known!r} so that it is read as such",
                    field=name,
                )
    if table.empty:
        raise CorpusError(path, "lists no documents")
    return table[["doc_id", *(c for c in table.columns if c != "doc_id")]]


def _column_key(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", name).casefold()


def _check_reserved(table: pd.DataFrame, path: Path, reserved: tuple[str, ...]) -> None:
    for name in reserved:
        if name in table.columns:
            raise CorpusError(
                path,
                f"column {name!r} is where the corpus puts the texts; rename it",
                field=name,
            )


def _as_strings(column: pd.Series) -> pd.Series:
    return column.map(_as_string)


def _as_string(value: object) -> str:
    """A known column's value as the text a manifest would hold.

    Tables (Parquet, a DataFrame) may hold dates as dates and years as numbers: a date or a
    timestamp at midnight is written YYYY-MM-DD, another timestamp in ISO 8601 with its time;
    a whole float (2024.0, as a column of years with a missing value becomes) as an integer.
    """
    if _is_missing(value):
        return ""
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
    if isinstance(value, dt.datetime):  # pandas.Timestamp included, to the nanosecond
        if value.tzinfo is None and value == dt.datetime.combine(value.date(), dt.time()):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    return str(value).strip()


def _is_missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists, arrays: not a scalar, so not missing
        return False


def spreadsheet_rows(index: pd.Index) -> np.ndarray:
    """The row of each entry of a table as a spreadsheet shows it: the header is row 1.

    Every error about a row of a manifest or a table numbers it so, whether the table was read
    from a CSV or Parquet file or given as a DataFrame. A table whose labels number its rows
    (integers, unique, increasing, none negative: a slice of a larger table, or a partition
    that carries its rows' positions in the whole) is numbered as in the whole, label + 2; any
    other index (years, names, repeated labels) by position.
    """
    if (
        pd.api.types.is_integer_dtype(index.dtype)
        and len(index)
        and index.is_monotonic_increasing
        and index.is_unique
        and int(index[0]) >= 0
        and int(index[-1]) < 2**62
    ):
        return np.asarray(index, dtype=np.int64) + 2
    return np.arange(len(index), dtype=np.int64) + 2


def _check_known(table: pd.DataFrame, path: Path, *, links: bool = True) -> None:
    """Validate the known columns that are present, vectorised: a million rows stay fast."""

    rows = spreadsheet_rows(table.index)

    def row_number(position: int) -> int:
        return int(rows[position])

    def fail(rows: np.ndarray, field: str, message: str) -> None:
        more = f" ({len(rows)} rows like this)" if len(rows) > 1 else ""
        raise CorpusError(path, f"row {row_number(int(rows[0]))}: {message}{more}", field=field)

    ids = _as_strings(table["doc_id"])
    table["doc_id"] = ids
    empty = np.flatnonzero((ids == "").to_numpy())
    if len(empty):
        fail(empty, "doc_id", "empty doc_id")
    repeated = np.flatnonzero(ids.duplicated().to_numpy())
    if len(repeated):
        value = ids.iat[repeated[0]]
        first = int(np.flatnonzero((ids == value).to_numpy())[0])
        fail(repeated, "doc_id", f"duplicate doc_id {value!r} (also in row {row_number(first)})")
    if "file" in table.columns:
        missing = np.flatnonzero((table["file"] == "").to_numpy())
        if len(missing):
            fail(missing, "file", f"doc_id {ids.iat[missing[0]]!r} names no file")
    if "published" in table.columns:
        values = table["published"]
        bad = np.flatnonzero(((values != "") & ~values.map(_is_iso_date)).to_numpy())
        if len(bad):
            fail(
                bad,
                "published",
                f"{values.iat[bad[0]]!r} is not YYYY, YYYY-MM, YYYY-MM-DD or an ISO date and time",
            )
    if "covers" in table.columns:
        values = table["covers"]
        bad = np.flatnonzero(((values != "") & ~values.map(_is_year_range)).to_numpy())
        if len(bad):
            fail(bad, "covers", f"{values.iat[bad[0]]!r} is not YYYY or YYYY-YYYY")
    if "cleaning" in table.columns:
        for spec in pd.unique(table["cleaning"]):
            if spec:
                try:
                    resolve_cleaning(spec)
                except ValueError as error:
                    fail(
                        np.flatnonzero((table["cleaning"] == spec).to_numpy()),
                        "cleaning",
                        str(error),
                    )
    if links and "duplicate_of" in table.columns:
        _check_duplicates(table["duplicate_of"], ids, fail)


def _check_duplicates(targets: pd.Series, ids: pd.Series, fail) -> None:
    """``duplicate_of`` names another document, and following it never comes back."""
    known = set(ids)
    has = (targets != "").to_numpy()
    unknown = np.flatnonzero(has & ~targets.isin(known).to_numpy())
    if len(unknown):
        fail(unknown, "duplicate_of", f"{targets.iat[unknown[0]]!r} names no document")
    itself = np.flatnonzero(has & (targets == ids).to_numpy())
    if len(itself):
        fail(itself, "duplicate_of", f"doc_id {ids.iat[itself[0]]!r} names itself")
    # Each document points at no more than one other: a functional graph, whose cycles are
    # found by walking each chain once and colouring what was walked (linear time).
    pointer = dict(zip(ids[has], targets[has], strict=True))
    row_of = {identifier: row for row, identifier in enumerate(ids)}
    done: set[str] = set()
    for start in pointer:
        path: list[str] = []
        on_path: set[str] = set()
        node = start
        while node in pointer and node not in done:
            if node in on_path:
                cycle = [*path[path.index(node) :], node]
                rows = np.array(sorted(row_of[n] for n in set(cycle)))
                fail(rows, "duplicate_of", f"a cycle: {' -> '.join(cycle)}; one must be empty")
            path.append(node)
            on_path.add(node)
            node = pointer[node]
        done.update(path)


def _is_iso_date(value: str) -> bool:
    if _PUBLISHED_TIME.fullmatch(value):  # a date with its time, from a timestamp
        try:
            pd.Timestamp(value)  # reads the nanoseconds a pandas timestamp may hold
        except ValueError:
            return False
        return True
    if not _PUBLISHED.fullmatch(value):
        return False
    parts = [int(part) for part in value.split("-")] + [1, 1]
    try:
        dt.date(*parts[:3])
    except ValueError:
        return False
    return True


def _is_year_range(value: str) -> bool:
    match = _COVERS.fullmatch(value)
    return bool(match) and not (match[2] and match[2] < match[1])


def _inside(folder: Path, name: str, manifest: Path, row: int) -> Path:
    """The text's path, which must stay inside the corpus folder, symlinks resolved."""

    def refuse(why: str) -> CorpusError:
        return CorpusError(manifest, f"row {row + 2}: file {name!r} {why}", field="file")

    candidate = Path(name)
    if candidate.is_absolute() or name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        raise refuse("is an absolute path; name files relative to the corpus folder")
    if ".." in re.split(r"[\\/]", name):
        raise refuse("leads out of the corpus folder ('..')")
    path = folder / candidate
    root = folder.resolve()
    try:
        resolved = path.resolve(strict=True)
    except (FileNotFoundError, RuntimeError):
        raise refuse(f"not found in {folder}") from None
    if not resolved.is_relative_to(root):
        raise refuse("is a link that leads out of the corpus folder")
    if not resolved.is_file():
        raise refuse("is not a file")
    return path


def _clean(
    corpus: pd.DataFrame,
    text_paths: list[Path],
    cleaning: str | Iterable[str] | None,
    *,
    rows: np.ndarray | None = None,
) -> pd.DataFrame:
    """Clean every text with its document's spec; refuse texts that are or become empty.

    ``rows`` numbers the documents in errors when their texts share one file (a table).
    """
    if cleaning is not None:
        resolve_cleaning(cleaning)  # a bad spec fails before any text is cleaned
        specs = [cleaning_spec(cleaning)] * len(corpus)
    elif "cleaning" in corpus.columns:
        canonical_of = {value: cleaning_spec(value) for value in pd.unique(corpus["cleaning"])}
        specs = [canonical_of[value] for value in corpus["cleaning"]]
    else:
        specs = ["general"] * len(corpus)
    cleaned = []
    show = len(corpus) > PROGRESS_THRESHOLD
    documents = zip(corpus["doc_id"], corpus["raw_text"], specs, text_paths, strict=True)
    for position, (identifier, raw, spec, text_path) in enumerate(
        tqdm(documents, total=len(corpus), disable=not show, desc="cleaning", mininterval=0.5)
    ):
        where = f"doc_id {identifier!r}"
        if rows is not None:
            where = f"row {rows[position]}, {where}"
        if not raw.strip():
            raise CorpusError(text_path, f"{where}: the text is empty")
        text = clean_text(raw, cleaning=spec)
        if not text:
            raise CorpusError(
                text_path,
                f"{where}: nothing is left after cleaning ({spec!r}); try cleaning='none'",
            )
        cleaned.append(text)
    corpus = corpus.drop(columns=["cleaning"], errors="ignore")
    return corpus.assign(text=cleaned, cleaning=specs).reset_index(drop=True)
