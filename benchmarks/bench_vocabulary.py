"""Benchmark: sentences + TF-IDF + keyness in one pass, against scikit-learn's TfidfVectorizer.

A synthetic corpus of N documents is built with a fixed seed, each document six sentences and
a side drawn at random. By default the sentences are the seeds' own, resampled: real prose, but
a vocabulary of a few thousand words, which a corpus of 100,000 documents would far exceed.
With ``--zipf`` they are made of words drawn from a vocabulary of 200,000 made-up words by a
Zipf law (a word's probability falling as 1 / rank ** 1.05, as in large English corpora),
10 to 40 words a sentence with commas and possessives: the vocabulary a large corpus has, which
is what makes counting and sorting the terms cost. The same texts go through

- raw:      ``TfidfVectorizer(ngram_range=(1, 2), stop_words=...)`` - scikit-learn alone;
- pipeline: ``analysis.sentences``, then ``analysis.term_counts`` once, shared by
  ``analysis.tfidf`` and ``analysis.keyness`` (``counts=``): each text is split into sentences
  once and tokenized once;
- ``analysis.top_terms(group=)`` on its own, from the texts (it counts them itself): the ten
  terms per group; and ``analysis.tfidf`` on its own, from the texts too, what its memory
  is compared with (both count the texts and spell every term, which the pipeline's
  ``tfidf(counts=)`` does not).

The raw pass and the pipeline alternate, ``REPEATS`` rounds, in one process; each is timed by
its best round (wall clock). Peak memory is measured afterwards, stage by stage, with
tracemalloc (Python allocations, NumPy's included), outside the timed rounds because tracing
slows Python code.

Usage: ``python benchmarks/bench_vocabulary.py [N] [--zipf]`` (default 100000). Prints a
Markdown table for the README.
"""

from __future__ import annotations

import gc
import os
import platform
import sys
import time
import tracemalloc

import numpy as np
import pandas as pd
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer

import analysis

SEED = 0
SENTENCES_PER_DOCUMENT = 6
REPEATS = 3
ZIPF_VOCABULARY = 200_000
ZIPF_EXPONENT = 1.05


def synthetic_corpus(n: int, seed: int = SEED) -> pd.DataFrame:
    """``n`` documents of seed sentences drawn with replacement, with a random side each."""
    corpus = analysis.canonical(analysis.load_corpus(analysis.paths.SEEDS_DIR))
    pool = analysis.sentences(corpus)
    pool = pool.loc[~pool["is_heading"], "text"].to_numpy()
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(pool), size=(n, SENTENCES_PER_DOCUMENT))
    texts = [" ".join(pool[row]) for row in picks]
    sides = np.where(rng.random(n) < 0.5, "critical", "favourable")
    return pd.DataFrame({"doc_id": [f"s{i:06d}" for i in range(n)], "stance": sides, "text": texts})


def zipf_corpus(n: int, seed: int = SEED) -> pd.DataFrame:
    """``n`` documents of six sentences of made-up words drawn by a Zipf law, a side each."""
    rng = np.random.default_rng(seed)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    vocabulary = np.array(
        ["".join(rng.choice(letters, size)) for size in rng.integers(2, 11, ZIPF_VOCABULARY)]
    )
    weights = 1 / np.arange(1, ZIPF_VOCABULARY + 1) ** ZIPF_EXPONENT
    lengths = rng.integers(10, 41, size=(n, SENTENCES_PER_DOCUMENT))
    drawn = vocabulary[rng.choice(ZIPF_VOCABULARY, lengths.sum(), p=weights / weights.sum())]
    marks = rng.choice(np.array(["", ",", "'s"]), len(drawn), p=[0.9, 0.08, 0.02])
    tokens = np.char.add(drawn, marks).tolist()
    texts, at = [], 0
    for row in lengths:
        sentences = []
        for size in row.tolist():
            words = tokens[at : at + size]
            at += size
            sentences.append(words[0].capitalize() + " " + " ".join(words[1:]).rstrip(",") + ".")
        texts.append(" ".join(sentences))
    sides = np.where(rng.random(n) < 0.5, "critical", "favourable")
    return pd.DataFrame({"doc_id": [f"z{i:06d}" for i in range(n)], "stance": sides, "text": texts})


def stages(docs: pd.DataFrame) -> dict:
    """The pipeline's stages, in order; each takes what the ones before it made."""
    made: dict = {}

    def sentences():
        made["sentences"] = analysis.sentences(docs)

    def counts():
        made["counts"] = analysis.term_counts(docs)

    def tfidf():
        made["tfidf"] = analysis.tfidf(docs, counts=made["counts"])

    def keyness():
        made["keyness"] = analysis.keyness(
            docs, group="stance", target="critical", reference="favourable", counts=made["counts"]
        )

    def top():
        made["top"] = analysis.top_terms(docs, n=10, group="stance")

    def tfidf_alone():
        made["tfidf alone"] = analysis.tfidf(docs)

    return {
        "analysis.top_terms(group=), from the texts": top,
        "analysis.tfidf, from the texts": tfidf_alone,
        "analysis.sentences": sentences,
        "analysis.term_counts": counts,
        "analysis.tfidf (counts=)": tfidf,
        "analysis.keyness (counts=)": keyness,
    }


def peak_mib(function) -> float:
    """Peak Python allocations while ``function`` runs, in MiB, beyond what was held before."""
    gc.collect()
    tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    function()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return (peak - base) / 2**20


def main(n: int, *, zipf: bool = False) -> None:
    docs = zipf_corpus(n) if zipf else synthetic_corpus(n)
    stop_words = sorted(analysis.STOP_WORDS)

    def raw():
        return TfidfVectorizer(ngram_range=(1, 2), stop_words=stop_words).fit_transform(
            docs["text"]
        )

    steps = stages(docs)
    best = {"raw TfidfVectorizer": np.inf, **dict.fromkeys(steps, np.inf)}
    for _ in range(REPEATS):  # alternate: the raw pass, then the pipeline's stages
        start = time.perf_counter()
        raw()
        best["raw TfidfVectorizer"] = min(best["raw TfidfVectorizer"], time.perf_counter() - start)
        for name, step in steps.items():
            start = time.perf_counter()
            step()
            best[name] = min(best[name], time.perf_counter() - start)
        gc.collect()

    memory = {"raw TfidfVectorizer": peak_mib(raw)}
    steps = stages(docs)
    for name, step in steps.items():
        memory[name] = peak_mib(step)

    raw_time = best["raw TfidfVectorizer"]
    together = [name for name in steps if not name.endswith("from the texts")]
    pipeline = sum(best[name] for name in together)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores (shared), Python "
        f"{platform.python_version()}, scikit-learn {sklearn.__version__}; {n:,} documents of "
        f"{SENTENCES_PER_DOCUMENT} sentences ({'Zipf words' if zipf else 'seed sentences'}); "
        f"best of {REPEATS} alternating rounds, wall clock; peak memory by tracemalloc"
    )
    print()
    print("| step | seconds | × raw | peak MiB |")
    print("|---|---:|---:|---:|")
    for name, seconds in best.items():
        print(f"| {name} | {seconds:.2f} | {seconds / raw_time:.2f} | {memory[name]:,.0f} |")
    print(
        f"| **sentences + TF-IDF + keyness** | {pipeline:.2f} | {pipeline / raw_time:.2f} | "
        f"{max(memory[name] for name in together):,.0f} |"
    )
    top = memory["analysis.top_terms(group=), from the texts"]
    print()
    print(
        f"top_terms' peak memory: {top / memory['analysis.tfidf, from the texts']:.2f} × tfidf "
        f"from the texts, {top / memory['analysis.tfidf (counts=)']:.2f} × tfidf (counts=)"
    )


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--zipf"]
    main(int(arguments[0]) if arguments else 100_000, zipf="--zipf" in sys.argv[1:])
