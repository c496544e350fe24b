"""Sums, selections and TF-IDF weights of a sparse documents × terms count matrix.

Each function here works from the matrix's non-zero cells, never from its width: scipy's
column indexing (``matrix[:, columns]``) allocates an array as long as the vocabulary on every
call, row indexing (``matrix[rows]``) copies the rows it keeps, and its column sums are dense.
A large corpus has millions of terms, and a partition of it (:mod:`analysis.dask`) uses few of
them. The pandas functions use these too: TF-IDF takes its document frequencies from the
counts' cells instead of copying the rows it is fitted on.

The idf is scikit-learn's smoothed one, ``idf(t) = ln((1 + n) / (1 + df(t))) + 1``, computed
as ``TfidfTransformer.fit`` computes it, and the weights are ``TfidfTransformer``'s own
(Manning, Raghavan & Schütze 2008, ch. 6).

References
----------
Manning, C. D., Raghavan, P. and Schütze, H. (2008). *Introduction to Information Retrieval*.
Cambridge University Press.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

__all__ = [
    "add_up",
    "column_totals",
    "positions",
    "row_totals",
    "select_columns",
    "smoothed_idf",
    "tfidf_weights",
]


def column_totals(
    matrix: sparse.csr_matrix, *, documents: bool = False, rows: np.ndarray | None = None
) -> sparse.csr_matrix:
    """Each column's sum (or, with ``documents``, its rows that are not zero) as one sparse row.

    Parameters
    ----------
    matrix : scipy.sparse.csr_matrix
        Counts: no explicit zero and no repeated column within a row.
    documents : bool, default False
        Count the rows that use each column (document frequencies) instead of adding up.
    rows : numpy.ndarray of bool, optional
        Only these rows (a mask, one entry per row); all by default. No submatrix is built:
        the kept rows' cells are picked out of the matrix's arrays.

    Returns
    -------
    scipy.sparse.csr_matrix
        One row of int64, as wide as ``matrix``.

    Notes
    -----
    The cells are counted into an array as wide as the matrix when it is at most four times the
    non-zero cells, and through the distinct columns used (a sort) otherwise.
    """
    width, indices = matrix.shape[1], matrix.indices
    weights = None if documents else matrix.data
    if rows is not None and not rows.all():
        cells = np.repeat(np.asarray(rows, dtype=bool), np.diff(matrix.indptr))
        indices = indices[cells]
        weights = None if weights is None else weights[cells]
    if width <= 4 * len(indices):
        total = np.bincount(indices, weights, minlength=width)
        columns = np.flatnonzero(total)
        values = total[columns]
    else:
        columns, inverse = np.unique(indices, return_inverse=True)
        values = np.bincount(inverse, weights, minlength=len(columns))
    # Sums of integer counts in float64 are exact below 2**53.
    return sparse.csr_matrix(
        (values.astype(np.int64), columns, np.array([0, len(columns)])), shape=(1, width)
    )


def row_totals(matrix: sparse.csr_matrix, columns: np.ndarray | None = None) -> np.ndarray:
    """Each row's sum over some columns, as floats.

    Parameters
    ----------
    matrix : scipy.sparse.csr_matrix
    columns : numpy.ndarray of bool, optional
        A mask of the matrix's columns; all if None.

    Returns
    -------
    numpy.ndarray of float64
        One sum per row.
    """
    if columns is None:
        return np.asarray(matrix.sum(axis=1), dtype=np.float64).ravel()
    # A product with the mask as a vector of 0 and 1: scipy's loop over the cells, in C.
    # Sums of integer counts in float64 are exact below 2**53.
    return np.asarray(matrix @ np.asarray(columns, dtype=np.float64), dtype=np.float64).ravel()


def select_columns(
    matrix: sparse.csr_matrix, position: np.ndarray, width: int
) -> sparse.csr_matrix:
    """The columns of ``matrix`` whose ``position`` is not -1, moved to that position.

    Parameters
    ----------
    matrix : scipy.sparse.csr_matrix
    position : numpy.ndarray of int
        One entry per column of ``matrix`` (:func:`positions`); the positions kept increase
        with the columns, so each row's columns stay sorted.
    width : int
        The number of columns of the result.

    Returns
    -------
    scipy.sparse.csr_matrix
        A new matrix; ``matrix`` is left as it was.
    """
    moved = position[matrix.indices].astype(matrix.indices.dtype, copy=False)
    kept = moved >= 0
    before = np.concatenate(([0], np.cumsum(kept)))
    return sparse.csr_matrix(
        (matrix.data[kept], moved[kept], before[matrix.indptr]), shape=(matrix.shape[0], width)
    )


def positions(kept: np.ndarray) -> np.ndarray:
    """For a mask of columns, each kept column's number among the kept ones, -1 for the rest.

    Parameters
    ----------
    kept : numpy.ndarray of bool

    Returns
    -------
    numpy.ndarray of int
        As :func:`select_columns` takes it.
    """
    return np.where(kept, np.cumsum(kept) - 1, -1)


def add_up(pieces):
    """The sum of sparse matrices of the same shape, added in pairs; None if there are none.

    Parameters
    ----------
    pieces : iterable of sparse matrices
        Taken one at a time (a generator holds only the partial sums).

    Returns
    -------
    sparse matrix or None

    Notes
    -----
    Equal-sized partial sums are added together, as a binary counter carries, so ``k`` pieces
    cost ``log2(k)`` passes over the sum's cells instead of ``k`` (adding each piece to a
    growing total), and at most ``log2(k)`` partial sums are held at once.
    """
    carried: list[tuple[int, object]] = []  # (pieces summed, their sum), fewest last
    for piece in pieces:
        size = 1
        while carried and carried[-1][0] == size:
            piece = carried.pop()[1] + piece
            size *= 2
        carried.append((size, piece))
    total = None
    for _, partial in reversed(carried):
        total = partial if total is None else partial + total
    return total


def smoothed_idf(documents: np.ndarray, fitted: int) -> np.ndarray:
    """scikit-learn's smoothed idf of terms used by ``documents`` of ``fitted`` documents.

    Parameters
    ----------
    documents : numpy.ndarray
        Each term's document frequency ``df(t)``.
    fitted : int
        The documents the idf is fitted on, ``n``.

    Returns
    -------
    numpy.ndarray of float64
        ``idf(t) = ln((1 + n) / (1 + df(t))) + 1``, computed with the operations of
        ``TfidfTransformer.fit`` in its order, so the values are its values to the last bit.
    """
    documents = np.asarray(documents, dtype=np.float64) + 1.0
    idf = np.full_like(documents, fill_value=fitted + 1, dtype=np.float64)
    idf /= documents
    np.log(idf, out=idf)
    idf += 1.0
    return idf


def tfidf_weights(
    counts: sparse.csr_matrix, idf: np.ndarray, *, sublinear_tf: bool = False
) -> sparse.csr_matrix:
    """TF-IDF rows of ``counts`` with a given idf: scikit-learn's ``TfidfTransformer.transform``.

    Parameters
    ----------
    counts : scipy.sparse.csr_matrix
        Term counts, one row per document; not changed.
    idf : numpy.ndarray
        One value per column (:func:`smoothed_idf`).
    sublinear_tf : bool, default False
        Use ``1 + ln(tf)`` for term frequency.

    Returns
    -------
    scipy.sparse.csr_matrix of float64
        ``tf(t, d) * idf(t)``, each row normalised to unit length. Each row is weighed on its
        own, so weighing the rows a block at a time gives the same rows as all at once.
    """
    from sklearn.feature_extraction.text import TfidfTransformer

    if not counts.shape[1] or not counts.shape[0]:
        return sparse.csr_matrix(counts.shape, dtype=np.float64)
    transformer = TfidfTransformer(sublinear_tf=sublinear_tf)
    transformer.idf_ = idf
    transformer.n_features_in_ = len(idf)
    # The float copy is the transformer's to change: no second copy (copy=False).
    return sparse.csr_matrix(transformer.transform(counts.astype(np.float64), copy=False))
