"""The follow graph: members following members. Writes and reads, as plain functions."""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404

from members.models import Follow, User


def member_public_get(*, member_id: int) -> User:
    """An active member others may see and follow."""
    member = User.objects.filter(pk=member_id, is_active=True).first()
    if member is None:
        raise Http404("No such member.")
    return member


def follow_create(*, follower: User, followed: User) -> tuple[Follow, bool]:
    """Follow a member; following them again changes nothing."""
    if follower.pk == followed.pk:
        raise ValidationError("You cannot follow yourself.", code="cannot_follow_self")
    # A concurrent identical request loses the race on the unique constraint and reads the row.
    return Follow.objects.get_or_create(follower=follower, followed=followed)


def follow_delete(*, follower: User, followed: User) -> bool:
    deleted, _ = Follow.objects.filter(follower=follower, followed=followed).delete()
    return bool(deleted)


def follow_get(*, follower: User, followed: User) -> Follow | None:
    return Follow.objects.filter(follower=follower, followed=followed).first()


def follower_list(*, member: User) -> QuerySet[Follow]:
    """Who follows `member`, newest first (active members only)."""
    return (
        Follow.objects.filter(followed=member, follower__is_active=True)
        .select_related("follower__profile")
        .order_by("-created_at", "-pk")
    )


def following_list(*, member: User) -> QuerySet[Follow]:
    """Whom `member` follows, newest first (active members only)."""
    return (
        Follow.objects.filter(follower=member, followed__is_active=True)
        .select_related("followed__profile")
        .order_by("-created_at", "-pk")
    )
