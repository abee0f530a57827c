# SSP-uddannelsen: `make run` starts the whole site, `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

.PHONY: help run test test-fast install install-test system-deps migrate seed idp totp lint \
	format typecheck messages lock check-deploy bench clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[1m%-14s\033[0m %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed-base: $(BIN)/python requirements/base.txt
	$(BIN)/pip install --quiet -r requirements/base.txt
	touch $@

$(VENV)/.installed-test: $(BIN)/python requirements/test.txt
	$(BIN)/pip install --quiet -r requirements/test.txt
	touch $@ $(VENV)/.installed-base

node_modules/.installed: package.json
	npm install --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed-base node_modules/.installed ## Install Python and npm dependencies

install-test: $(VENV)/.installed-test node_modules/.installed ## Install test dependencies too

system-deps: ## Install what pip and npm cannot: Chromium, gettext, Pango, redis-server
	scripts/system-deps.sh

migrate: install ## Apply database migrations
	$(MANAGE) migrate --no-input

seed: migrate ## Create the demo content and demo users (idempotent)
	$(MANAGE) seed_demo

run: seed ## Start web, worker, beat and the test IdP on http://127.0.0.1:8000 (embedded mode)
	@echo "Starter SSP-uddannelsen på http://127.0.0.1:8000 og test-IdP'en for MitID Erhverv på http://127.0.0.1:8001 (Ctrl+C stopper)"
	DJANGO_SETTINGS_MODULE=lms.settings.dev $(BIN)/honcho start

idp: migrate ## Serve only the local test IdP for MitID Erhverv on http://127.0.0.1:8001
	DJANGO_SETTINGS_MODULE=lms.settings.dev $(MANAGE) saml_test_idp

totp: ## Print the demo administrator's current two-factor code
	@$(MANAGE) demo_totp

lint: install-test ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Services, selectors, tasks and consumers (STYLE.md).
TYPED := core/mail.py core/text_guard.py core/tasks.py core/personal_data.py core/erasure.py \
	core/consumers.py accounts/services.py accounts/selectors.py accounts/nemlogin.py courses/services courses/selectors \
	courses/tasks.py network/services network/selectors network/tasks.py \
	evaluations/services evaluations/tallies.py evaluations/selectors evaluations/tasks.py \
	webinars/services webinars/selectors webinars/consumers.py webinars/actions.py \
	webinars/tasks.py webinars/realtime.py webinars/protocol.py webinars/catchup.py core/ws_auth.py core/db_threads.py \
	core/admission.py core/health.py core/sessions.py core/redis_pool.py

typecheck: install-test ## mypy with django-stubs on services, selectors, tasks and consumers
	env -u DATABASE_URL -u REDIS_URL $(BIN)/mypy $(TYPED)

format: install-test ## Format and fix the code with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: install ## Update and compile the Danish translations (needs gettext)
	$(MANAGE) makemessages --locale da --ignore ".venv/*" --ignore "node_modules/*" \
		--ignore "tests/*" --ignore "bench/*" --no-obsolete
	$(MANAGE) compilemessages --locale da --ignore ".venv/*"

lock: $(BIN)/python ## Re-pin requirements/*.txt from pyproject.toml
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --no-emit-index-url --no-emit-trusted-host --strip-extras -o requirements/base.txt pyproject.toml
	$(BIN)/pip-compile --quiet --no-emit-index-url --no-emit-trusted-host --strip-extras --extra test -o requirements/test.txt pyproject.toml

check-deploy: install ## Run `check --deploy` with production settings
	DJANGO_SETTINGS_MODULE=lms.settings.production \
	DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-check-deploy-$$(date +%s)-not-a-real-secret-key-0123456789abcdef} \
	DJANGO_ALLOWED_HOSTS=$${DJANGO_ALLOWED_HOSTS:-ssp-uddannelsen.dk} \
	SITE_BASE_URL=$${SITE_BASE_URL:-https://ssp-uddannelsen.dk} \
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres} \
	REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} \
	EMAIL_URL=$${EMAIL_URL:-smtp://127.0.0.1:25} \
	$(MANAGE) check --deploy --fail-level WARNING

# Tests talk to real services: PostgreSQL and Redis on this machine unless set.
TEST_DATABASE_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/ssp)
TEST_REDIS_URL ?= $(or $(REDIS_URL),redis://127.0.0.1:6379/1)

# Test processes (pytest-xdist): each has its own test database (test_ssp_gw0, ...) and
# the Redis database after the previous one's (REDIS_URL's number + its index,
# tests/conftest.py). At most one per core; PYTEST_WORKERS=0 runs in this process.
PYTEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 1); [ $$n -lt 2 ] && echo $$n || echo 2)
# A fresh test database every run (CI and `make test`); `make test-fast` keeps it.
PYTEST_DB ?= --create-db

test: install-test system-deps ## Lint, check migrations, run every test (services mode), then smoke and browser tests in embedded mode
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	env -u DATABASE_URL -u REDIS_URL $(BIN)/mypy $(TYPED)
	env -u DATABASE_URL -u REDIS_URL DJANGO_SETTINGS_MODULE=lms.settings.test $(MANAGE) makemigrations --check --dry-run
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_DB) $(PYTEST_ARGS)
	env -u DATABASE_URL -u REDIS_URL $(BIN)/pytest -n $(PYTEST_WORKERS) -m "smoke or browser" $(PYTEST_ARGS)

test-fast: ## As `make test`, but keeps the services-mode test databases between runs (--reuse-db; new migrations are applied, after editing one run `make test`)
	$(MAKE) test PYTEST_DB=--reuse-db

bench: install-test ## Run the benchmarks in bench/
	@for script in pages reports enrolment webinar_fanout webinar_wire; do \
		echo "== bench/$$script.py"; $(BIN)/python bench/$$script.py; done

clean: ## Remove the local database, outbox and broker files (var/)
	rm -rf var
