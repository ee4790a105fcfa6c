"""Toto's JWTs: simplejwt pairs tied to the sign-in session they were issued to.

Every refresh and access token carries the id of a `SignInSession` (claim `sid`). That lets us
- revoke everything a session was given when it logs out (`DELETE auth/session`),
- refuse an access token whose session has ended, even before the token expires,
- end all of a member's sessions after a password reset or an account deactivation, and all
  but the current one after a password change.
"""

from allauth.headless.tokens.strategies.sessions import SessionTokenStrategy
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

from members.models import SessionRefreshToken, SignInSession, User

SESSION_CLAIM = "sid"
# Where the allauth (Django) session remembers its sign-in session.
SESSION_DATA_KEY = "toto_sign_in_session"


def sign_in_session_for_request(request: HttpRequest) -> SignInSession:
    """The active sign-in session of this allauth session, started on first use."""
    sid = request.session.get(SESSION_DATA_KEY)
    if sid:
        session = SignInSession.objects.filter(
            pk=sid, user=request.user, ended_at__isnull=True
        ).first()
        if session is not None:
            return session
    session = SignInSession.objects.create(user=request.user)
    request.session[SESSION_DATA_KEY] = str(session.pk)
    return session


def token_pair_issue(*, user: User, sign_in_session: SignInSession) -> RefreshToken:
    """A new refresh token (and, through it, an access token) for one sign-in session."""
    refresh = RefreshToken.for_user(user)  # records the OutstandingToken
    refresh[SESSION_CLAIM] = str(sign_in_session.pk)
    # for_user() stored the token text before the claim was added; keep the record exact.
    outstanding = OutstandingToken.objects.get(jti=refresh[jwt_settings.JTI_CLAIM])
    outstanding.token = str(refresh)
    outstanding.save(update_fields=["token"])
    SessionRefreshToken.objects.create(token=outstanding, sign_in_session=sign_in_session)
    return refresh


def token_pair_rotate(raw_refresh_token: str) -> tuple[str, str] | None:
    """Exchange a refresh token for a new pair, blacklisting the used one at once.

    Returns None (allauth answers 400) for anything but a valid, unused refresh token of an
    active member whose sign-in session is active. The row lock makes a token usable once even
    when two requests race with it.
    """
    try:
        refresh = RefreshToken(raw_refresh_token)
    except TokenError:
        return None
    with transaction.atomic():
        outstanding = (
            OutstandingToken.objects.select_for_update(of=("self",))
            .select_related("user", "session_link__sign_in_session")
            .filter(jti=refresh[jwt_settings.JTI_CLAIM])
            .first()
        )
        if outstanding is None or BlacklistedToken.objects.filter(token=outstanding).exists():
            return None
        link = getattr(outstanding, "session_link", None)
        user = outstanding.user
        if (
            user is None
            or not user.is_active
            or link is None
            or link.sign_in_session.ended_at is not None
        ):
            return None
        BlacklistedToken.objects.create(token=outstanding)
        new_refresh = token_pair_issue(user=user, sign_in_session=link.sign_in_session)
    return str(new_refresh.access_token), str(new_refresh)


def _sessions_end(sessions) -> int:
    """End sign-in sessions and blacklist every refresh token they were given."""
    session_ids = list(sessions.filter(ended_at__isnull=True).values_list("pk", flat=True))
    if not session_ids:
        return 0
    SignInSession.objects.filter(pk__in=session_ids).update(ended_at=timezone.now())
    token_ids = SessionRefreshToken.objects.filter(sign_in_session_id__in=session_ids).values_list(
        "token_id", flat=True
    )
    BlacklistedToken.objects.bulk_create(
        [BlacklistedToken(token_id=token_id) for token_id in token_ids], ignore_conflicts=True
    )
    return len(session_ids)


@transaction.atomic
def sign_in_session_end(*, sid: str) -> int:
    return _sessions_end(SignInSession.objects.filter(pk=sid))


@transaction.atomic
def sign_in_sessions_end_for_user(*, user: User, keep_sid: str | None = None) -> int:
    """End every sign-in session of `user` (except `keep_sid`) and blacklist their tokens.

    Tokens issued outside any session (none are, today) are blacklisted too.
    """
    sessions = SignInSession.objects.filter(user=user)
    if keep_sid:
        sessions = sessions.exclude(pk=keep_sid)
    ended = _sessions_end(sessions)
    unlinked = OutstandingToken.objects.filter(user=user, session_link__isnull=True)
    BlacklistedToken.objects.bulk_create(
        [BlacklistedToken(token=token) for token in unlinked], ignore_conflicts=True
    )
    return ended


class JWTTokenStrategy(SessionTokenStrategy):
    """allauth's headless token strategy, handing out Toto's simplejwt pairs."""

    def create_access_token_payload(self, request: HttpRequest) -> dict | None:
        if not request.user.is_authenticated:
            return None
        refresh = token_pair_issue(
            user=request.user, sign_in_session=sign_in_session_for_request(request)
        )
        return {
            "access_token": str(refresh.access_token),
            "refresh_token": str(refresh),
            "expires_in": int(jwt_settings.ACCESS_TOKEN_LIFETIME.total_seconds()),
        }

    def refresh_token(self, refresh_token: str) -> tuple[str, str] | None:
        try:
            return token_pair_rotate(refresh_token)
        except User.DoesNotExist:  # deleted between issue and refresh
            return None
