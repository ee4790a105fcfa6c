"""Every block type's shape in the public content API."""

import json

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from lessons.exercises import keyed_order
from tests.lessons import builders
from tests.lessons.factories import (
    DragDropFactory,
    FillBlankFactory,
    MultipleChoiceFactory,
    VoiceResponseFactory,
    gaps,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def audio_document(db):
    return get_document_model().objects.create(
        title="Present simple audio", file=ContentFile(b"ID3fake-mp3", name="present.mp3")
    )


@pytest.fixture
def full_lesson(home_page, image, audio_document):
    _grammar, tenses = builders.lesson_tree(home_page)
    other = builders.lesson(tenses, "Past simple")
    body = [
        {"type": "heading", "value": {"text": "When do we use it?", "size": "h2"}},
        {
            "type": "paragraph",
            "value": f'<p>See also <a linktype="page" id="{other.pk}">the past simple</a>.</p>',
        },
        {"type": "image", "value": {"image": image.pk, "alt_text": "", "caption": "A square"}},
        {"type": "audio", "value": {"audio": audio_document.pk, "title": "", "transcript": "Hi"}},
        {
            "type": "video",
            "value": {"video": "https://www.youtube.com/watch?v=abc123", "caption": ""},
        },
        {
            "type": "vocabulary",
            "value": {
                "word": "usually",
                "phonetic": "/ˈjuːʒuəli/",
                "part_of_speech": "adverb",
                "meaning": "In most cases.",
                "example": "I usually walk to work.",
                "audio": audio_document.pk,
            },
        },
        {
            "type": "dialogue",
            "value": {
                "title": "At the café",
                "lines": [
                    {"speaker": "Ana", "line": "What do you do?"},
                    {"speaker": "Ben", "line": "I teach English."},
                ],
            },
        },
        {"type": "tip", "value": {"kind": "tip", "text": "<p>Add <b>-s</b> for he/she/it.</p>"}},
        {"type": "multiple_choice", "value": MultipleChoiceFactory()},
        {
            "type": "fill_blank",
            "value": FillBlankFactory(
                gaps=gaps(["works"], ["lives"]), explanation="SECRET-EXPLANATION"
            ),
        },
        {"type": "voice_response", "value": VoiceResponseFactory()},
        {"type": "drag_drop", "value": DragDropFactory(explanation="")},
    ]
    return builders.lesson(tenses, "Present simple", body=json.dumps(body))


def get_body(api_client, lesson):
    response = api_client.get(f"/api/v2/pages/{lesson.pk}/")
    assert response.status_code == 200, response.content
    return response.json(), {block["type"]: block for block in response.json()["body"]}


def test_every_block_carries_its_type_value_and_stable_id(api_client, full_lesson):
    data, blocks = get_body(api_client, full_lesson)
    stored_ids = [block.id for block in full_lesson.body]
    assert [block["id"] for block in data["body"]] == stored_ids
    assert set(blocks) == {
        "heading",
        "paragraph",
        "image",
        "audio",
        "video",
        "vocabulary",
        "dialogue",
        "tip",
        "multiple_choice",
        "fill_blank",
        "voice_response",
        "drag_drop",
    }


def test_rich_text_links_are_resolved_to_real_urls(api_client, full_lesson):
    _data, blocks = get_body(api_client, full_lesson)
    html = blocks["paragraph"]["value"]
    assert "linktype" not in html
    # Page links point at the page in the app, like meta.html_url.
    assert f'href="{settings.APP_URL}/grammar/tenses/past-simple/"' in html


def test_image_block_has_absolute_rendition_urls(api_client, full_lesson):
    _data, blocks = get_body(api_client, full_lesson)
    value = blocks["image"]["value"]
    assert value["caption"] == "A square"
    assert value["image"]["alt"] == "A teal square"
    for rendition in value["image"]["renditions"].values():
        assert rendition["url"].startswith(("http://", "https://"))
        assert rendition["width"] <= 640


def test_audio_and_vocabulary_documents_have_absolute_urls(api_client, full_lesson):
    _data, blocks = get_body(api_client, full_lesson)
    assert blocks["audio"]["value"]["audio"]["url"].startswith("http")
    assert blocks["vocabulary"]["value"]["audio"]["url"].startswith("http")
    assert blocks["vocabulary"]["value"]["word"] == "usually"


def test_exercises_never_carry_answers_or_explanations(api_client, full_lesson):
    data, blocks = get_body(api_client, full_lesson)
    assert blocks["multiple_choice"]["value"] == {
        "question": "She ___ coffee every morning.",
        "options": ["drink", "drinks", "drinking"],
        "allow_multiple": False,
    }
    assert blocks["fill_blank"]["value"] == {
        "text": "He {1} (work) in a bank and {2} (live) in Leeds.",
        "gap_count": 2,
    }
    assert blocks["voice_response"]["value"] == {"prompt": "Say what you do every morning."}
    drag = blocks["drag_drop"]["value"]
    assert sorted(drag["items"]) == sorted(["She", "never", "eats", "meat"])
    # In the keyed order of lessons.exercises (tests/lessons/test_exercise_public_shapes.py);
    # here it happens to coincide with the correct order, as a fair shuffle sometimes does.
    assert drag["items"] == [
        ["She", "never", "eats", "meat"][i]
        for i in keyed_order(blocks["drag_drop"]["id"], "items", ["She", "never", "eats", "meat"])
    ]
    raw = json.dumps(data)
    for secret in ("is_correct", "accepted_answers", "works", "SECRET-EXPLANATION", "get up at"):
        assert secret not in raw


def representation_by_wagtail(body, context: dict) -> list[dict]:
    """Each block shown from its converted value, as Wagtail does (lessons.blocks_raw shows
    most of them from their stored form instead)."""
    return [
        {
            "type": child.block.name,
            "value": child.block.get_api_representation(
                child.value, context={**context, "block_id": child.id}
            ),
            "id": child.id,
        }
        for child in body
    ]


@pytest.mark.parametrize("audio", [True, False])
def test_blocks_shown_from_their_stored_form_are_shown_as_wagtail_shows_them(
    rf, full_lesson, audio_document, audio
):
    from lessons.blocks import LessonBodyBlock
    from lessons.models import LessonPage

    stream = list(full_lesson.body.raw_data)
    if not audio:
        for block in stream:
            if block["type"] in ("audio", "vocabulary"):
                block["value"]["audio"] = None
    # Older content: a list stored as bare values, and a struct missing a newer field.
    stream.append(
        {
            "type": "dialogue",
            "id": "old-dialogue",
            "value": {
                "lines": [{"speaker": "Ana", "line": "Hi"}, {"speaker": "Ben", "line": "Yo"}]
            },
        }
    )
    stream.append({"type": "heading", "id": "old-heading", "value": {"text": "No size"}})
    page = LessonPage.objects.get(pk=full_lesson.pk)
    page.body = json.dumps(stream)
    page.save()
    context = {"request": rf.get("/api/v2/pages/")}
    fresh = LessonPage.objects.get(pk=full_lesson.pk).body
    shown = LessonBodyBlock().get_api_representation(fresh, context)
    reference = LessonPage.objects.get(pk=full_lesson.pk).body
    assert shown == representation_by_wagtail(reference, context)
    assert [block["type"] for block in shown][-2:] == ["dialogue", "heading"]
