"""Approval: new listings and changes to public fields wait for an admin; the approved version
stays public meanwhile. Through the API, as owners and admins use it."""

import datetime
from decimal import Decimal

import pytest
from wagtail.models import WorkflowState

from abroad.models import Homestay, Institution, Program
from tests.abroad.factories import HomestayFactory, InstitutionFactory, ProgramFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/abroad"

NEW_INSTITUTION = {
    "name": "Thames English Academy",
    "kind": "language_school",
    "country": "gb",
    "city": "London",
    "address": "12 Riverside Walk",
    "website": "https://thames.example.com",
    "description": "Small groups.",
    "accreditation": "British Council",
}


def approve(listing, admin) -> None:
    """What an admin's "Approve" in the admin does: the workflow's task approved."""
    state = type(listing).objects.get(pk=listing.pk).current_workflow_state
    assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, admin, "approve")


def request_changes(listing, admin) -> None:
    state = type(listing).objects.get(pk=listing.pk).current_workflow_state
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, admin, "reject", comment="Add photos")


def test_a_new_listing_waits_for_approval_then_is_public(
    api_client, client_for, institution_owner, admin
):
    created = client_for(institution_owner).post(
        f"{API}/institutions/", NEW_INSTITUTION, format="json"
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["country"] == "GB"
    assert body["approval"]["status"] == "pending"
    assert body["approval"]["live"] is False
    institution = Institution.objects.get(pk=body["id"])
    assert institution.owner == institution_owner
    assert api_client.get(f"{API}/institutions/{institution.pk}/").status_code == 404
    assert api_client.get(f"{API}/institutions/").json()["meta"]["total_count"] == 0

    approve(institution, admin)

    public = api_client.get(f"{API}/institutions/{institution.pk}/")
    assert public.status_code == 200
    assert public.json()["name"] == "Thames English Academy"
    own = client_for(institution_owner).get(f"{API}/institutions/{institution.pk}/").json()
    assert own["approval"]["status"] == "approved"


def test_a_change_waits_while_the_approved_version_stays_public(
    api_client, client_for, institution_owner, admin
):
    institution = InstitutionFactory(owner=institution_owner, name="Old name")
    url = f"{API}/institutions/{institution.pk}/"

    changed = client_for(institution_owner).patch(url, {"name": "New name"}, format="json")

    assert changed.status_code == 200, changed.content
    assert changed.json()["name"] == "New name"  # the owner sees the pending version
    assert changed.json()["approval"] == {
        "status": "pending",
        "live": True,
        "approved_at": changed.json()["approval"]["approved_at"],
    }
    assert api_client.get(url).json()["name"] == "Old name"
    assert api_client.get(f"{API}/institutions/?q=new").json()["items"] == []

    approve(institution, admin)

    assert api_client.get(url).json()["name"] == "New name"


def test_two_pending_changes_add_up_and_restart_the_review(client_for, institution_owner, admin):
    institution = InstitutionFactory(owner=institution_owner, name="Old", city="London")
    url = f"{API}/institutions/{institution.pk}/"
    owner = client_for(institution_owner)

    owner.patch(url, {"name": "New"}, format="json")
    owner.patch(url, {"city": "Bath"}, format="json")

    states = WorkflowState.objects.for_instance(institution)
    assert states.filter(status=WorkflowState.STATUS_IN_PROGRESS).count() == 1
    approve(institution, admin)
    institution.refresh_from_db()
    assert (institution.name, institution.city) == ("New", "Bath")


def test_requested_changes_show_then_a_new_patch_resubmits(client_for, institution_owner, admin):
    institution = InstitutionFactory(owner=institution_owner)
    url = f"{API}/institutions/{institution.pk}/"
    owner = client_for(institution_owner)
    owner.patch(url, {"description": "Better"}, format="json")

    request_changes(institution, admin)

    assert owner.get(url).json()["approval"]["status"] == "changes_requested"
    owner.patch(url, {"description": "Better, with photos"}, format="json")
    assert owner.get(url).json()["approval"]["status"] == "pending"


def test_staff_changes_are_published_at_once(api_client, client_for, admin):
    institution = InstitutionFactory(name="Old")
    response = client_for(admin).patch(
        f"{API}/institutions/{institution.pk}/", {"name": "Fixed by staff"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["approval"]["status"] == "approved"
    assert api_client.get(f"{API}/institutions/{institution.pk}/").json()["name"] == (
        "Fixed by staff"
    )


def test_a_homestay_address_change_applies_at_once_without_approval(client_for, host, admin):
    homestay = HomestayFactory(owner=host, address="1 Old Road")
    url = f"{API}/homestays/{homestay.pk}/"

    response = client_for(host).patch(url, {"address": "2 New Road"}, format="json")

    assert response.status_code == 200
    assert response.json()["approval"]["status"] == "approved"  # nothing waits
    homestay.refresh_from_db()
    assert homestay.address == "2 New Road"
    assert not homestay.has_unpublished_changes
    assert not WorkflowState.objects.for_instance(homestay).exists()


def test_approving_an_older_draft_never_brings_back_an_old_address(client_for, host, admin):
    homestay = HomestayFactory(owner=host, address="1 Old Road", title="Old title")
    url = f"{API}/homestays/{homestay.pk}/"
    owner = client_for(host)
    owner.patch(url, {"title": "New title"}, format="json")
    owner.patch(url, {"contact": {"name": "New Contact"}, "address": "2 New Road"}, format="json")

    approve(homestay, admin)

    homestay.refresh_from_db()
    assert (homestay.title, homestay.address, homestay.contact_name) == (
        "New title",
        "2 New Road",
        "New Contact",
    )


def test_program_create_with_intakes_and_money(api_client, client_for, institution_owner, admin):
    institution = InstitutionFactory(owner=institution_owner)
    response = client_for(institution_owner).post(
        f"{API}/programs/",
        {
            "institution": institution.pk,
            "title": "IELTS preparation",
            "level": "advanced",
            "language": "en",
            "duration_weeks": 8,
            "tuition": {"amount": "2400.00", "currency": "gbp"},
            "intakes": [{"start_date": "2027-02-01", "application_deadline": "2027-01-15"}],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    program = Program.objects.get(pk=response.json()["id"])
    assert program.tuition_amount == Decimal("2400.00")
    assert program.tuition_currency == "GBP"
    assert [i.start_date for i in program.intakes.all()] == [datetime.date(2027, 2, 1)]
    assert api_client.get(f"{API}/programs/{program.pk}/").status_code == 404

    approve(program, admin)

    assert api_client.get(f"{API}/programs/{program.pk}/").status_code == 200


def test_program_intake_changes_wait_for_approval(api_client, client_for, institution_owner, admin):
    program = ProgramFactory(
        institution=InstitutionFactory(owner=institution_owner),
        intakes=[datetime.date(2027, 1, 11)],
    )
    url = f"{API}/programs/{program.pk}/"
    response = client_for(institution_owner).patch(
        url, {"intakes": [{"start_date": "2027-05-03"}]}, format="json"
    )
    assert response.status_code == 200
    assert [i["start_date"] for i in response.json()["intakes"]] == ["2027-05-03"]
    assert [i["start_date"] for i in api_client.get(url).json()["intakes"]] == ["2027-01-11"]

    approve(program, admin)

    assert [i["start_date"] for i in api_client.get(url).json()["intakes"]] == ["2027-05-03"]


def test_mine_lists_own_listings_in_every_state(client_for, host, other_host):
    approved = HomestayFactory(owner=host)
    pending = HomestayFactory(owner=host, live=False)
    HomestayFactory(owner=other_host)

    body = client_for(host).get(f"{API}/homestays/?mine=true&order=created").json()

    assert [item["id"] for item in body["items"]] == [approved.pk, pending.pk]
    assert [item["approval"]["live"] for item in body["items"]] == [True, False]
    assert body["items"][1]["address"] == pending.address


def test_mine_needs_a_signed_in_member(api_client):
    response = api_client.get(f"{API}/homestays/?mine=true")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_parameter"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**NEW_INSTITUTION, "country": "XX"}, "country"),
        ({**NEW_INSTITUTION, "kind": "castle"}, "kind"),
        ({**NEW_INSTITUTION, "website": "not a url"}, "website"),
        ({k: v for k, v in NEW_INSTITUTION.items() if k != "name"}, "name"),
    ],
)
def test_invalid_institutions_are_refused_and_nothing_is_written(
    client_for, institution_owner, body, field
):
    response = client_for(institution_owner).post(f"{API}/institutions/", body, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert field in response.json()["errors"]
    assert not Institution.objects.exists()


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"price_per_week": {"amount": "0.00", "currency": "GBP"}}, "price_per_week.amount"),
        ({"price_per_week": {"amount": "12.5", "currency": "XYZ"}}, "price_per_week.currency"),
        ({"price_per_week": {"amount": 12.345, "currency": "GBP"}}, "price_per_week.amount"),
        (
            {"availability": [{"start_date": "2027-02-01", "end_date": "2027-01-01"}]},
            "availability.0.end_date",
        ),
        ({"amenities": ["jacuzzi"]}, "amenities.0"),
        ({"rooms": 0}, "rooms"),
    ],
)
def test_invalid_homestay_changes_are_refused(client_for, host, patch, field):
    homestay = HomestayFactory(owner=host)
    response = client_for(host).patch(f"{API}/homestays/{homestay.pk}/", patch, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["errors"]
    assert not WorkflowState.objects.for_instance(homestay).exists()
    assert Homestay.objects.get(pk=homestay.pk).latest_revision_id is None
