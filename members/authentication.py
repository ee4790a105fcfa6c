"""How /api/v1/ and the content API recognise a member."""

from django.utils.translation import gettext_lazy as _
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import InvalidToken

from members.tokens import SESSION_CLAIM, sign_in_session_is_active


class SessionBoundJWTAuthentication(JWTAuthentication):
    """simplejwt's bearer authentication, refusing tokens whose sign-in session has ended.

    The user (and so their role and rights) is loaded from the database on every request;
    nothing in the token but the user id and session key is trusted.
    """

    def get_validated_token(self, raw_token: bytes):
        token = super().get_validated_token(raw_token)
        if not sign_in_session_is_active(token.get(SESSION_CLAIM)):
            raise InvalidToken(_("This session has ended; sign in again."))
        return token
