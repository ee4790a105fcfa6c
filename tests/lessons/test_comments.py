"""Comments on lessons: one level of replies, plain text, authors, moderators and reports."""

import pytest

from lessons.models.learning import Comment, CommentReport
from members.models import Role

pytestmark = pytest.mark.django_db


def comments_url(lesson) -> str:
    return f"/api/v1/lessons/{lesson.pk}/comments/"


def post_comment(client, lesson, text="Great lesson!", **extra):
    return client.post(comments_url(lesson), {"text": text, **extra}, format="json")


@pytest.fixture
def teacher_client(make_member, member_client):
    return member_client(make_member("teacher@example.com", role=Role.TEACHER))


@pytest.fixture
def other(make_member):
    return make_member("other@example.com", first_name="Otto", last_name="Hahn")


@pytest.fixture
def other_client(other, member_client):
    return member_client(other)


def test_a_verified_member_comments_and_the_comment_shows_a_public_author(
    learner_client, learner, exercise_lesson
):
    response = post_comment(learner_client, exercise_lesson, "  Very clear, thanks!  ")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["text"] == "Very clear, thanks!"
    assert data["author"] == {"id": learner.pk, "display_name": "Lea R.", "avatar": None}
    assert (data["parent"], data["lesson"], data["reply_count"], data["replies"]) == (
        None,
        exercise_lesson.pk,
        0,
        [],
    )
    assert "email" not in str(data)


def test_unverified_members_cannot_comment_but_can_read(
    make_member, member_client, exercise_lesson
):
    client = member_client(make_member("new@example.com", verified=False))
    response = post_comment(client, exercise_lesson)
    assert response.status_code == 403
    assert not Comment.objects.exists()
    assert client.get(comments_url(exercise_lesson)).status_code == 200


def test_comments_are_listed_newest_first_with_their_newest_replies(
    learner_client, other_client, exercise_lesson
):
    first = post_comment(learner_client, exercise_lesson, "first").json()
    second = post_comment(learner_client, exercise_lesson, "second").json()
    for number in range(1, 5):
        response = post_comment(
            other_client, exercise_lesson, f"reply {number}", parent=first["id"]
        )
        assert response.status_code == 201, response.content

    listing = learner_client.get(comments_url(exercise_lesson)).json()
    assert listing["meta"]["total_count"] == 2
    assert [c["text"] for c in listing["items"]] == ["second", "first"]
    first_row = listing["items"][1]
    assert first_row["reply_count"] == 4
    assert [r["text"] for r in first_row["replies"]] == ["reply 4", "reply 3", "reply 2"]
    assert listing["items"][0]["id"] == second["id"]

    replies = learner_client.get(f"{comments_url(exercise_lesson)}?parent={first['id']}").json()
    assert [r["text"] for r in replies["items"]] == ["reply 4", "reply 3", "reply 2", "reply 1"]
    page = learner_client.get(
        f"{comments_url(exercise_lesson)}?parent={first['id']}&limit=2&offset=2"
    ).json()
    assert [r["text"] for r in page["items"]] == ["reply 2", "reply 1"]


def test_threads_are_one_level_deep(learner_client, other_client, exercise_lesson, make_lesson):
    top = post_comment(learner_client, exercise_lesson, "top").json()
    reply = post_comment(other_client, exercise_lesson, "reply", parent=top["id"]).json()
    response = post_comment(learner_client, exercise_lesson, "deeper", parent=reply["id"])
    assert response.status_code == 400
    assert "parent" in response.json()["errors"]
    elsewhere = make_lesson("Elsewhere")
    assert post_comment(learner_client, elsewhere, "x", parent=top["id"]).status_code == 400
    assert post_comment(learner_client, exercise_lesson, "x", parent=999999).status_code == 400
    assert (
        learner_client.get(f"{comments_url(exercise_lesson)}?parent={reply['id']}").status_code
        == 404
    )


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("<script>alert('x')</script>Nice", "Nice"),
        ('<img src=x onerror="alert(1)">ok', "ok"),
        ("<b>bold</b> and <a href='javascript:x'>link</a>", "bold and link"),
        ("<<b>script>alert(1)<</b>/script>ok", "ok"),
        ("I <3 English & 2 < 3", "I <3 English & 2 < 3"),
        ("line one\r\n\r\n\r\n\r\nline   two", "line one\n\nline two"),
    ],
)
def test_comment_text_is_plain_html_is_stripped_never_kept(
    learner_client, exercise_lesson, text, stored
):
    data = post_comment(learner_client, exercise_lesson, text).json()
    assert data["text"] == stored
    assert Comment.objects.get().text == stored


@pytest.mark.parametrize("text", ["", "   ", "<p></p>", "<script></script>", "x" * 2001])
def test_empty_or_too_long_comments_are_a_400(learner_client, exercise_lesson, text):
    response = post_comment(learner_client, exercise_lesson, text)
    assert response.status_code == 400
    assert "text" in response.json()["errors"]
    assert not Comment.objects.exists()


def test_comments_on_drafts_are_a_404(learner_client, make_lesson):
    draft = make_lesson("Draft", live=False)
    assert post_comment(learner_client, draft).status_code == 404
    assert learner_client.get(comments_url(draft)).status_code == 404


def test_posting_comments_is_throttled(learner_client, exercise_lesson):
    statuses = [
        post_comment(learner_client, exercise_lesson, f"spam {n}").status_code for n in range(12)
    ]
    assert statuses[:10] == [201] * 10
    assert statuses[10:] == [429, 429]
    # Reading is never throttled.
    assert learner_client.get(comments_url(exercise_lesson)).status_code == 200


def test_the_author_edits_and_deletes_their_own_comment(learner_client, exercise_lesson):
    comment = post_comment(learner_client, exercise_lesson, "tpyo").json()
    url = f"/api/v1/comments/{comment['id']}/"
    response = learner_client.patch(url, {"text": "<i>typo</i> fixed"}, format="json")
    assert response.status_code == 200
    assert response.json()["text"] == "typo fixed"
    assert response.json()["edited_at"] is not None
    assert learner_client.delete(url).status_code == 204
    assert not Comment.objects.exists()


def test_others_cannot_edit_delete_or_hide_a_comment(learner_client, other_client, exercise_lesson):
    comment = post_comment(learner_client, exercise_lesson, "mine").json()
    url = f"/api/v1/comments/{comment['id']}/"
    assert other_client.patch(url, {"text": "yours now"}, format="json").status_code == 403
    assert other_client.patch(url, {"hidden": True}, format="json").status_code == 403
    assert other_client.delete(url).status_code == 403
    assert Comment.objects.get().text == "mine"
    assert learner_client.patch(url, {}, format="json").status_code == 400


def test_a_teacher_hides_a_comment_and_it_vanishes_with_its_replies(
    learner_client, other_client, teacher_client, exercise_lesson
):
    comment = post_comment(learner_client, exercise_lesson, "rude").json()
    post_comment(other_client, exercise_lesson, "a reply", parent=comment["id"])
    keep = post_comment(other_client, exercise_lesson, "polite").json()
    url = f"/api/v1/comments/{comment['id']}/"

    # Moderators hide but never rewrite members' words.
    assert teacher_client.patch(url, {"text": "nice"}, format="json").status_code == 403
    response = teacher_client.patch(url, {"hidden": True}, format="json")
    assert response.status_code == 200
    assert response.json()["hidden"] is True

    listing = learner_client.get(comments_url(exercise_lesson)).json()
    assert [c["id"] for c in listing["items"]] == [keep["id"]]
    assert learner_client.get(url).status_code == 404
    assert learner_client.patch(url, {"text": "edit"}, format="json").status_code == 404
    assert (
        learner_client.get(f"{comments_url(exercise_lesson)}?parent={comment['id']}").status_code
        == 404
    )

    assert teacher_client.patch(url, {"hidden": False}, format="json").json()["hidden"] is False
    assert learner_client.get(url).status_code == 200


def test_a_teacher_deletes_any_comment_a_student_cannot(
    learner_client, other_client, teacher_client, exercise_lesson
):
    comment = post_comment(learner_client, exercise_lesson, "spam").json()
    url = f"/api/v1/comments/{comment['id']}/"
    assert other_client.delete(url).status_code == 403
    assert teacher_client.delete(url).status_code == 204
    assert not Comment.objects.exists()


def test_reporting_a_comment_is_idempotent_and_not_for_ones_own(
    learner_client, other_client, exercise_lesson
):
    comment = post_comment(learner_client, exercise_lesson, "buy cheap watches").json()
    url = f"/api/v1/comments/{comment['id']}/report/"
    first = other_client.post(url, {"reason": "spam", "note": "<b>ad</b>"}, format="json")
    assert first.status_code == 201, first.content
    assert first.json()["reason"] == "spam"
    again = other_client.post(url, {"reason": "abuse"}, format="json")
    assert again.status_code == 200
    assert again.json()["reason"] == "spam"
    report = CommentReport.objects.get()
    assert report.note == "ad"

    own = learner_client.post(url, {"reason": "spam"}, format="json")
    assert own.status_code == 400
    assert own.json()["code"] == "cannot_report_own_comment"
    assert other_client.post(url, {"reason": "boring"}, format="json").status_code == 400
    assert (
        other_client.post("/api/v1/comments/999999/report/", {}, format="json").status_code == 404
    )
    # The reported comment stays visible until a moderator acts.
    assert learner_client.get(comments_url(exercise_lesson)).json()["meta"]["total_count"] == 1


def test_hiding_a_comment_closes_its_reports(
    learner_client, other_client, teacher_client, exercise_lesson
):
    comment = post_comment(learner_client, exercise_lesson, "rude").json()
    other_client.post(f"/api/v1/comments/{comment['id']}/report/", {"reason": "abuse"})
    teacher_client.patch(f"/api/v1/comments/{comment['id']}/", {"hidden": True}, format="json")
    report = CommentReport.objects.get()
    assert report.resolution == "hidden"
    assert report.resolved_at is not None
