"""Wagtail admin forms for members: profile and role are edited with the account.

The role is changed here, and only here, by admins; `member_role_set` keeps groups in step.
Roles are the only groups an admin can give: the forms have no groups (nor superuser) field,
so no other group (one that could skip the "Lesson review" workflow) can be ticked.
"""

import zoneinfo

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

from members.models import Profile, Role
from members.roles import member_role_set

PROFILE_FIELDS = ("language_preference", "timezone", "bio", "phone", "date_of_birth")


class MemberProfileFormMixin(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        initial=Role.STUDENT,
        help_text=_("Decides the member's rights; the matching group is set automatically."),
    )
    language_preference = forms.ChoiceField(
        label=_("Language"), choices=settings.LANGUAGES, initial="en"
    )
    timezone = forms.ChoiceField(
        label=_("Time zone"),
        choices=[(name, name) for name in sorted(zoneinfo.available_timezones())],
        initial="UTC",
    )
    bio = forms.CharField(label=_("Bio"), widget=forms.Textarea, max_length=1000, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Superuser status and groups follow from the role; editing them apart would let them
        # disagree, and any other group could carry rights no role has.
        self.fields.pop("is_superuser", None)
        self.fields.pop("groups", None)
        profile = Profile.objects.filter(user_id=self.instance.pk).first()
        if profile is not None:
            self.fields["role"].initial = profile.role
            for name in PROFILE_FIELDS:
                self.fields[name].initial = getattr(profile, name)

    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            profile = member_role_set(user=user, role=self.cleaned_data["role"])
            for name in PROFILE_FIELDS:
                setattr(profile, name, self.cleaned_data[name])
            profile.save(update_fields=[*PROFILE_FIELDS, "updated_at"])
        return user


class MemberCreationForm(MemberProfileFormMixin, UserCreationForm):
    pass


class MemberEditForm(MemberProfileFormMixin, UserEditForm):
    pass
