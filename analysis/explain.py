"""Why VADER scored a sentence as it did: its arithmetic, token by token.

VADER (Hutto & Gilbert 2014) gives each token of a sentence a valence, adjusts it by rules,
adds the valences up, and normalises the sum into the compound score:

    compound = S / sqrt(S**2 + alpha),   alpha = 15,   S = sum_t v_t + p           (1)

where ``v_t`` is token t's valence after the rules and ``p`` the emphasis of "!" and "?"
(added to S with S's sign, never to a token). :func:`explain_sentiment` returns one row per
token with its lexicon valence, its valence after the rules and its share of S, computed by
the same steps as the reference implementation (``vaderSentiment``'s
``SentimentIntensityAnalyzer.polarity_scores``), in the same order and with its own helper
functions, so that the rows add up to S exactly and Eq. 1 gives the engine's compound. The
rules, in the order VADER applies them to a token found in its lexicon:

1. "no" just before another lexicon word scores 0 (it negates that word instead); a word one or
   two tokens after "no" (or three, after "no ... or/nor") is multiplied by -0.74.
2. A word in capitals, in a sentence where not every word is in capitals: +-0.733.
3. For each of the three tokens before it that are not in the lexicon: a booster or dampener
   ("very", "slightly") adds +-0.293 (x0.95 two tokens back, x0.9 three back; +-0.733 more
   when the booster is in capitals); a negation ("not", "never", "without", "despite", any
   word with "n't") multiplies by -0.74; "so" or "this" just before it, or "never so/this",
   multiplies by 1.25; at three tokens back, idioms ("kind of": -0.293; "the shit": 3).
4. "least" just before it (but not "at least", "very least") multiplies by -0.74.
5. "but": every valence before the first "but" is halved, every one after it multiplied by
   1.5.

Tokens in VADER's booster list score 0 themselves, even when the lexicon has them
("incredible"), and so does "kind" in "kind of". Tokens are VADER's own: the text split at
white space, with punctuation stripped from the ends of a token unless fewer than three
characters would remain ("a," stays "a,", and is then not the word "a").

What the rules do not cover is what VADER gets wrong on political prose: sarcasm ("excels at
pretending confidence"), reported claims ("tries to claim success": the claim's words count as
the author's), idioms that are not in its list ("limited at best": "best" counts +3.2), and
words its lexicon does not know ("fanfare", "invasion", "sanctions": 0).

References
----------
Hutto, C. J. and Gilbert, E. (2014). VADER: A parsimonious rule-based model for sentiment
analysis of social media text. *Proceedings of ICWSM-14*.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
from vaderSentiment import vaderSentiment as _vader

from analysis.sentiment import MAX_SCORE_CHARS, _check_texts, _engine
from analysis.validation import check_choice, check_positive_int

__all__ = ["EXPLAIN_COLUMNS", "compound_from_sum", "explain_sentiment", "sentiment_drivers"]

#: The engines whose arithmetic :func:`explain_sentiment` reproduces. NLTK's port differs from
#: the reference in several rules (how it finds a token's position, "no", "but"), so its
#: scores are not explained here.
EXPLAIN_ENGINES = ("vader",)

#: The columns of :func:`explain_sentiment`.
EXPLAIN_COLUMNS = ("position", "token", "kind", "lexicon_valence", "valence", "share", "rules")

#: VADER's normalisation constant (alpha in Eq. 1): roughly the largest sum it expects.
ALPHA = 15

_NEGATE = _vader.N_SCALAR  # -0.74


def compound_from_sum(total: float, *, alpha: float = ALPHA) -> float:
    """VADER's compound score from the raw sum of valences (Eq. 1), unrounded.

    ``round(compound_from_sum(S), 4)`` is the compound that ``polarity_scores`` reports.

    Examples
    --------
    >>> round(compound_from_sum(1.9), 4)
    0.4404
    """
    return float(_vader.normalize(float(total), alpha=alpha))


def _words(text: str, analyzer) -> tuple[str, list[str]]:
    """The text as ``polarity_scores`` reads it (emojis described) and its tokens."""
    # Copied from polarity_scores: each emoji becomes its description, with a space before it
    # unless one is there.
    described = []
    previous_space = True
    for character in text:
        if character in analyzer.emojis:
            if not previous_space:
                described.append(" ")
            described.append(analyzer.emojis[character])
            previous_space = False
        else:
            described.append(character)
            previous_space = character == " "
    read = "".join(described).strip()
    return read, _vader.SentiText(read).words_and_emoticons


def _negation_note(before: float, after: float, lower: list[str], start_i: int, i: int) -> str:
    if after == before * _NEGATE:
        return f"negated by {lower[i - start_i - 1]!r} x{_NEGATE:g}"
    if start_i == 1:
        return f"'{lower[i - 2]} {lower[i - 1]}' x{after / before:g}"
    if lower[i - 1] in ("so", "this"):
        return f"{lower[i - 1]!r} before it x{after / before:g}"
    return f"'{lower[i - 3]} {lower[i - 2]}' x{after / before:g}"


def _idiom_note(lower: list[str], i: int) -> str:
    """Which idiom changed token ``i`` (the checks of ``_special_idioms_check``)."""
    before3 = f"{lower[i - 3]} {lower[i - 2]} {lower[i - 1]}"
    before2 = f"{lower[i - 3]} {lower[i - 2]}"
    before1 = f"{lower[i - 2]} {lower[i - 1]}"
    sequences = [f"{lower[i - 1]} {lower[i]}", f"{lower[i - 2]} {lower[i - 1]} {lower[i]}"]
    sequences += [before1, before3, before2]
    if len(lower) - 1 > i:
        sequences.append(f"{lower[i]} {lower[i + 1]}")
    if len(lower) - 1 > i + 1:
        sequences.append(f"{lower[i]} {lower[i + 1]} {lower[i + 2]}")
    found = [
        f"idiom {s!r} = {_vader.SPECIAL_CASES[s]:g}" for s in sequences if s in _vader.SPECIAL_CASES
    ]
    found += [
        f"{s!r} {_vader.BOOSTER_DICT[s]:+.3f}"
        for s in (before3, before2, before1)
        if s in _vader.BOOSTER_DICT
    ]
    return "; ".join(dict.fromkeys(found)) or "idiom"


def _lexicon_valence(analyzer, tokens: list[str], i: int, is_cap_diff: bool) -> tuple[float, list]:
    """Token ``i``'s valence after the per-token rules, and a note for each rule that acted.

    The steps of ``SentimentIntensityAnalyzer.sentiment_valence``, in its order, with its
    helpers; only the notes are added.
    """
    lexicon = analyzer.lexicon
    lower = [token.lower() for token in tokens]
    item = tokens[i]
    valence = lexicon[lower[i]]
    notes = []
    if lower[i] == "no" and i != len(tokens) - 1 and lower[i + 1] in lexicon:
        valence = 0.0
        notes.append("'no' before a lexicon word: 0")
    if (
        (i > 0 and lower[i - 1] == "no")
        or (i > 1 and lower[i - 2] == "no")
        or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ["or", "nor"])
    ):
        valence = lexicon[lower[i]] * _NEGATE
        notes.append(f"after 'no' x{_NEGATE:g}")
    if item.isupper() and is_cap_diff:
        step = _vader.C_INCR if valence > 0 else -_vader.C_INCR
        valence += step
        notes.append(f"capitals {step:+.3f}")
    for start_i in range(3):
        if i > start_i and lower[i - (start_i + 1)] not in lexicon:
            s = _vader.scalar_inc_dec(tokens[i - (start_i + 1)], valence, is_cap_diff)
            if start_i == 1 and s != 0:
                s = s * 0.95
            if start_i == 2 and s != 0:
                s = s * 0.9
            valence = valence + s
            if s != 0:
                notes.append(f"modifier {lower[i - start_i - 1]!r} {s:+.3f}")
            before = valence
            valence = analyzer._negation_check(valence, tokens, start_i, i)
            if valence != before:
                notes.append(_negation_note(before, valence, lower, start_i, i))
            if start_i == 2:
                before = valence
                valence = analyzer._special_idioms_check(valence, tokens, i)
                if valence != before:
                    notes.append(_idiom_note(lower, i))
    before = valence
    valence = analyzer._least_check(valence, tokens, i)
    if valence != before:
        notes.append(f"after 'least' x{_NEGATE:g}")
    return valence, notes


def _but_notes(before: list[float], after: list[float], lower: list[str]) -> list[str]:
    if "but" not in lower:
        return [""] * len(before)
    but = lower.index("but")
    notes = []
    for position, (old, new) in enumerate(zip(before, after, strict=True)):
        expected = 0.5 if position < but else 1.5 if position > but else 1.0
        if old == 0 or (new == old and expected == 1.0):
            notes.append("")
        elif new == old * expected:
            notes.append(f"{'before' if position < but else 'after'} 'but' x{expected:g}")
        else:
            # VADER finds each value's place by searching the list for it, so a value equal to
            # one already changed lands on that earlier place: the arithmetic is kept as is.
            notes.append(f"'but' rule, as VADER applies it: {old:+.3f} -> {new:+.3f}")
    return notes


def explain_sentiment(text: str, *, engine: str = "vader") -> pd.DataFrame:
    """VADER's score of one text, token by token: what each word adds, and why.

    Parameters
    ----------
    text : str
        One sentence (or any text), exactly as it is scored.
    engine : {"vader"}
        The reference implementation, ``vaderSentiment``; the only one explained.

    Returns
    -------
    DataFrame
        One row per VADER token, in order, and one more for the emphasis of "!" and "?" when
        the text has any:

        - ``position``: the token's place among VADER's tokens (the punctuation row comes
          last, with the next number);
        - ``token``: as VADER reads it (punctuation stripped from its ends);
        - ``kind``: "lexicon" (scored by the lexicon), "modifier" (a booster, dampener or
          "kind" of "kind of": scored 0, it changes the words after it), "other" (not in the
          lexicon: 0) or "punctuation";
        - ``lexicon_valence``: the lexicon's rating (-4 to +4), NaN when the token is not in
          the lexicon;
        - ``valence``: what the token adds to the sum after every rule, "but" included;
        - ``share``: ``valence`` over the sum S (NaN when S is 0);
        - ``rules``: the rules that changed the token's valence, in the order applied.

        The ``valence`` column adds up to S, and ``compound_from_sum(S)`` rounded to four
        decimals is the engine's compound (Eq. 1 of the module).

    Raises
    ------
    TypeError
        ``text`` is not a str.
    ValueError
        An engine other than "vader", or a text longer than
        :data:`analysis.sentiment.MAX_SCORE_CHARS`.

    Examples
    --------
    >>> rows = explain_sentiment("The summit was not a success!")
    >>> rows.loc[rows["valence"] != 0, ["token", "lexicon_valence", "valence", "rules"]]
         token  lexicon_valence  valence                    rules
    5  success              2.7   -1.998  negated by 'not' x-0.74
    6        !              NaN   -0.292              punctuation
    >>> round(compound_from_sum(rows["valence"].sum()), 4)
    -0.509
    """
    if not isinstance(text, str):
        raise TypeError(
            f"explain_sentiment: text must be a str, got {type(text).__name__} {text!r:.80}; "
            "for many texts use analysis.sentiment_drivers"
        )
    check_choice(engine, EXPLAIN_ENGINES, "engine", "explain_sentiment")
    if len(text) > MAX_SCORE_CHARS:
        raise ValueError(
            f"explain_sentiment: the text has {len(text):,} characters, more than "
            f"MAX_SCORE_CHARS ({MAX_SCORE_CHARS:,}); explain sentences (analysis.sentences)"
        )
    analyzer = _engine(engine)
    read, tokens = _words(text, analyzer)
    lower = [token.lower() for token in tokens]
    is_cap_diff = _vader.allcap_differential(tokens)
    valences: list[float] = []
    kinds, notes = [], []
    # The loop of polarity_scores.
    for i in range(len(tokens)):
        if lower[i] in _vader.BOOSTER_DICT or (
            i < len(tokens) - 1 and lower[i] == "kind" and lower[i + 1] == "of"
        ):
            valences.append(0)
            kinds.append("modifier")
            notes.append([])
        elif lower[i] in analyzer.lexicon:
            valence, why = _lexicon_valence(analyzer, tokens, i, is_cap_diff)
            valences.append(valence)
            kinds.append("lexicon")
            notes.append(why)
        else:
            valences.append(0)
            kinds.append("other")
            notes.append([])
    final = analyzer._but_check(tokens, list(valences))
    for why, but in zip(notes, _but_notes(valences, final, lower), strict=True):
        if but:
            why.append(but)
    rows = pd.DataFrame(
        {
            "position": np.arange(len(tokens), dtype=np.int64),
            "token": pd.Series(tokens, dtype=object),
            "kind": pd.Series(kinds, dtype=object),
            "lexicon_valence": [analyzer.lexicon.get(word, np.nan) for word in lower],
            "valence": np.asarray(final, dtype=float),
            "rules": pd.Series(["; ".join(why) for why in notes], dtype=object),
        }
    )
    total = float(sum(final))  # summed in VADER's order, so S is VADER's own float
    emphasis = analyzer._punctuation_emphasis(read) if tokens else 0.0
    if emphasis:
        marks = "!" * min(read.count("!"), 4) + (
            "?" * read.count("?") if read.count("?") > 1 else ""
        )
        signed = emphasis if total > 0 else -emphasis if total < 0 else 0.0
        note = "punctuation" if signed else "punctuation: not added, the sum is 0"
        total += signed
        punctuation = pd.DataFrame(
            {
                "position": [len(tokens)],
                "token": [marks],
                "kind": ["punctuation"],
                "lexicon_valence": [np.nan],
                "valence": [signed],
                "rules": [note],
            }
        )
        rows = pd.concat([rows, punctuation], ignore_index=True)
    rows["share"] = rows["valence"] / total if total else np.nan
    return rows[list(EXPLAIN_COLUMNS)].astype({"position": np.int64, "lexicon_valence": float})


def _driver(row) -> str:
    rules = f" ({row.rules})" if row.rules else ""
    return f"{row.token} {row.valence:+.2f}{rules}"


def sentiment_drivers(texts: Iterable[str], *, n: int = 3, engine: str = "vader") -> pd.Series:
    """The tokens that move each text's VADER score most, as one line of text per text.

    Parameters
    ----------
    texts : sequence of str
        Sentences; a Series keeps its index.
    n : int, default 3
        How many tokens to name: those with the largest absolute valence after the rules
        (:func:`explain_sentiment`), ties in text order; tokens that add 0 are never named.

    Returns
    -------
    Series of str
        For each text, e.g. ``"best +4.80 (after 'but' x1.5); great +1.55 (before 'but'
        x0.5)"``: the token, what it adds to the sum, and the rules that changed it. Empty
        when no token adds anything.

    Examples
    --------
    >>> sentiment_drivers(["Sanctions bite hard, but trade grows."]).tolist()
    ["hard -0.20 (before 'but' x0.5)"]
    """
    index = texts.index if isinstance(texts, pd.Series) else None
    texts = _check_texts(texts, "sentiment_drivers")
    n = check_positive_int(n, "n", "sentiment_drivers")
    check_choice(engine, EXPLAIN_ENGINES, "engine", "sentiment_drivers")
    lines = []
    for text in texts:
        rows = explain_sentiment(text, engine=engine)
        rows = rows[rows["valence"] != 0]
        order = np.argsort(-rows["valence"].abs().to_numpy(), kind="stable")[:n]
        lines.append("; ".join(_driver(row) for row in rows.iloc[order].itertuples()))
    return pd.Series(lines, index=index, dtype=object, name="drivers")
