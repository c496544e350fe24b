# Front door of the project. `make help` lists the targets.
#
# Every target installs what it needs into the project's own virtual environment (.venv),
# from the lock file (uv.lock), so a fresh clone needs only Python 3.11 and make.

PYTHON      ?= python3.11
UV_VERSION  := 0.13.8
VENV        := .venv
TOOLS       := .tools
UV          := $(TOOLS)/bin/uv
STAMP       := $(VENV)/.installed
RUN         := $(VENV)/bin
NOTEBOOKS   := $(sort $(wildcard notebooks/[0-9][0-9]-*.ipynb))
HTML_DIR    := build/notebooks

# uv must never fetch an interpreter of its own: it uses the Python 3.11 on PATH.
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
# The figures come out byte-identical only when matplotlib renders headless.
export MPLBACKEND := Agg

.DEFAULT_GOAL := help
.PHONY: help install figures test lint format lab benchmark clean

help:  ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet "uv==$(UV_VERSION)"

$(STAMP): pyproject.toml uv.lock | $(UV)
	$(UV) sync --locked --all-extras --python $(PYTHON)
	touch $@

install: $(STAMP)  ## Create .venv and install the locked dependencies into it

figures: $(STAMP)  ## Main job: execute every notebook in order, regenerating figures/ (HTML copies in build/notebooks)
	$(RUN)/jupyter nbconvert --to html --execute --ExecutePreprocessor.timeout=600 \
		--output-dir $(HTML_DIR) $(NOTEBOOKS)

test: $(STAMP)  ## Run every test: library, notebooks (executed from a fresh kernel), lint
	$(RUN)/python -m pytest

lint: $(STAMP)  ## ruff on the library, tests and notebooks
	$(RUN)/ruff check analysis tests notebooks benchmarks
	$(RUN)/ruff format --check analysis tests notebooks benchmarks

format: $(STAMP)  ## Apply ruff's fixes and formatting
	$(RUN)/ruff check --fix analysis tests notebooks benchmarks
	$(RUN)/ruff format analysis tests notebooks benchmarks

# Jupyter refuses to run as root unless told; containers often are root.
LAB_FLAGS   ?= $(if $(filter 0,$(shell id -u)),--allow-root)

lab: $(STAMP)  ## Open JupyterLab on the notebooks with the project's kernel
	$(RUN)/jupyter lab $(LAB_FLAGS) notebooks

benchmark: $(STAMP)  ## Run the benchmark scripts (numbers go in the README)
	@for script in benchmarks/bench_*.py; do $(RUN)/python $$script || exit 1; done

clean:  ## Remove the virtual environments and build outputs (never seeds/ or figures/)
	rm -rf $(VENV) $(TOOLS) build .pytest_cache .ruff_cache .hypothesis
