"""What a content answer keeps in the process between requests (core/memo.py, core/media.py):
an image's renditions, a page's place in the tree and its parent, translations. Rendered
answers are not cached here (CONTENT_API_CACHE is off in tests): every answer is rendered, yet
every change reaches the next one, because each change replaces the tokens that guard what is
kept (against the real Redis)."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from core.media import BLOCK_IMAGE_RENDITIONS
from tests.lessons import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson_with_image(home_page, image):
    _grammar, tenses = builders.lesson_tree(home_page)
    body = [
        {"type": "heading", "value": {"text": "Look", "size": "h2"}},
        {"type": "image", "value": {"image": image.pk, "alt_text": "", "caption": "A square"}},
        {"type": "image", "value": {"image": image.pk, "alt_text": "Teal", "caption": ""}},
    ]
    lesson = builders.lesson(tenses, "Present simple", body=json.dumps(body), cover_image=image)
    return lesson


def detail(api_client, page) -> dict:
    response = api_client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200, response.content
    return response.json()


def queries_of(api_client, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get(url)
    return response.status_code, len(queries.captured_queries)


def test_a_warm_lesson_detail_reads_only_its_own_row(api_client, lesson_with_image):
    url = f"/api/v2/pages/{lesson_with_image.pk}/"
    assert queries_of(api_client, url)[0] == 200
    # The lesson's row (with its locale and cover image): whether it is visible is asked with
    # it. Its parent, images and renditions, and translations are known.
    assert queries_of(api_client, url) == (200, 1)


def test_image_blocks_show_the_image_and_each_block_its_own_alt_and_caption(
    api_client, lesson_with_image, image
):
    body = detail(api_client, lesson_with_image)["body"]
    first, second = body[1]["value"], body[2]["value"]
    assert (first["caption"], first["image"]["alt"]) == ("A square", "A teal square")
    assert (second["caption"], second["image"]["alt"]) == ("", "Teal")
    assert first["image"]["id"] == image.pk
    assert set(first["image"]["renditions"]) == set(BLOCK_IMAGE_RENDITIONS)
    assert all(
        rendition["url"].startswith(("http://", "https://"))
        for rendition in first["image"]["renditions"].values()
    )


def test_an_image_change_reaches_the_next_answer(api_client, lesson_with_image, image):
    detail(api_client, lesson_with_image)
    image.title = "A renamed square"
    image.description = "Renamed"
    image.save()
    data = detail(api_client, lesson_with_image)
    assert data["cover_image"]["title"] == "A renamed square"
    assert data["body"][1]["value"]["image"]["title"] == "A renamed square"
    assert data["body"][1]["value"]["image"]["alt"] == "Renamed"


def test_a_deleted_image_leaves_its_blocks_empty(api_client, lesson_with_image, image):
    detail(api_client, lesson_with_image)
    image.delete()
    data = detail(api_client, lesson_with_image)
    assert data["cover_image"] is None
    assert data["body"][1]["value"] == {"image": None, "caption": "A square"}


def test_an_unpublished_lesson_is_gone_from_the_next_answer(api_client, lesson_with_image):
    detail(api_client, lesson_with_image)
    lesson_with_image.unpublish()
    assert api_client.get(f"/api/v2/pages/{lesson_with_image.pk}/").status_code == 404


def test_a_page_created_after_its_id_was_asked_for_is_found(api_client, home_page):
    _grammar, tenses = builders.lesson_tree(home_page)
    first = builders.lesson(tenses, "First")
    next_id = first.pk + 1
    assert api_client.get(f"/api/v2/pages/{next_id}/").status_code == 404
    second = builders.lesson(tenses, "Second")
    assert second.pk == next_id
    assert detail(api_client, second)["title"] == "Second"


def test_a_restricted_parent_is_hidden_at_once_and_shown_again(api_client, home_page):
    _grammar, tenses = builders.lesson_tree(home_page)
    lesson = builders.lesson(tenses, "Present simple")
    assert detail(api_client, lesson)["meta"]["parent"]["id"] == tenses.pk
    restriction = PageViewRestriction.objects.create(
        page=lesson, restriction_type=PageViewRestriction.LOGIN
    )
    assert api_client.get(f"/api/v2/pages/{lesson.pk}/").status_code == 404
    restriction.delete()
    assert detail(api_client, lesson)["meta"]["parent"]["id"] == tenses.pk
    # A parent taken offline takes its lesson with it.
    tenses.unpublish()
    assert api_client.get(f"/api/v2/pages/{lesson.pk}/").status_code == 404


def test_a_moved_lesson_shows_its_new_parent(api_client, home_page):
    grammar, tenses = builders.lesson_tree(home_page)
    other = builders.subcategory(grammar, "Vocabulary")
    lesson = builders.lesson(tenses, "Present simple")
    assert detail(api_client, lesson)["meta"]["parent"]["id"] == tenses.pk
    lesson.move(other, pos="last-child")
    data = detail(api_client, lesson)
    assert data["meta"]["parent"]["id"] == other.pk
    assert "/vocabulary/present-simple/" in data["meta"]["html_url"]
