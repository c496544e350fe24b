"""Reports: every change to every document, a summary per document, and the table of rules."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis.cleaning.apply import clean_text_with_changes
from analysis.cleaning.base import word_count
from analysis.cleaning.rules import PROFILES, RULES, _is_missing, cleaning_spec, resolve_cleaning


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
