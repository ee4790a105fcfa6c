"""Wagtail admin views for members: the user list with roles, and role requests."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from members.forms import MemberCreationForm, MemberEditForm
from members.models import RoleRequest
from members.services import role_request_decide


class UserViewSet(WagtailUserViewSet):
    template_prefix = "members/admin/users/"

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


class RoleRequestEditView(EditView):
    def save_instance(self):
        return role_request_decide(
            role_request=self.object,
            granted=self.form.cleaned_data["status"] == RoleRequest.Status.GRANTED,
            decided_by=self.request.user,
        )


class RoleRequestIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "decided_by")


class RoleRequestViewSet(ModelViewSet):
    model = RoleRequest
    icon = "user"
    menu_label = _("Role requests")
    add_to_admin_menu = True
    menu_order = 250
    index_view_class = RoleRequestIndexView
    edit_view_class = RoleRequestEditView
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
