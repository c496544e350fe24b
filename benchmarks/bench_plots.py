"""Benchmark: every figure of analysis.plots, drawn and saved, at 200 and at 10,000 documents.

The input is synthetic tidy data shaped like the library's outputs, generated here with a
fixed seed: documents in three groups ("north", "south", "east"), 5 to 40 scored sentences
each, every pair's similarity, eight top terms per document, ten actors, a keyness table of
five terms per document, a word shift, and one aligned sentence per document. Each timing is
the figure's data helper (where it has one), the plot function and ``save_figure`` (PNG, SVG
and CSV into a temporary folder): what a notebook cell does.

Usage: ``python benchmarks/bench_plots.py [N ...]`` (default 200 10000). Prints a Markdown
table for the README. Timings are wall-clock seconds, best of ``REPEATS`` runs, one process.
The targets: under 5 s at 200 documents, under 30 s at 10,000.
"""

from __future__ import annotations

import gc
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd

import analysis
from analysis import plots

SEED = 0
REPEATS = 2
GROUPS = ("north", "south", "east")
ACTORS = [f"actor {letter}" for letter in "ABCDEFGHIJ"]
KINDS = list(plots.WORD_SHIFT_COLOURS)
TARGETS = {200: 5.0, 10_000: 30.0}


def synthetic(n: int, seed: int = SEED) -> dict[str, pd.DataFrame]:
    """Tidy inputs of every figure for ``n`` documents."""
    rng = np.random.default_rng(seed)
    groups = rng.choice(GROUPS, size=n)
    # Object arrays, as the library's tables hold: repeating one refers to the same strings.
    ids = np.array([f"{group}-{i:05d}" for i, group in enumerate(groups)], dtype=object)
    corpus = pd.DataFrame(
        {
            "doc_id": ids,
            "region": groups,
            "raw_text": ["Heading\nword " * int(k) for k in rng.integers(50, 400, n)],
        }
    )
    corpus["text"] = corpus["raw_text"].str.replace("Heading\n", "", regex=False)

    lengths = rng.integers(5, 41, n)
    doc = np.repeat(np.arange(n), lengths)
    sent_id = np.concatenate([np.arange(k) for k in lengths])
    scored = pd.DataFrame(
        {
            "doc_id": ids[doc],
            "sent_id": sent_id,
            "region": groups[doc],
            "position": sent_id / np.maximum(lengths[doc] - 1, 1),
            "compound": np.clip(rng.normal(0.1, 0.5, len(doc)), -1, 1).round(4),
        }
    )
    stats = scored.groupby("doc_id", sort=False)["compound"].agg(["mean", "std", "count"])
    half = 1.96 * stats["std"].fillna(0) / np.sqrt(stats["count"])
    summary = pd.DataFrame(
        {
            "doc_id": stats.index,
            "sentences": stats["count"].to_numpy(),
            "mean": stats["mean"].to_numpy(),
            "ci_low": (stats["mean"] - half).to_numpy(),
            "ci_high": (stats["mean"] + half).to_numpy(),
        }
    )

    cosine = rng.uniform(0, 0.4, (n, n))
    cosine = (cosine + cosine.T) / 2
    np.fill_diagonal(cosine, 1.0)
    similarity = pd.DataFrame(
        {"doc_a": np.repeat(ids, n), "doc_b": np.tile(ids, n), "cosine": cosine.ravel()}
    )
    del cosine

    top = pd.DataFrame(
        {
            "doc_id": np.repeat(ids, 8),
            "rank": np.tile(np.arange(1, 9), n),
            "term": [f"term{j}" for j in rng.integers(0, 5000, 8 * n)],
            "tfidf": np.sort(rng.uniform(0.05, 0.5, (n, 8)), axis=1)[:, ::-1].ravel(),
        }
    )

    terms = 5 * n
    count_target = rng.poisson(3, terms)
    count_reference = rng.poisson(3, terms)
    keyness = pd.DataFrame(
        {
            "term": [f"term{j}" for j in range(terms)],
            "score": rng.normal(0, 1.2, terms),
            "p": rng.uniform(0, 1, terms),
            "count_target": count_target,
            "count_reference": count_reference,
            "docs_target": np.minimum(count_target, 4),
            "docs_reference": np.minimum(count_reference, 4),
        }
    ).sort_values("score", ascending=False, ignore_index=True)

    actor_doc = np.repeat(np.arange(n), len(ACTORS))
    actors = pd.DataFrame(
        {
            "doc_id": ids[actor_doc],
            "actor": np.tile(ACTORS, n),
            "sentences": rng.integers(0, 12, len(actor_doc)),
            "mean": rng.uniform(-0.8, 0.8, len(actor_doc)),
        }
    )
    actors = actors[actors["sentences"] > 0].reset_index(drop=True)

    contribution = np.sort(rng.normal(0, 0.01, 500))
    shift = pd.DataFrame(
        {
            "term": [f"word{j}" for j in range(500)],
            "contribution": contribution,
            "kind": rng.choice(KINDS, 500),
            "phi_reference": 0.2,
            "phi_target": 0.1,
        }
    ).reindex(np.argsort(-np.abs(contribution)))

    aligned = pd.DataFrame(
        {
            "doc_id_a": "north-translation",
            "doc_id_b": "north-original",
            "compound_a": rng.uniform(-1, 1, n),
            "compound_b": rng.uniform(-1, 1, n),
            "cosine": rng.uniform(0.2, 1, n),
        }
    )
    lexicons = ("lexicon one", "lexicon two")
    side = pd.concat([summary.assign(lexicon=name) for name in lexicons], ignore_index=True)
    return {
        "corpus": corpus,
        "scored": scored,
        "summary": summary,
        "similarity": similarity,
        "top": top,
        "keyness": keyness,
        "actors": actors,
        "shift": shift,
        "aligned": aligned,
        "side": side,
    }


def figures(data: dict[str, pd.DataFrame]):
    """(name, function returning (figure, tidy data)) for every plot."""
    pair = {"target": "north", "reference": "south"}
    return [
        (
            "plot_cleaning_words",
            lambda: (
                (words := plots.cleaning_words_data(data["corpus"], group="region")),
                plots.plot_cleaning_words(words, group="region"),
            ),
        ),
        (
            "plot_top_terms",
            lambda: (
                data["top"],
                plots.plot_top_terms(data["top"], data["corpus"], group="region"),
            ),
        ),
        (
            "plot_similarity",
            lambda: (
                plots.similarity_plot_data(data["similarity"]),
                plots.plot_similarity(data["similarity"]),
            ),
        ),
        (
            "plot_keyness",
            lambda: (
                (drawn := plots.keyness_plot_data(data["keyness"], n=12)),
                plots.plot_keyness(drawn, **pair),
            ),
        ),
        (
            "plot_term_frequency",
            lambda: (
                (rates := plots.term_frequency_data(data["keyness"])),
                plots.plot_term_frequency(rates, **pair),
            ),
        ),
        (
            "plot_sentence_sentiment",
            lambda: (
                (
                    sentences := plots.sentence_sentiment_data(
                        data["scored"], data["summary"], data["corpus"], group="region"
                    )
                ),
                plots.plot_sentence_sentiment(sentences, group="region"),
            ),
        ),
        (
            "plot_sentiment_along_text",
            lambda: (
                (along := plots.sentiment_along_text_data(data["scored"], group="region")),
                plots.plot_sentiment_along_text(along, group="region"),
            ),
        ),
        (
            "plot_actor_heatmap",
            lambda: (data["actors"], plots.plot_actor_heatmap(data["actors"], group="doc_id")),
        ),
        (
            "plot_word_shift",
            lambda: (data["shift"].head(20), plots.plot_word_shift(data["shift"], **pair)),
        ),
        (
            "plot_translation_scatter",
            lambda: (data["aligned"], plots.plot_translation_scatter(data["aligned"])),
        ),
        (
            "plot_side_summary",
            lambda: (data["side"], plots.plot_side_summary(data["side"], group="doc_id")),
        ),
    ]


def best_of(function, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main(sizes: list[int]) -> None:
    matplotlib.use("Agg")
    results: dict[str, dict[int, float]] = {}
    bytes_written: dict[str, dict[int, tuple[int, int]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for n in sizes:
            data = synthetic(n)
            for name, make in figures(data):

                def draw_and_save(name=name, make=make):
                    tidy, fig = make()
                    analysis.save_figure(fig, name.replace("_", "-"), tidy, directory=folder)

                results.setdefault(name, {})[n] = best_of(draw_and_save)
                stem = Path(folder) / name.replace("_", "-")
                bytes_written.setdefault(name, {})[n] = (
                    stem.with_suffix(".png").stat().st_size,
                    stem.with_suffix(".svg").stat().st_size,
                )
                print(f"  {name} at {n:,}: {results[name][n]:.2f} s", file=sys.stderr)
            del data
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, matplotlib {matplotlib.__version__}, "
        f"pandas {pd.__version__}; best of {REPEATS}, seconds (PNG/SVG size in kB)\n"
    )
    header = "| figure | " + " | ".join(f"{n:,} documents" for n in sizes) + " |"
    print(header)
    print("|" + "---|" * (len(sizes) + 1))
    for name, timings in results.items():
        cells = []
        for n in sizes:
            png, svg = bytes_written[name][n]
            mark = "" if timings[n] < TARGETS.get(n, float("inf")) else " (over target)"
            cells.append(f"{timings[n]:.2f}{mark} ({png // 1000}/{svg // 1000})")
        print(f"| `{name}` | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [200, 10_000])
