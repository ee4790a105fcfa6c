"""Roles: one function changes them, groups follow, and each role has exactly its rights."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.forms import MemberEditForm
from members.models import Role, RoleRequest
from members.roles import ROLE_GROUPS, member_role_set
from members.services import role_request_decide
from tests.lessons import builders

pytestmark = pytest.mark.django_db

ADMIN_ROLES = {Role.CONTENT_CREATOR, Role.TEACHER, Role.ADMIN}


def role_groups(user) -> set[str]:
    return set(user.groups.filter(name__in=ROLE_GROUPS.values()).values_list("name", flat=True))


def test_a_fresh_database_has_every_role_group():
    assert set(ROLE_GROUPS.values()) <= set(Group.objects.values_list("name", flat=True))


def test_changing_a_role_moves_the_member_between_groups(make_member):
    user = make_member("ana@example.com")
    assert role_groups(user) == {"Students"}
    member_role_set(user=user, role=Role.TEACHER)
    assert role_groups(user) == {"Teachers"}
    assert user.profile.role == Role.TEACHER
    member_role_set(user=user, role=Role.ADMIN)
    user.refresh_from_db()
    assert role_groups(user) == {"Admins"} and user.is_staff and user.is_superuser
    member_role_set(user=user, role=Role.STUDENT)
    user.refresh_from_db()
    assert role_groups(user) == {"Students"} and not user.is_staff and not user.is_superuser


def test_granting_a_role_request_gives_the_role_and_refusing_does_not(make_member):
    admin = make_member("boss@example.com", role=Role.ADMIN)
    ana = make_member("ana@example.com")
    ben = make_member("ben@example.com")
    granted = role_request_decide(
        role_request=RoleRequest.objects.create(user=ana, role=Role.TEACHER),
        granted=True,
        decided_by=admin,
    )
    refused = role_request_decide(
        role_request=RoleRequest.objects.create(user=ben, role=Role.HOMESTAY),
        granted=False,
        decided_by=admin,
    )
    ana.refresh_from_db()
    ben.refresh_from_db()
    assert granted.status == "granted" and ana.profile.role == Role.TEACHER
    assert refused.status == "refused" and ben.profile.role == Role.STUDENT
    assert role_groups(ana) == {"Teachers"} and role_groups(ben) == {"Students"}
    with pytest.raises(ValidationError):
        role_request_decide(role_request=granted, granted=False, decided_by=admin)


def test_the_admin_user_form_sets_the_role_and_its_group(make_member):
    user = make_member("ana@example.com", first_name="Ana", last_name="Silva")
    form = MemberEditForm(
        instance=user,
        data={
            "email": user.email,
            "first_name": "Ana",
            "last_name": "Silva",
            "is_active": "on",
            "role": Role.CONTENT_CREATOR,
            "language_preference": "es",
            "timezone": "Europe/Madrid",
            "bio": "Writes grammar lessons.",
        },
    )
    assert "is_superuser" not in form.fields
    assert form.is_valid(), form.errors
    form.save()
    user.refresh_from_db()
    assert user.profile.role == Role.CONTENT_CREATOR
    assert role_groups(user) == {"Content creators"}
    assert (user.profile.language_preference, user.profile.timezone) == ("es", "Europe/Madrid")


@pytest.fixture
def lesson(home_page):
    _grammar, tenses = builders.lesson_tree(home_page)
    return builders.lesson(tenses)


@pytest.mark.parametrize("role", list(Role))
def test_admin_access_by_role(client, make_member, lesson, role):
    user = make_member(f"{role}@example.com", role=role)
    client.force_login(user)
    dashboard = client.get("/admin/")
    edit = client.get(f"/admin/pages/{lesson.pk}/edit/")
    explorer = client.get(f"/admin/pages/{lesson.get_parent().pk}/")
    if role in ADMIN_ROLES:
        assert dashboard.status_code == 200
        assert edit.status_code == 200
        assert explorer.status_code == 200
    elif role in (Role.INSTITUTION, Role.HOMESTAY):
        # Study-abroad owners reach the admin for their own listings, never the page tree.
        assert dashboard.status_code == 200
        assert edit.status_code != 200 and explorer.status_code != 200
    else:
        assert dashboard.status_code == 302 and "/admin/login/" in dashboard["Location"]
        assert edit.status_code != 200 and explorer.status_code != 200


@pytest.mark.parametrize(
    ("role", "can_edit", "can_publish"),
    [
        (Role.STUDENT, False, False),
        (Role.INSTITUTION, False, False),
        (Role.HOMESTAY, False, False),
        (Role.CONTENT_CREATOR, True, False),
        (Role.TEACHER, True, True),
        (Role.ADMIN, True, True),
    ],
)
def test_page_rights_by_role(make_member, lesson, role, can_edit, can_publish):
    user = make_member(f"{role}@example.com", role=role)
    permissions = lesson.permissions_for_user(user)
    assert permissions.can_edit() is can_edit
    assert permissions.can_publish() is can_publish


def test_content_creator_changes_go_through_teacher_review(make_member, lesson):
    creator = make_member("writer@example.com", role=Role.CONTENT_CREATOR)
    teacher = make_member("teacher@example.com", role=Role.TEACHER)
    student = make_member("student@example.com")

    lesson.title = "Present simple (revised)"
    revision = lesson.save_revision(user=creator)
    workflow = lesson.get_workflow()
    assert workflow is not None and workflow.name == "Lesson review"
    state = workflow.start(lesson, creator)
    task = state.current_task_state.task.specific
    assert {group.name for group in task.groups.all()} == {"Teachers", "Admins"}
    assert task.user_can_access_editor(lesson, teacher)
    assert "approve" in [name for name, *_ in task.get_actions(lesson, teacher)]
    assert task.get_actions(lesson, student) == []
    assert task.get_actions(lesson, creator) == []

    task.on_action(state.current_task_state, teacher, "approve")
    lesson.refresh_from_db()
    assert lesson.live_revision_id == revision.pk
    assert lesson.title == "Present simple (revised)"


def test_role_requests_in_the_admin_are_for_admins_only(client, make_member):
    ana = make_member("ana@example.com")
    request = RoleRequest.objects.create(user=ana, role=Role.TEACHER, note="Please")
    teacher = make_member("teacher@example.com", role=Role.TEACHER)
    client.force_login(teacher)
    assert client.get("/admin/role_requests/").status_code != 200

    admin = make_member("boss@example.com", role=Role.ADMIN)
    client.force_login(admin)
    listing = client.get("/admin/role_requests/")
    assert listing.status_code == 200 and b"ana@example.com" in listing.content
    with CaptureQueriesContext(connection) as one_request:
        client.get("/admin/role_requests/")
    for number in range(5):  # the list costs the same whatever its length
        other = make_member(f"other{number}@example.com")
        RoleRequest.objects.create(user=other, role=Role.HOMESTAY, note="x")
    with CaptureQueriesContext(connection) as six_requests:
        assert b"other4@example.com" in client.get("/admin/role_requests/").content
    assert len(six_requests) == len(one_request)
    response = client.post(f"/admin/role_requests/edit/{request.pk}/", {"status": "granted"})
    assert response.status_code == 302
    ana.refresh_from_db()
    assert ana.profile.role == Role.TEACHER
    request.refresh_from_db()
    assert request.decided_by == admin


def test_members_are_listed_and_editable_in_the_wagtail_admin(client, make_member):
    admin = make_member("boss@example.com", role=Role.ADMIN)
    ana = make_member("ana@example.com")
    client.force_login(admin)
    assert b"ana@example.com" in client.get("/admin/users/").content
    edit = client.get(f"/admin/users/edit/{ana.pk}/")
    assert edit.status_code == 200
    assert b'name="role"' in edit.content and b'name="timezone"' in edit.content


def test_the_django_admin_shows_roles_but_cannot_edit_groups_or_staff_flags(client, make_member):
    admin = make_member("boss@example.com", role=Role.ADMIN)
    ana = make_member("ana@example.com", role=Role.TEACHER)
    client.force_login(admin)
    listing = client.get("/django-admin/members/user/")
    assert listing.status_code == 200 and b"Teacher" in listing.content
    page = client.get(f"/django-admin/members/user/{ana.pk}/change/")
    assert page.status_code == 200
    assert b'name="groups"' not in page.content and b'name="is_superuser"' not in page.content
