# Toto — `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
SERVICES_DIR ?= /tmp/toto-services-dev

.DEFAULT_GOAL := help
.PHONY: help install run test faults lint format bench soak services-up services-down clean image-smoke

help: ## Show this help
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

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

test: install ## Run the whole suite against real PostgreSQL, Redis and S3 (started and stopped here)
	scripts/test.sh

faults: install ## Only the fault tests (Redis, PostgreSQL, S3 down; two app servers); `make test` runs them too
	scripts/test.sh tests/reliability/test_app_servers.py tests/reliability/test_redis_down.py \
	  tests/reliability/test_s3_unreachable.py -q

lint: install ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Apply ruff's formatting and safe fixes
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install ## Measure API response times and query counts on real services
	scripts/with-services.sh $(BIN)/python scripts/bench.py

soak: install ## 64 learners for 60 s of mixed reads and writes against gunicorn: errors, lost writes, p50/p99
	scripts/with-services.sh $(BIN)/python scripts/soak.py

services-up: install ## Start PostgreSQL, Redis and S3 for local work; prints the env file to source
	scripts/services.sh up $(SERVICES_DIR)
	@echo "source $(SERVICES_DIR)/env"

services-down: ## Stop the services started by services-up
	scripts/services.sh down $(SERVICES_DIR)

image-smoke: ## Build the image with podman and check it serves /healthz, /readyz and the API
	scripts/container-smoke.sh

clean: ## Remove the virtualenv, local database, media and recordings
	rm -rf $(VENV) db.sqlite3 media private_media staticfiles
