"""XP and streaks: the rules as plain functions, then as the learner sees them in `me/stats/`."""

import datetime as dt
import zoneinfo

import pytest

from lessons import services
from lessons.models.learning import LearnerStats
from lessons.selectors import learner_stats_get
from lessons.stats import (
    XP_FIRST_TRY_CORRECT,
    XP_LESSON_COMPLETED,
    Streak,
    learner_local_date,
)

pytestmark = pytest.mark.django_db

D = dt.date


def at(text: str, tz: str = "UTC") -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=zoneinfo.ZoneInfo(tz))


# --- The streak rule ------------------------------------------------------------------------


def test_first_activity_starts_a_streak_of_one():
    assert Streak().after_activity(D(2026, 3, 1)) == Streak(1, 1, D(2026, 3, 1))


def test_activity_on_consecutive_days_grows_the_streak_once_per_day():
    streak = Streak()
    for day in (1, 1, 2, 2, 2, 3):
        streak = streak.after_activity(D(2026, 3, day))
    assert (streak.current, streak.longest) == (3, 3)


def test_a_missed_day_restarts_the_streak_but_keeps_the_longest():
    streak = Streak()
    for day in (1, 2, 3, 5, 6):
        streak = streak.after_activity(D(2026, 3, day))
    assert (streak.current, streak.longest) == (2, 3)


def test_streaks_cross_month_and_year_ends():
    streak = Streak().after_activity(D(2026, 12, 31)).after_activity(D(2027, 1, 1))
    assert streak.current == 2


def test_an_earlier_day_after_moving_west_counts_nothing_new():
    streak = Streak(current=4, longest=4, last_active=D(2026, 3, 10))
    assert streak.after_activity(D(2026, 3, 9)) == streak


def test_the_current_streak_lasts_until_a_whole_day_passes_without_activity():
    streak = Streak(current=5, longest=7, last_active=D(2026, 3, 10))
    assert streak.current_on(D(2026, 3, 10)) == 5
    assert streak.current_on(D(2026, 3, 11)) == 5  # not yet practised today: still alive
    assert streak.current_on(D(2026, 3, 12)) == 0
    assert Streak().current_on(D(2026, 3, 12)) == 0


@pytest.mark.parametrize(
    ("moment", "tz", "day"),
    [
        (at("2026-03-10T23:30"), "UTC", D(2026, 3, 10)),
        (at("2026-03-10T23:30"), "Pacific/Auckland", D(2026, 3, 11)),  # UTC+13
        (at("2026-03-10T03:00"), "America/Los_Angeles", D(2026, 3, 9)),  # UTC-7 (DST)
        (at("2026-03-10T03:00"), "Not/AZone", D(2026, 3, 10)),  # unknown: UTC
        (at("2026-03-10T03:00"), "", D(2026, 3, 10)),
    ],
)
def test_days_are_the_learners_own_calendar_days(moment, tz, day):
    assert learner_local_date(moment=moment, timezone_name=tz) == day


# --- Through the services -------------------------------------------------------------------


@pytest.fixture
def tokyo_learner(make_member):
    learner = make_member("tokyo@example.com")
    learner.profile.timezone = "Asia/Tokyo"  # UTC+9, no DST
    learner.profile.save()
    return learner


def test_activity_either_side_of_the_learners_midnight_makes_two_days(tokyo_learner, make_lesson):
    lesson = make_lesson()
    # 23:50 and 00:10 in Tokyo: twenty minutes apart but two of the learner's days.
    services.lesson_progress_update(
        learner=tokyo_learner, lesson=lesson, status="started", now=at("2026-03-10T14:50")
    )
    services.lesson_progress_update(
        learner=tokyo_learner, lesson=lesson, status="started", now=at("2026-03-10T15:10")
    )
    stats = learner_stats_get(learner=tokyo_learner, now=at("2026-03-10T15:20"))
    assert (stats.current_streak, stats.longest_streak) == (2, 2)
    assert stats.last_active_date == D(2026, 3, 11)
    assert stats.today == D(2026, 3, 11)


def test_activity_on_one_utc_day_can_be_one_local_day_only(tokyo_learner, make_lesson):
    lesson = make_lesson()
    # 00:10 and 14:00 UTC on the 10th are 09:10 and 23:00 in Tokyo: one day.
    for moment in ("2026-03-10T00:10", "2026-03-10T14:00"):
        services.lesson_progress_update(
            learner=tokyo_learner, lesson=lesson, status="started", now=at(moment)
        )
    assert learner_stats_get(learner=tokyo_learner, now=at("2026-03-10T14:30")).current_streak == 1


def test_the_streak_shown_drops_to_zero_after_a_missed_local_day(tokyo_learner, make_lesson):
    lesson = make_lesson()
    services.lesson_progress_update(
        learner=tokyo_learner, lesson=lesson, status="started", now=at("2026-03-10T01:00")
    )
    # The 11th in Tokyo: the streak survives; the 12th in Tokyo (15:00 UTC on the 11th): gone.
    assert learner_stats_get(learner=tokyo_learner, now=at("2026-03-11T14:59")).current_streak == 1
    after = learner_stats_get(learner=tokyo_learner, now=at("2026-03-11T15:00"))
    assert (after.current_streak, after.longest_streak) == (0, 1)


def test_xp_for_first_try_correct_answers_and_first_completions_only(learner, make_lesson):
    lesson = make_lesson()
    # Right at the first try: XP. Right again, or right after a wrong first try: nothing.
    services.exercise_attempt_create(
        learner=learner, lesson=lesson, block_id="mc-single", answer=[1]
    )
    services.exercise_attempt_create(
        learner=learner, lesson=lesson, block_id="mc-single", answer=[1]
    )
    services.exercise_attempt_create(
        learner=learner, lesson=lesson, block_id="fill", answer=["x", "y"]
    )
    services.exercise_attempt_create(
        learner=learner, lesson=lesson, block_id="fill", answer=["works", "lives"]
    )
    # Partly right at the first try: nothing; a voice response awaits review: nothing.
    services.exercise_attempt_create(
        learner=learner, lesson=lesson, block_id="mc-multi", answer=[0]
    )
    services.exercise_attempt_create(
        learner=learner, lesson=lesson, block_id="voice", answer={"transcript": "I get up"}
    )
    for _ in range(2):
        services.lesson_progress_update(learner=learner, lesson=lesson, status="completed")

    stats = LearnerStats.objects.get(learner=learner)
    assert stats.xp == XP_FIRST_TRY_CORRECT + XP_LESSON_COMPLETED
    assert stats.lessons_completed == 1
    assert stats.exercises_correct_first_try == 1


def test_me_stats_answers_in_the_learners_timezone(member_client, tokyo_learner, make_lesson):
    lesson = make_lesson()
    client = member_client(tokyo_learner)
    response = client.put(
        f"/api/v1/lessons/{lesson.pk}/progress/", {"status": "completed"}, format="json"
    )
    assert response.status_code == 200, response.content
    client.post(
        f"/api/v1/lessons/{lesson.pk}/attempts/",
        {"block_id": "mc-single", "answer": [1]},
        format="json",
    )

    response = client.get("/api/v1/me/stats/")
    assert response.status_code == 200
    data = response.json()
    today = dt.datetime.now(zoneinfo.ZoneInfo("Asia/Tokyo")).date()
    assert data == {
        "xp": XP_LESSON_COMPLETED + XP_FIRST_TRY_CORRECT,
        "lessons_completed": 1,
        "exercises_correct_first_try": 1,
        "current_streak": 1,
        "longest_streak": 1,
        "last_active_date": today.isoformat(),
        "today": today.isoformat(),
        "timezone": "Asia/Tokyo",
        "xp_rules": {"first_try_correct": 10, "lesson_completed": 50},
    }


def test_a_new_learner_has_empty_stats(learner_client):
    data = learner_client.get("/api/v1/me/stats/").json()
    assert (data["xp"], data["current_streak"], data["lessons_completed"]) == (0, 0, 0)
    assert data["last_active_date"] is None
