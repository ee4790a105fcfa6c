"""Receivers that keep members' derived data in step: profiles, roles and token revocation."""

from allauth.account.signals import password_changed, password_reset
from django.db.models.signals import post_save
from django.dispatch import receiver

from members.models import Profile, Role, User
from members.roles import member_role_set
from members.tokens import tokens_revoke_for_user


@receiver(post_save, sender=User, dispatch_uid="members_profile_for_new_user")
def profile_for_new_user(sender, instance: User, created: bool, raw: bool = False, **kwargs):
    if created and not raw and not Profile.objects.filter(user=instance).exists():
        member_role_set(user=instance, role=Role.ADMIN if instance.is_superuser else Role.STUDENT)


@receiver(password_changed, dispatch_uid="members_revoke_on_password_change")
def revoke_other_sessions_on_password_change(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    tokens_revoke_for_user(user=user, keep_session_key=session.session_key if session else None)


@receiver(password_reset, dispatch_uid="members_revoke_on_password_reset")
def revoke_all_on_password_reset(sender, request, user, **kwargs):
    tokens_revoke_for_user(user=user)
