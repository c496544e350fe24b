"""Terms and TF-IDF: which words each account uses most.

Terms are lower-cased tokens of :func:`analysis.text.tokenize`, with the possessive "'s" taken
off ("Russia's" counts as "russia") and tokens without a letter (numbers, amounts) left out.
Bigrams join two adjacent terms when neither is a stop word, so that a removed stop word never
makes a bigram of words that were not neighbours (scikit-learn's own n-grams are built after
stop words are removed: "regime in Pyongyang" would give "regime pyongyang").

TF-IDF itself is scikit-learn's ``TfidfVectorizer``: smoothed idf, ``ln((1 + n) / (1 + df)) + 1``,
and l2-normalised document vectors (Manning, Raghavan & Schütze 2008, ch. 6).

References
----------
Manning, C. D., Raghavan, P. and Schütze, H. (2008). *Introduction to Information Retrieval*.
Cambridge University Press.
Nothman, J., Qin, H. and Yurchak, R. (2018). Stop word lists in free open-source software
packages. *Proceedings of NLP-OSS*, 7-12.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from analysis.corpus import canonical_mask
from analysis.sparse_counts import (
    add_up,
    column_totals,
    positions,
    select_columns,
    smoothed_idf,
    tfidf_weights,
)
from analysis.validation import check_documents, check_labels, check_positive_int, check_texts

__all__ = [
    "COUNT_BATCH",
    "STOP_WORDS",
    "TFIDF_BLOCK",
    "ChunkMemory",
    "TermAnalyzer",
    "TermCounts",
    "TfidfResult",
    "count_term_keys",
    "count_terms",
    "read_stop_words",
    "select_counts",
    "spell_terms",
    "stop_words_table",
    "term_counts",
    "tfidf",
    "top_rows",
    "top_terms",
]


def stop_words_table(source: Path | str | None = None) -> pd.DataFrame:
    """Changes to scikit-learn's English stop list, each with its reason.

    Parameters
    ----------
    source : path-like, optional
        A CSV file with the columns ``word``, ``action`` ("keep": take the word off the list;
        "add": put it on) and ``reason``, or a corpus folder holding ``stopwords.csv``. By
        default the package's own changes, which hold for any English corpus: content words
        that scikit-learn's list holds by accident (Nothman et al. 2018).

    Returns
    -------
    DataFrame
        ``word``, ``action``, ``reason``; one row per change.
    """
    if source is None:
        resource = resources.files("analysis").joinpath("data/stopwords.csv")
        with resource.open(encoding="utf-8") as stream:
            return pd.DataFrame(list(csv.DictReader(stream)))
    path = Path(source)
    if path.is_dir():
        path = path / "stopwords.csv"
    if not path.is_file():
        raise FileNotFoundError(f"stop words: no such file {path}")
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [column for column in ("word", "action") if column not in table.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}; expected word, action, reason")
    table["word"] = table["word"].str.strip().str.lower()
    bad = table[~table["action"].isin(["keep", "add"]) | (table["word"] == "")]
    if len(bad):
        row = bad.index[0]
        raise ValueError(
            f"{path}: row {row + 2}: action must be 'keep' or 'add' and word non-empty, got "
            f"{table.at[row, 'word']!r}, {table.at[row, 'action']!r}"
        )
    if "reason" not in table.columns:
        table["reason"] = ""
    return table[["word", "action", "reason"]]


def _apply_changes(base: frozenset[str], table: pd.DataFrame) -> frozenset[str]:
    keep = set(table.loc[table["action"] == "keep", "word"])
    add = set(table.loc[table["action"] == "add", "word"])
    return frozenset((base - keep) | add)


#: scikit-learn's English stop list, less the content words in ``data/stopwords.csv``; see
#: :func:`stop_words_table` for each word's reason.
STOP_WORDS = _apply_changes(frozenset(ENGLISH_STOP_WORDS), stop_words_table())


def read_stop_words(source: Path | str) -> frozenset[str]:
    """:data:`STOP_WORDS` changed by a corpus's own list.

    Parameters
    ----------
    source : path-like
        A CSV file of changes (see :func:`stop_words_table`) or a corpus folder holding
        ``stopwords.csv``.

    Examples
    --------
    >>> "us" in STOP_WORDS
    True
    """
    return _apply_changes(STOP_WORDS, stop_words_table(source))


# The terms of a lower-cased text in one pass: abbreviations with inner full stops (u.s.), and
# words with at least one letter, inner hyphens and apostrophes (counter-offensive, j2-8243,
# rock'n'roll); numbers and amounts, which have no letter, are skipped. The possessive "'s" that
# ends a word is matched but left out of the captured term ("russia's" gives "russia"; "'s"
# inside a word, as in "john's-book", stays). It agrees with analysis.text.tokenize on every
# token that has a letter. Its shape is for speed, with the same matches as the plainer
#   (?:[^\W\d_]\.){2,} | [^\W_]*[^\W\d_][^\W_]*(?:[-'][^\W_]+)*
# followed by taking "'s" off: each alternative starts with a letter or a digit, so the engine
# skips spaces and punctuation at once, and the possessive costs no second pass over the words.
_SEGMENTS = r"(?:-[^\W_]+|'(?!s(?![^\W_]|[-'][^\W_]))[^\W_]+)*"  # no final 's segment
_TERM = re.compile(
    r"("
    r"[^\W\d_](?:\.(?:[^\W\d_]\.)+|[^\W_]*" + _SEGMENTS + r")"  # u.s. | a word from a letter
    r"|\d+[^\W\d_][^\W_]*"
    + _SEGMENTS  # a word that starts with digits: 3d, 1990s
    + r")(?:(?<!\.)'s)?"  # the possessive, matched and left out
)


@dataclass(frozen=True)
class TermAnalyzer:
    """Turn a text into terms: lower-cased unigrams and, optionally, bigrams.

    Parameters
    ----------
    ngram_range : (int, int), default (1, 2)
        Smallest and largest n-gram; only 1 and 2 are supported.
    stop_words : frozenset of str, default STOP_WORDS
        Terms to drop; a bigram is kept only when neither of its words is a stop word.

    Examples
    --------
    >>> TermAnalyzer()("Russia's rogue regime in Pyongyang")
    ['russia', 'rogue', 'regime', 'pyongyang', 'russia rogue', 'rogue regime']
    """

    ngram_range: tuple[int, int] = (1, 2)
    stop_words: frozenset[str] = STOP_WORDS

    def __post_init__(self) -> None:
        low, high = self.ngram_range
        if not 1 <= low <= high <= 2:
            raise ValueError(
                f"ngram_range must be (1, 1), (1, 2) or (2, 2), got {self.ngram_range}"
            )

    def words(self, text: str) -> list[str]:
        """Lower-cased word terms, stop words included, in order, without possessive 's."""
        return _TERM.findall(text.lower())

    def __call__(self, text: str) -> list[str]:
        words = self.words(text)
        kept = [word not in self.stop_words for word in words]
        low, high = self.ngram_range
        terms = [word for word, keep in zip(words, kept, strict=True) if keep] if low == 1 else []
        if high == 2:
            terms += [
                f"{first} {second}"
                for first, second, keep_first, keep_second in zip(
                    words, words[1:], kept, kept[1:], strict=False
                )
                if keep_first and keep_second
            ]
        return terms


@dataclass(frozen=True)
class TfidfResult:
    """A fitted TF-IDF model, the documents' vectors and their raw counts.

    Attributes
    ----------
    matrix : scipy.sparse.csr_matrix
        One l2-normalised row per document, one column per term.
    counts : scipy.sparse.csr_matrix
        The same shape: how often each document uses each term. Group totals are sums of its
        rows, so no text is tokenized twice. When ``tfidf`` was given ``counts=`` and kept
        every column, this is that TermCounts' own matrix, not a copy: do not change it in
        place.
    terms : numpy.ndarray
        The column labels.
    doc_ids : list
        The row labels.
    vectorizer : sklearn.feature_extraction.text.TfidfVectorizer
        The fitted vectorizer, to transform other texts into the same space.
    """

    matrix: sparse.csr_matrix
    counts: sparse.csr_matrix
    terms: np.ndarray
    doc_ids: list
    vectorizer: TfidfVectorizer

    def frame(self) -> pd.DataFrame:
        """The matrix as a long table: ``doc_id``, ``term``, ``tfidf`` (non-zero cells only)."""
        coo = self.matrix.tocoo()
        frame = pd.DataFrame(
            {
                "doc_id": np.asarray(self.doc_ids, dtype=object)[coo.row],
                "term": self.terms[coo.col],
                "tfidf": coo.data,
            }
        )
        return frame.sort_values(
            ["doc_id", "tfidf", "term"], ascending=[True, False, True], ignore_index=True
        )


#: Documents tokenized and counted together by :func:`count_terms`: large enough that the
#: vectorised steps dominate, small enough that one batch's tokens stay a few tens of MB.
COUNT_BATCH = 2048

#: Distinct white-space chunks whose terms :func:`count_terms` remembers between batches; past
#: this many (about 150 MB, and the words they hold on top) it starts again from none, so that a
#: corpus of rare chunks (numbers, addresses) cannot grow it without bound.
CHUNK_MEMORY = 1_000_000


def count_terms(
    texts, *, ngram_range: tuple[int, int] = (1, 2), stop_words: frozenset[str] = STOP_WORDS
) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Count the terms of each text: a sparse documents × terms matrix and its column labels.

    The same matrix as scikit-learn's ``CountVectorizer(analyzer=TermAnalyzer(ngram_range,
    stop_words)).fit_transform(texts)``: columns in alphabetical order of the terms, counts as
    int64. Texts without any term give an empty row, and no text at all gives a matrix with no
    column (scikit-learn would raise "empty vocabulary").

    It is computed differently, to be several times faster on a large corpus. Each batch of
    :data:`COUNT_BATCH` texts is cut at white space (``str.split``) into chunks, the chunks are
    numbered with a hash table (``pandas.factorize``), and only each distinct chunk is read by
    the term pattern (a chunk may hold no term, as "--", or several, as "war/peace"); what a
    chunk holds is remembered for the next batches (up to :data:`CHUNK_MEMORY` chunks). The
    chunks' terms are then laid out in
    text order and unigrams and bigrams counted as integer keys (a word's number; or a pair of
    numbers) with NumPy, so no term is handled one at a time in Python except to spell each
    distinct term once. The terms are the pattern's matches on the whole text: no term holds
    white space, and the pattern looks past a term's end only at letters, digits, hyphens and
    apostrophes, never white space. Written here because scikit-learn counts a custom
    analyzer's terms in a Python loop over every token (``CountVectorizer._count_vocab``), and
    no maintained library counts n-grams of a regular expression's tokens vectorised;
    ``tests/test_vocabulary.py`` checks that the matrix is ``CountVectorizer``'s on the seeds
    (over several batches) and on generated text.
    """
    counts, words, keys = count_term_keys(texts, ngram_range=ngram_range, stop_words=stop_words)
    return counts, spell_terms(words, keys)


#: A term's key (:func:`count_term_keys`): ``rank(first word) << 32 | (rank(second) + 1)``,
#: the second part 0 for a unigram.
KEY_SHIFT = 32
_SECOND = (1 << KEY_SHIFT) - 1


@dataclass(eq=False)
class ChunkMemory:
    """What :func:`count_term_keys` has read: each word's number and each chunk's words.

    One count of a corpus keeps one, so that each distinct white-space chunk is read by the
    term pattern once (a chunk seen before costs a dictionary lookup). Passed to several calls
    that count parts of one corpus (the partitions that one worker counts for
    :func:`analysis.dask.term_counts`), it spares each part reading again what another part
    read. The results do not depend on it: a word's number orders nothing, since the words a
    part's terms hold are sorted as strings. Bounded as one count is: past
    :data:`CHUNK_MEMORY` chunks the chunks are forgotten within a call (as in one call without
    a memory, the words it reads are kept to its end), and a call that finds more than
    :data:`CHUNK_MEMORY` chunks or words remembered starts from none, so that what one memory
    carries from a call to the next is bounded whatever the corpus. Not to be used by two
    threads at once.

    Attributes
    ----------
    stop_words : frozenset of str
        The stop words of every count that uses this memory.
    """

    stop_words: frozenset[str]
    word_number: dict[str, int] = field(default_factory=dict)  # stop words included
    words: list[str] = field(default_factory=list)
    is_stop: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    chunk_words: dict[str, tuple[int, ...]] = field(default_factory=dict)  # word numbers

    def forget(self) -> None:
        """Start again from nothing read."""
        self.__init__(self.stop_words)


def count_term_keys(
    texts,
    *,
    ngram_range: tuple[int, int] = (1, 2),
    stop_words: frozenset[str] = STOP_WORDS,
    memory: ChunkMemory | None = None,
) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
    """The counts of :func:`count_terms`, their columns labelled by integer keys over words.

    Parameters
    ----------
    texts : iterable of str
    ngram_range, stop_words
        As in :func:`count_terms`.
    memory : ChunkMemory, optional
        What earlier counts of other parts of the same corpus have read, used and added to;
        by default a new one, forgotten after this call.

    Returns
    -------
    counts : scipy.sparse.csr_matrix
        As :func:`count_terms` gives it.
    words : numpy.ndarray
        The words the terms are made of, sorted.
    keys : numpy.ndarray of int64
        One per column: ``(i << 32) | 0`` for the unigram ``words[i]``, ``(i << 32) | (j + 1)``
        for the bigram ``words[i] words[j]``. Sorted: the order of the keys is the
        alphabetical order of the terms, because a space sorts before any character a word
        holds (a unigram before every bigram it starts).

    Terms spelled out once, from the words (:func:`spell_terms`), after the counts of several
    parts of a corpus have been put together by key: sorted lists of words merge, and mapping
    each part's word ranks to the merged list's keeps the keys' order.
    """
    analyzer = TermAnalyzer(ngram_range, frozenset(stop_words))
    low, high = analyzer.ngram_range
    texts = list(texts)
    if memory is None:
        memory = ChunkMemory(analyzer.stop_words)
    elif memory.stop_words != analyzer.stop_words:
        raise ValueError("count_term_keys: the memory was made with other stop words")
    elif max(len(memory.chunk_words), len(memory.words)) > CHUNK_MEMORY:
        memory.forget()
    word_number, words, chunk_words = memory.word_number, memory.words, memory.chunk_words
    batches = []  # (counts of the batch over its own keys, those keys)
    for start in range(0, len(texts), COUNT_BATCH):
        batch_texts = texts[start : start + COUNT_BATCH]
        chunks: list[str] = []
        lengths = np.empty(len(batch_texts), dtype=np.int64)
        for k, text in enumerate(batch_texts):
            found = text.lower().split()
            chunks += found
            lengths[k] = len(found)
        codes, distinct = pd.factorize(np.asarray(chunks, dtype=object))
        if len(chunk_words) > CHUNK_MEMORY:
            chunk_words.clear()
        # Each distinct chunk's words, one after another in ``flat``; ``size[k]`` of them.
        size = np.empty(len(distinct), dtype=np.int64)
        flat: list[int] = []
        for k, text in enumerate(distinct.tolist()):
            numbers = chunk_words.get(text)
            if numbers is None:
                numbers = chunk_words[text] = tuple(
                    _word_number(word, word_number, words) for word in _TERM.findall(text)
                )
            size[k] = len(numbers)
            flat += numbers
        flat_words = np.asarray(flat, dtype=np.int64)
        if len(words) > len(memory.is_stop):
            fresh = words[len(memory.is_stop) :]
            memory.is_stop = np.concatenate(
                [memory.is_stop, [word in analyzer.stop_words for word in fresh]]
            )
        is_stop = memory.is_stop
        chunk_row = np.repeat(np.arange(len(batch_texts)), lengths)
        per_chunk = size[codes]
        if len(flat_words) == len(distinct) and (size == 1).all():  # a word per chunk: most text
            word = flat_words[codes]
            row = chunk_row
        else:
            first = np.cumsum(size) - size  # where each distinct chunk's words start in flat
            place = np.repeat(first[codes] - (np.cumsum(per_chunk) - per_chunk), per_chunk)
            word = flat_words[place + np.arange(len(place))]
            row = np.repeat(chunk_row, per_chunk)
        kept = ~is_stop[word]
        # A unigram's key is its word's number; a bigram's, (first + 1) * 2**32 + second, so
        # the two never collide (fewer than 2**32 distinct words).
        keys, rows = [], []
        if low == 1:
            keys.append(word[kept])
            rows.append(row[kept])
        if high == 2 and len(word) > 1:
            pair = kept[:-1] & kept[1:] & (row[:-1] == row[1:])
            keys.append(((word[:-1][pair] + 1) << 32) + word[1:][pair])
            rows.append(row[:-1][pair])
        key = np.concatenate(keys) if keys else np.zeros(0, dtype=np.int64)
        key_row = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
        column, distinct_keys = pd.factorize(key)
        batch = sparse.csr_matrix(
            (np.ones(len(key), dtype=np.int64), (key_row, column)),
            shape=(len(batch_texts), len(distinct_keys)),
        )
        batch.sum_duplicates()
        batches.append((batch, np.asarray(distinct_keys, dtype=np.int64)))
    if not batches or not any(len(keys) for _, keys in batches):
        empty = sparse.csr_matrix((len(texts), 0), dtype=np.int64)
        return empty, np.array([], dtype=object), np.zeros(0, dtype=np.int64)
    # One column per distinct key of the whole corpus, then the columns in alphabetical order
    # of their terms, as scikit-learn orders its vocabulary: the order of the pairs (rank of
    # the first word, rank of the second or -1), so only the words are sorted as strings.
    column_of, keys = pd.factorize(np.concatenate([keys for _, keys in batches]))
    keys = np.asarray(keys, dtype=np.int64)
    first, second = (keys >> 32) - 1, keys & 0xFFFFFFFF
    is_bigram = first >= 0
    lead = np.where(is_bigram, first, second)
    holds = np.zeros(len(words), dtype=bool)  # the words some term holds
    holds[lead] = True
    holds[second[is_bigram]] = True
    used = np.array(sorted(np.flatnonzero(holds).tolist(), key=words.__getitem__), dtype=np.int64)
    word_rank = np.full(len(words), -1, dtype=np.int64)
    word_rank[used] = np.arange(len(used))
    term_keys = (word_rank[lead] << KEY_SHIFT) | np.where(is_bigram, word_rank[second] + 1, 0)
    order = np.argsort(term_keys, kind="stable")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    # The batches are copied one at a time into the corpus's arrays, their columns renumbered,
    # each let go once copied (sparse.vstack keeps every batch until the whole matrix is built).
    cells = sum(batch.nnz for batch, _ in batches)
    index_dtype = np.int32 if max(cells, len(order)) < 2**31 else np.int64
    indptr = np.zeros(len(texts) + 1, dtype=index_dtype)
    indices = np.empty(cells, dtype=index_dtype)
    data = np.empty(cells, dtype=np.int64)
    row = cell = offset = 0
    batches.reverse()
    while batches:
        batch, batch_keys = batches.pop()
        end = cell + batch.nnz
        # In int64 (and the index type of the whole): a batch's own indices may be int32.
        indices[cell:end] = rank[column_of[offset + batch.indices.astype(np.int64)]]
        data[cell:end] = batch.data
        indptr[row + 1 : row + 1 + batch.shape[0]] = np.add(
            batch.indptr[1:], cell, dtype=index_dtype
        )
        row, cell, offset = row + batch.shape[0], end, offset + len(batch_keys)
        del batch
    counts = sparse.csr_matrix((data, indices, indptr), shape=(len(texts), len(order)))
    counts.sort_indices()
    return counts, np.array([words[k] for k in used.tolist()], dtype=object), term_keys[order]


def spell_terms(words: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """The terms of :func:`count_term_keys`'s ``keys`` over ``words``: ``"first second"``."""
    lead = (keys >> KEY_SHIFT).tolist()
    second = ((keys & _SECOND) - 1).tolist()
    return np.array(
        [
            words[a] if b < 0 else f"{words[a]} {words[b]}"
            for a, b in zip(lead, second, strict=True)
        ],
        dtype=object,
    )


def _word_number(word: str, word_number: dict[str, int], words: list[str]) -> int:
    """The number of ``word``, giving it the next one (and appending it to ``words``) if new."""
    number = word_number.get(word)
    if number is None:
        number = word_number[word] = len(words)
        words.append(word)
    return number


@dataclass(frozen=True)
class TermCounts:
    """How often each document uses each term: one count of a corpus, for several analyses.

    Made by :func:`term_counts`, and taken by :func:`tfidf`, :func:`top_terms`,
    :func:`analysis.keyness` and :func:`analysis.keyness.keyness_sensitivity` through their
    ``counts=`` argument, so that a corpus is tokenized once for all of them. A function that
    needs unigrams only takes the unigram columns of counts made with ``ngram_range=(1, 2)``:
    the result is the same as counting again.

    Attributes
    ----------
    counts : scipy.sparse.csr_matrix
        One row per document, one column per term, int64.
    terms : numpy.ndarray
        The column labels, in alphabetical order.
    labels : numpy.ndarray
        The row labels: the document ids.
    ngram_range : (int, int)
        The n-grams counted.
    stop_words : frozenset of str
        The stop words left out.
    """

    counts: sparse.csr_matrix
    terms: np.ndarray
    labels: np.ndarray
    ngram_range: tuple[int, int] = (1, 2)
    stop_words: frozenset[str] = STOP_WORDS

    def select(
        self,
        rows: np.ndarray | None = None,
        *,
        ngram_range: tuple[int, int],
        stop_words: frozenset[str],
        caller: str,
    ) -> tuple[sparse.csr_matrix, np.ndarray]:
        """The counts of some rows and of the n-grams asked for, as counting them would give.

        Parameters
        ----------
        rows : array of bool or int, optional
            The rows to keep; all by default.
        ngram_range, stop_words
            What the caller counts; ``ngram_range`` must lie within the counts' own and
            ``stop_words`` must be the same.
        caller : str
            The function asking, named in errors.

        Returns
        -------
        counts, terms
            As :func:`count_terms` gives them on those rows' texts: the terms that none of
            them uses are left out.
        """
        low, high = ngram_range
        if not self.ngram_range[0] <= low <= high <= self.ngram_range[1]:
            raise ValueError(
                f"{caller}: ngram_range={tuple(ngram_range)} is not within the counts' "
                f"ngram_range {tuple(self.ngram_range)}; count with term_counts(..., "
                f"ngram_range={tuple(ngram_range)})"
            )
        if frozenset(stop_words) != self.stop_words:
            raise ValueError(
                f"{caller}: the counts were made with other stop words than stop_words=; pass "
                "the same stop words to term_counts and to this function"
            )
        counts = self.counts if rows is None else self.counts[rows]
        keep = np.ones(len(self.terms), dtype=bool)
        if (low, high) != tuple(self.ngram_range):
            # Unigrams have no space and bigrams one: an n-gram range is a choice of columns.
            bigram = np.fromiter((" " in term for term in self.terms), bool, len(self.terms))
            keep &= bigram if low == 2 else ~bigram
        keep &= counts.getnnz(axis=0) > 0
        if keep.all():  # every column: no copy
            return counts, self.terms
        columns = np.flatnonzero(keep)
        return counts[:, columns].tocsr(), self.terms[columns]


def term_counts(
    docs: pd.DataFrame,
    *,
    text: str = "text",
    doc_id: str = "doc_id",
    ngram_range: tuple[int, int] = (1, 2),
    stop_words: frozenset[str] = STOP_WORDS,
) -> TermCounts:
    """Count every term of every document once, for :func:`tfidf`, :func:`top_terms` and keyness.

    Parameters
    ----------
    docs : DataFrame
        One row per document, variants included (each function leaves them out where it
        should).
    text, doc_id : str
        The columns of texts and of identifiers.
    ngram_range, stop_words
        As in :class:`TermAnalyzer`. The default (1, 2) serves unigram keyness as well.

    Returns
    -------
    TermCounts

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "side": ["x", "y"],
    ...                      "text": ["sanctions bite hard", "sanctions fail"]})
    >>> counts = term_counts(docs)
    >>> list(counts.terms)
    ['bite', 'bite hard', 'fail', 'hard', 'sanctions', 'sanctions bite', 'sanctions fail']
    >>> tfidf(docs, counts=counts).matrix.shape
    (2, 7)
    """
    check_documents(docs, (text, doc_id), "term_counts")
    check_texts(docs, text, "term_counts", doc_id=doc_id)
    analyzer = TermAnalyzer(tuple(ngram_range), frozenset(stop_words))
    counts, terms = count_terms(
        docs[text], ngram_range=analyzer.ngram_range, stop_words=analyzer.stop_words
    )
    return TermCounts(
        counts,
        terms,
        docs[doc_id].to_numpy(),
        ngram_range=analyzer.ngram_range,
        stop_words=analyzer.stop_words,
    )


def _check_counts(counts: object, docs: pd.DataFrame, doc_id: str, caller: str) -> None:
    """``counts`` must be a TermCounts of these documents, row for row."""
    if not isinstance(counts, TermCounts):
        raise TypeError(
            f"{caller}: counts must be the TermCounts of term_counts(docs), got "
            f"{type(counts).__name__}"
        )
    if counts.counts.shape[0] != len(docs):
        raise ValueError(
            f"{caller}: counts has {counts.counts.shape[0]} rows and docs {len(docs)}; "
            "count the same documents with term_counts(docs)"
        )
    if doc_id in docs.columns:
        ids = docs[doc_id].to_numpy()
        differ = np.flatnonzero(ids != counts.labels)
        if len(differ):
            row = int(differ[0])
            raise ValueError(
                f"{caller}: counts were made from other documents: row .iloc[{row}] is "
                f"{counts.labels[row]!r} in counts and {ids[row]!r} in docs"
            )


def select_counts(
    docs: pd.DataFrame,
    counts: TermCounts | None,
    rows: np.ndarray | None = None,
    *,
    text: str = "text",
    doc_id: str = "doc_id",
    ngram_range: tuple[int, int],
    stop_words: frozenset[str],
    caller: str,
) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Term counts of some rows of ``docs``: taken from ``counts`` when given, else counted.

    Returns ``counts`` and ``terms`` as :func:`count_terms` gives them on the texts of those
    rows; ``counts`` must then be the :class:`TermCounts` of every row of ``docs``.
    """
    if counts is None:
        check_texts(docs, text, caller, doc_id=doc_id, rows=rows)
        texts = docs[text] if rows is None else docs[text][rows]
        return count_terms(texts, ngram_range=ngram_range, stop_words=stop_words)
    _check_counts(counts, docs, doc_id, caller)
    return counts.select(rows, ngram_range=ngram_range, stop_words=stop_words, caller=caller)


def tfidf(
    docs: pd.DataFrame,
    *,
    text: str = "text",
    doc_id: str = "doc_id",
    ngram_range: tuple[int, int] = (1, 2),
    stop_words: frozenset[str] = STOP_WORDS,
    min_df: int = 1,
    sublinear_tf: bool = False,
    include_variants: bool = False,
    counts: TermCounts | None = None,
) -> TfidfResult:
    """TF-IDF vectors of documents, with scikit-learn's ``TfidfVectorizer``.

    Parameters
    ----------
    docs : DataFrame
        One row per document.
    text, doc_id : str
        The columns of texts and of identifiers.
    ngram_range, stop_words : see :class:`TermAnalyzer`.
    min_df : int, default 1
        Drop terms found in fewer documents.
    sublinear_tf : bool, default False
        Use ``1 + ln(tf)`` for term frequency.
    include_variants : bool, default False
        Fit the idf on every document. By default it is fitted on canonical documents only
        (``duplicate_of`` empty) so that a copy does not halve the weight of the words it
        shares with its original; variants are still transformed and returned.
    counts : TermCounts, optional
        The documents' term counts from :func:`term_counts`, so that the texts are not
        tokenized again; the result is the same.

    Returns
    -------
    TfidfResult
        Every document of ``docs``, in order.

    Notes
    -----
    ``tfidf(t, d) = tf(t, d) * idf(t)`` with ``idf(t) = ln((1 + n) / (1 + df(t))) + 1``, rows
    normalised to unit length.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"],
    ...                      "text": ["sanctions bite hard", "sanctions fail"]})
    >>> result = tfidf(docs, ngram_range=(1, 1))
    >>> list(result.terms)
    ['bite', 'fail', 'hard', 'sanctions']
    """
    check_documents(docs, (text, doc_id), "tfidf")
    min_df = check_positive_int(min_df, "min_df", "tfidf")
    analyzer = TermAnalyzer(ngram_range, frozenset(stop_words))
    counts, terms, idf = _weighable_counts(
        docs,
        counts,
        text=text,
        doc_id=doc_id,
        analyzer=analyzer,
        min_df=min_df,
        include_variants=include_variants,
        caller="tfidf",
    )
    vectorizer = TfidfVectorizer(
        analyzer=analyzer,
        vocabulary=list(terms) or None,
        sublinear_tf=sublinear_tf,
        dtype=np.float64,
    )
    if idf is not None:
        vectorizer.idf_ = idf
    matrix = _weights(counts, idf, sublinear_tf=sublinear_tf)
    return TfidfResult(matrix, counts, terms, list(docs[doc_id]), vectorizer)


#: Rows weighed at a time when only sums or the top terms of the TF-IDF rows are kept
#: (:func:`top_terms`): the weights of the whole corpus, as large as its counts, are never held.
TFIDF_BLOCK = 10_000


def _weighable_counts(
    docs, counts, *, text, doc_id, analyzer, min_df, include_variants, caller
) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray | None]:
    """The counts and terms TF-IDF weighs, and the idf (None when there is nothing to fit).

    Each text is tokenized once: every document is counted, the terms of the canonical
    documents used by ``min_df`` of them kept, and the idf fitted on the canonical rows. This is
    what ``TfidfVectorizer.fit`` followed by ``.transform`` computes, without reading the texts
    twice and without copying the rows the idf is fitted on (document frequencies come from
    the non-zero cells). The counts are copied only when columns are left out.
    """
    counts, terms = select_counts(
        docs,
        counts,
        text=text,
        doc_id=doc_id,
        ngram_range=analyzer.ngram_range,
        stop_words=analyzer.stop_words,
        caller=caller,
    )
    fit = canonical_mask(docs, include_variants=include_variants)
    frequency = column_totals(counts, documents=True, rows=fit).toarray().ravel()
    keep = frequency >= min_df
    if not keep.all():
        counts = select_columns(counts, positions(keep), int(keep.sum()))
        terms, frequency = terms[keep], frequency[keep]
    fitted = int(fit.sum())
    idf = smoothed_idf(frequency, fitted) if len(terms) and fitted else None
    return counts, terms, idf


def _weights(counts: sparse.csr_matrix, idf, *, sublinear_tf: bool = False) -> sparse.csr_matrix:
    """The TF-IDF rows of ``counts`` (zeros when no idf could be fitted)."""
    if idf is None:
        return sparse.csr_matrix(counts.shape, dtype=np.float64)
    return tfidf_weights(counts, idf, sublinear_tf=sublinear_tf)


def top_terms(
    docs: pd.DataFrame,
    *,
    n: int = 10,
    group: str | None = None,
    text: str = "text",
    doc_id: str = "doc_id",
    ngram_range: tuple[int, int] = (1, 2),
    stop_words: frozenset[str] = STOP_WORDS,
    include_variants: bool = False,
    counts: TermCounts | None = None,
) -> pd.DataFrame:
    """The ``n`` terms with the highest TF-IDF per document, or per group of documents.

    Parameters
    ----------
    docs : DataFrame
        One row per document.
    n : int, default 10
        Terms per document or group.
    group : str, optional
        A column to group documents by. A group's score for a term is the mean of its
        documents' TF-IDF, so each document weighs the same whatever its length (the rows
        are added up :data:`TFIDF_BLOCK` at a time: the mean to rounding). Groups use
        canonical documents unless ``include_variants``.
    text, doc_id, ngram_range, stop_words, include_variants, counts
        As in :func:`tfidf`.

    Returns
    -------
    DataFrame
        ``doc_id`` (or the group column), ``rank`` (1 = highest), ``term``, ``tfidf`` and
        ``count`` (occurrences in the document or group). Ties are broken alphabetically.
    """
    n = check_positive_int(n, "n", "top_terms")
    check_documents(docs, (text, doc_id) + ((group,) if group else ()), "top_terms")
    counts, terms, idf = _weighable_counts(
        docs,
        counts,
        text=text,
        doc_id=doc_id,
        analyzer=TermAnalyzer(ngram_range, frozenset(stop_words)),
        min_df=1,
        include_variants=include_variants,
        caller="top_terms",
    )
    # The rows are weighed TFIDF_BLOCK at a time and only what is ranked is kept: each
    # document's top terms, or each group's sums. A row's weights depend on that row alone.
    blocks = [slice(start, start + TFIDF_BLOCK) for start in range(0, len(docs), TFIDF_BLOCK)]
    if group is None:
        labels = docs[doc_id].tolist()
        tables = [
            top_rows(_weights(counts[rows], idf), counts[rows], terms, labels[rows], n=n)
            for rows in blocks
        ]
        if not tables:
            return top_rows([], [], terms, [], n=n)
        return pd.concat(tables, ignore_index=True)
    check_labels(docs, group, "top_terms")
    keep = np.flatnonzero(canonical_mask(docs, include_variants=include_variants))
    members = docs[group].to_numpy()[keep]
    labels = sorted(pd.unique(members), key=str)
    # One sparse indicator matrix (groups × documents) sums and averages every group in
    # one product, without joining or re-tokenizing any text.
    codes = pd.Categorical(members, categories=labels).codes
    # CSR, as the counts are: scipy converts a product's right-hand matrix to the left one's
    # format, which would copy the counts.
    indicator = sparse.csr_matrix(
        (np.ones(len(keep)), (codes, keep)), shape=(len(labels), len(docs))
    )
    sizes = np.asarray(indicator.sum(axis=1)).ravel()
    sums = add_up(indicator[:, rows] @ _weights(counts[rows], idf) for rows in blocks)
    if sums is None:  # no document
        sums = sparse.csr_matrix((len(labels), len(terms)), dtype=np.float64)
    means = sparse.diags(1 / sizes) @ sums
    return top_rows(means, indicator @ counts, terms, labels, n=n, unit=group)


def top_rows(
    matrix, counts, terms: np.ndarray, labels, *, n: int, unit: str = "doc_id"
) -> pd.DataFrame:
    """The ``n`` highest-scoring terms of each row of ``matrix``, as :func:`top_terms` lists them.

    Parameters
    ----------
    matrix : sparse matrix
        Scores: one row per document or group, one column per term.
    counts : sparse matrix
        The same shape: occurrences.
    terms : numpy.ndarray
        The column labels.
    labels : sequence
        The row labels, written in the column ``unit``.
    n : int
        Terms per row.
    unit : str, default "doc_id"
        The name of the label column.
    """
    matrix, counts = sparse.csr_matrix(matrix), sparse.csr_matrix(counts)
    if not counts.has_sorted_indices:
        counts = counts.sorted_indices()
    frames = []
    for row, label in enumerate(labels):
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        columns, scores = matrix.indices[start:end], matrix.data[start:end]
        # Only the terms scoring at least the n-th highest score can be among the first n
        # (ties included), so only those are sorted by score and then by term: a row of a
        # large vocabulary holds millions of terms.
        if len(scores) > n:
            nth = np.partition(scores, len(scores) - n)[len(scores) - n]
            candidates = np.flatnonzero(scores >= nth)
        else:
            candidates = np.arange(len(scores))
        ranked = np.lexsort((terms[columns[candidates]], -scores[candidates]))[:n]
        order = candidates[ranked]
        order = order[scores[order] > 0]
        chosen = columns[order]
        # The row's counts of the chosen terms, found in its sorted column indices.
        first, last = counts.indptr[row], counts.indptr[row + 1]
        used, occurrences = counts.indices[first:last], counts.data[first:last]
        place = np.minimum(np.searchsorted(used, chosen), max(len(used) - 1, 0))
        found = (used[place] == chosen) if len(used) else np.zeros(len(chosen), dtype=bool)
        frames.append(
            pd.DataFrame(
                {
                    unit: label,
                    "rank": np.arange(1, len(order) + 1),
                    "term": terms[chosen],
                    "tfidf": scores[order],
                    "count": np.where(found, occurrences[place] if len(used) else 0, 0).astype(int),
                }
            )
        )
    empty = pd.DataFrame(
        {
            unit: pd.Series(dtype=object),
            "rank": pd.Series(dtype=int),
            "term": pd.Series(dtype=object),
            "tfidf": pd.Series(dtype=float),
            "count": pd.Series(dtype=int),
        }
    )
    return pd.concat([empty, *frames], ignore_index=True) if frames else empty
