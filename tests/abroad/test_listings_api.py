"""Public listings: approved only, the contract's filters, search, ordering and bad parameters."""

import datetime
from decimal import Decimal

import pytest

from abroad.models import Program
from tests.abroad.factories import (
    HomestayFactory,
    InstitutionFactory,
    ProgramFactory,
    image_make,
)

pytestmark = pytest.mark.django_db
API = "/api/v1/abroad"


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


# --- Approval gating ------------------------------------------------------------------------


def test_only_approved_listings_are_listed_and_found(api_client):
    approved = InstitutionFactory(name="Approved")
    pending = InstitutionFactory(name="Pending", live=False)

    assert ids(api_client.get(f"{API}/institutions/")) == [approved.pk]
    assert api_client.get(f"{API}/institutions/{pending.pk}/").status_code == 404
    assert api_client.get(f"{API}/institutions/{pending.pk}/").json()["code"] == "not_found"


def test_a_program_of_an_unapproved_institution_is_not_public(api_client):
    program = ProgramFactory(institution=InstitutionFactory(live=False))
    public = ProgramFactory()

    assert ids(api_client.get(f"{API}/programs/")) == [public.pk]
    assert api_client.get(f"{API}/programs/{program.pk}/").status_code == 404


def test_owner_and_staff_see_an_unapproved_listing_others_do_not(
    api_client, client_for, institution_owner, other_institution_owner, learner, admin
):
    pending = InstitutionFactory(owner=institution_owner, live=False)
    url = f"{API}/institutions/{pending.pk}/"

    assert client_for(other_institution_owner).get(url).status_code == 404
    assert client_for(learner).get(url).status_code == 404
    own = client_for(institution_owner).get(url)
    assert own.status_code == 200
    assert own.json()["approval"] == {"status": "draft", "live": False, "approved_at": None}
    assert client_for(admin).get(url).status_code == 200


def test_the_public_never_sees_approval_details(api_client):
    institution = InstitutionFactory()
    assert api_client.get(f"{API}/institutions/{institution.pk}/").json()["approval"] is None


# --- Shapes ---------------------------------------------------------------------------------


def test_program_shape_money_as_decimal_string_and_intakes(api_client):
    program = ProgramFactory(
        tuition_amount=Decimal("3600.50"),
        tuition_currency="GBP",
        intakes=[datetime.date(2027, 4, 5), datetime.date(2027, 1, 11)],
    )
    body = api_client.get(f"{API}/programs/{program.pk}/").json()

    assert body["tuition"] == {"amount": "3600.50", "currency": "GBP"}
    assert [intake["start_date"] for intake in body["intakes"]] == ["2027-01-11", "2027-04-05"]
    assert body["institution"]["id"] == program.institution_id
    assert body["country"] == "GB"


def test_photos_come_as_absolute_rendition_urls(api_client):
    institution = InstitutionFactory(photos=[image_make("Building")])
    body = api_client.get(f"{API}/institutions/{institution.pk}/").json()

    photo = body["photos"][0]["image"]
    assert set(photo["renditions"]) == {"thumbnail", "card", "hero"}
    assert photo["renditions"]["card"]["url"].startswith(("http://", "https://"))
    assert photo["renditions"]["card"]["width"] == 640


# --- Filters --------------------------------------------------------------------------------


def test_institution_filters_country_city_and_q(api_client):
    london = InstitutionFactory(name="Thames Academy", country="GB", city="London")
    InstitutionFactory(name="Dublin School", country="IE", city="Dublin")
    toronto = InstitutionFactory(name="Maple College", country="CA", city="Toronto")

    assert ids(api_client.get(f"{API}/institutions/?country=gb")) == [london.pk]
    assert ids(api_client.get(f"{API}/institutions/?city=toronto")) == [toronto.pk]
    assert ids(api_client.get(f"{API}/institutions/?q=maple")) == [toronto.pk]
    assert ids(api_client.get(f"{API}/institutions/?q=academy%20london")) == [london.pk]
    assert ids(api_client.get(f"{API}/institutions/?q=nowhere")) == []


def test_program_filters_institution_country_level_and_starts_after(api_client):
    uk = InstitutionFactory(country="GB")
    beginner = ProgramFactory(
        institution=uk, level=Program.Level.BEGINNER, intakes=[datetime.date(2027, 3, 1)]
    )
    advanced = ProgramFactory(
        institution=InstitutionFactory(country="AU"),
        level=Program.Level.ADVANCED,
        intakes=[datetime.date(2027, 9, 1), datetime.date(2026, 9, 1)],
    )

    assert ids(api_client.get(f"{API}/programs/?institution={uk.pk}")) == [beginner.pk]
    assert ids(api_client.get(f"{API}/programs/?country=AU")) == [advanced.pk]
    assert ids(api_client.get(f"{API}/programs/?level=beginner")) == [beginner.pk]
    # Strictly after the date; several intakes match once.
    assert ids(api_client.get(f"{API}/programs/?starts_after=2027-03-01")) == [advanced.pk]
    assert sorted(ids(api_client.get(f"{API}/programs/?starts_after=2026-12-31"))) == sorted(
        [beginner.pk, advanced.pk]
    )


def test_price_filters_compare_only_within_the_asked_currency(api_client):
    cheap_gbp = ProgramFactory(tuition_amount=Decimal("1000.00"), tuition_currency="GBP")
    dear_gbp = ProgramFactory(tuition_amount=Decimal("5000.00"), tuition_currency="GBP")
    cheap_jpy = ProgramFactory(tuition_amount=Decimal("900.00"), tuition_currency="JPY")
    ProgramFactory(tuition_amount=Decimal("400000.00"), tuition_currency="JPY")

    assert ids(api_client.get(f"{API}/programs/?currency=GBP&max_price=1000")) == [cheap_gbp.pk]
    assert ids(api_client.get(f"{API}/programs/?currency=gbp&min_price=1000.01")) == [dear_gbp.pk]
    assert ids(api_client.get(f"{API}/programs/?currency=JPY&max_price=1000")) == [cheap_jpy.pk]
    assert ids(
        api_client.get(f"{API}/programs/?currency=GBP&min_price=1000&max_price=5000&order=price")
    ) == [cheap_gbp.pk, dear_gbp.pk]
    assert ids(api_client.get(f"{API}/programs/?currency=EUR")) == []


@pytest.mark.parametrize("query", ["max_price=1000", "min_price=10", "min_price=1&max_price=2"])
def test_a_price_without_currency_is_refused_never_compared_across_currencies(api_client, query):
    ProgramFactory()
    response = api_client.get(f"{API}/programs/?{query}")

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_parameter"
    assert "needs currency" in body["detail"]


def test_homestay_filters_city_max_price_and_available_from(api_client):
    cheap = HomestayFactory(
        city="York",
        price_per_week_amount=Decimal("180.00"),
        availability=[(datetime.date(2027, 1, 1), datetime.date(2027, 3, 31))],
    )
    dear = HomestayFactory(
        city="London",
        price_per_week_amount=Decimal("400.00"),
        availability=[(datetime.date(2027, 3, 1), datetime.date(2027, 8, 31))],
    )
    euro = HomestayFactory(
        city="Cork",
        country="IE",
        price_per_week_amount=Decimal("150.00"),
        price_per_week_currency="EUR",
        availability=[],
    )

    assert ids(api_client.get(f"{API}/homestays/?city=york")) == [cheap.pk]
    assert ids(api_client.get(f"{API}/homestays/?currency=GBP&max_price=250")) == [cheap.pk]
    assert ids(api_client.get(f"{API}/homestays/?currency=EUR&max_price=250")) == [euro.pk]
    assert ids(api_client.get(f"{API}/homestays/?available_from=2027-03-31")) == [cheap.pk, dear.pk]
    assert ids(api_client.get(f"{API}/homestays/?available_from=2027-04-01")) == [dear.pk]
    assert ids(api_client.get(f"{API}/homestays/?available_from=2028-01-01")) == []


def test_ordering_by_price_sorts_within_each_currency(api_client):
    gbp_dear = ProgramFactory(tuition_amount=Decimal("5000.00"), tuition_currency="GBP")
    eur = ProgramFactory(tuition_amount=Decimal("7000.00"), tuition_currency="EUR")
    gbp_cheap = ProgramFactory(tuition_amount=Decimal("1000.00"), tuition_currency="GBP")

    assert ids(api_client.get(f"{API}/programs/?order=price")) == [
        eur.pk,
        gbp_cheap.pk,
        gbp_dear.pk,
    ]
    assert ids(api_client.get(f"{API}/programs/?order=-price")) == [
        eur.pk,
        gbp_dear.pk,
        gbp_cheap.pk,
    ]


def test_ordering(api_client):
    b = InstitutionFactory(name="B school")
    a = InstitutionFactory(name="A school")
    assert ids(api_client.get(f"{API}/institutions/?order=name")) == [a.pk, b.pk]
    assert ids(api_client.get(f"{API}/institutions/?order=-name")) == [b.pk, a.pk]


@pytest.mark.parametrize(
    "url",
    [
        "institutions/?country=XX",
        "institutions/?colour=red",
        "institutions/?order=secret",
        "programs/?institution=abc",
        "programs/?level=expert",
        "programs/?currency=ABC&max_price=10",
        "programs/?currency=GBP&max_price=cheap",
        "programs/?currency=GBP&max_price=1.234",
        "programs/?currency=GBP&max_price=-5",
        "programs/?currency=GBP&min_price=50&max_price=10",
        "programs/?starts_after=tomorrow",
        "homestays/?available_from=2027-13-01",
        "homestays/?currency=GBP&max_price=NaN",
        "homestays/?mine=perhaps",
        "homestays/?locale=xx",
        "homestays/?limit=101",
        "homestays/1/?locale=xx",
        "homestays/1/?city=York",
    ],
)
def test_bad_parameters_are_400_invalid_parameter(api_client, url):
    HomestayFactory(pk=1)
    response = api_client.get(f"{API}/{url}")

    assert response.status_code == 400, response.content
    assert response.json()["code"] == "invalid_parameter"


def test_a_known_locale_is_accepted(api_client):
    institution = InstitutionFactory(name="Thames Academy")
    response = api_client.get(f"{API}/institutions/?locale=es")
    assert ids(response) == [institution.pk]
    # No translation yet: English, field by field.
    assert response.json()["items"][0]["name"] == "Thames Academy"
    assert api_client.get(f"{API}/institutions/{institution.pk}/?locale=fr").status_code == 200


def test_list_envelope_and_paging(api_client):
    made = [InstitutionFactory(name=f"School {n:02d}") for n in range(5)]
    body = api_client.get(f"{API}/institutions/?limit=2&offset=1&order=name").json()
    assert body["meta"] == {"total_count": 5}
    assert [item["id"] for item in body["items"]] == [made[1].pk, made[2].pk]
