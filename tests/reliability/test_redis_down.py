"""Redis down or hung: the API and sign-in keep answering, `/readyz` says 503, and everything
counts again when Redis returns (core/cache.py).

Each test runs against a Redis of its own, configured exactly as the project's cache, and
stops it (SIGTERM) or freezes it (SIGSTOP: connections accepted, never answered).
"""

import logging

import pytest
from django.core import mail

from tests.members.conftest import AppClient, code_from_last_mail
from tests.reliability.servers import wait_until

pytestmark = pytest.mark.django_db

PASSWORD = "a-Strong-passphrase-42"
COMMENTS_PER_MINUTE = 10


def post_comment(client, lesson, text="Clear, thanks!"):
    return client.post(f"/api/v1/lessons/{lesson.pk}/comments/", {"text": text}, format="json")


def readyz(client):
    response = client.get("/readyz")
    return response.status_code, response.json()["failed"]


def recovered(client) -> bool:
    return readyz(client) == (200, [])


def test_with_redis_stopped_content_comments_and_every_sign_in_flow_still_answer(
    own_redis, api_client, lesson, make_member, member_client, caplog
):
    member = make_member("ana@example.com", password=PASSWORD)
    learner = member_client(member)
    assert readyz(api_client) == (200, [])

    own_redis.stop()
    caplog.set_level(logging.WARNING, logger="core.cache")

    assert api_client.get("/api/v2/pages/").status_code == 200
    assert api_client.get(f"/api/v2/pages/{lesson.pk}/").status_code == 200
    assert api_client.get("/api/v2/images/").status_code == 200
    assert learner.get("/api/v1/me/").status_code == 200
    assert post_comment(learner, lesson).status_code == 201

    app = AppClient(api_client)
    response, body = app.login("ana@example.com", PASSWORD)
    assert response.status_code == 200, body
    assert body["meta"]["access_token"]
    # The sign-in session is read back from the database.
    response, body = app.call("get", "auth/session")
    assert response.status_code == 200, body
    response, _ = app.logout()
    assert response.status_code == 401

    newcomer = AppClient(api_client.__class__())
    response, body = newcomer.signup("new@example.com", PASSWORD)
    assert response.status_code == 401, body  # waiting for the mailed code, not refused
    response, body = newcomer.verify(code_from_last_mail())
    assert response.status_code == 200, body

    outbox = len(mail.outbox)
    response, body = AppClient(api_client).call(
        "post", "auth/password/request", {"email": "ana@example.com"}
    )
    # A reset by code: the mail is sent and the flow waits for the code (401 + pending flow).
    assert response.status_code == 401, body
    assert any(flow.get("is_pending") for flow in body["data"]["flows"])
    assert len(mail.outbox) == outbox + 1

    status, failed = readyz(api_client)
    assert (status, failed) == (503, ["cache"])
    outage_logs = [r for r in caplog.records if "unreachable" in r.getMessage()]
    assert len(outage_logs) == 1, "one warning per outage, not one per cache call"


def test_throttles_and_the_login_lockout_fail_open_without_redis_and_count_again_after(
    own_redis, api_client, lesson, make_member, member_client
):
    make_member("ana@example.com", password=PASSWORD)
    learner = member_client(make_member("lea@example.com"))
    own_redis.stop()

    statuses = [post_comment(learner, lesson, f"Comment {n}").status_code for n in range(12)]
    assert statuses == [201] * 12
    app = AppClient(api_client)
    wrong = [app.login("ana@example.com", "wrong-password")[0].status_code for _ in range(7)]
    assert wrong == [400] * 7  # not counted, so never locked
    assert app.login("ana@example.com", PASSWORD)[0].status_code == 200

    own_redis.start()
    wait_until(lambda: recovered(api_client), timeout=5, what="recovery after Redis returned")

    statuses = [post_comment(learner, lesson, f"Again {n}").status_code for n in range(11)]
    assert statuses == [201] * COMMENTS_PER_MINUTE + [429]
    wrong = [app.login("ana@example.com", "wrong-password")[0].status_code for _ in range(6)]
    assert wrong == [400] * 5 + [429]


def test_a_hung_redis_is_skipped_and_reported_until_it_answers_again(
    own_redis, api_client, lesson, make_member, member_client
):
    learner = member_client(make_member("lea@example.com"))
    assert post_comment(learner, lesson).status_code == 201  # connections now pooled

    own_redis.freeze()
    try:
        assert api_client.get(f"/api/v2/pages/{lesson.pk}/").status_code == 200
        assert post_comment(learner, lesson, "While Redis hangs").status_code == 201
        response, body = AppClient(api_client).signup("new@example.com", PASSWORD)
        assert response.status_code == 401, body
        assert readyz(api_client) == (503, ["cache"])
    finally:
        own_redis.thaw()
    wait_until(lambda: recovered(api_client), timeout=5, what="recovery after Redis thawed")
    assert post_comment(learner, lesson, "After").status_code == 201


def test_sessions_made_before_the_outage_keep_working_from_the_database(
    own_redis, api_client, make_member
):
    make_member("ana@example.com", password=PASSWORD)
    app = AppClient(api_client)
    assert app.login("ana@example.com", PASSWORD)[0].status_code == 200

    own_redis.stop()
    response, body = app.call("get", "auth/session")
    assert response.status_code == 200, body
    own_redis.start()
    wait_until(lambda: recovered(api_client), timeout=5, what="recovery")
    response, body = app.call("get", "auth/session")
    assert response.status_code == 200, body
