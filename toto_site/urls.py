from allauth.headless import urls as allauth_headless_urls
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLResolver, include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home.views import landing
from toto_site import health, schema
from toto_site.api import api_router


def allauth_urls_without_phone(patterns=None) -> list:
    """allauth's headless URLs without its phone routes (`account/phone`, `auth/phone/verify`,
    `…/resend`): phone sign-in is not configured, yet allauth 65.21 serves them anyway and
    `account/phone` answers 500. Left out, nothing serves them (404) and allauth's OpenAPI
    document no longer offers them."""
    kept = []
    for pattern in allauth_headless_urls.urlpatterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            pattern = URLResolver(
                pattern.pattern,
                allauth_urls_without_phone(pattern.url_patterns),
                pattern.default_kwargs,
                pattern.app_name,
                pattern.namespace,
            )
        elif "phone" in (pattern.name or ""):
            continue
        kept.append(pattern)
    return kept


# Errors outside DRF's views: a database or storage outage is a 503 (core.views.server_error).
handler500 = "core.views.server_error"

urlpatterns = [
    path("healthz", health.liveness, name="healthz"),
    path("readyz", health.readiness, name="readyz"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("_allauth/", include((allauth_urls_without_phone(), "headless"))),
    path("api/v2/", api_router.urls),
    path("api/v1/", include("toto_site.api_v1")),
    # Descriptions and docs of the APIs (toto_site/schema.py), all served from here.
    path("api/schema/", schema.LearnerSchemaView.as_view(), name="schema"),
    path("api/schema/content/", schema.content_schema_view, name="content-schema"),
    path("api/docs/", schema.APIDocsView.as_view(), name="api-docs"),
    path("api/redoc/", schema.RedocView.as_view(url_name="schema"), name="api-redoc"),
    path(
        "api/redoc/content/",
        schema.RedocView.as_view(url_name="content-schema"),
        name="api-redoc-content",
    ),
]

if settings.DEBUG:
    from django.views.static import serve

    # `make run` serves uploads from MEDIA_ROOT, except documents: those only ever go through
    # /documents/, which checks the view restrictions of their collection.
    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns += [
        re_path(
            rf"^{media_prefix}/(?!documents/)(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# `/` is a landing page (links to the admin, the API docs, the health probe); Wagtail's page
# serving catches everything else, so it comes last. Page URLs carry their language as a
# prefix (`/vi/grammar/…`), English none (core.locales).
urlpatterns += [path("", landing, name="landing")]
urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=False)
