"""Every figure on a corpus that is not the seeds: any groups, any size, no seed findings.

The inputs are synthetic tidy tables shaped like the library's outputs: documents in three
groups, "north", "south" and "east", where "east" has a single document; and 300 documents
for the paths that aggregate, sample or draw the top documents.
"""

from __future__ import annotations

import re

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from analysis import plots
from analysis.figures import OKABE_ITO, PAIR_COLOURS, group_colours

GROUPS = {"north": 3, "south": 3, "east": 1}
FORBIDDEN = re.compile(r"critical|favourable|account|stance|(?<![\d,.])00[0-4]\b", re.IGNORECASE)
PALETTE = group_colours(list(GROUPS))  # east, north, south: three labels, Okabe-Ito
ACTORS = ["actor A", "actor B", "actor C"]


def make_tables(per_group: dict[str, int], seed: int = 1) -> dict[str, pd.DataFrame]:
    """Tidy inputs of every figure for documents named ``north-01``, ``south-02``, ..."""
    rng = np.random.default_rng(seed)
    ids, regions = [], []
    for region, count in per_group.items():
        for i in range(count):
            ids.append(f"{region}-{i + 1:02d}")
            regions.append(region)
    ids, regions = np.array(ids, dtype=object), np.array(regions, dtype=object)
    n = len(ids)
    corpus = pd.DataFrame(
        {
            "doc_id": ids,
            "region": regions,
            "raw_text": ["Menu Home\n" + "word " * (10 + i) for i in range(n)],
        }
    )
    corpus["text"] = corpus["raw_text"].str.replace("Menu Home\n", "", regex=False)
    lengths = rng.integers(3, 9, n)
    doc = np.repeat(np.arange(n), lengths)
    sent_id = np.concatenate([np.arange(k) for k in lengths])
    scored = pd.DataFrame(
        {
            "doc_id": ids[doc],
            "sent_id": sent_id,
            "region": regions[doc],
            "position": sent_id / np.maximum(lengths[doc] - 1, 1),
            "compound": rng.uniform(-1, 1, len(doc)).round(3),
        }
    )
    summary = scored.groupby("doc_id", as_index=False, sort=False)["compound"].agg(
        sentences="count", mean="mean"
    )
    summary["ci_low"] = summary["mean"] - 0.1
    summary["ci_high"] = summary["mean"] + 0.1
    cosine = rng.uniform(0, 0.3, (n, n))
    cosine = (cosine + cosine.T) / 2
    np.fill_diagonal(cosine, 1.0)
    similarity = pd.DataFrame(
        {"doc_a": np.repeat(ids, n), "doc_b": np.tile(ids, n), "cosine": cosine.ravel()}
    )
    top = pd.DataFrame(
        {
            "doc_id": np.repeat(ids, 4),
            "rank": np.tile([1, 2, 3, 4], n),
            "term": [f"term{j}" for j in range(4 * n)],
            "tfidf": np.tile([0.4, 0.3, 0.2, 0.1], n),
        }
    )
    keyness = pd.DataFrame(
        {
            "term": [f"word{j}" for j in range(30)],
            "score": np.linspace(3, -3, 30),
            "p": 0.5,
            "count_target": rng.integers(0, 9, 30),
            "count_reference": rng.integers(0, 9, 30),
            "docs_target": 1,
            "docs_reference": 2,
        }
    )
    actor_rows = [
        {"doc_id": d, "region": r, "actor": a, "sentences": int(rng.integers(1, 12))}
        for d, r in zip(ids, regions, strict=True)
        for a in ACTORS
    ]
    actors = pd.DataFrame(actor_rows).assign(mean=lambda t: rng.uniform(-1, 1, len(t)))
    kinds = list(plots.WORD_SHIFT_COLOURS)
    shift = pd.DataFrame(
        {
            "term": [f"word{j}" for j in range(8)],
            "valence": 1.0,
            "p_reference": 0.1,
            "p_target": 0.1,
            "contribution": [0.05, -0.04, 0.03, -0.02, 0.01, -0.01, 0.005, -0.002],
            "kind": [kinds[j % 4] for j in range(8)],
            "phi_reference": 0.25,
            "phi_target": 0.1,
        }
    )
    aligned = pd.DataFrame(
        {
            "doc_id_a": "north-02",
            "doc_id_b": "north-01",
            "compound_a": rng.uniform(-1, 1, 12),
            "compound_b": rng.uniform(-1, 1, 12),
            "cosine": rng.uniform(0, 1, 12),
            "difference": 0.0,
        }
    )
    by_region = (
        scored.groupby("region", as_index=False)["compound"]
        .agg(sentences="count", mean="mean")
        .assign(ci_low=lambda t: t["mean"] - 0.1, ci_high=lambda t: t["mean"] + 0.1)
    )
    side = pd.concat(
        [by_region.assign(lexicon="lexicon one"), by_region.assign(lexicon="lexicon two")],
        ignore_index=True,
    )
    return {
        "corpus": corpus,
        "scored": scored,
        "summary": summary,
        "similarity": similarity,
        "top": top,
        "keyness": keyness,
        "actors": actors,
        "shift": shift,
        "aligned": aligned,
        "side": side,
    }


@pytest.fixture(scope="module")
def small():
    return make_tables(GROUPS)


@pytest.fixture(scope="module")
def large():
    return make_tables({"north": 150, "south": 149, "east": 1})


def texts(fig: Figure) -> list[str]:
    """Every piece of text in a figure: titles, labels, tick labels, legends, notes."""
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def everything(fig: Figure) -> str:
    return "\n".join(texts(fig))


# Each figure drawn with its defaults, only the arguments it cannot do without.
DEFAULTS = {
    "plot_cleaning_words": lambda t: plots.plot_cleaning_words(
        plots.cleaning_words_data(t["corpus"])
    ),
    "plot_top_terms": lambda t: plots.plot_top_terms(t["top"]),
    "plot_similarity": lambda t: plots.plot_similarity(t["similarity"]),
    "plot_keyness": lambda t: plots.plot_keyness(t["keyness"], target="north", reference="south"),
    "plot_term_frequency": lambda t: plots.plot_term_frequency(
        plots.term_frequency_data(t["keyness"]), target="north", reference="south"
    ),
    "plot_sentence_sentiment": lambda t: plots.plot_sentence_sentiment(
        plots.sentence_sentiment_data(t["scored"], t["summary"])
    ),
    "plot_sentiment_along_text": lambda t: plots.plot_sentiment_along_text(
        plots.sentiment_along_text_data(t["scored"])
    ),
    "plot_actor_heatmap": lambda t: plots.plot_actor_heatmap(t["actors"]),
    "plot_word_shift": lambda t: plots.plot_word_shift(
        t["shift"], target="north", reference="south"
    ),
    "plot_translation_scatter": lambda t: plots.plot_translation_scatter(t["aligned"]),
    "plot_side_summary": lambda t: plots.plot_side_summary(t["side"], group="region"),
    "plot_naming": lambda t: plots.plot_naming(
        t["corpus"][["doc_id"]].merge(
            pd.DataFrame({"marker": ["name one", "name two"], "count": [3, 1]}), how="cross"
        )
    ),
    "plot_marker_rates": lambda t: plots.plot_marker_rates(
        t["corpus"][["doc_id"]].merge(
            pd.DataFrame({"category": ["one", "two"], "per_1000_words": [2.0, 1.0]}), how="cross"
        )
    ),
}

# The same figures coloured by the region.
GROUPED = {
    "plot_cleaning_words": lambda t: plots.plot_cleaning_words(
        plots.cleaning_words_data(t["corpus"], group="region"), group="region"
    ),
    "plot_top_terms": lambda t: plots.plot_top_terms(t["top"], t["corpus"], group="region"),
    "plot_similarity": lambda t: plots.plot_similarity(
        t["similarity"], t["corpus"], group="region"
    ),
    "plot_sentence_sentiment": lambda t: plots.plot_sentence_sentiment(
        plots.sentence_sentiment_data(t["scored"], t["summary"], group="region"), group="region"
    ),
    "plot_sentiment_along_text": lambda t: plots.plot_sentiment_along_text(
        plots.sentiment_along_text_data(t["scored"], group="region"), group="region"
    ),
    "plot_actor_heatmap": lambda t: plots.plot_actor_heatmap(t["actors"], group="region"),
    "plot_side_summary": lambda t: plots.plot_side_summary(t["side"], group="region"),
}


def test_every_plot_function_is_exercised():
    drawn = {name for name in plots.__all__ if name.startswith("plot_")}
    assert drawn == set(DEFAULTS)


@pytest.mark.parametrize("name", sorted(DEFAULTS))
@pytest.mark.parametrize("size", ["small", "large"])
def test_defaults_describe_and_never_borrow_the_seeds_words(name, size, request):
    fig = DEFAULTS[name](request.getfixturevalue(size))
    assert isinstance(fig, Figure)
    assert fig.get_suptitle(), "every figure has a title"
    found = FORBIDDEN.findall(everything(fig))
    assert not found, f"{name}: {found}"


@pytest.mark.parametrize("name", sorted(GROUPED))
def test_grouped_figures_name_only_the_data_groups(name, small):
    words = everything(GROUPED[name](small))
    assert not FORBIDDEN.findall(words)
    assert "region" in words  # the legend's title is the grouping column


def test_a_user_title_replaces_the_default(small):
    fig = plots.plot_word_shift(small["shift"], target="north", reference="south", title="Mine")
    assert fig.get_suptitle() == "Mine"


@pytest.mark.parametrize("name", ["plot_keyness", "plot_term_frequency", "plot_word_shift"])
def test_two_group_comparisons_have_no_default_groups(name, small):
    function = getattr(plots, name)
    with pytest.raises(TypeError, match="target"):
        function(small["keyness"], reference="south")


def test_side_summary_needs_the_grouping_column_named(small):
    with pytest.raises(TypeError, match="group"):
        plots.plot_side_summary(small["side"])
    with pytest.raises(ValueError, match="'stance'"):
        plots.plot_side_summary(small["side"], group="stance")


def test_a_missing_column_is_named(small):
    with pytest.raises(ValueError, match=r"plot_actor_heatmap.*'party'"):
        plots.plot_actor_heatmap(small["actors"], group="party")


def test_empty_data_draws_a_figure_that_says_so(small):
    fig = plots.plot_side_summary(small["side"].iloc[:0], group="region")
    assert "No rows to draw." in texts(fig)


# Colours follow the labels present in the data.


def colour(value) -> str:
    return mcolors.to_hex(value)


def test_bars_take_their_group_colour(small):
    data = plots.cleaning_words_data(small["corpus"], group="region")
    fig = plots.plot_cleaning_words(data, group="region")
    ax = fig.axes[0]
    filled = ax.containers[1]  # outline bars first, filled bars second
    labels = [t.get_text() for t in ax.get_yticklabels()]
    region = small["corpus"].set_index("doc_id")["region"]
    for bar, label in zip(filled, labels, strict=True):
        assert colour(bar.get_facecolor()) == PALETTE[region[label]]
    legend = {t.get_text() for t in ax.get_legend().get_texts()}
    assert legend == {"east", "north", "south"}


def test_two_groups_take_the_pair_colours_by_label_not_by_role(small):
    # south is the target here; the colours still follow the sorted labels: north, south.
    fig = plots.plot_keyness(small["keyness"], target="south", reference="north")
    bars = fig.axes[0].patches
    scores = small["keyness"].sort_values("score")["score"].to_numpy()
    for bar, score in zip(bars, scores, strict=True):
        expected = PAIR_COLOURS[1] if score > 0 else PAIR_COLOURS[0]
        assert colour(bar.get_facecolor()) == expected


def test_user_colours_replace_the_default(small):
    data = plots.sentence_sentiment_data(small["scored"], small["summary"], group="region")
    fig = plots.plot_sentence_sentiment(data, group="region", colours={"east": "black"})
    points = next(c for c in fig.axes[0].collections if isinstance(c, PathCollection))
    drawn = {colour(c) for c in points.get_facecolors()}
    assert drawn == {"#000000", PALETTE["north"], PALETTE["south"]}


def test_side_summary_spreads_three_groups_with_their_colours(small):
    fig = plots.plot_side_summary(small["side"], group="region")
    lines = [line for line in fig.axes[0].get_lines() if line.get_marker() == "o"]
    assert len(lines) == 6  # three groups under two lexicons
    assert {colour(line.get_color()) for line in lines} == set(PALETTE.values())
    heights = sorted({round(line.get_ydata()[0], 3) for line in lines})
    assert heights == [-0.24, 0.0, 0.24, 0.76, 1.0, 1.24]


def test_translation_axes_name_the_documents_aligned(small):
    fig = plots.plot_translation_scatter(small["aligned"])
    ax = fig.axes[0]
    assert ax.get_xlabel().startswith("north-01")
    assert ax.get_ylabel().startswith("north-02")


# Honest display: small cells marked, large inputs capped and the cap said.


def test_actor_cells_with_few_sentences_are_hatched(small):
    fig = plots.plot_actor_heatmap(small["actors"])
    hatched = [p for p in fig.axes[0].patches if isinstance(p, Rectangle) and p.get_hatch()]
    few = (small["actors"]["sentences"] < plots.ACTOR_MIN_SENTENCES).sum()
    assert few > 0
    assert len(hatched) == few
    assert f"fewer than {plots.ACTOR_MIN_SENTENCES} sentences" in everything(fig)
    none = plots.plot_actor_heatmap(small["actors"], min_sentences=0)
    assert not [p for p in none.axes[0].patches if p.get_hatch()]


CAPPED = {
    "plot_cleaning_words": ("Showing 40 of 300 documents", GROUPED),
    "plot_top_terms": ("Showing 12 of 300 documents", GROUPED),
    "plot_similarity": ("Showing 50 of 300 documents", GROUPED),
    "plot_sentence_sentiment": ("Each of the 300 documents is its mean", GROUPED),
    "plot_sentiment_along_text": ("300 documents: the mean of the sentences", GROUPED),
    "plot_actor_heatmap": ("Showing 30 of 300 documents", DEFAULTS),
    "plot_naming": ("Showing 40 of 300 documents", DEFAULTS),
    "plot_marker_rates": ("Showing 40 of 300 documents", DEFAULTS),
}


@pytest.mark.parametrize("name", sorted(CAPPED))
def test_past_the_cap_the_figure_says_what_it_shows(name, small, large):
    note, table = CAPPED[name]
    assert note in everything(table[name](large))
    assert "Showing" not in everything(table[name](small))
    assert "documents:" not in everything(table[name](small))


def test_side_summary_caps_the_groups_by_sentences(large):
    per_document = large["summary"].assign(lexicon="one")
    fig = plots.plot_side_summary(per_document, group="doc_id")
    assert "Showing 12 of 300 groups: those with the most sentences." in everything(fig)
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert len(legend) == 12
    sentences = per_document.set_index("doc_id")["sentences"]
    shown = sentences[sentences.index.isin(legend)]
    assert shown.min() >= sentences.drop(shown.index).max()


def test_keyness_caps_a_whole_table():
    table = pd.DataFrame({"term": [f"t{i}" for i in range(100)], "score": np.arange(100.0) - 50})
    fig = plots.plot_keyness(table, target="a", reference="b")
    terms = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert terms == [f"t{i}" for i in [*range(30), *range(70, 100)]]
    assert "Showing 60 of 100 terms" in everything(fig)


def test_similarity_past_the_cap_keeps_the_closest_pair_and_writes_no_cells():
    ids = [f"d{i:03d}" for i in range(60)]
    n = len(ids)
    matrix = np.full((n, n), 0.1)
    np.fill_diagonal(matrix, 1.0)
    matrix[58, 59] = matrix[59, 58] = 0.9  # the last two ids: dropped by any "first 50" rule
    table = pd.DataFrame(
        {"doc_a": np.repeat(ids, n), "doc_b": np.tile(ids, n), "cosine": matrix.ravel()}
    )
    fig = plots.plot_similarity(table)
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(ticks) == plots.SIMILARITY_MAX_DOCUMENTS
    assert {"d058", "d059"} <= set(ticks)
    assert ticks == sorted(ticks)
    assert not fig.axes[0].texts  # no value written in the cells
    assert (table["cosine"].to_numpy() == matrix.ravel()).all(), "the caller's data untouched"
    drawn = plots.similarity_plot_data(table)
    assert len(drawn) == 50 * 50
    assert (
        drawn.loc[(drawn["doc_a"] == "d058") & (drawn["doc_b"] == "d059"), "cosine"].item() == 0.9
    )
    # Drawn from the rows kept, the figure still says how many documents it leaves out.
    assert "Showing 50 of 60 documents" in everything(plots.plot_similarity(table))
    assert "Showing 50 of 60 documents" in everything(plots.plot_similarity(drawn))


def test_similarity_of_a_partial_shuffled_table():
    table = pd.DataFrame(
        {"doc_a": ["b", "a", "a", "b"], "doc_b": ["a", "a", "b", "b"], "cosine": [0.3, 1, 0.3, 1]}
    )
    drawn = plots.similarity_plot_data(table.sample(frac=1, random_state=0))
    assert drawn.to_dict("list") == {
        "doc_a": ["a", "a", "b", "b"],
        "doc_b": ["a", "b", "a", "b"],
        "cosine": [1.0, 0.3, 0.3, 1.0],
    }
    fig = plots.plot_similarity(table.iloc[:3])  # b with itself missing: a blank cell
    assert sorted(t.get_text() for t in fig.axes[0].texts) == ["0.30", "0.30", "1.00"]


def test_small_similarity_writes_every_value(small):
    fig = plots.plot_similarity(small["similarity"])
    assert len(fig.axes[0].texts) == 7 * 7


def test_sentence_sentiment_past_the_cap_draws_every_document_unlabelled(large):
    data = plots.sentence_sentiment_data(large["scored"], large["summary"], group="region")
    # What is drawn, and so what the figure's CSV holds: a row per document, not per sentence.
    assert len(data) == 300 and data["doc_id"].is_unique
    assert data["sentences"].sum() == len(large["scored"])
    assert {"compound", "jitter"}.isdisjoint(data.columns)
    fig = plots.plot_sentence_sentiment(data)
    ax = fig.axes[0]
    assert not [t for t in ax.get_yticklabels() if t.get_text()]
    means = next(c for c in ax.collections if isinstance(c, PathCollection))
    assert len(means.get_offsets()) == 300
    assert fig.get_suptitle() == "Mean sentence sentiment per document, 95 % interval"


def test_top_terms_sample_is_seeded(large):
    first = plots.plot_top_terms(large["top"], seed=3)
    again = plots.plot_top_terms(large["top"], seed=3)
    other = plots.plot_top_terms(large["top"], seed=4)

    def panels(fig):
        return [ax.get_title(loc="left") for ax in fig.axes if ax.get_visible()]

    assert panels(first) == panels(again)
    assert panels(first) != panels(other)
    assert len(panels(first)) == plots.TOP_TERMS_MAX_PANELS
    assert "a random sample (seed 3)" in everything(first)


def test_top_terms_per_group(small):
    per_region = small["top"].merge(small["corpus"][["doc_id", "region"]]).drop(columns="doc_id")
    per_region = per_region.drop_duplicates(["region", "rank"])
    fig = plots.plot_top_terms(per_region, group="region")
    assert [ax.get_title(loc="left") for ax in fig.axes if ax.get_visible()] == [
        "north",
        "south",
        "east",
    ]
    assert fig.get_suptitle() == "The 4 terms of highest TF-IDF in each region"


def test_dense_scatters_are_rasterized_in_the_svg():
    n = plots.RASTERIZE_POINTS + 1
    table = pd.DataFrame(
        {
            "term": [f"t{i}" for i in range(n)],
            "score": np.linspace(-2, 2, n),
            "count_target": 1,
            "count_reference": 1,
        }
    )
    fig = plots.plot_term_frequency(plots.term_frequency_data(table), target="a", reference="b")
    points = next(c for c in fig.axes[0].collections if isinstance(c, PathCollection))
    assert points.get_rasterized()


# The data helpers, with answers worked out by hand.


def test_cleaning_words_counts_each_stage():
    corpus = pd.DataFrame(
        {"doc_id": ["x", "y"], "raw_text": ["one two three", "a b"], "text": ["one two", "a b"]}
    )
    data = plots.cleaning_words_data(corpus)
    assert data[["doc_id", "stage", "words"]].to_dict("list") == {
        "doc_id": ["x", "x", "y", "y"],
        "stage": ["raw", "clean", "raw", "clean"],
        "words": [3, 2, 2, 2],
    }


def test_rolling_mean_stays_within_each_document():
    scored = pd.DataFrame(
        {
            "doc_id": ["a"] * 4 + ["b"] * 2,
            "position": [0, 1 / 3, 2 / 3, 1, 0, 1],
            "compound": [1.0, 0.0, -1.0, 1.0, 0.5, -0.5],
        }
    )
    data = plots.sentiment_along_text_data(scored, window=3)
    # a: (1+0)/2, (1+0-1)/3, (0-1+1)/3, (-1+1)/2; b: both (0.5-0.5)/2.
    assert data["rolling_mean"].tolist() == pytest.approx([0.5, 0.0, 0.0, 0.0, 0.0, 0.0])


def test_rolling_window_must_be_whole():
    with pytest.raises(ValueError, match="window"):
        plots.sentiment_along_text_data(
            pd.DataFrame(columns=["doc_id", "position", "compound"]), window=0
        )


def test_binned_means_along_the_texts(large):
    data = plots.sentiment_along_text_data(large["scored"])
    fig = plots.plot_sentiment_along_text(data)
    line = next(line for line in fig.axes[0].get_lines() if line.get_marker() == "o")
    bins = np.minimum((data["position"] * 10).astype(int), 9)
    expected = data.groupby(bins)["compound"].mean().to_numpy()
    assert line.get_ydata() == pytest.approx(expected)
    assert line.get_xdata() == pytest.approx(np.arange(0.05, 1, 0.1))


def test_word_shift_reads_either_name_of_the_target_average(small):
    renamed = small["shift"].rename(columns={"phi_target": "phi_comparison"})
    for table in (small["shift"], renamed):
        fig = plots.plot_word_shift(table, target="north", reference="south")
        assert "average word valence: north +0.10, south +0.25" in everything(fig)


def test_group_colours_reexported_defaults():
    assert group_colours(["a", "b", "c"]) == dict(zip("abc", OKABE_ITO[:3], strict=True))


def test_documents_are_labelled_by_doc_label_alone():
    corpus = pd.DataFrame(
        {
            "doc_id": ["a1", "a2", "a3"],
            "doc_label": ["Daily Post", "", None],
            "voice": ["columnist", "columnist", "columnist"],  # any other column is not shown
            "translation": ["machine-translated"] * 3,
            "raw_text": ["one two three"] * 3,
            "text": ["one two"] * 3,
        }
    )
    data = plots.cleaning_words_data(corpus)
    assert dict(zip(data["doc_id"], data["label"], strict=True)) == {
        "a1": "a1 · Daily Post",
        "a2": "a2",
        "a3": "a3",
    }
