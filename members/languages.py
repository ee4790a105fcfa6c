"""The language a member reads Toto in: their `language_preference` (one of the content
languages), else the language of the request at hand (its `Accept-Language`).

Part of members' public surface: every app that mails a member writes the mail inside
`member_language_override(user)`.
"""

from contextlib import AbstractContextManager

from django.utils import translation

from core.locales import content_language_codes
from members.models import User


def member_language(user: User | None) -> str | None:
    """The member's preferred content language, or None (no member, or no such language)."""
    profile = getattr(user, "profile", None) if user is not None else None
    language = getattr(profile, "language_preference", None)
    return language if language in content_language_codes() else None


def member_mail_language(*, email: str, user: User | None = None) -> str:
    """The language of a mail to `email`: its member's preference (found by the address when
    no member is given), else the current language (the request's)."""
    if user is None:
        user = User.objects.filter(email__iexact=email).select_related("profile").first()
    return member_language(user) or translation.get_language() or "en"


def member_language_override(user: User | None) -> AbstractContextManager:
    """`with member_language_override(user): …` renders in the member's language."""
    return translation.override(member_language(user) or translation.get_language())
