"""Every exercise of the demo curriculum can be answered right, through the API, by a learner."""

import pytest
from django.core.management import call_command

from lessons.blocks import DragDropBlock
from lessons.models import LessonPage

pytestmark = pytest.mark.django_db


def right_answer(block) -> object:
    """The answer a learner who knows everything sends, indexes as the content API shows them."""
    value = block.value
    if block.block_type == "multiple_choice":
        return [index for index, option in enumerate(value["options"]) if option["is_correct"]]
    if block.block_type == "fill_blank":
        return [gap["accepted_answers"][0] for gap in value["gaps"]]
    if block.block_type == "voice_response":
        return {"transcript": value["expected_phrase"], "recording": None}
    shown = DragDropBlock.item_order(value)  # shown index -> stored index
    if value["mode"] == "order":
        return [shown.index(stored) for stored in range(len(value["items"]))]
    targets = DragDropBlock.targets(value)
    return [
        [index, targets.index(value["items"][stored]["match"])]
        for index, stored in enumerate(shown)
    ]


def test_a_learner_can_solve_every_demo_exercise(home_page, learner_client, learner):
    call_command("load_demo_content", verbosity=0)
    listing = learner_client.get("/api/v2/pages/?type=lessons.LessonPage&limit=100").json()
    visible = [item["id"] for item in listing["items"]]
    assert visible, "the demo curriculum has lessons"

    answered = 0
    for lesson in LessonPage.objects.filter(pk__in=visible):
        exercises = [block for block in lesson.body if getattr(block.block, "is_exercise", False)]
        for block in exercises:
            response = learner_client.post(
                f"/api/v1/lessons/{lesson.pk}/attempts/",
                {"block_id": block.id, "answer": right_answer(block)},
                format="json",
            )
            assert response.status_code == 201, (lesson.title, block.block_type, response.content)
            result = response.json()
            expected = None if block.block_type == "voice_response" else True
            assert result["correct"] is expected, (lesson.title, block.block_type, result)
            answered += 1
        progress = learner_client.put(
            f"/api/v1/lessons/{lesson.pk}/progress/", {"status": "completed"}, format="json"
        )
        assert progress.status_code == 200

    stats = learner_client.get("/api/v1/me/stats/").json()
    assert answered > 10
    assert stats["lessons_completed"] == len(visible)
    assert stats["xp"] == 50 * len(visible) + 10 * stats["exercises_correct_first_try"]
