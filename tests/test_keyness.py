"""Keyness: known answers worked out by hand from both formulas, then the seeds."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency

import analysis
from analysis.keyness import chi2_scores, log_odds_scores

# Target side: "war" 3, "peace" 1, "crimes" 1 (n_i = 5); reference: "peace" 2, "talks" 1 (n_j = 3).
TOY = pd.DataFrame(
    {
        "side": ["hawk", "hawk", "dove"],
        "text": ["war war peace", "war crimes", "peace talks peace"],
    }
)
NO_STOP = frozenset()


def test_log_odds_known_answer():
    # Pooled counts are the prior: alpha_0 = n_i + n_j = 8 and alpha_w = pooled count of w.
    # war:   alpha = 3; delta = ln((3+3)/(5+8-3-3)) - ln((0+3)/(3+8-0-3)) = ln(6/7) - ln(3/8)
    #        sigma^2 = 1/(3+3) + 1/(0+3) = 1/2;  z = delta / sqrt(1/2) = 1.16910...
    # peace: alpha = 3; delta = ln((1+3)/(5+8-1-3)) - ln((2+3)/(3+8-2-3)) = ln(4/9) - ln(5/6)
    #        sigma^2 = 1/4 + 1/5 = 0.45;        z = -0.93707...
    war = (math.log(6 / 7) - math.log(3 / 8)) / math.sqrt(1 / 6 + 1 / 3)
    peace = (math.log(4 / 9) - math.log(5 / 6)) / math.sqrt(1 / 4 + 1 / 5)
    assert war == pytest.approx(1.16910, abs=1e-5)
    assert peace == pytest.approx(-0.93707, abs=1e-5)
    result = analysis.keyness(
        TOY, group="side", target="hawk", reference="dove", stop_words=NO_STOP
    ).set_index("term")
    assert result.loc["war", "score"] == pytest.approx(war)
    assert result.loc["peace", "score"] == pytest.approx(peace)
    assert result.loc["war", "p"] == pytest.approx(2 * (1 - 0.5 * (1 + math.erf(war / 2**0.5))))


def test_log_odds_with_a_given_prior_scale():
    # alpha_0 = 16: alpha_war = 16 * 3/8 = 6.
    # delta = ln((3+6)/(5+16-3-6)) - ln((0+6)/(3+16-0-6)) = ln(9/12) - ln(6/13)
    expected = (math.log(9 / 12) - math.log(6 / 13)) / math.sqrt(1 / 9 + 1 / 6)
    scores = log_odds_scores(np.array([3, 1, 1, 0]), np.array([0, 2, 0, 1]), prior_scale=16)
    assert scores[0] == pytest.approx(expected)


def test_chi2_known_answer_with_yates():
    # war: a=3, b=0, c=2, d=3, N=8. Smallest expected count (a+b)(b+d)/N = 1.125 < 5 and
    # |ad - bc| = 9 >= N/2 = 4, so Yates applies: 8 * (9 - 4)^2 / (3*5*5*3) = 200/225.
    # peace: a=1, b=2, c=4, d=1: |ad - bc| = 7, 8 * (7 - 4)^2 / (3*5*5*3) = 72/225, and a is
    # below its expected count 15/8, so the sign is negative.
    result = analysis.keyness(
        TOY, group="side", target="hawk", reference="dove", method="chi2", stop_words=NO_STOP
    )
    result = result.set_index("term")
    assert result.loc["war", "score"] == pytest.approx(200 / 225)
    assert result.loc["peace", "score"] == pytest.approx(-72 / 225)


def test_chi2_without_yates_matches_scipy():
    # a=20, b=10, c=30, d=40: every expected count >= 5, no correction.
    # 100 * (20*40 - 10*30)^2 / (30 * 70 * 50 * 50) = 4.7619...
    scores = chi2_scores(np.array([20, 30]), np.array([10, 40]))
    assert scores[0] == pytest.approx(100 * 500**2 / (30 * 70 * 50 * 50))
    statistic = chi2_contingency([[20, 10], [30, 40]], correction=False)[0]
    assert scores[0] == pytest.approx(statistic)


def test_chi2_no_correction_when_the_difference_is_small():
    # a=b=c=d=1: ad - bc = 0 < N/2, so no correction and no association at all.
    assert chi2_scores(np.array([1, 1]), np.array([1, 1]))[0] == pytest.approx(0.0)


def test_result_shape_and_order():
    result = analysis.keyness(
        TOY, group="side", target="hawk", reference="dove", stop_words=NO_STOP
    )
    assert list(result.columns) == [
        "term", "score", "p", "count_target", "count_reference", "docs_target", "docs_reference",
    ]  # fmt: skip
    assert result["score"].is_monotonic_decreasing
    war = result.set_index("term").loc["war"]
    assert (war["count_target"], war["count_reference"]) == (3, 0)
    assert (war["docs_target"], war["docs_reference"]) == (2, 0)


def test_reference_none_means_every_other_document():
    three = TOY.assign(side=["hawk", "hawk", "owl"])
    three = pd.concat([three, pd.DataFrame({"side": ["dove"], "text": ["talks"]})])
    result = analysis.keyness(
        three, group="side", target="hawk", reference=None, stop_words=NO_STOP
    ).set_index("term")
    assert result.loc["talks", "count_reference"] == 2


def test_other_column_names():
    docs = TOY.rename(columns={"side": "camp", "text": "body"})
    result = analysis.keyness(
        docs, group="camp", target="hawk", reference="dove", text="body", stop_words=NO_STOP
    )
    assert result.iloc[0]["term"] == "war"


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"target": "eagle"}, ValueError, "'eagle'"),
        ({"method": "tfidf"}, ValueError, "method"),
        ({"target": "hawk", "reference": "hawk"}, ValueError, "differ"),
    ],
)
def test_bad_arguments(kwargs, error, message):
    arguments = {"target": "hawk", "reference": "dove"} | kwargs
    with pytest.raises(error, match=message):
        analysis.keyness(TOY, group="side", **arguments)


def test_a_bare_string_is_a_clear_error():
    with pytest.raises(TypeError, match="bare string"):
        analysis.keyness("war war peace", group="side", target="hawk", reference="dove")


def test_seeds_use_canonical_documents_by_default(seed_corpus):
    default = analysis.keyness(
        seed_corpus, group="stance", target="critical", reference="favourable"
    )
    assert default["docs_target"].max() == 1  # 001 only
    with_copy = analysis.keyness(
        seed_corpus,
        group="stance",
        target="critical",
        reference="favourable",
        include_variants=True,
    )
    assert with_copy["docs_target"].max() == 2


def test_seed_regression(seed_corpus):
    key = analysis.keyness(
        seed_corpus,
        group="stance",
        target="critical",
        reference="favourable",
        stop_words=analysis.read_stop_words(analysis.paths.SEEDS_DIR),
    ).set_index("term")
    # Pinned on the seeds: "moscow" (9 critical uses against 2) is the one term past |z| 1.96.
    assert key.index[0] == "moscow"
    assert (key["p"] < 0.05).sum() == 1
    assert key.loc["countries", "score"] < -1.5
    assert key.loc["us", "count_target"] >= 3  # "US" survives the seeds' stop list


def test_the_default_stop_list_treats_us_as_the_pronoun():
    docs = pd.DataFrame({"side": ["a", "b"], "text": ["Join us, join us.", "Vote for them."]})
    key = analysis.keyness(docs, group="side", target="a", reference="b")
    assert "us" not in set(key["term"])


def test_document_counts_is_long_and_tidy(seed_corpus):
    counts = analysis.document_counts(seed_corpus, ["syria", "north korea"], ngram_range=(1, 2))
    assert list(counts.columns) == ["term", "doc_id", "count"]
    assert len(counts) == 2 * len(seed_corpus)
    by_pair = counts.set_index(["term", "doc_id"])["count"]
    assert by_pair["syria", "001"] == seed_corpus.loc[1, "text"].count("Syria")
    assert by_pair["north korea", "002"] == 2


def test_empty_input_gives_empty_tables_with_their_columns():
    docs = pd.DataFrame({"side": ["a", "b"], "text": ["...", "123"]})
    key = analysis.keyness(docs, group="side", target="a", reference="b")
    assert key.empty and "docs_target" in key.columns
    counts = analysis.document_counts(docs.assign(doc_id=["x", "y"]).iloc[:0], ["war"])
    assert counts.empty and list(counts.columns) == ["term", "doc_id", "count"]


def test_three_groups_and_a_group_of_one_document():
    docs = pd.DataFrame(
        {
            "region": ["north", "north", "south", "east"],
            "text": ["Rain rain snow.", "Snow and rain.", "Sun and sand.", "Wind wind wind."],
        }
    )
    key = analysis.keyness(docs, group="region", target="east", stop_words=NO_STOP)
    assert key.iloc[0]["term"] == "wind" and key.iloc[0]["docs_target"] == 1
    assert key.iloc[0]["docs_reference"] == 0  # reference=None: every other region
