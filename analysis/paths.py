"""Every path the project uses, in one place.

The repository root is found from this file's own location, so the paths are right wherever
Python was started (a notebook's folder, the repository root, a test runner). Importing this
module has no side effects: nothing is created or read.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The repository root: the folder that holds ``analysis/``, ``seeds/`` and ``figures/``.
REPO_ROOT = Path(__file__).resolve().parent.parent

#: The five source texts and their manifest. Only ever read.
SEEDS_DIR = REPO_ROOT / "seeds"

#: The ordered notebooks.
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"

#: Environment variable that redirects figures elsewhere (the tests regenerate every figure
#: into a temporary folder and compare its bytes with the committed ones).
FIGURES_ENV = "ANALYSIS_FIGURES_DIR"


def figures_dir() -> Path:
    """Return the folder figures are written to.

    ``$ANALYSIS_FIGURES_DIR`` when it is set, otherwise ``figures/`` at the repository root.
    It is read on every call, so a test can redirect the figures of a running process.
    """
    override = os.environ.get(FIGURES_ENV)
    return Path(override) if override else REPO_ROOT / "figures"
