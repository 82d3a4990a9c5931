# Two commands do all set-up (see README): `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test bench serve validate lint clean goldens

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test,import,bench]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/rectrack validate
	$(BIN)/rectrack build $(if $(AS_OF),--as-of $(AS_OF))

test: $(STAMP)
	$(BIN)/ruff check scripts tests bench
	$(BIN)/pytest -n 2 --dist loadgroup

bench: $(STAMP)
	$(BIN)/python bench/run.py

serve: $(STAMP)
	$(BIN)/rectrack serve

validate: $(STAMP)
	$(BIN)/rectrack validate

goldens: $(STAMP)
	$(BIN)/pytest tests/test_goldens.py --update-goldens

clean:
	rm -rf $(VENV) site build
