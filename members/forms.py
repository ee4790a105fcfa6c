"""Wagtail admin forms for members: the role is edited here, and only here, by admins."""

from django import forms
from wagtail.users.forms import UserCreationForm, UserEditForm

from members.models import Role
from members.roles import ROLE_GROUPS, member_role_set


class RoleFormMixin(forms.Form):
    role = forms.ChoiceField(
        choices=Role.choices,
        initial=Role.STUDENT,
        help_text="Decides the member's rights; the matching group is set automatically.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Superuser status and role groups follow from the role; editing them apart would let
        # them disagree.
        self.fields.pop("is_superuser", None)
        if "groups" in self.fields:
            self.fields["groups"].queryset = self.fields["groups"].queryset.exclude(
                name__in=ROLE_GROUPS.values()
            )
            self.fields["groups"].required = False
        profile = getattr(self.instance, "profile", None) if self.instance.pk else None
        if profile is not None:
            self.fields["role"].initial = profile.role

    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            member_role_set(user=user, role=self.cleaned_data["role"])
        return user


class MemberCreationForm(RoleFormMixin, UserCreationForm):
    pass


class MemberEditForm(RoleFormMixin, UserEditForm):
    pass
