"""Moderators act on reported comments in the Wagtail admin ("Reported comments")."""

import pytest
from django.test import Client

from lessons.models.learning import Comment, CommentReport
from members.models import Role

pytestmark = pytest.mark.django_db

INDEX = "/admin/reported_comments/"


@pytest.fixture
def reported(exercise_lesson, learner, make_member):
    """A comment with two open reports, one harmless comment with a report, one unreported."""
    rude = Comment.objects.create(lesson=exercise_lesson, author=learner, text="You are all dumb")
    fine = Comment.objects.create(lesson=exercise_lesson, author=learner, text="Nice lesson")
    Comment.objects.create(lesson=exercise_lesson, author=learner, text="Never reported")
    for email in ("a@example.com", "b@example.com"):
        CommentReport.objects.create(comment=rude, reporter=make_member(email), reason="abuse")
    CommentReport.objects.create(
        comment=fine, reporter=make_member("c@example.com"), reason="other"
    )
    return rude, fine


def admin_client(make_member, role: str, email: str) -> Client:
    client = Client()
    client.force_login(make_member(email, role=role))
    return client


@pytest.fixture
def teacher(make_member):
    return admin_client(make_member, Role.TEACHER, "teacher@example.com")


def test_a_teacher_sees_reported_comments_with_their_report_counts(teacher, reported):
    response = teacher.get(INDEX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "You are all dumb" in html
    assert "Nice lesson" in html
    assert "Never reported" not in html
    assert "Hide" in html and "Dismiss reports" in html
    # The most reported first.
    assert html.index("You are all dumb") < html.index("Nice lesson")


def test_an_admin_sees_them_too(make_member, reported):
    client = admin_client(make_member, Role.ADMIN, "admin@example.com")
    assert client.get(INDEX).status_code == 200


@pytest.mark.parametrize("role", [Role.STUDENT, Role.CONTENT_CREATOR, Role.INSTITUTION])
def test_other_roles_cannot_reach_the_moderation_screens(make_member, reported, role):
    client = admin_client(make_member, role, f"{role}@example.com")
    rude, _fine = reported
    # Without admin access Wagtail sends the member to its login page; a content creator (and
    # an institution, for its study-abroad listings) has admin access but not the moderation
    # permission: back to the dashboard.
    expected = "/admin/" if role in (Role.CONTENT_CREATOR, Role.INSTITUTION) else "/admin/login/"
    for url in (INDEX, f"{INDEX}inspect/{rude.pk}/", f"{INDEX}delete/{rude.pk}/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].split("?")[0] == expected, url
        assert b"You are all dumb" not in response.content
    client.post(f"{INDEX}hide/{rude.pk}/")
    rude.refresh_from_db()
    assert rude.status == Comment.Status.VISIBLE


def test_a_teacher_hides_a_comment_from_the_admin(teacher, reported):
    rude, _fine = reported
    response = teacher.post(f"{INDEX}hide/{rude.pk}/")
    assert response.status_code == 302
    rude.refresh_from_db()
    assert rude.status == Comment.Status.HIDDEN
    assert rude.moderated_by.email == "teacher@example.com"
    assert set(rude.reports.values_list("resolution", flat=True)) == {"hidden"}

    teacher.post(f"{INDEX}show/{rude.pk}/")
    rude.refresh_from_db()
    assert rude.status == Comment.Status.VISIBLE


def test_a_teacher_dismisses_the_reports_of_a_harmless_comment(teacher, reported):
    _rude, fine = reported
    teacher.post(f"{INDEX}dismiss/{fine.pk}/")
    fine.refresh_from_db()
    assert fine.status == Comment.Status.VISIBLE
    assert list(fine.reports.values_list("resolution", flat=True)) == ["dismissed"]


def test_a_teacher_deletes_a_comment_from_the_admin(teacher, reported):
    rude, _fine = reported
    assert teacher.get(f"{INDEX}delete/{rude.pk}/").status_code == 200
    response = teacher.post(f"{INDEX}delete/{rude.pk}/")
    assert response.status_code == 302
    assert not Comment.objects.filter(pk=rude.pk).exists()
    assert not CommentReport.objects.filter(comment_id=rude.pk).exists()


def test_the_inspect_view_lists_the_reports(teacher, reported):
    rude, _fine = reported
    html = teacher.get(f"{INDEX}inspect/{rude.pk}/").content.decode()
    assert "Abusive or hateful" in html
    assert "a@example.com" in html


def test_comments_can_be_moderated_but_never_created_in_the_admin(teacher, reported):
    response = teacher.get(f"{INDEX}new/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    rude, _fine = reported
    edit = teacher.post(f"{INDEX}edit/{rude.pk}/", {"status": "hidden"})
    assert edit.status_code == 302
    rude.refresh_from_db()
    assert rude.status == Comment.Status.HIDDEN


def test_comment_text_is_escaped_in_the_admin(teacher, exercise_lesson, learner, make_member):
    """Text is stripped of tags when written; should a tag ever get in, it is never rendered."""
    comment = Comment.objects.create(
        lesson=exercise_lesson, author=learner, text="<script>alert('x')</script>"
    )
    CommentReport.objects.create(comment=comment, reporter=make_member("r@example.com"))
    for url in (INDEX, f"{INDEX}inspect/{comment.pk}/"):
        html = teacher.get(url).content.decode()
        assert "<script>alert(" not in html
        assert "&lt;script&gt;" in html
