# Two commands do all set-up (see README): `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test bench serve validate lint clean goldens compile

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
	$(BIN)/rectrack validate
	$(BIN)/rectrack build $(if $(AS_OF),--as-of $(AS_OF))

test: compile
	$(BIN)/ruff check scripts tests bench
	$(BIN)/pytest -n 2 --dist loadgroup

bench: compile
	$(BIN)/python bench/run.py

serve: $(STAMP)
	$(BIN)/rectrack serve

validate: $(STAMP)
	$(BIN)/rectrack validate

goldens: $(STAMP)
	$(BIN)/pytest tests/test_goldens.py --update-goldens

clean:
	rm -rf $(VENV) site build
