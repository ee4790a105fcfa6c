"""The learner API of lessons under /api/v1/ (paths as docs/learner-api.md documents them)."""

from django.urls import path

from lessons import views

app_name = "lessons"
urlpatterns = [
    path("me/progress/", views.ProgressListView.as_view(), name="me-progress"),
    path("me/attempts/", views.AttemptListView.as_view(), name="me-attempts"),
    path("me/bookmarks/", views.BookmarkListView.as_view(), name="me-bookmarks"),
    path(
        "me/bookmarks/<int:page_id>/",
        views.BookmarkDetailView.as_view(),
        name="me-bookmark",
    ),
    path("me/stats/", views.StatsView.as_view(), name="me-stats"),
    path("me/recordings/", views.RecordingListView.as_view(), name="me-recordings"),
    path(
        "me/recordings/<int:recording_id>/",
        views.RecordingDetailView.as_view(),
        name="me-recording",
    ),
    # Local storage only: the signed, short-lived link a recording is played from.
    path("recordings/play/<str:token>/", views.recording_file, name="recording-file"),
    path(
        "lessons/<int:page_id>/progress/",
        views.LessonProgressView.as_view(),
        name="lesson-progress",
    ),
    path(
        "lessons/<int:page_id>/attempts/",
        views.AttemptCreateView.as_view(),
        name="lesson-attempts",
    ),
    path("lessons/<int:page_id>/like/", views.LessonLikeView.as_view(), name="lesson-like"),
    path(
        "lessons/<int:page_id>/comments/",
        views.CommentListView.as_view(),
        name="lesson-comments",
    ),
    path("comments/<int:comment_id>/", views.CommentDetailView.as_view(), name="comment"),
    path(
        "comments/<int:comment_id>/report/",
        views.CommentReportView.as_view(),
        name="comment-report",
    ),
]
