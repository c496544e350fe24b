"""Word shift and lexicon coverage: which words move the score, and which words it cannot see.

Word shift (Gallagher et al. 2021): the difference between the average valence of two texts,
``Phi_target - Phi_ref``, split exactly into one contribution per word (the target is what
Gallagher et al. call the comparison text). With one lexicon of valences ``h_w`` and relative
frequencies ``p_w`` among the words the lexicon scores,

    Phi = sum_w p_w * h_w                                                  (Eq. 1)
    delta_Phi_w = (p_w,target - p_w,ref) * (h_w - Phi_ref)                   (Eq. 2)
    sum_w delta_Phi_w = Phi_target - Phi_ref

(Gallagher et al.'s general form adds ``p_w,target * (h_w,target - h_w,ref)``, which is zero
when both texts are scored with the same lexicon.) A word pushes the target's score up if it
is relatively positive (``h_w > Phi_ref``) and used more, or relatively negative and used
less.

This is the lexicon's view only: VADER's rules (negation, "but", capitals) are not in it, and
the words VADER does not know (:func:`lexicon_coverage`) contribute nothing. Nor does the
lexicon know names: "united" counts +1.8 in "United States", "United Nations" and "United Arab
Emirates" alike. Each term's ``name_share`` says how often the texts write it with a capital
inside a sentence, as part of a name; ``exclude`` leaves such terms out of the shift.

References
----------
Gallagher, R. J. et al. (2021). Generalized word shift graphs: a method for visualizing and
explaining pairwise comparisons between texts. *EPJ Data Science* 10: 4.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import numpy as np
import pandas as pd

from analysis.corpus import canonical
from analysis.sentiment import vader_lexicon
from analysis.validation import check_documents, check_group, check_positive_int
from analysis.vocabulary import _TERM, STOP_WORDS, TermAnalyzer

__all__ = ["lexicon_coverage", "name_shares", "unknown_words", "word_shift"]

_WORDS = TermAnalyzer((1, 1), frozenset())


def _lexicon_counts(texts, lexicon: dict[str, float]) -> pd.Series:
    words = [word for text in texts for word in _WORDS.words(text) if word in lexicon]
    return pd.Series(words, dtype=object).value_counts()


# What may stand between the end of a sentence and the first word of the next.
_OPENING = " \t\r\n\"'\u201c\u201d\u2018\u2019()[]*-"


def _starts_sentence(text: str, start: int) -> bool:
    """True when the word at ``start`` opens the text, a line or a sentence.

    Looks back over at most 64 characters, so that the check costs the same anywhere in a long
    text; a longer run of spaces, quotes or brackets counts as a break.
    """
    window = text[max(0, start - 64) : start]
    before = window.rstrip(_OPENING)
    if not before:
        return True
    return before[-1] in ".!?:;" or "\n" in window[len(before) :]


def name_shares(texts: Iterable[str], terms: Iterable[str]) -> pd.Series:
    """For each term, the share of its occurrences written with a capital inside a sentence.

    A word capitalised anywhere but at the start of a sentence (or of a line) is taken as part
    of a name: "United" in "the United States", "Western" in "Western sanctions". A share near
    1 marks a term that the texts use mostly in names; a lexicon scores it as the common word.

    Parameters
    ----------
    texts : iterable of str
        The texts the terms were counted in.
    terms : iterable of str
        Lower-case words, as :class:`analysis.vocabulary.TermAnalyzer` makes them.

    Returns
    -------
    Series
        ``name_share`` per term (NaN for a term the texts never use), indexed by term.

    Examples
    --------
    >>> name_shares(["The United States united us. United, we stand."], ["united"]).tolist()
    [0.3333333333333333]
    """
    wanted = set(terms)
    inner = Counter()
    total = Counter()
    for text in texts:
        for match in _TERM.finditer(text):
            word = match.group(0).lower()
            word = word[:-2] if word.endswith("'s") else word.rstrip("'")
            if word not in wanted:
                continue
            total[word] += 1
            if match.group(0)[0].isupper() and not _starts_sentence(text, match.start()):
                inner[word] += 1
    return pd.Series(
        {term: inner[term] / total[term] if total[term] else np.nan for term in terms},
        name="name_share",
        dtype=float,
    )


def word_shift(
    docs: pd.DataFrame,
    *,
    group: str,
    target: object,
    reference: object,
    text: str = "text",
    lexicon: dict[str, float] | None = None,
    exclude: Iterable[str] = (),
    include_variants: bool = False,
) -> pd.DataFrame:
    """Per-word contributions to the difference in average valence between two groups.

    Parameters
    ----------
    docs : DataFrame
        Documents (or sentences) with a text column and a group column.
    group, target, reference
        The column and the two groups; contributions explain ``Phi_target - Phi_reference``.
    lexicon : dict, optional
        word -> valence; VADER's by default (:func:`analysis.sentiment.vader_lexicon`).
    exclude : iterable of str, default ()
        Lower-case words to leave out, as if the lexicon did not know them: words that the
        texts use as parts of names (see ``name_share``), whose valence is not the name's.
    include_variants : bool, default False
        Count documents whose ``duplicate_of`` is set.

    Returns
    -------
    DataFrame
        ``term``, ``valence`` (h), ``p_reference``, ``p_target``, ``contribution`` (Eq. 2),
        ``kind`` (e.g. "positive, more used": relative to the reference average),
        ``phi_reference`` and ``phi_target`` (Eq. 1) on every row, and ``name_share`` (the
        share of the term's occurrences in both groups written with a capital inside a
        sentence, as part of a name: :func:`name_shares`); sorted by the absolute
        contribution, descending. The contributions add up to ``phi_target - phi_reference``.

    Examples
    --------
    >>> docs = pd.DataFrame({"side": ["a", "b"], "text": ["good good bad", "good bad bad"]})
    >>> shift = word_shift(docs, group="side", target="a", reference="b",
    ...                    lexicon={"good": 2.0, "bad": -2.0})
    >>> shift[["term", "contribution"]].round(4).to_dict("records")
    [{'term': 'good', 'contribution': 0.8889}, {'term': 'bad', 'contribution': 0.4444}]
    """
    check_documents(docs, (text, group), "word_shift")
    lexicon = vader_lexicon() if lexicon is None else lexicon
    if isinstance(exclude, str) or not all(isinstance(w, str) for w in exclude):
        raise TypeError(
            f"word_shift: exclude must be a list of words, got {exclude!r:.80}; e.g. ['united']"
        )
    excluded = {word.lower() for word in exclude}
    lexicon = {word: value for word, value in lexicon.items() if word not in excluded}
    docs = canonical(docs, include_variants=include_variants)
    check_group(docs, group, (target, reference), "word_shift")
    counts_ref = _lexicon_counts(docs.loc[docs[group] == reference, text], lexicon)
    counts_comp = _lexicon_counts(docs.loc[docs[group] == target, text], lexicon)
    for label, counts in ((target, counts_comp), (reference, counts_ref)):
        if counts.empty:
            raise ValueError(
                f"word_shift: no text of {group}={label!r} has a word that the lexicon scores"
            )
    terms = sorted(set(counts_ref.index) | set(counts_comp.index))
    p_ref = counts_ref.reindex(terms, fill_value=0).to_numpy() / counts_ref.sum()
    p_comp = counts_comp.reindex(terms, fill_value=0).to_numpy() / counts_comp.sum()
    valence = np.array([lexicon[term] for term in terms], dtype=float)
    phi_ref = float(p_ref @ valence)  # Eq. 1
    phi_comp = float(p_comp @ valence)
    contribution = (p_comp - p_ref) * (valence - phi_ref)  # Eq. 2
    tone = np.where(valence > phi_ref, "positive", "negative")
    use = np.where(p_comp > p_ref, "more used", "less used")
    shift = pd.DataFrame(
        {
            "term": terms,
            "valence": valence,
            "p_reference": p_ref,
            "p_target": p_comp,
            "contribution": contribution,
            "kind": [f"{t}, {u}" for t, u in zip(tone, use, strict=True)],
            "phi_reference": phi_ref,
            "phi_target": phi_comp,
        }
    )
    both = docs.loc[docs[group].isin([target, reference]), text]
    shift["name_share"] = name_shares(both, terms).to_numpy()
    order = np.lexsort((shift["term"].to_numpy(), -np.abs(contribution)))
    return shift.iloc[order].reset_index(drop=True)


def lexicon_coverage(
    docs: pd.DataFrame,
    *,
    text: str = "text",
    doc_id: str = "doc_id",
    lexicon: dict[str, float] | None = None,
    stop_words: frozenset[str] = STOP_WORDS,
) -> pd.DataFrame:
    """Per document: how many of its words the lexicon scores.

    Returns
    -------
    DataFrame
        ``doc_id``, ``words``, ``scored`` (words in the lexicon), ``share_scored``, and the
        same for content words (not stop words): ``content_words``, ``content_scored``,
        ``share_content_scored``.
    """
    check_documents(docs, (text, doc_id), "lexicon_coverage")
    lexicon = vader_lexicon() if lexicon is None else lexicon
    rows = []
    for identifier, body in zip(docs[doc_id], docs[text], strict=True):
        words = _WORDS.words(body)
        content = [w for w in words if w not in stop_words]
        scored = sum(w in lexicon for w in words)
        content_scored = sum(w in lexicon for w in content)
        rows.append(
            {
                "doc_id": identifier,
                "words": len(words),
                "scored": scored,
                "share_scored": scored / len(words) if words else np.nan,
                "content_words": len(content),
                "content_scored": content_scored,
                "share_content_scored": content_scored / len(content) if content else np.nan,
            }
        )
    columns = ["doc_id", "words", "scored", "share_scored", "content_words", "content_scored"]
    return pd.DataFrame(rows, columns=[*columns, "share_content_scored"])


def unknown_words(
    docs: pd.DataFrame,
    *,
    n: int = 20,
    text: str = "text",
    doc_id: str = "doc_id",
    lexicon: dict[str, float] | None = None,
    stop_words: frozenset[str] = STOP_WORDS,
) -> pd.DataFrame:
    """The most frequent content words the lexicon does not know.

    For the per-document breakdown, pass the terms to :func:`analysis.document_counts`.

    Returns
    -------
    DataFrame
        ``term``, ``count`` (all documents) and ``documents`` (how many use it), one row per
        term; the ``n`` most frequent, ties by term.
    """
    check_documents(docs, (text, doc_id), "unknown_words")
    n = check_positive_int(n, "n", "unknown_words")
    lexicon = vader_lexicon() if lexicon is None else lexicon
    counts: Counter[str] = Counter()
    documents: Counter[str] = Counter()
    for body in docs[text]:
        words = [w for w in _WORDS.words(body) if w not in lexicon and w not in stop_words]
        counts.update(words)
        documents.update(set(words))
    table = pd.DataFrame(
        {
            "term": pd.Series(list(counts), dtype=object),
            "count": pd.Series(list(counts.values()), dtype=np.int64),
            "documents": pd.Series([documents[term] for term in counts], dtype=np.int64),
        }
    )
    return (
        table.sort_values(["count", "term"], ascending=[False, True]).head(n).reset_index(drop=True)
    )
