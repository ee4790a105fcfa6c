"""The curriculum: categories → subcategories → lessons, under each language's home page."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.media import COVER_RENDITIONS
from core.serializers import ImageRenditionsField
from lessons.blocks import LessonBodyBlock


class Difficulty(models.TextChoices):
    BEGINNER = "beginner", "Beginner"
    INTERMEDIATE = "intermediate", "Intermediate"
    ADVANCED = "advanced", "Advanced"


class CEFRLevel(models.TextChoices):
    A1 = "A1", "A1 · Beginner"
    A2 = "A2", "A2 · Elementary"
    B1 = "B1", "B1 · Intermediate"
    B2 = "B2", "B2 · Upper intermediate"
    C1 = "C1", "C1 · Advanced"
    C2 = "C2", "C2 · Proficient"


def cover_image_field(related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
    )


class CurriculumSectionPage(Page):
    """Shared fields of categories and subcategories: an intro and an image for the menu."""

    intro = models.TextField(blank=True, max_length=1000)
    image = cover_image_field("+")

    content_panels = [*Page.content_panels, "intro", "image"]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [
        APIField("intro"),
        APIField("image", serializer=ImageRenditionsField(COVER_RENDITIONS)),
    ]
    # Listings never need the related image as a separate query per row.
    api_select_related = ["locale", "image"]
    api_prefetch_related = ["image__renditions"]

    class Meta:
        abstract = True


class CategoryPage(CurriculumSectionPage):
    """A top-level area of study, such as Grammar or Pronunciation."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["lessons.SubcategoryPage"]

    class Meta:
        verbose_name = "category"
        verbose_name_plural = "categories"


class SubcategoryPage(CurriculumSectionPage):
    """A group of lessons within a category, such as Tenses within Grammar."""

    parent_page_types = ["lessons.CategoryPage"]
    subpage_types = ["lessons.LessonPage"]

    class Meta:
        verbose_name = "subcategory"
        verbose_name_plural = "subcategories"


class LessonPage(Page):
    """One lesson: an intro, its level, and a body of content and exercises."""

    intro = models.TextField(max_length=1000, help_text="One or two sentences shown in listings.")
    difficulty = models.CharField(
        max_length=12, choices=Difficulty.choices, default=Difficulty.BEGINNER, db_index=True
    )
    cefr_level = models.CharField(
        "CEFR level", max_length=2, choices=CEFRLevel.choices, default=CEFRLevel.A1, db_index=True
    )
    estimated_duration = models.PositiveSmallIntegerField(
        help_text="Minutes a learner needs for the lesson.",
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    cover_image = cover_image_field("+")
    body = StreamField(LessonBodyBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        "intro",
        "difficulty",
        "cefr_level",
        "estimated_duration",
        "cover_image",
        "body",
    ]
    parent_page_types = ["lessons.SubcategoryPage"]
    subpage_types: list[str] = []

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("difficulty"),
        index.FilterField("cefr_level"),
    ]
    api_fields = [
        APIField("intro"),
        APIField("difficulty"),
        APIField("cefr_level"),
        APIField("estimated_duration"),
        APIField("cover_image", serializer=ImageRenditionsField(COVER_RENDITIONS)),
        APIField("body"),
    ]
    api_select_related = ["locale", "cover_image"]
    api_prefetch_related = ["cover_image__renditions"]

    class Meta:
        verbose_name = "lesson"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(estimated_duration__gte=1),
                name="lessons_lessonpage_duration_positive",
            ),
            # Drafts skip full_clean(), so the form's upper bound is enforced here too.
            models.CheckConstraint(
                condition=models.Q(estimated_duration__lte=600),
                name="lessons_lessonpage_duration_at_most_600",
            ),
        ]
