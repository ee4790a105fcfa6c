"""OpenAPI description of Toto's bearer authentication."""

from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme


class SessionBoundJWTScheme(SimpleJWTScheme):
    target_class = "members.authentication.SessionBoundJWTAuthentication"
    name = "jwtAuth"
