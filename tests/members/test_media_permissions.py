"""Media used by live lessons change only through teachers and admins.

A content creator once renamed and replaced the file of an image used by a live lesson, and the
API served the new one at once. Creators now upload into their own collection ("Content
creators") and may edit only their own uploads there; once a page using an upload is
published, it moves to the root collection, out of their reach.
"""

import io
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from members.collections import CREATORS_COLLECTION, creators_collection
from members.models import Role
from tests.conftest import png_bytes
from tests.lessons import builders

pytestmark = pytest.mark.django_db

Image = get_image_model()
Document = get_document_model()


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def creator_user(make_member):
    return make_member("creator@example.com", role=Role.CONTENT_CREATOR)


@pytest.fixture
def creator(creator_user):
    return signed_in(creator_user)


@pytest.fixture
def section(home_page):
    return builders.lesson_tree(home_page)[1]


def new_image(title: str, *, collection=None, owner=None, color="teal"):
    return Image.objects.create(
        title=title,
        file=ImageFile(io.BytesIO(png_bytes(64, 48, color)), name=f"{title}.png"),
        collection=collection or Collection.get_first_root_node(),
        uploaded_by_user=owner,
    )


def new_document(title: str, *, collection=None, owner=None):
    return Document.objects.create(
        title=title,
        file=ContentFile(b"RIFF....WAVEfmt ", name=f"{title}.wav"),
        collection=collection or Collection.get_first_root_node(),
        uploaded_by_user=owner,
    )


def lesson_using(section, image, document=None, *, live=True, title="Using media"):
    body = [
        {"type": "image", "id": "img", "value": {"image": image.pk, "alt_text": "", "caption": ""}}
    ]
    if document is not None:
        body.append(
            {
                "type": "audio",
                "id": "snd",
                "value": {"audio": document.pk, "title": "", "transcript": ""},
            }
        )
    return builders.lesson(section, title, live=live, body=json.dumps(body))


def image_edit(client, image, title: str):
    upload = SimpleUploadedFile("replaced.png", png_bytes(64, 48, "red"), "image/png")
    return client.post(
        f"/admin/images/{image.pk}/",
        {"title": title, "file": upload, "collection": image.collection_id, "tags": ""},
    )


def document_edit(client, document, title: str):
    upload = SimpleUploadedFile("replaced.wav", b"RIFF....WAVEfmt replaced", "audio/wav")
    return client.post(
        f"/admin/documents/edit/{document.pk}/",
        {"title": title, "file": upload, "collection": document.collection_id, "tags": ""},
    )


def test_a_creator_cannot_rename_or_replace_an_image_used_by_a_live_lesson(
    creator, api_client, section
):
    image = new_image("Diagram")
    lesson = lesson_using(section, image)
    original_file = image.file.name

    assert creator.get(f"/admin/images/{image.pk}/").status_code == 302
    response = image_edit(creator, image, "Renamed by a creator")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    image.refresh_from_db()
    assert (image.title, image.file.name) == ("Diagram", original_file)
    served = api_client.get(f"/api/v2/pages/{lesson.pk}/").json()["body"][0]["value"]["image"]
    assert served["title"] == "Diagram"


def test_a_creator_cannot_rename_or_replace_a_sound_used_by_a_live_lesson(creator, section):
    image = new_image("Picture")
    document = new_document("Rhythm")
    lesson_using(section, image, document)
    original_file = document.file.name
    assert creator.get(f"/admin/documents/edit/{document.pk}/").status_code == 302
    assert document_edit(creator, document, "Renamed by a creator").status_code == 302
    document.refresh_from_db()
    assert (document.title, document.file.name) == ("Rhythm", original_file)


@pytest.mark.parametrize("role", [Role.TEACHER, Role.ADMIN])
def test_teachers_and_admins_can_change_live_media(make_member, section, role):
    client = signed_in(make_member(f"{role}@example.com", role=role))
    image = new_image("Diagram")
    document = new_document("Rhythm")
    lesson_using(section, image, document)
    assert client.get(f"/admin/images/{image.pk}/").status_code == 200
    assert image_edit(client, image, "Better diagram").status_code == 302
    assert document_edit(client, document, "Better rhythm").status_code == 302
    image.refresh_from_db()
    document.refresh_from_db()
    assert image.title == "Better diagram"
    assert document.title == "Better rhythm"


def test_creators_upload_into_their_own_collection_only(creator, creator_user):
    response = creator.get("/admin/images/add/")
    assert response.status_code == 200
    field = response.context["form"].fields.get("collection")
    if field is not None:
        assert [collection.name for collection in field.queryset] == [CREATORS_COLLECTION]
    # Asking for the root collection: refused, or the upload lands in theirs, never in root.
    root = Collection.get_first_root_node()
    upload = SimpleUploadedFile("mine.png", png_bytes(), "image/png")
    creator.post(
        "/admin/images/add/", {"title": "Mine", "file": upload, "collection": root.pk, "tags": ""}
    )
    upload = SimpleUploadedFile("mine.png", png_bytes(), "image/png")
    creator.post(
        "/admin/images/add/",
        {"title": "Mine", "file": upload, "collection": creators_collection().pk, "tags": ""},
    )
    uploads = Image.objects.filter(title="Mine")
    assert uploads.exists()
    for image in uploads:
        assert image.collection == creators_collection()
        assert image.uploaded_by_user == creator_user


def test_a_creators_upload_leaves_their_reach_once_a_lesson_using_it_goes_live(
    creator, creator_user, section
):
    image = new_image("My drawing", collection=creators_collection(), owner=creator_user)
    document = new_document("My recording", collection=creators_collection(), owner=creator_user)
    draft = lesson_using(section, image, document, live=False)

    # While only a draft uses them, the creator may still fix their own uploads.
    assert image_edit(creator, image, "My better drawing").status_code == 302
    image.refresh_from_db()
    assert image.title == "My better drawing"

    # A teacher publishes the lesson: the uploads are reviewed media now.
    draft.get_latest_revision().publish()
    image.refresh_from_db()
    document.refresh_from_db()
    root = Collection.get_first_root_node()
    assert (image.collection, document.collection) == (root, root)
    assert image_edit(creator, image, "Changed after review").status_code == 302
    assert document_edit(creator, document, "Changed after review").status_code == 302
    image.refresh_from_db()
    document.refresh_from_db()
    assert image.title == "My better drawing"
    assert document.title == "My recording"


def test_uploads_not_used_by_live_pages_stay_in_the_creators_collection(creator_user, section):
    used = new_image("Used", collection=creators_collection(), owner=creator_user)
    unused = new_image("Unused", collection=creators_collection(), owner=creator_user)
    lesson_using(section, used)
    used.refresh_from_db()
    unused.refresh_from_db()
    assert used.collection == Collection.get_first_root_node()
    assert unused.collection == creators_collection()
