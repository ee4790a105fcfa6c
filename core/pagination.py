"""The list envelope of `/api/v1/`, the same as the content API's:
`{"meta": {"total_count": N}, "items": [...]}`, with `limit` (default 20, at most
`LIST_LIMIT_MAX`) and `offset`, and the same 400s for values it cannot use."""

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.response import Response

from core.exceptions import InvalidParameter

LIST_LIMIT_DEFAULT = 20
# PostgreSQL takes OFFSET as a bigint; anything larger is a database error, not an empty page.
MAX_OFFSET = 2**63 - 1


def list_limit_max() -> int:
    return settings.WAGTAILAPI_LIMIT_MAX


def _non_negative_int(raw: str, name: str) -> int:
    if not raw.isascii() or not raw.isdigit():
        raise InvalidParameter(_("%(name)s must be a positive integer") % {"name": name})
    value = int(raw)
    if value > MAX_OFFSET:
        raise InvalidParameter(
            _("%(name)s cannot be higher than %(max)d") % {"name": name, "max": MAX_OFFSET}
        )
    return value


class EnvelopePagination(LimitOffsetPagination):
    default_limit = LIST_LIMIT_DEFAULT

    @property
    def max_limit(self) -> int:
        return list_limit_max()

    def get_limit(self, request) -> int:
        raw = request.query_params.get(self.limit_query_param)
        if raw is None:
            return self.default_limit
        limit = _non_negative_int(raw, "limit")
        if limit > self.max_limit:
            raise InvalidParameter(
                _("%(name)s cannot be higher than %(max)d")
                % {"name": "limit", "max": self.max_limit}
            )
        return limit

    def get_offset(self, request) -> int:
        raw = request.query_params.get(self.offset_query_param)
        return 0 if raw is None else _non_negative_int(raw, "offset")

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.limit = self.get_limit(request)
        self.offset = self.get_offset(request)
        self.count = self.get_count(queryset)
        if self.limit == 0 or self.offset >= self.count:
            return []
        return list(queryset[self.offset : self.offset + self.limit])

    def get_paginated_response(self, data) -> Response:
        return Response({"meta": {"total_count": self.count}, "items": data})

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return {
            "type": "object",
            "required": ["meta", "items"],
            "properties": {
                "meta": {
                    "type": "object",
                    "required": ["total_count"],
                    "properties": {"total_count": {"type": "integer", "example": 42}},
                },
                "items": schema,
            },
        }

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": self.limit_query_param,
                "required": False,
                "in": "query",
                "description": f"Items per page: {self.default_limit} by default, "
                f"at most {self.max_limit}.",
                "schema": {"type": "integer", "minimum": 0, "maximum": self.max_limit},
            },
            {
                "name": self.offset_query_param,
                "required": False,
                "in": "query",
                "description": "How many items to skip.",
                "schema": {"type": "integer", "minimum": 0},
            },
        ]
