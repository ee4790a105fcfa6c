"""The OpenAPI schema of a StreamField block's value in the content API.

A block that shapes its own API value (overrides `get_api_representation`) declares it:

    def api_schema(self) -> dict: ...   # an OpenAPI 3.0 schema of the value it sends

Every other block keeps Wagtail's representation, and its schema is derived from its definition:
a struct's children, a list's child, a stream's children (each its own component, discriminated
by `type`), choices, text lengths, chooser ids. So a new block, or a new child in a struct,
appears in `/api/schema/content/` without anyone writing its schema.

What can be neither declared nor derived raises `UndescribedShape`; the content schema lists it
as a problem, and the tests require there be none.
"""

import re
from contextvars import ContextVar

from wagtail import blocks
from wagtail.blocks.field_block import BaseChoiceBlock
from wagtail.embeds.blocks import EmbedBlock

from core.schema_types import Schema, array, component, integer, nullable, obj, string

# The problems of the schema being generated (core.content_schema); outside one, they raise.
problems: ContextVar[list[str] | None] = ContextVar("content_schema_problems", default=None)


class UndescribedShape(Exception):
    """A block (or field) whose API shape can be neither read from a declaration nor derived."""


def report(message: str) -> None:
    collected = problems.get()
    if collected is None:
        raise UndescribedShape(message)
    collected.append(message)


def _qualified_name(block) -> str:
    return f"{type(block).__module__}.{type(block).__qualname__}"


def shapes_its_own_value(block: blocks.Block) -> bool:
    """Whether the block's API value comes from code outside Wagtail, which only it can describe."""
    for klass in type(block).__mro__:
        if "get_api_representation" in vars(klass):
            return not klass.__module__.startswith("wagtail.")
    return False


def block_value_schema(block: blocks.Block) -> Schema:
    """The schema of `block.get_api_representation(value)`."""
    declared = getattr(block, "api_schema", None)
    if callable(declared):
        return declared()
    if shapes_its_own_value(block):
        raise UndescribedShape(
            f"{_qualified_name(block)} shapes its own API value (get_api_representation) but "
            "declares no api_schema(): add one returning the schema of what it sends."
        )
    return _derived_schema(block)


def _max_length(block: blocks.FieldBlock) -> dict:
    length = getattr(block.field, "max_length", None)
    return {"maxLength": length} if length else {}


def _choice_values(block: BaseChoiceBlock) -> list:
    values = []
    for value, label in block.field.choices:
        if isinstance(label, (list, tuple)):  # an option group
            values.extend(option for option, _label in label)
        elif value != "":
            values.append(value)
    return values


def _when_optional(block: blocks.FieldBlock, schema: Schema) -> Schema:
    """An optional date or number is null when left empty."""
    return schema if block.required else nullable(schema)


def _derived_schema(block: blocks.Block) -> Schema:
    help_text = str(getattr(block.meta, "help_text", "") or "")
    schema = _derived_schema_of_kind(block)
    if help_text and "$ref" not in schema and "description" not in schema:
        schema = {**schema, "description": help_text}
    return schema


def _derived_schema_of_kind(block: blocks.Block) -> Schema:
    if isinstance(block, blocks.StreamBlock):
        return stream_block_schema(block)
    if isinstance(block, blocks.StructBlock):
        return struct_block_schema(block)
    if isinstance(block, blocks.ListBlock):
        return list_block_schema(block)
    if isinstance(block, blocks.StaticBlock):
        return {"nullable": True, "enum": [None]}
    if isinstance(block, blocks.RichTextBlock):
        return string("Rich text: HTML.")
    if isinstance(block, blocks.MultipleChoiceBlock):
        return array(string(enum=_choice_values(block)))
    if isinstance(block, BaseChoiceBlock):
        values = _choice_values(block)
        return string(enum=values if block.required else [*values, ""])
    if isinstance(block, blocks.BooleanBlock):
        return {"type": "boolean"}
    if isinstance(block, blocks.IntegerBlock):
        bounds = {
            keyword: value
            for keyword, value in (
                ("minimum", block.field.min_value),
                ("maximum", block.field.max_value),
            )
            if value is not None
        }
        return _when_optional(block, integer(**bounds))
    if isinstance(block, (blocks.FloatBlock, blocks.DecimalBlock)):
        return _when_optional(block, {"type": "number"})
    if isinstance(block, blocks.DateTimeBlock):
        return _when_optional(block, string(format="date-time"))
    if isinstance(block, blocks.DateBlock):
        return _when_optional(block, string(format="date"))
    if isinstance(block, blocks.TimeBlock):
        return _when_optional(block, string(format="time"))
    if isinstance(block, EmbedBlock):
        return string("The URL of the embedded page; empty when none is set.")
    if isinstance(block, blocks.ChooserBlock):
        model = block.model_class._meta.verbose_name
        return nullable(integer(f"The id of the chosen {model}; null if none or deleted."))
    if isinstance(block, (blocks.URLBlock, blocks.EmailBlock)) and block.required:
        kind = "uri" if isinstance(block, blocks.URLBlock) else "email"
        return string(format=kind, **_max_length(block))
    if isinstance(
        block,
        (
            blocks.CharBlock,
            blocks.TextBlock,
            blocks.RawHTMLBlock,
            blocks.RegexBlock,
            blocks.URLBlock,
            blocks.EmailBlock,
        ),
    ):
        return string(**_max_length(block))
    raise UndescribedShape(
        f"{_qualified_name(block)}: no schema can be derived for this kind of block; "
        "declare api_schema() on it."
    )


def struct_block_schema(block: blocks.StructBlock) -> Schema:
    """Wagtail's struct representation: every child, by name."""
    return obj({name: block_value_schema(child) for name, child in block.child_blocks.items()})


def list_block_schema(block: blocks.ListBlock) -> Schema:
    bounds = {}
    if block.meta.min_num is not None:
        bounds["minItems"] = block.meta.min_num
    if block.meta.max_num is not None:
        bounds["maxItems"] = block.meta.max_num
    return array(block_value_schema(block.child_block), **bounds)


def block_component_name(name: str) -> str:
    """`multiple_choice` → `MultipleChoiceBlock`."""
    return "".join(part.title() for part in re.split(r"[^a-zA-Z0-9]+", name) if part) + "Block"


def _description(block: blocks.Block) -> str:
    doc = type(block).__doc__ if not type(block).__module__.startswith("wagtail.") else ""
    text = (doc or "").strip().split("\n\n")[0]
    return " ".join(text.split()) or str(block.label or block.name)


def stream_block_schema(block: blocks.StreamBlock) -> Schema:
    """Wagtail's stream representation: `[{type, value, id}, ...]`, each block type its own
    component, told apart by `type`."""
    variants, mapping = [], {}
    for name, child in block.child_blocks.items():
        component_name = block_component_name(name)
        try:
            value = block_value_schema(child)
        except UndescribedShape as problem:
            report(str(problem))
            value = {"description": "Not described yet."}
        variants.append(
            component(
                component_name,
                obj(
                    {
                        "type": string(enum=[name]),
                        "value": value,
                        "id": string(
                            "Stable id of the block (a UUID): exercise attempts name it.",
                            format="uuid",
                        ),
                    },
                    description=_description(child),
                ),
            )
        )
        mapping[name] = f"#/components/schemas/{component_name}"
    bounds = {}
    if block.meta.min_num is not None:
        bounds["minItems"] = block.meta.min_num
    if block.meta.max_num is not None:
        bounds["maxItems"] = block.meta.max_num
    items = {"oneOf": variants, "discriminator": {"propertyName": "type", "mapping": mapping}}
    return array(items, **bounds)
