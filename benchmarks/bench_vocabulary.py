"""Benchmark: sentences + TF-IDF + keyness against scikit-learn's raw TfidfVectorizer.

A synthetic corpus of N documents is built by resampling the seed sentences with a fixed seed
(each document six sentences, each assigned a side at random). The same texts go through

- raw:      ``TfidfVectorizer(ngram_range=(1, 2), stop_words=...)`` - scikit-learn alone;
- tfidf:    ``analysis.tfidf`` (same n-grams, the project's terms and stop list);
- pipeline: ``analysis.sentences`` + ``analysis.tfidf`` + ``analysis.keyness``.

Usage: ``python benchmarks/bench_vocabulary.py [N]`` (default 100000). Prints a Markdown table
for the README. Timings are wall-clock seconds, best of ``REPEATS`` runs, on one process.
"""

from __future__ import annotations

import os
import platform
import sys
import time

import numpy as np
import pandas as pd
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer

import analysis

SEED = 0
SENTENCES_PER_DOCUMENT = 6
REPEATS = 3


def synthetic_corpus(n: int, seed: int = SEED) -> pd.DataFrame:
    """``n`` documents of seed sentences drawn with replacement, with a random side each."""
    corpus = analysis.canonical(analysis.load_corpus())
    pool = analysis.sentences(corpus)
    pool = pool.loc[~pool["is_heading"], "text"].to_numpy()
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(pool), size=(n, SENTENCES_PER_DOCUMENT))
    texts = [" ".join(pool[row]) for row in picks]
    sides = np.where(rng.random(n) < 0.5, "critical", "favourable")
    return pd.DataFrame({"doc_id": [f"s{i:06d}" for i in range(n)], "stance": sides, "text": texts})


def best_of(function, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main(n: int) -> None:
    docs = synthetic_corpus(n)
    stop_words = sorted(analysis.STOP_WORDS)

    def raw():
        TfidfVectorizer(ngram_range=(1, 2), stop_words=stop_words).fit_transform(docs["text"])

    def wrapped_tfidf():
        analysis.tfidf(docs)

    def keyness():
        analysis.keyness(docs, group="stance", target="critical", reference="favourable")

    def sentences():
        analysis.sentences(docs)

    timings = {
        "raw TfidfVectorizer": best_of(raw),
        "analysis.tfidf": best_of(wrapped_tfidf),
        "analysis.keyness": best_of(keyness),
        "analysis.sentences": best_of(sentences),
    }
    both = timings["analysis.tfidf"] + timings["analysis.keyness"]
    pipeline = timings["analysis.sentences"] + both
    raw_time = timings["raw TfidfVectorizer"]
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, scikit-learn {sklearn.__version__}; {n:,} documents of "
        f"{SENTENCES_PER_DOCUMENT} sentences; best of {REPEATS}"
    )
    print()
    print("| step | seconds | × raw |")
    print("|---|---:|---:|")
    for name, seconds in timings.items():
        print(f"| {name} | {seconds:.2f} | {seconds / raw_time:.2f} |")
    print(f"| tfidf + keyness | {both:.2f} | {both / raw_time:.2f} |")
    print(f"| sentences + tfidf + keyness | {pipeline:.2f} | {pipeline / raw_time:.2f} |")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
