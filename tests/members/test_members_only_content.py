"""A lesson under a view restriction is served to the members it admits, through a JWT."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from members.models import Role
from tests.lessons import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def lessons(home_page):
    _grammar, tenses = builders.lesson_tree(home_page)
    members_only = builders.lesson(tenses, "Members only lesson")
    PageViewRestriction.objects.create(
        page=members_only, restriction_type=PageViewRestriction.LOGIN
    )
    teachers_only = builders.lesson(tenses, "Teachers only lesson")
    restriction = PageViewRestriction.objects.create(
        page=teachers_only, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name="Teachers"))
    public = builders.lesson(tenses, "Public lesson")
    return members_only, teachers_only, public


def listed_titles(client) -> set[str]:
    response = client.get("/api/v2/pages/?type=lessons.LessonPage")
    assert response.status_code == 200
    return {item["title"] for item in response.json()["items"]}


def test_anonymous_requests_never_see_restricted_lessons(api_client, lessons):
    members_only, teachers_only, _public = lessons
    assert listed_titles(api_client) == {"Public lesson"}
    assert api_client.get(f"/api/v2/pages/{members_only.pk}/").status_code == 404
    assert api_client.get(f"/api/v2/pages/{teachers_only.pk}/").status_code == 404


def test_a_signed_in_learner_sees_members_only_lessons(member_client, make_member, lessons):
    members_only, teachers_only, _public = lessons
    client = member_client(make_member("ana@example.com"))
    assert listed_titles(client) == {"Public lesson", "Members only lesson"}
    assert client.get(f"/api/v2/pages/{members_only.pk}/").status_code == 200
    assert client.get(f"/api/v2/pages/{teachers_only.pk}/").status_code == 404


def test_a_group_restriction_admits_its_group(member_client, make_member, lessons):
    _members_only, teachers_only, _public = lessons
    client = member_client(make_member("teacher@example.com", role=Role.TEACHER))
    assert "Teachers only lesson" in listed_titles(client)
    assert client.get(f"/api/v2/pages/{teachers_only.pk}/").status_code == 200


def test_an_invalid_or_ended_token_sees_nothing_restricted(
    api_client, member_client, make_member, lessons
):
    members_only, _teachers_only, _public = lessons
    response = api_client.get(
        f"/api/v2/pages/{members_only.pk}/", HTTP_AUTHORIZATION="Bearer forged.token.value"
    )
    assert response.status_code == 401
    client = member_client(make_member("ana@example.com"))
    client.sign_in_session.ended_at = client.sign_in_session.created_at
    client.sign_in_session.save()
    assert client.get(f"/api/v2/pages/{members_only.pk}/").status_code == 401
