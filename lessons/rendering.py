"""A lesson body as Toto's built-in rendering shows it (editors' Preview, and the page itself
when no app is configured).

Each block is shown from its content-API representation, made by the same block classes, so
the preview cannot drift from what the app receives: the same rendition URLs, the same rich
text, exercises in the same public shape (drag-and-drop items in their keyed order). Only the
preview adds what the editor needs and learners never get: each exercise's answers.
"""

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

from lessons.exercises import GAP_PATTERN, DragDropBlock
from lessons.grading import normalize_text_answer


@dataclass
class DisplayBlock:
    type: str
    id: str
    value: Any
    # Only in a preview: what counts as right, for the editor's eyes.
    answers: dict[str, Any] | None = None
    parts: list[dict[str, Any]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def template(self) -> str:
        return f"lessons/blocks/{self.type}.html"

    @property
    def answers_id(self) -> str:
        return f"answers-{self.id}"


def _multiple_choice_answers(value) -> dict[str, Any]:
    return {
        "correct": [index for index, option in enumerate(value["options"]) if option["is_correct"]],
        "explanation": value["explanation"],
    }


def _fill_blank_answers(value) -> dict[str, Any]:
    case_sensitive = bool(value["case_sensitive"])
    gaps = [list(gap["accepted_answers"]) for gap in value["gaps"]]
    return {
        "gaps": gaps,
        # As the grader compares them; the page's check normalises the learner's text alike.
        "normalized": [
            [normalize_text_answer(text, case_sensitive=case_sensitive) for text in accepted]
            for accepted in gaps
        ],
        "case_sensitive": case_sensitive,
        "explanation": value["explanation"],
    }


def _fill_blank_parts(text: str) -> list[dict[str, Any]]:
    """The text cut into plain pieces and gaps, in reading order (`{1}` → gap 1)."""
    parts: list[dict[str, Any]] = []
    position = 0
    for match in GAP_PATTERN.finditer(text):
        parts.append({"text": text[position : match.start()]})
        parts.append({"gap": int(match.group(1))})
        position = match.end()
    parts.append({"text": text[position:]})
    return parts


def _drag_drop_answers(value, block_id: str) -> dict[str, Any]:
    items = value["items"]
    shown = DragDropBlock.item_order(value, block_id)  # shown index -> stored index
    answers: dict[str, Any] = {"explanation": value["explanation"]}
    if value["mode"] == "match":
        targets = DragDropBlock.targets(value, block_id)
        answers["pairs"] = [
            {"item": items[stored]["text"], "target": items[stored]["match"]} for stored in shown
        ]
        # For the check in the page: the target index each shown item belongs to.
        answers["key"] = [targets.index(items[stored]["match"]) for stored in shown]
    else:
        answers["order"] = [item["text"] for item in items]
        # Shown indexes in the correct order: stored item p is shown at shown.index(p).
        answers["key"] = [shown.index(position) for position in range(len(items))]
    return answers


def _voice_response_answers(value) -> dict[str, Any]:
    return {"expected_phrase": value["expected_phrase"], "explanation": value["explanation"]}


def lesson_body_display(
    body, request: HttpRequest | None, *, show_answers: bool
) -> list[DisplayBlock]:
    """The blocks of a lesson body, ready for `lessons/blocks/<type>.html`."""
    if not body:
        return []
    representations = body.stream_block.get_api_representation(body, {"request": request})
    displayed = []
    for child, shown in zip(body, representations, strict=True):
        block = DisplayBlock(type=shown["type"], id=shown["id"], value=shown["value"])
        value = child.value
        if block.type == "fill_blank":
            block.parts = _fill_blank_parts(shown["value"]["text"])
        elif block.type == "vocabulary" and value["part_of_speech"]:
            choices = dict(child.block.child_blocks["part_of_speech"].field.choices)
            block.extra["part_of_speech"] = choices.get(value["part_of_speech"], "")
        if show_answers:
            if block.type == "multiple_choice":
                block.answers = _multiple_choice_answers(value)
            elif block.type == "fill_blank":
                block.answers = _fill_blank_answers(value)
            elif block.type == "drag_drop":
                block.answers = _drag_drop_answers(value, child.id)
            elif block.type == "voice_response":
                block.answers = _voice_response_answers(value)
        displayed.append(block)
    return displayed
