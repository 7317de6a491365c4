# rcp-docs: every target makes or refreshes .venv (the project installed editable) when it is
# missing or older than pyproject.toml, so a fresh clone needs only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build release test validate annotate summary check-ids lint browser bench fuzz clean
.DEFAULT_GOAL := help

help:
	@echo "make serve     live preview at http://127.0.0.1:8000"
	@echo "make build     strict build of the site into site/"
	@echo "make test      ruff, mypy and the whole test suite (installs chromium if missing)"
	@echo "make validate  check framework.yml"
	@echo "make release VERSION=x.y.z   release the framework as version x.y.z"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "rcp-docs needs Python 3.11 or newer (found: $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

serve: $(STAMP)
	RCP_SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# The published build: with the PDF of the whole framework (cached in .cache/rcp-docs/).
build: $(STAMP)
	RCP_PDF=true $(BIN)/mkdocs build --strict

# Release the framework: set its version and date, keep a snapshot in releases/, print the summary.
VERSION ?=
release: $(STAMP)
	@test -n "$(VERSION)" || { echo "usage: make release VERSION=x.y.z"; exit 1; }
	$(BIN)/rcp-docs release "$(VERSION)"

validate: $(STAMP)
	$(BIN)/rcp-docs validate framework.yml

# For pull requests: annotations on framework.yml's lines, and what changed since BASE.
BASE ?= origin/main
FORMAT ?= text
annotate: $(STAMP)
	$(BIN)/rcp-docs validate --format github framework.yml

summary: $(STAMP)
	@$(BIN)/rcp-docs diff --format $(FORMAT) "$(BASE)" framework.yml

check-ids: $(STAMP)
	$(BIN)/rcp-docs diff --check --format github "$(BASE)" framework.yml

lint: $(STAMP)
	$(BIN)/ruff check rcp_docs tests
	$(BIN)/mypy
	$(BIN)/rcp-docs schema --check

# Browser tests drive Debian's chromium; install it once, as root.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" != "0" ]; then \
	    echo "The browser tests need Debian's chromium: run 'sudo apt-get install -y chromium', or run make test as root."; exit 1; \
	  fi; \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: $(STAMP) lint browser
	$(BIN)/python -m pytest

# The long fuzzing profile (make test runs the 2,000-example CI profile).
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=long $(BIN)/python -m pytest tests/test_fuzz.py -q

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache

# The performance benchmark: prints a Markdown table, writes benchmarks/results/latest.json.
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py
