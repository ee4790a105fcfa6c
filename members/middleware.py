"""Make allauth's failed-login lockout answer 429, as the API contract promises apps.

allauth enforces the `login_failed` rate limit as a form error ("too many failed login
attempts") with status 400, so an app cannot tell a lockout from a wrong password without
parsing messages. Its other rate limits already answer 429.
"""

import json

from django.http import HttpRequest, HttpResponse

LOCKOUT_CODE = "too_many_login_attempts"
RETRY_AFTER_SECONDS = 300  # allauth's per-account window (ACCOUNT_RATE_LIMITS login_failed)


class LoginLockoutStatusMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code == 400
            and request.path.startswith("/_allauth/")
            and response.get("Content-Type", "").startswith("application/json")
            and LOCKOUT_CODE.encode() in response.content
        ):
            body = json.loads(response.content)
            if any(error.get("code") == LOCKOUT_CODE for error in body.get("errors", [])):
                body["status"] = 429
                response.content = json.dumps(body)
                response.status_code = 429
                response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
