"""The suite runs offline: no NLTK data, no network. These tests prove the guards are on."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import nltk
import pytest


def test_nltk_data_is_an_empty_folder():
    folder = Path(os.environ["NLTK_DATA"])
    assert folder.is_dir()
    assert not any(folder.iterdir())
    with pytest.raises(LookupError):
        nltk.data.find("tokenizers/punkt_tab")


def test_the_network_is_refused():
    with socket.socket() as sock, pytest.raises(OSError, match="offline"):
        sock.connect(("192.0.2.1", 80))  # TEST-NET-1, reserved for documentation


def test_loopback_is_allowed():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.socket() as client:
            client.connect(server.getsockname())


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_the_html_copies_of_the_notebooks_load_nothing_from_the_network(tmp_path):
    """`make figures` exports each executed notebook to HTML with the package's offline template.

    The real recipe runs, on a small notebook instead of the project's (make's variables are
    overridden on its command line), with this interpreter's environment.
    """
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("A [link](https://example.org) stays a link."),
        nbformat.v4.new_code_cell("print(6 * 7)"),
    ]
    source = tmp_path / "00-small.ipynb"
    nbformat.write(notebook, source)
    root = Path(__file__).resolve().parents[1]
    run = Path(sys.executable).parent
    # make -n prints the recipe without running it (nor anything the environment would need).
    # The suite may itself run under make: nothing of that make may leak in.
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"}
    }
    printed = subprocess.run(
        ["make", "-n", "--no-print-directory", "figures", f"NOTEBOOKS={source}",
         f"HTML_DIR={tmp_path / 'html'}", f"RUN={run}"],
        cwd=root, env=environment, check=True, capture_output=True, text=True, timeout=60,
    ).stdout  # fmt: skip
    lines = printed[printed.index(f"{run}/jupyter nbconvert") :].splitlines()
    ends = [k for k, line in enumerate(lines) if not line.endswith("\\")]
    command = "\n".join(lines[: ends[0] + 1])
    subprocess.run(["bash", "-c", command], cwd=root, check=True, capture_output=True, timeout=300)
    html = (tmp_path / "html" / "00-small.html").read_text(encoding="utf-8")
    assert "42" in html  # executed
    assert not re.search(r"<script[^>]*\bsrc\s*=", html, re.IGNORECASE)
    assert not re.search(r"<link\b", html, re.IGNORECASE)
    for host in ("cdnjs", "jsdelivr", "unpkg", "mathjax", "require.js", "googleapis"):
        assert host not in html.lower(), host
