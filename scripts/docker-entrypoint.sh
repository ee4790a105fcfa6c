#!/bin/sh
# Entry point of Toto's image.
#
#   web (the default)   run migrations when RUN_MIGRATIONS=1, then serve with gunicorn
#   migrate             run migrations and exit (a release / init step)
#   anything else       run as given, e.g. `python manage.py createsuperuser`
#
# gunicorn is tuned by environment: PORT (8000), WEB_CONCURRENCY (workers, 2),
# GUNICORN_THREADS (4), GUNICORN_TIMEOUT (30 s); GUNICORN_CMD_ARGS adds any other flag.
set -eu

migrate() {
    python manage.py migrate --no-input
}

case "${1:-web}" in
    web)
        if [ "${RUN_MIGRATIONS:-0}" = "1" ]; then
            migrate
        fi
        exec gunicorn toto_site.wsgi:application \
            --bind "0.0.0.0:${PORT:-8000}" \
            --workers "${WEB_CONCURRENCY:-2}" \
            --worker-class gthread \
            --threads "${GUNICORN_THREADS:-4}" \
            --timeout "${GUNICORN_TIMEOUT:-30}" \
            --graceful-timeout 30 \
            --keep-alive 5 \
            --max-requests 1000 \
            --max-requests-jitter 100 \
            --worker-tmp-dir /dev/shm \
            --access-logfile - \
            --error-logfile -
        ;;
    migrate)
        migrate
        ;;
    *)
        exec "$@"
        ;;
esac
