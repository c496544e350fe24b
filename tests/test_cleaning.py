"""Cleaning: each rule on its example, the seeds before and after, and properties of the whole."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis.cleaning import RULES, clean_text_with_changes, is_heading


def apply_one(rule, text):
    """Apply a single rule the way clean_text does, without the others."""
    out, position = [], 0
    for start, end, replacement in rule.find(text):
        out += [text[position:start], replacement]
        position = end
    return "".join(out) + text[position:]


@pytest.mark.parametrize("rule", RULES, ids=[rule.name for rule in RULES])
def test_each_rule_turns_its_example_into_its_after(rule):
    assert apply_one(rule, rule.before) == rule.after
    assert rule.reason


def test_rule_names_are_unique():
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))


# (doc_id, text in the raw seed, what cleaning must leave in its place or None for nothing)
SEED_CASES = [
    (
        "001",
        "## Russian counter-offensive in the international arena",
        "Russian counter-offensive in the international arena",
    ),
    ("001", "he <u>cherishes no illusions</u> regarding", "he cherishes no illusions regarding"),
    ("001", "Dr. Pavel K. Baev is a Research Professor", None),
    ("001", "To cite this work:", None),
    ("001", "All on-line and print rights reserved", None),
    ("001", "www.uikpanorama.com/blog", None),
    ("001", "some 12.000 elite troops", "some 12.000 elite troops"),
    ("001", "Washington D.C. President-elect", "Washington D.C. President-elect"),
    ("003", "Skip to content", None),
    ("003", "Home \u00bb Putin", None),
    ("003", "Last Updated on 11/07/2024 by wccexam Desk", None),
    ("003", "in Ukraine. [3] Just last month", "in Ukraine. Just last month"),
    ("003", "Putin\u2019s Diplomatic\u00a0Offensive", "Putin's Diplomatic Offensive"),
    ("000", "Photo: Ayhan Altun / Getty Images", None),
    ("000", "The territorial gainshowever, it", "The territorial gains however, it"),
    ("000", "at its best middle levelbut close", "at its best middle level but close"),
    ("000", "Elections in Moldovabut a large", "Elections in Moldova but a large"),
    ("004", "what is the reason?There are", "what is the reason? There are"),
    ("004", "Belt and Road SummitIn May", "Belt and Road Summit\nIn May"),
    ("004", "support for Ukraine;Poland's", "support for Ukraine; Poland's"),
    ("004", "many other ** called Putin", "many other called Putin"),
    ("004", "Ukraine's **Zelensky.", "Ukraine's Zelensky."),
    (
        "004",
        "in 2024. Follow-up to the Russian-Ukrainian war",
        "in 2024.\nFollow-up to the Russian-Ukrainian war",
    ),
]


@pytest.mark.parametrize(("doc_id", "raw", "clean"), SEED_CASES)
def test_cleaning_the_seeds(seed_corpus, doc_id, raw, clean):
    document = seed_corpus.set_index("doc_id").loc[doc_id]
    assert raw in document["raw_text"]
    if clean is None:
        assert raw not in document["text"]
    else:
        assert clean in document["text"]


def test_the_title_is_kept_once_in_003(seed_corpus):
    text = seed_corpus.set_index("doc_id").loc["003", "text"]
    assert text.count("Diplomatic Offensive Amid Western Isolation") == 1
    assert text.startswith("Putin's Diplomatic Offensive Amid Western Isolation\n")


def test_section_headings_are_kept_on_their_own_line(seed_corpus):
    texts = seed_corpus.set_index("doc_id")["text"]
    lines = {doc_id: text.split("\n") for doc_id, text in texts.items()}
    assert "Continuation of the attack" in lines["000"]
    assert "Looking Ahead" in lines["002"]
    assert "The Limits of Western Isolation" in lines["003"]
    for doc_id in ("000", "002", "003"):
        assert sum(map(is_heading, lines[doc_id])) >= 5, doc_id


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Key Achievements in Eurasian Security and Integration", True),
        ("BRICS: the image of a victorious and confident Russia", True),
        ("Show confidence", True),
        ("Putin excels at pretending confidence.", False),
        ("In March 2023, Putin visited China and attended the 3rd Belt and Road Summit", False),
        ("lower case start", False),
        ("", False),
    ],
)
def test_is_heading(line, expected):
    assert is_heading(line) is expected


def test_cleaning_never_lowercases_or_strips_punctuation():
    raw = "This is GREAT!!! But it isn't, is it?"
    assert analysis.clean_text(raw) == raw


def test_report_accounts_for_every_character(seed_corpus):
    report = analysis.cleaning_report(seed_corpus)
    assert list(report.columns) == ["doc_id", "rule", "removed", "replacement", "start", "end"]
    for _, document in seed_corpus.iterrows():
        changes = report[report["doc_id"] == document["doc_id"]]
        net = (changes["removed"].str.len() - changes["replacement"].str.len()).sum()
        assert len(document["raw_text"]) - len(document["text"]) == net, document["doc_id"]


def test_report_offsets_point_into_the_raw_text(seed_corpus):
    # 001 has no characters that the unicode rule changes, so every removal can be found at
    # its offsets in the raw text exactly as the rule saw it.
    raw = seed_corpus.set_index("doc_id").loc["001", "raw_text"]
    report = analysis.cleaning_report(seed_corpus)
    removals = report[(report["doc_id"] == "001") & (report["rule"] != "layout")]
    assert len(removals) > 40
    for _, change in removals.iterrows():
        assert raw[change["start"] : change["end"]] == change["removed"], change["rule"]


def test_summary_counts_before_and_after(seed_corpus):
    summary = analysis.cleaning_summary(seed_corpus).set_index("doc_id")
    assert summary.loc["001", "chars_raw"] == len(seed_corpus.loc[1, "raw_text"])
    assert summary.loc["001", "author_bio"] == 1
    assert summary.loc["004", "censor_marks"] == seed_corpus.loc[4, "raw_text"].count("**")
    assert (summary["chars_clean"] <= summary["chars_raw"]).all()
    assert summary["changes"].sum() == len(analysis.cleaning_report(seed_corpus))


def test_report_and_summary_reject_a_bare_list():
    with pytest.raises(TypeError, match="DataFrame"):
        analysis.cleaning_report(["a text"])


# Ten body sentences or more, from all five seeds, that cleaning must leave untouched.
BODY_SENTENCES = {
    "000": [
        "Putin's desire to play a central role in global affairs will be frustrated, which could make his behavior more erratic and dangerous.",
        "Even greater efforts were aimed at bringing Georgia closer to Russia's political center of gravity.",
    ],
    "001": [
        "The territorial gains, nevertheless, are meagre, and the casualties are mounting so high that the recruitment cannot compensate for the losses.",
        "The summit was organized with great fanfare, but its real impact was limited at best, and the idea of creating a new currency, which invited the ire of US president-elect Donald Trump, remains squarely in the far-fetched category.",
        "Sober self-evaluation has never been his forte, but the denials of accumulating problems in Russian war-distorted economy and the dismissals of such setbacks as Syria as inconsequential can work only that far.",
    ],
    "002": [
        "The strategic partnership with China reached new heights following President Putin's visit to Beijing in May, with mutual trade surpassing $240 billion and payments predominantly conducted in national currencies.",
        "Notably, Belarus became a full SCO member, and the CSTO enhanced its mechanisms for countering terrorism, drug trafficking, and cybercrime.",
    ],
    "003": [
        "These visits to U.S. partners in Asia are significant, as they demonstrate Putin's ability to maintain and even deepen relationships with countries that the West has courted as allies in its efforts to counter Russian and Chinese influence.",
        "This development is seen as a significant escalation, as it brings another nuclear-armed state into the conflict and further complicates any efforts by the West to isolate Putin.",
    ],
    "004": [
        "In October 2023, a new round of Palestinian-Israeli conflict broke out.",
        "After all, the CIS countries have always been a priority for Russian diplomacy.",
        "Russia is a large agricultural country, and food has a huge impact on the African economy.",
    ],
}


@pytest.mark.parametrize("doc_id", sorted(BODY_SENTENCES))
def test_body_sentences_survive_verbatim(seed_corpus, doc_id):
    text = seed_corpus.set_index("doc_id").loc[doc_id, "text"]
    for sentence in BODY_SENTENCES[doc_id]:
        assert sentence in text


def test_at_least_ten_body_sentences_are_checked():
    assert sum(map(len, BODY_SENTENCES.values())) >= 10


# Generated text: words, seed-like debris, punctuation, quotes and white space.
_tokens = st.sampled_from(
    [
        "Russia",
        "summit",
        "the",
        "but",
        "GREAT",
        "gains",
        "however",
        "In",
        "May",
        "Summit",
        "U.S.",
        "12.000",
        "$240",
        "J2-8243",
        "**",
        "*",
        "[3]",
        "<u>",
        "</u>",
        "##",
        "#",
        "Skip to content",
        "Home »",
        "Photo:",
        "Last Updated on 1/2/2024 by Desk",
        ".",
        ",",
        "!",
        "?",
        ";",
        ":",
        "-",
        "\u2019",
        "\u201c",
        "\u201d",
        "\u00a0",
        "\t",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\n\n\n",
        "é",
        "e\u0301",
        "\ufb01",
        "\u200b",
        "(",
        ")",
        "[",
        "]",
    ]
)
_documents = st.lists(_tokens, max_size=60).map("".join) | st.text(max_size=200)


@settings(max_examples=400, deadline=None)
@given(_documents)
def test_clean_text_is_idempotent(raw):
    once = analysis.clean_text(raw)
    assert analysis.clean_text(once) == once


@settings(max_examples=200, deadline=None)
@given(_documents)
def test_clean_text_is_deterministic_and_accounts_for_itself(raw):
    text, changes = clean_text_with_changes(raw)
    assert analysis.clean_text(raw) == text
    assert len(raw) - len(text) == sum(len(c.removed) - len(c.replacement) for c in changes)
    assert all(0 <= c.start <= c.end <= len(raw) for c in changes)
