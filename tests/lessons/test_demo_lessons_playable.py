"""Every exercise of the demo curriculum can be answered right, through the API, by a learner."""

import pytest
from django.core.management import call_command

from lessons.models import LessonPage
from tests.lessons.conftest import right_answer

pytestmark = pytest.mark.django_db


def test_a_learner_can_solve_every_demo_exercise(home_page, learner_client, learner):
    call_command("load_demo_content", verbosity=0)
    # English (translations count as the same lessons: tests/i18n).
    listing = learner_client.get(
        "/api/v2/pages/?type=lessons.LessonPage&limit=100&locale=en"
    ).json()
    visible = [item["id"] for item in listing["items"]]
    assert visible, "the demo curriculum has lessons"

    answered = 0
    for lesson in LessonPage.objects.filter(pk__in=visible):
        exercises = [block for block in lesson.body if getattr(block.block, "is_exercise", False)]
        for block in exercises:
            response = learner_client.post(
                f"/api/v1/lessons/{lesson.pk}/attempts/",
                {
                    "block_id": block.id,
                    "answer": right_answer(block.block_type, block.value, block.id),
                },
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
