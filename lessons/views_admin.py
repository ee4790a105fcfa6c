"""Wagtail admin: "Reported comments", where teachers and admins moderate learners' comments.

The listing shows every comment that was ever reported, those with open reports first. From a
row a moderator hides a comment (it vanishes from the API, with its replies, and its reports
are closed), shows it again, dismisses the reports of a harmless one, or deletes it. Access
follows the comment permissions, which the Teachers and Admins groups hold (see the
migration `lessons.0003_comment_moderation_permissions`).
"""

from django import forms
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import EditView, IndexView, InspectView
from wagtail.admin.views.generic.base import BaseOperationView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permission_policies import ModelPermissionPolicy

from lessons import services
from lessons.models.learning import Comment


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
