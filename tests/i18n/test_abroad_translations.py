"""Study-abroad listings in the learners' languages: `?locale=` shows each translatable field
translated, or in English where the translation leaves it blank; translations are approved
like any public change; application mails speak the learner's language."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from abroad.models import HomestayTranslation, InstitutionTranslation, ProgramTranslation
from members.models import Role
from tests.abroad.factories import (
    ApplicationFactory,
    HomestayFactory,
    InstitutionFactory,
    MemberFactory,
    ProgramFactory,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/abroad"


def translated_homestay(**fields):
    homestay = HomestayFactory(
        title="Quiet room near Hyde Park",
        description="A retired teacher's home with a cat and a garden.",
        house_rules="No smoking.",
        **fields,
    )
    HomestayTranslation.objects.create(
        homestay=homestay,
        language="es",
        title="Habitación tranquila cerca de Hyde Park",
        description="",  # not translated yet: the English text is shown
        house_rules="No se fuma.",
    )
    return homestay


def test_a_listing_reads_in_the_asked_language_field_by_field(api_client):
    homestay = translated_homestay()

    spanish = api_client.get(f"{API}/homestays/{homestay.pk}/", {"locale": "es"}).json()
    english = api_client.get(f"{API}/homestays/{homestay.pk}/").json()
    french = api_client.get(f"{API}/homestays/{homestay.pk}/", {"locale": "fr"}).json()

    assert spanish["title"] == "Habitación tranquila cerca de Hyde Park"
    assert spanish["house_rules"] == "No se fuma."
    assert spanish["description"] == "A retired teacher's home with a cat and a garden."
    assert english["title"] == french["title"] == "Quiet room near Hyde Park"
    assert french["house_rules"] == "No smoking."


def test_every_listing_kind_is_translated_in_listings(api_client):
    institution = InstitutionFactory(name="Thames English Academy", description="By the river.")
    InstitutionTranslation.objects.create(
        institution=institution, language="es", description="Junto al río."
    )
    program = ProgramFactory(institution=institution, title="IELTS preparation")
    ProgramTranslation.objects.create(program=program, language="es", title="Preparación IELTS")

    institutions = api_client.get(f"{API}/institutions/", {"locale": "es"}).json()["items"]
    programs = api_client.get(f"{API}/programs/", {"locale": "es"}).json()["items"]

    assert (institutions[0]["name"], institutions[0]["description"]) == (
        "Thames English Academy",
        "Junto al río.",
    )
    assert programs[0]["title"] == "Preparación IELTS"


@pytest.mark.parametrize("code", ["xx", "vi-VN", "zh-cn"])
def test_an_unknown_locale_is_a_400(api_client, code):
    response = api_client.get(f"{API}/homestays/", {"locale": code})

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_parameter"


def test_translations_cost_one_query_per_page_of_listings(api_client):
    def queries(count):
        with CaptureQueriesContext(connection) as captured:
            data = api_client.get(f"{API}/homestays/", {"locale": "es", "limit": count}).json()
        assert all(item["title"].startswith("Habitación") for item in data["items"])
        return len(captured)

    for _ in range(6):
        translated_homestay()
    queries(1)
    assert queries(2) == queries(6)


@pytest.mark.parametrize("language", ["en", "de", ""])
def test_a_translation_is_into_a_learner_language(language):
    translation = HomestayTranslation(homestay=HomestayFactory(), language=language)

    with pytest.raises(ValidationError) as refused:
        translation.full_clean()
    assert "language" in refused.value.message_dict


def test_a_translation_waits_for_approval_like_any_public_change(api_client):
    homestay = HomestayFactory(title="Beach house in Bondi")
    draft = homestay.get_latest_revision_as_object()
    draft.translations = [HomestayTranslation(language="es", title="Casa en la playa de Bondi")]
    revision = draft.save_revision(user=homestay.owner)

    pending = api_client.get(f"{API}/homestays/{homestay.pk}/", {"locale": "es"}).json()
    assert pending["title"] == "Beach house in Bondi"

    revision.publish()
    approved = api_client.get(f"{API}/homestays/{homestay.pk}/", {"locale": "es"}).json()
    assert approved["title"] == "Casa en la playa de Bondi"


def test_the_owner_translates_in_the_listings_own_form(make_member):
    admin = make_member("admin@example.com", role=Role.ADMIN)
    homestay = HomestayFactory()
    client = Client()
    client.force_login(admin)

    form = client.get(f"/admin/snippets/abroad/homestay/edit/{homestay.pk}/")

    assert form.status_code == 200
    assert 'name="translations-TOTAL_FORMS"' in form.content.decode()


def test_the_application_mail_is_in_the_learners_language_with_the_translated_title(
    member_client, django_capture_on_commit_callbacks
):
    learner = MemberFactory(email="lucia@example.com")
    learner.profile.language_preference = "es"
    learner.profile.save()
    homestay = translated_homestay()
    application = ApplicationFactory(learner=learner, program=None, homestay=homestay)

    with django_capture_on_commit_callbacks(execute=True):
        response = member_client(homestay.owner).patch(
            f"{API}/applications/{application.pk}/", {"status": "under_review"}, format="json"
        )

    assert response.status_code == 200, response.content
    message = mail.outbox[-1]
    assert message.subject == (
        "[Toto] Tu solicitud para Habitación tranquila cerca de Hyde Park: en revisión"
    )
    assert "El responsable de la oferta está revisando tu solicitud" in message.body
    assert '<html lang="es">' in message.alternatives[0][0]
