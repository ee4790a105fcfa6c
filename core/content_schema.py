"""The OpenAPI 3 document of the content API (`/api/v2/`), served at `/api/schema/content/`.

Derived from the code that serves the API, never written by hand, so it cannot drift:

- the endpoints are the Wagtail API router's (pages, images, documents, and any endpoint
  registered later), with the paths their viewsets route;
- the page types are Wagtail's registered page models (`get_page_models()`); a type's fields in a
  detail and in listings are exactly the serializer fields the pages endpoint builds for it
  (`api_fields`, Wagtail's meta fields), typed from the serializer field and the model field;
- lesson bodies: every StreamField's blocks, each block type its own component discriminated by
  `type`, typed by the block's own `api_schema()` or derived from its definition
  (`core.schema_blocks`);
- query parameters from the viewsets (`known_query_parameters`), and the field filters of each
  page type (its database fields);
- image and document shapes from `core.media`, errors from `core.schema_types.ERROR_SCHEMA`.

Whatever cannot be typed — a block that shapes its own value without declaring `api_schema()`,
a serializer field of a kind unknown here (a field can declare `openapi_schema()`), an endpoint
route of an unknown kind — is left untyped and listed in `ContentSchema.problems`; the tests
require that list to be empty. The document depends only on code and settings, so it is built
once per process (`content_schema_document`).
"""

from __future__ import annotations

import copy
import functools
import json
import re
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.views import View
from rest_framework import fields as drf
from wagtail.api.v2 import serializers as wagtail_serializers
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet
from wagtail.documents.api.v2.serializers import DocumentDownloadUrlField
from wagtail.images.api.v2.serializers import ImageDownloadUrlField
from wagtail.models import Page, get_page_models

from core import schema_blocks
from core.pagination import MAX_OFFSET
from core.response_cache import CachedAnswersMixin
from core.schema_types import (
    COMPONENT_KEY,
    ERROR_SCHEMA,
    Schema,
    array,
    component,
    integer,
    nullable,
    obj,
    string,
)

# 3.1: its JSON Schema says "X or null" for a referenced X (`anyOf: [X, null]`), which 3.0's
# `nullable` cannot; the shared schema pieces are written in 3.0's way (the learner document
# is 3.0) and converted on the way out (`_as_openapi_31`).
OPENAPI_VERSION = "3.1.0"
ERROR_REF = {"$ref": "#/components/schemas/Error"}
SECURITY_SCHEME = "jwtAuth"
# Asked for by jQuery and DRF's browsable API; nothing an app sends.
UNDOCUMENTED_PARAMETERS = frozenset({"_", "format"})
# What Wagtail's `parent` and `alias_of` show of the page they point to
# (wagtail.api.v2.serializers.PageParentField).
PAGE_SUMMARY_FIELDS = ["id", "type", "detail_url", "html_url", "title"]
PAGE_SUMMARY_META_FIELDS = ["type", "detail_url", "html_url"]


def model_type_name(model: type[models.Model]) -> str:
    """`lessons.LessonPage`, as `meta.type` and `?type=` write it."""
    return f"{model._meta.app_label}.{model.__name__}"


def _json_schema_of_model_field(field: models.Field | None) -> Schema:
    """A field filter's value, as a query parameter."""
    if isinstance(field, models.BooleanField):
        return {"type": "boolean"}
    if isinstance(field, (models.IntegerField, models.AutoField, models.ForeignKey)):
        return integer()
    if field is not None and field.choices:
        return string(enum=[value for value, _label in field.flatchoices if value != ""])
    if isinstance(field, models.DateTimeField):
        return string(format="date-time")
    if isinstance(field, models.DateField):
        return string(format="date")
    return string()


class ContentSchema:
    """One build of the document (see the module docstring)."""

    def __init__(self, router: WagtailAPIRouter, prefix: str = "/api/v2/"):
        self.router = router
        self.prefix = prefix
        self.problems: list[str] = []
        self.components: dict[str, Schema] = {}
        self.page_models = [model for model in get_page_models() if not model._meta.abstract]
        self._names: dict[type, str] = {}

    # --- the document ---------------------------------------------------------------------------
    def document(self) -> dict:
        token = schema_blocks.problems.set(self.problems)
        try:
            paths: dict[str, dict] = {}
            for name, viewset in self.router._endpoints.items():
                paths.update(self._endpoint_paths(name, viewset))
            self.components["Error"] = ERROR_SCHEMA
            document = {
                "openapi": OPENAPI_VERSION,
                "info": {
                    "title": "Toto content API",
                    "version": "2",
                    "description": (
                        "Lessons and the curriculum tree (Wagtail API v2): public, read-only. "
                        "Every page type and every lesson block type is its own schema. A "
                        "member's access token (`Authorization: Bearer …`) also opens the "
                        "pages restricted to members; an invalid one answers 401. "
                        "Generated from the page models and block definitions."
                    ),
                },
                "paths": paths,
                "components": {
                    "schemas": self.components,
                    "securitySchemes": {
                        SECURITY_SCHEME: {
                            "type": "http",
                            "scheme": "bearer",
                            "bearerFormat": "JWT",
                            "description": "Optional: a member's access token.",
                        }
                    },
                },
                "security": [{}, {SECURITY_SCHEME: []}],
            }
            return _as_openapi_31(self._hoist_components(document))
        finally:
            schema_blocks.problems.reset(token)

    def _hoist_components(self, document: dict) -> dict:
        """Move every `component(...)`-marked schema to components/schemas, leaving a `$ref`."""

        def walk(node: Any) -> Any:
            if isinstance(node, list):
                return [walk(item) for item in node]
            if not isinstance(node, dict):
                return node
            node = {key: walk(value) for key, value in node.items()}
            name = node.pop(COMPONENT_KEY, None)
            if name is None:
                return node
            existing = self.components.get(name)
            if existing is not None and existing != node:
                self.problems.append(
                    f"two different schemas are both named {name!r}; rename one of them"
                )
            self.components.setdefault(name, node)
            return {"$ref": f"#/components/schemas/{name}"}

        document["paths"] = walk(document["paths"])
        # Components may hold marked schemas themselves; hoist until none is left.
        while True:
            pending = {
                name: schema
                for name, schema in self.components.items()
                if COMPONENT_KEY in json.dumps(schema)
            }
            if not pending:
                break
            for name, schema in pending.items():
                self.components[name] = walk(schema)
        document["components"]["schemas"] = dict(sorted(self.components.items()))
        return document

    # --- names --------------------------------------------------------------------------------
    def _component_name(self, model: type[models.Model], suffix: str = "") -> str:
        """`LessonPage`; `LessonsLessonPage` should two apps have a model of that name."""
        if model not in self._names:
            base = model.__name__
            if any(
                other.__name__ == base and other is not model
                for other in [*self.page_models, *self._endpoint_models()]
            ):
                base = model._meta.app_label.title().replace("_", "") + base
            self._names[model] = base
        return self._names[model] + suffix

    def _endpoint_models(self) -> list[type[models.Model]]:
        return [viewset.model for viewset in self.router._endpoints.values()]

    # --- endpoints ------------------------------------------------------------------------------
    def _endpoint_paths(self, name: str, viewset: type[BaseAPIViewSet]) -> dict:
        """Each route of the viewset. A viewset with routes of its own (`get_urlpatterns`
        overridden) describes them itself: `openapi_operations(schema, route_name)`."""
        declared = getattr(viewset, "openapi_operations", None)
        own_routes = "get_urlpatterns" in _defined_outside_wagtail(viewset)
        paths = {}
        for pattern in viewset.get_urlpatterns():
            route = str(pattern.pattern)
            path = self.prefix + name + "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
            path = path.replace("{pk}", "{id}")
            if callable(declared):
                operation = declared(self, pattern.name)
            elif own_routes:
                operation = None
            else:
                operation = self.wagtail_operation(name, viewset, pattern.name)
            if operation is None:
                self.problems.append(
                    f"{viewset.__module__}.{viewset.__qualname__}: route {pattern.name!r} "
                    f"({path}) cannot be described here; give the viewset openapi_operations()"
                )
                continue
            paths[path] = {"get": operation}
        return paths

    def wagtail_operation(self, name: str, viewset, route: str) -> dict | None:
        """The operation of one of Wagtail's routes (listing, detail, find)."""
        is_pages = issubclass(viewset, WagtailPagesAPIViewSet)
        if route == "listing":
            return self.listing_operation(name, viewset, is_pages)
        if route == "detail":
            return self.detail_operation(name, viewset, is_pages)
        if route == "find":
            return self.find_operation(name, viewset, is_pages)
        return None

    # --- operations ---------------------------------------------------------------------------
    def _responses(self, ok: dict, *codes: int) -> dict:
        descriptions = {
            400: "A query parameter the API cannot use (`invalid_parameter`).",
            401: "The bearer token is invalid or expired (`token_not_valid`): refresh it, or "
            "call without it.",
            404: "No such object, or not served to this request (`not_found`).",
            410: "No longer available (e.g. `preview_expired`).",
        }
        responses = dict(ok)
        for code in codes:
            responses[str(code)] = {
                "description": descriptions[code],
                "content": {"application/json": {"schema": ERROR_REF}},
            }
        return responses

    def _with_validators(self, viewset, operation: dict) -> dict:
        """Answers of a viewset behind the content answer cache (`core.response_cache`) carry
        an ETag, and `If-None-Match` with it answers 304 with no body."""
        if not issubclass(viewset, CachedAnswersMixin):
            return operation
        operation["parameters"].append(
            {
                "name": "If-None-Match",
                "in": "header",
                "required": False,
                "schema": string(),
                "description": "The `ETag` of an answer you have: unchanged, it answers 304.",
            }
        )
        responses = operation["responses"]
        responses["200"]["headers"] = {
            "ETag": {"schema": string(), "description": "Send it back as `If-None-Match`."},
            "Cache-Control": {"schema": string()},
        }
        responses["304"] = {
            "description": "Not modified since the answer whose `ETag` was sent; no body.",
            "headers": {"ETag": {"schema": string()}},
        }
        operation["responses"] = dict(sorted(responses.items()))
        return operation

    def listing_operation(self, name: str, viewset, is_pages: bool) -> dict:
        if is_pages:
            items = {
                "anyOf": [
                    self.page_listing_item(Page, untyped=True),
                    # (`type=wagtailcore.Page` lists plain pages, as without a type.)
                    *(
                        self.page_listing_item(model)
                        for model in self.page_models
                        if model is not Page
                    ),
                ],
                "description": "Without `type`, each item has the fields every page has; "
                "with `type=<one page type>` it has that type's fields "
                "(`<Type>ListingItem`).",
            }
            summary = "List pages"
        else:
            items = self.model_listing_item(viewset)
            summary = f"List {name}"
        envelope = self.listing_envelope(items)
        parameters = self.listing_parameters(viewset, is_pages)
        operation = {
            "operationId": f"{name}_list",
            "summary": summary,
            "tags": [name],
            "parameters": parameters,
            "responses": self._responses(
                {"200": {"description": "One page of results.", "content": _json(envelope)}},
                400,
                401,
            ),
        }
        return self._with_validators(viewset, operation)

    def detail_operation(self, name: str, viewset, is_pages: bool) -> dict:
        if is_pages:
            body = {
                "oneOf": [self.page_detail(model) for model in self.page_models],
                "description": "The page in full, with the fields of its type (`meta.type`).",
            }
            summary = "One page in full"
        else:
            body = self.model_detail(viewset)
            summary = f"One of {name}"
        operation = {
            "operationId": f"{name}_retrieve",
            "summary": summary,
            "tags": [name],
            "parameters": [
                {
                    "name": "id",
                    "in": "path",
                    "required": True,
                    "schema": integer(minimum=1),
                },
                *self._parameters(viewset, ["fields", "rich_text_format"]),
            ],
            "responses": self._responses(
                {"200": {"description": "The object.", "content": _json(body)}}, 400, 401, 404
            ),
        }
        return self._with_validators(viewset, operation)

    def page_answer_operation(
        self, name: str, *, summary: str, parameters: dict[str, str], errors: tuple = (400, 404)
    ) -> dict:
        """A route that answers one page in full, chosen by required query parameters
        (`parameters`: name → description); for viewsets' `openapi_operations()`."""
        return {
            "operationId": f"{name}_retrieve",
            "summary": summary,
            "tags": [name],
            "parameters": [
                *(
                    {
                        "name": parameter,
                        "in": "query",
                        "required": True,
                        "schema": string(),
                        "description": description,
                    }
                    for parameter, description in parameters.items()
                ),
                *self._parameters(self._pages_viewset(), ["fields", "rich_text_format"]),
            ],
            "responses": self._responses(
                {
                    "200": {
                        "description": "The page in full, as `GET /pages/{id}/` answers it.",
                        "content": _json(
                            {"oneOf": [self.page_detail(model) for model in self.page_models]}
                        ),
                    }
                },
                *errors,
            ),
        }

    def find_operation(self, name: str, viewset, is_pages: bool) -> dict:
        names = sorted(viewset.find_query_parameters)
        return {
            "operationId": f"{name}_find",
            "summary": f"Find one of {name} by "
            + " or ".join(f"`{parameter}`" for parameter in names),
            "tags": [name],
            "parameters": self._parameters(viewset, names),
            "responses": self._responses(
                {
                    "302": {
                        "description": "Found: `Location` is its detail URL (other query "
                        "parameters are kept).",
                        "headers": {"Location": {"schema": string(format="uri")}},
                    }
                },
                400,
                401,
                404,
            ),
        }

    def listing_envelope(self, items: Schema) -> Schema:
        return obj(
            {
                "meta": obj(
                    {"total_count": integer("Every match, not just this page.", minimum=0)}
                ),
                "items": array(items),
            }
        )

    # --- query parameters ------------------------------------------------------------------
    def _parameter_schemas(self) -> dict[str, tuple[Schema, str]]:
        languages = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
        limit_max = settings.WAGTAILAPI_LIMIT_MAX
        from wagtail.api.rich_text import APIRichText

        type_names = ", ".join(f"`{model_type_name(model)}`" for model in self.page_models)
        return {
            "limit": (
                integer(minimum=0, maximum=limit_max, default=20),
                f"Items per page: 20 by default, at most {limit_max}.",
            ),
            "offset": (integer(minimum=0, maximum=MAX_OFFSET, default=0), "Items to skip."),
            "fields": (
                string(example="intro,difficulty"),
                "Fields to add (`a,b`), remove (`-a`), all listing fields (`*`) or none but "
                "the ones named (`_,id,title`); nested: `image(title)`.",
            ),
            "order": (
                string(example="-first_published_at"),
                "A database field of the type, `-` for descending, or `random` (not with "
                "`offset`). Default: tree order (search results: relevance).",
            ),
            "search": (string(example="present simple"), "Full-text search."),
            "search_operator": (
                string(enum=["and", "or"], default="or"),
                "`and`: every word must match; `or`: any word.",
            ),
            "rich_text_format": (
                string(enum=sorted(APIRichText._serializers())),
                f"Format of rich text fields and blocks (default "
                f"`{APIRichText.get_default_format()}`).",
            ),
            "type": (
                string(example="lessons.LessonPage"),
                f"Only pages of this type (several: comma-separated). One of {type_names}. "
                "A single type adds its fields and field filters.",
            ),
            "child_of": (
                string(pattern=r"^(\d+|root)$", example="4"),
                "Pages directly under this page id (`root`: the site's root page).",
            ),
            "ancestor_of": (integer(minimum=1), "Pages above this page id."),
            "descendant_of": (
                string(pattern=r"^(\d+|root)$", example="4"),
                "Pages anywhere under this page id (`root`: the site's root page).",
            ),
            "translation_of": (
                integer(minimum=1),
                "The translations of this page id (with `locale`: in one language).",
            ),
            "locale": (string(enum=languages), "Only pages in this language."),
            "site": (
                string(example="toto.example:443"),
                "The site's `hostname[:port]` (default: the request's host).",
            ),
            "html_path": (
                string(example="/grammar/tenses/present-simple-habits-and-routines/"),
                "The page's path, as in `meta.html_url` after the host.",
            ),
            "id": (integer(minimum=1), "The object's id."),
        }

    def _parameters(self, viewset, names) -> list[dict]:
        known = self._parameter_schemas()
        parameters = []
        for name in names:
            if name in UNDOCUMENTED_PARAMETERS:
                continue
            schema, description = known.get(name, (string(), ""))
            if name not in known:
                self.problems.append(
                    f"query parameter {name!r} of {viewset.__qualname__} has no description "
                    "in core.content_schema"
                )
            parameters.append(
                {
                    "name": name,
                    "in": "query",
                    "required": False,
                    "schema": schema,
                    "description": description,
                }
            )
        return parameters

    def listing_parameters(self, viewset, is_pages: bool) -> list[dict]:
        operations = sorted(viewset.known_query_parameters - UNDOCUMENTED_PARAMETERS)
        parameters = self._parameters(viewset, operations)
        models_ = self.page_models if is_pages else [viewset.model]
        filters: dict[str, dict] = {}
        for model in models_:
            available = viewset.get_available_fields(model, db_fields_only=True)
            for name in available:
                if name in viewset.known_query_parameters or name == "locale":
                    continue
                try:
                    field = model._meta.get_field(name)
                except FieldDoesNotExist:  # an attname, such as image_id
                    field = None
                schema = _json_schema_of_model_field(field)
                entry = filters.setdefault(name, {"schema": schema, "types": []})
                if entry["schema"] != schema:
                    entry["schema"] = string()
                entry["types"].append(model)
        base_fields = set(viewset.get_available_fields(viewset.model, db_fields_only=True))
        for name, entry in sorted(filters.items()):
            if name in base_fields:
                where = "any page" if is_pages else "any item"
            else:
                where = "`type=` " + " or ".join(
                    f"`{model_type_name(model)}`" for model in entry["types"]
                )
            parameters.append(
                {
                    "name": name,
                    "in": "query",
                    "required": False,
                    "schema": entry["schema"],
                    "description": f"Field filter: exact match (for {where}).",
                }
            )
        return parameters

    # --- pages ----------------------------------------------------------------------------------
    def _pages_viewset(self) -> type[WagtailPagesAPIViewSet]:
        for viewset in self.router._endpoints.values():
            if issubclass(viewset, WagtailPagesAPIViewSet):
                return viewset
        return WagtailPagesAPIViewSet

    def page_detail(self, model: type[Page]) -> Schema:
        viewset = self._pages_viewset()
        serializer_class = viewset._get_serializer_class(self.router, model, [], show_details=True)
        schema = self.serializer_schema(serializer_class, model, required=True)
        schema["description"] = _model_description(model)
        return component(self._component_name(model), schema)

    def page_listing_item(self, model: type[Page], untyped: bool = False) -> Schema:
        viewset = self._pages_viewset()
        serializer_class = viewset._get_serializer_class(
            self.router, model, [("*", False, None)], show_details=False
        )
        defaults = ", ".join(f"`{name}`" for name in viewset.get_listing_default_fields(model))
        schema = self.serializer_schema(
            serializer_class, model, required=False, any_page_type=untyped
        )
        schema["description"] = (
            "A page in a listing without a single `type`: the fields every page has."
            if untyped
            else f"A `{model_type_name(model)}` in a listing with `type=` naming it."
        ) + f" Present by default: {defaults}; `fields` adds or removes any of these."
        name = "PageListingItem" if untyped else self._component_name(model, "ListingItem")
        item = component(name, schema)
        if not untyped:
            # A ready-made type for an app that lists one page type.
            self.components.setdefault(
                self._component_name(model, "Listing"), self.listing_envelope(item)
            )
        return item

    # --- other endpoints (images, documents) ------------------------------------------------
    def model_listing_item(self, viewset) -> Schema:
        model = viewset.model
        serializer_class = viewset._get_serializer_class(
            self.router, model, [("*", False, None)], show_details=False
        )
        schema = self.serializer_schema(serializer_class, model, required=False)
        return component(self._component_name(model, "ResourceListingItem"), schema)

    def model_detail(self, viewset) -> Schema:
        model = viewset.model
        serializer_class = viewset._get_serializer_class(self.router, model, [], show_details=True)
        schema = self.serializer_schema(serializer_class, model, required=True)
        return component(self._component_name(model, "Resource"), schema)

    # --- serializers and their fields -------------------------------------------------------
    def serializer_schema(
        self, serializer_class, model, *, required: bool, any_page_type: bool = False
    ) -> Schema:
        """What `serializer_class(...).to_representation()` answers: `id` first, then `meta`
        (its meta fields), then the other fields (wagtail.api.v2.serializers.BaseSerializer)."""
        serializer = serializer_class(context={})
        meta_names = set(serializer.meta_fields)
        properties: dict[str, Schema] = {}
        meta: dict[str, Schema] = {}
        for name, field in serializer.fields.items():
            schema = self.field_schema(field, model, name, any_page_type=any_page_type)
            (meta if name in meta_names else properties)[name] = schema
        if meta:
            meta_schema = obj(meta, required=None if required else [])
            properties = {"meta": meta_schema, **properties}
        if "id" in properties:
            properties = {"id": properties.pop("id"), **properties}
        return obj(properties, required=None if required else [])

    def page_summary(self) -> Schema:
        serializer_class = wagtail_serializers.get_serializer_class(
            Page,
            PAGE_SUMMARY_FIELDS,
            meta_fields=PAGE_SUMMARY_META_FIELDS,
            base=wagtail_serializers.PageSerializer,
        )
        schema = self.serializer_schema(serializer_class, Page, required=True, any_page_type=True)
        schema["description"] = "Another page, in short."
        return component("PageSummary", schema)

    def _type_enum(self, model, any_page_type: bool) -> Schema:
        if any_page_type:
            names = [model_type_name(page_model) for page_model in self.page_models]
        else:
            names = [model_type_name(model)]
        return string("The object's type.", enum=names)

    def field_schema(
        self, field: drf.Field, model, name: str, any_page_type: bool = False
    ) -> Schema:
        declared = getattr(field, "openapi_schema", None)
        if callable(declared):
            return declared()
        if isinstance(field, (wagtail_serializers.PageTypeField, wagtail_serializers.TypeField)):
            return self._type_enum(model, any_page_type)
        if isinstance(field, wagtail_serializers.DetailUrlField):
            return string("This object in the API.", format="uri")
        if isinstance(field, wagtail_serializers.PageHtmlUrlField):
            return nullable(
                string("The page's URL for learners (to share or deep-link).", format="uri")
            )
        if isinstance(field, wagtail_serializers.PageLocaleField):
            languages = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
            return string("The page's language.", enum=languages)
        if isinstance(
            field, (wagtail_serializers.PageParentField, wagtail_serializers.PageAliasOfField)
        ):
            return nullable(self.page_summary())
        if isinstance(field, wagtail_serializers.StreamField):
            stream_field = model._meta.get_field(field.source or name)
            try:
                return schema_blocks.block_value_schema(stream_field.stream_block)
            except schema_blocks.UndescribedShape as problem:
                self.problems.append(str(problem))
                return {"description": "Not described yet."}
        if isinstance(field, wagtail_serializers.TagsField):
            return array(string(), "Tag names, alphabetically.")
        if isinstance(field, (ImageDownloadUrlField, DocumentDownloadUrlField)):
            return string("The original file (for display, use the renditions pages carry).")
        if isinstance(field, wagtail_serializers.ChildRelationField):
            child = field.serializer_class
            return array(self.serializer_schema(child, child.Meta.model, required=True))
        if isinstance(field, wagtail_serializers.RelatedField):
            child = field.serializer_class
            schema = self.serializer_schema(child, child.Meta.model, required=True)
            return nullable(schema) if field.allow_null else schema
        schema = self._plain_field_schema(field)
        if schema is None:
            self.problems.append(
                f"{model_type_name(model)}.{name}: {type(field).__qualname__} cannot be typed; "
                "give the field an openapi_schema() (e.g. APIField(..., serializer=...))"
            )
            return {"description": "Not described yet."}
        if field.help_text:
            schema["description"] = str(field.help_text)
        return nullable(schema) if field.allow_null else schema

    def _plain_field_schema(self, field: drf.Field) -> Schema | None:
        if isinstance(field, wagtail_serializers.RichTextFieldSerializer):
            return string("Rich text: HTML.")
        if isinstance(field, drf.ChoiceField):
            values = list(field.choices)
            if getattr(field, "allow_blank", False) and "" not in values:
                values.append("")
            return string(enum=values)
        if isinstance(field, drf.BooleanField):
            return {"type": "boolean"}
        if isinstance(field, drf.IntegerField):
            bounds = {
                keyword: value
                for keyword, value in (
                    ("minimum", field.min_value),
                    ("maximum", field.max_value),
                )
                if value is not None
            }
            return integer(**bounds)
        if isinstance(field, drf.FloatField):
            return {"type": "number"}
        if isinstance(field, drf.DecimalField):
            return string(format="decimal")
        if isinstance(field, drf.DateTimeField):
            return string(format="date-time")
        if isinstance(field, drf.DateField):
            return string(format="date")
        if isinstance(field, drf.TimeField):
            return string(format="time")
        if isinstance(field, drf.UUIDField):
            return string(format="uuid")
        if isinstance(field, drf.CharField):  # slugs, URLs, emails, text
            return string(maxLength=field.max_length) if field.max_length else string()
        return None


def _as_openapi_31(node: Any) -> Any:
    """OpenAPI 3.0's `nullable` as 3.1 (JSON Schema) writes it: `type: [t, "null"]`, or
    `anyOf: [X, {type: null}]` for a reference."""
    if isinstance(node, list):
        return [_as_openapi_31(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _as_openapi_31(value) for key, value in node.items()}
    if node.get("nullable") is not True:
        return node
    del node["nullable"]
    if isinstance(node.get("type"), str):
        node["type"] = [node["type"], "null"]
        return node
    if "enum" in node:  # `nullable()` already put None among the values
        return node
    wrapped = node.pop("allOf", None)
    target = (
        wrapped[0] if wrapped and len(wrapped) == 1 else ({"allOf": wrapped} if wrapped else None)
    )
    if target is None:
        return {"anyOf": [node, {"type": "null"}]}
    return {**node, "anyOf": [target, {"type": "null"}]}


def _defined_outside_wagtail(klass: type) -> set[str]:
    """Names of the attributes `klass` (or a parent of it outside Wagtail) defines itself."""
    names: set[str] = set()
    for parent in klass.__mro__:
        if parent.__module__.startswith(("wagtail.", "rest_framework.")) or parent is object:
            continue
        names.update(vars(parent))
    return names


def _json(schema: Schema) -> dict:
    return {"application/json": {"schema": schema}}


def _model_description(model) -> str:
    doc = (model.__doc__ or "").strip()
    if doc.startswith(model.__name__ + "("):  # Django's generated docstring
        return f"A `{model_type_name(model)}` page in full."
    return " ".join(doc.split("\n\n")[0].split()) + f" (`{model_type_name(model)}`, in full.)"


@functools.cache
def content_schema_document(router: WagtailAPIRouter, prefix: str = "/api/v2/") -> dict:
    """The document, built once per process: it depends on code and settings only."""
    return ContentSchema(router, prefix).document()


def content_schema_problems(router: WagtailAPIRouter, prefix: str = "/api/v2/") -> list[str]:
    """What a fresh build could not type (the tests require none)."""
    schema = ContentSchema(router, prefix)
    schema.document()
    return schema.problems


class ContentSchemaView(View):
    """`GET /api/schema/content/`: the document as JSON, or YAML with `?format=yaml`."""

    router: WagtailAPIRouter | None = None
    prefix = "/api/v2/"

    def get(self, request: HttpRequest) -> HttpResponse:
        document = content_schema_document(self.router, self.prefix)
        if request.GET.get("format") == "yaml":
            import yaml

            return HttpResponse(
                yaml.safe_dump(copy.deepcopy(document), sort_keys=False, allow_unicode=True),
                content_type="application/vnd.oai.openapi; charset=utf-8",
            )
        return HttpResponse(
            json.dumps(document, ensure_ascii=False),
            content_type="application/vnd.oai.openapi+json; charset=utf-8",
        )
