"""Actors: who each account speaks of, and in what tone.

An actor is a set of surface forms ("Russia": Russia, Putin, Kremlin, Moscow, Lavrov). The
default table ships with the package (``data/actors.csv``); pass your own with the same two
columns, ``actor`` and ``form``.

Matching is case-sensitive and respects word boundaries: "US" is found in "the US president"
but not in "USSR", "thus" or "us"; "West" is not found in "Western"; "Russia" is found in
"Russia's" but not in "Russian". Forms are proper names, whose capitals are the evidence.
"""

from __future__ import annotations

import re
from importlib import resources

import pandas as pd

from analysis.corpus import canonical
from analysis.sentiment import bootstrap_mean
from analysis.text import check_documents

__all__ = ["actor_mentions", "actor_sentiment", "actors_table", "mention_counts"]


def actors_table(path=None) -> pd.DataFrame:
    """The actor table: ``actor`` and ``form``, one row per surface form.

    Parameters
    ----------
    path : path-like, optional
        A CSV file with the columns ``actor`` and ``form``; by default the package's own.
    """
    if path is None:
        with resources.files("analysis").joinpath("data/actors.csv").open(encoding="utf-8") as f:
            table = pd.read_csv(f, dtype=str, keep_default_na=False)
    else:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = {"actor", "form"} - set(table.columns)
    if missing:
        raise KeyError(f"{path or 'actors.csv'}: missing column(s) {sorted(missing)}")
    table = table[["actor", "form"]].apply(lambda column: column.str.strip())
    empty = table[(table["actor"] == "") | (table["form"] == "")]
    if len(empty):
        raise ValueError(f"{path or 'actors.csv'}: row {empty.index[0] + 2} has an empty field")
    return table


def _pattern(forms: list[str]) -> re.Pattern[str]:
    # Longest forms first, so that "North Korea" wins over a shorter form at the same place.
    alternatives = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?!\w)")


def actor_mentions(
    units: pd.DataFrame, actors: pd.DataFrame | None = None, *, text: str = "text"
) -> pd.DataFrame:
    """Every mention of every actor in each row of ``units`` (documents or sentences).

    Returns
    -------
    DataFrame
        One row per mention: the columns of ``units`` except its text columns, then ``actor``,
        ``form`` and ``start`` (the offset of the mention in the row's text).

    Examples
    --------
    >>> rows = pd.DataFrame({"doc_id": ["a"], "text": ["The US and the USSR; thus, us."]})
    >>> actor_mentions(rows)[["actor", "form", "start"]].to_dict("records")
    [{'actor': 'West', 'form': 'US', 'start': 4}]
    """
    check_documents(units, (text,), "actor_mentions")
    table = actors_table() if actors is None else actors
    actor_of = dict(zip(table["form"], table["actor"], strict=True))
    pattern = _pattern(list(actor_of))
    keep = [c for c in units.columns if c not in {text, "raw_text", "text"}]
    rows = []
    for position, body in enumerate(units[text]):
        for match in pattern.finditer(body):
            rows.append((position, actor_of[match.group(0)], match.group(0), match.start()))
    positions = [row[0] for row in rows]
    mentions = units.iloc[positions][keep].reset_index(drop=True)
    mentions["actor"] = [row[1] for row in rows]
    mentions["form"] = [row[2] for row in rows]
    mentions["start"] = [row[3] for row in rows]
    return mentions


def mention_counts(
    docs: pd.DataFrame, actors: pd.DataFrame | None = None, *, per: int = 1000
) -> pd.DataFrame:
    """Mentions of each actor in each document, raw and per ``per`` words.

    Returns
    -------
    DataFrame
        One row per document and actor (zeros included): ``doc_id``, ``stance``, ``actor``,
        ``mentions`` and ``per_1000_words``.
    """
    check_documents(docs, ("doc_id", "text"), "mention_counts")
    table = actors_table() if actors is None else actors
    mentions = actor_mentions(docs, table)
    counts = mentions.groupby(["doc_id", "actor"]).size()
    index = pd.MultiIndex.from_product(
        [docs["doc_id"], list(dict.fromkeys(table["actor"]))], names=["doc_id", "actor"]
    )
    frame = counts.reindex(index, fill_value=0).rename("mentions").reset_index()
    words = docs.set_index("doc_id")["text"].str.split().str.len()
    frame["per_1000_words"] = per * frame["mentions"] / frame["doc_id"].map(words)
    if "stance" in docs.columns:
        frame.insert(1, "stance", frame["doc_id"].map(docs.set_index("doc_id")["stance"]))
    return frame


def actor_sentiment(
    scored: pd.DataFrame,
    by: str = "doc_id",
    actors: pd.DataFrame | None = None,
    *,
    n_boot: int = 2000,
    seed: int = 0,
    include_variants: bool = False,
) -> pd.DataFrame:
    """Sentiment of the sentences that mention each actor, per document or per side.

    A sentence that mentions two actors counts for both; a sentence that mentions one actor
    twice counts once.

    Parameters
    ----------
    scored : DataFrame
        Scored sentences (:func:`analysis.sentence_sentiment`).
    by : str, default "doc_id"
        Group by document, or by another column such as ``"stance"`` (canonical documents
        only, unless ``include_variants``).

    Returns
    -------
    DataFrame
        ``by``, ``actor``, ``sentences``, ``mean`` compound with ``ci_low`` and ``ci_high``
        (bootstrap over the sentences), and ``share_negative``.
    """
    check_documents(scored, ("text", "compound", by), "actor_sentiment")
    if by != "doc_id":
        scored = canonical(scored, include_variants=include_variants)
    mentions = actor_mentions(scored.assign(_row=range(len(scored))), actors)
    mentions = mentions.drop_duplicates(["_row", "actor"])
    rows = []
    for (label, actor), group in mentions.groupby([by, "actor"], sort=True):
        compound = scored["compound"].to_numpy()[group["_row"].to_numpy()]
        mean, low, high = bootstrap_mean(compound, n_boot=n_boot, seed=seed)
        rows.append(
            {
                by: label,
                "actor": actor,
                "sentences": len(group),
                "mean": mean,
                "ci_low": low,
                "ci_high": high,
                "share_negative": float((compound <= -0.05).mean()),
            }
        )
    return pd.DataFrame(rows)
