"""The curriculum tree: HomePage → CategoryPage → SubcategoryPage → LessonPage, nothing else."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from wagtail.models import Page, Site

from home.models import HomePage
from lessons.models import CategoryPage, LessonPage, SubcategoryPage
from tests.lessons import builders

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def tree(module_db):
    home_page = Site.objects.get(is_default_site=True).root_page.specific
    grammar, tenses = builders.lesson_tree(home_page)
    present = builders.lesson(tenses, "Present simple")
    return {
        "root": Page.get_first_root_node(),
        "home": home_page,
        "category": grammar,
        "subcategory": tenses,
        "lesson": present,
    }


def test_each_page_type_allows_exactly_the_next_level_as_children():
    assert HomePage.allowed_subpage_models() == [CategoryPage]
    assert CategoryPage.allowed_subpage_models() == [SubcategoryPage]
    assert SubcategoryPage.allowed_subpage_models() == [LessonPage]
    assert LessonPage.allowed_subpage_models() == []


def test_each_page_type_allows_exactly_the_previous_level_as_parent():
    assert HomePage.allowed_parent_page_models() == [Page]
    assert CategoryPage.allowed_parent_page_models() == [HomePage]
    assert SubcategoryPage.allowed_parent_page_models() == [CategoryPage]
    assert LessonPage.allowed_parent_page_models() == [SubcategoryPage]


# (page type, where it may be created) for every pair of levels in the tree.
ALLOWED_AT = {
    HomePage: "root",
    CategoryPage: "home",
    SubcategoryPage: "category",
    LessonPage: "subcategory",
}


@pytest.mark.parametrize("model", list(ALLOWED_AT), ids=lambda model: model.__name__)
@pytest.mark.parametrize("level", ["root", "home", "category", "subcategory", "lesson"])
def test_a_page_type_can_be_created_only_at_its_own_level(tree, model, level):
    assert model.can_create_at(tree[level]) is (ALLOWED_AT[model] == level)


def test_a_lesson_cannot_be_created_directly_under_home_or_a_category(tree):
    assert not LessonPage.can_create_at(tree["home"])
    assert not LessonPage.can_create_at(tree["category"])
    assert LessonPage.can_create_at(tree["subcategory"])


def test_a_lesson_can_move_between_subcategories_but_not_up_the_tree(tree):
    lesson = tree["lesson"]
    other_subcategory = builders.subcategory(tree["category"], "Conditionals")
    assert lesson.can_move_to(other_subcategory)
    assert not lesson.can_move_to(tree["category"])
    assert not lesson.can_move_to(tree["home"])


def test_a_subcategory_cannot_move_under_home(tree):
    assert not tree["subcategory"].can_move_to(tree["home"])
    assert tree["category"].can_move_to(tree["home"])


def lesson_form(subcategory, user, duration: str):
    """The admin's create form for a lesson, filled in as an editor would."""
    form_class = LessonPage.get_edit_handler().get_form_class()
    data = {
        "title": "Past perfect",
        "slug": "past-perfect",
        "intro": "Had done.",
        "difficulty": "beginner",
        "cefr_level": "A1",
        "estimated_duration": duration,
        "body-count": "0",
    }
    return form_class(data, instance=LessonPage(), parent_page=subcategory, for_user=user)


@pytest.mark.parametrize("duration", ["0", "-5", "601"])
def test_the_editor_form_refuses_an_impossible_duration(tree, admin_user, duration):
    form = lesson_form(tree["subcategory"], admin_user, duration)
    assert not form.is_valid()
    assert "estimated_duration" in form.errors


def test_the_editor_form_accepts_a_sensible_duration(tree, admin_user):
    form = lesson_form(tree["subcategory"], admin_user, "15")
    assert form.is_valid(), form.errors


@pytest.mark.parametrize("duration", [0, 601])
def test_publishing_a_lesson_with_an_impossible_duration_is_refused(tree, duration):
    lesson = LessonPage(title="Past perfect", intro="Had done.", estimated_duration=duration)
    with pytest.raises(ValidationError) as error, transaction.atomic():
        tree["subcategory"].add_child(instance=lesson)
    assert set(error.value.message_dict) == {"estimated_duration"}
    assert not LessonPage.objects.filter(title="Past perfect").exists()


def test_estimated_duration_of_one_minute_is_accepted(tree):
    lesson = builders.lesson(tree["subcategory"], "Quick quiz", estimated_duration=1)
    lesson.full_clean()
    assert LessonPage.objects.get(pk=lesson.pk).estimated_duration == 1


def test_a_draft_with_zero_duration_is_refused_by_the_database(tree):
    # Drafts skip full_clean (Wagtail validates only title and slug for them): the check
    # constraint is what stops a zero from being stored anyway.
    draft = LessonPage(title="Past perfect", intro="Had done.", estimated_duration=0, live=False)
    with (
        pytest.raises(IntegrityError, match="lessons_lessonpage_duration_positive"),
        transaction.atomic(),
    ):
        tree["subcategory"].add_child(instance=draft)
    assert not LessonPage.objects.filter(title="Past perfect").exists()


def test_the_database_refuses_a_zero_duration_that_bypasses_validation(tree):
    lesson = tree["lesson"]
    with (
        pytest.raises(IntegrityError, match="lessons_lessonpage_duration_positive"),
        transaction.atomic(),
    ):
        LessonPage.objects.filter(pk=lesson.pk).update(estimated_duration=0)
    assert LessonPage.objects.get(pk=lesson.pk).estimated_duration == 10


def test_a_draft_longer_than_600_minutes_is_refused_by_the_database(tree):
    draft = LessonPage(title="Marathon", intro="Very long.", estimated_duration=601, live=False)
    with (
        pytest.raises(IntegrityError, match="lessons_lessonpage_duration_at_most_600"),
        transaction.atomic(),
    ):
        tree["subcategory"].add_child(instance=draft)
    assert not LessonPage.objects.filter(title="Marathon").exists()
