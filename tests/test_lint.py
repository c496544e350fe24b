"""ruff passes on the library, the tests, the notebooks and the benchmarks."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO_ROOT

TARGETS = ["analysis", "tests", "notebooks", "benchmarks"]


def ruff(*arguments):
    return subprocess.run(
        [sys.executable, "-m", "ruff", *arguments, *TARGETS],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
    )


def test_ruff_check():
    result = ruff("check", "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format():
    result = ruff("format", "--check", "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
