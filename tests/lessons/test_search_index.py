"""The index behind Wagtail's `?search=` at scale (lessons/migrations/0010): Wagtail's PostgreSQL
search backend joins its entries to the lessons on the lesson id as text, and the index is on
exactly the expression it writes, so PostgreSQL can look the matches' lessons up instead of
hashing every lesson's id (docs/performance.md has the timings). Toto's ranked search
(`core.search`) does not join; a search it leaves to Wagtail (here, one with a tree filter) does."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.lessons import builders

pytestmark = pytest.mark.django_db


def test_the_search_join_can_use_the_lesson_id_index(api_client, home_page):
    assert connection.vendor == "postgresql"
    _grammar, tenses = builders.lesson_tree(home_page)
    builders.lesson(tenses, "Travel words")
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get(
            f"/api/v2/pages/?type=lessons.LessonPage&search=travel&descendant_of={tenses.pk}"
        )
    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == ["Travel words"]
    # The ranked search itself (its count joins the entries the same way).
    (search,) = [query["sql"] for query in queries.captured_queries if "ts_rank" in query["sql"]]
    with connection.cursor() as cursor:
        # At test scale PostgreSQL would hash the few lessons anyway: take that away to see
        # whether the index can serve the join at all.
        cursor.execute("SET LOCAL enable_hashjoin = off")
        cursor.execute("SET LOCAL enable_mergejoin = off")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + search)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "toto_lesson_id_text" in plan, plan
