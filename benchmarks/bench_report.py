"""Benchmark: ``analysis report`` on a Parquet corpus, in one process and with ``--workers 2``.

Synthetic articles of about 800 words (:func:`bench_dask.articles`: seed sentences drawn with a
fixed seed, two outlets at random) are written to one Parquet file. The command runs twice on
it, as a user would run it, each in a fresh process:

- ``analysis report corpus.parquet --group outlet --target outlet_a --reference outlet_b``;
- the same with ``--workers 2`` (a local Dask cluster of two worker processes, started and
  stopped by the command).

Every table the report writes (``tables/*.csv``) is compared between the two runs: the same
bytes, or else the largest difference in any number. Wall time is the command's; peak memory
is the largest resident set of any one process of the run (the command, its notebook kernel,
a worker), sampled every 50 ms.

Usage: ``python benchmarks/bench_report.py [N]`` (default 4000). Prints a Markdown table for
the README. The corpus and both reports are written in a temporary folder and removed.
"""

from __future__ import annotations

import contextlib
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
from bench_dask import PeakRSS, articles  # run as a script: the same folder


class PeakTreeRSS:
    """The largest resident set of a process and its descendants, sampled every 50 ms."""

    def __init__(self, pid: int):
        self.pid = pid
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _tree(self) -> list[int]:
        import psutil

        with contextlib.suppress(psutil.Error):
            root = psutil.Process(self.pid)
            return [root.pid, *(child.pid for child in root.children(recursive=True))]
        return []

    def _run(self):
        while not self._stop.is_set():
            for pid in self._tree():
                with contextlib.suppress(OSError):
                    self.peak = max(self.peak, PeakRSS.rss(pid))
            time.sleep(0.05)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def run_report(corpus: Path, out: Path, extra: list[str]) -> tuple[float, int, int]:
    command = [
        sys.executable, "-m", "analysis", "report", str(corpus), "--group", "outlet",
        "--target", "outlet_a", "--reference", "outlet_b", "--out", str(out), "--quiet", *extra,
    ]  # fmt: skip
    start = time.perf_counter()
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    with PeakTreeRSS(process.pid) as peak:
        _, errors = process.communicate()
    seconds = time.perf_counter() - start
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{errors}")
    return seconds, peak.peak, (out / "report.html").stat().st_size


def compare_tables(first: Path, second: Path) -> tuple[int, int, float]:
    """Tables with the same bytes, tables in all, and the largest difference in a number."""
    names = sorted(path.name for path in (first / "tables").glob("*.csv"))
    assert names == sorted(path.name for path in (second / "tables").glob("*.csv")), "tables"
    same, largest = 0, 0.0
    for name in names:
        a, b = (first / "tables" / name).read_bytes(), (second / "tables" / name).read_bytes()
        if a == b:
            same += 1
            continue
        left, right = pd.read_csv(first / "tables" / name), pd.read_csv(second / "tables" / name)
        assert left.shape == right.shape and list(left.columns) == list(right.columns), name
        numeric = left.select_dtypes("number").columns
        text = [c for c in left.columns if c not in numeric]
        assert left[text].equals(right[text]), f"{name}: a label or text differs"
        difference = np.nanmax(np.abs(left[numeric].to_numpy() - right[numeric].to_numpy()))
        largest = max(largest, float(difference))
    return same, len(names), largest


def main(n: int) -> None:
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores (shared), Python "
        f"{platform.python_version()}; {n:,} articles of about 800 words in one Parquet file"
    )
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        corpus = folder / "articles.parquet"
        articles(n).to_parquet(corpus, index=False)
        size = corpus.stat().st_size
        runs = {}
        for name, extra in (("one process", []), ("--workers 2", ["--workers", "2"])):
            runs[name] = run_report(corpus, folder / name.replace(" ", "-"), extra)
        same, tables, largest = compare_tables(folder / "one-process", folder / "--workers-2")
    print(f"corpus: {size / 2**20:,.0f} MiB of Parquet\n")
    print("| run | seconds | peak MiB (largest process) | report.html MB |")
    print("|---|---:|---:|---:|")
    for name, (seconds, peak, page) in runs.items():
        print(
            f"| `analysis report` {name} | {seconds:,.0f} | {peak / 2**20:,.0f} "
            f"| {page / 1e6:.1f} |"
        )
    print(
        f"\n{same} of {tables} tables are the same bytes"
        + (f"; the others differ by at most {largest:.3g}" if same < tables else "")
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 4_000)
