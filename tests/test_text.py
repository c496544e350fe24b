"""Sentences and tokens without downloaded NLTK data."""

from __future__ import annotations

import nltk
import pandas as pd
import pytest

import analysis
from analysis.text import split_sentences, tokenize

TRICKY = (
    "Dr. Pavel K. Baev met U.S. officials in Washington D.C. on Monday. "
    "Russia imported some 12.000 troops. Trade passed $240 billion. "
    "Flight J2-8243 was hit. Why? Nobody knows!"
)


def test_nltk_default_tokenizers_need_data_that_is_not_here():
    # The reason this module exists: with an empty NLTK_DATA (set in conftest), NLTK's own
    # sentence splitter cannot load its model.
    with pytest.raises(LookupError):
        nltk.sent_tokenize("One. Two.")


def test_abbreviations_and_numbers_do_not_end_sentences():
    sentences = [text for text, _ in split_sentences(TRICKY)]
    assert sentences == [
        "Dr. Pavel K. Baev met U.S. officials in Washington D.C. on Monday.",
        "Russia imported some 12.000 troops.",
        "Trade passed $240 billion.",
        "Flight J2-8243 was hit.",
        "Why?",
        "Nobody knows!",
    ]


@pytest.mark.parametrize("token", ["U.S.", "D.C.", "12.000", "J2-8243", "$240", "K"])
def test_tokens_survive_intact(token):
    assert token in tokenize(TRICKY)


def test_tokenize_drops_punctuation_and_keeps_case():
    assert tokenize("Isn't it GREAT?! Counter-offensive, 50%.") == [
        "Isn't", "it", "GREAT", "Counter-offensive", "50%",
    ]  # fmt: skip


def test_headings_are_rows_of_their_own(seed_corpus):
    rows = analysis.sentences(seed_corpus)
    headings = rows[rows["is_heading"]]
    assert "Looking Ahead" in set(headings["text"])
    assert "Continuation of the attack" in set(headings["text"])
    # A heading is never merged into the sentence that follows it.
    assert not rows.loc[~rows["is_heading"], "text"].str.startswith("Looking Ahead").any()


def test_sentences_carry_metadata_and_number_from_zero(seed_corpus):
    rows = analysis.sentences(seed_corpus)
    assert list(rows.columns[:5]) == ["doc_id", "sent_id", "text", "is_heading", "position"]
    assert {"stance", "duplicate_of", "translation"} <= set(rows.columns)
    assert "raw_text" not in rows.columns
    for _, group in rows.groupby("doc_id"):
        assert group["sent_id"].tolist() == list(range(len(group)))
        assert group["position"].iloc[0] == 0 and group["position"].iloc[-1] == 1


def test_seed_sentences_keep_their_tricky_tokens(seed_corpus):
    texts = analysis.sentences(seed_corpus)["text"]
    for token in ("12.000", "J2-8243", "$240 billion", "U.S. partners", "Washington D.C."):
        assert texts.str.contains(token, regex=False).sum() >= 1, token
    assert not texts.str.endswith(" K.").any()  # "Pavel K. Baev" is not cut at the initial


def test_glued_sentences_split_by_cleaning_become_two_sentences(seed_corpus):
    texts = analysis.sentences(seed_corpus)
    texts_004 = texts.loc[texts["doc_id"] == "004", "text"].tolist()
    assert any(t.endswith("attended the 3rd Belt and Road Summit") for t in texts_004)
    assert any(t.startswith("In May, Russian Prime Minister Mishustin") for t in texts_004)


def test_other_column_names():
    docs = pd.DataFrame({"id": ["x"], "body": ["First one. Second one."]})
    rows = analysis.sentences(docs, text="body", doc_id="id")
    assert rows["text"].tolist() == ["First one.", "Second one."]
    assert rows["doc_id"].tolist() == ["x", "x"]


@pytest.mark.parametrize("bad", ["a bare string", ["a", "list"]])
def test_a_bare_string_is_a_clear_error(bad):
    with pytest.raises(TypeError, match="DataFrame of documents"):
        analysis.sentences(bad)


def test_missing_column_is_named():
    with pytest.raises(KeyError, match="'text'"):
        analysis.sentences(pd.DataFrame({"doc_id": ["a"], "body": ["x"]}))
