"""The notebooks as files: named in one pattern, committed stripped, narrating not computing.

Executing them is the system tier: pytest collects every notebook under notebooks/ through
nbmake (``--nbmake`` in pyproject.toml) and runs it top to bottom in a fresh kernel.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from conftest import REPO_ROOT

NOTEBOOKS = sorted((REPO_ROOT / "notebooks").glob("*.ipynb"))
NAME = re.compile(r"^(\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*\.ipynb$")


def code_of(notebook):
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"]


def test_there_are_notebooks():
    assert NOTEBOOKS


def test_notebooks_follow_one_naming_pattern_numbered_in_order():
    numbers = []
    for notebook in NOTEBOOKS:
        match = NAME.match(notebook.name)
        assert match, f"{notebook.name} is not NN-slug.ipynb"
        numbers.append(int(match[1]))
    assert numbers == list(range(1, len(NOTEBOOKS) + 1))


def test_notebooks_are_committed_without_outputs():
    result = subprocess.run(
        [sys.executable, "-m", "nbstripout", "--verify", *map(str, NOTEBOOKS)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.name for n in NOTEBOOKS])
def test_notebooks_narrate_and_leave_computing_to_the_library(notebook):
    source = "\n".join(code_of(notebook))
    assert "sys.path" not in source
    assert not re.search(r"^\s*(def|class|lambda)\b|\blambda\b", source, re.MULTILINE)
    assert "savefig" not in source
    assert not re.search(r"""open\(|read_csv\(|to_csv\(|["'](?:\.\./|/)""", source), (
        "file I/O or a path"
    )
    assert "nltk.download" not in source


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.name for n in NOTEBOOKS])
def test_notebooks_have_the_skeleton(notebook):
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    first = "".join(cells[0]["source"])
    assert cells[0]["cell_type"] == "markdown" and first.startswith("# ")
    assert "**Question.**" in first
    assert cells[1]["cell_type"] == "code" and "import analysis as an" in "".join(
        cells[1]["source"]
    )
    setup_cells = [
        c for c in cells if c["cell_type"] == "code" and "import " in "".join(c["source"])
    ]
    assert len(setup_cells) == 1, "one setup cell holds every import"
