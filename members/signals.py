"""Receivers that keep members' derived data in step: profiles, roles and token revocation;
and the signals members send for other apps to act on.

`member_deactivated(sender=User, user=...)` is sent by `members.services.member_deactivate`
inside its transaction, so that apps erase what they keep about the member (lessons: voice
recordings) without members importing them. A receiver that fails rolls the closing back.
"""

from allauth.account.signals import password_changed, password_reset
from django.db.models.signals import post_save
from django.dispatch import Signal, receiver
from django.utils import translation

from core.locales import content_language_codes
from members.models import Profile, Role, User
from members.roles import member_role_set
from members.tokens import SESSION_DATA_KEY, sign_in_sessions_end_for_user

member_deactivated = Signal()


@receiver(post_save, sender=User, dispatch_uid="members_profile_for_new_user")
def profile_for_new_user(sender, instance: User, created: bool, raw: bool = False, **kwargs):
    if created and not raw and not Profile.objects.filter(user=instance).exists():
        profile = member_role_set(
            user=instance, role=Role.ADMIN if instance.is_superuser else Role.STUDENT
        )
        # A new member reads Toto in the language they signed up in (the request's
        # Accept-Language), the verification mail included, until they choose another.
        language = translation.get_language()
        if language in content_language_codes() and language != profile.language_preference:
            profile.language_preference = language
            profile.save(update_fields=["language_preference"])


@receiver(password_changed, dispatch_uid="members_revoke_on_password_change")
def revoke_other_sessions_on_password_change(sender, request, user, **kwargs):
    # The session key was just cycled by Django; the sign-in session id in its data was not.
    session = getattr(request, "session", None)
    keep_sid = session.get(SESSION_DATA_KEY) if session is not None else None
    sign_in_sessions_end_for_user(user=user, keep_sid=keep_sid)


@receiver(password_reset, dispatch_uid="members_revoke_on_password_reset")
def revoke_all_on_password_reset(sender, request, user, **kwargs):
    sign_in_sessions_end_for_user(user=user)
