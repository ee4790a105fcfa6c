"""GET/PATCH /api/v1/me/ and role requests."""

import pytest

from members.models import Role, RoleRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(make_member):
    return make_member("ana@example.com", first_name="Ana")


@pytest.fixture
def client(member_client, learner):
    return member_client(learner)


def test_me_shows_the_member_with_profile_and_nothing_secret(client, learner):
    data = client.get("/api/v1/me/").json()
    assert data["id"] == learner.pk
    assert data["email"] == "ana@example.com"
    assert data["is_verified"] is True
    assert data["avatar"] is None
    assert data["profile"]["role"] == "student"
    assert data["profile"]["timezone"] == "UTC"
    assert not {"password", "is_superuser", "is_staff", "groups"} & set(data)


def test_patch_updates_names_and_profile(client, learner):
    response = client.patch(
        "/api/v1/me/",
        {
            "last_name": "Silva",
            "profile": {
                "timezone": "America/Sao_Paulo",
                "language_preference": "pt",
                "notification_preferences": {"newsletter": False, "lesson_reminders": True},
                "bio": "Learning English for work.",
                "date_of_birth": "1995-04-02",
            },
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    learner.refresh_from_db()
    learner.profile.refresh_from_db()
    assert learner.last_name == "Silva" and learner.first_name == "Ana"
    assert learner.profile.timezone == "America/Sao_Paulo"
    assert learner.profile.notification_preferences == {
        "newsletter": False,
        "lesson_reminders": True,
    }


@pytest.mark.parametrize(
    ("profile", "field"),
    [
        ({"timezone": "Mars/Olympus_Mons"}, "timezone"),
        ({"language_preference": "xx"}, "language_preference"),
        ({"notification_preferences": {"spam": True}}, "notification_preferences"),
        ({"notification_preferences": {"newsletter": "yes"}}, "notification_preferences"),
        ({"notification_preferences": ["newsletter"]}, "notification_preferences"),
        ({"date_of_birth": "2999-01-01"}, "date_of_birth"),
        ({"date_of_birth": "not a date"}, "date_of_birth"),
        ({"phone": "call me maybe"}, "phone"),
        ({"bio": "x" * 1001}, "bio"),
    ],
)
def test_bad_profile_values_are_refused_and_nothing_is_written(client, learner, profile, field):
    response = client.patch(
        "/api/v1/me/", {"first_name": "Changed", "profile": profile}, format="json"
    )
    assert response.status_code == 400
    assert f"profile.{field}" in response.json()["errors"]
    learner.refresh_from_db()
    assert learner.first_name == "Ana"


def test_members_cannot_change_their_own_role_email_or_staff_flags(client, learner):
    response = client.patch(
        "/api/v1/me/",
        {
            "email": "boss@example.com",
            "is_staff": True,
            "is_superuser": True,
            "profile": {"role": "admin"},
        },
        format="json",
    )
    assert response.status_code == 200
    learner.refresh_from_db()
    assert learner.email == "ana@example.com"
    assert not learner.is_staff and not learner.is_superuser
    assert learner.profile.role == Role.STUDENT
    assert list(learner.groups.values_list("name", flat=True)) == ["Students"]


def test_a_role_request_is_recorded_and_grants_nothing(client, learner):
    response = client.post(
        "/api/v1/me/role-request/", {"role": "teacher", "note": "I teach at a school."}
    )
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "pending"
    learner.profile.refresh_from_db()
    assert learner.profile.role == Role.STUDENT
    assert RoleRequest.objects.get().role == "teacher"


@pytest.mark.parametrize("role", ["admin", "content_creator", "student", "wizard", ""])
def test_only_teacher_institution_or_homestay_can_be_requested(client, role):
    response = client.post("/api/v1/me/role-request/", {"role": role})
    assert response.status_code == 400
    assert "role" in response.json()["errors"]
    assert not RoleRequest.objects.exists()


def test_a_second_pending_request_is_refused(client):
    assert client.post("/api/v1/me/role-request/", {"role": "teacher"}).status_code == 201
    response = client.post("/api/v1/me/role-request/", {"role": "homestay"})
    assert response.status_code == 400
    assert RoleRequest.objects.count() == 1


def test_profile_endpoints_need_a_member(api_client):
    assert api_client.get("/api/v1/me/").status_code == 401
    assert api_client.patch("/api/v1/me/", {}, format="json").status_code == 401
    assert api_client.post("/api/v1/me/role-request/", {"role": "teacher"}).status_code == 401


def test_me_costs_a_fixed_handful_of_queries(client, django_assert_max_num_queries):
    # the sign-in session with member and profile, then the verified-address check
    with django_assert_max_num_queries(2):
        assert client.get("/api/v1/me/").status_code == 200
