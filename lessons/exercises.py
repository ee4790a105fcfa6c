"""Plain rules about exercises, shared by the editor's validation, the API and grading."""

import random
import re

GAP_PATTERN = re.compile(r"\{(\d+)\}")


def gap_numbers(text: str) -> list[int]:
    """The gap numbers written in a fill-in-the-blank text, in reading order."""
    return [int(number) for number in GAP_PATTERN.findall(text)]


def display_order(seed: str, count: int) -> list[int]:
    """A stable permutation of ``range(count)`` that never equals the original order.

    Drag-and-drop items are stored in their correct order (or with their correct pairs); the API
    shows them in this order instead. The caller seeds it with the items' own texts, so it is the
    same for every request (an attempt's indexes can be mapped back) and changes only when the
    editor changes the items; it never gives the answer away.
    """
    order = list(range(count))
    if count < 2:
        return order
    random.Random(seed).shuffle(order)  # noqa: S311 - a display order, not a secret
    if order == sorted(order):
        order = order[1:] + order[:1]
    return order
