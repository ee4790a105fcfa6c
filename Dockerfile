# syntax=docker/dockerfile:1
# Toto's web image: gunicorn serving toto_site.wsgi with production settings.
#
#   docker build -t toto .
#   podman build --format docker --secret id=pip_ca,src=/etc/ssl/certs/ca-certificates.crt \
#       --build-arg BASE_IMAGE=localhost/bookworm-base -t toto .
#
# BASE_IMAGE may be the official python image or a bare Debian bookworm (debootstrap) base:
# python3 and its venv module are installed with apt only when the base lacks them.
# The optional build secret `pip_ca` is a CA bundle for pip behind a TLS-intercepting proxy.
# Python 3.11, as in CI and the README (and Debian bookworm's python3): the pins are resolved
# and tested on it (Django 5.2 LTS; Django 6 would need 3.12).
ARG BASE_IMAGE=python:3.11-slim

# --- runtime: python3, CA certificates and the app user, shared by the stages below ------
FROM ${BASE_IMAGE} AS runtime

ENV DEBIAN_FRONTEND=noninteractive \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1

# The official python image has all of it; a debootstrap base has no python3, no venv module
# (Debian splits it out) and no ca-certificates (HTTPS to S3, SMTP and OAuth providers).
RUN if ! python3 -c "import ensurepip, venv" >/dev/null 2>&1 \
        || [ ! -e /etc/ssl/certs/ca-certificates.crt ]; then \
        apt-get update \
        && apt-get install -y --no-install-recommends python3 python3-venv ca-certificates \
        && apt-get clean \
        && rm -rf /var/lib/apt/lists/*; \
    fi \
    && groupadd --system --gid 10001 toto \
    && useradd --system --uid 10001 --gid toto --create-home --home-dir /home/toto \
        --shell /usr/sbin/nologin toto

# --- builder: the virtualenv with the runtime requirements (not the dev ones) ------------
FROM runtime AS builder

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN python3 -m venv /opt/venv

COPY requirements.txt /tmp/requirements.txt
# Every runtime dependency ships manylinux wheels (psycopg2-binary bundles libpq), so no
# compiler or -dev package is needed here.
RUN --mount=type=secret,id=pip_ca \
    if [ -s /run/secrets/pip_ca ]; then export PIP_CERT=/run/secrets/pip_ca; fi \
    && /opt/venv/bin/python -m pip install -r /tmp/requirements.txt

# --- final: the app, its static files and gunicorn, as the non-root user -----------------
FROM runtime AS final

ENV PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=toto_site.settings.production \
    PORT=8000

COPY --from=builder /opt/venv /opt/venv

WORKDIR /app
COPY . /app

# Static files are collected and the translation catalogs compiled at build time; production
# settings insist on these three variables, so the build steps get throwaway values that never
# reach the running image.
RUN export SECRET_KEY=collectstatic-only \
        DATABASE_URL=sqlite:////tmp/collectstatic.sqlite3 \
        ALLOWED_HOSTS=localhost \
    && python manage.py collectstatic --no-input --verbosity 0 \
    && python manage.py compile_catalogs --force --verbosity 0 \
    && chmod 0755 /app/scripts/docker-entrypoint.sh \
    && mkdir -p /app/media /app/private_media/recordings \
    && chown -R toto:toto /app/media /app/private_media

USER toto
EXPOSE 8000

# Liveness only (no database); sends a Host from ALLOWED_HOSTS so Django accepts it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; host = next((h.lstrip('.') for h in os.environ.get('ALLOWED_HOSTS', '').split(',') if h.strip() and '*' not in h), 'localhost').strip(); req = urllib.request.Request('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), headers={'Host': host}); urllib.request.urlopen(req, timeout=4)"]

ENTRYPOINT ["/app/scripts/docker-entrypoint.sh"]
CMD ["web"]
