"""An English lesson path and its Vietnamese translation, made the way editors make it:
wagtail-localize extracts the segments, translated strings are stored, the translation is
published (`lessons.demo.translations.page_translation_publish`)."""

from types import SimpleNamespace

import pytest
from django.utils import translation
from wagtail.models import Locale

from tests.lessons import builders
from tests.lessons.conftest import exercise_body

# What a Vietnamese translator changes; everything else (the English taught) stays as it is.
VI_TEXTS = {
    "Grammar": "Ngữ pháp",
    "grammar": "ngu-phap",
    "All about Grammar.": "Tất cả về ngữ pháp.",
    "Tenses": "Các thì",
    "tenses": "cac-thi",
    "Tenses step by step.": "Từng bước với các thì.",
    "Present simple": "Thì hiện tại đơn",
    "present-simple": "thi-hien-tai-don",
    "Learn the present simple.": "Học thì hiện tại đơn.",
    "Practice": "Luyện tập",
    "Third person singular takes -s.": "Ngôi thứ ba số ít thêm -s.",
    "Make a sentence.": "Sắp xếp thành câu.",
    "Match each word to what it is.": "Nối mỗi từ với nhóm của nó.",
    # Match targets in the learner's language; the English words to place stay English.
    "animal": "động vật",
    "plant": "thực vật",
    "machine": "máy móc",
}


@pytest.fixture(autouse=True)
def language_reset():
    """A request activates its language in this thread; later tests start in English."""
    yield
    translation.deactivate()


@pytest.fixture
def vi(db) -> Locale:
    return Locale.objects.get(language_code="vi")


@pytest.fixture
def learner(make_member):
    return make_member("lan@example.com", first_name="Lan", last_name="Nguyen")


@pytest.fixture
def learner_client(learner, member_client):
    return member_client(learner)


@pytest.fixture
def english_path(home_page):
    """home → Grammar → Tenses → "Present simple" (a heading and every exercise kind)."""
    category, subcategory = builders.lesson_tree(home_page)
    lesson = builders.lesson(subcategory, "Present simple", body=exercise_body())
    # Saved again as the editor stores it: list items (options, gaps, items) with ids of their
    # own, which is what lets wagtail-localize translate them one by one.
    for block in lesson.body:
        block.value  # noqa: B018 - read, so the block is saved from its value
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    return SimpleNamespace(
        home=home_page, category=category, subcategory=subcategory, lesson=lesson
    )


def translate(page, locale, texts=VI_TEXTS):
    from lessons.demo.translations import page_translation_publish  # needs wagtail-localize

    return page_translation_publish(page=page, locale=locale, texts=texts)


@pytest.fixture
def vi_path(english_path, vi):
    """The whole path translated into Vietnamese and published, parents first."""
    return SimpleNamespace(
        home=translate(english_path.home, vi),
        category=translate(english_path.category, vi),
        subcategory=translate(english_path.subcategory, vi),
        lesson=translate(english_path.lesson, vi).specific,
    )
