"""The ``analysis`` console command (placeholder until its subcommands are written).

The command is installed from ``[project.scripts]`` in pyproject.toml; for now it only prints
how it will be used and exits with status 2, the conventional status for a usage error.
"""

from __future__ import annotations

import sys

USAGE = "usage: analysis report [options]\n(the subcommands are not written yet)"


def main(argv: list[str] | None = None) -> int:
    """Print the usage and return 2.

    Parameters
    ----------
    argv : list of str, optional
        The command-line arguments after the program name; ``sys.argv[1:]`` when None.

    Returns
    -------
    int
        The exit status: always 2 (usage) until the subcommands exist.
    """
    del argv  # read once the subcommands exist
    print(USAGE, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
