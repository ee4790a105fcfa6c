"""`PUT lessons/{id}/progress/` and `GET me/progress/`, and how progress follows translations."""

import pytest
from wagtail.models import Locale

from lessons.models.learning import LearnerStats, LessonProgress

pytestmark = pytest.mark.django_db


def put_progress(client, lesson, **body):
    return client.put(f"/api/v1/lessons/{lesson.pk}/progress/", body, format="json")


def translate(lesson, language_code: str = "es"):
    """The lesson's published translation, made the way an editor makes one."""
    locale, _ = Locale.objects.get_or_create(language_code=language_code)
    translation = lesson.copy_for_translation(locale, copy_parents=True)
    translation.title = f"{lesson.title} ({language_code})"
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


def test_starting_then_completing_a_lesson(learner_client, exercise_lesson):
    response = put_progress(learner_client, exercise_lesson, status="started", position=2)
    assert response.status_code == 200, response.content
    started = response.json()
    assert started["status"] == "started"
    assert started["position"] == 2
    assert started["completed_at"] is None
    assert started["lesson"] == exercise_lesson.pk
    assert started["translation_key"] == str(exercise_lesson.translation_key)

    completed = put_progress(learner_client, exercise_lesson, status="completed").json()
    assert completed["status"] == "completed"
    assert completed["position"] == 2  # unchanged when not sent
    assert completed["started_at"] == started["started_at"]
    assert completed["completed_at"] is not None


def test_putting_the_same_progress_again_changes_nothing_and_completion_counts_once(
    learner_client, learner, exercise_lesson
):
    first = put_progress(learner_client, exercise_lesson, status="completed", position=5).json()
    second = put_progress(learner_client, exercise_lesson, status="completed", position=5).json()
    assert second["completed_at"] == first["completed_at"]
    assert LessonProgress.objects.count() == 1
    stats = LearnerStats.objects.get(learner=learner)
    assert (stats.lessons_completed, stats.xp) == (1, 50)


def test_going_back_to_a_completed_lesson_keeps_it_completed(learner_client, exercise_lesson):
    put_progress(learner_client, exercise_lesson, status="completed", position=7)
    again = put_progress(learner_client, exercise_lesson, status="started", position=1).json()
    assert (again["status"], again["position"]) == ("completed", 1)


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"status": "finished"},
        {"status": "completed", "position": -1},
        {"status": "completed", "position": "end"},
        {"status": "completed", "position": 10**9},
        {"status": None},
    ],
)
def test_bad_progress_is_a_400_and_writes_nothing(learner_client, exercise_lesson, body):
    response = put_progress(learner_client, exercise_lesson, **body)
    assert response.status_code == 400
    assert not LessonProgress.objects.exists()


def test_progress_on_drafts_and_missing_lessons_is_a_404(learner_client, make_lesson):
    draft = make_lesson("Draft", live=False)
    assert put_progress(learner_client, draft, status="started").status_code == 404
    response = learner_client.put(
        "/api/v1/lessons/999999/progress/", {"status": "started"}, format="json"
    )
    assert response.status_code == 404


def test_me_progress_lists_one_row_per_lesson_latest_first_and_only_mine(
    learner_client, member_client, make_member, make_lesson
):
    first, second = make_lesson(), make_lesson()
    put_progress(learner_client, first, status="started")
    put_progress(learner_client, second, status="completed")
    put_progress(learner_client, first, status="started", position=3)
    other = member_client(make_member("other@example.com"))
    put_progress(other, second, status="started")

    rows = learner_client.get("/api/v1/me/progress/").json()
    assert rows["meta"]["total_count"] == 2
    assert [row["lesson"] for row in rows["items"]] == [first.pk, second.pk]
    assert other.get("/api/v1/me/progress/").json()["meta"]["total_count"] == 1


def test_get_progress_of_one_lesson(learner_client, exercise_lesson):
    url = f"/api/v1/lessons/{exercise_lesson.pk}/progress/"
    assert learner_client.get(url).status_code == 404
    put_progress(learner_client, exercise_lesson, status="started", position=4)
    assert learner_client.get(url).json()["position"] == 4


def test_progress_carries_across_the_translations_of_a_lesson(
    learner_client, learner, exercise_lesson
):
    spanish = translate(exercise_lesson)
    assert spanish.translation_key == exercise_lesson.translation_key

    put_progress(learner_client, exercise_lesson, status="started", position=3)
    continued = put_progress(learner_client, spanish, status="completed").json()
    assert continued["position"] == 3
    assert continued["lesson"] == spanish.pk  # the page the learner used last
    assert continued["lesson_title"] == "Present simple (es)"
    put_progress(learner_client, exercise_lesson, status="completed")

    assert LessonProgress.objects.count() == 1
    assert LearnerStats.objects.get(learner=learner).lessons_completed == 1
    assert learner_client.get(f"/api/v1/lessons/{spanish.pk}/progress/").status_code == 200


def test_progress_of_a_deleted_lesson_is_kept_and_points_to_a_remaining_translation(
    learner_client, exercise_lesson, make_lesson
):
    spanish = translate(exercise_lesson)
    gone = make_lesson("Gone for good")
    put_progress(learner_client, exercise_lesson, status="completed")
    put_progress(learner_client, gone, status="started")

    exercise_lesson.delete()
    gone.delete()

    rows = {
        row["lesson_title"]: row
        for row in learner_client.get("/api/v1/me/progress/").json()["items"]
    }
    assert rows["Present simple"]["lesson"] == spanish.pk
    assert rows["Present simple"]["status"] == "completed"
    assert rows["Gone for good"]["lesson"] is None
    assert rows["Gone for good"]["status"] == "started"
