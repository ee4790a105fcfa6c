"""Grading rules, as plain functions of a stored exercise value and an answer (no HTTP)."""

import pytest

from lessons.blocks import DragDropBlock, LessonBodyBlock, exercise_blocks
from lessons.grading import MalformedAnswer, normalize_text_answer
from tests.lessons.conftest import EXERCISES, shown_indexes, shown_target


def stored(block_id: str):
    """The exercise value exactly as a StreamField loads it from the database."""
    block_type, raw = EXERCISES[block_id]
    return LessonBodyBlock().child_blocks[block_type].to_python(raw)


def grade(block_id: str, answer):
    """Grade `answer` to the fixture exercise `block_id` as the attempt service does."""
    block = LessonBodyBlock().child_blocks[EXERCISES[block_id][0]]
    value = stored(block_id)
    cleaned = block.answer_clean(value, answer, block_id=block_id)
    return block.grade(value, cleaned, block_id=block_id)


# --- Multiple choice ------------------------------------------------------------------------


def test_single_choice_right_answer_scores_one():
    result = grade("mc-single", [1])
    assert (result.correct, result.score) == (True, 1.0)
    assert result.feedback == {"picks": [True], "missed": 0}


def test_single_choice_wrong_answer_scores_zero():
    result = grade("mc-single", [0])
    assert (result.correct, result.score) == (False, 0.0)
    assert result.feedback == {"picks": [False], "missed": 1}


@pytest.mark.parametrize(
    ("answer", "score"),
    [
        ([0, 1, 3], 1.0),  # every animal
        ([3, 0, 1], 1.0),  # in any order
        ([0, 1], 2 / 3),  # one missed
        ([0], 1 / 3),
        ([0, 1, 2], 1 / 3),  # two right, one wrong: (2 - 1) / 3
        ([0, 2], 0.0),  # (1 - 1) / 3
        ([2], 0.0),  # never below zero
        ([0, 1, 2, 3], 2 / 3),  # choosing everything is not a free win
    ],
)
def test_multiple_correct_options_get_partial_credit(answer, score):
    result = grade("mc-multi", answer)
    assert result.score == pytest.approx(score, abs=1e-4)
    assert result.correct is (score == 1.0)


def test_multiple_choice_feedback_says_which_picks_were_right_not_which_are_correct():
    result = grade("mc-multi", [2, 0])
    assert result.feedback == {"picks": [False, True], "missed": 2}


@pytest.mark.parametrize(
    "answer",
    [
        1,
        "1",
        None,
        {"0": True},
        [],
        ["1"],
        [1.0],
        [True],
        [3],
        [-1],
        [1, 1],
        [0, 1],  # two options where one is allowed
    ],
)
def test_malformed_single_choice_answers_are_refused(answer):
    with pytest.raises(MalformedAnswer):
        grade("mc-single", answer)


def test_multiple_choice_duplicate_picks_are_refused_not_double_counted():
    with pytest.raises(MalformedAnswer, match="once"):
        grade("mc-multi", [0, 0, 1])


# --- Fill in the blanks ---------------------------------------------------------------------


def test_fill_blank_all_gaps_right():
    result = grade("fill", ["works", "lives"])
    assert (result.correct, result.score) == (True, 1.0)
    assert result.feedback == {"gaps": [True, True]}


def test_fill_blank_accepts_every_listed_alternative():
    assert grade("fill", ["works", "is living"]).correct is True


def test_fill_blank_partial_answer_says_which_gaps_were_right():
    result = grade("fill", ["work", "lives"])
    assert (result.correct, result.score) == (False, 0.5)
    assert result.feedback == {"gaps": [False, True]}


def test_fill_blank_all_wrong_and_empty_gaps_score_zero():
    result = grade("fill", ["", "   "])
    assert (result.correct, result.score) == (False, 0.0)
    assert result.feedback == {"gaps": [False, False]}


def test_fill_blank_ignores_case_and_surrounding_or_repeated_whitespace():
    result = grade("fill", ["  WORKS ", "Is   living"])
    assert result.correct is True


def test_fill_blank_respects_case_when_the_exercise_says_so():
    assert grade("fill-case", ["London"]).correct is True
    assert grade("fill-case", [" London  "]).correct is True
    assert grade("fill-case", ["london"]).correct is False


def test_typographic_apostrophes_from_phone_keyboards_count_as_straight_ones():
    assert normalize_text_answer("Don’t", case_sensitive=False) == "don't"
    assert normalize_text_answer("don't", case_sensitive=False) == "don't"


@pytest.mark.parametrize(
    "answer",
    [
        "works lives",
        ["works"],  # one gap missing
        ["works", "lives", "extra"],
        ["works", 3],
        ["works", None],
        {"1": "works", "2": "lives"},
        None,
        ["works", "x" * 201],
    ],
)
def test_malformed_fill_blank_answers_are_refused(answer):
    with pytest.raises(MalformedAnswer):
        grade("fill", answer)


# --- Drag and drop --------------------------------------------------------------------------


def test_order_right_when_the_shown_indexes_are_in_the_correct_order():
    result = grade("order", shown_indexes("order", ["She", "never", "eats", "meat"]))
    assert (result.correct, result.score) == (True, 1.0)
    assert result.feedback == {"positions": [True, True, True, True]}


def test_order_reversed_scores_zero():
    result = grade("order", shown_indexes("order", ["meat", "eats", "never", "She"]))
    assert (result.correct, result.score) == (False, 0.0)


def test_order_partial_credit_per_position():
    result = grade("order", shown_indexes("order", ["She", "eats", "never", "meat"]))
    assert result.score == 0.5
    assert result.feedback == {"positions": [True, False, False, True]}


@pytest.mark.parametrize(
    "answer", [[0, 1, 2], [0, 1, 2, 3, 3], [0, 1, 2, 4], [0, 0, 1, 2], ["0", 1, 2, 3], "0123", None]
)
def test_malformed_order_answers_are_refused(answer):
    with pytest.raises(MalformedAnswer):
        grade("order", answer)


def match_answer(pairs: dict[str, str]) -> list[list[int]]:
    return [
        [shown_indexes("match", [item])[0], shown_target("match", target)]
        for item, target in pairs.items()
    ]


def test_match_right_pairs_with_a_target_shared_by_two_items():
    targets = DragDropBlock.targets(stored("match"), "match")
    assert sorted(targets) == ["animal", "machine", "plant"]
    answer = match_answer({"dog": "animal", "rose": "plant", "oak": "plant", "car": "machine"})
    result = grade("match", answer)
    assert (result.correct, result.score) == (True, 1.0)
    assert result.feedback == {"pairs": [True, True, True, True]}


def test_match_partial_and_unplaced_items_count_as_wrong():
    answer = match_answer({"dog": "plant", "rose": "plant", "oak": "plant"})
    result = grade("match", answer)
    assert result.score == 0.5  # rose and oak right, dog wrong, car not placed
    assert result.feedback == {"pairs": [False, True, True]}


@pytest.mark.parametrize(
    "answer",
    [
        [[0, 0], [0, 1]],  # an item placed twice
        [[0]],
        [[0, 0, 0]],
        [[4, 0]],
        [[0, 3]],
        [[-1, 0]],
        [(0, 0)],
        [["0", "0"]],
        [0, 1, 2, 3],
        {"0": 0},
    ],
)
def test_malformed_match_answers_are_refused(answer):
    with pytest.raises(MalformedAnswer):
        grade("match", answer)


# --- Voice response -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        {"transcript": "I get up at seven", "recording": None},
        {"transcript": "I get up at seven"},
    ],
)
def test_voice_responses_await_review_instead_of_a_grade(answer):
    result = grade("voice", answer)
    assert (result.correct, result.score) == (None, None)
    assert result.awaiting_review


@pytest.mark.parametrize(
    "answer",
    [
        "I get up at seven",
        ["I get up"],
        {},
        {"transcript": "  ", "recording": None},
        {"transcript": 7},
        {"transcript": "hi", "recording": "12"},
        {"transcript": "hi", "recording": True},
        {"transcript": "hi", "score": 1},
        {"transcript": "x" * 2001},
    ],
)
def test_malformed_voice_answers_are_refused(answer):
    with pytest.raises(MalformedAnswer):
        grade("voice", answer)


def test_the_exercise_types_are_the_four_of_the_contract():
    assert set(exercise_blocks()) == {
        "multiple_choice",
        "fill_blank",
        "voice_response",
        "drag_drop",
    }
