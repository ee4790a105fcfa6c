"""Local development: the embedded default unless the environment says otherwise."""

from urllib.parse import urlsplit

from .base import *  # noqa: F403
from .base import APP_URL, env

DEBUG = env.bool("DEBUG", default=True)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["*"])

# The learner app under development (APP_URL, and the usual local dev servers: a web app on
# port 3000, Expo's web build on 8081) may call the API from a browser. APP_URL may be empty
# (no app: Toto renders its pages itself, core.pages).
_app_origin = "{0.scheme}://{0.netloc}".format(urlsplit(APP_URL)) if APP_URL else None
CORS_ALLOWED_ORIGINS = env.list(
    "CORS_ALLOWED_ORIGINS",
    default=list(
        dict.fromkeys(
            [
                *([_app_origin] if _app_origin else []),
                "http://localhost:3000",
                "http://127.0.0.1:3000",
                "http://localhost:8081",
            ]
        )
    ),
)

# Serve static files straight from the apps, without collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
