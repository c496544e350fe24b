"""The rules in the order they run, the profiles, and the specs that choose among them."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator

import pandas as pd

from analysis.cleaning.base import Edit, Rule, _regex
from analysis.cleaning.glued import (
    _CAMEL_RUN,
    _CONNECTIVE_RUN,
    _split_camel_join,
    _split_lower_join,
)
from analysis.cleaning.headings import _break_before_heading, _repeated_title, _title_byline
from analysis.cleaning.markup import (
    _HTML_TAG,
    _NON_ASCII_RUN,
    _html_code,
    _html_comments,
    _layout,
    _normalise_unicode,
    _unescape,
)
from analysis.cleaning.sources import _DATE, _author_bio, _breadcrumb, _copyright, _short_line


def _no_edit(text: str) -> Iterator[Edit]:
    return iter(())


# --- The rules, in order -------------------------------------------------------------------

#: The rule that admits headings in sentence case (see :func:`~analysis.cleaning.is_heading`).
SENTENCE_CASE_HEADINGS = "sentence_case_headings"

RULES: tuple[Rule, ...] = (
    Rule(
        "normalise_unicode",
        "Unicode NFKC (no-break spaces, ligatures, full-width forms), typographic quotes to "
        "ASCII, invisible characters removed: one spelling per word across texts.",
        _regex(_NON_ASCII_RUN, _normalise_unicode),
        before="The council\u2019s budget\u00a0rose",
        after="The council's budget rose",
    ),
    Rule(
        "title_byline",
        "The author's name after the title on the first line, as opinion pages and blogs print "
        "it ('Harbour Towns at a Crossroads - Mara T. Lindqvist'): the author belongs in the "
        "manifest, and the name would otherwise count as the text's words. Only at the end of "
        "the first line, after a dash or bar, when the rest of the line is a heading; the "
        "title stays.",
        _title_byline,
        before="## Harbour Towns at a Crossroads - Mara T. Lindqvist\n\nThe ferry schedule",
        after="## Harbour Towns at a Crossroads\n\nThe ferry schedule",
    ),
    Rule(
        "author_bio",
        "An author's bio under a byline heading with credentials, at the foot of an article "
        "from a research institute, a journal or a think tank: it describes the author, not "
        "the subject, and would otherwise count as the text's words. Only a byline (a name, a "
        "comma, a credential or institution) whose next paragraph names the person, ending "
        "within three paragraphs at a citation or copyright line or at the end.",
        _author_bio,
        before="## Mara T. Lindqvist, Dr., Institute for Coastal Studies\n\n"
        "Dr. Mara T. Lindqvist writes on harbour economies.\nTo cite this work: Lindqvist",
        after="\nTo cite this work: Lindqvist",
    ),
    Rule(
        "citation_line",
        "A 'To cite this work:' line under an article from a research institute or journal: "
        "bibliographic data, kept in the manifest instead.",
        _regex(r"^To cite this work:[^\n]*+", flags=re.MULTILINE),
        before='Body.\nTo cite this work: Mara T. Lindqvist, "Harbour towns", *Coastal Review*',
        after="Body.\n",
    ),
    Rule(
        "copyright_footer",
        "A copyright footer line at the foot of a publisher's page: boilerplate. A line that "
        "opens with a copyright notice ('Copyright@', 'Copyright 2024', '©', '(c) 2024'), or "
        "a short line (at most twelve words) that says all rights are reserved.",
        _regex(
            r"^(?P<notice>©|\(c\)[ \t]*+\d{4}|Copyright[ \t]*+(?:©|\(c\)|@|:|\d{4}))[^\n]*+"
            r"|^[^\n]*?\b[Aa]ll (?:[\w-]++ ){0,4}rights reserved\b[^\n]*+",
            _copyright,
            flags=re.MULTILINE,
        ),
        before="Body.\nCopyright@*CoastalReview.* All print and online rights reserved.",
        after="Body.\n",
    ),
    Rule(
        "skip_link",
        "A line that is only 'Skip to content', copied from a web page: a link for screen "
        "readers, not the text.",
        _regex(r"^[ \t]*+Skip to (?:main )?content[ \t]*+(?:\n|\Z)", flags=re.MULTILINE),
        before="Skip to content\nHarbour News",
        after="Harbour News",
    ),
    Rule(
        "breadcrumb",
        "A breadcrumb trail such as 'Home » Title', copied from a web page: site navigation. "
        "A line of at most "
        "twenty words that starts with 'Home' and a separator and ends without a full stop.",
        _regex(r"^[ \t]*+Home[ \t]*+[»›>|/][^\n]*+(?:\n|\Z)", _breadcrumb, flags=re.MULTILINE),
        before="Home » Towns » Harbour Towns at a Crossroads\nThe ferry runs twice a day.",
        after="The ferry runs twice a day.",
    ),
    Rule(
        "last_updated",
        "'Last Updated on DATE by NAME' at the top of a news or blog page: page metadata; the "
        "date is in the manifest. A "
        "line of at most twelve words with a date after 'Last updated on'.",
        _regex(
            rf"^[ \t]*+Last Updated on[ \t]++{_DATE}[^\n]*+(?:\n|\Z)",
            _short_line(),
            flags=re.MULTILINE | re.IGNORECASE,
        ),
        before="Last Updated on 03/02/2022 by Harbour News Desk\nThe ferry",
        after="The ferry",
    ),
    Rule(
        "repeated_title",
        "Copies of the title that a web page repeats below it (in a header, a share box, a "
        "caption): counted once, not several times.",
        _repeated_title,
        before="Harbour Towns\n\nHarbour Towns\nThe ferry runs twice a day.",
        after="Harbour Towns\n\nThe ferry runs twice a day.",
    ),
    Rule(
        "photo_credit",
        "A photo credit line such as 'Photo: NAME / AGENCY' under a picture in a news article: "
        "a caption, not the text. A "
        "line of at most twelve words.",
        _regex(
            r"^[ \t]*+(?:Photo|Image|Picture)(?: credit)?[ \t]*+:[^\n]*+(?:\n|\Z)",
            _short_line(),
            flags=re.MULTILINE | re.IGNORECASE,
        ),
        before="after the vote.\n\nPhoto: Lena Ortiz / Harbour Press\nThe mayor",
        after="after the vote.\n\nThe mayor",
    ),
    Rule(
        "html_comments",
        "HTML comments <!-- ... --> and the <!DOCTYPE ...> declaration: notes for the browser, "
        "never shown to a reader.",
        _html_comments,
        before="<!DOCTYPE html>\n<!-- nav -->The talks went well.",
        after="\nThe talks went well.",
    ),
    Rule(
        "html_code",
        "The contents of <script> and <style> elements: program code and style sheets, not "
        "prose; the words of the page are elsewhere.",
        _html_code,
        before="<style>p { margin: 0 }</style>The talks went well.",
        after="The talks went well.",
    ),
    Rule(
        "html_tags",
        "HTML tags such as <u>...</u> and <a href=...>, left in text taken from a web page; the "
        "words inside them stay. Only "
        "HTML's own elements, with attributes that have values, so that a comparison such as "
        "'a<b and c>d' is text.",
        _regex(_HTML_TAG, flags=re.IGNORECASE),
        before='the ferry is <u>free on Sundays</u>, see <a href="/map">the map</a>',
        after="the ferry is free on Sundays, see the map",
    ),
    Rule(
        "html_entities",
        "HTML character references (&amp;, &nbsp;, &rsquo;, &#8217;) decoded into the "
        "characters they stand for, so that 'nbsp' or 'gt' never count as words.",
        _regex(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});", _unescape),
        before="Trade &amp; aid grew&nbsp;fast.",
        after="Trade & aid grew fast.",
    ),
    Rule(
        "markdown_images",
        "Markdown images ![alt text](address): the alternative text stays, the address goes.",
        _regex(r"!\[([^\[\]\n]*+)\]\([^()\s]++\)", r"\1"),
        before="![Build status](https://example.org/badge.svg) Read the guide.",
        after="Build status Read the guide.",
    ),
    Rule(
        "markdown_links",
        "Markdown links [text](url): the text stays, the address goes.",
        _regex(r"\[([^\[\]\n]++)\]\([^()\s]++\)", r"\1"),
        before="see [the ferry timetable](https://example.org/ferry/) for",
        after="see the ferry timetable for",
    ),
    Rule(
        "markdown_emphasis",
        "Markdown *emphasis* and **bold** markers; the emphasised words stay. A marker must "
        "hug a word on its inner side and not touch a letter or digit on its outer side, so "
        "that '5*3' (a product) and a censorship mark glued to a word ('the mayor** said') are "
        "left alone.",
        _regex(r"(?<![\w*])(\*{1,2})(?![\s*])([^*\n]+?)(?<![\s*])\1(?![\w*])", r"\2"),
        before="The ferry runs *twice* a day, on **weekdays**.",
        after="The ferry runs twice a day, on weekdays.",
    ),
    Rule(
        "markdown_headings",
        "The '#' marks of a markdown heading; the heading stays on its own line.",
        # Marks repeated ("# # # Title") go in one pass, as passes one mark at a time would
        # take them, so that no line of marks outlasts the passes of clean_text.
        _regex(r"^(?:\#{1,6}[ \t]++)++", flags=re.MULTILINE),
        before="## Harbour Towns at a Crossroads\nThe ferry",
        after="Harbour Towns at a Crossroads\nThe ferry",
    ),
    Rule(
        "citation_marks",
        "Numbered citation marks such as [3], as encyclopaedias and some web articles print "
        "them: references to a list the text lacks.",
        _regex(r"[ \t]?\[\d{1,3}(?:[,\u2013-][ \t]?\d{1,3})*+\](?!\()"),
        before="The ferry first ran in 1921. [3] It now runs",
        after="The ferry first ran in 1921. It now runs",
    ),
    Rule(
        "censor_marks",
        "'**' where a censor or an editor removed a word, as in texts published under "
        "censorship ('the mayor** said', 'the ** council'). The mark goes; the missing word "
        "cannot be restored, and the cleaning report keeps the place.",
        _regex(r"(?:(?<![ \t])[ \t]++)?\*\*[ \t]*+", " "),
        before="the mayor** said the ** council would close the port",
        after="the mayor said the council would close the port",
    ),
    Rule(
        "layout",
        "White space: lines trimmed, runs of spaces and tabs made one space, at most one blank "
        "line between paragraphs. Line breaks are kept: they separate paragraphs and headings.",
        _layout,
        before="Harbour News  \n\n\n\nThe ferry  runs\ttwice a day. ",
        after="Harbour News\n\nThe ferry runs twice a day.",
    ),
    Rule(
        "trailing_heading",
        "A section heading glued to the end of the paragraph before it, as text extracted from "
        "a PDF or a web page can leave it ('... closed in 2021. Plans for a new terminal'), "
        "moves to a line of its own, so that it is read as a heading, not as a sentence. Only "
        "when it is a heading in sentence case (see is_heading) and a line of text follows it.",
        _regex(
            r"(?<=[a-z0-9][.!?]) (?=([A-Z][^.!?\n]*+)$)", _break_before_heading, flags=re.MULTILINE
        ),
        before="the port closed in 2021. Plans for a new terminal\nThe council",
        after="the port closed in 2021.\nPlans for a new terminal\nThe council",
    ),
    Rule(
        SENTENCE_CASE_HEADINGS,
        "Headings in sentence case ('Plans for a new terminal'), as many news sites and "
        "translated texts write them. Changes no text: it tells sentence splitting that a short "
        "line without final punctuation is a heading even when it is not in title case. Off "
        "by default, because a line of speech that lacks its full stop looks the same.",
        _no_edit,
        before="Plans for a new terminal\nThe council met on Monday.",
        after="Plans for a new terminal\nThe council met on Monday.",
    ),
    Rule(
        "glued_sentence_punctuation",
        "A space after sentence punctuation that touches the next sentence ('closed?Nobody') "
        "and after a semicolon that touches the next clause ('runs;Buses'), as machine "
        "translation and careless copying leave them. Only after a lower-case letter, so that "
        "'U.S.' and 'D.C.' stay whole, and not inside a web address.",
        _regex(r"(?<=[a-z])([.?!;])(?=[A-Z][a-z]*+(?![\w@/]|\.\w))", r"\1 "),
        before="Why was the port closed?Nobody said. The ferry runs;Buses do not.",
        after="Why was the port closed? Nobody said. The ferry runs; Buses do not.",
    ),
    Rule(
        "glued_sentence_words",
        "Two sentences glued word to word by machine translation ('terminalIn March', "
        "'delaysWhy') are split by a line break when the glued token is unknown to the "
        "wordfreq English list and both halves are known words; never inside a web or e-mail "
        "address ('GottaRegister.com').",
        _regex(_CAMEL_RUN, _split_camel_join),
        before="the council approved the new terminalIn March, work began",
        after="the council approved the new terminal\nIn March, work began",
    ),
    Rule(
        "glued_connectives",
        "A connective glued to the word before it by machine translation ('cheaperhowever', "
        "'portsbut', 'votersthey') is split off when the glued token is unknown to "
        "the wordfreq English list, the connective is in GLUED_CONNECTIVES and the rest is a "
        "known word.",
        _regex(_CONNECTIVE_RUN, _split_lower_join),
        before="The new ferry was cheaperhowever, few used it",
        after="The new ferry was cheaper however, few used it",
    ),
)

_RULES_BY_NAME = {rule.name: rule for rule in RULES}

#: Cleaning profiles: named sets of rules. ``"general"`` is safe on any text and is the
#: default; ``"none"`` cleans nothing. Every rule not in ``"general"`` is opt-in.
PROFILES: dict[str, tuple[str, ...]] = {
    "general": (
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
    ),
    "none": (),
}


# --- Cleaning specs --------------------------------------------------------------------------


def _is_missing(spec: object) -> bool:
    return spec is None or spec is pd.NA or (isinstance(spec, float) and math.isnan(spec))


def _spec_names(spec: object) -> list[str]:
    """The names of a spec, lower-cased, in the order given, without repeats."""
    if _is_missing(spec):
        return []
    if isinstance(spec, str):
        items: list[object] = [spec]
    elif isinstance(spec, Iterable) and not isinstance(spec, bytes | dict):
        items = list(spec)
    else:
        raise TypeError(
            "cleaning must be None, a str of profile and rule names or an iterable of names, "
            f"got {type(spec).__name__} {spec!r}"
        )
    names: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise TypeError(
                f"cleaning: every name must be a str, got {type(item).__name__} {item!r} "
                f"in {spec!r}"
            )
        for name in re.split(r"[\s,]+", item.strip().lower()):
            if name and name not in names:
                names.append(name)
    valid = [*PROFILES, *_RULES_BY_NAME]
    for name in names:
        if name not in valid:
            raise ValueError(
                f"cleaning: unknown profile or rule {name!r} in {spec!r}; valid names are "
                f"{', '.join(valid)}"
            )
    return names


def cleaning_spec(spec: object = None) -> str:
    """The canonical text of a cleaning spec: its names, lower-cased, separated by spaces.

    A spec that names nothing (None, a blank string, an empty list, a missing value) is the
    default, ``"general"``. Raises like :func:`resolve_cleaning`.

    Examples
    --------
    >>> cleaning_spec(None), cleaning_spec("General,author_bio  photo_credit")
    ('general', 'general author_bio photo_credit')
    """
    return " ".join(_spec_names(spec) or ["general"])


def resolve_cleaning(spec: object = None) -> tuple[Rule, ...]:
    """The rules a cleaning spec names, in the order of :data:`RULES`.

    Parameters
    ----------
    spec : None, str or iterable of str
        Profile names (:data:`PROFILES`) and rule names (:data:`RULES`), separated by spaces or
        commas when given as one string. Names are case-insensitive; a profile stands for its
        rules. None, and a spec that names nothing (a blank string, e.g. an empty cell of a
        manifest), mean ``"general"``.

    Returns
    -------
    tuple of Rule
        Whatever order the names were given in, the rules run in the order of :data:`RULES`.

    Raises
    ------
    ValueError
        A name that is neither a profile nor a rule; the message lists the valid names.
    TypeError
        A spec that is not None, a str or an iterable of str.

    Examples
    --------
    >>> [rule.name for rule in resolve_cleaning("photo_credit, none, html_tags")]
    ['photo_credit', 'html_tags']
    """
    names = _spec_names(spec) or ["general"]
    chosen = {rule for name in names for rule in PROFILES.get(name, (name,))}
    return tuple(rule for rule in RULES if rule.name in chosen)
