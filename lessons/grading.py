"""Grading of exercise answers, as plain functions of the stored block value and the answer.

Answer formats (API.md, "Exercises"):

- `multiple_choice`: the chosen option indexes, 0-based: `[2]`, or several with
  `allow_multiple`. Partial credit for several: (right picks − wrong picks) / correct options,
  never below 0.
- `fill_blank`: one string per gap. Surrounding and repeated whitespace never matters,
  typographic quotes count as straight ones, and case matters only when the exercise says so.
  The score is the share of gaps right; the feedback says which gaps were right.
- `drag_drop`, order mode: the item indexes as the public API shows them, in the learner's
  order. Match mode: `[item_index, target_index]` pairs, both as shown. The score is the share
  of positions (or items) right.
- `voice_response`: `{"transcript": "...", "recording": <document id or null>}`; not graded
  here but kept for a teacher to review.

An answer is `correct` only when its score is 1. An answer that does not have the shape its
exercise expects raises `MalformedAnswer`, never a wrong grade.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lessons.blocks import DragDropBlock
from lessons.exercises import gap_numbers

TRANSCRIPT_MAX_LENGTH = 2000
GAP_ANSWER_MAX_LENGTH = 200


class MalformedAnswer(ValueError):
    """The answer does not have the shape the exercise expects."""


@dataclass(frozen=True)
class Grade:
    correct: bool | None
    score: float | None
    feedback: dict[str, Any] = field(default_factory=dict)

    @property
    def awaiting_review(self) -> bool:
        return self.score is None


def _graded(score: float, feedback: dict[str, Any]) -> Grade:
    score = round(min(max(score, 0.0), 1.0), 4)
    return Grade(correct=score == 1.0, score=score, feedback=feedback)


def _index_list(answer: Any, *, what: str) -> list[int]:
    if not isinstance(answer, list):
        raise MalformedAnswer(f"Send a list of {what} indexes, e.g. [0].")
    if not all(isinstance(item, int) and not isinstance(item, bool) for item in answer):
        raise MalformedAnswer(f"Every {what} index must be a whole number.")
    return answer


def grade_multiple_choice(value, answer: Any) -> Grade:
    options = value["options"]
    picks = _index_list(answer, what="option")
    if not picks:
        raise MalformedAnswer("Choose at least one option.")
    if len(set(picks)) != len(picks):
        raise MalformedAnswer("Choose each option once.")
    if any(not 0 <= pick < len(options) for pick in picks):
        raise MalformedAnswer(f"Option indexes go from 0 to {len(options) - 1}.")
    if len(picks) > 1 and not value["allow_multiple"]:
        raise MalformedAnswer("Choose one option only.")

    correct_options = {index for index, option in enumerate(options) if option["is_correct"]}
    right = [pick in correct_options for pick in picks]
    wrong_count = right.count(False)
    score = (right.count(True) - wrong_count) / len(correct_options)
    # Which picks were right, and how many correct options were missed; never which they are.
    feedback = {"picks": right, "missed": len(correct_options) - right.count(True)}
    return _graded(score, feedback)


_QUOTES = str.maketrans({"‘": "'", "’": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"'})
_SPACES = re.compile(r"\s+")


def normalize_gap_answer(text: str, *, case_sensitive: bool) -> str:
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    text = _SPACES.sub(" ", text).strip()
    return text if case_sensitive else text.casefold()


def grade_fill_blank(value, answer: Any) -> Grade:
    gap_count = len(gap_numbers(value["text"]))
    if not isinstance(answer, list) or not all(isinstance(text, str) for text in answer):
        raise MalformedAnswer('Send a list of texts, one per gap, e.g. ["works"].')
    if len(answer) != gap_count:
        raise MalformedAnswer(f"Send {gap_count} text(s), one per gap; got {len(answer)}.")
    if any(len(text) > GAP_ANSWER_MAX_LENGTH for text in answer):
        raise MalformedAnswer(f"A gap takes at most {GAP_ANSWER_MAX_LENGTH} characters.")

    case_sensitive = bool(value["case_sensitive"])
    gaps = []
    for given, gap in zip(answer, value["gaps"], strict=False):
        accepted = {
            normalize_gap_answer(text, case_sensitive=case_sensitive)
            for text in gap["accepted_answers"]
        }
        normalized = normalize_gap_answer(given, case_sensitive=case_sensitive)
        gaps.append(bool(normalized) and normalized in accepted)
    # A stored exercise always has one answer set per gap (the block validates it); should an
    # old one not, the gaps without answers cannot be right.
    gaps += [False] * (gap_count - len(gaps))
    return _graded(gaps.count(True) / gap_count, {"gaps": gaps})


def grade_drag_drop(value, answer: Any) -> Grade:
    items = value["items"]
    shown_items = DragDropBlock.item_order(value)  # shown index -> stored index
    if value["mode"] == "match":
        return _grade_match(items, shown_items, DragDropBlock.targets(value), answer)

    order = _index_list(answer, what="item")
    if sorted(order) != list(range(len(items))):
        raise MalformedAnswer(
            f"Send every item index from 0 to {len(items) - 1} once, in your order."
        )
    # Items are stored in their correct order: position p is right if it holds stored item p.
    positions = [shown_items[shown] == position for position, shown in enumerate(order)]
    return _graded(positions.count(True) / len(items), {"positions": positions})


def _grade_match(items, shown_items: list[int], targets: list[str], answer: Any) -> Grade:
    if not isinstance(answer, list) or not all(
        isinstance(pair, list)
        and len(pair) == 2
        and all(isinstance(index, int) and not isinstance(index, bool) for index in pair)
        for pair in answer
    ):
        raise MalformedAnswer("Send a list of [item_index, target_index] pairs.")
    if any(not 0 <= item < len(items) for item, _target in answer):
        raise MalformedAnswer(f"Item indexes go from 0 to {len(items) - 1}.")
    if any(not 0 <= target < len(targets) for _item, target in answer):
        raise MalformedAnswer(f"Target indexes go from 0 to {len(targets) - 1}.")
    placed = [item for item, _target in answer]
    if len(set(placed)) != len(placed):
        raise MalformedAnswer("Place each item once.")

    pairs = [items[shown_items[item]]["match"] == targets[target] for item, target in answer]
    # Items left unplaced count as wrong.
    return _graded(pairs.count(True) / len(items), {"pairs": pairs})


def voice_response_clean(answer: Any) -> dict[str, Any]:
    """The voice answer to keep for review: `{"transcript": str, "recording": int | None}`."""
    if not isinstance(answer, dict) or set(answer) - {"transcript", "recording"}:
        raise MalformedAnswer('Send {"transcript": "...", "recording": <document id or null>}.')
    transcript = answer.get("transcript", "")
    recording = answer.get("recording")
    if not isinstance(transcript, str):
        raise MalformedAnswer("The transcript is a text.")
    if len(transcript) > TRANSCRIPT_MAX_LENGTH:
        raise MalformedAnswer(f"The transcript takes at most {TRANSCRIPT_MAX_LENGTH} characters.")
    if recording is not None and (isinstance(recording, bool) or not isinstance(recording, int)):
        raise MalformedAnswer("The recording is a document id, or null.")
    transcript = transcript.strip()
    if not transcript and recording is None:
        raise MalformedAnswer("Send a transcript, a recording, or both.")
    return {"transcript": transcript, "recording": recording}


def grade_voice_response(value, answer: Any) -> Grade:
    voice_response_clean(answer)
    return Grade(correct=None, score=None, feedback={"status": "awaiting_review"})


GRADERS: dict[str, Callable[[Any, Any], Grade]] = {
    "multiple_choice": grade_multiple_choice,
    "fill_blank": grade_fill_blank,
    "drag_drop": grade_drag_drop,
    "voice_response": grade_voice_response,
}


def grade(block_type: str, value, answer: Any) -> Grade:
    """Grade `answer` against an exercise block's stored value. Raises MalformedAnswer."""
    try:
        grader = GRADERS[block_type]
    except KeyError:
        raise ValueError(f"{block_type!r} is not a gradable exercise") from None
    return grader(value, answer)
