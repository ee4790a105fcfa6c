"""Serializers of the members API: what a member sees and may change about themselves."""

import datetime
import zoneinfo

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.locales import content_language_codes
from core.text import plain_text
from members.avatars import AVATAR_FIELDS, DecodedAvatar, avatar_decode
from members.models import Profile, RoleRequest, User

NOTIFICATION_KEYS = ("lesson_reminders", "comment_replies", "new_followers", "newsletter")


def _available_timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@extend_schema_field(
    {
        "type": "object",
        "nullable": True,
        "properties": {
            size: {"type": "string", "format": "uri"} for size in ("original", "medium", "small")
        },
    }
)
class AvatarField(serializers.Field):
    """The avatar as absolute URLs of its stored sizes, or null."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, profile: Profile):
        if not profile.avatar:
            return None
        request = self.context.get("request")
        urls = {}
        for field, key in zip(AVATAR_FIELDS, ("original", "medium", "small"), strict=True):
            url = getattr(profile, field).url
            urls[key] = request.build_absolute_uri(url) if request else url
        return urls


class ProfileSerializer(serializers.ModelSerializer):
    # The content languages (CONTENT_LANGUAGES): of lessons, mails and API messages.
    language_preference = serializers.ChoiceField(choices=content_language_codes(), required=False)

    class Meta:
        model = Profile
        fields = [
            "role",
            "language_preference",
            "timezone",
            "notification_preferences",
            "bio",
            "phone",
            "date_of_birth",
        ]
        read_only_fields = ["role"]
        extra_kwargs = {"phone": {"max_length": 32}}

    def validate_timezone(self, value: str) -> str:
        if value not in _available_timezones():
            raise serializers.ValidationError("Use an IANA time zone name such as Europe/Madrid.")
        return value

    def validate_notification_preferences(self, value):
        if not isinstance(value, dict):
            raise serializers.ValidationError(
                'Send an object of switches, e.g. {"newsletter": false}.'
            )
        unknown = set(value) - set(NOTIFICATION_KEYS)
        if unknown:
            raise serializers.ValidationError(
                f"Unknown notification(s): {', '.join(sorted(unknown))}. "
                f"Known: {', '.join(NOTIFICATION_KEYS)}."
            )
        if not all(isinstance(switch, bool) for switch in value.values()):
            raise serializers.ValidationError("Each notification is switched with true or false.")
        return value

    def validate_phone(self, value: str) -> str:
        allowed = set("0123456789+-() ")
        if value and (not set(value) <= allowed or sum(c.isdigit() for c in value) < 6):
            raise serializers.ValidationError("Enter a phone number such as +44 20 7946 0958.")
        return value

    def validate_date_of_birth(self, value: datetime.date | None):
        if value is None:
            return value
        today = datetime.date.today()
        if value >= today or value.year < today.year - 120:
            raise serializers.ValidationError("Enter a real date of birth.")
        return value


class UserSerializer(serializers.ModelSerializer):
    """`/me/`: the member with their profile. Email changes go through allauth's email flows."""

    is_verified = serializers.BooleanField(read_only=True)
    avatar = AvatarField(source="profile")
    profile = ProfileSerializer()

    class Meta:
        model = User
        fields = ["id", "email", "first_name", "last_name", "is_verified", "avatar", "profile"]
        read_only_fields = ["id", "email"]
        extra_kwargs = {"first_name": {"max_length": 150}, "last_name": {"max_length": 150}}

    # Names reach other members (`display_name`): plain text, one line (core.text).
    def validate_first_name(self, value: str) -> str:
        return plain_text(value, multiline=False)

    def validate_last_name(self, value: str) -> str:
        return plain_text(value, multiline=False)

    def update(self, instance: User, validated_data):
        from members.services import member_update

        return member_update(user=instance, **validated_data)


class AvatarUploadSerializer(serializers.Serializer):
    avatar = serializers.FileField(allow_empty_file=False)

    def validate_avatar(self, upload) -> DecodedAvatar:
        # The real (pixel-level) check; its ValidationError becomes the field's error.
        return avatar_decode(upload)


class AccountDeleteSerializer(serializers.Serializer):
    password = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)


class RoleRequestSerializer(serializers.ModelSerializer):
    role = serializers.ChoiceField(choices=[role.value for role in RoleRequest.REQUESTABLE_ROLES])

    class Meta:
        model = RoleRequest
        fields = ["id", "role", "note", "status", "created_at"]
        read_only_fields = ["id", "status", "created_at"]

    def validate_note(self, value: str) -> str:
        return plain_text(value)  # read by the admins who decide
