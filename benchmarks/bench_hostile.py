"""Benchmark: cleaning and sentence splitting on hostile input, in linear time and bounded memory.

Three parts, each printed as a Markdown table for the README:

1. Scaling. Every hostile pattern (long runs of one letter or digit, repeated words, a long
   line without punctuation, thousands of ``<``, ``*``, ``#``, brackets, censor marks, lines of
   chrome...) at two sizes, ``N`` and ``4 N`` characters, through ``clean_text`` with every
   rule (the general profile and every opt-in rule), then ``split_sentences`` and
   ``tokenize``. Linear code takes about 4 times as long on the larger input; quadratic code
   would take 16 times as long. The ratio is printed, not asserted: timings on a shared
   machine are noisy (each is the best of ``REPEATS`` runs).
2. A 5 MB text on a single line (the seed sentences repeated, line breaks replaced by spaces)
   through ``clean_text`` and ``sentences``: seconds, not the minutes it took before.
3. A 50 MB text (the seeds repeated) through ``clean_text`` and ``clean_text_with_changes``:
   peak memory of the Python heap (``tracemalloc``) and of the process (``ru_maxrss``).

Usage: ``python benchmarks/bench_hostile.py [N]`` (default 200000).
"""

from __future__ import annotations

import gc
import platform
import resource
import sys
import time
import tracemalloc

import pandas as pd

import analysis
from analysis.cleaning import RULES, clean_text, clean_text_with_changes
from analysis.text import split_sentences, tokenize

EVERY_RULE = " ".join(rule.name for rule in RULES)
REPEATS = 2


def hostile(n: int) -> dict[str, str]:
    """Each hostile pattern, about ``n`` characters long."""

    def repeat(unit: str) -> str:
        return (unit * (n // len(unit) + 1))[:n]

    return {
        "one letter": "a" * n,
        "letters then a capital": "a" * (n - 1) + "B",
        "camel case": repeat("aB"),
        "digits": "1" * n,
        "digits with separators": repeat("1,"),
        "repeated word": repeat("however "),
        "line without punctuation": repeat("we will not stop until every family has "),
        "sentences on one line": repeat("Sanctions bite. Trade falls. Dr. Baev met U.S. aides. "),
        "abbreviations": repeat("a. "),
        "full stops": repeat(". "),
        "less-than signs": "<" * n,
        "open tags": repeat("<a "),
        "unclosed attribute": '<a href="' + "x" * n,
        "comparisons": repeat("a<b and c>d "),
        "asterisks": "*" * n,
        "asterisk words": repeat("*a "),
        "products": repeat("5*3 "),
        "censor marks": repeat(" ** "),
        "hashes": "#" * n,
        "heading lines": repeat("## A\n"),
        "byline headings": repeat("## Ann Lee, Dr, University\n"),
        "brackets": "[" * n,
        "citation lists": "[" + repeat("1,"),
        "link openers": repeat("[a](b"),
        "spaces": "a" + " " * n + "b",
        "spaces and line breaks": "a" + repeat(" \n") + "b",
        "tabs": "a" + "\t" * n + "b",
        "blank lines": "a" + "\n" * n + "b",
        "chrome lines": repeat("Home » Photo: Last Updated on 1/2/2024 Copyright 2024\n"),
        "rights reserved": repeat("all rights reserved "),
        "accents": "é" * n,
        "combining marks": repeat("e\u0301"),
        "glued connectives": repeat("gainshowever "),
        "glued sentences": repeat("SummitIn "),
        "glued punctuation": repeat("reason?There "),
        "web addresses": repeat("GottaRegister.com "),
    }


def timed(function, *args, **kwargs) -> float:
    """Best of ``REPEATS`` runs: the machine is shared, and one run can be slowed by others."""
    times = []
    for _ in range(REPEATS):
        gc.collect()
        start = time.perf_counter()
        function(*args, **kwargs)
        times.append(time.perf_counter() - start)
    return min(times)


def pipeline(text: str) -> None:
    clean = clean_text(text, cleaning=EVERY_RULE)
    split_sentences(clean, cleaning=EVERY_RULE)
    tokenize(clean)


def scaling(n: int) -> pd.DataFrame:
    small, large = hostile(n), hostile(4 * n)
    rows = []
    for name in small:
        t_small, t_large = timed(pipeline, small[name]), timed(pipeline, large[name])
        rows.append(
            {
                "input": name,
                f"{n:,} chars (s)": round(t_small, 3),
                f"{4 * n:,} chars (s)": round(t_large, 3),
                "ratio": round(t_large / max(t_small, 1e-3), 1),
            }
        )
    return pd.DataFrame(rows)


def seed_text() -> str:
    corpus = analysis.load_corpus(analysis.paths.SEEDS_DIR)
    return "\n\n".join(corpus["raw_text"])


def one_line(size: int) -> pd.DataFrame:
    base = " ".join(seed_text().split())
    text = (base + " ") * (size // (len(base) + 1) + 1)
    text = text[:size]
    rows = []
    for spec in ("general", EVERY_RULE):
        label = "general" if spec == "general" else "every rule"
        start = time.perf_counter()
        clean = clean_text(text, cleaning=spec)
        t_clean = time.perf_counter() - start
        docs = pd.DataFrame({"doc_id": ["big"], "cleaning": [spec], "text": [clean]})
        start = time.perf_counter()
        units = analysis.sentences(docs)
        t_sentences = time.perf_counter() - start
        rows.append(
            {
                "cleaning": label,
                "chars": f"{len(text):,}",
                "clean_text (s)": round(t_clean, 2),
                "sentences (s)": round(t_sentences, 2),
                "sentences": f"{len(units):,}",
                "split_long": int(units["split_long"].sum()),
            }
        )
    return pd.DataFrame(rows)


def memory(size: int) -> pd.DataFrame:
    base = seed_text() + "\n\n"
    text = (base * (size // len(base) + 1))[:size]
    rows = []
    for label, function in (
        ("clean_text", lambda: clean_text(text)),
        ("clean_text_with_changes", lambda: clean_text_with_changes(text)),
        ("clean_text, every rule", lambda: clean_text(text, cleaning=EVERY_RULE)),
    ):
        gc.collect()
        tracemalloc.start()
        start = time.perf_counter()
        function()
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rows.append(
            {
                "function": label,
                "chars": f"{len(text):,}",
                "seconds": round(elapsed, 1),
                "peak heap (MB)": round(peak / 1e6),
            }
        )
    return pd.DataFrame(rows)


def markdown(frame: pd.DataFrame) -> str:
    """A Markdown table (pandas' to_markdown needs tabulate, which the project does not use)."""
    lines = ["| " + " | ".join(map(str, frame.columns)) + " |"]
    lines.append("|" + "|".join("---" for _ in frame.columns) + "|")
    lines += ["| " + " | ".join(map(str, row)) + " |" for row in frame.itertuples(index=False)]
    return "\n".join(lines)


def main(n: int) -> None:
    print(f"Python {platform.python_version()} on {platform.machine()}\n")
    print("## Scaling: clean_text (every rule) + split_sentences + tokenize\n")
    print(markdown(scaling(n)))
    print("\n## A 5 MB text on one line: clean_text + sentences\n")
    print(markdown(one_line(5_000_000)))
    print("\n## A 50 MB text: peak memory\n")
    print(markdown(memory(50_000_000)))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    print(f"\nPeak resident memory of the whole run: {rss:,.0f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000)
