"""Inference with the document as the unit: known answers worked out by hand, then other data."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import analysis
from analysis.inference import (
    _clusters,
    _replicate_means,
    benjamini_hochberg,
    cluster_bootstrap,
    compare_groups,
    relabel_robustness,
)


def sentences(spec: dict[str, tuple[str, list[float]]]) -> pd.DataFrame:
    """One row per sentence from {doc_id: (group, [scores])}."""
    rows = [
        {"doc_id": doc, "side": side, "compound": value}
        for doc, (side, values) in spec.items()
        for value in values
    ]
    return pd.DataFrame(rows)


# --- The two-stage bootstrap ---------------------------------------------------------------


def test_two_stage_replicates_follow_the_distribution_worked_out_by_hand():
    # Document a = [0, 1], document b = [1]. Stage 1 draws two documents:
    #   bb (1/4): the pooled mean is 1.
    #   ab, ba (1/2): a's two draws X ~ Bin(2, 1/2) plus b's 1, mean (X + 1) / 3: 1 when X = 2.
    #   aa (1/4): four draws from a, mean X / 4 with X ~ Bin(4, 1/2): 1 when X = 4.
    # P(mean = 1) = 1/4 + 1/2 * 1/4 + 1/4 * 1/16 = 0.390625; P(mean = 0) = 1/4 * 1/16.
    # Without stage 2, aa would always give 0.5 and P(mean = 1) would be 1/4.
    values, starts, sizes = _clusters(np.array([0.0, 1.0, 1.0]), np.array(["a", "a", "b"]))
    means = _replicate_means(values, starts, sizes, 40_000, np.random.default_rng(1))
    standard_error = math.sqrt(0.390625 * (1 - 0.390625) / 40_000)
    assert abs(np.mean(means == 1.0) - 0.390625) < 4 * standard_error
    assert abs(np.mean(means == 0.0) - 1 / 64) < 4 * math.sqrt(1 / 64 * 63 / 64 / 40_000)
    assert np.mean(np.isclose(means, 1 / 3)) == pytest.approx(1 / 2 * 1 / 4, abs=0.01)


def test_cluster_interval_is_wider_than_the_sentence_interval_by_hand():
    # a = [1, 1], b = [0, 0]. Resampling documents: aa, ab, ba, bb -> 1, 0.5, 0.5, 0 with
    # probabilities 1/4, 1/2, 1/4, so the 10 % and 90 % quantiles are 0 and 1.
    # Resampling the four sentences: the mean is Bin(4, 1/2) / 4; P(0) = 1/16 < 10 % and
    # P(<= 1/4) = 5/16 > 10 %, so the 80 % interval is [0.25, 0.75].
    mean, low, high = cluster_bootstrap(
        [1, 1, 0, 0], ["a", "a", "b", "b"], level=0.8, n_boot=20_000
    )
    assert (mean, low, high) == (0.5, 0.0, 1.0)
    sentence = analysis.bootstrap_mean([1, 1, 0, 0], level=0.8, n_boot=20_000)
    assert sentence == (0.5, 0.25, 0.75)


def test_one_document_gets_the_within_document_interval():
    # One document [0, 1]: stage 1 always draws it; stage 2 gives 0, 0.5, 1 with
    # probabilities 1/4, 1/2, 1/4, so the 80 % interval is [0, 1]. A bootstrap of documents
    # alone would give [0.5, 0.5].
    assert cluster_bootstrap([0, 1], ["a", "a"], level=0.8, n_boot=20_000) == (0.5, 0.0, 1.0)


def test_the_mean_pools_sentences():
    # a = [0, 0, 0], b = [1]: pooled mean 1/4; the mean of document means would be 1/2.
    assert cluster_bootstrap([0, 0, 0, 1], ["a", "a", "a", "b"])[0] == 0.25


def test_cluster_bootstrap_is_reproducible_and_order_free_in_the_mean():
    values = np.random.default_rng(3).normal(size=60)
    clusters = np.repeat([f"d{i}" for i in range(6)], 10)
    first = cluster_bootstrap(values, clusters, seed=5)
    assert first == cluster_bootstrap(values, clusters, seed=5)
    assert first != cluster_bootstrap(values, clusters, seed=6)
    assert first[1] < first[0] < first[2]


def test_cluster_bootstrap_edge_cases():
    assert all(np.isnan(cluster_bootstrap([], [])))
    with pytest.raises(ValueError, match="length"):
        cluster_bootstrap([1, 2], ["a"])
    with pytest.raises(ValueError, match="level"):
        cluster_bootstrap([1, 2], ["a", "b"], level=1)
    with pytest.raises(ValueError, match="n_boot"):
        cluster_bootstrap([1, 2], ["a", "b"], n_boot=0)


# --- compare_groups ------------------------------------------------------------------------

ONE_AGAINST_THREE = sentences(
    {"t": ("x", [-0.5]), "r1": ("y", [0.2]), "r2": ("y", [0.3]), "r3": ("y", [0.4])}
)


def test_one_against_three_documents_by_hand():
    # Four splits, each document in turn alone on the target side:
    #   t:  -0.5 - mean(0.2, 0.3, 0.4)  = -0.8   (observed)
    #   r1:  0.2 - mean(-0.5, 0.3, 0.4) = +0.1333
    #   r2:  0.3 - mean(-0.5, 0.2, 0.4) = +0.2667
    #   r3:  0.4 - mean(-0.5, 0.2, 0.3) = +0.4
    # Only the observed split reaches |0.8|: p = 1/4, which is also the smallest p that one
    # document against three allows, however large the difference.
    row = compare_groups(ONE_AGAINST_THREE, group="side", target="x", reference="y").iloc[0]
    assert row["difference"] == pytest.approx(-0.8)
    assert (row["p"], row["p_min"], row["splits"], row["test"]) == (0.25, 0.25, 4, "exact")
    assert (row["docs_target"], row["docs_reference"]) == (1, 3)
    assert (row["sentences_target"], row["sentences_reference"]) == (1, 3)
    # The target is one constant sentence; the reference resamples three documents of one
    # sentence each, so its replicate mean runs from 0.2 to 0.4, each extreme with
    # probability 1/27 > 2.5 %: the interval of the difference is [-0.9, -0.7].
    assert row["ci_low"] == pytest.approx(-0.9)
    assert row["ci_high"] == pytest.approx(-0.7)


def test_a_larger_difference_cannot_beat_the_design():
    far = ONE_AGAINST_THREE.assign(
        compound=ONE_AGAINST_THREE["compound"].where(ONE_AGAINST_THREE["side"] == "y", -50.0)
    )
    row = compare_groups(far, group="side", target="x", reference="y").iloc[0]
    assert row["p"] == 0.25 == row["p_min"]


def test_unequal_documents_pool_their_sentences_by_hand():
    # t = [0, 1] against r1 = [1] and r2 = [0, 0, 0].
    # Observed: 0.5 - (1 + 0) / 4 = 0.25 (the mean of document means would give 0.5 - 0.5 = 0).
    # Other splits: r1 alone: 1 - 1/5 = 0.8; r2 alone: 0 - 2/3 = -0.667. All three have
    # |difference| >= 0.25, so p = 3/3 = 1.
    scored = sentences({"t": ("x", [0, 1]), "r1": ("y", [1]), "r2": ("y", [0, 0, 0])})
    row = compare_groups(scored, group="side", target="x", reference="y").iloc[0]
    assert row["difference"] == pytest.approx(0.25)
    assert row["mean_reference"] == pytest.approx(0.25)
    assert row["p"] == 1.0
    # With r1 as the target, the observed 0.8 is the most extreme of the three: p = 1/3.
    moved = scored.assign(side=scored["doc_id"].map({"t": "y", "r1": "x", "r2": "y"}))
    row = compare_groups(moved, group="side", target="x", reference="y").iloc[0]
    assert row["difference"] == pytest.approx(0.8)
    assert row["p"] == pytest.approx(1 / 3) == row["p_min"]


def test_two_against_two_counts_the_mirror_split():
    # Six splits: {a, b} -> +1, {c, d} -> -1, and four mixed splits -> 0. Two splits reach
    # |1|: p = 2/6, which is also the floor of an equal-sized design.
    scored = sentences({"a": ("x", [1]), "b": ("x", [1]), "c": ("y", [0]), "d": ("y", [0])})
    row = compare_groups(scored, group="side", target="x", reference="y").iloc[0]
    assert row["p"] == pytest.approx(1 / 3)
    assert row["p_min"] == pytest.approx(1 / 3)
    assert row["splits"] == 6


def test_sentence_interval_is_narrower_with_few_documents():
    rng = np.random.default_rng(0)
    spec = {
        f"{side}{i}": (side, list(rng.normal(centre + rng.normal(0, 0.3), 0.2, 40)))
        for side, centre in (("x", 0.0), ("y", 0.2))
        for i in range(3)
    }
    row = compare_groups(sentences(spec), group="side", target="x", reference="y").iloc[0]
    assert row["ci_high"] - row["ci_low"] > 1.5 * (
        row["ci_high_sentences"] - row["ci_low_sentences"]
    )


def test_monte_carlo_is_seeded_and_close_to_exact():
    rng = np.random.default_rng(2)
    spec = {
        f"{side}{i}": (side, list(rng.normal(shift, 1, int(rng.integers(2, 6)))))
        for side, shift in (("x", 0.0), ("y", 0.6))
        for i in range(6)
    }
    scored = sentences(spec)
    exact = compare_groups(scored, group="side", target="x", reference="y", n_boot=50)
    drawn = compare_groups(
        scored, group="side", target="x", reference="y", n_boot=50, n_permutations=900, seed=4
    )
    assert exact["test"].item() == "exact" and exact["splits"].item() == 924
    assert drawn["test"].item() == "monte carlo"
    assert abs(drawn["p"].item() - exact["p"].item()) < 0.05
    again = compare_groups(
        scored, group="side", target="x", reference="y", n_boot=50, n_permutations=900, seed=4
    )
    pd.testing.assert_frame_equal(drawn, again)
    other = compare_groups(
        scored, group="side", target="x", reference="y", n_boot=50, n_permutations=900, seed=5
    )
    assert (
        other["p"].item() != drawn["p"].item() or other["ci_low"].item() != drawn["ci_low"].item()
    )
    # Six against six: the design's floor 2 / 924 is above Monte Carlo's 1 / (900 + 1).
    assert drawn["p_min"].item() == pytest.approx(2 / 924) == exact["p_min"].item()


def test_variants_are_left_out_unless_asked():
    scored = ONE_AGAINST_THREE.assign(duplicate_of="")
    copy = scored.iloc[[0]].assign(doc_id="t-copy", duplicate_of="t", compound=0.9)
    scored = pd.concat([scored, copy], ignore_index=True)
    row = compare_groups(scored, group="side", target="x", reference="y").iloc[0]
    assert row["docs_target"] == 1 and row["difference"] == pytest.approx(-0.8)
    row = compare_groups(
        scored, group="side", target="x", reference="y", include_variants=True
    ).iloc[0]
    assert row["docs_target"] == 2 and row["splits"] == math.comb(5, 2)


def test_reference_none_is_every_other_document():
    three = ONE_AGAINST_THREE.assign(side=["x", "y", "y", "z"])
    row = compare_groups(three, group="side", target="x").iloc[0]
    assert row["docs_reference"] == 3 and row["reference"] == "(all others)"


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"target": "w"}, ValueError, "target='w'"),
        ({"score": "polarity"}, KeyError, "'polarity'"),
        ({"level": 0}, ValueError, "level"),
        ({"n_permutations": 0}, ValueError, "n_permutations"),
    ],
)
def test_bad_arguments(change, error, message):
    arguments = {"group": "side", "target": "x", "reference": "y"} | change
    with pytest.raises(error, match=message):
        compare_groups(ONE_AGAINST_THREE, **arguments)


def test_a_document_in_both_groups_is_refused():
    scored = ONE_AGAINST_THREE.copy()
    scored.loc[len(scored)] = {"doc_id": "t", "side": "y", "compound": 0.0}
    with pytest.raises(ValueError, match="'t' has sentences in both groups"):
        compare_groups(scored, group="side", target="x", reference="y")


def test_missing_scores_are_named():
    scored = ONE_AGAINST_THREE.assign(compound=[0.1, np.nan, 0.2, 0.3])
    with pytest.raises(ValueError, match="'compound' has 1 missing"):
        compare_groups(scored, group="side", target="x", reference="y")


# --- On a corpus that is not the seeds -----------------------------------------------------


@pytest.fixture(scope="module")
def other_scored(other_corpus):
    return analysis.sentence_sentiment(other_corpus)


def test_other_corpus_one_region_of_one_document(other_scored):
    row = compare_groups(
        other_scored, group="region", target="east", reference="north", n_boot=200
    ).iloc[0]
    assert (row["docs_target"], row["docs_reference"]) == (1, 12)  # the reprint left out
    assert row["splits"] == 13 and row["test"] == "exact"
    assert row["p_min"] == pytest.approx(1 / 13)
    assert row["p_min"] <= row["p"] <= 1
    assert row["ci_low"] <= row["difference"] <= row["ci_high"]


def test_summary_offers_the_cluster_interval():
    # a = [1] * 5, b = [0] * 5: documents resampled give 0, 0.5, 1 with probabilities
    # 1/4, 1/2, 1/4 -> 95 % interval [0, 1]. Sentences resampled: Bin(10, 1/2) / 10, with
    # P(<= 0.1) = 11/1024 < 2.5 % < P(<= 0.2) = 56/1024 -> [0.2, 0.8].
    scored = sentences({"a": ("x", [1] * 5), "b": ("x", [0] * 5)})
    summary = analysis.sentiment_summary(scored, group="side", interval="cluster", n_boot=20_000)
    row = summary.iloc[0]
    assert (row["ci_low"], row["ci_high"]) == (0.0, 1.0)
    assert (row["ci_low_sentences"], row["ci_high_sentences"]) == (0.2, 0.8)
    default = analysis.sentiment_summary(scored, group="side", n_boot=20_000).iloc[0]
    assert (default["ci_low"], default["ci_high"]) == (0.2, 0.8)
    assert "ci_low_sentences" not in analysis.sentiment_summary(scored, group="side").columns
    with pytest.raises(ValueError, match="interval"):
        analysis.sentiment_summary(scored, group="side", interval="documents")


def test_summary_shares_follow_the_score_averaged():
    # TextBlob rows must not carry VADER's label shares: the shares are counted on `score`.
    scored = pd.DataFrame(
        {
            "doc_id": ["a"] * 4,
            "compound": [0.9, 0.9, 0.9, 0.9],
            "polarity": [0.3, 0.0, -0.2, 0.04],
        }
    )
    row = analysis.sentiment_summary(scored, score="polarity").iloc[0]
    assert (row["share_positive"], row["share_neutral"], row["share_negative"]) == (
        0.25,
        0.5,
        0.25,
    )


# --- Benjamini-Hochberg --------------------------------------------------------------------


def test_benjamini_hochberg_by_hand():
    # Sorted: 0.01, 0.03, 0.04, 0.5 (m = 4) -> m p / k: 0.04, 0.06, 0.0533, 0.5; running
    # minimum from the largest down: 0.04, 0.0533, 0.0533, 0.5; back in the input's order.
    adjusted = benjamini_hochberg([0.01, 0.04, 0.03, 0.5])
    np.testing.assert_allclose(adjusted, [0.04, 0.16 / 3, 0.16 / 3, 0.5])
    assert np.isnan(benjamini_hochberg([np.nan, 0.2])[0])
    assert benjamini_hochberg([np.nan, 0.2])[1] == 0.2
    assert benjamini_hochberg([]).size == 0
    with pytest.raises(ValueError, match="p-values"):
        benjamini_hochberg([1.5])


# --- Relabelling ---------------------------------------------------------------------------


def test_relabelling_drops_and_moves_documents(other_corpus, other_scored):
    table = relabel_robustness(
        other_corpus,
        other_scored,
        group="region",
        target="north",
        reference="south",
        relabellings={"without s00": {"s00": None}, "s00 in north": {"s00": "north"}},
        n_boot=100,
        n_permutations=500,
    ).set_index("scenario")
    assert table.index.tolist() == ["as labelled", "without s00", "s00 in north"]
    assert table["docs_target"].tolist() == [12, 12, 13]
    assert table["docs_reference"].tolist() == [9, 8, 8]
    assert table.loc["without s00", "changes"] == "s00 dropped"
    assert table.loc["s00 in north", "changes"] == "s00 to north"
    baseline = compare_groups(
        other_scored, group="region", target="north", reference="south", n_boot=100,
        n_permutations=500,
    ).iloc[0]  # fmt: skip
    assert table.loc["as labelled", "difference"] == pytest.approx(baseline["difference"])
    key = analysis.keyness(other_corpus, group="region", target="north", reference="south")
    assert table.loc["as labelled", "key_terms"] == (key["score"].abs() >= 1.96).sum()
    assert table.loc["as labelled", "top_target"] == ", ".join(key["term"].head(3))
    assert np.isnan(table.loc["as labelled", "actors_both"])  # no actor list, no actor columns


def test_a_variant_follows_its_original(other_corpus, other_scored):
    table = relabel_robustness(
        other_corpus,
        other_scored,
        group="region",
        target="north",
        reference="south",
        relabellings={"n00 in south": {"n00": "south"}},
        include_variants=True,
        n_boot=50,
        n_permutations=200,
    ).set_index("scenario")
    # With variants counted, north has 12 + the reprint; moving n00 moves its reprint too.
    assert table["docs_target"].tolist() == [13, 11]
    assert table["docs_reference"].tolist() == [9, 11]


def test_relabelling_with_actors(other_corpus, other_scored):
    actors = analysis.read_actors({"Council": ["council"], "People": ["people"]})
    table = relabel_robustness(
        other_corpus,
        other_scored,
        group="region",
        target="north",
        reference="south",
        relabellings={},
        actors=actors,
        n_boot=50,
        n_permutations=200,
    )
    tone = analysis.actor_sentiment(other_scored, actors=actors, group="region").pivot(
        index="actor", columns="region", values="mean"
    )
    gaps = tone["north"] - tone["south"]
    row = table.iloc[0]
    assert row["actors_both"] == 2
    assert row["actors_lower"] == (gaps < 0).sum()
    assert row["actor_gap_median"] == pytest.approx(gaps.median())


@pytest.mark.parametrize(
    ("relabellings", "message"),
    [
        ({"typo": {"x99": None}}, "'x99'"),
        ({"empty": {"e00": None}}, "no document in target='east'"),
        ({"flat": "e00"}, "scenario 'flat'"),
    ],
)
def test_relabelling_errors_name_the_scenario(other_corpus, other_scored, relabellings, message):
    with pytest.raises((ValueError, TypeError), match=message):
        relabel_robustness(
            other_corpus,
            other_scored,
            group="region",
            target="east",
            reference="south",
            relabellings=relabellings,
            n_boot=10,
        )


def test_a_large_design_gives_a_number_of_splits_that_can_be_written():
    # C(20000, 10000) has 6,018 digits: as an integer it could not be printed or saved as text.
    rng = np.random.default_rng(0)
    n = 20_000
    scored = pd.DataFrame(
        {
            "doc_id": np.arange(n).astype(str),
            "side": np.where(np.arange(n) < n // 2, "x", "y"),
            "compound": rng.uniform(-1, 1, n),
        }
    )
    row = compare_groups(
        scored, group="side", target="x", reference="y", n_boot=20, n_permutations=50
    ).iloc[0]
    assert row["splits"] == math.inf and row["test"] == "monte carlo"
    assert row["p_min"] == 1 / 51
    text = pd.DataFrame([row]).to_csv()  # the report saves this table
    assert ",inf," in text
