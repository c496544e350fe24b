"""Finders for words and sentences that machine translation glued together, checked against
the wordfreq English word list (Speer 2022)."""

from __future__ import annotations

import re
from functools import lru_cache

from wordfreq import zipf_frequency

#: Zipf frequency (log10 of occurrences per billion words, Speer 2022) at or above which a word
#: counts as a known English word. 3.0 is about one occurrence per million words: "Lisbon"
#: (3.6) and "cheaper" (4.2) pass, misspellings and most glued pairs score 0.
KNOWN_WORD_ZIPF = 3.0

#: Words that machine translation glues to the word before them ("cheaperhowever",
#: "portsbut", "votersthey"). Only these are split off: a closed list keeps the rule from
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
    """'cheaperhowever' -> 'cheaper however', when the word list makes the split safe."""
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
    """'terminalIn' -> 'terminal' + line break + 'In', when the word list makes the split safe.

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
