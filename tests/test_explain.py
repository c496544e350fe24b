"""VADER's scores explained token by token: the rows add up to the sum VADER normalises."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

import analysis
from analysis.explain import EXPLAIN_COLUMNS, compound_from_sum, explain_sentiment

ENGINE = SentimentIntensityAnalyzer()


def engine_compound(text: str) -> float:
    return ENGINE.polarity_scores(text)["compound"]


def reproduced(rows: pd.DataFrame) -> float:
    # Summed in row order, as VADER sums its list: the same float.
    return round(compound_from_sum(sum(rows["valence"].tolist())), 4)


def valence_of(rows: pd.DataFrame, token: str) -> float:
    return rows.loc[rows["token"] == token, "valence"].item()


def test_normalisation_by_hand():
    # compound = S / sqrt(S^2 + 15): S = 1.9 gives 1.9 / sqrt(18.61) = 0.44043...
    assert compound_from_sum(1.9) == pytest.approx(1.9 / math.sqrt(18.61))
    assert compound_from_sum(0) == 0.0
    assert compound_from_sum(-1e9) == pytest.approx(-1.0)


def test_negation_and_punctuation_by_hand():
    rows = explain_sentiment("The summit was not a success!")
    # success 2.7, negated by "not" one token before: 2.7 * -0.74 = -1.998. The "!" adds 0.292
    # with the sum's sign: S = -2.29, compound = -2.29 / sqrt(2.29^2 + 15) = -0.5090.
    assert list(rows.columns) == list(EXPLAIN_COLUMNS)
    assert rows["token"].tolist() == ["The", "summit", "was", "not", "a", "success", "!"]
    assert valence_of(rows, "success") == pytest.approx(-1.998)
    assert rows.loc[rows["token"] == "success", "lexicon_valence"].item() == 2.7
    assert rows.loc[rows["token"] == "success", "rules"].item() == "negated by 'not' x-0.74"
    punctuation = rows.iloc[-1]
    assert (punctuation["kind"], punctuation["valence"]) == ("punctuation", pytest.approx(-0.292))
    assert sum(rows["valence"]) == pytest.approx(-2.29)
    assert reproduced(rows) == -0.509 == engine_compound("The summit was not a success!")
    assert rows["share"].sum() == pytest.approx(1.0)


def test_at_best_is_the_driver_of_the_fanfare_sentence():
    text = "The summit was organized with great fanfare, but its real impact was limited at best."
    rows = explain_sentiment(text).set_index("token")
    # Before "but" halved, after it x1.5: great 3.1 -> 1.55; limited -0.9 -> -1.35;
    # best 3.2 -> 4.8. "fanfare" is not in the lexicon. S = 5.0, compound = 5 / sqrt(40).
    assert rows.loc["great", "valence"] == pytest.approx(1.55)
    assert rows.loc["limited", "valence"] == pytest.approx(-1.35)
    assert rows.loc["best", "valence"] == pytest.approx(4.8)
    assert math.isnan(rows.loc["fanfare", "lexicon_valence"])
    assert rows.loc["fanfare", "valence"] == 0
    assert rows.loc["best", "share"] == pytest.approx(4.8 / 5.0)
    assert reproduced(rows.reset_index()) == round(5 / math.sqrt(40), 4) == engine_compound(text)


def test_capitals_and_boosters_by_hand():
    rows = explain_sentiment("VADER is VERY SMART, and funny.")
    # SMART: 1.7 + 0.733 (capitals, in a sentence not all in capitals) + 0.293 (booster
    # "VERY") + 0.733 (the booster in capitals) = 3.459. "VERY" is three tokens before
    # "funny" too, past "SMART" (a lexicon word, skipped) and "and": 1.9 + 0.9 * 1.026 =
    # 2.8234. "VERY" itself scores 0.
    assert valence_of(rows, "SMART") == pytest.approx(3.459)
    assert valence_of(rows, "funny") == pytest.approx(2.8234)
    assert rows.loc[rows["token"] == "VERY", "kind"].item() == "modifier"
    assert reproduced(rows) == engine_compound("VADER is VERY SMART, and funny.")


@pytest.mark.parametrize(
    ("text", "token", "valence", "rule"),
    [
        # kind of: good 1.9 - 0.293 = 1.607
        ("The book was only kind of good.", "good", 1.607, "'kind of' -0.293"),
        # "isn't" two tokens back: -2.5 * -0.74 = 1.85
        ("At least it isn't a horrible book.", "horrible", 1.85, 'negated by "isn\'t" x-0.74'),
        # "least" just before, not "at least": 0.9 * -0.74 = -0.666 (compelling 0.9)
        ("It is the least compelling.", "compelling", -0.666, "after 'least' x-0.74"),
        # "no" within three tokens: 1.9 * -0.74 = -1.406
        ("There is no good news.", "good", -1.406, "after 'no' x-0.74"),
    ],
)
def test_rules_by_hand(text, token, valence, rule):
    rows = explain_sentiment(text)
    assert valence_of(rows, token) == pytest.approx(valence)
    assert rule in rows.loc[rows["token"] == token, "rules"].item()
    assert reproduced(rows) == engine_compound(text)


def test_empty_and_wordless_texts():
    assert explain_sentiment("").empty
    assert list(explain_sentiment("").columns) == list(EXPLAIN_COLUMNS)
    rows = explain_sentiment("Trade, then!!")
    # No token has a valence, so the sum is 0 and the "!!" is not added (VADER adds it with
    # the sum's sign); shares are undefined.
    assert rows["valence"].eq(0).all()
    assert rows.iloc[-1]["rules"] == "punctuation: not added, the sum is 0"
    assert rows["share"].isna().all()
    assert reproduced(rows) == engine_compound("Trade, then!!") == 0.0


def test_every_seed_sentence_is_reproduced(seed_corpus):
    scored = analysis.sentence_sentiment(seed_corpus)
    reproduced_scores = [reproduced(explain_sentiment(text)) for text in scored["text"]]
    assert reproduced_scores == scored["compound"].tolist()


# Tokens chosen to trigger every rule: boosters and dampeners (in capitals too), negations,
# "no" before and after lexicon words, "but", "least", "kind of", idioms of VADER's list,
# words in capitals, emoticons and emojis, short words with punctuation ("a,"), "!" and "?".
_TOKENS = (
    "good bad GOOD BAD great best limited success horrible war peace fiasco lol sux :) :( "
    "not no never so this very VERY extremely slightly barely kind of sort kinda least at "
    "but BUT without doubt isn't don't nor or the shit bomb kiss death yeah right beating "
    "heart bad ass cut mustard incredible fanfare Putin claims a, no, ! ? !! ??? .".split()
)
_TOKENS += ["\U0001f498", "\U0001f601", "word!", "(good)", "GREAT!!!"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS) | st.text(max_size=6), max_size=18))
def test_any_text_reproduces_the_engines_compound(words):
    text = " ".join(words)
    rows = explain_sentiment(text)
    assert reproduced(rows) == engine_compound(text)
    words_only = rows[rows["kind"] != "punctuation"]
    assert words_only["position"].tolist() == list(range(len(words_only)))
    total = sum(rows["valence"].tolist())
    if abs(total) > 1e-9:  # a sum that cancels to rounding error leaves shares meaningless
        assert rows["share"].sum() == pytest.approx(1.0)


def test_drivers_name_the_largest_valences_in_order():
    texts = pd.Series(
        [
            "The summit was organized with great fanfare, but its real impact was limited at best.",
            "Trade grew.",
        ],
        index=["x", "y"],
    )
    drivers = analysis.sentiment_drivers(texts, n=2)
    assert list(drivers.index) == ["x", "y"]
    assert drivers["x"] == "best +4.80 (after 'but' x1.5); great +1.55 (before 'but' x0.5)"
    assert drivers["y"] == ""


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: explain_sentiment(["a text"]), TypeError, "text must be a str"),
        (lambda: explain_sentiment("Good.", engine="nltk"), ValueError, "engine='nltk'"),
        (lambda: explain_sentiment("a " * 20_000), ValueError, "MAX_SCORE_CHARS"),
        (lambda: analysis.sentiment_drivers("one text"), TypeError, "bare string"),
        (lambda: analysis.sentiment_drivers(["x"], n=0), ValueError, "n must be"),
    ],
)
def test_bad_input_is_a_clear_error(call, error, match):
    with pytest.raises(error, match=match):
        call()
