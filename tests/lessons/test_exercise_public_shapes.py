"""What the public API shows of an exercise carries no information about its answer.

An earlier drag-and-drop shuffle was seeded with the items in their correct order, so trying
every permutation offline recovered the answer. The shown order now depends only on which
texts there are, a server secret and the block id.
"""

import copy
import itertools
import json
from collections import Counter

import pytest
from django.test import override_settings

from lessons.blocks import LessonBodyBlock, exercise_blocks
from lessons.exercises import keyed_order
from tests.lessons.conftest import EXERCISES


def public(block_id: str, raw: dict | None = None) -> dict:
    block_type, stored_raw = EXERCISES[block_id]
    block = LessonBodyBlock().child_blocks[block_type]
    return block.public_representation(block.to_python(raw or stored_raw), block_id)


def test_the_shown_order_of_items_does_not_depend_on_their_correct_order():
    raw = EXERCISES["order"][1]
    shown = public("order")["items"]
    for permutation in itertools.permutations(raw["items"]):
        other_answer = {**raw, "items": list(permutation)}
        assert public("order", other_answer)["items"] == shown


def test_the_shown_items_and_targets_do_not_depend_on_the_pairs():
    raw = EXERCISES["match"][1]
    shown = public("match")
    targets = [item["match"] for item in raw["items"]]
    for pairing in set(itertools.permutations(targets)):
        other_answer = copy.deepcopy(raw)
        for item, target in zip(other_answer["items"], pairing, strict=True):
            item["match"] = target
        assert public("match", other_answer) == shown


def test_the_shown_order_is_a_fair_shuffle_over_block_ids():
    texts = ["a", "b", "c"]
    orders = Counter(tuple(keyed_order(f"block-{n}", "items", texts)) for n in range(1200))
    # All six orders, the stored one included, each near 1/6 of the time.
    assert set(orders) == set(itertools.permutations(range(3)))
    assert all(120 < count < 280 for count in orders.values()), orders


def test_the_shown_order_is_stable_for_the_same_block_and_texts():
    texts = ["She", "never", "eats", "meat"]
    assert keyed_order("b1", "items", texts) == keyed_order("b1", "items", list(texts))
    assert sorted(keyed_order("b1", "items", texts)) == [0, 1, 2, 3]


def test_the_shown_order_is_keyed_by_the_server_secret():
    texts = [f"item {n}" for n in range(6)]
    block_ids = [f"block-{n}" for n in range(20)]
    before = [keyed_order(block_id, "items", texts) for block_id in block_ids]
    with override_settings(SECRET_KEY="another-secret-entirely-for-this-test"):
        after = [keyed_order(block_id, "items", texts) for block_id in block_ids]
    assert sum(a != b for a, b in zip(before, after, strict=True)) >= 15


@pytest.mark.parametrize("block_id", list(EXERCISES))
def test_no_public_exercise_shape_holds_an_answer(block_id):
    block_type, raw = EXERCISES[block_id]
    shown = json.dumps(public(block_id))
    keys = set(public(block_id))
    assert not keys & {"is_correct", "accepted_answers", "match", "explanation", "gaps"}
    assert '"is_correct"' not in shown
    if block_type == "multiple_choice":
        assert set(public(block_id)) == {"question", "options", "allow_multiple"}
    if block_type == "fill_blank":
        for gap in raw["gaps"]:
            for accepted in gap["accepted_answers"]:
                assert accepted not in shown
    if block_type == "voice_response" and not raw.get("show_expected_phrase"):
        assert raw["expected_phrase"] not in shown
    if block_type == "drag_drop" and raw["mode"] == "match":
        # Targets are listed once each: a target shared by two items does not show twice.
        assert len(public(block_id)["targets"]) == len({i["match"] for i in raw["items"]})


def test_every_exercise_type_declares_its_answer_and_feedback_schema():
    for name, block in exercise_blocks().items():
        assert block.answer_schema, name
        assert block.feedback_schema, name
