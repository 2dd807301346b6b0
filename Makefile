# Two commands for a newcomer: `make generate` and `make test`. Both create .venv on
# first use and reinstall only when pyproject.toml or constraints.txt change.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# pip's own words when an install fails (-q would hide why a pin cannot be resolved)
BENCH_EXTRAS := -e '.[test,bench]'  # a variable: make's call splits its arguments at commas
PIP_INSTALL = $(BIN)/python -m pip install --disable-pip-version-check -c constraints.txt
PIP_LOG := $(VENV)/pip.log
define pip
	$(PIP_INSTALL) $(1) > $(PIP_LOG) 2>&1 || { grep -v '^WARNING: Location' $(PIP_LOG) | tail -n 25 >&2; echo "make: pip could not install $(1) (full log: $(PIP_LOG))" >&2; exit 1; }
endef

# spectab needs Python 3.11+; a .venv made by another Python than $(PYTHON) is made again
WANT_PY := $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
ifeq ($(WANT_PY),)
$(error $(PYTHON) not found: install Python 3.11+ or run `make PYTHON=python3.11 ...`)
endif
ifneq ($(shell $(PYTHON) -c 'import sys; print(sys.version_info >= (3, 11))'),True)
$(error $(PYTHON) is Python $(WANT_PY); spectab needs 3.11+ (run `make PYTHON=python3.11 ...`))
endif
HAVE_PY := $(shell test -x $(BIN)/python && $(BIN)/python -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
# only a target that needs .venv removes it (never reading the Makefile: `make -n`, `make help`)
STALE_VENV := $(if $(HAVE_PY),$(filter-out $(WANT_PY),$(HAVE_PY)))
RUNTIME_STAMP := $(VENV)/.stamp-runtime
TEST_STAMP := $(VENV)/.stamp-test
NODE_STAMP := node_modules/.stamp

.PHONY: generate test refresh bench score clean golden lint help FORCE

help:
	@echo "make generate  regenerate out/ from specs/ (sets up .venv)"
	@echo "make test      run every test (installs test tools and npm packages)"
	@echo "make refresh   re-scrape specs/ from the page snapshots in specs/sources/"
	@echo "make golden    rewrite test golden files from the current code (review the diff)"
	@echo "make bench     benchmarks against peer tools (writes bench/RESULTS.md)"
	@echo "make score     score scrape on the real pages of ../shared/corpus (-v: make score V=1)"
	@echo "make clean     remove .venv, node_modules and caches"

$(RUNTIME_STAMP): pyproject.toml constraints.txt $(if $(STALE_VENV),FORCE)
ifneq ($(STALE_VENV),)
	@echo ".venv was made with Python $(HAVE_PY), $(PYTHON) is $(WANT_PY): making .venv again"
	rm -rf $(VENV)
endif
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(call pip,-e .)
	touch $@

$(TEST_STAMP): $(RUNTIME_STAMP)
	$(call pip,-e '.[test]')
	touch $@

$(NODE_STAMP): package.json package-lock.json
	SCARF_ANALYTICS=false npm ci --no-audit --no-fund --loglevel=error
	touch $@

generate: $(RUNTIME_STAMP)
	$(BIN)/spectab generate

refresh: $(RUNTIME_STAMP)
	$(BIN)/spectab refresh

test: $(TEST_STAMP) $(NODE_STAMP)
	sh tests/toolchains/ensure.sh  # go, cargo + clippy, javac for the Go/Rust/Java tests
	$(BIN)/python -m pytest -q -n auto

golden: $(TEST_STAMP) $(NODE_STAMP)
	sh tests/toolchains/ensure.sh
	$(BIN)/spectab generate
	SPECTAB_UPDATE_GOLDEN=1 $(BIN)/python -m pytest -n auto -q

lint: $(TEST_STAMP)
	$(BIN)/mypy

bench: $(TEST_STAMP) $(NODE_STAMP)
	$(call pip,$(BENCH_EXTRAS))
	$(BIN)/python bench/run.py
	$(BIN)/python bench/time_readers.py 1000 5
	$(BIN)/python bench/matrix.py --write
	$(BIN)/python bench/latency.py --write

# the real-page corpus and its scorer live beside the repository, not in it
SCORE := ../shared/corpus-tools/score
score: $(if $(wildcard $(SCORE)),$(RUNTIME_STAMP))
	$(if $(wildcard $(SCORE)),,$(error make score needs $(SCORE) (the real-page corpus in ../shared, beside this repository), which is not there))
	$(SCORE) --cli $(BIN)/spectab $(if $(V),-v)

FORCE:

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .hypothesis bench/work
