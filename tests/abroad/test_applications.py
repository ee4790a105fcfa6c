"""Applications: learners apply and withdraw, owners move them, the learner is mailed, and a
homestay's address and contact reach only its owner, staff and accepted applicants."""

import pytest
from django.core import mail

from abroad.models import Application, ApplicationMessage
from tests.abroad.factories import (
    ApplicationFactory,
    HomestayFactory,
    InstitutionFactory,
    MemberFactory,
    ProgramFactory,
)

pytestmark = pytest.mark.django_db
API = "/api/v1/abroad"
S = Application.Status


@pytest.fixture
def program(institution_owner):
    return ProgramFactory(institution=InstitutionFactory(owner=institution_owner), title="IELTS")


@pytest.fixture
def homestay(host):
    return HomestayFactory(owner=host, address="7 Hidden Mews", contact_email="host@example.com")


# --- Applying -------------------------------------------------------------------------------


def test_a_verified_learner_applies_to_an_approved_program(client_for, learner, program):
    response = client_for(learner).post(
        f"{API}/applications/", {"program": program.pk, "message": "January, please"}, format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "submitted"
    assert body["program"]["id"] == program.pk
    assert body["homestay"] is None
    assert body["allowed_statuses"] == ["withdrawn"]
    assert body["learner"]["display_name"] == "Ana G."


def test_an_unverified_member_cannot_apply(client_for, program):
    member = MemberFactory(verified=False)
    response = client_for(member).post(
        f"{API}/applications/", {"program": program.pk}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "email_not_verified"


def test_unapproved_or_unknown_listings_cannot_be_applied_to(
    client_for, learner, institution_owner
):
    pending = ProgramFactory(institution=InstitutionFactory(owner=institution_owner), live=False)
    for body, field in (({"program": pending.pk}, "program"), ({"homestay": 999999}, "homestay")):
        response = client_for(learner).post(f"{API}/applications/", body, format="json")
        assert response.status_code == 400
        assert field in response.json()["errors"]
    assert not Application.objects.exists()


@pytest.mark.parametrize("body", [{}, {"program": 1, "homestay": 1}, {"program": "abc"}])
def test_apply_needs_exactly_one_listing(client_for, learner, body):
    response = client_for(learner).post(f"{API}/applications/", body, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"


def test_one_open_application_per_listing(client_for, learner, program):
    client = client_for(learner)
    assert (
        client.post(f"{API}/applications/", {"program": program.pk}, format="json").status_code
        == 201
    )
    again = client.post(f"{API}/applications/", {"program": program.pk}, format="json")
    assert again.status_code == 400
    assert again.json()["code"] == "already_applied"
    # Once withdrawn, the learner may apply again.
    application = Application.objects.get()
    client.patch(f"{API}/applications/{application.pk}/", {"status": "withdrawn"}, format="json")
    assert (
        client.post(f"{API}/applications/", {"program": program.pk}, format="json").status_code
        == 201
    )


def test_owners_cannot_apply_to_their_own_listing(client_for, host, homestay):
    response = client_for(host).post(
        f"{API}/applications/", {"homestay": homestay.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "own_listing"


# --- Who sees which application -------------------------------------------------------------


def test_learners_see_their_own_owners_those_to_their_listings(
    client_for, learner, other_learner, institution_owner, other_institution_owner, program, admin
):
    mine = ApplicationFactory(learner=learner, program=program)
    theirs = ApplicationFactory(learner=other_learner, program=program)
    elsewhere = ApplicationFactory(learner=other_learner)

    def listed(user):
        return {item["id"] for item in client_for(user).get(f"{API}/applications/").json()["items"]}

    assert listed(learner) == {mine.pk}
    assert listed(other_learner) == {theirs.pk, elsewhere.pk}
    assert listed(institution_owner) == {mine.pk, theirs.pk}
    assert listed(other_institution_owner) == set()
    assert listed(admin) == {mine.pk, theirs.pk, elsewhere.pk}
    assert (
        client_for(other_institution_owner).get(f"{API}/applications/{mine.pk}/").status_code == 404
    )
    assert client_for(other_learner).get(f"{API}/applications/{mine.pk}/").status_code == 404


def test_status_filter_and_bad_status(client_for, learner, program):
    ApplicationFactory(learner=learner, program=program)
    client = client_for(learner)
    assert client.get(f"{API}/applications/?status=submitted").json()["meta"]["total_count"] == 1
    assert client.get(f"{API}/applications/?status=accepted").json()["meta"]["total_count"] == 0
    bad = client.get(f"{API}/applications/?status=won")
    assert bad.status_code == 400 and bad.json()["code"] == "invalid_parameter"


# --- Moving applications --------------------------------------------------------------------


def patch_status(client, application, status):
    return client.patch(f"{API}/applications/{application.pk}/", {"status": status}, format="json")


def test_the_owner_reviews_then_accepts_and_the_learner_is_mailed_each_time(
    client_for, learner, institution_owner, program, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(learner=learner, program=program)
    owner = client_for(institution_owner)

    with django_capture_on_commit_callbacks(execute=True):
        reviewing = patch_status(owner, application, "under_review")
    assert reviewing.status_code == 200
    assert reviewing.json()["allowed_statuses"] == ["accepted", "rejected"]
    with django_capture_on_commit_callbacks(execute=True):
        accepted = patch_status(owner, application, "accepted")
    assert accepted.json()["status"] == "accepted"
    assert accepted.json()["allowed_statuses"] == []

    assert [message.to for message in mail.outbox] == [[learner.email], [learner.email]]
    last = mail.outbox[-1]
    assert last.subject == "[Toto] Your application to IELTS: accepted"
    assert "is now: accepted" in last.body
    assert "/abroad/applications/" in last.body
    html, mimetype = last.alternatives[0]
    assert mimetype == "text/html" and "<strong>accepted</strong>" in html


def test_the_owner_may_reject_after_review(
    client_for, institution_owner, program, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(program=program, status=S.UNDER_REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        response = patch_status(client_for(institution_owner), application, "rejected")
    assert response.status_code == 200
    assert "is now: rejected" in mail.outbox[0].body


@pytest.mark.parametrize("current", [S.SUBMITTED, S.UNDER_REVIEW])
def test_the_learner_may_withdraw_an_open_application(
    client_for, learner, program, current, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(learner=learner, program=program, status=current)
    with django_capture_on_commit_callbacks(execute=True):
        response = patch_status(client_for(learner), application, "withdrawn")
    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("side", "current", "new"),
    [
        ("owner", S.SUBMITTED, S.ACCEPTED),
        ("owner", S.SUBMITTED, S.REJECTED),
        ("owner", S.SUBMITTED, S.WITHDRAWN),
        ("owner", S.UNDER_REVIEW, S.SUBMITTED),
        ("owner", S.ACCEPTED, S.REJECTED),
        ("owner", S.REJECTED, S.ACCEPTED),
        ("owner", S.WITHDRAWN, S.UNDER_REVIEW),
        ("learner", S.SUBMITTED, S.UNDER_REVIEW),
        ("learner", S.UNDER_REVIEW, S.ACCEPTED),
        ("learner", S.ACCEPTED, S.WITHDRAWN),
        ("learner", S.REJECTED, S.WITHDRAWN),
        ("learner", S.WITHDRAWN, S.SUBMITTED),
    ],
)
def test_any_other_transition_is_400_and_changes_nothing(
    client_for, learner, institution_owner, program, side, current, new
):
    application = ApplicationFactory(learner=learner, program=program, status=current)
    actor = institution_owner if side == "owner" else learner

    response = patch_status(client_for(actor), application, new)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_transition"
    application.refresh_from_db()
    assert application.status == current
    assert mail.outbox == []


def test_someone_elses_application_cannot_be_moved(
    client_for, other_institution_owner, admin, program
):
    application = ApplicationFactory(program=program)
    assert (
        patch_status(client_for(other_institution_owner), application, "under_review").status_code
        == 404
    )
    # Staff see every application but are no party to it.
    assert patch_status(client_for(admin), application, "under_review").status_code == 403
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_an_unknown_status_is_a_validation_error(client_for, learner, program):
    application = ApplicationFactory(learner=learner, program=program)
    response = patch_status(client_for(learner), application, "maybe")
    assert response.status_code == 400
    assert "status" in response.json()["errors"]


# --- Messages -------------------------------------------------------------------------------


def test_learner_and_owner_exchange_messages_others_cannot(
    client_for, learner, other_learner, institution_owner, program
):
    application = ApplicationFactory(learner=learner, program=program)
    url = f"{API}/applications/{application.pk}/messages/"

    assert (
        client_for(learner).post(url, {"text": "When do classes start?"}, format="json").status_code
        == 201
    )
    assert (
        client_for(institution_owner)
        .post(url, {"text": "On 11 January."}, format="json")
        .status_code
        == 201
    )
    assert client_for(other_learner).post(url, {"text": "Hi"}, format="json").status_code == 404
    assert client_for(learner).post(url, {"text": ""}, format="json").status_code == 400

    thread = client_for(institution_owner).get(url).json()
    assert [m["text"] for m in thread["items"]] == ["When do classes start?", "On 11 January."]
    assert ApplicationMessage.objects.count() == 2


# --- Address privacy, per kind of viewer ----------------------------------------------------


def private_part(client, homestay) -> tuple:
    detail = client.get(f"{API}/homestays/{homestay.pk}/").json()
    listed = {i["id"]: i for i in client.get(f"{API}/homestays/").json()["items"]}[homestay.pk]
    assert (listed["address"], listed["contact"]) == (detail["address"], detail["contact"])
    return detail["address"], detail["contact"]


@pytest.mark.parametrize(
    ("viewer", "sees"),
    [
        ("anonymous", False),
        ("other_learner", False),
        ("applicant_submitted", False),
        ("applicant_under_review", False),
        ("applicant_rejected", False),
        ("applicant_withdrawn", False),
        ("applicant_accepted", True),
        ("applicant_to_another_homestay_accepted", False),
        ("other_host", False),
        ("owner", True),
        ("staff", True),
    ],
)
def test_homestay_address_and_contact_per_viewer(
    api_client, client_for, host, other_host, learner, other_learner, admin, homestay, viewer, sees
):
    if viewer.startswith("applicant_to_another"):
        ApplicationFactory(
            learner=learner, program=None, homestay=HomestayFactory(), status=S.ACCEPTED
        )
        client = client_for(learner)
    elif viewer.startswith("applicant_"):
        ApplicationFactory(
            learner=learner, program=None, homestay=homestay, status=viewer.split("_", 1)[1]
        )
        client = client_for(learner)
    else:
        client = {
            "anonymous": api_client,
            "other_learner": client_for(other_learner) if viewer == "other_learner" else None,
            "other_host": client_for(other_host) if viewer == "other_host" else None,
            "owner": client_for(host) if viewer == "owner" else None,
            "staff": client_for(admin) if viewer == "staff" else None,
        }[viewer]

    address, contact = private_part(client, homestay)

    if sees:
        assert address == "7 Hidden Mews"
        assert contact == {
            "name": "Margaret Hill",
            "email": "host@example.com",
            "phone": "+44 20 7946 0000",
        }
    else:
        assert address is None and contact is None
        body = client.get(f"{API}/homestays/{homestay.pk}/").content.decode()
        assert "Hidden Mews" not in body and "host@example.com" not in body
        assert client.get(f"{API}/homestays/{homestay.pk}/").json()["city"] == "London"


def test_the_application_shows_the_address_only_once_accepted(
    client_for, learner, host, homestay, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(learner=learner, program=None, homestay=homestay)
    url = f"{API}/applications/{application.pk}/"
    assert client_for(learner).get(url).json()["homestay"]["address"] is None
    owner = client_for(host)
    assert owner.get(url).json()["homestay"]["address"] == "7 Hidden Mews"

    with django_capture_on_commit_callbacks(execute=True):
        patch_status(owner, application, "under_review")
        patch_status(owner, application, "accepted")

    assert client_for(learner).get(url).json()["homestay"]["address"] == "7 Hidden Mews"
