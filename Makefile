# Two commands set everything up from a fresh clone:
#   make demo   creates .venv, installs orglearn, and runs the school scenario for 200 weeks
#   make test   creates .venv, installs orglearn with its test tools (and chromium for the
#               browser tests of the app), and runs lint and tests
# Python 3.12 or later is needed; .python-version selects it where pyenv is used.

VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= $(shell for p in python3.12 python3.13 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { echo $$p; break; }; done)

.PHONY: demo test lint setup browser clean FORCE

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "orglearn needs Python 3.12 or later (none found on PATH)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --upgrade pip

# The install is editable in setuptools' strict mode: `build/__editable__.*/orglearn/` is a tree
# of links to the files, so `orglearn.simulation.engine` is `simulation/engine.py` to Python and
# to static tools alike (mypy, pyright, an editor). An edit shows at once; a module, a scenario or
# a lesson added or removed needs new links, which the rule below makes whenever the list of the
# package's files changes. (Not a folder's modification time: that also moves when a cache
# folder is made in it, and relinking deletes the compiled rules cached in the link tree.)
EDITABLE := --config-settings editable_mode=strict
PACKAGE_DIRS := . cli agents scenarios scenarios/march1991 simulation simulation/mechanisms \
	simulation/march1991 experiments experiments/claims benchmarks app app/components app/i18n app/lessons app/ci

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -qq -e ".[test]" $(EDITABLE)
	@touch $@ $(VENV)/.linked

$(VENV)/.files: FORCE | $(BIN)/python
	@find $(PACKAGE_DIRS) -maxdepth 1 -type f ! -name '.*' | LC_ALL=C sort > $@.new
	@if cmp -s $@.new $@; then rm $@.new; else mv $@.new $@; fi

# (Skipped when the full install has just made the links, after the list was written.)
$(VENV)/.linked: $(VENV)/.files | $(VENV)/.installed
	@test $@ -nt $(VENV)/.files || { set -x; $(BIN)/python -m pip install -qq --no-deps -e . $(EDITABLE); }
	@touch $@

# The rules are compiled once here, into numba's cache, not in the first run that needs them,
# and again, from scratch, after any file of the model changed: numba checks a cached function
# against its own file only, and the rules are inlined across files.
$(VENV)/.compiled: $(VENV)/.linked $(VENV)/.installed $(wildcard simulation/*.py simulation/mechanisms/*.py)
	$(BIN)/python -m orglearn.simulation.precompile --fresh
	@touch $@

setup: $(VENV)/.compiled

FORCE:

# The app's real-browser tests drive Debian's chromium (installed here with apt if missing).
$(VENV)/.browser: $(VENV)/.installed app/ci/install-browser
	app/ci/install-browser $(VENV)
	@touch $@

browser: $(VENV)/.browser

demo: setup
	$(BIN)/orglearn run --scenario school --steps 200 --seed 1 --out out/school --overwrite

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint browser
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build out .pytest_cache .ruff_cache .mypy_cache
