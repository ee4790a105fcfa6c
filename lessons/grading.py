"""What every exercise type shares when it grades: the result, the refusal, and small rules.

Each exercise block class (`lessons.exercises`) owns its own answer format, grading and
feedback; this module only holds what they have in common.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any


class MalformedAnswer(ValueError):
    """The answer does not have the shape the exercise expects."""


@dataclass(frozen=True)
class Grade:
    """`correct` is true only for a score of 1; both are None while a teacher has to review."""

    correct: bool | None
    score: float | None
    feedback: dict[str, Any] = field(default_factory=dict)

    @property
    def awaiting_review(self) -> bool:
        return self.score is None


def graded(score: float, feedback: dict[str, Any]) -> Grade:
    score = round(min(max(score, 0.0), 1.0), 4)
    return Grade(correct=score == 1.0, score=score, feedback=feedback)


def awaiting_review() -> Grade:
    return Grade(correct=None, score=None, feedback={"status": "awaiting_review"})


def is_index(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def index_list(answer: Any, *, what: str) -> list[int]:
    if not isinstance(answer, list):
        raise MalformedAnswer(f"Send a list of {what} indexes, e.g. [0].")
    if not all(is_index(item) for item in answer):
        raise MalformedAnswer(f"Every {what} index must be a whole number.")
    return answer


_QUOTES = str.maketrans({"‘": "'", "’": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"'})
_SPACES = re.compile(r"\s+")


def normalize_text_answer(text: str, *, case_sensitive: bool) -> str:
    """Whitespace never matters and typographic quotes count as straight ones."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    text = _SPACES.sub(" ", text).strip()
    return text if case_sensitive else text.casefold()
