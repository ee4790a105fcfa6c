"""Study abroad in the learner OpenAPI document, with examples."""

import io

import pytest
import yaml
from django.core.management import call_command

PATHS = [
    "/api/v1/abroad/institutions/",
    "/api/v1/abroad/institutions/{id}/",
    "/api/v1/abroad/programs/",
    "/api/v1/abroad/programs/{id}/",
    "/api/v1/abroad/homestays/",
    "/api/v1/abroad/homestays/{id}/",
    "/api/v1/abroad/applications/",
    "/api/v1/abroad/applications/{id}/",
    "/api/v1/abroad/applications/{id}/messages/",
]


@pytest.fixture(scope="module")
def schema(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        out = io.StringIO()
        call_command("spectacular", stdout=out)
    return yaml.safe_load(out.getvalue())


def test_every_abroad_path_is_documented(schema):
    assert set(PATHS) <= set(schema["paths"])
    assert {"get", "post"} <= set(schema["paths"]["/api/v1/abroad/programs/"])
    assert {"get", "patch"} <= set(schema["paths"]["/api/v1/abroad/homestays/{id}/"])


def test_filters_and_examples_are_in_the_document(schema):
    programs = schema["paths"]["/api/v1/abroad/programs/"]["get"]
    parameters = {parameter["name"] for parameter in programs["parameters"]}
    assert {
        "institution",
        "country",
        "level",
        "min_price",
        "max_price",
        "currency",
        "starts_after",
        "q",
        "order",
        "locale",
        "limit",
        "offset",
    } <= parameters
    examples = programs["responses"]["200"]["content"]["application/json"]["examples"]
    assert examples
    create = schema["paths"]["/api/v1/abroad/applications/"]["post"]
    assert create["requestBody"]["content"]["application/json"]["examples"]


def test_money_is_a_decimal_string_in_the_schema(schema):
    money = schema["components"]["schemas"]["Money"]["properties"]["amount"]
    assert money["type"] == "string"
    assert money["format"] == "decimal"
