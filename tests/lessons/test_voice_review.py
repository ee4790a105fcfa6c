"""Teachers review voice answers: the service (XP, re-review, who may) and the admin queue."""

import re
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from lessons import services
from lessons.models.learning import ExerciseAttempt, LearnerStats
from lessons.models.recordings import Recording
from members.models import Role

pytestmark = pytest.mark.django_db

INDEX = "/admin/voice_answers/"


def voice_answer(learner, lesson, *, transcript="I get up at seven", recording=None):
    return services.exercise_attempt_create(
        learner=learner,
        lesson=lesson,
        block_id="voice",
        answer={"transcript": transcript, "recording": recording.pk if recording else None},
    )


def recording_of(learner) -> Recording:
    return Recording.objects.create(
        learner=learner,
        file="0123456789abcdef.m4a",
        content_type="audio/mp4",
        codec="aac",
        duration=3.5,
        size=1000,
    )


@pytest.fixture
def teacher(make_member):
    return make_member("teacher@example.com", role=Role.TEACHER)


def stats_of(learner) -> LearnerStats:
    return LearnerStats.objects.get(learner=learner)


# --- The service ------------------------------------------------------------------------------


def test_a_full_score_on_a_first_attempt_earns_the_first_try_xp(learner, exercise_lesson, teacher):
    attempt = voice_answer(learner, exercise_lesson)
    assert (attempt.status, attempt.xp_awarded) == ("awaiting_review", 0)
    before = stats_of(learner)

    reviewed = services.voice_attempt_review(
        attempt=attempt, reviewer=teacher, score=1, comment="  Clear and natural.  "
    )

    assert reviewed.status == ExerciseAttempt.Status.GRADED
    assert (reviewed.correct, reviewed.score) == (True, 1.0)
    assert reviewed.feedback == {"status": "reviewed", "comment": "Clear and natural."}
    assert reviewed.xp_awarded == 10
    assert reviewed.reviewed_by == teacher
    assert reviewed.reviewed_at is not None
    after = stats_of(learner)
    assert after.xp == before.xp + 10
    assert after.exercises_correct_first_try == before.exercises_correct_first_try + 1
    # Reviewing is the teacher's doing, not the learner's: the streak is left alone.
    assert (after.current_streak, after.last_active_date) == (
        before.current_streak,
        before.last_active_date,
    )


def test_a_partial_score_is_graded_not_correct_and_earns_nothing(learner, exercise_lesson, teacher):
    attempt = voice_answer(learner, exercise_lesson)
    reviewed = services.voice_attempt_review(
        attempt=attempt, reviewer=teacher, score=0.6, comment="Say 'seven' more clearly."
    )
    assert (reviewed.correct, reviewed.score, reviewed.xp_awarded) == (False, 0.6, 0)
    assert stats_of(learner).xp == 0


def test_a_later_attempt_earns_nothing_even_with_a_full_score(learner, exercise_lesson, teacher):
    voice_answer(learner, exercise_lesson)
    second = voice_answer(learner, exercise_lesson, transcript="I get up at 7")
    assert second.is_first_attempt is False
    reviewed = services.voice_attempt_review(attempt=second, reviewer=teacher, score=1)
    assert (reviewed.correct, reviewed.xp_awarded) == (True, 0)
    assert stats_of(learner).xp == 0


def test_a_re_review_never_counts_xp_twice_and_can_take_it_back(
    learner, exercise_lesson, teacher, make_member
):
    attempt = voice_answer(learner, exercise_lesson)
    services.voice_attempt_review(attempt=attempt, reviewer=teacher, score=1)
    other_teacher = make_member("t2@example.com", role=Role.TEACHER)
    services.voice_attempt_review(attempt=attempt, reviewer=other_teacher, score=1, comment="Yes")
    assert stats_of(learner).xp == 10
    assert stats_of(learner).exercises_correct_first_try == 1

    lowered = services.voice_attempt_review(attempt=attempt, reviewer=teacher, score=0.5)
    assert lowered.xp_awarded == 0
    assert stats_of(learner).xp == 0
    assert stats_of(learner).exercises_correct_first_try == 0

    raised = services.voice_attempt_review(attempt=attempt, reviewer=teacher, score=1)
    assert raised.xp_awarded == 10
    assert stats_of(learner).xp == 10


def test_review_keeps_other_xp_of_the_learner(learner, exercise_lesson, teacher):
    services.exercise_attempt_create(
        learner=learner, lesson=exercise_lesson, block_id="mc-single", answer=[1]
    )
    attempt = voice_answer(learner, exercise_lesson)
    services.voice_attempt_review(attempt=attempt, reviewer=teacher, score=1)
    services.voice_attempt_review(attempt=attempt, reviewer=teacher, score=0)
    assert stats_of(learner).xp == 10  # the multiple choice's, untouched


@pytest.mark.parametrize("role", [Role.TEACHER, Role.ADMIN])
def test_teachers_and_admins_review(learner, exercise_lesson, make_member, role):
    reviewer = make_member(f"{role}@example.com", role=role)
    attempt = voice_answer(learner, exercise_lesson)
    assert services.voice_attempt_review(attempt=attempt, reviewer=reviewer, score=1).correct


@pytest.mark.parametrize(
    "role", [Role.STUDENT, Role.CONTENT_CREATOR, Role.INSTITUTION, Role.HOMESTAY]
)
def test_no_other_role_reviews(learner, exercise_lesson, make_member, role):
    reviewer = make_member(f"{role}@example.com", role=role)
    attempt = voice_answer(learner, exercise_lesson)
    with pytest.raises(PermissionDenied):
        services.voice_attempt_review(attempt=attempt, reviewer=reviewer, score=1)
    attempt.refresh_from_db()
    assert attempt.status == ExerciseAttempt.Status.AWAITING_REVIEW
    assert stats_of(learner).xp == 0


def test_nobody_reviews_their_own_answer(exercise_lesson, teacher):
    attempt = voice_answer(teacher, exercise_lesson)
    with pytest.raises(PermissionDenied):
        services.voice_attempt_review(attempt=attempt, reviewer=teacher, score=1)


@pytest.mark.parametrize("score", [-0.1, 1.01, "1", None, True, float("nan")])
def test_a_score_outside_0_to_1_is_refused(learner, exercise_lesson, teacher, score):
    attempt = voice_answer(learner, exercise_lesson)
    with pytest.raises(ValidationError):
        services.voice_attempt_review(attempt=attempt, reviewer=teacher, score=score)
    attempt.refresh_from_db()
    assert attempt.status == ExerciseAttempt.Status.AWAITING_REVIEW


def test_only_voice_answers_are_reviewed(learner, exercise_lesson, teacher):
    graded = services.exercise_attempt_create(
        learner=learner, lesson=exercise_lesson, block_id="mc-single", answer=[0]
    )
    with pytest.raises(ValidationError):
        services.voice_attempt_review(attempt=graded, reviewer=teacher, score=1)
    graded.refresh_from_db()
    assert (graded.correct, graded.score) == (False, 0.0)


def test_the_learner_reads_the_review_on_the_attempt(
    learner, learner_client, exercise_lesson, teacher
):
    attempt = voice_answer(learner, exercise_lesson)
    services.voice_attempt_review(attempt=attempt, reviewer=teacher, score=1, comment="Great!")
    item = learner_client.get("/api/v1/me/attempts/").json()["items"][0]
    assert item["id"] == attempt.pk
    assert item["status"] == "graded"
    assert (item["correct"], item["score"], item["xp_awarded"]) == (True, 1.0, 10)
    assert item["feedback"] == {"status": "reviewed", "comment": "Great!"}
    assert "reviewed_by" not in item
    assert learner_client.get("/api/v1/me/stats/").json()["xp"] == 10


# --- The admin queue --------------------------------------------------------------------------


def admin_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def queue(learner, exercise_lesson, make_lesson, make_member):
    """Two lessons with voice answers waiting, one reviewed answer, and a graded exercise."""
    other_lesson = make_lesson("Past simple")
    recording = recording_of(learner)
    waiting = voice_answer(learner, exercise_lesson, transcript="WAITING-ONE", recording=recording)
    elsewhere = voice_answer(
        make_member("ana@example.com"), other_lesson, transcript="WAITING-OTHER-LESSON"
    )
    done = voice_answer(make_member("ben@example.com"), exercise_lesson, transcript="ALREADY-DONE")
    services.voice_attempt_review(
        attempt=done, reviewer=make_member("t9@example.com", role=Role.TEACHER), score=0.5
    )
    services.exercise_attempt_create(
        learner=learner, lesson=exercise_lesson, block_id="mc-single", answer=[1]
    )
    return {"waiting": waiting, "elsewhere": elsewhere, "done": done, "recording": recording}


def test_the_queue_shows_voice_answers_waiting_for_review(teacher, queue):
    response = admin_client(teacher).get(INDEX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "WAITING-ONE" in html
    assert "WAITING-OTHER-LESSON" in html
    assert "ALREADY-DONE" not in html
    assert "Lea R." in html  # learners by display name, never by email address
    assert "learner@example.com" not in html
    assert f'href="{INDEX}edit/{queue["waiting"].pk}/"' in html  # each row opens its review


def test_answers_of_closed_accounts_leave_the_queue(teacher, queue):
    from members.services import member_deactivate

    member_deactivate(user=queue["elsewhere"].learner)
    html = admin_client(teacher).get(INDEX).content.decode()
    assert "WAITING-ONE" in html
    assert "WAITING-OTHER-LESSON" not in html


def test_the_queue_goes_lesson_by_lesson(teacher, queue):
    key = queue["waiting"].lesson_translation_key
    response = admin_client(teacher).get(INDEX, {"lesson": str(key)})
    html = response.content.decode()
    assert "WAITING-ONE" in html
    assert "WAITING-OTHER-LESSON" not in html
    assert "(1 waiting)" in html


def test_reviewed_answers_are_listed_on_request(teacher, queue):
    html = admin_client(teacher).get(INDEX, {"status": "graded"}).content.decode()
    assert "ALREADY-DONE" in html
    assert "WAITING-ONE" not in html


def test_the_queue_costs_the_same_queries_for_few_or_many_answers(
    teacher, queue, learner, exercise_lesson, make_member, django_assert_max_num_queries
):
    client = admin_client(teacher)
    client.get(INDEX)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(INDEX)
    for number in range(6):
        voice_answer(make_member(f"m{number}@example.com"), exercise_lesson)
    with django_assert_max_num_queries(len(few)):
        assert client.get(INDEX).status_code == 200


def test_a_teacher_plays_the_recording_and_reviews_in_the_admin(teacher, queue, learner):
    client = admin_client(teacher)
    waiting = queue["waiting"]
    url = f"{INDEX}edit/{waiting.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<audio controls" in html
    assert "X-Amz-Signature" in html  # a short-lived signed URL of the private storage
    # The admin's Content-Security-Policy lets the page play it from there.
    src = re.search(r'<audio controls[^>]* src="([^"]+)"', html)[1]
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(src.replace("&amp;", "&")))
    policy = page.headers.get("Content-Security-Policy", "")
    if policy:  # once the admins' policy is switched on in settings (core.csp)
        media_src = next(p for p in policy.split(";") if p.strip().startswith("media-src"))
        assert origin in media_src.split(), (origin, media_src)
    assert "Say what you do every morning." in html
    assert "WAITING-ONE" in html

    response = client.post(url, {"review_score": "1", "review_comment": "Very clear."})
    assert response.status_code == 302, response.content.decode()[:2000]
    waiting.refresh_from_db()
    assert waiting.status == "graded"
    assert (waiting.correct, waiting.score) == (True, 1.0)
    assert waiting.feedback == {"status": "reviewed", "comment": "Very clear."}
    assert waiting.reviewed_by == teacher
    assert LearnerStats.objects.get(learner=learner).xp == 10 + 10  # the MC's and this one


@pytest.mark.parametrize("score", ["1.5", "-1", "abc", ""])
def test_the_admin_form_refuses_a_bad_score(teacher, queue, score):
    waiting = queue["waiting"]
    response = admin_client(teacher).post(f"{INDEX}edit/{waiting.pk}/", {"review_score": score})
    assert response.status_code == 200  # the form again, with its error
    waiting.refresh_from_db()
    assert waiting.status == "awaiting_review"


def test_a_teacher_cannot_review_their_own_answer_in_the_admin(teacher, exercise_lesson):
    own = voice_answer(teacher, exercise_lesson)
    response = admin_client(teacher).post(f"{INDEX}edit/{own.pk}/", {"review_score": "1"})
    assert response.status_code == 200
    assert "Nobody reviews their own answers." in response.content.decode()
    own.refresh_from_db()
    assert own.status == "awaiting_review"


def test_an_admin_reviews_too(make_member, queue):
    client = admin_client(make_member("boss@example.com", role=Role.ADMIN))
    assert client.get(INDEX).status_code == 200
    waiting = queue["waiting"]
    assert client.post(f"{INDEX}edit/{waiting.pk}/", {"review_score": "0.5"}).status_code == 302


@pytest.mark.parametrize("role", [Role.STUDENT, Role.CONTENT_CREATOR, Role.INSTITUTION])
def test_other_roles_cannot_reach_the_review_screens(make_member, queue, role):
    client = admin_client(make_member(f"{role}@example.com", role=role))
    waiting = queue["waiting"]
    for response in (
        client.get(INDEX),
        client.get(f"{INDEX}edit/{waiting.pk}/"),
        client.post(f"{INDEX}edit/{waiting.pk}/", {"review_score": "1"}),
    ):
        # Without admin access Wagtail sends them to its login page; with it, the permission
        # check refuses and sends them to the dashboard.
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            location = response["Location"]
            assert location == "/admin/" or location.startswith("/admin/login/"), location
    waiting.refresh_from_db()
    assert waiting.status == "awaiting_review"
    if role == Role.CONTENT_CREATOR:
        assert "Voice answers" not in client.get("/admin/").content.decode()


def test_answers_are_never_added_or_deleted_in_the_admin(teacher, queue):
    client = admin_client(teacher)
    waiting = queue["waiting"]
    assert client.get(f"{INDEX}new/").status_code in (302, 403)
    assert client.post(f"{INDEX}delete/{waiting.pk}/").status_code in (302, 403)
    assert ExerciseAttempt.objects.filter(pk=waiting.pk).exists()
