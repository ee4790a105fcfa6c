"""Learning on a translated lesson: exercises are graded the same way, and a learner's
progress, attempts, bookmarks, likes and stats count once per lesson across its translations.
Comments belong to one language version of a lesson."""

import pytest

from lessons.models.learning import ExerciseAttempt, LessonLike, LessonProgress
from lessons.stats import XP_FIRST_TRY_CORRECT, XP_LESSON_COMPLETED
from tests.lessons.conftest import right_answer

pytestmark = pytest.mark.django_db


def answer(client, lesson, block_id, value):
    return client.post(
        f"/api/v1/lessons/{lesson.pk}/attempts/",
        {"block_id": block_id, "answer": value},
        format="json",
    )


def blocks_by_id(lesson):
    return {block.id: block for block in lesson.body}


def test_the_translation_keeps_every_block_and_translates_the_texts_a_learner_reads(
    vi_path, english_path
):
    english, vietnamese = blocks_by_id(english_path.lesson), blocks_by_id(vi_path.lesson)

    assert list(vietnamese) == list(english)
    assert vietnamese["mc-single"].value["explanation"] == "Ngôi thứ ba số ít thêm -s."
    # The English taught stays English: the question, the options and which one is right.
    assert vietnamese["mc-single"].value["question"] == english["mc-single"].value["question"]
    assert [(o["text"], o["is_correct"]) for o in vietnamese["mc-single"].value["options"]] == [
        (o["text"], o["is_correct"]) for o in english["mc-single"].value["options"]
    ]
    assert {item["match"] for item in vietnamese["match"].value["items"]} == {
        "động vật",
        "thực vật",
        "máy móc",
    }


def test_every_exercise_of_the_translated_lesson_is_graded_right(learner_client, vi_path):
    for block in vi_path.lesson.body:
        if not getattr(block.block, "is_exercise", False):
            continue
        response = answer(
            learner_client,
            vi_path.lesson,
            block.id,
            right_answer(block.block_type, block.value, block.id),
        )
        assert response.status_code == 201, (block.id, response.content)
        expected = None if block.block_type == "voice_response" else True
        assert response.json()["correct"] is expected, block.id


def test_translated_match_targets_are_shown_and_graded_in_the_learners_language(
    api_client, learner_client, vi_path
):
    body = api_client.get(f"/api/v2/pages/{vi_path.lesson.pk}/").json()["body"]
    match = next(block["value"] for block in body if block["id"] == "match")
    assert sorted(match["targets"]) == ["máy móc", "thực vật", "động vật"]

    # "car" placed on "động vật" (animal): one pair wrong, the others right.
    value = blocks_by_id(vi_path.lesson)["match"].value
    pairs = right_answer("drag_drop", value, "match")
    car = match["items"].index("car")
    pairs = [
        [item, match["targets"].index("động vật") if item == car else target]
        for item, target in pairs
    ]
    result = answer(learner_client, vi_path.lesson, "match", pairs).json()
    assert result["correct"] is False
    assert result["score"] == 0.75
    assert result["feedback"]["pairs"].count(False) == 1


def test_a_wrong_answer_is_wrong_in_every_language(learner_client, vi_path, english_path):
    for lesson in (english_path.lesson, vi_path.lesson):
        result = answer(learner_client, lesson, "fill", ["worked", "lived"]).json()
        assert (result["correct"], result["score"]) == (False, 0.0)


def test_progress_attempts_bookmarks_likes_and_stats_count_once_across_languages(
    learner_client, learner, vi_path, english_path
):
    english, vietnamese = english_path.lesson, vi_path.lesson
    right = right_answer("multiple_choice", blocks_by_id(english)["mc-single"].value, "mc-single")

    first = answer(learner_client, english, "mc-single", right).json()
    again = answer(learner_client, vietnamese, "mc-single", right).json()
    assert (first["is_first_attempt"], first["xp_awarded"]) == (True, XP_FIRST_TRY_CORRECT)
    assert (again["is_first_attempt"], again["xp_awarded"]) == (False, 0)

    started = learner_client.put(
        f"/api/v1/lessons/{english.pk}/progress/", {"status": "started"}, format="json"
    )
    assert started.status_code == 200, started.content
    completed = learner_client.put(
        f"/api/v1/lessons/{vietnamese.pk}/progress/", {"status": "completed"}, format="json"
    )
    assert completed.json()["status"] == "completed"
    assert learner_client.get(f"/api/v1/lessons/{english.pk}/progress/").json()["status"] == (
        "completed"
    )
    learner_client.put(
        f"/api/v1/lessons/{english.pk}/progress/", {"status": "completed"}, format="json"
    )
    assert LessonProgress.objects.filter(learner=learner).count() == 1

    learner_client.post("/api/v1/me/bookmarks/", {"lesson": english.pk}, format="json")
    repeat = learner_client.post("/api/v1/me/bookmarks/", {"lesson": vietnamese.pk}, format="json")
    assert repeat.status_code == 200
    assert learner_client.get("/api/v1/me/bookmarks/").json()["meta"]["total_count"] == 1

    learner_client.post(f"/api/v1/lessons/{english.pk}/like/")
    liked = learner_client.post(f"/api/v1/lessons/{vietnamese.pk}/like/")
    assert liked.status_code == 200
    assert liked.json() == {"liked": True, "like_count": 1}
    assert LessonLike.objects.count() == 1

    attempts = learner_client.get(f"/api/v1/me/attempts/?lesson={vietnamese.pk}").json()
    assert attempts["meta"]["total_count"] == 2  # both attempts, whichever language
    assert ExerciseAttempt.objects.filter(is_first_attempt=True).count() == 1

    stats = learner_client.get("/api/v1/me/stats/").json()
    assert stats["lessons_completed"] == 1
    assert stats["xp"] == XP_FIRST_TRY_CORRECT + XP_LESSON_COMPLETED


def test_comments_belong_to_the_language_version_they_were_written_on(
    learner_client, vi_path, english_path
):
    posted = learner_client.post(
        f"/api/v1/lessons/{vi_path.lesson.pk}/comments/",
        {"text": "Bài học rất dễ hiểu!"},
        format="json",
    )
    assert posted.status_code == 201, posted.content

    vietnamese = learner_client.get(f"/api/v1/lessons/{vi_path.lesson.pk}/comments/").json()
    english = learner_client.get(f"/api/v1/lessons/{english_path.lesson.pk}/comments/").json()

    assert [item["text"] for item in vietnamese["items"]] == ["Bài học rất dễ hiểu!"]
    assert english["meta"]["total_count"] == 0
    # A reply stays in its thread's language version.
    reply = learner_client.post(
        f"/api/v1/lessons/{english_path.lesson.pk}/comments/",
        {"text": "Cảm ơn!", "parent": posted.json()["id"]},
        format="json",
    )
    assert reply.status_code == 400
    assert reply.json()["errors"]["parent"]
