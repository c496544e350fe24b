"""Every public function on a corpus that is not the seeds, with its defaults.

Three regions instead of two sides (one region has a single document), the user's own id and
metadata columns, a reprint marked by ``duplicate_of``. Nothing may assume the seeds: no output
or error may speak of critical or favourable accounts or name a seed document.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

import analysis

SEED_WORDS = re.compile(r"critical|favourable|\baccount|\b00[0-4]\b", re.IGNORECASE)
ACTORS = {"Council": ["council"], "Market": ["market"]}


def assert_no_seed_words(table: pd.DataFrame) -> None:
    text = table.to_csv(index=False) + " ".join(map(str, table.columns))
    found = SEED_WORDS.search(text)
    assert found is None, f"seed vocabulary in a result: {found.group(0)!r}"


def test_the_corpus_keeps_the_users_columns(other_corpus):
    assert {"region", "speaker", "year", "duplicate_of"} <= set(other_corpus.columns)
    assert other_corpus["doc_id"].iloc[0] == "n00"
    assert other_corpus["year"].dtype.kind == "i"


@pytest.mark.parametrize(
    "call",
    [
        lambda c: analysis.cleaning_report(c),
        lambda c: analysis.cleaning_summary(c),
        lambda c: analysis.sentences(c),
        lambda c: analysis.top_terms(c),
        lambda c: analysis.top_terms(c, group="region"),
        lambda c: analysis.tfidf(c).frame(),
        lambda c: analysis.keyness(c, group="region", target="east"),
        lambda c: analysis.keyness(c, group="region", target="north", reference="south"),
        lambda c: analysis.keyness(
            c, group="region", target="north", reference="east", method="chi2"
        ),
        lambda c: analysis.document_counts(c, ["rain", "grain"]),
        lambda c: analysis.kwic(c, "council"),
        lambda c: analysis.collocations(c),
        lambda c: analysis.collocations(c, group="region"),
        lambda c: analysis.similarity(c),
        lambda c: analysis.near_duplicates(c),
        lambda c: analysis.lexicon_coverage(c),
        lambda c: analysis.unknown_words(c),
        lambda c: analysis.word_shift(c, group="region", target="south", reference="north"),
        lambda c: analysis.mention_counts(c, actors=ACTORS),
    ],
    ids=lambda call: "",
)
def test_document_functions_run_with_defaults(other_corpus, call):
    result = call(other_corpus)
    assert isinstance(result, pd.DataFrame) and len(result)
    assert_no_seed_words(result)


@pytest.fixture(scope="module")
def scored(other_corpus):
    return analysis.sentence_sentiment(other_corpus)


@pytest.mark.parametrize(
    "call",
    [
        lambda s: analysis.sentiment_summary(s),
        lambda s: analysis.sentiment_summary(s, group="region"),
        lambda s: analysis.actor_sentiment(s, actors=ACTORS),
        lambda s: analysis.actor_sentiment(s, actors=ACTORS, group="region"),
        lambda s: analysis.same_event(
            s, group="region", target="north", reference="south", threshold=0
        ),
        lambda s: analysis.same_event(
            s, group="region", target="east", reference="south", about="Council", actors=ACTORS
        ),
        lambda s: analysis.align_translation(s, translation="n00-reprint", original="n00"),
        lambda s: analysis.lexicon_agreement(s.join(analysis.score_pattern(s["text"]))),
    ],
    ids=lambda call: "",
)
def test_sentence_functions_run_with_defaults(scored, call):
    result = call(scored)
    assert isinstance(result, pd.DataFrame) and len(result)
    assert_no_seed_words(result)


def test_sentences_carry_the_users_metadata(scored):
    assert {"region", "speaker", "year"} <= set(scored.columns)


def test_pooling_drops_the_reprint_and_per_document_keeps_it(other_corpus, scored):
    per_region = analysis.sentiment_summary(scored, group="region").set_index("region")
    assert per_region.loc["north", "documents"] == 12  # the reprint is not a 13th document
    per_document = analysis.sentiment_summary(scored)
    assert "n00-reprint" in set(per_document["doc_id"])
    with_reprint = analysis.sentiment_summary(scored, group="region", include_variants=True)
    assert with_reprint.set_index("region").loc["north", "documents"] == 13
    key = analysis.keyness(other_corpus, group="region", target="north")
    assert key["docs_target"].max() <= 12


def test_a_group_of_one_document(scored):
    east = analysis.sentiment_summary(scored, group="region").set_index("region").loc["east"]
    assert east["documents"] == 1 and east["sentences"] >= 3


@pytest.mark.parametrize(
    ("call", "names"),
    [
        (lambda c: analysis.keyness(c, group="region", target="west"), ["target", "'west'"]),
        (lambda c: analysis.keyness(c, group="party", target="x"), ["'party'"]),
        (
            lambda c: analysis.keyness(c, group="region", target="north", reference="north"),
            ["differ"],
        ),
        (lambda c: analysis.keyness(c, group="region", target="east", method="z"), ["method"]),
        (lambda c: analysis.top_terms(c, n=0), ["n", "0"]),
        (lambda c: analysis.kwic(c, "("), ["query", "'('"]),
        (lambda c: analysis.kwic(c, "rain", window=-1), ["window"]),
        (lambda c: analysis.sentences(c, text="body"), ["'body'"]),
        (lambda c: analysis.near_duplicates(c, threshold=2), ["threshold"]),
        (
            lambda c: analysis.word_shift(c, group="region", target="north", reference="x"),
            ["reference", "'x'"],
        ),
    ],
)
def test_bad_arguments_name_the_argument_and_value(other_corpus, call, names):
    with pytest.raises((ValueError, KeyError, TypeError)) as caught:
        call(other_corpus)
    message = str(caught.value)
    for name in names:
        assert name in message
    assert "Traceback" not in message


@pytest.mark.parametrize(
    "call",
    [
        lambda c: analysis.sentences(c),
        lambda c: analysis.top_terms(c),
        lambda c: analysis.top_terms(c, group="region"),
        lambda c: analysis.kwic(c, "rain"),
        lambda c: analysis.collocations(c, group="region"),
        lambda c: analysis.similarity(c),
        lambda c: analysis.near_duplicates(c),
        lambda c: analysis.lexicon_coverage(c),
        lambda c: analysis.unknown_words(c),
        lambda c: analysis.sentence_sentiment(c),
        lambda c: analysis.mention_counts(c, actors=ACTORS),
        lambda c: analysis.document_counts(c, ["rain"]),
    ],
    ids=lambda call: "",
)
def test_empty_input_gives_an_empty_table_with_its_columns(other_corpus, call):
    full = call(other_corpus)
    empty = call(other_corpus.iloc[:0])
    assert empty.empty
    assert list(empty.columns) == list(full.columns)
