"""The media endpoints serve only media used by pages the request may see (Wagtail's reference
index with core.visibility), and restricted documents are only ever served by /documents/."""

import importlib
import io
import json
import urllib.request
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import clear_url_caches
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

import toto_site.urls
from tests.conftest import png_bytes
from tests.lessons import builders

pytestmark = pytest.mark.django_db


Image = get_image_model()
Document = get_document_model()


def new_image(title: str) -> Image:
    return Image.objects.create(
        title=title, file=ImageFile(io.BytesIO(png_bytes(32, 24)), name=f"{title}.png")
    )


def new_document(title: str, collection=None) -> Document:
    document = Document(title=title, file=ContentFile(b"ID3 audio", name=f"{title}.mp3"))
    if collection is not None:
        document.collection = collection
    document.save()
    return document


def body(*, image=None, audio=None) -> str:
    blocks = []
    if image is not None:
        blocks.append(
            {"type": "image", "value": {"image": image.pk, "alt_text": "", "caption": ""}}
        )
    if audio is not None:
        blocks.append(
            {"type": "audio", "value": {"audio": audio.pk, "title": "", "transcript": ""}}
        )
    return json.dumps(blocks)


def listed_ids(client, endpoint: str, query: str = "") -> set[int]:
    response = client.get(f"/api/v2/{endpoint}/{query}")
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


@pytest.fixture
def section(home_page):
    return builders.lesson_tree(home_page)[1]


def test_only_images_used_by_live_pages_are_listed_found_and_served(api_client, section):
    cover, in_body, unused, draft_only = (
        new_image(t) for t in ("cover", "body", "unused", "draft")
    )
    builders.lesson(section, "Live", cover_image=cover, body=body(image=in_body))
    builders.lesson(section, "Never published", live=False, body=body(image=draft_only))

    assert listed_ids(api_client, "images") == {cover.pk, in_body.pk}
    for hidden in (unused, draft_only):
        assert api_client.get(f"/api/v2/images/{hidden.pk}/").status_code == 404
        assert api_client.get(f"/api/v2/images/find/?id={hidden.pk}").status_code == 404
    assert api_client.get(f"/api/v2/images/{cover.pk}/").status_code == 200
    assert listed_ids(api_client, "images", "?search=draft") == set()


def test_an_image_chosen_only_in_a_draft_of_a_live_lesson_waits_for_the_publish(
    api_client, section
):
    old, new = new_image("old"), new_image("new")
    lesson = builders.lesson(section, "Live", body=body(image=old))
    lesson.body = body(image=new)
    revision = lesson.save_revision()  # a draft: the live lesson still shows `old`
    assert listed_ids(api_client, "images") == {old.pk}

    revision.publish()
    assert listed_ids(api_client, "images") == {new.pk}


def test_unpublishing_a_lesson_withdraws_its_media(api_client, section):
    image, audio = new_image("pic"), new_document("sound")
    lesson = builders.lesson(section, "Live", body=body(image=image, audio=audio))
    assert listed_ids(api_client, "documents") == {audio.pk}

    lesson.unpublish()
    assert listed_ids(api_client, "images") == set()
    assert listed_ids(api_client, "documents") == set()


def test_media_of_restricted_lessons_are_listed_only_for_members_who_may_see_them(
    api_client, section, make_member, member_client
):
    image, audio = new_image("members"), new_document("members-audio")
    lesson = builders.lesson(section, "Members only", body=body(image=image, audio=audio))
    PageViewRestriction.objects.create(page=lesson, restriction_type=PageViewRestriction.LOGIN)

    assert listed_ids(api_client, "images") == set()
    assert listed_ids(api_client, "documents") == set()
    member = member_client(make_member("ana@example.com"))
    assert listed_ids(member, "images") == {image.pk}
    assert listed_ids(member, "documents") == {audio.pk}


def test_listing_media_costs_the_same_queries_for_one_or_many(api_client, section):
    builders.lesson(section, "One", body=body(image=new_image("a")))

    def listing_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert api_client.get("/api/v2/images/?limit=100").status_code == 200
        return len(queries)

    listing_queries()  # per-process lookups (content types) are made once, here
    one = listing_queries()
    for n in range(5):
        builders.lesson(section, f"More {n}", body=body(image=new_image(f"m{n}")))
    assert len(listed_ids(api_client, "images", "?limit=100")) == 6
    assert listing_queries() <= one


@pytest.fixture
def debug_urls(settings, tmp_path):
    """The URLs `make run` serves (DEBUG: uploads straight from MEDIA_ROOT), media on disk."""

    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    importlib.reload(toto_site.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(toto_site.urls)
    clear_url_caches()


def test_restricted_documents_are_never_served_from_media_in_development(
    debug_urls, client, section, make_member
):
    private = Collection.get_first_root_node().add_child(name="Teachers' files")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    secret = new_document("answers", collection=private)
    image = new_image("open")

    assert client.get(f"/media/{secret.file.name}").status_code == 404
    assert client.get(secret.url).status_code in (302, 403)  # sent to sign in
    assert client.get(f"/media/{image.file.name}").status_code == 200  # other uploads still are

    client.force_login(make_member("ana@example.com"))
    response = client.get(secret.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"ID3 audio"


def test_documents_on_s3_are_served_by_expiring_links_after_the_restriction_check(
    client, make_member, settings
):
    assert "signed_media" in settings.STORAGES  # the suite's media are on S3 (moto)
    private = Collection.get_first_root_node().add_child(name="Teachers' answers")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    secret, open_audio = new_document("answers", collection=private), new_document("open")

    anonymous = client.get(secret.url)
    assert anonymous.status_code == 302
    assert "/login" in anonymous["Location"]  # Wagtail's check, not a link to the file

    client.force_login(make_member("ana@example.com"))
    for document in (secret, open_audio):
        response = client.get(document.url)
        assert response.status_code == 302
        link = urlsplit(response["Location"])
        query = parse_qs(link.query)
        assert link.path.endswith(document.file.name)
        assert "X-Amz-Signature" in query
        assert int(query["X-Amz-Expires"][0]) == settings.DOCUMENT_URL_MAX_AGE
        assert "no-store" in response["Cache-Control"]
        with urllib.request.urlopen(response["Location"]) as fetched:
            assert fetched.read() == b"ID3 audio"
