"""`me/bookmarks/` and `lessons/{id}/like/`: idempotent, per lesson across its translations."""

import pytest
from wagtail.models import PageViewRestriction

from lessons.models.learning import Bookmark, LessonLike
from tests.lessons.test_progress import translate

pytestmark = pytest.mark.django_db


def bookmark(client, page_id):
    return client.post("/api/v1/me/bookmarks/", {"lesson": page_id}, format="json")


# --- Bookmarks ------------------------------------------------------------------------------


def test_bookmarking_is_idempotent(learner_client, exercise_lesson):
    first = bookmark(learner_client, exercise_lesson.pk)
    assert first.status_code == 201, first.content
    assert first.json()["lesson"] == exercise_lesson.pk
    assert first.json()["lesson_title"] == "Present simple"
    assert bookmark(learner_client, exercise_lesson.pk).status_code == 200
    assert Bookmark.objects.count() == 1


def test_bookmarks_are_listed_newest_first_and_only_to_their_owner(
    learner_client, member_client, make_member, make_lesson
):
    first, second = make_lesson(), make_lesson()
    bookmark(learner_client, first.pk)
    bookmark(learner_client, second.pk)
    listing = learner_client.get("/api/v1/me/bookmarks/").json()
    assert [row["lesson"] for row in listing["items"]] == [second.pk, first.pk]
    other = member_client(make_member("other@example.com"))
    assert other.get("/api/v1/me/bookmarks/").json()["meta"]["total_count"] == 0


def test_removing_a_bookmark_is_idempotent(learner_client, exercise_lesson):
    bookmark(learner_client, exercise_lesson.pk)
    url = f"/api/v1/me/bookmarks/{exercise_lesson.pk}/"
    assert learner_client.delete(url).status_code == 204
    assert learner_client.delete(url).status_code == 204
    assert not Bookmark.objects.exists()
    assert learner_client.delete("/api/v1/me/bookmarks/999999/").status_code == 404


def test_a_member_cannot_remove_someone_elses_bookmark(
    learner_client, member_client, make_member, exercise_lesson
):
    bookmark(learner_client, exercise_lesson.pk)
    other = member_client(make_member("other@example.com"))
    assert other.delete(f"/api/v1/me/bookmarks/{exercise_lesson.pk}/").status_code == 204
    assert Bookmark.objects.count() == 1


@pytest.mark.parametrize("body", [{}, {"lesson": "x"}, {"lesson": 0}, {"lesson": 999999}])
def test_bad_bookmarks_are_a_400(learner_client, exercise_lesson, body):
    response = learner_client.post("/api/v1/me/bookmarks/", body, format="json")
    assert response.status_code == 400
    assert "lesson" in response.json()["errors"]


def test_drafts_and_restricted_lessons_cannot_be_bookmarked(
    learner_client, make_lesson, lesson_section
):
    draft = make_lesson("Draft", live=False)
    assert bookmark(learner_client, draft.pk).status_code == 400
    private = make_lesson("Private")
    PageViewRestriction.objects.create(page=private, restriction_type="groups")
    assert bookmark(learner_client, private.pk).status_code == 400


def test_a_bookmark_covers_every_language_of_a_lesson(learner_client, exercise_lesson):
    spanish = translate(exercise_lesson)
    bookmark(learner_client, exercise_lesson.pk)
    assert bookmark(learner_client, spanish.pk).status_code == 200
    assert learner_client.delete(f"/api/v1/me/bookmarks/{spanish.pk}/").status_code == 204
    assert not Bookmark.objects.exists()


def test_bookmarks_of_deleted_lessons_follow_a_translation_or_disappear(
    learner_client, exercise_lesson, make_lesson
):
    spanish = translate(exercise_lesson)
    gone = make_lesson("Gone")
    bookmark(learner_client, exercise_lesson.pk)
    bookmark(learner_client, gone.pk)
    exercise_lesson.delete()
    gone.delete()
    rows = learner_client.get("/api/v1/me/bookmarks/").json()["items"]
    assert [row["lesson"] for row in rows] == [spanish.pk]


# --- Likes ----------------------------------------------------------------------------------


def like_url(lesson) -> str:
    return f"/api/v1/lessons/{lesson.pk}/like/"


def test_liking_and_unliking_are_idempotent_and_counted(
    learner_client, member_client, make_member, exercise_lesson
):
    assert learner_client.get(like_url(exercise_lesson)).json() == {
        "liked": False,
        "like_count": 0,
    }
    response = learner_client.post(like_url(exercise_lesson))
    assert response.status_code == 201
    assert response.json() == {"liked": True, "like_count": 1}
    again = learner_client.post(like_url(exercise_lesson))
    assert (again.status_code, again.json()) == (200, {"liked": True, "like_count": 1})

    other = member_client(make_member("other@example.com"))
    assert other.post(like_url(exercise_lesson)).json() == {"liked": True, "like_count": 2}
    assert other.get(like_url(exercise_lesson)).json() == {"liked": True, "like_count": 2}

    assert learner_client.delete(like_url(exercise_lesson)).json() == {
        "liked": False,
        "like_count": 1,
    }
    assert learner_client.delete(like_url(exercise_lesson)).json()["like_count"] == 1
    assert LessonLike.objects.count() == 1


def test_likes_count_for_every_language_of_a_lesson(
    learner_client, member_client, make_member, exercise_lesson
):
    spanish = translate(exercise_lesson)
    learner_client.post(like_url(exercise_lesson))
    other = member_client(make_member("other@example.com"))
    other.post(like_url(spanish))
    assert learner_client.post(like_url(spanish)).json() == {"liked": True, "like_count": 2}
    assert LessonLike.objects.count() == 2


def test_drafts_cannot_be_liked(learner_client, make_lesson):
    draft = make_lesson("Draft", live=False)
    assert learner_client.post(like_url(draft)).status_code == 404
    assert learner_client.get(like_url(draft)).status_code == 404
