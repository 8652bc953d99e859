# Desk: the two commands a newcomer needs are `make demo` and `make test`.
# Both create .venv and install what they need (Python 3.11 is all the machine must have).

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Where the demo is reached: the login address it prints and its emails' links follow HOST and PORT.
DESK_BASE_URL ?= http://$(HOST):$(PORT)
# axe-core (accessibility rules) for the browser tests, from npm into a git-ignored folder.
AXE_VERSION := 4.14.1
AXE := .cache/npm/node_modules/axe-core/axe.min.js

.PHONY: demo test lint format migrations messages bench bench-small worker beat clean help

help:
	@echo "make demo    - install, migrate, load the demo company and serve Desk on http://$(HOST):$(PORT)"
	@echo "make test    - install test tools and run lint, migration check and the whole test suite"
	@echo "make bench   - the performance benchmark (PostgreSQL; see bench/README.md)"
	@echo "make messages - collect new strings into locale/pl and compile them (needs gettext)"

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Desk needs $(PYTHON) on PATH"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet ".[test]"
	@touch $@

demo: $(VENV)/.installed
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 DESK_BASE_URL=$(DESK_BASE_URL) $(BIN)/python manage.py load_demo
	DEBUG=1 DESK_BASE_URL=$(DESK_BASE_URL) $(BIN)/python manage.py runserver $(HOST):$(PORT)

$(AXE):
	npm install --no-save --no-audit --no-fund --loglevel=error --prefix .cache/npm axe-core@$(AXE_VERSION)

test: $(VENV)/.installed $(AXE)
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

# Translations (needs GNU gettext): collect new strings into locale/pl/LC_MESSAGES/django.po,
# then compile django.mo (committed). Translate what is new, run it again, commit both files.
messages: $(VENV)/.installed
	DEBUG=1 $(BIN)/python manage.py makemessages -l pl --no-obsolete \
		--ignore=.venv --ignore=tests --ignore=bench --ignore=artifacts --ignore=.cache
	DEBUG=1 $(BIN)/python manage.py compilemessages -l pl --ignore=.venv --ignore=.cache

worker: $(VENV)/.installed
	$(BIN)/celery -A desk worker --loglevel=info

beat: $(VENV)/.installed
	$(BIN)/celery -A desk beat --loglevel=info

# The performance benchmark (bench/README.md): needs PostgreSQL (BENCH_DATABASE_URL, default
# postgres://postgres@127.0.0.1:5432/desk_bench), Redis (BENCH_REDIS_URL, default database 14)
# and wrk; creates and drops desk_bench_<size>. `bench` runs 10k, 100k and 1M requests (about
# 20 minutes); `bench-small` 10k only, with fewer samples and shorter load phases (a few minutes).
bench: $(VENV)/.installed
	$(BIN)/python -m bench.run --sizes 10k,100k,1m

bench-small: $(VENV)/.installed
	$(BIN)/python -m bench.run --sizes 10k --quick

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles
