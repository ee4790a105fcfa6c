"""Wagtail admin views for members: the user list with roles, and role requests."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import EditView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.users.views.bulk_actions.assign_role import AssignRoleBulkAction
from wagtail.users.views.users import IndexView as WagtailUserIndexView
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from members.forms import MemberCreationForm, MemberEditForm
from members.models import Role, RoleRequest
from members.roles import member_role_set
from members.services import role_request_decide


def member_role_label(user) -> str:
    profile = getattr(user, "profile", None)
    return Role(profile.role).label if profile is not None else ""


class MemberIndexView(WagtailUserIndexView):
    """Wagtail's user list with each member's role in place of its "Access level" (superuser
    status follows from the Admin role)."""

    @cached_property
    def columns(self):
        columns = [column for column in super().columns if column.name != "is_superuser"]
        role = Column(
            "role",
            accessor=member_role_label,
            label=_("Role"),
            sort_key="profile__role",
            classname="role",
            width="15%",
        )
        username_at = next(
            index
            for index, column in enumerate(columns)
            if column.name == self.model.USERNAME_FIELD
        )
        columns.insert(username_at + 1, role)
        return columns

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("profile")


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class MemberRoleBulkAction(AssignRoleBulkAction):
    """Wagtail's "Assign role" on selected users, with Toto's roles: each member's role (and
    with it their one role group and staff flags) changes through `member_role_set`. Wagtail's
    own action added users to any group, beside their role."""

    form_class = MemberRoleForm

    def get_execution_context(self):
        return {"role": self.cleaned_form.cleaned_data["role"], "changed_by": self.request.user}

    @classmethod
    def execute_action(cls, objects, role=None, changed_by=None, **kwargs):
        for member in objects:
            member_role_set(user=member, role=role, changed_by=changed_by)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return _("%(count)d member(s) now have the role %(role)s.") % {
            "count": num_parent_objects,
            "role": Role(self.cleaned_form.cleaned_data["role"]).label,
        }


class UserViewSet(WagtailUserViewSet):
    template_prefix = "members/admin/users/"
    index_view_class = MemberIndexView

    def get_form_class(self, for_update=False):
        return MemberEditForm if for_update else MemberCreationForm


class RoleRequestDecisionForm(forms.ModelForm):
    status = forms.ChoiceField(
        choices=[
            (RoleRequest.Status.GRANTED, _("Grant: give the member this role")),
            (RoleRequest.Status.REFUSED, _("Refuse")),
        ],
        widget=forms.RadioSelect,
    )

    class Meta:
        model = RoleRequest
        fields = ["status"]


def role_request_is_open(role_request: RoleRequest) -> bool:
    return role_request.status == RoleRequest.Status.PENDING


class RoleRequestEditView(EditView):
    """Deciding a request. A decided one is read-only: its page sends to the inspect view."""

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not role_request_is_open(self.object):
            messages.info(
                request,
                _("This request was already decided (%(status)s); it can no longer be changed.")
                % {"status": self.object.get_status_display().lower()},
            )
            return redirect(self.get_inspect_url() or self.index_url_name)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        # Two admins deciding at once: the second learns it was decided, never a 500.
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error.messages)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)

    def save_instance(self):
        return role_request_decide(
            role_request=self.object,
            granted=self.form.cleaned_data["status"] == RoleRequest.Status.GRANTED,
            decided_by=self.request.user,
        )


class RoleRequestIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "decided_by")

    def get_edit_url(self, instance):
        return super().get_edit_url(instance) if role_request_is_open(instance) else None


class RoleRequestInspectView(InspectView):
    def get_edit_url(self):
        return super().get_edit_url() if role_request_is_open(self.object) else None


class RoleRequestViewSet(ModelViewSet):
    model = RoleRequest
    icon = "user"
    menu_label = _("Role requests")
    add_to_admin_menu = True
    menu_order = 250
    index_view_class = RoleRequestIndexView
    edit_view_class = RoleRequestEditView
    inspect_view_class = RoleRequestInspectView
    list_display = ["user", "role", "status", "created_at", "decided_by"]
    list_filter = ["status", "role"]
    search_fields = ["user__email", "note"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "user",
        "role",
        "note",
        "status",
        "created_at",
        "decided_at",
        "decided_by",
    ]

    def get_form_class(self, for_update=False):
        if for_update:
            return RoleRequestDecisionForm
        # Admins may record a request on a member's behalf; deciding it is a separate step.
        return forms.modelform_factory(RoleRequest, fields=["user", "role", "note"])
