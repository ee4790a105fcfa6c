"""The Wagtail admin: owners see and edit only their own listings; admins see and approve all."""

import pytest
from django.test import Client
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from abroad.models import Homestay, Institution, Program
from tests.abroad.factories import HomestayFactory, InstitutionFactory, ProgramFactory

pytestmark = pytest.mark.django_db
ADMIN = "/admin/snippets/abroad"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def institution_form(**fields) -> dict:
    return nested_form_data(
        {
            "name": "Harbour College",
            "kind": "college",
            "country": "IE",
            "city": "Cork",
            "address": "",
            "website": "",
            "description": "",
            "accreditation": "",
            "photos": inline_formset([]),
            "translations": inline_formset([]),
            **fields,
        }
    )


def refused(response) -> bool:
    """Wagtail answers a refused admin view with 403, or a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url.rstrip("/").endswith("/admin")
    )


def test_owners_list_only_their_own_institutions(institution_owner, other_institution_owner):
    InstitutionFactory(owner=institution_owner, name="Mine College")
    InstitutionFactory(owner=other_institution_owner, name="Their College")

    page = signed_in(institution_owner).get(f"{ADMIN}/institution/")

    assert page.status_code == 200
    assert b"Mine College" in page.content
    assert b"Their College" not in page.content


def test_admins_list_every_institution(admin, institution_owner, other_institution_owner):
    InstitutionFactory(owner=institution_owner, name="Mine College")
    InstitutionFactory(owner=other_institution_owner, name="Their College", live=False)
    page = signed_in(admin).get(f"{ADMIN}/institution/")
    assert b"Mine College" in page.content and b"Their College" in page.content


@pytest.mark.parametrize(
    "view", ["edit/{pk}/", "history/{pk}/", "inspect/{pk}/", "usage/{pk}/", "delete/{pk}/"]
)
def test_another_owners_institution_cannot_be_opened(
    institution_owner, other_institution_owner, view
):
    theirs = InstitutionFactory(owner=other_institution_owner)
    response = signed_in(institution_owner).get(f"{ADMIN}/institution/" + view.format(pk=theirs.pk))
    assert refused(response), response.status_code


def test_another_owners_institution_cannot_be_changed(institution_owner, other_institution_owner):
    theirs = InstitutionFactory(owner=other_institution_owner, name="Their College")
    response = signed_in(institution_owner).post(
        f"{ADMIN}/institution/edit/{theirs.pk}/", institution_form(name="Hijacked")
    )
    assert refused(response)
    theirs.refresh_from_db()
    assert theirs.name == "Their College"
    assert theirs.latest_revision_id is None


def test_an_owner_edits_their_own_as_a_draft_submitted_for_approval(institution_owner, admin):
    mine = InstitutionFactory(owner=institution_owner, name="Old")
    client = signed_in(institution_owner)

    assert client.get(f"{ADMIN}/institution/edit/{mine.pk}/").status_code == 200
    response = client.post(
        f"{ADMIN}/institution/edit/{mine.pk}/",
        institution_form(name="New", **{"action-submit": "Submit"}),
    )

    assert response.status_code == 302, response.content[:2000]
    mine.refresh_from_db()
    assert mine.name == "Old"  # the approved version stays
    assert mine.has_unpublished_changes
    assert mine.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_an_owner_cannot_publish(institution_owner):
    mine = InstitutionFactory(owner=institution_owner, name="Old")
    signed_in(institution_owner).post(
        f"{ADMIN}/institution/edit/{mine.pk}/",
        institution_form(name="Published?", **{"action-publish": "Publish"}),
    )
    mine.refresh_from_db()
    assert mine.name == "Old"


def test_an_owner_creates_an_institution_owned_by_them(institution_owner):
    response = signed_in(institution_owner).post(
        f"{ADMIN}/institution/add/", institution_form(**{"action-submit": "Submit"})
    )
    assert response.status_code == 302, response.content[:3000]
    created = Institution.objects.get(name="Harbour College")
    assert created.owner == institution_owner
    assert not created.live


def test_the_owner_field_is_not_offered_to_owners(institution_owner, admin):
    assert (
        b'name="owner"' not in signed_in(institution_owner).get(f"{ADMIN}/institution/add/").content
    )
    assert b'name="owner"' in signed_in(admin).get(f"{ADMIN}/institution/add/").content


def test_program_form_offers_only_own_institutions(institution_owner, other_institution_owner):
    InstitutionFactory(owner=institution_owner, name="Mine College")
    InstitutionFactory(owner=other_institution_owner, name="Their College")
    page = signed_in(institution_owner).get(f"{ADMIN}/program/add/")
    assert page.status_code == 200
    assert b"Mine College" in page.content
    assert b"Their College" not in page.content


def test_another_owners_program_cannot_be_opened(institution_owner, other_institution_owner):
    theirs = ProgramFactory(institution=InstitutionFactory(owner=other_institution_owner))
    response = signed_in(institution_owner).get(f"{ADMIN}/program/edit/{theirs.pk}/")
    assert refused(response)


def test_the_institution_chooser_lists_only_own(institution_owner, other_institution_owner):
    InstitutionFactory(owner=institution_owner, name="Mine College")
    InstitutionFactory(owner=other_institution_owner, name="Their College")
    page = signed_in(institution_owner).get("/admin/snippets/choose/abroad/institution/")
    assert page.status_code == 200
    assert b"Mine College" in page.content
    assert b"Their College" not in page.content


def test_hosts_manage_only_their_own_homestays(host, other_host):
    HomestayFactory(owner=host, title="My room")
    theirs = HomestayFactory(owner=other_host, title="Their room")
    client = signed_in(host)

    listing = client.get(f"{ADMIN}/homestay/")
    assert b"My room" in listing.content and b"Their room" not in listing.content
    assert refused(client.get(f"{ADMIN}/homestay/edit/{theirs.pk}/"))
    # Homestay accounts have nothing to do with institutions.
    assert refused(client.get(f"{ADMIN}/institution/"))
    assert Homestay.objects.get(pk=theirs.pk).latest_revision_id is None


def test_institution_accounts_cannot_reach_homestays(institution_owner):
    assert refused(signed_in(institution_owner).get(f"{ADMIN}/homestay/"))


def test_learners_have_no_admin(learner):
    response = signed_in(learner).get(f"{ADMIN}/institution/")
    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_admin_approves_from_the_workflow(institution_owner, admin):
    mine = InstitutionFactory(owner=institution_owner, name="Old")
    signed_in(institution_owner).post(
        f"{ADMIN}/institution/edit/{mine.pk}/",
        institution_form(name="New", **{"action-submit": "Submit"}),
    )
    task_state = mine.current_workflow_state.current_task_state
    response = signed_in(admin).post(
        f"{ADMIN}/institution/workflow/action/{mine.pk}/approve/{task_state.pk}/",
        {"comment": ""},
    )
    assert response.status_code in (200, 302)
    mine.refresh_from_db()
    assert mine.name == "New"
    assert Program.objects.count() == 0


def homestay_form(**fields) -> dict:
    data = nested_form_data(
        {
            "title": "Room with a view",
            "description": "",
            "country": "GB",
            "city": "Bath",
            "rooms": "1",
            "price_per_week_amount": "230.00",
            "price_per_week_currency": "GBP",
            "house_rules": "",
            "availability": inline_formset([]),
            "photos": inline_formset([]),
            "translations": inline_formset([]),
            "address": "5 Crescent, Bath",
            "contact_name": "Jo",
            "contact_email": "",
            "contact_phone": "",
            **fields,
        }
    )
    data["amenities"] = ["wifi", "desk"]  # a multiple choice: one value per checkbox
    return data


def test_a_host_adds_a_homestay_with_amenities_in_the_admin(host):
    client = signed_in(host)
    form = client.get(f"{ADMIN}/homestay/add/")
    assert form.status_code == 200
    assert b'type="checkbox" name="amenities" value="wifi"' in form.content

    response = client.post(f"{ADMIN}/homestay/add/", homestay_form(**{"action-submit": "Submit"}))

    assert response.status_code == 302, response.content[:3000]
    homestay = Homestay.objects.get(title="Room with a view")
    assert homestay.owner == host
    assert homestay.amenities == ["wifi", "desk"]
    assert not homestay.live
    assert homestay.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_an_address_changed_in_the_admin_applies_at_once(host):
    homestay = HomestayFactory(owner=host, title="Room with a view", address="Old address")
    response = signed_in(host).post(
        f"{ADMIN}/homestay/edit/{homestay.pk}/",
        homestay_form(address="New address", title="Room with a better view"),
    )
    assert response.status_code == 302, response.content[:3000]
    homestay.refresh_from_db()
    assert homestay.address == "New address"  # private: at once
    assert homestay.title == "Room with a view"  # public: waits as a draft
    assert homestay.has_unpublished_changes
