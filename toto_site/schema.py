"""drf-spectacular hooks: the OpenAPI document at /api/schema/ covers /api/v1/ only.

The Wagtail content API (/api/v2/) is described by Wagtail's own docs and sign-in by allauth's
document at /_allauth/openapi.json; drf-spectacular cannot describe either correctly.
"""


def only_api_v1(endpoints):
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
