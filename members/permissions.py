"""DRF permission classes for Toto's roles.

The role is read from the database on every request (through the member's profile); a token
claim is never trusted for it.
"""

from rest_framework.permissions import BasePermission

from members.models import Role
from members.roles import MODERATOR_ROLES


def member_role(user) -> str | None:
    if not (user and user.is_authenticated and user.is_active):
        return None
    profile = getattr(user, "profile", None)
    return profile.role if profile else None


class HasRole(BasePermission):
    """Allows members whose role is in `roles`. Use `HasRole.for_roles(...)` to make one."""

    roles: frozenset[str] = frozenset()
    message = "Your role does not allow this."

    @classmethod
    def for_roles(cls, *roles: str) -> type["HasRole"]:
        return type(
            f"Has{''.join(r.title() for r in roles)}Role", (cls,), {"roles": frozenset(roles)}
        )

    def has_permission(self, request, view) -> bool:
        return member_role(request.user) in self.roles


class IsModerator(HasRole):
    roles = MODERATOR_ROLES
    message = "Only teachers and admins moderate."


IsTeacher = HasRole.for_roles(Role.TEACHER, Role.ADMIN)
IsInstitution = HasRole.for_roles(Role.INSTITUTION, Role.ADMIN)
IsHomestay = HasRole.for_roles(Role.HOMESTAY, Role.ADMIN)
IsAdminRole = HasRole.for_roles(Role.ADMIN)


class IsVerifiedMember(BasePermission):
    message = "Confirm your email address first."

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated and request.user.is_verified)
