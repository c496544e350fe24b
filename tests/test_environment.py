"""The environment: the Python versions the project admits, the lock file, the Makefile, CI.

The Makefile tests run make on its real recipes with the programs they call replaced by a small
script that reports its arguments and the matplotlib backend it was given, so they check what
each target hands to Jupyter or pytest without installing or starting anything.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib

import pytest
from conftest import REPO_ROOT
from packaging.specifiers import SpecifierSet
from packaging.utils import parse_wheel_filename

PYPROJECT = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
LOCK = tomllib.loads((REPO_ROOT / "uv.lock").read_text(encoding="utf-8"))
SUPPORTED = ("3.11", "3.12", "3.13")
MAKE = shutil.which("make")
needs_make = pytest.mark.skipif(MAKE is None, reason="make is not installed")


def test_requires_python_admits_3_11_to_3_13_and_nothing_older():
    admitted = SpecifierSet(PYPROJECT["project"]["requires-python"])
    for version in SUPPORTED:
        assert f"{version}.0" in admitted, version
    assert "3.10.12" not in admitted


def test_the_lock_was_made_for_the_same_python_range():
    # A lock made under an older pin (e.g. "==3.11.*") would not install on 3.12 or 3.13.
    assert LOCK["requires-python"] == PYPROJECT["project"]["requires-python"]


def test_every_compiled_package_in_the_lock_has_a_linux_wheel_for_each_python():
    """A package built for one CPython needs a wheel per version, or an abi3 wheel old enough.

    A version without one would be built from source on install, which needs a compiler and
    headers a fresh machine does not have.
    """
    missing = []
    for package in LOCK["package"]:
        tags = [
            tag
            for wheel in package.get("wheels", [])
            for tag in parse_wheel_filename(wheel["url"].rsplit("/", 1)[1])[3]
        ]
        linux = [tag for tag in tags if "linux" in tag.platform and "x86_64" in tag.platform]
        if not linux or any(tag.abi == "none" and tag.platform == "any" for tag in tags):
            continue  # pure Python, or a package for another platform only (pywinpty)
        for version in SUPPORTED:
            cp = "cp" + version.replace(".", "")
            if not any(
                (tag.interpreter == cp and tag.abi in (cp, "none"))
                or (tag.interpreter == "py3" and tag.abi == "none")
                or (tag.abi == "abi3" and int(tag.interpreter[3:]) <= int(cp[3:]))
                for tag in linux
            ):
                missing.append(f"{package['name']} {package['version']} on Python {version}")
    assert not missing, missing


def test_the_report_dependencies_are_core_and_jupyterlab_stays_optional():
    core = {
        requirement.split(">")[0].split("=")[0]
        for requirement in PYPROJECT["project"]["dependencies"]
    }
    assert {"ipykernel", "nbclient", "nbconvert", "papermill", "pyarrow"} <= core
    assert "jupyterlab" not in core
    notebooks = PYPROJECT["project"]["optional-dependencies"]["notebooks"]
    assert any(requirement.startswith("jupyterlab") for requirement in notebooks)
    assert PYPROJECT["project"]["scripts"]["analysis"] == "analysis.cli:main"


@pytest.fixture
def fake_tools(tmp_path):
    """A stand-in for the environment's bin/: jupyter and python report what they were given."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("jupyter", "python"):
        script = bin_dir / name
        script.write_text(
            '#!/bin/sh\necho "MPLBACKEND=${MPLBACKEND-unset} ARGS=$*"\n', encoding="utf-8"
        )
        script.chmod(0o755)
    stamp = tmp_path / "installed"
    stamp.touch()
    return bin_dir, stamp


def run_make(*arguments, fake_tools=None):
    # The suite may itself run under make (`make test`): nothing of that make may leak in, nor
    # the backend it or conftest.py set.
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"MPLBACKEND", "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"}
    }
    command = [MAKE, "--no-print-directory", f"PYTHON={sys.executable}", *arguments]
    if fake_tools is not None:
        bin_dir, stamp = fake_tools
        # -o: the environment counts as installed, so no recipe installs anything.
        command += [f"RUN={bin_dir}", f"STAMP={stamp}", "-o", str(stamp)]
    return subprocess.run(
        command,
        cwd=REPO_ROOT,
        env=environment,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )


def reports(result):
    assert result.returncode == 0, result.stdout + result.stderr
    return [line for line in result.stdout.splitlines() if line.startswith("MPLBACKEND=")]


@needs_make
def test_lab_leaves_the_matplotlib_backend_alone_and_passes_the_users_flags(fake_tools):
    result = run_make(
        "lab", "LAB_ARGS=--no-browser --ip=127.0.0.1 --port=8899", fake_tools=fake_tools
    )
    (line,) = reports(result)
    assert line.startswith("MPLBACKEND=unset "), line
    arguments = line.split(" ARGS=", 1)[1].split()
    assert arguments[0] == "lab"
    assert arguments[-1] == "notebooks"
    assert {"--no-browser", "--ip=127.0.0.1", "--port=8899"} <= set(arguments)


@needs_make
@pytest.mark.parametrize("target", ["test", "test-unit", "figures", "benchmark"])
def test_headless_targets_render_with_agg(target, fake_tools):
    lines = reports(run_make(target, fake_tools=fake_tools))
    assert lines
    assert all(line.startswith("MPLBACKEND=Agg ") for line in lines), lines


@needs_make
def test_the_unit_target_leaves_out_the_notebooks_and_the_figure_bytes(fake_tools):
    (line,) = reports(run_make("test-unit", fake_tools=fake_tools))
    arguments = line.split(" ARGS=", 1)[1]
    assert arguments == "-m pytest tests analysis -m not after_notebooks"


@needs_make
def test_each_python_version_installs_into_an_environment_of_its_own():
    result = run_make("-n", "-B", "install")
    assert result.returncode == 0, result.stdout + result.stderr
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    venv = ".venv" if version == "3.11" else f".venv-{version}"
    assert f'--python "{sys.executable}"' in result.stdout
    assert f"> {venv}/.installed" in result.stdout
    assert "UV_PYTHON_DOWNLOADS := never" in (REPO_ROOT / "Makefile").read_text(encoding="utf-8")


@needs_make
def test_a_missing_interpreter_is_named_before_anything_runs():
    result = run_make("install", "PYTHON=no-such-python3.99")
    assert result.returncode != 0
    assert "no-such-python3.99 was not found" in result.stderr
    assert "uv" not in result.stdout


def test_ci_runs_the_readme_test_command_then_the_unit_tests_on_3_13():
    commands = [
        line.strip()
        for line in (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip().startswith("make ")
    ]
    assert commands[0] == "make test"
    assert commands[1].startswith("make test-unit PYTHON=")
    assert "python3.13" in commands[1]
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test " in readme
