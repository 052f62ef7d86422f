# The two set-up commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000
STORE  ?= data/store

.PHONY: run test test-fast install install-test ingest serve bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .

install-test: $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	bash scripts/system-deps.sh

ingest: install
	$(BIN)/kg ingest seeds/ --store $(STORE)

serve: install
	$(BIN)/kg serve --host $(HOST) --port $(PORT) --store $(STORE)

## install, build the graph from seeds/ into the embedded store, serve it on 127.0.0.1:5000
run: install
	$(BIN)/kg ingest seeds/ --store $(STORE)
	$(BIN)/kg serve --host $(HOST) --port $(PORT) --store $(STORE)

## install everything (pip and Debian packages) and run the whole test suite
test: install-test
	$(BIN)/pytest -q

## a quick loop: no browser and no external stores (no Debian packages needed)
test-fast: $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	$(BIN)/pytest -q -m "not servers and not browser"

bench: install-test
	$(BIN)/python bench/extract_bench.py
	$(BIN)/python bench/api_bench.py

clean:
	rm -rf $(STORE) .pytest_cache
