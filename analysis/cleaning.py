"""Cleaning: an ordered list of small, named rules, each of which a reader can audit.

Texts arrive with the debris of where they were found. Each kind of debris has one rule in
:data:`RULES`, applied in that order. A rule only *finds* edits (a span of the text and what
replaces it); :func:`clean_text` applies them and :func:`cleaning_report` lists every one, so
that nothing leaves a text unrecorded.

Which rules run is a *cleaning spec* (:func:`resolve_cleaning`): profile and rule names.

- ``"general"`` (the default) is safe on any text. It takes out markup (markdown, HTML tags),
  normalises unicode and white space, and removes web chrome only where it is unmistakable (a
  line that is nothing but "Skip to content"). It never removes a sentence of prose: a
  sentence that begins "Copyright", "Photo:" or "Last updated on", a comparison ``a < b``, a
  product ``5*3`` or a heading that names a university all come through.
- ``"none"`` runs no rule.
- Every other rule is *opt-in*, named in the spec, because it exists for a kind of source: an
  author bio under a byline, a citation line, a copyright footer, a photo credit, breadcrumbs,
  censorship marks, words and sentences glued together by machine translation...
  ``"general author_bio copyright_footer"`` runs the general rules and those two.

What cleaning never does: lowercase, strip punctuation or drop stop words. The sentiment
measures read capitals, ``!`` and ``but`` (Hutto & Gilbert 2014), and the keyness measures
tokenize for themselves.

Layout of a cleaned text: one paragraph or heading per line, paragraphs may be separated by a
blank line, and a line break inside a paragraph only where two glued sentences were split.
Short section headings stay on a line of their own; :func:`is_heading` recognises them, so
sentence splitting never merges a heading into the sentence after it.

Every regular expression here runs in time linear in the length of the text, whatever the
text (long runs of one letter or digit, lines without punctuation, thousands of ``<``, ``*``
or ``#``): no pattern can backtrack over more than a bounded stretch, or the stretch up to the
next occurrence of a delimiter, and possessive quantifiers (``*+``) forbid backtracking where a
failed match could otherwise retry every split of a run. ``benchmarks/bench_hostile.py``
measures it.

References
----------
Hutto, C. J. and Gilbert, E. (2014). VADER: A parsimonious rule-based model for sentiment
analysis of social media text. *Proceedings of ICWSM-14*.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from wordfreq import zipf_frequency

__all__ = [
    "MAX_HEADING_CHARS",
    "MAX_HEADING_WORDS",
    "PROFILES",
    "RULES",
    "SENTENCE_CASE_HEADINGS",
    "Change",
    "Rule",
    "clean_text",
    "clean_text_with_changes",
    "cleaning_report",
    "cleaning_spec",
    "cleaning_summary",
    "is_heading",
    "resolve_cleaning",
    "rules_table",
    "word_count",
]

#: An edit a rule proposes: ``(start, end, replacement)`` in the text the rule is given.
Edit = tuple[int, int, str]


@dataclass(frozen=True)
class Rule:
    """One cleaning rule.

    Attributes
    ----------
    name : str
        Stable identifier, used in cleaning specs and in the cleaning report.
    reason : str
        Why the rule exists, and what it takes out.
    find : callable
        ``find(text) -> iterable of (start, end, replacement)``: non-overlapping edits in
        increasing order. A rule never edits a text itself.
    before, after : str
        An example: ``before`` cleans to ``after``. The tests check every rule's example.
    """

    name: str
    reason: str
    find: Callable[[str], Iterable[Edit]]
    before: str
    after: str


@dataclass(frozen=True)
class Change:
    """One edit that cleaning made to one text.

    ``removed`` is the text the rule replaced, as the rule saw it (after the earlier rules);
    ``start`` and ``end`` locate it in the *raw* text, so ``raw[start:end]`` shows where it was.
    """

    rule: str
    removed: str
    replacement: str
    start: int
    end: int


def _regex(pattern: str, replacement: str | Callable[[re.Match[str]], str] = "", flags: int = 0):
    """Build a ``find`` function from a regular expression and its replacement."""
    compiled = re.compile(pattern, flags)

    def find(text: str) -> Iterator[Edit]:
        for match in compiled.finditer(text):
            new = replacement(match) if callable(replacement) else match.expand(replacement)
            if new != match.group(0):
                yield match.start(), match.end(), new

    return find


_WORD = re.compile(r"[^\W_]+(?:[-'\u2019][^\W_]+)*")


def word_count(text: str) -> int:
    """Words in a text: runs of letters and digits, with inner hyphens and apostrophes.

    The same count before and after cleaning, so the two can be compared.
    """
    return len(_WORD.findall(text))


def _at_most_words(text: str, limit: int) -> bool:
    """True when ``text`` has at most ``limit`` words; stops counting at ``limit + 1``."""
    return all(count <= limit for count, _ in enumerate(_WORD.finditer(text), start=1))


# --- Unicode ---------------------------------------------------------------------------------

# Typographic quotes become ASCII so that "Russia’s" and "Russia's" are one word to every
# counter, and so that VADER's negation rules, which look for "n't", see it. Invisible
# characters carry no text and split words for tokenizers.
_CHARACTER_MAP = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ad": "",  # soft hyphen
        "\u200b": "",  # zero-width space
        "\u200c": "",  # zero-width non-joiner
        "\u200d": "",  # zero-width joiner
        "\u2060": "",  # word joiner
        "\ufeff": "",  # byte-order mark inside a text
    }
)


def _normalise_unicode(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match.group(0)).translate(_CHARACTER_MAP)


# A run of non-ASCII characters, with the ASCII letter before it when the run starts with a
# combining mark ("e" + U+0301 composes to "é" only when normalised together).
_NON_ASCII_RUN = r"(?:[\x00-\x7f](?=[\u0300-\u036f]))?[^\x00-\x7f]++"


# --- Headings ----------------------------------------------------------------------------

#: A heading has at most this many words. The longest heading in the seeds is the title of 001
#: (12 words); the shortest body line that lacks final punctuation, a glued sentence of 004
#: split by cleaning, has 14.
MAX_HEADING_WORDS = 12

#: ... and at most this many characters (the longest heading in the seeds has 88), so that a
#: long run of text without spaces is never taken for a one-word heading.
MAX_HEADING_CHARS = 200

_TERMINAL = tuple(".!?;:,\"')]…")

# Words that title case leaves in lower case (articles, conjunctions, prepositions: Chicago
# Manual of Style 8.159), so "Strengthening Ties with Asia and the Global South" is title case.
_MINOR_WORDS = frozenset(
    "a an the and or but nor for so yet as at by in of on to up via per vs amid from into onto "
    "over with than about above across after against along among around before behind below "
    "beneath beside between beyond despite down during except inside like near off out outside "
    "past since through throughout toward towards under until upon within without".split()
)

# A heading never ends on one of these, written in lower case: a line that does ("We will not
# stop until every family has", "the talks with the", "I said that we") is speech or prose cut
# short. Title case capitalises the last word of a heading whatever it is ("What We Are
# Looking For").
_OPEN_ENDINGS = frozenset(
    "a an the and or but nor of to for with from at by than because that i we you he she they "
    "is are was were be been has have had will would shall should can could must might may "
    "my your our their its every each".split()
)


def is_heading(line: str, *, sentence_case: bool = False) -> bool:
    """Return True when a line of cleaned text is a section heading, not a sentence.

    A heading stands on a line of its own, starts with a capital letter or a digit, has at most
    :data:`MAX_HEADING_WORDS` words and :data:`MAX_HEADING_CHARS` characters, no comma, does not
    end in sentence punctuation nor on a lower-case article, conjunction, preposition or
    auxiliary ("... until every family has"), and is in title case: every word is capitalised
    except the minor words that title case leaves in lower case ("Strengthening Ties with Asia
    and the Global South").

    Title case is what tells a heading from a line of speech or prose that merely lacks its full
    stop (a transcript: "We will not stop until every family has"). Sources whose headings are
    in sentence case ("Continuation of the attack") opt in to them with the cleaning rule
    ``sentence_case_headings``, which :func:`analysis.text.sentences` reads from a document's
    ``cleaning`` spec and passes here as ``sentence_case=True``.

    Parameters
    ----------
    line : str
        One line of a cleaned text.
    sentence_case : bool, default False
        Accept headings in sentence case: the rule above without the title-case test.

    Examples
    --------
    >>> is_heading("A Pivot Toward the Global Majority")
    True
    >>> is_heading("Putin excels at pretending confidence.")
    False
    >>> is_heading("Continuation of the attack"), is_heading("Continuation of the attack",
    ...                                                      sentence_case=True)
    (False, True)
    >>> is_heading("We will not stop until every family has", sentence_case=True)
    False
    """
    line = line.strip()
    if not line or len(line) > MAX_HEADING_CHARS:
        return False
    if not (line[0].isupper() or line[0].isdigit()):
        return False
    if line.endswith(_TERMINAL) or "," in line:
        return False
    words = _WORD.findall(line)
    if not 0 < len(words) <= MAX_HEADING_WORDS or words[-1] in _OPEN_ENDINGS:
        return False
    if sentence_case:
        return True
    return all(word[0].isupper() or word[0].isdigit() or word in _MINOR_WORDS for word in words)


def _lines(text: str) -> Iterator[re.Match[str]]:
    """Each line of ``text`` with its line break, as a match (``start()`` is where it begins)."""
    return re.finditer(r"[^\n]*+(?:\n|\Z)", text)


def _repeated_title(text: str) -> Iterator[Edit]:
    """Later paragraphs that repeat the first line, when the first line is a heading (003)."""
    first = next((m for m in _lines(text) if m.group(0).strip()), None)
    if first is None or not is_heading(first.group(0), sentence_case=True):
        return
    title = " ".join(first.group(0).split()).casefold()
    previous_blank = False
    for match in _lines(text):
        line = " ".join(match.group(0).split()).casefold()
        # A copy stands as a paragraph of its own, after a blank line: a line that merely
        # repeats the title's words inside a paragraph is text, not a copy.
        if match.start() > first.start() and previous_blank and line == title:
            yield match.start(), match.end(), ""
        else:
            previous_blank = not line
        if match.end() == len(text):
            return


# A byline after a title: a dash or bar between spaces, then a name of two to five capitalised
# words or initials ("- Pavel K. Baev"), at the end of the line.
_TITLE_BYLINE = re.compile(
    r"[ \t]++[-\u2013\u2014|][ \t]++([A-Z][\w'.-]*+(?:[ \t]++[A-Z][\w'.-]*+){1,4})[ \t]*+"
)


def _title_byline(text: str) -> Iterator[Edit]:
    """The author's name after the title on a text's first line (001: "... has lost momentum -
    Pavel K. Baev"): the byline goes, the title stays.

    Only on the first line that has text, only at its end, and only when what comes before the
    dash is a heading (:func:`is_heading`, sentence case admitted, markdown '#' marks aside).
    """
    first = next((m for m in _lines(text) if m.group(0).strip()), None)
    if first is None:
        return
    line = first.group(0).rstrip("\n")
    for separator in _TITLE_BYLINE.finditer(line):
        if separator.end() != len(line):
            continue
        title = line[: separator.start()].lstrip(" \t#")
        if title and is_heading(title, sentence_case=True):
            yield first.start() + separator.start(), first.start() + separator.end(), ""
        return


def _break_before_heading(match: re.Match[str]) -> str:
    """A line break before a heading glued to the end of a paragraph, if it is one.

    The heading must be followed by a line of text: a heading introduces what comes after it,
    a last line of speech cut short has nothing after it.
    """
    heading, text, end = match.group(1), match.string, match.end(1)
    followed = text.startswith("\n", end) and end + 1 < len(text) and text[end + 1] != "\n"
    return "\n" if followed and is_heading(heading, sentence_case=True) else match.group(0)


# --- Source-specific blocks and lines ------------------------------------------------------

#: An author bio under a byline runs at most this many paragraphs and characters (that of 001
#: has two paragraphs and 1,050 characters). Beyond that, what follows the byline is the text.
MAX_BIO_PARAGRAPHS = 3
MAX_BIO_CHARS = 3000

# A byline heading: a name of two to five capitalised words, a comma, and a credential or an
# institution ("## Pavel K. Baev, Dr., Peace Research Institute, Oslo (PRIO)").
_BYLINE = re.compile(
    r"^\#{1,6}[ \t]++(?P<name>[A-Z][\w.'\u2019-]*+(?:[ \t]++[A-Z][\w.'\u2019-]*+){1,4})[ \t]*+,"
    r"[^\n]*?\b(?:Dr|Prof|PhD|Ph\.D|Institute|University|Centre|Center|College)\b[^\n]*+",
    re.MULTILINE,
)
_BIO_END = re.compile(r"^(?:To cite this work|Copyright)", re.MULTILINE)
_ANY_HEADING = re.compile(r"^\#{1,6}[ \t]", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n[ \t]*+\n")


def _author_bio(text: str) -> Iterator[Edit]:
    """A byline heading and the bio under it, up to a citation or copyright line (001).

    Removed only when it looks like a bio at the foot of a text: the heading is a byline (a
    name, a comma, a credential or institution), the first paragraph under it names the
    person, and the bio ends within :data:`MAX_BIO_PARAGRAPHS` paragraphs and
    :data:`MAX_BIO_CHARS` characters at a "To cite this work" or "Copyright" line or at the
    end of the text, with no other heading on the way. Anything else is left alone.
    """
    done = 0
    for byline in _BYLINE.finditer(text):
        if byline.start() < done:
            continue
        reach = min(len(text), byline.end() + MAX_BIO_CHARS)
        stop = _BIO_END.search(text, byline.end(), reach)
        if stop is not None:
            end = stop.start() - 1  # the line break before the citation line stays
        elif reach == len(text):
            end = len(text)
        else:
            continue
        body = text[byline.end() : end]
        paragraphs = [p for p in _BLANK_LINES.split(body) if p.strip()]
        surname = byline.group("name").split()[-1]
        if (
            paragraphs
            and len(paragraphs) <= MAX_BIO_PARAGRAPHS
            and surname in paragraphs[0]
            and _ANY_HEADING.search(text, byline.end(), end) is None
        ):
            yield byline.start(), end, ""
            done = end


#: A footer, credit or page-metadata line has at most this many words; a longer line is prose.
MAX_CHROME_WORDS = 12


def _short_line(limit: int = MAX_CHROME_WORDS) -> Callable[[re.Match[str]], str]:
    """Replacement: remove the matched line if it has at most ``limit`` words, else keep it."""
    return lambda match: "" if _at_most_words(match.group(0), limit) else match.group(0)


def _copyright(match: re.Match[str]) -> str:
    # A line that opens with a copyright notice goes whatever its length (001's footer runs on
    # about the editors); a line that only says "all rights reserved" must be short.
    if match.group("notice") or _at_most_words(match.group(0), MAX_CHROME_WORDS):
        return ""
    return match.group(0)


_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = (
    rf"(?:\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{1,4}}|\d{{1,2}}(?:st|nd|rd|th)?[ \t]+{_MONTHS}"
    rf"|{_MONTHS}[ \t]+\d{{1,2}}\b)"
)


def _breadcrumb(match: re.Match[str]) -> str:
    line = match.group(0).rstrip()
    if line.endswith((".", "!", "?")) or not _at_most_words(line, 20):
        return match.group(0)
    return ""


# --- Markup -----------------------------------------------------------------------------

# Only the elements of HTML, so that "x<y>z" is not a tag; an attribute has a value and white
# space before the closing ">" follows an attribute or precedes "/>", so that "a<b and c>d"
# and "a<b >c" (comparisons) are not tags either.
_HTML_ELEMENTS = (
    "a abbr address article aside audio b bdi bdo big blockquote body br button caption center "
    "cite code col colgroup dd del details dfn div dl dt em embed figcaption figure font footer "
    "form h1 h2 h3 h4 h5 h6 head header hr html i iframe img input ins kbd label li link main "
    "mark meta nav noscript ol option p picture pre q s samp script section select small source "
    "span strike strong style sub summary sup table tbody td template textarea tfoot th thead "
    "time title tr tt u ul var video wbr acronym applet area basefont circle dir ellipse fieldset "
    "frame frameset g legend line map nobr object optgroup param path polygon polyline rect svg"
).split()
_HTML_TAG = (
    r"</?(?=[A-Za-z])(?:" + "|".join(sorted(_HTML_ELEMENTS, key=len, reverse=True)) + r")(?![\w-])"
    r"(?:(?:\s++[A-Za-z_:][\w:.-]*+\s*+=\s*+(?:\"[^\"<>]*+\"|'[^'<>]*+'|[^\s\"'<>=`]++))++"
    r"\s*+/?|\s*+/|[ \t]*+\n\s*+)?>"
)


def _delimited(opening: re.Pattern[str], closing: str, *, keep_inner: bool = False):
    """A ``find`` for blocks from ``opening`` to the next ``closing`` (case-insensitive).

    Written with ``str.find`` rather than a lazy regex so that an opening without its closing
    costs one scan of the text, not one per opening: linear on any input. An unclosed block is
    left as it is.
    """

    def find(text: str) -> Iterator[Edit]:
        folded = text.lower()
        position = 0
        while True:
            match = opening.search(text, position)
            if match is None:
                return
            end = folded.find(closing, match.end())
            if end < 0:
                return
            yield match.start(), end + len(closing), ""
            position = end + len(closing)

    return find


def _html_comments(text: str) -> Iterator[Edit]:
    yield from _merge(
        _delimited(re.compile(r"<!--"), "-->")(text),
        _delimited(re.compile(r"<!doctype\b", re.IGNORECASE), ">")(text),
    )


def _html_code(text: str) -> Iterator[Edit]:
    yield from _merge(
        _delimited(re.compile(r"<script\b[^<>]*+>", re.IGNORECASE), "</script>")(text),
        _delimited(re.compile(r"<style\b[^<>]*+>", re.IGNORECASE), "</style>")(text),
    )


def _merge(*edits: Iterable[Edit]) -> Iterator[Edit]:
    """Edits of several finders in text order, dropping any that overlap an earlier one."""
    end = 0
    for start, stop, replacement in sorted(e for group in edits for e in group):
        if start >= end:
            yield start, stop, replacement
            end = stop


def _unescape(match: re.Match[str]) -> str:
    # A decoded entity is normalised like any other character (&nbsp; becomes a space).
    return unicodedata.normalize("NFKC", html.unescape(match.group(0))).translate(_CHARACTER_MAP)


# --- Glued words and sentences (machine translation, 000 and 004) ----------------------------

#: Zipf frequency (log10 of occurrences per billion words, Speer 2022) at or above which a word
#: counts as a known English word. 3.0 is about one occurrence per million words: "Moldova"
#: (3.2) and "gains" (4.3) pass, misspellings and most glued pairs score 0.
KNOWN_WORD_ZIPF = 3.0

#: Words that machine translation glued to the word before them in 000 ("gainshowever",
#: "levelbut", "partythey"). Only these are split off: a closed list keeps the rule from
#: cutting real words that merely end in a common word.
GLUED_CONNECTIVES = ("however", "although", "though", "while", "which", "they", "but", "and", "yet")

# No English word, nor two glued together, is longer; a longer letter run is left alone and
# never looked up.
_LONGEST_GLUED = 40

# A run of letters that is a word of its own: not part of a longer word, a web address or an
# e-mail address ("GottaRegister.com" is a name, not two glued sentences). The lookaheads pick
# the runs worth a look (a lower-case letter before a capital; a run ending in a connective);
# they scan a run only from its first letter, so the patterns stay linear.
_OWN_WORD_START = r"(?<![\w.@/])"
_OWN_WORD_END = r"(?![\w@/]|\.\w)"
_CAMEL_RUN = _OWN_WORD_START + r"(?=[A-Za-z]*?[a-z][A-Z])[A-Za-z]++" + _OWN_WORD_END
_CONNECTIVE_RUN = (
    _OWN_WORD_START
    + r"(?=[A-Za-z]{3,}?(?i:"
    + "|".join(GLUED_CONNECTIVES)
    + r")"
    + _OWN_WORD_END
    + r")[A-Za-z]++"
    + _OWN_WORD_END
)


@lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    return zipf_frequency(word, "en")


def _is_known(word: str) -> bool:
    return _zipf(word) >= KNOWN_WORD_ZIPF


def _split_lower_join(match: re.Match[str]) -> str:
    """'gainshowever' -> 'gains however', when the word list makes the split safe."""
    word = match.group(0)
    if len(word) > _LONGEST_GLUED or not word[-3:].islower() or _zipf(word) > 0:
        return word
    lower = word.lower()
    for connective in GLUED_CONNECTIVES:
        head = word[: -len(connective)]
        if lower.endswith(connective) and len(head) >= 3 and _is_known(head):
            return f"{head} {word[len(head) :]}"
    return word


def _split_camel_join(match: re.Match[str]) -> str:
    """'SummitIn' -> 'Summit' + line break + 'In', when the word list makes the split safe.

    The token must end in a capital followed by lower-case letters, after a lower-case letter;
    the whole token must be unknown ("YouTube", "McDonald" and "iPhone" are known and stay)
    and both halves known words. A line break, not a full stop, marks the boundary: cleaning
    does not invent punctuation, and sentence splitting treats a line break as a boundary.
    """
    word = match.group(0)
    if len(word) > _LONGEST_GLUED:
        return word
    cut = max(i for i, c in enumerate(word) if c.isupper()) if not word.islower() else 0
    head, tail = word[:cut], word[cut:]
    if not (head and head[-1].islower() and len(tail) > 1 and tail[1:].islower()):
        return word
    if _zipf(word) > 0 or not (_is_known(head) and _is_known(tail)):
        return word
    return f"{head}\n{tail}"


# --- Layout --------------------------------------------------------------------------------

# Inside the text (its leading and trailing white space are found apart, so that no pattern
# scans to the end of the text from every white-space character).
_LAYOUT = re.compile(
    r"(?P<trail>[ \t]++(?=\n))"  # spaces at the end of a line
    r"|(?P<lead>(?<=\n)[ \t]++)"  # spaces at the start of a line
    r"|(?P<blank>\n(?:[ \t]*+\n){2,}+)"  # more than one blank line
    r"|(?P<run>[ \t]{2,}+|\t)"  # runs of spaces inside a line, and tabs
)


def _layout(text: str) -> Iterator[Edit]:
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    if start:
        yield 0, start, ""
    if start < end:
        for match in _LAYOUT.finditer(text, start, end):
            new = {"blank": "\n\n", "run": " "}.get(match.lastgroup, "")
            if new != match.group(0):
                yield match.start(), match.end(), new
    if start < end < len(text):
        yield end, len(text), ""


def _no_edit(text: str) -> Iterator[Edit]:
    return iter(())


# --- The rules, in order -------------------------------------------------------------------

#: The rule that admits headings in sentence case (see :func:`is_heading`).
SENTENCE_CASE_HEADINGS = "sentence_case_headings"

RULES: tuple[Rule, ...] = (
    Rule(
        "normalise_unicode",
        "Unicode NFKC (no-break spaces, ligatures, full-width forms), typographic quotes to "
        "ASCII, invisible characters removed: one spelling per word across texts.",
        _regex(_NON_ASCII_RUN, _normalise_unicode),
        before="Putin\u2019s Diplomatic\u00a0Offensive",
        after="Putin's Diplomatic Offensive",
    ),
    Rule(
        "title_byline",
        "The author's name after the title on the first line ('... has lost momentum - Pavel K. "
        "Baev', 001): the author is in the manifest, and the name would otherwise count as "
        "the text's words. Only at the end of the first line, after a dash or bar, when the "
        "rest of the line is a heading; the title stays.",
        _title_byline,
        before="## Russia has lost momentum - Pavel K. Baev\n\nOne of the key goals",
        after="## Russia has lost momentum\n\nOne of the key goals",
    ),
    Rule(
        "author_bio",
        "An author's bio under a byline heading with credentials, at the foot of a text (001): "
        "it describes the author, not the subject, and would otherwise count as the text's "
        "words. Only a byline (a name, a comma, a credential or institution) whose next "
        "paragraph names the person, ending within three paragraphs at a citation or copyright "
        "line or at the end.",
        _author_bio,
        before="## Pavel K. Baev, Dr., Peace Research Institute, Oslo (PRIO)\n\n"
        "Dr. Pavel K. Baev is a Research Professor.\nTo cite this work: Baev",
        after="\nTo cite this work: Baev",
    ),
    Rule(
        "citation_line",
        "A 'To cite this work:' line (001): bibliographic data, kept in the manifest instead.",
        _regex(r"^To cite this work:[^\n]*+", flags=re.MULTILINE),
        before='Body.\nTo cite this work: Pavel K. Baev, "Russian counter-offensive", *Panorama*',
        after="Body.\n",
    ),
    Rule(
        "copyright_footer",
        "A copyright footer line (001): publisher boilerplate. A line that opens with a "
        "copyright notice ('Copyright@', 'Copyright 2024', '©', '(c) 2024'), or a short line "
        "(at most twelve words) that says all rights are reserved.",
        _regex(
            r"^(?P<notice>©|\(c\)[ \t]*+\d{4}|Copyright[ \t]*+(?:©|\(c\)|@|:|\d{4}))[^\n]*+"
            r"|^[^\n]*?\b[Aa]ll (?:[\w-]++ ){0,4}rights reserved\b[^\n]*+",
            _copyright,
            flags=re.MULTILINE,
        ),
        before="Body.\nCopyright@*PanoramaGlobal.* All on-line and print rights reserved.",
        after="Body.\n",
    ),
    Rule(
        "skip_link",
        "A line that is only 'Skip to content' (003): a screen-reader link of a web page.",
        _regex(r"^[ \t]*+Skip to (?:main )?content[ \t]*+(?:\n|\Z)", flags=re.MULTILINE),
        before="Skip to content\nHome",
        after="Home",
    ),
    Rule(
        "breadcrumb",
        "A breadcrumb trail such as 'Home » Title' (003): site navigation. A line of at most "
        "twenty words that starts with 'Home' and a separator and ends without a full stop.",
        _regex(r"^[ \t]*+Home[ \t]*+[»›>|/][^\n]*+(?:\n|\Z)", _breadcrumb, flags=re.MULTILINE),
        before="Home » Putin's Diplomatic Offensive Amid Western Isolation\nText.",
        after="Text.",
    ),
    Rule(
        "last_updated",
        "'Last Updated on DATE by NAME' (003): page metadata; the date is in the manifest. A "
        "line of at most twelve words with a date after 'Last updated on'.",
        _regex(
            rf"^[ \t]*+Last Updated on[ \t]++{_DATE}[^\n]*+(?:\n|\Z)",
            _short_line(),
            flags=re.MULTILINE | re.IGNORECASE,
        ),
        before="Last Updated on 11/07/2024 by wccexam Desk\nDespite",
        after="Despite",
    ),
    Rule(
        "repeated_title",
        "Copies of the title that a web page repeats below it (003): counted once, not three "
        "times.",
        _repeated_title,
        before="Putin's Offensive\n\nPutin's Offensive\nDespite facing condemnation.",
        after="Putin's Offensive\n\nDespite facing condemnation.",
    ),
    Rule(
        "photo_credit",
        "A photo credit line such as 'Photo: NAME / AGENCY' (000): a caption, not the text. A "
        "line of at most twelve words.",
        _regex(
            r"^[ \t]*+(?:Photo|Image|Picture)(?: credit)?[ \t]*+:[^\n]*+(?:\n|\Z)",
            _short_line(),
            flags=re.MULTILINE | re.IGNORECASE,
        ),
        before="irrelevant.\n\nPhoto: Ayhan Altun / Getty Images\nForeign Minister",
        after="irrelevant.\n\nForeign Minister",
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
        "HTML tags such as <u>...</u> and <a href=...> (001); the words inside them stay. Only "
        "HTML's own elements, with attributes that have values, so that a comparison such as "
        "'a<b and c>d' is text.",
        _regex(_HTML_TAG, flags=re.IGNORECASE),
        before="while noting that he <u>cherishes no illusions</u> regarding",
        after="while noting that he cherishes no illusions regarding",
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
        before="see [the Panorama column](http://www.uikpanorama.com/blog/) for",
        after="see the Panorama column for",
    ),
    Rule(
        "markdown_emphasis",
        "Markdown *emphasis* and **bold** markers (001); the emphasised words stay. A marker "
        "must hug a word on its inner side and not touch a letter or digit on its outer side, "
        "so that '5*3' (a product) and the censorship marks of 004 ('Kyiv**') are left alone.",
        _regex(r"(?<![\w*])(\*{1,2})(?![\s*])([^*\n]+?)(?<![\s*])\1(?![\w*])", r"\2"),
        before="He writes a weekly column in *Eurasia Daily Monitor*.",
        after="He writes a weekly column in Eurasia Daily Monitor.",
    ),
    Rule(
        "markdown_headings",
        "The '#' marks of a markdown heading (001); the heading stays on its own line.",
        _regex(r"^\#{1,6}[ \t]++", flags=re.MULTILINE),
        before="## Russian counter-offensive in the international arena has lost momentum",
        after="Russian counter-offensive in the international arena has lost momentum",
    ),
    Rule(
        "citation_marks",
        "Numbered citation marks such as [3] (003): references to a list the text lacks.",
        _regex(r"[ \t]?\[\d{1,3}(?:[,\u2013-][ \t]?\d{1,3})*+\](?!\()"),
        before='its "balanced position" on the war in Ukraine. [3] Just last month',
        after='its "balanced position" on the war in Ukraine. Just last month',
    ),
    Rule(
        "censor_marks",
        "'**' where a censor removed a word (004: 'Kyiv** has', 'Iranian ** Raisi'). The mark "
        "goes; the missing word cannot be restored, and the cleaning report keeps the place.",
        _regex(r"(?:(?<![ \t])[ \t]++)?\*\*[ \t]*+", " "),
        before='and many other ** called Putin the "winner of the year"',
        after='and many other called Putin the "winner of the year"',
    ),
    Rule(
        "layout",
        "White space: lines trimmed, runs of spaces and tabs made one space, at most one blank "
        "line between paragraphs. Line breaks are kept: they separate paragraphs and headings.",
        _layout,
        before="Skip to content  \n\n\n\nThe Limits of Western Isolation",
        after="Skip to content\n\nThe Limits of Western Isolation",
    ),
    Rule(
        "trailing_heading",
        "A section heading glued to the end of the paragraph before it (004: '... home "
        "diplomacy in 2024. Follow-up to the Russian-Ukrainian war') moves to a line of its own, "
        "so that it is read as a heading, not as a sentence. Only when it is a heading in "
        "sentence case (see is_heading) and a line of text follows it.",
        _regex(
            r"(?<=[a-z0-9][.!?]) (?=([A-Z][^.!?\n]*+)$)", _break_before_heading, flags=re.MULTILINE
        ),
        before="home diplomacy in 2024. Follow-up to the Russian-Ukrainian war\nCombining",
        after="home diplomacy in 2024.\nFollow-up to the Russian-Ukrainian war\nCombining",
    ),
    Rule(
        SENTENCE_CASE_HEADINGS,
        "Headings in sentence case (000: 'Continuation of the attack', 004: 'Follow-up to the "
        "Russian-Ukrainian war'). Changes no text: it tells sentence splitting that a short "
        "line without final punctuation is a heading even when it is not in title case. Off "
        "by default, because a line of speech that lacks its full stop looks the same.",
        _no_edit,
        before="Continuation of the attack\nA necessary condition for gaining momentum.",
        after="Continuation of the attack\nA necessary condition for gaining momentum.",
    ),
    Rule(
        "glued_sentence_punctuation",
        "A space after sentence punctuation that touches the next sentence (004: 'reason?There') "
        "and after a semicolon that touches the next clause (004: 'Ukraine;Poland'). Only after "
        "a lower-case letter, so that 'U.S.' and 'D.C.' stay whole, and not inside a web "
        "address.",
        _regex(r"(?<=[a-z])([.?!;])(?=[A-Z][a-z]*+(?![\w@/]|\.\w))", r"\1 "),
        before="what is the reason?There are many reasons. Ukraine;Poland's former coalition",
        after="what is the reason? There are many reasons. Ukraine; Poland's former coalition",
    ),
    Rule(
        "glued_sentence_words",
        "Two sentences glued word to word by machine translation (004: 'SummitIn May', "
        "'questionsWhy') are split by a line break when the glued token is unknown to the "
        "wordfreq English list and both halves are known words; never inside a web or e-mail "
        "address ('GottaRegister.com').",
        _regex(_CAMEL_RUN, _split_camel_join),
        before="attended the 3rd Belt and Road SummitIn May, Russian Prime Minister",
        after="attended the 3rd Belt and Road Summit\nIn May, Russian Prime Minister",
    ),
    Rule(
        "glued_connectives",
        "A connective glued to the word before it by machine translation (000: 'gainshowever', "
        "'levelbut', 'Moldovabut', 'partythey') is split off when the glued token is unknown to "
        "the wordfreq English list, the connective is in GLUED_CONNECTIVES and the rest is a "
        "known word.",
        _regex(_CONNECTIVE_RUN, _split_lower_join),
        before="The territorial gainshowever, it is negligible",
        after="The territorial gains however, it is negligible",
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


# --- Applying rules --------------------------------------------------------------------------

#: Passes over the rules before cleaning gives up. The seeds settle after two (the first pass
#: changes, the second confirms); generated texts have needed three.
MAX_PASSES = 5


def _splice(text: str, edits: list[Edit]) -> str:
    pieces: list[str] = []
    position = 0
    for start, end, replacement in edits:
        pieces.append(text[position:start])
        pieces.append(replacement)
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


class _Origins:
    """Where each position of the current text was in the raw text, stored as spans.

    Span ``i`` starts at position ``starts[i]`` of the current text. A copied span (text kept
    from the raw text) maps position ``p`` to ``raw[i] + p - starts[i]``; an inserted span (a
    rule's replacement) maps every position to ``raw[i]``, where the replaced text began. The
    position one past the end maps to one past the end of the raw text. Memory grows with the
    number of edits, not with the length of the text: a list of one int per character took
    2.8 GB for a 50 MB text.
    """

    __slots__ = ("copied", "raw", "starts")

    def __init__(self) -> None:
        self.starts = array("q", [0])
        self.raw = array("q", [0])
        self.copied = array("b", [1])

    def __call__(self, position: int) -> int:
        i = bisect_right(self.starts, position) - 1
        return self.raw[i] + (position - self.starts[i]) if self.copied[i] else self.raw[i]

    def after(self, edits: list[Edit], length: int) -> _Origins:
        """The map of the text that ``edits`` make of the current text (of ``length``)."""
        new = _Origins()
        starts, raw, copied = array("q"), array("q"), array("b")

        def keep(a: int, b: int, at: int) -> None:
            if a >= b:
                return
            i = bisect_right(self.starts, a) - 1
            starts.append(at)
            raw.append(self(a))
            copied.append(self.copied[i])
            for j in range(i + 1, len(self.starts)):
                if self.starts[j] >= b:
                    break
                starts.append(at + self.starts[j] - a)
                raw.append(self.raw[j])
                copied.append(self.copied[j])

        position = at = 0
        for start, end, replacement in edits:
            keep(position, start, at)
            at += start - position
            if replacement:
                starts.append(at)
                raw.append(self(start))
                copied.append(0)
                at += len(replacement)
            position = end
        keep(position, length, at)
        at += length - position
        # One past the end: every earlier span starts before it, as every piece is non-empty.
        starts.append(at)
        raw.append(self(length))
        copied.append(1)
        new.starts, new.raw, new.copied = starts, raw, copied
        return new


def _check_raw(raw: object) -> None:
    if not isinstance(raw, str):
        raise TypeError(f"clean_text: raw must be a str, got {type(raw).__name__} {raw!r:.80}")


def clean_text_with_changes(raw: str, *, cleaning: object = None) -> tuple[str, list[Change]]:
    """Clean one text and return it with every change that cleaning made, in order.

    Parameters
    ----------
    raw : str
        The text as read from its file (see :func:`analysis.corpus.read_text`).
    cleaning : None, str or iterable of str
        The cleaning spec (:func:`resolve_cleaning`); None is ``"general"``.

    Returns
    -------
    text : str
        The cleaned text.
    changes : list of Change
        One entry per edit, in the order the rules made them.
    """
    _check_raw(raw)
    rules = resolve_cleaning(cleaning)
    text = raw
    origins = _Origins()
    changes: list[Change] = []
    # A later rule can expose work for an earlier one (a glued sentence split onto a line of
    # its own may be a line that a line rule removes), so the rules run again until a pass
    # changes nothing. That makes cleaning idempotent by construction.
    for _ in range(MAX_PASSES):
        changed = len(changes)
        for rule in rules:
            edits = list(rule.find(text))
            if not edits:
                continue
            changes.extend(
                Change(rule.name, text[start:end], new, origins(start), origins(end))
                for start, end, new in edits
            )
            origins = origins.after(edits, len(text))
            text = _splice(text, edits)
        if len(changes) == changed:
            return text, changes
    raise RuntimeError(f"cleaning did not settle after {MAX_PASSES} passes: {raw[:80]!r}")


def clean_text(raw: str, *, cleaning: object = None) -> str:
    """Clean one text with the rules of a cleaning spec, in the order of :data:`RULES`.

    Cleaning is deterministic and idempotent: ``clean_text(clean_text(t)) == clean_text(t)``.
    It keeps no record of its changes (see :func:`clean_text_with_changes`), so its memory is a
    few copies of the text.

    Parameters
    ----------
    raw : str
        The text as read from its file.
    cleaning : None, str or iterable of str
        The cleaning spec (:func:`resolve_cleaning`); None is ``"general"``.

    Examples
    --------
    >>> clean_text("Skip to content\\nThe summit was <u>limited</u> at best. [3]")
    'The summit was limited at best. [3]'
    >>> clean_text("The summit was limited at best. [3]", cleaning="general citation_marks")
    'The summit was limited at best.'
    """
    _check_raw(raw)
    rules = resolve_cleaning(cleaning)
    text = raw
    for _ in range(MAX_PASSES):
        changed = False
        for rule in rules:
            edits = list(rule.find(text))
            if edits:
                text = _splice(text, edits)
                changed = True
        if not changed:
            return text
    raise RuntimeError(f"cleaning did not settle after {MAX_PASSES} passes: {raw[:80]!r}")


# --- Reports ------------------------------------------------------------------------------


def _documents(
    corpus: pd.DataFrame, cleaning: object, text: str, doc_id: str, caller: str
) -> list[tuple[object, str, str]]:
    """``(doc_id, raw text, spec)`` per document; the spec from the corpus when it has one."""
    raw_column = "raw_text" if isinstance(corpus, pd.DataFrame) and "raw_text" in corpus else text
    _require_columns(corpus, (doc_id, raw_column), caller)
    if "cleaning" in corpus.columns:
        specs = [
            cleaning if _is_missing(s) or not str(s).strip() else s for s in corpus["cleaning"]
        ]
    else:
        specs = [cleaning] * len(corpus)
    documents = []
    for document, raw, spec in zip(corpus[doc_id], corpus[raw_column], specs, strict=True):
        if not isinstance(raw, str):
            raise TypeError(
                f"{caller}: the text of document {document!r} (column {raw_column!r}) is "
                f"{type(raw).__name__} {raw!r:.80}, not a str"
            )
        try:
            documents.append((document, raw, cleaning_spec(spec)))
        except (TypeError, ValueError) as error:
            raise type(error)(f"{caller}: document {document!r}: {error}") from None
    return documents


def cleaning_report(
    corpus: pd.DataFrame,
    *,
    cleaning: object = None,
    text: str = "text",
    doc_id: str = "doc_id",
) -> pd.DataFrame:
    """List every change cleaning made to every document: one row per removal or change.

    Each document is cleaned again from its raw text, with the spec in its ``cleaning`` column
    when the corpus has one (:func:`analysis.load_corpus` records it), else with ``cleaning``.

    Parameters
    ----------
    corpus : DataFrame
        One row per document, e.g. from :func:`analysis.load_corpus`: the raw texts in
        ``raw_text`` (or, without that column, in ``text``).
    cleaning : None, str or iterable of str
        The spec for documents without one of their own (a blank ``cleaning`` cell, or no
        ``cleaning`` column). To see what another spec would do to a loaded corpus, drop its
        ``cleaning`` column first.
    text : str, default "text"
        The column of texts to clean when the corpus has no ``raw_text`` column.
    doc_id : str, default "doc_id"
        The column of document identifiers.

    Returns
    -------
    DataFrame
        Columns ``doc_id``, ``rule``, ``removed`` (the text taken out, as the rule saw it),
        ``replacement`` (what was put in its place, often nothing), ``start`` and ``end`` (its
        place in the raw text). For every document, the characters before cleaning minus the
        characters after equal the sum of ``len(removed) - len(replacement)``.
    """
    rows = [
        {"doc_id": document, **change.__dict__}
        for document, raw, spec in _documents(corpus, cleaning, text, doc_id, "cleaning_report")
        for change in clean_text_with_changes(raw, cleaning=spec)[1]
    ]
    columns = ["doc_id", "rule", "removed", "replacement", "start", "end"]
    return pd.DataFrame(rows, columns=columns)


def cleaning_summary(
    corpus: pd.DataFrame,
    *,
    cleaning: object = None,
    text: str = "text",
    doc_id: str = "doc_id",
) -> pd.DataFrame:
    """Per document: the spec, characters and words before and after cleaning, changes per rule.

    Each document is cleaned again from its raw text, as in :func:`cleaning_report` (same
    parameters).

    Returns
    -------
    DataFrame
        One row per document: ``doc_id``, ``cleaning`` (the spec that ran, e.g. ``"general
        author_bio"``), ``chars_raw``, ``chars_clean``, ``chars_removed``, ``words_raw``,
        ``words_clean``, ``changes``, then one column per rule that ran on any document, in
        the order of :data:`RULES`, with its number of changes (0 where it ran and changed
        nothing, or did not run on that document): the columns say which rules ran.
    """
    documents = _documents(corpus, cleaning, text, doc_id, "cleaning_summary")
    ran = {rule.name for _, _, spec in documents for rule in resolve_cleaning(spec)}
    rule_columns = [rule.name for rule in RULES if rule.name in ran]
    rows = []
    for document, raw, spec in documents:
        clean, changes = clean_text_with_changes(raw, cleaning=spec)
        counts = dict.fromkeys(rule_columns, 0)
        for change in changes:
            counts[change.rule] += 1
        rows.append(
            {
                "doc_id": document,
                "cleaning": spec,
                "chars_raw": len(raw),
                "chars_clean": len(clean),
                "chars_removed": len(raw) - len(clean),
                "words_raw": word_count(raw),
                "words_clean": word_count(clean),
                "changes": len(changes),
                **counts,
            }
        )
    columns = [
        "doc_id",
        "cleaning",
        "chars_raw",
        "chars_clean",
        "chars_removed",
        "words_raw",
        "words_clean",
        "changes",
        *rule_columns,
    ]
    return pd.DataFrame(rows, columns=columns)


def rules_table() -> pd.DataFrame:
    """Every cleaning rule in the order they run.

    Columns ``order``, ``rule``, ``profile`` (``"general"`` for the rules of the default
    profile, ``"opt-in"`` for the rules a spec must name), ``reason`` and ``example``.
    """
    general = set(PROFILES["general"])
    return pd.DataFrame(
        {
            "order": range(1, len(RULES) + 1),
            "rule": [rule.name for rule in RULES],
            "profile": ["general" if rule.name in general else "opt-in" for rule in RULES],
            "reason": [rule.reason for rule in RULES],
            "example": [f"{rule.before!r} -> {rule.after!r}" for rule in RULES],
        }
    )


def _require_columns(frame: pd.DataFrame, columns: Iterable[str], caller: str) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{caller} expects a pandas DataFrame, got {type(frame).__name__}")
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise KeyError(f"{caller}: the DataFrame has no column {', '.join(map(repr, missing))}")
