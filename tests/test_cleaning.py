"""Cleaning: profiles and specs, each rule on its example, the seeds under their specs, prose
that the general profile must leave alone, hostile input, and properties of the whole."""

from __future__ import annotations

import hashlib
import tracemalloc
import unicodedata

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis.cleaning import (
    PROFILES,
    RULES,
    clean_text,
    clean_text_with_changes,
    cleaning_report,
    cleaning_spec,
    cleaning_summary,
    is_heading,
    resolve_cleaning,
    rules_table,
)
from analysis.cleaning.base import _WORD

EVERY_RULE = " ".join(rule.name for rule in RULES)


def apply_one(rule, text):
    """Apply a single rule the way clean_text does, without the others."""
    out, position = [], 0
    for start, end, replacement in rule.find(text):
        out += [text[position:start], replacement]
        position = end
    return "".join(out) + text[position:]


# --- Rules and profiles -----------------------------------------------------------------------


@pytest.mark.parametrize("rule", RULES, ids=[rule.name for rule in RULES])
def test_each_rule_turns_its_example_into_its_after(rule):
    assert apply_one(rule, rule.before) == rule.after
    assert rule.reason


def test_no_rule_example_is_taken_from_the_seeds(seed_corpus):
    # The library speaks of no particular corpus: its examples are invented. Lines of three
    # words or fewer are the phrases a rule looks for ("Skip to content"), which any page has.
    seeds = " ".join(" ".join(text.split()) for text in seed_corpus["raw_text"]).casefold()
    taken = [
        (rule.name, line)
        for rule in RULES
        for example in (rule.before, rule.after)
        for line in (" ".join(part.split()).lstrip("# ").casefold() for part in example.split("\n"))
        if len(line.split()) > 3 and line in seeds
    ]
    assert taken == []
    assert "(00" not in " ".join(rule.reason for rule in RULES)


def test_rule_names_are_unique_and_profiles_name_rules():
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    assert set(PROFILES) == {"general", "none"}
    assert set(PROFILES["general"]) <= set(names)
    assert PROFILES["none"] == ()


def test_the_general_profile_is_markup_unicode_layout_and_lone_chrome_lines():
    assert set(PROFILES["general"]) == {
        "normalise_unicode",
        "skip_link",
        "html_comments",
        "html_code",
        "html_tags",
        "html_entities",
        "markdown_images",
        "markdown_links",
        "markdown_emphasis",
        "markdown_headings",
        "layout",
    }


# Markup as web pages and package documentation write it: what the general profile takes out,
# and what it must leave (the words a reader sees).
WEB_MARKUP = [
    ("Caf&eacute; &amp; bar&nbsp;&gt; &#8217;s &#x2019;", "Café & bar > 's '"),
    ("<P\n>Text.</P\n>", "Text."),
    ("<acronym>GNU</acronym> and <svg><path d='M0'/></svg>tools", "GNU and tools"),
    ('<script async src="x.js">var x = 1;</script>Prose.', "Prose."),
    ("<STYLE type='text/css'>p { margin: 0 }</STYLE>Prose.", "Prose."),
    ("<!DOCTYPE html><!-- a\ncomment -->Prose.", "Prose."),
    ("![CI badge](https://x.org/b.svg) Prose.", "CI badge Prose."),
    ("a<b and c>d; 5*3 = 15; AT&T; x &y; 1 <!-- 2", "a<b and c>d; 5*3 = 15; AT&T; x &y; 1 <!-- 2"),
]


@pytest.mark.parametrize(("raw", "clean"), WEB_MARKUP)
def test_general_cleaning_of_web_markup(raw, clean):
    assert clean_text(raw) == clean


def test_unclosed_blocks_are_linear_and_left_alone():
    raw = "<!-- <script> " * 50_000 + "Prose."
    assert clean_text(raw).endswith("Prose.")


def test_rules_table_lists_every_rule_with_its_profile_in_order():
    table = rules_table()
    assert list(table.columns) == ["order", "rule", "profile", "reason", "example"]
    assert table["rule"].tolist() == [rule.name for rule in RULES]
    assert table["order"].tolist() == list(range(1, len(RULES) + 1))
    profiles = dict(zip(table["rule"], table["profile"], strict=True))
    assert profiles["layout"] == "general"
    assert profiles["author_bio"] == "opt-in"
    assert profiles["citation_marks"] == "opt-in"
    assert (table["profile"] == "general").sum() == len(PROFILES["general"])


# --- Specs --------------------------------------------------------------------------------


def names(spec):
    return [rule.name for rule in resolve_cleaning(spec)]


def test_none_and_blank_specs_are_the_general_profile():
    general = [rule.name for rule in RULES if rule.name in PROFILES["general"]]
    assert names(None) == general
    assert names("general") == general
    assert names("") == general
    assert names("  ") == general
    assert names([]) == general
    assert names(float("nan")) == general


def test_a_spec_runs_its_rules_in_rules_order_whatever_order_it_names_them():
    assert names("photo_credit, html_tags") == ["photo_credit", "html_tags"]
    assert names("html_tags photo_credit") == ["photo_credit", "html_tags"]
    assert names(["layout", "author_bio"]) == ["author_bio", "layout"]
    assert names(("censor_marks",)) == ["censor_marks"]
    assert names("none") == []
    assert names("none,layout") == ["layout"]
    assert names("General AUTHOR_BIO")[:2] == ["normalise_unicode", "author_bio"]
    assert names("general author_bio") == names(["general", "author_bio"])


def test_cleaning_spec_is_the_canonical_text_of_a_spec():
    assert cleaning_spec(None) == "general"
    assert cleaning_spec("") == "general"
    assert cleaning_spec(" General,, author_bio author_bio ") == "general author_bio"
    assert cleaning_spec(["none"]) == "none"


@pytest.mark.parametrize("spec", ["generla", "general, author-bio", ["general", "bogus"]])
def test_an_unknown_name_is_a_clear_error(spec):
    with pytest.raises(ValueError, match=r"cleaning.*unknown.*valid names are general, none, "):
        resolve_cleaning(spec)
    with pytest.raises(ValueError, match="cleaning"):
        clean_text("Text.", cleaning=spec)


def test_the_error_names_the_bad_name():
    with pytest.raises(ValueError, match="'bogus'") as error:
        resolve_cleaning("general bogus")
    assert "author_bio" in str(error.value)  # the valid names are listed


@pytest.mark.parametrize("spec", [5, b"general", ["general", 3]])
def test_a_spec_of_the_wrong_type_is_a_clear_error(spec):
    with pytest.raises(TypeError, match="cleaning"):
        resolve_cleaning(spec)


def test_raw_text_of_the_wrong_type_is_a_clear_error():
    with pytest.raises(TypeError, match="raw must be a str, got float"):
        clean_text(float("nan"))


# --- The seeds under their specs -------------------------------------------------------------

#: The cleaning each seed needs: the general profile and the opt-in rules for its source. The
#: seeds' manifest names them in its ``cleaning`` column.
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

#: SHA-256 and length of each seed's cleaned text, as cleaning made them before the rules were
#: split into profiles: under its spec, each seed cleans exactly as it did (001 without the
#: byline after its title since the title_byline rule).
SEED_CLEAN = {
    "000": ("797f33777e7f8cdc1eab74af5e4d9310ac4ad663827cb770fe632bc23cde4ed5", 6744),
    "001": ("a5eaa701e9d989abde465b1aac7ceaa8c2bf15e2e8ce3871391dcb15060871a0", 7048),
    "002": ("d74556f1507334024685e0bb4abb1bac9bfa47188fd97378a8eb9cab5fe46aae", 7385),
    "003": ("fde7eef5af18f0204a9bd4f5730ed855681b41240efe928ab5dc5971e49ca208", 5522),
    "004": ("b384c2ac24e08509e5d42b9355bc1e1b5567b1370b0c9df6b08ebedcf2361faf", 12591),
}


@pytest.fixture(scope="module")
def seeds(seed_corpus):
    """doc_id -> (raw text, text cleaned under the seed's spec)."""
    raw = seed_corpus.set_index("doc_id")["raw_text"]
    return {
        doc_id: (raw[doc_id], clean_text(raw[doc_id], cleaning=SEED_SPECS[doc_id]))
        for doc_id in SEED_SPECS
    }


@pytest.mark.parametrize("doc_id", sorted(SEED_SPECS))
def test_each_seed_cleans_as_before_under_its_spec(seeds, doc_id):
    clean = seeds[doc_id][1]
    assert (hashlib.sha256(clean.encode()).hexdigest(), len(clean)) == SEED_CLEAN[doc_id]


def test_the_corpus_cleans_each_seed_with_its_spec_once_the_manifest_names_it(seed_corpus, seeds):
    if "cleaning" not in seed_corpus.columns:
        pytest.skip("the seed manifest has no cleaning column yet")
    for _, document in seed_corpus.iterrows():
        assert document["text"] == seeds[document["doc_id"]][1], document["doc_id"]


# (doc_id, text in the raw seed, what cleaning must leave in its place or None for nothing)
SEED_CASES = [
    (
        "001",
        "## Russian counter-offensive in the international arena",
        "Russian counter-offensive in the international arena",
    ),
    ("001", "momentum - Pavel K. Baev\n", "momentum\n"),
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
def test_cleaning_the_seeds(seeds, doc_id, raw, clean):
    raw_text, clean_text_ = seeds[doc_id]
    assert raw in raw_text
    if clean is None:
        assert raw not in clean_text_
    else:
        assert clean in clean_text_


def test_under_the_general_profile_alone_the_seeds_keep_their_source_debris(seeds):
    general = {doc_id: clean_text(raw) for doc_id, (raw, _) in seeds.items()}
    assert "Dr. Pavel K. Baev is a Research Professor" in general["001"]
    assert "Photo: Ayhan Altun / Getty Images" in general["000"]
    assert "in Ukraine. [3] Just last month" in general["003"]
    assert "Skip to content" not in general["003"]  # a lone chrome line: general
    assert "<u>" not in general["001"]  # markup: general
    assert general["002"] == seeds["002"][1]


def test_the_title_is_kept_once_in_003(seeds):
    text = seeds["003"][1]
    assert text.count("Diplomatic Offensive Amid Western Isolation") == 1
    assert text.startswith("Putin's Diplomatic Offensive Amid Western Isolation\n")


# Every heading each seed has, in order, under its spec.
SEED_HEADINGS = {
    "000": [
        "Continuation of the attack",
        "BRICS: the image of a victorious and confident Russia",
        "It dominates the immediate neighborhood",
        "The regime is falling in Syria",
        "Pressure to end the war in Ukraine",
        "Show confidence",
    ],
    "001": ["Russian counter-offensive in the international arena has lost momentum"],
    "002": [
        "Key Achievements in Eurasian Security and Integration",
        "Combatting Neocolonialism and Enhancing Global Cooperation",
        "Strengthening Bilateral Ties with Key Partners",
        "Expanding Influence within Multilateral Frameworks",
        "A Pivot Toward the Global Majority",
        "Navigating Relations with the West",
        "Cultural and Humanitarian Diplomacy",
        "Looking Ahead",
    ],
    "003": [
        "Putin's Diplomatic Offensive Amid Western Isolation",
        "The Limits of Western Isolation",
        "Strengthening Ties with Asia and the Global South",
        "Forging New Alliances and Military Cooperation",
        "Undermining the Dollar-Dominated Financial System",
        "Implications for the West and the Future of the Conflict",
    ],
    "004": ["Follow-up to the Russian-Ukrainian war"],
}


@pytest.mark.parametrize("doc_id", sorted(SEED_HEADINGS))
def test_each_seed_keeps_its_headings_under_its_spec(seeds, doc_id):
    sentence_case = "sentence_case_headings" in SEED_SPECS[doc_id]
    lines = seeds[doc_id][1].split("\n")
    found = [line for line in lines if is_heading(line, sentence_case=sentence_case)]
    assert found == SEED_HEADINGS[doc_id]


@pytest.mark.parametrize(
    ("line", "title_case", "sentence_case"),
    [
        ("Key Achievements in Eurasian Security and Integration", True, True),
        ("Expanding Influence within Multilateral Frameworks", True, True),
        ("Looking Ahead", True, True),
        ("What We Are Looking For", True, True),  # title case capitalises the last word
        ("BRICS: the image of a victorious and confident Russia", False, True),
        ("Show confidence", False, True),
        ("Putin excels at pretending confidence.", False, False),
        (
            "In March 2023, Putin visited China and attended the 3rd Belt and Road Summit",
            False,
            False,
        ),
        ("lower case start", False, False),
        ("", False, False),
        ("A" * 300, False, False),  # a run without spaces is not a one-word heading
        # Lines of a transcript that lack their final punctuation: speech, never headings.
        ("We will not stop until every family has", False, False),
        ("And I said to the President that we", False, False),
        ("Thank you all for coming out tonight", False, True),
        ("We are going to win this election", False, True),
        ("I love this state", False, True),
        ("So many of you have waited for the", False, False),
    ],
)
def test_is_heading(line, title_case, sentence_case):
    assert is_heading(line) is title_case
    assert is_heading(line, sentence_case=sentence_case) is sentence_case


# --- What the general profile must leave alone --------------------------------------------------

# Lines of ordinary prose that the general profile must keep exactly as they are.
PROSE = [
    "Copyright law protects authors, and the court said so.",
    "Copyright 2024 was a record year for filings, the office said.",
    "(c) the third clause applies to every member.",
    "(c) 2024 marked the end of the old regime.",
    "Photo: the art of seeing, she called it, was her life's work.",
    "Image: a word that politicians love.",
    "Picture credit: none was given, which annoyed the agency.",
    "Last updated on 3 May, the rules now require a permit.",
    "Last updated on Monday, the page still lists the old prices.",
    "Home / Away record: 12 wins, 3 losses.",
    "Home > Garden was the best-selling section.",
    "The union insists that all rights reserved to members stay in the contract.",
    "All rights reserved, said the sign, but nobody knew by whom.",
    "If a<b and c>d then the order holds.",
    "The bound is x < y and y > z for every pair.",
    "We computed 5*3 and 4*2 by hand.",
    "The area is 2 * 3 * 4 = 24 square metres.",
    "Note the footnote [3] and the array a[1] in the code.",
    "He shouted ** at the crowd, and they left.",
    "Skip to content later, the editor said.",
    "GottaRegister.com opened its doors.",
    "The talks went well.SummitIn followed.",
    "To cite this work: use the DOI.",
    "Dr. Jane Smith, University of Oslo, met the Centre's staff.",
]


@pytest.mark.parametrize("line", PROSE)
def test_the_general_profile_keeps_prose(line):
    assert clean_text(line) == line
    assert clean_text(line + "\n\nThe next paragraph.") == line + "\n\nThe next paragraph."


def test_a_markdown_heading_naming_an_institution_keeps_the_text_after_it():
    raw = "## Broom Merged Centre Fisheries\n\nThe talks went well."
    assert clean_text(raw) == "Broom Merged Centre Fisheries\n\nThe talks went well."
    # The opt-in author bio rule does not take it either: it is not a byline.
    assert clean_text(raw, cleaning="general author_bio") == clean_text(raw)
    raw = "## Dr Who at the University\n\nThe talks went well.\n\nThey ended late."
    assert clean_text(raw, cleaning="general author_bio") == clean_text(raw)


# --- Opt-in rules, made safe where they can be ---------------------------------------------------


def test_the_author_bio_needs_a_byline_that_the_bio_names_and_a_bounded_foot():
    spec = "general author_bio"
    # A byline whose next paragraph does not name the person: the text, not a bio.
    raw = "## Jane Smith, University of Oslo\n\nThe talks went well."
    assert clean_text(raw, cleaning=spec) == clean_text(raw)
    # A byline at the top of a long article: the article goes on past three paragraphs.
    body = "\n\n".join(f"Smith wrote paragraph {i}." for i in range(6))
    raw = f"## Jane Smith, University of Oslo\n\n{body}"
    assert clean_text(raw, cleaning=spec) == clean_text(raw)
    # A bio at the foot, ending at a copyright line: removed.
    raw = "Body text.\n\n## Jane Smith, University of Oslo\n\nJane Smith teaches.\nCopyright 2024"
    assert clean_text(raw, cleaning=spec) == "Body text.\n\nCopyright 2024"


@pytest.mark.parametrize(
    ("spec", "raw", "clean"),
    [
        ("copyright_footer", "Body.\n© 2024 Panorama. All rights reserved.", "Body."),
        ("copyright_footer", "Body.\n(c) 2024 Panorama", "Body."),
        ("copyright_footer", "Body.\nAll rights reserved.", "Body."),
        ("photo_credit", "Body.\nImage: Reuters\nMore.", "Body.\nMore."),
        ("last_updated", "Last updated on 3 May 2024 by Desk\nBody.", "Body."),
        ("breadcrumb", "Home / News / World\nBody.", "Body."),
    ],
)
def test_opt_in_rules_still_take_their_debris(spec, raw, clean):
    assert clean_text(raw, cleaning=f"general {spec}") == clean


@pytest.mark.parametrize(
    "line",
    [
        "Copyright law protects authors, and the court said so.",
        "(c) the third clause applies to every member.",
        "The union insists that all rights reserved to members stay in the contract, as agreed.",
        "Photo: the art of seeing, she called it, was her life's work and her only love.",
        "Last updated on Monday, the page still lists the old prices.",
        "Home / Away record: 12 wins, 3 losses.",
        "GottaRegister.com opened its doors.",
        "Write to jane@WorldNews.org today.",
    ],
)
def test_opt_in_rules_leave_prose_that_merely_resembles_their_debris(line):
    assert clean_text(line, cleaning=EVERY_RULE) == line


def test_a_line_of_speech_cut_short_is_not_moved_as_a_heading():
    spec = "general trailing_heading"
    raw = "He said no. We will not stop until every family has\nApplause."
    assert clean_text(raw, cleaning=spec) == raw
    raw = "He said no. The regime is falling in Syria"  # nothing after it: not a heading
    assert clean_text(raw, cleaning=spec) == raw


# --- Reports ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_documents(seed_corpus):
    """The seeds with the cleaning column their manifest will have."""
    frame = seed_corpus[["doc_id", "raw_text"]].copy()
    frame["cleaning"] = frame["doc_id"].map(SEED_SPECS)
    return frame


def test_report_accounts_for_every_character(seed_documents, seeds):
    report = cleaning_report(seed_documents)
    assert list(report.columns) == ["doc_id", "rule", "removed", "replacement", "start", "end"]
    for doc_id, (raw, clean) in seeds.items():
        changes = report[report["doc_id"] == doc_id]
        net = (changes["removed"].str.len() - changes["replacement"].str.len()).sum()
        assert len(raw) - len(clean) == net, doc_id


def test_report_offsets_point_into_the_raw_text(seed_documents, seeds):
    # 001 has no characters that the unicode rule changes, so every removal can be found at
    # its offsets in the raw text exactly as the rule saw it.
    raw = seeds["001"][0]
    report = cleaning_report(seed_documents)
    removals = report[(report["doc_id"] == "001") & (report["rule"] != "layout")]
    assert len(removals) > 40
    for _, change in removals.iterrows():
        assert raw[change["start"] : change["end"]] == change["removed"], change["rule"]


def test_the_report_uses_each_documents_spec_else_the_argument():
    corpus = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "raw_text": ["Text. [3]", "Text. [3]", "Text. [3]"],
            "cleaning": ["general citation_marks", "", None],
        }
    )
    report = cleaning_report(corpus, cleaning="none citation_marks")
    assert report["doc_id"].tolist() == ["a", "b", "c"]
    assert set(report["rule"]) == {"citation_marks"}
    report = cleaning_report(corpus)  # blank cells: the default, general
    assert report["doc_id"].tolist() == ["a"]
    # Without a cleaning column, the argument.
    assert cleaning_report(corpus.drop(columns="cleaning"), cleaning="citation_marks")[
        "doc_id"
    ].tolist() == ["a", "b", "c"]


def test_the_report_reads_the_text_column_when_there_is_no_raw_text():
    corpus = pd.DataFrame({"id": ["x"], "body": ["Skip to content\nText."]})
    report = cleaning_report(corpus, text="body", doc_id="id")
    assert report[["doc_id", "rule", "removed"]].to_numpy().tolist() == [
        ["x", "skip_link", "Skip to content\n"]
    ]


def test_summary_names_the_spec_and_every_rule_that_ran(seed_documents, seeds):
    summary = cleaning_summary(seed_documents).set_index("doc_id")
    assert summary["cleaning"].to_dict() == SEED_SPECS
    ran = {rule.name for spec in SEED_SPECS.values() for rule in resolve_cleaning(spec)}
    rule_columns = [c for c in summary.columns if c in {rule.name for rule in RULES}]
    assert rule_columns == [rule.name for rule in RULES if rule.name in ran]
    assert summary.loc["001", "chars_raw"] == len(seeds["001"][0])
    assert summary.loc["001", "chars_clean"] == len(seeds["001"][1])
    assert summary.loc["001", "author_bio"] == 1
    assert summary.loc["002", "author_bio"] == 0  # did not run there, ran elsewhere
    assert summary.loc["004", "censor_marks"] == seeds["004"][0].count("**")
    assert summary.loc["003", "sentence_case_headings"] == 0  # ran (000), changes no text
    assert summary["changes"].sum() == len(cleaning_report(seed_documents))


def test_summary_of_the_general_profile_has_only_general_columns():
    corpus = pd.DataFrame({"doc_id": ["a"], "raw_text": ["Plain text."]})
    summary = cleaning_summary(corpus)
    general = [r.name for r in RULES if r.name in PROFILES["general"]]
    assert summary.columns[-len(general) :].tolist() == general
    assert summary.iloc[0, -len(general) :].tolist() == [0] * len(general)
    assert summary.loc[0, "cleaning"] == "general"
    assert cleaning_summary(corpus, cleaning="none").columns[-1] == "changes"


def test_report_and_summary_errors_name_the_document():
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "raw_text": ["x", "y"], "cleaning": ["", "bad"]})
    with pytest.raises(ValueError, match=r"cleaning_summary: document 'b'.*'bad'"):
        cleaning_summary(corpus)
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "raw_text": ["x", None]})
    with pytest.raises(TypeError, match=r"cleaning_report: the text of document 'b'"):
        cleaning_report(corpus)


def test_report_and_summary_reject_a_bare_list():
    with pytest.raises(TypeError, match="DataFrame"):
        cleaning_report(["a text"])
    with pytest.raises(KeyError, match="doc_id"):
        cleaning_summary(pd.DataFrame({"raw_text": ["x"]}))


def test_cleaning_never_lowercases_or_strips_punctuation():
    raw = "This is GREAT!!! But it isn't, is it?"
    assert analysis.clean_text(raw) == raw
    assert analysis.clean_text(raw, cleaning=EVERY_RULE) == raw


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
def test_body_sentences_survive_verbatim(seeds, doc_id):
    for sentence in BODY_SENTENCES[doc_id]:
        assert sentence in seeds[doc_id][1]
        assert sentence in clean_text(seeds[doc_id][0])  # and under the general profile


def test_at_least_ten_body_sentences_are_checked():
    assert sum(map(len, BODY_SENTENCES.values())) >= 10


# --- Hostile input: linear time ------------------------------------------------------------------

# Each about a million characters. A pattern that backtracks quadratically takes minutes on
# these (a run of 160,000 letters hung the old rules); linear ones take a fraction of a second.
# No time is asserted: a hang shows as a test that does not finish.
N = 1_000_000


def _repeat(unit: str, n: int = N) -> str:
    return (unit * (n // len(unit) + 1))[:n]


HOSTILE = {
    "one letter": "a" * N,
    "letters then a capital": "a" * (N - 1) + "B",
    "letters then a digit": "a" * (N - 1) + "1",
    "camel case": _repeat("aB"),
    "digits": "1" * N,
    "repeated word": _repeat("however "),
    "line without punctuation": _repeat("we will not stop until every family has "),
    "less-than signs": "<" * N,
    "open tags": _repeat("<a "),
    "unclosed attribute": '<a href="' + "x" * N,
    "asterisks": "*" * N,
    "asterisk words": _repeat("*a "),
    "censor marks": _repeat(" ** "),
    "hashes": "#" * N,
    "heading lines": _repeat("## A\n"),
    "byline headings": _repeat("## Ann Lee, Dr, University\n"),
    "brackets": "[" * N,
    "citation list": "[" + _repeat("1,"),
    "link openers": _repeat("[a](b"),
    "spaces": "a" + " " * N + "b",
    "spaces and line breaks": "a" + _repeat(" \n") + "b",
    "blank lines": "a" + "\n" * N + "b",
    "chrome lines": _repeat("Home » Photo: Last Updated on 1/2/2024 Copyright 2024\n"),
    "rights reserved": _repeat("all rights reserved "),
    "combining marks": _repeat("e\u0301"),
    "glued words": _repeat("gainshoweverSummitIn "),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_is_cleaned_in_linear_time(name):
    raw = HOSTILE[name]
    once = clean_text(raw)
    assert clean_text(once) == once
    text, changes = clean_text_with_changes(raw[: N // 4], cleaning=EVERY_RULE)
    assert len(raw[: N // 4]) - len(text) == sum(
        len(c.removed) - len(c.replacement) for c in changes
    )


def test_a_long_run_of_letters_survives():
    assert clean_text("a" * N, cleaning=EVERY_RULE) == "a" * N


def test_changes_are_located_in_a_long_text():
    raw = "Body text here.  \n" * 50_000  # one layout edit per line
    text, changes = clean_text_with_changes(raw)
    assert text == "\n".join(["Body text here."] * 50_000)
    assert len(changes) == 50_000
    # Lines are 18 characters long; the last line's spaces and line break end the text.
    assert [(c.start, c.end) for c in changes[-2:]] == [(899_979, 899_981), (899_997, 900_000)]
    assert all(raw[c.start : c.end] == c.removed for c in changes)


def test_locating_changes_takes_memory_for_the_edits_not_for_every_character():
    # One int per character, as cleaning once kept, took over 50 bytes per character here.
    raw = "Body text here. " * 100_000 + "Skip to content"
    tracemalloc.start()
    try:
        _, changes = clean_text_with_changes("Skip to content\n" + raw)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(changes) == 1
    assert peak < 10 * len(raw)


# --- Properties -------------------------------------------------------------------------------

# Generated text: words, debris from every source, punctuation, quotes and white space.
_tokens = st.sampled_from(
    [
        "Russia",
        "summit",
        "the",
        "but",
        "GREAT",
        "gains",
        "however",
        "gainshowever",
        "In",
        "May",
        "Summit",
        "SummitIn",
        "U.S.",
        "12.000",
        "$240",
        "J2-8243",
        "**",
        "*",
        "[3]",
        "<u>",
        "</u>",
        "<",
        ">",
        "##",
        "#",
        "Skip to content",
        "Home »",
        "Photo:",
        "Copyright",
        "All rights reserved",
        "To cite this work:",
        "## Ann Lee, Dr, University",
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
_specs = st.sampled_from([None, "none", EVERY_RULE, "general author_bio photo_credit"])


@settings(max_examples=400, deadline=None)
@given(_documents, _specs)
def test_clean_text_is_idempotent(raw, spec):
    once = clean_text(raw, cleaning=spec)
    assert clean_text(once, cleaning=spec) == once


@settings(max_examples=200, deadline=None)
@given(_documents, _specs)
def test_clean_text_is_deterministic_and_accounts_for_itself(raw, spec):
    text, changes = clean_text_with_changes(raw, cleaning=spec)
    assert clean_text(raw, cleaning=spec) == text
    assert len(raw) - len(text) == sum(len(c.removed) - len(c.replacement) for c in changes)
    assert all(0 <= c.start <= c.end <= len(raw) for c in changes)


def _changes_with_a_list_of_origins(raw, spec):
    """The changes, located with one raw offset per character: the simple map the spans
    replace, kept here as the reference."""
    text, origin, changes = raw, list(range(len(raw) + 1)), []
    for _ in range(5):
        before = len(changes)
        for rule in resolve_cleaning(spec):
            edits = list(rule.find(text))
            if not edits:
                continue
            pieces, new_origin, position = [], [], 0
            for start, end, new in edits:
                changes.append((rule.name, text[start:end], new, origin[start], origin[end]))
                pieces += [text[position:start], new]
                new_origin += origin[position:start] + [origin[start]] * len(new)
                position = end
            pieces.append(text[position:])
            new_origin += origin[position:]
            text, origin = "".join(pieces), new_origin
        if len(changes) == before:
            return changes
    raise AssertionError("did not settle")


@settings(max_examples=300, deadline=None)
@given(_documents, _specs)
def test_the_span_map_locates_changes_as_a_list_of_offsets_would(raw, spec):
    _, changes = clean_text_with_changes(raw, cleaning=spec)
    expected = _changes_with_a_list_of_origins(raw, spec)
    assert [(c.rule, c.removed, c.replacement, c.start, c.end) for c in changes] == expected


# Prose: words (among them the words debris is made of), punctuation, comparisons, products,
# joined by spaces and line breaks. Under the general profile not one word may go.
_prose_tokens = st.sampled_from(
    [
        "Russia",
        "the",
        "talks",
        "went",
        "well",
        "Copyright",
        "copyright",
        "(c)",
        "©",
        "Photo:",
        "Image:",
        "Picture",
        "credit:",
        "Last",
        "Updated",
        "updated",
        "on",
        "3",
        "May",
        "2024",
        "1/2/2024",
        "Home",
        "/",
        "»",
        "|",
        "all",
        "rights",
        "reserved",
        "To",
        "cite",
        "this",
        "work:",
        "Dr",
        "Dr.",
        "Prof",
        "PhD",
        "Institute",
        "University",
        "Centre",
        "Center",
        "Broom",
        "Merged",
        "Ann",
        "Lee,",
        "#",
        "##",
        "<",
        ">",
        "a<b",
        "c>d",
        "x<y>z",
        "5*3",
        "4*2",
        "*",
        "**",
        "2**3",
        "[3]",
        "a[1]",
        "gainshowever",
        "SummitIn",
        "reason?There",
        "GottaRegister.com",
        "U.S.",
        ".",
        ",",
        "!",
        "?",
        ";",
        ":",
        "-",
        "'",
        '"',
    ]
)
_separators = st.sampled_from([" ", " ", " ", "  ", "\n", "\n\n", "\t"])
_prose = st.lists(st.tuples(_prose_tokens, _separators), max_size=80).map(
    lambda pairs: "".join(token + separator for token, separator in pairs)
)


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text)
    return _WORD.findall(text)


@settings(max_examples=500, deadline=None)
@given(_prose)
def test_the_general_profile_never_removes_a_word_of_prose(raw):
    assert _words(clean_text(raw)) == _words(raw)


@settings(max_examples=200, deadline=None)
@given(_prose)
def test_the_general_profile_changes_prose_only_in_white_space(raw):
    # The only other edit: a markdown heading's "#" marks at the start of a line.
    def tokens(text):
        return [token for token in text.split() if token.strip("#")]

    assert tokens(clean_text(raw)) == tokens(unicodedata.normalize("NFKC", raw))


# --- The byline after a title (001) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("## Sanctions Bite - Ann K. Lee\n\nBody.", "## Sanctions Bite\n\nBody."),
        ("Trade grows in Asia \u2013 Ann Lee\nBody.", "Trade grows in Asia\nBody."),
        # Not a heading before the dash: a sentence that quotes someone is text.
        ("We met the minister, he said - Ann Lee\nBody.", None),
        ("The talks failed. - Ann Lee\nBody.", None),
        # Not at the end of the line, or not a name after the dash.
        ("Sanctions Bite - Ann Lee said so\nBody.", None),
        ("Sanctions bite - and hard\nBody.", None),
        # Only the first line: a later line that ends in a name is left alone.
        ("Title\nSanctions Bite - Ann Lee\nBody.", None),
    ],
)
def test_the_title_byline_rule_takes_only_a_name_after_a_title(raw, clean):
    assert clean_text(raw, cleaning="none title_byline") == (raw if clean is None else clean)


def test_the_title_of_001_stays_without_its_byline(seeds):
    text = seeds["001"][1]
    assert text.startswith(
        "Russian counter-offensive in the international arena has lost momentum\n"
    )
    body = text.split("\n", 1)[1]
    assert "Baev" not in body and "Pavel" not in body


def test_a_comparison_ending_a_line_before_a_quoted_line_is_prose():
    # "a<b" then a line opening with ">" is not the tag <b> broken over two lines.
    assert _words(clean_text("a<b\n> quoted")) == ["a", "b", "quoted"]
    assert clean_text("<P\n>Text.</P\n>") == "Text."


@pytest.mark.parametrize("marks", [1, 5, 40])
def test_a_heading_of_repeated_marks_is_cleaned_in_one_pass(marks):
    # Found by the prose property test: "# # # # # Russia" took a pass per mark and failed.
    raw = "# " * marks + "Russia \nBody text."
    assert clean_text(raw) == "Russia\nBody text."
    assert clean_text("## ## Title\nBody.") == "Title\nBody."
