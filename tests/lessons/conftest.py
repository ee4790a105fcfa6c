"""Fixtures for the learner API: a published lesson with every kind of exercise, and learners."""

import json

import pytest

from lessons.blocks import DragDropBlock
from tests.lessons import builders
from tests.lessons.factories import (
    DragDropFactory,
    FillBlankFactory,
    MatchFactory,
    MultipleChoiceFactory,
    VoiceResponseFactory,
    choices,
    gaps,
)

# Stored exercise values, keyed by the block id they get in `exercise_lesson`.
EXERCISES = {
    "mc-single": ("multiple_choice", MultipleChoiceFactory()),
    "mc-multi": (
        "multiple_choice",
        MultipleChoiceFactory(
            question="Which are animals?",
            options=choices(("cat", True), ("dog", True), ("car", False), ("cow", True)),
            allow_multiple=True,
            explanation="Cars are machines.",
        ),
    ),
    "fill": ("fill_blank", FillBlankFactory()),
    "fill-case": (
        "fill_blank",
        FillBlankFactory(
            text="{1} is the capital of England.",
            gaps=gaps(["London"]),
            case_sensitive=True,
            explanation="Names of cities start with a capital letter.",
        ),
    ),
    "order": ("drag_drop", DragDropFactory()),
    "match": ("drag_drop", MatchFactory()),
    "voice": (
        "voice_response",
        VoiceResponseFactory(explanation="Use the present simple for routines."),
    ),
}


def exercise_body() -> str:
    body = [{"type": "heading", "id": "intro", "value": {"text": "Practice", "size": "h2"}}]
    body += [
        {"type": block_type, "id": block_id, "value": value}
        for block_id, (block_type, value) in EXERCISES.items()
    ]
    return json.dumps(body)


def shown_indexes(block_id: str, texts: list[str]) -> list[int]:
    """The indexes (as the public API shows the items) of `texts` in the fixture exercise
    `block_id`, as a client sends them."""
    value = EXERCISES[block_id][1]
    shown = [value["items"][index]["text"] for index in DragDropBlock.item_order(value, block_id)]
    return [shown.index(text) for text in texts]


def shown_target(block_id: str, target: str) -> int:
    return DragDropBlock.targets(EXERCISES[block_id][1], block_id).index(target)


def right_answer(block_type: str, value, block_id: str):
    """The answer a learner who knows everything sends, indexes as the content API shows them."""
    if block_type == "multiple_choice":
        return [index for index, option in enumerate(value["options"]) if option["is_correct"]]
    if block_type == "fill_blank":
        return [gap["accepted_answers"][0] for gap in value["gaps"]]
    if block_type == "voice_response":
        return {"transcript": value["expected_phrase"], "recording": None}
    shown = DragDropBlock.item_order(value, block_id)  # shown index -> stored index
    if value["mode"] == "order":
        return [shown.index(stored) for stored in range(len(value["items"]))]
    targets = DragDropBlock.targets(value, block_id)
    return [
        [index, targets.index(value["items"][stored]["match"])]
        for index, stored in enumerate(shown)
    ]


@pytest.fixture
def lesson_section(home_page):
    _grammar, tenses = builders.lesson_tree(home_page)
    return tenses


@pytest.fixture
def exercise_lesson(lesson_section):
    """A published lesson: a heading, then one block of each exercise kind (ids as EXERCISES)."""
    return builders.lesson(lesson_section, "Present simple", body=exercise_body())


@pytest.fixture
def make_lesson(lesson_section):
    counter = iter(range(1, 10_000))

    def make(title: str | None = None, *, live: bool = True, **fields):
        fields.setdefault("body", exercise_body())
        return builders.lesson(
            lesson_section, title or f"Lesson {next(counter)}", live=live, **fields
        )

    return make


@pytest.fixture
def learner(make_member):
    return make_member("learner@example.com", first_name="Lea", last_name="Rner")


@pytest.fixture
def learner_client(learner, member_client):
    return member_client(learner)
