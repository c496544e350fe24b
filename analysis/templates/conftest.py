"""pytest: leave the report notebook to ``analysis report``.

nbmake runs every notebook under the test paths as it stands. The report notebook has only
placeholder parameters until ``analysis report`` gives it a corpus, so it is not collected
here; tests/test_report.py runs it through the command instead.
"""

collect_ignore = ["report.ipynb"]
