"""Settings shared by every environment.

Everything that differs between machines comes from the environment (see `.env.example`).
With no environment at all Toto runs embedded: SQLite, a local-memory cache, media on local
disk and mail on the console. `DATABASE_URL`, `REDIS_URL` and `AWS_STORAGE_BUCKET_NAME` switch
each of those to PostgreSQL, Redis and S3 independently.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from botocore.config import Config as BotoConfig

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
if env.bool("TOTO_READ_DOT_ENV", default=False):
    environ.Env.read_env(BASE_DIR / ".env")

# Overridden in production.py, which refuses to start without a real one.
SECRET_KEY = env("SECRET_KEY", default="insecure-dev-only-key-do-not-use-in-production")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
WAGTAIL_APPS = [
    "wagtail.contrib.redirects",
    # Editors translate pages and snippets segment by segment, synced with the source, with
    # PO export/import (wagtail-localize; its locales admin replaces Wagtail's).
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "members.apps.UsersAppConfig",  # wagtail.users with the member role on its forms
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
]
THIRD_PARTY_APPS = [
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.apple",
    "allauth.socialaccount.providers.facebook",
    "allauth.socialaccount.providers.google",
    "allauth.headless",
    "axes",  # the login lockout (members/middleware.py)
    "rest_framework",
    "rest_framework_simplejwt",
    "rest_framework_simplejwt.token_blacklist",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI and Redoc assets, served from /static/
    "corsheaders",
    "storages",
]
LOCAL_APPS = [
    "core",
    "members",
    "home",
    "lessons",
    "abroad",
]
INSTALLED_APPS = LOCAL_APPS + WAGTAIL_APPS + THIRD_PARTY_APPS + DJANGO_APPS

MIDDLEWARE = [
    "toto_site.health.HealthProbeMiddleware",
    # Anonymous content API reads answered from the cache before everything below, headers
    # included (their answers are stored on the way out, as the client gets them; the key holds
    # what the middleware below reads of a request: scheme, host, Origin): core/response_cache.py.
    "core.response_cache.ContentAnswerCacheMiddleware",
    # Before every guard and view: preflights are answered here, unauthenticated, and errors
    # answered further in still carry the CORS headers a browser needs to read them.
    "corsheaders.middleware.CorsMiddleware",
    "core.middleware.JSONErrorMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.csp.AdminCSPMiddleware",
    "core.middleware.APITrailingSlashMiddleware",
    "core.middleware.JSONBodyGuardMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's LocaleMiddleware, but only page URLs take their language from the path; the
    # API, sign-in and the admin follow Accept-Language (core.locales).
    "core.locales.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "members.middleware.AllauthRateLimitStatusMiddleware",
    # Answers a locked-out login attempt (members.middleware.lockout_response).
    "axes.middleware.AxesMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "toto_site.urls"
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
WSGI_APPLICATION = "toto_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    # Persistent connections, checked before reuse so a restarted server does not cost a 500.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # django-redis, degrading when Redis is down or hung (core/cache.py): calls that
            # cannot reach it are ignored, so the site keeps answering and /readyz says 503.
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="toto"),
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                # Redis answers in a millisecond; a hung one costs at most this per second.
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
    # core.cache logs an outage once; django-redis would log a traceback per cache call.
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "toto",
        }
    }
# The content API's answers are cached in Redis (core/response_cache.py), only with Redis: a
# cache of one process alone could not be made stale by another. Each process also keeps
# copies of the answers it served (up to this many bytes), used only while the generation
# tokens read from Redis on the request say they are current.
CONTENT_API_CACHE = env.bool("CONTENT_API_CACHE", default=bool(REDIS_URL))
CONTENT_API_CACHE_TIMEOUT = env.int("CONTENT_API_CACHE_TIMEOUT", default=60 * 60)
CONTENT_API_LOCAL_CACHE_BYTES = env.int("CONTENT_API_LOCAL_CACHE_BYTES", default=32 * 1024 * 1024)

# --- Files ----------------------------------------------------------------------------------
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"

AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env("AWS_S3_REGION_NAME", default=None),
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN", default=None),
            "url_protocol": env("AWS_S3_URL_PROTOCOL", default="https:"),
            "access_key": env("AWS_ACCESS_KEY_ID", default=None),
            "secret_key": env("AWS_SECRET_ACCESS_KEY", default=None),
            "addressing_style": env("AWS_S3_ADDRESSING_STYLE", default="path"),
            "signature_version": "s3v4",
            # An unreachable S3 fails an upload within seconds (503), not after minutes of
            # botocore's default 60 s timeouts and retries. (Given a client config,
            # django-storages takes addressing style and signature from it alone.)
            "client_config": BotoConfig(
                s3={"addressing_style": env("AWS_S3_ADDRESSING_STYLE", default="path")},
                signature_version="s3v4",
                connect_timeout=3,
                read_timeout=20,
                retries={"mode": "standard", "max_attempts": 2},
            ),
            "file_overwrite": False,
            "default_acl": None,
            # Media is public content (lesson images, avatars); unsigned URLs can be cached.
            "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", default=False),
        },
    }
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

# Learners' voice recordings are private (lessons.recordings): never public media URLs, only
# links that expire after RECORDING_URL_MAX_AGE seconds.
RECORDING_URL_MAX_AGE = env.int("RECORDING_URL_SECONDS", default=300)
if AWS_STORAGE_BUCKET_NAME:
    # A private prefix (or bucket), signed URLs only; a CDN domain would serve them unsigned.
    RECORDINGS_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **MEDIA_STORAGE["OPTIONS"],
            "bucket_name": env("RECORDINGS_BUCKET_NAME", default=AWS_STORAGE_BUCKET_NAME),
            "location": "recordings",
            "custom_domain": None,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": RECORDING_URL_MAX_AGE,
        },
    }
else:
    # Outside MEDIA_ROOT, so nothing serves it as media; lessons.views.RecordingFileView plays
    # a file for whoever holds a signed, unexpired link.
    RECORDINGS_STORAGE = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": env.path(
                "RECORDINGS_ROOT", default=BASE_DIR / "private_media" / "recordings"
            ),
        },
    }

# Documents (lesson audio, teachers' files) are reached through /documents/, which checks their
# collection's view restrictions and then redirects to a link that expires (core.documents): so
# the bucket's `documents/` prefix stays private, and a restricted file's address is no key.
DOCUMENT_URL_MAX_AGE = env.int("DOCUMENT_URL_SECONDS", default=3600)
SIGNED_MEDIA_STORAGE = (
    {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **MEDIA_STORAGE["OPTIONS"],
            "custom_domain": None,
            "querystring_auth": True,
            "querystring_expire": DOCUMENT_URL_MAX_AGE,
        },
    }
    if AWS_STORAGE_BUCKET_NAME
    else None
)

STORAGES = {
    "default": MEDIA_STORAGE,
    "recordings": RECORDINGS_STORAGE,
    **({"signed_media": SIGNED_MEDIA_STORAGE} if SIGNED_MEDIA_STORAGE else {}),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Email ----------------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Toto <no-reply@toto.local>")

# --- Auth -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "members.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account or IP before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# allauth's app sessions live in the cache (Redis in production) with the database behind it.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
REFRESH_TOKEN_LIFETIME = timedelta(days=env.int("JWT_REFRESH_DAYS", default=14))
SESSION_COOKIE_AGE = int(REFRESH_TOKEN_LIFETIME.total_seconds())

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=env.int("JWT_ACCESS_MINUTES", default=15)),
    "REFRESH_TOKEN_LIFETIME": REFRESH_TOKEN_LIFETIME,
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": False,
    "ALGORITHM": "HS256",
    "SIGNING_KEY": env("JWT_SIGNING_KEY", default=SECRET_KEY),
    "AUTH_HEADER_TYPES": ("Bearer",),
    "USER_ID_FIELD": "id",
    "USER_ID_CLAIM": "user_id",
}

# --- Sign-in: django-allauth, headless only, "app" client -----------------------------------
ACCOUNT_ADAPTER = "members.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "members.adapters.SocialAccountAdapter"
HEADLESS_ONLY = True
HEADLESS_CLIENTS = ("app",)
HEADLESS_TOKEN_STRATEGY = "members.tokens.JWTTokenStrategy"
HEADLESS_SERVE_SPECIFICATION = True
APP_URL = env("APP_URL", default="http://127.0.0.1:3000")
# Mails link to the apps' own screens (the codes in them work without these pages too).
HEADLESS_FRONTEND_URLS = {
    "account_confirm_email": f"{APP_URL}/account/verify-email/{{key}}",
    "account_reset_password": f"{APP_URL}/account/password/reset",
    "account_reset_password_from_key": f"{APP_URL}/account/password/reset/key/{{key}}",
    "account_signup": f"{APP_URL}/account/signup",
    "socialaccount_login_error": f"{APP_URL}/account/provider/callback",
}
# --- Browsers (CORS): django-cors-headers ---------------------------------------------------
# Only these app origins may call /api/ and /_allauth/ from a browser; any other origin gets no
# CORS headers at all. Production takes them from the environment only (dev.py adds the local
# app addresses). Apps authenticate with bearer tokens, never cookies: no credentials mode.
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_ALLOWED_ORIGIN_REGEXES = env.list("CORS_ALLOWED_ORIGIN_REGEXES", default=[])
CORS_URLS_REGEX = r"^/(api|_allauth)/"
CORS_ALLOW_HEADERS = (
    "accept",
    "authorization",
    "content-type",
    "if-none-match",
    "x-password-reset-key",  # allauth: check a password reset code
    "x-session-token",  # allauth: a pending sign-in flow
)
CORS_EXPOSE_HEADERS = ("ETag", "Retry-After")
CORS_PREFLIGHT_MAX_AGE = 60 * 60  # a browser re-asks hourly, so origin changes apply soon

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_NOTIFICATIONS = True  # e.g. "your password was changed"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Toto] "
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True  # link by email only when the provider verified it
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
# As for sign-ups: addresses the provider vouches for need no code, any other gets one.
SOCIALACCOUNT_EMAIL_VERIFICATION = "mandatory"
SOCIALACCOUNT_QUERY_EMAIL = True
SOCIALACCOUNT_STORE_TOKENS = False
# allauth's rate limits (counted in the cache). Logins are not among them: the login lockout
# below is the one limit on password sign-ins, at every door. allauth's `login_failed` (failures)
# would be a second counter disagreeing with it, and its `login` (30 sign-ins a minute per IP,
# successful ones too, 429 without Retry-After) would stop a classroom behind one address.
# A reset mails whichever address is asked for, known or not: at most one mail per 20 s and
# five a day to an address, 20 a minute and 100 a day from one IP.
ACCOUNT_RATE_LIMITS = {
    "login": None,
    "login_failed": None,
    "reset_password": "20/m/ip,100/d/ip,1/20s/key,5/d/key",
}
# The client IP of rate limits and the lockout: X-Forwarded-For is believed only when this many
# proxies under our control sit in front of Toto, each appending to it (0: REMOTE_ADDR).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# --- Login lockout: django-axes, one for every way to sign in -------------------------------
# allauth's API, /admin/login/, /django-admin/login/ and /_util/login/ all authenticate through
# django.contrib.auth; failures are counted in the cache per address and per client IP (see
# members/middleware.py). Reaching a limit within the cool-off time locks for the cool-off time;
# while locked, even the right password is refused (429 with Retry-After).
AXES_HANDLER = "members.middleware.LoginLockoutHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = 5  # failed logins naming one address
LOGIN_LOCKOUT_IP_FAILURE_LIMIT = 50  # failed logins from one IP, any addresses (schools share one)
AXES_COOLOFF_TIME = timedelta(minutes=15)  # counting window and lockout length
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # refused attempts do not extend it
AXES_USERNAME_CALLABLE = "members.middleware.lockout_username"
AXES_CLIENT_IP_CALLABLE = "members.middleware.lockout_client_ip"
AXES_LOCKOUT_CALLABLE = "members.middleware.lockout_response"
AXES_ENABLE_ADMIN = False  # the cache keeps no AccessAttempt rows to show
AXES_VERBOSE = False  # members.middleware logs lockouts itself, without addresses


def _provider_apps(provider: str, **app_settings) -> list[dict]:
    """One allauth app per client id: web first, then iOS and Android, those `hidden`.

    Provider-token login (`auth/provider/token`) finds the app by the exact `client_id` the
    app sends, hidden or not; lookups without a client id see only the first, visible app.
    A client id named twice (one Facebook app id on every platform) makes a single app.
    """
    apps: list[dict] = []
    for platform in ("WEB", "IOS", "ANDROID"):
        prefix = f"{provider.upper()}_{platform}"
        client_id = env(f"{prefix}_CLIENT_ID", default="")
        if not client_id or any(app["client_id"] == client_id for app in apps):
            continue
        apps.append(
            {
                "client_id": client_id,
                "secret": env(f"{prefix}_SECRET", default=""),
                "key": env(f"{prefix}_KEY", default=""),
                "settings": {**app_settings, "hidden": True} if apps else {**app_settings},
            }
        )
    return apps


def _social_providers() -> dict:
    """`SOCIALACCOUNT_PROVIDERS` from the environment (a function, so tests can rebuild it)."""
    return {
        "google": {
            "APPS": _provider_apps("google"),
            "SCOPE": ["openid", "email", "profile"],
        },
        "apple": {
            # Token login needs only the client ids (services id, bundle id). The team id
            # (APPLE_WEB_KEY), key id (APPLE_WEB_SECRET) and private key only serve the
            # redirect flow's code exchange, with the first (visible) app.
            "APPS": _provider_apps(
                "apple",
                certificate_key=env.str("APPLE_CERTIFICATE_KEY", default="", multiline=True),
            ),
        },
        "facebook": {
            "APPS": _provider_apps("facebook"),
            "SCOPE": ["email", "public_profile"],
            "FIELDS": ["id", "email", "first_name", "last_name", "name"],
            # allauth counts Graph addresses as unverified unless told otherwise; Graph only
            # returns an email that Facebook confirmed, so trust it to link existing accounts.
            "VERIFIED_EMAIL": env.bool("FACEBOOK_EMAIL_VERIFIED", default=True),
        },
    }


SOCIALACCOUNT_PROVIDERS = _social_providers()

# --- Internationalisation -------------------------------------------------------------------
# English is the source language of all content. The learners' languages are a setting away:
# CONTENT_LANGUAGES (Django codes, e.g. `zh-hans` for Simplified Chinese) gives the content
# locales (created on migrate, core.locales), the page URL prefixes (`/vi/…`), the API's
# `?locale=`, the languages a member may prefer and those mails and errors are written in.
LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True


def _content_languages(codes: list[str]) -> list[tuple[str, str]]:
    """`(code, English name)` of each content language, English first; unknown codes refuse
    to start (a typo would otherwise drop a language silently)."""
    from django.conf.locale import LANG_INFO
    from django.core.exceptions import ImproperlyConfigured

    codes = list(dict.fromkeys(["en", *(code.strip().lower() for code in codes if code.strip())]))
    unknown = [code for code in codes if "name" not in LANG_INFO.get(code, {})]
    if unknown:
        raise ImproperlyConfigured(f"CONTENT_LANGUAGES: unknown language code(s) {unknown}")
    return [(code, LANG_INFO[code]["name"]) for code in codes]


LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = _content_languages(
    env.list("CONTENT_LANGUAGES", default=["en", "es", "pt", "fr", "ja", "vi", "ko", "zh-hans"])
)


def _language_name_local(code: str) -> str:
    """A language's name as its speakers write it, capitalised for a menu ("Español")."""
    import unicodedata

    from django.conf.locale import LANG_INFO

    # Django writes "Tiếng Việt" with combining accents; menus and searches want NFC.
    name = unicodedata.normalize("NFC", LANG_INFO[code]["name_local"])
    return name[:1].upper() + name[1:]


# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Toto"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    # Uses PostgreSQL full-text search on PostgreSQL, SQLite FTS elsewhere.
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
WAGTAILAPI_BASE_URL = env("WAGTAILAPI_BASE_URL", default=WAGTAILADMIN_BASE_URL)
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_SEARCH_ENABLED = True
WAGTAILDOCS_EXTENSIONS = ["mp3", "m4a", "ogg", "wav", "pdf", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# The lesson editor holds many nested exercise blocks.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# The admin talks to no outside host: no Gravatar pictures, no check for new Wagtail releases.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Editors may use the admin in any of the content languages (names as their speakers write them).
WAGTAILADMIN_PERMITTED_LANGUAGES = [
    (code, _language_name_local(code)) for code, _name in WAGTAIL_CONTENT_LANGUAGES
]
# Previews and page URLs (core.pages): with APP_URL empty, Toto renders pages itself. With
# APP_PREVIEW_URL set, Preview can open the app there with a signed token that names one
# revision and expires after APP_PREVIEW_TOKEN_MAX_AGE seconds.
APP_PREVIEW_URL = env("APP_PREVIEW_URL", default="")
APP_PREVIEW_TOKEN_MAX_AGE = env.int("APP_PREVIEW_TOKEN_MAX_AGE", default=20 * 60)

# --- Translating content: wagtail-localize ------------------------------------------------
# "Translate this page" makes a draft in each chosen language, even of a live page: it goes
# live when a translator publishes it, never half-translated with English in the gaps. Synced:
# "Sync translated pages" brings the source's changes into the translations.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE = "synced"
# Machine translation is off (it needs a translation service over the network). The hook is
# wagtail-localize's WAGTAILLOCALIZE_MACHINE_TRANSLATOR; DEEPL_AUTH_KEY switches DeepL on.
if DEEPL_AUTH_KEY := env("DEEPL_AUTH_KEY", default=""):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": DEEPL_AUTH_KEY},
    }

# --- REST framework -------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["members.authentication.SessionBoundJWTAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # drf-spectacular's, plus every operation's error answers (core/schema.py).
    "DEFAULT_SCHEMA_CLASS": "core.schema.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "core.pagination.EnvelopePagination",
    "EXCEPTION_HANDLER": "core.exceptions.api_exception_handler",
    # Scoped throttles (counted in the cache, Redis in production), used by the views that
    # name a `throttle_scope`.
    "DEFAULT_THROTTLE_RATES": {
        "comments": "10/minute",
        "comment_reports": "20/hour",
        "recordings": "60/hour",
    },
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Toto API",
    "DESCRIPTION": "Learner API of Toto (/api/v1/). Content (/api/v2/) is described at "
    "/api/schema/content/; sign-in at /_allauth/openapi.json.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Request bodies get their own components (no read-only fields in what a client sends).
    "COMPONENT_SPLIT_REQUEST": True,
    # The interactive docs load Swagger UI and Redoc from /static/ (drf-spectacular-sidecar):
    # nothing from the internet.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    "PREPROCESSING_HOOKS": ["toto_site.schema.only_api_v1"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.schema.overlapping_alternatives_as_any_of",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ProgressStatusEnum": "lessons.models.learning.LessonProgress.Status",
        "AttemptStatusEnum": "lessons.models.learning.ExerciseAttempt.Status",
        "RoleEnum": "members.models.Role",
        "RequestableRoleEnum": "members.models.RoleRequest.REQUESTABLE_ROLES",
        "ApplicationStatusEnum": "abroad.models.Application.Status",
    },
}

# --- Content-Security-Policy of the admins (django-csp, limited to them by core/csp.py) ------
# Scripts, styles and fonts only from this site; uploaded media also from S3 or its CDN.
_MEDIA_ORIGINS: list[str] = []
if AWS_STORAGE_BUCKET_NAME:
    if env("AWS_S3_CUSTOM_DOMAIN", default=""):
        _protocol = env("AWS_S3_URL_PROTOCOL", default="https:")
        _MEDIA_ORIGINS.append(f"{_protocol}//{env('AWS_S3_CUSTOM_DOMAIN')}")
    elif env("AWS_S3_ENDPOINT_URL", default=""):
        _endpoint = urlsplit(env("AWS_S3_ENDPOINT_URL"))
        _MEDIA_ORIGINS.append(f"{_endpoint.scheme}://{_endpoint.netloc}")
    else:
        _MEDIA_ORIGINS.append("https://*.amazonaws.com")
    # Voice recordings are never on the CDN: teachers play them from the bucket itself.
    _recordings_origin = (
        "{0.scheme}://{0.netloc}".format(urlsplit(env("AWS_S3_ENDPOINT_URL")))
        if env("AWS_S3_ENDPOINT_URL", default="")
        else "https://*.amazonaws.com"
    )
    if _recordings_origin not in _MEDIA_ORIGINS:
        _MEDIA_ORIGINS.append(_recordings_origin)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # The page editor's scripts (Wagtail's vendor.js: StreamField drag and drop, the rich
        # text editor) add <style> elements whose contents vary with the page, so no hash can
        # list them; without this a lesson with blocks loses those styles (make e2e sees it).
        # Scripts stay 'self' plus hashes.
        "style-src-elem": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *_MEDIA_ORIGINS],
        "media-src": ["'self'", "blob:", *_MEDIA_ORIGINS],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Security defaults that hold everywhere -------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        # A 4xx answer is the client's business, and some are part of normal flows (allauth
        # answers a sign-up waiting for its code with 401): only 5xx reach the log.
        "no_client_errors": {
            "()": "django.utils.log.CallbackFilter",
            "callback": lambda record: not 400 <= getattr(record, "status_code", 0) < 500,
        },
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's default logging gives `django` a console handler of its own (DEBUG only) on
        # top of propagating to the root, so each record printed twice; naming the logger here
        # removes that handler (and mail_admins, unused: ADMINS is empty). Level as Django's.
        "django": {"level": "INFO"},
        "django.request": {"filters": ["no_client_errors"]},
        # runserver's access lines, in Django's format, 4xx left out as above.
        "django.server": {
            "handlers": ["django.server"],
            "filters": ["no_client_errors"],
            "level": "INFO",
            "propagate": False,
        },
        "django.db.backends": {"level": "WARNING"},
        # Both log every page save and task run at INFO: noise in `make run` and in tests.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
