#!/usr/bin/env bash
# Start or stop the real services the test suite talks to: PostgreSQL, Redis and an
# S3-compatible server (moto), each on a free loopback port under one scratch folder.
#
#   scripts/services.sh up DIR     install what is missing, start all three, write DIR/env
#   scripts/services.sh down DIR   stop all three (by PID file) and remove DIR
#
# DIR/env holds DATABASE_URL, REDIS_URL and the AWS_* variables for the settings to read.
set -euo pipefail

cmd=${1:?usage: services.sh up|down DIR}
dir=${2:?usage: services.sh up|down DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
venv_bin="$root/.venv/bin"

log() { printf '[services] %s\n' "$*" >&2; }

free_port() {
  "$venv_bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

wait_for() {  # wait_for NAME SECONDS COMMAND...
  local name=$1 seconds=$2; shift 2
  local tries=$((seconds * 10))
  until "$@" >/dev/null 2>&1; do
    tries=$((tries - 1))
    if [ "$tries" -le 0 ]; then log "$name did not become ready"; return 1; fi
    sleep 0.1
  done
}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

pg_bindir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

ensure_installed() {
  local missing=()
  [ -n "$(pg_bindir)" ] && [ -x "$(pg_bindir)/initdb" ] || missing+=(postgresql-15)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    apt_install "${missing[@]}"
  fi
  [ -x "$venv_bin/moto_server" ] || { log "moto_server missing from .venv"; exit 1; }
}

up() {
  ensure_installed
  mkdir -p "$dir"
  chmod 755 "$dir"
  local bindir pg_port redis_port s3_port
  bindir=$(pg_bindir)
  pg_port=$(free_port); redis_port=$(free_port); s3_port=$(free_port)

  # PostgreSQL refuses to run as root: its folders belong to the postgres user.
  mkdir -p "$dir/pg"
  local run_pg=()
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir "$dir/pg" postgres
    chown -R postgres "$dir/pg"
    run_pg=(runuser -u postgres --)
  fi
  "${run_pg[@]}" "$bindir/initdb" -D "$dir/pg/data" -U postgres -A trust -E UTF8 --no-locale >"$dir/pg/initdb.log" 2>&1 \
    || { cat "$dir/pg/initdb.log" >&2; exit 1; }
  "${run_pg[@]}" "$bindir/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/server.log" -w -t 30 \
    -o "-h 127.0.0.1 -p $pg_port -k $dir/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$dir/pg/server.log" >&2; exit 1; }
  psql -h 127.0.0.1 -p "$pg_port" -U postgres -q -c "CREATE ROLE toto LOGIN CREATEDB PASSWORD 'toto'" \
    -c "CREATE DATABASE toto OWNER toto" >/dev/null
  log "postgresql on 127.0.0.1:$pg_port"

  redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no \
    --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir"
  wait_for redis 10 redis-cli -p "$redis_port" ping
  log "redis on 127.0.0.1:$redis_port"

  "$venv_bin/moto_server" -H 127.0.0.1 -p "$s3_port" >"$dir/moto.log" 2>&1 &
  echo $! >"$dir/moto.pid"
  wait_for moto 30 "$venv_bin/python" -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$s3_port/')"
  log "s3 (moto) on 127.0.0.1:$s3_port"

  cat >"$dir/env" <<ENV
export DATABASE_URL=postgres://toto:toto@127.0.0.1:$pg_port/toto
export REDIS_URL=redis://127.0.0.1:$redis_port/0
export AWS_STORAGE_BUCKET_NAME=toto-test-media
export AWS_S3_ENDPOINT_URL=http://127.0.0.1:$s3_port
export AWS_S3_REGION_NAME=us-east-1
export AWS_ACCESS_KEY_ID=testing
export AWS_SECRET_ACCESS_KEY=testing
ENV
}

down() {
  [ -d "$dir" ] || return 0
  local bindir
  bindir=$(pg_bindir)
  if [ -f "$dir/pg/data/postmaster.pid" ]; then
    if [ "$(id -u)" -eq 0 ]; then
      runuser -u postgres -- "$bindir/pg_ctl" -D "$dir/pg/data" -m immediate stop >/dev/null 2>&1 || true
    else
      "$bindir/pg_ctl" -D "$dir/pg/data" -m immediate stop >/dev/null 2>&1 || true
    fi
  fi
  for pidfile in "$dir/redis.pid" "$dir/moto.pid"; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  rm -rf "$dir"
  log "stopped"
}

case "$cmd" in
  up) up ;;
  down) down ;;
  *) echo "usage: services.sh up|down DIR" >&2; exit 2 ;;
esac
