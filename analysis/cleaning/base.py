"""The parts every rule is made of: an edit, a rule, a change, and the count of words."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

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
