"""Corpora as Dask DataFrames: from pandas, from Parquet, from texts and a manifest, read and
cleaned partition by partition."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd

from analysis.corpus import (
    KNOWN_COLUMNS,
    MANIFEST_NAME,
    CorpusError,
    _is_table_of_texts,
    _parquet_files,
    check_metadata,
    documents_from_manifest,
    documents_from_table,
    read_table,
)
from analysis.dask import _engine
from analysis.validation import check_positive_int

__all__ = [
    "PARTITION_SIZE",
    "corpus_from_frame",
    "from_pandas",
    "read_corpus",
]

#: Documents per partition when a corpus is read or split: about 5 MB of text at 800 words a
#: document, and about 30,000 sentences.
PARTITION_SIZE = 1000


# --- Corpora, partition by partition ---------------------------------------------------------


def from_pandas(
    docs: pd.DataFrame,
    *,
    npartitions: int | None = None,
    sizes: Sequence[int] | None = None,
) -> dd.DataFrame:
    """A pandas table (a corpus, sentences) as a dask DataFrame, cut into partitions in order.

    Parameters
    ----------
    docs : DataFrame
        Any table; its rows keep their order.
    npartitions : int, optional
        Partitions of about equal size; by default one per :data:`PARTITION_SIZE` rows.
    sizes : sequence of int, optional
        The number of rows of each partition, in order (zeros allowed): uneven partitions.

    Returns
    -------
    dask.dataframe.DataFrame
        The rows of ``docs``, in order. On a cluster the partitions are sent to the workers
        at once; nothing comes back.
    """
    if not isinstance(docs, pd.DataFrame):
        raise TypeError(f"from_pandas expects a pandas DataFrame, got {type(docs).__name__}")
    if sizes is not None and npartitions is not None:
        raise ValueError("from_pandas: give npartitions= or sizes=, not both")
    docs = docs.reset_index(drop=True)
    if sizes is None:
        count = npartitions or max(1, -(-len(docs) // PARTITION_SIZE))
        count = check_positive_int(count, "npartitions", "from_pandas")
        sizes = [len(part) for part in np.array_split(np.arange(len(docs)), count)]
    sizes = [check_positive_int(size, "sizes", "from_pandas", minimum=0) for size in sizes]
    if sum(sizes) != len(docs):
        raise ValueError(
            f"from_pandas: sizes add up to {sum(sizes)}, but docs has {len(docs)} rows"
        )
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    parts = [docs.iloc[start:end] for start, end in itertools.pairwise(bounds)]
    client = _engine.current_client()
    # On a cluster the partitions go to the workers once, not through the scheduler's graph.
    # Keys are unique to each call (hash=False): the same rows cut the same way again must not
    # share their data with a frame that is being released.
    pieces = (
        client.scatter(parts, hash=False)
        if client is not None
        else [dask.delayed(p) for p in parts]
    )
    with _pandas_types():
        return dd.from_delayed(pieces, meta=docs.iloc[:0])


def _pandas_types():
    """Keep the columns' pandas types: Dask would turn strings into its own Arrow type."""
    return dask.config.set({"dataframe.convert-string": False})


def _corpus_columns(columns: Sequence[str], text: str, doc_id: str) -> list[str]:
    """The columns of the corpus built from a table with these columns, in order."""
    others = [c for c in columns if c not in (text, doc_id, "cleaning")]
    return ["doc_id", *others, "raw_text", "text", "cleaning"]


def _clean_table(
    part: pd.DataFrame,
    *,
    text: str,
    doc_id: str,
    cleaning,
    columns: list[str],
    path: Path,
    lengths: tuple[int, ...] = (),
    partition_info: dict | None = None,
) -> pd.DataFrame:
    """One partition of a table cleaned as :func:`analysis.corpus_from_frame` cleans it.

    The identifiers of the whole table were checked before (:func:`_from_raw`): a partition's
    ``duplicate_of`` may name a document of another partition, so its links are not followed.
    ``lengths`` holds the length of each partition of the table as it was counted; Dask gives
    this partition's number in ``partition_info``, so that an error names the row as in the
    whole. When the partitions are not those counted (a graph computed unoptimised may cut the
    table otherwise), an error names the document alone, never a wrong row.
    """
    if part.empty:
        return _empty_corpus(columns)
    number = partition_info["number"] if partition_info is not None else None
    placed = number is not None and number < len(lengths) and lengths[number] == len(part)
    if placed:
        start = sum(lengths[:number])
        part = part.set_axis(pd.RangeIndex(start, start + len(part)), axis=0)
    # Dask may hand strings over in its own Arrow type; pandas reads them as "str".
    part = part.astype(
        {c: "str" for c, t in part.dtypes.items() if isinstance(t, pd.StringDtype) and t != "str"}
    )
    built = documents_from_table(
        part,
        source=path,
        text=text,
        doc_id=doc_id,
        cleaning=cleaning,
        links=False,
        numbered=placed,
    )
    return built[columns]


def _clean_manifest(
    rows: pd.DataFrame, *, manifest: Path, cleaning, columns: list[str]
) -> pd.DataFrame:
    """Some rows of a manifest checked whole, read and cleaned as :func:`analysis.load_corpus`
    does."""
    built = documents_from_manifest(rows, source=manifest, cleaning=cleaning, links=False)
    return built[columns]


def _empty_corpus(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series(dtype="str") for column in columns})


def read_corpus(
    path: Path | str,
    *,
    text: str = "text",
    doc_id: str = "doc_id",
    cleaning=None,
    partition_size: int = PARTITION_SIZE,
) -> dd.DataFrame:
    """A corpus read and cleaned lazily, partition by partition: Parquet, or texts and manifest.

    Parameters
    ----------
    path : path-like
        A Parquet file or a folder of Parquet files (one row per document, a column of texts);
        or a folder with ``manifest.csv`` (or the manifest itself) naming one text file per
        document.
    text, doc_id, cleaning
        As in :func:`analysis.load_corpus`.
    partition_size : int, default PARTITION_SIZE
        Documents per partition for a manifest (Parquet keeps the partitions of its files).

    Returns
    -------
    dask.dataframe.DataFrame
        The columns of :func:`analysis.load_corpus`: computed, it equals the pandas corpus.
        Before it is returned, the identifiers, dates and specs are checked at once for the
        whole corpus by :func:`analysis.corpus.check_metadata` (an id used twice, a
        ``duplicate_of`` naming no document), the first partition tells the columns' types,
        and for Parquet each partition is read once on the workers for its length, so that an
        error names a document's row in the whole table.

    Notes
    -----
    What reaches this process: for a manifest, the manifest itself, read here; for Parquet,
    the known columns of every document (``doc_id``, ``published``, ``covers``,
    ``duplicate_of``, ``cleaning``: a few short strings each, linear in the documents), the
    partitions' lengths, and one row with its text. The texts are read and cleaned on the
    workers.

    Raises
    ------
    CorpusError
        As :func:`analysis.load_corpus`; errors in a text are raised when its partition is
        computed.
    """
    partition_size = check_positive_int(partition_size, "partition_size", "read_corpus")
    source = Path(path)
    suffix = source.suffix.lower()
    files = (
        _parquet_files(source)
        if source.is_dir() and not (source / MANIFEST_NAME).is_file()
        else [source] * (suffix in (".parquet", ".pq"))
    )
    if files:
        if not source.exists():
            raise CorpusError(source, "no such folder or file")
        named_index = _stored_named_index(files[0], source)
        try:
            # Columns as pandas.read_parquet gives them (load_corpus reads with it), not Dask's
            # own string type. Without a named index stored, the index is not read at all: a
            # named range index (row numbers) breaks Dask's reader otherwise.
            with _pandas_types():
                raw = dd.read_parquet(source, index=None if named_index else False)
        except Exception as error:  # pyarrow raises several unrelated types for a bad file
            raise CorpusError(source, f"not a readable Parquet file ({error})") from None
        # A named index stored in the file is a column of the corpus, as in load_corpus
        # (Dask restores a single level only; a range index it drops, as load_corpus does).
        if raw.index.name is not None and raw.index.name not in raw.columns:
            raw = raw.reset_index()
        return _from_raw(raw, source, text=text, doc_id=doc_id, cleaning=cleaning)
    manifest_path = source / MANIFEST_NAME if source.is_dir() else source
    if suffix == ".csv" and source.is_file():
        table = read_table(source)
        if _is_table_of_texts(source, table.columns, text):
            # A CSV table holds its texts in one file, which pandas reads whole.
            parts = max(1, -(-len(table) // partition_size))
            return corpus_from_frame(
                table, text=text, doc_id=doc_id, cleaning=cleaning, npartitions=parts
            )
    if not manifest_path.is_file():
        if not source.exists():
            raise CorpusError(source, "no such folder or file")
        raise CorpusError(
            source,
            "not a corpus: give a folder with manifest.csv, a manifest, or Parquet files",
        )
    # The manifest is read and checked whole here (ids, files named, dates, links); the texts
    # are read where the partitions are cleaned.
    manifest = check_metadata(
        read_table(manifest_path), source=manifest_path, doc_id=doc_id, required=("file",)
    )
    columns = _corpus_columns(list(manifest.columns), text="\0", doc_id="doc_id")
    chunks = [
        manifest.iloc[start : start + partition_size]
        for start in range(0, len(manifest), partition_size)
    ]
    meta = _clean_manifest(
        chunks[0].head(1).copy(), manifest=manifest_path, cleaning=cleaning, columns=columns
    ).iloc[:0]
    with _pandas_types():
        return dd.from_map(
            _clean_manifest,
            chunks,
            manifest=manifest_path,
            cleaning=cleaning,
            columns=columns,
            meta=meta,
            enforce_metadata=False,
        )


def corpus_from_frame(
    frame: pd.DataFrame | dd.DataFrame,
    *,
    text: str = "text",
    doc_id: str | None = None,
    cleaning=None,
    npartitions: int | None = None,
) -> dd.DataFrame:
    """:func:`analysis.corpus_from_frame` partition by partition, on a pandas or dask table.

    Parameters
    ----------
    frame : DataFrame or dask DataFrame
        One row per document, with a column of raw texts.
    text, doc_id, cleaning
        As in :func:`analysis.corpus_from_frame`.
    npartitions : int, optional
        For a pandas ``frame``: partitions (see :func:`from_pandas`).

    Returns
    -------
    dask.dataframe.DataFrame
        The corpus, lazily: computed, it equals :func:`analysis.corpus_from_frame`'s.

    Notes
    -----
    What reaches this process: as for a Parquet corpus in :func:`read_corpus`, the known
    columns of every document, checked at once by :func:`analysis.corpus.check_metadata`,
    and one row with its text.
    """
    if isinstance(frame, pd.DataFrame):
        frame = from_pandas(frame, npartitions=npartitions)
    elif not isinstance(frame, dd.DataFrame):
        raise TypeError(
            f"corpus_from_frame expects a pandas or dask DataFrame, got {type(frame).__name__}"
        )
    return _from_raw(frame, Path("<DataFrame>"), text=text, doc_id=doc_id, cleaning=cleaning)


def _stored_named_index(path: Path, source: Path) -> bool:
    """Whether a Parquet file stores a named index (which Dask restores as the index).

    Files Dask's reader fails on, and load_corpus reads, are refused with a message that says
    how to write them: an index that repeats one of the columns
    (``frame.set_index("doc_id", drop=False).to_parquet(...)``), and an index of several
    levels.
    """
    import pyarrow.parquet

    try:
        metadata = pyarrow.parquet.read_schema(path).pandas_metadata or {}
    except Exception as error:  # pyarrow raises several unrelated types for a bad file
        raise CorpusError(source, f"not a readable Parquet file ({error})") from None
    names = {entry.get("field_name"): entry.get("name") for entry in metadata.get("columns", [])}
    fields = set(names)
    for stored in metadata.get("index_columns", []):
        name = names.get(stored) if isinstance(stored, str) else None
        if name is not None and name != stored and name in fields:
            raise CorpusError(
                source,
                f"the file's index repeats its column {name!r} (written with set_index(..., "
                "drop=False)), which Dask cannot read; write the frame with "
                ".reset_index(drop=True).to_parquet(...)",
            )
    stored = [entry for entry in metadata.get("index_columns", []) if isinstance(entry, str)]
    if len(stored) > 1:
        raise CorpusError(
            source,
            f"the file's index has several levels ({', '.join(map(repr, stored))}), which Dask "
            "cannot read; write the frame with .reset_index().to_parquet(...)",
        )
    return any(not entry.startswith("__index_level_") for entry in stored)


def _from_raw(raw: dd.DataFrame, path: Path, *, text: str, doc_id: str | None, cleaning):
    """Clean a lazy table partition by partition, after checking its identifiers at once."""
    columns = [str(column) for column in raw.columns]
    if text not in columns:
        have = ", ".join(map(repr, columns)) or "no columns"
        raise CorpusError(
            path,
            f"no column of texts (it has {have}); name it with text= (--text on the command line)",
            field=text,
        )
    if doc_id is None:
        doc_id = "doc_id"
    if doc_id not in columns and doc_id != "doc_id":
        raise CorpusError(
            path,
            f"no such column of identifiers (it has {', '.join(map(repr, columns))}); "
            "name it with doc_id= (--doc-id on the command line)",
            field=doc_id,
        )
    # Each partition's length, so that rows are numbered across partitions: in errors, and in
    # the ids made for a table without them. The lengths are those of the partitions that are
    # cleaned (Dask reads a few columns of Parquet files in fewer, fused partitions), which
    # costs one more read of the table.
    if doc_id in columns:
        lengths = _engine.compute(raw.map_partitions(len))[0]
        lengths = np.asarray(lengths, dtype=np.int64).ravel()
    else:
        # Numbered in the very partitions counted: the ids are data.
        pieces = raw.to_delayed()
        lengths = np.asarray(
            _engine.compute(*[dask.delayed(len)(piece) for piece in pieces]), dtype=np.int64
        ).ravel()
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        width = len(str(max(int(lengths.sum()) - 1, 0)))
        parts = [
            dask.delayed(_numbered)(piece, int(start), width)
            for piece, start in zip(pieces, starts, strict=True)
        ]
        with _pandas_types():
            meta = _numbered(raw._meta_nonempty.head(1), 0, 1).iloc[:0]
            raw = dd.from_delayed(parts, meta=meta)
        columns = ["doc_id", *columns]
    known = [doc_id, *(c for c in KNOWN_COLUMNS if c in columns and c not in ("doc_id", "file"))]
    # In partition order, so positions are the rows' positions in the whole table (each
    # partition's own index may start again at 0).
    small = _engine.compute(raw[known])[0].reset_index(drop=True)
    if small.empty:
        raise CorpusError(path, "lists no documents")
    # Every check of analysis.corpus_from_frame that looks across documents (an id used twice,
    # a duplicate_of naming a document of another partition) runs here, on these few columns.
    check_metadata(small, source=path, doc_id=doc_id)
    corpus_columns = _corpus_columns(columns, text=text, doc_id=doc_id)
    sample = _first_row(raw)
    meta = _clean_table(
        sample, text=text, doc_id=doc_id, cleaning=cleaning, columns=corpus_columns, path=path
    ).iloc[:0]
    return raw.map_partitions(
        _clean_table,
        text=text,
        doc_id=doc_id,
        cleaning=cleaning,
        columns=corpus_columns,
        path=path,
        lengths=tuple(int(length) for length in lengths),
        meta=meta,
        enforce_metadata=False,
    )


def _first_row(raw: dd.DataFrame) -> pd.DataFrame:
    """The first row of the first partition that has one: what the partitions hold."""
    for k in range(raw.npartitions):
        row = _engine.compute(raw.partitions[k].head(1, npartitions=1, compute=False))[0]
        if len(row):
            return row
    raise CorpusError(Path("<DataFrame>"), "lists no documents")


def _numbered(part: pd.DataFrame, start: int, width: int) -> pd.DataFrame:
    part = part.copy()
    # Strings even for an empty partition, whose ids would otherwise be read as floats.
    ids = [f"{i:0{width}d}" for i in range(start, start + len(part))]
    part.insert(0, "doc_id", pd.Series(ids, index=part.index, dtype="str"))
    return part
