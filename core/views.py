"""Django-level views of the error contract."""

from django.http import HttpRequest, HttpResponse
from django.views import csrf

from core.exceptions import is_api_request, json_error


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """`CSRF_FAILURE_VIEW`: JSON under `/api/`, Django's page elsewhere."""
    if is_api_request(request):
        detail = "CSRF verification failed; API clients authenticate with a bearer token."
        return json_error(403, detail, "csrf_failed")
    return csrf.csrf_failure(request, reason)
