#!/usr/bin/env bash
# Run one command with real PostgreSQL, Redis and S3 (moto) started for it, and stop them again
# whatever the outcome: `scripts/with-services.sh .venv/bin/python scripts/bench.py`.
# The command sees DATABASE_URL, REDIS_URL and the AWS_* variables (see scripts/services.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if [ $# -eq 0 ]; then
  echo "usage: scripts/with-services.sh COMMAND [ARG...]" >&2
  exit 2
fi

services_dir=$(mktemp -d /tmp/toto-services.XXXXXX)
trap 'scripts/services.sh down "$services_dir"' EXIT INT TERM
scripts/services.sh up "$services_dir"
# shellcheck disable=SC1091
source "$services_dir/env"

"$@"
