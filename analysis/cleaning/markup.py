"""Finders for what a text carries from its format: unicode forms, HTML, white space.

The markdown rules are single patterns, written out in :data:`analysis.cleaning.rules.RULES`.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Iterator

from analysis.cleaning.base import Edit

# --- Unicode ---------------------------------------------------------------------------------

# Typographic quotes become ASCII so that "council’s" and "council's" are one word to every
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


# --- HTML -------------------------------------------------------------------------------

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
_HTML_NAME = (
    r"(?=[A-Za-z])(?:" + "|".join(sorted(_HTML_ELEMENTS, key=len, reverse=True)) + r")(?![\w-])"
)
_HTML_TAG = (
    r"</?" + _HTML_NAME + r"(?:(?:\s++[A-Za-z_:][\w:.-]*+\s*+=\s*+"
    r"(?:\"[^\"<>]*+\"|'[^'<>]*+'|[^\s\"'<>=`]++))++\s*+/?|\s*+/)?>"
    # A bare tag broken over lines ("<P\n>"), but not "a<b" ending a line of prose before a
    # line that opens with ">": the "<" must not touch the word before it.
    r"|(?<!\w)</?" + _HTML_NAME + r"[ \t]*+\n\s*+>"
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
