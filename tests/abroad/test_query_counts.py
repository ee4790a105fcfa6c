"""Every list costs the same number of queries for 2 items as for 20 (no query per item)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from abroad import services
from abroad.models import Application
from tests.abroad.factories import (
    ApplicationFactory,
    HomestayFactory,
    InstitutionFactory,
    ProgramFactory,
    image_make,
)

pytestmark = pytest.mark.django_db
API = "/api/v1/abroad"


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(captured)


def assert_constant(client, url: str, add_items, *, first: int = 2, then: int = 20) -> None:
    add_items(first)
    client.get(url)  # warm-up: content types, locales, permissions caches
    few = queries(client, url)
    add_items(then - first)
    assert len(client.get(url).json()["items"]) == then
    many = queries(client, url)
    assert many == few, f"{url}: {few} queries for {first} items, {many} for {then}"


@pytest.fixture
def photo(db):
    image = image_make("Shared photo")
    image.get_renditions("fill-320x180", "fill-640x360", "fill-1600x900")
    return image


def test_institutions_list(api_client, photo):
    assert_constant(
        api_client,
        f"{API}/institutions/?limit=50",
        lambda n: [InstitutionFactory(photos=[photo, photo]) for _ in range(n)],
    )


def test_programs_list_with_filters(api_client):
    assert_constant(
        api_client,
        f"{API}/programs/?limit=50&currency=GBP&max_price=5000&starts_after=2026-01-01&q=program",
        lambda n: [ProgramFactory() for _ in range(n)],
    )


def test_homestays_list_for_a_learner_with_an_accepted_application(client_for, learner, photo):
    def add(n):
        for _ in range(n):
            homestay = HomestayFactory(photos=[photo])
            ApplicationFactory(
                learner=learner, program=None, homestay=homestay, status=Application.Status.ACCEPTED
            )

    assert_constant(client_for(learner), f"{API}/homestays/?limit=50", add)


def test_owners_list_of_their_own_pending_drafts(client_for, host, photo):
    def add(n):
        for _ in range(n):
            homestay = HomestayFactory(owner=host, photos=[photo])
            services.listing_update(listing=homestay, user=host, fields={"title": "Changed"})

    assert_constant(client_for(host), f"{API}/homestays/?mine=true&limit=50", add)


def test_owners_list_of_programs_in_review(client_for, institution_owner):
    institution = InstitutionFactory(owner=institution_owner)

    def add(n):
        for _ in range(n):
            program = ProgramFactory(institution=institution)
            services.listing_update(listing=program, user=institution_owner, fields={"title": "X"})

    assert_constant(client_for(institution_owner), f"{API}/programs/?mine=true&limit=50", add)


def test_applications_list_for_an_owner(client_for, host, photo):
    homestay = HomestayFactory(owner=host, photos=[photo])
    program = ProgramFactory(institution=InstitutionFactory(owner=host))

    def add(n):
        for index in range(n):
            if index % 2:
                ApplicationFactory(program=None, homestay=homestay)
            else:
                ApplicationFactory(program=program)

    assert_constant(client_for(host), f"{API}/applications/?limit=50", add)


def test_messages_list(client_for, learner):
    application = ApplicationFactory(learner=learner)

    def add(n):
        for _ in range(n):
            services.application_message_create(
                application=application, author=learner, text="Hello"
            )

    assert_constant(client_for(learner), f"{API}/applications/{application.pk}/messages/", add)
