"""The content API per locale: `?locale=`, `translation_of`, `meta.locale`,
`meta.translations`, language-prefixed `html_url`, and `find` by a translated URL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, PageViewRestriction

from lessons.models import LessonPage
from tests.i18n.conftest import translate
from tests.lessons import builders

pytestmark = pytest.mark.django_db

APP = "http://127.0.0.1:3000"


@pytest.fixture(autouse=True)
def app_url(settings):
    settings.APP_URL = APP


def listing(client, **params):
    response = client.get("/api/v2/pages/", params)
    assert response.status_code == 200, response.content
    return response.json()


def test_a_locale_lists_only_its_own_pages(api_client, vi_path, english_path):
    data = listing(api_client, locale="vi", type="lessons.LessonPage", fields="title")

    assert [item["id"] for item in data["items"]] == [vi_path.lesson.pk]
    assert data["items"][0]["title"] == "Thì hiện tại đơn"
    assert data["items"][0]["meta"]["locale"] == "vi"
    english = listing(api_client, locale="en", type="lessons.LessonPage")
    assert [item["id"] for item in english["items"]] == [english_path.lesson.pk]


def test_an_untranslated_lesson_is_not_part_of_a_locales_tree(api_client, vi_path, english_path):
    builders.lesson(english_path.subcategory, "Present continuous")

    data = listing(api_client, locale="vi", type="lessons.LessonPage", fields="title")

    assert [item["title"] for item in data["items"]] == ["Thì hiện tại đơn"]
    assert listing(api_client, locale="es")["meta"]["total_count"] == 0


@pytest.mark.parametrize("code", ["xx", "vi-VN", "EN", "zh-cn"])
def test_an_unknown_locale_is_a_400_naming_the_known_ones(api_client, code):
    response = api_client.get("/api/v2/pages/", {"locale": code})

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_parameter"
    assert "en, es, pt, fr, ja, vi, ko, zh-hans" in body["detail"]


def test_a_language_removed_from_the_settings_is_no_longer_served(api_client, vi_path, settings):
    settings.WAGTAIL_CONTENT_LANGUAGES = [("en", "English"), ("es", "Spanish")]

    assert api_client.get("/api/v2/pages/", {"locale": "vi"}).status_code == 400
    assert api_client.get(f"/api/v2/pages/{vi_path.lesson.pk}/").status_code == 404
    ids = {item["id"] for item in listing(api_client, limit=100)["items"]}
    assert vi_path.lesson.pk not in ids


def test_translation_of_lists_the_other_languages(api_client, vi_path, english_path):
    data = listing(api_client, translation_of=english_path.lesson.pk)

    assert [(item["id"], item["meta"]["locale"]) for item in data["items"]] == [
        (vi_path.lesson.pk, "vi")
    ]


def test_detail_names_every_translation_with_its_url(api_client, vi_path, english_path):
    english = api_client.get(f"/api/v2/pages/{english_path.lesson.pk}/").json()
    vietnamese = api_client.get(f"/api/v2/pages/{vi_path.lesson.pk}/").json()

    assert english["meta"]["locale"] == "en"
    assert english["meta"]["html_url"] == f"{APP}/grammar/tenses/present-simple/"
    assert english["meta"]["translations"] == [
        {
            "locale": "vi",
            "id": vi_path.lesson.pk,
            "html_url": f"{APP}/vi/ngu-phap/cac-thi/thi-hien-tai-don/",
        }
    ]
    assert vietnamese["meta"]["html_url"] == f"{APP}/vi/ngu-phap/cac-thi/thi-hien-tai-don/"
    assert vietnamese["meta"]["translations"] == [
        {"locale": "en", "id": english_path.lesson.pk, "html_url": english["meta"]["html_url"]}
    ]
    # The parent's URL is in the same language.
    assert vietnamese["meta"]["parent"]["meta"]["html_url"] == f"{APP}/vi/ngu-phap/cac-thi/"


def test_translations_list_only_what_the_request_may_see(api_client, vi_path, english_path, vi):
    es = Locale.objects.get(language_code="es")
    translate(english_path.home, es, {})
    translate(english_path.category, es, {})
    translate(english_path.subcategory, es, {})
    spanish = translate(english_path.lesson, es, {"present-simple": "presente-simple"})
    spanish.unpublish()
    PageViewRestriction.objects.create(
        page=vi_path.lesson, restriction_type=PageViewRestriction.LOGIN
    )

    data = api_client.get(f"/api/v2/pages/{english_path.lesson.pk}/").json()

    assert data["meta"]["translations"] == []


def test_a_member_sees_the_restricted_translation_they_may_read(
    vi_path, english_path, make_member, member_client
):
    PageViewRestriction.objects.create(
        page=vi_path.lesson, restriction_type=PageViewRestriction.LOGIN
    )
    client = member_client(make_member("lan@example.com"))

    data = client.get(f"/api/v2/pages/{english_path.lesson.pk}/").json()

    assert [item["locale"] for item in data["meta"]["translations"]] == ["vi"]


def test_listings_carry_translations_and_fields_can_leave_them_out(api_client, vi_path):
    data = listing(api_client, type="lessons.LessonPage", fields="title", locale="vi")
    assert data["items"][0]["meta"]["translations"][0]["locale"] == "en"

    without = listing(api_client, type="lessons.LessonPage", fields="-translations", locale="vi")
    assert "translations" not in without["items"][0]["meta"]


def test_untyped_listings_have_the_same_urls_as_typed_ones(api_client, vi_path):
    untyped = listing(api_client, locale="vi", limit=100)
    typed = listing(api_client, locale="vi", type="lessons.LessonPage")

    urls = {item["id"]: item["meta"]["html_url"] for item in untyped["items"]}
    assert urls[vi_path.lesson.pk] == typed["items"][0]["meta"]["html_url"]
    assert urls[vi_path.home.pk] == f"{APP}/vi/"


@pytest.mark.parametrize(
    "html_path, page",
    [
        ("/vi/ngu-phap/cac-thi/thi-hien-tai-don/", "vi"),
        ("/vi/ngu-phap/cac-thi/thi-hien-tai-don", "vi"),
        ("/grammar/tenses/present-simple/", "en"),
        ("/en/grammar/tenses/present-simple/", "en"),
    ],
)
def test_find_routes_a_page_url_in_its_language(api_client, vi_path, english_path, html_path, page):
    response = api_client.get("/api/v2/pages/find/", {"html_path": html_path})

    expected = vi_path.lesson if page == "vi" else english_path.lesson
    assert response.status_code == 302
    assert response["Location"].split("?")[0].endswith(f"/api/v2/pages/{expected.pk}/")


@pytest.mark.parametrize(
    "html_path",
    [
        "/vi/grammar/tenses/present-simple/",  # an English slug in the Vietnamese tree
        "/es/grammar/tenses/present-simple/",  # no Spanish tree
        "/ngu-phap/cac-thi/thi-hien-tai-don/",  # a Vietnamese slug in the English tree
        "/xx/grammar/",
    ],
)
def test_find_answers_404_for_a_path_not_in_that_language(api_client, vi_path, html_path):
    response = api_client.get("/api/v2/pages/find/", {"html_path": html_path})

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_find_never_routes_to_a_draft_translation(api_client, vi_path):
    vi_path.lesson.unpublish()

    response = api_client.get(
        "/api/v2/pages/find/", {"html_path": "/vi/ngu-phap/cac-thi/thi-hien-tai-don/"}
    )

    assert response.status_code == 404


def test_a_translated_page_url_on_toto_redirects_to_the_app(client, vi_path):
    response = client.get("/vi/ngu-phap/cac-thi/thi-hien-tai-don/")

    assert response.status_code == 302
    assert response["Location"] == f"{APP}/vi/ngu-phap/cac-thi/thi-hien-tai-don/"


def test_listing_translations_take_one_query_whatever_the_page_size(
    api_client, vi_path, english_path, vi
):
    for number in range(6):
        lesson = builders.lesson(english_path.subcategory, f"Lesson {number}")
        translate(lesson, vi, {})

    def queries(limit):
        with CaptureQueriesContext(connection) as captured:
            data = listing(api_client, type="lessons.LessonPage", fields="title", limit=limit)
        assert all(item["meta"]["translations"] for item in data["items"])
        return len(captured)

    queries(1)  # caches warmed (site root paths, content types)
    small, large = queries(2), queries(14)
    assert small == large
    without = CaptureQueriesContext(connection)
    with without:
        listing(api_client, type="lessons.LessonPage", fields="title,-translations", limit=14)
    assert len(without) == large - 1
    assert LessonPage.objects.count() == 14
