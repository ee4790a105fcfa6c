# Toto — `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
SERVICES_DIR ?= /tmp/toto-services-dev

.DEFAULT_GOAL := help
.PHONY: help install run test lint format bench services-up services-down clean image-smoke

help: ## Show this help
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(BIN)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed ## Create .venv and install pinned dependencies

run: install ## Migrate, load demo content, create an admin and serve on 127.0.0.1:$(PORT)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo_content
	WAGTAILADMIN_BASE_URL=http://127.0.0.1:$(PORT) $(BIN)/python manage.py ensure_local_admin
	WAGTAILADMIN_BASE_URL=http://127.0.0.1:$(PORT) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install ## Run the whole suite against real PostgreSQL, Redis and S3 (started and stopped here)
	scripts/test.sh

lint: install ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Apply ruff's formatting and safe fixes
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install ## Measure API response times and query counts on real services
	scripts/with-services.sh $(BIN)/python scripts/bench.py

services-up: install ## Start PostgreSQL, Redis and S3 for local work; prints the env file to source
	scripts/services.sh up $(SERVICES_DIR)
	@echo "source $(SERVICES_DIR)/env"

services-down: ## Stop the services started by services-up
	scripts/services.sh down $(SERVICES_DIR)

image-smoke: ## Build the image with podman and check it serves /healthz, /readyz and the API
	scripts/container-smoke.sh

clean: ## Remove the virtualenv, local database and media
	rm -rf $(VENV) db.sqlite3 media staticfiles
