"""The learner API's OpenAPI document (`/api/schema/`): valid, typed per exercise, every error
documented, and true of what the API really answers.

One learner's tour of every learner endpoint (successes and 4xx), each answer validated against
the served document with openapi-core; the tour must reach every operation of the document
outside study abroad, which has its own tests.
"""

import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIResponse
from openapi_core.testing import MockRequest
from openapi_spec_validator import validate
from PIL import Image as PILImage
from rest_framework.test import APIClient

from lessons.blocks import exercise_blocks
from tests.lessons import audio
from tests.lessons.conftest import (  # noqa: F401 - the fixtures, for this module too
    EXERCISES,
    exercise_lesson,
    learner,
    learner_client,
    lesson_section,
    right_answer,
)

pytestmark = pytest.mark.django_db

SCHEMA_URL = "/api/schema/"
# Operations the tour leaves to their own tests: {(path, method): reason}.
NOT_TOURED: dict[tuple[str, str], str] = {}
NOT_TOURED_PREFIXES = ("/api/v1/abroad/",)  # study abroad: tests/abroad


@pytest.fixture(scope="module")
def document() -> dict:
    response = APIClient().get(SCHEMA_URL)
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    return json.loads(response.content)


class Tour:
    """Calls the API and checks every answer against the document, noting what it reached."""

    def __init__(self, document: dict):
        self.document = document
        self.openapi = OpenAPI.from_dict(document)
        self.reached: set[tuple[str, str]] = set()
        self.statuses: set[tuple[str, str, int]] = set()
        self.templates = [
            (path, re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", path) + "$"))
            for path in document["paths"]
        ]

    def template_of(self, path: str) -> str:
        matches = [template for template, pattern in self.templates if pattern.match(path)]
        assert matches, f"{path} is not in the document"
        return min(matches, key=lambda template: template.count("{"))

    def __call__(self, client, method: str, path: str, data=None, expect: int = 200, **extra):
        kwargs = {"format": "json"} if data is not None and "format" not in extra else {}
        response = getattr(client, method)(path, data, **kwargs, **extra)
        assert response.status_code == expect, (
            method,
            path,
            response.status_code,
            response.content,
        )
        # The request only tells which operation answered (a multipart body cannot be re-read).
        request = MockRequest("http://testserver", method, path.split("?")[0])
        self.openapi.validate_response(request, DjangoOpenAPIResponse(response))
        template = self.template_of(path.split("?")[0])
        operation = self.document["paths"][template][method]
        documented = operation["responses"][str(response.status_code)]
        if response.status_code == 204:
            assert response.content == b"" and "content" not in documented, (method, path)
        self.reached.add((template, method))
        self.statuses.add((template, method, response.status_code))
        return response


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (120, 80), "teal").save(buffer, format="PNG")
    return SimpleUploadedFile("me.png", buffer.getvalue(), content_type="image/png")


# --- The document -------------------------------------------------------------------------------


def test_the_document_is_valid_openapi(document):
    validate(document)
    assert document["openapi"].startswith("3.0")
    assert all(path.startswith("/api/v1/") for path in document["paths"])


def test_an_attempt_is_typed_per_exercise_type_by_block_type(document):
    schemas = document["components"]["schemas"]
    attempt = schemas["Attempt"]
    assert attempt["discriminator"]["propertyName"] == "block_type"
    mapping = attempt["discriminator"]["mapping"]
    assert set(mapping) == set(exercise_blocks())
    for block_type, ref in mapping.items():
        block = exercise_blocks()[block_type]
        variant = schemas[ref.rsplit("/", 1)[1]]
        assert {"block_type", "exercise", "answer", "feedback"} <= set(variant["required"])
        exercise = dict(variant["properties"]["exercise"])
        assert exercise.pop("readOnly") is True
        exercise.pop("description")
        assert exercise == block.public_schema
        answer = {k: v for k, v in variant["properties"]["answer"].items() if k != "readOnly"}
        # (alternatives without a discriminator are written `anyOf`: core.schema)
        assert answer == json.loads(json.dumps(block.answer_schema).replace("oneOf", "anyOf"))
        assert variant["properties"]["feedback"]["nullable"] is True
    # What a client sends names its type in each entry (a union of arrays has no discriminator).
    answer = schemas["AttemptCreateRequest"]["properties"]["answer"]
    assert [entry["title"] for entry in answer["anyOf"]] == list(exercise_blocks())
    assert "block" in answer["description"]


def test_every_operation_documents_its_errors_in_the_one_error_shape(document):
    error = {"$ref": "#/components/schemas/Error"}
    assert set(document["components"]["schemas"]["Error"]["required"]) == {"detail", "code"}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert "401" in responses, (method, path)
            if "{" in path:
                assert "404" in responses, (method, path)
            if "requestBody" in operation:
                assert {"400", "413", "415"} <= set(responses), (method, path)
            for status, response in responses.items():
                if status.startswith("4"):
                    assert response["content"]["application/json"]["schema"] == error
                if status == "204":
                    assert "content" not in response, (method, path)
    comments = document["paths"]["/api/v1/lessons/{page_id}/comments/"]
    assert {"403", "429"} <= set(comments["post"]["responses"])
    assert "429" not in comments["get"]["responses"]  # reading is never throttled
    assert "403" in document["paths"]["/api/v1/comments/{comment_id}/"]["patch"]["responses"]


def test_deletes_that_answer_a_body_say_so_and_closing_the_account_takes_the_password(document):
    like = document["paths"]["/api/v1/lessons/{page_id}/like/"]["delete"]["responses"]
    assert "200" in like and "204" not in like
    avatar = document["paths"]["/api/v1/me/avatar/"]["delete"]["responses"]
    assert "200" in avatar and "204" not in avatar
    close = document["paths"]["/api/v1/me/"]["delete"]
    assert "204" in close["responses"]
    body = close["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert "password" in document["components"]["schemas"][body.rsplit("/", 1)[1]]["properties"]


# --- Real answers match it ------------------------------------------------------------------


def test_a_tour_of_the_learner_api_matches_the_document_everywhere(
    document, request, make_member, member_client
):
    # The lessons app's fixtures: a learner, signed in, and a lesson with every exercise type.
    member = request.getfixturevalue("learner")
    me = request.getfixturevalue("learner_client")
    lesson = request.getfixturevalue("exercise_lesson").pk
    call = Tour(document)
    other_member = make_member("other@example.com", first_name="Otto")
    other = member_client(other_member)

    # The member
    call(APIClient(), "get", "/api/v1/me/", expect=401)
    call(me, "get", "/api/v1/me/")
    call(
        me, "patch", "/api/v1/me/", {"first_name": "Ana", "profile": {"timezone": "Europe/Madrid"}}
    )
    call(me, "patch", "/api/v1/me/", {"profile": {"timezone": "Mars/Base"}}, expect=400)
    call(me, "put", "/api/v1/me/avatar/", {"avatar": png()}, format="multipart")
    call(me, "put", "/api/v1/me/avatar/", {"avatar": "x"}, format="multipart", expect=400)
    call(me, "delete", "/api/v1/me/avatar/")
    call(
        me, "post", "/api/v1/me/role-request/", {"role": "teacher", "note": "I teach."}, expect=201
    )
    call(me, "post", "/api/v1/me/role-request/", {"role": "homestay"}, expect=400)

    # Progress
    call(me, "get", f"/api/v1/lessons/{lesson}/progress/", expect=404)
    call(me, "put", f"/api/v1/lessons/{lesson}/progress/", {"status": "started", "position": 2})
    call(me, "put", f"/api/v1/lessons/{lesson}/progress/", {"status": "nope"}, expect=400)
    call(me, "get", f"/api/v1/lessons/{lesson}/progress/")
    call(me, "get", "/api/v1/me/progress/")
    call(me, "get", "/api/v1/me/progress/?limit=1000", expect=400)
    call(me, "put", "/api/v1/lessons/987654/progress/", {"status": "started"}, expect=404)

    # Recordings, then every exercise type answered (the voice answer names the recording)
    upload = SimpleUploadedFile("answer.wav", audio.wav_silence(1.0))
    recording = call(
        me, "post", "/api/v1/me/recordings/", {"audio": upload}, format="multipart", expect=201
    ).json()
    call(me, "post", "/api/v1/me/recordings/", {"audio": "x"}, expect=415)
    call(me, "get", "/api/v1/me/recordings/")
    call(me, "get", f"/api/v1/me/recordings/{recording['id']}/")
    call(other, "get", f"/api/v1/me/recordings/{recording['id']}/", expect=404)
    seen_types = set()
    for block_id, (block_type, value) in EXERCISES.items():
        answer = right_answer(block_type, value, block_id)
        if block_type == "voice_response":
            answer = {"transcript": "I get up at seven", "recording": recording["id"]}
        attempt = call(
            me,
            "post",
            f"/api/v1/lessons/{lesson}/attempts/",
            {"block_id": block_id, "answer": answer},
            expect=201,
        ).json()
        assert attempt["block_type"] == block_type
        seen_types.add(block_type)
    assert seen_types == set(exercise_blocks())
    call(
        me,
        "post",
        f"/api/v1/lessons/{lesson}/attempts/",
        {"block_id": "single", "answer": "not a list"},
        expect=400,
    )
    call(
        me,
        "post",
        "/api/v1/lessons/987654/attempts/",
        {"block_id": "single", "answer": [0]},
        expect=404,
    )
    call(me, "get", "/api/v1/me/attempts/")
    call(me, "get", f"/api/v1/me/attempts/?lesson={lesson}")
    call(me, "get", "/api/v1/me/attempts/?lesson=abc", expect=400)
    call(me, "delete", f"/api/v1/me/recordings/{recording['id']}/", expect=204)

    # Bookmarks, likes, stats
    call(me, "post", "/api/v1/me/bookmarks/", {"lesson": lesson}, expect=201)
    call(me, "post", "/api/v1/me/bookmarks/", {"lesson": lesson})
    call(me, "post", "/api/v1/me/bookmarks/", {"lesson": 987654}, expect=400)
    call(me, "get", "/api/v1/me/bookmarks/")
    call(me, "delete", f"/api/v1/me/bookmarks/{lesson}/", expect=204)
    call(me, "delete", "/api/v1/me/bookmarks/987654/", expect=404)
    call(me, "get", f"/api/v1/lessons/{lesson}/like/")
    call(me, "post", f"/api/v1/lessons/{lesson}/like/", expect=201)
    call(me, "post", f"/api/v1/lessons/{lesson}/like/")
    call(me, "delete", f"/api/v1/lessons/{lesson}/like/")
    call(me, "get", "/api/v1/lessons/987654/like/", expect=404)
    call(me, "get", "/api/v1/me/stats/")

    # Comments: write, reply, read, edit, report, moderate, throttle
    comments = f"/api/v1/lessons/{lesson}/comments/"
    comment = call(me, "post", comments, {"text": "Helpful, thanks!"}, expect=201).json()
    call(other, "post", comments, {"text": "Me too.", "parent": comment["id"]}, expect=201)
    call(me, "post", comments, {"text": ""}, expect=400)
    call(me, "get", comments)
    call(me, "get", f"{comments}?parent={comment['id']}")
    call(me, "get", f"{comments}?parent=abc", expect=400)
    detail = f"/api/v1/comments/{comment['id']}/"
    call(me, "get", detail)
    call(me, "patch", detail, {"text": "Very helpful, thanks!"})
    call(other, "patch", detail, {"text": "Mine now."}, expect=403)
    call(other, "post", f"{detail}report/", {"reason": "spam"}, expect=201)
    call(other, "post", f"{detail}report/", {"reason": "spam"})
    call(me, "post", f"{detail}report/", {"reason": "nope"}, expect=400)
    call(other, "delete", detail, expect=403)
    call(me, "delete", detail, expect=204)
    call(me, "get", detail, expect=404)
    unverified = member_client(make_member("new@example.com", verified=False))
    call(unverified, "post", comments, {"text": "Hello"}, expect=403)
    for _ in range(12):
        response = me.post(comments, {"text": "Again"}, format="json")
        if response.status_code == 429:
            break
    call(me, "post", comments, {"text": "Once more"}, expect=429)

    # Follows
    follow = f"/api/v1/members/{other_member.pk}/follow/"
    call(me, "get", follow)
    call(me, "post", follow, expect=201)
    call(me, "post", follow)
    call(me, "get", f"/api/v1/members/{other_member.pk}/followers/")
    call(me, "get", f"/api/v1/members/{member.pk}/following/")
    call(me, "delete", follow, expect=204)
    call(me, "get", "/api/v1/members/987654/follow/", expect=404)
    call(me, "get", "/api/v1/members/987654/followers/", expect=404)

    # Closing the account, last
    call(me, "delete", "/api/v1/me/", {"password": "wrong"}, expect=400)
    call(me, "delete", "/api/v1/me/", {"password": "a-Strong-passphrase-42"}, expect=204)
    call(me, "get", "/api/v1/me/", expect=401)

    documented = {
        (path, method)
        for path, operations in document["paths"].items()
        for method in operations
        if not path.startswith(NOT_TOURED_PREFIXES) and (path, method) not in NOT_TOURED
    }
    assert documented - call.reached == set(), "operations the tour never reached"
