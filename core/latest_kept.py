"""`LatestKept`: values by key, the least recently used out first past a budget."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class LatestKept:
    """Values by key, least recently used first out once their weights (`weight(value)`, 1
    each by default) pass `budget`: what a process keeps of an endless key space (answers,
    searches' rankings, request shapes' statements). Not thread-safe on its own."""

    def __init__(self, budget: int, weight: Callable[[object], int] = lambda _value: 1):
        self.budget = budget
        self.weight = weight
        self.by_key: OrderedDict = OrderedDict()
        self.size = 0

    def get(self, key):
        """The value kept under `key` (now the latest used), or None."""
        value = self.by_key.get(key)
        if value is not None:
            self.by_key.move_to_end(key)
        return value

    def keep(self, key, value: T) -> T:
        """`value`, kept under `key` unless it alone weighs more than the budget."""
        weight = self.weight(value)
        if weight <= self.budget:
            if key in self.by_key:
                self.size -= self.weight(self.by_key.pop(key))
            self.by_key[key] = value
            self.size += weight
            while self.size > self.budget:
                _key, dropped = self.by_key.popitem(last=False)
                self.size -= self.weight(dropped)
        return value

    def discard(self, key) -> None:
        value = self.by_key.pop(key, None)
        if value is not None:
            self.size -= self.weight(value)

    def clear(self) -> None:
        self.by_key.clear()
        self.size = 0
