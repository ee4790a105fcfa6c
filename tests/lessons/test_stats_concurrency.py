"""Two devices at once: stats and uniqueness hold under real concurrent transactions.

These tests commit for real (`transaction=True`) and run their writes in threads, each with
its own PostgreSQL connection, released together by a barrier.
"""

import threading
from collections.abc import Callable

import pytest
from django.db import connection

from lessons import services
from lessons.models.learning import (
    Bookmark,
    ExerciseAttempt,
    LearnerStats,
    LessonLike,
    LessonProgress,
)
from lessons.stats import XP_FIRST_TRY_CORRECT, XP_LESSON_COMPLETED
from members.models import Follow

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs real concurrent transactions"
    ),
]


def run_together(*calls: Callable[[], object]) -> list[object]:
    """Run the calls in parallel threads, started at the same instant; re-raise any error."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)
    errors: list[BaseException] = []

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except BaseException as error:  # reported to the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    if errors:
        raise errors[0]
    return results


def test_completing_the_same_lesson_on_two_devices_at_once_counts_it_once(learner, exercise_lesson):
    for _round in range(3):
        run_together(
            *[
                lambda: services.lesson_progress_update(
                    learner=learner, lesson=exercise_lesson, status="completed"
                )
            ]
            * 4
        )
    stats = LearnerStats.objects.get(learner=learner)
    assert (stats.lessons_completed, stats.xp) == (1, XP_LESSON_COMPLETED)
    assert LessonProgress.objects.filter(learner=learner).count() == 1
    assert (stats.current_streak, stats.longest_streak) == (1, 1)


def test_completing_different_lessons_at_once_counts_every_one(learner, make_lesson):
    lessons = [make_lesson() for _ in range(8)]
    run_together(
        *[
            (
                lambda lesson=lesson: services.lesson_progress_update(
                    learner=learner, lesson=lesson, status="completed"
                )
            )
            for lesson in lessons
        ]
    )
    stats = LearnerStats.objects.get(learner=learner)
    assert stats.lessons_completed == 8
    assert stats.xp == 8 * XP_LESSON_COMPLETED


def test_simultaneous_first_attempts_earn_first_try_xp_once(learner, exercise_lesson):
    run_together(
        *[
            lambda: services.exercise_attempt_create(
                learner=learner, lesson=exercise_lesson, block_id="mc-single", answer=[1]
            )
        ]
        * 6
    )
    attempts = ExerciseAttempt.objects.filter(learner=learner)
    assert attempts.count() == 6
    assert attempts.filter(is_first_attempt=True).count() == 1
    assert LearnerStats.objects.get(learner=learner).xp == XP_FIRST_TRY_CORRECT


def test_mixed_writes_from_two_devices_add_up(learner, exercise_lesson):
    blocks = ["mc-single", "fill", "order", "mc-multi"]
    answers = {"mc-single": [1], "fill": ["works", "lives"], "order": [0, 1, 2, 3], "mc-multi": [0]}
    calls = [
        (
            lambda block=block: services.exercise_attempt_create(
                learner=learner, lesson=exercise_lesson, block_id=block, answer=answers[block]
            )
        )
        for block in blocks
    ]
    calls.append(
        lambda: services.lesson_progress_update(
            learner=learner, lesson=exercise_lesson, status="completed"
        )
    )
    run_together(*calls)
    stats = LearnerStats.objects.get(learner=learner)
    # mc-single and fill are right at the first try; the shown order and one animal are not.
    assert stats.exercises_correct_first_try == 2
    assert stats.xp == 2 * XP_FIRST_TRY_CORRECT + XP_LESSON_COMPLETED


def test_two_devices_hitting_the_api_at_once(learner, member_client, exercise_lesson):
    phone, laptop = member_client(learner), member_client(learner)
    url = f"/api/v1/lessons/{exercise_lesson.pk}"

    responses = run_together(
        lambda: phone.put(f"{url}/progress/", {"status": "completed"}, format="json"),
        lambda: laptop.put(f"{url}/progress/", {"status": "completed"}, format="json"),
        lambda: phone.post(f"{url}/like/"),
        lambda: laptop.post(f"{url}/like/"),
        lambda: phone.post("/api/v1/me/bookmarks/", {"lesson": exercise_lesson.pk}),
        lambda: laptop.post("/api/v1/me/bookmarks/", {"lesson": exercise_lesson.pk}),
    )
    assert [response.status_code for response in responses[:2]] == [200, 200]
    assert sorted(response.status_code for response in responses[2:4]) == [200, 201]
    assert sorted(response.status_code for response in responses[4:]) == [200, 201]
    assert LessonLike.objects.count() == 1
    assert Bookmark.objects.count() == 1
    assert phone.get("/api/v1/me/stats/").json()["lessons_completed"] == 1


def test_following_at_once_from_two_devices_makes_one_follow(learner, make_member, member_client):
    star = make_member("star@example.com")
    phone, laptop = member_client(learner), member_client(learner)
    responses = run_together(
        lambda: phone.post(f"/api/v1/members/{star.pk}/follow/"),
        lambda: laptop.post(f"/api/v1/members/{star.pk}/follow/"),
    )
    assert sorted(response.status_code for response in responses) == [200, 201]
    assert Follow.objects.count() == 1
