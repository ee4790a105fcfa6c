"""The demo study-abroad listings that `load_demo_content` adds."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.models import WorkflowState

from abroad.demo import PENDING_DESCRIPTION, load_abroad_demo
from abroad.models import Homestay, Institution, Program
from core.media import COVER_RENDITIONS

pytestmark = pytest.mark.django_db
API = "/api/v1/abroad"


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """Loaded once for the module (photos and renditions take a while), rolled back after;
    each test runs in its own savepoint within it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_abroad_demo()
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded, db):
    return loaded


def test_the_demo_has_schools_in_several_countries_programs_and_homestays(demo, api_client):
    institutions = api_client.get(f"{API}/institutions/").json()
    programs = api_client.get(f"{API}/programs/").json()
    homestays = api_client.get(f"{API}/homestays/").json()

    assert institutions["meta"]["total_count"] >= 4
    assert len({item["country"] for item in institutions["items"]}) >= 3
    assert programs["meta"]["total_count"] >= 8
    assert homestays["meta"]["total_count"] >= 4
    for item in institutions["items"] + homestays["items"]:
        assert item["photos"], item
        assert set(item["photos"][0]["image"]["renditions"]) == set(COVER_RENDITIONS)
    assert all(item["address"] is None for item in homestays["items"])


def test_every_demo_listing_is_approved_and_one_change_waits(demo, api_client):
    for model in (Institution, Program, Homestay):
        assert model.objects.exists()
        assert not model.objects.filter(live=False).exists()
    pending = Institution.objects.get(has_unpublished_changes=True)
    assert pending.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    public = api_client.get(f"{API}/institutions/{pending.pk}/").json()
    assert public["description"] != PENDING_DESCRIPTION


def test_the_demo_photos_renditions_are_made_in_advance(demo):
    for homestay in Homestay.objects.prefetch_related("photos__image__renditions"):
        image = homestay.photos.first().image
        made = {rendition.filter_spec for rendition in image.renditions.all()}
        assert set(COVER_RENDITIONS.values()) <= made


def test_a_second_run_adds_nothing_and_costs_two_queries(demo):
    counts = [model.objects.count() for model in (Institution, Program, Homestay)]
    messages = []
    with CaptureQueriesContext(connection) as captured:
        report = load_abroad_demo(echo=lambda message, level: messages.append(message))
    assert not report.created
    assert len(captured) == 2
    assert messages == ["Study abroad: the demo listings are complete."]
    assert [model.objects.count() for model in (Institution, Program, Homestay)] == counts


def test_a_deleted_demo_homestay_comes_back_and_edits_stay(demo):
    Homestay.objects.get(title="Beach house in Bondi").delete()
    edited = Homestay.objects.get(title="Family home in Rathmines")
    Homestay.objects.filter(pk=edited.pk).update(rooms=3)

    report = load_abroad_demo()

    assert report.created == {"homestay": 1}
    assert Homestay.objects.filter(title="Beach house in Bondi", live=True).exists()
    assert Homestay.objects.get(pk=edited.pk).rooms == 3
