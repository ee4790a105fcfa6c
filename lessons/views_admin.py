"""Wagtail admin: "Reported comments", where teachers and admins moderate learners' comments,
and "Voice answers", where they review learners' spoken answers (below).

The listing shows every comment that was ever reported, those with open reports first. From a
row a moderator hides a comment (it vanishes from the API, with its replies, and its reports
are closed), shows it again, dismisses the reports of a harmless one, or deletes it. Access
follows the comment permissions, which the Teachers and Admins groups hold (see the
migration `lessons.0003_comment_moderation_permissions`).
"""

import django_filters
from django import forms
from django.db.models import Count, Max, Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import EditView, IndexView, InspectView
from wagtail.admin.views.generic.base import BaseOperationView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permission_policies import ModelPermissionPolicy

from lessons import services
from lessons.models.learning import Comment, ExerciseAttempt
from lessons.recordings import recording_url
from lessons.services import REVIEW_COMMENT_MAX_LENGTH
from members.public import member_display_name


class CommentPermissionPolicy(ModelPermissionPolicy):
    """Comments are written by members through the API, never created in the admin."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


comment_permission_policy = CommentPermissionPolicy(Comment)


def _reported_comments():
    return (
        Comment.objects.annotate(
            open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True)),
            all_reports=Count("reports"),
        )
        .filter(all_reports__gt=0)
        .select_related("author", "lesson")
    )


class ReportedCommentIndexView(IndexView):
    page_title = _("Reported comments")
    default_ordering = ["-open_reports", "-created_at"]

    def get_base_queryset(self):
        return _reported_comments()

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not self.user_has_permission("change"):
            return buttons
        for action, label, icon in moderation_actions(instance):
            url = reverse(f"{self.url_namespace}:{action}", args=[instance.pk])
            buttons.append(
                Button(
                    label,
                    icon_name=icon,
                    attrs={
                        "data-controller": "w-action",
                        "data-action": "w-action#post",
                        "data-w-action-url-value": url,
                    },
                    priority=5,
                )
            )
        return buttons

    url_namespace = None


def moderation_actions(comment: Comment) -> list[tuple[str, str, str]]:
    actions = []
    if comment.status == Comment.Status.VISIBLE:
        actions.append(("hide", _("Hide"), "view"))
    else:
        actions.append(("show", _("Show again"), "view"))
    if getattr(comment, "open_reports", 0):
        actions.append(("dismiss", _("Dismiss reports"), "check"))
    return actions


class CommentInspectView(InspectView):
    def get_field_label(self, field_name, field):
        if field_name == "reports":
            return _("Reports")
        return super().get_field_label(field_name, field)

    def get_reports_display_value(self):
        reports = self.object.reports.select_related("reporter").order_by("-created_at")
        if not reports:
            return "-"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{} · {} · {}{}</li>",
                (
                    (
                        report.created_at.strftime("%Y-%m-%d %H:%M"),
                        report.reporter,
                        report.get_reason_display(),
                        f" · “{report.note}”" if report.note else "",
                    )
                    for report in reports
                ),
            ),
        )


class CommentModerationForm(forms.ModelForm):
    status = forms.ChoiceField(choices=Comment.Status.choices, widget=forms.RadioSelect)

    class Meta:
        model = Comment
        fields = ["status"]


class CommentEditView(EditView):
    """Editing a comment means moderating it: members' words are never rewritten here."""

    def save_instance(self):
        return services.comment_moderate(
            comment=self.object,
            moderator=self.request.user,
            hidden=self.form.cleaned_data["status"] == Comment.Status.HIDDEN,
        )


class CommentModerationView(PermissionCheckedMixin, BaseOperationView):
    """POST-only: hide, show again, or dismiss the reports of one comment."""

    model = Comment
    permission_policy = None
    permission_required = "change"
    index_url_name = None
    action = None

    def perform_operation(self):
        user = self.request.user
        if self.action == "dismiss":
            services.comment_reports_dismiss(comment=self.object, moderator=user)
        else:
            services.comment_moderate(
                comment=self.object, moderator=user, hidden=self.action == "hide"
            )

    def get_success_message(self):
        return {
            "hide": _("Comment hidden; its reports are closed."),
            "show": _("Comment shown again."),
            "dismiss": _("Reports dismissed; the comment stays visible."),
        }[self.action]

    def get_success_url(self):
        return self.next_url or reverse(self.index_url_name)

    def get(self, request, *args, **kwargs):
        return redirect(self.get_success_url())


class ReportedCommentViewSet(ModelViewSet):
    model = Comment
    icon = "warning"
    menu_label = _("Reported comments")
    add_to_admin_menu = True
    menu_order = 260
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = ReportedCommentIndexView
    edit_view_class = CommentEditView
    inspect_view_class = CommentInspectView
    form_class = CommentModerationForm
    list_display = [
        "__str__",
        "author",
        Column("lesson", label=_("Lesson"), accessor="lesson"),
        Column("open_reports", label=_("Open reports"), sort_key="open_reports"),
        Column("all_reports", label=_("All reports"), sort_key="all_reports"),
        "status",
        "created_at",
    ]
    list_filter = ["status"]
    search_fields = ["text", "author__email"]
    inspect_view_fields = [
        "text",
        "author",
        "lesson",
        "parent",
        "status",
        "created_at",
        "edited_at",
        "moderated_at",
        "moderated_by",
        "reports",
    ]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(url_namespace=self.url_namespace, **kwargs)

    def get_form_class(self, for_update=False):
        return CommentModerationForm

    def moderation_view(self, action: str):
        return CommentModerationView.as_view(
            action=action,
            permission_policy=self.permission_policy,
            index_url_name=self.get_url_name("index"),
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("hide/<int:pk>/", self.moderation_view("hide"), name="hide"),
            path("show/<int:pk>/", self.moderation_view("show"), name="show"),
            path("dismiss/<int:pk>/", self.moderation_view("dismiss"), name="dismiss"),
        ]


# --- Voice answers to review ------------------------------------------------------------------
#
# "Voice answers" lists learners' answers to voice-response exercises, those waiting for a
# teacher first (oldest first, so nobody waits long), one lesson at a time if wanted. Opening
# one shows the exercise, the transcript and the recording in an <audio> player (a URL valid for
# a few minutes); the teacher gives a score from 0 to 1 and written feedback, which the learner
# then reads on the attempt (GET /api/v1/me/attempts/). A review can be changed; XP follows the
# latest one (lessons.services.voice_attempt_review). Teachers and admins hold the permission
# (migration lessons.0006); nobody reviews their own answers.

VOICE = "voice_response"


class VoiceReviewPermissionPolicy(ModelPermissionPolicy):
    """Reviewing is the only thing done here: answers are never added or deleted in the admin."""

    def user_has_permission(self, user, action):
        if action not in ("view", "change"):
            return False
        return bool(user.is_active and user.has_perm("lessons.review_exerciseattempt"))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


voice_review_permission_policy = VoiceReviewPermissionPolicy(ExerciseAttempt)


def _voice_attempts():
    return ExerciseAttempt.objects.filter(block_type=VOICE).select_related(
        "learner__profile", "recording", "reviewed_by"
    )


def _lesson_choices():
    """The lessons with voice answers waiting, with how many: the per-lesson queues."""
    pending = (
        ExerciseAttempt.objects.filter(
            block_type=VOICE,
            status=ExerciseAttempt.Status.AWAITING_REVIEW,
            learner__is_active=True,
        )
        .values("lesson_translation_key")
        .annotate(waiting=Count("pk"), title=Max("lesson_title"))
        .order_by("title")
    )
    return [
        (str(row["lesson_translation_key"]), f"{row['title']} ({row['waiting']} waiting)")
        for row in pending
    ]


class VoiceReviewFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[
            (ExerciseAttempt.Status.AWAITING_REVIEW, _("Waiting for review")),
            (ExerciseAttempt.Status.GRADED, _("Reviewed")),
        ],
        empty_label=_("All"),
    )
    lesson = django_filters.ChoiceFilter(
        label=_("Lesson"), field_name="lesson_translation_key", choices=_lesson_choices
    )

    class Meta:
        model = ExerciseAttempt
        fields = []


class VoiceReviewIndexView(IndexView):
    default_ordering = "created_at"
    page_title = _("Voice answers")

    def get_base_queryset(self):
        attempts = _voice_attempts()
        # The queue: unless a status is chosen, only answers waiting for a teacher, from
        # members who still have an account (a closed account's recordings are gone).
        if "status" not in self.request.GET:
            attempts = attempts.filter(
                status=ExerciseAttempt.Status.AWAITING_REVIEW, learner__is_active=True
            )
        return attempts


def _learner(attempt: ExerciseAttempt) -> str:
    return member_display_name(attempt.learner)


def _prompt(attempt: ExerciseAttempt) -> str:
    return Truncator((attempt.exercise or {}).get("prompt", "")).chars(80)


def _transcript(attempt: ExerciseAttempt) -> str:
    answer = attempt.answer if isinstance(attempt.answer, dict) else {}
    return Truncator(answer.get("transcript") or "—").chars(80)


def _recording(attempt: ExerciseAttempt) -> str:
    return f"{attempt.recording.duration:.1f} s" if attempt.recording else "—"


class VoiceReviewForm(WagtailAdminModelForm):
    # Not named after the model's fields: the model validates its own, these go to the service.
    review_score = forms.DecimalField(
        label=_("Score"),
        min_value=0,
        max_value=1,
        max_digits=5,
        decimal_places=4,
        widget=forms.NumberInput(attrs={"step": "0.05", "min": "0", "max": "1"}),
        help_text=_(
            "From 0 to 1. 1 means fully right: the learner then earns 10 XP if this was their "
            "first attempt at the exercise."
        ),
    )
    review_comment = forms.CharField(
        label=_("Written feedback"),
        required=False,
        max_length=REVIEW_COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The learner reads this with their answer."),
    )

    class Meta:
        model = ExerciseAttempt
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.status == ExerciseAttempt.Status.GRADED:
            self.fields["review_score"].initial = self.instance.score
            feedback = self.instance.feedback or {}
            self.fields["review_comment"].initial = feedback.get("comment", "")

    def clean(self):
        cleaned = super().clean()
        if self.for_user is not None and self.instance.learner_id == self.for_user.pk:
            raise forms.ValidationError(_("Nobody reviews their own answers."))
        return cleaned


class VoiceReviewEditView(EditView):
    template_name = "lessons/admin/voice_review_edit.html"
    page_title = _("Review")
    success_message = _("Review saved; the learner sees it with their answer.")

    def get_page_subtitle(self):
        return f"{self.object.lesson_title} · {member_display_name(self.object.learner)}"

    def save_instance(self):
        return services.voice_attempt_review(
            attempt=self.object,
            reviewer=self.request.user,
            score=float(self.form.cleaned_data["review_score"]),
            comment=self.form.cleaned_data["review_comment"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        attempt = self.object
        answer = attempt.answer if isinstance(attempt.answer, dict) else {}
        context.update(
            attempt=attempt,
            prompt=(attempt.exercise or {}).get("prompt", ""),
            expected_phrase=(attempt.exercise or {}).get("expected_phrase", ""),
            transcript=answer.get("transcript", ""),
            recording=attempt.recording,
            recording_url=(
                recording_url(attempt.recording, request=self.request).url
                if attempt.recording
                else None
            ),
            answered_without_recording=answer.get("recording") is None,
        )
        return context


class VoiceReviewViewSet(ModelViewSet):
    model = ExerciseAttempt
    icon = "media"
    menu_label = _("Voice answers")
    add_to_admin_menu = True
    menu_order = 250
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = VoiceReviewIndexView
    edit_view_class = VoiceReviewEditView
    form_class = VoiceReviewForm
    filterset_class = VoiceReviewFilterSet
    list_display = [
        "lesson_title",  # the first column links to the review
        Column("learner", label=_("Learner"), accessor=_learner),
        Column("prompt", label=_("Exercise"), accessor=_prompt),
        Column("transcript", label=_("Transcript"), accessor=_transcript),
        Column("recording", label=_("Recording"), accessor=_recording),
        Column("created_at", label=_("Answered"), sort_key="created_at"),
        "status",
        Column("score", label=_("Score")),
    ]

    def get_form_class(self, for_update=False):
        return VoiceReviewForm
