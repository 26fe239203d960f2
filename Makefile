# Every target builds its own virtual environment from pyproject.toml on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test check lint typecheck contracts pytest browser serve bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/qbsync demo

test: check

check: lint typecheck contracts pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

contracts: $(STAMP)
	$(BIN)/lint-imports

pytest: $(STAMP)
	$(BIN)/pytest

# The pages in Debian's chromium (apt-get install chromium); screenshots in test-artifacts/.
browser: $(STAMP)
	$(BIN)/pytest tests/browser

serve: $(STAMP)
	$(BIN)/qbsync serve

bench: $(STAMP)
	$(BIN)/python -m bench.ledger_throughput
	$(BIN)/python -m bench.policy_engine
	$(BIN)/python -m bench.qbxml_round_trips
	$(BIN)/python -m bench.simulator_throughput
	$(BIN)/python -m bench.simulator_scale
	$(BIN)/python -m bench.sync_throughput

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache test-artifacts
