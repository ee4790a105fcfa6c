"""An admin decides a role request; a teacher hides a reported comment."""

import pytest
from playwright.sync_api import expect

from lessons.models import Comment, CommentReport
from members.models import Role, RoleRequest
from tests.e2e.conftest import sign_in
from tests.lessons import builders

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_admin_grants_a_role_request(new_page, live_server, make_member, shot):
    make_member("boss@example.com", role=Role.ADMIN)
    learner = make_member("ana@example.com", first_name="Ana", last_name="Lima")
    role_request = RoleRequest.objects.create(
        user=learner, role=Role.TEACHER, note="I teach at a school"
    )

    page = new_page()
    sign_in(page, live_server, "boss@example.com")
    page.get_by_role("link", name="Role requests").click()
    expect(page.locator("h1")).to_contain_text("Role requests")
    page.get_by_role("link", name=str(learner)).first.click()
    page.get_by_label("Grant: give the member this role").check()
    shot(page, "deciding")
    page.locator("button[type=submit]", has_text="Save").click()
    expect(page.locator(".messages")).to_be_visible()

    learner.refresh_from_db()
    role_request.refresh_from_db()
    assert role_request.status == RoleRequest.Status.GRANTED
    assert learner.profile.role == Role.TEACHER

    # Decided: the request opens read-only; its old edit address says so.
    page.goto(f"{live_server.url}/admin/role_requests/edit/{role_request.pk}/")
    expect(page.get_by_text("already decided")).to_be_visible()
    expect(page).to_have_url(f"{live_server.url}/admin/role_requests/inspect/{role_request.pk}/")
    shot(page, "read-only")

    # The user list shows the new role.
    page.goto(f"{live_server.url}/admin/users/")
    row = page.locator("tr", has_text="ana@example.com")
    expect(row).to_contain_text("Teacher")
    shot(page, "users")


def test_a_teacher_hides_a_reported_comment(new_page, live_server, make_member, home_page, shot):
    make_member("teacher@example.com", role=Role.TEACHER)
    author = make_member("rude@example.com")
    reporter = make_member("kind@example.com")
    _grammar, section = builders.lesson_tree(home_page)
    lesson = builders.lesson(section, "Present simple")
    comment = Comment.objects.create(lesson=lesson, author=author, text="What a dumb lesson")
    CommentReport.objects.create(comment=comment, reporter=reporter, reason="abuse")

    page = new_page()
    sign_in(page, live_server, "teacher@example.com")
    page.get_by_role("link", name="Reported comments").click()
    assert page.title().startswith("Reported comments")
    row = page.locator("tr", has_text="What a dumb lesson")
    expect(row).to_be_visible()
    shot(page, "reported")
    row.locator("[data-w-dropdown-target='toggle']").click()
    row.get_by_role("button", name="Hide").click()
    expect(page.get_by_text("Comment hidden; its reports are closed.")).to_be_visible()
    shot(page, "hidden")

    comment.refresh_from_db()
    assert comment.status == Comment.Status.HIDDEN
    assert comment.reports.get().resolution == "hidden"
