"""The explorer's numbers, computed in Python, and the HTML that carries them.

The browser side (clicks, the view in JupyterLab, the exported and standalone pages) is tested
in tests/browser by ``make test-browser``; here, what the script receives.

The small corpus, counted by hand (stop words such as "again" and "the" are left out):

- x1 (side x): "War, war. Peace talks failed."  -> war war peace talks failed (5 terms)
- x2 (side x): "War again."                     -> war (1)
- y1 (side y): "Peace talks. Peace holds."      -> peace talks peace holds (4)
- z1 (side z): "Storms."                        -> storms (1)

So side x has 6 terms, y has 4; "war" is used 3 times by x in 2 documents and 2 sentences,
never by y; "peace" once by x, twice by y, in one sentence of x and two of y.
"""

from __future__ import annotations

import json
import math
import re
from importlib import resources

import numpy as np
import pandas as pd
import pytest

import analysis
from analysis.explorer import MAX_DOCUMENTS, MAX_TERMS, Explorer, explore
from analysis.plots.vocabulary import term_frequency_data


@pytest.fixture(scope="module")
def small():
    return pd.DataFrame(
        {
            "doc_id": ["x1", "x2", "y1", "z1"],
            "side": ["x", "x", "y", "z"],
            "source": ["Daily", "Weekly", "Daily", "Monthly"],
            "text": [
                "War, war. Peace talks failed.",
                "War again.",
                "Peace talks. Peace holds.",
                "Storms.",
            ],
        }
    )


@pytest.fixture(scope="module")
def view(small):
    return explore(small, group="side", target="x", reference="y")


def data_of(html: str) -> dict:
    """The JSON the script reads, taken back out of the HTML."""
    match = re.search(r'<script type="application/json" class="anx-data">(.*?)</script>', html)
    assert match, "no data in the HTML"
    return json.loads(match[1])


def test_explore_is_a_public_name():
    assert analysis.explore is explore
    assert "explore" in analysis.__all__


def test_counts_documents_and_sentences_of_each_term_by_hand(view):
    terms = view.terms.set_index("term")
    assert terms.loc["war", ["count_target", "count_reference", "docs_target"]].tolist() == [
        3,
        0,
        2,
    ]
    assert terms.loc["peace", ["count_target", "count_reference"]].tolist() == [1, 2]
    assert terms.loc["war", "sentences"] == 2  # "War, war." and "War again."
    assert terms.loc["peace", "sentences"] == 3
    assert terms.loc["war", "score"] > 0 > terms.loc["holds", "score"]
    # Which sentences and documents, by position in the JSON.
    data = view.data
    war = data["terms"]["term"].index("war")
    texts = [data["sentences"]["text"][s] for s in data["terms"]["sentences"][war]]
    assert texts == ["War, war.", "War again."]
    assert [data["documents"]["id"][d] for d in data["terms"]["documents"][war]] == ["x1", "x2"]
    peace = data["terms"]["term"].index("peace")
    sides = [data["sentences"]["side"][s] for s in data["terms"]["sentences"][peace]]
    assert sides == [0, 1, 1]  # one sentence of x (the target), two of y


def test_only_the_two_groups_documents_are_shown(view):
    assert view.documents["doc_id"].tolist() == ["x1", "x2", "y1"]
    assert "storms" not in set(view.terms["term"])
    assert view.data["totals"]["documentsTarget"] == 2
    assert view.data["totals"]["documentsReference"] == 1
    assert len(view.sentences) == 5  # 2 + 1 + 2


def test_the_metadata_of_each_document_travels_with_its_sentences(view):
    documents = view.data["documents"]
    # The group is shown beside each document already: by default it is not metadata.
    assert documents["metaColumns"] == ["source"]
    assert documents["meta"][documents["id"].index("x2")] == ["Weekly"]


def test_log_ratio_by_hand(view):
    # war: (3 + 0.5) / 6 against (0 + 0.5) / 4 -> log2(14 / 3)
    assert view.terms.set_index("term").loc["war", "log_ratio"] == pytest.approx(math.log2(14 / 3))
    # peace: (1.5 / 6) / (2.5 / 4) = 0.4
    assert view.terms.set_index("term").loc["peace", "log_ratio"] == pytest.approx(math.log2(0.4))


def test_terms_sit_where_the_static_scatter_puts_them(small):
    key = analysis.keyness(small, group="side", target="x", reference="y")
    static = term_frequency_data(key, label=8, seed=3).set_index("term")
    view = explore(small, group="side", target="x", reference="y", seed=3)
    shown = view.terms.set_index("term")
    assert np.allclose(shown["x"], static.loc[shown.index, "x"])
    assert np.allclose(shown["y"], static.loc[shown.index, "y"])


def test_sentence_scores_are_vader_compound_scores(view):
    expected = analysis.score_sentiment(view.sentences["text"])["compound"]
    assert np.allclose(view.sentences["compound"], expected)
    assert view.data["sentences"]["compound"] == [round(v, 3) for v in expected]
    # A document's mean leaves headings out; these texts have none.
    means = view.sentences.groupby("doc_id")["compound"].mean()
    assert view.documents.set_index("doc_id")["mean"].to_dict() == pytest.approx(means.to_dict())


def test_colours_follow_the_side_of_the_score(view):
    colours = view.data["colours"]
    palette = analysis.group_colours(["x", "y"])
    assert colours == {"target": palette["x"], "reference": palette["y"]}
    terms = view.terms.set_index("term")
    # The strongest term of each side takes its side's full colour.
    assert terms.loc["war", "colour"] == colours["target"]
    assert terms["colour"].nunique() > 2


def test_reference_none_compares_with_every_other_document(small):
    view = explore(small, group="side", target="x")
    assert view.documents["doc_id"].tolist() == ["x1", "x2", "y1", "z1"]
    assert view.data["reference"] == "not x"
    assert view.terms.set_index("term").loc["storms", "count_reference"] == 1


def test_any_corpus_with_its_own_columns_and_variants(other_corpus):
    view = explore(other_corpus, group="region", target="north", reference="south")
    assert "n00-reprint" not in set(view.documents["doc_id"])
    assert set(view.documents["region"]) == {"north", "south"}
    assert "speaker" in view.data["documents"]["metaColumns"]
    # harbour is a north word only: every sentence listed for it is a north sentence.
    data = view.data
    harbour = data["terms"]["term"].index("harbour")
    assert data["terms"]["sentences"][harbour]
    assert {data["sentences"]["side"][s] for s in data["terms"]["sentences"][harbour]} == {0}
    assert all(
        "harbour" in data["sentences"]["text"][s].lower()
        for s in data["terms"]["sentences"][harbour]
    )
    with_variants = explore(
        other_corpus, group="region", target="north", reference="south", include_variants=True
    )
    assert "n00-reprint" in set(with_variants.documents["doc_id"])


def test_terms_are_capped_to_the_most_used_and_the_most_distinctive(other_corpus):
    key = analysis.keyness(other_corpus, group="region", target="north", reference="south")
    assert len(key) > 12
    view = explore(other_corpus, group="region", target="north", reference="south", max_terms=3)
    total = key["count_target"] + key["count_reference"]
    used_most = key.assign(total=total, strength=key["score"].abs()).sort_values(
        ["total", "strength", "term"], ascending=[False, False, True]
    )["term"][:3]
    distinctive = set(key.nlargest(8, "score")["term"]) | set(key.nsmallest(8, "score")["term"])
    assert set(view.terms["term"]) == set(used_most) | distinctive
    assert view.data["totals"] == {
        **view.data["totals"],
        "terms": len(key),
        "shown": len(set(used_most) | distinctive),
    }
    assert MAX_TERMS == 2000


def test_drivers_come_from_an_explanation_when_there_is_one(small):
    def explain(sentence):
        words = re.findall(r"\w+", sentence)
        values = [{"war": -2.5, "peace": 1.8, "failed": -1.0}.get(w.lower(), 0.0) for w in words]
        return pd.DataFrame({"token": words, "valence": values})

    view = explore(small, group="side", target="x", reference="y", explain=explain)
    drivers = dict(zip(view.sentences["text"], view.sentences["drivers"], strict=True))
    assert drivers["Peace talks failed."] == [["Peace", 1.8], ["failed", -1.0]]
    assert drivers["War, war."] == [["War", -2.5], ["war", -2.5]]
    assert drivers["Peace talks."] == [["Peace", 1.8]]
    assert view.data["explained"] is True


def test_without_an_explanation_there_are_no_drivers(view):
    if hasattr(analysis, "explain_sentiment"):
        pytest.skip("the package has an explanation: its drivers are shown")
    assert view.data["explained"] is False
    assert all(drivers == [] for drivers in view.sentences["drivers"])


def test_the_html_carries_the_data_and_the_script_inline(view):
    html = view._repr_html_()
    assert data_of(html) == view.data
    assert html.count("<script") == 2  # the data and the script, nothing loaded
    assert not re.search(r"<script[^>]*\bsrc\s*=", html)
    assert not re.search(r"<link\b", html)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    # Two displays of the same view are two independent roots.
    ids = re.findall(r'class="anx-root" id="([^"]+)"', html + view._repr_html_())
    assert len(set(ids)) == 2


def test_a_sentence_cannot_break_out_of_the_data_script():
    docs = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "side": ["x", "y"],
            "text": ["War </script><script>alert(1)</script> here.", "Peace <!-- there."],
        }
    )
    view = explore(docs, group="side", target="x", reference="y")
    html = view.to_html()
    assert html.count("</script>") == 2
    assert "<!--" not in html
    assert data_of(html)["sentences"]["text"][0].startswith("War </script><script>")


def test_the_script_fetches_nothing():
    script = resources.files("analysis").joinpath("explorer", "explorer.js").read_text("utf-8")
    for call in ("fetch(", "XMLHttpRequest", "import(", "WebSocket", "sendBeacon", ".src ="):
        assert call not in script, call
    # The one URL in it is the SVG namespace, an identifier that is never requested.
    assert re.findall(r"https?://[^\s\"']+", script) == ["http://www.w3.org/2000/svg"]


def test_save_html_writes_a_standalone_page_that_forbids_requests(view, tmp_path):
    path = view.save_html(tmp_path / "out" / "explorer.html")
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "default-src 'none'" in page
    assert data_of(page) == view.data
    with pytest.raises(IsADirectoryError, match="save_html: path="):
        view.save_html(tmp_path)


def test_repr_says_what_is_drawn(view):
    assert repr(view) == "<Explorer: 'x' against 'y', 5 of 5 terms, 5 sentences of 3 documents>"
    assert isinstance(view, Explorer)


def test_200_documents_of_800_words_stay_under_5_mb():
    rng = np.random.default_rng(0)
    vocabulary = np.array([f"w{i}a" for i in range(8000)])
    weights = 1 / np.arange(1, len(vocabulary) + 1)
    weights /= weights.sum()
    docs = pd.DataFrame(
        {
            "doc_id": [f"d{i:03d}" for i in range(200)],
            "side": ["a", "b"] * 100,
            "text": [
                " ".join(" ".join(words[i : i + 20]) + "." for i in range(0, 800, 20))
                for words in (rng.choice(vocabulary, 800, p=weights) for _ in range(200))
            ],
        }
    )
    view = explore(docs, group="side", target="a", reference="b")
    assert len(view.terms) <= MAX_TERMS + 16
    assert len(view.sentences) == 200 * 40
    assert len(view.to_html(standalone=True).encode("utf-8")) < 5_000_000


def test_sentences_come_from_a_sample_of_documents_past_max_documents(other_corpus):
    # other_corpus: 12 north and 9 south documents (the reprint left out). At most 6 documents:
    # 3 drawn from each group; terms, counts and scores stay those of all 21 documents.
    every = explore(other_corpus, group="region", target="north", reference="south")
    view = explore(other_corpus, group="region", target="north", reference="south", max_documents=6)
    assert len(every.documents) == 21 and MAX_DOCUMENTS >= 21
    assert view.documents["region"].value_counts().to_dict() == {"north": 3, "south": 3}
    shown = view.documents["doc_id"].tolist()
    # In corpus order, and the same draw for the same seed.
    order = every.documents["doc_id"].tolist()
    assert shown == sorted(shown, key=order.index)
    again = explore(
        other_corpus, group="region", target="north", reference="south", max_documents=6
    )
    assert again.documents["doc_id"].tolist() == shown
    assert again.data == view.data
    # Another seed draws other documents (1 chance in C(12,3) * C(9,3) = 18,480 to repeat).
    other = explore(
        other_corpus, group="region", target="north", reference="south", max_documents=6, seed=1
    )
    assert other.documents["doc_id"].tolist() != shown
    # Every sentence of the documents shown, and of no other: their rows in the full view.
    full = every.sentences[every.sentences["doc_id"].isin(shown)].reset_index(drop=True)
    pd.testing.assert_frame_equal(view.sentences, full)
    # The terms are the corpus's: the same table but for the sentences that use them.
    assert (view.terms["sentences"] <= every.terms["sentences"]).all()
    pd.testing.assert_frame_equal(
        view.terms.drop(columns="sentences"), every.terms.drop(columns="sentences")
    )
    totals = view.data["totals"]
    assert (totals["documentsTarget"], totals["documentsReference"]) == (12, 9)
    assert (totals["shownTarget"], totals["shownReference"]) == (3, 3)
    assert totals["sampleSeed"] == 0
    assert every.data["totals"]["shownTarget"] == 12
    # Documents listed on hover are documents shown.
    harbour = view.data["terms"]["term"].index("harbour")
    listed = view.data["terms"]["documents"][harbour]
    assert all(view.data["documents"]["label"][d] == "north" for d in listed)
    assert "6 of 21 documents" in repr(view)


def test_a_small_group_gives_all_its_documents_to_the_sample(other_corpus):
    # 12 north, 9 south, at most 20: south cannot give 10, so north gives 20 - 9 = 11.
    view = explore(
        other_corpus, group="region", target="south", reference="north", max_documents=20
    )
    assert view.documents["region"].value_counts().to_dict() == {"north": 11, "south": 9}
    assert (
        explore(
            other_corpus, group="region", target="north", reference="south", max_documents=None
        ).documents.shape[0]
        == 21
    )


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"target": "w"}, ValueError, r"explore: target='w' is not a value of column 'side'"),
        ({"target": "x", "reference": "x"}, ValueError, "must differ"),
        ({"target": "x", "max_terms": 0}, ValueError, r"max_terms must be an integer >= 1"),
        ({"target": "x", "max_documents": 0}, ValueError, "max_documents must be an integer"),
        ({"target": "x", "seed": -1}, ValueError, r"explore: seed must be an integer >= 0"),
        ({"target": "x", "method": "tfidf"}, ValueError, r"method='tfidf'"),
        ({"target": "x", "metadata": ["date"]}, KeyError, r"metadata names column\(s\) \['date'\]"),
        ({"target": "x", "metadata": "source"}, TypeError, "metadata must be a list"),
        ({"target": "x", "explain": "vader"}, TypeError, "explain must be a function"),
        ({"target": "x", "group": "colour"}, KeyError, "no column 'colour'"),
    ],
)
def test_bad_arguments_are_named(small, kwargs, error, message):
    kwargs = {"group": "side", **kwargs}
    with pytest.raises(error, match=message):
        explore(small, **kwargs)


def test_repeated_document_ids_are_refused(small):
    twice = pd.concat([small, small.iloc[[0]]], ignore_index=True)
    with pytest.raises(ValueError, match="explore: doc_id 'x1' names more than one document"):
        explore(twice, group="side", target="x", reference="y")


def test_no_term_to_compare_is_said_plainly():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "side": ["x", "y"], "text": ["The.", "And."]})
    with pytest.raises(ValueError, match="explore: no term to compare between 'x' and 'y'"):
        explore(docs, group="side", target="x", reference="y")


def test_the_effect_size_and_adjusted_p_are_keyness_own(small):
    key = analysis.keyness(small, group="side", target="x", reference="y").set_index("term")
    view = explore(small, group="side", target="x", reference="y")
    shown = view.terms.set_index("term")
    for column in ("log_ratio", "p_adjusted"):
        assert np.allclose(shown[column], key.loc[shown.index, column])
    peace = view.data["terms"]["term"].index("peace")
    assert view.data["terms"]["pAdjusted"][peace] == float(f"{key.loc['peace', 'p_adjusted']:.3g}")


def test_the_report_says_the_explorers_document_cap():
    from analysis.report import TEMPLATE

    assert f"at most {MAX_DOCUMENTS} documents" in TEMPLATE.read_text(encoding="utf-8")


def test_a_missing_text_is_named_by_its_document(small):
    broken = small.astype({"text": object})
    broken.loc[1, "text"] = None
    with pytest.raises(TypeError, match=r"explore: the text of document 'x2' \(column 'text'\)"):
        explore(broken, group="side", target="x", reference="y")


def test_a_label_written_as_another_type_is_pointed_out(small):
    stars = small.assign(stars=[5, 5, 1, 3])
    with pytest.raises(ValueError, match=r"it has 1, 3, 5\); the column holds 5 \(int\)"):
        explore(stars, group="stars", target="5", reference=1)


def test_metadata_named_like_the_documents_table_is_kept_renamed(small):
    view = explore(small.assign(sentences=7, mean=0.5), group="side", target="x", reference="y")
    table = view.documents.set_index("doc_id")
    assert table.loc["x1", "sentences"] == 2  # the explorer's count: "War, war." "Peace..."
    assert table.loc["x1", "sentences_metadata"] == 7
    assert table.loc["x1", "mean_metadata"] == 0.5
    # The group is beside every document already: not repeated as metadata by default.
    assert "side" not in view.data["documents"]["metaColumns"]
    assert view.data["documents"]["metaColumns"] == ["source", "sentences", "mean"]


def test_save_html_under_a_file_names_the_path(view, tmp_path):
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    with pytest.raises(NotADirectoryError, match=r"save_html: path=.* is inside a file"):
        view.save_html(tmp_path / "taken" / "view.html")
