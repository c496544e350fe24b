"""The corpus: texts with their provenance, read from a folder and its manifest.

A corpus folder holds the texts (UTF-8 plain text) and ``manifest.csv``, one row per text.
The manifest's columns are :data:`MANIFEST_COLUMNS`; only :data:`REQUIRED_COLUMNS` must be
present, the others are filled with empty strings when absent. An empty field means unknown:
the seed manifest leaves empty what its texts do not support.

Any problem with the input raises one :class:`CorpusError` that names the file, and the row
and field or value at fault. The folder is only ever read.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.cleaning import clean_text
from analysis.paths import SEEDS_DIR

__all__ = [
    "MANIFEST_COLUMNS",
    "MANIFEST_NAME",
    "REQUIRED_COLUMNS",
    "STANCES",
    "TRANSLATIONS",
    "CorpusError",
    "canonical",
    "canonical_mask",
    "corpus_from_frame",
    "load_corpus",
    "read_text",
]

MANIFEST_NAME = "manifest.csv"

#: The manifest's columns, in order.
MANIFEST_COLUMNS = (
    "doc_id",  # short unique identifier, e.g. "001"
    "file",  # the text's file name, relative to the corpus folder
    "title",
    "author",
    "outlet",
    "published",  # ISO 8601 date, as precise as the text supports: 2025, 2025-01, 2025-01-06
    "covers",  # the year or years the account is about: 2024, or 2023-2024
    "stance",  # one of STANCES
    "voice",  # who speaks, e.g. "Western analyst", "official Russian perspective"
    "translation",  # one of TRANSLATIONS
    "duplicate_of",  # doc_id of the text this one renders again, if any
    "source_url",
    "notes",
)
REQUIRED_COLUMNS = ("doc_id", "file", "stance")
STANCES = ("critical", "favourable")
TRANSLATIONS = ("original", "machine-translated")

_PUBLISHED = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_COVERS = re.compile(r"^(\d{4})(?:-(\d{4}))?$")


class CorpusError(ValueError):
    """Bad corpus input. The message names the file, and the row and field at fault.

    Attributes
    ----------
    path : Path
        The file at fault (the manifest, or a text).
    field : str or None
        The manifest field at fault, when there is one.
    """

    def __init__(self, path: Path | str, message: str, *, field: str | None = None):
        self.path = Path(path)
        self.field = field
        where = f"{self.path}" + (f", field '{field}'" if field else "")
        super().__init__(f"{where}: {message}")


def read_text(path: Path | str) -> str:
    """Read one text as UTF-8.

    A UTF-8 byte-order mark is dropped and CRLF and CR line ends become LF, so that offsets in
    the text do not depend on the platform it was saved on. Any other undecodable byte is an
    error that names the file and the byte's offset.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CorpusError(path, "file not found", field="file") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CorpusError(
            path,
            f"not valid UTF-8: byte {data[error.start]:#04x} at offset {error.start}; "
            "save the text as UTF-8",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_corpus(path: Path | str | None = None) -> pd.DataFrame:
    """Load a corpus folder: its manifest, raw texts and cleaned texts.

    Parameters
    ----------
    path : path-like, optional
        A folder holding ``manifest.csv`` and the texts it names, or the manifest itself.
        By default the seed corpus in ``seeds/``.

    Returns
    -------
    DataFrame
        One row per document, in manifest order: the :data:`MANIFEST_COLUMNS` (strings; empty
        when unknown), ``raw_text`` (the file's text) and ``text`` (cleaned by
        :func:`analysis.clean_text`).

    Raises
    ------
    CorpusError
        A missing manifest, column or file; a duplicate ``doc_id``; an unknown ``stance`` or
        ``translation``; a malformed date; a ``duplicate_of`` naming no document; an empty or
        non-UTF-8 text.

    Examples
    --------
    >>> corpus = load_corpus()
    >>> corpus[["doc_id", "stance"]].to_numpy().tolist()[:2]
    [['000', 'critical'], ['001', 'critical']]
    """
    folder = Path(path) if path is not None else SEEDS_DIR
    manifest_path = folder if folder.suffix.lower() == ".csv" else folder / MANIFEST_NAME
    folder = manifest_path.parent
    manifest = _read_manifest(manifest_path)
    raw_texts = []
    for row, record in manifest.iterrows():
        text_path = folder / record["file"]
        if not text_path.is_file():
            raise CorpusError(
                manifest_path,
                f"row {row}: file {record['file']!r} not found in {folder}",
                field="file",
            )
        raw_texts.append(read_text(text_path))
    corpus = manifest.assign(raw_text=raw_texts)
    return _clean_and_check(corpus, [folder / f for f in manifest["file"]])


def corpus_from_frame(frame: pd.DataFrame, *, raw_text: str = "raw_text") -> pd.DataFrame:
    """Build a corpus from a DataFrame of texts, checked like a manifest and cleaned.

    Parameters
    ----------
    frame : DataFrame
        One row per document, with ``doc_id``, ``stance`` and a column of raw texts. The other
        :data:`MANIFEST_COLUMNS` are optional (``file`` too).
    raw_text : str, default "raw_text"
        The column that holds the texts.

    Returns
    -------
    DataFrame
        Shaped like :func:`load_corpus`'s result.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "stance": ["critical", "favourable"],
    ...                      "raw_text": ["Sanctions bite.", "Skip to content\\nTrade grows."]})
    >>> corpus_from_frame(docs)["text"].tolist()
    ['Sanctions bite.', 'Trade grows.']
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"corpus_from_frame expects a pandas DataFrame, got {type(frame).__name__}")
    source = Path("<DataFrame>")
    if raw_text not in frame.columns:
        raise CorpusError(source, "no column with the texts", field=raw_text)
    columns = {column: frame[column] for column in frame.columns if column in MANIFEST_COLUMNS}
    if "file" not in columns:
        columns["file"] = pd.Series([""] * len(frame), index=frame.index)
    manifest = _check_manifest(pd.DataFrame(columns).reset_index(drop=True), source)
    corpus = manifest.assign(raw_text=frame[raw_text].astype(str).to_numpy())
    return _clean_and_check(corpus, [source] * len(corpus))


def canonical(docs: pd.DataFrame, *, include_variants: bool = False) -> pd.DataFrame:
    """Keep one rendering of each text: the documents whose ``duplicate_of`` is empty.

    000 is a machine-translated rendering of 001; counting both would count the critical side
    twice. Side-level statistics therefore use canonical documents unless asked otherwise.

    Parameters
    ----------
    docs : DataFrame
        Any table with a ``duplicate_of`` column (documents, sentences, tokens...). A table
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


def _read_manifest(manifest_path: Path) -> pd.DataFrame:
    if not manifest_path.is_file():
        raise CorpusError(manifest_path, "manifest not found")
    try:
        manifest = pd.read_csv(
            manifest_path, dtype=str, keep_default_na=False, encoding="utf-8-sig"
        )
    except UnicodeDecodeError as error:
        raise CorpusError(manifest_path, f"not valid UTF-8 (offset {error.start})") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise CorpusError(manifest_path, f"not a readable CSV file ({error})") from None
    return _check_manifest(manifest, manifest_path)


def _check_manifest(manifest: pd.DataFrame, source: Path) -> pd.DataFrame:
    """Validate a manifest table and return it with every column, as stripped strings."""
    unknown = [c for c in manifest.columns if c not in MANIFEST_COLUMNS]
    manifest = manifest.drop(columns=unknown)
    for column in REQUIRED_COLUMNS:
        if column not in manifest.columns:
            raise CorpusError(source, "required column is missing", field=column)
    if manifest.empty:
        raise CorpusError(source, "the manifest lists no documents")
    manifest = manifest.fillna("").astype(str).apply(lambda column: column.str.strip())
    manifest = manifest.reindex(columns=list(MANIFEST_COLUMNS), fill_value="")

    def fail(row: int, field: str, message: str) -> None:
        # Rows are numbered as a spreadsheet shows them: the header is row 1.
        raise CorpusError(source, f"row {row + 2}: {message}", field=field)

    seen: dict[str, int] = {}
    for row, record in manifest.iterrows():
        doc_id = record["doc_id"]
        if not doc_id:
            fail(row, "doc_id", "empty doc_id")
        if doc_id in seen:
            fail(row, "doc_id", f"duplicate doc_id {doc_id!r} (also in row {seen[doc_id] + 2})")
        seen[doc_id] = row
        if source.suffix == ".csv" and not record["file"]:
            fail(row, "file", f"doc_id {doc_id!r} names no file")
        for field, allowed, required in (
            ("stance", STANCES, True),
            ("translation", TRANSLATIONS, False),
        ):
            value = record[field]
            if (value or required) and value not in allowed:
                fail(row, field, f"unknown value {value!r} (expected one of: {', '.join(allowed)})")
        if record["published"] and not _is_iso_date(record["published"]):
            fail(row, "published", f"{record['published']!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        covers = _COVERS.match(record["covers"])
        if record["covers"] and (not covers or (covers[2] and covers[2] < covers[1])):
            fail(row, "covers", f"{record['covers']!r} is not YYYY or YYYY-YYYY")
    for row, record in manifest.iterrows():
        target = record["duplicate_of"]
        if target and (target not in seen or target == record["doc_id"]):
            fail(row, "duplicate_of", f"{target!r} names no other document in the manifest")
    return manifest


def _is_iso_date(value: str) -> bool:
    if not _PUBLISHED.match(value):
        return False
    parts = [int(part) for part in value.split("-")] + [1, 1]
    try:
        dt.date(*parts[:3])
    except ValueError:
        return False
    return True


def _clean_and_check(corpus: pd.DataFrame, text_paths: list[Path]) -> pd.DataFrame:
    cleaned = []
    for (_, record), text_path in zip(corpus.iterrows(), text_paths, strict=True):
        if not record["raw_text"].strip():
            raise CorpusError(text_path, f"doc_id {record['doc_id']!r}: the text is empty")
        text = clean_text(record["raw_text"])
        if not text:
            raise CorpusError(
                text_path, f"doc_id {record['doc_id']!r}: nothing is left after cleaning"
            )
        cleaned.append(text)
    return corpus.assign(text=cleaned).reset_index(drop=True)
