"""Actors matched as a reader would, and measured against sentences marked by hand."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.actors import actor_mentions, is_acronym, read_actors
from analysis.paths import MARKED_DIR, SEEDS_DIR


def forms_found(text: str, actors) -> list[str]:
    rows = pd.DataFrame({"doc_id": ["a"], "text": [text]})
    return actor_mentions(rows, actors=actors)["matched"].tolist()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # Any case for a name or adjective: sentence starts, headlines, lower-case adjectives.
        ("Western sanctions; western banks; WESTERN media.", ["Western", "western", "WESTERN"]),
        ("RUSSIA and Russia's allies, not Russian ones.", ["RUSSIA", "Russia"]),
        # Acronyms only in capitals: "us" and "Us" are the pronoun.
        ("The US told us. Us? US-backed.", ["US", "US"]),
        ("U.S. partners and u.s. typos.", ["U.S."]),
        # Word boundaries: no match inside a longer word.
        ("USSR, thus, Westerners and the West-led order.", ["West"]),
    ],
)
def test_case_rule_and_word_boundaries(text, found):
    actors = {"Russia": ["Russia"], "West": ["US", "U.S.", "Western", "West"]}
    assert forms_found(text, actors) == found


def test_acronyms_are_forms_in_capitals_only():
    assert [is_acronym(f) for f in ["EU", "U.S.", "G7", "NATO", "Xi", "Kyiv", "iPhone"]] == [
        True, True, True, True, False, False, False,
    ]  # fmt: skip


def test_exclusions_silence_only_their_own_form():
    table = pd.DataFrame(
        {
            "actor": ["West", "West", "West", "South"],
            "form": ["US", "America", "Western", "Latin America"],
            "exclude": ["US dollar; US dollars", "Latin America", "non-Western", ""],
        }
    )
    text = (
        "The US paid 200 billion US dollars and one US dollar; Latin America and America; "
        "non-Western and Western states."
    )
    mentions = actor_mentions(pd.DataFrame({"text": [text]}), actors=table)
    # "Latin America" is excluded for "America" but is itself a form of another actor.
    assert mentions[["actor", "matched"]].to_numpy().tolist() == [
        ["West", "US"],
        ["South", "Latin America"],
        ["West", "America"],
        ["West", "Western"],
    ]
    # The listed form is reported beside the words as written.
    assert actor_mentions(pd.DataFrame({"text": ["WESTERN"]}), actors=table)["form"].item() == (
        "Western"
    )


def test_read_actors_reads_the_exclude_column(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text(
        "actor,form,exclude\nWest,US, US dollars ;US dollar\nWest,NATO,\n", encoding="utf-8"
    )
    table = read_actors(tmp_path)
    assert table.to_dict("records") == [
        {"actor": "West", "form": "US", "exclude": "US dollars; US dollar"},
        {"actor": "West", "form": "NATO", "exclude": ""},
    ]
    assert list(read_actors({"West": ["US"]}).columns) == ["actor", "form", "exclude"]


def test_forms_that_match_the_same_words_are_one_form():
    with pytest.raises(ValueError, match=r"'Russia' is given to several actors"):
        read_actors({"Russia": ["Russia"], "Other": ["russia"]})
    with pytest.raises(ValueError, match="listed twice"):
        read_actors({"Russia": ["Russian", "RUSSIAN".title(), "russian"]})
    # An acronym and a word of the same letters are two forms: "US" and "us" differ.
    assert len(read_actors({"West": ["US"], "Pronoun": ["Us"]})) == 2


def test_quality_by_hand():
    marked = pd.DataFrame(
        {
            "text": [
                "Russian troops moved.",  # marked Russia, found: correct
                "The Kremlin said so.",  # marked Russia, not found (no form): missed
                "Thus, us.",  # nothing marked, nothing found
                "The US and Russia.",  # marked West and Russia, both found
                "The West Bank.",  # nothing marked, West found: a false match
            ],
            "actors": ["Russia", "Russia", "", "Russia; West", ""],
        }
    )
    actors = {"Russia": ["Russia", "Russian"], "West": ["US", "West"]}
    quality = analysis.actor_match_quality(marked, actors=actors).set_index("actor")
    # Russia: marked 3, found 2, correct 2 -> precision 1, recall 2/3.
    # West: marked 1, found 2, correct 1 -> precision 1/2, recall 1.
    # All: marked 4, found 4, correct 3.
    assert quality.loc["Russia", ["marked", "found", "correct"]].tolist() == [3, 2, 2]
    assert quality.loc["Russia", "recall"] == pytest.approx(2 / 3)
    assert quality.loc["West", "precision"] == pytest.approx(1 / 2)
    assert quality.loc["all", ["marked", "found", "correct"]].tolist() == [4, 4, 3]
    errors = analysis.actor_match_errors(marked, actors=actors)
    assert errors[["text", "actor", "error"]].to_numpy().tolist() == [
        ["The Kremlin said so.", "Russia", "missed"],
        ["The West Bank.", "West", "false match"],
    ]


def test_marks_of_an_actor_the_table_lacks_are_a_clear_error():
    marked = pd.DataFrame({"text": ["x"], "actors": ["Narnia"]})
    with pytest.raises(ValueError, match=r"'Narnia'.*the table has \['Russia'\]"):
        analysis.actor_match_quality(marked, actors={"Russia": ["Russia"]})


# --- The seeds' list against the sentences marked by hand -----------------------------------


@pytest.fixture(scope="module")
def marked():
    return pd.read_csv(MARKED_DIR / "actor_marks.csv", dtype={"doc_id": str})


def test_the_sample_is_every_sentence_of_its_documents(seed_corpus, marked):
    scored = analysis.sentence_sentiment(seed_corpus)
    read = scored[scored["doc_id"].isin(set(marked["doc_id"]))]
    assert read[["doc_id", "sent_id", "text"]].to_numpy().tolist() == (
        marked[["doc_id", "sent_id", "text"]].to_numpy().tolist()
    )
    assert set(marked["doc_id"]) == {"000", "001", "004"}
    assert set(marked.loc[marked["doc_id"] == "000", "sample"]) == {"held out"}


def test_the_seeds_list_on_the_marked_sentences(marked):
    actors = read_actors(SEEDS_DIR)
    for sample, members in marked.groupby("sample"):
        quality = analysis.actor_match_quality(members, actors=actors).set_index("actor")
        assert quality.loc["all", "precision"] >= 0.95, sample
        assert quality.loc["all", "recall"] >= 0.95, sample
    overall = analysis.actor_match_quality(marked, actors=actors).set_index("actor")
    assert overall.loc["all", "marked"] == 242
    # The demonyms are what the exact list missed: "Russian", "Western", "African".
    before = analysis.actor_match_quality(
        marked, actors=read_actors(MARKED_DIR / "actors_exact_forms.csv")
    ).set_index("actor")
    assert before.loc["all", "recall"] < 0.9 < overall.loc["all", "recall"]
    assert before.loc["Global South", "recall"] < 0.8


def test_adjectives_and_exclusions_in_the_seeds(seed_corpus):
    mentions = analysis.actor_mentions(seed_corpus, actors=read_actors(SEEDS_DIR))
    in_004 = mentions[mentions["doc_id"] == "004"]
    assert (in_004["matched"] == "African").sum() == 10
    assert "US" not in set(in_004["matched"])  # 004's only "US" is "200 billion US dollars"
    assert "non-Western" not in " ".join(in_004["matched"])


def test_matching_on_another_corpus(other_corpus):
    # A lower-case form matches the capitalised word too; "the council" and "Council".
    counts = analysis.mention_counts(other_corpus, actors={"council": ["council"]})
    words = other_corpus["text"].str.count(r"(?i)\bcouncil\b")
    assert counts["mentions"].sum() == words.sum() > 0
