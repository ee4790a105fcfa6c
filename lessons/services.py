"""Writes of learner data: progress, graded attempts, bookmarks, likes and comments.

Whatever changes a learner's stats (XP, lessons completed, streak) first locks that learner's
`LearnerStats` row, so two devices writing at once are applied one after the other and
nothing is counted twice. Uniqueness (one progress row, bookmark and like per learner and
lesson; one first attempt per exercise) is also enforced by database constraints.
"""

import datetime
import logging
import secrets
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.text import plain_text
from lessons.grading import MalformedAnswer, graded
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
from lessons.models.recordings import Recording, recordings_storage
from lessons.recordings import CheckedAudio
from lessons.stats import XP_LESSON_COMPLETED, Streak, attempt_xp, learner_local_date
from members.models import User
from members.permissions import is_moderator

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


REVIEW_COMMENT_MAX_LENGTH = 2000


@transaction.atomic
def voice_attempt_review(
    *,
    attempt: ExerciseAttempt,
    reviewer: User,
    score: float,
    comment: str = "",
    now: datetime.datetime | None = None,
) -> ExerciseAttempt:
    """A teacher's review of a voice answer: a score from 0 to 1 and written feedback.

    The attempt becomes `graded`, `correct` only for a score of 1, and its feedback
    `{"status": "reviewed", "comment": ...}`. XP follows the rule of every exercise: 10 when
    this was the learner's first attempt at the exercise and the score is 1. A review may be
    changed (a teacher corrects a slip): the XP then follows the latest review, given or taken
    back once, never counted twice, under the learner's stats row lock. Reviewing is not the
    learner's activity, so the streak is left alone.
    """
    if not is_moderator(reviewer):
        raise PermissionDenied("Only teachers and admins review voice answers.")
    if attempt.learner_id == reviewer.pk:
        raise PermissionDenied("Nobody reviews their own answers.")
    if attempt.block_type != "voice_response":
        raise ValidationError("Only voice answers are reviewed; the others are graded at once.")
    if isinstance(score, bool) or not isinstance(score, int | float) or not 0 <= score <= 1:
        raise ValidationError({"score": "Give a score from 0 to 1."})
    comment = (comment or "").strip()
    if len(comment) > REVIEW_COMMENT_MAX_LENGTH:
        raise ValidationError(
            {"comment": f"Feedback takes at most {REVIEW_COMMENT_MAX_LENGTH} characters."}
        )
    # The same lock order as exercise_attempt_create: the stats row, then the attempt.
    stats = _stats_locked(attempt.learner)
    attempt = ExerciseAttempt.objects.select_for_update().get(pk=attempt.pk)
    result = graded(score, {"status": "reviewed", "comment": comment})
    xp = attempt_xp(is_first_attempt=attempt.is_first_attempt, correct=result.correct)
    xp_change = xp - attempt.xp_awarded

    attempt.status = ExerciseAttempt.Status.GRADED
    attempt.correct = result.correct
    attempt.score = result.score
    attempt.feedback = result.feedback
    attempt.xp_awarded = xp
    attempt.reviewed_by = reviewer
    attempt.reviewed_at = now or timezone.now()
    attempt.save(
        update_fields=[
            "status",
            "correct",
            "score",
            "feedback",
            "xp_awarded",
            "reviewed_by",
            "reviewed_at",
        ]
    )
    if xp_change:
        stats.xp = max(stats.xp + xp_change, 0)
        step = 1 if xp_change > 0 else -1
        stats.exercises_correct_first_try = max(stats.exercises_correct_first_try + step, 0)
        stats.save(update_fields=["xp", "exercises_correct_first_try", "updated_at"])
    logger.info(
        "voice attempt %s reviewed by %s: score %s, xp %+d",
        attempt.pk,
        reviewer.pk,
        attempt.score,
        xp_change,
    )
    return attempt


# --- Voice recordings -----------------------------------------------------------------------


def recording_create(*, learner: User, audio: CheckedAudio) -> Recording:
    """Store a checked recording under a random name in the private recordings storage.

    The name never comes from the upload. Should the row not be saved, the file goes too, so
    a failure leaves nothing behind.
    """
    storage = recordings_storage()
    name = storage.save(f"{secrets.token_hex(16)}.{audio.extension}", ContentFile(audio.data))
    try:
        with transaction.atomic():
            recording = Recording(
                learner=learner,
                content_type=audio.content_type,
                codec=audio.codec,
                duration=audio.duration,
                size=len(audio.data),
            )
            recording.file.name = name
            recording.save()
    except Exception:
        storage.delete(name)
        raise
    return recording


def recording_delete(*, recording: Recording) -> None:
    """Delete a recording; its file goes once the deletion is committed (lessons.signals).

    Attempts that named it keep their transcript; their link to the recording is cleared.
    """
    recording.delete()


def recordings_unused_delete(*, older_than: datetime.timedelta) -> int:
    """Delete recordings that no attempt names and that are older than `older_than`, files
    included: uploads an app never used in an answer (`manage.py recordings_prune`)."""
    cutoff = timezone.now() - older_than
    _total, per_model = Recording.objects.filter(
        created_at__lt=cutoff, attempts__isnull=True
    ).delete()
    return per_model.get(Recording._meta.label, 0)


def learner_recordings_delete(*, learner: User) -> int:
    """Delete every recording of a learner, files included (when the account is closed)."""
    _total, per_model = Recording.objects.filter(learner=learner).delete()
    return per_model.get(Recording._meta.label, 0)


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
    """Plain text only (core.text's policy: markup removed, never rendered), tidied."""
    cleaned = plain_text(text)
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
        defaults={"reason": reason, "note": plain_text(note)},
    )
    return ReportOutcome(report=report, created=created)
