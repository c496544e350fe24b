"""The corpus: any labels and columns kept; bad input gets one clear error naming what is wrong.

Every test builds its own corpus in a temporary folder (not the seeds): other group labels,
other metadata columns, and the damage a real folder of texts can carry.
"""

from __future__ import annotations

import os
import re

import numpy as np
import pandas as pd
import pytest

import analysis
from analysis import CorpusError


def write(folder, manifest, texts=None):
    for name, text in (texts or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "manifest.csv").write_text(manifest, encoding="utf-8")
    return folder


@pytest.fixture
def speeches(tmp_path):
    """Two parties' speeches with the user's own columns, no seed column at all."""
    return write(
        tmp_path,
        "doc_id,file,party,speaker,Year\n"
        "s1,s1.txt,democrat,Ann Lee,2020\n"
        "s2,s2.txt,republican,Bo Diaz,2020\n"
        "s3,s3.txt,democrat,Cy Park,2024\n",
        {
            "s1.txt": "We will build.\nThank you.",
            "s2.txt": "Taxes are too high.",
            "s3.txt": "Our families matter.",
        },
    )


def test_any_labels_and_every_column_are_kept(speeches):
    corpus = analysis.load_corpus(speeches)
    assert corpus["doc_id"].tolist() == ["s1", "s2", "s3"]
    assert corpus["party"].tolist() == ["democrat", "republican", "democrat"]
    assert corpus["speaker"].tolist() == ["Ann Lee", "Bo Diaz", "Cy Park"]
    assert corpus["Year"].tolist() == ["2020", "2020", "2024"]
    assert list(corpus.columns) == [
        "doc_id",
        "file",
        "party",
        "speaker",
        "Year",
        "raw_text",
        "text",
        "cleaning",
    ]
    assert corpus["cleaning"].tolist() == ["general"] * 3
    # No column the user did not write is invented.
    assert "stance" not in corpus.columns and "title" not in corpus.columns


def test_metadata_travels_with_sentences_and_scores(speeches):
    corpus = analysis.load_corpus(speeches)
    scored = analysis.sentence_sentiment(corpus)
    assert {"party", "speaker", "Year"} <= set(scored.columns)
    assert scored.loc[scored["doc_id"] == "s2", "party"].tolist() == ["republican"]


def test_the_manifest_path_itself_is_accepted(speeches):
    assert len(analysis.load_corpus(speeches / "manifest.csv")) == 3


@pytest.mark.parametrize(
    ("manifest", "names"),
    [
        ("doc_id,file\na,missing.txt\n", ["manifest.csv", "'file'", "missing.txt", "row 2"]),
        ("doc_id,file\na,a.txt\na,b.txt\n", ["'doc_id'", "duplicate doc_id 'a'", "row 3"]),
        ("doc_id,party\na,x\n", ["'file'", "missing"]),
        ("file,party\na.txt,x\n", ["'doc_id'", "missing"]),
        ("doc_id,file,published\na,a.txt,06/01/2025\n", ["'published'", "06/01/2025"]),
        ("doc_id,file,published\na,a.txt,2025-02-30\n", ["'published'", "2025-02-30"]),
        ("doc_id,file,duplicate_of\na,a.txt,zzz\n", ["'duplicate_of'", "'zzz'", "no document"]),
        ("doc_id,file,duplicate_of\na,a.txt,a\n", ["'duplicate_of'", "names itself"]),
        ("doc_id,file,covers\na,a.txt,2024-2023\n", ["'covers'", "2024-2023"]),
        ("doc_id,file,cleaning\na,a.txt,no_such_rule\n", ["'cleaning'", "no_such_rule"]),
        ("doc_id,file,Duplicate_of\na,a.txt,\n", ["'Duplicate_of'", "'duplicate_of'"]),
        ("doc_id,file,Published \na,a.txt,2024\n", ["'Published '", "'published'"]),
        ("doc_id,file,text\na,a.txt,hello\n", ["'text'", "rename"]),
        ("doc_id,file\n", ["lists no documents"]),
        ("doc_id,file\n,a.txt\n", ["empty doc_id", "row 2"]),
    ],
)
def test_bad_manifest_raises_one_clear_error(tmp_path, manifest, names):
    write(tmp_path, manifest, {"a.txt": "Alpha.", "b.txt": "Beta."})
    with pytest.raises(CorpusError) as caught:
        analysis.load_corpus(tmp_path)
    message = str(caught.value)
    assert "manifest.csv" in message
    for name in names:
        assert name in message


def test_a_duplicate_of_cycle_is_refused_not_silently_dropping_a_group(tmp_path):
    write(
        tmp_path,
        "doc_id,file,side,duplicate_of\na,a.txt,x,b\nb,b.txt,x,a\nc,c.txt,y,\n",
        {"a.txt": "Alpha.", "b.txt": "Beta.", "c.txt": "Gamma."},
    )
    with pytest.raises(CorpusError, match=r"duplicate_of.*cycle: (a -> b -> a|b -> a -> b)"):
        analysis.load_corpus(tmp_path)


def test_a_long_chain_of_copies_is_fine(tmp_path):
    rows = [f"d{i},t.txt,d{i + 1}" for i in range(2000)] + ["d2000,t.txt,"]
    write(tmp_path, "doc_id,file,duplicate_of\n" + "\n".join(rows) + "\n", {"t.txt": "Text."})
    corpus = analysis.load_corpus(tmp_path)
    assert analysis.canonical(corpus)["doc_id"].tolist() == ["d2000"]


@pytest.mark.parametrize("name", ["../outside.txt", "sub/../../outside.txt"])
def test_files_outside_the_folder_are_refused(tmp_path, name):
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (tmp_path / "outside.txt").write_text("secret", encoding="utf-8")
    write(folder, f"doc_id,file\na,{name}\n")
    with pytest.raises(CorpusError, match=r"row 2: file .* leads out of the corpus folder"):
        analysis.load_corpus(folder)


def test_absolute_paths_are_refused(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("secret", encoding="utf-8")
    folder = tmp_path / "corpus"
    folder.mkdir()
    write(folder, f"doc_id,file\na,{outside}\n")
    with pytest.raises(CorpusError, match="absolute path"):
        analysis.load_corpus(folder)


def test_a_symlink_leading_out_is_refused_one_inside_is_fine(tmp_path):
    (tmp_path / "outside.txt").write_text("secret", encoding="utf-8")
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "real.txt").write_text("Inside.", encoding="utf-8")
    os.symlink(tmp_path / "outside.txt", folder / "link.txt")
    os.symlink(folder / "real.txt", folder / "alias.txt")
    write(folder, "doc_id,file\na,alias.txt\n")
    assert analysis.load_corpus(folder)["text"].tolist() == ["Inside."]
    write(folder, "doc_id,file\na,alias.txt\nb,link.txt\n")
    with pytest.raises(CorpusError, match=r"row 3: file 'link.txt' is a link that leads out"):
        analysis.load_corpus(folder)


def test_missing_manifest(tmp_path):
    with pytest.raises(CorpusError, match=r"no manifest\.csv"):
        analysis.load_corpus(tmp_path)


def test_missing_path(tmp_path):
    with pytest.raises(CorpusError, match="no such folder or file"):
        analysis.load_corpus(tmp_path / "nowhere")


def test_empty_text_names_the_file(speeches):
    (speeches / "s1.txt").write_text("  \n\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"s1\.txt.*'s1'.*empty"):
        analysis.load_corpus(speeches)


def test_nul_bytes_are_refused(speeches):
    (speeches / "s2.txt").write_bytes(b"Taxes\x00 are high.")
    with pytest.raises(CorpusError, match=r"s2\.txt.*NUL byte at offset 5"):
        analysis.load_corpus(speeches)


def test_non_utf8_bytes_name_the_file_and_offset(speeches):
    (speeches / "s2.txt").write_bytes(b"Taxes are" + b"\xff\xfe high.")
    with pytest.raises(CorpusError) as caught:
        analysis.load_corpus(speeches)
    assert "s2.txt" in str(caught.value)
    assert "0xff at offset 9" in str(caught.value)


def test_non_utf8_manifest(tmp_path):
    (tmp_path / "manifest.csv").write_bytes("doc_id,file\nä,a.txt\n".encode("latin-1"))
    with pytest.raises(CorpusError, match=r"manifest\.csv.*UTF-8"):
        analysis.load_corpus(tmp_path)


def test_bom_and_crlf_are_handled(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbfSanctions bite.\r\nTrade suffers.\r\n")
    (tmp_path / "manifest.csv").write_bytes(b"\xef\xbb\xbfdoc_id,file\r\na,a.txt\r\n")
    corpus = analysis.load_corpus(tmp_path)
    assert corpus.loc[0, "raw_text"] == "Sanctions bite.\nTrade suffers.\n"
    assert corpus.loc[0, "text"] == "Sanctions bite.\nTrade suffers."


def test_cleaning_argument_and_column(speeches):
    (speeches / "s1.txt").write_text("Skip to content\nWe will  build.", encoding="utf-8")
    untouched = analysis.load_corpus(speeches, cleaning="none")
    assert untouched.loc[0, "text"] == "Skip to content\nWe will  build."
    assert untouched["cleaning"].tolist() == ["none"] * 3
    with pytest.raises(ValueError, match="cleaning"):
        analysis.load_corpus(speeches, cleaning="no_such_profile")


# --- Frames and tables ------------------------------------------------------------------


def test_corpus_from_frame_keeps_every_column_and_numbers_documents():
    frame = pd.DataFrame(
        {
            "speaker": ["A", "B"],
            "score": [1.5, 2.0],
            "text": ["We build.", "We cut."],
        },
        index=[10, 20],
    )
    corpus = analysis.corpus_from_frame(frame)
    assert corpus["doc_id"].tolist() == ["0", "1"]
    assert corpus["score"].tolist() == [1.5, 2.0]  # the user's dtypes stay
    assert corpus["raw_text"].tolist() == ["We build.", "We cut."]
    many = analysis.corpus_from_frame(pd.DataFrame({"text": [f"Text {i}." for i in range(12)]}))
    assert many["doc_id"].tolist()[:3] == ["00", "01", "02"]


def test_corpus_from_frame_uses_a_named_id_column():
    frame = pd.DataFrame({"speech": [7, 8], "body": ["One.", "Two."]})
    corpus = analysis.corpus_from_frame(frame, text="body", doc_id="speech")
    assert corpus["doc_id"].tolist() == ["7", "8"]
    assert "speech" not in corpus.columns


@pytest.mark.parametrize(
    ("value", "says"),
    [
        (np.nan, "missing, not a string"),
        (None, "missing, not a string"),
        (3, "int, not a string"),
        ("bad\x00text", "NUL byte"),
    ],
)
def test_a_bad_text_in_a_frame_names_the_document(value, says):
    frame = pd.DataFrame({"doc_id": ["ok", "bad"], "text": ["Fine.", value]})
    with pytest.raises(CorpusError) as caught:
        analysis.corpus_from_frame(frame)
    message = str(caught.value)
    assert "<DataFrame>" in message and "'text'" in message
    # The header is row 1, as a spreadsheet shows the table: the second document is row 3.
    assert "row 3, doc_id 'bad'" in message and says in message


def test_rows_are_numbered_alike_in_a_csv_a_parquet_file_and_a_frame(tmp_path):
    # Row 4 of the table as a spreadsheet shows it: the header is row 1, "c" the third document.
    bad_text = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["One.", "Two.", None]})
    repeated = pd.DataFrame({"doc_id": ["a", "b", "a"], "text": ["One.", "Two.", "Three."]})
    for table, says in (
        (bad_text, "row 4, doc_id 'c': the text is (missing|empty)"),  # CSV: empty
        (repeated, r"row 4: duplicate doc_id 'a' \(also in row 2\)"),
    ):
        table.to_csv(tmp_path / "table.csv", index=False)
        table.to_parquet(tmp_path / "table.parquet", index=False)
        for source in (tmp_path / "table.csv", tmp_path / "table.parquet"):
            with pytest.raises(CorpusError, match=says):
                analysis.load_corpus(source)
        with pytest.raises(CorpusError, match=says):
            analysis.corpus_from_frame(table)


def test_corpus_from_frame_errors():
    with pytest.raises(CorpusError, match=r"field 'body'.*no column of texts"):
        analysis.corpus_from_frame(pd.DataFrame({"text": ["x"]}), text="body")
    with pytest.raises(CorpusError, match="field 'uid'"):
        analysis.corpus_from_frame(pd.DataFrame({"text": ["x"]}), doc_id="uid")
    with pytest.raises(TypeError, match="DataFrame"):
        analysis.corpus_from_frame(["a text"])
    with pytest.raises(CorpusError, match="lists no documents"):
        analysis.corpus_from_frame(pd.DataFrame({"text": []}))


def test_a_csv_table_with_a_text_column(tmp_path):
    table = tmp_path / "speeches.csv"
    pd.DataFrame({"doc_id": ["a", "b"], "party": ["x", "y"], "text": ["One.", "Two."]}).to_csv(
        table, index=False
    )
    corpus = analysis.load_corpus(table)
    assert corpus[["doc_id", "party", "text"]].to_numpy().tolist() == [
        ["a", "x", "One."],
        ["b", "y", "Two."],
    ]


def test_a_parquet_table_with_a_text_column(tmp_path):
    table = tmp_path / "speeches.parquet"
    frame = pd.DataFrame({"party": ["x", "y"], "words": [3, 4], "body": ["One.", "Two."]})
    frame.to_parquet(table)
    corpus = analysis.load_corpus(table, text="body")
    assert corpus["doc_id"].tolist() == ["0", "1"]
    assert corpus["words"].tolist() == [3, 4]
    assert corpus["text"].tolist() == ["One.", "Two."]


def test_a_named_index_of_a_parquet_file_is_a_column_and_an_unnamed_one_is_not(tmp_path):
    from analysis.corpus import table_columns

    frame = pd.DataFrame({"doc_id": ["a", "b", "c"], "party": ["x", "y", "x"],
                          "body": ["One.", "Two.", "Three."]})  # fmt: skip
    # The ids as the index, as frame.set_index("doc_id").to_parquet(...) writes them: kept.
    frame.set_index("doc_id").to_parquet(tmp_path / "named.parquet")
    corpus = analysis.load_corpus(tmp_path / "named.parquet", text="body")
    assert corpus["doc_id"].tolist() == ["a", "b", "c"]
    frame.set_index(["doc_id", "party"]).to_parquet(tmp_path / "levels.parquet")
    corpus = analysis.load_corpus(tmp_path / "levels.parquet", text="body")
    assert corpus[["doc_id", "party"]].to_numpy().tolist() == [["a", "x"], ["b", "y"], ["c", "x"]]
    # The row labels of a filtered frame are not data: the documents are numbered.
    frame.drop(columns="doc_id").iloc[[0, 2]].to_parquet(tmp_path / "filtered.parquet")
    corpus = analysis.load_corpus(tmp_path / "filtered.parquet", text="body")
    assert corpus["doc_id"].tolist() == ["0", "1"]
    assert "__index_level_0__" not in corpus.columns
    # The ids stored both as the index and as a column (drop=False): read once.
    frame.set_index("doc_id", drop=False).to_parquet(tmp_path / "twice.parquet")
    corpus = analysis.load_corpus(tmp_path / "twice.parquet", text="body")
    assert corpus["doc_id"].tolist() == ["a", "b", "c"]
    # A range index is row numbers, named or not: no column; a named level of an index whose
    # other level has no name is a column.
    frame.rename_axis("row").to_parquet(tmp_path / "range.parquet")
    assert "row" not in analysis.load_corpus(tmp_path / "range.parquet", text="body").columns
    frame.set_index(["doc_id", pd.Index([7, 8, 9])]).to_parquet(tmp_path / "half.parquet")
    corpus = analysis.load_corpus(tmp_path / "half.parquet", text="body")
    assert corpus["doc_id"].tolist() == ["a", "b", "c"]
    # The header alone gives the columns the corpus is read with.
    for name in ("named", "levels", "filtered", "twice", "range", "half"):
        path = tmp_path / f"{name}.parquet"
        assert table_columns(path) == list(analysis.corpus.read_table(path).columns), name


def test_a_broken_parquet_file_is_one_clear_error(tmp_path):
    table = tmp_path / "broken.parquet"
    table.write_bytes(b"not parquet")
    with pytest.raises(CorpusError, match=r"broken\.parquet.*not a readable Parquet file"):
        analysis.load_corpus(table)


def test_canonical_drops_variants():
    frame = pd.DataFrame(
        {"doc_id": ["a", "b", "c"], "duplicate_of": ["", "a", None], "text": ["x", "y", "z"]}
    )
    assert analysis.canonical(frame)["doc_id"].tolist() == ["a", "c"]
    assert len(analysis.canonical(frame, include_variants=True)) == 3
    assert len(analysis.canonical(frame.drop(columns="duplicate_of"))) == 3


# --- The public pieces a corpus is built from --------------------------------------------------


def test_check_metadata_shapes_and_checks_the_metadata():
    from analysis.corpus import check_metadata

    meta = pd.DataFrame(
        {"party": ["red", "blue"], "id": [" a ", "b"], "duplicate_of": [None, "a"], "n": [1, 2]}
    )
    checked = check_metadata(meta, doc_id="id")
    # The id first, renamed; known columns stripped, missing as ""; other columns as given.
    assert checked.columns.tolist() == ["doc_id", "party", "duplicate_of", "n"]
    assert checked["doc_id"].tolist() == ["a", "b"]
    assert checked["duplicate_of"].tolist() == ["", "a"]
    assert checked["n"].tolist() == [1, 2]
    with pytest.raises(CorpusError, match=r"m\.csv, field 'file': required column is missing"):
        check_metadata(meta, source="m.csv", doc_id="id", required=("file",))
    with pytest.raises(CorpusError, match="column 'text' is where the corpus puts the texts"):
        check_metadata(meta.assign(text="x"), doc_id="id")


def test_check_metadata_follows_links_unless_told_not_to():
    from analysis.corpus import check_metadata

    # Some rows of a corpus: "z" is a document of other rows.
    rows = pd.DataFrame({"doc_id": ["a", "b"], "duplicate_of": ["", "z"]})
    with pytest.raises(CorpusError, match="row 3: 'z' names no document"):
        check_metadata(rows)
    assert check_metadata(rows, links=False)["duplicate_of"].tolist() == ["", "z"]
    # Ids are still checked within the rows.
    with pytest.raises(CorpusError, match="duplicate doc_id 'a'"):
        check_metadata(rows.assign(doc_id="a"), links=False)


def test_a_slice_of_a_manifest_names_its_rows_as_in_the_whole(speeches):
    from analysis.corpus import documents_from_manifest, read_table

    manifest = read_table(speeches / "manifest.csv")
    assert manifest["Year"].tolist() == ["2020", "2020", "2024"]  # strings, as written
    (speeches / "s3.txt").unlink()
    whole = speeches / "manifest.csv"
    first = documents_from_manifest(manifest.iloc[:2], source=whole)
    assert first["doc_id"].tolist() == ["s1", "s2"]
    # s3 is the third row below the header: row 4 of the file, in the slice as in the whole.
    for rows in (manifest, manifest.iloc[2:]):
        with pytest.raises(CorpusError, match=r"row 4: file 's3\.txt' not found"):
            documents_from_manifest(rows, source=whole)


def test_read_table_names_a_missing_file(tmp_path):
    from analysis.corpus import read_table

    with pytest.raises(CorpusError, match="file not found"):
        read_table(tmp_path / "none.csv")


def test_dates_and_years_from_a_table_are_read_as_a_manifest_writes_them(tmp_path):
    import datetime as dt

    frame = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "text": ["One.", "Two.", "Three.", "Four."],
            "published": pd.to_datetime(
                ["2025-01-06", "2025-01-06 10:30", None, "2024-12-31 23:59:59"], format="ISO8601"
            ),
            "covers": [2024.0, None, 2023.0, 2024.0],  # a column of years with a gap: floats
        }
    )
    corpus = analysis.corpus_from_frame(frame)
    assert corpus["published"].tolist() == [
        "2025-01-06",
        "2025-01-06T10:30:00",
        "",
        "2024-12-31T23:59:59",
    ]
    assert corpus["covers"].tolist() == ["2024", "", "2023", "2024"]
    frame.to_parquet(tmp_path / "docs.parquet")
    assert analysis.load_corpus(tmp_path / "docs.parquet")["published"].equals(corpus["published"])
    dates = frame.assign(published=[dt.date(2025, 1, 6), None, None, dt.date(2024, 2, 29)])
    assert analysis.corpus_from_frame(dates)["published"].tolist() == [
        "2025-01-06", "", "", "2024-02-29",
    ]  # fmt: skip
    with pytest.raises(analysis.CorpusError, match="published"):
        analysis.corpus_from_frame(frame.assign(published="2025-01-06T25:00"))
    # Nothing is lost: nanoseconds and a time zone are written out, and read back.
    precise = frame.iloc[:2].assign(
        published=[pd.Timestamp("2024-01-02 10:00:00.000000500"), pd.Timestamp("2024-01-02")]
    )
    assert analysis.corpus_from_frame(precise)["published"].tolist() == [
        "2024-01-02T10:00:00.000000500",
        "2024-01-02",
    ]
    zoned = frame.iloc[:1].assign(published=[pd.Timestamp("2024-01-02", tz="UTC")])
    assert analysis.corpus_from_frame(zoned)["published"].tolist() == ["2024-01-02T00:00:00+00:00"]


def test_a_slice_of_a_manifest_is_numbered_as_in_the_whole(tmp_path):
    from analysis.corpus import documents_from_manifest

    (tmp_path / "a.txt").write_text("Some words.", encoding="utf-8")
    manifest = pd.DataFrame(
        {"doc_id": ["x", "", "z"], "file": ["a.txt"] * 3}, index=[100, 101, 102]
    )
    with pytest.raises(analysis.CorpusError, match="row 103: empty doc_id"):
        documents_from_manifest(manifest, source=tmp_path / "manifest.csv")
    manifest = manifest.assign(doc_id=["x", "y", "x"])
    with pytest.raises(
        analysis.CorpusError, match=r"row 104: duplicate doc_id 'x' \(also in row 102\)"
    ):
        documents_from_manifest(manifest, source=tmp_path / "manifest.csv")


def test_a_frames_rows_are_numbered_by_position_and_a_slices_as_in_the_whole():
    from analysis.corpus import documents_from_table

    frame = pd.DataFrame(
        {"doc_id": list("abcdef"), "published": ["2024"] * 6, "text": ["Some words."] * 6}
    )
    # A user's frame indexed by years, or sorted: rows by position (the third row is row 4).
    years = frame.set_axis(range(2019, 2025), axis=0)
    for bad, says in (
        (years.assign(text=["x."] * 2 + [None] + ["x."] * 3), "row 4, doc_id 'c'"),
        (years.assign(published=["2024"] * 2 + ["yesterday"] + ["2024"] * 3), "row 4: "),
    ):
        with pytest.raises(CorpusError, match=re.escape(says)):
            analysis.corpus_from_frame(bad)
    # A slice of a larger table keeps its labels: its rows are numbered as in the whole, for a
    # bad text and for bad metadata alike (label 4 is row 6).
    part = frame.iloc[3:].copy()
    for column, value in (("text", None), ("published", "yesterday")):
        bad = part.copy()
        bad.loc[4, column] = value
        with pytest.raises(CorpusError, match="row 6"):
            documents_from_table(bad)


def test_a_table_without_ids_and_an_empty_partition_is_numbered_across():
    # analysis.dask on Dask's local scheduler: an empty partition's ids are strings too.
    import analysis.dask as ad

    frame = pd.DataFrame({"text": [f"Text {i}." for i in range(5)]})
    found = ad.corpus_from_frame(ad.from_pandas(frame, sizes=[2, 0, 3])).compute()
    assert found["doc_id"].tolist() == ["0", "1", "2", "3", "4"]
