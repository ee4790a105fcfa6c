"""Members in the Wagtail admin: roles are the only groups, the user list shows each role, and
decided role requests are read-only."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Task, Workflow, WorkflowPage

from members.models import Role, RoleRequest, User
from members.roles import ROLE_GROUPS
from members.services import role_request_decide

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(make_member):
    return make_member("boss@example.com", role=Role.ADMIN)


@pytest.fixture
def admin_client(admin_user):
    client = Client()
    client.force_login(admin_user)
    return client


# --- Groups --------------------------------------------------------------------------------


def test_the_role_groups_are_the_only_groups():
    assert set(Group.objects.values_list("name", flat=True)) == set(ROLE_GROUPS.values())


def test_the_lesson_review_workflow_is_the_only_page_workflow():
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()
    assert WorkflowPage.objects.get(page__depth=1).workflow.name == "Lesson review"


def test_the_user_forms_offer_no_groups(admin_client, make_member):
    creator = make_member("creator@example.com", role=Role.CONTENT_CREATOR)
    for url in ("/admin/users/new/", f"/admin/users/edit/{creator.pk}/"):
        response = admin_client.get(url)
        assert response.status_code == 200
        form = response.context["form"]
        assert "groups" not in form.fields
        assert "is_superuser" not in form.fields
        assert "role" in form.fields
        assert 'name="groups"' not in response.content.decode()


def test_posting_a_group_changes_nothing_but_the_role_does(admin_client, make_member):
    creator = make_member("creator@example.com", role=Role.CONTENT_CREATOR)
    teachers = Group.objects.get(name="Teachers")
    response = admin_client.post(
        f"/admin/users/edit/{creator.pk}/",
        {
            "email": creator.email,
            "first_name": "Cre",
            "last_name": "Ator",
            "role": Role.CONTENT_CREATOR,
            "language_preference": "en",
            "timezone": "UTC",
            "is_active": "on",
            "groups": [teachers.pk],
            "is_superuser": "on",
        },
    )
    assert response.status_code == 302
    creator.refresh_from_db()
    assert list(creator.groups.values_list("name", flat=True)) == ["Content creators"]
    assert not creator.is_superuser


def test_the_user_list_shows_each_role(admin_client, make_member):
    make_member("teacher@example.com", role=Role.TEACHER)
    make_member("creator@example.com", role=Role.CONTENT_CREATOR)
    html = admin_client.get("/admin/users/").content.decode()
    assert "Role" in html
    for label in ("Teacher", "Content creator", "Admin"):
        assert f">{label}<" in html.replace("\n", "").replace("  ", "")


def test_the_user_list_runs_a_few_queries_whatever_its_length(admin_client, make_member):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get("/admin/users/").status_code == 200
        return len(queries)

    make_member("one@example.com")
    few = count()
    for index in range(15):
        make_member(f"member{index}@example.com", role=Role.TEACHER)
    assert count() == few


# --- Role requests -------------------------------------------------------------------------


@pytest.fixture
def learner(make_member):
    return make_member("learner@example.com")


@pytest.fixture
def pending(learner):
    return RoleRequest.objects.create(user=learner, role=Role.TEACHER, note="I teach")


def test_an_admin_grants_a_pending_request(admin_client, pending, learner):
    url = f"/admin/role_requests/edit/{pending.pk}/"
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"status": RoleRequest.Status.GRANTED})
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.profile.role == Role.TEACHER


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_decided_request_is_read_only(admin_client, admin_user, pending, learner, method):
    role_request_decide(role_request=pending, granted=False, decided_by=admin_user)
    url = f"/admin/role_requests/edit/{pending.pk}/"
    response = getattr(admin_client, method)(url, {"status": RoleRequest.Status.GRANTED})
    assert response.status_code == 302
    assert response["Location"] == f"/admin/role_requests/inspect/{pending.pk}/"
    pending.refresh_from_db()
    learner.refresh_from_db()
    assert pending.status == RoleRequest.Status.REFUSED
    assert learner.profile.role == Role.STUDENT
    page = admin_client.get(response["Location"])
    assert page.status_code == 200
    assert "already decided" in page.content.decode()


def test_a_decided_request_offers_no_edit_link(admin_client, admin_user, pending, make_member):
    other = RoleRequest.objects.create(user=make_member("other@example.com"), role=Role.HOMESTAY)
    role_request_decide(role_request=pending, granted=True, decided_by=admin_user)
    html = admin_client.get("/admin/role_requests/").content.decode()
    assert f"/admin/role_requests/edit/{pending.pk}/" not in html
    assert f"/admin/role_requests/edit/{other.pk}/" in html
    inspect = admin_client.get(f"/admin/role_requests/inspect/{pending.pk}/").content.decode()
    assert f"/admin/role_requests/edit/{pending.pk}/" not in inspect


def test_a_request_decided_while_the_form_was_open_is_a_form_error(
    admin_client, admin_user, pending, monkeypatch
):
    """Two admins at once: the second one's form was valid, but the request got decided in
    between (the service refuses it): an error on the form, never a 500."""
    from members import views_admin

    def decided_meanwhile(**kwargs):
        RoleRequest.objects.filter(pk=pending.pk).update(status=RoleRequest.Status.REFUSED)
        return role_request_decide(**kwargs)

    monkeypatch.setattr(views_admin, "role_request_decide", decided_meanwhile)
    response = admin_client.post(
        f"/admin/role_requests/edit/{pending.pk}/", {"status": RoleRequest.Status.GRANTED}
    )
    assert response.status_code == 200
    assert "already answered" in response.content.decode()
    assert User.objects.get(email="learner@example.com").profile.role == Role.STUDENT


def test_the_bulk_assign_role_action_gives_roles_not_groups(admin_client, make_member):
    ana = make_member("ana@example.com")
    bo = make_member("bo@example.com")
    url = f"/admin/bulk/members/user/assign_role/?next=/admin/users/&id={ana.pk}&id={bo.pk}"
    form = admin_client.get(url).context["form"]
    assert [value for value, _label in form.fields["role"].choices] == list(ROLE_GROUPS)
    response = admin_client.post(url, {"role": Role.TEACHER})
    assert response.status_code == 302
    for member in (ana, bo):
        member.refresh_from_db()
        assert member.profile.role == Role.TEACHER
        assert list(member.groups.values_list("name", flat=True)) == ["Teachers"]
