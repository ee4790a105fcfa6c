"""The whole flow, as the apps and the admin drive it:

an institution lists a program, an admin approves it in the Wagtail admin, a learner finds it
with filters and applies, the institution accepts and the learner is mailed; a host lists a
homestay, and its address reaches the learner only once the host accepts them.
"""

import pytest
from django.core import mail
from django.test import Client

pytestmark = pytest.mark.django_db
API = "/api/v1/abroad"


def admin_approves(admin, path: str, listing_id: int) -> None:
    """Approve the pending version from the admin, as the "Approve" button does."""
    from abroad.models import Homestay, Institution, Program

    model = {"institution": Institution, "program": Program, "homestay": Homestay}[path]
    task_state = model.objects.get(pk=listing_id).current_workflow_state.current_task_state
    browser = Client()
    browser.force_login(admin)
    response = browser.post(
        f"/admin/snippets/abroad/{path}/workflow/action/{listing_id}/approve/{task_state.pk}/",
        {"comment": "Looks good"},
    )
    assert response.status_code in (200, 302)
    assert model.objects.get(pk=listing_id).live


def test_program_and_homestay_from_listing_to_acceptance(
    api_client,
    client_for,
    institution_owner,
    host,
    learner,
    admin,
    django_capture_on_commit_callbacks,
):
    school, home, ana = client_for(institution_owner), client_for(host), client_for(learner)

    # 1. The institution lists itself and a program: nothing is public yet.
    institution = school.post(
        f"{API}/institutions/",
        {"name": "Harbour College", "kind": "college", "country": "IE", "city": "Cork"},
        format="json",
    ).json()
    program = school.post(
        f"{API}/programs/",
        {
            "institution": institution["id"],
            "title": "Exam English",
            "level": "intermediate",
            "duration_weeks": 10,
            "tuition": {"amount": "2750.00", "currency": "EUR"},
            "intakes": [{"start_date": "2027-03-01"}],
        },
        format="json",
    ).json()
    assert program["approval"]["status"] == "pending"
    search = f"{API}/programs/?country=IE&level=intermediate&currency=EUR&max_price=3000"
    assert api_client.get(search).json()["items"] == []

    # 2. An admin approves both in the admin.
    admin_approves(admin, "institution", institution["id"])
    admin_approves(admin, "program", program["id"])

    # 3. The learner finds the program with filters and applies.
    found = ana.get(search + "&starts_after=2027-01-01").json()
    assert [item["id"] for item in found["items"]] == [program["id"]]
    assert found["items"][0]["tuition"] == {"amount": "2750.00", "currency": "EUR"}
    application = ana.post(
        f"{API}/applications/",
        {"program": program["id"], "message": "March, please"},
        format="json",
    ).json()
    assert application["status"] == "submitted"

    # 4. The institution sees it, reviews it and accepts; the learner is mailed each time.
    assert [a["id"] for a in school.get(f"{API}/applications/").json()["items"]] == [
        application["id"]
    ]
    url = f"{API}/applications/{application['id']}/"
    with django_capture_on_commit_callbacks(execute=True):
        assert school.patch(url, {"status": "under_review"}, format="json").status_code == 200
        assert school.patch(url, {"status": "accepted"}, format="json").status_code == 200
    assert ana.get(url).json()["status"] == "accepted"
    status_mails = [m for m in mail.outbox if "Your application to Exam English" in m.subject]
    assert [m.to for m in status_mails] == [[learner.email]] * 2
    assert "is now: accepted" in mail.outbox[-1].body

    # 5. A homestay: its address reaches the learner only once the host accepts them.
    homestay = home.post(
        f"{API}/homestays/",
        {
            "title": "Room by the harbour",
            "country": "IE",
            "city": "Cork",
            "rooms": 1,
            "price_per_week": {"amount": "210.00", "currency": "EUR"},
            "amenities": ["wifi", "breakfast"],
            "availability": [{"start_date": "2027-02-15", "end_date": "2027-06-30"}],
            "address": "3 Harbour View, Cork",
            "contact": {"name": "Siobhan", "email": "siobhan@example.com", "phone": ""},
        },
        format="json",
    ).json()
    assert homestay["address"] == "3 Harbour View, Cork"  # the host sees it
    admin_approves(admin, "homestay", homestay["id"])
    listed = ana.get(f"{API}/homestays/?city=cork&available_from=2027-03-01").json()["items"]
    assert [(h["id"], h["address"], h["contact"]) for h in listed] == [(homestay["id"], None, None)]

    stay = ana.post(f"{API}/applications/", {"homestay": homestay["id"]}, format="json").json()
    assert stay["homestay"]["address"] is None
    stay_url = f"{API}/applications/{stay['id']}/"
    with django_capture_on_commit_callbacks(execute=True):
        home.patch(stay_url, {"status": "under_review"}, format="json")
        assert ana.get(f"{API}/homestays/{homestay['id']}/").json()["address"] is None
        home.patch(stay_url, {"status": "accepted"}, format="json")

    detail = ana.get(f"{API}/homestays/{homestay['id']}/").json()
    assert detail["address"] == "3 Harbour View, Cork"
    assert detail["contact"]["email"] == "siobhan@example.com"
    assert ana.get(stay_url).json()["homestay"]["address"] == "3 Harbour View, Cork"
    assert "Room by the harbour: accepted" in mail.outbox[-1].subject
    # Anyone else still sees no address.
    assert api_client.get(f"{API}/homestays/{homestay['id']}/").json()["address"] is None
