"""What any member may see of another: a name to show and an avatar, nothing private.

Used wherever members appear to each other (followers, comment authors). Email, phone, date
of birth and the rest of the profile never leave `me/`.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.text import plain_text
from members.models import User
from members.serializers import AvatarField


def member_display_name(user: User) -> str:
    """First name and the initial of the last name ("Ana G."), or a neutral stand-in."""
    if not user.is_active:
        return "Former member"
    # Cleaned on the way out too: names also come from providers and the admin's forms.
    first = plain_text(user.first_name, multiline=False)
    last = plain_text(user.last_name, multiline=False)
    if first and last:
        return f"{first} {last[0]}."
    return first or last or "Toto member"


@extend_schema_field(
    {
        "type": "object",
        "nullable": True,
        "properties": {
            "original": {"type": "string", "format": "uri"},
            "medium": {"type": "string", "format": "uri"},
            "small": {"type": "string", "format": "uri"},
        },
    }
)
class PublicAvatarField(AvatarField):
    """The avatar URLs, or null (also for closed accounts)."""

    def to_representation(self, profile):
        if not profile.user.is_active:
            return None
        return super().to_representation(profile)


class MemberPublicSerializer(serializers.Serializer):
    """`{id, display_name, avatar}`. Expects `profile` to be loaded with the user."""

    id = serializers.IntegerField(read_only=True)
    display_name = serializers.SerializerMethodField()
    avatar = PublicAvatarField(source="profile")

    def get_display_name(self, user: User) -> str:
        return member_display_name(user)


def follow_entry_serializer(side: str) -> type[serializers.Serializer]:
    """A follow as the member on `side` ("follower" or "followed") plus when it began."""

    class FollowEntrySerializer(serializers.Serializer):
        id = serializers.IntegerField(source=f"{side}.id", read_only=True)
        display_name = serializers.SerializerMethodField()
        avatar = PublicAvatarField(source=f"{side}.profile")
        since = serializers.DateTimeField(source="created_at", read_only=True)

        def get_display_name(self, follow) -> str:
            return member_display_name(getattr(follow, side))

    FollowEntrySerializer.__name__ = f"{side.title()}EntrySerializer"
    return FollowEntrySerializer


FollowerSerializer = follow_entry_serializer("follower")
FollowedMemberSerializer = follow_entry_serializer("followed")


class FollowStateSerializer(serializers.Serializer):
    following = serializers.BooleanField()
    since = serializers.DateTimeField(allow_null=True)
