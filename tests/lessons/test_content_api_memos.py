"""What a content answer keeps in the process between requests (core/memo.py, core/media.py):
an image's renditions, a page's place in the tree and its parent, translations. Rendered
answers are not cached here (CONTENT_API_CACHE is off in tests): every answer is rendered, yet
every change reaches the next one, because each change replaces the tokens that guard what is
kept (against the real Redis)."""

import io
import json

import pytest
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage, storages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.models import Locale, PageViewRestriction

from core import response_cache
from core.media import BLOCK_IMAGE_RENDITIONS, COVER_RENDITIONS
from tests.conftest import png_bytes
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


# --- listings ------------------------------------------------------------------------------------

LISTING = "/api/v2/pages/?type=lessons.LessonPage&fields=*"


@pytest.fixture
def listed_lessons(home_page, image):
    """30 live lessons with covers (10 images, so some share one), the first with a Spanish
    translation."""
    _grammar, tenses = builders.lesson_tree(home_page)
    image.get_renditions(*COVER_RENDITIONS.values())
    images = [image, *builders.copies_of_image(image, 9)]
    lessons = [
        builders.lesson(tenses, f"Lesson {number}", cover_image=images[number % 10])
        for number in range(30)
    ]
    spanish = Locale.objects.get(language_code="es")
    for page in (home_page, _grammar, tenses):
        page.copy_for_translation(spanish).save_revision().publish()
    translation = lessons[0].copy_for_translation(spanish)
    translation.title = "Lección 0"
    translation.slug = "leccion-0"
    translation.save_revision().publish()
    return {"lessons": lessons, "images": images, "spanish": spanish, "tenses": tenses}


def listing(api_client, query: str = "&limit=30") -> dict[str, dict]:
    response = api_client.get(f"{LISTING}&locale=en{query}")
    assert response.status_code == 200, response.content
    return {item["title"]: item for item in response.json()["items"]}


def translations_of(item: dict) -> list[tuple[str, int]]:
    return [(t["locale"], t["id"]) for t in item["meta"]["translations"]]


def cold() -> None:
    """What a change of anything does to this process's memory: nothing is known any more."""
    response_cache.content_changed(everything=True)


def test_a_warm_listing_with_every_field_reads_only_its_pages(api_client, listed_lessons):
    url = f"{LISTING}&locale=en&limit=20"
    assert queries_of(api_client, url)[0] == 200
    # The pages (with their locale and cover image rows); their count, translations and the
    # covers' renditions are known.
    assert queries_of(api_client, url) == (200, 1)


def test_a_cold_listing_reads_translations_and_renditions_once_whatever_the_limit(
    api_client, listed_lessons
):
    queries_of(api_client, f"{LISTING}&locale=en&limit=5")  # what no change forgets (types)
    counts = {}
    for limit in (5, 30):
        cold()
        counts[limit] = queries_of(api_client, f"{LISTING}&locale=en&limit={limit}")
    assert counts[5] == counts[30], counts
    assert counts[5][1] <= 12  # sites, locales, rules, count, pages, translations, renditions
    # Half known (limit 20 after 5): the unknown items in one query each, still.
    cold()
    queries_of(api_client, f"{LISTING}&locale=en&limit=5")
    half = queries_of(api_client, f"{LISTING}&locale=en&limit=30")
    assert half == (200, 3)  # the pages, the others' translations, the others' renditions


def test_a_listing_shows_the_same_covers_and_translations_cold_and_warm(api_client, listed_lessons):
    cold()
    first = listing(api_client)
    second = listing(api_client)
    assert first == second
    translation = listed_lessons["lessons"][0].get_translation(listed_lessons["spanish"])
    assert translations_of(first["Lesson 0"]) == [("es", translation.pk)]
    assert first["Lesson 0"]["meta"]["translations"][0]["html_url"].endswith("/leccion-0/")
    assert translations_of(first["Lesson 1"]) == []
    cover = first["Lesson 3"]["cover_image"]
    assert cover["id"] == listed_lessons["images"][3].pk
    assert set(cover["renditions"]) == set(COVER_RENDITIONS)
    assert cover["renditions"]["card"]["width"] == 640


def test_a_published_translation_appears_in_the_next_listing(api_client, listed_lessons):
    assert translations_of(listing(api_client)["Lesson 1"]) == []
    translation = listed_lessons["lessons"][1].copy_for_translation(listed_lessons["spanish"])
    translation.slug = "leccion-1"
    translation.save_revision().publish()
    assert translations_of(listing(api_client)["Lesson 1"]) == [("es", translation.pk)]
    # And in the detail, which shares the listing's memory of the page.
    detail_data = detail(api_client, listed_lessons["lessons"][1])
    assert [t["id"] for t in detail_data["meta"]["translations"]] == [translation.pk]
    translation.refresh_from_db()
    translation.unpublish()
    assert translations_of(listing(api_client)["Lesson 1"]) == []
    assert detail(api_client, listed_lessons["lessons"][1])["meta"]["translations"] == []


def test_a_restricted_translation_leaves_the_next_listing(api_client, listed_lessons):
    lesson = listed_lessons["lessons"][0]
    translation = lesson.get_translation(listed_lessons["spanish"])
    detail(api_client, lesson)  # its translations known to the detail, and so to the listing
    assert translations_of(listing(api_client)["Lesson 0"]) == [("es", translation.pk)]
    restriction = PageViewRestriction.objects.create(
        page=translation, restriction_type=PageViewRestriction.LOGIN
    )
    assert translations_of(listing(api_client)["Lesson 0"]) == []
    assert detail(api_client, lesson)["meta"]["translations"] == []
    restriction.delete()
    assert translations_of(listing(api_client)["Lesson 0"]) == [("es", translation.pk)]


def test_a_member_and_an_anonymous_reader_each_see_their_own_translations(
    api_client, listed_lessons, make_member, member_client
):
    lesson = listed_lessons["lessons"][0]
    translation = lesson.get_translation(listed_lessons["spanish"])
    PageViewRestriction.objects.create(page=translation, restriction_type=PageViewRestriction.LOGIN)
    member = member_client(make_member())
    for _ in range(2):  # cold, then from this process's memory
        assert translations_of(listing(member)["Lesson 0"]) == [("es", translation.pk)]
        assert translations_of(listing(api_client)["Lesson 0"]) == []


def test_an_image_change_reaches_the_next_listing(api_client, listed_lessons):
    image = listed_lessons["images"][2]
    before = listing(api_client)["Lesson 2"]["cover_image"]
    image.title = "Renamed"
    image.focal_point_x, image.focal_point_y = 10, 10
    image.focal_point_width, image.focal_point_height = 20, 20
    image.save()
    after = listing(api_client)
    cover = after["Lesson 2"]["cover_image"]
    assert cover["title"] == after["Lesson 12"]["cover_image"]["title"] == "Renamed"
    # New renditions around the focal point: new files.
    assert cover["renditions"]["card"]["url"] != before["renditions"]["card"]["url"]
    assert after["Lesson 3"]["cover_image"]["title"] != "Renamed"


def test_a_replaced_image_file_reaches_the_next_listing(api_client, listed_lessons):
    image = listed_lessons["images"][4]
    assert listing(api_client)["Lesson 4"]["cover_image"]["width"] == 640
    image.file = ImageFile(io.BytesIO(png_bytes(800, 600)), name="bigger.png")
    image._set_image_file_metadata()
    image.renditions.all().delete()
    image.save()
    cover = listing(api_client)["Lesson 4"]["cover_image"]
    assert (cover["width"], cover["height"]) == (800, 600)
    assert cover["renditions"]["thumbnail"]["width"] == 320


def test_a_listing_of_signed_images_reads_their_renditions_with_its_pages(
    api_client, listed_lessons, monkeypatch
):
    # The images' storage (Django's default one) signing its URLs, as a private bucket's does.
    assert get_image_model()._meta.get_field("file").storage is default_storage
    monkeypatch.setattr(storages["default"], "querystring_auth", True)
    url = f"{LISTING}&locale=en"
    counts = {}
    for limit in (5, 30):
        api_client.get(f"{url}&limit={limit}")
        counts[limit] = queries_of(api_client, f"{url}&limit={limit}")
    assert counts[5] == counts[30], counts
    # Every answer makes its URLs anew (they expire), so nothing of them is kept.
    cover = listing(api_client)["Lesson 0"]["cover_image"]
    assert (
        "Signature=" in cover["renditions"]["card"]["url"]
        or "X-Amz-" in (cover["renditions"]["card"]["url"])
    )
