"""`POST lessons/{id}/attempts/` and `GET me/attempts/`: answers graded on the server."""

import json

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from lessons.models.learning import ExerciseAttempt, LearnerStats
from lessons.models.recordings import Recording
from members.models import Role
from members.roles import role_group
from tests.lessons.conftest import EXERCISES, shown_indexes

pytestmark = pytest.mark.django_db


def attempt(client, lesson, block_id: str, answer):
    return client.post(
        f"/api/v1/lessons/{lesson.pk}/attempts/",
        {"block_id": block_id, "answer": answer},
        format="json",
    )


def test_a_right_answer_is_graded_correct_with_its_explanation(learner_client, exercise_lesson):
    response = attempt(learner_client, exercise_lesson, "mc-single", [1])
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["correct"] is True
    assert data["score"] == 1.0
    assert data["explanation"] == "Third person singular takes -s."
    assert data["feedback"] == {"picks": [True], "missed": 0}
    assert data["status"] == "graded"
    assert data["block_type"] == "multiple_choice"
    assert data["lesson"] == exercise_lesson.pk
    assert data["revision"] == exercise_lesson.live_revision_id
    assert data["is_first_attempt"] is True
    assert data["xp_awarded"] == 10


def test_fill_blank_feedback_names_the_gaps_that_were_right(learner_client, exercise_lesson):
    data = attempt(learner_client, exercise_lesson, "fill", ["Works ", "lived"]).json()
    assert (data["correct"], data["score"]) == (False, 0.5)
    assert data["feedback"] == {"gaps": [True, False]}


def test_drag_drop_is_answered_with_the_indexes_the_public_api_shows(
    api_client, learner_client, exercise_lesson
):
    content = api_client.get(f"/api/v2/pages/{exercise_lesson.pk}/").json()
    shown = next(block for block in content["body"] if block["id"] == "order")["value"]["items"]
    answer = [shown.index(word) for word in ["She", "never", "eats", "meat"]]
    assert answer == shown_indexes("order", ["She", "never", "eats", "meat"])

    data = attempt(learner_client, exercise_lesson, "order", answer).json()
    assert (data["correct"], data["score"]) == (True, 1.0)


def _recording(learner) -> Recording:
    # A row is enough here; uploads themselves are tested in test_recordings.py.
    return Recording.objects.create(
        learner=learner,
        file="test.wav",
        content_type="audio/wav",
        codec="pcm_s16le",
        duration=1.5,
        size=100,
    )


def test_a_voice_response_is_kept_for_review_not_graded(learner_client, learner, exercise_lesson):
    recording = _recording(learner)
    response = attempt(
        learner_client,
        exercise_lesson,
        "voice",
        {"transcript": " I get up at seven ", "recording": recording.pk},
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["correct"], data["score"], data["status"]) == (None, None, "awaiting_review")
    assert data["answer"] == {"transcript": "I get up at seven", "recording": recording.pk}
    assert ExerciseAttempt.objects.get().recording == recording


def test_a_voice_response_cannot_point_at_someone_elses_recording(
    learner_client, exercise_lesson, make_member
):
    other = _recording(make_member("other@example.com"))
    response = attempt(
        learner_client, exercise_lesson, "voice", {"transcript": "", "recording": other.pk}
    )
    assert response.status_code == 400
    assert response.json()["errors"]["answer"] == ["The recording is not one of your uploads."]
    assert not ExerciseAttempt.objects.exists()


def test_a_voice_response_cannot_point_at_a_document(learner_client, learner, exercise_lesson):
    # Documents are editors' files in the public documents API, never a learner's answer.
    document = get_document_model().objects.create(
        title="an editor's file", file=ContentFile(b"RIFF", name="b.wav"), uploaded_by_user=learner
    )
    response = attempt(
        learner_client, exercise_lesson, "voice", {"transcript": "", "recording": document.pk}
    )
    assert response.status_code == 400
    assert not ExerciseAttempt.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"block_id": "no-such-block", "answer": [1]}, "block_id"),
        ({"block_id": "intro", "answer": [1]}, "block_id"),  # a heading, not an exercise
        ({"block_id": "mc-single", "answer": "drinks"}, "answer"),
        ({"block_id": "mc-single", "answer": [7]}, "answer"),
        ({"block_id": "mc-single", "answer": None}, "answer"),
        ({"block_id": "mc-single"}, "answer"),
        ({"answer": [1]}, "block_id"),
        ({"block_id": "fill", "answer": ["works"]}, "answer"),
        ({"block_id": "order", "answer": [[0, 1]]}, "answer"),
        ({"block_id": "match", "answer": [0, 1, 2, 3]}, "answer"),
        ({"block_id": "voice", "answer": "I get up"}, "answer"),
        ({"block_id": ["mc-single"], "answer": [1]}, "block_id"),
        ({"block_id": "x" * 65, "answer": [1]}, "block_id"),
    ],
)
def test_bad_attempts_get_a_400_naming_the_field_and_write_nothing(
    learner_client, exercise_lesson, body, field
):
    response = learner_client.post(
        f"/api/v1/lessons/{exercise_lesson.pk}/attempts/", body, format="json"
    )
    assert response.status_code == 400, response.content
    assert field in response.json()["errors"]
    assert not ExerciseAttempt.objects.exists()
    assert not LearnerStats.objects.filter(xp__gt=0).exists()


def test_a_body_that_is_not_json_is_a_400(learner_client, exercise_lesson):
    response = learner_client.post(
        f"/api/v1/lessons/{exercise_lesson.pk}/attempts/",
        data="{not json",
        content_type="application/json",
    )
    assert response.status_code == 400


def test_draft_and_unpublished_lessons_cannot_be_answered(learner_client, make_lesson):
    draft = make_lesson("Never published", live=False)
    assert attempt(learner_client, draft, "mc-single", [1]).status_code == 404

    unpublished = make_lesson("Taken down")
    unpublished.unpublish()
    assert attempt(learner_client, unpublished, "mc-single", [1]).status_code == 404
    assert attempt(learner_client, type("Gone", (), {"pk": 987654})(), "x", [1]).status_code == 404


def test_lessons_in_a_section_taken_offline_cannot_be_answered(learner_client, make_lesson):
    lesson = make_lesson("Still live itself")
    assert attempt(learner_client, lesson, "mc-single", [1]).status_code == 201
    lesson.get_parent().specific.unpublish()  # the lesson itself stays live
    assert attempt(learner_client, lesson, "mc-single", [1]).status_code == 404


def test_lessons_under_a_view_restriction_are_only_answerable_by_members_who_pass_it(
    learner_client, member_client, make_member, exercise_lesson, lesson_section
):
    restriction = PageViewRestriction.objects.create(
        page=lesson_section, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([role_group(Role.TEACHER)])
    assert attempt(learner_client, exercise_lesson, "mc-single", [1]).status_code == 404

    teacher = make_member("teacher@example.com", role=Role.TEACHER)
    assert attempt(member_client(teacher), exercise_lesson, "mc-single", [1]).status_code == 201


def test_unpublished_draft_changes_are_never_graded_against(learner_client, exercise_lesson):
    """An editor's draft makes option 0 the right one and adds an exercise; neither is live."""
    draft = exercise_lesson.get_latest_revision_as_object()
    body = json.loads(json.dumps(draft.body.get_prep_value()))
    for block in body:
        if block["id"] == "mc-single":
            for index, option in enumerate(block["value"]["options"]):
                option["is_correct"] = index == 0
    body.append({"type": "multiple_choice", "id": "draft-only", "value": EXERCISES["mc-single"][1]})
    draft.body = json.dumps(body)
    draft.save_revision()
    exercise_lesson.refresh_from_db()
    assert exercise_lesson.has_unpublished_changes

    assert attempt(learner_client, exercise_lesson, "mc-single", [1]).json()["correct"] is True
    assert attempt(learner_client, exercise_lesson, "mc-single", [0]).json()["correct"] is False
    response = attempt(learner_client, exercise_lesson, "draft-only", [1])
    assert response.status_code == 400
    assert "block_id" in response.json()["errors"]


def test_attempts_stay_readable_after_the_exercise_is_removed(learner_client, exercise_lesson):
    first = attempt(learner_client, exercise_lesson, "mc-single", [1]).json()

    editor_copy = exercise_lesson.get_latest_revision_as_object()
    editor_copy.body = json.dumps(
        [block for block in editor_copy.body.get_prep_value() if block["id"] != "mc-single"]
    )
    editor_copy.save_revision().publish()
    exercise_lesson.refresh_from_db()

    assert attempt(learner_client, exercise_lesson, "mc-single", [1]).status_code == 400
    [kept] = learner_client.get("/api/v1/me/attempts/").json()["items"]
    assert kept["id"] == first["id"]
    assert kept["revision"] == first["revision"] != exercise_lesson.live_revision_id
    assert kept["exercise"] == {
        "question": "She ___ coffee every morning.",
        "options": ["drink", "drinks", "drinking"],
        "allow_multiple": False,
    }
    assert kept["correct"] is True


def test_attempts_survive_the_deletion_of_their_lesson(learner_client, exercise_lesson):
    attempt(learner_client, exercise_lesson, "fill", ["works", "lives"])
    exercise_lesson.delete()

    [kept] = learner_client.get("/api/v1/me/attempts/").json()["items"]
    assert kept["lesson"] is None
    assert kept["lesson_title"] == "Present simple"
    assert kept["score"] == 1.0


def test_me_attempts_lists_only_the_learners_own_newest_first_and_by_lesson(
    learner_client, member_client, make_member, make_lesson
):
    first, second = make_lesson(), make_lesson()
    attempt(learner_client, first, "mc-single", [0])
    attempt(learner_client, second, "mc-single", [1])
    attempt(learner_client, first, "mc-single", [1])
    other_client = member_client(make_member("other@example.com"))
    attempt(other_client, first, "mc-single", [2])

    everything = learner_client.get("/api/v1/me/attempts/").json()
    assert everything["meta"]["total_count"] == 3
    assert [row["answer"] for row in everything["items"]] == [[1], [1], [0]]

    of_first = learner_client.get(f"/api/v1/me/attempts/?lesson={first.pk}").json()
    assert [row["answer"] for row in of_first["items"]] == [[1], [0]]
    assert [row["is_first_attempt"] for row in of_first["items"]] == [False, True]

    assert other_client.get("/api/v1/me/attempts/").json()["meta"]["total_count"] == 1
    assert (
        learner_client.get("/api/v1/me/attempts/?lesson=999999").json()["meta"]["total_count"] == 0
    )
    assert learner_client.get("/api/v1/me/attempts/?lesson=abc").status_code == 400


def test_the_public_content_api_still_carries_no_answers(
    api_client, learner_client, exercise_lesson
):
    attempt(learner_client, exercise_lesson, "fill", ["works", "lives"])
    raw = api_client.get(f"/api/v2/pages/{exercise_lesson.pk}/").content.decode()
    for secret in ("is_correct", "accepted_answers", "is living", "Present simple: he works"):
        assert secret not in raw
