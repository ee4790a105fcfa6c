"""`manage.py load_demo_content`: a real starter curriculum, loaded the way an editor would.

Loading publishes some 45 pages with revisions and search indexing, so the curriculum is loaded
once for this module, inside a transaction that is rolled back when the module is done; every
test runs in its own savepoint within it (pytest-django's `db`), so tests that delete or re-load
pages do not affect each other.
"""

import io
import wave
from collections import Counter
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.embeds.finders import get_finders
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, PageViewRestriction, Revision, Site

from lessons.blocks import LessonBodyBlock
from lessons.demo.curriculum import CURRICULUM
from lessons.demo.loader import DemoContentError, demo_content_load
from lessons.demo.spec import CategorySpec, LessonSpec, SubcategorySpec, gaps, heading
from lessons.models import CategoryPage, LessonPage, SubcategoryPage
from tests.lessons.conftest import right_answer

pytestmark = pytest.mark.django_db

EXERCISES = {"multiple_choice", "fill_blank", "voice_response", "drag_drop"}


@pytest.fixture(scope="module")
def first_run_output(django_db_setup, django_db_blocker) -> Iterator[str]:
    with django_db_blocker.unblock(), transaction.atomic():
        output = io.StringIO()
        call_command("load_demo_content", stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def home(first_run_output):
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def lessons(home) -> list[LessonPage]:
    return list(LessonPage.objects.descendant_of(home).order_by("path"))


def load(**options) -> str:
    output = io.StringIO()
    call_command("load_demo_content", stdout=output, **options)
    return output.getvalue()


def snapshot(home) -> dict:
    """Everything a second run must leave exactly as it was."""
    pages = Page.objects.descendant_of(home)
    return {
        "pages": list(
            pages.order_by("path").values_list(
                "pk", "url_path", "title", "live", "latest_revision_id", "last_published_at"
            )
        ),
        "revisions": Revision.objects.count(),
        "page_log": PageLogEntry.objects.count(),
        "images": list(get_image_model().objects.order_by("pk").values_list("pk", "file")),
        "documents": list(get_document_model().objects.order_by("pk").values_list("pk", "file")),
    }


def test_the_curriculum_has_categories_subcategories_and_lessons(home, lessons):
    categories = CategoryPage.objects.child_of(home)
    subcategories = SubcategoryPage.objects.descendant_of(home)
    assert categories.count() >= 3
    assert subcategories.count() >= 8
    assert len(lessons) >= 24
    assert {page.title for page in categories} >= {
        "Grammar",
        "Vocabulary",
        "Pronunciation",
        "Conversation",
    }
    for subcategory in subcategories:
        assert isinstance(subcategory.get_parent().specific, CategoryPage)
        assert LessonPage.objects.child_of(subcategory).exists(), subcategory.title
    assert {lesson.difficulty for lesson in lessons} == {"beginner", "intermediate", "advanced"}
    assert {lesson.cefr_level for lesson in lessons} >= {"A1", "A2", "B1", "B2", "C1"}
    for lesson in lessons:
        assert 5 <= lesson.estimated_duration <= 60
        assert lesson.intro


def test_every_block_type_is_used_and_every_lesson_has_exercises(lessons):
    used = Counter(block.block_type for lesson in lessons for block in lesson.body)
    assert set(used) == set(LessonBodyBlock().child_blocks)
    for lesson in lessons:
        exercises = [block for block in lesson.body if block.block_type in EXERCISES]
        assert len(exercises) >= 2, lesson.title

    blocks = [block for lesson in lessons for block in lesson.body]
    assert any(
        block.block_type == "multiple_choice"
        and block.value["allow_multiple"]
        and sum(option["is_correct"] for option in block.value["options"]) >= 2
        for block in blocks
    )
    modes = {block.value["mode"] for block in blocks if block.block_type == "drag_drop"}
    assert modes == {"order", "match"}
    assert any(block.value["audio"] for block in blocks if block.block_type == "vocabulary")
    videos = [block.value["video"].url for block in blocks if block.block_type == "video"]
    assert videos
    assert all(url.startswith("https://www.youtube.com/watch?v=") for url in videos)


def test_every_demo_block_passes_its_own_validation(lessons):
    stream_block = LessonBodyBlock()
    for lesson in lessons:
        for block in lesson.body:
            child = stream_block.child_blocks[block.block_type]
            if block.block_type == "video":
                # EmbedBlock.clean fetches the oEmbed over the network; check the provider only.
                url = block.value["video"].url
                assert any(finder.accept(url) for finder in get_finders()), url
            else:
                child.clean(block.value)


def test_every_demo_exercise_is_solvable_with_its_own_answers(lessons):
    graded = 0
    for lesson in lessons:
        for block in lesson.body:
            if block.block_type in {"multiple_choice", "fill_blank", "drag_drop"}:
                exercise = block.block
                answer = exercise.answer_clean(
                    block.value,
                    right_answer(block.block_type, block.value, block.id),
                    block_id=block.id,
                )
                assert exercise.grade(block.value, answer, block_id=block.id).correct, (
                    lesson.title,
                    block.block_type,
                )
                graded += 1
    assert graded >= 2 * len(lessons)


def test_every_demo_page_is_live_public_and_published_from_a_revision(home):
    pages = Page.objects.descendant_of(home)
    assert not PageViewRestriction.objects.filter(page__in=pages).exists()
    for page in pages:
        assert page.live, page.url_path
        assert not page.has_unpublished_changes, page.url_path
        assert page.live_revision_id is not None, page.url_path
        assert page.first_published_at is not None, page.url_path


def test_pages_use_generated_images_and_sounds(home, lessons):
    for section in [
        *CategoryPage.objects.child_of(home),
        *SubcategoryPage.objects.descendant_of(home),
    ]:
        assert section.image is not None, section.title
        assert section.image.width >= 1200
    for lesson in lessons:
        assert lesson.cover_image is not None, lesson.title

    blocks = [block for lesson in lessons for block in lesson.body]
    image = next(block.value["image"] for block in blocks if block.block_type == "image")
    assert image.file.name.endswith(".png")
    sound = next(block.value["audio"] for block in blocks if block.block_type == "audio")
    assert sound.file_extension == "wav"
    with sound.open_file() as file, wave.open(file) as audio:
        assert audio.getnchannels() == 1
        assert 0.5 < audio.getnframes() / audio.getframerate() < 5


def test_the_public_api_lists_every_demo_lesson(api_client, lessons):
    # In English: a whole path of the demo is translated too (tests/i18n).
    response = api_client.get(
        "/api/v2/pages/", {"type": "lessons.LessonPage", "limit": 100, "locale": "en"}
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["meta"]["total_count"] == len(lessons)
    assert {item["id"] for item in data["items"]} == {lesson.pk for lesson in lessons}


def test_a_demo_lesson_reads_well_in_the_api(api_client, home):
    lesson = LessonPage.objects.descendant_of(home).get(slug="word-stress")
    response = api_client.get(f"/api/v2/pages/{lesson.pk}/")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["meta"]["html_url"].endswith("/pronunciation/stress-and-intonation/word-stress/")
    assert data["cover_image"]["renditions"]["card"]["url"].startswith("http")
    blocks = {block["type"]: block["value"] for block in data["body"]}
    assert blocks["image"]["image"]["renditions"]["medium"]["url"].startswith("http")
    assert blocks["audio"]["audio"]["url"].endswith(".wav")
    assert "is_correct" not in str(data["body"])


def test_a_second_run_creates_and_changes_nothing(home):
    before = snapshot(home)

    output = load()

    assert snapshot(home) == before
    assert "Nothing to create" in output


def test_deleted_demo_pages_are_recreated_and_the_rest_left_alone(home):
    tenses = SubcategoryPage.objects.child_of(CategoryPage.objects.get(slug="grammar")).get(
        slug="tenses"
    )
    tenses_lessons = set(LessonPage.objects.child_of(tenses).values_list("slug", flat=True))
    airport = LessonPage.objects.get(slug="at-the-airport")
    # An editor's change to a demo page must survive re-loading.
    edited = LessonPage.objects.get(slug="weather-idioms")
    edited.title = "Idioms about the weather"
    edited.save_revision().publish()
    untouched = set(Page.objects.descendant_of(home).values_list("pk", flat=True)) - {
        tenses.pk,
        airport.pk,
        *LessonPage.objects.child_of(tenses).values_list("pk", flat=True),
    }
    tenses.delete()
    airport.delete()

    output = load()

    assert "+ Tenses" in output
    assert "+ At the airport" in output
    category = CategoryPage.objects.get(slug="grammar")
    recreated = SubcategoryPage.objects.child_of(category).get(slug="tenses")
    assert recreated.live
    assert set(LessonPage.objects.child_of(recreated).values_list("slug", flat=True)) == (
        tenses_lessons
    )
    assert LessonPage.objects.get(slug="at-the-airport").live
    assert untouched <= set(Page.objects.descendant_of(home).values_list("pk", flat=True))
    assert LessonPage.objects.get(slug="weather-idioms").title == "Idioms about the weather"


def test_a_foreign_page_with_a_demo_slug_is_left_alone(home):
    grammar = CategoryPage.objects.get(slug="grammar")
    grammar.slug = "grammar-old"
    grammar.save_revision().publish()
    foreign = SubcategoryPage(title="Not the grammar category", slug="grammar")
    home.add_child(instance=foreign)

    output = load()

    assert "Skipped /home/grammar/ is a SubcategoryPage, not a CategoryPage" in output
    assert not Page.objects.child_of(foreign).exists()


def test_verbosity_controls_the_progress_shown(home):
    assert load(verbosity=0) == ""
    normal = load(verbosity=1)
    assert "= Grammar" in normal
    assert "Tenses" not in normal  # unchanged subcategories and lessons only from -v 2
    assert "Already there: 4 categories, 11 subcategories" in normal
    detailed = load(verbosity=2)
    assert "    = Present simple: habits and routines" in detailed
    assert "= image: Grammar — cover" in detailed


def test_invalid_demo_data_fails_loudly_and_writes_nothing(home):
    broken = CategorySpec(
        title="Broken",
        intro="",
        image="grammar",
        subcategories=[
            SubcategorySpec(
                title="Gaps",
                intro="",
                image="tenses",
                lessons=[
                    LessonSpec(
                        title="Gap numbers skip",
                        intro="One gap is missing its answer.",
                        difficulty="beginner",
                        cefr_level="A1",
                        estimated_duration=5,
                        body=[heading("Oops"), gaps("I {1} here and {3} there.", ["am"])],
                    )
                ],
            )
        ],
    )
    pages_before = Page.objects.count()

    with pytest.raises(DemoContentError, match=r"Gap numbers skip.*block 2 \(fill_blank\)"):
        demo_content_load(root=home, curriculum=[*CURRICULUM, broken])

    assert Page.objects.count() == pages_before


def test_the_first_run_reports_progress_and_counts(first_run_output):
    assert "+ Grammar\n  + Tenses\n    + Present simple: habits and routines\n" in first_run_output
    assert "Created 4 categories, 11 subcategories, 30 lessons, 20 images, 5 sounds" in (
        first_run_output
    )


def test_unknown_media_in_demo_data_fails_before_anything_is_written(home):
    broken = CategorySpec(title="Broken", intro="", image="no-such-cover")
    images_before = get_image_model().objects.count()

    with pytest.raises(DemoContentError, match="unknown image 'no-such-cover'"):
        demo_content_load(root=home, curriculum=[*CURRICULUM, broken])

    assert get_image_model().objects.count() == images_before


# --- renditions -----------------------------------------------------------------------------


def renditions_served(home) -> set[tuple[int, str]]:
    """(image id, filter spec) of every rendition the content API serves for the demo pages."""
    from core.media import BLOCK_IMAGE_RENDITIONS, COVER_RENDITIONS

    covers = [
        *CategoryPage.objects.descendant_of(home).values_list("image_id", flat=True),
        *SubcategoryPage.objects.descendant_of(home).values_list("image_id", flat=True),
        *LessonPage.objects.descendant_of(home).values_list("cover_image_id", flat=True),
    ]
    served = {(image_id, spec) for image_id in covers for spec in COVER_RENDITIONS.values()}
    for lesson in LessonPage.objects.descendant_of(home):
        for block in lesson.body:
            if block.block_type == "image":
                served |= {
                    (block.value["image"].pk, spec) for spec in BLOCK_IMAGE_RENDITIONS.values()
                }
    return served


def renditions_made() -> set[tuple[int, str]]:
    Rendition = get_image_model().get_rendition_model()
    return set(Rendition.objects.values_list("image_id", "filter_spec"))


def test_the_load_makes_every_rendition_the_api_serves(home, first_run_output):
    served = renditions_served(home)

    assert served <= renditions_made()
    assert f"5 sounds, {len(served)} renditions in" in first_run_output


def test_reading_the_demo_through_the_api_makes_no_rendition(api_client, home, lessons):
    made = renditions_made()

    listing = api_client.get("/api/v2/pages/?type=lessons.LessonPage&fields=*&limit=100")
    assert listing.status_code == 200
    sections = api_client.get("/api/v2/pages/?type=lessons.SubcategoryPage&fields=*&limit=100")
    assert sections.status_code == 200
    for lesson in lessons:
        assert api_client.get(f"/api/v2/pages/{lesson.pk}/").status_code == 200

    assert renditions_made() == made


def test_a_later_load_makes_only_the_missing_renditions(home):
    Rendition = get_image_model().get_rendition_model()
    everything = renditions_made()
    Rendition.objects.filter(filter_spec="fill-640x360").order_by("pk").first().delete()

    output = load()

    assert "Created 1 rendition in" in output
    assert renditions_made() == everything
    assert "Nothing to create" in load()
