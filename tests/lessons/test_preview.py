"""Editors preview what learners will see: drafts, pages in review and new unsaved pages are
rendered by Toto (answers shown to the editor), and with `APP_PREVIEW_URL` the app can show a
draft through `/api/v2/page_preview/` with a signed, expiring token that names one revision."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Workflow

from core.preview import page_preview_token_make
from lessons.models import LessonPage
from members.models import Role
from tests.lessons.editor_forms import lesson_form, multiple_choice, paragraph

pytestmark = pytest.mark.django_db

APP_PREVIEW = "https://app.toto.example/preview"
PREVIEW_API = "/api/v2/page_preview/"


def signed_in(make_member, role: str, email: str) -> Client:
    client = Client()
    client.force_login(make_member(email, role=role))
    return client


@pytest.fixture
def teacher(make_member):
    return signed_in(make_member, Role.TEACHER, "teacher@example.com")


@pytest.fixture
def creator(make_member):
    return signed_in(make_member, Role.CONTENT_CREATOR, "creator@example.com")


@pytest.fixture
def draft_lesson(make_lesson):
    return make_lesson("Draft lesson", live=False)


def answers_in(html: str) -> bool:
    """The editor-only answer boxes, with the fixture's explanation and accepted answers."""
    return (
        "Answer (editors only)" in html
        and "Third person singular takes -s." in html
        and "is living" in html
    )


# --- Toto's own rendering ------------------------------------------------------------------


def test_an_editor_previews_a_draft_with_the_answers(teacher, draft_lesson):
    response = teacher.get(f"/admin/pages/{draft_lesson.pk}/view_draft/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Draft lesson" in html
    assert answers_in(html)
    # The answer key the page's "Check" uses, next to each exercise.
    assert html.count('type="application/json"') == 6  # 2 MC, 2 fill-in, 2 drag-drop, no voice
    assert 'name="viewport"' in html


def test_a_content_creator_previews_their_draft(creator, draft_lesson):
    response = creator.get(f"/admin/pages/{draft_lesson.pk}/view_draft/")
    assert response.status_code == 200
    assert answers_in(response.content.decode())


@pytest.mark.parametrize("role", [Role.STUDENT, Role.INSTITUTION])
def test_members_without_editing_rights_never_see_a_preview(make_member, draft_lesson, role):
    client = signed_in(make_member, role, f"{role}@example.com")
    response = client.get(f"/admin/pages/{draft_lesson.pk}/view_draft/")
    assert response.status_code in (302, 403)
    assert b"Draft lesson" not in response.content
    assert Client().get(f"/admin/pages/{draft_lesson.pk}/view_draft/").status_code == 302


def test_the_preview_panel_renders_the_unsaved_form(teacher, draft_lesson):
    url = f"/admin/pages/{draft_lesson.pk}/edit/preview/"
    form = lesson_form(
        "Renamed in the form",
        draft_lesson.slug,
        paragraph("<p>A brand new paragraph.</p>"),
        ("multiple_choice", multiple_choice("Pick one", ("yes", True), ("no", False))),
    )
    posted = teacher.post(url, form)
    assert posted.status_code == 200
    assert posted.json()["is_valid"] is True
    html = teacher.get(url + "?in_preview_panel=true").content.decode()
    assert "Renamed in the form" in html
    assert "A brand new paragraph." in html
    assert "Answer (editors only)" in html
    # Nothing was saved by previewing.
    assert LessonPage.objects.get(pk=draft_lesson.pk).title == "Draft lesson"


def test_a_new_unsaved_lesson_can_be_previewed(teacher, lesson_section):
    url = f"/admin/pages/add/lessons/lessonpage/{lesson_section.pk}/preview/"
    form = lesson_form(
        "Not saved yet",
        "not-saved-yet",
        ("multiple_choice", multiple_choice("Which?", ("this", True), ("that", False))),
    )
    assert teacher.post(url, form).json()["is_valid"] is True
    response = teacher.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Not saved yet" in html
    assert "Tenses" in html  # the breadcrumbs know where the page will be
    assert not LessonPage.objects.filter(slug="not-saved-yet").exists()


def test_a_reviewer_previews_the_lesson_in_review(make_member, teacher, draft_lesson):
    author = make_member("author@example.com", role=Role.CONTENT_CREATOR)
    workflow = Workflow.objects.get(name="Lesson review")
    workflow.start(draft_lesson, author)
    task = workflow.tasks.first()
    url = f"/admin/pages/workflow/preview/{draft_lesson.pk}/{task.pk}/"
    response = teacher.get(url)
    assert response.status_code == 200
    assert answers_in(response.content.decode())
    # The author is no reviewer of the task.
    author_client = Client()
    author_client.force_login(author)
    assert author_client.get(url).status_code in (302, 403)


# --- The app's preview ---------------------------------------------------------------------


def test_without_app_preview_url_there_is_one_preview_mode(draft_lesson):
    with override_settings(APP_PREVIEW_URL=""):
        assert [mode for mode, _label in draft_lesson.preview_modes] == [""]
    with override_settings(APP_PREVIEW_URL=APP_PREVIEW):
        assert [mode for mode, _label in draft_lesson.preview_modes] == ["", "app"]


def open_in_app(client, lesson) -> dict:
    response = client.get(f"/admin/pages/{lesson.pk}/view_draft/?mode=app")
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(APP_PREVIEW + "?")
    query = parse_qs(urlsplit(location).query)
    return {"content_type": query["content_type"][0], "token": query["token"][0]}


@override_settings(APP_PREVIEW_URL=APP_PREVIEW)
def test_preview_in_the_app_serves_the_draft_in_the_detail_shape(teacher, api_client, draft_lesson):
    params = open_in_app(teacher, draft_lesson)
    assert params["content_type"] == "lessons.lessonpage"
    response = api_client.get(PREVIEW_API, params)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    data = response.json()
    assert data["id"] == draft_lesson.pk
    assert data["title"] == "Draft lesson"
    assert data["meta"]["type"] == "lessons.LessonPage"
    assert data["meta"]["parent"]["title"] == "Tenses"
    types = [block["type"] for block in data["body"]]
    assert "multiple_choice" in types and "drag_drop" in types
    # Same shape as the live detail: exercises without their answers.
    text = response.content.decode()
    for secret in ("is_correct", "accepted_answers", "Third person singular", "is living"):
        assert secret not in text
    # The public endpoints still do not serve the draft.
    assert api_client.get(f"/api/v2/pages/{draft_lesson.pk}/").status_code == 404


@override_settings(APP_PREVIEW_URL=APP_PREVIEW)
def test_a_token_names_one_revision(teacher, api_client, draft_lesson):
    params = open_in_app(teacher, draft_lesson)
    draft_lesson.title = "Changed after the preview"
    draft_lesson.save_revision()
    assert api_client.get(PREVIEW_API, params).json()["title"] == "Draft lesson"
    newer = open_in_app(teacher, draft_lesson)
    assert api_client.get(PREVIEW_API, newer).json()["title"] == "Changed after the preview"


@override_settings(APP_PREVIEW_URL=APP_PREVIEW, APP_PREVIEW_TOKEN_MAX_AGE=-1)
def test_an_expired_token_answers_410(teacher, api_client, draft_lesson):
    params = open_in_app(teacher, draft_lesson)
    response = api_client.get(PREVIEW_API, params)
    assert response.status_code == 410
    assert response.json()["code"] == "preview_expired"


@override_settings(APP_PREVIEW_URL=APP_PREVIEW)
def test_a_preview_is_never_served_from_a_cache_after_its_token_expired(
    teacher, api_client, draft_lesson
):
    params = open_in_app(teacher, draft_lesson)
    for _ in range(2):
        assert api_client.get(PREVIEW_API, params).status_code == 200
    with override_settings(APP_PREVIEW_TOKEN_MAX_AGE=-1):
        assert api_client.get(PREVIEW_API, params).status_code == 410


@override_settings(APP_PREVIEW_URL=APP_PREVIEW)
def test_tokens_cannot_be_forged_or_reused_for_another_page_type(api_client, draft_lesson):
    revision = draft_lesson.get_latest_revision()
    token = page_preview_token_make(revision)
    cases = [
        ({"content_type": "lessons.lessonpage", "token": token[:-2] + "xx"}, 404, "not_found"),
        ({"content_type": "lessons.categorypage", "token": token}, 404, "not_found"),
        ({"content_type": "lessons.lessonpage", "token": "id=1:abc:def"}, 404, "not_found"),
        ({"content_type": "lessons.lessonpage"}, 400, "invalid_parameter"),
        ({"token": token}, 400, "invalid_parameter"),
        ({"content_type": "lessons.lessonpage", "token": token, "type": "x"}, 400, None),
    ]
    for params, status, code in cases:
        response = api_client.get(PREVIEW_API, params)
        assert response.status_code == status, params
        if code:
            assert response.json()["code"] == code, params


@override_settings(APP_PREVIEW_URL=APP_PREVIEW)
def test_a_deleted_page_has_no_preview(api_client, draft_lesson):
    token = page_preview_token_make(draft_lesson.get_latest_revision())
    Page.objects.get(pk=draft_lesson.pk).delete()
    params = {"content_type": "lessons.lessonpage", "token": token}
    assert api_client.get(PREVIEW_API, params).status_code == 404


@override_settings(APP_PREVIEW_URL=APP_PREVIEW)
def test_a_new_unsaved_lesson_asks_to_save_a_draft_first(teacher, lesson_section):
    url = f"/admin/pages/add/lessons/lessonpage/{lesson_section.pk}/preview/"
    teacher.post(url, lesson_form("Unsaved", "unsaved"))
    response = teacher.get(url + "?mode=app")
    assert response.status_code == 200
    assert "Save a draft first" in response.content.decode()


@override_settings(APP_PREVIEW_URL=APP_PREVIEW)
def test_the_preview_endpoint_runs_a_few_queries(teacher, api_client, draft_lesson):
    params = open_in_app(teacher, draft_lesson)
    api_client.get(PREVIEW_API, params)  # renditions are made once
    with CaptureQueriesContext(connection) as queries:
        assert api_client.get(PREVIEW_API, params).status_code == 200
    assert len(queries) <= 15, [query["sql"] for query in queries]
