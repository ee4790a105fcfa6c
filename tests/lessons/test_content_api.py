"""The public content API as the apps use it: filters, ordering, find, images, bad input, cost.

The curriculum below is built once for the module inside a transaction rolled back after the
last test (each test runs in its own savepoint); the query-count tests build their own, larger
set of lessons.
"""

import io

import pytest
from django.conf import settings
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.models import Locale, Site

from core.media import COVER_RENDITIONS
from core.response_cache import content_changed
from lessons.models import CategoryPage, LessonPage
from tests.conftest import media_s3_client, png_bytes
from tests.lessons import builders

pytestmark = pytest.mark.django_db

LESSONS = "/api/v2/pages/?type=lessons.LessonPage"


def make_image(title: str = "A teal square", width: int = 640, height: int = 480):
    return get_image_model().objects.create(
        title=title,
        file=ImageFile(io.BytesIO(png_bytes(width, height)), name="cover.png"),
    )


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture(scope="module")
def curriculum(module_db) -> dict:
    home = Site.objects.get(is_default_site=True).root_page.specific
    cover = make_image()
    grammar = builders.category(home, "Grammar", image=cover)
    tenses = builders.subcategory(grammar, "Tenses", image=cover)
    conditionals = builders.subcategory(grammar, "Conditionals")
    vocabulary = builders.category(home, "Vocabulary")
    food = builders.subcategory(vocabulary, "Food")
    lessons = {
        "present": builders.lesson(
            tenses,
            "Present simple",
            difficulty="beginner",
            cefr_level="A1",
            estimated_duration=10,
            cover_image=cover,
        ),
        "continuous": builders.lesson(
            tenses,
            "Present continuous",
            difficulty="beginner",
            cefr_level="A2",
            estimated_duration=15,
        ),
        "past": builders.lesson(
            tenses, "Past simple", difficulty="intermediate", cefr_level="B1", estimated_duration=20
        ),
        "third": builders.lesson(
            conditionals,
            "Third conditional",
            difficulty="advanced",
            cefr_level="C1",
            estimated_duration=30,
        ),
        "market": builders.lesson(
            food, "At the market", difficulty="intermediate", cefr_level="B2", estimated_duration=5
        ),
    }
    # The Spanish curriculum: translations of the home page, Grammar, Tenses and one lesson.
    spanish = Locale.objects.get(language_code="es")
    for page in (home, grammar, tenses, lessons["present"]):
        translation = page.copy_for_translation(spanish)
        if page == lessons["present"]:
            translation.title = "Presente simple"
            translation.slug = "presente-simple"
        presente = publish(translation)
    return {
        "home": home,
        "grammar": grammar,
        "tenses": tenses,
        "conditionals": conditionals,
        "vocabulary": vocabulary,
        "food": food,
        "cover": cover,
        "presente": presente,
        **lessons,
    }


def get_json(api_client, url: str, status: int = 200) -> dict:
    response = api_client.get(url)
    assert response.status_code == status, (url, response.content)
    return response.json()


def titles(api_client, url: str) -> list[str]:
    return [item["title"] for item in get_json(api_client, url)["items"]]


# --- filters -----------------------------------------------------------------------------------


def test_lessons_can_be_filtered_by_difficulty(api_client, curriculum):
    assert set(titles(api_client, f"{LESSONS}&difficulty=intermediate")) == {
        "Past simple",
        "At the market",
    }
    assert set(titles(api_client, f"{LESSONS}&difficulty=advanced")) == {"Third conditional"}


def test_lessons_can_be_filtered_by_cefr_level(api_client, curriculum):
    assert titles(api_client, f"{LESSONS}&cefr_level=A2") == ["Present continuous"]
    assert titles(api_client, f"{LESSONS}&cefr_level=C2") == []


def test_field_filters_combine(api_client, curriculum):
    url = f"{LESSONS}&difficulty=beginner&cefr_level=A1&locale=en"
    assert titles(api_client, url) == ["Present simple"]


def test_type_filter_returns_only_that_page_type(api_client, curriculum):
    data = get_json(api_client, "/api/v2/pages/?type=lessons.CategoryPage")
    assert {item["meta"]["type"] for item in data["items"]} == {"lessons.CategoryPage"}
    assert {item["title"] for item in data["items"]} == {"Grammar", "Vocabulary"}
    data = get_json(api_client, f"{LESSONS}&locale=en")
    assert data["meta"]["total_count"] == 5


def test_child_of_lists_the_direct_children(api_client, curriculum):
    tenses, home = curriculum["tenses"], curriculum["home"]
    assert set(titles(api_client, f"/api/v2/pages/?child_of={tenses.pk}")) == {
        "Present simple",
        "Present continuous",
        "Past simple",
    }
    assert set(titles(api_client, f"/api/v2/pages/?child_of={home.pk}")) == {
        "Grammar",
        "Vocabulary",
    }


def test_descendant_of_lists_a_whole_category(api_client, curriculum):
    grammar = curriculum["grammar"]
    assert set(titles(api_client, f"{LESSONS}&descendant_of={grammar.pk}")) == {
        "Present simple",
        "Present continuous",
        "Past simple",
        "Third conditional",
    }


def test_locale_filter_separates_the_language_trees(api_client, curriculum):
    assert titles(api_client, f"{LESSONS}&locale=es") == ["Presente simple"]
    english = titles(api_client, f"{LESSONS}&locale=en")
    assert "Presente simple" not in english and "Present simple" in english
    spanish = get_json(api_client, "/api/v2/pages/?locale=es")
    assert {item["meta"]["locale"] for item in spanish["items"]} == {"es"}
    assert spanish["meta"]["total_count"] == 4  # home, Grammar, Tenses, the lesson


def test_translation_of_finds_the_other_language(api_client, curriculum):
    present = curriculum["present"]
    assert titles(api_client, f"/api/v2/pages/?translation_of={present.pk}") == ["Presente simple"]


# --- ordering ----------------------------------------------------------------------------------


def test_lessons_can_be_ordered_by_title_both_ways(api_client, curriculum):
    ascending = titles(api_client, f"{LESSONS}&locale=en&order=title")
    assert ascending == sorted(ascending) and len(ascending) == 5
    assert titles(api_client, f"{LESSONS}&locale=en&order=-title") == ascending[::-1]


def test_lessons_can_be_ordered_by_duration(api_client, curriculum):
    data = get_json(api_client, f"{LESSONS}&locale=en&order=-estimated_duration&fields=*")
    durations = [item["estimated_duration"] for item in data["items"]]
    assert durations == [30, 20, 15, 10, 5]


def test_ordering_and_paging_go_together(api_client, curriculum):
    url = f"{LESSONS}&locale=en&order=estimated_duration&limit=2"
    assert titles(api_client, url) == ["At the market", "Present simple"]
    assert titles(api_client, url + "&offset=2") == ["Present continuous", "Past simple"]
    data = get_json(api_client, url + "&offset=4")
    assert data["meta"]["total_count"] == 5
    assert [item["title"] for item in data["items"]] == ["Third conditional"]


def test_random_order_returns_every_lesson(api_client, curriculum):
    assert len(titles(api_client, f"{LESSONS}&locale=en&order=random")) == 5


# --- find --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path,name",
    [
        ("/grammar/tenses/present-simple/", "present"),
        ("/grammar/tenses/present-simple", "present"),
        ("/grammar/", "grammar"),
        ("/vocabulary/food/at-the-market/", "market"),
        ("/", "home"),
    ],
)
def test_find_redirects_an_html_path_to_the_page_detail(api_client, curriculum, path, name):
    page = curriculum[name]
    response = api_client.get("/api/v2/pages/find/", {"html_path": path})
    assert response.status_code == 302
    assert response["Location"].startswith(f"http://testserver/api/v2/pages/{page.pk}/")
    detail = api_client.get(response["Location"])
    assert detail.json()["id"] == page.pk


def test_find_keeps_the_other_query_parameters(api_client, curriculum):
    response = api_client.get(
        "/api/v2/pages/find/", {"html_path": "/grammar/tenses/present-simple/", "fields": "-body"}
    )
    assert response.status_code == 302
    detail = api_client.get(response["Location"]).json()
    assert detail["title"] == "Present simple"
    assert "body" not in detail


@pytest.mark.parametrize(
    "path", ["/grammar/tenses/nope/", "/grammar/tenses/present-simple/extra/", "/nope/"]
)
def test_find_answers_404_for_a_path_without_a_page(api_client, curriculum, path):
    response = api_client.get("/api/v2/pages/find/", {"html_path": path})
    assert response.status_code == 404
    assert response.json()["detail"]


# --- what a lesson looks like ------------------------------------------------------------------


def test_listing_defaults_are_light(api_client, curriculum):
    item = get_json(api_client, f"{LESSONS}&locale=en&order=title")["items"][0]
    assert set(item) == {"id", "meta", "title"}
    assert set(item["meta"]) == {
        "type",
        "detail_url",
        "html_url",
        "slug",
        "first_published_at",
        "locale",
        "translations",  # the same page in other languages, one query for the whole list
    }
    assert item["meta"]["detail_url"] == f"http://testserver/api/v2/pages/{item['id']}/"


def test_listing_with_all_fields_has_every_lesson_field_but_the_body(api_client, curriculum):
    items = get_json(api_client, f"{LESSONS}&locale=en&fields=*")["items"]
    for item in items:
        assert {"intro", "difficulty", "cefr_level", "estimated_duration", "cover_image"} <= set(
            item
        )
        assert "body" not in item


def test_the_body_is_only_in_the_detail(api_client, curriculum):
    present = curriculum["present"]
    detail = get_json(api_client, f"/api/v2/pages/{present.pk}/")
    assert detail["body"] == []
    assert detail["estimated_duration"] == 10
    assert detail["meta"]["parent"]["id"] == curriculum["tenses"].pk
    data = get_json(api_client, f"{LESSONS}&fields=body", status=400)
    assert data == {"detail": "unknown fields: body", "code": "invalid_parameter"}


def test_cover_image_comes_with_absolute_rendition_urls(api_client, curriculum):
    present = curriculum["present"]
    cover = get_json(api_client, f"/api/v2/pages/{present.pk}/")["cover_image"]
    assert cover["id"] == curriculum["cover"].pk
    assert cover["alt"] == "A teal square"
    assert (cover["width"], cover["height"]) == (640, 480)
    renditions = cover["renditions"]
    assert set(renditions) == set(COVER_RENDITIONS)
    assert (renditions["thumbnail"]["width"], renditions["thumbnail"]["height"]) == (320, 180)
    assert (renditions["card"]["width"], renditions["card"]["height"]) == (640, 360)
    # Never upscaled: the hero is as large as the original allows, still 16:9.
    assert (renditions["hero"]["width"], renditions["hero"]["height"]) == (640, 360)
    for rendition in renditions.values():
        assert rendition["url"].startswith(("http://", "https://"))


def test_cover_image_urls_point_at_stored_files(api_client, curriculum):
    if not settings.AWS_STORAGE_BUCKET_NAME:
        pytest.skip("media are stored in S3 only under `make test`")
    options = settings.STORAGES["default"]["OPTIONS"]
    s3 = media_s3_client()
    cover = get_json(api_client, f"/api/v2/pages/{curriculum['present'].pk}/")["cover_image"]
    for rendition in cover["renditions"].values():
        # Path-style: {endpoint}/{bucket}/{key}
        prefix = f"{options['endpoint_url']}/{settings.AWS_STORAGE_BUCKET_NAME}/"
        assert rendition["url"].startswith(prefix)
        stored = s3.head_object(
            Bucket=settings.AWS_STORAGE_BUCKET_NAME, Key=rendition["url"][len(prefix) :]
        )
        assert stored["ContentLength"] > 0


def test_cover_image_is_null_for_a_lesson_without_one(api_client, curriculum):
    detail = get_json(api_client, f"/api/v2/pages/{curriculum['continuous'].pk}/")
    assert detail["cover_image"] is None


def test_categories_and_subcategories_come_with_their_image(api_client, curriculum):
    items = get_json(api_client, "/api/v2/pages/?type=lessons.CategoryPage&locale=en&fields=*")[
        "items"
    ]
    images = {item["title"]: item["image"] for item in items}
    assert images["Vocabulary"] is None
    assert images["Grammar"]["renditions"]["card"]["url"].startswith("http")
    assert images["Grammar"]["id"] == curriculum["cover"].pk


# --- bad parameters: 400 with a message, never a 500 ------------------------------------------

BAD_REQUESTS = [
    ("/api/v2/pages/?type=lessons.Nope", "type doesn't exist"),
    ("/api/v2/pages/?type=members.User", "type doesn't exist"),
    ("/api/v2/pages/?limit=abc", "limit must be a positive integer"),
    ("/api/v2/pages/?limit=-1", "limit must be a positive integer"),
    ("/api/v2/pages/?limit=101", "limit cannot be higher than 100"),
    ("/api/v2/pages/?limit=99999999999999999999", "limit cannot be higher than 100"),
    ("/api/v2/pages/?offset=-1", "offset must be a positive integer"),
    ("/api/v2/pages/?offset=abc", "offset must be a positive integer"),
    ("/api/v2/pages/?offset=99999999999999999999", "offset cannot be higher than"),
    ("/api/v2/pages/?fields=nope", "unknown fields: nope"),
    (f"{LESSONS}&fields=intro,nope", "unknown fields: nope"),
    ("/api/v2/pages/?fields=title(id)", "does not support nested fields"),
    ("/api/v2/pages/?fields=(", "fields error"),
    ("/api/v2/pages/?order=nope", "cannot order by 'nope'"),
    ("/api/v2/pages/?order=title,random", "random ordering cannot be combined"),
    ("/api/v2/pages/?order=random&offset=5", "random ordering with offset"),
    ("/api/v2/pages/?child_of=abc", "child_of must be a positive integer"),
    ("/api/v2/pages/?child_of=-3", "child_of must be a positive integer"),
    ("/api/v2/pages/?child_of=987654321", "parent page doesn't exist"),
    ("/api/v2/pages/?descendant_of=abc", "descendant_of must be a positive integer"),
    ("/api/v2/pages/?translation_of=abc", "translation_of must be a positive integer"),
    ("/api/v2/pages/?locale=xx", "unknown locale 'xx'"),
    ("/api/v2/pages/?locale=", "unknown locale ''"),
    ("/api/v2/pages/?site=nowhere.example.com", "site doesn't exist"),
    ("/api/v2/pages/?nope=1", "not an operation or a recognised field: nope"),
    ("/api/v2/pages/?difficulty=beginner", "not an operation or a recognised field"),
    (f"{LESSONS}&estimated_duration=ten", "not a valid value for estimated_duration"),
    (f"{LESSONS}&first_published_at=yesterday", "field filter error"),
    (f"{LESSONS}&cover_image=abc", "not a valid value for cover_image"),
    (f"{LESSONS}&show_in_menus=maybe", "not a valid value for show_in_menus"),
    ("/api/v2/pages/?search=present%00", "null characters are not allowed in 'search'"),
    ("/api/v2/pages/?title=a%00b", "null characters are not allowed"),
    ("/api/v2/pages/?locale=e%00n", "null characters are not allowed"),
    ("/api/v2/pages/?search=present&search_operator=xor", "search_operator must be"),
    (f"{LESSONS}&search=present&order=estimated_duration", "cannot order by"),
    (f"{LESSONS}&search=present&estimated_duration=10", "cannot filter by"),
    (f"{LESSONS}&search=present&order=random", "cannot order by"),
    ("/api/v2/pages/?rich_text_format=pdf", "rich_text_format must be one of"),
    ("/api/v2/pages/find/?id=abc", "id must be a positive integer"),
    ("/api/v2/pages/find/?html_path=/gram%00mar/", "null characters are not allowed"),
    ("/api/v2/images/?offset=99999999999999999999", "offset cannot be higher than"),
    ("/api/v2/images/?search=teal%00", "null characters are not allowed"),
    ("/api/v2/images/?width=wide", "not a valid value for width"),
    ("/api/v2/images/find/?id=abc", "id must be a positive integer"),
    ("/api/v2/documents/?limit=1000", "limit cannot be higher than 100"),
    ("/api/v2/documents/?order=nope", "cannot order by 'nope'"),
]


@pytest.mark.parametrize("url,message", BAD_REQUESTS, ids=[url for url, _ in BAD_REQUESTS])
def test_bad_parameters_answer_400_with_a_message(api_client, curriculum, url, message):
    response = api_client.get(url)
    assert response.status_code == 400, response.content
    data = response.json()
    assert set(data) == {"detail", "code"}
    assert data["code"] == "invalid_parameter"
    assert message in data["detail"]


def test_a_page_detail_with_bad_parameters_answers_400(api_client, curriculum):
    present = curriculum["present"]
    response = api_client.get(f"/api/v2/pages/{present.pk}/?fields=nope")
    assert response.status_code == 400
    assert response.json() == {"detail": "unknown fields: nope", "code": "invalid_parameter"}


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/987654321/",
        "/api/v2/pages/99999999999999999999/",
        "/api/v2/images/987654321/",
        "/api/v2/pages/find/",
    ],
)
def test_missing_objects_answer_404_with_a_message(api_client, curriculum, url):
    response = api_client.get(url)
    assert response.status_code == 404
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "query,count",
    [
        ("search=present&locale=en&order=title", 2),  # title is indexed for ordering
        ("search=present&locale=en&difficulty=beginner", 2),
        ("search=present&locale=en&cefr_level=A1", 1),
        ("search=present simple&locale=en&search_operator=or", 3),
        ("search=present simple&locale=en&search_operator=and", 1),
        ("search=", 0),
        ("search=((((", 0),
        ("limit=0", 0),
    ],
)
def test_odd_but_valid_combinations_answer_200(api_client, curriculum, query, count):
    data = get_json(api_client, f"{LESSONS}&{query}")
    assert len(data["items"]) == count


# --- query counts ------------------------------------------------------------------------------


def images_with_renditions(count: int) -> list:
    """`count` images, each with its own cover rendition rows, sharing one uploaded file."""
    template = make_image("Cover")
    template.get_renditions(*COVER_RENDITIONS.values())
    return builders.copies_of_image(template, count)


@pytest.fixture
def many_lessons(curriculum):
    """60 more live lessons, each with its own cover image, under one subcategory."""
    section = builders.subcategory(curriculum["vocabulary"], "Everyday words")
    for number, image in enumerate(images_with_renditions(60)):
        section.add_child(
            instance=LessonPage(
                title=f"Everyday words {number}", intro="Words.", cover_image=image, live=True
            )
        )
    return section


def count_queries(api_client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get(url)
    assert response.status_code == 200, response.content
    return len(queries.captured_queries)


def cold_and_warm_queries(api_client, url: str) -> tuple[int, int]:
    """The queries of `url` when the process knows nothing of the content yet (as after any
    change: core.memo), then when it knows what that read learnt (translations, renditions)."""
    api_client.get(url)  # what no content change forgets (content types)
    content_changed(everything=True)
    cold = count_queries(api_client, url)
    return cold, count_queries(api_client, url)


def test_lesson_listing_runs_a_few_queries_whatever_the_limit(api_client, many_lessons):
    url = f"{LESSONS}&fields=*&child_of={many_lessons.pk}"
    at_20 = cold_and_warm_queries(api_client, f"{url}&limit=20")
    at_60 = cold_and_warm_queries(api_client, f"{url}&limit=60")
    assert at_20 == at_60, (at_20, at_60)
    cold, warm = at_20
    assert cold <= 12  # sites, locales, rules, the parent, count, pages, translations, renditions
    assert warm <= 2  # the parent (child_of), the pages
    data = get_json(api_client, f"{url}&limit=60")
    assert len(data["items"]) == 60
    assert all(item["cover_image"]["renditions"]["card"]["url"] for item in data["items"])


def test_all_lessons_listing_runs_a_few_queries_whatever_the_limit(api_client, many_lessons):
    url = f"{LESSONS}&fields=*"
    at_20 = cold_and_warm_queries(api_client, f"{url}&limit=20")
    at_60 = cold_and_warm_queries(api_client, f"{url}&limit=60")
    assert at_20 == at_60, (at_20, at_60)
    assert at_20[1] == 1  # the pages


def test_untyped_listing_runs_a_few_queries_whatever_the_limit(api_client, many_lessons):
    url = "/api/v2/pages/?fields=*"
    at_20 = cold_and_warm_queries(api_client, f"{url}&limit=20")
    at_60 = cold_and_warm_queries(api_client, f"{url}&limit=60")
    assert at_20 == at_60, (at_20, at_60)
    assert at_20[0] <= 12
    assert at_20[1] <= 8


def test_search_listing_runs_a_few_queries_whatever_the_limit(api_client, many_lessons):
    url = f"{LESSONS}&fields=*&search=everyday"
    at_20 = cold_and_warm_queries(api_client, f"{url}&limit=20")
    at_60 = cold_and_warm_queries(api_client, f"{url}&limit=60")
    assert at_20 == at_60, (at_20, at_60)
    assert at_20[0] <= 12
    assert at_20[1] <= 8


def test_category_listing_with_images_runs_a_few_queries_whatever_the_limit(api_client, curriculum):
    home = curriculum["home"]
    for number, image in enumerate(images_with_renditions(25)):
        home.add_child(instance=CategoryPage(title=f"Topic {number}", image=image, live=True))
    url = "/api/v2/pages/?type=lessons.CategoryPage&fields=*"
    at_5 = cold_and_warm_queries(api_client, f"{url}&limit=5")
    at_25 = cold_and_warm_queries(api_client, f"{url}&limit=25")
    assert at_5 == at_25, (at_5, at_25)
    assert at_5[0] <= 12
    assert at_5[1] <= 8


def test_lesson_detail_runs_a_few_queries(api_client, curriculum, django_assert_max_num_queries):
    url = f"/api/v2/pages/{curriculum['present'].pk}/"
    with django_assert_max_num_queries(16):  # cold: sites, locales, rules, its parent...
        api_client.get(url)
    # Warm: the lesson's row; its parent, images and translations are known (core.memo).
    with django_assert_max_num_queries(1):
        api_client.get(url)
