"""Benchmark: the main command's wall time against its floor.

The main command executes every notebook with ``jupyter nbconvert --to html --execute``. Its
floor is the same command on the same number of notebooks that only import what the real
notebooks import (their setup cell's imports) and do nothing else: kernel start, imports and
HTML export, which no analysis can avoid. Target: main ≤ 1.25 × floor.

Usage: ``python benchmarks/bench_notebooks.py``. Prints a Markdown table. Figures go to a
temporary folder, so figures/ is not touched.
"""

from __future__ import annotations

import ast
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from analysis.paths import FIGURES_ENV, NOTEBOOKS_DIR

JUPYTER = Path(sys.executable).with_name("jupyter")


def imports_of(notebook: Path) -> str:
    """The import statements of a notebook's code cells, in order."""
    document = nbformat.read(notebook, as_version=4)
    lines = []
    for cell in document.cells:
        if cell.cell_type != "code":
            continue
        for node in ast.parse(cell.source).body:
            if isinstance(node, ast.Import | ast.ImportFrom):
                lines.append(ast.unparse(node))
    return "\n".join(dict.fromkeys(lines))


def run(notebooks: list[Path], output: Path) -> float:
    environment = os.environ | {FIGURES_ENV: str(output / "figures"), "MPLBACKEND": "Agg"}
    start = time.perf_counter()
    subprocess.run(
        [str(JUPYTER), "nbconvert", "--to", "html", "--execute", "--log-level=ERROR",
         "--output-dir", str(output / "html"), *map(str, notebooks)],
        check=True,
        env=environment,
    )  # fmt: skip
    return time.perf_counter() - start


def main() -> None:
    notebooks = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        floors = []
        for notebook in notebooks:
            floor = nbformat.v4.new_notebook(
                cells=[nbformat.v4.new_code_cell(imports_of(notebook))]
            )
            floor.metadata = nbformat.read(notebook, as_version=4).metadata
            path = folder / "floor" / notebook.name
            path.parent.mkdir(exist_ok=True)
            nbformat.write(floor, path)
            floors.append(path)
        floor_time = run(floors, folder / "floor-out")
        main_time = run(notebooks, folder / "main-out")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; {len(notebooks)} notebooks, executed in order"
    )
    print()
    print("| run | seconds |")
    print("|---|---:|")
    print(f"| floor: kernels, imports, HTML export | {floor_time:.1f} |")
    print(f"| main command: every notebook | {main_time:.1f} |")
    print(f"| ratio | {main_time / floor_time:.2f} |")


if __name__ == "__main__":
    main()
