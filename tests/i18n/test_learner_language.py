"""The learner's language: `language_preference` takes the content languages only, and sign-in
mails and Toto's API messages are written in the member's language, else the request's
`Accept-Language`."""

import pytest
from django.core import mail

from members.models import User
from tests.members.conftest import AppClient, code_from_last_mail

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-9"


@pytest.fixture
def app(api_client) -> AppClient:
    return AppClient(api_client)


def signup(app, email, **headers):
    return app.call("post", "auth/signup", {"email": email, "password": PASSWORD}, **headers)


def set_language(client, code):
    return client.patch("/api/v1/me/", {"profile": {"language_preference": code}}, format="json")


@pytest.mark.parametrize("code", ["en", "es", "pt", "fr", "ja", "vi", "ko", "zh-hans"])
def test_every_content_language_can_be_preferred(learner_client, learner, code):
    response = set_language(learner_client, code)

    assert response.status_code == 200, response.content
    learner.profile.refresh_from_db()
    assert learner.profile.language_preference == code


@pytest.mark.parametrize("code", ["de", "xx", "zh-cn", "zh-Hans", "VI", "vi-VN", ""])
def test_other_languages_are_refused(learner_client, learner, code):
    response = set_language(learner_client, code)

    assert response.status_code == 400
    assert response.json()["errors"]["profile.language_preference"]
    learner.profile.refresh_from_db()
    assert learner.profile.language_preference == "en"


def test_signing_up_in_vietnamese_gives_a_vietnamese_mail_and_preference(app):
    response, _body = signup(app, "lan@example.com", HTTP_ACCEPT_LANGUAGE="vi")

    assert response.status_code == 401
    message = mail.outbox[-1]
    assert message.subject == "[Toto] Mã xác minh Toto của bạn"
    assert "Nhập mã này vào ứng dụng Toto để xác nhận địa chỉ email của bạn:" in message.body
    assert "Chúc bạn học vui," in message.body
    html = message.alternatives[0][0]
    assert '<html lang="vi">' in html
    assert "Nhập mã này vào ứng dụng Toto" in html
    user = User.objects.get(email="lan@example.com")
    assert user.profile.language_preference == "vi"
    # The code in it works.
    verified, _ = app.verify(code_from_last_mail())
    assert verified.status_code == 200


def test_signing_up_without_a_language_is_english(app):
    signup(app, "ann@example.com")

    assert mail.outbox[-1].subject == "[Toto] Your Toto verification code"
    assert User.objects.get(email="ann@example.com").profile.language_preference == "en"


def test_a_language_toto_does_not_speak_falls_back_to_english(app):
    signup(app, "hans@example.com", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")

    assert mail.outbox[-1].subject == "[Toto] Your Toto verification code"
    assert User.objects.get(email="hans@example.com").profile.language_preference == "en"


def test_a_members_mails_follow_their_preference_not_the_request(app, make_member):
    member = make_member("minh@example.com")
    member.profile.language_preference = "vi"
    member.profile.save()

    app.call(
        "post",
        "auth/password/request",
        {"email": "minh@example.com"},
        HTTP_ACCEPT_LANGUAGE="es",
    )

    message = mail.outbox[-1]
    assert message.subject == "[Toto] Mã đặt lại mật khẩu Toto của bạn"
    assert "Nhập mã này vào ứng dụng Toto để chọn mật khẩu mới:" in message.body


def test_a_mail_to_an_unknown_address_is_in_the_requests_language(app):
    app.call(
        "post", "auth/password/request", {"email": "nadie@example.com"}, HTTP_ACCEPT_LANGUAGE="es"
    )

    message = mail.outbox[-1]
    assert message.subject == "[Toto] Tu solicitud para restablecer la contraseña de Toto"
    assert "nadie@example.com" in message.body
    assert "pero no existe ninguna cuenta así" in message.body


def test_api_errors_speak_the_members_language_over_accept_language(learner_client, learner):
    learner.profile.language_preference = "vi"
    learner.profile.save()

    bad_limit = learner_client.get("/api/v1/me/bookmarks/?limit=many", HTTP_ACCEPT_LANGUAGE="es")
    wrong_method = learner_client.patch("/api/v1/me/stats/", {}, HTTP_ACCEPT_LANGUAGE="es")

    assert bad_limit.status_code == 400
    assert bad_limit.json() == {
        "detail": "limit phải là một số nguyên dương",
        "code": "invalid_parameter",
    }
    assert bad_limit["Content-Language"] == "vi"
    # DRF's own messages come from its Vietnamese catalog.
    assert wrong_method.status_code == 405
    assert wrong_method.json() == {
        "detail": "Phương thức “PATCH” không được chấp nhận.",
        "code": "method_not_allowed",
    }


def test_validation_messages_come_from_drfs_catalog_in_the_members_language(
    learner_client, learner
):
    learner.profile.language_preference = "es"
    learner.profile.save()

    invalid = set_language(learner_client, "xx")

    assert invalid.status_code == 400
    assert invalid.json()["errors"]["profile.language_preference"] == [
        '"xx" no es una elección válida.'
    ]


def test_anonymous_api_errors_follow_accept_language(api_client):
    spanish = api_client.get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9")
    default = api_client.get("/api/v1/me/")

    assert spanish.status_code == 401
    assert spanish.json()["detail"] == "Las credenciales de autenticación no se proveyeron."
    assert spanish["Content-Language"] == "es"
    assert default.json()["detail"] == "Authentication credentials were not provided."


def test_a_page_url_keeps_its_language_whatever_the_browser_says(client, vi_path, settings):
    settings.APP_URL = ""
    english = client.get("/grammar/tenses/present-simple/", HTTP_ACCEPT_LANGUAGE="vi")

    assert english.status_code == 200
    assert english["Content-Language"] == "en"
    vietnamese = client.get("/vi/ngu-phap/cac-thi/thi-hien-tai-don/")
    assert vietnamese.status_code == 200
    assert vietnamese["Content-Language"] == "vi"
    assert "Thì hiện tại đơn" in vietnamese.content.decode()
