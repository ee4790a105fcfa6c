"""Small builders of OpenAPI 3.0 schemas, shared by the schema generators and by the code that
declares its own API shapes (blocks' `api_schema()`, serializer fields' `openapi_schema()`).

A schema marked with `component("Name", {...})` is written once under
`#/components/schemas/Name` and referenced wherever it is used, so a shape that several places
share (an image with its renditions, a document) is one named type in generated clients.
"""

from typing import Any

Schema = dict[str, Any]

# The marker the generators replace by a `$ref` (a specification extension, so a schema that
# still carries it is valid OpenAPI too).
COMPONENT_KEY = "x-component"


def component(name: str, schema: Schema) -> Schema:
    """`schema`, to be written once as the component `name` and referenced elsewhere."""
    return {COMPONENT_KEY: name, **schema}


def nullable(schema: Schema) -> Schema:
    """`schema` or null, in OpenAPI 3.0's way (`nullable`, and `null` among an enum's values)."""
    if "$ref" in schema or COMPONENT_KEY in schema:
        # Siblings of `$ref` are ignored in 3.0: wrap it.
        return {"nullable": True, "allOf": [schema]}
    schema = {**schema, "nullable": True}
    if "enum" in schema and None not in schema["enum"]:
        schema["enum"] = [*schema["enum"], None]
    return schema


def string(description: str = "", **keywords: Any) -> Schema:
    schema: Schema = {"type": "string", **keywords}
    if description:
        schema["description"] = description
    return schema


def integer(description: str = "", **keywords: Any) -> Schema:
    schema: Schema = {"type": "integer", **keywords}
    if description:
        schema["description"] = description
    return schema


def obj(
    properties: dict[str, Schema],
    *,
    required: list[str] | None = None,
    description: str = "",
    closed: bool = True,
) -> Schema:
    """An object with these properties, all required unless `required` names some; `closed`:
    no other property (so a response carrying an undeclared key fails validation)."""
    schema: Schema = {
        "type": "object",
        "required": list(properties) if required is None else required,
        "properties": properties,
    }
    if not schema["required"]:
        del schema["required"]
    if closed:
        schema["additionalProperties"] = False
    if description:
        schema["description"] = description
    return schema


def array(items: Schema, description: str = "", **keywords: Any) -> Schema:
    schema: Schema = {"type": "array", "items": items, **keywords}
    if description:
        schema["description"] = description
    return schema


ERROR_SCHEMA: Schema = obj(
    {
        "detail": string("A human message; wording may change.", example="Not found."),
        "code": string("A stable code to branch on (docs/errors.md).", example="not_found"),
        "errors": {
            "type": "object",
            "description": "Validation errors only: the messages of each field at fault "
            "(`profile.timezone`, `items.0.text`, or `non_field_errors`).",
            "additionalProperties": array(string()),
        },
    },
    required=["detail", "code"],
    description="Every error under /api/.",
)
