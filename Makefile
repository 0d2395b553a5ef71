# Two commands do everything on a fresh machine:
#   make run    set up, build the index if needed, and start the web app on http://127.0.0.1:7860/
#   make test   set up and run the whole test suite (real model, no network)
VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export HF_HUB_DISABLE_TELEMETRY := 1

.PHONY: setup run test lint bench clean

setup: $(VENV)/.installed

# torch is installed first and pinned: on this kind of machine `torch==2.13.0` is a local
# CPU build; letting sentence-transformers pull torch would fetch a multi-GB CUDA build.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: setup
	$(BIN)/assistant serve

test: setup lint
	$(BIN)/python -m pytest

lint: setup  # also part of `make test`: CI fails on a new finding
	$(BIN)/ruff check assistant tests bench
	$(BIN)/ruff format --check assistant tests bench
	$(BIN)/mypy

bench: setup  # bench/scale.py (10k..1M passages, ~20 min) first, so perf.py includes it
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/scale.py
	$(BIN)/python bench/perf.py
	$(BIN)/python bench/web.py
	$(BIN)/python bench/quality.py
	$(BIN)/python bench/build.py
	$(BIN)/python bench/load.py

clean:  # keeps index/feedback.sqlite3: people's votes are not build output
	rm -rf $(VENV) index/builds index/current
