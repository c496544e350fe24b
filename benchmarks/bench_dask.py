"""Benchmark: the corpus stages on Dask with 1 and 2 local workers, against pandas in one process.

Synthetic articles of about 800 words (seed sentences drawn with a fixed seed, in paragraphs of
four sentences, each article given one of two outlets) go through three stages:

- sentences: ``analysis.sentences`` / ``analysis.dask.sentences``;
- sentiment: VADER on those sentences (``sentence_sentiment`` of the sentence table, never split
  again), then the mean per outlet with its bootstrap interval (``sentiment_summary``);
- counting: the term counts once (``term_counts``), then keyness between the outlets and the
  top terms per outlet from them.

Each configuration runs in turn on the same articles: pandas (one process), then a local Dask
cluster of 1 and of 2 worker processes (``analysis.dask.cluster``; its start is timed apart,
and so is sending the articles to the workers, once, before the stages), in partitions of
the package's default size (:data:`analysis.dask.PARTITION_SIZE` articles). The workers, and
this process for pandas, import the library before anything is timed (counted in the
cluster's start).

What two cores can give at best is measured too, without Dask: two plain Python processes
(``multiprocessing``, spawned) each run a stage on half the articles at the same time, each
timing its own work once its half is in memory; the stage's time is the slower of the two
(:func:`run_halves`). For counting, each half is counted, scored and ranked on its own, with
nothing added up across the halves: a bound that the combined result should not beat.
The Dask results are checked against pandas (keyness and the summary to 1e-9). Peak memory is
the largest resident set sampled every 50 ms: of this process for pandas, of each worker (the
largest) and of this process for Dask.

A million articles is extrapolated from the two sizes measured with the same configuration:
``t(N) = t(a) + (N - a) * (t(b) - t(a)) / (b - a)``, per stage, the formula printed with its
numbers. Memory per worker does not grow with N (a worker holds a few partitions at a time,
plus the term counts it keeps), which the two sizes show.

Usage: ``python benchmarks/bench_dask.py [N ...]`` (default 10000 100000); with ``--streaming``,
the whole pipeline from Parquet files read lazily, nothing kept but the unigram counts: the
memory a worker needs whatever the corpus (:func:`streaming`). Run as a
script: the worker processes import it again, hence the ``__main__`` guard.
"""

from __future__ import annotations

import contextlib
import os
import platform
import sys
import threading
import time

import distributed
import numpy as np
import pandas as pd

import analysis
from analysis import dask as ad

SEED = 0
WORDS_PER_ARTICLE = 800
PARTITION_SIZE = ad.PARTITION_SIZE  # what a user gets: from_pandas's and read_corpus's default
CONFIGURATIONS = ("pandas", "dask, 1 worker", "dask, 2 workers")


def articles(n: int, seed: int = SEED) -> pd.DataFrame:
    """``n`` articles of about :data:`WORDS_PER_ARTICLE` words, two outlets at random."""
    corpus = analysis.canonical(analysis.load_corpus(analysis.paths.SEEDS_DIR))
    pool = analysis.sentences(corpus)
    pool = pool.loc[~pool["is_heading"], "text"].to_numpy()
    words = np.mean([len(sentence.split()) for sentence in pool])
    per_article = round(WORDS_PER_ARTICLE / words)
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(pool), size=(n, per_article))
    texts = [
        "\n".join(" ".join(pool[row[k : k + 4]]) for k in range(0, per_article, 4)) for row in picks
    ]
    outlets = np.where(rng.random(n) < 0.5, "outlet_a", "outlet_b")
    return pd.DataFrame(
        {"doc_id": [f"a{i:07d}" for i in range(n)], "outlet": outlets, "text": texts}
    )


class PeakRSS:
    """The largest resident set of some processes, sampled every 50 ms in a thread."""

    def __init__(self, pids):
        self.pids = list(pids)
        self.peak = dict.fromkeys(self.pids, 0)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def rss(pid: int) -> int:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        return 0

    def _run(self):
        while not self._stop.is_set():
            for pid in self.pids:
                with contextlib.suppress(OSError):  # a process that has just ended
                    self.peak[pid] = max(self.peak[pid], self.rss(pid))
            time.sleep(0.05)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def pandas_stages(docs, *, progress=None, ready=lambda: None):
    """The three stages in this process, in turn: yields each one's name, seconds and results.

    ``ready`` is called before each stage starts (:func:`run_halves` starts both processes'
    stages together); the time counts from after it.
    """
    ready()
    start = time.perf_counter()
    units = analysis.sentences(docs)
    yield "sentences", time.perf_counter() - start, {"sentences": len(units)}
    ready()
    start = time.perf_counter()
    scored = analysis.sentence_sentiment(units, progress=progress)
    summary = analysis.sentiment_summary(scored, group="outlet", n_boot=200)
    yield "sentiment", time.perf_counter() - start, {"summary": summary}
    del units, scored
    ready()
    start = time.perf_counter()
    counts = analysis.term_counts(docs)
    keyness = analysis.keyness(
        docs, group="outlet", target="outlet_a", reference="outlet_b", counts=counts
    )
    top = analysis.top_terms(docs, n=10, group="outlet", counts=counts)
    yield "counting", time.perf_counter() - start, {"keyness": keyness, "top": top}


def run_pandas(docs):
    times, memory, results = {}, {}, {}
    me = os.getpid()
    _warm()  # imported before anything is timed, as the workers are
    stages = pandas_stages(docs, progress=False)
    while True:
        with PeakRSS([me]) as peak:
            step = next(stages, None)
        if step is None:
            return times, memory, results
        stage, times[stage], found = step
        memory[stage] = peak.peak[me]
        results.update(found)


def _warm():
    from analysis import keyness, sentiment, text, vocabulary

    del keyness, text, vocabulary
    sentiment.score_sentiment(["Warm."])


def run_dask(docs, workers):
    times, memory, results = {}, {}, {}
    start = time.perf_counter()
    with ad.cluster(workers=workers) as client:
        client.run(_warm)  # each worker imports the library before anything is timed
        startup = time.perf_counter() - start
        pids = [os.getpid(), *client.run(os.getpid).values()]
        parts = ad.from_pandas(docs, npartitions=max(1, len(docs) // PARTITION_SIZE))
        # The articles are sent to the workers once, before the stages are timed (as they are
        # read there from Parquet, see --streaming): a stage's time is its own work.
        start = time.perf_counter()
        parts = parts.persist()
        distributed.wait(parts)
        shipping = time.perf_counter() - start
        with PeakRSS(pids) as peak:
            start = time.perf_counter()
            units = ad.sentences(parts).persist()
            results["sentences"] = int(units.map_partitions(len).sum().compute())
            times["sentences"] = time.perf_counter() - start
        memory["sentences"] = peak.peak
        with PeakRSS(pids) as peak:
            start = time.perf_counter()
            scored = ad.sentence_sentiment(units).persist()
            results["summary"] = ad.sentiment_summary(
                scored, group="outlet", n_boot=200, progress=False
            )
            times["sentiment"] = time.perf_counter() - start
        memory["sentiment"] = peak.peak
        del units, scored
        with PeakRSS(pids) as peak:
            start = time.perf_counter()
            counts = ad.term_counts(parts, progress=False)
            results["keyness"] = ad.keyness(
                group="outlet", target="outlet_a", reference="outlet_b", counts=counts,
                progress=False,
            )  # fmt: skip
            results["top"] = ad.top_terms(n=10, group="outlet", counts=counts, progress=False)
            times["counting"] = time.perf_counter() - start
        memory["counting"] = peak.peak
        del counts, parts
    return times, memory, results, startup, shipping


def _half_stages(docs: pd.DataFrame, barrier) -> dict:
    """The stages' seconds on ``docs`` in this process (for :func:`run_halves`); each stage
    starts when the other process is ready for it too."""
    _warm()
    return {
        stage: seconds
        for stage, seconds, _ in pandas_stages(docs, progress=False, ready=barrier.wait)
    }


def run_halves(docs: pd.DataFrame) -> dict:
    """Each stage on half the articles in each of two plain processes at once: the slower."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    half = len(docs) // 2
    halves = [docs.iloc[:half], docs.iloc[half:]]
    spawn = multiprocessing.get_context("spawn")
    with spawn.Manager() as manager, ProcessPoolExecutor(2, mp_context=spawn) as pool:
        # A child that fails breaks the barrier for the other, which then fails too.
        barrier = manager.Barrier(2, timeout=3600)
        found = list(pool.map(_half_stages, halves, [barrier] * 2))
    return {stage: max(times[stage] for times in found) for stage in found[0]}


def run_streaming(folder, workers):
    """From Parquet files read lazily: cleaning, sentences, sentiment and the summary per outlet
    in one graph, nothing kept; then unigram keyness, whose counts the workers keep."""
    with ad.cluster(workers=workers) as client:
        client.run(_warm)
        pids = list(client.run(os.getpid).values())
        with PeakRSS(pids) as peak:
            start = time.perf_counter()
            corpus = ad.read_corpus(folder)
            scored = ad.sentence_sentiment(ad.sentences(corpus))
            ad.sentiment_summary(scored, group="outlet", n_boot=200, progress=False)
            seconds = time.perf_counter() - start
        sentiment = (seconds, max(peak.peak.values()))
        with PeakRSS(pids) as peak:
            start = time.perf_counter()
            counts = ad.term_counts(corpus, ngram_range=(1, 1), progress=False)
            ad.keyness(group="outlet", target="outlet_a", counts=counts, progress=False)
            seconds = time.perf_counter() - start
        counting = (seconds, max(peak.peak.values()))
    return sentiment, counting


def streaming(sizes):
    """The memory a worker needs when the corpus is read lazily and nothing else is kept."""
    import tempfile

    print(
        "\nFrom Parquet, 2 workers: reading + cleaning + sentences + sentiment + summary in "
        "one graph (nothing kept); then unigram keyness"
    )
    print("| articles | seconds | peak MiB per worker | keyness s | peak MiB per worker |")
    print("|---:|---:|---:|---:|---:|")
    for n in sizes:
        with tempfile.TemporaryDirectory() as folder:
            docs = articles(n)
            for k, start in enumerate(range(0, n, PARTITION_SIZE)):
                part = docs.iloc[start : start + PARTITION_SIZE]
                part.to_parquet(f"{folder}/part-{k:05d}.parquet", index=False)
            del docs, part
            (ts, ms), (tc, mc) = run_streaming(folder, 2)
        print(f"| {n:,} | {ts:.1f} | {mib(ms)} | {tc:.1f} | {mib(mc)} |", flush=True)


def same(found, expected) -> bool:
    if found["sentences"] != expected["sentences"]:
        return False
    for name in ("summary", "keyness", "top"):
        try:
            pd.testing.assert_frame_equal(
                found[name], expected[name], check_exact=False, rtol=1e-9, atol=1e-12
            )
        except AssertionError:
            return False
    return True


def mib(value: float) -> str:
    return f"{value / 2**20:,.0f}"


def main(sizes):
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores shared with other jobs, Python "
        f"{platform.python_version()}; articles of about {WORDS_PER_ARTICLE} words, partitions "
        f"of {PARTITION_SIZE}; wall clock, one run each",
        flush=True,
    )
    measured = {}
    for n in sizes:
        docs = articles(n)
        pandas_times, pandas_memory, expected = run_pandas(docs)
        measured[n, "pandas"] = (pandas_times, {k: (v, 0) for k, v in pandas_memory.items()})
        print(f"\n{n:,} articles, {expected['sentences']:,} sentences", flush=True)
        print(
            "| configuration | stage | seconds | × pandas | peak MiB, this process "
            "| peak MiB, worker |"
        )
        print("|---|---|---:|---:|---:|---:|")
        for stage, seconds in pandas_times.items():
            print(f"| pandas | {stage} | {seconds:.1f} | 1.00 | {mib(pandas_memory[stage])} | |")
        halves = run_halves(docs)
        for stage, seconds in halves.items():
            print(
                f"| two plain processes, half each (no Dask) | {stage} | {seconds:.1f} | "
                f"{pandas_times[stage] / seconds:.2f} | | |"
            )
        for workers in (1, 2):
            times, memory, found, startup, shipping = run_dask(docs, workers)
            name = f"dask, {workers} worker{'s' * (workers > 1)}"
            me = os.getpid()
            peaks = {
                stage: (
                    values[me],
                    max((v for pid, v in values.items() if pid != me), default=0),
                )
                for stage, values in memory.items()
            }
            measured[n, name] = (times, peaks)
            for stage, seconds in times.items():
                client, worker = peaks[stage]
                against_one = (
                    f"; {measured[n, CONFIGURATIONS[1]][0][stage] / seconds:.2f} × 1 worker"
                    if workers == 2
                    else ""
                )
                print(
                    f"| {name} | {stage} | {seconds:.1f} | "
                    f"{pandas_times[stage] / seconds:.2f}{against_one} | {mib(client)} | "
                    f"{mib(worker)} |"
                )
            print(
                f"| {name} | (cluster start) | {startup:.1f} | | | |\n"
                f"| {name} | (articles sent to the workers) | {shipping:.1f} | | | |\n"
                f"| {name} | results equal pandas | {'yes' if same(found, expected) else 'NO'} "
                "| | | |",
                flush=True,
            )
    if len(sizes) >= 2:
        a, b = sizes[0], sizes[-1]
        target = 1_000_000
        print(f"\nA million articles, extrapolated: t(1M) = t({a:,}) + (1M - {a:,}) × "
              f"(t({b:,}) - t({a:,})) / ({b:,} - {a:,})")  # fmt: skip
        print(
            "| configuration | stage | t(a) s | t(b) s | t(1M) h | peak MiB per worker "
            "(a, b) | peak MiB this process (a, b) |"
        )
        print("|---|---|---:|---:|---:|---:|---:|")
        for configuration in CONFIGURATIONS:
            if (a, configuration) not in measured or (b, configuration) not in measured:
                continue
            first, second = measured[a, configuration], measured[b, configuration]
            total = 0.0
            for stage in first[0]:
                ta, tb = first[0][stage], second[0][stage]
                million = ta + (target - a) * (tb - ta) / (b - a)
                total += million
                (ca, wa), (cb, wb) = first[1][stage], second[1][stage]
                workers = f"{mib(wa)}, {mib(wb)}" if wa else "(one process)"
                print(
                    f"| {configuration} | {stage} | {ta:.1f} | {tb:.1f} | {million / 3600:.2f} "
                    f"| {workers} | {mib(ca)}, {mib(cb)} |"
                )
            print(f"| {configuration} | all three | | | {total / 3600:.2f} | | |")


if __name__ == "__main__":
    arguments = [value for value in sys.argv[1:] if value != "--streaming"]
    sizes = [int(value) for value in arguments] or [10_000, 100_000]
    if "--streaming" in sys.argv:
        streaming(sizes)
    else:
        main(sizes)
