"""Keyness: known answers worked out by hand from both formulas, then the seeds."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency

import analysis
from analysis.keyness import (
    PRIOR_FRACTIONS,
    chi2_scores,
    keyness_from_counts,
    keyness_scores,
    keyness_sensitivity,
    least_favourable_scores,
    log_odds_scores,
    log_ratio_scores,
)

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
        "term", "score", "p", "p_adjusted", "log_ratio", "loo_score",
        "count_target", "count_reference", "docs_target", "docs_reference",
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


def normal_p(z):
    return 2 * (1 - 0.5 * (1 + math.erf(abs(z) / 2**0.5)))


def test_log_ratio_known_answer():
    # Hardie's Log Ratio with 0.5 added to every count; n_i = 5, n_j = 3.
    # war:   log2((3.5/5) / (0.5/3)) = log2(4.2);  peace: log2((1.5/5) / (2.5/3)) = log2(0.36)
    # talks: log2((0.5/5) / (1.5/3)) = log2(0.2);  crimes: log2((1.5/5) / (0.5/3)) = log2(1.8)
    result = analysis.keyness(
        TOY, group="side", target="hawk", reference="dove", stop_words=NO_STOP
    ).set_index("term")["log_ratio"]
    assert result["war"] == pytest.approx(math.log2(4.2))
    assert result["peace"] == pytest.approx(math.log2(0.36))
    assert result["talks"] == pytest.approx(math.log2(0.2))
    assert result["crimes"] == pytest.approx(math.log2(1.8))
    assert log_ratio_scores(np.array([1, 0]), np.array([0, 1]))[0] == pytest.approx(
        math.log2(1.5 / 0.5)
    )


def test_leave_one_out_known_answer():
    # "war" favours hawk (2 documents). Recomputed with the prior of what is left:
    # without "war war peace": hawk has war 1, crimes 1 (n_i = 2), alpha_0 = 5, alpha_war = 1:
    #   delta = ln((1+1)/(2+5-1-1)) - ln((0+1)/(3+5-0-1)) = ln(2/5) - ln(1/7) = ln(14/5)
    #   sigma^2 = 1/2 + 1/1 = 1.5  ->  z = 0.84068
    # without "war crimes": hawk has war 2, peace 1 (n_i = 3), alpha_0 = 6, alpha_war = 2:
    #   delta = ln(4/5) - ln(2/7) = ln(14/5) again; sigma^2 = 1/4 + 1/2  ->  z = 1.18890
    # loo_score keeps the smaller. "crimes" is in "war crimes" only, the one document left out
    # for it: without it no document uses the term, and its score is 0. "peace" and "talks"
    # favour dove, which has one document: nan.
    first = math.log(14 / 5) / math.sqrt(1.5)
    second = math.log(14 / 5) / math.sqrt(0.75)
    assert first == pytest.approx(0.84068, abs=1e-5)
    assert second == pytest.approx(1.18890, abs=1e-5)
    result = analysis.keyness(
        TOY, group="side", target="hawk", reference="dove", stop_words=NO_STOP
    ).set_index("term")["loo_score"]
    assert result["war"] == pytest.approx(first)
    assert result["crimes"] == 0.0
    assert np.isnan(result["peace"]) and np.isnan(result["talks"])


def test_leave_one_out_can_be_skipped():
    result = analysis.keyness(
        TOY, group="side", target="hawk", reference="dove", leave_one_out=False
    )
    assert result["loo_score"].isna().all()


def test_leave_one_out_matches_recomputing_by_hand(other_corpus):
    # On a corpus that is not the seeds: each document of the favoured group that uses the
    # term left out in turn by calling keyness again; loo_score is the least favourable.
    docs = analysis.canonical(other_corpus)
    docs = docs[docs["region"].isin(["north", "south"])]
    key = analysis.keyness(docs, group="region", target="north", reference="south")
    key = key.set_index("term")
    recomputed = {}
    for doc in docs["doc_id"]:
        rest = analysis.keyness(
            docs[docs["doc_id"] != doc],
            group="region",
            target="north",
            reference="south",
            leave_one_out=False,
        )
        recomputed[doc] = rest.set_index("term")["score"].reindex(key.index).fillna(0.0)
    # Only the documents that use a term are left out for it.
    uses = analysis.document_counts(docs, list(key.index)).pivot(
        index="term", columns="doc_id", values="count"
    )
    recomputed = pd.DataFrame(recomputed).where(uses.loc[key.index, list(recomputed)] > 0)
    side = docs.set_index("doc_id")["region"]
    north = recomputed.loc[:, side[recomputed.columns] == "north"].min(axis=1)
    south = recomputed.loc[:, side[recomputed.columns] == "south"].max(axis=1)
    expected = np.where(key["score"] > 0, north, south)
    np.testing.assert_allclose(key["loo_score"], expected, rtol=1e-9)
    # Leaving out the document that uses a term most can only weaken it.
    assert (key["loo_score"].abs() <= key["score"].abs() + 1e-9).mean() > 0.9


def test_benjamini_hochberg_known_answer():
    # z by hand (test_log_odds_known_answer): war 1.16910, peace -0.93707; and
    # crimes: alpha = 1, delta = ln(2/11) - ln(1/10) = ln(20/11), sigma^2 = 1/2 + 1 -> 0.48813
    # talks:  alpha = 1, delta = ln(1/12) - ln(2/9) = ln(3/8),   sigma^2 = 1 + 1/2 -> -0.80084
    # p sorted: war 0.24236, peace 0.34872, talks 0.42322, crimes 0.62546 (m = 4)
    # m p_(k) / k: 0.96945, 0.69744, 0.56430, 0.62546; running minimum from the largest down:
    # war, peace, talks -> 0.56430; crimes -> 0.62546.
    z = {
        "war": (math.log(6 / 7) - math.log(3 / 8)) / math.sqrt(1 / 6 + 1 / 3),
        "peace": (math.log(4 / 9) - math.log(5 / 6)) / math.sqrt(1 / 4 + 1 / 5),
        "crimes": math.log(20 / 11) / math.sqrt(1.5),
        "talks": math.log(3 / 8) / math.sqrt(1.5),
    }
    p = {term: normal_p(value) for term, value in z.items()}
    talks = 4 * p["talks"] / 3
    assert talks == pytest.approx(0.56430, abs=1e-5)
    result = analysis.keyness(
        TOY, group="side", target="hawk", reference="dove", stop_words=NO_STOP
    ).set_index("term")
    assert result.loc["crimes", "score"] == pytest.approx(z["crimes"])
    assert result.loc["talks", "score"] == pytest.approx(z["talks"])
    assert result.loc["crimes", "p_adjusted"] == pytest.approx(p["crimes"])
    for term in ("war", "peace", "talks"):
        assert result.loc[term, "p_adjusted"] == pytest.approx(talks)
    assert (result["p_adjusted"] >= result["p"]).all()


def test_ties_are_ranked_by_documents_then_the_term():
    # kilo and lima: 2 uses each by "a", none by "b": equal score, count and log ratio; lima is
    # used by two documents of "a", kilo by one, so lima ranks first although "kilo" < "lima".
    # mike and november tie on everything: the term decides.
    docs = pd.DataFrame(
        {"side": ["a", "a", "b"], "text": ["kilo kilo lima", "lima", "mike november"]}
    )
    key = analysis.keyness(docs, group="side", target="a", reference="b", stop_words=NO_STOP)
    assert key["term"].tolist() == ["lima", "kilo", "mike", "november"]
    assert key.loc[0, "score"] == key.loc[1, "score"]
    assert key.nlargest(1, "score")["term"].item() == "lima"
    assert key.nsmallest(1, "score")["term"].item() == "mike"


def test_ties_are_ranked_by_count_before_the_term():
    # Ties across different counts: both groups use "zulu" 2 times and "alpha" once (of 3
    # tokens each), so both score 0. The larger count ranks first, whatever the alphabet says.
    docs = pd.DataFrame({"side": ["a", "b"], "text": ["zulu zulu alpha", "zulu alpha zulu"]})
    key = analysis.keyness(
        docs, group="side", target="a", reference="b", method="chi2", stop_words=NO_STOP
    )
    zeros = key[key["score"] == 0]["term"].tolist()
    assert zeros == ["zulu", "alpha"]


def test_ties_do_not_depend_on_the_input_order():
    docs = pd.DataFrame(
        {"side": ["a", "a", "b"], "text": ["kilo kilo lima", "lima", "mike november"]}
    )
    forward = analysis.keyness(docs, group="side", target="a", stop_words=NO_STOP)
    backward = analysis.keyness(docs.iloc[::-1], group="side", target="a", stop_words=NO_STOP)
    assert forward["term"].tolist() == backward["term"].tolist()


def test_prior_sensitivity_known_answer():
    # a: war 4, peace 1; b: peace 4, war 1 (n_i = n_j = 5, 10 tokens). For "war":
    # alpha_0 = 10 (default): alpha = 5, delta = 2 ln(9/6),   sigma^2 = 1/9 + 1/6  -> z = 1.5386
    # alpha_0 = 5:            alpha = 2.5, delta = 2 ln(6.5/3.5), sigma^2 = 1/6.5 + 1/3.5 -> 1.8674
    # alpha_0 = 2:            alpha = 1, delta = 2 ln(5/2),   sigma^2 = 1/5 + 1/2  -> z = 2.1903
    # alpha_0 = 1:            alpha = 0.5, delta = 2 ln 3,    sigma^2 = 1/4.5 + 1/1.5 -> 2.3305
    # "peace" mirrors "war", so both pass |z| >= 1.96 from alpha_0 = 2 down.
    docs = pd.DataFrame(
        {"side": ["a", "b"], "text": ["war war war war peace", "peace peace peace peace war"]}
    )
    hand = {
        10: 2 * math.log(9 / 6) / math.sqrt(1 / 9 + 1 / 6),
        5: 2 * math.log(6.5 / 3.5) / math.sqrt(1 / 6.5 + 1 / 3.5),
        2: 2 * math.log(5 / 2) / math.sqrt(1 / 5 + 1 / 2),
        1: 2 * math.log(3) / math.sqrt(1 / 4.5 + 1 / 1.5),
    }
    for scale, z in hand.items():
        key = analysis.keyness(docs, group="side", target="a", prior_scale=scale)
        assert key.set_index("term").loc["war", "score"] == pytest.approx(z)
    table = keyness_sensitivity(docs, group="side", target="a", prior_scales=[1, None, 5, 2])
    assert table["prior_scale"].tolist() == [10.0, 5.0, 2.0, 1.0]
    assert table["default"].tolist() == [True, False, False, False]
    assert table["key_terms"].tolist() == [0, 0, 2, 2]
    assert table["key_target"].tolist() == [0, 0, 1, 1]
    assert table["terms"].tolist() == ["", "", "war, peace", "war, peace"]
    assert table["prior_share"].tolist() == [1.0, 0.5, 0.2, 0.1]


def test_prior_sensitivity_defaults_are_fractions_of_the_tokens(other_corpus):
    table = keyness_sensitivity(other_corpus, group="region", target="north", reference="south")
    tokens = table["tokens"].iloc[0]
    assert table["prior_share"].tolist() == pytest.approx(sorted(PRIOR_FRACTIONS, reverse=True))
    assert table.loc[table["default"], "prior_scale"].item() == tokens
    # A lighter prior never makes a term less extreme here: the count of key terms rises.
    assert table["key_terms"].is_monotonic_increasing
    default = analysis.keyness(other_corpus, group="region", target="north", reference="south")
    assert table.loc[table["default"], "key_terms"].item() == (default["p"] < 0.05).sum()


def test_prior_sensitivity_bad_arguments():
    with pytest.raises(ValueError, match="prior_scales"):
        keyness_sensitivity(TOY, group="side", target="hawk", prior_scales=[-1])
    with pytest.raises(TypeError, match="prior_scales"):
        keyness_sensitivity(TOY, group="side", target="hawk", prior_scales=5)


def test_seed_prior_strength_decides_how_many_terms_pass(seed_corpus):
    # The counts the review found: one term at the default alpha_0 = n_i + n_j, then 3, 4, 5.
    table = keyness_sensitivity(
        seed_corpus,
        group="stance",
        target="critical",
        reference="favourable",
        stop_words=analysis.read_stop_words(analysis.paths.SEEDS_DIR),
        prior_scales=[None, 1000, 500, 100],
    ).set_index("prior_scale")
    assert table["key_terms"].tolist() == [1, 3, 4, 5]
    # 594 critical tokens once 001's byline line (3 name tokens) is left out by its cleaning.
    assert table["tokens"].iloc[0] == 594 + 2194


def figure_text(fig):
    return " ".join(text.get_text() for text in fig.findobj(lambda a: hasattr(a, "get_text")))


def test_a_figure_that_cuts_ties_says_how_many_it_left_out():
    # Two clear terms and ten tied at 1.25 on the target side; three drawn from each end.
    table = pd.DataFrame(
        {
            "term": ["alpha", "beta", *[f"tie{i}" for i in range(10)], "omega"],
            "score": [3.0, 2.0, *[1.25] * 10, -2.0],
        }
    )
    drawn = analysis.plots.keyness_plot_data(table, n=3)
    # Top three: alpha, beta, tie0. Bottom three: omega, then the first two ties, tie0 and
    # tie1; tie0 is drawn once. 8 of the 10 tied terms are left out.
    assert drawn["term"].tolist() == ["alpha", "beta", "tie0", "tie1", "omega"]
    assert drawn.set_index("term")["ties_not_drawn"].to_dict() == {
        "alpha": 0, "beta": 0, "tie0": 8, "tie1": 8, "omega": 0,
    }  # fmt: skip
    fig = analysis.plots.plot_keyness(drawn, target="a", reference="b")
    assert "Not drawn: 8 more terms with the same score as a drawn one (8 at +1.25)" in (
        figure_text(fig)
    )
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert ticks[::-1] == drawn["term"].tolist()  # the rows' order, top to bottom


def test_a_figure_without_cut_ties_has_no_tie_note():
    table = pd.DataFrame({"term": list("abcdef"), "score": [3.0, 2.0, 1.0, -1.0, -2.0, -3.0]})
    drawn = analysis.plots.keyness_plot_data(table, n=2)
    assert drawn["ties_not_drawn"].eq(0).all()
    assert "Not drawn" not in figure_text(
        analysis.plots.plot_keyness(drawn, target="a", reference="b")
    )


def test_seed_figure_notes_the_ties_the_review_found(seed_corpus):
    key = analysis.keyness(
        seed_corpus,
        group="stance",
        target="critical",
        reference="favourable",
        stop_words=analysis.read_stop_words(analysis.paths.SEEDS_DIR),
    )
    drawn = analysis.plots.keyness_plot_data(key, n=12)
    tied = key["score"] == key.loc[key["term"] == "fiasco", "score"].item()
    assert tied.sum() == 22  # 22 terms used twice by the critical side and never by the other
    shown = drawn[drawn["score"] == key.loc[tied, "score"].iloc[0]]
    assert shown["ties_not_drawn"].iloc[0] == 22 - len(shown)


# --- The public pieces keyness is made of -------------------------------------------------


# TOY's counts by hand: hawk "war war peace" + "war crimes", dove "peace talks peace".
TOY_COUNTS = pd.DataFrame(
    {
        "term": ["crimes", "peace", "talks", "war"],
        "count_target": [1, 1, 0, 3],
        "count_reference": [0, 2, 1, 0],
        "docs_target": [1, 1, 0, 2],
        "docs_reference": [0, 1, 1, 0],
    }
)


@pytest.mark.parametrize("method", ["log_odds", "chi2"])
def test_keyness_from_counts_is_keyness_of_the_documents(method):
    expected = analysis.keyness(
        TOY,
        group="side",
        target="hawk",
        reference="dove",
        stop_words=NO_STOP,
        method=method,
        leave_one_out=False,
    )
    pd.testing.assert_frame_equal(keyness_from_counts(TOY_COUNTS, method=method), expected)
    # min_count hides rows after scoring: the token totals still count every term.
    shown = keyness_from_counts(TOY_COUNTS, method=method, min_count=2)
    assert sorted(shown["term"]) == ["peace", "war"]
    assert shown.set_index("term")["score"].to_dict() == pytest.approx(
        expected.set_index("term").loc[["peace", "war"], "score"].to_dict()
    )


def test_keyness_from_counts_takes_the_leave_one_out_of_the_favoured_side():
    given = TOY_COUNTS.assign(
        loo_target=[10.0, 11.0, 12.0, 13.0], loo_reference=[-10.0, -11.0, -12.0, -13.0]
    )
    loo = keyness_from_counts(given).set_index("term")["loo_score"]
    # war and crimes favour the target, peace and talks the reference.
    assert loo.to_dict() == {"war": 13.0, "crimes": 10.0, "peace": -11.0, "talks": -12.0}
    assert keyness_from_counts(TOY_COUNTS)["loo_score"].isna().all()


def test_keyness_from_counts_names_bad_input():
    with pytest.raises(KeyError, match="docs_reference"):
        keyness_from_counts(TOY_COUNTS.drop(columns="docs_reference"))
    with pytest.raises(TypeError, match="'count_target' must hold integers"):
        keyness_from_counts(TOY_COUNTS.astype({"count_target": float}))
    with pytest.raises(ValueError, match="method='z' is not one of"):
        keyness_from_counts(TOY_COUNTS, method="z")
    # A group without tokens: nothing to compare, an empty table.
    assert keyness_from_counts(TOY_COUNTS.assign(count_reference=0)).empty


def test_keyness_scores_with_totals_score_some_terms_as_among_all():
    y_i, y_j = np.array([3, 1, 1, 0]), np.array([0, 2, 0, 1])
    assert keyness_scores(y_i, y_j) == pytest.approx(log_odds_scores(y_i, y_j))
    assert keyness_scores(y_i, y_j, method="chi2") == pytest.approx(chi2_scores(y_i, y_j))
    for method in ("log_odds", "chi2"):
        some = keyness_scores(y_i[:2], y_j[:2], tokens_target=5, tokens_reference=3, method=method)
        assert some == pytest.approx(keyness_scores(y_i, y_j, method=method)[:2])
    with pytest.raises(ValueError, match="method='z'"):
        keyness_scores(y_i, y_j, method="z")


def test_least_favourable_scores_by_hand_and_in_batches():
    # Three target documents over the terms (war, peace); the reference holds war 1, peace 4.
    counts = np.array([[3, 0], [1, 1], [0, 2]])
    y_i, y_j = counts.sum(axis=0), np.array([1, 4])
    found = least_favourable_scores(counts, y_i, y_j, side="target")
    # By hand: leave each document that uses the term out of the target, score again, keep
    # the smallest.
    expected = []
    for term in range(2):
        scores = [
            keyness_scores(y_i - counts[row], y_j)[term]
            for row in range(3)
            if counts[row, term] > 0
        ]
        expected.append(min(scores))
    assert found == pytest.approx(expected)
    # The documents in two batches, against the same totals: the smaller of the two.
    first = least_favourable_scores(counts[:1], y_i, y_j, side="target")
    rest = least_favourable_scores(counts[1:], y_i, y_j, side="target")
    assert np.isnan(first[1])  # the first document does not use "peace"
    assert np.fmin(first, rest) == pytest.approx(found)
    with pytest.raises(ValueError, match="side='both'"):
        least_favourable_scores(counts, y_i, y_j, side="both")


def test_count_functions_refuse_counts_that_do_not_line_up():
    from scipy import sparse

    from analysis.keyness import keyness_from_counts, keyness_scores, least_favourable_scores

    counts = sparse.csr_matrix([[20, 30], [20, 30]])
    with pytest.raises(ValueError, match=r"counts has 2 columns but .* 3 terms"):
        least_favourable_scores(counts, [40, 60, 5], [10, 40, 7], side="target")
    with pytest.raises(ValueError, match="count_target has 2 terms and count_reference 3"):
        least_favourable_scores(counts, [40, 60], [10, 40, 7], side="target")
    with pytest.raises(ValueError, match="lengths"):
        least_favourable_scores(counts, [40, 60], [10, 40], side="target", lengths=[50])
    with pytest.raises(ValueError, match="none negative"):
        keyness_scores([1, -2], [3, 4])
    table = pd.DataFrame(
        {
            "term": ["war", "war"],
            "count_target": [3, 1],
            "count_reference": [1, 2],
            "docs_target": [1, 1],
            "docs_reference": [1, 1],
        }
    )
    with pytest.raises(ValueError, match="'war' has more than one row"):
        keyness_from_counts(table)
    with pytest.raises(ValueError, match="'count_reference' holds a negative count"):
        keyness_from_counts(table.assign(term=["war", "peace"], count_reference=[1, -2]))
