"""A lesson body's API shape made from its stored form (the JSON of the StreamField).

Wagtail shows a block by converting its stored form first: a StructValue per struct, a
ListValue per list (a new id for every item of a list stored without ids), and a query per
chooser type. For the API most of that is built to be thrown away: struct and list blocks
with Wagtail's own representation, and field blocks, are shown here straight from their stored
form, with the same result. A block with a representation of its own opts in by defining
`api_representation_from_raw` (usually `shown_from_raw`); anything else, and any block holding
a chosen image, document or page, is UNSHOWN here and shown from its converted value.
"""

from __future__ import annotations

from wagtail import blocks

# What cannot be shown from the stored form: the caller converts the block instead.
UNSHOWN = object()
STRUCT_REPRESENTATION = blocks.StructBlock.get_api_representation
LIST_REPRESENTATION = blocks.ListBlock.get_api_representation


def list_item(block: blocks.ListBlock, item):
    """A list item's stored value: lists are stored as `{"type": "item", "value", "id"}`
    items, or (older content) as the bare values."""
    return item["value"] if block._item_is_in_block_format(item) else item


def raw_value(block: blocks.Block, raw):
    """The value of `block` as its `get_api_representation` reads it, with plain dicts and
    lists where Wagtail builds StructValues and ListValues; UNSHOWN when a chooser (other than
    an empty one) is in it."""
    if isinstance(block, blocks.ChooserBlock):
        return None if raw is None else UNSHOWN
    if isinstance(block, blocks.StructBlock):
        value = {}
        for name, child in block.child_blocks.items():
            value[name] = raw_value(child, raw[name]) if name in raw else child.get_default()
            if value[name] is UNSHOWN:
                return UNSHOWN
        return value
    if isinstance(block, blocks.ListBlock):
        items = [raw_value(block.child_block, list_item(block, item)) for item in raw]
        return UNSHOWN if any(item is UNSHOWN for item in items) else items
    if isinstance(block, blocks.FieldBlock):
        return block.to_python(raw)
    return UNSHOWN


def shown_from_raw(block: blocks.Block, raw, context: dict | None):
    """`block.get_api_representation` given the plain value of its stored form (for blocks
    whose representation reads their value by key and iterates its lists)."""
    value = raw_value(block, raw)
    if value is UNSHOWN:
        return UNSHOWN
    return block.get_api_representation(value, context)


def api_representation_from_raw(block: blocks.Block, raw, context: dict | None):
    """`block.get_api_representation` of its stored form `raw`, or UNSHOWN."""
    own = getattr(block, "api_representation_from_raw", None)
    if own is not None:
        return own(raw, context)
    method = type(block).get_api_representation
    if isinstance(block, blocks.StructBlock) and method is STRUCT_REPRESENTATION:
        shown = {}
        for name, child in block.child_blocks.items():
            if name in raw:
                shown[name] = api_representation_from_raw(child, raw[name], context)
            else:
                shown[name] = child.get_api_representation(child.get_default(), context)
            if shown[name] is UNSHOWN:
                return UNSHOWN
        return shown
    if isinstance(block, blocks.ListBlock) and method is LIST_REPRESENTATION:
        child = block.child_block
        shown = [
            api_representation_from_raw(child, list_item(block, item), context) for item in raw
        ]
        return UNSHOWN if any(item is UNSHOWN for item in shown) else shown
    if isinstance(block, blocks.ChooserBlock):
        return None if raw is None else UNSHOWN
    if isinstance(block, blocks.FieldBlock):
        return block.get_api_representation(block.to_python(raw), context)
    return UNSHOWN
