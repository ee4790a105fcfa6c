"""Writes of learner data: progress, graded attempts, bookmarks, likes and comments.

Whatever changes a learner's stats (XP, lessons completed, streak) first locks that learner's
`LearnerStats` row, so two devices writing at once are applied one after the other and
nothing is counted twice. Uniqueness (one progress row, bookmark and like per learner and
lesson; one first attempt per exercise) is also enforced by database constraints.
"""

import datetime
import logging
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.html import strip_tags

from lessons.grading import MalformedAnswer
from lessons.models import LessonPage
from lessons.models.learning import (
    COMMENT_MAX_LENGTH,
    Bookmark,
    Comment,
    CommentReport,
    ExerciseAttempt,
    LearnerStats,
    LessonLike,
    LessonProgress,
)
from lessons.stats import XP_LESSON_COMPLETED, Streak, attempt_xp, learner_local_date
from members.models import User

logger = logging.getLogger(__name__)


# --- Stats ----------------------------------------------------------------------------------


def _stats_locked(learner: User) -> LearnerStats:
    """The learner's stats row, created if missing and locked until the transaction ends."""
    LearnerStats.objects.bulk_create([LearnerStats(learner=learner)], ignore_conflicts=True)
    return LearnerStats.objects.select_for_update().get(learner=learner)


def _stats_record_activity(stats: LearnerStats, *, learner: User, now: datetime.datetime) -> None:
    day = learner_local_date(moment=now, timezone_name=learner.profile.timezone)
    streak = Streak(
        current=stats.current_streak,
        longest=stats.longest_streak,
        last_active=stats.last_active_date,
    ).after_activity(day)
    stats.current_streak = streak.current
    stats.longest_streak = streak.longest
    stats.last_active_date = streak.last_active


# --- Progress -------------------------------------------------------------------------------


@transaction.atomic
def lesson_progress_update(
    *,
    learner: User,
    lesson: LessonPage,
    status: str,
    position: int | None = None,
    now: datetime.datetime | None = None,
) -> LessonProgress:
    """Record where the learner is in a lesson. Idempotent; completing is counted once.

    A completed lesson stays completed when the learner goes back to it ("started" only
    moves the position).
    """
    if status not in LessonProgress.Status.values:
        raise ValidationError({"status": f"Use one of: {', '.join(LessonProgress.Status.values)}."})
    now = now or timezone.now()
    stats = _stats_locked(learner)
    progress = (
        LessonProgress.objects.select_for_update()
        .filter(learner=learner, lesson_translation_key=lesson.translation_key)
        .first()
    )
    if progress is None:
        progress = LessonProgress(learner=learner, started_at=now)
    progress.lesson_set(lesson)
    if position is not None:
        progress.position = position
    if status == LessonProgress.Status.COMPLETED and progress.completed_at is None:
        progress.status = LessonProgress.Status.COMPLETED
        progress.completed_at = now
        stats.lessons_completed += 1
        stats.xp += XP_LESSON_COMPLETED
    progress.updated_at = now
    progress.save()

    _stats_record_activity(stats, learner=learner, now=now)
    stats.save()
    return progress


# --- Exercise attempts ----------------------------------------------------------------------


def exercise_block_find(*, lesson: LessonPage, block_id: str):
    """The exercise block `block_id` of the lesson's live body. Raises ValidationError."""
    # The page row holds the published content (drafts live in revisions), the very content
    # the public API serves: that is what the learner answered.
    for block in lesson.body:
        if block.id == block_id:
            if not getattr(block.block, "is_exercise", False):
                raise ValidationError(
                    {"block_id": f"Block {block_id} is a {block.block_type}, not an exercise."}
                )
            return block
    raise ValidationError({"block_id": f"The lesson has no block {block_id}."})


@transaction.atomic
def exercise_attempt_create(
    *,
    learner: User,
    lesson: LessonPage,
    block_id: str,
    answer: Any,
    now: datetime.datetime | None = None,
) -> ExerciseAttempt:
    """Grade an answer to an exercise of a live lesson and record it, with its XP."""
    block = exercise_block_find(lesson=lesson, block_id=block_id)
    exercise = block.block
    try:
        cleaned = exercise.answer_clean(block.value, answer, block_id=block_id, learner=learner)
    except MalformedAnswer as error:
        raise ValidationError({"answer": str(error)}) from None
    result = exercise.grade(block.value, cleaned, block_id=block_id)

    now = now or timezone.now()
    stats = _stats_locked(learner)
    is_first = not ExerciseAttempt.objects.filter(
        learner=learner, lesson_translation_key=lesson.translation_key, block_id=block_id
    ).exists()
    xp = attempt_xp(is_first_attempt=is_first, correct=result.correct)
    attempt = ExerciseAttempt(
        learner=learner,
        block_id=block_id,
        block_type=block.block_type,
        revision_id=lesson.live_revision_id,
        exercise=exercise.public_representation(block.value, block_id),
        answer=cleaned.data,
        recording=cleaned.recording,
        status=(
            ExerciseAttempt.Status.AWAITING_REVIEW
            if result.awaiting_review
            else ExerciseAttempt.Status.GRADED
        ),
        correct=result.correct,
        score=result.score,
        feedback=result.feedback,
        explanation=block.value.get("explanation") or "",
        is_first_attempt=is_first,
        xp_awarded=xp,
        created_at=now,
    )
    attempt.lesson_set(lesson)
    attempt.save()

    stats.xp += xp
    if xp:
        stats.exercises_correct_first_try += 1
    _stats_record_activity(stats, learner=learner, now=now)
    stats.save()
    return attempt


# --- Bookmarks and likes --------------------------------------------------------------------


def _lesson_record_add(model, *, learner: User, lesson: LessonPage):
    """Get or create the learner's row of `model` for the lesson (any of its translations)."""
    existing = model.objects.filter(
        learner=learner, lesson_translation_key=lesson.translation_key
    ).first()
    if existing is not None:
        return existing, False
    record = model(learner=learner)
    record.lesson_set(lesson)
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:  # the same learner, at the same moment, on another device
        return model.objects.get(
            learner=learner, lesson_translation_key=lesson.translation_key
        ), False
    return record, True


def bookmark_add(*, learner: User, lesson: LessonPage) -> tuple[Bookmark, bool]:
    return _lesson_record_add(Bookmark, learner=learner, lesson=lesson)


def bookmark_remove(*, learner: User, lesson_translation_key) -> bool:
    deleted, _ = Bookmark.objects.filter(
        learner=learner, lesson_translation_key=lesson_translation_key
    ).delete()
    return bool(deleted)


def lesson_like(*, learner: User, lesson: LessonPage) -> tuple[LessonLike, bool]:
    return _lesson_record_add(LessonLike, learner=learner, lesson=lesson)


def lesson_unlike(*, learner: User, lesson: LessonPage) -> bool:
    deleted, _ = LessonLike.objects.filter(
        learner=learner, lesson_translation_key=lesson.translation_key
    ).delete()
    return bool(deleted)


# --- Comments -------------------------------------------------------------------------------


def comment_text_clean(text: str) -> str:
    """Plain text only: tags are stripped (never rendered), blank lines and spaces tidied."""
    text = strip_tags(text).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch in "\n\t" or ch.isprintable())
    lines = [" ".join(line.split()) for line in text.split("\n")]
    cleaned = "\n".join(lines).strip()
    while "\n\n\n" in cleaned:
        cleaned = cleaned.replace("\n\n\n", "\n\n")
    if not cleaned:
        raise ValidationError({"text": "Write something (HTML is not allowed)."})
    if len(cleaned) > COMMENT_MAX_LENGTH:
        raise ValidationError({"text": f"A comment takes at most {COMMENT_MAX_LENGTH} characters."})
    return cleaned


def comment_create(
    *, author: User, lesson: LessonPage, text: str, parent_id: int | None = None
) -> Comment:
    parent = None
    if parent_id is not None:
        parent = Comment.objects.filter(
            pk=parent_id, lesson=lesson, status=Comment.Status.VISIBLE
        ).first()
        if parent is None:
            raise ValidationError({"parent": "No such comment on this lesson."})
        if parent.parent_id is not None:
            raise ValidationError(
                {"parent": "Reply to the comment at the top of the thread; replies go one level."}
            )
    return Comment.objects.create(
        lesson=lesson, author=author, parent=parent, text=comment_text_clean(text)
    )


def comment_update(*, comment: Comment, text: str, now: datetime.datetime | None = None) -> Comment:
    comment.text = comment_text_clean(text)
    comment.edited_at = now or timezone.now()
    comment.save(update_fields=["text", "edited_at"])
    return comment


@transaction.atomic
def comment_moderate(*, comment: Comment, moderator: User, hidden: bool) -> Comment:
    """Hide a comment (it vanishes from the API, with its replies) or show it again.

    Hiding closes the open reports on it.
    """
    now = timezone.now()
    comment.status = Comment.Status.HIDDEN if hidden else Comment.Status.VISIBLE
    comment.moderated_at = now
    comment.moderated_by = moderator
    comment.save(update_fields=["status", "moderated_at", "moderated_by"])
    if hidden:
        _reports_resolve(comment=comment, moderator=moderator, resolution="hidden", now=now)
    logger.info("comment %s %s by %s", comment.pk, comment.status, moderator.pk)
    return comment


def comment_reports_dismiss(*, comment: Comment, moderator: User) -> int:
    """Close the open reports on a comment that stays visible."""
    return _reports_resolve(
        comment=comment,
        moderator=moderator,
        resolution=CommentReport.Resolution.DISMISSED,
        now=timezone.now(),
    )


def _reports_resolve(
    *, comment: Comment, moderator: User, resolution: str, now: datetime.datetime
) -> int:
    return CommentReport.objects.filter(comment=comment, resolved_at__isnull=True).update(
        resolved_at=now, resolved_by=moderator, resolution=resolution
    )


def comment_delete(*, comment: Comment, deleted_by: User) -> None:
    """Delete a comment with its replies and reports."""
    logger.info("comment %s deleted by %s", comment.pk, deleted_by.pk)
    comment.delete()


@dataclass(frozen=True)
class ReportOutcome:
    report: CommentReport
    created: bool


def comment_report(
    *, comment: Comment, reporter: User, reason: str, note: str = ""
) -> ReportOutcome:
    """Flag a comment for the moderators; reporting it again changes nothing."""
    if comment.author_id == reporter.pk:
        raise ValidationError(
            "You cannot report your own comment.", code="cannot_report_own_comment"
        )
    # get_or_create falls back to reading the row when a concurrent insert wins the race.
    report, created = CommentReport.objects.get_or_create(
        comment=comment,
        reporter=reporter,
        defaults={"reason": reason, "note": strip_tags(note).strip()},
    )
    return ReportOutcome(report=report, created=created)
