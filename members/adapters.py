"""allauth adapters: Toto's hooks into sign-up, logout and social login."""

import functools
import logging

import jwt
from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import translation

from members.languages import member_mail_language
from members.tokens import SESSION_DATA_KEY, sign_in_session_end, sign_in_sessions_end_for_user

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Every sign-in mail in its reader's language (`member_mail_language`)."""
        with translation.override(member_mail_language(email=email, user=context.get("user"))):
            super().send_mail(template_prefix, email, context)

    def logout(self, request: HttpRequest) -> None:
        sid = request.session.get(SESSION_DATA_KEY)
        super().logout(request)
        if sid:
            sign_in_session_end(sid=sid)

    def _delete_login_attempts_cached_email(self, request: HttpRequest, **credentials) -> None:
        """After a successful password reset, allauth clears the failed logins of each address
        of the member; the lockout that counts them is Toto's (members.middleware)."""
        from members.middleware import account_reset

        super()._delete_login_attempts_cached_email(request, **credentials)
        account_reset(email=credentials.get("email"))


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Social sign-ups become students like everyone else (the profile signal does that).

    allauth itself verifies what the apps post to `auth/provider/token` (signature, issuer,
    audience, expiry and replay of id_tokens; Facebook tokens through Graph). The provider HTTP
    goes through `get_requests_session()`, which the tests replace.
    """

    def get_provider(self, request: HttpRequest, provider: str, client_id: str | None = None):
        """The provider, with token verification that answers 400 to any malformed token.

        allauth 65.21 lets some malformed id_tokens escape as KeyError/TypeError (a header
        without `kid`, an HS256 header) and so answer 500; they are invalid tokens.
        """
        instance = super().get_provider(request, provider, client_id=client_id)
        verify = instance.verify_token

        @functools.wraps(verify)
        def verify_token(request, token):
            try:
                return verify(request, token)
            except ValidationError:
                raise
            except (KeyError, TypeError, ValueError, jwt.PyJWTError) as error:
                logger.info("malformed %s token refused: %r", provider, error)
                raise ValidationError(
                    "The provider token is invalid.", code="invalid_token"
                ) from None

        instance.verify_token = verify_token
        return instance

    def pre_social_login(self, request: HttpRequest, sociallogin) -> None:
        super().pre_social_login(request, sociallogin)
        linked_by_email = sociallogin.is_existing and not sociallogin.account.pk
        if linked_by_email and sociallogin.state.get("process") == "login":
            self._vouched_email_verify(sociallogin)

    def _vouched_email_verify(self, sociallogin) -> None:
        """Mark the address the provider vouched for verified on the member it signs into.

        allauth signs a new social account into the existing member with that address
        (SOCIALACCOUNT_EMAIL_AUTHENTICATION) but leaves the address as it was. If it was
        unverified, whoever set the password never proved it (maybe someone who signed up with
        another person's address): the password goes first, as allauth's own guard would do
        (that guard runs after this hook and would then find the address verified).
        """
        from allauth.account.models import EmailAddress

        user = sociallogin.user
        vouched = {
            address.email.lower() for address in sociallogin.email_addresses if address.verified
        }
        for address in EmailAddress.objects.filter(user=user, verified=False):
            email = address.email.lower()
            if email not in vouched or not self.can_authenticate_by_email(sociallogin, email):
                continue
            if user.has_usable_password():
                user.set_unusable_password()
                user.save(update_fields=["password"])
                sign_in_sessions_end_for_user(user=user)
            address.verified = True
            address.save(update_fields=["verified"])
