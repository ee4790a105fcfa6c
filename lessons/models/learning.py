"""What learners do with lessons: progress, graded attempts, bookmarks, likes, stats, comments.

A learner's record must outlive the content it refers to, and follow a lesson across its
translations. So every record about a lesson keeps three things:

- `lesson`, the page the learner last used (set to NULL if that page is deleted),
- `lesson_translation_key`, shared by a lesson and all its translations (Wagtail i18n): the
  uniqueness of progress, bookmarks and likes is per translation key, so reading a lesson in
  Spanish continues the progress made in English,
- `lesson_title`, a snapshot that keeps the history readable once the page is gone.

Exercise attempts also keep the revision they were graded against and the exercise as the
learner saw it, so removing a block from a lesson leaves old attempts readable.

Writes go through `lessons.services`, reads through `lessons.selectors`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

COMMENT_MAX_LENGTH = 2000
REPORT_NOTE_MAX_LENGTH = 500


class LessonReference(models.Model):
    """The lesson a record is about, kept meaningful across translations and deletion."""

    lesson = models.ForeignKey(
        "lessons.LessonPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lesson_translation_key = models.UUIDField(
        help_text="Shared by the lesson and its translations."
    )
    lesson_title = models.CharField(max_length=255, help_text="The title when last used.")

    class Meta:
        abstract = True

    def lesson_set(self, lesson) -> None:
        self.lesson = lesson
        self.lesson_translation_key = lesson.translation_key
        self.lesson_title = lesson.title


class LessonProgress(LessonReference):
    """How far a learner got in a lesson. Completion is final: it is counted once."""

    class Status(models.TextChoices):
        STARTED = "started", _("Started")
        COMPLETED = "completed", _("Completed")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.STARTED)
    position = models.PositiveIntegerField(
        default=0, help_text="Index of the body block the learner reached."
    )
    started_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "lesson_translation_key"],
                name="lessons_progress_one_per_learner_lesson",
            ),
            models.CheckConstraint(
                condition=(Q(status="completed") & Q(completed_at__isnull=False))
                | (Q(status="started") & Q(completed_at__isnull=True)),
                name="lessons_progress_completed_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["learner", "-updated_at"], name="lessons_progress_recent_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.learner_id} · {self.lesson_title} · {self.status}"


class ExerciseAttempt(LessonReference):
    """One answer to one exercise block, graded on the server (or waiting for a teacher)."""

    class Status(models.TextChoices):
        GRADED = "graded", _("Graded")
        AWAITING_REVIEW = "awaiting_review", _("Awaiting review")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exercise_attempts"
    )
    block_id = models.CharField(max_length=64)
    block_type = models.CharField(max_length=32)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The published revision the answer was graded against.",
    )
    exercise = models.JSONField(help_text="The exercise as the learner saw it (no answers).")
    answer = models.JSONField()
    recording = models.ForeignKey(
        "lessons.Recording",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attempts",
        help_text="Voice answers: the learner's recording (cleared if they delete it).",
    )
    status = models.CharField(max_length=16, choices=Status.choices)
    correct = models.BooleanField(null=True)
    score = models.FloatField(null=True)
    feedback = models.JSONField(default=dict, blank=True)
    explanation = models.TextField(blank=True)
    is_first_attempt = models.BooleanField(default=False)
    xp_awarded = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    # Voice answers: the teacher's review (lessons.services.voice_attempt_review).
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        permissions = [("review_exerciseattempt", "Can review voice answers")]
        constraints = [
            # XP is given for a first attempt; there is only ever one per exercise and learner.
            models.UniqueConstraint(
                fields=["learner", "lesson_translation_key", "block_id"],
                condition=Q(is_first_attempt=True),
                name="lessons_attempt_one_first_per_exercise",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=1),
                name="lessons_attempt_score_0_1",
            ),
            models.CheckConstraint(
                condition=(Q(status="graded") & Q(score__isnull=False) & Q(correct__isnull=False))
                | (Q(status="awaiting_review") & Q(score__isnull=True) & Q(correct__isnull=True)),
                name="lessons_attempt_graded_has_score",
            ),
        ]
        indexes = [
            models.Index(
                fields=["learner", "lesson_translation_key", "-created_at"],
                name="lessons_attempt_lesson_idx",
            ),
            models.Index(fields=["learner", "-created_at"], name="lessons_attempt_recent_idx"),
            # The teachers' queue of voice answers waiting for review.
            models.Index(
                fields=["lesson_translation_key", "created_at"],
                condition=Q(status="awaiting_review"),
                name="lessons_attempt_pending_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner_id} · {self.lesson_title} · {self.block_type} {self.block_id}"


class Bookmark(LessonReference):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "lesson_translation_key"],
                name="lessons_bookmark_one_per_learner_lesson",
            ),
        ]
        indexes = [
            models.Index(fields=["learner", "-created_at"], name="lessons_bookmark_recent_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.learner_id} bookmarked {self.lesson_title}"


class LessonLike(LessonReference):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_likes"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "lesson_translation_key"],
                name="lessons_like_one_per_learner_lesson",
            ),
        ]
        # Like counts are counted per lesson (all its translations).
        indexes = [models.Index(fields=["lesson_translation_key"], name="lessons_like_lesson_idx")]

    def __str__(self) -> str:
        return f"{self.learner_id} likes {self.lesson_title}"


class LearnerStats(models.Model):
    """A learner's running totals, changed only under a row lock (see lessons.services).

    XP and streak rules are in `lessons.stats`.
    """

    learner = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="learner_stats",
    )
    xp = models.PositiveIntegerField(default=0)
    lessons_completed = models.PositiveIntegerField(default=0)
    exercises_correct_first_try = models.PositiveIntegerField(default=0)
    current_streak = models.PositiveIntegerField(default=0)
    longest_streak = models.PositiveIntegerField(default=0)
    last_active_date = models.DateField(
        null=True, blank=True, help_text="The learner's local date of their last activity."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = _("learner stats")
        constraints = [
            models.CheckConstraint(
                condition=Q(longest_streak__gte=models.F("current_streak")),
                name="lessons_stats_longest_streak_is_longest",
            ),
        ]

    def __str__(self) -> str:
        return f"stats of {self.learner_id}: {self.xp} XP"


class Comment(models.Model):
    """A member's comment on a lesson, or a reply to one (threads are one level deep).

    The text is plain: tags are stripped when it is written (see lessons.services).
    """

    class Status(models.TextChoices):
        VISIBLE = "visible", _("Visible")
        HIDDEN = "hidden", _("Hidden by a moderator")

    lesson = models.ForeignKey(
        "lessons.LessonPage",
        verbose_name=_("lesson"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="lesson_comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    text = models.TextField(_("text"), max_length=COMMENT_MAX_LENGTH)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.VISIBLE
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["lesson", "-created_at"], name="lessons_comment_lesson_idx"),
            models.Index(fields=["parent", "-created_at"], name="lessons_comment_replies_idx"),
        ]

    def __str__(self) -> str:
        text = self.text if len(self.text) <= 60 else self.text[:59] + "…"
        return f"“{text}”"


class CommentReport(models.Model):
    """A member's flag on a comment; open until a moderator hides the comment or dismisses it."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        ABUSE = "abuse", _("Abusive or hateful")
        OFF_TOPIC = "off_topic", _("Off topic")
        OTHER = "other", _("Something else")

    class Resolution(models.TextChoices):
        HIDDEN = "hidden", _("Comment hidden")
        DISMISSED = "dismissed", _("Dismissed")

    comment = models.ForeignKey(
        Comment, verbose_name=_("comment"), on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reporter"),
        on_delete=models.CASCADE,
        related_name="comment_reports",
    )
    reason = models.CharField(
        _("reason"), max_length=10, choices=Reason.choices, default=Reason.OTHER
    )
    note = models.TextField(_("note"), max_length=REPORT_NOTE_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolution = models.CharField(
        _("resolution"), max_length=10, choices=Resolution.choices, blank=True
    )

    class Meta:
        verbose_name = _("comment report")
        verbose_name_plural = _("comment reports")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"], name="lessons_report_one_per_member"
            ),
        ]
        indexes = [
            models.Index(
                fields=["comment"],
                condition=Q(resolved_at__isnull=True),
                name="lessons_report_open_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"report of comment {self.comment_id}: {self.get_reason_display()}"
