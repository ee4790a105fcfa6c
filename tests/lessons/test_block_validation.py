"""Exercise blocks refuse what an editor gets wrong, with the error on the field to fix.

Values go through `to_python` (the stored JSON shape) and then `clean`, which is what the page
editor runs on save; the error must land on the right child of the struct block, since that is
where the editor shows it.
"""

import pytest
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from lessons.blocks import LessonBodyBlock
from lessons.exercises import gap_numbers
from tests.lessons.factories import (
    DragDropFactory,
    FillBlankFactory,
    MultipleChoiceFactory,
    choices,
    drag_items,
    gaps,
)

BODY = LessonBodyBlock()


def clean(block_type: str, raw: dict):
    block = BODY.child_blocks[block_type]
    return block.clean(block.to_python(raw))


def error_fields(block_type: str, raw: dict) -> dict[str, str]:
    """The child fields `clean` puts errors on, with each one's message."""
    with pytest.raises(StructBlockValidationError) as error:
        clean(block_type, raw)
    return {name: " ".join(err.messages) for name, err in error.value.block_errors.items()}


def multiple_choice(*options: tuple[str, bool], allow_multiple: bool = False) -> dict:
    return MultipleChoiceFactory(options=choices(*options), allow_multiple=allow_multiple)


def fill_blank(text: str, *answers: list[str]) -> dict:
    return FillBlankFactory(text=text, gaps=gaps(*answers))


def drag_drop(mode: str, *items: tuple[str, str]) -> dict:
    return DragDropFactory(mode=mode, items=drag_items(*items))


# --- multiple choice ---------------------------------------------------------------------------


def test_multiple_choice_with_one_correct_option_is_valid():
    value = clean("multiple_choice", multiple_choice(("drink", False), ("drinks", True)))
    assert [option["is_correct"] for option in value["options"]] == [False, True]


def test_multiple_choice_with_several_correct_options_is_valid_when_multiple_are_allowed():
    raw = multiple_choice(("often", True), ("usually", True), ("yesterday", False))
    raw["allow_multiple"] = True
    assert clean("multiple_choice", raw)["allow_multiple"] is True


def test_multiple_choice_without_a_correct_option_is_refused_on_options():
    errors = error_fields("multiple_choice", multiple_choice(("drink", False), ("drank", False)))
    assert list(errors) == ["options"]
    assert "at least one option as correct" in errors["options"]


def test_multiple_choice_with_several_correct_options_needs_allow_multiple():
    errors = error_fields(
        "multiple_choice", multiple_choice(("often", True), ("usually", True), ("now", False))
    )
    assert list(errors) == ["options"]
    assert "allow multiple" in errors["options"]


@pytest.mark.parametrize("twin", ["drinks", "  drinks "])
def test_multiple_choice_with_two_options_of_the_same_text_is_refused(twin):
    errors = error_fields(
        "multiple_choice", multiple_choice(("drinks", True), ("drink", False), (twin, False))
    )
    assert list(errors) == ["options"]
    assert "same text" in errors["options"]


# --- fill in the blank -------------------------------------------------------------------------


def test_fill_blank_with_numbered_gaps_and_one_answer_set_each_is_valid():
    value = clean(
        "fill_blank", fill_blank("He {1} in a bank and {2} in Leeds.", ["works"], ["lives"])
    )
    assert len(value["gaps"]) == 2


@pytest.mark.parametrize(
    "text",
    [
        "He {2} in a bank and {1} in Leeds.",  # out of order
        "He {1} in a bank and {3} in Leeds.",  # {2} missing
        "He {1} in a bank and {1} in Leeds.",  # a number twice
        "He {0} in a bank and {1} in Leeds.",  # counting from zero
    ],
)
def test_fill_blank_gaps_must_be_numbered_from_one_in_order(text):
    errors = error_fields("fill_blank", fill_blank(text, ["works"], ["lives"]))
    assert list(errors) == ["text"]
    assert "in order" in errors["text"]


def test_fill_blank_without_any_gap_is_refused_on_text():
    errors = error_fields("fill_blank", fill_blank("He works in a bank.", ["works"]))
    assert list(errors) == ["text"]
    assert "{1}" in errors["text"]


@pytest.mark.parametrize("answer_sets", [1, 3])
def test_fill_blank_needs_exactly_one_answer_set_per_gap(answer_sets):
    raw = fill_blank("He {1} in a bank and {2} in Leeds.", *[["x"]] * answer_sets)
    errors = error_fields("fill_blank", raw)
    assert list(errors) == ["gaps"]
    assert f"2 gap(s) but {answer_sets} answer set(s)" in errors["gaps"]


# --- drag and drop -----------------------------------------------------------------------------


def test_drag_drop_in_order_mode_without_targets_is_valid():
    value = clean("drag_drop", drag_drop("order", ("She", ""), ("never", ""), ("eats", "")))
    assert [item["text"] for item in value["items"]] == ["She", "never", "eats"]


def test_drag_drop_in_match_mode_with_every_target_is_valid():
    value = clean("drag_drop", drag_drop("match", ("cat", "animal"), ("rose", "flower")))
    assert [item["match"] for item in value["items"]] == ["animal", "flower"]


@pytest.mark.parametrize("missing", ["", "   "])
def test_drag_drop_in_match_mode_needs_a_target_for_every_item(missing):
    errors = error_fields("drag_drop", drag_drop("match", ("cat", "animal"), ("rose", missing)))
    assert list(errors) == ["items"]
    assert "needs its target" in errors["items"]


def test_drag_drop_in_order_mode_refuses_targets():
    errors = error_fields("drag_drop", drag_drop("order", ("She", ""), ("eats", "verb")))
    assert list(errors) == ["items"]
    assert "only used in match mode" in errors["items"]


@pytest.mark.parametrize("mode,target", [("order", ""), ("match", "word")])
def test_drag_drop_refuses_two_items_with_the_same_text(mode, target):
    errors = error_fields("drag_drop", drag_drop(mode, ("the", target), (" the ", target)))
    assert list(errors) == ["items"]
    assert "different text" in errors["items"]


# --- the whole lesson body ---------------------------------------------------------------------


def test_a_lesson_body_reports_the_error_at_the_broken_exercise():
    stream = BODY.to_python(
        [
            {"type": "heading", "value": {"text": "Practice", "size": "h2"}},
            {
                "type": "multiple_choice",
                "value": multiple_choice(("drink", False), ("drinks", True)),
            },
            {"type": "fill_blank", "value": fill_blank("He {2} there.", ["works"])},
        ]
    )
    with pytest.raises(StreamBlockValidationError) as error:
        BODY.clean(stream)
    assert list(error.value.block_errors) == [2]
    assert list(error.value.block_errors[2].block_errors) == ["text"]


# --- pure helpers ------------------------------------------------------------------------------


def test_gap_numbers_are_read_in_reading_order():
    assert gap_numbers("A {1}, then {12} and {3}; not {x} or {}.") == [1, 12, 3]
    assert gap_numbers("No gaps here.") == []
