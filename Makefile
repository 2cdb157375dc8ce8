# Two commands for a new machine with Python 3.11+, make and the package registries:
#   make demo   build the sample documents in data/ into out/ and print the page's path
#   make test   run the whole test suite (lint included)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Two stamps: the runtime (what `make demo` needs) and the test extras on top of it, so `make demo`
# installs no test tools, `make test` after it only adds them, and `make demo` after `make test`
# installs nothing.
RUNTIME := $(VENV)/.installed-runtime
TESTDEPS := $(VENV)/.installed-test

.PHONY: demo test install lint bench screenshot clean

$(RUNTIME): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip uninstall --quiet --yes tangle  # the distribution's former name, in venvs made before
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TESTDEPS): $(RUNTIME)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(TESTDEPS)

demo: $(RUNTIME)
	$(BIN)/tangle build data -o out
	@echo "Open $(CURDIR)/out/graph.html in a browser."

lint: $(TESTDEPS)
	$(BIN)/ruff check extract graph tests benchmarks

test: lint
	$(BIN)/python -m pytest

bench: $(TESTDEPS)
	$(BIN)/python benchmarks/run.py

# The README's picture: the page on the sample corpus, drawn by headless Debian chromium.
screenshot: demo $(TESTDEPS)
	$(BIN)/python benchmarks/screenshot.py out/graph.json docs/screenshot.png --select paul-manafort

clean:
	rm -rf out .pytest_cache
