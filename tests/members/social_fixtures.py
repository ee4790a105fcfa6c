"""Offline stand-ins for Google, Apple and Facebook: real keys and signatures, fake HTTP.

allauth verifies everything for real. Only the HTTP it sends through the social adapter's
`get_requests_session()` hook is answered here, by a transport mounted on allauth's own session:
Google's `{kid: PEM certificate}` map, Apple's JWKS and Facebook's Graph API. A request to any
other URL fails as if the network were down, so nothing here can reach the internet.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import parse_qs, urlsplit

import jwt
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from requests.adapters import BaseAdapter

# The providers' real, documented endpoints (not read from allauth, so a wrong URL there shows).
GOOGLE_CERTS_URL = "https://www.googleapis.com/oauth2/v1/certs"
GOOGLE_ISSUER = "https://accounts.google.com"
APPLE_KEYS_URL = "https://appleid.apple.com/auth/keys"
APPLE_ISSUER = "https://appleid.apple.com"
GRAPH_HOST = "https://graph.facebook.com"

Handler = Callable[[dict[str, str]], tuple[int, object]]


# --- Keys -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SigningKey:
    """An RSA key pair with a key id, as an identity provider publishes it."""

    kid: str
    private_key: rsa.RSAPrivateKey

    def sign(self, claims: dict, *, kid: str | None = None) -> str:
        return jwt.encode(
            claims, self.private_key, algorithm="RS256", headers={"kid": kid or self.kid}
        )

    def certificate_pem(self) -> str:
        """A self-signed X.509 certificate of the public key (Google publishes these)."""
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"test-{self.kid}")])
        now = dt.datetime.now(dt.UTC)
        certificate = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(self.private_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .sign(self.private_key, hashes.SHA256())
        )
        return certificate.public_bytes(serialization.Encoding.PEM).decode()

    def jwk(self) -> dict:
        """The public key as a JWK (Apple publishes these)."""
        data = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.private_key.public_key()))
        return {**data, "kid": self.kid, "use": "sig", "alg": "RS256"}


@cache
def signing_key(kid: str) -> SigningKey:
    """One key per kid for the whole run: RSA key generation is the slow part."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return SigningKey(kid=kid, private_key=key)


# --- Transport --------------------------------------------------------------------------------
class FakeProviderTransport(BaseAdapter):
    """A requests transport that answers registered URLs and refuses every other one."""

    def __init__(self) -> None:
        super().__init__()
        self.routes: dict[tuple[str, str], Handler] = {}
        self.calls: list[requests.PreparedRequest] = []

    def route(self, method: str, url: str, handler: Handler) -> None:
        self.routes[(method.upper(), url)] = handler

    def urls_called(self) -> list[str]:
        return [request.url.split("?")[0] for request in self.calls]

    def send(self, request: requests.PreparedRequest, **kwargs) -> requests.Response:
        self.calls.append(request)
        parts = urlsplit(request.url)
        url = f"{parts.scheme}://{parts.netloc}{parts.path}"
        handler = self.routes.get((request.method, url))
        if handler is None:
            raise requests.ConnectionError(f"offline test: nothing answers {request.method} {url}")
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        status, body = handler(query)
        response = requests.Response()
        response.status_code = status
        response._content = json.dumps(body).encode()
        response.headers["Content-Type"] = "application/json; charset=UTF-8"
        response.encoding = "utf-8"
        response.url = request.url
        response.request = request
        response.reason = "OK" if status < 400 else "Error"
        return response

    def close(self) -> None:
        pass


def _claims(issuer: str, aud: str, sub: str, lifetime: int, **claims) -> dict:
    now = int(time.time())
    return {
        "iss": issuer,
        "aud": aud,
        "sub": sub,
        "iat": now,
        "exp": now + lifetime,
        "jti": uuid.uuid4().hex,  # fresh each time: allauth refuses a jti it has seen
        **claims,
    }


# --- Google -----------------------------------------------------------------------------------
@dataclass
class FakeGoogle:
    """Google's signing keys and id_tokens shaped like Google Sign-In's."""

    keys: list[SigningKey] = field(default_factory=lambda: [signing_key("google-1")])

    def register(self, transport: FakeProviderTransport) -> None:
        transport.route("GET", GOOGLE_CERTS_URL, self._certs)

    def _certs(self, query: dict) -> tuple[int, dict]:
        return 200, {key.kid: key.certificate_pem() for key in self.keys}

    def id_token(
        self,
        *,
        aud: str,
        email: str | None = "gina@gmail.com",
        email_verified: bool = True,
        sub: str = "110169484474386276334",
        lifetime: int = 3600,
        key: SigningKey | None = None,
        **claims,
    ) -> str:
        profile = {
            "azp": aud,
            "name": "Gina Moreno",
            "given_name": "Gina",
            "family_name": "Moreno",
            "picture": "https://lh3.googleusercontent.com/a/photo",
        }
        if email is not None:
            profile |= {"email": email, "email_verified": email_verified}
        data = _claims(GOOGLE_ISSUER, aud, sub, lifetime, **profile) | claims
        return (key or self.keys[0]).sign(data)


# --- Apple ------------------------------------------------------------------------------------
@dataclass
class FakeApple:
    """Apple's JWKS and "Sign in with Apple" identity tokens (never carrying a name)."""

    keys: list[SigningKey] = field(default_factory=lambda: [signing_key("apple-1")])

    def register(self, transport: FakeProviderTransport) -> None:
        transport.route("GET", APPLE_KEYS_URL, self._jwks)

    def _jwks(self, query: dict) -> tuple[int, dict]:
        return 200, {"keys": [key.jwk() for key in self.keys]}

    def id_token(
        self,
        *,
        aud: str,
        email: str | None = "k8x2pq7mzd@privaterelay.appleid.com",
        email_verified: bool | str = "true",  # Apple has sent both "true" and true
        sub: str = "001234.5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d.1234",
        lifetime: int = 600,
        key: SigningKey | None = None,
        **claims,
    ) -> str:
        profile: dict = {"auth_time": int(time.time()), "nonce_supported": True}
        if email is not None:
            private = email.endswith("@privaterelay.appleid.com")
            profile |= {
                "email": email,
                "email_verified": email_verified,
                "is_private_email": "true" if private else "false",
            }
        data = _claims(APPLE_ISSUER, aud, sub, lifetime, **profile) | claims
        return (key or self.keys[0]).sign(data)


# --- Facebook ---------------------------------------------------------------------------------
@dataclass
class FacebookUserToken:
    app_id: str
    profile: dict
    valid: bool = True  # what debug_token says
    graph_refuses: bool = False  # /me answers with an OAuthException anyway


class FakeGraph:
    """The three Graph API calls allauth makes for an access token, checked like Graph does.

    `oauth/access_token` (app token from id + secret), `debug_token` (is the user's token valid
    and for which app) and `me` (the profile, with an `appsecret_proof` of the app's secret).
    """

    def __init__(self, graph_api_url: str, apps: dict[str, str]) -> None:
        assert graph_api_url.startswith(f"{GRAPH_HOST}/v"), graph_api_url
        self.url = graph_api_url
        self.apps = apps  # app id → app secret
        self.user_tokens: dict[str, FacebookUserToken] = {}

    def register(self, transport: FakeProviderTransport) -> None:
        transport.route("GET", f"{self.url}/oauth/access_token", self._app_token)
        transport.route("GET", f"{self.url}/debug_token", self._debug_token)
        transport.route("GET", f"{self.url}/me", self._me)

    def user_token(self, app_id: str, profile: dict, **flags) -> str:
        token = "EAA" + secrets.token_urlsafe(40)
        self.user_tokens[token] = FacebookUserToken(app_id=app_id, profile=profile, **flags)
        return token

    @staticmethod
    def _error(message: str, code: int = 190, kind: str = "OAuthException") -> tuple[int, dict]:
        return 400, {"error": {"message": message, "type": kind, "code": code}}

    def _app_token(self, query: dict) -> tuple[int, dict]:
        app_id = query.get("client_id", "")
        if query.get("grant_type") != "client_credentials":
            return self._error("Unsupported grant_type", code=100)
        if app_id not in self.apps or self.apps[app_id] != query.get("client_secret"):
            return self._error("Error validating client secret.", code=1)
        return 200, {"access_token": f"{app_id}|app-token", "token_type": "bearer"}

    def _debug_token(self, query: dict) -> tuple[int, dict]:
        app_token = query.get("access_token", "")
        if app_token.split("|")[0] not in self.apps or not app_token.endswith("|app-token"):
            return self._error("Invalid OAuth access token - Cannot parse access token")
        user_token = self.user_tokens.get(query.get("input_token", ""))
        if user_token is None or not user_token.valid:
            return 200, {
                "data": {
                    "error": {"code": 190, "message": "Invalid OAuth access token."},
                    "is_valid": False,
                    "scopes": [],
                }
            }
        return 200, {
            "data": {
                "app_id": user_token.app_id,
                "type": "USER",
                "application": "Toto",
                "expires_at": int(time.time()) + 3600,
                "is_valid": True,
                "scopes": ["email", "public_profile"],
                "user_id": user_token.profile["id"],
            }
        }

    def _me(self, query: dict) -> tuple[int, dict]:
        raw = query.get("access_token", "")
        user_token = self.user_tokens.get(raw)
        if user_token is None or not user_token.valid or user_token.graph_refuses:
            return self._error("Error validating access token: Session has expired.")
        secret = self.apps[user_token.app_id]
        proof = hmac.new(secret.encode(), raw.encode(), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(proof, query.get("appsecret_proof", "")):
            return self._error(
                "Invalid appsecret_proof provided in the API argument",
                code=100,
                kind="GraphMethodException",
            )
        fields = query.get("fields", "id").split(",")
        return 200, {name: value for name, value in user_token.profile.items() if name in fields}
