"""Benchmark: the same function in a plain process and in a Dask worker, with its page faults.

``analysis.vocabulary.count_terms`` runs over synthetic articles (those of ``bench_dask.py``)
in partitions of 250, best of 3, timed where it runs: in this process, then in the one worker
of a local cluster started with Dask's malloc setting (``MALLOC_TRIM_THRESHOLD_=65536``), then
in one whose workers raise malloc's thresholds (``MALLOC_MMAP_THRESHOLD_`` 32 MiB,
``MALLOC_TRIM_THRESHOLD_`` 256 MiB). Each cluster runs in a fresh process of its own, because
Dask's nanny copies these variables into the environment of the process that starts it, where
they would take precedence over the next cluster's (for the same reason, a ``MALLOC_*``
variable already set in the caller's environment voids the comparison). Minor page faults are
those of the thread that ran the function (``getrusage``, per thread on Linux; of the whole
process elsewhere): how often freshly mapped memory was touched.

Usage: ``python benchmarks/bench_worker_memory.py [N]`` (default 6000 articles).
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time

ARTICLES = 6000
PARTITION_SIZE = 250
# Page faults of the calling thread where the system counts them per thread (Linux).
USAGE = getattr(resource, "RUSAGE_THREAD", resource.RUSAGE_SELF)
RAISED = {"MALLOC_MMAP_THRESHOLD_": 32 * 2**20, "MALLOC_TRIM_THRESHOLD_": 256 * 2**20}


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


def in_worker(n: int, setting: str) -> tuple[float, int]:
    """``timed`` in the one worker of a local cluster (run in a process of its own)."""
    import dask
    from bench_dask import articles

    from analysis import dask as ad

    docs = articles(n)
    config = {}
    if setting == "raised":
        config = {f"distributed.nanny.pre-spawn-environ.{k}": v for k, v in RAISED.items()}
    with dask.config.set(config), ad.cluster(workers=1) as client:
        shipped = client.scatter(docs)
        return client.submit(timed, shipped, pure=False).result()


def main(n: int) -> None:
    from bench_dask import articles

    print(f"count_terms on {n:,} articles in partitions of {PARTITION_SIZE}, best of 3")
    print("| where | seconds | page faults |")
    print("|---|---:|---:|")
    seconds, faults = timed(articles(n))
    print(f"| this process | {seconds:.2f} | {faults:,} |", flush=True)
    for setting, name in (("dask", "worker, Dask's malloc setting"), ("raised", "worker, raised")):
        found = subprocess.run(
            [sys.executable, __file__, str(n), setting],
            stdout=subprocess.PIPE,  # the child's errors reach the terminal
            text=True,
            check=True,
        ).stdout.split()
        print(f"| {name} | {float(found[-2]):.2f} | {int(found[-1]):,} |", flush=True)


if __name__ == "__main__":
    arguments = sys.argv[1:]
    size = int(arguments[0]) if arguments else ARTICLES
    if len(arguments) == 2:
        print(*in_worker(size, arguments[1]))
    else:
        main(size)
