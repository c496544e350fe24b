"""Headings: what a heading looks like, and the finders that work on titles and headings."""

from __future__ import annotations

import re
from collections.abc import Iterator

from analysis.cleaning.base import _WORD, Edit

#: A heading has at most this many words. Titles and section headings of articles seldom run
#: longer, while a line of body text that lacks final punctuation (one half of a glued sentence
#: that cleaning split, say) is usually longer.
MAX_HEADING_WORDS = 12

#: ... and at most this many characters (twelve words of ordinary length come to about 90), so
#: that a long run of text without spaces is never taken for a one-word heading.
MAX_HEADING_CHARS = 200

_TERMINAL = tuple(".!?;:,\"')]…")

# Words that title case leaves in lower case (articles, conjunctions, prepositions: Chicago
# Manual of Style 8.159), so "Plans for the Harbour and the Old Town" is title case.
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
    except the minor words that title case leaves in lower case ("Plans for the Harbour and the
    Old Town").

    Title case is what tells a heading from a line of speech or prose that merely lacks its full
    stop (a transcript: "We will not stop until every family has"). Sources whose headings are
    in sentence case ("Plans for a new terminal") opt in to them with the cleaning rule
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
    >>> is_heading("A New Terminal for the Old Harbour")
    True
    >>> is_heading("The ferry runs twice a day.")
    False
    >>> is_heading("Plans for a new terminal"), is_heading("Plans for a new terminal",
    ...                                                    sentence_case=True)
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
    """Later paragraphs that repeat the first line, when the first line is a heading."""
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
# words or initials ("- Mara T. Lindqvist"), at the end of the line.
_TITLE_BYLINE = re.compile(
    r"[ \t]++[-\u2013\u2014|][ \t]++([A-Z][\w'.-]*+(?:[ \t]++[A-Z][\w'.-]*+){1,4})[ \t]*+"
)


def _title_byline(text: str) -> Iterator[Edit]:
    """The author's name after the title on a text's first line ("Harbour Towns at a Crossroads
    - Mara T. Lindqvist"): the byline goes, the title stays.

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
