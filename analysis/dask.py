"""The corpus functions on Dask: beyond one core, and beyond one machine's memory.

Each function here takes a :class:`dask.dataframe.DataFrame` of documents (or of sentences)
where its namesake in the package takes a pandas one, and gives the same result:

- partition by partition: :func:`read_corpus` and :func:`corpus_from_frame` (reading and
  cleaning), :func:`sentences`, :func:`sentence_sentiment`;
- counted in every partition and summed: :func:`term_counts`, :func:`tfidf`,
  :func:`tfidf_blocks`, :func:`top_terms`, :func:`keyness` (term counts and document
  frequencies are sums over documents, so the scores equal the pandas ones to rounding, 1e-12
  or better);
- gathered and resampled in the pandas order: :func:`sentiment_summary`, whose bootstrap
  intervals are those of :func:`analysis.sentiment_summary` with the same seed, whatever the
  number of partitions.

The pandas and the Dask functions share one implementation of each check and statistic: the
corpus's checks (:func:`analysis.corpus.check_metadata`, :func:`analysis.corpus.read_table`,
:func:`analysis.corpus.documents_from_table`, :func:`analysis.corpus.documents_from_manifest`)
and keyness's scores (:func:`analysis.keyness.keyness_from_counts`,
:func:`analysis.keyness.least_favourable_scores`).

Where the work runs is Dask's choice of scheduler: inside ``with cluster():`` a local cluster of
one process per core (``dask.distributed.LocalCluster``), inside ``with
cluster(scheduler="tcp://host:8786"):`` any cluster the user runs; otherwise Dask's threads in
this process. The same code runs on a laptop and on a cluster.

Memory is bounded by a partition, not by the corpus: a partition of :data:`PARTITION_SIZE`
documents is read, cleaned, split and counted at a time. Partial results (term tables, group
sums) are added up on the workers, :data:`COMBINE_WIDTH` at a time. Each function's
documentation says what comes back to this process and how large it is:

- nothing until computed: :func:`from_pandas`, :func:`sentences`, :func:`sentence_sentiment`,
  :func:`term_counts` (kept on the workers), the blocks of :func:`tfidf_blocks`;
- a few short columns of every document (ids, dates, ``duplicate_of``), checked at once:
  :func:`read_corpus`, :func:`corpus_from_frame`;
- one row per term (bounded by the vocabulary): :func:`tfidf_blocks`, :func:`keyness`, and
  :func:`top_terms` before its result, ``n`` rows per document or group;
- linear in the documents' terms: :func:`tfidf`, whose result is the document × term matrix,
  as its pandas namesake's is (:func:`tfidf_blocks` is the bounded form);
- linear in the sentences, about 10 bytes each: :func:`sentiment_summary` by group, whose
  pandas intervals resample every sentence.

Examples
--------
>>> import pandas as pd
>>> from analysis import dask as ad
>>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "side": ["x", "x", "y"],
...                      "text": ["War, war. Peace!", "War again.", "Peace talks. Peace."]})
>>> parts = ad.from_pandas(docs, sizes=[2, 0, 1])
>>> ad.keyness(parts, group="side", target="x")[["term", "count_target"]].head(1).to_numpy()
array([['war', 3]], dtype=object)
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

try:
    import dask
    import dask.dataframe as dd
except ImportError as error:  # the optional dependencies of the "scale" extra
    raise ImportError(
        "analysis.dask needs Dask and dask.distributed: install the project's 'scale' extra "
        "(pip install 'analysis[scale]'; `make install` includes it)"
    ) from error
import numpy as np
import pandas as pd
from scipy import sparse

from analysis.corpus import (
    KNOWN_COLUMNS,
    MANIFEST_NAME,
    CorpusError,
    canonical_mask,
    check_metadata,
    documents_from_manifest,
    documents_from_table,
    read_table,
)
from analysis.validation import check_choice, check_documents, check_positive_int
from analysis.vocabulary import STOP_WORDS, TermAnalyzer, TfidfResult

__all__ = [
    "COMBINE_WIDTH",
    "PARTITION_SIZE",
    "PROGRESS_PARTITIONS",
    "DaskTermCounts",
    "DaskTfidf",
    "cluster",
    "corpus_from_frame",
    "from_pandas",
    "keyness",
    "read_corpus",
    "sentence_sentiment",
    "sentences",
    "sentiment_summary",
    "term_counts",
    "tfidf",
    "tfidf_blocks",
    "top_terms",
]

#: Documents per partition when a corpus is read or split: about 5 MB of text at 800 words a
#: document, and about 30,000 sentences.
PARTITION_SIZE = 1000

#: Computations over more partitions than this show a progress bar (unless progress=False).
PROGRESS_PARTITIONS = 8

#: Partial results (term tables, group sums) added up in one task on the workers: sums over
#: partitions run as a tree of this fan-in, so no task holds more than this many at once.
COMBINE_WIDTH = 8


# --- Where the work runs ---------------------------------------------------------------------


@contextlib.contextmanager
def cluster(
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    processes: bool = True,
    memory_limit: str | float | None = "auto",
) -> Iterator:
    """Run the Dask work of the block on a local cluster, or on the cluster at ``scheduler``.

    Parameters
    ----------
    workers : int, optional
        Workers of the local cluster, one thread each; by default one per core.
    scheduler : str, optional
        The address of a running Dask scheduler (``tcp://host:8786``): the work goes there, and
        no local cluster is started.
    processes : bool, default True
        Local workers are processes, so that Python code runs on every core at once; False
        runs them as threads of this process (quick to start, for tests; one core for Python).
    memory_limit : str or float, optional
        Each local worker's memory limit (Dask's "auto" shares the machine's memory).

    Yields
    ------
    distributed.Client
        The client, the default scheduler of every computation inside the block. On leaving,
        the client is closed and a local cluster shut down, workers included.

    Examples
    --------
    ::

        with analysis.dask.cluster(workers=2):
            corpus = analysis.dask.read_corpus("news.parquet")
            scored = analysis.dask.sentence_sentiment(corpus)
            summary = analysis.dask.sentiment_summary(scored, group="outlet")
    """
    from distributed import Client, LocalCluster

    if scheduler is not None and workers is not None:
        raise ValueError(
            f"cluster: give workers={workers!r} (a local cluster) or scheduler={scheduler!r} "
            "(a running one), not both"
        )
    if scheduler is not None:
        if not isinstance(scheduler, str) or not scheduler.strip():
            raise ValueError(f"cluster: scheduler must be an address, got {scheduler!r}")
        client = Client(scheduler, set_as_default=True)
        try:
            yield client
        finally:
            client.close()
        return
    workers = check_positive_int(
        workers if workers is not None else os.cpu_count() or 1, "workers", "cluster"
    )
    local = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=processes,
        memory_limit=memory_limit,
        # Workers in processes talk to the scheduler over TCP on this machine only; thread
        # workers, within this process.
        **({"host": "127.0.0.1"} if processes else {}),
        dashboard_address=":0",  # any free port, never a fixed one
        silence_logs=logging.ERROR,
    )
    try:
        client = Client(local, set_as_default=True)
        try:
            yield client
        finally:
            client.close()
    finally:
        local.close()


def _client():
    """The distributed client in use, or None (Dask's local schedulers)."""
    try:
        from distributed import default_client
    except ImportError:  # pragma: no cover - distributed is installed with dask here
        return None
    try:
        client = default_client()
    except ValueError:
        return None
    return None if client.status in ("closing", "closed") else client


def _show(progress: bool | None, parts: int) -> bool:
    return parts > PROGRESS_PARTITIONS if progress is None else bool(progress)


def _compute(*collections, progress: bool | None = None, parts: int = 0):
    """``dask.compute`` of the collections, with a progress bar on standard error."""
    client = _client()
    show = _show(progress, parts)
    if client is not None:
        futures = client.compute(list(collections))
        if show:
            from distributed import progress as distributed_progress

            distributed_progress(futures, notebook=False)
            print(file=sys.stderr)
        return tuple(client.gather(futures))
    if show:
        from dask.diagnostics import ProgressBar

        with ProgressBar(out=sys.stderr):
            return dask.compute(*collections)
    return dask.compute(*collections)


def _persist(collections: list, *, progress: bool | None = None) -> list:
    """Compute the collections where they are (workers' memory) and keep them there."""
    client = _client()
    if client is not None:
        kept = client.persist(collections)
        if _show(progress, len(collections)):
            from distributed import progress as distributed_progress

            distributed_progress(kept, notebook=False)
            print(file=sys.stderr)
        return list(kept)
    return list(dask.persist(*collections))


def _tree(items: list, combine):
    """Partial results combined on the workers, :data:`COMBINE_WIDTH` at a time, into one.

    ``combine`` takes a list of partial results (in partition order) and returns one of the
    same kind; it runs at least once. The combined result is lazy: nothing reaches this process
    until it is computed, and then only the one result, never a list of per-partition ones.
    """
    joining = dask.delayed(combine, pure=True)
    while True:
        items = [
            joining(items[start : start + COMBINE_WIDTH])
            for start in range(0, max(len(items), 1), COMBINE_WIDTH)
        ]
        if len(items) == 1:
            return items[0]


def _check_frame(docs: object, columns: Iterable[str], caller: str) -> None:
    if isinstance(docs, pd.DataFrame):
        raise TypeError(
            f"{caller} expects a dask DataFrame; for a pandas one use analysis.{caller} or "
            "analysis.dask.from_pandas(docs)"
        )
    if not isinstance(docs, dd.DataFrame):
        raise TypeError(f"{caller} expects a dask DataFrame, got {type(docs).__name__}")
    check_documents(docs._meta, columns, caller)


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
    client = _client()
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
) -> pd.DataFrame:
    """One partition of a table cleaned as :func:`analysis.corpus_from_frame` cleans it.

    The identifiers of the whole table were checked before (:func:`_from_raw`): a partition's
    ``duplicate_of`` may name a document of another partition, so its links are not followed.
    """
    if part.empty:
        return _empty_corpus(columns)
    # Dask may hand strings over in its own Arrow type; pandas reads them as "str".
    part = part.astype(
        {c: "str" for c, t in part.dtypes.items() if isinstance(t, pd.StringDtype) and t != "str"}
    )
    built = documents_from_table(
        part, source=path, text=text, doc_id=doc_id, cleaning=cleaning, links=False
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
        Nothing is read beyond the identifiers, dates and specs, which are checked at once for
        the whole corpus by :func:`analysis.corpus.check_metadata` (an id used twice, a
        ``duplicate_of`` naming no document), and the first partition, which tells the
        columns' types.

    Notes
    -----
    What reaches this process: for a manifest, the manifest itself, read here; for Parquet,
    the known columns of every document (``doc_id``, ``published``, ``covers``,
    ``duplicate_of``, ``cleaning``: a few short strings each, linear in the documents), the
    partitions' lengths when the documents are numbered, and one row with its text. The texts
    are read and cleaned on the workers.

    Raises
    ------
    CorpusError
        As :func:`analysis.load_corpus`; errors in a text are raised when its partition is
        computed.
    """
    partition_size = check_positive_int(partition_size, "partition_size", "read_corpus")
    source = Path(path)
    suffix = source.suffix.lower()
    parquet = suffix in (".parquet", ".pq") or (
        source.is_dir()
        and not (source / MANIFEST_NAME).is_file()
        and any(path.suffix.lower() in (".parquet", ".pq") for path in source.iterdir())
    )
    if parquet:
        if not source.exists():
            raise CorpusError(source, "no such folder or file")
        try:
            # Columns as pandas.read_parquet gives them (load_corpus reads with it), not Dask's
            # own string type.
            with _pandas_types():
                raw = dd.read_parquet(source)
        except Exception as error:  # pyarrow raises several unrelated types for a bad file
            raise CorpusError(source, f"not a readable Parquet file ({error})") from None
        return _from_raw(raw, source, text=text, doc_id=doc_id, cleaning=cleaning)
    manifest_path = source / MANIFEST_NAME if source.is_dir() else source
    if suffix == ".csv" and source.is_file():
        table = read_table(source)
        if text in table.columns or "file" not in table.columns:
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


def _from_raw(raw: dd.DataFrame, path: Path, *, text: str, doc_id: str | None, cleaning):
    """Clean a lazy table partition by partition, after checking its identifiers at once."""
    columns = [str(column) for column in raw.columns]
    if text not in columns:
        have = ", ".join(map(repr, columns)) or "no columns"
        raise CorpusError(path, f"no column of texts (it has {have}); pass text=", field=text)
    if doc_id is None:
        doc_id = "doc_id"
    if doc_id not in columns:
        if doc_id != "doc_id":
            raise CorpusError(path, "no such column of identifiers", field=doc_id)
        # Documents are numbered across partitions: each partition's first number is the
        # number of rows before it.
        lengths = np.asarray(_compute(raw.map_partitions(len))[0], dtype=np.int64).ravel()
        total = int(lengths.sum())
        width = len(str(max(total - 1, 0)))
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        parts = [
            dask.delayed(_numbered)(part, int(start), width)
            for part, start in zip(raw.to_delayed(), starts, strict=True)
        ]
        with _pandas_types():
            meta = _numbered(raw._meta_nonempty.head(1), 0, 1).iloc[:0]
            raw = dd.from_delayed(parts, meta=meta)
        columns = ["doc_id", *columns]
    known = [doc_id, *(c for c in KNOWN_COLUMNS if c in columns and c not in ("doc_id", "file"))]
    small = _compute(raw[known])[0]
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
        meta=meta,
        enforce_metadata=False,
    )


def _first_row(raw: dd.DataFrame) -> pd.DataFrame:
    """The first row of the first partition that has one: what the partitions hold."""
    for k in range(raw.npartitions):
        row = _compute(raw.partitions[k].head(1, npartitions=1, compute=False))[0]
        if len(row):
            return row
    raise CorpusError(Path("<DataFrame>"), "lists no documents")


def _numbered(part: pd.DataFrame, start: int, width: int) -> pd.DataFrame:
    part = part.copy()
    part.insert(0, "doc_id", [f"{i:0{width}d}" for i in range(start, start + len(part))])
    return part


# --- Sentences and their scores, partition by partition -------------------------------------


def _sample(docs: dd.DataFrame, text: str, doc_id: str) -> pd.DataFrame:
    """One made-up row with the columns and types of ``docs``, to find a result's types."""
    sample = docs._meta_nonempty.head(1).copy()
    sample[text] = "x."
    sample[doc_id] = "x"
    if "cleaning" in sample.columns:
        sample["cleaning"] = "general"
    if "duplicate_of" in sample.columns:
        sample["duplicate_of"] = ""
    if "is_heading" in sample.columns:
        sample["is_heading"] = False
    return sample


def sentences(docs: dd.DataFrame, *, text: str = "text", doc_id: str = "doc_id") -> dd.DataFrame:
    """:func:`analysis.sentences` of each partition: one row per sentence or heading.

    A document lies in one partition, so its ``sent_id`` and ``position`` are those of the
    pandas result; the rows, computed, are the pandas rows in the same order. Lazy: nothing
    reaches this process until the caller computes the result (all of it is one row per
    sentence: compute it only when that fits, or reduce it first).
    """
    from analysis.text import sentences as split

    _check_frame(docs, (text, doc_id), "sentences")
    meta = split(_sample(docs, text, doc_id), text=text, doc_id=doc_id).iloc[:0]
    return docs.map_partitions(split, text=text, doc_id=doc_id, meta=meta, enforce_metadata=False)


def _score_partition(part: pd.DataFrame, **options) -> pd.DataFrame:
    from analysis.sentiment import sentence_sentiment as score

    return score(part, progress=False, **options)


def sentence_sentiment(
    docs: dd.DataFrame,
    *,
    engine: str = "vader",
    text: str = "text",
    doc_id: str = "doc_id",
    split: bool | None = None,
) -> dd.DataFrame:
    """:func:`analysis.sentence_sentiment` of each partition, documents or sentences.

    Given the sentences of :func:`sentences` (a ``sent_id`` column), they are scored as they
    are, never split again. Lazy, like :func:`sentences`: nothing reaches this process until
    the caller computes the result, one row per sentence.
    """
    _check_frame(docs, (text, doc_id), "sentence_sentiment")
    options = {"engine": engine, "text": text, "doc_id": doc_id, "split": split}
    meta = _score_partition(_sample(docs, text, doc_id), **options).iloc[:0]
    return docs.map_partitions(_score_partition, **options, meta=meta, enforce_metadata=False)


def _compact_scores(part: pd.DataFrame, *, group, score, doc_id, include_variants):
    """What a group's bootstrap needs of a partition's sentences, and no more.

    The rows that count (canonical ones when documents are pooled), in order: the score, and
    the group and the document as categorical codes, one small integer each, with the labels
    written once per partition.
    """
    if group != doc_id:
        part = part[canonical_mask(part, include_variants=include_variants)]
    columns = {group: pd.Categorical(part[group])}
    if doc_id != group:
        columns[doc_id] = pd.Categorical(part[doc_id])
    columns[score] = part[score].to_numpy()
    return pd.DataFrame(columns)


def _restore(pieces: list[pd.DataFrame], dtypes: pd.Series) -> pd.DataFrame:
    """The compact partitions as one table, rows in order, each column of its own type."""
    columns = {}
    for name, dtype in dtypes.items():
        values = [piece[name] for piece in pieces]
        if not isinstance(dtype, pd.CategoricalDtype):
            # Codes back to labels, partition by partition: their categories differ.
            values = [value.astype(dtype) for value in values]
        columns[name] = pd.concat(values, ignore_index=True)
    return pd.DataFrame(columns)


def sentiment_summary(
    scored: dd.DataFrame,
    *,
    group: str = "doc_id",
    score: str = "compound",
    doc_id: str = "doc_id",
    n_boot: int = 2000,
    seed: int = 0,
    include_variants: bool = False,
    interval: str = "sentence",
    progress: bool | None = None,
) -> pd.DataFrame:
    """:func:`analysis.sentiment_summary` of scored sentences held in partitions: the same table.

    Per document (``group == doc_id``), each partition summarises its own documents where it
    is, every document's resampling starting from ``seed`` as in pandas.

    Per group, the bootstrap needs every sentence's score: the sentence bootstrap draws
    sentences of the whole group, and the cluster bootstrap (``interval="cluster"``) draws
    sentences within each drawn document, from one random stream in the order of the rows.
    No per-document total gives the same intervals. The partitions therefore send the scores
    of the sentences that count, with each sentence's group and document as a small integer
    code, and the group's rows are resampled here by :func:`analysis.sentiment_summary`
    itself: the intervals are those of the pandas function with the same seed, whatever the
    number or the sizes of the partitions.

    Parameters
    ----------
    scored : dask DataFrame
        Scored sentences, e.g. from :func:`sentence_sentiment`.
    group, score, doc_id, n_boot, seed, include_variants, interval
        As in :func:`analysis.sentiment_summary`.
    progress : bool, optional
        A progress bar on standard error; by default for more than
        :data:`PROGRESS_PARTITIONS` partitions.

    Returns
    -------
    DataFrame
        :func:`analysis.sentiment_summary`'s table.

    Notes
    -----
    What reaches this process: per document, the result, one row per document (a document
    whose sentences were split between partitions is summarised as a group is). Per group,
    about 10 bytes per sentence that counts (the score, 8 bytes; the group's and the
    document's codes, 1 to 4 bytes each) and the ids of each partition's documents: linear in
    the number of sentences, which the pandas intervals need. For group means and shares
    without intervals, nothing larger than the groups needs to come back:
    ``scored.groupby(group)[score].mean().compute()``.
    """
    from analysis.sentiment import INTERVALS
    from analysis.sentiment import sentiment_summary as summarise

    _check_frame(scored, (group, score, doc_id), "sentiment_summary")
    # The arguments are checked before anything is computed.
    check_positive_int(n_boot, "n_boot", "sentiment_summary")
    check_choice(interval, INTERVALS, "interval", "sentiment_summary")
    options = {
        "group": group,
        "score": score,
        "doc_id": doc_id,
        "n_boot": n_boot,
        "seed": seed,
        "include_variants": include_variants,
        "interval": interval,
    }
    if group == doc_id:
        meta = summarise(scored._meta_nonempty.head(1), **options).iloc[:0]
        parts = scored.map_partitions(summarise, **options, meta=meta, enforce_metadata=False)
        table = _compute(parts, progress=progress, parts=scored.npartitions)[0]
        if not table[group].duplicated().any():
            return table.sort_values(group, kind="stable", ignore_index=True)
        # A document split across partitions (sentences repartitioned by the user): its
        # sentences are gathered, as for groups.
    compact = {"group": group, "score": score, "doc_id": doc_id}
    shrink = dask.delayed(_compact_scores, pure=True)
    pieces = _compute(
        *[
            shrink(part, **compact, include_variants=include_variants)
            for part in scored.to_delayed()
        ],
        progress=progress,
        parts=scored.npartitions,
    )
    rows = _restore(list(pieces), scored._meta.dtypes[list(dict.fromkeys([group, doc_id, score]))])
    # The variants were left out where the rows are; nothing is left to leave out here.
    return summarise(rows, **(options | {"include_variants": True}))


# --- Term counts, summed across partitions --------------------------------------------------


@dataclass
class DaskTermCounts:
    """Term counts of a corpus held in partitions: the tokenizing is done once, where they are.

    Made by :func:`term_counts`; :func:`tfidf`, :func:`top_terms` and :func:`keyness` take it
    through ``counts=``. Each partition holds a sparse matrix of its documents' counts over its
    own terms and its documents' other columns (``doc_id``, groups, ``duplicate_of``); on a
    distributed cluster they stay in the workers' memory.
    """

    parts: list
    ngram_range: tuple[int, int]
    stop_words: frozenset[str]
    doc_id: str
    columns: tuple[str, ...]

    @property
    def npartitions(self) -> int:
        return len(self.parts)


def _count_partition(part: pd.DataFrame, *, text, doc_id, ngram_range, stop_words):
    from analysis.vocabulary import count_terms

    counts, terms = count_terms(part[text], ngram_range=ngram_range, stop_words=stop_words)
    others = [c for c in part.columns if c not in (text, "raw_text", "text")]
    return counts, terms, part[others].reset_index(drop=True)


def term_counts(
    docs: dd.DataFrame,
    *,
    text: str = "text",
    doc_id: str = "doc_id",
    ngram_range: tuple[int, int] = (1, 2),
    stop_words: frozenset[str] = STOP_WORDS,
    progress: bool | None = None,
) -> DaskTermCounts:
    """Count every term of every document, partition by partition, and keep the counts there.

    As :func:`analysis.term_counts`: the counts serve :func:`tfidf`, :func:`top_terms` and
    :func:`keyness`, and unigram keyness from counts made with ``ngram_range=(1, 2)``. The
    counts are computed and kept on the workers (in this process under Dask's local
    schedulers); nothing reaches this process.
    """
    _check_frame(docs, (text, doc_id), "term_counts")
    analyzer = TermAnalyzer(tuple(ngram_range), frozenset(stop_words))
    counting = dask.delayed(_count_partition, pure=True)
    parts = [
        counting(
            part,
            text=text,
            doc_id=doc_id,
            ngram_range=analyzer.ngram_range,
            stop_words=analyzer.stop_words,
        )
        for part in docs.to_delayed()
    ]
    parts = _persist(parts, progress=progress)
    columns = tuple(c for c in docs.columns if c not in (text, "raw_text", "text"))
    return DaskTermCounts(parts, analyzer.ngram_range, analyzer.stop_words, doc_id, columns)


def _counts_of(
    docs, counts, *, text, doc_id, ngram_range, stop_words, caller, columns=(), progress=None
) -> DaskTermCounts:
    """The counts given (checked against what the caller counts), or counted now."""
    if counts is None:
        _check_frame(docs, (text, doc_id, *columns), caller)
        return term_counts(
            docs,
            text=text,
            doc_id=doc_id,
            ngram_range=ngram_range,
            stop_words=stop_words,
            progress=progress,
        )
    if not isinstance(counts, DaskTermCounts):
        raise TypeError(
            f"{caller}: counts must be the DaskTermCounts of analysis.dask.term_counts, got "
            f"{type(counts).__name__}"
        )
    low, high = ngram_range
    if not counts.ngram_range[0] <= low <= high <= counts.ngram_range[1]:
        raise ValueError(
            f"{caller}: ngram_range={tuple(ngram_range)} is not within the counts' "
            f"ngram_range {counts.ngram_range}"
        )
    if frozenset(stop_words) != counts.stop_words:
        raise ValueError(f"{caller}: the counts were made with other stop words than stop_words=")
    missing = [c for c in columns if c not in counts.columns]
    if missing:
        raise KeyError(f"{caller}: the counted documents have no column {missing[0]!r}")
    return counts


def _ngram_columns(terms: np.ndarray, ngram_range, counted_range) -> np.ndarray:
    """Which of ``terms`` belong to ``ngram_range`` (the terms were counted for another)."""
    low, high = ngram_range
    if (low, high) == tuple(counted_range):
        return np.ones(len(terms), dtype=bool)
    bigram = np.fromiter((" " in term for term in terms), bool, len(terms))
    return bigram if low == 2 else ~bigram


def _reindex(counts, terms, vocabulary: pd.Index) -> sparse.csr_matrix:
    """Counts over local ``terms`` as counts over ``vocabulary``, columns in its order."""
    position = vocabulary.get_indexer(terms)
    known = np.flatnonzero(position >= 0)
    part = counts[:, known].tocoo()
    matrix = sparse.csr_matrix(
        (part.data, (part.row, position[known][part.col])),
        shape=(counts.shape[0], len(vocabulary)),
        dtype=np.int64,
    )
    matrix.sort_indices()
    return matrix


def _frequencies(part, *, ngram_range, counted_range, include_variants):
    """Per term of a partition: documents (canonical ones) that use it; and those documents."""
    counts, terms, frame = part
    wanted = _ngram_columns(terms, ngram_range, counted_range)
    fit = canonical_mask(frame, include_variants=include_variants)
    used = np.asarray((counts[np.flatnonzero(fit)] > 0).sum(axis=0)).ravel()
    table = pd.DataFrame({"documents": used}, index=terms)
    return table[wanted], int(fit.sum())


def _add_frequencies(pieces: list) -> tuple[pd.DataFrame, int]:
    """Document frequencies and fitted documents of several partitions, added up."""
    tables = [table for table, _ in pieces if len(table)]
    fitted = sum(size for _, size in pieces)
    if not tables:
        return pd.DataFrame({"documents": []}, dtype=np.int64), fitted
    return pd.concat(tables).groupby(level=0, sort=False).sum(), fitted


def _tfidf_partition(part, *, vocabulary, idf, sublinear_tf):
    from sklearn.feature_extraction.text import TfidfTransformer

    counts, terms, frame = part
    matrix = _reindex(counts, terms, vocabulary)
    if len(vocabulary) and matrix.shape[0]:
        transformer = TfidfTransformer(sublinear_tf=sublinear_tf)
        transformer.idf_ = idf
        transformer.n_features_in_ = len(idf)
        weights = sparse.csr_matrix(transformer.transform(matrix.astype(np.float64)))
    else:
        weights = sparse.csr_matrix(matrix.shape, dtype=np.float64)
    return weights, matrix, frame


def _idf(frequencies: pd.DataFrame, fitted: int, min_df: int):
    """The vocabulary (terms of the fitted documents used by ``min_df`` of them, sorted) and
    scikit-learn's smoothed idf of each, computed as ``TfidfTransformer.fit`` computes it."""
    kept = frequencies[frequencies["documents"] >= min_df]
    terms = np.sort(np.asarray(kept.index, dtype=object))
    documents = kept["documents"].reindex(terms).to_numpy().astype(np.float64)
    documents += 1.0
    idf = np.full_like(documents, fill_value=fitted + 1, dtype=np.float64)
    idf /= documents
    np.log(idf, out=idf)
    idf += 1.0
    return pd.Index(terms, dtype=object), idf


def _scatter(value):
    client = _client()
    return client.scatter(value, broadcast=True) if client is not None else value


def _tfidf_parts(
    counts: DaskTermCounts, *, ngram_range, min_df, sublinear_tf, include_variants, progress
):
    """Pass 1: document frequencies summed over partitions; pass 2: each partition weighted.

    Pass 1 brings one table to this process, one row per term of the fitted documents; pass 2
    is lazy, one delayed ``(weights, counts, frame)`` per partition.
    """
    frequency = dask.delayed(_frequencies, pure=True)
    found = [
        frequency(
            part,
            ngram_range=ngram_range,
            counted_range=counts.ngram_range,
            include_variants=include_variants,
        )
        for part in counts.parts
    ]
    ((table, fitted),) = _compute(
        _tree(found, _add_frequencies), progress=progress, parts=counts.npartitions
    )
    vocabulary, idf = _idf(table, int(fitted), min_df)
    if not fitted:
        idf = np.zeros(len(vocabulary))
    shared = _scatter((vocabulary, idf))
    weigh = dask.delayed(_tfidf_partition, pure=True)
    pick = dask.delayed(lambda pair, k: pair[k], pure=True)
    parts = [
        weigh(
            part,
            vocabulary=pick(shared, 0),
            idf=pick(shared, 1),
            sublinear_tf=sublinear_tf,
        )
        for part in counts.parts
    ]
    return parts, vocabulary, idf, int(fitted)


def _block(part, doc_id: str):
    """A partition's TF-IDF rows as :class:`DaskTfidf` lists them."""
    weights, matrix, frame = part
    return weights, matrix, frame[doc_id].tolist()


@dataclass
class DaskTfidf:
    """TF-IDF vectors of a corpus held in partitions, left where they were computed.

    Made by :func:`tfidf_blocks`. The model (``terms``, ``idf``) is here; the vectors are not.

    Attributes
    ----------
    blocks : list of dask.delayed.Delayed
        One lazy block per partition, in order. Computed, a block is ``(matrix, counts,
        doc_ids)``: the l2-normalised TF-IDF rows and the raw counts of the partition's
        documents (scipy sparse matrices, one column per term of ``terms``) and their ids.
        Compute them one or a few at a time, or map a reduction over them where they are
        (``dask.delayed(f)(block)``), so that no more than a partition's rows reach this
        process at once.
    terms : numpy.ndarray
        The column labels, sorted.
    idf : numpy.ndarray
        Each term's smoothed idf, as scikit-learn's ``TfidfTransformer`` computes it.
    documents : int
        The documents the idf was fitted on (canonical ones unless ``include_variants``).
    analyzer : TermAnalyzer
        How the texts were cut into terms.
    sublinear_tf : bool
        Whether term frequencies were replaced by ``1 + log(tf)``.
    """

    blocks: list
    terms: np.ndarray
    idf: np.ndarray
    documents: int
    analyzer: TermAnalyzer
    sublinear_tf: bool

    @property
    def npartitions(self) -> int:
        return len(self.blocks)

    def gather(self, *, progress: bool | None = None) -> TfidfResult:
        """Every block brought here and stacked in document order: :func:`tfidf`'s result.

        What reaches this process is the whole documents × terms matrix, twice (weights and
        counts): about 24 bytes per non-zero cell (two values and a column index), plus the
        documents' ids.
        """
        from sklearn.feature_extraction.text import TfidfVectorizer

        results = _compute(*self.blocks, progress=progress, parts=len(self.blocks))
        width = len(self.terms)
        matrix = sparse.vstack([r[0] for r in results] or [sparse.csr_matrix((0, width))], "csr")
        raw = sparse.vstack(
            [r[1] for r in results] or [sparse.csr_matrix((0, width), dtype=np.int64)], "csr"
        )
        ids = [value for r in results for value in r[2]]
        vectorizer = TfidfVectorizer(
            analyzer=self.analyzer,
            vocabulary=list(self.terms) or None,
            sublinear_tf=self.sublinear_tf,
            dtype=np.float64,
        )
        if width and self.documents:
            vectorizer.idf_ = self.idf
        else:
            matrix = sparse.csr_matrix(raw.shape, dtype=np.float64)
        return TfidfResult(matrix, raw, self.terms, ids, vectorizer)


def tfidf_blocks(
    docs: dd.DataFrame | None = None,
    *,
    text: str = "text",
    doc_id: str = "doc_id",
    ngram_range: tuple[int, int] = (1, 2),
    stop_words: frozenset[str] = STOP_WORDS,
    min_df: int = 1,
    sublinear_tf: bool = False,
    include_variants: bool = False,
    counts: DaskTermCounts | None = None,
    progress: bool | None = None,
) -> DaskTfidf:
    """The TF-IDF model of a corpus held in partitions, its vectors left in the partitions.

    The bounded form of :func:`tfidf`: the same vectors, partition by partition, never the
    whole matrix at once.

    Parameters
    ----------
    docs, text, doc_id, ngram_range, stop_words, min_df, sublinear_tf, include_variants
        As in :func:`analysis.tfidf`.
    counts : DaskTermCounts, optional
        The counts of :func:`term_counts`, so that the texts are not tokenized again.
    progress : bool, optional
        A progress bar on standard error; by default for more than
        :data:`PROGRESS_PARTITIONS` partitions.

    Returns
    -------
    DaskTfidf
        The vocabulary and idf, and one lazy block of vectors per partition.

    Notes
    -----
    Document frequencies are counted in every partition and added up on the workers; the idf
    is computed from them as scikit-learn computes it. What reaches this process: one table of
    document frequencies, one row per term of the fitted documents (bounded by the vocabulary,
    not by the documents). The blocks are computed only when asked for.
    """
    min_df = check_positive_int(min_df, "min_df", "tfidf")
    analyzer = TermAnalyzer(tuple(ngram_range), frozenset(stop_words))
    counts = _counts_of(
        docs,
        counts,
        text=text,
        doc_id=doc_id,
        ngram_range=analyzer.ngram_range,
        stop_words=analyzer.stop_words,
        caller="tfidf",
        progress=progress,
    )
    parts, vocabulary, idf, fitted = _tfidf_parts(
        counts,
        ngram_range=analyzer.ngram_range,
        min_df=min_df,
        sublinear_tf=sublinear_tf,
        include_variants=include_variants,
        progress=progress,
    )
    block = dask.delayed(_block, pure=True)
    return DaskTfidf(
        blocks=[block(part, counts.doc_id) for part in parts],
        terms=np.asarray(vocabulary, dtype=object),
        idf=idf,
        documents=fitted,
        analyzer=analyzer,
        sublinear_tf=sublinear_tf,
    )


def tfidf(
    docs: dd.DataFrame | None = None,
    *,
    text: str = "text",
    doc_id: str = "doc_id",
    ngram_range: tuple[int, int] = (1, 2),
    stop_words: frozenset[str] = STOP_WORDS,
    min_df: int = 1,
    sublinear_tf: bool = False,
    include_variants: bool = False,
    counts: DaskTermCounts | None = None,
    progress: bool | None = None,
) -> TfidfResult:
    """:func:`analysis.tfidf` of a corpus held in partitions: the same vectors, gathered here.

    Document frequencies are summed over the partitions, the idf is computed from them as
    scikit-learn computes it, and each partition's rows are weighted and normalised where they
    are (:func:`tfidf_blocks`); the blocks are then stacked here in document order
    (:meth:`DaskTfidf.gather`).

    What reaches this process is the result itself: the documents × terms matrix, as sparse
    weights and counts (about 24 bytes per non-zero cell; a 1000-word document has a few
    hundred distinct terms), with the documents' ids and one row per term. For a corpus whose
    matrix does not fit in this process's memory, use :func:`tfidf_blocks` and take its
    blocks a partition at a time, or :func:`top_terms`, which ranks the terms where the rows
    are.
    """
    return tfidf_blocks(
        docs,
        text=text,
        doc_id=doc_id,
        ngram_range=ngram_range,
        stop_words=stop_words,
        min_df=min_df,
        sublinear_tf=sublinear_tf,
        include_variants=include_variants,
        counts=counts,
        progress=progress,
    ).gather(progress=progress)


def _group_sums(part, *, group, include_variants):
    """Per group of a partition: sums of the TF-IDF rows and of the counts, and documents."""
    weights, matrix, frame = part
    keep = np.flatnonzero(canonical_mask(frame, include_variants=include_variants))
    members = frame[group].to_numpy()[keep]
    _refuse_missing_labels(members, group, "top_terms")
    labels = pd.unique(members)
    codes = pd.Categorical(members, categories=labels).codes
    indicator = sparse.csr_matrix(
        (np.ones(len(keep)), (codes, keep)), shape=(len(labels), len(frame))
    )
    return {
        label: (
            sparse.csr_matrix(indicator[row] @ weights),
            sparse.csr_matrix(indicator[row] @ matrix),
            int(indicator[row].sum()),
        )
        for row, label in enumerate(labels)
    }


def _add_group_sums(pieces: list[dict]) -> dict:
    total: dict = {}
    for piece in pieces:
        for label, (weights, counts, size) in piece.items():
            if label in total:
                w, c, s = total[label]
                total[label] = (w + weights, c + counts, s + size)
            else:
                total[label] = (weights, counts, size)
    return total


def _top_groups(total: dict, terms: np.ndarray, *, n: int, group: str) -> pd.DataFrame:
    """The ranked table of the groups' mean TF-IDF rows, from their sums (on a worker)."""
    from analysis.vocabulary import top_rows

    labels = sorted(total, key=str)
    width = len(terms)
    empty = sparse.csr_matrix((0, width))
    weights = sparse.vstack([total[label][0] for label in labels] or [empty], "csr")
    matrix = sparse.vstack([total[label][1] for label in labels] or [empty], "csr")
    sizes = np.array([total[label][2] for label in labels], dtype=float)
    means = sparse.diags(1 / sizes) @ weights if labels else weights
    return top_rows(means, matrix, terms, labels, n=n, unit=group)


def _top_partition(part, *, n):
    from analysis.vocabulary import top_rows

    weights, matrix, frame, terms, doc_id = part
    return top_rows(weights, matrix, terms, frame[doc_id].tolist(), n=n)


def top_terms(
    docs: dd.DataFrame | None = None,
    *,
    n: int = 10,
    group: str | None = None,
    text: str = "text",
    doc_id: str = "doc_id",
    ngram_range: tuple[int, int] = (1, 2),
    stop_words: frozenset[str] = STOP_WORDS,
    include_variants: bool = False,
    counts: DaskTermCounts | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """:func:`analysis.top_terms` of a corpus held in partitions.

    Per document, each partition ranks its own documents. Per group, each partition sums the
    TF-IDF rows and counts of its documents by group; the sums are added up on the workers
    and divided by the group's documents (the pandas means, to rounding), and the terms
    ranked there too.

    What reaches this process: the document frequencies of :func:`tfidf_blocks` (one row per
    term), then the result only, ``n`` rows per document or per group.
    """
    from analysis.vocabulary import top_rows

    n = check_positive_int(n, "n", "top_terms")
    analyzer = TermAnalyzer(tuple(ngram_range), frozenset(stop_words))
    counts = _counts_of(
        docs,
        counts,
        text=text,
        doc_id=doc_id,
        ngram_range=analyzer.ngram_range,
        stop_words=analyzer.stop_words,
        caller="top_terms",
        columns=(group,) if group else (),
        progress=progress,
    )
    parts, vocabulary, _, _ = _tfidf_parts(
        counts,
        ngram_range=analyzer.ngram_range,
        min_df=1,
        sublinear_tf=False,
        include_variants=include_variants,
        progress=progress,
    )
    terms = np.asarray(vocabulary, dtype=object)
    shared = _scatter(terms)
    if group is None:
        ranked = dask.delayed(_top_partition, pure=True)
        with_terms = dask.delayed(lambda part, terms, doc_id: (*part, terms, doc_id), pure=True)
        tables = _compute(
            *[ranked(with_terms(part, shared, counts.doc_id), n=n) for part in parts],
            progress=progress,
            parts=len(parts),
        )
        return pd.concat(tables, ignore_index=True) if tables else top_rows([], [], terms, [], n=n)
    summing = dask.delayed(_group_sums, pure=True)
    sums = [summing(part, group=group, include_variants=include_variants) for part in parts]
    ranking = dask.delayed(_top_groups, pure=True)
    (table,) = _compute(
        ranking(_tree(sums, _add_group_sums), shared, n=n, group=group),
        progress=progress,
        parts=len(parts),
    )
    return table


def _canonical_counts(part, *, group, target, reference, include_variants, ngram_range, counted):
    """A partition's canonical documents: their counts of the n-grams asked for, their terms
    and their groups."""
    counts, terms, frame = part
    keep = canonical_mask(frame, include_variants=include_variants)
    labels = frame[group].to_numpy()[keep]
    counts = counts[np.flatnonzero(keep)]
    wanted = _ngram_columns(terms, ngram_range, counted)
    return counts[:, np.flatnonzero(wanted)].tocsr(), terms[wanted], labels


def _keyness_partition(part, **options):
    """Per term of a partition's canonical documents: counts and documents in each group;
    the groups present, and the documents of the target and the reference."""
    counts, terms, labels = _canonical_counts(part, **options)
    _refuse_missing_labels(labels, options["group"], "keyness")
    target, reference = options["target"], options["reference"]
    in_target = labels == target
    in_reference = labels == reference if reference is not None else ~in_target
    used = (counts > 0).astype(np.int64)

    def column_sums(matrix, rows):
        return np.asarray(matrix[np.flatnonzero(rows)].sum(axis=0)).ravel()

    table = pd.DataFrame(
        {
            "count_target": column_sums(counts, in_target),
            "count_reference": column_sums(counts, in_reference),
            "docs_target": column_sums(used, in_target),
            "docs_reference": column_sums(used, in_reference),
        },
        index=terms,
    )
    table = table[(table["count_target"] + table["count_reference"]) > 0]
    present = set(pd.unique(labels).tolist())
    return table, present, int(in_target.sum()), int(in_reference.sum())


def _add_keyness(pieces: list) -> tuple:
    """The keyness counts of several partitions added up: one row per term, labels, sizes."""
    tables = [table for table, *_ in pieces if len(table)]
    columns = ["count_target", "count_reference", "docs_target", "docs_reference"]
    if tables:
        table = pd.concat(tables).groupby(level=0, sort=False).sum()
    else:
        table = pd.DataFrame({column: [] for column in columns}, dtype=np.int64)
    present = set().union(*(labels for _, labels, _, _ in pieces))
    return (
        table,
        present,
        sum(size for _, _, size, _ in pieces),
        sum(size for _, _, _, size in pieces),
    )


def _loo_partition(part, *, vocabulary, totals, method, prior_scale, **options):
    """The least favourable leave-one-out score of each term over this partition's documents.

    :func:`analysis.keyness.least_favourable_scores` of the partition's documents of each
    group, against the totals of the whole corpus; the minimum (target) or maximum
    (reference) over partitions is the one over all documents.
    """
    from analysis.keyness import least_favourable_scores

    counts, terms, labels = _canonical_counts(part, **options)
    y_i, y_j, n_i, n_j = totals
    length = np.asarray(counts.sum(axis=1), dtype=float).ravel()  # tokens of each document
    matrix = _reindex(counts, terms, vocabulary)
    in_target = labels == options["target"]
    reference = options["reference"]
    in_reference = labels == reference if reference is not None else ~in_target
    worst = {}
    for side, rows in (("target", in_target), ("reference", in_reference)):
        rows = np.flatnonzero(rows)
        worst[side] = least_favourable_scores(
            matrix[rows],
            y_i,
            y_j,
            side=side,
            lengths=length[rows],
            tokens_target=n_i,
            tokens_reference=n_j,
            method=method,
            prior_scale=prior_scale,
        )
    return worst


def _combine_worst(pieces: list[dict]) -> dict:
    combined = {}
    for side, reduce in (("target", np.fmin), ("reference", np.fmax)):
        arrays = [piece[side] for piece in pieces]
        combined[side] = reduce.reduce(arrays) if arrays else None
    return combined


def keyness(
    docs: dd.DataFrame | None = None,
    *,
    group: str,
    target: object,
    reference: object | None = None,
    text: str = "text",
    method: str = "log_odds",
    include_variants: bool = False,
    ngram_range: tuple[int, int] = (1, 1),
    stop_words: frozenset[str] = STOP_WORDS,
    min_count: int = 1,
    prior_scale: float | None = None,
    leave_one_out: bool = True,
    counts: DaskTermCounts | None = None,
    doc_id: str = "doc_id",
    progress: bool | None = None,
) -> pd.DataFrame:
    """:func:`analysis.keyness` of a corpus held in partitions: the same table.

    Each partition counts the terms of its canonical documents in the target and the reference
    group (tokens and documents); the counts are added up on the workers, and the table is
    scored from the totals by :func:`analysis.keyness.keyness_from_counts`, as the pandas
    function scores it. The leave-one-out scores take a second pass: each partition
    recomputes every term's score without each of its documents that uses it, against the
    totals of the whole corpus (:func:`analysis.keyness.least_favourable_scores`), and the
    least favourable scores are combined on the workers.

    What reaches this process: one row of four counts per term the two groups use (bounded
    by the vocabulary, not by the documents) and the groups' labels; for the leave-one-out
    scores, two numbers per term shown. The terms shown and their totals go the other way,
    once to each worker.
    """
    from analysis.keyness import METHODS, keyness_from_counts
    from analysis.validation import check_number

    check_choice(method, METHODS, "method", "keyness")
    min_count = check_positive_int(min_count, "min_count", "keyness")
    if prior_scale is not None:
        check_number(prior_scale, "prior_scale", "keyness", low=0)
    analyzer = TermAnalyzer(tuple(ngram_range), frozenset(stop_words))
    counts = _counts_of(
        docs,
        counts,
        text=text,
        doc_id=doc_id,
        ngram_range=analyzer.ngram_range,
        stop_words=analyzer.stop_words,
        caller="keyness",
        columns=(group,),
        progress=progress,
    )
    options = {
        "group": group,
        "target": target,
        "reference": reference,
        "include_variants": include_variants,
        "ngram_range": analyzer.ngram_range,
        "counted": counts.ngram_range,
    }
    summing = dask.delayed(_keyness_partition, pure=True)
    ((table, present, *sides),) = _compute(
        _tree([summing(part, **options) for part in counts.parts], _add_keyness),
        progress=progress,
        parts=counts.npartitions,
    )
    _check_labels(present, group, target, reference)
    if not sides[1]:
        raise ValueError(f"keyness: no document outside target={target!r} to compare with")
    terms = np.sort(np.asarray(table.index, dtype=object))
    table = table.reindex(terms).astype(np.int64).rename_axis("term").reset_index()
    y_i = table["count_target"].to_numpy()
    y_j = table["count_reference"].to_numpy()
    keep = (y_i + y_j) >= min_count
    if leave_one_out and keep.any() and y_i.sum() > 0 and y_j.sum() > 0:
        # The token totals n_i, n_j are over every term, those min_count leaves out included.
        columns = np.flatnonzero(keep)
        vocabulary = pd.Index(terms[columns], dtype=object)
        totals = (y_i[columns], y_j[columns], float(y_i.sum()), float(y_j.sum()))
        shared = _scatter((vocabulary, totals))
        pick = dask.delayed(lambda pair, k: pair[k], pure=True)
        worst_of = dask.delayed(_loo_partition, pure=True)
        pieces = [
            worst_of(
                part,
                vocabulary=pick(shared, 0),
                totals=pick(shared, 1),
                method=method,
                prior_scale=prior_scale,
                **options,
            )
            for part in counts.parts
        ]
        (worst,) = _compute(_tree(pieces, _combine_worst), progress=progress, parts=len(pieces))
        for side, size in zip(("target", "reference"), sides, strict=True):
            values = np.full(len(terms), np.nan)
            # One document: leaving it out leaves nothing to compare.
            if size >= 2 and worst[side] is not None:
                values[columns] = worst[side]
            table[f"loo_{side}"] = values
    return keyness_from_counts(table, method=method, min_count=min_count, prior_scale=prior_scale)


def _refuse_missing_labels(labels: np.ndarray, group: str, caller: str) -> None:
    """The error of :func:`analysis.validation.check_labels`, raised in a partition (where a
    row number would count from the partition's start, so none is given)."""
    labels = pd.Series(labels, dtype=object)
    missing = labels.isna() | (labels.astype(str).str.strip() == "")
    if missing.any():
        raise ValueError(
            f"{caller}: column {group!r} has empty or missing labels ({int(missing.sum())} in "
            f"one partition); give them a label, e.g. docs[{group!r}].fillna('unknown'), or "
            "leave those rows out"
        )


def _check_labels(present: set, group: str, target, reference) -> None:
    """The errors of :func:`analysis.validation.check_group`, on the labels of all partitions."""
    shown = ", ".join(map(repr, sorted(map(str, present))[:20]))
    for name, label in (("target", target), ("reference", reference)):
        if label is not None and label not in present:
            raise ValueError(
                f"keyness: {name}={label!r} is not a value of column {group!r} "
                f"(it has {shown}{' ...' if len(present) > 20 else ''})"
            )
    if reference is not None and target == reference:
        raise ValueError(f"keyness: target and reference must differ, got {[target, reference]!r}")
