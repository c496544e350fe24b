"""Finders for debris that belongs to a kind of source: an author bio under a byline, a
copyright footer, breadcrumbs, page metadata, photo credits."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from analysis.cleaning.base import Edit, _at_most_words

#: An author bio under a byline runs at most this many paragraphs and characters (a bio is
#: usually one or two short paragraphs). Beyond that, what follows the byline is the text.
MAX_BIO_PARAGRAPHS = 3
MAX_BIO_CHARS = 3000

# A byline heading: a name of two to five capitalised words, a comma, and a credential or an
# institution ("## Mara T. Lindqvist, Dr., Institute for Coastal Studies").
_BYLINE = re.compile(
    r"^\#{1,6}[ \t]++(?P<name>[A-Z][\w.'\u2019-]*+(?:[ \t]++[A-Z][\w.'\u2019-]*+){1,4})[ \t]*+,"
    r"[^\n]*?\b(?:Dr|Prof|PhD|Ph\.D|Institute|University|Centre|Center|College)\b[^\n]*+",
    re.MULTILINE,
)
_BIO_END = re.compile(r"^(?:To cite this work|Copyright)", re.MULTILINE)
_ANY_HEADING = re.compile(r"^\#{1,6}[ \t]", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n[ \t]*+\n")


def _author_bio(text: str) -> Iterator[Edit]:
    """A byline heading and the bio under it, up to a citation or copyright line.

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
    # A line that opens with a copyright notice goes whatever its length (a footer may run on
    # about the editors and the licence); a line that only says "all rights reserved" must be
    # short.
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
