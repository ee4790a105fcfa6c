"""DRF permission classes for Toto's roles.

The role is read from the database on every request (through the member's profile); a token
claim is never trusted for it.
"""

from rest_framework.permissions import BasePermission

from members.roles import MODERATOR_ROLES


def member_role(user) -> str | None:
    if not (user and user.is_authenticated and user.is_active):
        return None
    profile = getattr(user, "profile", None)
    return profile.role if profile else None


def is_moderator(user) -> bool:
    """Teachers and admins moderate learner content (comments)."""
    return member_role(user) in MODERATOR_ROLES


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


class IsVerifiedMember(BasePermission):
    message = "Confirm your email address first."
    code = "email_not_verified"

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated and request.user.is_verified)
