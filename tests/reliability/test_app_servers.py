"""Faults against Toto running as in production: gunicorn processes on the suite's PostgreSQL,
Redis and S3. Their data is committed (transactional tests), so the servers see it.

- PostgreSQL restarted while learners write: each request answers 201 or a JSON 503
  `service_unavailable` quickly, the writes succeed again within 5 s of the database being
  back, and every acknowledged write is in the database.
- Redis stopped while serving: no 5xx, `/readyz` 503, recovery when it returns.
- Two app servers: a logout on one is refused on the other at once; a publish is seen by both.
"""

from __future__ import annotations

import threading
import time

import httpx
import pytest
from django.db import connection, connections
from wagtail.models import Page

from lessons.models import ExerciseAttempt
from tests.lessons import builders
from tests.lessons.conftest import EXERCISES, exercise_body, right_answer
from tests.reliability.servers import AppServer, PostgresServer, database_url, wait_until

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs the real services"),
]

PASSWORD = "a-Strong-passphrase-42"
BLOCK = "mc-single"
RECOVERY_SECONDS = 5


@pytest.fixture
def lesson(home_page):
    _grammar, tenses = builders.lesson_tree(home_page)
    return builders.lesson(tenses, "Present simple", body=exercise_body())


@pytest.fixture
def start_server(tmp_path, settings):
    servers: list[AppServer] = []

    def start(**env: str) -> AppServer:
        env = {"DATABASE_URL": database_url(connection.settings_dict), **env}
        server = AppServer(env, tmp_path / f"gunicorn-{len(servers)}.log")
        servers.append(server)
        server.start()
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def learner_headers(make_member):
    from members.models import SignInSession
    from members.tokens import token_pair_issue

    member = make_member("lea@example.com", password=PASSWORD)
    refresh = token_pair_issue(
        user=member, sign_in_session=SignInSession.objects.create(user=member)
    )
    return {"Authorization": f"Bearer {refresh.access_token}"}


def attempt_body() -> dict:
    block_type, value = EXERCISES[BLOCK]
    return {"block_id": BLOCK, "answer": right_answer(block_type, value, BLOCK)}


def test_postgresql_restart_fails_fast_with_503_recovers_and_loses_no_acknowledged_write(
    start_server, lesson, learner_headers, tmp_path
):
    server = start_server()
    database = PostgresServer(int(connection.settings_dict["PORT"]))
    url = server.url(f"/api/v1/lessons/{lesson.pk}/attempts/")
    results: list[tuple[float, int, dict]] = []
    stop = threading.Event()

    def writer() -> None:
        with httpx.Client(headers=learner_headers, timeout=10) as client:
            while not stop.is_set():
                try:
                    response = client.post(url, json=attempt_body())
                    results.append((time.monotonic(), response.status_code, response.json()))
                except httpx.HTTPError as error:  # a timeout or a dropped connection: a failure
                    results.append((time.monotonic(), 0, {"error": repr(error)}))

    writers = [threading.Thread(target=writer) for _ in range(4)]
    for thread in writers:
        thread.start()
    try:
        time.sleep(1)
        database.restart()
        back = time.monotonic()
        connections.close_all()  # this process' own connection went with the restart
        wait_until(
            lambda: any(at > back and status == 201 for at, status, _ in results),
            timeout=RECOVERY_SECONDS,
            what="a write acknowledged after the restart",
        )
        time.sleep(0.5)
    finally:
        stop.set()
        for thread in writers:
            thread.join(timeout=30)

    statuses = [status for _at, status, _body in results]
    refused = [body for _at, status, body in results if status != 201]
    assert set(statuses) <= {201, 503}, [r for r in results if r[1] not in (201, 503)][:5]
    assert all(body.get("code") == "service_unavailable" for body in refused), refused[:5]
    acknowledged = {body["id"] for _at, status, body in results if status == 201}
    assert acknowledged, "no write went through"
    stored = set(ExerciseAttempt.objects.filter(pk__in=acknowledged).values_list("pk", flat=True))
    assert stored == acknowledged
    print(f"postgres restart: {statuses.count(201)} writes acknowledged, {len(refused)} x 503")


def test_redis_stopped_while_serving_gives_no_5xx_readyz_503_and_recovery(
    start_server, own_redis, lesson, learner_headers, make_member
):
    make_member("ana@example.com", password=PASSWORD)
    server = start_server(REDIS_URL=own_redis.url)
    client = httpx.Client(timeout=10)

    def traffic() -> list[int]:
        return [
            client.get(server.url("/api/v2/pages/")).status_code,
            client.get(server.url(f"/api/v2/pages/{lesson.pk}/")).status_code,
            client.post(
                server.url(f"/api/v1/lessons/{lesson.pk}/attempts/"),
                json=attempt_body(),
                headers=learner_headers,
            ).status_code,
            client.post(
                server.url("/_allauth/app/v1/auth/login"),
                json={"email": "ana@example.com", "password": PASSWORD},
            ).status_code,
        ]

    assert traffic() == [200, 200, 201, 200]
    assert client.get(server.url("/readyz")).status_code == 200
    own_redis.stop()
    for _ in range(3):
        assert traffic() == [200, 200, 201, 200]
    readyz = client.get(server.url("/readyz"))
    assert (readyz.status_code, readyz.json()["failed"]) == (503, ["cache"])

    own_redis.start()
    wait_until(
        lambda: client.get(server.url("/readyz")).status_code == 200,
        timeout=RECOVERY_SECONDS,
        what="readiness after Redis returned",
    )
    assert traffic() == [200, 200, 201, 200]


def test_two_app_servers_agree_at_once_on_logout_and_on_publish(
    start_server, lesson, make_member, home_page
):
    make_member("ana@example.com", password=PASSWORD)
    first, second = start_server(), start_server()
    client = httpx.Client(timeout=10)

    login = client.post(
        first.url("/_allauth/app/v1/auth/login"),
        json={"email": "ana@example.com", "password": PASSWORD},
    )
    assert login.status_code == 200, login.text
    meta = login.json()["meta"]
    jwt = {"Authorization": f"Bearer {meta['access_token']}"}
    session = {"X-Session-Token": meta["session_token"]}
    assert client.get(second.url("/api/v1/me/"), headers=jwt).status_code == 200
    assert (
        client.get(second.url("/_allauth/app/v1/auth/session"), headers=session).status_code == 200
    )

    assert (
        client.delete(first.url("/_allauth/app/v1/auth/session"), headers=session).status_code
        == 401
    )
    refused = client.get(second.url("/api/v1/me/"), headers=jwt)
    assert refused.status_code == 401
    assert refused.json()["code"] == "token_not_valid"
    assert client.get(second.url("/_allauth/app/v1/auth/session"), headers=session).status_code in (
        401,
        410,
    )

    # Both servers have served (and may cache) the lesson list; a publish reaches both at once.
    draft = builders.lesson(lesson.get_parent(), "Past simple", live=False)
    listing = "/api/v2/pages/?type=lessons.LessonPage&fields=title"
    for server in (first, second):
        titles = {item["title"] for item in client.get(server.url(listing)).json()["items"]}
        assert titles == {"Present simple"}
        assert client.get(server.url(f"/api/v2/pages/{draft.pk}/")).status_code == 404
    Page.objects.get(pk=draft.pk).specific.save_revision().publish()
    for server in (first, second):
        titles = {item["title"] for item in client.get(server.url(listing)).json()["items"]}
        assert titles == {"Present simple", "Past simple"}
        assert client.get(server.url(f"/api/v2/pages/{draft.pk}/")).status_code == 200
