"""The learner API under /api/v1/: progress, attempts, bookmarks, stats, likes, comments and
voice recordings.

Views stay thin: they validate the request, find the lesson the member may see (live, and
passing its view restrictions, as in the content API), call one service or selector and
serialize the answer. Every list is paginated (limit/offset).
"""

import re

from django.http import FileResponse, Http404, HttpResponse
from django.views.decorators.http import require_safe
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from core.exceptions import query_params_clean
from core.throttling import WriteThrottle
from lessons import selectors, services
from lessons.learner_serializers import (
    AttemptCreateSerializer,
    AttemptFilterSerializer,
    AttemptSerializer,
    BookmarkCreateSerializer,
    BookmarkSerializer,
    CommentCreateSerializer,
    CommentListFilterSerializer,
    CommentReplySerializer,
    CommentReportSerializer,
    CommentSerializer,
    CommentUpdateSerializer,
    LikeSerializer,
    ProgressSerializer,
    ProgressUpdateSerializer,
    RecordingSerializer,
    RecordingUploadSerializer,
    StatsSerializer,
)
from lessons.models.learning import Comment
from lessons.models.recordings import recordings_storage
from lessons.recordings import recording_from_token
from members.permissions import IsVerifiedMember, is_moderator

# --- Progress -------------------------------------------------------------------------------


class ProgressListView(ListAPIView):
    """The learner's progress, one row per lesson (with all its translations), latest first."""

    serializer_class = ProgressSerializer

    def get_queryset(self):
        return selectors.progress_list(learner=self.request.user)


class LessonProgressView(APIView):
    serializer_class = ProgressSerializer

    @extend_schema(responses=ProgressSerializer)
    def get(self, request, page_id: int):
        lesson = selectors.lesson_visible_get(request=request, page_id=page_id)
        progress = selectors.progress_get(learner=request.user, lesson=lesson)
        if progress is None:
            raise Http404("You have not started this lesson.")
        return Response(ProgressSerializer(progress).data)

    @extend_schema(request=ProgressUpdateSerializer, responses=ProgressSerializer)
    def put(self, request, page_id: int):
        """Save where the learner is; idempotent, and a lesson is completed (and counted) once."""
        serializer = ProgressUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        lesson = selectors.lesson_visible_get(request=request, page_id=page_id)
        progress = services.lesson_progress_update(
            learner=request.user, lesson=lesson, **serializer.validated_data
        )
        return Response(ProgressSerializer(progress).data)


# --- Exercise attempts ----------------------------------------------------------------------


class AttemptCreateView(APIView):
    serializer_class = AttemptSerializer

    @extend_schema(request=AttemptCreateSerializer, responses={201: AttemptSerializer})
    def post(self, request, page_id: int):
        """Answer an exercise of the lesson; it is graded on the server against the live lesson."""
        serializer = AttemptCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        lesson = selectors.lesson_visible_get(request=request, page_id=page_id)
        attempt = services.exercise_attempt_create(
            learner=request.user, lesson=lesson, **serializer.validated_data
        )
        return Response(AttemptSerializer(attempt).data, status=status.HTTP_201_CREATED)


class AttemptListView(ListAPIView):
    """The learner's own attempts, newest first; `?lesson=<page id>` for one lesson."""

    serializer_class = AttemptSerializer

    @extend_schema(parameters=[AttemptFilterSerializer])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        filters = query_params_clean(AttemptFilterSerializer, self.request)
        learner = self.request.user
        page_id = filters.get("lesson")
        if page_id is None:
            return selectors.attempt_list(learner=learner)
        translation_key = selectors.lesson_translation_key_of(page_id=page_id)
        if translation_key is None:
            return selectors.attempt_list(learner=learner).none()
        return selectors.attempt_list(learner=learner, lesson_translation_key=translation_key)


# --- Bookmarks, likes and stats -------------------------------------------------------------


class BookmarkListView(ListAPIView):
    """The learner's bookmarked lessons, newest first."""

    serializer_class = BookmarkSerializer

    def get_queryset(self):
        return selectors.bookmark_list(learner=self.request.user)

    @extend_schema(
        request=BookmarkCreateSerializer,
        responses={200: BookmarkSerializer, 201: BookmarkSerializer},
    )
    def post(self, request):
        """Bookmark a lesson (201); bookmarking it again changes nothing (200)."""
        serializer = BookmarkCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        lesson = selectors.lesson_visible_find(
            request=request, page_id=serializer.validated_data["lesson"]
        )
        if lesson is None:
            raise ValidationError({"lesson": ["No such lesson."]})
        bookmark, created = services.bookmark_add(learner=request.user, lesson=lesson)
        return Response(
            BookmarkSerializer(bookmark).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class BookmarkDetailView(APIView):
    @extend_schema(request=None, responses={204: None})
    def delete(self, request, page_id: int):
        """Remove the bookmark of a lesson (in any of its languages); idempotent."""
        translation_key = selectors.lesson_translation_key_of(page_id=page_id)
        if translation_key is None:
            raise Http404("No such lesson.")
        services.bookmark_remove(learner=request.user, lesson_translation_key=translation_key)
        return Response(status=status.HTTP_204_NO_CONTENT)


class StatsView(APIView):
    serializer_class = StatsSerializer

    @extend_schema(responses=StatsSerializer)
    def get(self, request):
        """XP, streaks (in the learner's time zone) and lessons completed; rules in the README."""
        return Response(StatsSerializer(selectors.learner_stats_get(learner=request.user)).data)


class LessonLikeView(APIView):
    """Like or unlike a lesson; both idempotent. Likes count for all languages of a lesson."""

    serializer_class = LikeSerializer

    def _summary(self, request, lesson, **kwargs) -> Response:
        summary = selectors.lesson_like_summary(learner=request.user, lesson=lesson)
        return Response(LikeSerializer(summary).data, **kwargs)

    @extend_schema(responses=LikeSerializer)
    def get(self, request, page_id: int):
        lesson = selectors.lesson_visible_get(request=request, page_id=page_id)
        return self._summary(request, lesson)

    @extend_schema(request=None, responses={200: LikeSerializer, 201: LikeSerializer})
    def post(self, request, page_id: int):
        lesson = selectors.lesson_visible_get(request=request, page_id=page_id)
        _like, created = services.lesson_like(learner=request.user, lesson=lesson)
        return self._summary(
            request, lesson, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )

    @extend_schema(request=None, responses=LikeSerializer)
    def delete(self, request, page_id: int):
        lesson = selectors.lesson_visible_get(request=request, page_id=page_id)
        services.lesson_unlike(learner=request.user, lesson=lesson)
        return self._summary(request, lesson)


# --- Comments -------------------------------------------------------------------------------


class CommentListView(ListAPIView):
    """A lesson's comments, newest first, each with its reply count and newest replies.

    `?parent=<comment id>` lists all replies to one comment instead. Only verified members
    write comments, and not too many of them.
    """

    serializer_class = CommentSerializer
    throttle_classes = [WriteThrottle]
    throttle_scope = "comments"

    def get_permissions(self):
        if self.request.method == "POST":
            return [IsAuthenticated(), IsVerifiedMember()]
        return super().get_permissions()

    def get_serializer_class(self):
        if "parent" in self.request.query_params:
            return CommentReplySerializer
        return CommentSerializer

    @extend_schema(
        parameters=[CommentListFilterSerializer],
        # Comments with their newest replies; with `?parent=`, the replies alone.
        responses=PolymorphicProxySerializer(
            component_name="CommentOrReply",
            serializers=[CommentSerializer, CommentReplySerializer],
            resource_type_field_name=None,
            many=True,
        ),
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        lesson = selectors.lesson_visible_get(request=self.request, page_id=self.kwargs["page_id"])
        parent_id = query_params_clean(CommentListFilterSerializer, self.request).get("parent")
        if parent_id is None:
            return selectors.comment_list(lesson=lesson)
        parent = selectors.comment_visible_get(comment_id=parent_id)
        if parent is None or parent.lesson_id != lesson.pk or parent.parent_id is not None:
            raise Http404("No such comment on this lesson.")
        return selectors.comment_reply_list(parent=parent)

    @extend_schema(request=CommentCreateSerializer, responses={201: CommentSerializer})
    def post(self, request, page_id: int):
        serializer = CommentCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        lesson = selectors.lesson_visible_get(request=request, page_id=page_id)
        comment = services.comment_create(
            author=request.user,
            lesson=lesson,
            text=serializer.validated_data["text"],
            parent_id=serializer.validated_data.get("parent"),
        )
        return Response(
            CommentSerializer(comment, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )


class CommentObjectMixin:
    def comment_get(self, request, comment_id: int) -> Comment:
        """The comment, if the member may see it: visible, on a lesson they may see.

        Moderators also reach hidden comments, to show them again.
        """
        moderator = is_moderator(request.user)
        comment = selectors.comment_get(comment_id=comment_id, include_hidden=moderator)
        if comment is None:
            raise Http404("No such comment.")
        if not moderator:
            selectors.lesson_visible_get(request=request, page_id=comment.lesson_id)
        return comment


class CommentDetailView(CommentObjectMixin, APIView):
    """One comment. Its author edits the text or deletes it; teachers and admins hide, show
    again or delete any comment."""

    serializer_class = CommentSerializer

    @extend_schema(responses=CommentReplySerializer)
    def get(self, request, comment_id: int):
        comment = self.comment_get(request, comment_id)
        return Response(CommentReplySerializer(comment, context={"request": request}).data)

    @extend_schema(request=CommentUpdateSerializer, responses=CommentReplySerializer)
    def patch(self, request, comment_id: int):
        comment = self.comment_get(request, comment_id)
        serializer = CommentUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        changes = serializer.validated_data
        if "text" in changes and comment.author_id != request.user.pk:
            raise PermissionDenied("Only the author edits a comment.")
        if "hidden" in changes and not is_moderator(request.user):
            raise PermissionDenied("Only teachers and admins moderate comments.")
        if "text" in changes:
            services.comment_update(comment=comment, text=changes["text"])
        if "hidden" in changes:
            services.comment_moderate(
                comment=comment, moderator=request.user, hidden=changes["hidden"]
            )
        return Response(CommentReplySerializer(comment, context={"request": request}).data)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, comment_id: int):
        comment = self.comment_get(request, comment_id)
        if comment.author_id != request.user.pk and not is_moderator(request.user):
            raise PermissionDenied("Only the author or a moderator deletes a comment.")
        services.comment_delete(comment=comment, deleted_by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CommentReportView(CommentObjectMixin, APIView):
    serializer_class = CommentReportSerializer
    throttle_classes = [WriteThrottle]
    throttle_scope = "comment_reports"

    @extend_schema(
        request=CommentReportSerializer,
        responses={200: CommentReportSerializer, 201: CommentReportSerializer},
    )
    def post(self, request, comment_id: int):
        """Flag a comment for the moderators (201); reporting it again changes nothing (200)."""
        serializer = CommentReportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = self.comment_get(request, comment_id)
        outcome = services.comment_report(
            comment=comment, reporter=request.user, **serializer.validated_data
        )
        return Response(
            CommentReportSerializer(outcome.report).data,
            status=status.HTTP_201_CREATED if outcome.created else status.HTTP_200_OK,
        )


# --- Voice recordings -----------------------------------------------------------------------


class RecordingListView(ListAPIView):
    """The learner's voice recordings, newest first; POST uploads one (multipart, `audio`).

    Each comes with a short-lived URL to play it. Upload one, then name its `id` in a
    voice-response attempt.
    """

    serializer_class = RecordingSerializer
    parser_classes = [MultiPartParser, FormParser]
    throttle_classes = [WriteThrottle]
    throttle_scope = "recordings"

    def get_queryset(self):
        return selectors.recording_list(learner=self.request.user)

    @extend_schema(
        request={"multipart/form-data": RecordingUploadSerializer},
        responses={201: RecordingSerializer},
    )
    def post(self, request):
        serializer = RecordingUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        recording = services.recording_create(
            learner=request.user, audio=serializer.validated_data["audio"]
        )
        return Response(
            RecordingSerializer(recording, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )


class RecordingDetailView(APIView):
    """One of the learner's recordings (another member's is "not found")."""

    serializer_class = RecordingSerializer

    def _recording(self, request, recording_id: int):
        recording = selectors.recording_get(learner=request.user, recording_id=recording_id)
        if recording is None:
            raise Http404("No such recording.")
        return recording

    @extend_schema(responses=RecordingSerializer)
    def get(self, request, recording_id: int):
        recording = self._recording(request, recording_id)
        return Response(RecordingSerializer(recording, context={"request": request}).data)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, recording_id: int):
        services.recording_delete(recording=self._recording(request, recording_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


@require_safe
def recording_file(request, token: str) -> HttpResponse:
    """Play a recording from local storage, for whoever holds an unexpired signed link.

    Only used without S3 (on S3 the URL is S3's own presigned URL). The link is the credential,
    as S3's signature is: audio players cannot send an Authorization header. One byte range is
    honoured (206), as Safari's and iOS's players require.
    """
    recording = recording_from_token(token)
    if recording is None:
        raise Http404("This link has expired or the recording is gone.")
    storage = recordings_storage()
    size = storage.size(recording.file.name)
    start, end = 0, size - 1
    match = _RANGE.match(request.headers.get("Range", ""))
    partial = match is not None and any(match.groups())
    if partial:
        first, last = match.groups()
        if first:
            start, end = int(first), min(int(last), size - 1) if last else size - 1
        else:  # "bytes=-N": the last N bytes
            start = max(size - int(last), 0)
        if start > end or start >= size:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
    handle = storage.open(recording.file.name, "rb")
    if partial:
        handle.seek(start)
        response = HttpResponse(handle.read(end - start + 1), status=206)
        handle.close()
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    else:
        response = FileResponse(handle)
        response["Content-Length"] = str(size)
    response["Content-Type"] = recording.content_type
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = "inline"
    return response
