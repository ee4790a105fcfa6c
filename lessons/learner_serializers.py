"""Serializers of the learner API: progress, attempts, bookmarks, stats, likes and comments.

(The content API's serializer fields are in `core.serializers`.)
"""

import copy

from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.schema_blocks import block_component_name
from core.schema_types import nullable
from lessons.blocks import exercise_blocks
from lessons.models.learning import (
    COMMENT_MAX_LENGTH,
    REPORT_NOTE_MAX_LENGTH,
    Bookmark,
    Comment,
    CommentReport,
    ExerciseAttempt,
    LessonProgress,
)
from lessons.models.recordings import Recording
from lessons.recordings import audio_check, recording_url
from lessons.stats import XP_FIRST_TRY_CORRECT, XP_LESSON_COMPLETED
from members.public import MemberPublicSerializer

# --- Records about a lesson -----------------------------------------------------------------


class LessonReferenceSerializer(serializers.ModelSerializer):
    """`lesson` is the page id to open (a live translation once the original is deleted), or
    null when the lesson is gone in every language; `lesson_title` keeps the history readable."""

    lesson = serializers.SerializerMethodField()
    translation_key = serializers.UUIDField(source="lesson_translation_key", read_only=True)

    def get_lesson(self, record) -> int | None:
        return getattr(record, "lesson_ref", record.lesson_id)


class ProgressSerializer(LessonReferenceSerializer):
    class Meta:
        model = LessonProgress
        fields = [
            "lesson",
            "translation_key",
            "lesson_title",
            "status",
            "position",
            "started_at",
            "completed_at",
            "updated_at",
        ]
        read_only_fields = fields


class ProgressUpdateSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=LessonProgress.Status.choices)
    position = serializers.IntegerField(min_value=0, max_value=100_000, required=False)


def _per_exercise_type(schema_attribute: str) -> dict:
    """`anyOf` the schema each exercise class declares, one entry per type (by block name).

    A bare union of arrays cannot have a discriminator (and `[2]` fits more than one type, so
    not `oneOf` either): each entry is titled with its block type, and an attempt in a response
    is typed per exercise type (`AttemptSchema` below)."""
    names = ", ".join(f"`{name}`" for name in exercise_blocks())
    return {
        "anyOf": [
            {"title": name, **getattr(block, schema_attribute)}
            for name, block in exercise_blocks().items()
        ],
        "description": "In the format of the exercise's type: the `type` of its block in the "
        f"content API ({names}); each entry is titled with the type it is for.",
    }


@extend_schema_field(_per_exercise_type("answer_schema"))
class ExerciseAnswerField(serializers.JSONField):
    """An answer in the format of its exercise type (see each type in the docs)."""


@extend_schema_field({**_per_exercise_type("feedback_schema"), "nullable": True})
class ExerciseFeedbackField(serializers.JSONField):
    pass


class AttemptCreateSerializer(serializers.Serializer):
    block_id = serializers.CharField(max_length=64, help_text="The exercise block's `id`.")
    answer = ExerciseAnswerField()


class AttemptSerializer(LessonReferenceSerializer):
    revision = serializers.IntegerField(source="revision_id", read_only=True, allow_null=True)
    exercise = serializers.JSONField(read_only=True, help_text="The exercise as it was shown.")
    answer = ExerciseAnswerField(read_only=True)
    feedback = ExerciseFeedbackField(read_only=True)

    class Meta:
        model = ExerciseAttempt
        fields = [
            "id",
            "lesson",
            "translation_key",
            "lesson_title",
            "block_id",
            "block_type",
            "revision",
            "exercise",
            "answer",
            "status",
            "correct",
            "score",
            "explanation",
            "feedback",
            "is_first_attempt",
            "xp_awarded",
            "created_at",
        ]
        read_only_fields = fields


class AttemptSchema(OpenApiSerializerExtension):
    """The learner schema's `Attempt`: one schema per exercise type (`MultipleChoiceAttempt`,
    ...), told apart by `block_type`, each with that type's `exercise` (as shown),
    `answer` and `feedback` (the exercise classes' `public_schema`, `answer_schema` and
    `feedback_schema`). A new exercise type appears here by itself."""

    target_class = AttemptSerializer

    def map_serializer(self, auto_schema, direction):
        base = auto_schema._map_basic_serializer(self.target, direction)
        variants, mapping = [], {}
        for name, block in exercise_blocks().items():
            schema = copy.deepcopy(base)
            properties = schema["properties"]
            properties["block_type"] = {"type": "string", "enum": [name], "readOnly": True}
            properties["exercise"] = {
                **block.public_schema,
                "readOnly": True,
                "description": "The exercise as it was shown (its content API `value`).",
            }
            properties["answer"] = {**block.answer_schema, "readOnly": True}
            properties["feedback"] = nullable({**block.feedback_schema, "readOnly": True})
            schema["description"] = f"An attempt at a `{name}` exercise."
            component = ResolvedComponent(
                name=block_component_name(name).removesuffix("Block") + "Attempt",
                type=ResolvedComponent.SCHEMA,
                object=f"{name}-attempt",
                schema=schema,
            )
            auto_schema.registry.register_on_missing(component)
            variants.append(component.ref)
            mapping[name] = component.ref["$ref"]
        return {
            "oneOf": variants,
            "discriminator": {"propertyName": "block_type", "mapping": mapping},
        }


class AttemptFilterSerializer(serializers.Serializer):
    lesson = serializers.IntegerField(
        min_value=1, required=False, help_text="A lesson page id (any of its translations)."
    )


class BookmarkSerializer(LessonReferenceSerializer):
    class Meta:
        model = Bookmark
        fields = ["lesson", "translation_key", "lesson_title", "created_at"]
        read_only_fields = fields


class BookmarkCreateSerializer(serializers.Serializer):
    lesson = serializers.IntegerField(min_value=1, help_text="The lesson page id.")


class LikeSerializer(serializers.Serializer):
    liked = serializers.BooleanField()
    like_count = serializers.IntegerField(help_text="Likes of the lesson in all its languages.")


class XPRulesSerializer(serializers.Serializer):
    first_try_correct = serializers.IntegerField(default=XP_FIRST_TRY_CORRECT)
    lesson_completed = serializers.IntegerField(default=XP_LESSON_COMPLETED)


class StatsSerializer(serializers.Serializer):
    xp = serializers.IntegerField()
    lessons_completed = serializers.IntegerField()
    exercises_correct_first_try = serializers.IntegerField()
    current_streak = serializers.IntegerField(help_text="Days in a row, ending today or yesterday.")
    longest_streak = serializers.IntegerField()
    last_active_date = serializers.DateField(allow_null=True)
    today = serializers.DateField(help_text="Today in the learner's time zone.")
    timezone = serializers.CharField()
    xp_rules = serializers.SerializerMethodField()

    @extend_schema_field(XPRulesSerializer)
    def get_xp_rules(self, _stats) -> dict:
        return {"first_try_correct": XP_FIRST_TRY_CORRECT, "lesson_completed": XP_LESSON_COMPLETED}


# --- Comments -------------------------------------------------------------------------------


class CommentReplySerializer(serializers.ModelSerializer):
    lesson = serializers.IntegerField(source="lesson_id", read_only=True)
    parent = serializers.IntegerField(source="parent_id", read_only=True, allow_null=True)
    author = MemberPublicSerializer(read_only=True)
    hidden = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = ["id", "lesson", "parent", "author", "text", "created_at", "edited_at", "hidden"]
        read_only_fields = fields

    def get_hidden(self, comment: Comment) -> bool:
        return comment.status == Comment.Status.HIDDEN


class CommentSerializer(CommentReplySerializer):
    """A comment with its reply count and newest replies (all replies: `?parent=<id>`)."""

    reply_count = serializers.SerializerMethodField()
    replies = serializers.SerializerMethodField()

    class Meta(CommentReplySerializer.Meta):
        fields = [*CommentReplySerializer.Meta.fields, "reply_count", "replies"]
        read_only_fields = fields

    def get_reply_count(self, comment: Comment) -> int:
        return getattr(comment, "reply_count", 0)

    @extend_schema_field(CommentReplySerializer(many=True))
    def get_replies(self, comment: Comment) -> list:
        replies = getattr(comment, "newest_replies", [])
        return CommentReplySerializer(replies, many=True, context=self.context).data


class CommentCreateSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=COMMENT_MAX_LENGTH, help_text="Plain text.")
    parent = serializers.IntegerField(
        required=False, allow_null=True, help_text="The comment this one replies to."
    )


class CommentUpdateSerializer(serializers.Serializer):
    text = serializers.CharField(
        max_length=COMMENT_MAX_LENGTH, required=False, help_text="The author's new text."
    )
    hidden = serializers.BooleanField(
        required=False, help_text="Teachers and admins: hide the comment or show it again."
    )

    def validate(self, attrs):
        if not attrs:
            raise serializers.ValidationError("Send `text` (author) or `hidden` (moderators).")
        return attrs


class CommentListFilterSerializer(serializers.Serializer):
    parent = serializers.IntegerField(
        min_value=1, required=False, help_text="List the replies to this comment instead."
    )


class CommentReportSerializer(serializers.ModelSerializer):
    reason = serializers.ChoiceField(
        choices=CommentReport.Reason.choices, default=CommentReport.Reason.OTHER
    )
    note = serializers.CharField(
        max_length=REPORT_NOTE_MAX_LENGTH, required=False, allow_blank=True, default=""
    )

    class Meta:
        model = CommentReport
        fields = ["id", "comment", "reason", "note", "created_at"]
        read_only_fields = ["id", "comment", "created_at"]


# --- Voice recordings -----------------------------------------------------------------------


class RecordingSerializer(serializers.ModelSerializer):
    """A recording with a URL to play it, valid until `url_expires_at` (a few minutes)."""

    duration = serializers.SerializerMethodField(help_text="Seconds.")
    url = serializers.SerializerMethodField(help_text="Short-lived; fetch the recording again.")
    url_expires_at = serializers.SerializerMethodField()

    class Meta:
        model = Recording
        fields = ["id", "duration", "content_type", "size", "created_at", "url", "url_expires_at"]
        read_only_fields = fields

    def _url(self, recording: Recording):
        cache = self.context.setdefault("recording_urls", {})
        if recording.pk not in cache:
            cache[recording.pk] = recording_url(recording, request=self.context.get("request"))
        return cache[recording.pk]

    def get_duration(self, recording: Recording) -> float:
        return round(recording.duration, 2)

    @extend_schema_field({"type": "string", "format": "uri"})
    def get_url(self, recording: Recording) -> str:
        return self._url(recording).url

    @extend_schema_field(serializers.DateTimeField())
    def get_url_expires_at(self, recording: Recording) -> str:
        return serializers.DateTimeField().to_representation(self._url(recording).expires_at)


class RecordingUploadSerializer(serializers.Serializer):
    audio = serializers.FileField(
        allow_empty_file=False,
        help_text="AAC/M4A, WebM, Ogg, MP3 or WAV; at most 10 MB and 120 seconds.",
    )

    def validate_audio(self, upload):
        # The real check: the bytes are decoded (lessons.recordings); its message is the field's.
        return audio_check(upload)
