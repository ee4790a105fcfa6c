"""One error contract for everything under `/api/`.

Every error answers `{"detail": "<human message>", "code": "<stable code>"}`, and a validation
error adds `"errors": {"<field>": ["message", ...]}`. DRF views reach it through
`api_exception_handler` (the project's `EXCEPTION_HANDLER`); what never reaches a DRF view
(unknown routes, CSRF failures, oversized or too deeply nested bodies, server errors) is shaped
the same way by `core.views` and `core.middleware`. Views raise; they never catch to reshape.

Services raise Django's `ValidationError`: with a dict of fields it becomes a
`validation_error`; without one, a 400 whose code is the error's own `code`.
"""

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler
from wagtail.api.v2.utils import BadRequestError

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"
ALLAUTH_PREFIX = "/_allauth/"
# The code of an error answered outside DRF (Django's own 404 page, a server error...).
CODE_BY_STATUS = {
    400: "bad_request",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    413: "request_too_large",
    429: "throttled",
    500: "server_error",
    503: "service_unavailable",
}
NON_FIELD_ERRORS = "non_field_errors"
# The largest id a database column holds (a signed 64-bit integer, BigAutoField).
ID_MAX = 2**63 - 1


class InvalidParameter(exceptions.APIException):
    """A query parameter the endpoint cannot use (unknown filter, bad limit, unknown type)."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = _("A query parameter is not valid.")
    default_code = "invalid_parameter"

    def __init__(self, detail=None, code=None, errors: dict[str, list[str]] | None = None):
        super().__init__(detail, code)
        self.errors = errors


class BadRequest(exceptions.APIException):
    """A request a service refused for a reason of its own (its `code` says which)."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = _("The request cannot be carried out.")
    default_code = "bad_request"


class ServiceUnavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = _("A service Toto depends on is not answering; try again shortly.")
    default_code = "service_unavailable"


def unavailable_service(exc: BaseException | None) -> str | None:
    """The service whose failure `exc` is ("database", "storage"), None for any other error.

    The database: Django's OperationalError / InterfaceError (server down or restarting, a
    connection lost mid-request, a deadlock or a cancelled statement). The media storage:
    botocore's connection and timeout errors, or S3 answering 5xx. Each answers 503
    `service_unavailable`: the same request may well succeed a moment later.
    """
    if isinstance(exc, (OperationalError, InterfaceError)):
        return "database"
    if isinstance(exc, BotoCoreError):
        return "storage"
    if isinstance(exc, ClientError):
        status_code = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0
        return "storage" if status_code >= 500 else None
    return None


def error_body(detail: str, code: str, errors: dict[str, list[str]] | None = None) -> dict:
    body: dict[str, Any] = {"detail": detail, "code": code}
    if errors is not None:
        body["errors"] = errors
    return body


def json_error(status_code: int, detail: str, code: str, **headers: str) -> JsonResponse:
    response = JsonResponse(error_body(detail, code), status=status_code)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def allauth_error(status_code: int, message: str, code: str) -> JsonResponse:
    """An error in allauth's headless shape, for `/_allauth/`."""
    body = {"status": status_code, "errors": [{"message": message, "code": code}]}
    return JsonResponse(body, status=status_code)


def is_api_request(request) -> bool:
    return request.path.startswith(API_PREFIX)


def is_allauth_request(request) -> bool:
    return request.path.startswith(ALLAUTH_PREFIX)


def query_params_clean(serializer_class, request) -> dict:
    """Validate query parameters with a serializer; what it refuses is `invalid_parameter`."""
    serializer = serializer_class(data=request.query_params)
    if not serializer.is_valid():
        errors = field_errors(serializer.errors)
        raise InvalidParameter(_first_message(errors), errors=errors)
    return serializer.validated_data


def field_errors(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested validation detail as flat `{"field.sub.0": ["message", ...]}`."""
    if isinstance(detail, Mapping):
        flat: dict[str, list[str]] = {}
        for name, value in detail.items():
            key = f"{prefix}.{name}" if prefix else str(name)
            flat.update(field_errors(value, key))
        return flat
    if isinstance(detail, list) and any(isinstance(item, (Mapping, list)) for item in detail):
        flat = {}
        for index, value in enumerate(detail):
            key = f"{prefix}.{index}" if prefix else str(index)
            flat.update(field_errors(value, key))
        return flat
    messages = detail if isinstance(detail, list) else [detail]
    return {prefix or NON_FIELD_ERRORS: [str(message) for message in messages]}


def _from_django_validation_error(error: DjangoValidationError) -> exceptions.APIException:
    if hasattr(error, "error_dict"):
        fields = {
            (NON_FIELD_ERRORS if name == "__all__" else name): messages
            for name, messages in error.message_dict.items()
        }
        return exceptions.ValidationError(fields)
    return BadRequest(" ".join(error.messages), code=error.code or BadRequest.default_code)


def _first_message(errors: dict[str, list[str]]) -> str:
    for name, messages in errors.items():
        if messages:
            return messages[0] if name == NON_FIELD_ERRORS else f"{name}: {messages[0]}"
    return str(_("Invalid input."))


# Codes of libraries that mean one of the contract's codes.
CODE_ALIASES = {"bad_authorization_header": "authentication_failed"}


def _code_of(exc: exceptions.APIException) -> str:
    detail = exc.detail
    code = exc.default_code
    if isinstance(detail, exceptions.ErrorDetail) and detail.code:
        code = str(detail.code)
    elif isinstance(detail, Mapping) and isinstance(detail.get("code"), str):
        code = detail["code"]  # simplejwt's InvalidToken carries its own code
    return CODE_ALIASES.get(code, code)


def _message_of(exc: exceptions.APIException) -> str:
    detail = exc.detail
    if isinstance(detail, Mapping):
        detail = detail.get("detail", exc.default_detail)
    if isinstance(detail, Iterable) and not isinstance(detail, str):
        detail = " ".join(str(item) for item in detail)
    return str(detail)


def api_exception_handler(exc: Exception, context: dict):
    """DRF's `EXCEPTION_HANDLER`: every handled error in the one shape."""
    if isinstance(exc, DjangoValidationError):
        exc = _from_django_validation_error(exc)
    elif isinstance(exc, BadRequestError):
        exc = InvalidParameter(str(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) or None)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, OverflowError) and "SQLite" in str(exc):
        # An id beyond 64 bits (`?lesson=99999999999999999999`): no row has it. PostgreSQL
        # finds none; SQLite (`make run`) cannot even bind it.
        exc = exceptions.NotFound()
    elif (service := unavailable_service(exc)) is not None:
        logger.error("%s unavailable: answered 503", service, exc_info=exc)
        exc = ServiceUnavailable()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # an unexpected error: logged, then answered by `core.views.server_error`
    if isinstance(exc, exceptions.ValidationError):
        errors = field_errors(exc.detail)
        response.data = error_body(_first_message(errors), "validation_error", errors)
    else:
        response.data = error_body(_message_of(exc), _code_of(exc), getattr(exc, "errors", None))
    return response
