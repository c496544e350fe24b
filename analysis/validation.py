"""Input validation for the whole package, in one place.

Every public function checks its input here, so that a wrong argument gets the same kind of
message everywhere: it names the function, the argument and the value, in the package's own
words, before pandas, scikit-learn or NumPy can raise something less readable.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from numbers import Integral, Real

import numpy as np
import pandas as pd

__all__ = [
    "check_choice",
    "check_documents",
    "check_group",
    "check_labels",
    "check_number",
    "check_positive_int",
]


def check_documents(docs: object, columns: Iterable[str], caller: str) -> None:
    """Raise a clear error unless ``docs`` is a DataFrame with the given columns.

    A bare string or a list of strings is the commonest mistake: the functions of this package
    take a table of documents, so that every result can carry each document's metadata.
    """
    if isinstance(docs, str):
        raise TypeError(
            f"{caller} expects a DataFrame of documents, got a bare string; wrap your texts "
            "as pandas.DataFrame({'doc_id': [...], 'text': [...]})"
        )
    if not isinstance(docs, pd.DataFrame):
        raise TypeError(f"{caller} expects a DataFrame of documents, got {type(docs).__name__}")
    missing = [column for column in dict.fromkeys(columns) if column not in docs.columns]
    if missing:
        have = ", ".join(map(repr, docs.columns)) or "no columns"
        raise KeyError(
            f"{caller}: the DataFrame has no column {', '.join(map(repr, missing))} "
            f"(it has {have}); name your columns with the arguments text=, doc_id= or group="
        )


def check_texts(
    docs: pd.DataFrame, text: str, caller: str, *, doc_id: str = "doc_id", rows=None
) -> None:
    """Raise TypeError unless every text (of ``rows``, by position, when given) is a str.

    The message names the first document at fault by its ``doc_id`` (or its position when the
    table has no such column) and what its text is instead: a missing value read from a file
    is the commonest case.
    """
    # Positions in docs of the texts checked: rows may be positions or a boolean mask.
    positions = np.arange(len(docs)) if rows is None else np.arange(len(docs))[rows]
    texts = docs[text].iloc[positions].tolist()
    bad = [k for k, value in enumerate(texts) if not isinstance(value, str)]
    if not bad:
        return
    first = int(positions[bad[0]])
    value = texts[bad[0]]
    missing = pd.api.types.is_scalar(value) and bool(pd.isna(value))  # None, NaN, NA, NaT
    what = "missing" if missing else f"{type(value).__name__} {value!r:.80}"
    if doc_id in docs.columns:
        which = f"document {docs[doc_id].iat[first]!r}"
    else:
        which = f"row .iloc[{first}]"
    more = f" ({len(bad)} texts like this)" if len(bad) > 1 else ""
    raise TypeError(f"{caller}: the text of {which} (column {text!r}) is {what}, not a str{more}")


def check_choice(value: object, allowed: Collection[object], name: str, caller: str) -> None:
    """Raise ValueError unless ``value`` is one of ``allowed``."""
    if value not in allowed:
        choices = ", ".join(map(repr, allowed))
        raise ValueError(f"{caller}: {name}={value!r} is not one of {choices}")


def check_positive_int(value: object, name: str, caller: str, *, minimum: int = 1) -> int:
    """Return ``value`` as an int, or raise ValueError naming the argument."""
    if isinstance(value, bool) or not isinstance(value, Integral) or value < minimum:
        raise ValueError(f"{caller}: {name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def check_number(
    value: object,
    name: str,
    caller: str,
    *,
    low: float | None = None,
    high: float | None = None,
) -> float:
    """Return ``value`` as a float within ``[low, high]``, or raise ValueError naming it."""
    if isinstance(value, bool) or not isinstance(value, Real) or value != value:
        raise ValueError(f"{caller}: {name} must be a number, got {value!r}")
    if (low is not None and value < low) or (high is not None and value > high):
        bounds = f"[{'-inf' if low is None else low}, {'inf' if high is None else high}]"
        raise ValueError(f"{caller}: {name} must lie in {bounds}, got {value!r}")
    return float(value)


def check_labels(docs: pd.DataFrame, group: str, caller: str) -> None:
    """Raise ValueError when column ``group`` has missing or empty labels.

    A document without a group cannot be counted in any group; rather than drop it silently
    or invent a group named "" or "nan", the caller is told how many there are and what to do.
    """
    check_documents(docs, (group,), caller)
    labels = docs[group]
    missing = labels.isna() | (labels.astype(str).str.strip() == "")
    if missing.any():
        raise ValueError(
            f"{caller}: column {group!r} has {int(missing.sum())} empty or missing label(s) "
            f"(first at row .iloc[{int(missing.to_numpy().argmax())}]); give them a label, e.g. "
            f"docs[{group!r}].fillna('unknown'), or leave those rows out"
        )


def check_group(
    docs: pd.DataFrame,
    group: str,
    labels: Iterable[object | None],
    caller: str,
    *,
    names: Iterable[str] = ("target", "reference"),
) -> None:
    """Raise ValueError unless every label (None skipped) is a value of column ``group``.

    The message names the argument, the missing label and the labels the column has, so that a
    typo ("Democrat" for "democrat") is seen at once.
    """
    check_labels(docs, group, caller)
    present = pd.unique(docs[group])
    have = set(present)
    # The values as they are (5, not '5'), in the order of their text.
    ordered = sorted(present, key=str)
    shown = ", ".join(repr(_plain(value)) for value in ordered[:20])
    labels = list(labels)
    for name, label in zip(names, labels, strict=False):
        if label is not None and label not in have:
            # The same label written as another type (5 for "5", "2024" for 2024).
            alike = [value for value in ordered if str(value) == str(label)]
            hint = (
                f"; the column holds {_plain(alike[0])!r} ({type(_plain(alike[0])).__name__}): "
                f"pass {name}={_plain(alike[0])!r}"
                if alike
                else ""
            )
            raise ValueError(
                f"{caller}: {name}={label!r} is not a value of column {group!r} "
                f"(it has {shown}{' ...' if len(present) > 20 else ''}){hint}"
            )
    given = [label for label in labels if label is not None]
    if len(given) != len(set(given)):
        raise ValueError(f"{caller}: target and reference must differ, got {given!r}")


def _plain(value: object) -> object:
    """A NumPy scalar as the Python value it holds (5, not np.int64(5)), for messages."""
    return value.item() if isinstance(value, np.generic) else value
