# Two commands do all set-up (see README): `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test test-fast check bench serve validate clean compile browser

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test,import,bench]'
	touch $(STAMP)

# Byte-compile our own package: pip compiles installed packages, not an editable one, and with
# PYTHONDONTWRITEBYTECODE set (as on CI machines) every command would otherwise recompile it.
compile: $(STAMP)
	$(BIN)/python -m compileall -q scripts/rectrack

site: compile
	$(BIN)/rectrack validate --strict
	$(BIN)/rectrack build $(if $(AS_OF),--as-of $(AS_OF))

# The whole suite: lint, types, every test including the browser tests (which need Chromium).
test: browser check
	$(BIN)/pytest -n 2 --dist loadgroup

# The quick loop while working: lint, types and every test that needs no browser.
test-fast: check
	$(BIN)/pytest -n 2 --dist loadgroup -m "not browser"

check: compile
	$(BIN)/ruff check scripts tests bench
	$(BIN)/mypy

# The browser tests drive Debian's Chromium (Playwright's own download cannot work offline): stop at
# once, with one line, when it is missing, instead of failing a hundred tests.
CHROMIUM ?= $(or $(RECTRACK_CHROMIUM),/usr/bin/chromium)
browser:
	@test -x "$(CHROMIUM)" || { echo "make test needs Chromium at $(CHROMIUM) for the browser tests: install it (Debian/Ubuntu: sudo apt-get install chromium), set RECTRACK_CHROMIUM=/path/to/chromium, or run 'make test-fast' to skip them." >&2; exit 2; }

bench: compile
	$(BIN)/python bench/run.py

serve: $(STAMP)
	$(BIN)/rectrack serve

validate: $(STAMP)
	$(BIN)/rectrack validate --strict

clean:
	rm -rf $(VENV) site build
