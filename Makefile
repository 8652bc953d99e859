# Desk: the two commands a newcomer needs are `make demo` and `make test`.
# Both create .venv and install what they need (Python 3.11 is all the machine must have).

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test lint format migrations bench bench-small worker beat clean help

help:
	@echo "make demo    - install, migrate, load the demo company and serve Desk on http://$(HOST):$(PORT)"
	@echo "make test    - install test tools and run lint, migration check and the whole test suite"
	@echo "make bench   - the performance benchmark (PostgreSQL; see bench/README.md)"

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Desk needs $(PYTHON) on PATH"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet ".[test]"
	@touch $@

demo: $(VENV)/.installed
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py load_demo
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations: $(VENV)/.installed
	DEBUG=1 $(BIN)/python manage.py makemigrations

worker: $(VENV)/.installed
	$(BIN)/celery -A desk worker --loglevel=info

beat: $(VENV)/.installed
	$(BIN)/celery -A desk beat --loglevel=info

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles
