"""Fixtures of study abroad: one member per role, and signed-in API clients for them."""

import pytest

from members.models import Role
from tests.abroad.factories import MemberFactory


@pytest.fixture
def institution_owner(db):
    return MemberFactory(role=Role.INSTITUTION, email="school@example.com")


@pytest.fixture
def other_institution_owner(db):
    return MemberFactory(role=Role.INSTITUTION, email="other-school@example.com")


@pytest.fixture
def host(db):
    return MemberFactory(role=Role.HOMESTAY, email="host@example.com")


@pytest.fixture
def other_host(db):
    return MemberFactory(role=Role.HOMESTAY, email="other-host@example.com")


@pytest.fixture
def learner(db):
    return MemberFactory(email="ana@example.com", first_name="Ana", last_name="García")


@pytest.fixture
def other_learner(db):
    return MemberFactory(email="ben@example.com")


@pytest.fixture
def admin(db):
    return MemberFactory(role=Role.ADMIN, email="admin@example.com")


@pytest.fixture
def client_for(member_client):
    """`client_for(user)`: an API client signed in as that member."""
    return member_client
