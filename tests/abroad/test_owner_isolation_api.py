"""Owners write only their own listings through the API; every write is checked per role."""

import pytest

from abroad.models import Homestay, Institution, Program
from members.models import Role
from tests.abroad.factories import (
    HomestayFactory,
    InstitutionFactory,
    MemberFactory,
    ProgramFactory,
)

pytestmark = pytest.mark.django_db
API = "/api/v1/abroad"

INSTITUTION = {"name": "New school", "kind": "college", "country": "IE", "city": "Cork"}
HOMESTAY = {
    "title": "Room by the sea",
    "country": "IE",
    "city": "Cork",
    "rooms": 1,
    "price_per_week": {"amount": "200.00", "currency": "EUR"},
    "amenities": ["wifi"],
    "availability": [],
    "address": "3 Harbour View",
    "contact": {"name": "Siobhan"},
}


def program_body(institution) -> dict:
    return {
        "institution": institution.pk,
        "title": "Summer English",
        "level": "beginner",
        "duration_weeks": 4,
        "tuition": {"amount": "900.00", "currency": "EUR"},
        "intakes": [{"start_date": "2027-07-05"}],
    }


@pytest.mark.parametrize(
    ("role", "path", "allowed"),
    [
        (Role.STUDENT, "institutions", False),
        (Role.TEACHER, "institutions", False),
        (Role.HOMESTAY, "institutions", False),
        (Role.INSTITUTION, "institutions", True),
        (Role.STUDENT, "homestays", False),
        (Role.INSTITUTION, "homestays", False),
        (Role.CONTENT_CREATOR, "homestays", False),
        (Role.HOMESTAY, "homestays", True),
    ],
)
def test_who_may_add_which_listing(client_for, role, path, allowed):
    member = MemberFactory(role=role)
    body = INSTITUTION if path == "institutions" else HOMESTAY
    response = client_for(member).post(f"{API}/{path}/", body, format="json")

    if allowed:
        assert response.status_code == 201, response.content
    else:
        assert response.status_code == 403
        assert response.json()["code"] == "permission_denied"
        assert not Institution.objects.exists() and not Homestay.objects.exists()


def test_anonymous_writes_are_401(api_client):
    assert api_client.post(f"{API}/institutions/", INSTITUTION, format="json").status_code == 401
    institution = InstitutionFactory()
    response = api_client.patch(
        f"{API}/institutions/{institution.pk}/", {"name": "x"}, format="json"
    )
    assert response.status_code == 401


def test_admins_add_listings_published_at_once(api_client, client_for, admin):
    response = client_for(admin).post(f"{API}/homestays/", HOMESTAY, format="json")
    assert response.status_code == 201
    assert api_client.get(f"{API}/homestays/{response.json()['id']}/").status_code == 200


def test_nobody_changes_another_owners_institution(
    client_for, institution_owner, other_institution_owner, learner, host
):
    institution = InstitutionFactory(owner=institution_owner, name="Mine")
    url = f"{API}/institutions/{institution.pk}/"
    for intruder in (other_institution_owner, learner, host):
        response = client_for(intruder).patch(url, {"name": "Hijacked"}, format="json")
        assert response.status_code == 403
        assert response.json()["code"] == "permission_denied"
    institution.refresh_from_db()
    assert institution.name == "Mine"
    assert institution.latest_revision_id is None


def test_another_owners_unapproved_listing_is_not_even_found(
    client_for, institution_owner, other_institution_owner
):
    pending = InstitutionFactory(owner=institution_owner, live=False)
    response = client_for(other_institution_owner).patch(
        f"{API}/institutions/{pending.pk}/", {"name": "x"}, format="json"
    )
    assert response.status_code == 404


def test_nobody_changes_another_owners_program(
    client_for, institution_owner, other_institution_owner
):
    program = ProgramFactory(institution=InstitutionFactory(owner=institution_owner), title="Mine")
    response = client_for(other_institution_owner).patch(
        f"{API}/programs/{program.pk}/", {"title": "Hijacked"}, format="json"
    )
    assert response.status_code == 403
    program.refresh_from_db()
    assert program.title == "Mine"


def test_a_program_goes_only_under_the_owners_own_institution(
    client_for, institution_owner, other_institution_owner
):
    foreign = InstitutionFactory(owner=other_institution_owner)
    response = client_for(institution_owner).post(
        f"{API}/programs/", program_body(foreign), format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"institution": ["No such institution of yours."]}
    assert not Program.objects.exists()


def test_a_program_cannot_move_to_another_institution(client_for, institution_owner):
    program = ProgramFactory(institution=InstitutionFactory(owner=institution_owner))
    other = InstitutionFactory(owner=institution_owner)
    response = client_for(institution_owner).patch(
        f"{API}/programs/{program.pk}/", {"institution": other.pk}, format="json"
    )
    assert response.status_code == 400
    assert "institution" in response.json()["errors"]


def test_nobody_changes_another_hosts_homestay(client_for, host, other_host, institution_owner):
    homestay = HomestayFactory(owner=host, address="1 Private Road")
    for intruder in (other_host, institution_owner):
        response = client_for(intruder).patch(
            f"{API}/homestays/{homestay.pk}/", {"address": "Elsewhere"}, format="json"
        )
        assert response.status_code == 403
    homestay.refresh_from_db()
    assert homestay.address == "1 Private Road"


def test_staff_may_change_any_listing(client_for, admin, host):
    homestay = HomestayFactory(owner=host)
    response = client_for(admin).patch(
        f"{API}/homestays/{homestay.pk}/", {"rooms": 2}, format="json"
    )
    assert response.status_code == 200
    homestay.refresh_from_db()
    assert homestay.rooms == 2
