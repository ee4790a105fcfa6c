"""The API's descriptions and interactive docs, served by Toto itself (no internet needed).

- `/api/schema/`: the learner API (/api/v1/), by drf-spectacular (`only_api_v1` keeps it to
  that prefix; errors and DELETE bodies: `core.schema.AutoSchema`). Both documents answer JSON,
  or YAML with `?format=yaml`.
- `/api/schema/content/`: the content API (/api/v2/), by `core.content_schema`; drf-spectacular
  cannot describe Wagtail's viewsets.
- `/api/docs/`: Swagger UI for both, with a switcher (`?schema=content` opens the content API);
  `/api/redoc/` and `/api/redoc/content/`: Redoc. Their assets come from /static/
  (drf-spectacular-sidecar); the pages reference nothing outside this server.
- Sign-in is allauth's own document, `/_allauth/openapi.json`.
"""

import json

from django.urls import reverse
from drf_spectacular.renderers import (
    OpenApiJsonRenderer,
    OpenApiJsonRenderer2,
    OpenApiYamlRenderer,
    OpenApiYamlRenderer2,
)
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from core.content_schema import ContentSchemaView
from core.response_cache import cached_answers
from toto_site.api import api_router

# The docs pages may load and fetch from this server only (the browser enforces it): Redoc's
# footer links a logo on a CDN, Swagger UI would ask an online validator on a public host.
DOCS_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",  # both render with inline styles
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",  # Redoc's search
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "object-src 'none'",
    ]
)

# (url name, label in the switcher, `?schema=` value)
DOCUMENTS = (
    ("schema", "Learner API (/api/v1/)", "learner"),
    ("content-schema", "Content API (/api/v2/)", "content"),
)


def only_api_v1(endpoints):
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


# Cached, with ETags and 304s, like the content API's answers (core.response_cache).
content_schema_view = cached_answers(
    ContentSchemaView.as_view(router=api_router, prefix="/api/v2/")
)


class LearnerSchemaView(SpectacularAPIView):
    """`/api/schema/`: JSON unless YAML is asked for (`?format=yaml` or its media type), as the
    content API's document."""

    renderer_classes = [
        OpenApiJsonRenderer,
        OpenApiJsonRenderer2,
        OpenApiYamlRenderer,
        OpenApiYamlRenderer2,
    ]


class LocalOnlyMixin:
    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Security-Policy"] = DOCS_CSP
        return response


class APIDocsView(LocalOnlyMixin, SpectacularSwaggerSplitView):
    """Swagger UI with both documents; its script is a separate same-origin request, so the
    page works under a Content-Security-Policy without inline scripts."""

    permission_classes = [AllowAny]
    authentication_classes = []
    title = "Toto API"

    def _swagger_settings(self, request) -> str:
        chosen = request.GET.get("schema")
        urls = [{"url": reverse(name), "name": label} for name, label, _key in DOCUMENTS]
        primary = next((label for _name, label, key in DOCUMENTS if key == chosen), urls[0]["name"])
        options = json.dumps(
            {
                "urls": urls,
                "urls.primaryName": primary,
                "layout": "StandaloneLayout",
                "deepLinking": True,
                "persistAuthorization": True,
                "displayRequestDuration": True,
                "validatorUrl": None,  # never the online validator
            }
        )
        # The switcher is the standalone preset's top bar: presets are code, not JSON.
        presets = "[SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset]"
        return options[:-1] + f', "presets": {presets}}}'

    def get(self, request, *args, **kwargs):
        if request.GET.get("script") is None:
            return super().get(request, *args, **kwargs)
        return Response(
            data={
                "schema_url": reverse("schema"),
                "settings": self._swagger_settings(request),
                "oauth2_config": "",
                "csrf_header_name": self._get_csrf_header_name(),
                "schema_auth_names": self._dump([]),
            },
            template_name=self.template_name_js,
            content_type="application/javascript",
        )


class RedocView(LocalOnlyMixin, SpectacularRedocView):
    """Redoc for one document, without the web fonts drf-spectacular's page loads."""

    permission_classes = [AllowAny]
    authentication_classes = []
    template_name = "core/api_redoc.html"
