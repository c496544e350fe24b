"""The seed corpus: byte-identical copies, a manifest that says only what the texts support."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest
from conftest import REPO_ROOT, SHARED_SEEDS

import analysis

SEEDS = REPO_ROOT / "seeds"


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="../shared/seeds is not beside the project")
def test_seed_texts_are_byte_identical_to_shared():
    shared = sorted(p.name for p in SHARED_SEEDS.glob("*.txt"))
    assert shared == sorted(p.name for p in SEEDS.glob("*.txt"))
    for name in shared:
        assert sha256(SEEDS / name) == sha256(SHARED_SEEDS / name), name


def test_manifest_schema():
    manifest = pd.read_csv(SEEDS / "manifest.csv", dtype=str, keep_default_na=False)
    assert {"doc_id", "file", "stance", "duplicate_of", "cleaning"} <= set(manifest.columns)
    assert manifest["doc_id"].is_unique
    assert set(manifest["stance"]) == {"critical", "favourable"}
    assert set(manifest["translation"]) == {"original", "machine-translated"}
    assert sorted(manifest["file"]) == sorted(p.name for p in SEEDS.glob("*.txt"))


def test_seed_corpus_loads_five_documents_with_provenance(seed_corpus):
    assert seed_corpus["doc_id"].tolist() == ["000", "001", "002", "003", "004"]
    by_id = seed_corpus.set_index("doc_id")
    assert by_id.loc["000", "duplicate_of"] == "001"
    assert by_id.loc["000", "translation"] == "machine-translated"
    assert by_id.loc["004", "translation"] == "machine-translated"
    assert by_id.loc["004", "covers"] == "2023"
    assert by_id.loc["001", "published"] == "2025-01-06"
    assert by_id.loc["001", "author"] == "Pavel K. Baev"
    assert by_id["stance"].tolist() == [
        "critical",
        "critical",
        "favourable",
        "favourable",
        "favourable",
    ]
    assert {"raw_text", "text"} <= set(seed_corpus.columns)


def test_unknowns_are_left_empty_not_invented(seed_corpus):
    by_id = seed_corpus.set_index("doc_id")
    # 002 and 004 name no author or outlet; 000 names nothing of its own.
    for doc_id in ("000", "002", "004"):
        assert by_id.loc[doc_id, "author"] == ""
        assert by_id.loc[doc_id, "outlet"] == ""


def test_loading_never_writes_to_seeds(seed_corpus):
    import analysis

    before = {p.name: (p.stat().st_mtime_ns, sha256(p)) for p in SEEDS.iterdir()}
    analysis.load_corpus(analysis.paths.SEEDS_DIR)
    analysis.cleaning_report(seed_corpus)
    after = {p.name: (p.stat().st_mtime_ns, sha256(p)) for p in SEEDS.iterdir()}
    assert before == after


def test_the_seeds_choices_live_beside_the_seeds_not_in_the_library():
    actors = analysis.read_actors(SEEDS)
    assert {"Russia", "West", "North Korea"} <= set(actors["actor"])
    stop_words = analysis.read_stop_words(SEEDS)
    # "US" is the United States in these texts; for any other corpus it is a pronoun.
    assert "us" not in stop_words and "us" in analysis.STOP_WORDS
    assert "dr" in stop_words and "dr" not in analysis.STOP_WORDS
