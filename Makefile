# Two commands do all set-up (see README): `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test test-fast check bench serve validate clean compile browser vendor

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
# The slowest tests are listed at the end: CI must stay under 20 minutes, and its log shows where the time goes.
test: browser check
	$(BIN)/pytest -n 2 --dist loadgroup --durations=25

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

# The response form writes YAML with js-yaml, kept in the package's assets with its licence (no CDN:
# the site loads nothing from other hosts). The copy is committed, so building the site needs no npm;
# this target fetches it again from the npm registry (npm checks the package's integrity) to update it.
JS_YAML_VERSION := 5.5.0
JS_YAML_DIR := scripts/rectrack/assets/vendor/js-yaml
vendor:
	@command -v npm >/dev/null || { echo "make vendor needs npm (Debian/Ubuntu: sudo apt-get install npm)" >&2; exit 2; }
	tmp=$$(mktemp -d) && (cd $$tmp && npm pack --silent js-yaml@$(JS_YAML_VERSION) >/dev/null && tar xzf js-yaml-$(JS_YAML_VERSION).tgz) \
	  && mkdir -p $(JS_YAML_DIR) \
	  && cp $$tmp/package/dist/browser/js-yaml.esm.min.mjs $(JS_YAML_DIR)/js-yaml.js \
	  && cp $$tmp/package/LICENSE $(JS_YAML_DIR)/LICENSE && cp $$tmp/package/package.json $(JS_YAML_DIR)/package.json \
	  && rm -rf $$tmp

bench: compile
	$(BIN)/python bench/run.py

serve: $(STAMP)
	$(BIN)/rectrack serve

validate: $(STAMP)
	$(BIN)/rectrack validate --strict

clean:
	rm -rf $(VENV) site build
