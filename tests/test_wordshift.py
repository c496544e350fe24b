"""Word shift: terms that are parts of names, flagged and left out on request."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.wordshift import name_shares

DOCS = pd.DataFrame(
    {"side": ["a", "b"], "text": ["The United States are good. We stay united.", "good bad"]}
)
LEXICON = {"united": 2.0, "good": 1.0, "bad": -1.0}


def test_name_shares_by_hand():
    texts = [
        "The United States met the United Nations.",  # 2 inside a sentence
        "United we stand. United, they said.\nUnited again!",  # 3 at sentence or line starts
        'He said: "United." We stay united.',  # after a colon and a quote; lower case
    ]
    shares = name_shares(texts, ["united", "absent"])
    assert shares["united"] == pytest.approx(2 / 7)
    assert pd.isna(shares["absent"])


def test_word_shift_flags_and_excludes_names_by_hand():
    # a: united 2, good 1 (n = 3), Phi_a = 5/3; b: good 1, bad 1 (n = 2), Phi_b = 0.
    # united: (2/3 - 0) * (2 - 0) = 4/3; good: (1/3 - 1/2) * 1 = -1/6; bad: (0 - 1/2) * -1 = 1/2.
    shift = analysis.word_shift(
        DOCS, group="side", target="a", reference="b", lexicon=LEXICON
    ).set_index("term")
    assert shift.loc["united", "contribution"] == pytest.approx(4 / 3)
    assert shift["contribution"].sum() == pytest.approx(5 / 3)
    # "United" inside a sentence once, "united" once: half its uses are a name.
    assert shift.loc["united", "name_share"] == pytest.approx(1 / 2)
    assert shift.loc["good", "name_share"] == 0
    # Left out, as if the lexicon did not know it: a has good only, Phi_a = 1.
    without = analysis.word_shift(
        DOCS, group="side", target="a", reference="b", lexicon=LEXICON, exclude=["United"]
    ).set_index("term")
    assert "united" not in without.index
    assert without.loc["good", "contribution"] == pytest.approx(1 / 2)
    assert without["contribution"].sum() == pytest.approx(1.0)


def test_exclude_must_be_a_list_of_words():
    with pytest.raises(TypeError, match=r"exclude must be a list of words.*\['united'\]"):
        analysis.word_shift(DOCS, group="side", target="a", reference="b", exclude="united")


def test_united_is_a_name_in_the_seeds(seed_corpus):
    shift = analysis.word_shift(
        seed_corpus, group="stance", target="critical", reference="favourable"
    ).set_index("term")
    assert shift.loc["united", "name_share"] > 0.9  # United States, United Arab Emirates
    assert shift.loc["conflict", "name_share"] < 0.1
