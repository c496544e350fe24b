"""Benchmark: analysis.score_sentiment against the raw engines on the same sentences.

N sentences are drawn with replacement from the seed sentences (fixed seed). Each engine scores
them twice: raw (a plain loop over ``polarity_scores``) and through ``analysis.score_sentiment``
(which adds input checks, a tqdm progress bar and the DataFrame). Throughput is sentences per
second, best of ``REPEATS`` runs taken alternately, on one core.

Usage: ``python benchmarks/bench_sentiment.py [N]`` (default 100000). Prints a Markdown table.
"""

from __future__ import annotations

import gc
import os
import platform
import sys
import time

import numpy as np

import analysis
from analysis.sentiment import _engine

SEED = 0
REPEATS = 5


def sample_sentences(n: int, seed: int = SEED) -> list[str]:
    pool = analysis.sentences(analysis.load_corpus(analysis.paths.SEEDS_DIR))
    pool = pool.loc[~pool["is_heading"], "text"].to_numpy()
    return list(pool[np.random.default_rng(seed).integers(0, len(pool), n)])


def best_of_interleaved(first, second) -> tuple[float, float]:
    """Best wall time of each function, run alternately so that both see the same machine."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(REPEATS):
        for function, record in ((first, times[0]), (second, times[1])):
            gc.collect()  # neither run pays for the other's garbage
            start = time.perf_counter()
            function()
            record.append(time.perf_counter() - start)
    return min(times[0]), min(times[1])


def main(n: int) -> None:
    texts = sample_sentences(n)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores (one used), Python "
        f"{platform.python_version()}; {n:,} sentences; best of {REPEATS}"
    )
    print()
    print("| engine | raw sentences/s | score_sentiment sentences/s | ratio |")
    print("|---|---:|---:|---:|")
    for engine in ("vader", "nltk"):
        analyzer = _engine(engine)
        raw, wrapped = best_of_interleaved(
            lambda analyzer=analyzer: [analyzer.polarity_scores(t) for t in texts],
            lambda engine=engine: analysis.score_sentiment(texts, engine=engine, progress=True),
        )
        print(f"| {engine} | {n / raw:,.0f} | {n / wrapped:,.0f} | {raw / wrapped:.2f} |")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
