"""The content API's response cache (core/response_cache.py) against the real Redis: answers
come from the cache until a change makes them stale, and every kind of change does, at once,
for every process; members never get another visibility's answer; ETags and 304s; Redis down.

"From the cache" is checked by its cost: an anonymous answer served from the cache runs no
query at all, a member's only the ones that recognise the member.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page, PageViewRestriction, Site

from core import response_cache
from lessons.models import LessonPage
from tests.lessons import builders, editor_forms

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("response_cache_on")]

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LESSONS = "/api/v2/pages/?type=lessons.LessonPage&fields=title"


@pytest.fixture
def tree(home_page):
    grammar, tenses = builders.lesson_tree(home_page)
    vocabulary = builders.subcategory(grammar, "Vocabulary")
    present = builders.lesson(tenses, "Present simple")
    past = builders.lesson(tenses, "Past simple")
    return {
        "home": home_page,
        "grammar": grammar,
        "tenses": tenses,
        "vocabulary": vocabulary,
        "present": present,
        "past": past,
    }


def get(client, url: str, **headers):
    """(response, queries it ran)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries.captured_queries)


def cached(client, url: str, **headers) -> bool:
    """Whether `url` is answered from the cache (and answers 200)."""
    response, queries = get(client, url, **headers)
    assert response.status_code == 200, response.content
    return queries == 0


def titles(client, url: str = LESSONS) -> set[str]:
    return {item["title"] for item in client.get(url).json()["items"]}


def detail_url(page) -> str:
    return f"/api/v2/pages/{page.pk}/"


# --- serving ------------------------------------------------------------------------------------


def test_a_second_read_is_served_from_the_cache_with_its_validators(api_client, tree):
    for url in (
        detail_url(tree["present"]),
        LESSONS,
        f"/api/v2/pages/find/?id={tree['past'].pk}",
    ):
        first, queries = get(api_client, url, follow=False)
        assert queries > 0
        second, queries = get(api_client, url, follow=False)
        assert queries == 0, url
        assert second.status_code == first.status_code
        assert second.content == first.content
    response = api_client.get(detail_url(tree["present"]))
    assert response["ETag"].startswith('"') and len(response["ETag"]) == 34
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert {"Accept", "Authorization"} <= {v.strip() for v in response["Vary"].split(",")}


def test_if_none_match_answers_304_from_the_cache_without_a_query(api_client, tree):
    url = detail_url(tree["present"])
    etag = api_client.get(url)["ETag"]
    response, queries = get(api_client, url, HTTP_IF_NONE_MATCH=etag)
    assert (response.status_code, response.content, queries) == (304, b"", 0)
    assert response["ETag"] == etag
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate"
    # Any of several tags, a weak one, or *.
    for header in (f'"other", {etag}', f"W/{etag}", "*"):
        assert api_client.get(url, HTTP_IF_NONE_MATCH=header).status_code == 304
    assert api_client.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_a_changed_answer_gets_a_new_etag_and_a_stale_tag_gets_the_body(api_client, tree):
    url = detail_url(tree["present"])
    etag = api_client.get(url)["ETag"]
    lesson = tree["present"]
    lesson.title = "Present simple: routines"
    lesson.save_revision().publish()
    response = api_client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert response.json()["title"] == "Present simple: routines"


def test_the_key_is_the_normalised_request(api_client, tree):
    api_client.get(f"{LESSONS}&limit=1&offset=0")
    assert cached(
        api_client, "/api/v2/pages/?offset=0&fields=title&limit=1&type=lessons.LessonPage"
    )
    # Another value, another host, another language: another answer.
    assert not cached(api_client, f"{LESSONS}&limit=2&offset=0")
    assert not cached(api_client, f"{LESSONS}&limit=1&offset=0", HTTP_HOST="localhost")
    assert not cached(api_client, f"{LESSONS}&limit=1&offset=0", HTTP_ACCEPT_LANGUAGE="es")


APP = "http://localhost:3000"


def test_a_stored_answer_is_replayed_with_every_header_its_origin_got(api_client, tree, settings):
    """The cache answers before CORS and the security middleware: what they added the first
    time is replayed, for the Origin it was added for, and a new setting stores anew."""
    settings.CORS_ALLOWED_ORIGINS = [APP]
    url = detail_url(tree["present"])
    for origin in (APP, "https://evil.example", None):
        headers = {"HTTP_ORIGIN": origin} if origin else {}
        first, queries = get(api_client, url, **headers)
        assert queries > 0, origin  # each origin its own answer
        second, queries = get(api_client, url, **headers)
        assert queries == 0, origin
        assert dict(second.items()) == dict(first.items())
        assert second["X-Content-Type-Options"] == "nosniff"
        assert second["Referrer-Policy"]
        assert "origin" in second["Vary"].lower()
        if origin == APP:
            assert second["Access-Control-Allow-Origin"] == APP
            assert "ETag" in second["Access-Control-Expose-Headers"]
        else:
            assert "Access-Control-Allow-Origin" not in second
    settings.CORS_ALLOWED_ORIGINS = []
    response, queries = get(api_client, url, HTTP_ORIGIN=APP)
    assert queries > 0
    assert "Access-Control-Allow-Origin" not in response


def test_a_stored_answer_is_sent_gzipped_to_clients_that_accept_it(api_client, tree, settings):
    url = f"{LESSONS.replace('fields=title', 'fields=*')}"
    plain = api_client.get(url)
    assert plain.status_code == 200 and len(plain.content) >= response_cache.GZIP_MIN_BYTES
    assert "Content-Encoding" not in plain
    vary = {value.strip() for value in plain["Vary"].split(",")}
    assert {"Accept-Encoding", "Authorization"} <= vary
    response, queries = get(api_client, url, HTTP_ACCEPT_ENCODING="br, gzip, deflate")
    assert queries == 0
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content) == plain.content
    assert int(response["Content-Length"]) == len(response.content) < len(plain.content)
    assert response["ETag"] == "W/" + plain["ETag"]
    assert response["Vary"] == plain["Vary"]
    # Either tag revalidates either encoding.
    for tag in (plain["ETag"], response["ETag"]):
        for encoding in ("gzip", ""):
            again = api_client.get(url, HTTP_IF_NONE_MATCH=tag, HTTP_ACCEPT_ENCODING=encoding)
            assert again.status_code == 304
    # Without gzip in Accept-Encoding, the body as it is; small answers are never compressed.
    assert "Content-Encoding" not in api_client.get(url, HTTP_ACCEPT_ENCODING="identity")
    small = f"{LESSONS}&limit=1"
    api_client.get(small)
    tiny = api_client.get(small, HTTP_ACCEPT_ENCODING="gzip")
    assert len(tiny.content) < response_cache.GZIP_MIN_BYTES
    assert "Content-Encoding" not in tiny


def test_a_members_stored_answer_is_gzipped_too(tree, make_member, member_client):
    client = member_client(make_member("ana@example.com"))
    url = detail_url(tree["present"])
    plain = client.get(url)
    assert plain["Cache-Control"].startswith("private")
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert page_queries(client, url, HTTP_ACCEPT_ENCODING="gzip") == 0
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content) == plain.content


def stored_answers() -> int:
    return len(cache.keys(f"{response_cache.PREFIX}:answer:*"))


def test_errors_the_browsable_api_and_sessions_are_never_stored(api_client, tree):
    for url in ("/api/v2/pages/999999/", "/api/v2/pages/?limit=-1", "/api/v2/pages/?x=1"):
        assert api_client.get(url).status_code in (400, 404)
        assert stored_answers() == 0
    api_client.get(detail_url(tree["present"]), HTTP_ACCEPT="text/html")
    response, queries = get(api_client, detail_url(tree["present"]), HTTP_ACCEPT="text/html")
    assert queries > 0 and response["Content-Type"].startswith("text/html")
    api_client.cookies["sessionid"] = "abc"
    api_client.get(LESSONS)
    assert get(api_client, LESSONS)[1] > 0


def test_without_the_setting_or_with_local_memory_nothing_is_stored(api_client, tree, settings):
    url = detail_url(tree["present"])
    settings.CONTENT_API_CACHE = False
    api_client.get(url)
    response, queries = get(api_client, url)
    assert queries > 0
    # ETags and 304s work all the same, the answer being rendered.
    assert api_client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    settings.CONTENT_API_CACHE = True
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    api_client.get(url)
    assert get(api_client, url)[1] > 0


def test_the_content_schema_is_cached_with_its_validators(api_client, db):
    response = api_client.get("/api/schema/content/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert stored_answers() == 1
    again = api_client.get("/api/schema/content/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


# --- members ------------------------------------------------------------------------------------


@pytest.fixture
def members_only(tree):
    """A lesson in a section only signed-in members see."""
    section = builders.subcategory(tree["grammar"], "For members")
    lesson = builders.lesson(section, "Members' lesson")
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    return lesson


def page_queries(client, url: str, **headers) -> int:
    """Queries on pages (a member's answer from the cache only authenticates)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return sum("wagtailcore_page" in query["sql"] for query in queries.captured_queries)


def test_a_members_answer_is_cached_per_visibility_and_never_served_anonymously(
    api_client, tree, members_only, make_member, member_client
):
    ana = member_client(make_member("ana@example.com"))
    ben = member_client(make_member("ben@example.com"))
    url = detail_url(members_only)
    assert ana.get(url).status_code == 200
    assert page_queries(ana, url) == 0
    # Another member who passes the same restrictions shares it; private, never public.
    assert page_queries(ben, url) == 0
    assert ana.get(url)["Cache-Control"] == "private, max-age=0, must-revalidate"
    assert api_client.get(url).status_code == 404
    ana.get(LESSONS)
    assert "Members' lesson" not in titles(api_client)
    assert "Members' lesson" in titles(ana)


def test_group_restrictions_key_answers_by_the_groups_a_member_passes(
    tree, make_member, member_client
):
    teachers = Group.objects.create(name="Bench teachers")
    restriction = PageViewRestriction.objects.create(
        page=tree["tenses"], restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(teachers)
    teacher = make_member("teacher@example.com")
    teacher.groups.add(teachers)
    teacher_client = member_client(teacher)
    learner_client = member_client(make_member("learner@example.com"))
    url = detail_url(tree["present"])
    assert teacher_client.get(url).status_code == 200
    assert learner_client.get(url).status_code == 404
    assert teacher_client.get(url).status_code == 200
    assert page_queries(teacher_client, url) == 0
    # The restriction's groups change: the teacher's cached answer goes with them.
    restriction.groups.remove(teachers)
    assert teacher_client.get(url).status_code == 404


def test_a_bad_token_is_refused_even_when_the_answer_is_cached(api_client, tree):
    url = detail_url(tree["present"])
    api_client.get(url)
    response = api_client.get(url, HTTP_AUTHORIZATION="Bearer not-a-token")
    assert response.status_code == 401


# --- invalidation, rule by rule -----------------------------------------------------------------


def test_publish_makes_the_detail_and_the_listings_fresh_at_once(api_client, tree):
    lesson = tree["present"]
    api_client.get(detail_url(lesson))
    api_client.get(LESSONS)
    lesson.title = "Present simple, revised"
    lesson.save_revision().publish()
    assert api_client.get(detail_url(lesson)).json()["title"] == "Present simple, revised"
    assert "Present simple, revised" in titles(api_client)


def test_a_draft_changes_nothing_that_is_cached(api_client, tree):
    lesson = tree["present"]
    api_client.get(detail_url(lesson))
    api_client.get(LESSONS)
    lesson.title = "Not yet"
    lesson.save_revision()
    assert cached(api_client, detail_url(lesson))
    assert cached(api_client, LESSONS)


def test_unpublish_removes_the_page_at_once(api_client, tree):
    lesson = tree["present"]
    api_client.get(detail_url(lesson))
    api_client.get(LESSONS)
    lesson.unpublish()
    assert api_client.get(detail_url(lesson)).status_code == 404
    assert "Present simple" not in titles(api_client)


def test_unpublishing_a_section_takes_its_cached_lessons_offline(api_client, tree):
    api_client.get(detail_url(tree["present"]))
    tree["tenses"].unpublish()
    assert api_client.get(detail_url(tree["present"])).status_code == 404


def test_a_lesson_published_under_a_draft_section_stays_hidden(api_client, tree):
    from lessons.models import SubcategoryPage

    draft = builders.publish_child(tree["grammar"], SubcategoryPage(title="Soon"), live=False)
    api_client.get(LESSONS)  # the visibility rules are now in memory: no offline section yet
    lesson = builders.lesson(draft, "Not yet public")
    assert api_client.get(detail_url(lesson)).status_code == 404
    assert "Not yet public" not in titles(api_client)


def test_move_changes_the_parent_and_the_url_at_once(api_client, tree):
    lesson = tree["present"]
    before = api_client.get(detail_url(lesson)).json()
    child_of = f"/api/v2/pages/?child_of={tree['vocabulary'].pk}"
    api_client.get(child_of)
    lesson.move(tree["vocabulary"], pos="last-child")
    after = api_client.get(detail_url(lesson)).json()
    assert after["meta"]["parent"]["id"] == tree["vocabulary"].pk
    assert after["meta"]["html_url"] != before["meta"]["html_url"]
    assert [item["id"] for item in api_client.get(child_of).json()["items"]] == [lesson.pk]


def test_delete_removes_the_page_at_once(api_client, tree):
    lesson = tree["present"]
    api_client.get(detail_url(lesson))
    api_client.get(LESSONS)
    Page.objects.get(pk=lesson.pk).delete()
    assert api_client.get(detail_url(lesson)).status_code == 404
    assert titles(api_client) == {"Past simple"}


def test_copy_adds_the_copy_at_once(api_client, tree):
    api_client.get(LESSONS)
    tree["present"].copy(
        to=tree["vocabulary"],
        update_attrs={"title": "Present simple (copy)", "slug": "present-simple-copy"},
    )
    assert "Present simple (copy)" in titles(api_client)


def test_revert_serves_the_older_revision_at_once(api_client, tree):
    lesson = LessonPage.objects.get(pk=tree["present"].pk)
    first = lesson.latest_revision
    lesson.title = "Present simple, second take"
    lesson.save_revision().publish()
    assert api_client.get(detail_url(lesson)).json()["title"] == "Present simple, second take"
    first.publish()
    assert api_client.get(detail_url(lesson)).json()["title"] == "Present simple"


def test_a_view_restriction_hides_cached_pages_at_once_and_its_removal_shows_them(api_client, tree):
    lesson = tree["present"]
    api_client.get(detail_url(lesson))
    api_client.get(LESSONS)
    restriction = PageViewRestriction.objects.create(
        page=tree["tenses"], restriction_type=PageViewRestriction.LOGIN
    )
    assert api_client.get(detail_url(lesson)).status_code == 404
    assert titles(api_client) == set()
    restriction.delete()
    assert api_client.get(detail_url(lesson)).status_code == 200
    assert titles(api_client) == {"Present simple", "Past simple"}


def test_an_image_change_reaches_the_pages_that_show_it(api_client, tree, image):
    lesson = LessonPage.objects.get(pk=tree["present"].pk)
    lesson.cover_image = image
    lesson.save_revision().publish()
    assert api_client.get(detail_url(lesson)).json()["cover_image"]["title"] == "A teal square"
    cover_listing = f"{LESSONS},cover_image"
    api_client.get(cover_listing)
    image.title = "A teal rectangle"
    image.save()
    assert api_client.get(detail_url(lesson)).json()["cover_image"]["title"] == "A teal rectangle"
    covers = [item["cover_image"] for item in api_client.get(cover_listing).json()["items"]]
    assert {"A teal rectangle"} == {cover["title"] for cover in covers if cover}
    image.delete()
    assert api_client.get(detail_url(lesson)).json()["cover_image"] is None


def test_a_document_change_reaches_the_pages_that_play_it(api_client, tree):
    Document = get_document_model()
    document = Document.objects.create(
        title="Usually", file=ContentFile(b"ID3", name="usually.mp3")
    )
    lesson = LessonPage.objects.get(pk=tree["present"].pk)
    lesson.body = [("audio", {"audio": document, "transcript": "Usually."})]
    lesson.save_revision().publish()

    def audio_title():
        body = api_client.get(detail_url(lesson)).json()["body"]
        return body[0]["value"]["audio"]["title"]

    assert audio_title() == "Usually"
    document.title = "Usually, spoken"
    document.save()
    assert audio_title() == "Usually, spoken"


def test_a_translation_appears_at_once(api_client, tree):
    french = Locale.objects.get_or_create(language_code="fr")[0]
    lesson = LessonPage.objects.get(pk=tree["present"].pk)
    translations = f"/api/v2/pages/?translation_of={lesson.pk}&locale=fr"
    if api_client.get(translations).status_code == 400:
        pytest.skip("French is not a content language here")
    assert api_client.get(translations).json()["items"] == []
    api_client.get(detail_url(lesson))
    home_fr = tree["home"].copy_for_translation(french)
    home_fr.save_revision().publish()
    grammar_fr = tree["grammar"].copy_for_translation(french)
    grammar_fr.save_revision().publish()
    tenses_fr = tree["tenses"].copy_for_translation(french)
    tenses_fr.save_revision().publish()
    lesson_fr = lesson.copy_for_translation(french)
    lesson_fr.title = "Le présent"
    lesson_fr.save_revision().publish()
    found = api_client.get(translations).json()["items"]
    assert [item["id"] for item in found] == [lesson_fr.pk]
    detail = api_client.get(detail_url(lesson)).json()
    if "translations" in detail["meta"]:
        assert [t["id"] for t in detail["meta"]["translations"]] == [lesson_fr.pk]


def test_a_site_change_makes_every_answer_fresh(api_client, tree):
    site = Site.objects.get(is_default_site=True)
    url = f"{LESSONS}&site={site.hostname}:{site.port}"
    assert api_client.get(url).status_code == 200
    assert cached(api_client, url)
    site.hostname = "lessons.example.org"
    site.save()
    assert api_client.get(url).status_code == 400  # no such site any more


# --- what survives a publish ---------------------------------------------------------------------


def test_a_lesson_publish_leaves_every_other_cached_detail_in_place(api_client, tree):
    tenses = tree["tenses"]
    lessons = [tree["present"], tree["past"]]
    lessons += [builders.lesson(tenses, f"Lesson {number}") for number in range(8)]
    details = [detail_url(lesson) for lesson in lessons]
    listings = [f"{LESSONS}&limit={limit}" for limit in range(1, 6)]
    for url in details + listings:
        api_client.get(url)
    assert all(cached(api_client, url) for url in details + listings)

    lessons[0].title = "Present simple, once more"
    lessons[0].save_revision().publish()

    surviving = [url for url in details + listings if cached(api_client, url)]
    # Every other lesson's detail; its own and every listing were rendered again.
    assert surviving == details[1:]


def test_a_link_to_a_page_refreshes_the_pages_that_link_to_it(api_client, tree):
    linking = LessonPage.objects.get(pk=tree["past"].pk)
    target = tree["present"]
    linking.body = [
        ("paragraph", f'<p>See <a linktype="page" id="{target.pk}">the present</a>.</p>')
    ]
    linking.save_revision().publish()
    api_client.get(detail_url(linking))
    assert cached(api_client, detail_url(linking))
    target.title = "Present simple, linked"
    target.save_revision().publish()
    assert not cached(api_client, detail_url(linking))


# --- across processes ----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_publish_in_another_process_is_seen_at_once(api_client, home_page):
    _grammar, tenses = builders.lesson_tree(home_page)
    lesson = builders.lesson(tenses, "Present simple")
    api_client.get(detail_url(lesson))
    api_client.get(LESSONS)
    assert cached(api_client, detail_url(lesson))

    script = (
        "from lessons.models import LessonPage\n"
        f"page = LessonPage.objects.get(pk={lesson.pk})\n"
        "page.title = 'Published elsewhere'\n"
        "page.save_revision().publish()\n"
    )
    manage_in_another_process("shell", "-c", script)
    assert api_client.get(detail_url(lesson)).json()["title"] == "Published elsewhere"
    assert titles(api_client) == {"Published elsewhere"}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_scheduled_publish_by_the_command_is_seen_at_once(api_client, home_page):
    _grammar, tenses = builders.lesson_tree(home_page)
    lesson = builders.lesson(tenses, "Present simple")
    lesson.title = "Scheduled"
    lesson.go_live_at = timezone.now() + timedelta(hours=1)
    revision = lesson.save_revision()
    revision.publish()  # approved, waiting for its time: the live lesson is unchanged
    assert revision.approved_go_live_at is not None
    api_client.get(LESSONS)
    assert api_client.get(detail_url(lesson)).json()["title"] == "Present simple"
    assert cached(api_client, detail_url(lesson))

    # Its time comes (as if an hour had passed).
    past = timezone.now() - timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    manage_in_another_process("publish_scheduled")
    assert api_client.get(detail_url(lesson)).json()["title"] == "Scheduled"
    assert titles(api_client) == {"Scheduled"}


def manage_in_another_process(*arguments: str) -> None:
    """`manage.py <arguments>` in a process of its own, on this test's database and Redis."""
    settings_dict = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "toto_site.settings.test",
        "DATABASE_URL": (
            f"postgres://{settings_dict['USER']}:{settings_dict['PASSWORD']}@"
            f"{settings_dict['HOST']}:{settings_dict['PORT']}/{settings_dict['NAME']}"
        ),
    }
    subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, check=True)


def test_a_publish_from_the_editor_is_seen_at_once(api_client, admin_client, tree):
    lesson = tree["present"]
    api_client.get(LESSONS)
    api_client.get(detail_url(lesson))
    assert cached(api_client, detail_url(lesson))

    form = editor_forms.lesson_form(
        "Present simple, edited",
        lesson.slug,
        editor_forms.paragraph("<p>Every day.</p>"),
        **{"action-publish": "Publish"},
    )
    response = admin_client.post(f"/admin/pages/{lesson.pk}/edit/", form)
    assert response.status_code == 302, response.content[:2000]
    assert api_client.get(detail_url(lesson)).json()["title"] == "Present simple, edited"
    assert "Present simple, edited" in titles(api_client)


# --- Redis down ----------------------------------------------------------------------------------


@pytest.fixture
def own_redis(tmp_path, settings):
    """The cache, configured as in production, on a Redis this test may stop and freeze."""
    from tests.reliability.servers import RedisServer

    default = settings.CACHES["default"]
    if "redis" not in default["BACKEND"].lower():
        pytest.skip("needs the Redis cache (run with `make test`)")
    server = RedisServer(tmp_path)
    server.start()
    settings.CACHES = {"default": {**default, "LOCATION": server.url}}
    yield server
    server.stop()


def breakers_reset() -> None:
    """Redis is back: let every process-wide breaker (core.cache) try it at once."""
    from core import cache as core_cache

    for breaker in core_cache._breakers.values():
        breaker.open_until = 0.0


def test_with_redis_down_answers_are_rendered_with_their_validators(api_client, tree, own_redis):
    url = detail_url(tree["present"])
    etag = api_client.get(url)["ETag"]
    own_redis.stop()
    for _ in range(2):
        response, queries = get(api_client, url)
        assert response.status_code == 200 and queries > 0
    assert response["ETag"] == etag
    assert api_client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert api_client.get(LESSONS).status_code == 200
    own_redis.start()
    breakers_reset()
    api_client.get(url)
    assert cached(api_client, url)


def test_a_publish_redis_missed_makes_everything_stale_when_it_answers_again(
    api_client, tree, own_redis
):
    url = detail_url(tree["present"])
    api_client.get(url)
    assert cached(api_client, url)
    own_redis.freeze()  # keeps its data, answers nothing
    lesson = tree["present"]
    lesson.title = "Published while Redis hung"
    lesson.save_revision().publish()
    own_redis.thaw()
    breakers_reset()
    assert api_client.get(url).json()["title"] == "Published while Redis hung"


def test_tokens_are_replaced_not_counted(tree):
    response_cache.tokens_read([response_cache.EVERYTHING])
    before = response_cache.tokens_read([response_cache.EVERYTHING])[0]
    response_cache.content_changed(everything=True)
    after = response_cache.tokens_read([response_cache.EVERYTHING])[0]
    assert before != after
    assert all(len(value) == 12 for value in after.values())


def test_a_request_keeps_the_tokens_it_read_first(tree, rf):
    """A token read again later in a request (for a name it had not read yet) never replaces
    the value it read first: what it rendered under the old value is stored under the old
    value, so a change in between leaves that answer stale rather than serving it as fresh."""
    request = rf.get("/api/v2/pages/")
    first = response_cache.current_tokens(request, [response_cache.EVERYTHING])
    response_cache.content_changed(everything=True)
    page = response_cache.page_token(tree["present"].pk)
    later = response_cache.current_tokens(request, [response_cache.EVERYTHING, page])
    assert later[response_cache.EVERYTHING] == first[response_cache.EVERYTHING]
    assert page in later
    fresh = response_cache.tokens_read([response_cache.EVERYTHING])[0]
    assert fresh[response_cache.EVERYTHING] != first[response_cache.EVERYTHING]
