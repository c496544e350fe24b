"""Terms, TF-IDF, KWIC, collocations and similarity."""

from __future__ import annotations

import re
from unittest.mock import patch

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

import analysis
from analysis.vocabulary import STOP_WORDS, TermAnalyzer

DOCS = pd.DataFrame(
    {
        "id": ["a", "b", "c"],
        "camp": ["hawk", "hawk", "dove"],
        "body": [
            "Sanctions bite. Sanctions hurt Russia's economy.",
            "The regime in Pyongyang sends troops.",
            "Trade grows with Asia and trade grows with Africa.",
        ],
    }
)


def test_stop_list_changes_have_reasons():
    table = analysis.stop_words_table()
    assert set(table["action"]) <= {"keep", "add"}
    assert (table["reason"].str.strip() != "").all()
    for word in table.loc[table["action"] == "keep", "word"]:
        assert word in ENGLISH_STOP_WORDS and word not in STOP_WORDS
    for word in table.loc[table["action"] == "add", "word"]:
        assert word in STOP_WORDS
    assert {"the", "and", "of"} <= STOP_WORDS


def test_bigrams_never_bridge_a_removed_stop_word():
    terms = TermAnalyzer()("The regime in Pyongyang")
    assert "regime pyongyang" not in terms
    assert terms == ["regime", "pyongyang"]


def test_possessives_and_numbers():
    assert TermAnalyzer((1, 1))("Russia's 12,000 troops") == ["russia", "troops"]


def test_tfidf_is_scikit_learns_formula():
    # Unigrams, idf fitted on all three: "sanctions" is in 1 of 3 documents, tf = 2 in "a".
    result = analysis.tfidf(DOCS, text="body", doc_id="id", ngram_range=(1, 1))
    terms = list(result.terms)
    row = result.matrix[0].toarray().ravel()
    idf_sanctions = np.log((1 + 3) / (1 + 1)) + 1
    idf_russia = np.log((1 + 3) / (1 + 1)) + 1
    raw = np.zeros(len(terms))
    raw[terms.index("sanctions")] = 2 * idf_sanctions
    for word in ("bite", "hurt", "economy"):
        raw[terms.index(word)] = np.log(4 / 2) + 1
    raw[terms.index("russia")] = idf_russia
    assert row == pytest.approx(raw / np.linalg.norm(raw))


def test_top_terms_per_group_is_the_mean_of_document_vectors():
    result = analysis.tfidf(DOCS, text="body", doc_id="id")
    by_group = analysis.top_terms(DOCS, n=50, group="camp", text="body", doc_id="id")
    terms = list(result.terms)
    hawk = by_group[by_group["camp"] == "hawk"].set_index("term")
    mean = result.matrix[[0, 1]].toarray().mean(axis=0)
    assert hawk.loc["sanctions", "tfidf"] == pytest.approx(mean[terms.index("sanctions")])
    assert hawk.loc["sanctions", "count"] == 2


@pytest.mark.parametrize("sublinear_tf", [False, True])
def test_tfidf_is_tfidf_vectorizer_fitted_on_the_canonical_rows(other_corpus, sublinear_tf):
    # A variant whose words no canonical document uses, and min_df=2: the vocabulary is the
    # canonical rows' terms used by two of them, as TfidfVectorizer.fit on those rows finds it.
    from sklearn.feature_extraction.text import TfidfVectorizer

    extra = other_corpus.iloc[[1]].assign(
        doc_id="variant", duplicate_of=other_corpus["doc_id"].iloc[1], text="zebra quagga zebra"
    )
    docs = pd.concat([other_corpus, extra], ignore_index=True)
    result = analysis.tfidf(docs, min_df=2, sublinear_tf=sublinear_tf)
    canonical = docs.loc[docs["duplicate_of"] == "", "text"]
    vectorizer = TfidfVectorizer(analyzer=TermAnalyzer(), min_df=2, sublinear_tf=sublinear_tf)
    expected = vectorizer.fit(canonical).transform(docs["text"])
    assert list(result.terms) == list(vectorizer.get_feature_names_out())
    assert "zebra" not in set(result.terms)
    # The same idf to the last bit, and the same rows.
    assert np.array_equal(result.vectorizer.idf_, vectorizer.idf_)
    assert abs(result.matrix - expected).max() < 1e-15
    assert result.matrix.nnz == expected.nnz
    assert result.counts[-1].sum() == 0  # the variant's own words are not terms


def test_top_terms_weighed_in_blocks_is_top_terms_of_the_whole_matrix(other_corpus):
    # Blocks of one and two rows: each document's terms and each group's means are those of
    # the whole TF-IDF matrix (a group's sums added up block by block, to rounding).
    from analysis import vocabulary
    from analysis.vocabulary import top_rows

    result = analysis.tfidf(other_corpus)
    ids = other_corpus["doc_id"].tolist()
    whole_documents = top_rows(result.matrix, result.counts, result.terms, ids, n=4)
    canonical = np.flatnonzero(other_corpus["duplicate_of"].to_numpy() == "")
    regions = sorted(set(other_corpus["region"]))
    means = np.vstack(
        [
            result.matrix[[i for i in canonical if other_corpus["region"].iloc[i] == r]]
            .toarray()
            .mean(axis=0)
            for r in regions
        ]
    )
    sums = np.vstack(
        [
            result.counts[[i for i in canonical if other_corpus["region"].iloc[i] == r]]
            .toarray()
            .sum(axis=0)
            for r in regions
        ]
    )
    whole_groups = top_rows(means, sums, result.terms, regions, n=4, unit="region")
    for block in (1, 2):
        with patch.object(vocabulary, "TFIDF_BLOCK", block):
            by_document = analysis.top_terms(other_corpus, n=4)
            by_group = analysis.top_terms(other_corpus, n=4, group="region")
        pd.testing.assert_frame_equal(by_document, whole_documents)
        pd.testing.assert_frame_equal(by_group, whole_groups, check_exact=False, rtol=1e-12)


def test_top_terms_per_document(seed_corpus):
    top = analysis.top_terms(seed_corpus, n=5)
    assert top.groupby("doc_id").size().tolist() == [5] * 5
    assert top.groupby("doc_id")["tfidf"].apply(lambda s: s.is_monotonic_decreasing).all()
    # Pinned on the seeds: the critical account is about Moscow and Syria.
    assert {"moscow", "syria"} <= set(top.loc[top["doc_id"] == "001", "term"])


def test_kwic_finds_north_korea_in_every_account_that_names_it(seed_corpus):
    lines = analysis.kwic(seed_corpus, "North Korea")
    naming = {
        doc_id
        for doc_id, text in zip(seed_corpus["doc_id"], seed_corpus["text"], strict=True)
        if re.search(r"\bNorth Korea\b(?!n)", text)
    }
    assert naming  # the seeds do name it
    assert set(lines["doc_id"]) == naming
    assert (lines["match"] == "North Korea").all()
    expected = sum(len(re.findall(r"\bNorth Korea\b(?!n)", t)) for t in seed_corpus["text"])
    assert len(lines) == expected


def test_kwic_is_case_insensitive_with_context():
    lines = analysis.kwic(DOCS, "SANCTIONS", window=2, text="body", doc_id="id")
    assert lines[["doc_id", "sent_id", "left", "match", "right"]].to_numpy().tolist() == [
        ["a", 0, "", "Sanctions", "bite."],
        ["a", 1, "", "Sanctions", "hurt Russia's"],
    ]


def test_kwic_rejects_an_empty_query():
    with pytest.raises(ValueError, match="query"):
        analysis.kwic(DOCS, "  ", text="body", doc_id="id")


@pytest.mark.parametrize(
    ("query", "named", "searched"),
    [("C++", "'+'", "'c'"), ("#sanctions", "'#'", "'sanctions'"), ("2024 sanctions", "'2024'",
     "'sanctions'"), ("sanctions & Russia", "'&'", "'sanctions russia'")],
)  # fmt: skip
def test_kwic_refuses_a_query_it_would_search_only_in_part(query, named, searched):
    with pytest.raises(ValueError, match="query") as error:
        analysis.kwic(DOCS, query, text="body", doc_id="id")
    assert named in str(error.value)
    assert f"searched as {searched}" in str(error.value)


def test_kwic_ignores_punctuation_and_the_possessive_in_a_query():
    plain = analysis.kwic(DOCS, "sanctions hurt", text="body", doc_id="id")
    assert len(plain) == 1
    for query in ("Sanctions, hurt", '"sanctions hurt."', "sanctions' hurt", "(sanctions) hurt"):
        assert analysis.kwic(DOCS, query, text="body", doc_id="id").equals(plain), query


def test_similarity_flags_exactly_the_translated_pair(seed_corpus):
    flagged = analysis.near_duplicates(seed_corpus)
    assert flagged[["doc_a", "doc_b"]].to_numpy().tolist() == [["000", "001"]]
    # The margin documented beside NEAR_DUPLICATE_THRESHOLD.
    assert flagged.loc[0, "cosine"] > 0.6
    assert flagged.loc[0, "next_highest"] < 0.45


def test_similarity_is_symmetric_with_unit_diagonal():
    table = analysis.similarity(DOCS, text="body", doc_id="id")
    matrix = table.pivot(index="doc_a", columns="doc_b", values="cosine").to_numpy()
    assert matrix == pytest.approx(matrix.T)
    assert np.diag(matrix) == pytest.approx(1.0)


def test_collocations_count_pairs_within_sentences():
    docs = pd.DataFrame(
        {
            "stance": ["critical", "critical"],
            "text": ["Foreign policy failed. Foreign policy failed again.", "Foreign policy."],
        }
    )
    table = analysis.collocations(docs, group="stance", n=5, min_count=2)
    top = table.iloc[0]
    assert (top["bigram"], top["count"]) == ("foreign policy", 3)
    assert "failed foreign" not in set(table["bigram"])  # never across a sentence end


@pytest.mark.parametrize(
    "call",
    [
        lambda: analysis.tfidf("text"),
        lambda: analysis.top_terms("text"),
        lambda: analysis.kwic("text", "word"),
        lambda: analysis.similarity("text"),
        lambda: analysis.collocations("text"),
    ],
)
def test_bare_strings_are_clear_errors(call):
    with pytest.raises(TypeError, match="bare string"):
        call()


def test_a_repeated_index_does_not_confuse_groups_or_variants():
    docs = DOCS.assign(duplicate_of=["", "", ""]).set_axis([0, 0, 0])
    by_group = analysis.top_terms(docs, n=50, group="camp", text="body", doc_id="id")
    assert set(by_group.loc[by_group["camp"] == "dove", "term"]) >= {"trade", "asia", "africa"}
    assert "sanctions" not in set(by_group.loc[by_group["camp"] == "dove", "term"])
    variant = docs.assign(duplicate_of=["", "", "a"])
    # Fitted on the canonical rows only, like TfidfVectorizer.fit then .transform: the
    # variant is scored, but with the canonical vocabulary.
    result = analysis.tfidf(variant, text="body", doc_id="id")
    assert result.matrix.shape[0] == 3
    assert "trade" not in set(result.terms)
    everything = analysis.tfidf(variant, text="body", doc_id="id", include_variants=True)
    assert "trade" in set(everything.terms)


# --- One pass: the term regex and the counts ------------------------------------------------

_PLAIN_TERM = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]*[^\W\d_][^\W_]*(?:[-'][^\W_]+)*")


def _plain_words(text):
    """The terms as a plain pattern and a second pass over the words would find them."""
    return [
        word[:-2] if word.endswith("'s") else word.rstrip("'")
        for word in _PLAIN_TERM.findall(text.lower())
    ]


_TERM_PIECES = ["a", "s", "S", "'", "-", ".", " ", "x", "1", "é", "_", "’", "'s", "u.s.", "²"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from([*_TERM_PIECES, "\n", "٣", "J2"]), max_size=16))
def test_the_one_pass_term_regex_finds_what_two_passes_find(pieces):
    text = "".join(pieces)
    assert TermAnalyzer().words(text) == _plain_words(text)


def test_possessives_in_one_pass():
    words = TermAnalyzer().words("Russia's u.s.'s John's-book rock'n'roll's 1990s' x's's")
    assert words == ["russia", "u.s.", "s", "john's-book", "rock'n'roll", "1990s", "x's"]


@pytest.mark.parametrize("ngram_range", [(1, 1), (1, 2), (2, 2)])
def test_count_terms_is_count_vectorizers_matrix(seed_corpus, ngram_range):
    from sklearn.feature_extraction.text import CountVectorizer

    from analysis.vocabulary import count_terms

    texts = [*seed_corpus["text"], "", "12 000", "the of and"] * 700  # past one batch
    counts, terms = count_terms(texts, ngram_range=ngram_range)
    vectorizer = CountVectorizer(analyzer=TermAnalyzer(ngram_range))
    expected = vectorizer.fit_transform(texts)
    assert list(terms) == list(vectorizer.get_feature_names_out())
    assert counts.dtype == expected.dtype and (counts != expected).nnz == 0


# White space of every kind cuts a text into the chunks count_terms reads one by one.
_SPACES = [" ", "  ", "\t", "\n", "\u00a0", "\u2003", "\u2028", "\x1c", "\x85"]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from([*_TERM_PIECES, *_SPACES, "the", "of", "ab", "ab", "cd", "/", "x_y"]),
            max_size=14,
        ).map("".join),
        max_size=7,
    ),
    st.sampled_from([(1, 1), (1, 2), (2, 2)]),
    st.sampled_from([1, 2, 2048]),
)
def test_count_terms_is_count_vectorizers_matrix_on_generated_text(texts, ngram_range, batch):
    # Pieces glued without spaces, any white space between them, texts over several batches
    # (what a chunk holds is remembered from one batch to the next, up to CHUNK_MEMORY).
    from sklearn.feature_extraction.text import CountVectorizer

    from analysis import vocabulary

    with (
        patch.object(vocabulary, "COUNT_BATCH", batch),
        patch.object(vocabulary, "CHUNK_MEMORY", 3),  # forgotten and read again
    ):
        counts, terms = vocabulary.count_terms(texts, ngram_range=ngram_range)
    analyzer = TermAnalyzer(ngram_range)
    if not any(analyzer(text) for text in texts):  # scikit-learn: "empty vocabulary"
        assert counts.shape == (len(texts), 0) and len(terms) == 0
        return
    vectorizer = CountVectorizer(analyzer=analyzer)
    expected = vectorizer.fit_transform(texts)
    assert list(terms) == list(vectorizer.get_feature_names_out())
    assert counts.shape == expected.shape and (counts != expected).nnz == 0


def test_term_keys_of_two_halves_merge_into_the_whole_corpus_keys(seed_corpus):
    # What analysis.dask does across partitions: merge the halves' sorted words, restate each
    # half's keys over the merged words (the order of the keys is kept), merge the keys.
    from analysis.vocabulary import KEY_SHIFT, count_term_keys, count_terms, spell_terms

    texts = seed_corpus["text"].tolist()
    counts, words, keys = count_term_keys(texts)
    assert list(words) == sorted(set(words))
    assert (np.diff(keys) > 0).all()
    expected_counts, expected_terms = count_terms(texts)
    assert list(spell_terms(words, keys)) == list(expected_terms)
    assert (counts != expected_counts).nnz == 0
    merged_words = sorted(
        set().union(*(count_term_keys(half)[1] for half in (texts[:2], texts[2:])))
    )
    assert merged_words == list(words)
    restated = []
    for half in (texts[:2], texts[2:]):
        _, half_words, half_keys = count_term_keys(half)
        rank = np.searchsorted(words, half_words)
        second = half_keys & ((1 << KEY_SHIFT) - 1)
        moved = (rank[half_keys >> KEY_SHIFT] << KEY_SHIFT) | np.where(
            second > 0, rank[np.maximum(second - 1, 0)] + 1, 0
        )
        assert (np.diff(moved) > 0).all()
        restated.append(moved)
    assert np.array_equal(np.unique(np.concatenate(restated)), keys)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from([0.0, 0.0, 0.5, 1.0, 1.0, 2.0]), min_size=6, max_size=6),
        min_size=1,
        max_size=4,
    ),
    st.integers(1, 7),
)
def test_top_rows_ranks_as_sorting_every_term_would(rows, n):
    # Scores with many ties: by score, then alphabetically; the counts of the chosen terms.
    from scipy import sparse

    from analysis.vocabulary import top_rows

    scores = np.array(rows)
    counts = (scores * 2).astype(np.int64)
    terms = np.array(["fa", "b", "e", "a", "d", "c"], dtype=object)  # not in column order
    found = top_rows(
        sparse.csr_matrix(scores), sparse.csr_matrix(counts), terms, range(len(rows)), n=n
    )
    expected = []
    for row, values in enumerate(rows):
        ranked = sorted((-value, terms[k], k) for k, value in enumerate(values) if value > 0)
        for rank, (score, term, k) in enumerate(ranked[:n], start=1):
            expected.append([row, rank, term, -score, counts[row, k]])
    assert found.to_numpy().tolist() == expected


def test_a_chunk_memory_shared_by_counts_of_parts_changes_no_count(seed_corpus):
    # Parts counted in turn with one memory (as one worker's thread counts its partitions)
    # give what each part gives counted alone; the memory holds the parts' words and chunks.
    from analysis.vocabulary import ChunkMemory, count_term_keys

    texts = seed_corpus["text"].tolist()
    memory = ChunkMemory(STOP_WORDS)
    for part in (texts[:2], texts[2:], texts):
        counts, words, keys = count_term_keys(part, memory=memory)
        alone, alone_words, alone_keys = count_term_keys(part)
        assert (counts != alone).nnz == 0 and counts.shape == alone.shape
        assert list(words) == list(alone_words) and (keys == alone_keys).all()
    assert set(memory.words) >= set(words)
    words_before = memory.words
    count_term_keys(texts[:1], memory=memory)
    assert memory.words is words_before  # within its bound, the memory goes on
    assert memory.chunk_words and len(memory.is_stop) == len(memory.words)
    with pytest.raises(ValueError, match="other stop words"):
        count_term_keys(texts, stop_words=frozenset(), memory=memory)


def test_a_chunk_memory_past_its_bound_starts_again_between_counts(seed_corpus):
    from analysis import vocabulary

    texts = seed_corpus["text"].tolist()
    memory = vocabulary.ChunkMemory(STOP_WORDS)
    with patch.object(vocabulary, "CHUNK_MEMORY", 50):
        first = vocabulary.count_term_keys(texts[:1], memory=memory)
        assert len(memory.words) > 50  # one call keeps its words, whatever the bound
        before = memory.words
        again = vocabulary.count_term_keys(texts[:1], memory=memory)
        assert memory.words is not before  # the next call started from nothing
        assert sorted(memory.words) == sorted(before)
        alone = vocabulary.count_term_keys(texts[:1])
    for found in (first, again):
        assert (found[0] != alone[0]).nnz == 0
        assert list(found[1]) == list(alone[1]) and (found[2] == alone[2]).all()
