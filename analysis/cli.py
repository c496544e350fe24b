"""The ``analysis`` command: ``analysis report`` writes the whole contrast of a corpus.

Installed as a console script (``[project.scripts]`` in pyproject.toml) and runnable as
``python -m analysis``::

    analysis report PATH --group COLUMN --target A --reference B --out DIR
                    [--text COL] [--doc-id COL] [--actors CSV] [--cleaning SPEC] [--seed N]
                    [--workers N | --scheduler ADDRESS] [--force] [--quiet]

Exit status: 0 when the report is written; 1 when the input is wrong or the report could not be
made (one line on standard error says why, and nothing is written); 2 for a usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

__all__ = ["main"]

PROG = "analysis"

_DESCRIPTION = """\
Contrast two groups of documents of your corpus and write the report: report.html (readable
offline), report.ipynb, figures/ (PNG, SVG and the CSV of each figure) and tables/ (CSV).
It covers cleaning, TF-IDF top terms per group, keyness (log-odds) with the documents that use
each term, keywords in context, collocations, sentence sentiment per group with bootstrap
intervals, actors (with --actors), word shift, and what the sentiment lexicon covers."""

_EPILOG = """\
PATH is a folder with manifest.csv (columns doc_id, file, and your own), the manifest itself, or
one CSV or Parquet table with a column of texts. Example:

  analysis report letters/ --group region --target north --reference south --out report-north"""


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error on one line instead of the usage block and the error."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _count(minimum: int):
    """An argparse type: an integer of at least ``minimum``, refused as a usage error."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not an integer") from None
        if number < minimum:
            raise argparse.ArgumentTypeError(f"must be an integer >= {minimum}, got {number}")
        return number

    return parse


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Contrast groups of texts: corpus to report.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    report = commands.add_parser(
        "report",
        help="write the report of one contrast: target group against reference group",
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    report.add_argument("path", metavar="PATH", help="the corpus: folder, manifest, CSV or Parquet")
    report.add_argument("--group", required=True, metavar="COLUMN", help="the grouping column")
    report.add_argument("--target", required=True, metavar="A", help="the group compared")
    report.add_argument("--reference", required=True, metavar="B", help="the group compared with")
    report.add_argument("--out", required=True, metavar="DIR", help="the folder to write")
    report.add_argument(
        "--text", default="text", metavar="COL", help="column of texts in a table (default: text)"
    )
    report.add_argument(
        "--doc-id", default="doc_id", metavar="COL", help="column of document ids (default: doc_id)"
    )
    report.add_argument(
        "--actors", metavar="CSV", help="actor list: a CSV with columns actor and form"
    )
    report.add_argument(
        "--cleaning",
        metavar="SPEC",
        help="cleaning profile and rules for every document, e.g. 'general' or 'none' "
        "(default: each document's cleaning column, else 'general')",
    )
    report.add_argument(
        "--seed", type=_count(0), default=0, metavar="N", help="seed of the bootstrap (default: 0)"
    )
    report.add_argument(
        "--workers",
        type=_count(1),
        metavar="N",
        help="run the heavy steps on a local Dask cluster of N worker processes",
    )
    report.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run the heavy steps on the Dask cluster whose scheduler is at ADDRESS",
    )
    report.add_argument("--force", action="store_true", help="replace DIR even if it holds files")
    report.add_argument("--quiet", action="store_true", help="no progress bar on standard error")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Parameters
    ----------
    argv : list of str, optional
        The arguments after the program name; ``sys.argv[1:]`` when None.

    Returns
    -------
    int
        The exit status: 0 done, 1 bad input or failed report, 2 usage error.
    """
    parser = _parser()
    try:
        arguments = parser.parse_args(argv)
    except SystemExit as stop:  # --help (0) or a usage error (2, already printed)
        return int(stop.code or 0)
    if arguments.command != "report":
        parser.print_usage(sys.stderr)
        return 2
    # Imported here so that --help answers at once, without pandas or papermill.
    from analysis.report import build_report

    try:
        out = build_report(
            arguments.path,
            group=arguments.group,
            target=arguments.target,
            reference=arguments.reference,
            out=arguments.out,
            text=arguments.text,
            doc_id=arguments.doc_id,
            actors=arguments.actors,
            cleaning=arguments.cleaning,
            seed=arguments.seed,
            force=arguments.force,
            progress=not arguments.quiet,
            workers=arguments.workers,
            scheduler=arguments.scheduler,
        )
    except KeyboardInterrupt:
        print(f"{PROG} report: interrupted; nothing was written", file=sys.stderr)
        return 130
    except (ValueError, KeyError, OSError) as error:
        # CorpusError and ReportError are ValueErrors whose message says what is wrong; the
        # user needs that line, not a traceback through the library.
        print(f"{PROG} report: error: {_one_line(error)}", file=sys.stderr)
        return 1
    if not arguments.quiet:
        print(f"{PROG} report: wrote {out / 'report.html'}", file=sys.stderr)
    return 0


def _one_line(error: BaseException) -> str:
    if isinstance(error, KeyError) and error.args:
        text = str(error.args[0])
    elif isinstance(error, OSError) and error.strerror:
        text = f"{error.filename}: {error.strerror}" if error.filename else error.strerror
    else:
        text = str(error)
    return " ".join(text.split())


if __name__ == "__main__":
    sys.exit(main())
