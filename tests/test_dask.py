"""analysis.dask: every distributed result equals the pandas one, whatever the partitions.

The corpus is the three-region corpus of conftest (not the seeds), cut into uneven partitions:
one empty, one of a single document, the reprint and its original apart. Most tests run on a
local cluster of two thread workers started and stopped by this module; one runs on two
worker processes. Nothing is left running afterwards, and nothing leaves the machine.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os

import numpy as np
import pandas as pd
import pytest
from conftest import make_other_corpus
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis import dask as ad
from analysis.corpus import CorpusError
from analysis.dask import _engine
from analysis.dask import counts as dask_counts
from analysis.vocabulary import spell_terms

# 23 documents: north n00-n11, south s00-s08, east e00, the reprint of n00 last.
SIZES = [5, 0, 1, 9, 8]
CLOSE = {"check_exact": False, "rtol": 1e-9, "atol": 1e-12}


@pytest.fixture(scope="module")
def client():
    with ad.cluster(workers=2, processes=False) as running:
        yield running
    # The cluster is gone with its client.
    assert running.status == "closed"
    assert running.cluster.status.name == "closed"
    assert _engine.current_client() is None


@pytest.fixture(scope="module")
def parts(client, other_corpus):
    assert len(other_corpus) == sum(SIZES)
    return ad.from_pandas(other_corpus, sizes=SIZES)


def test_partitions_are_uneven_with_an_empty_one_and_a_single_document(parts):
    lengths = parts.map_partitions(len).compute().tolist()
    assert lengths == SIZES


def test_sentences_equal_pandas(parts, other_corpus):
    expected = analysis.sentences(other_corpus)
    found = ad.sentences(parts).compute().reset_index(drop=True)
    pd.testing.assert_frame_equal(found, expected)


def test_sentence_sentiment_equals_pandas_from_documents_and_from_sentences(parts, other_corpus):
    expected = analysis.sentence_sentiment(other_corpus)
    from_docs = ad.sentence_sentiment(parts).compute().reset_index(drop=True)
    pd.testing.assert_frame_equal(from_docs, expected)
    # Sentences already split are scored as they are: the same table, never split twice.
    from_sentences = ad.sentence_sentiment(ad.sentences(parts)).compute()
    pd.testing.assert_frame_equal(from_sentences.reset_index(drop=True), expected)


def test_pandas_sentence_sentiment_takes_the_sentence_table(other_corpus):
    units = analysis.sentences(other_corpus)
    pd.testing.assert_frame_equal(
        analysis.sentence_sentiment(units), analysis.sentence_sentiment(other_corpus)
    )
    # split=True forces the split: each sentence is one document of one sentence.
    again = analysis.sentence_sentiment(units.drop(columns="sent_id"), split=False)
    assert again["compound"].tolist() == analysis.sentence_sentiment(units)["compound"].tolist()


def test_tfidf_equals_pandas(parts, other_corpus):
    expected = analysis.tfidf(other_corpus)
    found = ad.tfidf(parts)
    assert list(found.terms) == list(expected.terms)
    assert found.doc_ids == expected.doc_ids
    assert (found.counts != expected.counts).nnz == 0
    assert abs(found.matrix - expected.matrix).max() <= 1e-9
    # min_df and sublinear tf, idf fitted on every document
    options = {"min_df": 2, "sublinear_tf": True, "include_variants": True, "ngram_range": (1, 1)}
    expected = analysis.tfidf(other_corpus, **options)
    found = ad.tfidf(parts, **options)
    assert list(found.terms) == list(expected.terms)
    assert abs(found.matrix - expected.matrix).max() <= 1e-9


@pytest.mark.parametrize("group", [None, "region"])
def test_top_terms_equal_pandas(parts, other_corpus, group):
    expected = analysis.top_terms(other_corpus, n=6, group=group)
    found = ad.top_terms(parts, n=6, group=group)
    pd.testing.assert_frame_equal(found, expected, **CLOSE)


@pytest.mark.parametrize(
    "options",
    [
        {"target": "north", "reference": "south"},
        {"target": "south", "reference": "north", "method": "chi2"},
        {"target": "east", "reference": None},  # a group of one document: no leave-one-out
        {"target": "north", "reference": "south", "min_count": 3, "prior_scale": 50.0},
        {"target": "north", "reference": "south", "ngram_range": (1, 2)},
        {"target": "north", "reference": "south", "include_variants": True},
    ],
)
def test_keyness_equals_pandas(parts, other_corpus, options):
    expected = analysis.keyness(other_corpus, group="region", **options)
    found = ad.keyness(parts, group="region", **options)
    assert len(expected) > 10
    pd.testing.assert_frame_equal(found, expected, **CLOSE)


def test_counts_are_made_once_and_shared(parts, other_corpus):
    counts = ad.term_counts(parts)
    key = ad.keyness(group="region", target="north", reference="south", counts=counts)
    expected = analysis.keyness(other_corpus, group="region", target="north", reference="south")
    pd.testing.assert_frame_equal(key, expected, **CLOSE)
    top = ad.top_terms(n=3, group="region", counts=counts)
    pd.testing.assert_frame_equal(
        top, analysis.top_terms(other_corpus, n=3, group="region"), **CLOSE
    )
    with pytest.raises(ValueError, match="ngram_range"):
        ad.keyness(group="region", target="north", ngram_range=(1, 3), counts=counts)


def test_a_part_of_the_counted_ngrams_equals_counting_it_alone(parts, other_corpus):
    counts = ad.term_counts(parts)  # unigrams and bigrams
    for ngram_range in [(1, 1), (2, 2)]:
        found = ad.tfidf(ngram_range=ngram_range, min_df=2, counts=counts)
        expected = analysis.tfidf(other_corpus, ngram_range=ngram_range, min_df=2)
        assert list(found.terms) == list(expected.terms)
        assert (found.counts != expected.counts).nnz == 0
        assert abs(found.matrix - expected.matrix).max() <= 1e-12
    pd.testing.assert_frame_equal(
        ad.keyness(group="region", target="south", ngram_range=(2, 2), counts=counts),
        analysis.keyness(other_corpus, group="region", target="south", ngram_range=(2, 2)),
        **CLOSE,
    )


_PIECES = ["a", "ab", "a-b", "ab's", "b", "ba", "ß", "é", "1990s", "u.s.", ".", ",", " ", "\n"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join), max_size=8),
    st.lists(st.integers(0, 8), max_size=4),
    st.sampled_from([(1, 1), (1, 2), (2, 2)]),
    st.booleans(),
)
def test_partitions_counted_apart_and_renumbered_are_the_whole_count(
    texts, cuts, ngram_range, one_memory
):
    # The steps of analysis.dask.term_counts, run here on partitions cut anywhere (empty ones,
    # ones without a term, words that are prefixes of words in other partitions), each
    # partition counted with what the others read remembered (as one worker's thread counts
    # them) or from nothing (as on a worker of its own).
    from scipy import sparse

    from analysis.vocabulary import count_terms

    frame = pd.DataFrame({"doc_id": [f"d{k}" for k in range(len(texts))], "text": texts})
    edges = sorted({0, len(texts), *(min(cut, len(texts)) for cut in cuts)})
    options = {"text": "text", "ngram_range": ngram_range, "stop_words": frozenset()}
    parts = [
        dask_counts._count_partition(
            frame.iloc[start:end], **options, job="one" if one_memory else f"part {start}"
        )
        for start, end in itertools.pairwise(edges)
    ]
    jobs = ["one", *(f"part {start}" for start in edges)]
    for job in jobs:
        dask_counts._forget(job)
    assert not [held for held, _ in dask_counts._memories.values() if held in jobs]
    words = pd.Index(dask_counts._union_words([part[1] for part in parts]), dtype=object)
    keys = [dask_counts._corpus_keys(part, words) for part in parts]
    vocabulary = dask_counts._union_keys(keys)
    matrices = [
        dask_counts._renumber(part, part_keys, vocabulary)[0]
        for part, part_keys in zip(parts, keys, strict=True)
    ]
    expected_counts, expected_terms = count_terms(texts, ngram_range=ngram_range, stop_words=[])
    terms = spell_terms(np.asarray(words, dtype=object), vocabulary)
    assert list(terms) == list(expected_terms)
    found = sparse.vstack(
        [*matrices, sparse.csr_matrix((0, len(terms)), dtype=np.int64)], format="csr"
    )
    assert found.shape == expected_counts.shape and (found != expected_counts).nnz == 0


def test_bigrams_counted_alone_with_a_partition_without_terms(client, other_corpus):
    blank = pd.DataFrame(
        {"doc_id": ["x1", "x2"], "region": ["east", "east"], "duplicate_of": "", "text": ["—", "…"]}
    )
    corpus = pd.concat([blank, other_corpus[blank.columns]], ignore_index=True)
    parts = ad.from_pandas(corpus, sizes=[2, 10, len(corpus) - 12])  # the first: no term
    counts = ad.term_counts(parts, ngram_range=(2, 2))
    expected = analysis.tfidf(corpus, ngram_range=(2, 2))
    found = ad.tfidf(ngram_range=(2, 2), counts=counts)
    assert list(counts.terms) == list(expected.terms)
    assert (found.counts != expected.counts).nnz == 0
    assert abs(found.matrix - expected.matrix).max() <= 1e-12
    assert found.matrix[:2].nnz == 0
    pd.testing.assert_frame_equal(
        ad.top_terms(n=3, ngram_range=(2, 2), counts=counts),
        analysis.top_terms(corpus, n=3, ngram_range=(2, 2)),
        **CLOSE,
    )


def test_pandas_functions_take_shared_counts(other_corpus):
    counts = analysis.term_counts(other_corpus)
    options = {"group": "region", "target": "north", "reference": "south"}
    pd.testing.assert_frame_equal(
        analysis.keyness(other_corpus, **options, counts=counts),
        analysis.keyness(other_corpus, **options),
    )
    shared = analysis.tfidf(other_corpus, counts=counts)
    alone = analysis.tfidf(other_corpus)
    assert (shared.matrix != alone.matrix).nnz == 0
    pd.testing.assert_frame_equal(
        analysis.top_terms(other_corpus, group="region", counts=counts),
        analysis.top_terms(other_corpus, group="region"),
    )
    from analysis.keyness import keyness_sensitivity

    pd.testing.assert_frame_equal(
        keyness_sensitivity(other_corpus, **options, counts=counts),
        keyness_sensitivity(other_corpus, **options),
    )
    with pytest.raises(ValueError, match="other documents"):
        analysis.keyness(other_corpus.iloc[::-1], **options, counts=counts)
    with pytest.raises(ValueError, match="rows"):
        analysis.tfidf(other_corpus.head(3), counts=counts)


@pytest.mark.parametrize("group", ["doc_id", "region"])
def test_bootstrap_intervals_equal_pandas_whatever_the_partitions(client, other_corpus, group):
    scored = analysis.sentence_sentiment(other_corpus)
    expected = analysis.sentiment_summary(scored, group=group, n_boot=400, seed=11)
    for sizes in ([len(scored)], [3, 0, 1, len(scored) - 4], [40, 40, len(scored) - 80]):
        found = ad.sentiment_summary(
            ad.from_pandas(scored, sizes=sizes), group=group, n_boot=400, seed=11
        )
        pd.testing.assert_frame_equal(found, expected)


def test_the_threaded_scheduler_gives_the_same_without_a_cluster(client, other_corpus):
    import dask

    dask_counts._memories.clear()  # this process's threads count here
    with dask.config.set(scheduler="threads"), pytest.MonkeyPatch.context() as patch:
        patch.setattr(_engine, "current_client", lambda: None)
        parts = ad.from_pandas(other_corpus, sizes=[11, 12])
        found = ad.keyness(parts, group="region", target="north", reference="south")
    expected = analysis.keyness(other_corpus, group="region", target="north", reference="south")
    pd.testing.assert_frame_equal(found, expected, **CLOSE)
    # The threads that counted remembered what they read for that count only.
    assert not dask_counts._memories


def test_a_count_that_fails_lets_its_memories_go(client, parts, monkeypatch):
    # The thread workers run in this process: their memories are this module's.
    dask_counts._memories.clear()

    def failing(pieces):
        assert dask_counts._memories  # the partitions were counted, with memories
        raise RuntimeError("the merge failed")

    monkeypatch.setattr(dask_counts, "_union_words", failing)
    with pytest.raises(RuntimeError, match="the merge failed"):
        ad.term_counts(parts)
    assert not dask_counts._memories


# --- Reading corpora partition by partition --------------------------------------------------


def test_a_parquet_corpus_is_read_lazily_and_equals_load_corpus(client, tmp_path):
    raw = make_other_corpus()
    folder = tmp_path / "parquet"
    folder.mkdir()
    # Three files of uneven size; the reprint and its original in different files.
    for k, (start, end) in enumerate([(0, 4), (4, 5), (5, len(raw))]):
        raw.iloc[start:end].to_parquet(folder / f"part-{k}.parquet", index=False)
    expected = analysis.corpus_from_frame(raw, text="body", doc_id="speech_id")
    lazy = ad.read_corpus(folder, text="body", doc_id="speech_id")
    assert lazy.npartitions == 3
    pd.testing.assert_frame_equal(lazy.compute().reset_index(drop=True), expected)
    for path in folder.iterdir():  # the short suffix is Parquet too
        path.rename(path.with_suffix(".pq"))
    lazy = ad.read_corpus(folder, text="body", doc_id="speech_id")
    pd.testing.assert_frame_equal(lazy.compute().reset_index(drop=True), expected)


def test_a_parquet_table_without_ids_is_numbered_across_partitions(client, tmp_path):
    raw = make_other_corpus().drop(columns=["speech_id", "duplicate_of"])
    folder = tmp_path / "numbered"
    folder.mkdir()
    raw.iloc[:10].to_parquet(folder / "a.parquet", index=False)
    raw.iloc[10:].to_parquet(folder / "b.parquet", index=False)
    found = ad.read_corpus(folder, text="body").compute().reset_index(drop=True)
    pd.testing.assert_frame_equal(found, analysis.corpus_from_frame(raw, text="body"))
    assert found["doc_id"].tolist()[:2] == ["00", "01"]


def test_a_named_index_of_parquet_files_is_a_column_as_in_load_corpus(client, tmp_path):
    raw = make_other_corpus()
    folder = tmp_path / "indexed"
    folder.mkdir()
    raw.iloc[:10].set_index("speech_id").to_parquet(folder / "a.parquet")
    raw.iloc[10:].set_index("speech_id").to_parquet(folder / "b.parquet")
    found = ad.read_corpus(folder, text="body", doc_id="speech_id").compute()
    expected = analysis.load_corpus(folder / "a.parquet", text="body", doc_id="speech_id")
    pd.testing.assert_frame_equal(found.reset_index(drop=True).iloc[:10], expected)
    assert found["doc_id"].tolist() == raw["speech_id"].tolist()
    # A named range index is row numbers: no column, as in load_corpus.
    raw.rename_axis("row").to_parquet(tmp_path / "range.parquet")
    found = ad.read_corpus(tmp_path / "range.parquet", text="body", doc_id="speech_id")
    expected = analysis.load_corpus(tmp_path / "range.parquet", text="body", doc_id="speech_id")
    pd.testing.assert_frame_equal(found.compute().reset_index(drop=True), expected)
    # Ids stored as the index and as a column, which Dask's reader fails on: said so.
    raw.set_index("speech_id", drop=False).to_parquet(tmp_path / "twice.parquet")
    with pytest.raises(CorpusError, match=r"twice\.parquet: the file's index repeats its column"):
        ad.read_corpus(tmp_path / "twice.parquet", text="body", doc_id="speech_id")
    # An index of several levels, which Dask cannot read: one clear error, not lost columns.
    raw.set_index(["speech_id", "region"]).to_parquet(tmp_path / "levels.parquet")
    with pytest.raises(CorpusError, match=r"levels\.parquet: the file's index has several levels"):
        ad.read_corpus(tmp_path / "levels.parquet", text="body", doc_id="speech_id")


def test_a_folder_of_texts_is_read_partition_by_partition(client, tmp_path):
    raw = make_other_corpus()
    rows = []
    for row in raw.itertuples():
        name = f"{row.speech_id}.txt"
        (tmp_path / name).write_text(row.body, encoding="utf-8")
        rows.append(
            {"doc_id": row.speech_id, "file": name, "region": row.region,
             "duplicate_of": row.duplicate_of}
        )  # fmt: skip
    pd.DataFrame(rows).to_csv(tmp_path / "manifest.csv", index=False)
    lazy = ad.read_corpus(tmp_path, partition_size=5)
    assert lazy.npartitions == 5
    pd.testing.assert_frame_equal(
        lazy.compute().reset_index(drop=True), analysis.load_corpus(tmp_path)
    )


def test_identifiers_are_checked_across_partitions(client, tmp_path):
    raw = make_other_corpus()
    raw.loc[20, "speech_id"] = "n00"  # also the first document, two partitions away
    with pytest.raises(CorpusError, match="duplicate doc_id 'n00'"):
        ad.corpus_from_frame(raw, text="body", doc_id="speech_id", npartitions=4)
    raw = make_other_corpus()
    raw.loc[22, "duplicate_of"] = "nobody"
    with pytest.raises(CorpusError, match="'nobody' names no document"):
        ad.corpus_from_frame(raw, text="body", doc_id="speech_id", npartitions=4)


def test_bad_arguments_are_named(other_corpus):
    with pytest.raises(TypeError, match="dask DataFrame"):
        ad.sentences(other_corpus)
    with pytest.raises(ValueError, match="not both"), ad.cluster(workers=2, scheduler="x:1"):
        pass
    with pytest.raises(ValueError, match="sizes add up to 3"):
        ad.from_pandas(other_corpus, sizes=[1, 2])
    with pytest.raises(KeyError, match="no column 'party'"):
        ad.keyness(ad.from_pandas(other_corpus), group="party", target="x")


def test_two_worker_processes_give_the_same_and_stop(other_corpus):
    before = {child.pid for child in multiprocessing.active_children()}
    # The workers' malloc settings, unless this environment sets its own (which win); and this
    # environment as it was, so that the next cluster gets its own settings.
    malloc = {k: os.environ.get(k, str(v)) for k, v in _engine.WORKER_MALLOC.items()}
    environment = {k: os.environ.get(k) for k in _engine.WORKER_MALLOC}
    with ad.cluster(workers=2) as running:
        assert len(running.scheduler_info()["workers"]) == 2
        environments = running.run(lambda: {k: os.environ.get(k) for k in _engine.WORKER_MALLOC})
        assert list(environments.values()) == [malloc, malloc]
        assert {k: os.environ.get(k) for k in _engine.WORKER_MALLOC} == environment
        parts = ad.from_pandas(other_corpus, sizes=[10, 0, 13])
        scored = ad.sentence_sentiment(parts).compute().reset_index(drop=True)
        summary = ad.sentiment_summary(ad.sentence_sentiment(parts), group="region", seed=3)
        # Term counts in worker processes: each worker's threads counted with what they had
        # read remembered, and let it go once counted.
        found = ad.keyness(parts, group="region", target="north")
        held = running.run(lambda: len(dask_counts._memories))
        assert list(held.values()) == [0, 0]
    pd.testing.assert_frame_equal(scored, analysis.sentence_sentiment(other_corpus))
    pd.testing.assert_frame_equal(
        found, analysis.keyness(other_corpus, group="region", target="north"), **CLOSE
    )
    pd.testing.assert_frame_equal(
        summary, analysis.sentiment_summary(scored, group="region", seed=3)
    )
    assert running.status == "closed"
    left = {child.pid for child in multiprocessing.active_children()} - before
    assert not left, f"worker processes still running: {left}"
    assert np.isfinite(summary["mean"]).all()


# --- Bootstrap by document, and what reaches this process --------------------------------


@pytest.fixture(scope="module")
def scored(other_corpus):
    return analysis.sentence_sentiment(other_corpus)


def test_cluster_intervals_equal_pandas_whatever_the_partitions(client, scored):
    options = {"group": "region", "n_boot": 300, "seed": 5, "interval": "cluster"}
    expected = analysis.sentiment_summary(scored, **options)
    assert (expected["ci_low"] != expected["ci_low_sentences"]).any()
    # One partition; documents cut in the middle; an empty and a one-sentence partition.
    for sizes in ([len(scored)], [7, 0, 1, 30, len(scored) - 38], [50, len(scored) - 50]):
        found = ad.sentiment_summary(ad.from_pandas(scored, sizes=sizes), **options)
        pd.testing.assert_frame_equal(found, expected)
    # The seed decides the intervals: another seed gives others, the same seed the same.
    other = ad.sentiment_summary(ad.from_pandas(scored, sizes=[50, len(scored) - 50]),
                                 **(options | {"seed": 6}))  # fmt: skip
    assert not np.allclose(other["ci_low"], expected["ci_low"])
    pd.testing.assert_frame_equal(
        other, analysis.sentiment_summary(scored, **options | {"seed": 6})
    )


def test_a_missing_label_is_named_at_its_row_of_the_whole_table(client, scored):
    broken = scored.copy()
    broken.loc[40, "region"] = ""
    with pytest.raises(ValueError, match=r"1 empty or missing label\(s\) \(first at row"):
        analysis.sentiment_summary(broken, group="region")
    with pytest.raises(ValueError) as pandas_error:
        analysis.sentiment_summary(broken, group="region")
    with pytest.raises(ValueError) as dask_error:
        ad.sentiment_summary(
            ad.from_pandas(broken, sizes=[30, 0, len(broken) - 30]), group="region"
        )
    assert str(dask_error.value) == str(pandas_error.value)


class Recorder:
    """What each computation of analysis.dask brought to this process."""

    def __init__(self, patch):
        self.results = []
        real = _engine.compute

        def recording(*collections, **options):
            result = real(*collections, **options)
            self.results.append(result)
            return result

        patch.setattr(_engine, "compute", recording)


def test_grouped_sentiment_brings_back_codes_and_scores_only(client, scored, monkeypatch):
    canonical = scored[scored["duplicate_of"] == ""]
    parts = ad.from_pandas(scored, sizes=[40, 0, len(scored) - 40])
    seen = Recorder(monkeypatch)
    ad.sentiment_summary(parts, group="region", interval="cluster", n_boot=50)
    (pieces,) = seen.results
    assert sum(len(piece) for piece in pieces) == len(canonical)
    for piece in pieces:
        assert piece.columns.tolist() == ["region", "doc_id", "compound"]
        assert isinstance(piece["region"].dtype, pd.CategoricalDtype)
        assert isinstance(piece["doc_id"].dtype, pd.CategoricalDtype)
        # 8 bytes of score and a one-byte code for each of group and document.
        assert piece.memory_usage(index=False).drop("compound").sum() <= 2 * len(piece) + 2000


def test_keyness_and_top_terms_bring_back_one_row_per_term(parts, other_corpus, monkeypatch):
    options = {"group": "region", "target": "north", "reference": "south"}
    expected = analysis.keyness(other_corpus, **options)
    vocabulary = analysis.term_counts(other_corpus, ngram_range=(1, 1)).terms
    seen = Recorder(monkeypatch)
    found = ad.keyness(parts, **options)  # unigrams
    pd.testing.assert_frame_equal(found, expected, **CLOSE)
    # Counting: the corpus's words and its terms as integer keys over them (each merged from
    # the partitions' on the workers), in one computation. Pass 1: one 4 × terms matrix of
    # counts (not one per partition); pass 2: two leave-one-out values per term shown.
    (words, keys), counts, leave_one_out = seen.results
    assert list(words) == list(vocabulary)  # unigrams: the terms are the words
    assert keys.dtype == np.int64 and len(keys) == len(vocabulary)
    (totals, present, n_target, n_reference) = counts[0]
    assert len(counts) == 1
    assert totals.shape == (4, len(vocabulary))
    assert present == {"north", "south", "east"}
    assert (n_target, n_reference) == (12, 9)  # canonical documents: the reprint left out
    assert {side: len(values) for side, values in leave_one_out[0].items()} == {
        "target": len(expected),
        "reference": len(expected),
    }
    seen.results.clear()
    top = ad.top_terms(parts, n=4, group="region")  # unigrams and bigrams
    (words, keys), frequencies, (ranked,) = seen.results
    assert ranked is top  # the ranked table is made on a worker: nothing else comes back
    terms = analysis.term_counts(other_corpus).terms
    assert list(spell_terms(words, keys)) == list(terms)
    assert len(words) < len(terms)
    (used, fitted) = frequencies[0]
    assert used.shape == (1, len(terms))
    assert used.nnz == len(analysis.tfidf(other_corpus).terms)  # terms of canonical documents
    assert fitted == 22


def test_sums_combined_in_a_deep_tree_are_the_same(parts, other_corpus, monkeypatch):
    monkeypatch.setattr(_engine, "COMBINE_WIDTH", 2)  # five partitions: three levels
    options = {"group": "region", "target": "south", "reference": "north", "method": "chi2"}
    pd.testing.assert_frame_equal(
        ad.keyness(parts, **options), analysis.keyness(other_corpus, **options), **CLOSE
    )
    pd.testing.assert_frame_equal(
        ad.top_terms(parts, n=5, group="region"),
        analysis.top_terms(other_corpus, n=5, group="region"),
        **CLOSE,
    )
    found = ad.tfidf(parts, min_df=2)
    assert abs(found.matrix - analysis.tfidf(other_corpus, min_df=2).matrix).max() <= 1e-9


def test_tfidf_blocks_are_the_rows_of_tfidf_a_partition_at_a_time(parts, other_corpus):
    import dask

    expected = analysis.tfidf(other_corpus)
    lazy = ad.tfidf_blocks(parts)
    assert lazy.npartitions == len(SIZES)
    assert list(lazy.terms) == list(expected.terms)
    np.testing.assert_allclose(lazy.idf, expected.vectorizer.idf_, rtol=1e-12)
    assert lazy.documents == 22  # the reprint does not count in the idf
    start = 0
    for block, size in zip(lazy.blocks, SIZES, strict=True):
        (matrix, counts, ids) = dask.compute(block)[0]
        assert matrix.shape == (size, len(expected.terms))
        assert ids == expected.doc_ids[start : start + size]
        assert (
            np.abs((matrix - expected.matrix[start : start + size]).toarray()).max(initial=0)
            <= 1e-9
        )
        assert (counts != expected.counts[start : start + size]).nnz == 0
        start += size
    gathered = lazy.gather()
    assert gathered.doc_ids == expected.doc_ids
    assert abs(gathered.matrix - expected.matrix).max() <= 1e-9


def test_a_missing_text_is_named_at_its_row_of_the_manifest(client, tmp_path):
    raw = make_other_corpus()
    rows = []
    for row in raw.itertuples():
        name = f"{row.speech_id}.txt"
        (tmp_path / name).write_text(row.body, encoding="utf-8")
        rows.append({"doc_id": row.speech_id, "file": name})
    pd.DataFrame(rows).to_csv(tmp_path / "manifest.csv", index=False)
    missing = rows[12]["file"]
    (tmp_path / missing).unlink()
    lazy = ad.read_corpus(tmp_path, partition_size=5)  # the file is in the third partition
    # Row 14 of manifest.csv: the header is row 1, the thirteenth document row 14.
    with pytest.raises(CorpusError, match=rf"row 14: file '{missing}' not found"):
        lazy.compute()


def test_rows_of_a_parquet_corpus_are_numbered_as_in_the_whole_table(client, tmp_path):
    # Three files, read as three partitions whose own rows start again at 0: a text missing
    # from the fourth document of the third file is the table's 25th document, row 26 (the
    # header is row 1); a doc_id repeated there is named at its row in the whole too.
    folder = tmp_path / "parquet"
    folder.mkdir()
    table = pd.DataFrame(
        {"doc_id": [f"d{i:02d}" for i in range(30)], "text": [f"Text {i}." for i in range(30)]}
    )
    broken = table.copy()
    broken.loc[24, "text"] = None
    for k, (start, end) in enumerate([(0, 10), (10, 21), (21, 30)]):
        broken.iloc[start:end].to_parquet(folder / f"part-{k}.parquet", index=False)
    with pytest.raises(CorpusError, match=r"row 26, doc_id 'd24': the text is missing"):
        ad.read_corpus(folder).compute()
    repeated = table.copy()
    repeated.loc[24, "doc_id"] = "d03"
    for k, (start, end) in enumerate([(0, 10), (10, 21), (21, 30)]):
        repeated.iloc[start:end].to_parquet(folder / f"part-{k}.parquet", index=False)
    with pytest.raises(CorpusError, match=r"row 26: duplicate doc_id 'd03' \(also in row 5\)"):
        ad.read_corpus(folder)


def test_a_projected_parquet_read_is_cleaned_in_the_partitions_it_was_counted_in(client, tmp_path):
    # Read for two of its columns, Dask may fuse a Parquet folder's files into fewer
    # partitions; the rows are counted and cleaned in the same partitions, so the corpus is
    # whole and a bad text is named at its row of the table (d24: row 26).
    import dask.dataframe as dd

    folder = tmp_path / "projected"
    folder.mkdir()
    table = pd.DataFrame(
        {
            "doc_id": [f"d{i:02d}" for i in range(30)],
            "text": [f"Text {i}." for i in range(30)],
            "extra": range(30),
        }
    )
    for k in range(6):
        table.iloc[5 * k : 5 * k + 5].to_parquet(folder / f"part-{k}.parquet", index=False)
    found = ad.corpus_from_frame(dd.read_parquet(folder, columns=["doc_id", "text"]))
    assert found.compute()["doc_id"].tolist() == table["doc_id"].tolist()
    table.loc[24, "text"] = ""
    for k in range(6):
        table.iloc[5 * k : 5 * k + 5].to_parquet(folder / f"part-{k}.parquet", index=False)
    lazy = ad.corpus_from_frame(dd.read_parquet(folder, columns=["doc_id", "text"]))
    with pytest.raises(CorpusError, match=r"row 26, doc_id 'd24': the text is empty"):
        lazy.compute()


@pytest.mark.parametrize("label", [None, "", "  "])
def test_an_unlabelled_document_is_refused_as_pandas_refuses_it(client, other_corpus, label):
    docs = other_corpus.copy()
    docs.loc[docs.index[3], "region"] = label  # a canonical document of the first partition
    frames = ad.from_pandas(docs, sizes=SIZES)
    for call, pandas_call in (
        (
            lambda: ad.keyness(frames, group="region", target="north"),
            lambda: analysis.keyness(docs, group="region", target="north"),
        ),
        (
            lambda: ad.top_terms(frames, group="region"),
            lambda: analysis.top_terms(docs, group="region"),
        ),
    ):
        with pytest.raises(ValueError, match="empty or missing label") as found:
            call()
        assert "'region'" in str(found.value)
        with pytest.raises(ValueError, match="empty or missing label"):
            pandas_call()


def test_without_dask_the_import_error_says_what_to_install(monkeypatch):
    import importlib
    import sys

    monkeypatch.setitem(sys.modules, "dask", None)  # as if it were not installed
    monkeypatch.delitem(sys.modules, "analysis.dask")
    with pytest.raises(ImportError, match=r"analysis\[scale\]"):
        importlib.import_module("analysis.dask")
    monkeypatch.undo()
    assert importlib.import_module("analysis.dask") is ad
