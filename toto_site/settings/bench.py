"""`make bench` only: the production settings, plus a URLconf that serves Wagtail's stock pages
endpoint and a trivial view beside Toto's API (`toto_site/urls_bench.py`).

`scripts/bench.py` sets the environment production needs (SECRET_KEY, DATABASE_URL,
ALLOWED_HOSTS, REDIS_URL, S3) and plain HTTP on loopback; nothing here is ever deployed.
"""

import warnings

from .production import *  # noqa: F403
from .production import STORAGES

ROOT_URLCONF = "toto_site.urls_bench"

# The API serves no static files; the manifest storage would want a collectstatic first.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# No collectstatic for the bench: WhiteNoise would warn about the missing folder in every worker.
warnings.filterwarnings("ignore", message="No directory at")
