"""A listing's SQL compiled once per request shape and process (`core.kept_sql`): the same
answers as a fresh compilation for every shape, never one shape's statement for another, and
compiled again after any content change (against the real PostgreSQL and Redis)."""

import pytest
from django.db.models.sql.compiler import SQLCompiler
from wagtail.models import PageViewRestriction

from tests.lessons import builders

pytestmark = pytest.mark.django_db

LESSONS = "/api/v2/pages/?type=lessons.LessonPage"


@pytest.fixture
def compilations(monkeypatch):
    """How many statements Django compiles (each SQL compilation, counted and then done)."""
    count = {"n": 0}
    compile_sql = SQLCompiler.as_sql

    def counted(self, *args, **kwargs):
        count["n"] += 1
        return compile_sql(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counted)
    return count


@pytest.fixture
def lessons(home_page):
    grammar, tenses = builders.lesson_tree(home_page)
    travel = builders.subcategory(grammar, "Travel")
    return {
        "tenses": tenses,
        "travel": travel,
        "pages": [
            builders.lesson(tenses, "Present simple", difficulty="beginner"),
            builders.lesson(tenses, "Past simple", difficulty="intermediate"),
            builders.lesson(tenses, "Future", difficulty="advanced"),
            builders.lesson(travel, "At the airport", difficulty="beginner"),
            builders.lesson(travel, "At the hotel", difficulty="intermediate"),
        ],
    }


def ids(client, url: str) -> list[int]:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def test_a_listing_read_again_is_not_compiled_again(api_client, lessons, compilations, settings):
    url = f"{LESSONS}&fields=difficulty"
    first = ids(api_client, url)
    assert compilations["n"] > 0
    compilations["n"] = 0
    assert ids(api_client, url) == first
    # Its count and every other read are kept too: nothing is compiled.
    assert compilations["n"] == 0
    # A browser session keeps nothing: the rows' statement is compiled (and its count's).
    api_client.cookies[settings.SESSION_COOKIE_NAME] = "a-session"
    assert ids(api_client, url) == first
    assert compilations["n"] >= 2


SHAPES = [
    f"{LESSONS}",
    f"{LESSONS}&limit=2",
    f"{LESSONS}&limit=2&offset=2",
    f"{LESSONS}&order=-title",
    f"{LESSONS}&order=title",
    f"{LESSONS}&difficulty=beginner",
    f"{LESSONS}&difficulty=intermediate",
    f"{LESSONS}&fields=*",
    f"{LESSONS}&fields=title,difficulty&order=-id",
    "/api/v2/pages/?child_of={tenses}",
    "/api/v2/pages/?child_of={travel}",
    "/api/v2/pages/?descendant_of={travel}&type=lessons.LessonPage",
]


def test_every_shape_answers_as_a_fresh_compilation_would(api_client, lessons, settings):
    urls = [
        shape.format(tenses=lessons["tenses"].pk, travel=lessons["travel"].pk) for shape in SHAPES
    ]
    # Each shape read twice, one after another and interleaved: what a statement kept for one
    # shape answers equals what its own compilation answers, never another shape's.
    fresh = {url: ids(api_client, url) for url in urls}
    assert len({tuple(found) for found in fresh.values()}) >= 10
    for url in urls + urls[::-1]:
        assert ids(api_client, url) == fresh[url], url
    # A browser session keeps nothing (and compiles): the same answers.
    api_client.cookies[settings.SESSION_COOKIE_NAME] = "a-session"
    for url in urls:
        assert ids(api_client, url) == fresh[url], url


def test_a_publish_and_an_unpublish_reach_the_next_read(api_client, lessons):
    url = f"{LESSONS}&order=title"
    before = ids(api_client, url)
    newest = builders.lesson(lessons["tenses"], "Adverbs")
    assert ids(api_client, url) == [newest.pk, *before]  # "Adverbs" first by title
    lessons["pages"][0].unpublish()
    assert lessons["pages"][0].pk not in ids(api_client, url)


def test_a_member_and_an_anonymous_reader_never_share_a_statement(
    api_client, lessons, make_member, member_client
):
    private = lessons["pages"][1]
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    member = member_client(make_member())
    url = f"{LESSONS}&fields=difficulty"
    for _ in range(2):
        assert private.pk in ids(member, url)
        assert private.pk not in ids(api_client, url)


def test_each_detail_is_its_own_page_though_read_by_one_statement(
    api_client, lessons, compilations
):
    pages = lessons["pages"]
    for page in pages + pages[::-1]:
        for query in ("", "?fields=_,id,title", "?fields=-difficulty"):
            response = api_client.get(f"/api/v2/pages/{page.pk}/{query}")
            assert response.status_code == 200, response.content
            body = response.json()
            assert (body["id"], body["title"]) == (page.pk, page.title)
            assert ("difficulty" in body) == (query == "")
            assert ("intro" in body) == (query != "?fields=_,id,title")
    # Known pages (their place in the tree, parent, translations): no statement compiled.
    compilations["n"] = 0
    assert api_client.get(f"/api/v2/pages/{pages[2].pk}/").json()["id"] == pages[2].pk
    assert compilations["n"] == 0
