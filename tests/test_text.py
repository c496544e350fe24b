"""Sentences and tokens without downloaded NLTK data; long sentences and lines; headings."""

from __future__ import annotations

import nltk
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis import text as text_module
from analysis.cleaning import clean_text
from analysis.text import MAX_SENTENCE_CHARS, Unit, split_sentences, tokenize

TRICKY = (
    "Dr. Pavel K. Baev met U.S. officials in Washington D.C. on Monday. "
    "Russia imported some 12.000 troops. Trade passed $240 billion. "
    "Flight J2-8243 was hit. Why? Nobody knows!"
)

#: The seeds' cleaning specs, as their manifest names them (see tests/test_cleaning.py).
SEED_SPECS = {
    "000": "general photo_credit glued_connectives sentence_case_headings",
    "001": "general title_byline author_bio citation_line copyright_footer sentence_case_headings",
    "002": "general",
    "003": "general breadcrumb last_updated repeated_title citation_marks",
    "004": (
        "general censor_marks trailing_heading glued_sentence_punctuation glued_sentence_words "
        "sentence_case_headings"
    ),
}


@pytest.fixture(scope="module")
def seed_docs(seed_corpus):
    """The seeds cleaned under their specs, with the cleaning column the manifest will have."""
    docs = seed_corpus.drop(columns=["cleaning"], errors="ignore").copy()
    docs["cleaning"] = docs["doc_id"].map(SEED_SPECS)
    docs["text"] = [
        clean_text(raw, cleaning=spec)
        for raw, spec in zip(docs["raw_text"], docs["cleaning"], strict=True)
    ]
    return docs


def test_nltk_default_tokenizers_need_data_that_is_not_here():
    # The reason this module exists: with an empty NLTK_DATA (set in conftest), NLTK's own
    # sentence splitter cannot load its model.
    with pytest.raises(LookupError):
        nltk.sent_tokenize("One. Two.")


def test_abbreviations_and_numbers_do_not_end_sentences():
    sentences = [unit.text for unit in split_sentences(TRICKY)]
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


# --- Headings -------------------------------------------------------------------------------


def test_headings_are_rows_of_their_own(seed_docs):
    rows = analysis.sentences(seed_docs)
    headings = rows[rows["is_heading"]]
    assert "Looking Ahead" in set(headings["text"])
    assert "Continuation of the attack" in set(headings["text"])
    assert headings.groupby("doc_id").size().to_dict() == {
        "000": 6,
        "001": 1,
        "002": 8,
        "003": 6,
        "004": 1,
    }
    # A heading is never merged into the sentence that follows it.
    assert not rows.loc[~rows["is_heading"], "text"].str.startswith("Looking Ahead").any()


def test_sentence_case_headings_only_where_the_spec_names_them():
    body = "Show confidence\nPutin excels at showing confidence."
    docs = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "text": [body, body, body],
            "cleaning": ["general sentence_case_headings", "general", None],
        }
    )
    rows = analysis.sentences(docs)
    assert rows.groupby("doc_id")["is_heading"].sum().to_dict() == {"a": 1, "b": 0, "c": 0}
    assert analysis.sentences(docs.drop(columns="cleaning"))["is_heading"].sum() == 0


TRANSCRIPT = """\
Thank you all so much
We will not stop until every family has
Applause
And I said to the President that we
We are going to win this election
So many of you have waited for the
I love this state"""


def test_lines_of_a_transcript_are_sentences_not_headings():
    units = split_sentences(TRANSCRIPT)
    assert [unit.text for unit in units] == TRANSCRIPT.split("\n")
    assert [unit.is_heading for unit in units] == [False, False, True, False, False, False, False]
    # Sentence-case headings admit complete lines, never those cut short.
    units = split_sentences(TRANSCRIPT, cleaning="general sentence_case_headings")
    cut_short = {1, 3, 5}
    assert all(not units[i].is_heading for i in cut_short)


# --- The table of sentences --------------------------------------------------------------------


def test_sentences_carry_metadata_and_number_from_zero(seed_docs):
    rows = analysis.sentences(seed_docs)
    assert list(rows.columns[:6]) == [
        "doc_id",
        "sent_id",
        "text",
        "is_heading",
        "position",
        "split_long",
    ]
    assert {"stance", "duplicate_of", "translation", "cleaning"} <= set(rows.columns)
    assert "raw_text" not in rows.columns
    assert not rows["split_long"].any()
    for _, group in rows.groupby("doc_id"):
        assert group["sent_id"].tolist() == list(range(len(group)))
        assert group["position"].iloc[0] == 0 and group["position"].iloc[-1] == 1


def test_seed_sentences_keep_their_tricky_tokens(seed_docs):
    texts = analysis.sentences(seed_docs)["text"]
    for token in ("12.000", "J2-8243", "$240 billion", "U.S. partners", "Washington D.C."):
        assert texts.str.contains(token, regex=False).sum() >= 1, token
    assert not texts.str.endswith(" K.").any()  # "Pavel K. Baev" is not cut at the initial


def test_glued_sentences_split_by_cleaning_become_two_sentences(seed_docs):
    texts = analysis.sentences(seed_docs)
    texts_004 = texts.loc[texts["doc_id"] == "004", "text"].tolist()
    assert any(t.endswith("attended the 3rd Belt and Road Summit") for t in texts_004)
    assert any(t.startswith("In May, Russian Prime Minister Mishustin") for t in texts_004)


def test_other_column_names():
    docs = pd.DataFrame({"id": ["x"], "body": ["First one. Second one."], "text": ["other"]})
    rows = analysis.sentences(docs, text="body", doc_id="id")
    assert rows["text"].tolist() == ["First one.", "Second one."]
    assert rows["doc_id"].tolist() == ["x", "x"]
    assert list(rows.columns) == [
        "doc_id",
        "sent_id",
        "text",
        "is_heading",
        "position",
        "split_long",
    ]


def test_empty_documents_give_an_empty_table_with_its_columns():
    rows = analysis.sentences(pd.DataFrame({"doc_id": [], "text": [], "stance": []}))
    assert rows.empty
    assert list(rows.columns) == [
        "doc_id",
        "sent_id",
        "text",
        "is_heading",
        "position",
        "split_long",
        "stance",
    ]


@pytest.mark.parametrize("bad", ["a bare string", ["a", "list"]])
def test_a_bare_string_is_a_clear_error(bad):
    with pytest.raises(TypeError, match="DataFrame of documents"):
        analysis.sentences(bad)


def test_missing_column_is_named():
    with pytest.raises(KeyError, match="'text'"):
        analysis.sentences(pd.DataFrame({"doc_id": ["a"], "body": ["x"]}))


@pytest.mark.parametrize("value", [None, float("nan"), 3, b"bytes"])
def test_a_text_that_is_not_a_str_names_its_document(value):
    docs = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Fine.", value]})
    with pytest.raises(TypeError, match=r"sentences: the text of document 'b' \(column 'text'\)"):
        analysis.sentences(docs)


@pytest.mark.parametrize("function", [tokenize, split_sentences, text_module.token_spans])
def test_tokenize_and_split_name_the_argument(function):
    with pytest.raises(TypeError, match=r"text must be a str, got float nan"):
        function(float("nan"))


def test_an_unknown_cleaning_spec_names_its_document():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "text": ["x.", "y."], "cleaning": ["", "bogus"]})
    with pytest.raises(ValueError, match=r"sentences: document 'b'.*'bogus'"):
        analysis.sentences(docs)


@pytest.mark.parametrize("column", ["sent_id", "is_heading", "position", "split_long"])
def test_a_document_column_named_like_a_result_column_is_a_clear_error(column):
    docs = pd.DataFrame({"doc_id": ["a"], "text": ["x."], column: [1]})
    with pytest.raises(ValueError, match=f"column '{column}'"):
        analysis.sentences(docs)


# --- Long sentences and long lines -------------------------------------------------------------


def test_a_long_sentence_is_cut_at_white_space_into_even_pieces_and_reported():
    long = " ".join(["word"] * 600)  # 2,999 characters, no full stop
    units = split_sentences(f"Short one. {long}. Short two.")
    assert units[0] == Unit("Short one.", False, False)
    assert units[-1] == Unit("Short two.", False, False)
    pieces = units[1:-1]
    assert all(unit.split_long and not unit.is_heading for unit in pieces)
    # ceil(3,000 / 1,000) = 3 pieces: about 1,000 characters each, 200 words.
    assert [len(unit.text.split()) for unit in pieces] == [200, 200, 200]
    assert " ".join(unit.text for unit in pieces) == long + "."


def test_a_sentence_longer_than_the_window_is_cut_and_reported():
    long = " ".join(["word"] * 1200)  # 5,999 characters: longer than Punkt's window
    units = split_sentences(f"Short one. {long}. Short two.")
    assert units[0] == Unit("Short one.", False, False)
    assert units[-1] == Unit("Short two.", False, False)
    pieces = units[1:-1]
    assert all(unit.split_long for unit in pieces)
    assert all(500 <= len(unit.text) <= MAX_SENTENCE_CHARS for unit in pieces)
    assert " ".join(unit.text for unit in pieces) == long + "."


def test_a_sentence_without_white_space_is_cut_hard():
    units = split_sentences("a" * 2500)
    assert [len(unit.text) for unit in units] == [1000, 1000, 500]
    assert all(unit.split_long for unit in units)


def test_a_long_run_of_white_space_in_a_long_line_does_not_mark_short_sentences():
    units = split_sentences("He left." + " " * 5000 + "She stayed. Then " + "word " * 1000)
    assert [unit.text for unit in units[:2]] == ["He left.", "She stayed."]
    assert [unit.split_long for unit in units[:2]] == [False, False]
    assert all(unit.split_long for unit in units[2:])


def test_sentences_reports_the_split():
    docs = pd.DataFrame({"doc_id": ["a"], "text": ["Short. " + "b " * 1500 + "end."]})
    rows = analysis.sentences(docs)
    assert rows["split_long"].tolist() == [False, True, True, True, True]
    assert rows["text"].str.len().max() <= MAX_SENTENCE_CHARS


def test_a_long_line_is_split_as_punkt_splits_it_whole(seed_docs):
    # Every seed sentence on one line: read through windows, the line splits exactly as Punkt
    # splits it in one go.
    line = " ".join(seed_docs["text"].str.replace("\n", " "))
    assert len(line) > 5 * text_module.PUNKT_WINDOW
    # (Punkt's lone "." of 000 is no sentence: split_sentences leaves it out.)
    expected = [s for s in text_module._punkt().tokenize(line) if s != "."]
    assert max(map(len, expected)) <= MAX_SENTENCE_CHARS
    assert [unit.text for unit in split_sentences(line)] == expected


_sentence = st.builds(
    lambda words, end: " ".join(words).capitalize() + end,
    st.lists(
        st.sampled_from(["war", "peace", "Dr.", "U.S.", "a", "12.000", "x" * 40]),
        min_size=1,
        max_size=30,
    ),
    st.sampled_from([".", "!", "?", "", "..."]),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_sentence, min_size=1, max_size=40))
def test_windows_split_as_punkt_does_and_cut_only_long_sentences(sentences):
    # A small bound and window, so that short generated lines cross many windows.
    line = " ".join(sentences)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(text_module, "MAX_SENTENCE_CHARS", 60)
        patch.setattr(text_module, "PUNKT_WINDOW", 240)
        units = text_module._line_sentences(line)
    assert all(len(unit.text) <= 60 for unit in units)
    # The sentences within the bound are Punkt's own, in order; longer ones come as pieces
    # marked split_long; nothing is lost or added.
    whole = text_module._punkt().tokenize(line)
    assert [u.text for u in units if not u.split_long] == [s for s in whole if len(s) <= 60]
    assert "".join(u.text for u in units).replace(" ", "") == line.replace(" ", "")


N = 1_000_000


@pytest.mark.parametrize(
    "line",
    [
        "a" * N,
        "1" * N,
        ("we will not stop until every family has " * (N // 40))[:N],
        ("Sanctions bite. Trade falls. " * (N // 290))[: N // 10],
        "<" * N,
        "#" * N,
    ],
    ids=["one letter", "digits", "no punctuation", "sentences", "less-than", "hashes"],
)
def test_a_million_character_line_splits_in_linear_time(line):
    units = split_sentences(line)
    assert all(len(unit.text) <= MAX_SENTENCE_CHARS for unit in units)
    if "." not in line:  # one sentence of a million characters: every piece is marked
        assert all(unit.split_long for unit in units)
    assert "".join(unit.text for unit in units).replace(" ", "") == line.replace(" ", "")
    tokenize(line)


# --- Punctuation alone is not a sentence ----------------------------------------------------


def test_a_lone_full_stop_is_not_a_sentence():
    # Punkt splits the second "." of "regions. ." off as a sentence of its own (000).
    units = [unit.text for unit in split_sentences("It worries many regions. .\nThe end!\n!!! ...")]
    assert units == ["It worries many regions.", "The end!"]
    docs = pd.DataFrame({"doc_id": ["a"], "text": ["Trade grew. . Sanctions bite. ?!"]})
    assert analysis.sentences(docs)["text"].tolist() == ["Trade grew.", "Sanctions bite."]


def test_no_seed_sentence_is_punctuation_alone(seed_docs):
    texts = analysis.sentences(seed_docs)["text"]
    assert texts.str.contains(r"[^\W_]").all()
    assert "." not in set(texts)


# --- Sure breaks first, Punkt for the rest ----------------------------------------------

_PIECES = [
    "Dr", "Mr", "U.S", "a", "A", "É", "é", "12", "3.5", "-4", ",5", "x", "The", "the", "...",
    "..", ".", "?", "!", "?!", " ", "  ", "(", ")", '"', "'", "\u201d", "\u2019", "\u00ab", ",",
    ";", ":", "-", "--", "e.g", "St", "_", "\t", "\n", "\x1c", "\u2028", "\u00a0", "$", "1990s",
    "K", "no", "Jan", "vs", "²", "中", "u.s.a", "x-jr", ". .", "[", "]", "*", "@", "word", "Zoo",
    "ab", "Jr", "élan", "co-op", "A.B", "x\u0301",
]  # fmt: skip
_ENDS = ["", " ", ".", ". ", ".  ", "? ", "! ", '." ', ".) ", " . ", ". (", ".\t", "\n"]


def test_punkt_spans_are_nltks_on_the_seeds(seed_docs):
    punkt = text_module._punkt()
    for body in seed_docs["text"]:
        for line in [body, *body.split("\n")]:
            assert text_module._punkt_spans(line) == list(punkt.span_tokenize(line))


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_ENDS)), max_size=14))
def test_punkt_spans_are_nltks_on_generated_text(pieces):
    # Abbreviations, initials, numbers, quotes and brackets after a full stop, ellipses, odd
    # white space (U+001C, which re and the regex module disagree on, included).
    line = "".join(piece + end for piece, end in pieces)
    assert text_module._punkt_spans(line) == list(text_module._punkt().span_tokenize(line))
