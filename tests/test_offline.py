"""The suite runs offline: no NLTK data, no network. These tests prove the guards are on."""

from __future__ import annotations

import os
import socket
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
