"""The DRF permission classes for roles, as a role × permission matrix."""

import pytest
from django.contrib.auth.models import AnonymousUser
from rest_framework.test import APIRequestFactory

from members.models import Role
from members.permissions import HasRole, IsModerator, IsVerifiedMember

pytestmark = pytest.mark.django_db

# Which roles each permission admits.
MATRIX = {
    IsModerator: {Role.TEACHER, Role.ADMIN},
    HasRole.for_roles(Role.INSTITUTION, Role.ADMIN): {Role.INSTITUTION, Role.ADMIN},
    HasRole.for_roles(Role.HOMESTAY): {Role.HOMESTAY},
    HasRole.for_roles(Role.ADMIN): {Role.ADMIN},
}


def request_as(user):
    request = APIRequestFactory().get("/")
    request.user = user
    return request


@pytest.mark.parametrize("role", list(Role))
def test_each_role_passes_exactly_its_permissions(make_member, role):
    user = make_member(f"{role}@example.com", role=role)
    for permission, admitted in MATRIX.items():
        assert permission().has_permission(request_as(user), None) is (role in admitted), (
            permission.__name__
        )


def test_the_role_is_read_from_the_database_not_from_the_request(make_member):
    user = make_member("ana@example.com", role=Role.TEACHER)
    user.profile.role = Role.STUDENT
    user.profile.save()
    user.refresh_from_db()
    assert not IsModerator().has_permission(request_as(user), None)


def test_anonymous_and_inactive_members_pass_no_role_permission(make_member):
    inactive = make_member("gone@example.com", role=Role.ADMIN, is_active=False)
    for user in (AnonymousUser(), inactive):
        for permission in MATRIX:
            assert not permission().has_permission(request_as(user), None)


def test_only_verified_members_pass_is_verified_member(make_member):
    verified = make_member("ana@example.com", verified=True)
    unverified = make_member("ben@example.com", verified=False)
    assert IsVerifiedMember().has_permission(request_as(verified), None)
    assert not IsVerifiedMember().has_permission(request_as(unverified), None)
    assert not IsVerifiedMember().has_permission(request_as(AnonymousUser()), None)
