"""Environment variables set for a child process, and put back afterwards."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator


@contextlib.contextmanager
def preserved_environment(names: Iterable[str]) -> Iterator[None]:
    """Put the environment variables ``names`` back as they were when the block ends.

    For code that hands values to child processes through this process's environment (a
    kernel, Dask's worker processes), which they inherit when they start: what the block sets,
    or lets another library set, does not outlive it. A variable that was not set is unset.
    """
    before = {name: os.environ.get(name) for name in names}
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
