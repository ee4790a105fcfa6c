"""Members follow members: `members/{id}/follow/`, `followers/` and `following/`."""

import pytest
from django.db import IntegrityError, transaction
from django.test.utils import CaptureQueriesContext

from members import services
from members.models import Follow

pytestmark = pytest.mark.django_db


@pytest.fixture
def ana(make_member):
    ana = make_member("ana@example.com", first_name="Ana", last_name="García")
    ana.profile.phone = "+34 600 000 000"
    ana.profile.save()
    return ana


@pytest.fixture
def ben(make_member):
    return make_member("ben@example.com", first_name="Ben", last_name="")


@pytest.fixture
def ana_client(ana, member_client):
    return member_client(ana)


def follow_url(member) -> str:
    return f"/api/v1/members/{member.pk}/follow/"


def test_following_is_idempotent(ana_client, ana, ben):
    response = ana_client.post(follow_url(ben))
    assert response.status_code == 201
    assert response.json()["following"] is True
    assert ana_client.post(follow_url(ben)).status_code == 200
    assert Follow.objects.filter(follower=ana, followed=ben).count() == 1
    assert ana_client.get(follow_url(ben)).json()["following"] is True


def test_unfollowing_is_idempotent(ana_client, ana, ben):
    ana_client.post(follow_url(ben))
    assert ana_client.delete(follow_url(ben)).status_code == 204
    assert ana_client.delete(follow_url(ben)).status_code == 204
    assert not Follow.objects.exists()
    assert ana_client.get(follow_url(ben)).json() == {"following": False, "since": None}


def test_nobody_follows_themselves(ana_client, ana):
    response = ana_client.post(follow_url(ana))
    assert response.status_code == 400
    assert response.json() == {
        "detail": "You cannot follow yourself.",
        "code": "cannot_follow_self",
    }
    assert not Follow.objects.exists()


def test_the_database_refuses_self_follows_and_duplicates(ana, ben):
    Follow.objects.create(follower=ana, followed=ben)
    with pytest.raises(IntegrityError), transaction.atomic():
        Follow.objects.create(follower=ana, followed=ben)
    with pytest.raises(IntegrityError), transaction.atomic():
        Follow.objects.create(follower=ana, followed=ana)


def test_unknown_and_closed_accounts_cannot_be_followed(ana_client, make_member):
    assert ana_client.post("/api/v1/members/999999/follow/").status_code == 404
    closed = make_member("closed@example.com")
    services.member_deactivate(user=closed)
    assert ana_client.post(follow_url(closed)).status_code == 404
    assert ana_client.get(f"/api/v1/members/{closed.pk}/followers/").status_code == 404


def test_follower_and_following_lists_show_public_data_only_newest_first(
    ana_client, ana, ben, make_member, member_client
):
    cleo = make_member("cleo@example.com", first_name="Cleo", last_name="Dupont")
    member_client(ben).post(follow_url(ana))
    member_client(cleo).post(follow_url(ana))
    ana_client.post(follow_url(cleo))

    followers = ana_client.get(f"/api/v1/members/{ana.pk}/followers/").json()
    assert followers["meta"]["total_count"] == 2
    first, second = followers["items"]
    assert (first["id"], first["display_name"]) == (cleo.pk, "Cleo D.")
    assert (second["id"], second["display_name"]) == (ben.pk, "Ben")
    assert set(first) == {"id", "display_name", "avatar", "since"}

    following = ana_client.get(f"/api/v1/members/{ana.pk}/following/").json()
    assert [row["id"] for row in following["items"]] == [cleo.pk]
    # Anyone's lists are visible to members, and never leak private data.
    ben_view = member_client(ben).get(f"/api/v1/members/{cleo.pk}/followers/").content.decode()
    assert "Ana G." in ben_view
    for private in ("@example.com", "+34", "García", "date_of_birth", "phone"):
        assert private not in ben_view


def test_closed_accounts_drop_out_of_follower_lists(ana_client, ana, ben, member_client):
    member_client(ben).post(follow_url(ana))
    services.member_deactivate(user=ben)
    assert ana_client.get(f"/api/v1/members/{ana.pk}/followers/").json()["meta"]["total_count"] == 0


def test_follow_endpoints_need_a_signed_in_member(api_client, ana):
    assert api_client.post(follow_url(ana)).status_code == 401
    assert api_client.get(f"/api/v1/members/{ana.pk}/followers/").status_code == 401


def test_follow_lists_run_a_fixed_number_of_queries(ana_client, ana, make_member):
    from django.db import connection

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = ana_client.get(f"/api/v1/members/{ana.pk}/followers/?limit=50")
        assert response.status_code == 200
        return len(queries), response.json()["meta"]["total_count"]

    def add_followers(start: int, count: int) -> None:
        for number in range(start, start + count):
            follower = make_member(f"f{number}@example.com", first_name=f"F{number}")
            Follow.objects.create(follower=follower, followed=ana)

    add_followers(0, 5)
    count_queries()  # warm-up
    at_5, total = count_queries()
    add_followers(5, 20)
    at_25, total_after = count_queries()
    assert (total, total_after) == (5, 25)
    assert at_5 == at_25, (at_5, at_25)
