"""End to end: a learner signs up and works through a lesson; members talk; a teacher moderates.

Everything goes through the public APIs the apps use (allauth's app API, the content API and
/api/v1/) and the Wagtail admin, as a client would, with answers built from what the content
API shows.
"""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from members.models import Role
from tests.lessons.conftest import EXERCISES
from tests.members.conftest import AppClient, code_from_last_mail

pytestmark = pytest.mark.django_db


def signed_up_client(email: str) -> APIClient:
    app = AppClient(APIClient())
    app.signup(email, "correct-horse-battery-9")
    _response, body = app.verify(code_from_last_mail())
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {body['meta']['access_token']}")
    return client


def answer_for(block: dict) -> object:
    """What a learner who knows the lesson answers, from the exercise as the API shows it."""
    value = block["value"]
    if block["id"] == "mc-single":
        return [value["options"].index("drinks")]
    if block["id"] == "mc-multi":
        return [value["options"].index(animal) for animal in ("cat", "dog", "cow")]
    if block["id"] == "fill":
        return ["works", "lives"]
    if block["id"] == "fill-case":
        return ["London"]
    if block["id"] == "order":
        return [value["items"].index(word) for word in ("She", "never", "eats", "meat")]
    if block["id"] == "match":
        stored = {item["text"]: item["match"] for item in EXERCISES["match"][1]["items"]}
        return [
            [index, value["targets"].index(stored[item])]
            for index, item in enumerate(value["items"])
        ]
    if block["id"] == "voice":
        return {"transcript": "I get up at seven", "recording": None}
    raise AssertionError(block)


def test_a_learner_works_through_a_lesson_and_the_community_around_it(
    api_client, exercise_lesson, make_member, member_client
):
    ana = signed_up_client("ana@example.com")
    lesson_url = f"/api/v1/lessons/{exercise_lesson.pk}"

    # Read the lesson as the app does, start it, answer every exercise, complete it.
    content = api_client.get(f"/api/v2/pages/{exercise_lesson.pk}/").json()
    exercises = [block for block in content["body"] if block["type"] != "heading"]
    assert ana.put(f"{lesson_url}/progress/", {"status": "started"}).status_code == 200
    for position, block in enumerate(exercises, start=1):
        response = ana.post(
            f"{lesson_url}/attempts/",
            {"block_id": block["id"], "answer": answer_for(block)},
            format="json",
        )
        assert response.status_code == 201, (block["id"], response.content)
        graded = response.json()
        if block["type"] == "voice_response":
            assert graded["status"] == "awaiting_review"
        else:
            assert (graded["correct"], graded["score"]) == (True, 1.0), block["id"]
        ana.put(
            f"{lesson_url}/progress/", {"status": "started", "position": position}, format="json"
        )
    done = ana.put(f"{lesson_url}/progress/", {"status": "completed"}, format="json").json()
    assert (done["status"], done["position"]) == ("completed", len(exercises))

    stats = ana.get("/api/v1/me/stats/").json()
    assert stats["xp"] == 6 * 10 + 50  # six exercises right at the first try, one lesson
    assert (stats["lessons_completed"], stats["current_streak"]) == (1, 1)
    assert ana.get("/api/v1/me/attempts/").json()["meta"]["total_count"] == len(exercises)
    assert ana.post("/api/v1/me/bookmarks/", {"lesson": exercise_lesson.pk}).status_code == 201
    assert ana.get("/api/v1/me/bookmarks/").json()["items"][0]["lesson"] == exercise_lesson.pk

    # The community: follow, comment, reply, like, report.
    ben_member = make_member("ben@example.com", first_name="Ben")
    ben = member_client(ben_member)
    ana_id = ana.get("/api/v1/me/").json()["id"]
    assert ben.post(f"/api/v1/members/{ana_id}/follow/").status_code == 201
    assert ana.post(f"/api/v1/members/{ben_member.pk}/follow/").status_code == 201
    assert ana.get(f"/api/v1/members/{ana_id}/followers/").json()["items"][0]["id"] == (
        ben_member.pk
    )

    question = ana.post(f"{lesson_url}/comments/", {"text": "Why 'never eats'?"}).json()
    reply = ben.post(
        f"{lesson_url}/comments/",
        {
            "text": "Adverbs go before the verb; spam.example has cheap pills",
            "parent": question["id"],
        },
        format="json",
    ).json()
    assert ben.post(f"{lesson_url}/like/").json() == {"liked": True, "like_count": 1}
    assert ana.post(f"{lesson_url}/like/").json() == {"liked": True, "like_count": 2}
    report = ana.post(f"/api/v1/comments/{reply['id']}/report/", {"reason": "spam"})
    assert report.status_code == 201

    # A teacher moderates in the Wagtail admin; the reply vanishes from the API.
    teacher = Client()
    teacher.force_login(make_member("teacher@example.com", role=Role.TEACHER))
    queue = teacher.get("/admin/reported_comments/").content.decode()
    assert "spam.example has cheap pills" in queue
    assert teacher.post(f"/admin/reported_comments/hide/{reply['id']}/").status_code == 302

    thread = ana.get(f"{lesson_url}/comments/").json()["items"]
    mine = next(comment for comment in thread if comment["id"] == question["id"])
    assert (mine["reply_count"], mine["replies"]) == (0, [])
