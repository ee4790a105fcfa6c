"""Django-level views of the error contract."""

import sys

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views import csrf, defaults

from core.exceptions import (
    ServiceUnavailable,
    allauth_error,
    is_allauth_request,
    is_api_request,
    json_error,
    unavailable_service,
)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """`CSRF_FAILURE_VIEW`: JSON under `/api/`, Django's page elsewhere."""
    if is_api_request(request):
        detail = _("CSRF verification failed; API clients authenticate with a bearer token.")
        return json_error(403, detail, "csrf_failed")
    return csrf.csrf_failure(request, reason)


def server_error(request: HttpRequest) -> HttpResponse:
    """`handler500`, for errors raised outside DRF's views (allauth, the admin, middleware).

    Django calls it while handling the exception (already logged), so the exception is at hand:
    a database or storage that does not answer is a 503 `service_unavailable`, anything else
    a 500 `server_error`; JSON in the prefix's shape under `/api/` and `/_allauth/`.
    """
    if unavailable_service(sys.exc_info()[1]) is not None:
        status_code, code, detail = (
            503,
            "service_unavailable",
            str(ServiceUnavailable.default_detail),
        )
    else:
        status_code, code, detail = 500, "server_error", _("A server error occurred.")
    if is_api_request(request):
        return json_error(status_code, detail, code)
    if is_allauth_request(request):
        return allauth_error(status_code, detail, code)
    if status_code == 503:
        return HttpResponse(detail, status=503, content_type="text/plain; charset=utf-8")
    return defaults.server_error(request)
