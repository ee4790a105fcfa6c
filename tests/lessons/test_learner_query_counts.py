"""Every learner and social list runs the same number of queries for 5 items as for 25."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lessons.models.learning import (
    Bookmark,
    Comment,
    ExerciseAttempt,
    LessonProgress,
)
from members.models import Follow

pytestmark = pytest.mark.django_db


def add_progress(learner, lesson, number: int) -> None:
    # Progress is one row per lesson; rows about deleted lessons (no page) are listed too.
    LessonProgress.objects.create(
        learner=learner,
        lesson=lesson if number % 2 else None,
        lesson_translation_key=uuid.uuid4(),
        lesson_title=f"Lesson {number}",
        status="started",
    )


def add_attempt(learner, lesson, number: int) -> None:
    ExerciseAttempt.objects.create(
        learner=learner,
        lesson=lesson,
        lesson_translation_key=lesson.translation_key,
        lesson_title=lesson.title,
        block_id="mc-single",
        block_type="multiple_choice",
        revision_id=lesson.live_revision_id,
        exercise={"question": "?", "options": ["a", "b"], "allow_multiple": False},
        answer=[number % 2],
        status="graded",
        correct=bool(number % 2),
        score=float(number % 2),
    )


def add_bookmark(learner, lesson, number: int) -> None:
    Bookmark.objects.create(
        learner=learner,
        lesson=lesson,
        lesson_translation_key=uuid.uuid4(),
        lesson_title=f"Lesson {number}",
    )


def add_comment(authors, lesson, number: int) -> None:
    comment = Comment.objects.create(
        lesson=lesson, author=authors[number % len(authors)], text=f"comment {number}"
    )
    for reply in range(2):
        Comment.objects.create(
            lesson=lesson, author=authors[reply], parent=comment, text=f"reply {reply}"
        )


LISTS = {
    "me/progress": ("/api/v1/me/progress/", add_progress),
    "me/attempts": ("/api/v1/me/attempts/", add_attempt),
    "me/attempts?lesson": ("/api/v1/me/attempts/?lesson={lesson}", add_attempt),
    "me/bookmarks": ("/api/v1/me/bookmarks/", add_bookmark),
    "lessons/{id}/comments": ("/api/v1/lessons/{lesson}/comments/", "comment"),
    "lessons/{id}/comments?parent": (
        "/api/v1/lessons/{lesson}/comments/?parent={parent}",
        "reply",
    ),
    "members/{id}/followers": ("/api/v1/members/{learner}/followers/", "follower"),
    "members/{id}/following": ("/api/v1/members/{learner}/following/", "following"),
}


@pytest.mark.parametrize("name", LISTS)
def test_lists_run_a_fixed_number_of_queries_whatever_the_page_size(
    name, learner, learner_client, exercise_lesson, make_member
):
    path, add = LISTS[name]
    authors = [make_member(f"author{n}@example.com", first_name=f"A{n}") for n in range(3)]
    parent = Comment.objects.create(lesson=exercise_lesson, author=authors[0], text="parent")
    made = iter(range(1000))

    def add_items(count: int) -> None:
        for _ in range(count):
            number = next(made)
            if add == "comment":
                add_comment(authors, exercise_lesson, number)
            elif add == "reply":
                Comment.objects.create(
                    lesson=exercise_lesson, author=authors[number % 3], parent=parent, text="r"
                )
            elif add in ("follower", "following"):
                member = make_member(f"m{number}@example.com", first_name=f"M{number}")
                pair = (member, learner) if add == "follower" else (learner, member)
                Follow.objects.create(follower=pair[0], followed=pair[1])
            else:
                add(learner, exercise_lesson, number)

    url = path.format(lesson=exercise_lesson.pk, parent=parent.pk, learner=learner.pk)
    url += ("&" if "?" in url else "?") + "limit=50"

    def measure() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            response = learner_client.get(url)
        assert response.status_code == 200, response.content
        return len(queries), len(response.json()["items"])

    add_items(5)
    measure()  # warm caches (content types, sites) once
    queries_at_5, listed = measure()
    assert listed == 5 + (1 if add == "comment" else 0)
    add_items(20)
    queries_at_25, listed = measure()
    assert listed == 25 + (1 if add == "comment" else 0)
    print(f"\n{name}: {queries_at_5} queries at 5 items, {queries_at_25} at 25")
    assert queries_at_5 == queries_at_25
    # Authentication 2, lesson and its view restrictions 3, count and page 2, replies 1.
    assert queries_at_25 <= 8
