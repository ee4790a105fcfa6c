# Toto — `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
SERVICES_DIR ?= /tmp/toto-services-dev
# Debian's chromium, driven by Playwright (its own browser download is not used): the admin's
# CSP test in `make test` and the journeys of `make e2e`.
CHROMIUM ?= /usr/bin/chromium

.DEFAULT_GOAL := help
.PHONY: help install run test faults e2e lint format bench soak services-up services-down clean image-smoke client-check messages

help: ## Show this help
	@grep -hE '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

# Installs go through uv (pinned in requirements-dev.txt, bootstrapped into the venv with pip):
# it keeps every == pin of the requirement files and takes seconds where pip took minutes.
# Stamps: `make run` needs only the runtime pins, the other targets the dev ones too.
UV_VERSION := $(shell sed -n 's/^uv==\([^ ]*\).*/\1/p' requirements-dev.txt)
UV := $(BIN)/uv
UV_STAMP := $(VENV)/.uv-$(UV_VERSION)
RUNTIME_STAMP := $(VENV)/.installed-runtime
DEV_STAMP := $(VENV)/.installed-dev

$(UV_STAMP):
	@echo "==> Creating $(VENV) and installing uv $(UV_VERSION)"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check --progress-bar off uv==$(UV_VERSION)
	touch $@

$(RUNTIME_STAMP): requirements.txt | $(UV_STAMP)
	@echo "==> Installing the runtime requirements (requirements.txt)"
	$(UV) pip install --python $(BIN)/python -r requirements.txt \
	  || { echo "==> uv failed; falling back to pip"; $(BIN)/python -m pip install -r requirements.txt; }
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(UV_STAMP)
	@echo "==> Installing the runtime, test and tooling requirements (requirements-dev.txt)"
	$(UV) pip install --python $(BIN)/python -r requirements-dev.txt \
	  || { echo "==> uv failed; falling back to pip"; $(BIN)/python -m pip install -r requirements-dev.txt; }
	touch $@ $(RUNTIME_STAMP)

install: $(DEV_STAMP) ## Create .venv and install every pin (runtime, tests, tooling)

run: $(RUNTIME_STAMP) ## Install the runtime pins, migrate, load the demo, ensure the admin, serve (PORT=8000)
	WAGTAILADMIN_BASE_URL=http://127.0.0.1:$(PORT) $(BIN)/python manage.py run_local 127.0.0.1:$(PORT)

test: install $(CHROMIUM) ## Run the whole suite against real PostgreSQL, Redis and S3 (started and stopped here)
	E2E_CHROMIUM=$(CHROMIUM) scripts/test.sh

faults: install ## Only the fault tests (Redis, PostgreSQL, S3 down; two app servers); `make test` runs them too
	scripts/test.sh tests/reliability/test_app_servers.py tests/reliability/test_redis_down.py \
	  tests/reliability/test_s3_unreachable.py -q

e2e: install $(CHROMIUM) ## Editors' journeys in headless Chromium against a live server on real services
	E2E_CHROMIUM=$(CHROMIUM) scripts/test.sh tests/e2e -m e2e -q

$(CHROMIUM):
	@echo "==> Installing Debian's chromium (make test, make e2e)"
	@command -v apt-get >/dev/null || { echo "No $(CHROMIUM) and no apt-get: install Chromium and run make e2e CHROMIUM=<its path>" >&2; exit 1; }
	if [ "$$(id -u)" -eq 0 ]; then as_root=; else as_root=sudo; fi; \
	  DEBIAN_FRONTEND=noninteractive $$as_root apt-get install -y --no-install-recommends chromium \
	  || { $$as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$as_root apt-get install -y --no-install-recommends chromium; }

lint: install ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Apply ruff's formatting and safe fixes
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

client-check: install ## Generate a TypeScript client from both API schemas and compile it (Node.js)
	scripts/typed-client-check.sh

# BENCH_ARGS="--lessons 100000" for the scale run; scripts/bench.py --help lists the options.
bench: install ## Content API over HTTP beside stock Wagtail (gunicorn, wrk, 5,000 lessons): req/s, p50/p99, queries, CPU
	scripts/with-services.sh $(BIN)/python scripts/bench.py $(BENCH_ARGS)

soak: install ## 64 learners for 60 s of mixed reads and writes against gunicorn: errors, lost writes, p50/p99
	scripts/with-services.sh $(BIN)/python scripts/soak.py

services-up: install ## Start PostgreSQL, Redis and S3 for local work; prints the env file to source
	scripts/services.sh up $(SERVICES_DIR)
	@echo "source $(SERVICES_DIR)/env"

services-down: ## Stop the services started by services-up
	scripts/services.sh down $(SERVICES_DIR)

messages: install ## Update the translation catalogs of core, members and abroad (needs GNU gettext), then compile them
	for app in core members abroad; do (cd $$app && ../$(BIN)/python ../manage.py makemessages --all --no-obsolete) || exit 1; done
	$(BIN)/python manage.py compile_catalogs

image-smoke: ## Build the image with podman and check it serves /healthz, /readyz and the API
	scripts/container-smoke.sh

clean: ## Remove the virtualenv, local database, media and recordings
	rm -rf $(VENV) db.sqlite3 media private_media staticfiles
