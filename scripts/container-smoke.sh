#!/usr/bin/env bash
# `make image-smoke`: build Toto's image with podman (no Docker engine needed) and check that
# it serves. The container runs the production settings against SQLite and local media:
# migrations on start, then /healthz, /readyz, /api/v2/pages/ and /admin/login/ must answer
# 200 on a loopback port, and the image's own HEALTHCHECK must pass.
#
# Needs root (or sudo) for apt-get, debootstrap and rootful podman. Everything it writes goes
# to a scratch folder under /tmp and podman's own store; nothing lands in the checkout.
#
#   BASE_IMAGE      base to build on (default localhost/bookworm-base, made with
#                   debootstrap when missing; python:3.12-slim works where a registry does)
#   IMAGE           tag to build (default localhost/toto:smoke)
#   DEBIAN_MIRROR   mirror for debootstrap (default http://deb.debian.org/debian)
#   PIP_CA_BUNDLE   CA bundle handed to pip as the pip_ca build secret, when it exists
#                   (default /etc/ssl/certs/ca-certificates.crt)
#   SMOKE_TIMEOUT   seconds to wait for the container to answer (default 90)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

BASE_IMAGE=${BASE_IMAGE:-localhost/bookworm-base}
IMAGE=${IMAGE:-localhost/toto:smoke}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
PIP_CA_BUNDLE=${PIP_CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}
SMOKE_TIMEOUT=${SMOKE_TIMEOUT:-90}

log() { printf '[smoke] %s\n' "$*" >&2; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

work=$(mktemp -d /tmp/toto-smoke.XXXXXX)
container=""
cleanup() {
  local status=$?
  if [ -n "$container" ]; then
    if [ "$status" -ne 0 ]; then
      log "container logs (last 60 lines):"
      as_root podman logs --tail 60 "$container" >&2 || true
    fi
    as_root podman rm --force --time 5 "$container" >/dev/null 2>&1 || true
    log "removed container $container"
  fi
  as_root rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

declare -a timings=()
mark() { timings+=("$(printf '%-26s %6ss' "$1" "$2")"); }
t_total=$(now)

# --- 1. podman and friends ---------------------------------------------------------------
t=$(now)
missing=()
for tool in podman:podman runc:runc netavark:/usr/lib/podman/netavark \
  aardvark-dns:/usr/lib/podman/aardvark-dns iptables:iptables debootstrap:debootstrap \
  uidmap:newuidmap curl:curl; do
  pkg=${tool%%:*} probe=${tool#*:}
  if [[ $probe == /* ]]; then [ -e "$probe" ] || missing+=("$pkg")
  else command -v "$probe" >/dev/null 2>&1 || missing+=("$pkg"); fi
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi
mark "install tools" "$(elapsed "$t")"

# crun refuses this kernel's cgroup layout and root cannot raise limits past the hard ones:
# runc, cgroupfs and soft = hard ulimits, in a private containers.conf (never the system one).
cat >"$work/containers.conf" <<'CONF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
CONF
export CONTAINERS_CONF="$work/containers.conf"
pm() { as_root env CONTAINERS_CONF="$CONTAINERS_CONF" podman "$@"; }

# --- 2. base image -----------------------------------------------------------------------
t=$(now)
if pm image exists "$BASE_IMAGE"; then
  log "base image $BASE_IMAGE present"
elif [ "$BASE_IMAGE" = localhost/bookworm-base ]; then
  log "building $BASE_IMAGE with debootstrap from $DEBIAN_MIRROR"
  as_root debootstrap --variant=minbase bookworm "$work/rootfs" "$DEBIAN_MIRROR" \
    >"$work/debootstrap.log" 2>&1 || { tail -n 30 "$work/debootstrap.log" >&2; exit 1; }
  # debootstrap leaves its downloaded packages behind; they would weigh on every image.
  as_root sh -c "rm -rf \"$work/rootfs\"/var/cache/apt/archives/*.deb \"$work/rootfs\"/var/lib/apt/lists/*"
  as_root tar -C "$work/rootfs" -c . | pm import - "$BASE_IMAGE" >/dev/null
  as_root rm -rf "$work/rootfs"
else
  log "base image $BASE_IMAGE will be pulled by the build"
fi
mark "base image" "$(elapsed "$t")"

# --- 3. build ----------------------------------------------------------------------------
t=$(now)
build_args=(--format docker --build-arg "BASE_IMAGE=$BASE_IMAGE" --tag "$IMAGE")
if [ -s "$PIP_CA_BUNDLE" ]; then
  build_args+=(--secret "id=pip_ca,src=$PIP_CA_BUNDLE")
fi
log "podman build ${build_args[*]} ."
pm build "${build_args[@]}" . >"$work/build.log" 2>&1 || { tail -n 60 "$work/build.log" >&2; exit 1; }
grep -E '^(\[[0-9/]+\] )?STEP|^COMMIT' "$work/build.log" | sed 's/^/  /' >&2 || true
mark "build image" "$(elapsed "$t")"
healthcheck=$(pm image inspect --format '{{json .Config.Healthcheck}}' "$IMAGE")
[ "$healthcheck" != "null" ] || { log "the image lost its HEALTHCHECK"; exit 1; }

# --- 4. run ------------------------------------------------------------------------------
t=$(now)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
container=toto-smoke-$$
pm run --detach --name "$container" --publish "127.0.0.1:$port:8000" \
  --tmpfs /tmp:rw,mode=1777 \
  --env SECRET_KEY=smoke-test-not-secret \
  --env DATABASE_URL=sqlite:////tmp/toto-smoke.sqlite3 \
  --env ALLOWED_HOSTS=127.0.0.1,localhost \
  --env SECURE_SSL_REDIRECT=False \
  --env SECURE_HSTS_SECONDS=0 \
  --env WAGTAILADMIN_BASE_URL="http://127.0.0.1:$port" \
  --env RUN_MIGRATIONS=1 \
  --env WEB_CONCURRENCY=2 \
  "$IMAGE" >/dev/null 2>"$work/run.err" || { cat "$work/run.err" >&2; exit 1; }
# Without systemd podman cannot schedule the HEALTHCHECK timer and says so; the check itself
# is run by hand below.
grep -v 'systemd connection' "$work/run.err" >&2 || true
log "container $container on 127.0.0.1:$port (migrating, then gunicorn)"

deadline=$(( $(date +%s) + SMOKE_TIMEOUT ))
until curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null; do
  if [ "$(pm inspect --format '{{.State.Running}}' "$container")" != true ]; then
    log "container exited"; exit 1
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    log "no answer on /healthz after ${SMOKE_TIMEOUT}s"; exit 1
  fi
  sleep 0.5
done
mark "start (migrate + serve)" "$(elapsed "$t")"

# --- 5. probe ----------------------------------------------------------------------------
t=$(now)
failed=0
probe() {  # probe PATH: print status and a short body, fail on anything but 200
  local path=$1 code
  code=$(curl -sS -o "$work/body" -w '%{http_code}' "http://127.0.0.1:$port$path") || code=000
  printf '  GET %-22s %s  %s\n' "$path" "$code" "$(head -c 160 "$work/body" | tr -s '\n ' ' ')"
  [ "$code" = 200 ] || failed=1
}
echo "[smoke] results:"
probe /healthz
probe /readyz
probe /api/v2/pages/
probe /admin/login/  # a template with {% static %}: the collected manifest is complete
if pm healthcheck run "$container" >/dev/null 2>&1; then  # the image's own HEALTHCHECK
  echo "  HEALTHCHECK (in container)  healthy"
else
  echo "  HEALTHCHECK (in container)  unhealthy"; failed=1
fi
mark "probes" "$(elapsed "$t")"
mark "total" "$(elapsed "$t_total")"

echo "[smoke] image $IMAGE: $(pm image inspect --format '{{.Size}}' "$IMAGE" \
  | awk '{ printf "%.0f MB", $1 / 1e6 }'), user $(pm image inspect --format '{{.Config.User}}' "$IMAGE")"
echo "[smoke] timings:"
printf '  %s\n' "${timings[@]}"
if [ "$failed" -ne 0 ]; then
  log "FAILED"; exit 1
fi
echo "[smoke] OK"
