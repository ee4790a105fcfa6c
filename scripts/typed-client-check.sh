#!/usr/bin/env bash
# `make client-check`: generate a TypeScript client from both OpenAPI documents with
# openapi-typescript and compile a small app module against it with tsc --strict.
#
# The module (scripts/typed-client/check.ts) fails to compile if a lesson block, a block's value,
# an attempt's exercise, answer or feedback comes out as `unknown`, or if narrowing a block by
# `type` or an attempt by `block_type` does not give that type's fields. The documents are
# written by Django without a server or database (`content_schema`, `spectacular`).
#
# Needs Node.js and npm (the npm registry, or a cache with the pinned packages). Work files go
# to a temporary folder, removed afterwards; KEEP=1 keeps them and prints where.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

OPENAPI_TYPESCRIPT=7.13.0
TYPESCRIPT=5.9.3

command -v node >/dev/null && command -v npm >/dev/null \
  || { echo "client-check: Node.js and npm are needed" >&2; exit 1; }

work=$(mktemp -d /tmp/toto-typed-client.XXXXXX)
if [ "${KEEP:-}" = 1 ]; then
  echo "client-check: work files kept in $work"
else
  trap 'rm -rf "$work"' EXIT
fi

export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-toto_site.settings.dev}
echo "==> The two documents"
.venv/bin/python manage.py spectacular --format openapi-json --validate --fail-on-warn \
  --file "$work/learner.json"
.venv/bin/python manage.py content_schema --check --file "$work/content.json"

echo "==> openapi-typescript $OPENAPI_TYPESCRIPT, typescript $TYPESCRIPT"
cp scripts/typed-client/check.ts scripts/typed-client/tsconfig.json "$work/"
cd "$work"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund --save-exact \
  "openapi-typescript@$OPENAPI_TYPESCRIPT" "typescript@$TYPESCRIPT"
npx --no-install openapi-typescript learner.json --output learner.d.ts
npx --no-install openapi-typescript content.json --output content.d.ts

echo "==> tsc --strict"
npx --no-install tsc --project tsconfig.json
echo "client-check: the typed client compiles; lesson blocks and attempts are fully typed"
# Response header maps are `[name: string]: unknown` in every generated client; any other
# `unknown` in the content client would be an untyped value.
untyped=$(grep 'unknown' content.d.ts | grep -vc '\[name: string\]: unknown' || true)
echo "  content.d.ts: $(wc -l <content.d.ts) lines, $untyped untyped value(s);" \
  "learner.d.ts: $(wc -l <learner.d.ts) lines"
[ "$untyped" = 0 ] || { grep -n 'unknown' content.d.ts | grep -v '\[name: string\]'; exit 1; }
