"""Term counts summed across partitions: TF-IDF and the top terms per document or group."""

from __future__ import annotations

from dataclasses import dataclass

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd
from scipy import sparse

from analysis.corpus import canonical_mask
from analysis.dask import _engine
from analysis.validation import check_positive_int
from analysis.vocabulary import STOP_WORDS, TermAnalyzer, TfidfResult

__all__ = [
    "DaskTermCounts",
    "DaskTfidf",
    "counts_for",
    "ngram_columns",
    "reindex_columns",
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
    _engine.check_frame(docs, (text, doc_id), "term_counts")
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
    parts = _engine.persist(parts, progress=progress)
    columns = tuple(c for c in docs.columns if c not in (text, "raw_text", "text"))
    return DaskTermCounts(parts, analyzer.ngram_range, analyzer.stop_words, doc_id, columns)


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


def ngram_columns(terms: np.ndarray, ngram_range, counted_range) -> np.ndarray:
    """Which of ``terms`` belong to ``ngram_range`` (the terms were counted for another)."""
    low, high = ngram_range
    if (low, high) == tuple(counted_range):
        return np.ones(len(terms), dtype=bool)
    bigram = np.fromiter((" " in term for term in terms), bool, len(terms))
    return bigram if low == 2 else ~bigram


def reindex_columns(counts, terms, vocabulary: pd.Index) -> sparse.csr_matrix:
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
    wanted = ngram_columns(terms, ngram_range, counted_range)
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
    matrix = reindex_columns(counts, terms, vocabulary)
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
    ((table, fitted),) = _engine.compute(
        _engine.tree(found, _add_frequencies), progress=progress, parts=counts.npartitions
    )
    vocabulary, idf = _idf(table, int(fitted), min_df)
    if not fitted:
        idf = np.zeros(len(vocabulary))
    shared = _engine.scatter((vocabulary, idf))
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
    is computed from them as scikit-learn computes it. What reaches this process: one table of
    document frequencies, one row per term of the fitted documents (bounded by the vocabulary,
    not by the documents). The blocks are computed only when asked for.
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
    shared = _engine.scatter(terms)
    if group is None:
        ranked = dask.delayed(_top_partition, pure=True)
        with_terms = dask.delayed(lambda part, terms, doc_id: (*part, terms, doc_id), pure=True)
        tables = _engine.compute(
            *[ranked(with_terms(part, shared, counts.doc_id), n=n) for part in parts],
            progress=progress,
            parts=len(parts),
        )
        return pd.concat(tables, ignore_index=True) if tables else top_rows([], [], terms, [], n=n)
    summing = dask.delayed(_group_sums, pure=True)
    sums = [summing(part, group=group, include_variants=include_variants) for part in parts]
    ranking = dask.delayed(_top_groups, pure=True)
    (table,) = _engine.compute(
        ranking(_engine.tree(sums, _add_group_sums), shared, n=n, group=group),
        progress=progress,
        parts=len(parts),
    )
    return table
