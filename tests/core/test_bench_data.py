"""The synthetic curriculum of `make bench` (scripts/bench_data.py) is a tree Wagtail accepts
and serves exactly as one built by editors: a benchmark of a broken tree would measure nothing."""

import pytest
from django.db import connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from lessons.models import LessonPage
from scripts.bench_data import (
    LESSONS_PER_SUBCATEGORY,
    SEARCH_WORD,
    TOPICS,
    BodySearchContent,
    build_curriculum,
)

pytestmark = pytest.mark.django_db

LESSONS = LESSONS_PER_SUBCATEGORY + 30  # two subcategories, the second one partly filled


@pytest.fixture
def curriculum(home_page):
    return build_curriculum(LESSONS)


def test_the_tree_is_one_treebeard_and_wagtail_accept(curriculum):
    assert Page.find_problems() == ([], [], [], [], [])
    home = Page.objects.get(pk=curriculum.home.pk)
    assert home.numchild == len(curriculum.categories)
    for section in [*curriculum.categories, *curriculum.subcategories]:
        section.refresh_from_db()
        assert section.get_children().count() == section.numchild
    lesson = LessonPage.objects.get(pk=curriculum.lesson_ids[-1])
    assert lesson.get_parent().specific_class.__name__ == "SubcategoryPage"
    assert lesson.url_path == lesson.get_parent().url_path + lesson.slug + "/"
    # A page added by an editor's path lands after the bulk-built ones.
    parent = lesson.get_parent()
    added = parent.add_child(instance=LessonPage(title="Added later", intro="New."))
    assert added.path > lesson.path
    assert Page.find_problems() == ([], [], [], [], [])


def test_the_content_api_serves_every_lesson_with_its_body_and_cover(curriculum, api_client):
    listing = api_client.get("/api/v2/pages/?type=lessons.LessonPage&fields=*&limit=100").json()
    assert listing["meta"]["total_count"] == LESSONS  # the members' lessons are not public
    assert all(item["cover_image"]["renditions"]["card"]["url"] for item in listing["items"])
    detail = api_client.get(f"/api/v2/pages/{curriculum.lesson_ids[0]}/").json()
    types = [block["type"] for block in detail["body"]]
    assert {"paragraph", "image", "multiple_choice", "fill_blank", "drag_drop"} <= set(types)
    image = next(block for block in detail["body"] if block["type"] == "image")
    assert image["value"]["image"]["renditions"]["medium"]["url"]


def test_the_members_category_opens_to_a_members_token(
    curriculum, api_client, make_member, member_client
):
    lesson = curriculum.members_lesson_ids[0]
    assert api_client.get(f"/api/v2/pages/{lesson}/").status_code == 404
    member = member_client(make_member("bench@example.com"))
    assert member.get(f"/api/v2/pages/{lesson}/").status_code == 200


def test_search_finds_a_tenth_of_the_lessons_by_topic(curriculum, api_client):
    found = api_client.get(f"/api/v2/pages/?type=lessons.LessonPage&search={SEARCH_WORD}").json()
    expected = sum(1 for n in range(LESSONS) if TOPICS[n % len(TOPICS)] == SEARCH_WORD)
    assert found["meta"]["total_count"] == expected


def test_bulk_index_entries_are_the_ones_the_search_backend_writes(curriculum):
    lesson = LessonPage.objects.get(pk=curriculum.lesson_ids[3])
    assert BodySearchContent()(lesson) == LessonPage._meta.get_field("body").get_searchable_content(
        lesson.body
    )

    def entry():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT title::text, body::text, autocomplete::text FROM wagtailsearch_indexentry "
                "WHERE object_id = %s",
                [str(lesson.pk)],
            )
            return cursor.fetchone()

    bulk = entry()
    IndexEntry.objects.filter(object_id=str(lesson.pk)).delete()
    get_search_backend().add(lesson)
    assert entry() == bulk
