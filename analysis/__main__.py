"""``python -m analysis``: the same command line as the ``analysis`` console script."""

import sys

from analysis.cli import main

sys.exit(main())
