"""Benchmark: the same work in a plain process and in a Dask worker, under two malloc settings.

Two measures on synthetic articles (those of ``bench_dask.py``):

- ``analysis.vocabulary.count_terms`` in partitions of 250, best of 3, timed where it runs,
  with the minor page faults of the thread that ran it (``getrusage``, per thread on Linux; of
  the whole process elsewhere): how often freshly mapped memory was touched;
- the counting stage of ``bench_dask.py`` (term counts, keyness between the outlets, the top
  terms per outlet), timed from this side, once: pandas in this process, or
  ``analysis.dask`` on a one-worker cluster.

Each runs in this process, then in the one worker of a local cluster started with Dask's own
malloc setting (``MALLOC_TRIM_THRESHOLD_=65536``, which also fixes the mmap threshold at
glibc's 128 KiB), then in one started as ``analysis.dask.cluster`` starts it
(``analysis.dask._engine.WORKER_MALLOC``: mmap threshold 32 MiB, trim threshold 256 MiB). Each
cluster runs in a fresh process of its own, because Dask's nanny copies these variables into
the environment of the process that starts it, where they take precedence over the next
cluster's; Dask's setting is given that way, in the environment (a ``MALLOC_*`` variable
already set in the caller's environment voids the comparison).

Usage: ``python benchmarks/bench_worker_memory.py [N]`` (default 10000 articles).
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time

ARTICLES = 10_000
PARTITION_SIZE = 250
# Page faults of the calling thread where the system counts them per thread (Linux).
USAGE = getattr(resource, "RUSAGE_THREAD", resource.RUSAGE_SELF)
# Dask's default pre-spawn setting, and the mmap threshold it leaves fixed at glibc's default.
DASK_MALLOC = {"MALLOC_TRIM_THRESHOLD_": 65536, "MALLOC_MMAP_THRESHOLD_": 128 * 1024}


def timed(docs, size: int = PARTITION_SIZE, rounds: int = 3) -> tuple[float, int]:
    """Seconds (best of ``rounds``) and page faults of that round, in the calling thread."""
    from analysis.vocabulary import count_terms

    best = (float("inf"), 0)
    for _ in range(rounds):
        faults = resource.getrusage(USAGE).ru_minflt
        start = time.perf_counter()
        for first in range(0, len(docs), size):
            count_terms(docs["text"].iloc[first : first + size])
        seconds = time.perf_counter() - start
        best = min(best, (seconds, resource.getrusage(USAGE).ru_minflt - faults))
    return best


def counting_stage(docs, *, dask: bool) -> float:
    """Seconds of bench_dask's counting stage on ``docs``, in pandas or on the cluster."""
    import analysis
    from analysis import dask as ad

    options = {"group": "outlet", "target": "outlet_a", "reference": "outlet_b"}
    if not dask:
        start = time.perf_counter()
        counts = analysis.term_counts(docs)
        analysis.keyness(docs, **options, counts=counts)
        analysis.top_terms(docs, n=10, group="outlet", counts=counts)
        return time.perf_counter() - start
    import distributed

    parts = ad.from_pandas(docs, npartitions=max(1, len(docs) // PARTITION_SIZE)).persist()
    distributed.wait(parts)
    start = time.perf_counter()
    counts = ad.term_counts(parts, progress=False)
    ad.keyness(**options, counts=counts, progress=False)
    ad.top_terms(n=10, group="outlet", counts=counts, progress=False)
    return time.perf_counter() - start


def warm(docs, *, dask: bool) -> None:
    """Every module the stage uses imported, in this process and on the workers."""
    counting_stage(docs.head(2 * PARTITION_SIZE), dask=dask)


def in_worker(n: int, setting: str) -> tuple[float, int, float]:
    """``timed`` in the one worker of a local cluster, then the counting stage on it (run in a
    process of its own)."""
    import os

    from bench_dask import articles

    from analysis import dask as ad
    from analysis.dask import _engine

    if setting == "dask":  # in the environment, which wins over analysis.dask.cluster's own
        os.environ.update({k: str(v) for k, v in DASK_MALLOC.items()})
    docs = articles(n)
    expected = DASK_MALLOC if setting == "dask" else _engine.WORKER_MALLOC
    with ad.cluster(workers=1) as client:
        (found,) = client.run(lambda: {k: os.environ.get(k) for k in expected}).values()
        if found != {k: str(v) for k, v in expected.items()}:
            raise RuntimeError(f"the worker's malloc setting is {found}, not {expected}")
        shipped = client.scatter(docs)
        seconds, faults = client.submit(timed, shipped, pure=False).result()
        warm(docs, dask=True)
        return seconds, faults, counting_stage(docs, dask=True)


def main(n: int) -> None:
    from bench_dask import articles

    print(
        f"{n:,} articles: count_terms in partitions of {PARTITION_SIZE}, best of 3; the "
        "counting stage of bench_dask.py, once"
    )
    print("| where | count_terms s | page faults | counting stage s |")
    print("|---|---:|---:|---:|")
    docs = articles(n)
    seconds, faults = timed(docs)
    warm(docs, dask=False)
    stage = counting_stage(docs, dask=False)
    print(f"| this process (pandas) | {seconds:.2f} | {faults:,} | {stage:.2f} |", flush=True)
    for setting, name in (
        ("dask", "one worker, Dask's malloc setting"),
        ("package", "one worker, analysis.dask.cluster's setting"),
    ):
        found = subprocess.run(
            [sys.executable, __file__, str(n), setting],
            stdout=subprocess.PIPE,  # the child's errors reach the terminal
            text=True,
            check=True,
        ).stdout.split()
        seconds, faults, stage = float(found[-3]), int(found[-2]), float(found[-1])
        print(f"| {name} | {seconds:.2f} | {faults:,} | {stage:.2f} |", flush=True)


if __name__ == "__main__":
    arguments = sys.argv[1:]
    size = int(arguments[0]) if arguments else ARTICLES
    if len(arguments) == 2:
        print(*in_worker(size, arguments[1]))
    else:
        main(size)
