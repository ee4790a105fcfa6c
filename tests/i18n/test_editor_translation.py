"""Editors translate in the admin with wagtail-localize: a new lesson is submitted for
translation, translated segment by segment (exercises included), published, and then served
under `?locale=`; translations sync with their source; PO files go out and come back."""

import polib
import pytest
from django.test import Client
from django.test.client import encode_multipart
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from lessons.models import LessonPage
from members.models import Role
from tests.lessons import builders

pytestmark = pytest.mark.django_db

BOUNDARY = "toto-boundary"
LESSON_TITLE = "Adverbs of frequency"
VI = {
    LESSON_TITLE: "Trạng từ chỉ tần suất",
    "adverbs-of-frequency": "trang-tu-chi-tan-suat",
    "Learn the adverbs of frequency.": "Học các trạng từ chỉ tần suất.",
    "Practice": "Luyện tập",
    "Third person singular takes -s.": "Ngôi thứ ba số ít thêm -s.",
    "animal": "động vật",
    "plant": "thực vật",
    "machine": "máy móc",
}


def admin_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def teacher(make_member):
    return make_member("teacher@example.com", role=Role.TEACHER)


@pytest.fixture
def new_lesson(english_path):
    """A lesson just written in English, under a path that already exists in Vietnamese."""
    from tests.lessons.conftest import exercise_body

    lesson = builders.lesson(english_path.subcategory, LESSON_TITLE, body=exercise_body())
    for block in lesson.body:
        block.value  # noqa: B018 - stored again as the admin stores it (list items with ids)
    lesson.save_revision().publish()
    return lesson


def submit_translation(client, page, locale):
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    return client.post(url, {"locales": [locale.pk]})


def translate_strings(client, translation, texts):
    """What the translation editor sends for each segment a translator fills in."""
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
        source = segment.string.data
        url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
        response = client.put(
            url,
            encode_multipart(BOUNDARY, {"value": texts.get(source, source)}),
            content_type=f"multipart/form-data; boundary={BOUNDARY}",
        )
        assert response.status_code in (200, 201), response.content


def publish_translation(client, page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        return client.post(url, {"action": "publish"})


def test_an_editor_translates_a_new_lesson_and_it_is_served_under_its_locale(
    teacher, vi_path, new_lesson, vi, api_client, django_capture_on_commit_callbacks
):
    client = admin_client(teacher)
    form = client.get(reverse("wagtail_localize:submit_page_translation", args=[new_lesson.pk]))
    assert form.status_code == 200
    assert "Tiếng Việt" in form.content.decode() or "Vietnamese" in form.content.decode()

    response = submit_translation(client, new_lesson, vi)

    assert response.status_code == 302
    draft = LessonPage.objects.get(translation_key=new_lesson.translation_key, locale=vi)
    # Submitted, not yet translated: a draft, not part of the Vietnamese tree.
    assert not draft.live
    listed = api_client.get("/api/v2/pages/", {"locale": "vi", "type": "lessons.LessonPage"})
    assert draft.pk not in [item["id"] for item in listed.json()["items"]]

    editor = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk]))
    assert editor.status_code == 200
    translation = Translation.objects.get(source__object_id=new_lesson.translation_key)
    translate_strings(client, translation, VI)
    published = publish_translation(client, draft, django_capture_on_commit_callbacks)

    assert published.status_code == 302
    draft.refresh_from_db()
    assert draft.live
    listed = api_client.get(
        "/api/v2/pages/", {"locale": "vi", "type": "lessons.LessonPage", "fields": "title"}
    ).json()
    item = next(item for item in listed["items"] if item["id"] == draft.pk)
    assert item["title"] == "Trạng từ chỉ tần suất"
    assert item["meta"]["html_url"].endswith("/vi/ngu-phap/cac-thi/trang-tu-chi-tan-suat/")
    assert item["meta"]["translations"][0]["id"] == new_lesson.pk
    detail = api_client.get(f"/api/v2/pages/{draft.pk}/").json()
    blocks = {block["id"]: block["value"] for block in detail["body"]}
    assert sorted(blocks["match"]["targets"]) == ["máy móc", "thực vật", "động vật"]
    assert "is_correct" not in str(detail["body"])


def test_every_exercise_text_is_a_segment_the_translator_sees(teacher, new_lesson, vi):
    submit_translation(admin_client(teacher), new_lesson, vi)
    source = Translation.objects.get(source__object_id=new_lesson.translation_key).source
    texts = set(StringSegment.objects.filter(source=source).values_list("string__data", flat=True))

    assert {
        "She ___ coffee every morning.",  # question
        "drinks",  # an option
        "works",  # an accepted gap answer
        "is living",
        "never",  # an item to put in order
        "animal",  # a match target
        "Say what you do every morning.",  # a voice prompt
        "I get up at seven",  # the expected phrase
        "Third person singular takes -s.",  # an explanation
    } <= texts


def test_a_content_creator_translates_but_a_teacher_publishes(
    make_member, vi_path, new_lesson, vi, django_capture_on_commit_callbacks
):
    creator = admin_client(make_member("writer@example.com", role=Role.CONTENT_CREATOR))

    assert submit_translation(creator, new_lesson, vi).status_code == 302
    draft = LessonPage.objects.get(translation_key=new_lesson.translation_key, locale=vi)
    translation = Translation.objects.get(source__object_id=new_lesson.translation_key)
    translate_strings(creator, translation, VI)
    refused = publish_translation(creator, draft, django_capture_on_commit_callbacks)

    # Wagtail's admin answers a refused action by sending the editor back to the dashboard.
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    draft.refresh_from_db()
    assert not draft.live


def test_students_cannot_submit_translations(make_member, new_lesson, vi):
    student = admin_client(make_member("student@example.com", role=Role.STUDENT))

    response = submit_translation(student, new_lesson, vi)

    assert response.status_code in (302, 403)
    assert not Page.objects.filter(translation_key=new_lesson.translation_key, locale=vi).exists()


def test_a_change_to_the_source_is_synced_into_the_translation(
    teacher, vi_path, new_lesson, vi, django_capture_on_commit_callbacks
):
    client = admin_client(teacher)
    submit_translation(client, new_lesson, vi)
    translation = Translation.objects.get(source__object_id=new_lesson.translation_key)
    translate_strings(client, translation, VI)
    draft = LessonPage.objects.get(translation_key=new_lesson.translation_key, locale=vi)
    publish_translation(client, draft, django_capture_on_commit_callbacks)

    new_lesson.intro = "Always, usually, often, sometimes, never."
    new_lesson.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:update_translations", args=[translation.source.pk]),
            {"publish_translations": "on"},
        )

    assert response.status_code == 302
    synced = LessonPage.objects.get(pk=draft.pk)
    # The new English text is waiting for its translation (shown in English until then); what
    # was translated stays translated.
    assert synced.intro == "Always, usually, often, sometimes, never."
    assert synced.title == "Trạng từ chỉ tần suất"
    pending = StringSegment.objects.filter(
        source=translation.source, string__data=new_lesson.intro
    ).get()
    assert not StringTranslation.objects.filter(translation_of=pending.string, locale=vi).exists()


def test_po_files_go_out_to_translators_and_come_back(teacher, vi_path, new_lesson, vi):
    client = admin_client(teacher)
    submit_translation(client, new_lesson, vi)
    translation = Translation.objects.get(source__object_id=new_lesson.translation_key)

    exported = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))

    assert exported.status_code == 200
    po = polib.pofile(exported.content.decode())
    assert {entry.msgid for entry in po} >= {LESSON_TITLE, "Third person singular takes -s."}
    for entry in po:
        entry.msgstr = VI.get(entry.msgid, "")
    uploaded = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        encode_multipart(BOUNDARY, {"file": _upload(str(po))}),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )
    assert uploaded.status_code == 302
    imported = dict(
        StringTranslation.objects.filter(
            locale=vi, context__object=translation.source.object
        ).values_list("translation_of__data", "data")
    )
    assert imported[LESSON_TITLE] == "Trạng từ chỉ tần suất"
    assert imported["Third person singular takes -s."] == "Ngôi thứ ba số ít thêm -s."


def test_machine_translation_is_off_unless_configured():
    assert get_machine_translator() is None


def _upload(content: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("lesson-vi.po", content.encode(), "text/x-gettext-translation")
