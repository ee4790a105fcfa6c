"""Request guards in front of the API views.

- `JSONErrorMiddleware`: an error answered outside DRF under `/api/` or `/_allauth/` (Django's
  404 page, its debug pages, a server error) becomes JSON in that prefix's shape.

- `APITrailingSlashMiddleware`: `/api/v1/me` (no slash) for a route that exists with one is
  answered 308 to the slashed URL, so a POST keeps its method and body; any other path under
  `/api/` without its slash is a 404. (Django's APPEND_SLASH would send those to Wagtail's page
  catch-all with a 301 that drops a POST's body, or fail with a 500 in DEBUG.)
- `JSONBodyGuardMiddleware`: JSON bodies sent to `/api/` and `/_allauth/` are refused before
  any view parses them when they exceed `DATA_UPLOAD_MAX_MEMORY_SIZE` (413) or nest deeper than
  `JSON_MAX_DEPTH` levels (400); Python's parser would otherwise recurse until it fails (500).
"""

import json

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve

from core.exceptions import (
    API_PREFIX,
    CODE_BY_STATUS,
    allauth_error,
    is_allauth_request,
    is_api_request,
    json_error,
)

JSON_MAX_DEPTH = 32
BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class HttpResponsePermanentRedirectKeepMethod(HttpResponsePermanentRedirect):
    status_code = 308


def _resolves_to_api_view(path: str) -> bool:
    try:
        match = resolve(path)
    except Resolver404:
        return False
    # The page-serving catch-all is not an API route.
    return match.url_name != "wagtail_serve"


class APITrailingSlashMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if (
            path.startswith(API_PREFIX)
            and not path.endswith("/")
            and not _resolves_to_api_view(path)
        ):
            if _resolves_to_api_view(path + "/"):
                return HttpResponsePermanentRedirectKeepMethod(
                    request.get_full_path(force_append_slash=True)
                )
            # Not an API route with or without the slash: no redirect to a page URL.
            return json_error(404, "Not found.", "not_found")
        return self.get_response(request)


def json_depth(value) -> int:
    """Nesting depth of a parsed JSON value, without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in item)
    return deepest


def json_too_deep(body: bytes) -> bool:
    # Depth never exceeds the number of opening brackets: most bodies need no parsing here.
    if body.count(b"[") + body.count(b"{") <= JSON_MAX_DEPTH:
        return False
    try:
        return json_depth(json.loads(body)) > JSON_MAX_DEPTH
    except RecursionError:
        return True
    except ValueError:
        return False  # malformed JSON: the view's parser answers it


class JSONBodyGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in BODY_METHODS and (
            is_api_request(request) or is_allauth_request(request)
        ):
            refusal = self._refusal(request)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    def _refusal(self, request: HttpRequest) -> HttpResponse | None:
        content_type = request.META.get("CONTENT_TYPE", "")
        if content_type.startswith("multipart/"):
            return None  # uploads are limited by their own views
        try:
            body = request.body
        except RequestDataTooBig:
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            return self._error(
                request, 413, f"The body is larger than {limit} bytes.", "request_too_large"
            )
        if body and json_too_deep(body):
            return self._error(
                request,
                400,
                f"The JSON is nested deeper than {JSON_MAX_DEPTH} levels.",
                "json_too_deep",
            )
        return None

    @staticmethod
    def _error(request, status_code: int, detail: str, code: str) -> HttpResponse:
        if is_api_request(request):
            return json_error(status_code, detail, code)
        return allauth_error(status_code, detail, code)


class JSONErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code < 400 or response.get("Content-Type", "").startswith(
            "application/json"
        ):
            return response
        api, allauth = is_api_request(request), is_allauth_request(request)
        if not (api or allauth):
            return response
        status_code = response.status_code
        code = CODE_BY_STATUS.get(status_code, "error")
        detail = str(response.reason_phrase) + "."
        replacement = (
            json_error(status_code, detail, code)
            if api
            else allauth_error(status_code, detail, code)
        )
        for header in ("Retry-After", "Allow"):
            if header in response:
                replacement[header] = response[header]
        return replacement
