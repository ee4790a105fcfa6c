"""How /api/v1/ and the content API recognise a member."""

import uuid

from django.utils.translation import gettext_lazy as _
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import AuthenticationFailed, InvalidToken
from rest_framework_simplejwt.settings import api_settings

from core.locales import language_activate
from members.models import SignInSession
from members.tokens import SESSION_CLAIM


class SessionBoundJWTAuthentication(JWTAuthentication):
    """simplejwt's bearer authentication, refusing tokens whose sign-in session has ended.

    The member (with their profile, so their role) is loaded from the database on every
    request, in the same query that checks the session; nothing in the token but the user id
    and the session id is trusted.
    """

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:
            # The member's own language, rather than the request's Accept-Language, for the
            # messages of the rest of this request.
            profile = getattr(result[0], "profile", None)
            language_activate(request, getattr(profile, "language_preference", None))
        return result

    def get_user(self, validated_token):
        user_id = validated_token.get(api_settings.USER_ID_CLAIM)
        try:
            sid = uuid.UUID(str(validated_token.get(SESSION_CLAIM)))
        except ValueError:
            raise InvalidToken(_("Token has no sign-in session.")) from None
        session = (
            SignInSession.objects.select_related("user__profile")
            .filter(pk=sid, user_id=user_id, ended_at__isnull=True)
            .first()
        )
        if session is None:
            raise InvalidToken(_("This session has ended; sign in again."))
        user = session.user
        if not user.is_active:
            raise AuthenticationFailed(_("User is inactive"), code="user_inactive")
        return user
