"""The learner API's OpenAPI document (drf-spectacular, `/api/schema/`): what drf-spectacular
infers, plus what it cannot know about Toto.

- Every operation lists the errors it can answer, in the one error shape (`core.exceptions`,
  the `Error` component): 400 when it takes a body or query parameters, 401 always (a missing,
  invalid or expired token), 403 when a permission beyond "signed in" applies or the view
  refuses by itself, 404 on paths naming an object, 413 and 415 for bodies, 429 where a
  throttle counts the request.
- A DELETE documented with a serializer answers that body with 200; drf-spectacular assumes
  204 for every DELETE unless told otherwise. A 204 never has a body.
"""

import inspect

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import ResolvedComponent, is_serializer
from rest_framework.permissions import AllowAny, IsAuthenticated

from core.schema_types import ERROR_SCHEMA
from core.throttling import WriteThrottle

ERROR_COMPONENT = ResolvedComponent(
    name="Error", type=ResolvedComponent.SCHEMA, object="Error", schema=ERROR_SCHEMA
)
BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
PLAIN_PERMISSIONS = (AllowAny, IsAuthenticated)
ERROR_DESCRIPTIONS = {
    "400": "The request cannot be used: `validation_error` (with `errors` per field), "
    "`invalid_parameter` (a query parameter), `json_too_deep`, `parse_error`, or a code of the "
    "endpoint's own (docs/errors.md).",
    "401": "No valid access token: `not_authenticated`, `token_not_valid` (expired, or its "
    "sign-in session ended: refresh, or sign in again), `authentication_failed`.",
    "403": "Signed in, but not allowed: `permission_denied`, `email_not_verified`, or a code "
    "of the endpoint's own.",
    "404": "No such object, or not one this member may see: `not_found`.",
    "413": "The body is too large: `request_too_large`.",
    "415": "The body is of a type this endpoint does not take: `unsupported_media_type`.",
    "429": "Too many requests: `throttled`; `Retry-After` says how many seconds to wait.",
}


class AutoSchema(SpectacularAutoSchema):
    """`DEFAULT_SCHEMA_CLASS` of the learner API (see the module docstring)."""

    def _get_response_bodies(self, direction="response"):
        if self._documents_deleted_body():
            serializer = self.get_response_serializers()
            responses = {"200": self._get_response_for_code(serializer, "200", direction=direction)}
        else:
            responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code in self.error_status_codes():
            responses.setdefault(code, self._error_response(code))
        return dict(sorted(responses.items()))

    def _explicit(self, method_name: str) -> bool:
        """Whether `@extend_schema` set what `method_name` answers for this operation."""
        return getattr(type(self), method_name) is not getattr(SpectacularAutoSchema, method_name)

    def _documents_deleted_body(self) -> bool:
        return (
            self.method == "DELETE"
            and self._explicit("get_response_serializers")
            and is_serializer(self.get_response_serializers())
        )

    def _get_request_body(self, direction="request"):
        # drf-spectacular leaves out every DELETE body; one that is declared is expected (closing
        # the account takes the password).
        if self.method != "DELETE" or not self._explicit("get_request_serializer"):
            return super()._get_request_body(direction)
        if self.get_request_serializer() is None:
            return None
        self.method = "POST"
        try:
            return super()._get_request_body(direction)
        finally:
            self.method = "DELETE"

    def _error_response(self, code: str) -> dict:
        self.registry.register_on_missing(ERROR_COMPONENT)
        response = {
            "description": ERROR_DESCRIPTIONS[code],
            "content": {"application/json": {"schema": ERROR_COMPONENT.ref}},
        }
        if code == "429":
            response["headers"] = {
                "Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}
            }
        return response

    def error_status_codes(self) -> list[str]:
        codes = {"401"}
        parameters = self._get_parameters()
        takes_body = self.method in BODY_METHODS and self._get_request_body() is not None
        if takes_body or any(parameter["in"] == "query" for parameter in parameters):
            codes.add("400")
        if takes_body:
            codes |= {"413", "415"}
        if any(parameter["in"] == "path" for parameter in parameters):
            codes.add("404")
        if self._may_refuse():
            codes.add("403")
        if self._is_throttled():
            codes.add("429")
        return sorted(codes)

    def _may_refuse(self) -> bool:
        try:  # for the method being described (drf-spectacular gives the view a mock request)
            permissions = [type(permission) for permission in self.view.get_permissions()]
        except Exception:
            permissions = list(getattr(self.view, "permission_classes", ()))
        if any(not issubclass(permission, PLAIN_PERMISSIONS) for permission in permissions):
            return True
        handler = getattr(self.view, self.method.lower(), None)
        try:
            source = inspect.getsource(handler) if handler else ""
        except (OSError, TypeError):
            source = ""
        return "PermissionDenied" in source or "permission_denied" in source

    def _is_throttled(self) -> bool:
        throttles = getattr(self.view, "throttle_classes", ())
        if not throttles:
            return False
        return self.method == "POST" or not all(
            issubclass(throttle, WriteThrottle) for throttle in throttles
        )


def overlapping_alternatives_as_any_of(result: dict, generator, request, public) -> dict:
    """drf-spectacular `POSTPROCESSING_HOOKS` entry: a `oneOf` without a discriminator becomes
    `anyOf`. Its alternatives may overlap (a comment has every field of a reply), and `oneOf`
    would then reject a value matching more than one; generated clients type both the same."""

    def walk(node):
        if isinstance(node, list):
            return [walk(item) for item in node]
        if not isinstance(node, dict):
            return node
        node = {key: walk(value) for key, value in node.items()}
        if "oneOf" in node and "discriminator" not in node:
            node["anyOf"] = node.pop("oneOf")
        return node

    return walk(result)
