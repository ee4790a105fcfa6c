"""The OpenAPI document of /api/v1/ describes every endpoint without errors or guesses."""

import io

import pytest
import yaml
from django.core.management import call_command


@pytest.mark.django_db
def test_schema_of_api_v1_generates_without_warnings_and_covers_only_api_v1():
    out = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    schema = yaml.safe_load(out.getvalue())
    assert schema["paths"], "no endpoints documented"
    assert all(path.startswith("/api/v1/") for path in schema["paths"])
    assert "/api/v1/me/" in schema["paths"]
    assert "jwtAuth" in schema["components"]["securitySchemes"]
