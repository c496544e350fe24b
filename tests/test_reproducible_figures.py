"""Every committed figure is what the notebooks produce today, byte for byte.

Runs after the notebooks (tests/conftest.py moves it to the end of the session): nbmake has
then executed every notebook with figures redirected to a temporary folder, and this test
compares that folder with figures/. Run on its own, it executes the notebooks itself.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from conftest import REPO_ROOT
from nbclient import NotebookClient

from analysis.paths import FIGURES_ENV

COMMITTED = REPO_ROOT / "figures"
NOTEBOOKS = sorted((REPO_ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def files(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir() if path.is_file()} if folder.is_dir() else set()


def execute_every_notebook() -> None:
    for notebook in NOTEBOOKS:
        document = nbformat.read(notebook, as_version=4)
        client = NotebookClient(
            document,
            timeout=600,
            kernel_name="python3",
            resources={"metadata": {"path": str(notebook.parent)}},
        )
        client.execute()


@pytest.mark.after_notebooks
def test_every_figure_is_regenerated_byte_for_byte():
    produced = Path(os.environ[FIGURES_ENV])
    assert produced.resolve() != COMMITTED.resolve(), "figures must be regenerated elsewhere"
    expected = files(COMMITTED)
    assert expected, "figures/ is empty: run the main command and commit its figures"
    if not expected <= files(produced):
        execute_every_notebook()
    made = files(produced)
    assert made == expected, (
        f"not committed: {sorted(made - expected)}; no longer made: {sorted(expected - made)}"
    )
    differ = [
        name
        for name in sorted(expected)
        if (produced / name).read_bytes() != (COMMITTED / name).read_bytes()
    ]
    assert not differ, f"figures that differ from the committed bytes: {differ}"


def test_every_figure_has_its_data_beside_it():
    stems = {Path(name).stem for name in files(COMMITTED)}
    for stem in stems:
        for suffix in (".png", ".svg", ".csv"):
            assert (COMMITTED / f"{stem}{suffix}").is_file(), f"{stem}{suffix}"
        assert stem[:2] in {notebook.name[:2] for notebook in NOTEBOOKS}, stem
