from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from core.editing import AppPageViewSet
from lessons.models.learning import Comment, ExerciseAttempt
from lessons.models.pages import CategoryPage, LessonPage, SubcategoryPage
from lessons.views_admin import (
    ReportedCommentViewSet,
    VoiceReviewViewSet,
    comment_permission_policy,
    voice_review_permission_policy,
)

register_permission_policy(Comment, comment_permission_policy, exact_class=True)
register_permission_policy(ExerciseAttempt, voice_review_permission_policy, exact_class=True)


@hooks.register("register_admin_viewset")
def register_reported_comment_viewset():
    return ReportedCommentViewSet("reported_comments")


@hooks.register("register_admin_viewset")
def register_voice_review_viewset():
    return VoiceReviewViewSet("voice_answers")


@hooks.register("insert_global_admin_css")
def lesson_editor_css():
    return format_html('<link rel="stylesheet" href="{}">', static("lessons/editor.css"))


@hooks.register("register_admin_viewset")
def register_page_viewsets():
    # New pages are created by an explicit save only, one at a time (core.editing).
    return [
        AppPageViewSet(f"{model._meta.model_name}_pages", model=model)
        for model in (CategoryPage, SubcategoryPage, LessonPage)
    ]
