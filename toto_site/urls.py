from allauth.headless import urls as allauth_headless_urls
from django.conf import settings
from django.contrib import admin
from django.urls import URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from toto_site import health
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


urlpatterns = [
    path("healthz", health.liveness, name="healthz"),
    path("readyz", health.readiness, name="readyz"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("_allauth/", include((allauth_urls_without_phone(), "headless"))),
    path("api/v2/", api_router.urls),
    path("api/v1/", include("toto_site.api_v1")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving catches everything else, so it comes last.
urlpatterns += [path("", include(wagtail_urls))]
