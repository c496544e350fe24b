# Front door of the project. `make help` lists the targets.
#
# Every target installs what it needs into the project's own virtual environment, from the lock
# file (uv.lock), so a fresh clone needs only Python (3.11 to 3.13) and make.
#
# PYTHON chooses the interpreter: `make test` uses python3.11, `make test PYTHON=python3.13`
# another. Each Python version gets a virtual environment of its own (.venv for 3.11,
# .venv-3.12, .venv-3.13), so switching never reuses packages built for another interpreter;
# the environment's stamp records the interpreter's path and version, and a different one
# rebuilds it.

PYTHON      ?= python3.11
UV_VERSION  := 0.13.8
TOOLS       := .tools
UV          := $(TOOLS)/bin/uv
NOTEBOOKS   := $(sort $(wildcard notebooks/[0-9][0-9]-*.ipynb))
HTML_DIR    := build/notebooks

# The interpreter's absolute path and versions, "PATH X.Y X.Y.Z", or nothing when PYTHON does not
# run. A pyenv shim fails for a version that pyenv is not told to use (PYENV_VERSION); then the
# versions that hold the command are asked in turn, so `PYTHON=python3.13` finds pyenv's 3.13.
PY_QUERY    := import sys; v = sys.version_info; sys.stdout.write("%s %d.%d %d.%d.%d\n" % (sys.executable, v[0], v[1], v[0], v[1], v[2]))
PY_INFO     := $(shell \
	"$(PYTHON)" -c '$(PY_QUERY)' 2>/dev/null \
	|| { command -v pyenv >/dev/null 2>&1 && for version in $$(pyenv whence "$(PYTHON)" 2>/dev/null); do \
		PYENV_VERSION=$$version "$$(PYENV_VERSION=$$version pyenv which "$(PYTHON)" 2>/dev/null)" \
			-c '$(PY_QUERY)' 2>/dev/null && break; done; })
PY          := $(word 1,$(PY_INFO))
PY_VERSION  := $(word 2,$(PY_INFO))
PY_ID       := $(word 1,$(PY_INFO)) $(word 3,$(PY_INFO))

VENV        := $(if $(filter 3.11,$(PY_VERSION)),.venv,.venv-$(PY_VERSION))
STAMP       := $(VENV)/.installed
RUN         := $(VENV)/bin

# Every target but these needs the interpreter: stop at once, saying which one is missing.
ifneq ($(filter-out help clean,$(or $(MAKECMDGOALS),help)),)
ifeq ($(PY),)
$(error $(PYTHON) was not found or does not run. Install Python 3.11, 3.12 or 3.13 and name it, e.g. `make test PYTHON=python3.12` or PYTHON=/path/to/python3)
endif
ifneq ($(filter 2.% 3.0 3.1 3.2 3.3 3.4 3.5 3.6 3.7 3.8 3.9 3.10,$(PY_VERSION)),)
$(error $(PYTHON) is Python $(PY_VERSION); the project needs Python 3.11 or newer (tested on 3.11, 3.12 and 3.13))
endif
ifeq ($(filter 3.11 3.12 3.13,$(PY_VERSION)),)
$(warning $(PYTHON) is Python $(PY_VERSION); the project is tested on Python 3.11, 3.12 and 3.13 only)
endif
endif

# uv must never fetch an interpreter of its own: it uses the one PYTHON names.
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

# The figures come out byte-identical only when matplotlib renders headless. Only these targets
# get Agg: `make lab` leaves the backend to Jupyter, so that plt.show() shows the figure.
figures test test-unit benchmark: export MPLBACKEND := Agg

.DEFAULT_GOAL := help
.PHONY: help install figures test test-unit test-browser chromium lint format lab benchmark clean FORCE

help:  ## List the targets (PYTHON=python3.12 or python3.13 to use another interpreter)
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(UV):
	"$(PY)" -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet "uv==$(UV_VERSION)"

# An environment stamped by another interpreter (or by none) is synced again.
ifneq ($(strip $(file < $(STAMP))),$(strip $(PY_ID)))
$(STAMP): FORCE
endif

$(STAMP): pyproject.toml uv.lock | $(UV)
	$(UV) sync --locked --all-extras --python "$(PY)"
	echo "$(PY_ID)" > $@

install: $(STAMP)  ## Create the virtual environment (.venv for 3.11) from the lock file

figures: $(STAMP)  ## Main job: execute every notebook in order, regenerating figures/ (HTML copies in build/notebooks)
	$(RUN)/jupyter nbconvert --to html --execute --ExecutePreprocessor.timeout=600 \
		--TemplateExporter.extra_template_basedirs=analysis/templates/html --template report \
		--output-dir $(HTML_DIR) $(NOTEBOOKS)

test: $(STAMP)  ## Run every test: library, notebooks (executed from a fresh kernel), lint
	$(RUN)/python -m pytest

test-unit: $(STAMP)  ## Quick check: every test but executing the notebooks (and the figure bytes)
	$(RUN)/python -m pytest tests analysis -m "not after_notebooks"

# The browser tests drive Debian's chromium with playwright-core from npm (the version in
# tests/browser/package-lock.json); nothing downloads a browser. Chromium is installed from
# Debian when missing, which needs root and apt-get; elsewhere the target says what to install.
CHROMIUM    ?= /usr/bin/chromium
BROWSER_DIR := tests/browser
NODE_STAMP  := $(BROWSER_DIR)/node_modules/.package-lock.json

$(NODE_STAMP): $(BROWSER_DIR)/package.json $(BROWSER_DIR)/package-lock.json
	@command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || { \
		echo "make test-browser needs Node.js 20 or newer with npm; install them (Debian: apt-get install -y nodejs npm)" >&2; exit 1; }
	cd $(BROWSER_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "Installing Debian's chromium: apt-get install -y chromium"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
				|| { echo "apt-get could not install chromium" >&2; exit 1; }; \
		else \
			echo "make test-browser needs Chromium at $(CHROMIUM). Install Debian's package as root: apt-get install -y chromium (or name another build: make test-browser CHROMIUM=/path/to/chromium)" >&2; \
			exit 1; \
		fi; \
	fi

test-browser: $(STAMP) $(NODE_STAMP) chromium  ## The notebooks and the explorer in a real browser (Debian's chromium; installs it as root)
	cd $(BROWSER_DIR) && CHROMIUM="$(CHROMIUM)" ANALYSIS_PYTHON="$(abspath $(RUN))/python" \
		node --test --test-concurrency=1 --test-reporter=spec *.test.mjs

lint: $(STAMP)  ## ruff on the library, tests and notebooks
	$(RUN)/ruff check analysis tests notebooks benchmarks
	$(RUN)/ruff format --check analysis tests notebooks benchmarks

format: $(STAMP)  ## Apply ruff's fixes and formatting
	$(RUN)/ruff check --fix analysis tests notebooks benchmarks
	$(RUN)/ruff format analysis tests notebooks benchmarks

# Jupyter refuses to run as root unless told; containers often are root.
LAB_FLAGS   ?= $(if $(filter 0,$(shell id -u)),--allow-root)
# The user's own flags, e.g. LAB_ARGS="--no-browser --ip=127.0.0.1 --port=8888".
LAB_ARGS    ?=

lab: $(STAMP)  ## Open JupyterLab on the notebooks (LAB_ARGS="--no-browser --port=8888" for a remote machine)
	$(RUN)/jupyter lab $(LAB_FLAGS) $(LAB_ARGS) notebooks

benchmark: $(STAMP)  ## Run the benchmark scripts (numbers go in the README)
	@for script in benchmarks/bench_*.py; do $(RUN)/python $$script || exit 1; done

clean:  ## Remove the virtual environments and build outputs (never seeds/ or figures/)
	rm -rf .venv .venv-3.* $(TOOLS) build .pytest_cache .ruff_cache .hypothesis $(BROWSER_DIR)/node_modules
