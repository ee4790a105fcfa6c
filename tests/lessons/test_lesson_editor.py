"""The lesson editor as editors meet it: block names, defaults and labels, translatable admin
texts, curriculum order, and a "Save draft" that never ends in a 500."""

import threading

import pytest
from django.db import connection, models
from django.test import Client
from django.utils.functional import Promise
from wagtail import blocks as wagtail_blocks

from home.models import HomePage
from lessons.blocks import LessonBodyBlock
from lessons.models import CategoryPage, Comment, CommentReport, LessonPage, SubcategoryPage
from members.models import Role
from tests.lessons import builders
from tests.lessons.editor_forms import fill_blank, lesson_form, multiple_choice, paragraph

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher(make_member):
    client = Client()
    client.force_login(make_member("teacher@example.com", role=Role.TEACHER))
    return client


# --- Blocks --------------------------------------------------------------------------------


def test_exercise_blocks_have_readable_names():
    labels = {name: str(block.label) for name, block in LessonBodyBlock().child_blocks.items()}
    assert labels["fill_blank"] == "Fill in the blank"
    assert labels["drag_drop"] == "Drag and drop"
    assert labels["multiple_choice"] == "Multiple choice"
    assert labels["voice_response"] == "Voice response"


def test_a_new_multiple_choice_starts_with_two_empty_options():
    block = LessonBodyBlock().child_blocks["multiple_choice"]
    options = block.get_default()["options"]
    assert [dict(option) for option in options] == [
        {"text": "", "is_correct": False},
        {"text": "", "is_correct": False},
    ]


def test_a_collapsed_option_says_whether_it_is_correct():
    option = LessonBodyBlock().child_blocks["multiple_choice"].child_blocks["options"].child_block
    assert "{is_correct}" in str(option.meta.label_format)
    assert "{text}" in str(option.meta.label_format)


def test_gaps_and_their_accepted_answers_are_numbered_in_the_editor(teacher, exercise_lesson):
    html = teacher.get(f"/admin/pages/{exercise_lesson.pk}/edit/").content.decode()
    # The classes the editor stylesheet numbers (lessons/static/lessons/editor.css), and it.
    assert "toto-gaps" in html and "toto-gap-answers" in html
    assert "lessons/editor.css" in html
    gaps = LessonBodyBlock().child_blocks["fill_blank"].child_blocks["gaps"]
    assert str(gaps.child_block.label) == "Gap"
    answer = gaps.child_block.child_blocks["accepted_answers"].child_block
    assert str(answer.label) == "Accepted answer for gap"


def walk(block, path="body"):
    yield path, block
    for name, child in getattr(block, "child_blocks", {}).items():
        yield from walk(child, f"{path}.{name}")
    if isinstance(block, wagtail_blocks.ListBlock):
        yield from walk(block.child_block, f"{path}.item")


def test_every_block_label_and_help_text_is_translatable():
    for path, block in walk(LessonBodyBlock()):
        if path == "body":
            continue
        assert isinstance(block.label, Promise), f"{path}: label {block.label!r}"
        help_text = getattr(block.meta, "help_text", None)
        assert not help_text or isinstance(help_text, Promise), f"{path}: {help_text!r}"
        for value, label in getattr(getattr(block, "field", None), "choices", []) or []:
            if value:
                assert isinstance(label, Promise), f"{path}: choice {label!r}"


ADMIN_MODELS = [HomePage, CategoryPage, SubcategoryPage, LessonPage, Comment, CommentReport]


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda model: model.__name__)
def test_every_admin_label_and_help_text_of_a_model_is_translatable(model):
    assert isinstance(model._meta.verbose_name, Promise)
    assert isinstance(model._meta.verbose_name_plural, Promise)
    own_fields = [
        field
        for field in model._meta.get_fields(include_parents=False)
        if isinstance(field, models.Field) and not field.auto_created and field.editable
    ]
    for field in own_fields:
        if field.name.endswith("_ptr"):
            continue
        assert isinstance(field.verbose_name, Promise), f"{field.name}: {field.verbose_name!r}"
        assert not field.help_text or isinstance(field.help_text, Promise), field.name
        for _value, label in field.choices or []:
            assert isinstance(label, Promise), f"{field.name}: choice {label!r}"


# --- Admin screens -------------------------------------------------------------------------


def test_a_subcategory_lists_its_lessons_in_curriculum_order(teacher, lesson_section):
    first = builders.lesson(lesson_section, "First in the course")
    builders.lesson(lesson_section, "Second in the course")
    # Editing the first lesson last would put it last in Wagtail's default order.
    first.save_revision()
    html = teacher.get(f"/admin/pages/{lesson_section.pk}/").content.decode()
    assert html.index("First in the course") < html.index("Second in the course")


def test_the_reported_comments_screen_is_titled_so(teacher):
    html = teacher.get("/admin/reported_comments/").content.decode()
    assert "<title>Reported comments" in html


# --- Creating a lesson ---------------------------------------------------------------------


def create_url(section) -> str:
    return f"/admin/pages/add/lessons/lessonpage/{section.pk}/"


def test_new_lessons_are_not_autosaved_but_existing_ones_are(teacher, lesson_section):
    created = teacher.get(create_url(lesson_section))
    assert created.status_code == 200
    assert created.context["autosave_enabled"] is False
    lesson = builders.lesson(lesson_section, "Existing")
    edited = teacher.get(f"/admin/pages/{lesson.pk}/edit/")
    assert edited.context["autosave_enabled"] is True


def new_lesson_form(title="My new lesson", slug="my-new-lesson"):
    return lesson_form(
        title,
        slug,
        paragraph("<p>Hello.</p>"),
        ("multiple_choice", multiple_choice("Pick", ("yes", True), ("no", False))),
        ("fill_blank", fill_blank("I {1} here.", ["live"])),
    )


def test_save_draft_creates_the_lesson(teacher, lesson_section):
    response = teacher.post(create_url(lesson_section), new_lesson_form())
    assert response.status_code == 302
    lesson = LessonPage.objects.get(slug="my-new-lesson")
    assert not lesson.live
    body = lesson.get_latest_revision_as_object().body
    assert [block.block_type for block in body] == ["paragraph", "multiple_choice", "fill_blank"]


def test_a_second_save_of_the_same_new_lesson_is_a_form_error(teacher, lesson_section):
    assert teacher.post(create_url(lesson_section), new_lesson_form()).status_code == 302
    again = teacher.post(create_url(lesson_section), new_lesson_form())
    assert again.status_code == 200
    assert "slug" in again.context["form"].errors
    assert LessonPage.objects.filter(slug="my-new-lesson").count() == 1


def test_an_autosave_racing_save_draft_never_ends_in_a_500(teacher, lesson_section):
    # An autosave request (JSON) for the same new page, as an old tab would still send it.
    autosave = teacher.post(
        create_url(lesson_section), new_lesson_form(), headers={"accept": "application/json"}
    )
    assert autosave.status_code == 200
    assert autosave.json()["success"] is True
    save = teacher.post(create_url(lesson_section), new_lesson_form())
    assert save.status_code == 200
    assert LessonPage.objects.filter(slug="my-new-lesson").count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_saves_at_once_make_one_lesson_and_no_500(make_member, home_page):
    _grammar, section = builders.lesson_tree(home_page)
    user = make_member("racer@example.com", role=Role.TEACHER)
    statuses = []
    barrier = threading.Barrier(2)

    def save():
        client = Client()
        client.force_login(user)
        barrier.wait()
        try:
            statuses.append(client.post(create_url(section), new_lesson_form()).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=save) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 302]
    assert LessonPage.objects.filter(slug="my-new-lesson").count() == 1
