"""Actors: who each document speaks of, and in what tone.

An actor is a set of surface forms ("Russia": Russia, Russian, Putin, Kremlin, Moscow). No
actor list is built in: which actors matter, and by which names they go, is a question about a
particular corpus. Pass a table (a CSV file with the columns ``actor`` and ``form``, and
optionally ``exclude``; a corpus folder that holds ``actors.csv``; or a dict
``{actor: [forms]}``) through :func:`read_actors`.

How a form is matched, as a reader would:

- On word boundaries: "Russia" is found in "Russia's" and "Russia-Ukraine" but not in
  "Russian" (list "Russian" as a form of its own, as a reader counts the adjective), "US" not
  in "USSR" or "thus", "West" not in "Western".
- In any case, except acronyms: a form written in capitals only ("US", "U.S.", "EU", "UN",
  "NATO", "G7") matches only in capitals, because in lower case it is another word ("us",
  "un"); every other form matches whatever its case ("Western", "western", "WESTERN"), so
  that a sentence-initial or headline capital, or a lower-case adjective, is not missed.
- Except inside an excluded phrase: the ``exclude`` column lists, separated by ``;``, phrases
  in which the form does not name the actor ("US dollars" for "US", "non-Western" for
  "Western"). Exclusions match in any case, on word boundaries.

The quality of a list on a corpus is measured against sentences marked by hand
(:func:`actor_match_quality`, :func:`actor_match_errors`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.cleaning import word_count
from analysis.corpus import canonical
from analysis.sentiment import NEGATIVE_CUTOFF, bootstrap_mean
from analysis.validation import check_documents, check_labels, check_positive_int

__all__ = [
    "actor_match_errors",
    "actor_match_quality",
    "actor_mentions",
    "actor_sentiment",
    "is_acronym",
    "mention_counts",
    "read_actors",
    "read_marks",
    "split_marks",
]

ACTORS_NAME = "actors.csv"

#: Separates the phrases of an ``exclude`` cell, and the actors of a hand-marked sentence.
SEPARATOR = ";"


def is_acronym(form: str) -> bool:
    """True for a form written in capitals only ("US", "U.S.", "NATO", "G7"): it is matched
    only in capitals. Every other form is matched in any case.

    Examples
    --------
    >>> is_acronym("US"), is_acronym("U.S."), is_acronym("Xi"), is_acronym("Western")
    (True, True, False, False)
    """
    return form.isupper()


def _key(form: str) -> str:
    """The form as matching compares it: as written for an acronym, case-folded otherwise."""
    return form if is_acronym(form) else form.casefold()


def split_marks(cell: object) -> list[str]:
    """The items of a ``;``-separated cell, stripped, without empty ones."""
    if not isinstance(cell, str):
        return []
    return [item.strip() for item in cell.split(SEPARATOR) if item.strip()]


def read_actors(source: Path | str | Mapping[str, Iterable[str]] | pd.DataFrame) -> pd.DataFrame:
    """An actor table: ``actor``, ``form`` and ``exclude``, one row per surface form.

    Parameters
    ----------
    source : path-like, dict or DataFrame
        A CSV file with the columns ``actor`` and ``form`` (and optionally ``exclude``); a
        corpus folder holding ``actors.csv``; a dict ``{actor: [form, ...]}``; or a DataFrame
        with those columns.

    Returns
    -------
    DataFrame
        ``actor``, ``form`` and ``exclude`` (phrases separated by ``;`` in which the form does
        not name the actor; empty when there are none).

    Raises
    ------
    ValueError
        A missing column, an empty field, or one form given to two actors (forms that match
        the same words, such as "Russian" and "russian", are one form); the message names the
        file and the row.

    Examples
    --------
    >>> read_actors({"Labour": ["Labour", "Starmer"]})[["actor", "form"]].to_dict("records")
    [{'actor': 'Labour', 'form': 'Labour'}, {'actor': 'Labour', 'form': 'Starmer'}]
    """
    where = "actors"
    if isinstance(source, Mapping):
        rows = []
        for actor, forms in source.items():
            if isinstance(forms, str):
                forms = [forms]
            rows.extend((str(actor), str(form)) for form in forms)
        table = pd.DataFrame(rows, columns=["actor", "form"])
    elif isinstance(source, pd.DataFrame):
        table = source
    else:
        path = Path(source)
        if path.is_dir():
            path = path / ACTORS_NAME
        where = str(path)
        if not path.is_file():
            raise FileNotFoundError(f"actors: no such file {path}")
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [column for column in ("actor", "form") if column not in table.columns]
    if missing:
        raise ValueError(f"{where}: missing column(s) {missing}; expected actor, form")
    if "exclude" not in table.columns:
        table = table.assign(exclude="")
    table = table[["actor", "form", "exclude"]].fillna("").astype(str)
    table = table.apply(lambda column: column.str.strip()).reset_index(drop=True)
    empty = table.index[(table["actor"] == "") | (table["form"] == "")]
    if len(empty):
        raise ValueError(f"{where}: row {empty[0] + 2} has an empty actor or form")
    table["exclude"] = table["exclude"].map(lambda cell: f"{SEPARATOR} ".join(split_marks(cell)))
    table = table.drop_duplicates(ignore_index=True)
    keys = table["form"].map(_key)
    owners = table.groupby(keys)["actor"].nunique()
    if (owners > 1).any():
        key = owners.index[owners > 1][0]
        form = table.loc[keys == key, "form"].iloc[0]
        names = sorted(set(table.loc[keys == key, "actor"]))
        raise ValueError(f"{where}: the form {form!r} is given to several actors: {names}")
    repeated = keys.duplicated()
    if repeated.any():
        form = table.loc[repeated, "form"].iloc[0]
        raise ValueError(
            f"{where}: the form {form!r} is listed twice (forms match in any case, except "
            "acronyms); list it once, with all its exclusions"
        )
    return table


def _alternatives(forms: Iterable[str]) -> str:
    # Longest forms first, so that "North Korea" wins over a shorter form at the same place.
    # Acronyms keep their case; every other form is matched in any case.
    ordered = sorted(set(forms), key=lambda form: (-len(form), form))
    return "|".join(
        re.escape(form) if is_acronym(form) else f"(?i:{re.escape(form)})" for form in ordered
    )


def _pattern(forms: Iterable[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.])(?:{_alternatives(forms)})(?!\w)")


class _Matcher:
    """Finds the mentions of an actor table in a text: ``(actor, form, matched, start)``."""

    def __init__(self, table: pd.DataFrame) -> None:
        self.actor_of = {_key(f): a for f, a in zip(table["form"], table["actor"], strict=True)}
        self.form_of = {_key(f): f for f in table["form"]}
        self.pattern = _pattern(table["form"]) if len(table) else None
        # Each excluded phrase with the forms it silences; one pattern per phrase, so that
        # overlapping phrases ("US dollar", "US dollars") are each found.
        silenced: dict[str, set[str]] = {}
        for form, cell in zip(table["form"], table["exclude"], strict=True):
            for phrase in split_marks(cell):
                silenced.setdefault(phrase.casefold(), set()).add(_key(form))
        self.exclusions = [
            (re.compile(rf"(?<![\w.])(?i:{re.escape(phrase)})(?!\w)"), keys)
            for phrase, keys in sorted(silenced.items())
        ]

    def key(self, matched: str) -> str:
        return matched if matched in self.actor_of else matched.casefold()

    def find(self, body: str) -> Iterator[tuple[str, str, str, int]]:
        if self.pattern is None:
            return
        spans = [
            (match.start(), match.end(), keys)
            for pattern, keys in self.exclusions
            for match in pattern.finditer(body)
        ]
        for match in self.pattern.finditer(body):
            key = self.key(match.group(0))
            if any(
                start <= match.start() and match.end() <= end and key in keys
                for start, end, keys in spans
            ):
                continue
            yield self.actor_of[key], self.form_of[key], match.group(0), match.start()


def actor_mentions(
    units: pd.DataFrame, *, actors: pd.DataFrame | Mapping, text: str = "text"
) -> pd.DataFrame:
    """Every mention of every actor in each row of ``units`` (documents or sentences).

    Forms match on word boundaries, in any case except acronyms, and not inside an excluded
    phrase (see the module's notes).

    Parameters
    ----------
    units : DataFrame
        Documents or sentences, with a text column.
    actors : DataFrame or dict
        The actor table (:func:`read_actors`), or anything it reads.
    text : str, default "text"
        The column of texts.

    Returns
    -------
    DataFrame
        One row per mention: the columns of ``units`` except its texts, then ``actor``,
        ``form`` (as the table lists it), ``matched`` (as the text writes it) and ``start``
        (the offset of the mention in the row's text).

    Examples
    --------
    >>> rows = pd.DataFrame({"doc_id": ["a"], "text": ["The US and the USSR; thus, us."]})
    >>> actor_mentions(rows, actors={"America": ["US"]})[["actor", "form", "start"]].to_dict(
    ...     "records")
    [{'actor': 'America', 'form': 'US', 'start': 4}]
    >>> table = pd.DataFrame({"actor": ["West"] * 2, "form": ["US", "Western"],
    ...                       "exclude": ["US dollars", "non-Western"]})
    >>> rows = pd.DataFrame({"text": ["WESTERN banks paid in US dollars, non-Western ones not."]})
    >>> actor_mentions(rows, actors=table)[["form", "matched"]].to_dict("records")
    [{'form': 'Western', 'matched': 'WESTERN'}]
    """
    check_documents(units, (text,), "actor_mentions")
    matcher = _Matcher(read_actors(actors))
    keep = [c for c in units.columns if c not in {text, "raw_text", "text"}]
    positions, names, forms, matched, starts = [], [], [], [], []
    for position, body in enumerate(units[text]):
        if not isinstance(body, str):
            raise TypeError(
                f"actor_mentions: row .iloc[{position}] of column {text!r} is "
                f"{type(body).__name__} {body!r:.80}, not a str"
            )
        for actor, form, surface, start in matcher.find(body):
            positions.append(position)
            names.append(actor)
            forms.append(form)
            matched.append(surface)
            starts.append(start)
    mentions = units.iloc[positions][keep].reset_index(drop=True)
    mentions["actor"] = pd.Series(names, dtype=object)
    mentions["form"] = pd.Series(forms, dtype=object)
    mentions["matched"] = pd.Series(matched, dtype=object)
    mentions["start"] = pd.Series(starts, dtype=np.int64)
    return mentions


def read_marks(source: Path | str) -> pd.DataFrame:
    """A sample marked by hand, read from a CSV file exactly as written.

    Every column is read as text and empty cells stay empty strings (an empty ``actors`` cell
    is a sentence that names no actor, not a missing value), so that identifiers such as
    "007" keep their zeros.

    Parameters
    ----------
    source : path-like
        A CSV file, e.g. of marked sentences (:func:`actor_match_quality`) or of marked pairs
        (:func:`analysis.pairing_quality`).

    Raises
    ------
    FileNotFoundError
        No such file; the message names it.
    """
    path = Path(source)
    if not path.is_file():
        raise FileNotFoundError(f"read_marks: no such file {path}")
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _marked_sets(
    marked: pd.DataFrame, actors, text: str, truth: str, caller: str
) -> tuple[list[set[str]], list[set[str]], list[str]]:
    """Per row of ``marked``: the actors marked by hand, those the table finds; all names."""
    check_documents(marked, (text, truth), caller)
    table = read_actors(actors)
    names = list(dict.fromkeys(table["actor"]))
    hand = [set(split_marks(cell)) for cell in marked[truth]]
    unknown = sorted(set().union(*hand) - set(names)) if hand else []
    if unknown:
        raise ValueError(
            f"{caller}: column {truth!r} marks actors that the actor table does not have: "
            f"{unknown}; the table has {names}"
        )
    rows = marked[[text]].assign(_row=np.arange(len(marked)))
    mentions = actor_mentions(rows, actors=table, text=text)
    found = [set() for _ in range(len(marked))]
    for row, actor in zip(mentions["_row"], mentions["actor"], strict=True):
        found[row].add(actor)
    return hand, found, names


def actor_match_quality(
    marked: pd.DataFrame,
    *,
    actors: pd.DataFrame | Mapping,
    text: str = "text",
    truth: str = "actors",
) -> pd.DataFrame:
    """Precision and recall of an actor table against sentences marked by hand.

    A unit of evaluation is a sentence and an actor: the actor is *marked* when the reader
    marked the sentence as naming it, *found* when the table's forms match in the sentence.
    Precision is the share of found pairs that are marked, recall the share of marked pairs
    that are found.

    Parameters
    ----------
    marked : DataFrame
        One row per sentence read, with its text and, in ``truth``, the actors the reader
        marked, separated by ``;`` (empty for none). Every sentence read must be a row, those
        that name no actor included, or false matches in them go unseen.
    actors : DataFrame or dict
        The actor table (:func:`read_actors`).
    text, truth : str
        The columns of sentences and of marked actors.

    Returns
    -------
    DataFrame
        One row per actor of the table, then a row ``"all"`` (pooled over actors): ``actor``,
        ``marked``, ``found``, ``correct`` (found and marked), ``precision`` (NaN when nothing
        is found) and ``recall`` (NaN when nothing is marked).

    Examples
    --------
    >>> marked = pd.DataFrame({"text": ["Russian troops.", "Thus, us.", "The Kremlin."],
    ...                        "actors": ["Russia", "", "Russia"]})
    >>> quality = actor_match_quality(marked, actors={"Russia": ["Russian", "Russia"]})
    >>> quality[["actor", "marked", "found", "correct", "recall"]].to_dict("records")[0]
    {'actor': 'Russia', 'marked': 2, 'found': 1, 'correct': 1, 'recall': 0.5}
    """
    hand, found, names = _marked_sets(marked, actors, text, truth, "actor_match_quality")
    rows = []
    for name in [*names, None]:
        pick = (lambda s: s) if name is None else (lambda s, name=name: s & {name})
        n_marked = sum(len(pick(h)) for h in hand)
        n_found = sum(len(pick(f)) for f in found)
        correct = sum(len(pick(h) & pick(f)) for h, f in zip(hand, found, strict=True))
        rows.append(
            {
                "actor": "all" if name is None else name,
                "marked": n_marked,
                "found": n_found,
                "correct": correct,
                "precision": correct / n_found if n_found else np.nan,
                "recall": correct / n_marked if n_marked else np.nan,
            }
        )
    frame = pd.DataFrame(
        rows, columns=["actor", "marked", "found", "correct", "precision", "recall"]
    )
    return frame.astype({"marked": np.int64, "found": np.int64, "correct": np.int64})


def actor_match_errors(
    marked: pd.DataFrame,
    *,
    actors: pd.DataFrame | Mapping,
    text: str = "text",
    truth: str = "actors",
) -> pd.DataFrame:
    """The sentences where an actor table and a reader disagree (see
    :func:`actor_match_quality`).

    Returns
    -------
    DataFrame
        One row per disagreement: the columns of ``marked`` except ``truth``, then ``actor``
        and ``error``: "missed" (marked, not found) or "false match" (found, not marked).
    """
    hand, found, _ = _marked_sets(marked, actors, text, truth, "actor_match_errors")
    positions, names, errors = [], [], []
    for position, (h, f) in enumerate(zip(hand, found, strict=True)):
        for name in sorted(h - f):
            positions.append(position)
            names.append(name)
            errors.append("missed")
        for name in sorted(f - h):
            positions.append(position)
            names.append(name)
            errors.append("false match")
    keep = [c for c in marked.columns if c != truth]
    frame = marked.iloc[positions][keep].reset_index(drop=True)
    frame["actor"] = pd.Series(names, dtype=object)
    frame["error"] = pd.Series(errors, dtype=object)
    return frame


def mention_counts(
    docs: pd.DataFrame,
    *,
    actors: pd.DataFrame | Mapping,
    text: str = "text",
    doc_id: str = "doc_id",
    per: int = 1000,
) -> pd.DataFrame:
    """Mentions of each actor in each document, raw and per ``per`` words.

    Returns
    -------
    DataFrame
        One row per document and actor (zeros included): ``doc_id``, ``actor``, ``mentions``,
        ``words`` (the document's, as :func:`analysis.cleaning.word_count` counts them) and
        ``per_1000_words`` (named after ``per``), then the document's other columns.
    """
    check_documents(docs, (doc_id, text), "mention_counts")
    per = check_positive_int(per, "per", "mention_counts")
    table = read_actors(actors)
    mentions = actor_mentions(docs[[doc_id, text]], actors=table, text=text)
    counts = mentions.groupby([doc_id, "actor"]).size()
    index = pd.MultiIndex.from_product(
        [docs[doc_id], list(dict.fromkeys(table["actor"]))], names=["doc_id", "actor"]
    )
    frame = counts.reindex(index, fill_value=0).rename("mentions").reset_index()
    words = pd.Series(docs[text].map(word_count).to_numpy(), index=docs[doc_id])
    frame["words"] = frame["doc_id"].map(words).astype(np.int64)
    with np.errstate(divide="ignore", invalid="ignore"):
        frame[f"per_{per}_words"] = per * frame["mentions"] / frame["words"]
    metadata = docs.drop(columns=[text, "raw_text"], errors="ignore").rename(
        columns={doc_id: "doc_id"}
    )
    return frame.merge(metadata, on="doc_id", how="left")


def actor_sentiment(
    scored: pd.DataFrame,
    *,
    actors: pd.DataFrame | Mapping,
    group: str = "doc_id",
    text: str = "text",
    doc_id: str = "doc_id",
    n_boot: int = 2000,
    seed: int = 0,
    include_variants: bool = False,
) -> pd.DataFrame:
    """Sentiment of the sentences that mention each actor, per document or per group.

    A sentence that mentions two actors counts for both; a sentence that mentions one actor
    twice counts once.

    Parameters
    ----------
    scored : DataFrame
        Scored sentences (:func:`analysis.sentence_sentiment`).
    actors : DataFrame or dict
        The actor table (:func:`read_actors`).
    group : str, default "doc_id"
        Group by document, or by another column; pooling documents uses canonical documents
        only, unless ``include_variants``.

    Returns
    -------
    DataFrame
        ``group``, ``actor``, ``documents``, ``sentences``, ``mean`` compound with ``ci_low``
        and ``ci_high`` (bootstrap over the sentences), and ``share_negative``.
    """
    check_documents(scored, (text, "compound", group, doc_id), "actor_sentiment")
    if group != doc_id:
        scored = canonical(scored, include_variants=include_variants)
        check_labels(scored, group, "actor_sentiment")
    rows_of = scored[list(dict.fromkeys([text, group, doc_id]))].assign(_row=np.arange(len(scored)))
    mentions = actor_mentions(rows_of, actors=actors, text=text)
    mentions = mentions.drop_duplicates(["_row", "actor"])
    compound = scored["compound"].to_numpy()
    rows = []
    for (label, actor), members in mentions.groupby([group, "actor"], sort=True):
        values = compound[members["_row"].to_numpy()]
        mean, low, high = bootstrap_mean(values, n_boot=n_boot, seed=seed)
        rows.append(
            {
                group: label,
                "actor": actor,
                "documents": members[doc_id].nunique(),
                "sentences": len(members),
                "mean": mean,
                "ci_low": low,
                "ci_high": high,
                "share_negative": float((values <= NEGATIVE_CUTOFF).mean()),
            }
        )
    columns = [group, "actor", "documents", "sentences", "mean", "ci_low", "ci_high"]
    return pd.DataFrame(rows, columns=[*columns, "share_negative"])
