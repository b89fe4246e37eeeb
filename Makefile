# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run demo-check test lint bench bench-app clean

# setup.py too: it holds the package list and the prompts/ mapping the editable install is built from.
$(STAMP): pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	# An editable install leaves our sources uncompiled, and with PYTHONDONTWRITEBYTECODE set every run
	# would compile them again (≈0.08 s of each `nianbao` start): compile them once, as pip does for wheels.
	$(BIN)/python -m compileall -q assistant
	touch $(STAMP)

# The browser app (起草 / 审核), in Chinese, offline unless a model is configured (see README).
run: $(STAMP)
	$(BIN)/streamlit run app.py

# The command-line checker on the bundled demo report (exit 1 is expected: the demo has errors).
demo-check: $(STAMP)
	$(BIN)/nianbao check fixtures/qingshiling-2024.txt --last-year fixtures/qingshiling-2023.txt; true

# Format, lint (with complexity), types, then the tests: the quick checks fail first.
test: lint
	$(BIN)/python -m pytest

# Everything but the tests: formatting, ruff's rules (complexity included), mypy over assistant/ ([tool.mypy]).
lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/check_speed.py

bench-app: $(STAMP)
	$(BIN)/python benchmarks/app_speed.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
