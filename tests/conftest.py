"""Shared fixtures. Every path is found from this file, never from the working directory.

The whole suite runs offline: NLTK_DATA points at an empty folder, so any code that reached
for downloaded NLTK data would fail here; a socket guard refuses every connection that leaves
this machine; and figures go to a temporary folder instead of figures/.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import tempfile
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parent
REPO_ROOT = TESTS_DIR.parent
SHARED_SEEDS = REPO_ROOT.parent / "shared" / "seeds"

# Set before anything imports nltk or the notebooks start their kernels (they inherit it).
_EMPTY_NLTK_DATA = tempfile.mkdtemp(prefix="empty-nltk-data-")
os.environ["NLTK_DATA"] = _EMPTY_NLTK_DATA
# NLTK also searches system folders (/usr/share/nltk_data, ~/nltk_data); in this process it
# may search only the empty one, so that data installed on a developer's machine cannot make
# a test pass that would fail elsewhere.
import nltk  # noqa: E402

nltk.data.path[:] = [_EMPTY_NLTK_DATA]
_FIGURES = tempfile.mkdtemp(prefix="analysis-figures-")
os.environ["ANALYSIS_FIGURES_DIR"] = _FIGURES
os.environ.setdefault("MPLBACKEND", "Agg")


_connect = socket.socket.connect


def _loopback_only(self, address):
    """Allow local connections (Jupyter kernels talk over loopback); refuse the network."""
    host = address[0] if isinstance(address, tuple) else None
    if host is not None:
        try:
            local = ipaddress.ip_address(host).is_loopback
        except ValueError:
            local = host == "localhost"
        if not local:
            raise OSError(f"the tests run offline: refused a connection to {address}")
    return _connect(self, address)


@pytest.fixture(autouse=True, scope="session")
def no_network():
    socket.socket.connect = _loopback_only
    yield
    socket.socket.connect = _connect


@pytest.fixture(scope="session")
def seed_corpus():
    import analysis

    return analysis.load_corpus(analysis.paths.SEEDS_DIR)


@pytest.fixture
def corpus_dir(tmp_path):
    """A writable copy of a two-document corpus, for the bad-input tests to damage."""
    (tmp_path / "a.txt").write_text("Sanctions bite hard.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Trade grows with Asia.\n", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "doc_id,file,stance,published\na,a.txt,critical,2024-05\nb,b.txt,favourable,2024\n",
        encoding="utf-8",
    )
    return tmp_path


def pytest_collection_modifyitems(items):
    """Run the tests marked ``after_notebooks`` last, once nbmake has executed the notebooks."""
    last = [item for item in items if item.get_closest_marker("after_notebooks")]
    items[:] = [item for item in items if item not in last] + last


# A corpus that is not the seeds: three regions (one with a single document), the user's own
# columns, a reprint marked by duplicate_of, and words drawn with a fixed seed.
_WORDS = {
    "north": "rain snow harbour fishing quota storm ferry winter council ".split(),
    "south": "sun vineyard harvest tourism festival drought olive market ".split(),
    "east": "steppe pipeline grain railway border trade ".split(),
}
_SHARED = "the council said that the budget will grow and the people are happy but worried".split()


def make_other_corpus(n_per_group=(12, 9, 1), seed=7):
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    rows = []
    for (region, words), n in zip(_WORDS.items(), n_per_group, strict=True):
        for i in range(n):
            sentences = []
            for _ in range(int(rng.integers(3, 7))):
                picked = list(rng.choice(words, 4)) + list(rng.choice(_SHARED, 5))
                rng.shuffle(picked)
                sentences.append(" ".join(picked).capitalize() + rng.choice([".", "!", "?"]))
            rows.append(
                {
                    "speech_id": f"{region[0]}{i:02d}",
                    "region": region,
                    "speaker": f"Speaker {region.title()} {i}",
                    "year": 2019 + i % 3,
                    # Some texts carry markup that general cleaning takes out.
                    "body": ("## Remarks\n\n" if i % 4 == 0 else "") + " ".join(sentences),
                }
            )
    frame = pd.DataFrame(rows)
    frame["duplicate_of"] = ""
    reprint = frame.iloc[[0]].assign(speech_id="n00-reprint", duplicate_of="n00")
    return pd.concat([frame, reprint], ignore_index=True)


@pytest.fixture(scope="session")
def other_corpus():
    import analysis

    return analysis.corpus_from_frame(make_other_corpus(), text="body", doc_id="speech_id")
