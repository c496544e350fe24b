"""Actors: who each document speaks of, and in what tone.

An actor is a set of surface forms ("Russia": Russia, Putin, Kremlin, Moscow). No actor list is
built in: which actors matter, and by which names they go, is a question about a particular
corpus. Pass a table (a CSV file with the columns ``actor`` and ``form``, a corpus folder that
holds ``actors.csv``, or a dict ``{actor: [forms]}``) through :func:`read_actors`.

Matching is case-sensitive and respects word boundaries: "US" is found in "the US president"
but not in "USSR", "thus" or "us"; "West" is not found in "Western"; "Russia" is found in
"Russia's" but not in "Russian". Forms are proper names, whose capitals are the evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.cleaning import word_count
from analysis.corpus import canonical
from analysis.sentiment import NEGATIVE_CUTOFF, bootstrap_mean
from analysis.validation import check_documents, check_labels, check_positive_int

__all__ = ["actor_mentions", "actor_sentiment", "mention_counts", "read_actors"]

ACTORS_NAME = "actors.csv"


def read_actors(source: Path | str | Mapping[str, Iterable[str]] | pd.DataFrame) -> pd.DataFrame:
    """An actor table: ``actor`` and ``form``, one row per surface form.

    Parameters
    ----------
    source : path-like, dict or DataFrame
        A CSV file with the columns ``actor`` and ``form``; a corpus folder holding
        ``actors.csv``; a dict ``{actor: [form, ...]}``; or a DataFrame with those columns.

    Raises
    ------
    ValueError
        A missing column, an empty field, or one form given to two actors; the message names
        the file and the row.

    Examples
    --------
    >>> read_actors({"Labour": ["Labour", "Starmer"]}).to_dict("records")
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
    table = table[["actor", "form"]].astype(str).apply(lambda column: column.str.strip())
    table = table.reset_index(drop=True)
    empty = table.index[(table["actor"] == "") | (table["form"] == "")]
    if len(empty):
        raise ValueError(f"{where}: row {empty[0] + 2} has an empty actor or form")
    clash = table.drop_duplicates().duplicated("form", keep=False)
    if clash.any():
        form = table.loc[clash, "form"].iloc[0]
        owners = sorted(set(table.loc[table["form"] == form, "actor"]))
        raise ValueError(f"{where}: the form {form!r} is given to several actors: {owners}")
    return table.drop_duplicates(ignore_index=True)


def _pattern(forms: list[str]) -> re.Pattern[str]:
    # Longest forms first, so that "North Korea" wins over a shorter form at the same place.
    alternatives = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?!\w)")


def actor_mentions(
    units: pd.DataFrame, *, actors: pd.DataFrame | Mapping, text: str = "text"
) -> pd.DataFrame:
    """Every mention of every actor in each row of ``units`` (documents or sentences).

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
        ``form`` and ``start`` (the offset of the mention in the row's text).

    Examples
    --------
    >>> rows = pd.DataFrame({"doc_id": ["a"], "text": ["The US and the USSR; thus, us."]})
    >>> actor_mentions(rows, actors={"America": ["US"]})[["actor", "form", "start"]].to_dict(
    ...     "records")
    [{'actor': 'America', 'form': 'US', 'start': 4}]
    """
    check_documents(units, (text,), "actor_mentions")
    table = read_actors(actors)
    actor_of = dict(zip(table["form"], table["actor"], strict=True))
    keep = [c for c in units.columns if c not in {text, "raw_text", "text"}]
    positions, names, forms, starts = [], [], [], []
    if actor_of:
        pattern = _pattern(list(actor_of))
        for position, body in enumerate(units[text]):
            for match in pattern.finditer(body):
                positions.append(position)
                names.append(actor_of[match.group(0)])
                forms.append(match.group(0))
                starts.append(match.start())
    mentions = units.iloc[positions][keep].reset_index(drop=True)
    mentions["actor"] = pd.Series(names, dtype=object)
    mentions["form"] = pd.Series(forms, dtype=object)
    mentions["start"] = pd.Series(starts, dtype=np.int64)
    return mentions


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
