# The two commands a newcomer needs: make run, make test. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint format lock check-deploy bench clean

## make run: install (once), migrate, load demo data, print the logins, serve on :8000
run: $(VENV)/.installed
	mkdir -p var
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py seed_demo
	@echo "Serving http://$(HOST):$(PORT)/  (Ctrl-C stops)"
	DEBUG=1 SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} $(PY) manage.py runserver $(HOST):$(PORT)

## make test: the whole suite on PostgreSQL (plus browser tests), then a SQLite smoke run
test: $(VENV)/.installed
	scripts/test.sh

install: $(VENV)/.installed

# Reinstall only when the pinned requirements change.
$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## make lock: re-pin requirements.lock from pyproject.toml's ranges
lock:
	rm -rf /tmp/plpg-lock && $(PYTHON) -m venv /tmp/plpg-lock
	/tmp/plpg-lock/bin/pip install --quiet ".[dev]"
	/tmp/plpg-lock/bin/pip freeze --exclude plpg > requirements.lock

## make bench: production-scale figures on PostgreSQL and a load test (bench/RESULTS.md)
bench: $(VENV)/.installed
	scripts/system_packages.sh
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) var staticfiles test-artifacts
