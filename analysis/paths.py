"""Every path the project uses, in one place.

The repository root is found from this file's own location, so the paths are right wherever
Python was started (a notebook's folder, the repository root, a test runner). Importing this
module has no side effects: nothing is created or read.
"""

from __future__ import annotations

from pathlib import Path

#: The repository root: the folder that holds ``analysis/``, ``seeds/`` and ``figures/``.
REPO_ROOT = Path(__file__).resolve().parent.parent

#: The five source texts and their manifest. Only ever read.
SEEDS_DIR = REPO_ROOT / "seeds"

#: The ordered notebooks.
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"

#: Where the project's own notebooks write their figures (see analysis.figures).
FIGURES_DIR = REPO_ROOT / "figures"

#: Environment variable that redirects figures elsewhere (the tests regenerate every figure
#: into a temporary folder and compare its bytes with the committed ones).
FIGURES_ENV = "ANALYSIS_FIGURES_DIR"

#: Samples of the seeds marked by hand (which actors a sentence names, which sentences tell one
#: event), against which notebook 05 and the tests measure the matching. Only ever read.
MARKED_DIR = REPO_ROOT / "tests" / "data"
