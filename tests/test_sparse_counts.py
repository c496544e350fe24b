"""The sparse count helpers: sums, selections and weights, checked by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import sparse

from analysis.sparse_counts import (
    add_up,
    column_totals,
    positions,
    row_totals,
    select_columns,
    smoothed_idf,
    tfidf_weights,
)


def test_sparse_helpers_by_hand():
    # rows: [2, 0, 1, 0], [0, 0, 3, 1], [0, 0, 0, 0]
    matrix = sparse.csr_matrix(np.array([[2, 0, 1, 0], [0, 0, 3, 1], [0, 0, 0, 0]]))
    assert column_totals(matrix).toarray().tolist() == [[2, 0, 4, 1]]
    assert column_totals(matrix, documents=True).toarray().tolist() == [[1, 0, 2, 1]]
    wide = sparse.hstack([matrix, sparse.csr_matrix((3, 100), dtype=np.int64)], "csr")
    assert column_totals(wide).toarray()[0, :5].tolist() == [2, 0, 4, 1, 0]  # the sorting way
    assert column_totals(wide, documents=True).nnz == 3
    assert row_totals(matrix).tolist() == [3.0, 4.0, 0.0]
    assert row_totals(matrix, np.array([True, False, False, True])).tolist() == [2.0, 1.0, 0.0]
    position = positions(np.array([False, True, True, True]))
    assert position.tolist() == [-1, 0, 1, 2]
    assert select_columns(matrix, position, 3).toarray().tolist() == [
        [0, 1, 0],
        [0, 3, 1],
        [0, 0, 0],
    ]
    # The matrix given is left as it was (its column numbers are shared, not sorted in place).
    assert matrix.toarray().tolist() == [[2, 0, 1, 0], [0, 0, 3, 1], [0, 0, 0, 0]]
    # Some rows only (a mask), none of them copied: the last two rows.
    rows = np.array([False, True, True])
    assert column_totals(matrix, rows=rows).toarray().tolist() == [[0, 0, 3, 1]]
    assert column_totals(matrix, documents=True, rows=rows).toarray().tolist() == [[0, 0, 1, 1]]
    assert column_totals(wide, rows=np.zeros(3, dtype=bool)).nnz == 0


def test_smoothed_idf_by_hand():
    # n = 3 documents; a term in one of them, another in two: ln(4 / 2) + 1, ln(4 / 3) + 1.
    idf = smoothed_idf(np.array([1, 2]), 3)
    assert idf.tolist() == pytest.approx([math.log(2) + 1, math.log(4 / 3) + 1], rel=1e-15)


def test_tfidf_weights_are_transformer_rows_weighed_alone():
    # Row [2, 0, 1] with idf [1.5, 2, 3]: weights [3, 0, 3] over their length √18; a row
    # weighed alone is the same as weighed with the others.
    idf = np.array([1.5, 2.0, 3.0])
    counts = sparse.csr_matrix(np.array([[2, 0, 1], [0, 4, 0], [0, 0, 0]]))
    weights = tfidf_weights(counts, idf)
    expected = [[3 / math.sqrt(18), 0, 3 / math.sqrt(18)], [0, 1, 0], [0, 0, 0]]
    assert weights.toarray() == pytest.approx(np.array(expected), rel=1e-15)
    assert (tfidf_weights(counts[:1], idf) != weights[:1]).nnz == 0
    # 1 + ln(tf): row one becomes [(1 + ln 2) 1.5, 0, 3] before its length is taken.
    sub = tfidf_weights(counts, idf, sublinear_tf=True).toarray()[0]
    raw = np.array([(1 + math.log(2)) * 1.5, 0, 3])
    assert sub == pytest.approx(raw / np.linalg.norm(raw), rel=1e-15)
    assert counts.dtype == np.int64 and counts.toarray()[0].tolist() == [2, 0, 1]  # untouched
    assert tfidf_weights(sparse.csr_matrix((2, 0), dtype=np.int64), np.zeros(0)).shape == (2, 0)


def test_add_up_adds_any_number_of_pieces_in_pairs():
    # 1 + 2 + ... + k in one cell, k = 1 .. 6 (one, two and three levels of pairs, and
    # partial sums left over); the pieces may come from a generator; none gives None.
    for k in range(1, 7):
        pieces = (sparse.csr_matrix(np.array([[i, 0, 1]])) for i in range(1, k + 1))
        assert add_up(pieces).toarray().tolist() == [[k * (k + 1) // 2, 0, k]]
    assert add_up([]) is None
