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

The package's modules: :mod:`analysis.dask.corpus` (reading), :mod:`analysis.dask.sentiment`
(sentences and their scores), :mod:`analysis.dask.counts` (term counts, TF-IDF, top terms),
:mod:`analysis.dask.keyness`; where the work runs is ``analysis.dask._engine``.

Memory is bounded by a partition, not by the corpus: a partition of :data:`PARTITION_SIZE`
documents is read, cleaned, split and counted at a time (while counting, each worker thread
also keeps what it has read of the text, bounded by :data:`analysis.vocabulary.CHUNK_MEMORY`).
Partial results (per-term arrays, group sums) are added up on the workers,
:data:`COMBINE_WIDTH` at a time. Each function's documentation says what comes back to this
process and how large it is:

- nothing until computed: :func:`from_pandas`, :func:`sentences`, :func:`sentence_sentiment`,
  the counts of :func:`term_counts` (kept on the workers), the blocks of :func:`tfidf_blocks`;
- a few short columns of every document (ids, dates, ``duplicate_of``), checked at once:
  :func:`read_corpus`, :func:`corpus_from_frame`;
- a few numbers per term (bounded by the vocabulary), and the corpus's words and term keys
  when counting: :func:`term_counts`, :func:`tfidf_blocks`, :func:`keyness`, and
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

try:
    import dask  # noqa: F401  (the optional dependency, checked before anything else)
    import distributed  # noqa: F401
except ImportError as error:  # the optional dependencies of the "scale" extra
    raise ImportError(
        "analysis.dask needs Dask and dask.distributed: install the project's 'scale' extra "
        "(pip install 'analysis[scale]'; `make install` includes it)"
    ) from error

from analysis.dask._engine import COMBINE_WIDTH, PROGRESS_PARTITIONS, cluster
from analysis.dask.corpus import PARTITION_SIZE, corpus_from_frame, from_pandas, read_corpus
from analysis.dask.counts import (
    DaskTermCounts,
    DaskTfidf,
    term_counts,
    tfidf,
    tfidf_blocks,
    top_terms,
)
from analysis.dask.keyness import keyness
from analysis.dask.sentiment import sentence_sentiment, sentences, sentiment_summary

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
