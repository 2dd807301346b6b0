# Two commands for a newcomer: `make generate` and `make test`. Both create .venv on
# first use and reinstall only when pyproject.toml or constraints.txt change.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.stamp-runtime
TEST_STAMP := $(VENV)/.stamp-test
NODE_STAMP := node_modules/.stamp

.PHONY: generate test refresh bench score clean golden lint help

help:
	@echo "make generate  regenerate out/ from specs/ (sets up .venv)"
	@echo "make test      run every test (installs test tools and npm packages)"
	@echo "make refresh   re-scrape specs/ from the page snapshots in specs/sources/"
	@echo "make golden    rewrite test golden files from the current code (review the diff)"
	@echo "make bench     benchmarks against peer tools (writes bench/RESULTS.md)"
	@echo "make score     score scrape on the real pages of ../shared/corpus (-v: make score V=1)"
	@echo "make clean     remove .venv, node_modules and caches"

$(RUNTIME_STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e .
	touch $@

$(TEST_STAMP): $(RUNTIME_STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

generate: $(RUNTIME_STAMP)
	$(BIN)/spectab generate

refresh: $(RUNTIME_STAMP)
	$(BIN)/spectab refresh

test: $(TEST_STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest -q -n 2

golden: $(TEST_STAMP) $(NODE_STAMP)
	$(BIN)/spectab generate
	SPECTAB_UPDATE_GOLDEN=1 $(BIN)/python -m pytest -n 2 -q

lint: $(TEST_STAMP)
	$(BIN)/mypy

bench: $(TEST_STAMP) $(NODE_STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test,bench]'
	$(BIN)/python bench/run.py

score: $(RUNTIME_STAMP)
	../shared/corpus-tools/score --cli $(BIN)/spectab $(if $(V),-v)

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .hypothesis bench/work
