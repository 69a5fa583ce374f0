# fortran-tei — `make volume` builds the sample volume into dist/, `make test` runs the suite.
# Both set themselves up from nothing: a virtual environment with pinned packages and, for
# the tests, the external checkers (EPUBCheck, Nu Html Checker, Ace, axe-core, Chromium, jing).

PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
STAMP    := $(VENV)/.installed
CHECKERS ?= /opt/checkers
export CHECKERS

.PHONY: volume test validate schema checkers bench clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

volume: $(STAMP)
	$(BIN)/fortran-tei validate tei
	$(BIN)/fortran-tei build tei -o dist

validate: $(STAMP)
	$(BIN)/fortran-tei validate --strict tei

test: $(STAMP) checkers
	$(BIN)/python -m pytest -q

# The XML syntax that lxml reads is generated from the readable compact syntax.
schema: $(STAMP)
	$(BIN)/python -m rnc2rng schemas/fortran-tei.rnc schemas/fortran-tei.rng

checkers:
	@bash tools/install-checkers.sh

bench: $(STAMP)
	$(BIN)/python bench/benchmark.py

clean:
	rm -rf dist .pytest_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
