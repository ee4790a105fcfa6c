#!/usr/bin/env bash
# `make test`: start real PostgreSQL, Redis and S3 (moto), run the whole suite against them,
# and stop them again whatever the outcome.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

services_dir=$(mktemp -d /tmp/toto-services.XXXXXX)
trap 'scripts/services.sh down "$services_dir"' EXIT INT TERM
scripts/services.sh up "$services_dir"
# shellcheck disable=SC1091
source "$services_dir/env"

export DJANGO_SETTINGS_MODULE=toto_site.settings.test
.venv/bin/python manage.py compile_catalogs --verbosity 0
.venv/bin/python manage.py check --fail-level WARNING
.venv/bin/python manage.py makemigrations --check --dry-run
.venv/bin/pytest "$@"
