"""The demo in the learners' languages: Grammar → Tenses and all its lessons in Vietnamese and
Spanish, translated through wagtail-localize, with the English being taught left English."""

import io
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import StringSegment, TranslationSource

from lessons.blocks import LessonBodyBlock
from lessons.demo.translations import DEMO_TRANSLATIONS, demo_path_pages
from lessons.models import LessonPage
from tests.lessons.conftest import right_answer

pytestmark = pytest.mark.django_db

# Fields a learner reads to understand the lesson: in their language.
EXPLAINED = {
    "heading": ["text"],
    "tip": ["text"],
    "vocabulary": ["meaning"],
    "dialogue": ["title"],
    "image": ["caption"],
    "video": ["caption"],
    "audio": ["title", "transcript"],
    "multiple_choice": ["explanation"],
    "fill_blank": ["explanation"],
    "drag_drop": ["instruction", "explanation"],
    "voice_response": ["prompt", "explanation"],
}
# The English being taught: exactly as in the English lesson.
TAUGHT = {
    "vocabulary": ["word", "phonetic", "example"],
    "fill_blank": ["text", "gaps"],
    "voice_response": ["expected_phrase"],
    "multiple_choice": ["options"],
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[str]:
    with django_db_blocker.unblock(), transaction.atomic():
        output = io.StringIO()
        call_command("load_demo_content", stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def english_pages(demo) -> list[Page]:
    return list(demo_path_pages(Site.objects.get(is_default_site=True).root_page.specific))


def stored(block_type, field, value):
    """A block field's value as stored, without the ids of list items."""
    prepared = LessonBodyBlock().child_blocks[block_type].child_blocks[field].get_prep_value(value)
    return _without_ids(prepared)


def _without_ids(value):
    if isinstance(value, list):
        return [
            _without_ids(item["value"] if isinstance(item, dict) and "id" in item else item)
            for item in value
        ]
    if isinstance(value, dict):
        return {key: _without_ids(item) for key, item in value.items()}
    return value


def translation_of(page, code):
    return page.get_translation(Locale.objects.get(language_code=code)).specific


@pytest.mark.parametrize("code", ["vi", "es"])
def test_the_whole_path_is_translated_and_live(english_pages, code):
    assert [page.slug for page in english_pages[1:3]] == ["grammar", "tenses"]
    assert len(english_pages) == 3 + 4  # home, category, subcategory and its four lessons
    for page in english_pages:
        translated = translation_of(page, code)
        assert translated.live, translated.url_path
        assert translated.alias_of_id is None, f"{translated.url_path} is an alias"
        assert not translated.has_unpublished_changes
        if page.depth > 2:
            assert translated.title != page.title
            assert translated.slug != page.slug
        if getattr(page, "intro", ""):
            assert translated.intro != page.intro


@pytest.mark.parametrize("code", ["vi", "es"])
def test_the_texts_a_learner_reads_are_translated_and_the_english_taught_is_not(
    english_pages, code
):
    kinds = set()
    for english in english_pages[3:]:
        translated = translation_of(english, code)
        pairs = zip(english.body, translated.body, strict=True)
        for source, target in pairs:
            assert (source.id, source.block_type) == (target.id, target.block_type)
            kinds.add(source.block_type)
            if source.block_type == "paragraph":
                assert target.value.source != source.value.source
            for field in EXPLAINED.get(source.block_type, []):
                if source.value[field]:
                    assert str(target.value[field]) != str(source.value[field]), (
                        english.title,
                        source.block_type,
                        field,
                    )
            for field in TAUGHT.get(source.block_type, []):
                assert stored(source.block_type, field, target.value[field]) == stored(
                    source.block_type, field, source.value[field]
                ), (english.title, source.block_type, field)
            if source.block_type == "dialogue":
                assert [line["line"] for line in target.value["lines"]] == [
                    line["line"] for line in source.value["lines"]
                ]
    assert kinds == set(LessonBodyBlock().child_blocks), "every block kind is translated"


@pytest.mark.parametrize("code", ["vi", "es"])
def test_every_translated_string_is_used_on_the_path(english_pages, code):
    sources = [TranslationSource.objects.get_for_instance(page) for page in english_pages]
    texts = set(
        StringSegment.objects.filter(source__in=sources).values_list("string__data", flat=True)
    )

    assert set(DEMO_TRANSLATIONS[code]) <= texts


def test_a_learner_reads_and_solves_the_spanish_lessons_through_the_api(
    english_pages, make_member, member_client
):
    client = member_client(make_member("sofia@example.com"))
    listing = client.get(
        "/api/v2/pages/", {"locale": "es", "type": "lessons.LessonPage", "fields": "title"}
    ).json()
    assert [item["title"] for item in listing["items"]] == [
        "Presente simple: hábitos y rutinas",
        "Presente continuo: lo que está pasando ahora",
        "Pasado simple: verbos regulares e irregulares",
        "¿Presente perfecto o pasado simple?",
    ]
    for item in listing["items"]:
        lesson = LessonPage.objects.get(pk=item["id"])
        for block in lesson.body:
            if not getattr(block.block, "is_exercise", False):
                continue
            answer = right_answer(block.block_type, block.value, block.id)
            result = client.post(
                f"/api/v1/lessons/{lesson.pk}/attempts/",
                {"block_id": block.id, "answer": answer},
                format="json",
            ).json()
            assert result["correct"] is (None if block.block_type == "voice_response" else True)


def test_loading_again_translates_nothing_twice(english_pages):
    translated = Page.objects.exclude(locale__language_code="en").count()

    output = io.StringIO()
    call_command("load_demo_content", stdout=output)

    assert Page.objects.exclude(locale__language_code="en").count() == translated
    assert "Nothing to create" in output.getvalue()
    assert "Translated" not in output.getvalue()


def test_the_first_load_says_what_it_translated(demo):
    # home, Grammar, Tenses and four lessons, in Vietnamese and Spanish
    assert "Translated 14 demo pages." in demo
