"""Framing markers: matching, scare quotes, counts and rates worked out by hand, any corpus."""

from __future__ import annotations

import importlib
import math
import re

import numpy as np
import pandas as pd
import pytest
from test_any_corpus import assert_no_seed_words

import analysis as an
from analysis import plots

fr = importlib.import_module("analysis.framing")  # analysis.framing is the function


def docs_of(*texts, **columns):
    frame = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": list(texts)})
    for name, values in columns.items():
        frame[name] = values
    return frame


def markers_of(rows):
    return pd.DataFrame(rows, columns=["category", "marker", "pattern", "case"][: len(rows[0])])


def matched(text, markers=None, **options):
    rows = pd.DataFrame({"text": [text]})
    found = an.find_markers(rows, markers=markers, window=0, **options)
    return list(zip(found["category"], found["marker"], found["match"], strict=True))


# --- The shipped lexicons --------------------------------------------------------------------


def test_the_shipped_lexicons_are_read_with_their_sources():
    table = an.read_markers()
    assert fr.marker_files() == [
        "attribution_distancing.csv",
        "evidentials.csv",
        "hedges_boosters.csv",
        "naming.csv",
    ]
    assert list(table.columns) == list(fr.MARKER_COLUMNS)
    assert set(table["category"]) == set(fr.CATEGORIES)
    # Each list is the project's own and says which published category it follows.
    assert table["source"].str.startswith("Project's own list").all()
    assert table.loc[table["category"] == "hedge", "source"].str.contains("Hyland 2005").all()
    assert table.loc[table["category"] == "distancing", "source"].str.contains("Somasundaran").all()
    # A form counts in one shipped category only, so that categories can be added up.
    assert not table.duplicated(["case", "pattern"]).any()
    assert set(table.loc[table["category"] == "naming", "concept"]) == {"war", "other"}
    assert (table.loc[table["category"] != "naming", "concept"] == "").all()


def test_the_issues_forms_are_in_the_shipped_lists():
    table = an.read_markers().set_index("pattern")
    expected = {
        "war": "naming",
        "conflict": "naming",
        "special military operation": "naming",
        "invasion": "naming",
        "aggression": "naming",
        "crisis": "naming",
        "so-called": "distancing",
        "alleged": "distancing",
        "purported": "distancing",
        "tries to claim": "distancing",
        "reportedly": "attribution",
        "according to": "attribution",
        "apparently": "evidential",
        "indeed": "booster",
        "obviously": "booster",
        "definitely": "booster",
        "perhaps": "hedge",
    }
    assert {form: table.loc[form, "category"] for form in expected} == expected


# --- Matching --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "A warrant was issued.",
        "The software award.",
        "The post-war order.",
        "A war-torn town.",
        "Swarms of drones.",
    ],
)
def test_a_form_is_not_found_inside_another_word(text):
    assert [m for m in matched(text) if m[1] == "war"] == []


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("The war ended.", "war"),
        ("THE WAR ENDED.", "WAR"),
        ("The War's end.", "War"),
        ("End the war", "war"),
        ("(war)", "war"),
    ],
)
def test_a_form_is_found_on_word_boundaries_whatever_its_case(text, surface):
    assert ("naming", "war", surface) in matched(text)


def test_multi_word_forms_span_any_white_space_and_the_longest_wins():
    text = "Lavrov tries  to claim success, according\tto his claims, in the Cold War style."
    assert matched(text, scare_quotes=False) == [
        ("distancing", "tries to claim", "tries  to claim"),
        ("attribution", "according to", "according\tto"),
        ("distancing", "claim", "claims"),
        ("naming", "cold war", "Cold War"),
    ]


def test_cold_war_is_not_a_name_of_the_war():
    docs = docs_of("The Cold War ended; this war goes on.")
    names = an.naming(docs)
    assert names[["marker", "count"]].to_numpy().tolist() == [["war", 1]]


def test_a_case_sensitive_form_keeps_may_the_month_out_of_the_hedges():
    assert matched("In May, talks may resume.") == [("hedge", "may", "may")]
    rows = [
        ("hedge", "may", "may", "sensitive"),
        ("hedge", "may be", "may be", ""),  # insensitive: overlaps the sensitive one
    ]
    found = matched("May be so. It may be so. It may.", markers_of(rows))
    assert found == [
        ("hedge", "may be", "May be"),
        ("hedge", "may be", "may be"),
        ("hedge", "may", "may"),
    ]


def test_one_form_in_two_categories_counts_in_each():
    rows = [("hedge", "apparently", "apparently"), ("evidential", "apparently", "Apparently")]
    assert matched("It apparently works.", markers_of(rows)) == [
        ("hedge", "apparently", "apparently"),
        ("evidential", "apparently", "apparently"),
    ]


def test_find_markers_gives_kwic_lines_with_offsets_and_keeps_the_units_columns():
    units = pd.DataFrame(
        {"doc_id": ["a"], "sent_id": [4], "text": ["One two three so-called four five six."]}
    )
    found = an.find_markers(units, window=2)
    assert found.to_dict("records") == [
        {
            "doc_id": "a",
            "sent_id": 4,
            "category": "distancing",
            "concept": "",
            "marker": "so-called",
            "match": "so-called",
            "left": "two three",
            "right": "four five",
            "start": 14,
            "end": 23,
        }
    ]
    text = units["text"].iloc[0]
    assert text[found["start"].iloc[0] : found["end"].iloc[0]] == "so-called"


def _reference_matches(text, forms):
    """Leftmost-longest matching on hyphen-aware word boundaries, one form at a time."""
    lowered, found, i = text.lower(), [], 0
    while i < len(text):
        if i == 0 or not (lowered[i - 1].isalnum() or lowered[i - 1] in "_-"):
            ends = [
                i + len(form)
                for form in forms
                if lowered.startswith(form, i)
                and (i + len(form) == len(text) or not re.match(r"[\w-]", text[i + len(form)]))
            ]
            if ends:
                found.append(text[i : max(ends)])
                i = max(ends)
                continue
        i += 1
    return found


def test_the_single_compiled_trie_agrees_with_matching_form_by_form():
    rng = np.random.default_rng(3)
    letters = list("ab")
    forms = sorted({"".join(rng.choice(letters, rng.integers(1, 5))) for _ in range(40)})
    forms += ["ab ba", "a b"]
    table = pd.DataFrame({"category": "c", "marker": forms, "pattern": forms})
    words = ["".join(rng.choice(letters, rng.integers(1, 6))) for _ in range(400)]
    separators = rng.choice([" ", "-", ", ", " "], len(words))
    text = "".join(w + s for w, s in zip(words, separators, strict=True)).upper()
    found = an.find_markers(pd.DataFrame({"text": [text]}), markers=table, scare_quotes=False)
    assert found["match"].tolist() == _reference_matches(text, forms)
    assert len(found) > 50
    # One compiled expression for the whole lexicon, whatever its size.
    assert len(fr._Matcher(an.read_markers(table)).patterns) == 1


# --- A user's lexicon ------------------------------------------------------------------------


def test_a_users_csv_lexicon_is_read_and_used(tmp_path):
    path = tmp_path / "weather.csv"
    path.write_text(
        "category,marker,pattern,source\nweather,storm,storm,mine\nweather,storm,storms,mine\n"
        "weather,rain,heavy  rain,mine\n",
        encoding="utf-8",
    )
    table = an.read_markers(path)
    assert table[["category", "concept", "marker", "pattern", "case"]].values.tolist() == [
        ["weather", "", "storm", "storm", "insensitive"],
        ["weather", "", "storm", "storms", "insensitive"],
        ["weather", "", "rain", "heavy rain", "insensitive"],
    ]
    docs = docs_of("Storms and heavy rain. A storm.", "Sun.")
    counts = an.framing(docs, markers=path, scare_quotes=False)
    assert counts[["doc_id", "marker", "count", "sent_ids"]].values.tolist() == [
        ["d0", "storm", 2, (0, 1)],
        ["d0", "rain", 1, (0,)],
        ["d1", "storm", 0, ()],
        ["d1", "rain", 0, ()],
    ]
    (tmp_path / "more.csv").write_text("category,marker,pattern\nsun,sun,sun\n", encoding="utf-8")
    assert set(an.read_markers(tmp_path)["category"]) == {"weather", "sun"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("category,pattern\nhedge,may\n", r"missing column\(s\) \['marker'\]"),
        ("category,marker,pattern\nhedge,may,\n", "row 2 has an empty pattern"),
        ("category,marker,pattern,case\nhedge,may,may,upper\n", "row 2: case='upper'"),
        ("category,marker,pattern\nscare_quote,q,quote\n", "kept for the scare-quote rule"),
        ("category,marker,pattern\nhedge,a,-may\n", "must begin and end with a letter"),
        ("category,marker,pattern\nhedge,a,may\nhedge,b,May\n", "given to several markers"),
    ],
)
def test_a_bad_lexicon_is_refused_naming_the_file_and_line(tmp_path, content, message):
    path = tmp_path / "mine.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message) as error:
        an.read_markers(path)
    assert "mine.csv" in str(error.value)


def test_read_markers_refuses_what_it_cannot_read(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file"):
        an.read_markers(tmp_path / "absent.csv")
    with pytest.raises(FileNotFoundError, match="holds no CSV file"):
        an.read_markers(tmp_path)
    with pytest.raises(TypeError, match="got int"):
        an.read_markers(3)


# --- Scare quotes ----------------------------------------------------------------------------

HAND_MADE = [
    ('Russia is "importing" troops.', "importing", "scare quote"),
    ("The 'liberation' of the town.", "liberation", "scare quote"),
    ("The Kremlin's 'victory' was costly.", "victory", "scare quote"),
    ("Russia is \u201cimporting\u201d troops.", "importing", "scare quote"),
    ('"Victory" is what the papers print.', "Victory", "scare quote"),
    ('He said it was "a victory".', "a victory", "reported speech: 'said' before it"),
    ('The minister spoke: "victory".', "victory", "reported speech: after a colon"),
    ('"Never," he replied.', "Never,", "quoted utterance: ends in ,"),
    ('"Victory" said the minister.', "Victory", "reported speech: 'said' after it"),
    ('"We will win."', "We will win.", "the whole sentence is quoted"),
    ('They read the "Washington Post" daily.', "Washington Post", "name or title"),
    ('The term "special operation" is used.', "special operation", "mention of a word"),
    ('A "phrase of more than four words" here.', "phrase of more than four words", "quotation"),
]


@pytest.mark.parametrize(("sentence", "quote", "reason"), HAND_MADE)
def test_scare_quotes_against_reported_speech_on_hand_made_sentences(sentence, quote, reason):
    found = an.quoted_phrases(pd.DataFrame({"text": [sentence]}))
    assert found["quote"].tolist() == [quote]
    assert found["reason"].iloc[0].startswith(reason)
    assert found["scare_quote"].iloc[0] == (reason == "scare quote")
    is_marker = [m for m in matched(sentence) if m[0] == fr.SCARE_QUOTE]
    assert len(is_marker) == (reason == "scare quote")


def test_a_speech_verb_far_before_the_quote_does_not_make_it_reported():
    far = 'He said that the plan, which nobody in the capital had yet read, was "final".'
    near = 'He said the plan was "final".'
    verdict = an.quoted_phrases(pd.DataFrame({"text": [far, near]}))["scare_quote"].tolist()
    assert verdict == [True, False]


@pytest.fixture(scope="module")
def seed_units(seed_corpus):
    return an.sentences(seed_corpus)


def test_scare_quotes_on_the_seeds_own_cases(seed_units):
    quotes = an.quoted_phrases(seed_units).set_index(["doc_id", "quote"])["reason"]
    # 001 puts "importing" in scare quotes; its machine translation 000 keeps them.
    assert quotes[("001", "importing")] == "scare quote"
    assert quotes[("000", "importing")] == "scare quote"
    assert quotes[("001", "pole")] == "scare quote"
    # Lavrov's words, and the papers that called Putin the winner, are reported speech.
    assert quotes[("001", "path to nowhere")] == "reported speech: 'argues' before it"
    assert quotes[("000", "the road to nowhere")] == "reported speech: 'called' before it"
    assert quotes[("004", "winner of the year")] == "reported speech: 'called' before it"
    # Names in quotation marks are names.
    assert quotes[("004", "Washington Post")].startswith("name or title")
    assert quotes[("003", "Global South")].startswith("name or title")
    # A five-word quotation is not a scare quote.
    assert quotes[("004", "special and preferential strategic partner")].startswith("quotation")


# --- Counts and rates, worked out by hand ----------------------------------------------------


@pytest.fixture
def tiny():
    return docs_of(
        # 9 words: hedges perhaps, may; booster indeed; naming war.
        "Perhaps the war will end. It may, indeed, end.",
        # 9 words: distancing so-called; scare quote "victory"; attribution reportedly.
        'The so-called peace is a "victory" for nobody, reportedly.',
        # 3 words: nothing.
        "Sun and rain.",
        # A reprint of the first document.
        "Perhaps the war will end. It may, indeed, end.",
        side=["x", "x", "y", "x"],
        duplicate_of=["", "", "", "d0"],
    )


def test_counts_and_rates_per_category_by_hand(tiny):
    counts = an.framing(tiny, group="side", by="category")
    assert list(counts.columns) == [
        "doc_id",
        "side",
        "category",
        "count",
        "words",
        "per_1000_words",
        "sent_ids",
        "duplicate_of",
    ]
    table = counts.pivot(index="doc_id", columns="category", values="count")
    assert table.loc["d0"].to_dict() == {
        "naming": 1,
        "hedge": 2,
        "booster": 1,
        "attribution": 0,
        "distancing": 0,
        "evidential": 0,
        "scare_quote": 0,
    }
    assert table.loc["d1", ["distancing", "scare_quote", "attribution"]].tolist() == [1, 1, 1]
    assert table.loc["d2"].sum() == 0
    d0 = counts[counts["doc_id"] == "d0"].set_index("category")
    assert d0.loc["hedge", "words"] == 9
    assert d0.loc["hedge", "per_1000_words"] == pytest.approx(2 / 9 * 1000)
    assert d0.loc["hedge", "sent_ids"] == (0, 1)
    assert d0.loc["booster", "sent_ids"] == (1,)


def test_counts_per_marker_list_only_markers_the_texts_have(tiny):
    counts = an.framing(tiny.iloc[[0, 2]])
    assert counts[["doc_id", "marker", "count"]].values.tolist() == [
        ["d0", "war", 1],
        ["d0", "may", 1],
        ["d0", "perhaps", 1],
        ["d0", "indeed", 1],
        ["d2", "war", 0],
        ["d2", "may", 0],
        ["d2", "perhaps", 0],
        ["d2", "indeed", 0],
    ]


def test_group_rates_average_documents_with_an_interval_over_documents(tiny):
    counts = an.framing(tiny, group="side", by="category")
    summary = an.framing_summary(counts, group="side", seed=0).set_index(["side", "category"])
    hedge = summary.loc[("x", "hedge")]
    # The reprint d3 is left out: d0 (2 hedges in 9 words) and d1 (0 in 9).
    assert hedge["documents"] == 2
    assert hedge["count"] == 2
    assert hedge["words"] == 18
    assert hedge["pooled_per_1000_words"] == pytest.approx(2 / 18 * 1000)
    assert hedge["mean"] == pytest.approx((2 / 9 * 1000 + 0) / 2)
    # Resampling two documents: the mean of any resample lies between 0 and 2/9 per word.
    assert 0 <= hedge["ci_low"] <= hedge["mean"] <= hedge["ci_high"] <= 2 / 9 * 1000 + 1e-9
    # One document: no interval.
    assert math.isnan(summary.loc[("y", "hedge"), "ci_low"])
    assert summary.loc[("y", "hedge"), "mean"] == 0
    with_reprint = an.framing_summary(counts, group="side", include_variants=True)
    assert with_reprint.set_index(["side", "category"]).loc[("x", "hedge"), "documents"] == 3
    again = an.framing_summary(counts, group="side", seed=0)
    pd.testing.assert_frame_equal(again, summary.reset_index()[again.columns])


def test_summary_per_marker(tiny):
    counts = an.framing(tiny, group="side")
    summary = an.framing_summary(counts, group="side").set_index(["side", "marker"])
    assert summary.loc[("x", "perhaps"), "mean"] == pytest.approx(1 / 9 * 1000 / 2)
    assert summary.loc[("y", "perhaps"), "count"] == 0


def test_naming_shares_per_document_and_per_group():
    docs = docs_of(
        "The war, the war and the conflict.",
        "A conflict. An invasion.",
        "Nothing named.",
        "The war, the war and the conflict.",
        side=["x", "x", "y", "x"],
        duplicate_of=["", "", "", "d0"],
    )
    per_document = an.naming(docs)
    assert per_document.columns.tolist() == [
        "doc_id",
        "concept",
        "marker",
        "count",
        "total",
        "share",
        "sent_ids",
    ]
    d0 = per_document[per_document["doc_id"] == "d0"].set_index("marker")
    assert d0["count"].to_dict() == {"war": 2, "conflict": 1, "invasion": 0}
    assert d0["share"].to_dict() == pytest.approx({"war": 2 / 3, "conflict": 1 / 3, "invasion": 0})
    assert per_document.loc[per_document["doc_id"] == "d2", "share"].isna().all()
    per_side = an.naming(docs, group="side").set_index(["side", "marker"])
    # Pooled over d0 and d1; the reprint d3 is not counted twice.
    assert per_side.loc[("x", "conflict"), "count"] == 2
    assert per_side.loc[("x", "conflict"), "share"] == pytest.approx(2 / 5)
    assert per_side.loc[("x", "war"), "documents"] == 2
    assert math.isnan(per_side.loc[("y", "war"), "share"])


def test_naming_about_counts_only_sentences_that_mention_a_form():
    docs = docs_of("The war in Ukraine goes on. The trade conflict with Canada eased.")
    assert an.naming(docs)["count"].tolist() == [1, 1]
    about = an.naming(docs, about=["Ukraine"])
    assert about[["marker", "count"]].values.tolist() == [["war", 1]]


def test_naming_names_the_concepts_it_has():
    with pytest.raises(ValueError, match=r"concept='peace' has no names.*\['other', 'war'\]"):
        an.naming(docs_of("War."), concept="peace")


# --- The seeds ---------------------------------------------------------------------------------


def test_the_seeds_name_the_war_as_counted_in_the_raw_texts(seed_corpus):
    counts = an.naming(seed_corpus).pivot(index="doc_id", columns="marker", values="count")
    assert counts.loc["002", "war"] == 0  # the official-voice review never writes "war"
    assert counts.loc["002", "conflict"] == 1
    assert counts.loc["004", "conflict"] == 9
    assert counts.loc["003", "invasion"] == 3
    assert counts.loc["001", "war"] == 3


def test_the_critical_article_distances_and_boosts(seed_corpus):
    counts = an.framing(seed_corpus)
    of_001 = counts[counts["doc_id"] == "001"].set_index("marker")["count"]
    assert of_001["tries to claim"] == 1
    assert of_001["so-called"] == 1
    assert of_001["apparently"] == 1
    assert of_001["indeed"] == 4
    assert of_001["obviously"] == 2
    assert of_001["definitely"] == 1
    assert of_001["scare quotes"] == 4


# --- Any corpus ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda c: an.framing(c, by="category"),
        lambda c: an.framing(c, group="region", by="category"),
        lambda c: an.framing_summary(an.framing(c, group="region", by="category"), group="region"),
        lambda c: an.quoted_phrases(an.sentences(c)).reindex(columns=["doc_id", "quote"]),
    ],
    ids=["by category", "with a group", "summary", "quotes"],
)
def test_framing_runs_with_defaults_on_another_corpus(other_corpus, call):
    result = call(other_corpus)
    assert isinstance(result, pd.DataFrame)
    assert_no_seed_words(result)


def test_on_another_corpus_no_marker_appears_unless_the_texts_have_it(other_corpus):
    counts = an.framing(other_corpus, group="region")
    assert set(counts["marker"]) <= {"scare quotes"}
    names = an.naming(other_corpus, group="region")
    assert names.empty
    assert list(names.columns) == [
        "region",
        "concept",
        "marker",
        "count",
        "total",
        "share",
        "documents",
    ]
    by_category = an.framing(other_corpus, group="region", by="category")
    assert len(by_category) == len(other_corpus) * (len(fr.CATEGORIES) + 1)
    assert by_category["doc_id"].tolist()[:: len(fr.CATEGORIES) + 1] == list(other_corpus["doc_id"])
    summary = an.framing_summary(by_category, group="region")
    assert set(summary["region"]) == {"north", "south", "east"}
    assert summary.loc[summary["region"] == "east", "ci_low"].isna().all()


def test_a_users_lexicon_on_another_corpus(other_corpus):
    mine = pd.DataFrame(
        {
            "category": ["naming", "naming", "weather"],
            "concept": ["sea", "sea", ""],
            "marker": ["harbour", "ferry", "storm"],
            "pattern": ["harbour", "ferry", "storm"],
        }
    )
    names = an.naming(other_corpus, concept="sea", markers=mine, group="region")
    assert set(names["marker"]) == {"harbour", "ferry"}
    north = names[names["region"] == "north"]
    assert north["share"].sum() == pytest.approx(1)
    counts = an.framing(other_corpus, markers=mine, scare_quotes=False, by="category")
    assert set(counts["category"]) == {"naming", "weather"}
    expected = other_corpus["text"].str.count(r"(?i)\bstorm\b")
    storms = counts[counts["category"] == "weather"]["count"].to_numpy()
    assert (storms == expected.to_numpy()).all()


def test_empty_input_gives_empty_tables_with_their_columns():
    empty = docs_of()
    assert an.framing(empty).empty
    assert list(an.framing(empty, by="category").columns)[:3] == ["doc_id", "category", "count"]
    assert an.naming(empty).empty
    assert list(an.find_markers(pd.DataFrame({"text": []})).columns) == fr._RESULT_COLUMNS


def test_bad_arguments_are_named():
    docs = docs_of("War.")
    with pytest.raises(KeyError, match="'side'"):
        an.framing(docs, group="side")
    with pytest.raises(ValueError, match="by='doc'"):
        an.framing(docs, by="doc")
    with pytest.raises(ValueError, match="'d0' appears more than once"):
        an.framing(pd.concat([docs, docs]))
    with pytest.raises(KeyError, match="one rate column"):
        an.framing_summary(
            an.framing(docs, by="category").drop(columns="per_1000_words").assign(side="x"),
            group="side",
        )
    with pytest.raises(ValueError, match="'words'"):
        an.framing(docs.assign(words=1))
    with pytest.raises(TypeError, match=r"row \.iloc\[0\] of column 'text' is int"):
        an.find_markers(pd.DataFrame({"text": [3]}))


# --- Figures ---------------------------------------------------------------------------------


def test_the_figure_data_carry_the_sentences_behind_each_bar(tiny):
    units = an.sentences(tiny)
    counts = an.framing(tiny, group="side", by="category")
    data = plots.framing_plot_data(counts, units, tiny, group="side")
    row = data[(data["doc_id"] == "d0") & (data["category"] == "hedge")].iloc[0]
    assert row["sent_ids"] == "0 1"
    assert row["sentences"] == "Perhaps the war will end.\nIt may, indeed, end."
    empty = data[(data["doc_id"] == "d2") & (data["category"] == "hedge")].iloc[0]
    assert (empty["sent_ids"], empty["sentences"]) == ("", "")
    assert "duplicate_of" not in data.columns
    with pytest.raises(ValueError, match="document 'd0' has no sentence 1"):
        plots.framing_plot_data(counts, units[units["sent_id"] == 0], tiny)


def test_naming_figure_marks_a_document_that_never_names_the_concept():
    docs = docs_of("The war, the conflict.", "Nothing.")
    fig = plots.plot_naming(an.naming(docs))
    texts = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
    assert "none" in texts and "n = 2" in texts
    assert fig.get_suptitle() == "How each document names “war”: the share of each name"
    bars = [p for p in fig.axes[0].patches if p.get_width() > 0]
    assert sorted(round(p.get_width(), 3) for p in bars) == [0.5, 0.5]


def test_marker_rate_bars_have_the_rates_and_the_counts(tiny):
    counts = an.framing(tiny.iloc[:3], by="category")
    chosen = counts[counts["category"].isin(["hedge", "booster"])]
    fig = plots.plot_marker_rates(chosen)
    widths = sorted(round(p.get_width(), 3) for p in fig.axes[0].patches)
    assert widths == sorted(round(v, 3) for v in chosen["per_1000_words"])
    assert fig.get_suptitle() == "Markers per 1,000 words in each document: hedge, booster"
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend == ["hedge", "booster"]
