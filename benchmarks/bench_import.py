"""Benchmark: the cost of ``import analysis`` against ``import pandas``, as whole processes.

Each import runs in a fresh interpreter (``python -c "import X"``), so nothing is cached in the
process; the two commands alternate, ``REPEATS`` times each, and the best wall time of each is
kept. Target: ``import analysis`` within 1.3 × ``import pandas``. The package imports its
modules on first use (a module-level ``__getattr__``), so scikit-learn, NLTK, SciPy and
matplotlib load only when a function needs them; the first call that does pays for them.

Usage: ``python benchmarks/bench_import.py``. Prints a Markdown table.
"""

from __future__ import annotations

import platform
import subprocess
import sys
import time

REPEATS = 7
COMMANDS = {
    "python (empty)": "pass",
    "import pandas": "import pandas",
    "import analysis": "import analysis",
    "import analysis; first keyness call": (
        "import analysis, pandas as pd; analysis.keyness(pd.DataFrame({'g': ['a', 'b'], "
        "'text': ['war', 'peace']}), group='g', target='a')"
    ),
}


def wall_time(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def main() -> None:
    best = {name: float("inf") for name in COMMANDS}
    for _ in range(REPEATS):
        for name, code in COMMANDS.items():
            best[name] = min(best[name], wall_time(code))
    print(f"Python {platform.python_version()}, best of {REPEATS} alternating runs\n")
    print("| command | seconds | × import pandas |")
    print("|---|---:|---:|")
    for name, seconds in best.items():
        print(f"| {name} | {seconds:.2f} | {seconds / best['import pandas']:.2f} |")


if __name__ == "__main__":
    main()
