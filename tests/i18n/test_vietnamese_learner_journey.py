"""The issue's "done when", end to end: a learner whose language is Vietnamese signs up (mails
in Vietnamese), reads a translated lesson path through the API, follows `meta.translations` to
the English original and back, finds a page by its translated URL, and gets the exercises
graded."""

import pytest
from django.core import mail

from tests.lessons.conftest import right_answer
from tests.members.conftest import AppClient, code_from_last_mail

pytestmark = pytest.mark.django_db


def test_a_vietnamese_learner_from_sign_up_to_graded_exercises(api_client, vi_path, english_path):
    app = AppClient(api_client)
    vi = {"HTTP_ACCEPT_LANGUAGE": "vi-VN,vi;q=0.9,en;q=0.5"}

    # Signing up: the code comes in a Vietnamese mail.
    app.call(
        "post", "auth/signup", {"email": "lan@example.com", "password": "hoc-tieng-anh-9"}, **vi
    )
    assert mail.outbox[-1].subject == "[Toto] Mã xác minh Toto của bạn"
    _response, body = app.verify(code_from_last_mail())
    token = {"HTTP_AUTHORIZATION": f"Bearer {body['meta']['access_token']}"}
    me = api_client.get("/api/v1/me/", **token).json()
    assert me["profile"]["language_preference"] == "vi"

    # The path, in Vietnamese: category → subcategory → lesson.
    def get(path, **params):
        response = api_client.get(path, params, **token)
        assert response.status_code == 200, response.content
        return response.json()

    home = get("/api/v2/pages/", locale="vi", type="home.HomePage")["items"][0]
    categories = get(
        "/api/v2/pages/", child_of=home["id"], type="lessons.CategoryPage", fields="title,intro"
    )["items"]
    assert [item["title"] for item in categories] == ["Ngữ pháp"]
    subcategories = get("/api/v2/pages/", child_of=categories[0]["id"], fields="title")["items"]
    assert [item["title"] for item in subcategories] == ["Các thì"]
    lessons = get("/api/v2/pages/", child_of=subcategories[0]["id"], type="lessons.LessonPage")
    lesson = get(f"/api/v2/pages/{lessons['items'][0]['id']}/")
    assert lesson["title"] == "Thì hiện tại đơn"
    assert lesson["meta"]["locale"] == "vi"

    # To the English original and back.
    (english_link,) = lesson["meta"]["translations"]
    assert english_link["locale"] == "en"
    english = get(f"/api/v2/pages/{english_link['id']}/")
    assert english["title"] == "Present simple"
    assert english["meta"]["html_url"] == english_link["html_url"]
    (back,) = english["meta"]["translations"]
    assert (back["locale"], back["id"]) == ("vi", lesson["id"])

    # The page by its translated URL (as shared or deep-linked).
    path = "/" + lesson["meta"]["html_url"].split("/", 3)[3]
    assert path == "/vi/ngu-phap/cac-thi/thi-hien-tai-don/"
    found = api_client.get("/api/v2/pages/find/", {"html_path": path}, **token)
    assert found.status_code == 302
    assert found["Location"].split("?")[0].endswith(f"/api/v2/pages/{lesson['id']}/")

    # Every exercise graded, on the Vietnamese lesson.
    graded = 0
    for block in vi_path.lesson.body:
        if not getattr(block.block, "is_exercise", False):
            continue
        response = api_client.post(
            f"/api/v1/lessons/{lesson['id']}/attempts/",
            {"block_id": block.id, "answer": right_answer(block.block_type, block.value, block.id)},
            format="json",
            **token,
        )
        assert response.status_code == 201, response.content
        graded += response.json()["correct"] is True
    assert graded == 6  # every exercise but the voice answer, which a teacher reviews

    # Mails keep following the member's language, whatever the device sends.
    app.session_token = None
    app.call(
        "post", "auth/password/request", {"email": "lan@example.com"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert mail.outbox[-1].subject == "[Toto] Mã đặt lại mật khẩu Toto của bạn"
