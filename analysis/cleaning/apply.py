"""Applying rules to a text, keeping (or not) a record of every change and where it was."""

from __future__ import annotations

from array import array
from bisect import bisect_right

from analysis.cleaning.base import Change, Edit
from analysis.cleaning.rules import resolve_cleaning

#: Passes over the rules before cleaning gives up. Texts usually settle after two (the first
#: pass changes, the second confirms); generated texts have needed three.
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
        The cleaning spec (:func:`~analysis.cleaning.resolve_cleaning`); None is ``"general"``.

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
        The cleaning spec (:func:`~analysis.cleaning.resolve_cleaning`); None is ``"general"``.

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
