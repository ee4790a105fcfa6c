"""Every /api/v1/ list has the content API's envelope and parameters."""

import pytest

from core.pagination import LIST_LIMIT_DEFAULT

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/me/progress/",
    "/api/v1/me/attempts/",
    "/api/v1/me/bookmarks/",
    "/api/v1/members/{me}/followers/",
    "/api/v1/members/{me}/following/",
]


@pytest.fixture
def member(make_member):
    return make_member()


@pytest.mark.parametrize("path", LISTS)
def test_lists_answer_meta_total_count_and_items(member_client, member, path):
    response = member_client(member).get(path.format(me=member.pk))
    assert response.status_code == 200
    assert response.json() == {"meta": {"total_count": 0}, "items": []}


def test_limit_and_offset_page_through_a_list(member_client, make_member):
    star = make_member("star@example.com")
    for n in range(5):
        fan = make_member(f"fan{n}@example.com")
        member_client(fan).post(f"/api/v1/members/{star.pk}/follow/")
    client = member_client(star)
    url = f"/api/v1/members/{star.pk}/followers/"
    everyone = client.get(url).json()
    assert everyone["meta"]["total_count"] == 5
    page = client.get(f"{url}?limit=2&offset=1").json()
    assert page["meta"]["total_count"] == 5
    assert page["items"] == everyone["items"][1:3]
    assert client.get(f"{url}?limit=0").json() == {"meta": {"total_count": 5}, "items": []}
    assert client.get(f"{url}?offset=9").json()["items"] == []


def test_the_default_and_the_cap_match_the_content_api(settings):
    from core.pagination import EnvelopePagination

    assert LIST_LIMIT_DEFAULT == 20
    assert EnvelopePagination().max_limit == settings.WAGTAILAPI_LIMIT_MAX == 100
