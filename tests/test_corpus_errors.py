"""Bad input gets one clear error that names the file and the field; good quirks are handled."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis import CorpusError


def test_a_well_formed_folder_loads(corpus_dir):
    corpus = analysis.load_corpus(corpus_dir)
    assert corpus["doc_id"].tolist() == ["a", "b"]
    assert corpus["text"].tolist() == ["Sanctions bite hard.", "Trade grows with Asia."]
    # Optional manifest columns are present and empty.
    assert corpus["title"].tolist() == ["", ""]


def test_the_manifest_path_itself_is_accepted(corpus_dir):
    assert len(analysis.load_corpus(corpus_dir / "manifest.csv")) == 2


def rewrite_manifest(corpus_dir, text):
    (corpus_dir / "manifest.csv").write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("manifest", "names"),
    [
        ("doc_id,file,stance\na,missing.txt,critical\n", ["manifest.csv", "'file'", "missing.txt"]),
        (
            "doc_id,file,stance\na,a.txt,critical\na,b.txt,favourable\n",
            ["'doc_id'", "duplicate doc_id 'a'"],
        ),
        (
            "doc_id,file,stance\na,a.txt,neutral\n",
            ["'stance'", "'neutral'", "critical, favourable"],
        ),
        ("doc_id,file\na,a.txt\n", ["manifest.csv", "'stance'", "missing"]),
        ("doc_id,stance\na,critical\n", ["'file'", "missing"]),
        (
            "doc_id,file,stance,published\na,a.txt,critical,06/01/2025\n",
            ["'published'", "06/01/2025"],
        ),
        (
            "doc_id,file,stance,published\na,a.txt,critical,2025-02-30\n",
            ["'published'", "2025-02-30"],
        ),
        ("doc_id,file,stance,translation\na,a.txt,critical,human\n", ["'translation'", "'human'"]),
        ("doc_id,file,stance,duplicate_of\na,a.txt,critical,zzz\n", ["'duplicate_of'", "'zzz'"]),
        ("doc_id,file,stance,covers\na,a.txt,critical,2024-2023\n", ["'covers'", "2024-2023"]),
    ],
)
def test_bad_manifest_raises_one_clear_error(corpus_dir, manifest, names):
    rewrite_manifest(corpus_dir, manifest)
    with pytest.raises(CorpusError) as caught:
        analysis.load_corpus(corpus_dir)
    message = str(caught.value)
    assert "manifest.csv" in message
    for name in names:
        assert name in message


def test_missing_manifest(tmp_path):
    with pytest.raises(CorpusError, match="manifest not found"):
        analysis.load_corpus(tmp_path)


def test_empty_text_names_the_file(corpus_dir):
    (corpus_dir / "a.txt").write_text("  \n\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"a\.txt.*'a'.*empty"):
        analysis.load_corpus(corpus_dir)


def test_text_that_cleaning_empties_is_an_error(corpus_dir):
    (corpus_dir / "a.txt").write_text("Skip to content\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"a\.txt.*nothing is left after cleaning"):
        analysis.load_corpus(corpus_dir)


def test_non_utf8_bytes_name_the_file_and_offset(corpus_dir):
    (corpus_dir / "b.txt").write_bytes(b"Trade grows" + b"\xff\xfe with Asia.")
    with pytest.raises(CorpusError) as caught:
        analysis.load_corpus(corpus_dir)
    assert "b.txt" in str(caught.value)
    assert "0xff at offset 11" in str(caught.value)


def test_non_utf8_manifest(corpus_dir):
    (corpus_dir / "manifest.csv").write_bytes(
        "doc_id,file,stance\nä,a.txt,critical\n".encode("latin-1")
    )
    with pytest.raises(CorpusError, match=r"manifest\.csv.*UTF-8"):
        analysis.load_corpus(corpus_dir)


def test_bom_and_crlf_are_handled(corpus_dir):
    (corpus_dir / "a.txt").write_bytes(b"\xef\xbb\xbfSanctions bite.\r\nTrade suffers.\r\n")
    (corpus_dir / "manifest.csv").write_bytes(
        b"\xef\xbb\xbfdoc_id,file,stance\r\na,a.txt,critical\r\nb,b.txt,favourable\r\n"
    )
    corpus = analysis.load_corpus(corpus_dir)
    assert corpus.loc[0, "raw_text"] == "Sanctions bite.\nTrade suffers.\n"
    assert corpus.loc[0, "text"] == "Sanctions bite.\nTrade suffers."


def test_corpus_from_frame_checks_like_a_manifest():
    frame = pd.DataFrame({"doc_id": ["x"], "stance": ["hostile"], "raw_text": ["Text."]})
    with pytest.raises(CorpusError, match=r"<DataFrame>, field 'stance'.*'hostile'"):
        analysis.corpus_from_frame(frame)
    with pytest.raises(CorpusError, match="field 'body'"):
        analysis.corpus_from_frame(frame.assign(stance="critical"), raw_text="body")


def test_canonical_drops_variants(seed_corpus):
    assert analysis.canonical(seed_corpus)["doc_id"].tolist() == ["001", "002", "003", "004"]
    assert len(analysis.canonical(seed_corpus, include_variants=True)) == 5
