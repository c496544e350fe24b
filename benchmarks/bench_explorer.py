"""Benchmark: the explorer on 200 documents of 800 words: build time, page size, click time.

The issue's targets: the standalone page under 5 MB, and a click answered within a second, on
200 documents of 800 words. The corpus is made here: 40 sentences of 20 words per document,
the words drawn from a Zipf-like vocabulary of 20,000 made-up words of 3 to 10 letters (the
rank-frequency shape of English), two groups of 100 documents. Printed: the seconds
:func:`analysis.explore` takes, the terms drawn (capped at ``MAX_TERMS``) and the page's size.
When ``make test-browser`` has installed playwright-core and Chromium is there, the page is
opened in headless Chromium and a click on the most used term (the one that lists the most
sentences) is timed inside the page, median and slowest of five.

Usage: ``python benchmarks/bench_explorer.py``
"""

from __future__ import annotations

import json
import platform
import shutil
import string
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

import analysis
from analysis.explorer import MAX_TERMS

DOCUMENTS = 200
WORDS = 800
VOCABULARY = 20_000
BROWSER_DIR = Path(__file__).resolve().parent.parent / "tests" / "browser"
CHROMIUM = Path("/usr/bin/chromium")


def corpus(seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    letters = np.array(list(string.ascii_lowercase))
    vocabulary = np.array(
        ["".join(rng.choice(letters, rng.integers(3, 11))) for _ in range(VOCABULARY)]
    )
    weights = 1 / np.arange(1, VOCABULARY + 1)
    weights /= weights.sum()
    rows = []
    for number in range(DOCUMENTS):
        words = rng.choice(vocabulary, WORDS, p=weights)
        sentences = [" ".join(words[i : i + 20]).capitalize() + "." for i in range(0, WORDS, 20)]
        rows.append(
            {
                "doc_id": f"d{number:03d}",
                "side": "first" if number % 2 else "second",
                "text": " ".join(sentences),
            }
        )
    return pd.DataFrame(rows)


def main() -> None:
    docs = corpus()
    print(f"Python {platform.python_version()} on {platform.machine()}, {DOCUMENTS} documents")
    start = time.perf_counter()
    view = analysis.explore(docs, group="side", target="first", reference="second")
    seconds = time.perf_counter() - start
    folder = Path(tempfile.mkdtemp(prefix="bench-explorer-"))
    try:
        page = view.save_html(folder / "explorer.html")
        size = page.stat().st_size
        print()
        print("| step | result |")
        print("| --- | --- |")
        print(f"| `explore` (keyness, sentences, VADER, postings) | {seconds:.1f} s |")
        totals = view.data["totals"]
        print(
            f"| terms drawn | {totals['shown']:,} of {totals['terms']:,} "
            f"(MAX_TERMS {MAX_TERMS:,}) |"
        )
        print(f"| sentences in the page | {len(view.sentences):,} |")
        print(f"| standalone page | {size / 1e6:.2f} MB (target < 5 MB) |")
        node = shutil.which("node")
        if (
            node
            and (BROWSER_DIR / "node_modules" / "playwright-core").is_dir()
            and CHROMIUM.exists()
        ):
            result = subprocess.run(
                [node, str(BROWSER_DIR / "click_timing.mjs"), str(page)],
                capture_output=True,
                text=True,
                check=True,
                cwd=BROWSER_DIR,
            )
            timing = json.loads(result.stdout.strip().splitlines()[-1])
            print(f"| open the page, draw the view (Chromium) | {timing['openMs']} ms |")
            print(
                f"| click the most used term ({timing['sentencesListed']} sentences listed) | "
                f"median {timing['clickMedianMs']:.0f} ms, slowest {timing['clickMaxMs']:.0f} ms "
                "(target < 1 s) |"
            )
        else:
            print(
                "| click time | not measured: run `make test-browser` once to install Chromium "
                "and playwright-core |"
            )
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
