"""Reads of learner data and of the lessons a member may use.

Every list here is a queryset built for one page of results: related rows are joined or
prefetched, so the number of queries does not grow with the page size.
"""

import datetime
import uuid
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest
from django.utils import timezone

from core.exceptions import ID_MAX
from core.visibility import page_visible_get
from lessons.models import LessonPage
from lessons.models.learning import (
    Bookmark,
    Comment,
    ExerciseAttempt,
    LearnerStats,
    LessonLike,
    LessonProgress,
)
from lessons.models.recordings import Recording
from lessons.stats import Streak, learner_local_date
from members.models import User

REPLIES_SHOWN = 3


def lesson_visible_find(*, request: HttpRequest, page_id: int) -> LessonPage | None:
    """A live lesson the requesting member may see, by the content API's own rule.

    Drafts, unpublished lessons, lessons in a section taken offline and lessons under a view
    restriction the member does not pass are None, exactly as `/api/v2/pages/` hides them.
    """
    return page_visible_get(request, LessonPage, page_id)


def lesson_visible_get(*, request: HttpRequest, page_id: int) -> LessonPage:
    """`lesson_visible_find`, as "not found" when there is no such lesson."""
    lesson = lesson_visible_find(request=request, page_id=page_id)
    if lesson is None:
        raise Http404("No such lesson.")
    return lesson


def lesson_translation_key_of(*, page_id: int) -> uuid.UUID | None:
    """The translation key of any lesson page, live or not."""
    if not 0 < page_id <= ID_MAX:
        return None  # no such page (SQLite cannot even look an id beyond 64 bits up)
    return LessonPage.objects.filter(pk=page_id).values_list("translation_key", flat=True).first()


def _with_lesson_resolved(queryset: QuerySet) -> QuerySet:
    """Annotate `lesson_ref`: the record's page, or a live translation of it once it is deleted."""
    live_translation = (
        LessonPage.objects.live()
        .filter(translation_key=OuterRef("lesson_translation_key"))
        .order_by("pk")
        .values("pk")[:1]
    )
    return queryset.annotate(
        lesson_ref=Coalesce("lesson_id", Subquery(live_translation), output_field=IntegerField())
    )


def progress_list(*, learner: User) -> QuerySet[LessonProgress]:
    return _with_lesson_resolved(
        LessonProgress.objects.filter(learner=learner).order_by("-updated_at", "-pk")
    )


def progress_get(*, learner: User, lesson: LessonPage) -> LessonProgress | None:
    return (
        _with_lesson_resolved(LessonProgress.objects.filter(learner=learner))
        .filter(lesson_translation_key=lesson.translation_key)
        .first()
    )


def attempt_list(
    *, learner: User, lesson_translation_key: uuid.UUID | None = None
) -> QuerySet[ExerciseAttempt]:
    attempts = ExerciseAttempt.objects.filter(learner=learner)
    if lesson_translation_key is not None:
        attempts = attempts.filter(lesson_translation_key=lesson_translation_key)
    return _with_lesson_resolved(attempts.order_by("-created_at", "-pk"))


def bookmark_list(*, learner: User) -> QuerySet[Bookmark]:
    """Bookmarks of lessons that still exist in some language (live or not)."""
    bookmarks = _with_lesson_resolved(Bookmark.objects.filter(learner=learner))
    return bookmarks.filter(lesson_ref__isnull=False).order_by("-created_at", "-pk")


@dataclass(frozen=True)
class LikeSummary:
    liked: bool
    like_count: int


def lesson_like_summary(*, learner: User, lesson: LessonPage) -> LikeSummary:
    counts = LessonLike.objects.filter(lesson_translation_key=lesson.translation_key).aggregate(
        total=Count("pk"), mine=Count("pk", filter=Q(learner=learner))
    )
    return LikeSummary(liked=counts["mine"] > 0, like_count=counts["total"])


@dataclass(frozen=True)
class StatsSummary:
    xp: int
    lessons_completed: int
    exercises_correct_first_try: int
    current_streak: int
    longest_streak: int
    last_active_date: datetime.date | None
    today: datetime.date
    timezone: str


def learner_stats_get(*, learner: User, now: datetime.datetime | None = None) -> StatsSummary:
    stats = LearnerStats.objects.filter(learner=learner).first() or LearnerStats(learner=learner)
    timezone_name = learner.profile.timezone
    today = learner_local_date(moment=now or timezone.now(), timezone_name=timezone_name)
    streak = Streak(
        current=stats.current_streak,
        longest=stats.longest_streak,
        last_active=stats.last_active_date,
    )
    return StatsSummary(
        xp=stats.xp,
        lessons_completed=stats.lessons_completed,
        exercises_correct_first_try=stats.exercises_correct_first_try,
        current_streak=streak.current_on(today),
        longest_streak=stats.longest_streak,
        last_active_date=stats.last_active_date,
        today=today,
        timezone=timezone_name,
    )


def _visible_comments() -> QuerySet[Comment]:
    return Comment.objects.filter(status=Comment.Status.VISIBLE).select_related("author__profile")


def comment_list(*, lesson: LessonPage) -> QuerySet[Comment]:
    """Top-level visible comments of a lesson, newest first, each with its newest replies."""
    newest_replies = _visible_comments().order_by("-created_at", "-pk")[:REPLIES_SHOWN]
    return (
        _visible_comments()
        .filter(lesson=lesson, parent__isnull=True)
        .annotate(reply_count=Count("replies", filter=Q(replies__status=Comment.Status.VISIBLE)))
        .prefetch_related(Prefetch("replies", queryset=newest_replies, to_attr="newest_replies"))
        .order_by("-created_at", "-pk")
    )


def comment_reply_list(*, parent: Comment) -> QuerySet[Comment]:
    return _visible_comments().filter(parent=parent).order_by("-created_at", "-pk")


def comment_visible_get(*, comment_id: int) -> Comment | None:
    return _visible_comments().filter(pk=comment_id).first()


def comment_get(*, comment_id: int, include_hidden: bool = False) -> Comment | None:
    if not include_hidden:
        return comment_visible_get(comment_id=comment_id)
    return Comment.objects.select_related("author__profile").filter(pk=comment_id).first()


def recording_list(*, learner: User) -> QuerySet[Recording]:
    return Recording.objects.filter(learner=learner).order_by("-created_at", "-pk")


def recording_get(*, learner: User, recording_id: int) -> Recording | None:
    """One of the learner's own recordings; another member's is None, like a missing one."""
    return Recording.objects.filter(learner=learner, pk=recording_id).first()
