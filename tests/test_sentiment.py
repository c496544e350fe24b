"""Sentiment: the engine's own scores, seeded intervals, actors, word shift and coverage."""

from __future__ import annotations

import nltk
import numpy as np
import pandas as pd
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

import analysis
from analysis.actors import actor_mentions
from analysis.sentiment import bootstrap_mean, label_compound

KNOWN = [
    "The summit was a success.",
    "The summit was a SUCCESS!!!",
    "The summit was not a success.",
    "The summit was organized with great fanfare, but its real impact was limited at best.",
    "Sanctions bite hard, but trade grows.",
    "",
]


def test_scores_equal_the_raw_engine_for_raw_text():
    raw = SentimentIntensityAnalyzer()
    expected = pd.DataFrame([raw.polarity_scores(text) for text in KNOWN])
    result = analysis.score_sentiment(KNOWN)
    assert list(result.columns) == ["neg", "neu", "pos", "compound"]
    pd.testing.assert_frame_equal(result, expected[["neg", "neu", "pos", "compound"]])


def test_no_preprocessing_capitals_exclamations_negation_and_but_count():
    compound = analysis.score_sentiment(KNOWN)["compound"]
    assert compound[1] > compound[0] > 0  # capitals and "!!!" intensify
    assert compound[2] < 0  # negation flips
    assert compound[3] > 0.5  # the brief's example: VADER misreads it as clearly positive
    assert compound[5] == 0.0


def test_order_and_index_are_kept():
    texts = pd.Series(["Good.", "Bad."], index=["x", "y"])
    result = analysis.score_sentiment(texts)
    assert list(result.index) == ["x", "y"]
    assert result.loc["x", "compound"] > 0 > result.loc["y", "compound"]


@pytest.mark.parametrize("bad", ["one text", pd.DataFrame({"text": ["a"]}), [1, 2]])
def test_bad_input_is_a_clear_error(bad):
    with pytest.raises(TypeError):
        analysis.score_sentiment(bad)


def test_nltk_engine_runs_without_nltk_data():
    with pytest.raises(LookupError):
        nltk.data.find("sentiment/vader_lexicon.zip")
    nltk_scores = analysis.score_sentiment(KNOWN, engine="nltk")
    vader_scores = analysis.score_sentiment(KNOWN)
    # Same lexicon, same algorithm family: identical on these plain sentences.
    assert nltk_scores["compound"].to_numpy() == pytest.approx(vader_scores["compound"].to_numpy())


def test_unknown_engine():
    with pytest.raises(ValueError, match="engine"):
        analysis.score_sentiment(["x"], engine="afinn")


def test_bootstrap_is_identical_for_a_fixed_seed_and_differs_for_another():
    values = np.linspace(-1, 1, 37) ** 3
    first = bootstrap_mean(values, seed=7)
    assert bootstrap_mean(values, seed=7) == first
    assert bootstrap_mean(values, seed=8) != first
    mean, low, high = first
    assert mean == pytest.approx(values.mean())
    assert low < mean < high


def test_bootstrap_edge_cases():
    assert bootstrap_mean([0.3, 0.3, 0.3]) == pytest.approx((0.3, 0.3, 0.3))
    assert all(np.isnan(bootstrap_mean([])))


def test_labels_use_the_papers_cut_offs():
    labels = label_compound(pd.Series([0.05, 0.049, -0.049, -0.05]))
    assert labels.tolist() == ["positive", "neutral", "neutral", "negative"]


def test_summary_by_hand():
    scored = pd.DataFrame(
        {"doc_id": ["a"] * 4, "stance": ["critical"] * 4, "compound": [0.5, 0.0, -0.5, 0.04]}
    )
    summary = analysis.sentiment_summary(scored, group="doc_id").iloc[0]
    assert summary["mean"] == pytest.approx(0.01)
    assert (summary["share_positive"], summary["share_neutral"], summary["share_negative"]) == (
        0.25,
        0.5,
        0.25,
    )
    assert summary["ci_low"] <= summary["mean"] <= summary["ci_high"]


def test_side_summary_uses_canonical_documents(seed_corpus):
    scored = analysis.sentence_sentiment(seed_corpus)
    sides = analysis.sentiment_summary(scored, group="stance").set_index("stance")
    assert sides.loc["critical", "sentences"] == (scored["doc_id"] == "001").sum()
    with_copy = analysis.sentiment_summary(scored, group="stance", include_variants=True)
    assert (
        with_copy.set_index("stance").loc["critical", "sentences"]
        == scored["doc_id"].isin(["000", "001"]).sum()
    )


def test_sentence_sentiment_leaves_headings_out(seed_corpus):
    scored = analysis.sentence_sentiment(seed_corpus)
    assert "Looking Ahead" not in set(scored["text"])
    assert {"compound", "label", "stance", "position"} <= set(scored.columns)


def test_seed_regression(seed_corpus):
    scored = analysis.sentence_sentiment(seed_corpus)
    means = analysis.sentiment_summary(scored).set_index("doc_id")["mean"]
    assert means["001"] < 0 < means["002"]
    assert means[["002", "003", "004"]].min() > means["001"]


@pytest.mark.parametrize(
    ("text", "forms"),
    [
        ("The US and the USSR; thus, us.", ["US"]),
        ("Western states and the West.", ["West"]),
        ("Russia's and Russian interests.", ["Russia"]),
        ("North Korea and Korea.", ["North Korea"]),
        ("U.S. partners.", ["U.S."]),
        ("BRICSS and xBRICS are not BRICS.", ["BRICS"]),
    ],
)
def test_actor_matching_respects_word_boundaries_and_case(text, forms):
    actors = {
        "A": ["US", "U.S."],
        "B": ["West"],
        "C": ["Russia"],
        "D": ["North Korea"],
        "E": ["BRICS"],
    }
    mentions = actor_mentions(pd.DataFrame({"doc_id": ["a"], "text": [text]}), actors=actors)
    assert mentions["form"].tolist() == forms


def test_own_actor_table(tmp_path):
    table = tmp_path / "actors.csv"
    table.write_text("actor,form\nGulf,Saudi Arabia\nGulf,UAE\n", encoding="utf-8")
    rows = pd.DataFrame({"text": ["Saudi Arabia and the UAE met."]})
    for source in (table, tmp_path, {"Gulf": ["Saudi Arabia", "UAE"]}):
        mentions = actor_mentions(rows, actors=analysis.read_actors(source))
        assert mentions["actor"].tolist() == ["Gulf", "Gulf"]
    (tmp_path / "bad.csv").write_text("name,form\nx,y\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.csv.*actor"):
        analysis.read_actors(tmp_path / "bad.csv")
    with pytest.raises(ValueError, match=r"'Gulf'.*several actors"):
        analysis.read_actors({"Gulf": ["Gulf"], "Sea": ["Gulf"]})


def test_no_actor_list_is_applied_by_default():
    rows = pd.DataFrame({"doc_id": ["a"], "text": ["The West and Russia."], "compound": [0.1]})
    with pytest.raises(TypeError, match="actors"):
        analysis.actor_mentions(rows)
    with pytest.raises(TypeError, match="actors"):
        analysis.actor_sentiment(rows)


def test_actor_sentiment_counts_each_sentence_once_per_actor():
    scored = pd.DataFrame(
        {
            "doc_id": ["a", "a"],
            "text": ["Putin and Moscow agree.", "Beijing waits."],
            "compound": [0.4, -0.2],
        }
    )
    actors = {"Russia": ["Putin", "Moscow"], "China": ["Beijing"]}
    table = analysis.actor_sentiment(scored, actors=actors).set_index("actor")
    assert table.loc["Russia", "sentences"] == 1
    assert table.loc["Russia", "mean"] == pytest.approx(0.4)
    assert table.loc["China", "mean"] == pytest.approx(-0.2)


def test_word_shift_by_hand():
    # Lexicon: good +2, bad -2, war -3. Reference "b": good 1, bad 1, war 2 (n=4);
    # comparison "a": good 3, bad 1 (n=4).
    # Phi_ref = (1*2 + 1*-2 + 2*-3) / 4 = -1.5;  Phi_comp = (3*2 + 1*-2) / 4 = 1.0
    # good: (3/4 - 1/4) * (2 - -1.5) = 1.75;  bad: (1/4 - 1/4) * ... = 0
    # war:  (0 - 2/4) * (-3 - -1.5) = 0.75;   sum = 2.5 = 1.0 - (-1.5)
    docs = pd.DataFrame({"side": ["a", "b"], "text": ["good good good bad", "good bad war war"]})
    lexicon = {"good": 2.0, "bad": -2.0, "war": -3.0}
    shift = analysis.word_shift(
        docs, group="side", target="a", reference="b", lexicon=lexicon
    ).set_index("term")
    assert shift.loc["good", "contribution"] == pytest.approx(1.75)
    assert shift.loc["war", "contribution"] == pytest.approx(0.75)
    assert shift.loc["bad", "contribution"] == pytest.approx(0.0)
    assert shift["contribution"].sum() == pytest.approx(2.5)
    assert shift["phi_reference"].iloc[0] == pytest.approx(-1.5)
    assert shift.loc["war", "kind"] == "negative, less used"


def test_word_shift_adds_up_on_the_seeds(seed_corpus):
    shift = analysis.word_shift(
        seed_corpus, group="stance", target="critical", reference="favourable"
    )
    gap = shift["phi_target"].iloc[0] - shift["phi_reference"].iloc[0]
    assert shift["contribution"].sum() == pytest.approx(gap)
    assert gap < 0


def test_coverage_by_hand():
    docs = pd.DataFrame({"doc_id": ["a"], "text": ["Good war and the invasion."]})
    coverage = analysis.lexicon_coverage(docs, lexicon={"good": 1.9, "war": -2.9}).iloc[0]
    # words: good, war, and, the, invasion -> 2 of 5 scored; content words: good, war, invasion
    assert coverage["share_scored"] == pytest.approx(2 / 5)
    assert coverage["share_content_scored"] == pytest.approx(2 / 3)
    unknown = analysis.unknown_words(docs, lexicon={"good": 1.9, "war": -2.9})
    assert unknown.to_dict("records") == [{"term": "invasion", "count": 1, "documents": 1}]


def test_vader_does_not_know_the_loaded_words():
    lexicon = analysis.vader_lexicon()
    assert not {"invasion", "sanctions", "regime", "sovereignty"} & set(lexicon)
    assert lexicon["war"] < 0


def test_same_event_and_translation_alignment():
    rows = pd.DataFrame(
        {
            "doc_id": ["t", "t", "o", "o"],
            "sent_id": [0, 1, 0, 1],
            "stance": ["critical"] * 4,
            "text": [
                "Moscow lost Syria in December.",
                "Trade with India grew fast.",
                "India trade grew quickly.",
                "In December Moscow lost Syria.",
            ],
            "compound": [-0.3, 0.2, 0.1, -0.5],
        }
    )
    pairs = analysis.align_translation(rows, translation="t", original="o")
    assert pairs["sent_id_b"].tolist() == [1, 0]
    assert pairs["difference"].tolist() == pytest.approx([0.2, 0.1])
    assert pairs.loc[0, "cosine"] == pytest.approx(1.0)


def test_lexicon_agreement_by_hand():
    scored = pd.DataFrame(
        {
            "doc_id": ["a"] * 4,
            "compound": [0.5, -0.5, 0.0, 0.9],
            "polarity": [0.25, -0.25, 0.0, -0.1],
        }
    )
    row = analysis.lexicon_agreement(scored).iloc[0]
    assert row["same_label"] == pytest.approx(3 / 4)
    assert row["pearson_r"] == pytest.approx(
        np.corrcoef([0.5, -0.5, 0.0, 0.9], [0.25, -0.25, 0.0, -0.1])[0, 1]
    )


def test_a_runaway_text_is_refused_and_sentences_are_bounded():
    with pytest.raises(ValueError, match=r"text 1 has 1,000,000 characters.*analysis\.sentences"):
        analysis.score_sentiment(["Fine.", "word " * 200_000])
    # The same text as a document: cut into bounded pieces, each marked, then scored.
    docs = pd.DataFrame({"doc_id": ["long"], "text": ["word " * 200_000]})
    scored = analysis.sentence_sentiment(docs)
    assert scored["split_long"].all()
    assert scored["text"].str.len().max() <= analysis.text.MAX_SENTENCE_CHARS
    assert scored["text"].str.len().sum() >= 999_000 - len(scored)  # nothing dropped
