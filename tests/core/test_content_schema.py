"""The content API's OpenAPI document (`/api/schema/content/`): valid, complete, derived from the
code, and true of what the API really answers.

Real answers (every demo lesson in full, each listing shape, media, find, errors) are validated
against the served document with openapi-core; the demo curriculum is loaded once for the module.
"""

import json

import pytest
import yaml
from django.core.management import call_command
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from openapi_spec_validator import validate
from rest_framework.test import APIClient
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from core.content_schema import ContentSchema, content_schema_document, content_schema_problems
from core.schema_blocks import UndescribedShape, block_value_schema
from lessons.blocks import LessonBodyBlock
from lessons.models import LessonPage
from toto_site.api import api_router

pytestmark = pytest.mark.django_db

SCHEMA_URL = "/api/schema/content/"


@pytest.fixture(scope="module")
def demo(module_db):
    call_command("load_demo_content", verbosity=0)


@pytest.fixture(scope="module")
def document() -> dict:
    return json.loads(APIClient().get(SCHEMA_URL).content)


@pytest.fixture(scope="module")
def openapi(document) -> OpenAPI:
    return OpenAPI.from_dict(document)


@pytest.fixture
def check(openapi):
    """GET a URL and validate the answer against the document; returns the response."""

    def get(url: str, client: APIClient | None = None, **headers):
        response = (client or APIClient()).get(url, **headers)
        openapi.validate_response(
            DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response)
        )
        return response

    return get


# --- The document -----------------------------------------------------------------------------


def test_the_document_is_valid_openapi_and_served_as_json_and_yaml(client, document):
    validate(document)  # openapi-spec-validator: raises on any error
    assert document["openapi"].startswith("3.1")
    response = client.get(SCHEMA_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    as_yaml = client.get(SCHEMA_URL + "?format=yaml")
    assert as_yaml.status_code == 200
    assert yaml.safe_load(as_yaml.content) == document


def test_the_document_is_built_once_per_process():
    assert content_schema_document(api_router) is content_schema_document(api_router)


def test_everything_served_is_typed_nothing_is_left_undescribed():
    """A block shaping its own value without `api_schema()`, a field of an unknown kind or a
    route of its own would be listed here: the document would no longer say what is served."""
    assert content_schema_problems(api_router) == []


def test_every_endpoint_route_and_page_type_is_described(document):
    paths = document["paths"]
    for endpoint in ("pages", "images", "documents"):
        assert f"/api/v2/{endpoint}/" in paths
        assert f"/api/v2/{endpoint}/{{id}}/" in paths
        assert f"/api/v2/{endpoint}/find/" in paths
    schemas = document["components"]["schemas"]
    for name in ("HomePage", "CategoryPage", "SubcategoryPage", "LessonPage"):
        assert name in schemas
        assert f"{name}ListingItem" in schemas
        assert schemas[name]["properties"]["meta"]["properties"]["type"]["enum"] == [
            f"{'home' if name == 'HomePage' else 'lessons'}.{name}"
        ]
    detail = paths["/api/v2/pages/{id}/"]["get"]["responses"]["200"]
    shown = {ref["$ref"] for ref in detail["content"]["application/json"]["schema"]["oneOf"]}
    assert "#/components/schemas/LessonPage" in shown
    for status in ("400", "401", "404"):
        error = paths["/api/v2/pages/{id}/"]["get"]["responses"][status]
        assert error["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/Error"
        }


def test_every_lesson_block_type_is_its_own_component_discriminated_by_type(document):
    schemas = document["components"]["schemas"]
    body = schemas["LessonPage"]["properties"]["body"]
    assert body["type"] == "array"
    union = body["items"]
    assert union["discriminator"]["propertyName"] == "type"
    mapping = union["discriminator"]["mapping"]
    assert set(mapping) == set(LessonBodyBlock().child_blocks)
    for block_type, ref in mapping.items():
        component = schemas[ref.rsplit("/", 1)[1]]
        assert component["properties"]["type"]["enum"] == [block_type]
        assert component["required"] == ["type", "value", "id"]
        assert component["additionalProperties"] is False
    # Exercises: only what a learner may see.
    multiple_choice = schemas["MultipleChoiceBlock"]["properties"]["value"]
    assert set(multiple_choice["properties"]) == {"question", "options", "allow_multiple"}
    # Media are named types with their renditions.
    image = schemas["ImageBlock"]["properties"]["value"]["properties"]["image"]
    assert {"$ref": "#/components/schemas/BlockImage"} in image["anyOf"]
    assert set(schemas["BlockImage"]["properties"]["renditions"]["properties"]) == {
        "small",
        "medium",
        "large",
    }
    cover = schemas["LessonPage"]["properties"]["cover_image"]
    assert cover["anyOf"] == [{"$ref": "#/components/schemas/CoverImage"}, {"type": "null"}]


def test_query_parameters_and_field_filters_come_from_the_viewsets(document):
    parameters = {
        parameter["name"]: parameter
        for parameter in document["paths"]["/api/v2/pages/"]["get"]["parameters"]
    }
    for name in (
        "type",
        "child_of",
        "descendant_of",
        "locale",
        "translation_of",
        "search",
        "search_operator",
        "order",
        "fields",
        "limit",
        "offset",
    ):
        assert name in parameters, name
    assert parameters["limit"]["schema"]["maximum"] == 100
    assert parameters["search_operator"]["schema"]["enum"] == ["and", "or"]
    # Field filters of a page type, with the type they need.
    assert parameters["difficulty"]["schema"]["enum"] == ["beginner", "intermediate", "advanced"]
    assert "lessons.LessonPage" in parameters["difficulty"]["description"]
    assert parameters["estimated_duration"]["schema"]["type"] == "integer"
    assert "slug" in parameters  # every page has it


# --- Derived, not written: a new block or field appears by itself ------------------------------


class PronunciationDrillBlock(blocks.StructBlock):
    """A word to repeat, with how many times."""

    word = blocks.CharBlock(max_length=40)
    repetitions = blocks.IntegerBlock(min_value=1, max_value=10)
    level = blocks.ChoiceBlock(choices=[("easy", "Easy"), ("hard", "Hard")], required=False)
    syllables = blocks.ListBlock(blocks.CharBlock(), min_num=1)


class SelfShapedBlock(blocks.StructBlock):
    word = blocks.CharBlock()

    def get_api_representation(self, value, context=None):
        return {"spoken": value["word"]}


def test_a_new_block_is_described_from_its_definition():
    schema = block_value_schema(PronunciationDrillBlock())
    assert schema == {
        "type": "object",
        "required": ["word", "repetitions", "level", "syllables"],
        "properties": {
            "word": {"type": "string", "maxLength": 40},
            "repetitions": {"type": "integer", "minimum": 1, "maximum": 10},
            "level": {"type": "string", "enum": ["easy", "hard", ""]},
            "syllables": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        },
        "additionalProperties": False,
    }


def test_a_block_that_shapes_its_own_value_must_declare_its_schema():
    with pytest.raises(UndescribedShape, match=r"SelfShapedBlock.*api_schema"):
        block_value_schema(SelfShapedBlock())


def test_a_new_block_in_a_lesson_body_appears_in_the_document(monkeypatch):
    stream = LessonPage._meta.get_field("body").stream_block
    drill = PronunciationDrillBlock()
    drill.set_name("pronunciation_drill")
    monkeypatch.setitem(stream.child_blocks, "pronunciation_drill", drill)
    schema = ContentSchema(api_router)
    document = schema.document()
    assert schema.problems == []
    component = document["components"]["schemas"]["PronunciationDrillBlock"]
    assert component["properties"]["type"]["enum"] == ["pronunciation_drill"]
    assert component["description"] == "A word to repeat, with how many times."
    mapping = document["components"]["schemas"]["LessonPage"]["properties"]["body"]["items"]
    assert mapping["discriminator"]["mapping"]["pronunciation_drill"].endswith(
        "/PronunciationDrillBlock"
    )

    shaped = SelfShapedBlock()
    shaped.set_name("self_shaped")
    monkeypatch.setitem(stream.child_blocks, "self_shaped", shaped)
    schema = ContentSchema(api_router)
    schema.document()
    assert any("SelfShapedBlock" in problem for problem in schema.problems)


# --- Real answers match it ------------------------------------------------------------------


def test_every_demo_lesson_in_full_matches_the_document(demo, check):
    lessons = LessonPage.objects.live().public()
    assert lessons.count() >= 20
    seen_types = set()
    for lesson in lessons:
        response = check(f"/api/v2/pages/{lesson.pk}/")
        assert response.status_code == 200
        seen_types |= {block["type"] for block in response.json()["body"]}
    # The demo shows every block type, so each component was checked against real data.
    assert seen_types == set(LessonBodyBlock().child_blocks)


def test_other_page_types_in_full_match_the_document(demo, check):
    for page in Page.objects.live().public().filter(depth__in=[2, 3, 4])[:6]:
        assert check(f"/api/v2/pages/{page.pk}/").status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?limit=100",
        "?type=lessons.LessonPage&fields=*",
        "?type=lessons.LessonPage&fields=*&limit=100&difficulty=beginner",
        "?type=lessons.CategoryPage&fields=intro,image",
        "?type=lessons.SubcategoryPage&fields=*",
        "?type=home.HomePage&fields=*",
        "?fields=_,id,title",
        "?type=lessons.LessonPage&fields=-title,intro&order=-first_published_at",
        "?type=lessons.LessonPage&search=present+simple&search_operator=and",
        "?locale=en&child_of=3",
        "?type=lessons.LessonPage,lessons.CategoryPage",
    ],
)
def test_each_listing_shape_matches_the_document(demo, check, query):
    response = check(f"/api/v2/pages/{query}")
    assert response.status_code == 200
    assert "items" in response.json()


def test_images_and_documents_match_the_document(demo, check):
    for endpoint, model in (("images", get_image_model()), ("documents", get_document_model())):
        listing = check(f"/api/v2/{endpoint}/?fields=*&limit=50")
        assert listing.status_code == 200
        items = listing.json()["items"]
        assert items, endpoint
        assert check(f"/api/v2/{endpoint}/{items[0]['id']}/").status_code == 200
        assert check(f"/api/v2/{endpoint}/?fields=_,id,title").status_code == 200
        assert model.objects.exists()


def test_find_and_errors_match_the_document(demo, check):
    lesson = LessonPage.objects.live().public().first()
    found = check(f"/api/v2/pages/find/?html_path={lesson.url_path.split('/', 2)[2]}")
    assert found.status_code == 302
    assert check("/api/v2/pages/find/?html_path=/no/such/page/").status_code == 404
    assert check("/api/v2/pages/987654/").status_code == 404
    for bad in ("?limit=1000", "?difficulty=beginner", "?type=nope.Nope", "?locale=xx", "?order=x"):
        response = check(f"/api/v2/pages/{bad}")
        assert response.status_code == 400, bad
        assert response.json()["code"] == "invalid_parameter"
    expired = check("/api/v2/pages/", HTTP_AUTHORIZATION="Bearer not-a-token")
    assert expired.status_code == 401


def test_revalidating_with_the_etag_matches_the_document(demo, check, document):
    for url in (f"/api/v2/pages/{LessonPage.objects.live().first().pk}/", "/api/v2/pages/"):
        first = check(url)
        assert first["ETag"]
        again = check(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304
        assert again.content == b""
    detail = document["paths"]["/api/v2/pages/{id}/"]["get"]
    assert "content" not in detail["responses"]["304"]
    assert "If-None-Match" in {parameter["name"] for parameter in detail["parameters"]}


def test_the_command_writes_the_served_document_without_a_server(tmp_path, document):
    target = tmp_path / "content.json"
    call_command("content_schema", "--check", "--file", str(target))
    assert json.loads(target.read_text()) == document
