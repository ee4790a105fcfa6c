"""`?search=` ranked on the search index alone (`core.search`): Wagtail's results, order and
`total_count`, without joining the pages; fresh after every publish; never showing what the
request may not see; left to Wagtail's search where it cannot answer."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction
from wagtail.search.backends import get_search_backend

from lessons.models import LessonPage
from tests.lessons import builders

pytestmark = pytest.mark.django_db

LESSONS = "/api/v2/pages/?type=lessons.LessonPage"


def ranked_statements(queries) -> list[str]:
    return [query["sql"] for query in queries.captured_queries if "array_agg" in query["sql"]]


def search(api_client, query: str) -> tuple[list[int], int, list[str]]:
    """(item ids, total_count, the ranked statements run) of a search listing."""
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get(f"/api/v2/pages/?{query}")
    assert response.status_code == 200, response.content
    body = response.json()
    return (
        [item["id"] for item in body["items"]],
        body["meta"]["total_count"],
        ranked_statements(queries),
    )


def wagtail_ranking(query: str, model=LessonPage, operator=None) -> list[int]:
    """The ids Wagtail's own search backend finds for `query`, in its order."""
    queryset = model.objects.live().public()
    return [page.pk for page in get_search_backend().search(query, queryset, operator=operator)]


@pytest.fixture
def travel_lessons(home_page):
    """Lessons whose relevance for "travel" differs from their id order: titles, intros and
    bodies that name it once, twice, or not at all."""
    _grammar, tenses = builders.lesson_tree(home_page)
    return [
        builders.lesson(tenses, "Packing a bag", intro="Words for travel."),
        builders.lesson(tenses, "Travel", intro="Travel, travel and more travel."),
        builders.lesson(tenses, "Airport English", intro="A travel plan for the airport."),
        builders.lesson(tenses, "Weather", intro="Sunny and rainy days."),
        builders.lesson(tenses, "Travel plans", intro="Plan your trip."),
        builders.lesson(tenses, "Hotel words", intro="Booking a room for your travel plans."),
    ]


@pytest.mark.parametrize(
    ("query", "operator"),
    [
        ("travel", None),
        ("travel plan", None),
        ("travel plan", "or"),
        ("plan", None),
        ("weather", None),
        ("nothing-like-this", None),
    ],
)
def test_results_order_and_count_are_wagtails(api_client, travel_lessons, query, operator):
    expected = wagtail_ranking(query, operator=operator)
    parameters = f"type=lessons.LessonPage&search={query}" + (
        f"&search_operator={operator}" if operator else ""
    )
    ids, total, statements = search(api_client, parameters)
    assert ids == expected
    assert total == len(expected)
    assert len(statements) == 1
    # The entries alone: no join to the pages, the tsquery parsed once.
    assert "wagtailcore_page" not in statements[0]
    assert statements[0].count("to_tsquery") == 1


def test_the_order_is_relevance_not_ids(api_client, travel_lessons):
    ids, _total, _statements = search(api_client, "type=lessons.LessonPage&search=travel")
    assert ids[0] == travel_lessons[1].pk  # "Travel", travel three times more
    assert ids != sorted(ids, reverse=True)


def test_a_search_of_every_page_type_is_wagtails(api_client, travel_lessons):
    ids, total, statements = search(api_client, "search=travel")
    expected = wagtail_ranking("travel", model=Page)
    assert (ids, total) == (expected, len(expected))
    assert statements


def test_offset_and_limit_page_through_the_same_order(api_client, travel_lessons):
    everything, total, _ = search(api_client, "type=lessons.LessonPage&search=travel")
    pages = [
        search(api_client, f"type=lessons.LessonPage&search=travel&limit=2&offset={offset}")
        for offset in range(0, total + 2, 2)
    ]
    assert [page_id for ids, _total, _ in pages for page_id in ids] == everything
    assert {page_total for _ids, page_total, _ in pages} == {total}
    assert pages[-1][0] == []
    # Ranked once: the pages are cut from the ranking this process kept.
    assert [statements for _ids, _total, statements in pages] == [[]] * len(pages)


def test_a_ranking_is_kept_per_search_until_content_changes(api_client, travel_lessons):
    first, _total, statements = search(api_client, "type=lessons.LessonPage&search=travel")
    again, _total, statements_again = search(api_client, "type=lessons.LessonPage&search=travel")
    assert (len(statements), statements_again, again) == (1, [], first)
    # Another search, or the same one in another operator, is ranked on its own.
    plan, _total, plan_statements = search(api_client, "type=lessons.LessonPage&search=plan")
    assert len(plan_statements) == 1 and plan == wagtail_ranking("plan")
    either, _total, either_statements = search(
        api_client, "type=lessons.LessonPage&search=travel plan&search_operator=or"
    )
    assert len(either_statements) == 1
    assert either == wagtail_ranking("travel plan", operator="or")

    # An edit that changes the ranking is ranked again on the next read.
    travel_lessons[3].intro = "Travel travel travel travel travel."
    travel_lessons[3].save_revision().publish()
    edited, _total, edited_statements = search(api_client, "type=lessons.LessonPage&search=travel")
    assert len(edited_statements) == 1
    assert edited == wagtail_ranking("travel") != first


def test_a_publish_is_found_at_once_and_an_unpublish_gone_at_once(api_client, travel_lessons):
    before, total, _ = search(api_client, "type=lessons.LessonPage&search=travel")
    newest = builders.lesson(
        travel_lessons[0].get_parent(), "Travel insurance", intro="Travel, travel, travel."
    )
    after, after_total, _ = search(api_client, "type=lessons.LessonPage&search=travel")
    assert newest.pk in after and after_total == total + 1
    assert after == wagtail_ranking("travel")

    travel_lessons[1].unpublish()
    gone, gone_total, _ = search(api_client, "type=lessons.LessonPage&search=travel")
    assert travel_lessons[1].pk not in gone and gone_total == total
    assert gone == wagtail_ranking("travel")
    assert before != after != gone


def test_private_and_draft_lessons_are_never_found(
    api_client, make_member, member_client, travel_lessons
):
    private = travel_lessons[1]
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    draft = builders.lesson(
        travel_lessons[0].get_parent(), "Travel draft", intro="Travel.", live=False
    )
    ids, total, statements = search(api_client, "type=lessons.LessonPage&search=travel")
    assert statements  # the ranked search answered
    assert private.pk not in ids and draft.pk not in ids
    assert total == len(ids)

    # A signed-in member passes a login restriction; never a draft.
    response = member_client(make_member()).get(f"{LESSONS}&search=travel")
    member_ids = [item["id"] for item in response.json()["items"]]
    assert private.pk in member_ids and draft.pk not in member_ids


@pytest.mark.parametrize(
    "query",
    [
        "type=lessons.LessonPage&search=travel&order=title",
        "type=lessons.LessonPage&search=travel&difficulty=beginner",
        "type=lessons.LessonPage&search=travel&descendant_of={parent}",
        "type=lessons.LessonPage&search=travel&child_of={parent}",
    ],
)
def test_other_filters_and_orders_are_wagtails_search(api_client, travel_lessons, query):
    parent = travel_lessons[0].get_parent().pk
    ids, total, statements = search(api_client, query.format(parent=parent))
    assert statements == []
    assert total == len(wagtail_ranking("travel"))
    assert set(ids) == set(wagtail_ranking("travel"))


def test_a_browser_session_is_left_to_wagtail(api_client, travel_lessons, settings):
    api_client.cookies[settings.SESSION_COOKIE_NAME] = "a-session"
    ids, _total, statements = search(api_client, "type=lessons.LessonPage&search=travel")
    assert statements == []
    assert ids == wagtail_ranking("travel")
