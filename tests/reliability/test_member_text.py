"""Fields other members see are plain text: comments, report notes, names (display_name)."""

import pytest

from lessons.models.learning import Comment, CommentReport
from members.models import RoleRequest

pytestmark = pytest.mark.django_db

UNCLOSED_IMG = "<img src=x onerror=alert(1)//"
UNCLOSED_SVG = "<svg/onload=alert(1)"


@pytest.fixture
def ana(make_member):
    return make_member("ana@example.com", first_name="Ana", last_name="Gomez")


def comments_url(lesson) -> str:
    return f"/api/v1/lessons/{lesson.pk}/comments/"


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        (f"Great lesson {UNCLOSED_IMG}", "Great lesson"),
        (f"Great {UNCLOSED_SVG} lesson", "Great"),
        ("<svg/onload=alert(1)>Great</svg>", "Great"),
        ("I <3 English & 2 < 3", "I <3 English & 2 < 3"),
    ],
)
def test_comment_text_keeps_no_markup_even_unclosed(sent, stored, ana, member_client, lesson):
    response = member_client(ana).post(comments_url(lesson), {"text": sent}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["text"] == stored
    assert Comment.objects.get().text == stored


def test_a_comment_of_markup_only_is_refused_and_not_stored(ana, member_client, lesson):
    response = member_client(ana).post(comments_url(lesson), {"text": UNCLOSED_IMG}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert not Comment.objects.exists()


def test_edited_comment_text_is_cleaned_too(ana, member_client, lesson):
    client = member_client(ana)
    comment_id = client.post(comments_url(lesson), {"text": "First"}, format="json").json()["id"]
    response = client.patch(
        f"/api/v1/comments/{comment_id}/", {"text": f"Edited {UNCLOSED_SVG}"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert Comment.objects.get().text == "Edited"


def test_names_with_markup_reach_other_members_as_plain_text(
    ana, make_member, member_client, lesson
):
    client = member_client(ana)
    response = client.patch(
        "/api/v1/me/",
        {"first_name": f"<b>Ana</b>{UNCLOSED_IMG}", "last_name": "<svg/onload=alert(1)>Gomez"},
        format="json",
    )
    assert response.status_code == 200, response.content
    ana.refresh_from_db()
    assert (ana.first_name, ana.last_name) == ("Ana", "Gomez")

    client.post(comments_url(lesson), {"text": "Hello"}, format="json")
    reader = member_client(make_member("bob@example.com"))
    author = reader.get(comments_url(lesson)).json()["items"][0]["author"]
    assert author["display_name"] == "Ana G."


def test_names_stored_with_markup_elsewhere_are_shown_as_plain_text(
    make_member, member_client, lesson
):
    # e.g. given by a sign-in provider or typed into the admin's user form
    eve = make_member("eve@example.com", first_name="<img src=x onerror=alert(1)>", last_name="")
    member_client(eve).post(comments_url(lesson), {"text": "Hi"}, format="json")
    reader = member_client(make_member("bob@example.com"))
    author = reader.get(comments_url(lesson)).json()["items"][0]["author"]
    assert author["display_name"] == "Toto member"


def test_report_notes_and_role_request_notes_are_plain_text(
    ana, make_member, member_client, lesson
):
    member_client(ana).post(comments_url(lesson), {"text": "Hello"}, format="json")
    comment = Comment.objects.get()
    reporter = member_client(make_member("bob@example.com"))
    response = reporter.post(
        f"/api/v1/comments/{comment.pk}/report/",
        {"reason": "spam", "note": f"Spam {UNCLOSED_IMG}"},
        format="json",
    )
    assert response.status_code in (200, 201), response.content
    assert CommentReport.objects.get().note == "Spam"

    response = reporter.post(
        "/api/v1/me/role-request/",
        {"role": "teacher", "note": f"I teach <svg/onload=alert(1)>English {UNCLOSED_IMG}"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert RoleRequest.objects.get().note == "I teach English"
