"""Term counts summed across partitions: TF-IDF and the top terms per document or group."""

from __future__ import annotations

import functools
import operator
import threading
from dataclasses import dataclass

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd
from scipy import sparse

from analysis.corpus import canonical_mask
from analysis.dask import _engine
from analysis.sparse_counts import (
    add_up,
    column_totals,
    positions,
    select_columns,
    smoothed_idf,
    tfidf_weights,
)
from analysis.validation import check_positive_int
from analysis.vocabulary import STOP_WORDS, TermAnalyzer, TfidfResult, spell_terms

__all__ = [
    "DaskTermCounts",
    "DaskTfidf",
    "counts_for",
    "term_counts",
    "tfidf",
    "tfidf_blocks",
    "top_terms",
]

# --- Term counts, summed across partitions --------------------------------------------------


@dataclass
class DaskTermCounts:
    """Term counts of a corpus held in partitions: the tokenizing is done once, where they are.

    Made by :func:`term_counts`; :func:`tfidf`, :func:`top_terms` and :func:`keyness` take it
    through ``counts=``. Each partition holds a sparse matrix of its documents' counts, one
    column per term of the whole corpus (``terms``, the same columns in every partition), and
    its documents' other columns (``doc_id``, groups, ``duplicate_of``); on a distributed
    cluster they stay in the workers' memory. Because every partition numbers the terms alike,
    what the partitions send to be added up is arrays indexed by term number, never tables
    keyed by the terms' text.

    Attributes
    ----------
    parts : list
        One ``(counts, frame)`` per partition (futures on a cluster, delayed objects without).
    terms : numpy.ndarray
        Every term of the corpus, in alphabetical order: the columns of each partition's counts.
    ngram_range, stop_words
        How the texts were cut into terms.
    doc_id : str
        The column of document ids.
    columns : tuple of str
        The documents' columns kept beside the counts.
    """

    parts: list
    terms: np.ndarray
    ngram_range: tuple[int, int]
    stop_words: frozenset[str]
    doc_id: str
    columns: tuple[str, ...]

    @property
    def npartitions(self) -> int:
        return len(self.parts)

    @functools.cached_property
    def _is_bigram(self) -> np.ndarray:
        return np.fromiter((" " in term for term in self.terms), bool, len(self.terms))

    def term_columns(self, ngram_range: tuple[int, int]) -> np.ndarray:
        """Which of :attr:`terms` are n-grams of ``ngram_range`` (within the counted range)."""
        low, high = ngram_range
        if (low, high) == tuple(self.ngram_range):
            return np.ones(len(self.terms), dtype=bool)
        return self._is_bigram.copy() if low == 2 else ~self._is_bigram


# What a thread has read while counting partitions of one corpus (``job``): each thread that
# counts keeps one ChunkMemory, for the count it serves, so that each distinct chunk of text is
# read by the term pattern once per thread and not once per partition (as count_terms reads it
# once for the whole corpus). A new count replaces it; term_counts lets it go when the count
# ends, done or failed. The lock keeps a worker's event loop (_forget, run there) and its task
# threads (_memory_for) from changing the table at once.
_memories: dict[int, tuple[str, object]] = {}
_memories_lock = threading.Lock()


def _memory_for(job: str, stop_words: frozenset[str]):
    from analysis.vocabulary import ChunkMemory

    thread = threading.get_ident()
    with _memories_lock:
        held = _memories.get(thread)
        if held is None or held[0] != job:
            held = _memories[thread] = (job, ChunkMemory(stop_words))
    return held[1]


def _forget(job: str) -> None:
    """Let go the memories of the count ``job`` (in this process: on every worker, run there)."""
    with _memories_lock:
        for thread in [thread for thread, (held, _) in _memories.items() if held == job]:
            del _memories[thread]


def _count_partition(part: pd.DataFrame, *, text, ngram_range, stop_words, job):
    """A partition's counts, the words of its terms (sorted), the terms' keys over those
    words (:func:`analysis.vocabulary.count_term_keys`), and its other columns."""
    from analysis.vocabulary import count_term_keys

    counts, words, keys = count_term_keys(
        part[text],
        ngram_range=ngram_range,
        stop_words=stop_words,
        memory=_memory_for(job, stop_words),
    )
    others = [c for c in part.columns if c not in (text, "raw_text", "text")]
    return counts, words, keys, part[others].reset_index(drop=True)


def _local_words(part) -> np.ndarray:
    return part[1]


def _union_words(pieces: list) -> pd.Index:
    """The sorted union of sorted arrays of words (or of such unions), as an index.

    Each piece is sorted, so pandas merges them in one linear pass each (a sorted join)
    instead of sorting the strings again. The corpus's words are an index so that a worker
    builds its hash table once for all the partitions it restates (:func:`_corpus_keys`).
    """
    union = pd.Index([], dtype=object)
    for piece in pieces:
        union = union.union(pd.Index(piece, dtype=object))
    return union


def _corpus_keys(part, words: pd.Index) -> np.ndarray:
    """A partition's term keys over the corpus's ``words`` instead of its own.

    Both lists of words are sorted, so a word's new rank grows with its old one and the keys
    keep their order (the terms' alphabetical order).
    """
    from analysis.vocabulary import KEY_SHIFT

    _, local_words, keys, _ = part
    rank = words.get_indexer(local_words)
    second = keys & ((1 << KEY_SHIFT) - 1)
    moved = np.where(second > 0, rank[np.maximum(second - 1, 0)] + 1, 0)
    return (rank[keys >> KEY_SHIFT] << KEY_SHIFT) | moved


def _union_keys(pieces: list[np.ndarray]) -> np.ndarray:
    """The sorted union of arrays of keys."""
    # A sort and a comparison with the neighbour: NumPy 2's np.unique takes a hash table
    # path that is many times slower on a million integers.
    keys = np.sort(np.concatenate(pieces)) if pieces else np.zeros(0, dtype=np.int64)
    return keys[np.concatenate(([True], keys[1:] != keys[:-1]))] if len(keys) else keys


def _renumber(part, keys: np.ndarray, vocabulary: np.ndarray):
    """A partition's counts with one column per term of the corpus (``vocabulary``: keys).

    ``keys`` are the partition's terms' keys over the corpus's words (:func:`_corpus_keys`).
    They are sorted and so is the vocabulary, so each row's column numbers stay sorted; only
    the numbers change.
    """
    counts, _, _, frame = part
    position = np.searchsorted(vocabulary, keys)
    matrix = sparse.csr_matrix(
        (counts.data, position[counts.indices], counts.indptr),
        shape=(counts.shape[0], len(vocabulary)),
    )
    return matrix, frame


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
    :func:`keyness`, and unigram keyness from counts made with ``ngram_range=(1, 2)``.

    Each partition counts its documents over its own terms, labelled by integer keys over its
    own words (:func:`analysis.vocabulary.count_term_keys`); a worker's thread remembers what
    it has read of the text from one partition to the next (an
    :class:`analysis.vocabulary.ChunkMemory` for this count, let go on every worker when the
    count ends, done or failed; a worker that is lost later and whose partitions are counted
    again keeps one until its thread counts something else). The partitions' sorted words are
    merged on the workers into the corpus's, each partition's keys are restated over the
    corpus's words, the keys are merged into the vocabulary (integers), and each partition
    numbers its columns as the vocabulary's, all in one graph.
    The corpus's words and the vocabulary's keys then come to this process, where the terms
    are spelled once. The counts stay on the workers (in this process under Dask's local
    schedulers).
    """
    _engine.check_frame(docs, (text, doc_id), "term_counts")
    analyzer = TermAnalyzer(tuple(ngram_range), frozenset(stop_words))
    job = dask.base.tokenize(docs, text, analyzer.ngram_range, sorted(analyzer.stop_words))
    counting = dask.delayed(_count_partition, pure=True)
    counted = [
        counting(
            part,
            text=text,
            ngram_range=analyzer.ngram_range,
            stop_words=analyzer.stop_words,
            job=job,
        )
        for part in docs.to_delayed()
    ]
    # One graph, so that no phase waits for this process: the partitions' sorted words merged
    # into the corpus's on the workers (strings, once: a corpus has far fewer words than
    # terms); each partition's keys restated over them; the keys merged into the vocabulary
    # (integers); each partition's columns numbered as the vocabulary's. A partition counted
    # over its own terms is let go once renumbered.
    local = dask.delayed(_local_words, pure=True)
    words = _engine.tree([local(part) for part in counted], _union_words)
    rekey = dask.delayed(_corpus_keys, pure=True)
    keys = [rekey(part, words) for part in counted]
    vocabulary = _engine.tree(keys, _union_keys)
    renumber = dask.delayed(_renumber, pure=True)
    parts = [
        renumber(part, part_keys, vocabulary) for part, part_keys in zip(counted, keys, strict=True)
    ]
    try:
        *parts, words, vocabulary = _engine.persist([*parts, words, vocabulary], progress=progress)
        words, vocabulary = _engine.compute(words, vocabulary, progress=False)
    finally:
        _engine.run_everywhere(_forget, job)
    terms = spell_terms(np.asarray(words, dtype=object), vocabulary)
    columns = tuple(c for c in docs.columns if c not in (text, "raw_text", "text"))
    return DaskTermCounts(parts, terms, analyzer.ngram_range, analyzer.stop_words, doc_id, columns)


def counts_for(
    docs, counts, *, text, doc_id, ngram_range, stop_words, caller, columns=(), progress=None
) -> DaskTermCounts:
    """The counts given (checked against what the caller counts), or counted now."""
    if counts is None:
        _engine.check_frame(docs, (text, doc_id, *columns), caller)
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


# --- TF-IDF -----------------------------------------------------------------------------------


def _frequencies(part, *, include_variants):
    """How many canonical documents of a partition use each term; and how many there are."""
    matrix, frame = part
    fit = canonical_mask(frame, include_variants=include_variants)
    return column_totals(matrix, documents=True, rows=fit), int(fit.sum())


def _add_frequencies(pieces: list) -> tuple[sparse.csr_matrix, int]:
    """Document frequencies and fitted documents of several partitions, added up."""
    return add_up([used for used, _ in pieces]), sum(size for _, size in pieces)


def _tfidf_partition(part, *, position, width, idf, sublinear_tf):
    counts, frame = part
    matrix = counts if position is None else select_columns(counts, position, width)
    return tfidf_weights(matrix, idf, sublinear_tf=sublinear_tf), matrix, frame


def _tfidf_parts(
    counts: DaskTermCounts, *, ngram_range, min_df, sublinear_tf, include_variants, progress
):
    """Pass 1: document frequencies summed over partitions; pass 2: each partition weighted.

    Pass 1 brings one sparse row to this process, one number per term of the fitted
    documents; pass 2 is lazy, one delayed ``(weights, counts, frame)`` per partition. The
    vocabulary is the terms of the fitted documents used by ``min_df`` of them, in order.
    """
    frequency = dask.delayed(_frequencies, pure=True)
    found = [frequency(part, include_variants=include_variants) for part in counts.parts]
    ((used, fitted),) = _engine.compute(
        _engine.tree(found, _add_frequencies), progress=progress, parts=counts.npartitions
    )
    documents = used.toarray().ravel()
    kept = (documents >= min_df) & counts.term_columns(ngram_range)
    vocabulary = counts.terms[kept]
    idf = smoothed_idf(documents[kept], int(fitted)) if fitted else np.zeros(len(vocabulary))
    position = None if kept.all() else positions(kept)
    shared = _engine.scatter((position, idf))
    weigh = dask.delayed(_tfidf_partition, pure=True)
    pick = dask.delayed(operator.getitem, pure=True)
    parts = [
        weigh(
            part,
            position=pick(shared, 0),
            width=len(vocabulary),
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

        results = _engine.compute(*self.blocks, progress=progress, parts=len(self.blocks))
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
    is computed from them as scikit-learn computes it. What reaches this process: counting the
    texts (unless ``counts=`` is given), the corpus's words and one integer key per term
    (:func:`term_counts`); then the document frequencies, one sparse row with a number per
    term of the corpus (bounded by the vocabulary, not by the documents). The blocks are
    computed only when asked for.
    """
    min_df = check_positive_int(min_df, "min_df", "tfidf")
    analyzer = TermAnalyzer(tuple(ngram_range), frozenset(stop_words))
    counts = counts_for(
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
    _engine.refuse_missing_labels(members, group, "top_terms")
    labels = pd.unique(members)
    codes = pd.Categorical(members, categories=labels).codes
    indicator = sparse.csr_matrix(
        (np.ones(len(keep)), (codes, keep)), shape=(len(labels), len(frame))
    )
    sums = [sparse.csr_matrix(indicator @ weights), sparse.csr_matrix(indicator @ matrix)]
    for total in sums:
        # A product's columns come unsorted; sorted, the sums add up in a pass over their
        # cells instead of one over the whole vocabulary (scipy's general case).
        total.sort_indices()
    sizes = np.bincount(codes, minlength=len(labels))
    return {
        label: (sums[0][row], sums[1][row], int(sizes[row])) for row, label in enumerate(labels)
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


# The ranking on the workers labels terms by their column numbers: the columns are in the
# terms' alphabetical order, so ties are broken as by the terms, and no term's text travels.
# Only the chosen terms are spelled, here (:func:`_spelled`).


def _top_groups(total: dict, width: int, *, n: int, group: str) -> pd.DataFrame:
    """The ranked table of the groups' mean TF-IDF rows, from their sums (on a worker)."""
    from analysis.vocabulary import top_rows

    labels = sorted(total, key=str)
    empty = sparse.csr_matrix((0, width))
    weights = sparse.vstack([total[label][0] for label in labels] or [empty], "csr")
    matrix = sparse.vstack([total[label][1] for label in labels] or [empty], "csr")
    sizes = np.array([total[label][2] for label in labels], dtype=float)
    means = sparse.diags(1 / sizes) @ weights if labels else weights
    return top_rows(means, matrix, np.arange(width), labels, n=n, unit=group)


def _top_partition(part, *, n, doc_id):
    from analysis.vocabulary import top_rows

    weights, matrix, frame = part
    return top_rows(weights, matrix, np.arange(matrix.shape[1]), frame[doc_id].tolist(), n=n)


def _spelled(table: pd.DataFrame, terms: np.ndarray) -> pd.DataFrame:
    """The ranked table with each term's column number replaced by the term."""
    spelled = terms[table["term"].to_numpy(dtype=np.int64)]
    table["term"] = pd.Series(spelled, index=table.index, dtype=object)  # as top_rows gives it
    return table


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

    What reaches this process: what :func:`tfidf_blocks` brings (the corpus's words and term
    keys unless ``counts=`` is given, then a document frequency per term), then the result
    only, ``n`` rows per document or per group, whose terms are spelled here.
    """
    from analysis.vocabulary import top_rows

    n = check_positive_int(n, "n", "top_terms")
    analyzer = TermAnalyzer(tuple(ngram_range), frozenset(stop_words))
    counts = counts_for(
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
    if group is None:
        ranked = dask.delayed(_top_partition, pure=True)
        tables = _engine.compute(
            *[ranked(part, n=n, doc_id=counts.doc_id) for part in parts],
            progress=progress,
            parts=len(parts),
        )
        if not tables:
            return top_rows([], [], terms, [], n=n)
        return _spelled(pd.concat(tables, ignore_index=True), terms)
    summing = dask.delayed(_group_sums, pure=True)
    sums = [summing(part, group=group, include_variants=include_variants) for part in parts]
    ranking = dask.delayed(_top_groups, pure=True)
    (table,) = _engine.compute(
        ranking(_engine.tree(sums, _add_group_sums), len(terms), n=n, group=group),
        progress=progress,
        parts=len(parts),
    )
    table = _spelled(table, terms)
    return table
