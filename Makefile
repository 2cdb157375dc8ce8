# Two commands for a new machine with Python 3.11+, make and the package registries:
#   make demo   build the sample documents in data/ into out/ and print the page's path
#   make test   run the whole test suite (lint included)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install lint bench screenshot clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/tangle build data -o out
	@echo "Open $(CURDIR)/out/graph.html in a browser."

lint: $(STAMP)
	$(BIN)/ruff check extract graph tests benchmarks

test: lint
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# The README's picture: the page on the sample corpus, drawn by headless Debian chromium.
screenshot: demo
	$(BIN)/python benchmarks/screenshot.py out/graph.json docs/screenshot.png --select paul-manafort

clean:
	rm -rf out .pytest_cache
