"""An interactive, offline explorer of two groups' terms and the sentences that use them.

:func:`explore` computes, in Python, everything the view shows: each term's place in the
scatter of its rate in one group against its rate in the other (the positions of
:func:`analysis.plots.term_frequency_data`, as the static figure draws them), its keyness score
(:func:`analysis.keyness`), an effect size, its counts, the documents that use it and the
sentences that contain it, each sentence with its document, the document's metadata and its
VADER score. The result, an :class:`Explorer`, is shown by a small script shipped with the
package (``analysis/explorer/explorer.js``) that only draws: a scatter in SVG, a search box,
a tooltip on hover, the sentences of the term clicked, and a second view that colours each
sentence of a document by its score.

Why plain HTML and not a widget: the view must work in JupyterLab, in the notebooks' HTML
export and as a standalone file, offline. A widget (anywidget, ipywidgets) renders in
JupyterLab, but nbconvert's HTML export shows a widget only through the widget manager it
loads from a CDN, so offline the exported page would show nothing. An HTML fragment with its
data as inline JSON and its script inline is the same bytes in all three places: JupyterLab
runs the script of an output the kernel produced in this session (a trusted output), the
exported page and the standalone file run it as any page does, and nothing is fetched.
The standalone file also carries a Content-Security-Policy that forbids any network request.

Size. The terms, their counts and scores come from every document of the two groups; the
sentences in the page come from at most ``max_documents`` of them (:data:`MAX_DOCUMENTS` by
default), a random sample with ``seed`` taken half from each group, and the view says how many
documents its sentences come from. 200 documents of 800 words (about 8,000 sentences) make a
page of about 2 MB, and the sentence work (scoring and explaining each sentence) is bounded by
the sample, not by the corpus. Terms are capped at ``max_terms`` (:data:`MAX_TERMS` by
default): the most used terms, plus the most distinctive of each side, so that the scatter stays
quick to draw and every click answers at once. A page past :data:`WARN_BYTES` gives a warning.

References
----------
Kessler, J. S. (2017). Scattertext: a browser-based tool for visualizing how corpora differ.
*Proceedings of ACL 2017, System Demonstrations*, 85-90.
Hardie, A. (2014). Log Ratio: an informal introduction. ESRC Centre for Corpus Approaches to
Social Science (CASS), Lancaster University.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import warnings
from collections.abc import Callable, Mapping
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.corpus import canonical
from analysis.validation import (
    check_choice,
    check_documents,
    check_group,
    check_positive_int,
    check_texts,
)
from analysis.vocabulary import STOP_WORDS, TermAnalyzer

__all__ = [
    "MAX_DOCUMENTS",
    "MAX_TERMS",
    "SENTENCE_COLOURS",
    "WARN_BYTES",
    "Explorer",
    "explore",
]

#: Terms drawn by default: the most used ones (plus the most distinctive of each side). At 2,000
#: the scatter of a 200-document corpus draws in well under a second and its page stays near
#: 2 MB; scattertext draws every term, which is what makes its pages too large to open.
MAX_TERMS = 2000

#: Documents whose sentences the view carries by default: with about 40 sentences each, a page
#: of about 2 MB that opens at once, whatever the size of the corpus.
MAX_DOCUMENTS = 200

# Views rendered in this process, for element ids that differ on one page.
_RENDERED = itertools.count()

#: Past this many bytes of HTML :func:`explore` warns that the page may be slow to open.
WARN_BYTES = 20_000_000

#: Background colours of a sentence by its compound score: negative, neutral, positive
#: (ColorBrewer BrBG's ends and white), mixed toward white as the score nears 0, so that the
#: colours do not repeat the two groups' red and blue.
SENTENCE_COLOURS = ("#bf812d", "#ffffff", "#35978f")

# Columns of a corpus that are texts or bookkeeping, never shown as a document's metadata.
_NOT_METADATA = ("raw_text", "cleaning")
# A metadata value longer than this is cut, with an ellipsis: the view shows a line, not a page.
_MAX_META_CHARS = 160
# Terms labelled in the scatter: the most distinctive on each side, as the static figure does.
_LABELLED = 8
# Drivers of a sentence's score shown on hover.
_MAX_DRIVERS = 6
_ASSETS = "explorer"


class Explorer:
    """The explorer of :func:`explore`: its tables, and its view as HTML.

    In JupyterLab (and in a notebook exported to HTML) the object shows itself as the
    interactive view. :meth:`save_html` writes the same view as a standalone page.

    Attributes
    ----------
    terms : DataFrame
        One row per term drawn: ``term``, ``x``, ``y`` (the scatter's coordinates),
        ``score``, ``p`` (and ``p_adjusted``, ``loo_score`` when :func:`analysis.keyness`
        reports them), ``log_ratio``, ``count_target``, ``count_reference``,
        ``docs_target``, ``docs_reference``, ``per_1000_target``, ``per_1000_reference``,
        ``labelled``, ``colour`` and ``sentences`` (how many sentences of the documents shown
        contain the term). Every column but ``sentences`` describes all the documents of the
        two groups.
    sentences : DataFrame
        Every sentence of the documents shown: ``doc_id``, ``sent_id``, ``text``,
        ``is_heading``, the group column, ``neg``, ``neu``, ``pos``, ``compound``, ``colour``
        and ``drivers`` (a list of (token, value) pairs, empty without an explanation).
    documents : DataFrame
        One row per document shown (all of the two groups' documents, or the sample of
        ``max_documents``): ``doc_id``, the group column, ``sentences``, ``mean`` (mean
        compound score of its sentences, headings left out), and the metadata columns (one
        named like a column of this table gets the suffix ``_metadata``).
    data : dict
        What the script receives, as JSON: everything above, compacted.
    """

    def __init__(
        self,
        *,
        terms: pd.DataFrame,
        sentences: pd.DataFrame,
        documents: pd.DataFrame,
        data: dict,
    ) -> None:
        self.terms = terms
        self.sentences = sentences
        self.documents = documents
        self.data = data

    def __repr__(self) -> str:
        totals = self.data["totals"]
        documents = totals["documentsTarget"] + totals["documentsReference"]
        shown = f"{len(self.documents):,}"
        if len(self.documents) < documents:
            shown += f" of {documents:,}"
        return (
            f"<Explorer: {self.data['target']!r} against {self.data['reference']!r}, "
            f"{totals['shown']:,} of {totals['terms']:,} terms, "
            f"{len(self.sentences):,} sentences of {shown} documents>"
        )

    def to_html(self, *, standalone: bool = False) -> str:
        """The view as HTML: a fragment for a notebook, or a whole page.

        Parameters
        ----------
        standalone : bool, default False
            A complete page (``<!DOCTYPE html>``) with a Content-Security-Policy that forbids
            every request, instead of a fragment.
        """
        payload = json.dumps(self.data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        # The element id comes from the data and the order of rendering, not from chance, so
        # that the same report is the same bytes run after run; the counter keeps two views of
        # the same data on one page apart.
        digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]
        root = f"analysis-explorer-{digest}-{next(_RENDERED)}"
        # Inside <script>, "</script>" or "<!--" in a sentence would end or confuse the element;
        # "<" only occurs inside JSON strings, where \u003c is the same character.
        payload = payload.replace("<", "\\u003c")
        fragment = (
            f'<div class="anx-root" id="{root}" data-explorer="analysis">'
            f"<style>{_asset('explorer.css')}</style>"
            f'<div class="anx-fallback">The interactive explorer needs JavaScript; in '
            "JupyterLab, run the cell (or trust the notebook) to show it.</div>"
            f'<script type="application/json" class="anx-data">{payload}</script>'
            f"<script>{_asset('explorer.js')}\n"
            f"analysisExplorer(document.currentScript, {json.dumps(root)});</script>"
            "</div>"
        )
        if not standalone:
            return fragment
        title = html.escape(self.data["title"])
        policy = (
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
            "img-src data:"
        )
        return (
            "<!DOCTYPE html>\n"
            '<html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{title}</title></head>"
            '<body style="margin:1em;font-family:sans-serif">'
            f"{fragment}</body></html>\n"
        )

    def save_html(self, path: Path | str) -> Path:
        """Write the view as a standalone page that opens offline in any browser.

        Parameters
        ----------
        path : path-like
            The file to write (``.html``); its folder is created when missing.

        Returns
        -------
        Path
            The file written.
        """
        path = Path(path)
        if path.is_dir():
            raise IsADirectoryError(f"save_html: path={str(path)!r} is a folder; name a file")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError):
            raise NotADirectoryError(
                f"save_html: path={str(path)!r} is inside a file, not a folder"
            ) from None
        path.write_text(self.to_html(standalone=True), encoding="utf-8")
        return path

    def _repr_html_(self) -> str:
        return self.to_html()


def explore(
    docs: pd.DataFrame,
    *,
    group: str,
    target: object,
    reference: object | None = None,
    text: str = "text",
    doc_id: str = "doc_id",
    method: str = "log_odds",
    include_variants: bool = False,
    ngram_range: tuple[int, int] = (1, 1),
    stop_words: frozenset[str] = STOP_WORDS,
    min_count: int = 1,
    prior_scale: float | None = None,
    max_terms: int = MAX_TERMS,
    max_documents: int | None = MAX_DOCUMENTS,
    metadata: list[str] | None = None,
    engine: str = "vader",
    explain: Callable[[str], object] | None = None,
    colours: Mapping | None = None,
    title: str | None = None,
    seed: int = 0,
) -> Explorer:
    """An interactive view of the terms that set two groups apart, and of their sentences.

    Terms are placed by their rate of use in each group, ``ln(1 + uses per 1,000 terms)``,
    jittered with ``seed`` exactly as :func:`analysis.plots.term_frequency_data` places them
    (the reference on the horizontal axis, the target on the vertical), and coloured by their
    keyness score: the target's colour above 0, the reference's below, paler toward 0. Hovering
    a term shows its counts, score, p-value, log ratio (an effect size,
    :func:`analysis.keyness.log_ratio_scores`) and the documents using it; clicking it lists
    every sentence of the documents shown that contains it, with the document, its metadata
    and the sentence's VADER compound score, the term highlighted. A second view shows one
    document at a time, each sentence coloured by its score, with the words that drive the
    score on hover when an explanation is available.

    Terms, counts and scores are computed on every document of the two groups. The sentences
    (and so the documents listed on hover and the second view) come from at most
    ``max_documents`` documents: past that, a random sample drawn with ``seed``, half from each
    group (the target takes the larger half of an odd number; more from one group when the
    other has fewer), shown in corpus order; the view says how many of each group's documents
    its sentences come from.

    Parameters
    ----------
    docs : DataFrame
        One row per document, with a text column and a group column.
    group : str
        The column that assigns each document to a group.
    target, reference
        The two groups compared (values of ``group``); ``reference=None`` compares the target
        with every other document.
    text, doc_id : str
        The columns of texts and of document ids.
    method, include_variants, ngram_range, stop_words, min_count, prior_scale
        As in :func:`analysis.keyness`. Variants (``duplicate_of`` set) are left out unless
        ``include_variants``, in the counts and in the sentences shown.
    max_terms : int, default MAX_TERMS
        Draw at most this many terms: those used most in the two groups together (ties: the
        larger ``|score|``, then alphabetical order), plus the 8 highest and 8 lowest scores,
        which the scatter labels. The view says how many terms were left out.
    max_documents : int or None, default MAX_DOCUMENTS
        Carry the sentences of at most this many documents (see above); ``None`` carries every
        document's, which makes a page of about 10 KB per document of 800 words.
    metadata : list of str, optional
        Document columns shown beside each sentence. By default every column but the texts,
        the document id and ``cleaning``.
    engine : {"vader", "nltk"}, default "vader"
        The sentiment engine (:func:`analysis.score_sentiment`).
    explain : callable, optional
        ``explain(sentence) -> DataFrame`` with one row per token: a ``token`` column and a
        value column (``contribution``, ``share``, ``valence_rules`` or ``valence``, the first
        present; else the last numeric column). The tokens with the largest absolute values
        are shown as the sentence's drivers. By default ``analysis.explain_sentiment`` when the
        package has one, otherwise no drivers are shown.
    colours : mapping, optional
        ``{label: colour}`` for the two groups, as in :func:`analysis.group_colours`.
    title : str, optional
        By default a title saying what is drawn.
    seed : int, default 0
        Seed of the jitter, as in :func:`analysis.plots.term_frequency_data`, and of the sample
        of documents past ``max_documents``.

    Returns
    -------
    Explorer
        Displayed in JupyterLab, the interactive view; :meth:`Explorer.save_html` writes it as
        a standalone page. Its tables (``terms``, ``sentences``, ``documents``) hold every
        number the view shows.

    Raises
    ------
    ValueError
        A bad argument (the message names it), or no term to compare.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "side": ["x", "y"],
    ...                      "text": ["War, war. Peace.", "Peace talks."]})
    >>> view = explore(docs, group="side", target="x", reference="y")
    >>> view.terms.set_index("term").loc["war", ["count_target", "sentences"]].tolist()
    [2, 1]
    """
    from analysis.figures import group_colours
    from analysis.keyness import METHODS, keyness
    from analysis.plots.vocabulary import term_frequency_data
    from analysis.sentiment import ENGINES

    caller = "explore"
    check_documents(docs, (text, doc_id, group), caller)
    check_choice(method, METHODS, "method", caller)
    check_choice(engine, ENGINES, "engine", caller)
    max_terms = check_positive_int(max_terms, "max_terms", caller)
    if max_documents is not None:
        max_documents = check_positive_int(max_documents, "max_documents", caller)
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"{caller}: seed must be an integer >= 0, got {seed!r}")
    if explain is not None and not callable(explain):
        raise TypeError(f"{caller}: explain must be a function of a sentence, got {explain!r}")
    if title is not None and not isinstance(title, str):
        raise TypeError(f"{caller}: title must be a str, got {type(title).__name__}")
    if docs[doc_id].duplicated().any():
        repeated = docs.loc[docs[doc_id].duplicated(), doc_id].iloc[0]
        raise ValueError(f"{caller}: doc_id {repeated!r} names more than one document")
    check_texts(docs, text, caller, doc_id=doc_id)
    check_group(docs, group, (target, reference), caller)
    metadata = _metadata_columns(
        docs, metadata, text=text, doc_id=doc_id, group=group, caller=caller
    )

    key = keyness(
        docs,
        group=group,
        target=target,
        reference=reference,
        text=text,
        method=method,
        include_variants=include_variants,
        ngram_range=ngram_range,
        stop_words=stop_words,
        min_count=min_count,
        prior_scale=prior_scale,
    )
    if key.empty:
        raise ValueError(
            f"{caller}: no term to compare between {target!r} and {reference!r} "
            f"(min_count={min_count})"
        )
    placed = term_frequency_data(key, label=_LABELLED, seed=seed)
    shown = _cap_terms(placed, max_terms)

    reference_label = reference if reference is not None else f"not {target}"
    palette = group_colours([target, reference_label], colours=colours)
    shown["colour"] = _term_colours(
        shown["score"].to_numpy(), palette[target], palette[reference_label]
    )

    # The documents shown: the two groups', canonical unless asked otherwise, in corpus order.
    pool = canonical(docs, include_variants=include_variants)
    in_target = (pool[group] == target).to_numpy()
    in_reference = (pool[group] == reference).to_numpy() if reference is not None else ~in_target
    pool = pool[in_target | in_reference].reset_index(drop=True)
    every_side = np.where((pool[group] == target).to_numpy(), 0, 1)
    pool = pool.iloc[_sample_documents(every_side, max_documents, seed=seed)]
    pool = pool.reset_index(drop=True)
    side = np.where((pool[group] == target).to_numpy(), 0, 1)

    units = _scored_sentences(pool, text=text, doc_id=doc_id, group=group, engine=engine)
    explain = _default_explainer() if explain is None else explain
    units["drivers"] = _drivers(units, explain)
    units["colour"] = _sentence_colours(units["compound"].to_numpy())

    vocabulary = shown["term"].tolist()
    analyzer = TermAnalyzer(ngram_range, frozenset(stop_words))
    sentence_postings = _postings(units["text"], vocabulary, analyzer)
    document_postings = _postings(pool[text], vocabulary, analyzer)
    shown["sentences"] = [len(found) for found in sentence_postings]

    position = {identifier: i for i, identifier in enumerate(pool[doc_id])}
    units["_doc"] = units["doc_id"].map(position).astype(np.int64)
    body = units[~units["is_heading"]]
    means = body.groupby("_doc")["compound"].mean().reindex(range(len(pool)))
    documents = pd.DataFrame(
        {
            "doc_id": pool[doc_id].to_numpy(),
            group: pool[group].to_numpy(),
            "sentences": units.groupby("_doc")
            .size()
            .reindex(range(len(pool)), fill_value=0)
            .to_numpy(),
            "mean": means.to_numpy(),
        }
    )
    for column in metadata:
        if column == group:
            continue
        # A metadata column named like one of the table's own ("sentences", "mean") is kept,
        # renamed, rather than lost.
        name = column if column not in documents.columns else f"{column}_metadata"
        documents[name] = pool[column].to_numpy()

    if title is None:
        title = (
            f"Terms of {target} against {reference_label}: each term's rate of use in each "
            "group, coloured by keyness; click a term for its sentences"
        )
    data = _payload(
        shown=shown,
        placed=placed,
        units=units,
        pool=pool,
        side=side,
        every_side=every_side,
        documents=documents,
        metadata=metadata,
        sentence_postings=sentence_postings,
        document_postings=document_postings,
        doc_id=doc_id,
        group=group,
        target=target,
        reference=reference_label,
        palette=palette,
        method=method,
        title=title,
        explained=explain is not None,
        seed=seed,
    )
    columns = [
        "term",
        "x",
        "y",
        "score",
        "p",
        "log_ratio",
        "count_target",
        "count_reference",
        "docs_target",
        "docs_reference",
        "per_1000_target",
        "per_1000_reference",
        "labelled",
        "colour",
        "sentences",
    ]
    # keyness's own further columns, when it reports them, after p.
    columns[5:5] = [column for column in ("p_adjusted", "loo_score") if column in shown.columns]
    sentence_columns = ["doc_id", "sent_id", "text", "is_heading", group]
    sentence_columns += ["neg", "neu", "pos", "compound", "colour", "drivers"]
    explorer = Explorer(
        terms=shown[columns].reset_index(drop=True),
        sentences=units[list(dict.fromkeys(sentence_columns))].reset_index(drop=True),
        documents=documents,
        data=data,
    )
    size = len(explorer.to_html().encode("utf-8"))
    if size > WARN_BYTES:
        warnings.warn(
            f"{caller}: the view holds {size / 1e6:.0f} MB of HTML ({len(units):,} sentences); "
            "browsers open it slowly. Lower max_documents (or max_terms), or pass fewer "
            "documents.",
            stacklevel=2,
        )
    return explorer


# --- Steps ---------------------------------------------------------------------------------


def _asset(name: str) -> str:
    return resources.files("analysis").joinpath(_ASSETS, name).read_text(encoding="utf-8")


def _metadata_columns(
    docs: pd.DataFrame,
    metadata: list[str] | None,
    *,
    text: str,
    doc_id: str,
    group: str,
    caller: str,
) -> list[str]:
    if metadata is None:
        # The group is shown beside every document already.
        skip = {text, doc_id, group, *_NOT_METADATA}
        return [column for column in docs.columns if column not in skip]
    if isinstance(metadata, str):
        raise TypeError(
            f"{caller}: metadata must be a list of columns, got the string {metadata!r}"
        )
    metadata = list(metadata)
    missing = [column for column in metadata if column not in docs.columns]
    if missing:
        raise KeyError(
            f"{caller}: metadata names column(s) {missing} that the documents do not have "
            f"(they have {', '.join(map(repr, docs.columns))})"
        )
    return [column for column in metadata if column != doc_id]


def _sample_documents(side: np.ndarray, limit: int | None, *, seed: int) -> np.ndarray:
    """Positions of the documents shown: all, or ``limit`` of them drawn half from each side.

    A side with fewer than its half gives all its documents and the other side the rest. Each
    side's documents are drawn without replacement by a generator seeded with ``seed``; the
    positions are returned sorted, so that the documents keep the corpus order.
    """
    if limit is None or len(side) <= limit:
        return np.arange(len(side))
    positions = [np.flatnonzero(side == 0), np.flatnonzero(side == 1)]
    first = min(len(positions[0]), max(limit - limit // 2, limit - len(positions[1])))
    sizes = (first, min(len(positions[1]), limit - first))
    rng = np.random.default_rng(seed)
    drawn = [
        rng.choice(found, size=size, replace=False)
        for found, size in zip(positions, sizes, strict=True)
    ]
    return np.sort(np.concatenate(drawn))


def _cap_terms(placed: pd.DataFrame, max_terms: int) -> pd.DataFrame:
    """The terms drawn: the most used, plus the labelled (most distinctive) ones."""
    total = placed["count_target"] + placed["count_reference"]
    order = np.lexsort((placed["term"].to_numpy(), -placed["score"].abs(), -total))
    keep = np.zeros(len(placed), dtype=bool)
    keep[order[:max_terms]] = True
    keep |= placed["labelled"].to_numpy()
    # In the keyness order (score, descending): the order of the search results and of drawing.
    return placed[keep].reset_index(drop=True)


def _mix(colour: str, weight: np.ndarray, base: str = "#ffffff") -> list[str]:
    """``colour`` mixed with ``base``: weight 1 gives the colour, 0 the base."""
    from matplotlib.colors import to_rgb

    weight = np.clip(np.asarray(weight, dtype=float), 0, 1)[:, np.newaxis]
    rgb = weight * np.array(to_rgb(colour)) + (1 - weight) * np.array(to_rgb(base))
    return ["#{:02x}{:02x}{:02x}".format(*row) for row in np.rint(rgb * 255).astype(int)]


def _term_colours(score: np.ndarray, target: str, reference: str) -> list[str]:
    """Each term's colour: its side's, from pale grey at 0 to full at the 95th |score|."""
    strength = np.abs(score)
    scale = float(np.quantile(strength, 0.95)) if len(strength) else 1.0
    weight = 0.25 + 0.75 * np.clip(strength / (scale or 1.0), 0, 1)
    toward_target = _mix(target, weight, base="#bbbbbb")
    toward_reference = _mix(reference, weight, base="#bbbbbb")
    return [
        t if s > 0 else r for s, t, r in zip(score, toward_target, toward_reference, strict=True)
    ]


def _sentence_colours(compound: np.ndarray) -> list[str]:
    negative, neutral, positive = SENTENCE_COLOURS
    weight = 0.65 * np.abs(compound)
    toward_positive = _mix(positive, weight, base=neutral)
    toward_negative = _mix(negative, weight, base=neutral)
    return [
        p if c > 0 else n
        for c, p, n in zip(compound, toward_positive, toward_negative, strict=True)
    ]


def _scored_sentences(
    pool: pd.DataFrame, *, text: str, doc_id: str, group: str, engine: str
) -> pd.DataFrame:
    """Every sentence and heading of the documents, with its VADER scores."""
    from analysis.sentiment import score_sentiment
    from analysis.text import sentences

    # Only the columns the sentences need: a user's column named like a score ("compound")
    # or like a column of sentences() ("position") must not clash with them.
    needed = [doc_id, text, group] + (["cleaning"] if "cleaning" in pool.columns else [])
    needed = list(dict.fromkeys(needed))
    units = sentences(pool[needed], text=text, doc_id=doc_id).reset_index(drop=True)
    scores = score_sentiment(units["text"], engine=engine)
    return pd.concat([units, scores], axis=1)


def _default_explainer() -> Callable[[str], object] | None:
    import analysis

    return getattr(analysis, "explain_sentiment", None)


def _drivers(units: pd.DataFrame, explain: Callable[[str], object] | None) -> list[list]:
    """The tokens that drive each sentence's score, largest first; empty without ``explain``."""
    if explain is None:
        return [[] for _ in range(len(units))]
    found = []
    for sentence, heading in zip(units["text"], units["is_heading"], strict=True):
        found.append([] if heading else _top_drivers(explain(sentence)))
    return found


def _top_drivers(table: object) -> list[list]:
    if not isinstance(table, pd.DataFrame) or table.empty:
        return []
    token = next((c for c in ("token", "term", "word") if c in table.columns), table.columns[0])
    numeric = [c for c in table.columns if pd.api.types.is_numeric_dtype(table[c])]
    value = next(
        (c for c in ("contribution", "share", "valence_rules", "valence") if c in table.columns),
        numeric[-1] if numeric else None,
    )
    if value is None:
        return []
    values = pd.to_numeric(table[value], errors="coerce").fillna(0.0).to_numpy(dtype=float)
    order = [i for i in np.argsort(-np.abs(values), kind="stable") if values[i] != 0]
    return [[str(table[token].iloc[i]), round(float(values[i]), 3)] for i in order[:_MAX_DRIVERS]]


def _postings(texts: pd.Series, vocabulary: list[str], analyzer: TermAnalyzer) -> list[np.ndarray]:
    """For each term of ``vocabulary``, the positions of the texts that use it."""
    from sklearn.feature_extraction.text import CountVectorizer

    if not vocabulary:
        return []
    counter = CountVectorizer(analyzer=analyzer, vocabulary=vocabulary, dtype=np.int64)
    matrix = counter.transform(list(texts)).tocsc()
    matrix.sort_indices()
    return [matrix.indices[matrix.indptr[i] : matrix.indptr[i + 1]] for i in range(len(vocabulary))]


def _rounded(values, digits: int) -> list:
    return [None if not np.isfinite(v) else round(float(v), digits) for v in values]


def _significant(values, digits: int = 3) -> list:
    return [None if not np.isfinite(v) else float(f"{v:.{digits}g}") for v in values]


def _ticks(limit: float) -> list[list]:
    """Axis ticks: (position on the ln(1 + rate) scale, the rate it stands for)."""
    candidates = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
    return [[round(float(np.log1p(v)), 4), str(v)] for v in candidates if np.log1p(v) <= limit]


def _meta_value(value: object) -> str:
    if value is None or (
        not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)
    ):
        return ""
    value = str(value)
    return value if len(value) <= _MAX_META_CHARS else value[: _MAX_META_CHARS - 1] + "…"


def _payload(
    *,
    shown: pd.DataFrame,
    placed: pd.DataFrame,
    units: pd.DataFrame,
    pool: pd.DataFrame,
    side: np.ndarray,
    every_side: np.ndarray,
    documents: pd.DataFrame,
    metadata: list[str],
    sentence_postings: list[np.ndarray],
    document_postings: list[np.ndarray],
    doc_id: str,
    group: str,
    target: object,
    reference: object,
    palette: dict,
    method: str,
    title: str,
    explained: bool,
    seed: int,
) -> dict:
    """The JSON the script reads: columns of terms, documents and sentences, compacted."""
    limit = float(max(placed["x"].max(), placed["y"].max(), 0.1)) * 1.05
    score_label = (
        "log-odds z-score (Monroe et al. 2008)" if method == "log_odds" else "signed chi-square"
    )
    sentence_side = side[units["_doc"].to_numpy()]
    return {
        "version": 1,
        "title": title,
        "group": str(group),
        "target": str(target),
        "reference": str(reference),
        "colours": {"target": palette[target], "reference": palette[reference]},
        "sentenceColours": list(SENTENCE_COLOURS),
        "scoreLabel": score_label,
        "axis": {
            "x": f"{reference}: uses per 1,000 terms (log scale, ln(1 + rate))",
            "y": f"{target}: uses per 1,000 terms (log scale, ln(1 + rate))",
            "low": -0.1,
            "high": round(limit, 4),
            "ticks": _ticks(limit),
        },
        "totals": {
            "terms": len(placed),
            "shown": len(shown),
            "tokensTarget": int(placed["count_target"].sum()),
            "tokensReference": int(placed["count_reference"].sum()),
            "documentsTarget": int((every_side == 0).sum()),
            "documentsReference": int((every_side == 1).sum()),
            # The documents whose sentences the page carries: all, or a sample.
            "shownTarget": int((side == 0).sum()),
            "shownReference": int((side == 1).sum()),
            "sampleSeed": int(seed),
        },
        "explained": explained,
        "terms": {
            "term": shown["term"].astype(str).tolist(),
            "x": _rounded(shown["x"], 4),
            "y": _rounded(shown["y"], 4),
            "score": _significant(shown["score"], 4),
            "p": _significant(shown["p"], 3),
            "logRatio": _rounded(shown["log_ratio"], 3),
            # Reported by keyness when it computes them: shown on hover when present.
            "pAdjusted": _significant(shown["p_adjusted"], 3)
            if "p_adjusted" in shown.columns
            else None,
            "looScore": _significant(shown["loo_score"], 3)
            if "loo_score" in shown.columns
            else None,
            "countTarget": shown["count_target"].astype(int).tolist(),
            "countReference": shown["count_reference"].astype(int).tolist(),
            "docsTarget": shown["docs_target"].astype(int).tolist(),
            "docsReference": shown["docs_reference"].astype(int).tolist(),
            "per1000Target": _rounded(shown["per_1000_target"], 3),
            "per1000Reference": _rounded(shown["per_1000_reference"], 3),
            "labelled": shown["labelled"].astype(bool).tolist(),
            "colour": shown["colour"].tolist(),
            "documents": [found.tolist() for found in document_postings],
            "sentences": [found.tolist() for found in sentence_postings],
        },
        "documents": {
            "id": pool[doc_id].astype(str).tolist(),
            "side": side.astype(int).tolist(),
            "label": pool[group].astype(str).tolist(),
            "mean": _rounded(documents["mean"], 3),
            "metaColumns": [str(column) for column in metadata],
            "meta": [
                [_meta_value(v) for v in row] for row in pool[metadata].itertuples(index=False)
            ]
            if metadata
            else [[] for _ in range(len(pool))],
        },
        "sentences": {
            "doc": units["_doc"].astype(int).tolist(),
            "side": sentence_side.astype(int).tolist(),
            "heading": units["is_heading"].astype(bool).tolist(),
            "text": units["text"].astype(str).tolist(),
            "compound": _rounded(units["compound"], 3),
            "neg": _rounded(units["neg"], 3),
            "neu": _rounded(units["neu"], 3),
            "pos": _rounded(units["pos"], 3),
            "colour": units["colour"].tolist(),
            "drivers": units["drivers"].tolist(),
        },
    }
