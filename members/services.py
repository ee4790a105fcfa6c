"""Changes to members: every write of the members API goes through one of these."""

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from members.avatars import avatar_remove
from members.models import Profile, RoleRequest, User
from members.roles import member_role_set
from members.signals import member_deactivated
from members.tokens import sign_in_sessions_end_for_user


@transaction.atomic
def member_update(*, user: User, profile: dict | None = None, **user_fields) -> User:
    for name, value in user_fields.items():
        setattr(user, name, value)
    if user_fields:
        user.save(update_fields=list(user_fields))
    if profile:
        member_profile = Profile.objects.select_for_update().get(user=user)
        for name, value in profile.items():
            setattr(member_profile, name, value)
        member_profile.save(update_fields=[*profile, "updated_at"])
        user.profile = member_profile
    return user


def role_request_create(*, user: User, role: str, note: str = "") -> RoleRequest:
    if user.profile.role == role:
        raise ValidationError({"role": f"You already have the role {role}."})
    try:
        with transaction.atomic():
            return RoleRequest.objects.create(user=user, role=role, note=note)
    except IntegrityError:
        raise ValidationError(
            {"role": "You already have a pending role request; wait for an answer."}
        ) from None


@transaction.atomic
def role_request_decide(
    *, role_request: RoleRequest, granted: bool, decided_by: User
) -> RoleRequest:
    """An admin's answer to a role request: granting gives the role at once."""
    role_request = RoleRequest.objects.select_for_update().get(pk=role_request.pk)
    if role_request.status != RoleRequest.Status.PENDING:
        raise ValidationError({"status": "This request was already answered."})
    role_request.status = RoleRequest.Status.GRANTED if granted else RoleRequest.Status.REFUSED
    role_request.decided_by = decided_by
    role_request.decided_at = timezone.now()
    role_request.save(update_fields=["status", "decided_by", "decided_at"])
    if granted:
        member_role_set(user=role_request.user, role=role_request.role, changed_by=decided_by)
    return role_request


@transaction.atomic
def member_deactivate(*, user: User) -> None:
    """Close an account: sign out everywhere and erase personal data, keeping the row inert.

    The row stays so that what the member did (progress, comments) keeps a valid owner, but
    nothing in it identifies a person any more. Other apps erase their own personal data on
    the `member_deactivated` signal (lessons: voice recordings and their files).
    """
    sign_in_sessions_end_for_user(user=user)
    profile = Profile.objects.select_for_update().get(user=user)
    avatar_remove(profile=profile)
    Profile.objects.filter(pk=profile.pk).update(
        bio="", phone="", date_of_birth=None, notification_preferences={}, timezone="UTC"
    )
    EmailAddress.objects.filter(user=user).delete()
    SocialAccount.objects.filter(user=user).delete()
    member_deactivated.send(sender=User, user=user)
    user.email = f"deleted-{user.pk}@deleted.invalid"
    user.first_name = user.last_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
