"""Framing and stance: how a text names things, hedges, boosts, attributes and distances itself.

Dictionary sentiment scores words for valence; it does not see that one text calls a war a
"conflict", that another writes that a minister "tries to claim success", or that a third puts
"importing" in quotation marks. These are stance markers (Hyland 2005): hedges withhold
commitment ("may", "perhaps"), boosters assert certainty ("indeed", "obviously"), attribution
gives a claim to someone else ("according to"), distancing gives it while casting doubt on it
("so-called", "alleged", "claims"), evidentials mark a claim as inferred ("apparently"), and the
names a text chooses for an event frame it before any evaluation does.

Marker lexicons
---------------
The package ships small CSV lexicons in ``analysis/data/markers/``, one row per surface form:

``category``
    ``naming``, ``hedge``, ``booster``, ``attribution``, ``distancing`` or ``evidential``;
    any label in a user's lexicon (``scare_quote`` is kept for the rule below).
``concept``
    For ``naming`` rows, what is named (the shipped list names ``war``; forms such as "Cold
    War" are listed under the concept ``other`` so that they are not counted as names of the
    war); empty elsewhere.
``marker``
    The marker the form counts for ("claim" for "claims", "claimed"...).
``pattern``
    The surface form: one or more words separated by spaces, beginning and ending with a
    letter or digit. A space matches any run of white space.
``case``
    Empty or ``insensitive`` (the default), or ``sensitive``: the shipped "may" is matched in
    lower case only, so that the month "May" is not counted as a hedge.
``source``
    Where the list comes from.

The shipped lists are the project's own, written for this package; each row's ``source``
cites the category it follows. The published lists they draw on are not reproduced: Hyland's
(2005) appendix is part of a book whose licence is unclear, and the MPQA arguing lexicon
(Somasundaran, Ruppenhofer & Wiebe 2007) is distributed under its own licence. Frequency
adverbs ("often", "always", "never"), which Hyland counts among hedges and boosters, and forms
too ambiguous in political prose ("would", "should", "about", "certain", "show", "demonstrate",
"prove": "if Russia demonstrates its ability") are left out.
Pass a lexicon of your own (a CSV file of the same columns, a folder of such files or a
DataFrame) as ``markers=``, and check any list against KWIC lines before trusting its counts.

Matching
--------
Case-insensitive (unless the row says ``sensitive``), on word boundaries that treat a hyphen as
part of a word ("war" is not found in "post-war" or "war-torn"; "so-called" is one form), with
multi-word forms. Where several forms begin at the same place, the longest wins ("tries to
claim" rather than "claim"; "Cold War" rather than "war"), and a place in the text counts once
for each category its form belongs to. All forms of one case mode are compiled into one regular
expression, a character trie, so that a text is read once whatever the lexicon's size.

Scare quotes
------------
A scare quote is a short phrase put in quotation marks to keep the writer's distance from the
word, as opposed to a quotation of what someone said. :func:`quoted_phrases` applies this rule
to each quoted phrase of a sentence (double quotes, typographic quotes, guillemets, or single
quotes that open after a space and close before a non-letter):

1. it has 1 to :data:`SCARE_QUOTE_MAX_WORDS` words (more is a quotation);
2. it does not end in ``,`` ``;`` ``:`` ``?`` or ``!`` (a quoted utterance: "No," he said);
3. the sentence has words outside the quotation marks (a quoted sentence is not a scare quote);
4. it is not a name or a title: not every word is capitalised ("Washington Post", "Global
   South"; the first word of a sentence is not evidence);
5. it is not a mention of a word: the word before it is not a noun such as "term" or "slogan";
6. it is not reported speech: the text before it does not end with a colon, no speech or
   speech-act verb (:data:`SPEECH_VERBS`: "said", "called", "argues", "thanked"...) is among
   the :data:`REPORTING_WINDOW` words before it, and none is among the three words after it.

The rule is deliberately conservative: a phrase quoted from a speaker named eight words back or
in an earlier sentence, a title in lower case, or an idiom in quotation marks ("black swan")
passes as a scare quote, and a scare quote near a speech verb is missed. :func:`quoted_phrases`
gives every quoted phrase with the reason for its verdict, so that the rule can be checked.

References
----------
Aikhenvald, A. Y. (2004). *Evidentiality*. Oxford University Press.
Chafe, W. (1986). Evidentiality in English conversation and academic writing. In W. Chafe and
J. Nichols (eds.), *Evidentiality: The Linguistic Coding of Epistemology*, 261-272. Ablex.
Hyland, K. (2005). *Metadiscourse: Exploring Interaction in Writing*. Continuum.
Somasundaran, S., Ruppenhofer, J. and Wiebe, J. (2007). Detecting arguing and sentiment in
meetings. *Proceedings of the 8th SIGdial Workshop on Discourse and Dialogue*, 26-34.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.actors import actor_mentions
from analysis.cleaning import word_count
from analysis.corpus import canonical
from analysis.sentiment import bootstrap_mean
from analysis.text import sentences
from analysis.validation import check_choice, check_documents, check_positive_int

__all__ = [
    "CATEGORIES",
    "MARKER_COLUMNS",
    "NAMING",
    "REPORTING_WINDOW",
    "SCARE_QUOTE",
    "SCARE_QUOTE_MAX_WORDS",
    "SPEECH_VERBS",
    "find_markers",
    "framing",
    "framing_summary",
    "marker_files",
    "naming",
    "quoted_phrases",
    "read_markers",
]

#: The columns of a marker table; ``category``, ``marker`` and ``pattern`` are required.
MARKER_COLUMNS = ("category", "concept", "marker", "pattern", "case", "source")

#: The category of the names of a concept, which :func:`naming` reads.
NAMING = "naming"

#: The category of phrases that the scare-quote rule finds (not a lexicon's category).
SCARE_QUOTE = "scare_quote"

#: The marker name of every scare quote.
SCARE_QUOTE_MARKER = "scare quotes"

#: The categories of the shipped lexicons, in the order tables list them.
CATEGORIES = ("naming", "hedge", "booster", "attribution", "distancing", "evidential")

#: A quoted phrase of more words than this is a quotation, not a scare quote.
SCARE_QUOTE_MAX_WORDS = 4

#: A speech verb among this many words before a quoted phrase makes it reported speech.
REPORTING_WINDOW = 8

#: Verbs of saying and speech acts: near one of these, a quoted phrase reports what someone
#: said. Lower-case word forms.
SPEECH_VERBS = frozenset(
    """
    say says said saying tell tells told telling ask asks asked asking
    write writes wrote written writing state states stated stating
    declare declares declared declaring announce announces announced announcing
    add adds added reply replies replied answer answers answered respond responds responded
    insist insists insisted warn warns warned note notes noted argue argues argued arguing
    claim claims claimed claiming call calls called calling dub dubs dubbed termed
    label labels labelled labeled brand brands branded describe describes described describing
    quote quotes quoted cite cites cited remark remarks remarked comment comments commented
    explain explains explained assert asserts asserted proclaim proclaims proclaimed
    promise promises promised vow vows vowed pledge pledges pledged admit admits admitted
    acknowledge acknowledges acknowledged stress stresses stressed emphasise emphasises
    emphasised emphasize emphasizes emphasized tweet tweets tweeted posted urge urges urged
    demand demands demanded thank thanks thanked praise praises praised hail hails hailed
    welcome welcomes welcomed condemn condemns condemned accuse accuses accused
    criticise criticises criticised criticize criticizes criticized
    """.split()
)

#: Nouns after which a quoted phrase is a mention of a word ("the term 'war'").
_MENTION_NOUNS = frozenset(
    """
    word words term terms phrase phrases expression expressions slogan slogans motto
    headline headlines title titles label labels name names formula catchphrase
    """.split()
)

_MARKERS_PACKAGE = ("analysis", "data", "markers")
_CASES = {"": "insensitive", "insensitive": "insensitive", "sensitive": "sensitive"}
_MAX_PATTERN_CHARS = 200
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
_SPACE = re.compile(r"\s+")
# A hyphen is part of a word at a form's edges: "war" is not found in "post-war".
_BEFORE, _AFTER = r"(?<![\w-])", r"(?![\w-])"

# Quoted phrases on one line: straight double quotes, typographic double quotes, guillemets,
# typographic single quotes, and straight single quotes that open after a non-letter and close
# before one (an apostrophe followed by a letter, as in "Kremlin's", stays inside).
_QUOTED = re.compile(
    r'"(?P<a>[^"\n]{1,300}?)"'
    r"|\u201c(?P<b>[^\u201d\n]{1,300}?)\u201d"
    r"|\u00ab(?P<c>[^\u00bb\n]{1,300}?)\u00bb"
    r"|(?<!\w)\u2018(?P<d>(?:[^\u2019\n]|\u2019(?=\w)){1,300}?)\u2019(?!\w)"
    r"|(?<![\w'])'(?P<e>(?=\S)(?:[^'\n]|'(?=\w)){1,300}?)(?<=\S)'(?!\w)"
)


# --- Lexicons --------------------------------------------------------------------------------


def marker_files() -> list[str]:
    """The names of the lexicons shipped with the package, e.g. ``"hedges_boosters.csv"``."""
    folder = resources.files(".".join(_MARKERS_PACKAGE[:2])).joinpath(*_MARKERS_PACKAGE[2:])
    return sorted(item.name for item in folder.iterdir() if item.name.endswith(".csv"))


def _shipped() -> pd.DataFrame:
    folder = resources.files(".".join(_MARKERS_PACKAGE[:2])).joinpath(*_MARKERS_PACKAGE[2:])
    tables = []
    for name in marker_files():
        with folder.joinpath(name).open(encoding="utf-8") as stream:
            table = pd.read_csv(stream, dtype=str, keep_default_na=False)
        tables.append(_check_table(table, f"markers/{name}"))
    return pd.concat(tables, ignore_index=True)


def _read_csv(path: Path) -> pd.DataFrame:
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise ValueError(f"markers: {path} is not a readable CSV file ({error})") from None


def read_markers(source: object = None) -> pd.DataFrame:
    """A marker lexicon: one row per surface form, with its category, marker and source.

    Parameters
    ----------
    source : None, path-like or DataFrame
        None: every lexicon shipped with the package (:func:`marker_files`). A CSV file with
        the columns ``category``, ``marker`` and ``pattern`` (and optionally ``concept``,
        ``case`` and ``source``); a folder, whose CSV files are read in name order; or a
        DataFrame with those columns. To add forms to the shipped lists, concatenate:
        ``pd.concat([read_markers(), read_markers("mine.csv")])``.

    Returns
    -------
    DataFrame
        :data:`MARKER_COLUMNS`: ``category``, ``concept``, ``marker``, ``pattern`` (white space
        collapsed; lower case unless ``case`` is ``sensitive``), ``case`` (``insensitive`` or
        ``sensitive``) and ``source``. Repeated rows are dropped.

    Raises
    ------
    ValueError
        A missing column, an empty field, a pattern that does not begin and end with a letter
        or digit, an unknown ``case``, the reserved category ``scare_quote``, or one form given
        to two markers of one category; the message names the file and the row.

    Examples
    --------
    >>> table = read_markers(pd.DataFrame({"category": ["hedge"], "marker": ["perhaps"],
    ...                                    "pattern": ["Perhaps"]}))
    >>> table[["category", "marker", "pattern", "case"]].to_dict("records")
    [{'category': 'hedge', 'marker': 'perhaps', 'pattern': 'perhaps', 'case': 'insensitive'}]
    """
    if source is None:
        return _shipped()
    if isinstance(source, pd.DataFrame):
        return _check_table(source, "markers", from_file=False)
    if isinstance(source, str | Path):
        path = Path(source)
        if path.is_dir():
            files = sorted(path.glob("*.csv"))
            if not files:
                raise FileNotFoundError(f"markers: the folder {path} holds no CSV file")
            tables = [_check_table(_read_csv(file), str(file)) for file in files]
            return _finish(pd.concat(tables, ignore_index=True), str(path))
        if not path.is_file():
            raise FileNotFoundError(f"markers: no such file or folder {path}")
        return _check_table(_read_csv(path), str(path))
    raise TypeError(
        f"markers must be None (the shipped lexicons), a CSV file, a folder of CSV files or a "
        f"DataFrame; got {type(source).__name__}"
    )


def _check_table(table: pd.DataFrame, where: str, *, from_file: bool = True) -> pd.DataFrame:
    missing = [c for c in ("category", "marker", "pattern") if c not in table.columns]
    if missing:
        raise ValueError(
            f"{where}: missing column(s) {missing}; a marker table has the columns "
            f"category, marker, pattern (and optionally concept, case, source)"
        )
    table = table.reset_index(drop=True)
    frame = pd.DataFrame(
        {
            column: (
                table[column].fillna("").astype(str).str.strip() if column in table.columns else ""
            )
            for column in MARKER_COLUMNS
        },
        index=table.index,
    )
    for row in frame.itertuples():
        # A file's rows as a spreadsheet shows them (the header is row 1); a DataFrame's by
        # their position, as .iloc reads them.
        line = f"row {row.Index + 2}" if from_file else f"row .iloc[{row.Index}]"
        for column in ("category", "marker", "pattern"):
            if not getattr(row, column):
                raise ValueError(f"{where}: {line} has an empty {column}")
        if row.category == SCARE_QUOTE:
            raise ValueError(
                f"{where}: {line}: the category {SCARE_QUOTE!r} is kept for the scare-quote "
                "rule (framing(..., scare_quotes=True)); name your category otherwise"
            )
        if row.case.lower() not in _CASES:
            raise ValueError(
                f"{where}: {line}: case={row.case!r} is not 'insensitive', 'sensitive' or empty"
            )
        if len(row.pattern) > _MAX_PATTERN_CHARS:
            raise ValueError(
                f"{where}: {line}: the pattern has {len(row.pattern)} characters, more than "
                f"{_MAX_PATTERN_CHARS}"
            )
        if not (_is_word_char(row.pattern[0]) and _is_word_char(row.pattern[-1])):
            raise ValueError(
                f"{where}: {line}: the pattern {row.pattern!r} must begin and end with a "
                "letter or digit"
            )
    frame["case"] = frame["case"].str.lower().map(_CASES)
    # Typographic apostrophes become straight ones, as cleaning makes them in the texts.
    frame["pattern"] = frame["pattern"].str.replace("\u2019", "'", regex=False)
    frame["pattern"] = frame["pattern"].str.replace(_SPACE, " ", regex=True)
    lower = frame["case"] == "insensitive"
    frame.loc[lower, "pattern"] = frame.loc[lower, "pattern"].map(_fold)
    return _finish(frame, where)


def _finish(frame: pd.DataFrame, where: str) -> pd.DataFrame:
    frame = frame.drop_duplicates(ignore_index=True)
    key = ["category", "case", "pattern"]
    clash = frame.drop_duplicates([*key, "concept", "marker"]).duplicated(key, keep=False)
    if clash.any():
        row = frame[clash].iloc[0]
        owners = frame.loc[
            (frame["category"] == row["category"])
            & (frame["case"] == row["case"])
            & (frame["pattern"] == row["pattern"]),
            "marker",
        ]
        raise ValueError(
            f"{where}: the form {row['pattern']!r} is given to several markers of the category "
            f"{row['category']!r}: {sorted(set(owners))}"
        )
    return frame.drop_duplicates(key, ignore_index=True)


def _is_word_char(character: str) -> bool:
    return character.isalnum()


def _fold(text: str) -> str:
    """Lower case, one character for one, as the regular expression engine folds case."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


# --- Matching --------------------------------------------------------------------------------


def _trie_pattern(forms: Iterable[str]) -> str:
    """One regular expression for a set of forms, factored as a character trie.

    At each point of a text the engine follows one branch per character instead of trying
    every form in turn; greedy optional endings make the longest form win, falling back to a
    shorter one when the longer is not followed by a word boundary.
    """
    trie: dict = {}
    for form in forms:
        node = trie
        for character in form:
            node = node.setdefault(character, {})
        node[""] = {}
    return _node_pattern(trie)


def _node_pattern(node: dict) -> str:
    branches = []
    for character in sorted(key for key in node if key):
        piece = r"\s+" if character == " " else re.escape(character)
        branches.append(piece + _node_pattern(node[character]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


@lru_cache(maxsize=16)
def _compiled(forms: tuple[str, ...], sensitive: bool) -> re.Pattern[str]:
    flags = 0 if sensitive else re.IGNORECASE
    return re.compile(_BEFORE + "(?:" + _trie_pattern(forms) + ")" + _AFTER, flags)


class _Matcher:
    """The compiled forms of a marker table and what each form counts for."""

    def __init__(self, table: pd.DataFrame) -> None:
        self.entries: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
        for row in table.itertuples(index=False):
            targets = self.entries.setdefault((row.case, row.pattern), [])
            targets.append((row.category, row.concept, row.marker))
        self.patterns = []
        for case in ("insensitive", "sensitive"):
            forms = tuple(sorted(pattern for mode, pattern in self.entries if mode == case))
            if forms:
                self.patterns.append((case, _compiled(forms, case == "sensitive")))

    def spans(self, body: str) -> list[tuple[int, int, str]]:
        """Non-overlapping ``(start, end, case)`` of the forms in ``body``, in text order."""
        found = [
            (match.start(), match.end(), case)
            for case, pattern in self.patterns
            for match in pattern.finditer(body)
        ]
        if len(self.patterns) < 2:
            return found
        # Two case modes: the earliest form wins, the longest of those starting together.
        found.sort(key=lambda span: (span[0], span[0] - span[1]))
        kept, reached = [], -1
        for span in found:
            if span[0] >= reached:
                kept.append(span)
                reached = span[1]
        return kept

    def targets(self, surface: str, case: str) -> list[tuple[str, str, str]]:
        form = _SPACE.sub(" ", surface)
        key = (case, form if case == "sensitive" else _fold(form))
        if key in self.entries:
            return self.entries[key]
        # Case folding that str.lower and the engine do differently (rare letters): compare
        # the surface with each form of its case mode as the engine does.
        flags = 0 if case == "sensitive" else re.IGNORECASE
        for (mode, pattern), targets in self.entries.items():
            expression = r"\s+".join(map(re.escape, pattern.split(" ")))
            if mode == case and re.fullmatch(expression, surface, flags):
                return targets
        return []


def _context(body: str, start: int, end: int, window: int) -> tuple[str, str]:
    if not window:
        return "", ""
    left = body[:start].split()[-window:]
    right = body[end:].split()[:window]
    return " ".join(left), " ".join(right)


_RESULT_COLUMNS = ["category", "concept", "marker", "match", "left", "right", "start", "end"]


def find_markers(
    units: pd.DataFrame,
    *,
    markers: object = None,
    scare_quotes: bool = True,
    window: int = 8,
    text: str = "text",
) -> pd.DataFrame:
    """Every marker in each row of ``units`` (sentences, as a rule), as KWIC lines.

    Parameters
    ----------
    units : DataFrame
        Sentences (:func:`analysis.sentences`, :func:`analysis.sentence_sentiment`) or
        documents, with a text column. Run on sentences, each match carries its ``sent_id``,
        the key that joins it to the sentence and its scores.
    markers : None, path-like or DataFrame
        The marker lexicon (:func:`read_markers`); None for the shipped lexicons.
    scare_quotes : bool, default True
        Also find scare quotes (category ``scare_quote``, marker "scare quotes"), by the rule
        of :func:`quoted_phrases`.
    window : int, default 8
        Words of context on each side of the match, within the row's text.
    text : str, default "text"
        The column of texts.

    Returns
    -------
    DataFrame
        One row per match and category, in text order: the columns of ``units`` except its
        texts, then ``category``, ``concept``, ``marker``, ``match`` (as written), ``left``
        and ``right`` (the context), ``start`` and ``end`` (offsets in the row's text).

    Examples
    --------
    >>> rows = pd.DataFrame({"sent_id": [0], "text": ["He tries to claim a so-called win."]})
    >>> find_markers(rows, window=0)[["category", "marker", "match"]].to_dict("records")
    [{'category': 'distancing', 'marker': 'tries to claim', 'match': 'tries to claim'}, \
{'category': 'distancing', 'marker': 'so-called', 'match': 'so-called'}]
    """
    check_documents(units, (text,), "find_markers")
    window = check_positive_int(window, "window", "find_markers", minimum=0)
    matcher = _Matcher(read_markers(markers))
    keep = [c for c in units.columns if c not in {text, "raw_text", "text"}]
    positions: list[int] = []
    rows: list[tuple] = []
    for position, body in enumerate(units[text]):
        if not isinstance(body, str):
            raise TypeError(
                f"find_markers: row .iloc[{position}] of column {text!r} is {type(body).__name__} "
                f"{body!r:.80}, not a str"
            )
        found = []
        for start, end, case in matcher.spans(body):
            surface = body[start:end]
            for category, concept, marker in matcher.targets(surface, case):
                found.append((start, category, concept, marker, surface, end))
        if scare_quotes:
            for start, end, _ in _scare_quote_spans(body):
                found.append((start, SCARE_QUOTE, "", SCARE_QUOTE_MARKER, body[start:end], end))
        found.sort(key=lambda item: item[0])
        for start, category, concept, marker, surface, end in found:
            left, right = _context(body, start, end, window)
            positions.append(position)
            rows.append((category, concept, marker, surface, left, right, start, end))
    result = units.iloc[positions][keep].reset_index(drop=True)
    values = pd.DataFrame(rows, columns=_RESULT_COLUMNS).astype(
        {"start": np.int64, "end": np.int64}
    )
    for column in _RESULT_COLUMNS:
        result[column] = values[column].to_numpy()
    return result.astype({"start": np.int64, "end": np.int64})


# --- Scare quotes ----------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _verdict(body: str, start: int, end: int, inner: str) -> str:
    """Why a quoted phrase of ``body`` (quotes at ``start`` and ``end - 1``) is what it is."""
    words = _words(inner)
    if not words:
        return "no words"
    if len(words) > SCARE_QUOTE_MAX_WORDS:
        return f"quotation: more than {SCARE_QUOTE_MAX_WORDS} words"
    if inner.rstrip()[-1] in ",;:?!":
        return "quoted utterance: ends in " + inner.rstrip()[-1]
    before, after = body[:start], body[end:]
    if not _words(before) and not _words(after):
        return "the whole sentence is quoted"
    opens_sentence = not _words(before)
    checked = words[1:] if opens_sentence else words
    if checked and all(word[0].isupper() or word[0].isdigit() for word in checked):
        return "name or title: every word capitalised"
    preceding = [word.lower() for word in _words(before)]
    if preceding and preceding[-1] in _MENTION_NOUNS:
        return f"mention of a word: after {preceding[-1]!r}"
    if before.rstrip().endswith(":"):
        return "reported speech: after a colon"
    for word in reversed(preceding[-REPORTING_WINDOW:]):
        if word in SPEECH_VERBS:
            return f"reported speech: {word!r} before it"
    for word in [word.lower() for word in _words(after)][:3]:
        if word in SPEECH_VERBS:
            return f"reported speech: {word!r} after it"
    return "scare quote"


def _scare_quote_spans(body: str) -> list[tuple[int, int, str]]:
    return [
        (start, end, inner)
        for start, end, inner, verdict in _quotes(body)
        if verdict == "scare quote"
    ]


def _quotes(body: str) -> list[tuple[int, int, str, str]]:
    found = []
    for match in _QUOTED.finditer(body):
        inner = next(group for group in match.groups() if group is not None)
        found.append(
            (match.start(), match.end(), inner, _verdict(body, match.start(), match.end(), inner))
        )
    return found


def quoted_phrases(units: pd.DataFrame, *, text: str = "text") -> pd.DataFrame:
    """Every quoted phrase in each row of ``units``, with the scare-quote rule's verdict.

    The rule is given in the module's documentation (:mod:`analysis.framing`): a scare quote
    is a quoted phrase of one to four words, inside a sentence, that is not a name, a mention
    of a word, a quoted utterance or reported speech.

    Parameters
    ----------
    units : DataFrame
        Sentences (:func:`analysis.sentences`) or any rows with a text column; a quotation
        that spans two sentences is not found.
    text : str, default "text"
        The column of texts.

    Returns
    -------
    DataFrame
        One row per quoted phrase: the columns of ``units`` except its texts, then ``quote``
        (the phrase without its quotation marks), ``words``, ``scare_quote`` (bool),
        ``reason`` (e.g. "scare quote", "reported speech: 'said' before it", "name or title:
        every word capitalised"), ``start`` and ``end`` (offsets of the quotation marks).

    Examples
    --------
    >>> rows = pd.DataFrame({"text": ['He did a deal on "importing" troops.',
    ...                               'Lavrov said it was a "path to nowhere".']})
    >>> found = quoted_phrases(rows)
    >>> found[["quote", "scare_quote"]].to_numpy().tolist()
    [['importing', True], ['path to nowhere', False]]
    >>> found["reason"].tolist()
    ['scare quote', "reported speech: 'said' before it"]
    """
    check_documents(units, (text,), "quoted_phrases")
    keep = [c for c in units.columns if c not in {text, "raw_text", "text"}]
    positions, rows = [], []
    for position, body in enumerate(units[text]):
        if not isinstance(body, str):
            raise TypeError(
                f"quoted_phrases: row .iloc[{position}] of column {text!r} is "
                f"{type(body).__name__}, "
                "not a str"
            )
        for start, end, inner, verdict in _quotes(body):
            positions.append(position)
            rows.append((inner, len(_words(inner)), verdict == "scare quote", verdict, start, end))
    result = units.iloc[positions][keep].reset_index(drop=True)
    columns = ["quote", "words", "scare_quote", "reason", "start", "end"]
    values = pd.DataFrame(rows, columns=columns)
    for column in columns:
        result[column] = values[column].to_numpy()
    return result.astype(
        {"words": np.int64, "scare_quote": bool, "start": np.int64, "end": np.int64}
    )


# --- Counts and rates ------------------------------------------------------------------------


def _units(docs: pd.DataFrame, text: str, doc_id: str, caller: str) -> pd.DataFrame:
    check_documents(docs, (text, doc_id), caller)
    repeated = docs[doc_id][docs[doc_id].duplicated()]
    if len(repeated):
        raise ValueError(f"{caller}: the document id {repeated.iloc[0]!r} appears more than once")
    columns = list(dict.fromkeys([doc_id, text, *(["cleaning"] if "cleaning" in docs else [])]))
    return sentences(docs[columns], text=text, doc_id=doc_id)


def _rate_column(per: int) -> str:
    return f"per_{per}_words"


def _sent_ids(values: pd.Series) -> tuple[int, ...]:
    return tuple(sorted({int(value) for value in values}))


def framing(
    docs: pd.DataFrame,
    *,
    group: str | None = None,
    markers: object = None,
    by: str = "marker",
    scare_quotes: bool = True,
    text: str = "text",
    doc_id: str = "doc_id",
    per: int = 1000,
) -> pd.DataFrame:
    """Markers of framing and stance per document: counts, rates and the sentences carrying them.

    Parameters
    ----------
    docs : DataFrame
        One row per document (:func:`analysis.load_corpus`). Every document is kept, variants
        included; :func:`framing_summary` pools them into groups.
    group : str, optional
        A grouping column, checked and placed next to ``doc_id`` (every other document column
        follows too).
    markers : None, path-like or DataFrame
        The marker lexicon (:func:`read_markers`); None for the shipped lexicons.
    by : {"marker", "category"}, default "marker"
        ``"marker"``: one row per document and each marker found in any document (zeros
        included), so that no form of the lexicon appears unless the texts have it.
        ``"category"``: one row per document and each category of the lexicon (zeros
        included), plus ``scare_quote``.
    scare_quotes : bool, default True
        Count scare quotes (:func:`quoted_phrases`) as the category ``scare_quote``.
    text, doc_id : str
        The columns of texts and identifiers.
    per : int, default 1000
        The rate is per this many words; the column is named after it.

    Returns
    -------
    DataFrame
        ``doc_id``, the ``group`` column, ``category``, (``concept`` and ``marker`` by
        marker), ``count``, ``words`` (the document's, :func:`analysis.cleaning.word_count`),
        ``per_1000_words`` (``per * count / words``), ``sent_ids`` (a tuple of the ``sent_id``
        of each sentence that carries the marker, as :func:`analysis.sentences` numbers them:
        join on ``doc_id`` and ``sent_id`` for the sentences or their KWIC lines), then the
        document's other columns.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "text": [
    ...     "It may rain. It may not. Indeed it rains.", "Sun, indeed, and wind."]})
    >>> framing(docs, scare_quotes=False)[["doc_id", "marker", "count", "per_1000_words",
    ...                                    "sent_ids"]].to_numpy().tolist()
    [['a', 'may', 2, 222.22222222222223, (0, 1)], ['a', 'indeed', 1, 111.11111111111111, (2,)], \
['b', 'may', 0, 0.0, ()], ['b', 'indeed', 1, 250.0, (0,)]]
    """
    caller = "framing"
    check_documents(docs, (text, doc_id) + ((group,) if group is not None else ()), caller)
    check_choice(by, ("marker", "category"), "by", caller)
    per = check_positive_int(per, "per", caller)
    table = read_markers(markers)
    units = _units(docs, text, doc_id, caller)
    found = find_markers(
        units[["doc_id", "sent_id", "text"]], markers=table, scare_quotes=scare_quotes, window=0
    )
    ids = docs[doc_id].to_numpy()
    categories = list(dict.fromkeys([*CATEGORIES, *table["category"]]))
    categories = [c for c in categories if c in set(table["category"])]
    if scare_quotes:
        categories.append(SCARE_QUOTE)
    if by == "category":
        keys = ["category"]
        levels = pd.DataFrame({"category": categories})
    else:
        keys = ["category", "concept", "marker"]
        levels = found.groupby(keys, sort=False).size().rename("_total").reset_index()
        levels["_order"] = levels["category"].map({c: i for i, c in enumerate(categories)})
        levels = levels.sort_values(["_order", "_total", "marker"], ascending=[True, False, True])
        levels = levels[keys].reset_index(drop=True)
    frame = pd.DataFrame({"doc_id": np.repeat(ids, len(levels))})
    for key in keys:
        frame[key] = np.tile(levels[key].to_numpy(), len(ids))
    grouped = found.groupby(["doc_id", *keys], sort=False)["sent_id"]
    frame = frame.merge(
        grouped.size().rename("count").reset_index(), on=["doc_id", *keys], how="left"
    ).merge(
        grouped.agg(_sent_ids).rename("sent_ids").reset_index(), on=["doc_id", *keys], how="left"
    )
    frame["count"] = frame["count"].fillna(0).astype(np.int64)
    frame["sent_ids"] = [value if isinstance(value, tuple) else () for value in frame["sent_ids"]]
    words = pd.Series(docs[text].map(word_count).to_numpy(), index=ids)
    frame["words"] = frame["doc_id"].map(words).astype(np.int64)
    with np.errstate(divide="ignore", invalid="ignore"):
        frame[_rate_column(per)] = per * frame["count"] / frame["words"].where(frame["words"] > 0)
    frame = frame[["doc_id", *keys, "count", "words", _rate_column(per), "sent_ids"]]
    return _with_metadata(frame, docs, text, doc_id, group, caller)


def _with_metadata(
    frame: pd.DataFrame,
    docs: pd.DataFrame,
    text: str,
    doc_id: str,
    group: str | None,
    caller: str,
) -> pd.DataFrame:
    """``frame`` with the documents' columns: ``doc_id`` and ``group`` first, the rest last."""
    metadata = docs.drop(columns=[text, "raw_text"], errors="ignore")
    if doc_id != "doc_id":
        metadata = metadata.drop(columns="doc_id", errors="ignore")
    metadata = metadata.rename(columns={doc_id: "doc_id"})
    clashes = [c for c in metadata.columns if c != "doc_id" and c in frame.columns]
    if clashes:
        raise ValueError(
            f"{caller}: the documents have a column {clashes[0]!r}, which the result uses for "
            "its own; rename it"
        )
    front = ["doc_id"] + ([group] if group is not None and group != doc_id else [])
    result = frame.merge(metadata, on="doc_id", how="left")
    rest = [c for c in result.columns if c not in front and c not in frame.columns]
    middle = [c for c in frame.columns if c != "doc_id"]
    return result[front + middle + rest]


def framing_summary(
    counts: pd.DataFrame,
    *,
    group: str,
    doc_id: str = "doc_id",
    n_boot: int = 2000,
    seed: int = 0,
    level: float = 0.95,
    include_variants: bool = False,
) -> pd.DataFrame:
    """Rates of each category (or marker) per group, with an interval over documents.

    Parameters
    ----------
    counts : DataFrame
        The output of :func:`framing` (either ``by``), with the ``group`` column.
    group : str
        The grouping column.
    doc_id : str, default "doc_id"
        The document column.
    n_boot, seed, level
        The percentile bootstrap over documents (:func:`analysis.sentiment.bootstrap_mean`):
        resamples, seed and coverage.
    include_variants : bool, default False
        Pool variants (documents with a ``duplicate_of``) too; by default a translation or
        reprint does not count its original twice.

    Returns
    -------
    DataFrame
        One row per group and category (and marker): ``group``, ``category`` (``concept``,
        ``marker``), ``documents``, ``count`` and ``words`` (summed), ``pooled_per_1000_words``
        (``per * count / words``: long documents weigh more), ``mean`` (the mean of the
        documents' rates: each document weighs the same) and ``ci_low``, ``ci_high``: the
        bootstrap interval of that mean, resampling documents, the unit that varies between
        authors. With fewer than two documents in a group the interval is ``nan``: one
        document says nothing about the spread of a group.

    Examples
    --------
    >>> counts = pd.DataFrame({"doc_id": ["a", "b", "c"], "side": ["x", "x", "y"],
    ...     "category": "hedge", "count": [1, 3, 2], "words": [100, 100, 400],
    ...     "per_1000_words": [10.0, 30.0, 5.0]})
    >>> framing_summary(counts, group="side")[["side", "documents", "pooled_per_1000_words",
    ...                                        "mean", "ci_low"]].to_numpy().tolist()
    [['x', 2, 20.0, 20.0, 10.0], ['y', 1, 5.0, 5.0, nan]]
    """
    caller = "framing_summary"
    check_documents(counts, (group, doc_id, "category", "count", "words"), caller)
    n_boot = check_positive_int(n_boot, "n_boot", caller)
    rates = [c for c in counts.columns if re.fullmatch(r"per_\d+_words", str(c))]
    if len(rates) != 1:
        raise KeyError(
            f"{caller}: the table needs one rate column such as 'per_1000_words'; pass the "
            "output of analysis.framing"
        )
    rate = rates[0]
    per = int(rate.split("_")[1])
    keys = [c for c in ("category", "concept", "marker") if c in counts.columns]
    if group != doc_id:
        counts = canonical(counts, include_variants=include_variants)
    rows = []
    for labels, members in counts.groupby([group, *keys], sort=False, dropna=False):
        values = members[rate].dropna().to_numpy()
        mean, low, high = bootstrap_mean(values, n_boot=n_boot, level=level, seed=seed)
        if len(values) < 2:
            low = high = np.nan
        count, words = int(members["count"].sum()), int(members["words"].sum())
        rows.append(
            {
                **dict(zip([group, *keys], labels, strict=True)),
                "documents": members[doc_id].nunique(),
                "count": count,
                "words": words,
                f"pooled_{rate}": per * count / words if words else np.nan,
                "mean": mean,
                "ci_low": low,
                "ci_high": high,
            }
        )
    columns = [group, *keys, "documents", "count", "words", f"pooled_{rate}", "mean"]
    result = pd.DataFrame(rows, columns=[*columns, "ci_low", "ci_high"])
    result = result.astype({"documents": np.int64, "count": np.int64, "words": np.int64})
    order = counts[keys].drop_duplicates().reset_index(drop=True)
    order["_order"] = np.arange(len(order))
    result = result.merge(order, on=keys, how="left")
    return (
        result.sort_values([group, "_order"], kind="stable")
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def _about_forms(about: object) -> list[str]:
    if isinstance(about, str):
        return [about]
    if isinstance(about, pd.DataFrame) and "form" in about.columns:
        return [str(form) for form in about["form"]]
    if isinstance(about, Iterable):
        forms = [str(form) for form in about]
        if forms:
            return forms
    raise ValueError(
        f"naming: about must be a form or a list of forms, e.g. ['Ukraine', 'Kyiv']; got {about!r}"
    )


def naming(
    docs: pd.DataFrame,
    *,
    concept: str = "war",
    group: str = "doc_id",
    markers: object = None,
    about: object = None,
    text: str = "text",
    doc_id: str = "doc_id",
    include_variants: bool = False,
) -> pd.DataFrame:
    """How each document (or group) names one concept: the share of each of its names.

    Parameters
    ----------
    docs : DataFrame
        One row per document.
    concept : str, default "war"
        A ``concept`` of the lexicon's ``naming`` rows.
    group : str, default "doc_id"
        Per document, or per group of this column: the names of a group's canonical documents
        (all documents with ``include_variants``) are pooled.
    markers : None, path-like or DataFrame
        The marker lexicon (:func:`read_markers`); None for the shipped lexicons.
    about : str, list of str or actor table, optional
        Count names only in sentences that mention one of these forms (matched as actor forms
        are, case-sensitively, on word boundaries: :func:`analysis.actor_mentions`), e.g.
        ``["Ukraine", "Kyiv"]``, so that "conflict" in a sentence about another conflict is
        not counted. A name of the war in a sentence that does not repeat the place is then
        missed: compare both counts.
    text, doc_id : str
        The columns of texts and identifiers.
    include_variants : bool, default False
        Pool variants too when ``group`` is not the document column.

    Returns
    -------
    DataFrame
        One row per document (or group) and each name of the concept found in any document
        (zeros included): ``doc_id`` (or the ``group`` column), ``concept``, ``marker`` (the
        name), ``count``, ``total`` (names of the concept in that document or group),
        ``share`` (``count / total``; ``nan`` where the concept is never named), then per
        document ``sent_ids`` (as in :func:`framing`), per group ``documents``.

    Raises
    ------
    ValueError
        ``concept`` has no names in the lexicon; the message lists the concepts it has.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "text": [
    ...     "The war, the war and the conflict.", "No word of it; the Cold War ended."]})
    >>> naming(docs)[["doc_id", "marker", "count", "share"]].to_numpy().tolist()
    [['a', 'war', 2, 0.6666666666666666], ['a', 'conflict', 1, 0.3333333333333333], \
['b', 'war', 0, nan], ['b', 'conflict', 0, nan]]
    """
    caller = "naming"
    check_documents(docs, (text, doc_id, group), caller)
    table = read_markers(markers)
    names = table[table["category"] == NAMING]
    concepts = sorted(set(names["concept"]))
    if concept not in concepts:
        raise ValueError(
            f"{caller}: concept={concept!r} has no names in the marker table (category "
            f"{NAMING!r}); its concepts: {concepts or 'none'}"
        )
    units = _units(docs, text, doc_id, caller)
    if about is not None:
        forms = _about_forms(about)
        mentioned = actor_mentions(
            units[["doc_id", "sent_id", "text"]], actors={"about": forms}, text="text"
        )
        keys = set(zip(mentioned["doc_id"], mentioned["sent_id"], strict=True))
        inside = [key in keys for key in zip(units["doc_id"], units["sent_id"], strict=True)]
        units = units[np.asarray(inside, dtype=bool)]
    # Every naming form is matched, so that a longer form of another concept ("Cold War")
    # wins over a name of this one ("war").
    found = find_markers(
        units[["doc_id", "sent_id", "text"]], markers=names, scare_quotes=False, window=0
    )
    found = found[found["concept"] == concept]
    lexicon_order = {name: i for i, name in enumerate(dict.fromkeys(names["marker"]))}
    totals = found["marker"].value_counts()
    found_names = sorted(totals.index, key=lambda name: (-totals[name], lexicon_order[name]))
    ids = docs[doc_id].to_numpy()
    per_document = pd.DataFrame(
        {
            "doc_id": np.repeat(ids, len(found_names)),
            "concept": concept,
            "marker": np.tile(np.asarray(found_names, dtype=object), len(ids)),
        }
    )
    grouped = found.groupby(["doc_id", "marker"], sort=False)["sent_id"]
    per_document = per_document.merge(
        grouped.size().rename("count").reset_index(), on=["doc_id", "marker"], how="left"
    ).merge(
        grouped.agg(_sent_ids).rename("sent_ids").reset_index(),
        on=["doc_id", "marker"],
        how="left",
    )
    per_document["count"] = per_document["count"].fillna(0).astype(np.int64)
    per_document["sent_ids"] = [
        value if isinstance(value, tuple) else () for value in per_document["sent_ids"]
    ]
    if group == doc_id:
        result = per_document
        key = "doc_id"
    else:
        labels = pd.Series(docs[group].to_numpy(), index=ids)
        pooled = canonical(
            per_document.assign(
                **{group: per_document["doc_id"].map(labels)},
                duplicate_of=per_document["doc_id"].map(
                    pd.Series(
                        docs["duplicate_of"].to_numpy() if "duplicate_of" in docs else "",
                        index=ids,
                    )
                ),
            ),
            include_variants=include_variants,
        )
        result = (
            pooled.groupby([group, "concept", "marker"], sort=True)
            .agg(count=("count", "sum"), documents=("doc_id", "nunique"))
            .reset_index()
        )
        result["_order"] = result["marker"].map({name: i for i, name in enumerate(found_names)})
        result = result.sort_values([group, "_order"]).drop(columns="_order")
        key = group
    result["total"] = result.groupby(key, sort=False)["count"].transform("sum").astype(np.int64)
    with np.errstate(divide="ignore", invalid="ignore"):
        result["share"] = result["count"] / result["total"].where(result["total"] > 0)
    last = ["sent_ids"] if group == doc_id else ["documents"]
    columns = [key, "concept", "marker", "count", "total", "share", *last]
    return result[columns].reset_index(drop=True)
