"""Where the work of :mod:`analysis.dask` runs: the cluster, computing with a progress bar,
and adding up partial results on the workers."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Iterable, Iterator

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd

from analysis._environ import preserved_environment
from analysis.validation import check_documents, check_positive_int

__all__ = [
    "COMBINE_WIDTH",
    "PROGRESS_PARTITIONS",
    "WORKER_MALLOC",
    "check_frame",
    "cluster",
    "compute",
    "current_client",
    "persist",
    "refuse_missing_labels",
    "run_everywhere",
    "scatter",
    "show_progress",
    "tree",
]

#: Computations over more partitions than this show a progress bar (unless progress=False).
PROGRESS_PARTITIONS = 8

#: Partial results (per-term arrays, group sums) added up in one task on the workers: sums over
#: partitions run as a tree of this fan-in, so no task holds more than this many at once.
COMBINE_WIDTH = 8

#: How the worker processes of a local cluster allocate memory: glibc's malloc settings, set in
#: each worker's environment before it starts. Dask sets ``MALLOC_TRIM_THRESHOLD_=65536`` so
#: that a worker hands freed memory back at once; a fixed trim threshold also fixes at 128 KiB
#: the size above which malloc maps fresh pages for an allocation, so each array or hash table
#: larger than that is mapped, faulted in page by page and unmapped again. Measured
#: (``benchmarks/bench_worker_memory.py``, ``perf``, ``strace``): under Dask's setting a worker
#: counted terms 1.5 times slower than this process, and took 1.5 times as long over the whole
#: counting stage as with these settings, where large allocations reuse the heap (up to 32 MiB
#: each) and up to 256 MiB of freed heap is kept for the next partition. A variable already set
#: in this process's environment takes precedence, as Dask's own rule is (a cluster started
#: without this function leaves Dask's ``MALLOC_TRIM_THRESHOLD_`` there, which then wins).
WORKER_MALLOC = {
    "MALLOC_MMAP_THRESHOLD_": 32 * 2**20,
    "MALLOC_TRIM_THRESHOLD_": 256 * 2**20,
}


@contextlib.contextmanager
def cluster(
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    processes: bool = True,
    memory_limit: str | float | None = "auto",
) -> Iterator:
    """Run the Dask work of the block on a local cluster, or on the cluster at ``scheduler``.

    Parameters
    ----------
    workers : int, optional
        Workers of the local cluster, one thread each; by default one per core.
    scheduler : str, optional
        The address of a running Dask scheduler (``tcp://host:8786``): the work goes there, and
        no local cluster is started.
    processes : bool, default True
        Local workers are processes, so that Python code runs on every core at once; False
        runs them as threads of this process (quick to start, for tests; one core for Python).
    memory_limit : str or float, optional
        Each local worker's memory limit (Dask's "auto" shares the machine's memory).
        Local worker processes start with :data:`WORKER_MALLOC` in their environment.

    Yields
    ------
    distributed.Client
        The client, the default scheduler of every computation inside the block. On leaving,
        the client is closed and a local cluster shut down, workers included.

    Examples
    --------
    ::

        with analysis.dask.cluster(workers=2):
            corpus = analysis.dask.read_corpus("news.parquet")
            scored = analysis.dask.sentence_sentiment(corpus)
            summary = analysis.dask.sentiment_summary(scored, group="outlet")
    """
    from distributed import Client, LocalCluster

    if scheduler is not None and workers is not None:
        raise ValueError(
            f"cluster: give workers={workers!r} (a local cluster) or scheduler={scheduler!r} "
            "(a running one), not both"
        )
    if scheduler is not None:
        if not isinstance(scheduler, str) or not scheduler.strip():
            raise ValueError(f"cluster: scheduler must be an address, got {scheduler!r}")
        client = Client(scheduler, set_as_default=True)
        try:
            yield client
        finally:
            client.close()
        return
    workers = check_positive_int(
        workers if workers is not None else os.cpu_count() or 1, "workers", "cluster"
    )
    environment = {f"distributed.nanny.pre-spawn-environ.{k}": v for k, v in WORKER_MALLOC.items()}
    # Each nanny writes these into this process's environment before it starts its worker,
    # where they would override the next cluster's settings: put back as they were once the
    # workers have started. (A nanny that restarts a worker writes them again, as it writes
    # Dask's own pre-spawn settings, such as OMP_NUM_THREADS=1, at every start.)
    with preserved_environment(WORKER_MALLOC), dask.config.set(environment):
        local = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=processes,
            memory_limit=memory_limit,
            # Workers in processes talk to the scheduler over TCP on this machine only; thread
            # workers, within this process.
            **({"host": "127.0.0.1"} if processes else {}),
            dashboard_address=":0",  # any free port, never a fixed one
            silence_logs=logging.ERROR,
        )
    try:
        client = Client(local, set_as_default=True)
        try:
            yield client
        finally:
            client.close()
    finally:
        local.close()


def current_client():
    """The distributed client in use, or None (Dask's local schedulers)."""
    try:
        from distributed import default_client
    except ImportError:  # pragma: no cover - distributed is installed with dask here
        return None
    try:
        client = default_client()
    except ValueError:
        return None
    return None if client.status in ("closing", "closed") else client


def show_progress(progress: bool | None, parts: int) -> bool:
    return parts > PROGRESS_PARTITIONS if progress is None else bool(progress)


def compute(*collections, progress: bool | None = None, parts: int = 0):
    """``dask.compute`` of the collections, with a progress bar on standard error."""
    client = current_client()
    show = show_progress(progress, parts)
    if client is not None:
        futures = client.compute(list(collections))
        if show:
            from distributed import progress as distributed_progress

            distributed_progress(futures, notebook=False)
            print(file=sys.stderr)
        return tuple(client.gather(futures))
    if show:
        from dask.diagnostics import ProgressBar

        with ProgressBar(out=sys.stderr):
            return dask.compute(*collections)
    return dask.compute(*collections)


def persist(collections: list, *, progress: bool | None = None) -> list:
    """Compute the collections where they are (workers' memory) and keep them there."""
    client = current_client()
    if client is not None:
        kept = client.persist(collections)
        if show_progress(progress, len(collections)):
            from distributed import progress as distributed_progress

            distributed_progress(kept, notebook=False)
            print(file=sys.stderr)
        return list(kept)
    if show_progress(progress, len(collections)):
        from dask.diagnostics import ProgressBar

        with ProgressBar(out=sys.stderr):
            return list(dask.persist(*collections))
    return list(dask.persist(*collections))


def run_everywhere(function, *args) -> None:
    """Call ``function(*args)`` in every worker of the cluster in use (in this process without
    one), where state that tasks keep between them lives. For tidying up: a worker that cannot
    be reached (restarting, closing) is passed over, not an error."""
    client = current_client()
    if client is not None:
        client.run(function, *args, on_error="ignore")
    else:
        function(*args)


def tree(items: list, combine):
    """Partial results combined on the workers, :data:`COMBINE_WIDTH` at a time, into one.

    ``combine`` takes a list of partial results (in partition order) and returns one of the
    same kind; it runs at least once. The combined result is lazy: nothing reaches this process
    until it is computed, and then only the one result, never a list of per-partition ones.
    """
    joining = dask.delayed(combine, pure=True)
    while True:
        items = [
            joining(items[start : start + COMBINE_WIDTH])
            for start in range(0, max(len(items), 1), COMBINE_WIDTH)
        ]
        if len(items) == 1:
            return items[0]


def check_frame(docs: object, columns: Iterable[str], caller: str) -> None:
    """Raise unless ``docs`` is a dask DataFrame with ``columns``, naming ``caller``."""
    if isinstance(docs, pd.DataFrame):
        raise TypeError(
            f"{caller} expects a dask DataFrame; for a pandas one use analysis.{caller} or "
            "analysis.dask.from_pandas(docs)"
        )
    if not isinstance(docs, dd.DataFrame):
        raise TypeError(f"{caller} expects a dask DataFrame, got {type(docs).__name__}")
    check_documents(docs._meta, columns, caller)


def scatter(value):
    """``value`` sent once to every worker of the cluster in use (as it is without one)."""
    client = current_client()
    return client.scatter(value, broadcast=True) if client is not None else value


def refuse_missing_labels(labels: np.ndarray, group: str, caller: str) -> None:
    """The error of :func:`analysis.validation.check_labels`, raised in a partition (where a
    row number would count from the partition's start, so none is given)."""
    labels = pd.Series(labels, dtype=object)
    missing = labels.isna() | (labels.astype(str).str.strip() == "")
    if missing.any():
        raise ValueError(
            f"{caller}: column {group!r} has empty or missing labels ({int(missing.sum())} in "
            f"one partition); give them a label, e.g. docs[{group!r}].fillna('unknown'), or "
            "leave those rows out"
        )
