"""Document similarity (TF-IDF cosine) and near-duplicate detection, sparse throughout.

TF-IDF rows are l2-normalised, so the cosine of two documents is the dot product of their rows.
Products are taken block by block (:data:`BLOCK_ROWS` rows at a time) and only what is asked
for is kept — the best match of each row, or the pairs above a threshold — so memory grows
with the corpus, not with its square.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.validation import check_documents, check_number
from analysis.vocabulary import tfidf

__all__ = [
    "BLOCK_ROWS",
    "NEAR_DUPLICATE_THRESHOLD",
    "best_matches",
    "near_duplicates",
    "similarity",
]

#: Cosine similarity of unigram TF-IDF vectors at or above which two documents are flagged as
#: renderings of one text. A machine translation keeps the names, places and numbers, which
#: carry the highest idf, so its score stays high although its wording changes: in this
#: project's seed corpus a translation and its original score about 0.65 and the most similar
#: distinct texts about 0.44. It is a starting point, not a universal constant: the score and
#: the highest unflagged score are always reported beside the flag, so the margin is visible.
NEAR_DUPLICATE_THRESHOLD = 0.5

#: Rows of the left matrix multiplied at a time.
BLOCK_ROWS = 2048


def _vectors(docs: pd.DataFrame, text: str, doc_id: str) -> sparse.csr_matrix:
    return tfidf(docs, text=text, doc_id=doc_id, ngram_range=(1, 1), include_variants=True).matrix


def best_matches(
    left: sparse.csr_matrix, right: sparse.csr_matrix
) -> tuple[np.ndarray, np.ndarray]:
    """For each row of ``left``, the row of ``right`` with the highest dot product, and it.

    Rows are compared block by block, so no dense ``len(left) × len(right)`` matrix is made.
    Ties go to the first row of ``right``. With no row in ``right`` both arrays are empty.
    """
    if right.shape[0] == 0 or left.shape[0] == 0:
        return np.array([], dtype=np.int64), np.array([], dtype=float)
    best = np.zeros(left.shape[0], dtype=np.int64)
    score = np.zeros(left.shape[0], dtype=float)
    right_t = right.T.tocsc()
    for start in range(0, left.shape[0], BLOCK_ROWS):
        block = (left[start : start + BLOCK_ROWS] @ right_t).toarray()
        best[start : start + len(block)] = block.argmax(axis=1)
        score[start : start + len(block)] = block.max(axis=1)
    return best, np.clip(score, 0.0, 1.0)


def similarity(docs: pd.DataFrame, *, text: str = "text", doc_id: str = "doc_id") -> pd.DataFrame:
    """Cosine similarity of every pair of documents' unigram TF-IDF vectors.

    The idf is fitted on every document given (variants included): the question here is
    which documents are alike, variants first among them. The result has one row per ordered
    pair, so it grows with the square of the corpus: for more than a few thousand documents
    use :func:`near_duplicates`, which keeps only the close pairs.

    Returns
    -------
    DataFrame
        Long form: ``doc_a``, ``doc_b``, ``cosine``, every ordered pair including a document
        with itself.
    """
    check_documents(docs, (text, doc_id), "similarity")
    vectors = _vectors(docs, text, doc_id)
    ids = docs[doc_id].to_numpy()
    n = len(ids)
    cosine = np.clip((vectors @ vectors.T).toarray().ravel(), 0.0, 1.0) if n else np.array([])
    return pd.DataFrame(
        {"doc_a": np.repeat(ids, n), "doc_b": np.tile(ids, n), "cosine": cosine.astype(float)}
    )


def near_duplicates(
    docs: pd.DataFrame,
    *,
    threshold: float = NEAR_DUPLICATE_THRESHOLD,
    text: str = "text",
    doc_id: str = "doc_id",
) -> pd.DataFrame:
    """Pairs of documents whose TF-IDF cosine similarity reaches ``threshold``.

    Returns
    -------
    DataFrame
        ``doc_a``, ``doc_b`` (each pair once, ``doc_a`` first in document order), ``cosine``,
        ``threshold``, and ``next_highest``: the highest score of any pair not flagged, so the
        margin between flagged and unflagged pairs is always visible.
    """
    check_documents(docs, (text, doc_id), "near_duplicates")
    threshold = check_number(threshold, "threshold", "near_duplicates", low=0, high=1)
    vectors = _vectors(docs, text, doc_id)
    ids = docs[doc_id].to_numpy()
    found_a, found_b, found_cosine = [], [], []
    next_highest = np.nan
    transposed = vectors.T.tocsc()
    for start in range(0, len(ids), BLOCK_ROWS):
        block = sparse.triu(vectors[start : start + BLOCK_ROWS] @ transposed, k=start + 1)
        block = block.tocoo()
        cosine = np.clip(block.data, 0.0, 1.0)
        close = cosine >= threshold
        found_a.append(block.row[close] + start)
        found_b.append(block.col[close])
        found_cosine.append(cosine[close])
        if (~close).any():
            below = cosine[~close].max()
            next_highest = below if np.isnan(next_highest) else max(next_highest, below)
    if len(ids) > 1 and np.isnan(next_highest):
        # Pairs that share no term have cosine 0 and are absent from the sparse product.
        pairs = len(ids) * (len(ids) - 1) // 2
        if sum(len(a) for a in found_a) < pairs:
            next_highest = 0.0
    a = np.concatenate(found_a) if found_a else np.array([], dtype=np.int64)
    b = np.concatenate(found_b) if found_b else np.array([], dtype=np.int64)
    cosine = np.concatenate(found_cosine) if found_cosine else np.array([], dtype=float)
    order = np.lexsort((b, a))
    return pd.DataFrame(
        {
            "doc_a": ids[a[order]],
            "doc_b": ids[b[order]],
            "cosine": cosine[order],
            "threshold": threshold,
            "next_highest": float(next_highest),
        }
    )
