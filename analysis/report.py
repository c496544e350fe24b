"""One report for a corpus: the whole contrast of two groups, as HTML, figures and tables.

:func:`build_report` runs the report notebook shipped with the package
(``analysis/templates/report.ipynb``) on a user's corpus with papermill, headless, in a kernel
of the running interpreter, and exports it to HTML with nbconvert, with no script or style
loaded from the network. The command line's ``analysis report`` calls it (:mod:`analysis.cli`).

The output folder holds:

- ``report.html``: the executed notebook, readable offline;
- ``report.ipynb``: the same notebook, to open in Jupyter and extend;
- ``figures/``: every figure as PNG and SVG with the CSV of what it draws
  (:func:`analysis.save_figure`);
- ``tables/``: every table the report shows, as CSV (:func:`save_table`).

Bad input (a missing path, a bad manifest, an unknown group column or label, an unreadable
actor list) is found before the notebook starts and raises one :class:`ReportError`, or the
:class:`analysis.CorpusError` / ``ValueError`` of the library, whose message says what is wrong.
Nothing partial is ever left: the report is built in a hidden folder beside the output folder
and renamed into place only when complete. The same corpus and seed give the same bytes in
``figures/`` and ``tables/``.

The other helpers are the steps the notebook calls that the rest of the library does not offer:
loading and checking the corpus for a contrast (:func:`report_corpus`), documents and words per
group (:func:`group_overview`), the documents behind each key term (:func:`key_documents`), the
contexts of several terms (:func:`kwic_lines`), writing a table (:func:`save_table`), and
sending the corpus once to a Dask cluster for the heavy steps (:func:`on_cluster`).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

# The library modules that load NLTK, SciPy or scikit-learn are imported where they are used,
# so that the command checks its input, and answers a mistake, in a second or two.
from analysis._environ import preserved_environment
from analysis.cleaning import word_count
from analysis.corpus import (
    MANIFEST_NAME,
    _is_table_of_texts,
    _parquet_files,
    canonical,
    canonical_mask,
    load_corpus,
    table_columns,
)
from analysis.validation import check_documents, check_positive_int

__all__ = [
    "HTML_TEMPLATE",
    "SCHEDULER_VARIABLE",
    "TEMPLATE",
    "ReportError",
    "build_report",
    "group_overview",
    "id_origin",
    "key_documents",
    "kwic_lines",
    "on_cluster",
    "report_corpus",
    "report_keyness",
    "report_sentence_sentiment",
    "report_top_terms",
    "run_scheduler",
    "save_table",
    "take_turns",
]

#: The report notebook: a parameterised notebook that papermill executes.
TEMPLATE = Path(__file__).resolve().parent / "templates" / "report.ipynb"

#: The nbconvert template of the HTML: JupyterLab's, without require.js, MathJax or mermaid
#: from a CDN.
HTML_TEMPLATE = Path(__file__).resolve().parent / "templates" / "html" / "report"

# The kernel's name inside a kernelspec folder made for one run, so that no kernel installed
# on the machine (a "python3" of another interpreter, say) can be picked by mistake.
_KERNEL_NAME = "analysis-report"

# Columns of a corpus that hold texts or the cleaning spec: not something to group by.
_NOT_GROUPS = ("raw_text", "text", "cleaning")


class ReportError(ValueError):
    """A report cannot be made from this input, or cannot be written where asked.

    The message says what is wrong, in one line, naming the argument, path or value.
    """


# --- Steps the notebook calls ----------------------------------------------------------------


def report_corpus(
    path: Path | str,
    *,
    group: str,
    target: str,
    reference: str,
    text: str = "text",
    doc_id: str = "doc_id",
    cleaning: str | None = None,
    scheduler: str | None = None,
) -> pd.DataFrame:
    """Load a corpus and check that it can be contrasted: ``target`` against ``reference``.

    Parameters
    ----------
    path : path-like
        As in :func:`analysis.load_corpus`: a folder with ``manifest.csv``, the manifest, or a
        CSV or Parquet table with a column of texts.
    group : str
        The column whose values are the groups.
    target, reference : str
        The two groups to compare, as written in ``group`` (compared as text: a Parquet column
        of years 2023, 2024 is matched by "2023", "2024").
    text, doc_id, cleaning
        As in :func:`analysis.load_corpus`.
    scheduler : str, optional
        A Dask scheduler's address: the texts are read and cleaned there, partition by
        partition (:func:`analysis.dask.read_corpus`); the corpus is the same.

    Returns
    -------
    DataFrame
        The corpus, with ``group`` as text (missing values as ""). Ready for every function of
        the library with ``group=group``.

    Raises
    ------
    CorpusError
        The corpus cannot be read (see :func:`analysis.load_corpus`).
    ReportError
        ``group`` is not a column of the corpus; ``target`` or ``reference`` is not one of its
        values, or only in documents that render another (``duplicate_of``); they are equal.
    """
    if path is None or str(path) == "":
        raise ReportError(
            "no corpus given: name a folder with manifest.csv, or a CSV or Parquet file"
        )
    if scheduler is None:
        corpus = load_corpus(path, text=text, doc_id=doc_id, cleaning=cleaning)
    else:
        from analysis import dask as distributed

        with distributed.cluster(scheduler=scheduler):
            lazy = distributed.read_corpus(path, text=text, doc_id=doc_id, cleaning=cleaning)
            corpus = lazy.compute().reset_index(drop=True)
    columns = [c for c in corpus.columns if c not in _NOT_GROUPS]
    if group not in columns:
        # The columns as the user's file names them: its id column became "doc_id".
        shown = ", ".join(repr(doc_id if c == "doc_id" else c) for c in columns)
        what = (
            f"{group!r} holds the document ids, not groups"
            if group == doc_id != "doc_id"
            else f"no column {group!r} to group by"
        )
        raise ReportError(f"{path}: {what} (its columns are {shown}); choose one with --group")
    labels = corpus[group].map(lambda value: "" if _is_missing(value) else str(value))
    corpus = corpus.assign(**{group: labels})
    if str(target) == str(reference):
        raise ReportError(f"target and reference are both {target!r}; compare two groups")
    # Keyness, word shift and the group summaries pool canonical documents only: a group whose
    # every document renders another has nothing to pool.
    pooled = canonical(corpus)
    for name, label in (("target", target), ("reference", reference)):
        if str(label) not in set(labels):
            present = sorted(set(labels))
            shown = ", ".join(map(repr, present[:20])) + (" ..." if len(present) > 20 else "")
            raise ReportError(
                f"{name}={label!r} is not a value of column {group!r} (it has {shown})"
            )
        if not (pooled[group] == str(label)).any():
            raise ReportError(
                f"{name}={label!r}: every document of this group renders another "
                "(duplicate_of is set), so the group has no document of its own to compare"
            )
    return corpus


def id_origin(path: Path | str, *, text: str = "text", doc_id: str = "doc_id") -> str:
    """Where the documents' ids of :func:`report_corpus` come from, as a sentence to print.

    A table without the column of ids has its documents numbered in order
    (:func:`analysis.load_corpus`); the report's tables then name documents by those numbers,
    and the report says so.

    Parameters
    ----------
    path, text, doc_id
        As given to :func:`report_corpus`, which has read the corpus.

    Returns
    -------
    str
        One sentence, e.g. "Document ids: the table's column 'letter'."
    """
    source = Path(path)
    if source.is_dir():
        parquet = _parquet_files(source)
        if (source / MANIFEST_NAME).is_file() or not parquet:
            return f"Document ids: the manifest's column {doc_id!r}."
        source = parquet[0]  # a folder of Parquet files, read by analysis.dask.read_corpus
    columns = table_columns(source)
    if not _is_table_of_texts(source, columns, text):
        return f"Document ids: the manifest's column {doc_id!r}."
    if doc_id in columns:
        return f"Document ids: the table's column {doc_id!r}."
    return (
        f"Document ids: the table has no column {doc_id!r}, so its documents are numbered in "
        "the table's order, from 0 for its first row; name a column of ids with --doc-id."
    )


def group_overview(docs: pd.DataFrame, *, group: str, doc_id: str = "doc_id") -> pd.DataFrame:
    """Documents and words per group, before and after cleaning.

    Parameters
    ----------
    docs : DataFrame
        A corpus (:func:`analysis.load_corpus`): ``raw_text`` and ``text`` per document.
    group : str
        The grouping column.

    Returns
    -------
    DataFrame
        One row per group, sorted by label: ``group``, ``documents``, ``variants`` (documents
        whose ``duplicate_of`` is set: counted here, left out where documents are pooled),
        ``words_raw``, ``words_clean`` and ``words_per_document`` (mean, cleaned, canonical
        documents). Words are counted by :func:`analysis.word_count`.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "side": ["x", "x", "y"],
    ...                      "raw_text": ["One two.", "Three.", "Four five six."],
    ...                      "text": ["One two.", "Three.", "Four five six."]})
    >>> group_overview(docs, group="side").iloc[0].to_dict()  # doctest: +NORMALIZE_WHITESPACE
    {'side': 'x', 'documents': 2, 'variants': 0, 'words_raw': 3, 'words_clean': 3,
     'words_per_document': 1.5}
    """
    check_documents(docs, (group, doc_id, "raw_text", "text"), "group_overview")
    keep = canonical_mask(docs)
    table = pd.DataFrame(
        {
            group: docs[group].to_numpy(),
            "variant": ~keep,
            "words_raw": [word_count(raw) for raw in docs["raw_text"]],
            "words_clean": [word_count(clean) for clean in docs["text"]],
        }
    )
    table["words_canonical"] = table["words_clean"].where(~table["variant"], 0)
    summary = table.groupby(group, sort=True).agg(
        documents=("variant", "size"),
        variants=("variant", "sum"),
        words_raw=("words_raw", "sum"),
        words_clean=("words_clean", "sum"),
        words_canonical=("words_canonical", "sum"),
    )
    own = (summary["documents"] - summary["variants"]).replace(0, np.nan)
    summary["words_per_document"] = summary.pop("words_canonical") / own
    counts = ("documents", "variants", "words_raw", "words_clean")
    return summary.reset_index().astype(dict.fromkeys(counts, np.int64))


def key_documents(
    docs: pd.DataFrame,
    terms: Iterable[str],
    *,
    group: str,
    doc_id: str = "doc_id",
    text: str = "text",
) -> pd.DataFrame:
    """The documents that use each term, and how often: the evidence behind a keyness score.

    Parameters
    ----------
    docs : DataFrame
        One row per document.
    terms : list of str
        Terms as :func:`analysis.keyness` writes them (unigrams).
    group : str
        The grouping column, carried into the result.

    Returns
    -------
    DataFrame
        ``term``, ``doc_id``, ``group``, ``count``: one row per term and document that uses it
        (count > 0), terms in the order given, then by count (descending) and document.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "side": ["x", "y"],
    ...                      "text": ["War and war.", "Peace."]})
    >>> key_documents(docs, ["war", "peace"], group="side").to_numpy().tolist()
    [['war', 'a', 'x', 2], ['peace', 'b', 'y', 1]]
    """
    from analysis.keyness import document_counts

    check_documents(docs, (group, doc_id, text), "key_documents")
    terms = list(dict.fromkeys(terms))
    counts = document_counts(docs, terms, text=text, doc_id=doc_id)
    counts = counts[counts["count"] > 0]
    labels = dict(zip(docs[doc_id], docs[group], strict=True))
    counts.insert(2, group, counts["doc_id"].map(labels))
    order = {term: position for position, term in enumerate(terms)}
    counts = counts.assign(_order=counts["term"].map(order))
    return (
        counts.sort_values(["_order", "count", "doc_id"], ascending=[True, False, True])
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def kwic_lines(
    docs: pd.DataFrame,
    terms: Iterable[str],
    *,
    group: str,
    window: int = 8,
    per_term: int | None = None,
    doc_id: str = "doc_id",
    text: str = "text",
) -> pd.DataFrame:
    """Keyword in context for several terms at once, each line with its document's group.

    Parameters
    ----------
    docs : DataFrame
        One row per document.
    terms : list of str
        Words or phrases (see :func:`analysis.kwic`).
    group : str
        The grouping column, carried into the result.
    window : int, default 8
        Words of context on each side.
    per_term : int, optional
        Keep at most this many lines per term, taken in turn from each group (the first line
        of each group in document order, then the second, ...), so that a term one group uses
        often does not hide how the other uses it; all by default. The lines kept stay in
        document order.

    Returns
    -------
    DataFrame
        ``term``, ``doc_id``, ``group``, ``sent_id``, ``left``, ``match``, ``right``: terms in
        the order given, lines in document and sentence order.
    """
    from analysis.context import kwic
    from analysis.text import sentences

    check_documents(docs, (group, doc_id, text), "kwic_lines")
    if per_term is not None:
        per_term = check_positive_int(per_term, "per_term", "kwic_lines")
    labels = dict(zip(docs[doc_id], docs[group], strict=True))
    columns = ["term", "doc_id", group, "sent_id", "left", "match", "right"]
    frames = [pd.DataFrame({column: pd.Series(dtype=object) for column in columns})]
    terms = list(dict.fromkeys(terms))
    # The corpus is split into sentences once for all the terms.
    units = sentences(docs[[doc_id, text]], text=text, doc_id=doc_id) if terms else None
    for term in terms:
        lines = kwic(units, term, window=window)
        lines.insert(0, "term", term)
        lines.insert(2, group, lines["doc_id"].map(labels))
        if per_term is not None:
            lines = take_turns(lines, per_term, group=group)
        frames.append(lines)
    return pd.concat(frames, ignore_index=True)[columns].astype({"sent_id": np.int64})


def take_turns(
    lines: pd.DataFrame, n: int, *, group: str, within: str | None = None
) -> pd.DataFrame:
    """At most ``n`` rows (per value of ``within``), taken in turn from each group.

    Every group's first row (groups in order of first appearance), then every group's second,
    and so on; the rows kept stay in their order. So that the lines shown of a term one group
    uses often also show how the others use it.

    Examples
    --------
    >>> lines = pd.DataFrame({"side": ["a", "a", "a", "b"], "line": [1, 2, 3, 4]})
    >>> take_turns(lines, 2, group="side")["line"].tolist()
    [1, 4]
    """
    n = check_positive_int(n, "n", "take_turns", minimum=0)
    check_documents(lines, [c for c in (group, within) if c is not None], "take_turns")
    keys = [within, group] if within is not None else [group]
    block = pd.factorize(lines[within])[0] if within is not None else np.zeros(len(lines), int)
    turn = lines.groupby(keys, sort=False, dropna=False).cumcount().to_numpy()
    # Pairs are numbered in order of first appearance, so within a block too.
    first_seen = lines.groupby(keys, sort=False, dropna=False).ngroup().to_numpy()
    order = np.lexsort((np.arange(len(lines)), first_seen, turn, block))
    rank = pd.Series(block[order]).groupby(block[order]).cumcount().to_numpy()
    return lines.iloc[np.sort(order[rank < n])]


def on_cluster(docs: pd.DataFrame, *, scheduler: str | None = None):
    """The corpus where the report's heavy steps run, sent to the cluster once.

    Without ``scheduler``, ``docs`` itself. With one, the corpus in partitions on the workers of
    the Dask scheduler at that address (:func:`analysis.dask.from_pandas`), for every step that
    takes it (:func:`report_top_terms`, :func:`report_keyness`,
    :func:`report_sentence_sentiment`): at 100,000 articles the corpus is about a gigabyte, sent
    once rather than once per step. The partitions stay on the workers as long as the frame
    returned is referenced (``del`` it to free them); the connection, which becomes the default
    scheduler of this process's Dask work, stays open until the process ends (the report's
    kernel).

    Parameters
    ----------
    docs : DataFrame
        The corpus (:func:`report_corpus`).
    scheduler : str, optional
        A Dask scheduler's address.

    Returns
    -------
    DataFrame or dask.dataframe.DataFrame
    """
    if scheduler is None:
        return docs
    from analysis import dask as distributed

    client = _CLIENTS.get(scheduler)
    if client is None or client.status != "running":
        from distributed import Client

        client = _CLIENTS[scheduler] = Client(scheduler, set_as_default=True)
    return distributed.from_pandas(docs)


# Connections held open by on_cluster, one per scheduler address, for the life of the process:
# the frames it returns need their client to be computed.
_CLIENTS: dict[str, object] = {}


def _is_dask(docs: object) -> bool:
    return type(docs).__module__.startswith("dask.")


def report_top_terms(docs, *, n: int, group: str) -> pd.DataFrame:
    """:func:`analysis.top_terms` per group; of a corpus on a cluster (:func:`on_cluster`),
    :func:`analysis.dask.top_terms`, the same table."""
    if not _is_dask(docs):
        from analysis.vocabulary import top_terms as rank

        return rank(docs, n=n, group=group)
    from analysis import dask as distributed

    return distributed.top_terms(docs, n=n, group=group, progress=False)


def report_keyness(docs, *, group: str, target: str, reference: str) -> pd.DataFrame:
    """:func:`analysis.keyness`; of a corpus on a cluster (:func:`on_cluster`),
    :func:`analysis.dask.keyness`, the same table."""
    if not _is_dask(docs):
        from analysis.keyness import keyness as contrast

        return contrast(docs, group=group, target=target, reference=reference)
    from analysis import dask as distributed

    return distributed.keyness(
        docs, group=group, target=target, reference=reference, progress=False
    )


def report_sentence_sentiment(docs) -> pd.DataFrame:
    """:func:`analysis.sentence_sentiment`; of a corpus on a cluster (:func:`on_cluster`), split
    and scored partition by partition (:func:`analysis.dask.sentence_sentiment`) and brought
    back as one table, the same table."""
    if not _is_dask(docs):
        from analysis.sentiment import sentence_sentiment as score

        return score(docs, progress=False)  # no bar in the report's output
    from analysis import dask as distributed

    return distributed.sentence_sentiment(docs).compute().reset_index(drop=True)


def save_table(table: pd.DataFrame, name: str, *, directory: Path | str) -> Path:
    """Write a table as ``NAME.csv``, the same bytes for the same table on every run.

    Floats are written with 10 significant digits (as :func:`analysis.save_figure` writes a
    figure's data), lines end in ``\\n``, the index is left out, UTF-8 without a byte-order mark.

    Parameters
    ----------
    table : DataFrame
        The table.
    name : str
        File stem: lower-case letters, digits, ``-`` and ``_``.
    directory : path-like
        The folder to write into; created when missing.

    Returns
    -------
    Path
        The file written.
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"save_table: expects a DataFrame, got {type(table).__name__}")
    if (
        not isinstance(name, str)
        or not name
        or not all(ch.isascii() and (ch.islower() or ch.isdigit() or ch in "-_") for ch in name)
    ):
        raise ValueError(
            f"save_table: name={name!r}: use lower-case letters, digits, '-' and '_' (no path, "
            "no extension)"
        )
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.csv"
    content = table.to_csv(index=False, lineterminator="\n", float_format="%.10g")
    path.write_bytes(content.encode("utf-8"))
    return path


# --- Building the report ---------------------------------------------------------------------


def build_report(
    path: Path | str,
    *,
    group: str,
    target: str,
    reference: str,
    out: Path | str,
    text: str = "text",
    doc_id: str = "doc_id",
    actors: Path | str | None = None,
    cleaning: str | None = None,
    seed: int = 0,
    force: bool = False,
    progress: bool = True,
    timeout: int | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
) -> Path:
    """Run the whole contrast of ``target`` against ``reference`` and write it to ``out``.

    Parameters
    ----------
    path : path-like
        The corpus (see :func:`analysis.load_corpus`).
    group, target, reference : str
        The grouping column and the two groups compared (see :func:`report_corpus`).
    out : path-like
        The folder to write: ``report.html``, ``report.ipynb``, ``figures/``, ``tables/``. It
        must not exist, or be empty, unless ``force``.
    text, doc_id, cleaning
        As in :func:`analysis.load_corpus`.
    actors : path-like, optional
        An actor list (:func:`analysis.read_actors`: a CSV with ``actor`` and ``form``, or a
        corpus folder holding ``actors.csv``). Without it the report has no actor section.
    seed : int, default 0
        Seed of the bootstrap intervals and of the figures' jitter.
    force : bool, default False
        Replace ``out`` even when it holds files. It is replaced only once the new report is
        complete.
    progress : bool, default True
        Show papermill's progress bar (cells executed) on standard error.
    timeout : int, optional
        Seconds a single cell may run; unlimited by default.
    workers : int, optional
        Start a local Dask cluster of this many worker processes for the report, and stop it
        afterwards: reading and cleaning, top terms, keyness and sentence sentiment run on it
        (:mod:`analysis.dask`). The tables and figures are the same as without.
    scheduler : str, optional
        The address of a running Dask scheduler to run them on instead.

    Returns
    -------
    Path
        ``out``, now holding the report.

    Raises
    ------
    CorpusError, ReportError
        Bad input, found before anything is written; or the notebook failed (the message names
        the cell and the error).
    """
    out = Path(out)
    seed = check_positive_int(seed, "seed", "build_report", minimum=0)
    if workers is not None:
        workers = check_positive_int(workers, "workers", "build_report")
    if workers is not None and scheduler is not None:
        raise ReportError("give --workers (a local cluster) or --scheduler (a running one)")
    with contextlib.ExitStack() as stack:
        address = None
        if workers is not None or scheduler is not None:
            from analysis import dask as distributed

            client = stack.enter_context(distributed.cluster(workers=workers, scheduler=scheduler))
            address = client.scheduler.address
        return _build(
            path,
            group=group,
            target=target,
            reference=reference,
            out=out,
            text=text,
            doc_id=doc_id,
            actors=actors,
            cleaning=cleaning,
            seed=seed,
            force=force,
            progress=progress,
            timeout=timeout,
            scheduler=address,
        )


def _build(path, *, out, actors, seed, force, progress, timeout, scheduler, **corpus) -> Path:
    """:func:`build_report` with the cluster, if any, running at ``scheduler``."""
    group, target, reference = corpus["group"], corpus["target"], corpus["reference"]
    text, doc_id, cleaning = corpus["text"], corpus["doc_id"], corpus["cleaning"]
    source = Path(path).absolute()  # the kernel runs in another folder
    _check_out(out, force=force, keep=[source] + ([Path(actors)] if actors is not None else []))
    report_corpus(
        path,
        group=group,
        target=target,
        reference=reference,
        text=text,
        doc_id=doc_id,
        cleaning=cleaning,
        scheduler=scheduler,
    )
    actors_path = None
    if actors is not None:
        # Imported only here: the actors module loads NLTK, which the other checks do not need.
        from analysis.actors import read_actors

        actors_path = Path(actors).absolute()
        try:
            read_actors(actors)
        except (OSError, ValueError, KeyError) as error:
            message = _message(error)
            if str(actors) not in message:
                message = f"actor list {actors}: {message}"
            raise ReportError(message) from None
    parameters = {
        "corpus_path": str(source),
        "group": group,
        "target": str(target),
        "reference": str(reference),
        "text": text,
        "doc_id": doc_id,
        "actors": None if actors_path is None else str(actors_path),
        "cleaning": cleaning,
        "seed": seed,
    }
    parent = out.absolute().parent
    created = _make_parents(parent)
    building = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".partial", dir=parent))
    try:
        os.chmod(building, 0o755)  # mkdtemp makes it private; a report is for its readers
        # The kernel inherits this process's environment as it starts.
        with preserved_environment([SCHEDULER_VARIABLE]):
            os.environ.pop(SCHEDULER_VARIABLE, None)
            if scheduler is not None:
                os.environ[SCHEDULER_VARIABLE] = scheduler
            notebook = _execute(building, parameters, progress=progress, timeout=timeout)
        _write_html(notebook, building / "report.html", title=_title(group, target, reference))
        _replace(out, building)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        for folder in reversed(created):
            _rmdir_quietly(folder)
        raise
    return out


#: The kernel of a report finds the cluster its run started here, rather than in a parameter:
#: a local cluster's address changes from run to run and would be written into the report.
SCHEDULER_VARIABLE = "ANALYSIS_REPORT_SCHEDULER"


def run_scheduler(scheduler: str | None = None) -> str | None:
    """The Dask scheduler a report runs on: ``scheduler``, or the one its run started.

    ``analysis report --workers N`` (or ``--scheduler``) hands the cluster's address to the
    report's kernel in the environment variable :data:`SCHEDULER_VARIABLE`, so that the
    address, which changes from run to run, is written in neither report.ipynb nor
    report.html. Reopened in Jupyter, the notebook runs without a cluster, or on the one named
    in its ``scheduler`` parameter.
    """
    return scheduler or os.environ.get(SCHEDULER_VARIABLE) or None


def _title(group: str, target: str, reference: str) -> str:
    return f"Contrast report: {target} against {reference} ({group})"


def _check_out(out: Path, *, force: bool, keep: Iterable[Path]) -> None:
    """Refuse an output folder that is not a folder, holds files, or holds what is read."""
    if out.name in ("", ".", ".."):
        raise ReportError(f"output folder {out}: name a folder to create, e.g. report")
    if out.exists() or out.is_symlink():
        if not out.is_dir():
            raise ReportError(f"output folder {out}: exists and is not a folder")
        if any(out.iterdir()) and not force:
            raise ReportError(
                f"output folder {out} is not empty; choose a new one, or replace it with --force"
            )
        # Replacing the folder removes what it holds: never the corpus, the actor list or the
        # folder this process works in.
        resolved = out.resolve()
        for path in (*keep, Path.cwd()):
            if path.resolve().is_relative_to(resolved):
                raise ReportError(
                    f"output folder {out} holds {path}; it cannot be replaced by the report"
                )


def _make_parents(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; return those created, outermost first."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    missing.reverse()
    for each in missing:
        each.mkdir()
    return missing


def _rmdir_quietly(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not empty: someone else wrote there meanwhile
        folder.rmdir()


def _replace(out: Path, building: Path) -> None:
    """Rename the finished report into place; an old folder is removed only afterwards."""
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=building.parent))
        old.rmdir()
        out.rename(old)
    try:
        building.rename(out)
    except BaseException:
        if old is not None:
            old.rename(out)
        raise
    if old is not None:
        shutil.rmtree(old)


def _kernelspec(folder: Path) -> None:
    """A kernelspec for the running interpreter, headless (Agg), in ``folder``."""
    spec = folder / _KERNEL_NAME
    spec.mkdir()
    kernel = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python (analysis report)",
        "language": "python",
        # Agg: no window, and byte-identical figures; the kernel must not try a display.
        "env": {"MPLBACKEND": "Agg"},
        "metadata": {"debugger": False},
    }
    (spec / "kernel.json").write_text(json.dumps(kernel, indent=1), encoding="utf-8")


def _execute(
    building: Path, parameters: Mapping[str, object], *, progress: bool, timeout: int | None
):
    """Execute the template into ``building/report.ipynb``; return the executed notebook."""
    import papermill
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager
    from papermill.exceptions import PapermillExecutionError

    output = building / "report.ipynb"
    with tempfile.TemporaryDirectory(prefix="analysis-kernel-") as kernels:
        _kernelspec(Path(kernels))
        manager = KernelManager(
            kernel_name=_KERNEL_NAME,
            kernel_spec_manager=KernelSpecManager(kernel_dirs=[kernels]),
        )
        if os.name == "posix":
            # Local sockets in the temporary folder rather than TCP on localhost: no port that
            # another user of the machine could read, and no warning from the kernel about it.
            manager.transport = "ipc"
            manager.ip = str(Path(kernels) / "kernel")
        try:
            notebook = papermill.execute_notebook(
                str(TEMPLATE),
                str(output),
                parameters=dict(parameters),
                kernel_name=_KERNEL_NAME,
                language="python",
                progress_bar=progress,
                km=manager,
                # The kernel's working folder is the report's, without changing this process's.
                resources={"metadata": {"path": str(building)}},
                execution_timeout=timeout,
                # One output per stream and cell: how a print reaches the notebook (whole, or
                # cut where the kernel happened to flush) would otherwise change its bytes.
                coalesce_streams=True,
            )
        except PapermillExecutionError as error:
            raise ReportError(
                f"the report stopped at cell {error.exec_count}: {error.ename}: "
                f"{_first_line(error.evalue)}"
            ) from None
        finally:
            # nbclient stops only the kernels it started itself; this one is ours to stop.
            if manager.has_kernel:
                manager.shutdown_kernel(now=False)
            manager.cleanup_resources()
    # papermill records where it wrote; the folder is renamed, so keep only the file's name.
    notebook.metadata.get("papermill", {}).update(
        {"input_path": TEMPLATE.name, "output_path": output.name}
    )
    notebook.metadata["title"] = _title(
        str(parameters["group"]), str(parameters["target"]), str(parameters["reference"])
    )
    _drop_run_details(notebook)
    import nbformat

    nbformat.write(notebook, output)
    return notebook


def _drop_run_details(notebook) -> None:
    """Remove what differs from run to run, so the same corpus and seed give the same bytes.

    papermill stamps each cell and the notebook with start and end times and durations, and
    gives the cell of injected parameters a random id; the cell ids become their position.
    """
    for key in ("start_time", "end_time", "duration", "exception"):
        notebook.metadata.get("papermill", {}).pop(key, None)
    for position, cell in enumerate(notebook.cells):
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        cell["id"] = f"cell-{position}"


def _write_html(notebook, path: Path, *, title: str) -> None:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        extra_template_basedirs=[str(HTML_TEMPLATE.parent)],
        template_name=HTML_TEMPLATE.name,
        embed_images=True,
    )
    body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": title}})
    path.write_text(body, encoding="utf-8")


def _first_line(message: object) -> str:
    lines = [line for line in str(message).splitlines() if line.strip()]
    return lines[0] if lines else ""


def _message(error: BaseException) -> str:
    # KeyError quotes its message; the package's errors are meant to be read as written.
    if isinstance(error, KeyError) and error.args:
        return str(error.args[0])
    if isinstance(error, OSError) and error.strerror:
        return f"{error.strerror}"
    return str(error)


def _is_missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
