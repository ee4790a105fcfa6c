"""The rules behind a learner's XP and daily streak, as plain functions.

XP
    - `XP_FIRST_TRY_CORRECT` (10) for an exercise answered fully correctly (score 1) at the
      learner's first attempt at it. "First" is per learner, lesson (all its translations) and
      exercise block; later attempts, partly right answers and voice responses (which a
      teacher reviews) earn nothing.
    - `XP_LESSON_COMPLETED` (50) the first time the learner completes a lesson (again per
      lesson and all its translations); completing it again earns nothing.

Streak
    - A day counts when the learner does something in a lesson: saves their progress or
      answers an exercise.
    - Days are the learner's own calendar days, in the time zone of their profile at the
      moment of the activity (UTC if it is missing or unknown).
    - The current streak is the number of consecutive days with activity, ending today or
      yesterday: it is not lost until a whole day of the learner's passes without activity.
    - The longest streak is the longest such run ever.
"""

import datetime
import zoneinfo
from dataclasses import dataclass

XP_FIRST_TRY_CORRECT = 10
XP_LESSON_COMPLETED = 50


def learner_timezone(name: str | None) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def learner_local_date(*, moment: datetime.datetime, timezone_name: str | None) -> datetime.date:
    """The learner's calendar day at `moment` (an aware datetime)."""
    return moment.astimezone(learner_timezone(timezone_name)).date()


def attempt_xp(*, is_first_attempt: bool, correct: bool | None) -> int:
    return XP_FIRST_TRY_CORRECT if is_first_attempt and correct is True else 0


@dataclass(frozen=True)
class Streak:
    current: int = 0
    longest: int = 0
    last_active: datetime.date | None = None

    def after_activity(self, day: datetime.date) -> "Streak":
        """The streak once the learner was active on `day`."""
        last = self.last_active
        if last is None or day > last + datetime.timedelta(days=1):
            current = 1
        elif day == last + datetime.timedelta(days=1):
            current = self.current + 1
        else:
            # The same day, or an earlier one (the learner moved to a time zone further west):
            # nothing new to count.
            return self
        return Streak(current=current, longest=max(self.longest, current), last_active=day)

    def current_on(self, today: datetime.date) -> int:
        """The current streak as seen on the learner's `today`."""
        if self.last_active is None or today - self.last_active > datetime.timedelta(days=1):
            return 0
        return self.current
