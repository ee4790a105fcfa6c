"""Roles and the groups behind them.

A member's role lives on the profile and, for the permission system, as membership of exactly
one role group. `member_role_set` is the only place that changes either, so they never disagree.
"""

import logging

from django.contrib.auth.models import Group
from django.db import transaction

from members.models import Profile, Role, User

logger = logging.getLogger(__name__)

ROLE_GROUPS: dict[str, str] = {
    Role.STUDENT: "Students",
    Role.TEACHER: "Teachers",
    Role.CONTENT_CREATOR: "Content creators",
    Role.INSTITUTION: "Institutions",
    Role.HOMESTAY: "Homestays",
    Role.ADMIN: "Admins",
}
# Roles that moderate learner content (comments) and approve lesson changes.
MODERATOR_ROLES = frozenset({Role.TEACHER, Role.ADMIN})


def role_group(role: str) -> Group:
    group, _ = Group.objects.get_or_create(name=ROLE_GROUPS[role])
    return group


@transaction.atomic
def member_role_set(*, user: User, role: str, changed_by: User | None = None) -> Profile:
    """Give `user` the role `role`: profile, role group and staff flags change together."""
    if role not in ROLE_GROUPS:
        raise ValueError(f"Unknown role {role!r}")
    profile, _ = Profile.objects.select_for_update().get_or_create(user=user)
    previous = profile.role
    profile.role = role
    profile.save(update_fields=["role", "updated_at"])

    other_groups = Group.objects.filter(name__in=ROLE_GROUPS.values()).exclude(
        name=ROLE_GROUPS[role]
    )
    user.groups.remove(*other_groups)
    user.groups.add(role_group(role))

    # Admins manage the whole site, Django admin included; no other role is staff.
    is_admin = role == Role.ADMIN
    if user.is_staff != is_admin or user.is_superuser != is_admin:
        user.is_staff = user.is_superuser = is_admin
        user.save(update_fields=["is_staff", "is_superuser"])
    if role != previous:
        logger.info("role of user %s: %s → %s (by %s)", user.pk, previous, role, changed_by)
    return profile
