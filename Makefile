# rcp-docs: every target makes or refreshes .venv when it is missing or older than the lock, so a
# fresh clone needs only Python 3.11+ and make. Every install takes exact versions with hashes from
# requirements/ (requirements/README.md): building and serving install site.txt only; the test
# targets add test.txt. After each install the environment is compared with its lock.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE_STAMP := $(VENV)/.site-installed
TEST_STAMP := $(VENV)/.test-installed
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check
export NO_MKDOCS_2_WARNING := 1

PREVIEW_COMMIT ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)

.PHONY: serve build preview test validate annotate summary check-ids lint browser bench audit release fuzz clean clean-venv lock
.DEFAULT_GOAL := help

help:
	@echo "make serve     live preview at http://127.0.0.1:8000"
	@echo "make build     strict build of the site into site/ (ENGINE=properdocs or zensical: another engine)"
	@echo "make preview   the site for opening from disk, into site-preview/ (a pull request's preview)"
	@echo "make test      ruff, mypy and the whole test suite (installs chromium if missing)"
	@echo "make validate  check framework.yml"
	@echo "make audit     Lighthouse on the main pages, served with gzip (needs npm)"
	@echo "make release VERSION=x.y.z   release the framework as version x.y.z"
	@echo "make lock      refresh requirements/ from pyproject.toml (UPGRADE=1: newest allowed releases)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "rcp-docs needs Python 3.11 or newer (found: $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# rcp-docs itself goes in editable, with the locked build backend (no build isolation: nothing
# is fetched that the lock does not name).
$(SITE_STAMP): requirements/site.txt pyproject.toml | $(BIN)/python
	$(PIP_INSTALL) --require-hashes --no-deps -r requirements/site.txt
	$(PIP_INSTALL) --no-deps --no-build-isolation -e .
	$(BIN)/python requirements/check.py --installed site
	@touch $(SITE_STAMP)

$(TEST_STAMP): requirements/test.txt $(SITE_STAMP)
	$(PIP_INSTALL) --require-hashes --no-deps -r requirements/test.txt
	$(BIN)/python requirements/check.py --installed test
	@touch $(TEST_STAMP)

serve: $(SITE_STAMP)
	RCP_SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# The published build, with the PDF of the whole framework (cached in .cache/rcp-docs/).
# ENGINE=mkdocs (the default), properdocs or zensical: the same site, strict, into site/ (README:
# "Engines"). Zensical runs no plugin: it builds from the folder that rcp-docs' publishing step
# writes into .zensical/ (git-ignored), through rcp_docs.publish.zensical. The other engines come
# with the test lock.
ENGINE ?= mkdocs
ENGINES := mkdocs properdocs zensical
build: $(if $(filter mkdocs,$(ENGINE)),$(SITE_STAMP),$(TEST_STAMP))
ifeq ($(ENGINE),mkdocs)
	RCP_PDF=true $(BIN)/mkdocs build --strict
else ifeq ($(ENGINE),properdocs)
	RCP_PDF=true $(BIN)/properdocs build --strict -f mkdocs.yml
else ifeq ($(ENGINE),zensical)
	$(BIN)/python -m rcp_docs.publish.zensical zensical --pdf --work .zensical --site-dir site
else
	@echo "ENGINE must be one of: $(ENGINES) (got: $(ENGINE))"; exit 1
endif

# A pull request's preview, to open from disk (a zip): links point at files, and every page says so.
preview: $(SITE_STAMP)
	RCP_PREVIEW="$(PREVIEW_COMMIT)" $(BIN)/mkdocs build --strict --site-dir site-preview

# Release the framework: set its version and date, keep a snapshot in releases/, print the summary.
VERSION ?=
release: $(SITE_STAMP)
	@test -n "$(VERSION)" || { echo "usage: make release VERSION=x.y.z"; exit 1; }
	$(BIN)/rcp-docs release "$(VERSION)"

validate: $(SITE_STAMP)
	$(BIN)/rcp-docs validate --readability error framework.yml

# For pull requests: annotations on framework.yml's lines, and what changed since BASE.
BASE ?= origin/main
FORMAT ?= text
annotate: $(SITE_STAMP)
	$(BIN)/rcp-docs validate --readability error --format github framework.yml

summary: $(SITE_STAMP)
	@$(BIN)/rcp-docs diff --format $(FORMAT) "$(BASE)" framework.yml

check-ids: $(SITE_STAMP)
	$(BIN)/rcp-docs diff --check --format github "$(BASE)" framework.yml

lint: $(TEST_STAMP)
	$(BIN)/ruff check rcp_docs tests benchmarks requirements
	$(BIN)/python requirements/check.py --lock
	$(BIN)/mypy
	$(BIN)/rcp-docs schema --check

# The browser tests drive a Chromium-family browser, never a snap: tests/browsers.py says which
# (RCP_BROWSER, Debian's chromium, Google Chrome as on GitHub's runners). None found: as root on
# Debian, install Debian's chromium without questions; otherwise say what to do, and fail under
# CI=true (elsewhere the browser tests are skipped). Needs only the system's python3, not .venv.
browser:
	@$(PYTHON) tests/browsers.py && exit 0; \
	if [ -z "$$RCP_BROWSER" ] && [ "$$(id -u)" = "0" ] && grep -qs '^ID=debian' /etc/os-release; then \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null && \
	  $(PYTHON) tests/browsers.py && exit 0; \
	fi; \
	if [ "$$CI" = "true" ]; then echo "CI=true: the browser tests cannot run without a browser."; exit 1; fi; \
	echo "The browser tests will be skipped."

test: $(TEST_STAMP) lint browser
	$(BIN)/python -m pytest

# The long fuzzing profile (make test runs the 2,000-example CI profile).
fuzz: $(TEST_STAMP)
	HYPOTHESIS_PROFILE=long $(BIN)/python -m pytest tests/test_fuzz.py -q

clean:
	rm -rf site site-preview .pytest_cache .mypy_cache .ruff_cache

# A fresh .venv from the lock (after a lock change that removes a package, say).
clean-venv:
	rm -rf $(VENV)

# The performance benchmark: prints a Markdown table, writes benchmarks/results/latest.json.
bench: $(TEST_STAMP)
	$(BIN)/python benchmarks/run.py

# Lighthouse (npm; 12.x runs on Debian's Node 20) on the main pages, served on 127.0.0.1 with
# gzip. Installed with `npm ci` from benchmarks/lighthouse/package-lock.json (exact versions with
# their integrity hashes; Dependabot keeps it current). Prints a table, writes
# test-artifacts/audit.json, fails under the targets.
AUDIT_DIR := .cache/audit
LIGHTHOUSE := $(AUDIT_DIR)/node_modules/.bin/lighthouse
$(LIGHTHOUSE): benchmarks/lighthouse/package-lock.json benchmarks/lighthouse/package.json
	@command -v npm >/dev/null 2>&1 || { echo "make audit needs Node.js and npm (apt-get install -y nodejs npm)"; exit 1; }
	mkdir -p $(AUDIT_DIR)
	cp benchmarks/lighthouse/package.json benchmarks/lighthouse/package-lock.json $(AUDIT_DIR)/
	npm ci --prefix $(AUDIT_DIR) --no-audit --no-fund --loglevel=error
	@touch $(LIGHTHOUSE)

audit: $(TEST_STAMP) browser $(LIGHTHOUSE)
	CHROME_PATH=/usr/bin/chromium $(BIN)/python benchmarks/audit.py --lighthouse $(LIGHTHOUSE)

# The lock (requirements/README.md): exact versions with hashes for every install, made from
# pyproject.toml's ranges. UPGRADE=1 moves every package to its newest allowed release.
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml requirements/build.in --universal --python-version 3.11 --generate-hashes --quiet $(if $(UPGRADE),--upgrade)
lock: $(TEST_STAMP)
	$(UV_COMPILE) -o requirements/site.txt
	$(UV_COMPILE) --extra test -c requirements/site.txt -o requirements/test.txt
	$(BIN)/python requirements/check.py --lock
