"""``python -m analysis``: the same command line as the ``analysis`` console script."""

import sys

from analysis.cli import main

# Guarded: worker processes of a local Dask cluster (--workers) import this module again.
if __name__ == "__main__":
    sys.exit(main())
