"""The report command: a user's own corpus in, report.html, figures/ and tables/ out.

The corpus here is made up for the tests, not the seeds: letters from three regions, "north"
(15 letters), "south" (14) and "east" (one), with columns of their own. Every letter is two
sentences: one its region always writes, and one of four that rotate, so the counts below are
known by hand:

- "harbour", "flooded" and "storm" are in every north letter once and in no other;
- "vineyard", "festival", "success" and "wonderful" in every south letter once;
- Mayor Lind is named in the letters whose number leaves 1 when divided by 4 (north 1, 5, 9,
  13; south 1, 5, 9, 13) and the council in those that leave 3 (north 3, 7, 11, 15; south 3, 7,
  11).

A report runs a notebook in a kernel (several seconds), so the module makes two, of the same
letters with the same seed: from the corpus folder with an actor list, in this process; and
from a CSV table of the same texts (its own names for the id and text columns), without an
actor list, through ``python -m analysis``. Every table and figure but the actors' must come
out byte for byte the same. The bad-input tests stop before any kernel starts.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import cli, report

NORTH_ALWAYS = "The harbour flooded after the storm."
NORTH_ROTATING = [
    "Residents called the damage terrible.",
    "Mayor Lind promised repairs to the sea wall.",
    "Fishing crews lost a week of work.",
    "The council delayed the funds again.",
]
SOUTH_ALWAYS = "The vineyard festival was a wonderful success."
SOUTH_ROTATING = [
    "Visitors praised the music and the food.",
    "Mayor Lind thanked the growers.",
    "The market square stayed busy all week.",
    "The council approved new funds for the harvest.",
]
EAST = "The railway station reopened after a quiet winter. Engineers repaired the old bridge."

TABLES = {
    "groups",
    "cleaning_summary",
    "cleaning_changes",
    "top_terms",
    "keyness",
    "keyness_documents",
    "kwic",
    "collocations",
    "sentences",
    "sentiment_comparison",
    "sentiment_groups",
    "sentiment_documents",
    "word_shift",
    "lexicon_coverage",
    "lexicon_coverage_groups",
    "unknown_words",
}
ACTOR_TABLES = {"actors", "actor_mentions", "actor_sentiment"}
FIGURES = {
    "cleaning-words",
    "top-terms",
    "keyness",
    "sentiment-groups",
    "sentiment-sentences",
    "word-shift",
}
# What the seeds would bring into a report if anything of theirs leaked into the defaults.
SEED_STRINGS = ("74a12c146094903a", "aa3fa67e0328e7d9", "Western analyst", "Baev", "Panorama")


def letters() -> list[dict[str, str]]:
    """One row per letter: its id, its file's name, three columns of its own, its text."""
    rows = []
    for number in range(1, 16):
        rows.append(_letter(f"n{number:02d}", "north", number, NORTH_ALWAYS, NORTH_ROTATING))
    for number in range(1, 15):
        rows.append(_letter(f"s{number:02d}", "south", number, SOUTH_ALWAYS, SOUTH_ROTATING))
    rows.append({"letter": "e01", "file": "e01.txt", "region": "east", "year": "2021",
                 "pages": "1", "body": EAST + "\n"})  # fmt: skip
    return rows


def _letter(letter, region, number, always, rotating):
    body = f"{always} {rotating[number % 4]}\n"
    return {"letter": letter, "file": f"{letter}.txt", "region": region,
            "year": str(2020 + number % 3), "pages": "2", "body": body}  # fmt: skip


def write_folder(folder: Path) -> Path:
    """The letters as a corpus folder: one text file each and manifest.csv."""
    folder.mkdir(parents=True)
    with open(folder / "manifest.csv", "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(["doc_id", "file", "region", "year", "pages"])
        for row in letters():
            (folder / row["file"]).write_text(row["body"], encoding="utf-8")
            writer.writerow([row["letter"], row["file"], row["region"], row["year"], row["pages"]])
    return folder


def write_table(path: Path) -> Path:
    """The same letters as one CSV table, whose id and text columns are "letter" and "body".

    It keeps the ``file`` column as a column of its own, so that the corpus it gives is the
    folder's, column for column.
    """
    pd.DataFrame(letters()).to_csv(path, index=False)
    return path


def write_actors(path: Path) -> Path:
    path.write_text(
        "actor,form\nMayor Lind,Mayor Lind\nMayor Lind,Lind\ncouncil,council\n", encoding="utf-8"
    )
    return path


def run(*arguments: object) -> tuple[int, str]:
    """``analysis.cli.main`` in this process: its exit status and what it wrote on stderr."""
    errors = io.StringIO()
    with contextlib.redirect_stderr(errors):
        status = cli.main([str(argument) for argument in arguments])
    return status, errors.getvalue()


def contrast(corpus: Path, out: Path, *extra: object) -> tuple[int, str]:
    return run(
        "report",
        corpus, "--group", "region", "--target", "north", "--reference", "south", "--out", out,
        *extra,
    )  # fmt: skip


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    root = tmp_path_factory.mktemp("letters")
    return {
        "folder": write_folder(root / "letters"),
        "table": write_table(root / "letters.csv"),
        "actors": write_actors(root / "actors.csv"),
    }


@pytest.fixture(scope="module")
def first_run(inputs, tmp_path_factory):
    """The corpus folder with an actor list, in this process: the folder and its stderr."""
    out = tmp_path_factory.mktemp("first") / "report"
    status, errors = contrast(inputs["folder"], out, "--actors", inputs["actors"], "--seed", 7)
    assert status == 0, errors
    return out, errors


@pytest.fixture(scope="module")
def first(first_run):
    return first_run[0]


@pytest.fixture(scope="module")
def second(inputs, tmp_path_factory):
    """The CSV table, no actor list, through ``python -m analysis``: a process of its own."""
    out = tmp_path_factory.mktemp("second") / "nested" / "report"
    command = [sys.executable, "-m", "analysis", "report", str(inputs["table"]), "--text", "body",
               "--doc-id", "letter", "--group", "region", "--target", "north", "--reference",
               "south", "--out", str(out), "--seed", "7", "--quiet"]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True)
    return out, result


def html_text(out: Path) -> str:
    """report.html without its embedded images, whose base64 could contain any letters."""
    html = (out / "report.html").read_text(encoding="utf-8")
    return re.sub(r"data:image/[a-z+]+;base64,[A-Za-z0-9+/=]+", "data:image", html)


def table(out: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(out / "tables" / f"{name}.csv", dtype={"doc_id": str})


# --- A report from a corpus folder --------------------------------------------------------


def test_the_report_folder_holds_html_notebook_figures_and_tables(first):
    assert sorted(p.name for p in first.iterdir()) == [
        "figures",
        "report.html",
        "report.ipynb",
        "tables",
    ]
    assert {p.stem for p in (first / "tables").iterdir()} == TABLES | ACTOR_TABLES
    assert all(p.suffix == ".csv" for p in (first / "tables").iterdir())
    written = {p.name for p in (first / "figures").iterdir()}
    expected = {
        f"{name}.{suffix}"
        for name in FIGURES | {"actor-sentiment"}
        for suffix in ("png", "svg", "csv")
    }
    assert written == expected
    # Nothing is left beside the report: the build folder was renamed, not copied.
    assert [p.name for p in first.parent.iterdir()] == ["report"]


def test_each_cell_has_one_output_per_stream(first):
    # Printed text is merged per stream and cell, so the notebook's bytes do not depend on
    # where the kernel happened to flush (a line and its newline can arrive apart).
    import nbformat

    notebook = nbformat.read(first / "report.ipynb", as_version=4)
    printed = 0
    for cell in notebook.cells:
        names = [o["name"] for o in cell.get("outputs", []) if o["output_type"] == "stream"]
        assert len(names) == len(set(names)), cell.get("id")
        printed += len(names)
    assert printed > 0  # the report does print


def test_progress_is_shown_on_stderr_and_the_last_line_names_the_report(first_run):
    out, errors = first_run
    assert "Executing" in errors  # papermill's bar: cells executed
    assert errors.rstrip("\n").splitlines()[-1] == f"analysis report: wrote {out / 'report.html'}"


def test_the_html_names_the_groups_and_nothing_of_the_seeds(first):
    html = html_text(first)
    for label in ("north", "south", "east", "region"):
        assert re.search(rf"\b{label}\b", html), label
    for word in ("critical", "favourable", "stance"):
        assert not re.search(rf"\b{word}\b", html, re.IGNORECASE), word
    for seed in SEED_STRINGS:
        assert seed not in html
    assert not re.search(r"<td>\s*00[0-4]\s*</td>", html), "a seed document id in a table"
    # The numbers are printed, not written in the prose: the counts of this corpus appear.
    assert "30 documents in 3 groups of the column &#x27;region&#x27;" in html or (
        "30 documents in 3 groups of the column 'region'" in html
    )


def test_the_html_loads_nothing_from_the_network(first):
    html = html_text(first)
    assert not re.search(r"<script[^>]*\bsrc\s*=", html, re.IGNORECASE)
    assert not re.search(r"<link\b", html, re.IGNORECASE)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html, re.IGNORECASE)
    assert not re.search(r"""import\(\s*["']https?:""", html)
    for host in ("cdnjs", "jsdelivr", "unpkg", "mathjax", "require.js", "googleapis"):
        assert host not in html.lower(), host
    # The figures are in the page itself.
    raw = (first / "report.html").read_text(encoding="utf-8")
    assert raw.count("data:image/png;base64,") >= len(FIGURES)


def test_the_tables_hold_the_counts_worked_out_by_hand(first):
    groups = table(first, "groups").set_index("region")
    assert groups["documents"].to_dict() == {"east": 1, "north": 15, "south": 14}
    assert groups["variants"].sum() == 0

    key = table(first, "keyness").set_index("term")
    for word in ("harbour", "flooded", "storm"):
        assert key.loc[word, ["count_target", "docs_target", "count_reference"]].tolist() == [
            15,
            15,
            0,
        ]
        assert key.loc[word, "score"] > 0
    for word in ("vineyard", "festival", "success", "wonderful"):
        assert key.loc[word, ["count_reference", "docs_reference", "count_target"]].tolist() == [
            14,
            14,
            0,
        ]
        assert key.loc[word, "score"] < 0

    # Each of the top words on each side is used once by each letter of its side.
    users = table(first, "keyness_documents")
    harbour = users[users["term"] == "harbour"]
    assert sorted(harbour["doc_id"]) == [f"n{n:02d}" for n in range(1, 16)]
    assert set(harbour["count"]) == {1} and set(harbour["region"]) == {"north"}

    # The three highest-scoring words of each side, in context: one line per letter using it.
    lines = table(first, "kwic")
    per_term = lines.groupby("term").size().to_dict()
    assert per_term == {
        "flooded": 15, "harbour": 15, "storm": 15, "festival": 14, "success": 14, "vineyard": 14,
    }  # fmt: skip
    assert set(lines.loc[lines["term"] == "storm", "region"]) == {"north"}


def test_sentiment_and_actor_tables_count_sentences_and_letters(first):
    summary = table(first, "sentiment_groups").set_index("region")
    assert summary["documents"].to_dict() == {"east": 1, "north": 15, "south": 14}
    assert summary["sentences"].to_dict() == {"east": 2, "north": 30, "south": 28}
    assert (summary["ci_low"] <= summary["mean"]).all()
    assert (summary["mean"] <= summary["ci_high"]).all()
    assert len(table(first, "sentences")) == 60

    tone = table(first, "actor_sentiment").set_index(["region", "actor"])["sentences"]
    assert tone[("north", "Mayor Lind")] == 4
    assert tone[("south", "Mayor Lind")] == 4
    assert tone[("north", "council")] == 4
    assert tone[("south", "council")] == 3
    assert ("east", "council") not in tone.index


def test_the_same_seed_and_corpus_give_the_same_bytes(first, second):
    out, result = second
    assert result.returncode == 0, result.stderr
    for folder in ("tables", "figures"):
        names = {p.name for p in (first / folder).iterdir()}
        again = {p.name for p in (out / folder).iterdir()}
        # The second run had no actor list: only the actors' files are missing.
        assert names - again == {
            name for name in names if name.startswith(("actor_", "actors", "actor-"))
        }
        assert again <= names
        for name in sorted(again):
            assert (first / folder / name).read_bytes() == (out / folder / name).read_bytes(), (
                f"{folder}/{name} differs between two runs"
            )


def test_two_dask_workers_give_the_same_bytes(inputs, second, tmp_path):
    # The same CSV table as the second run, on a local cluster of two worker processes: the
    # heavy steps run there, and every table and figure comes out byte for byte the same.
    out = tmp_path / "report"
    status, errors = run(
        "report", inputs["table"], "--text", "body", "--doc-id", "letter", "--group", "region",
        "--target", "north", "--reference", "south", "--out", out, "--seed", 7, "--quiet",
        "--workers", 2,
    )  # fmt: skip
    assert status == 0, errors
    reference = second[0]
    for folder in ("tables", "figures"):
        names = sorted(p.name for p in (reference / folder).iterdir())
        assert names == sorted(p.name for p in (out / folder).iterdir())
        for name in names:
            assert (out / folder / name).read_bytes() == (reference / folder / name).read_bytes(), (
                f"{folder}/{name} differs with --workers 2"
            )
    # The report itself too: the cluster's address, which changes from run to run, is in
    # neither file (the kernel finds it in its environment), and nothing is left there.
    for name in ("report.ipynb", "report.html"):
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name
    assert report.SCHEDULER_VARIABLE not in os.environ


def test_workers_and_scheduler_exclude_each_other(inputs, tmp_path):
    status, errors = contrast(
        inputs["folder"], tmp_path / "report", "--workers", 2, "--scheduler", "tcp://127.0.0.1:1"
    )
    assert status == 1
    assert "--workers" in errors and "--scheduler" in errors
    assert not (tmp_path / "report").exists()


def test_the_whole_report_is_the_same_bytes_run_after_run(inputs, first, tmp_path):
    # The same corpus, actors and seed again, quietly this time: progress bars and papermill's
    # timings must leave no trace in the notebook or its HTML.
    again = tmp_path / "again"
    status, errors = contrast(
        inputs["folder"], again, "--actors", inputs["actors"], "--seed", 7, "--quiet"
    )
    assert status == 0, errors
    for name in ("report.ipynb", "report.html"):
        assert (first / name).read_bytes() == (again / name).read_bytes(), f"{name} differs"
    assert "it/s]" not in (again / "report.html").read_text(encoding="utf-8")


def test_the_notebook_has_the_project_skeleton():
    import nbformat

    notebook = nbformat.read(report.TEMPLATE, as_version=4)
    cells = notebook.cells
    assert cells[0].cell_type == "markdown" and cells[0].source.startswith("# ")
    assert "**Question.**" in cells[0].source
    assert cells[1].cell_type == "code" and "import analysis as an" in cells[1].source
    assert "parameters" in cells[1].metadata.get("tags", [])
    assert sum("import " in c.source for c in cells if c.cell_type == "code") == 1
    assert all(not c.get("outputs") for c in cells if c.cell_type == "code")
    prose = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    # The prose is the same for every corpus: no number of its own, no label of the seeds.
    assert not re.search(r"\b(critical|favourable|stance)\b", prose, re.IGNORECASE)


# --- A report from a CSV table, through the module's entry point -------------------------


def test_python_m_analysis_reports_a_csv_table_quietly(second):
    out, result = second
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # --quiet: no progress bar, no notice
    assert sorted(p.name for p in out.parent.iterdir()) == ["report"]  # "nested" was made
    # No actor list, no actor table or figure: none is ever assumed.
    assert {p.stem for p in (out / "tables").iterdir()} == TABLES
    assert {p.stem for p in (out / "figures").iterdir()} == FIGURES
    assert "No actor list was given" in html_text(out)
    documents = table(out, "sentiment_documents")
    assert sorted(documents["doc_id"])[:2] == ["e01", "n01"]  # the ids of --doc-id letter
    assert "Document ids: the table's column 'letter'." in html_text(out)


# --- Bad input: one line on stderr, a non-zero status, nothing written -------------------


def corpus_for(kind: str, tmp_path: Path, inputs: dict) -> Path:
    if kind == "missing":
        return tmp_path / "no-such-folder"
    if kind == "no file column":
        folder = tmp_path / "broken"
        folder.mkdir()
        (folder / "manifest.csv").write_text("doc_id,region\na,north\n", encoding="utf-8")
        return folder
    if kind == "table without content":
        path = tmp_path / "table.csv"
        path.write_text("doc_id,region,body\na,north,Rain.\nb,south,Sun.\n", encoding="utf-8")
        return path
    return inputs[kind]


# case: (corpus, options replacing the good ones, what the message must say)
BAD = {
    "missing path": ("missing", {}, "no-such-folder: no such folder or file"),
    "bad manifest": ("no file column", {}, "field 'file': required column is missing"),
    "unknown column": ("folder", {"--group": "county"}, "no column 'county' to group by"),
    "id column": (
        "table",
        {"--group": "letter", "--text": "body", "--doc-id": "letter"},
        "'letter' holds the document ids, not groups (its columns are 'letter', 'file', 'region'",
    ),
    "unknown target": (
        "folder",
        {"--target": "west"},
        "target='west' is not a value of column 'region' (it has 'east', 'north', 'south')",
    ),
    "unknown reference": ("folder", {"--reference": "North"}, "reference='North' is not a value"),
    "same groups": ("folder", {"--reference": "north"}, "both 'north'"),
    "text column": ("table without content", {"--text": "content"}, "no column of texts"),
    "actor list": ("folder", {"--actors": "missing-actors.csv"}, "missing-actors.csv"),
    "cleaning": ("folder", {"--cleaning": "no_such_rule"}, "no_such_rule"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_exits_with_one_line_and_writes_nothing(case, inputs, tmp_path):
    kind, options, expected = BAD[case]
    arguments = {"--group": "region", "--target": "north", "--reference": "south"} | options
    out = tmp_path / "out" / "report"
    flat = [item for pair in arguments.items() for item in pair]
    status, errors = run("report", corpus_for(kind, tmp_path, inputs), *flat, "--out", out)
    assert status == 1
    assert errors.count("\n") == 1 and errors.startswith("analysis report: error: "), errors
    assert expected in errors
    assert "Traceback" not in errors
    assert not (tmp_path / "out").exists(), "a folder was created for a report never written"


def test_a_folder_that_holds_files_is_kept_unless_forced(inputs, tmp_path):
    out = tmp_path / "report"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    status, errors = contrast(inputs["folder"], out)
    assert status == 1 and "not empty" in errors and "--force" in errors
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def test_force_never_replaces_the_folder_that_holds_the_corpus(tmp_path):
    corpus = write_folder(tmp_path / "letters")
    before = sorted(p.name for p in corpus.iterdir())
    for out in (corpus, tmp_path):
        status, errors = contrast(corpus, out, "--force")
        assert status == 1 and "cannot be replaced by the report" in errors, errors
    assert sorted(p.name for p in corpus.iterdir()) == before


def test_replacing_a_folder_swaps_it_whole(tmp_path):
    out = tmp_path / "report"
    out.mkdir()
    (out / "old.txt").write_text("old", encoding="utf-8")
    building = tmp_path / ".report.x.partial"
    building.mkdir()
    (building / "report.html").write_text("new", encoding="utf-8")
    report._replace(out, building)
    assert [p.name for p in out.iterdir()] == ["report.html"]
    assert [p.name for p in tmp_path.iterdir()] == ["report"]


def test_a_failing_notebook_leaves_nothing_behind(inputs, tmp_path, monkeypatch):
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    # The report's own parameters cell, then a cell that fails as a library call might.
    setup = nbformat.read(report.TEMPLATE, as_version=4).cells[1]
    failing = tmp_path / "failing.ipynb"
    notebook = new_notebook(
        cells=[setup, new_code_cell("raise ValueError('no group has a sentence to score')")]
    )
    notebook.metadata["kernelspec"] = {"name": "python3", "language": "python"}
    nbformat.write(notebook, failing)
    monkeypatch.setattr(report, "TEMPLATE", failing)
    out = tmp_path / "out" / "report"
    status, errors = contrast(inputs["folder"], out, "--quiet")
    assert status == 1
    assert re.fullmatch(
        r"analysis report: error: the report stopped at cell \d+: ValueError: "
        r"no group has a sentence to score\n",
        errors,
    ), errors
    assert not (tmp_path / "out").exists()


def test_usage_errors_exit_2_with_one_line():
    status, errors = run()
    assert status == 2 and errors.startswith("usage: analysis")
    status, errors = run("report")
    assert status == 2
    assert errors.count("\n") == 1 and "required: PATH, --group" in errors
    status, errors = run("report", "x", "--group", "g", "--target", "a", "--reference", "b",
                         "--out", "o", "--seed", "one")  # fmt: skip
    assert status == 2 and "--seed" in errors and errors.count("\n") == 1
    # Numbers out of range are usage errors too, named by their option.
    for option, value, says in (
        ("--seed", "-1", "argument --seed: must be an integer >= 0, got -1"),
        ("--workers", "0", "argument --workers: must be an integer >= 1, got 0"),
    ):
        status, errors = run("report", "x", "--group", "g", "--target", "a", "--reference", "b",
                             "--out", "o", option, value)  # fmt: skip
        assert status == 2 and says in errors and errors.count("\n") == 1, errors


def test_the_report_says_where_the_document_ids_come_from(inputs, tmp_path):
    assert report.id_origin(inputs["folder"]) == "Document ids: the manifest's column 'doc_id'."
    manifest = inputs["folder"] / "manifest.csv"
    assert report.id_origin(manifest, doc_id="doc_id") == (
        "Document ids: the manifest's column 'doc_id'."
    )
    assert report.id_origin(inputs["table"], text="body", doc_id="letter") == (
        "Document ids: the table's column 'letter'."
    )
    # No column of ids: the documents are numbered, and load_corpus numbers them so.
    bare = pd.read_csv(inputs["table"], dtype=str).drop(columns="letter")
    for path in (tmp_path / "bare.csv", tmp_path / "bare.parquet"):
        if path.suffix == ".csv":
            bare.to_csv(path, index=False)
        else:
            bare.iloc[::2].to_parquet(path)  # row labels stored, not a column
        said = report.id_origin(path, text="body")
        if path.suffix == ".csv":
            assert said.startswith("Document ids: the table has no column 'doc_id', so its ")
            corpus = report.report_corpus(
                path, group="region", target="north", reference="south", text="body"
            )
            assert corpus["doc_id"].tolist()[:3] == ["00", "01", "02"]
        else:
            assert "no column 'doc_id'" in said
    # A folder of Parquet files (read by analysis.dask.read_corpus): as its files.
    folder = tmp_path / "parts"
    folder.mkdir()
    bare.to_parquet(folder / "part.0.parquet")
    assert report.id_origin(folder, text="body").startswith(
        "Document ids: the table has no column 'doc_id'"
    )
    pd.read_csv(inputs["table"], dtype=str).to_parquet(folder / "part.0.parquet")
    assert report.id_origin(folder, text="body", doc_id="letter") == (
        "Document ids: the table's column 'letter'."
    )


def test_kwic_lines_take_turns_between_groups():
    from analysis.report import kwic_lines

    docs = pd.DataFrame(
        {
            "doc_id": ["n1", "n2", "n3", "n4", "s1", "s2"],
            "region": ["north"] * 4 + ["south"] * 2,
            "text": [f"The storm hit town {k}." for k in range(4)]
            + ["A storm came.", "No storm here."],
        }
    )
    lines = kwic_lines(docs, ["storm"], group="region", per_term=3)
    # Document order, but the south's first line comes in before the north's third.
    assert lines["doc_id"].tolist() == ["n1", "n2", "s1"]
    assert kwic_lines(docs, ["storm"], group="region", per_term=4)["doc_id"].tolist() == [
        "n1", "n2", "s1", "s2",
    ]  # fmt: skip
    assert len(kwic_lines(docs, ["storm"], group="region")) == 6


def test_take_turns_within_each_term():
    from analysis.report import take_turns

    lines = pd.DataFrame(
        {
            "term": ["x"] * 5 + ["y"] * 3,
            "side": ["a", "a", "a", "b", "b", "b", "b", "a"],
            "line": range(8),
        }
    )
    kept = take_turns(lines, 3, group="side", within="term")
    # x: a's first, b's first, a's second; y: b first seen, so b, a, then b's second.
    assert kept["line"].tolist() == [0, 1, 3, 5, 6, 7]
    assert take_turns(lines, 0, group="side", within="term").empty
    with pytest.raises(ValueError, match="take_turns"):
        take_turns(lines, -1, group="side")


def test_kwic_searches_a_sentence_table_as_it_is(other_corpus):
    import analysis

    units = analysis.sentences(other_corpus)
    for query in ("storm", "harbour"):
        pd.testing.assert_frame_equal(
            analysis.kwic(units, query), analysis.kwic(other_corpus, query)
        )


def test_the_corpus_goes_to_the_cluster_once_and_every_step_gives_the_same_table(
    other_corpus, monkeypatch
):
    import analysis
    from analysis import dask as distributed

    assert report.on_cluster(other_corpus) is other_corpus
    with distributed.cluster(workers=2, processes=False) as client:
        address = client.scheduler.address
        try:
            parts = report.on_cluster(other_corpus, scheduler=address)
            assert type(parts).__module__.startswith("dask.")
            assert parts.npartitions >= 1

            # The steps take the partitions already on the workers: none sends the corpus.
            def send_again(*args, **kwargs):
                raise AssertionError("the corpus was sent to the cluster again")

            monkeypatch.setattr(distributed, "from_pandas", send_again)
            pd.testing.assert_frame_equal(
                report.report_top_terms(parts, n=5, group="region"),
                report.report_top_terms(other_corpus, n=5, group="region"),
            )
            pd.testing.assert_frame_equal(
                report.report_keyness(parts, group="region", target="north", reference="south"),
                analysis.keyness(other_corpus, group="region", target="north", reference="south"),
                check_exact=False,
                rtol=1e-9,
            )
            pd.testing.assert_frame_equal(
                report.report_sentence_sentiment(parts),
                analysis.sentence_sentiment(other_corpus, progress=False),
            )
        finally:
            report._CLIENTS.pop(address).close()
