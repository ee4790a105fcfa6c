"""allauth adapters: Toto's hooks into sign-up, logout and social login."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.http import HttpRequest

from members.tokens import tokens_revoke_for_session


class AccountAdapter(DefaultAccountAdapter):
    def logout(self, request: HttpRequest) -> None:
        session_key = request.session.session_key
        super().logout(request)
        if session_key:
            tokens_revoke_for_session(session_key=session_key)

    def get_from_email(self) -> str:
        from django.conf import settings

        return settings.DEFAULT_FROM_EMAIL


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Social sign-ups become students like everyone else (the profile signal does that)."""
