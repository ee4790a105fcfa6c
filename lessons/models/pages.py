"""The curriculum: categories → subcategories → lessons, under each language's home page."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.media import COVER_RENDITIONS, image_representation
from core.pages import AppPageMixin
from core.serializers import ImageRenditionsField
from lessons.blocks import LessonBodyBlock
from lessons.rendering import lesson_body_display


class Difficulty(models.TextChoices):
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class CEFRLevel(models.TextChoices):
    A1 = "A1", _("A1 · Beginner")
    A2 = "A2", _("A2 · Elementary")
    B1 = "B1", _("B1 · Intermediate")
    B2 = "B2", _("B2 · Upper intermediate")
    C1 = "C1", _("C1 · Advanced")
    C2 = "C2", _("C2 · Proficient")


def cover_image_field(related_name: str, verbose_name) -> models.ForeignKey:
    return models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
    )


class CurriculumSectionPage(AppPageMixin, Page):
    """Shared fields of categories and subcategories: an intro and an image for the menu."""

    intro = models.TextField(
        _("intro"),
        blank=True,
        max_length=1000,
        help_text=_("One or two sentences shown in menus and listings."),
    )
    image = cover_image_field("+", _("image"))

    content_panels = [*Page.content_panels, "intro", "image"]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [
        APIField("intro"),
        APIField("image", serializer=ImageRenditionsField(COVER_RENDITIONS)),
    ]
    # Listings never need the related image as a separate query per row.
    api_select_related = ["locale", "image"]
    api_prefetch_related = ["image__renditions"]
    # The admin lists the children in curriculum (tree) order, the order learners see.
    admin_default_ordering = "ord"

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        # Imported here: core.visibility reaches the API modules, which need the models loaded.
        from core.visibility import pages_visible

        context = super().get_context(request, *args, **kwargs)
        context["cover"] = image_representation(self.image, request, COVER_RENDITIONS)
        context["children"] = (
            pages_visible(request).child_of(self).specific().order_by("path")
            if self.pk is not None
            else []
        )
        return context


class CategoryPage(CurriculumSectionPage):
    """A top-level area of study, such as Grammar or Pronunciation."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["lessons.SubcategoryPage"]
    template = "lessons/category_page.html"

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")


class SubcategoryPage(CurriculumSectionPage):
    """A group of lessons within a category, such as Tenses within Grammar."""

    parent_page_types = ["lessons.CategoryPage"]
    subpage_types = ["lessons.LessonPage"]
    template = "lessons/subcategory_page.html"

    class Meta:
        verbose_name = _("subcategory")
        verbose_name_plural = _("subcategories")


class LessonPage(AppPageMixin, Page):
    """One lesson: an intro, its level, and a body of content and exercises."""

    intro = models.TextField(
        _("intro"), max_length=1000, help_text=_("One or two sentences shown in listings.")
    )
    difficulty = models.CharField(
        _("difficulty"),
        max_length=12,
        choices=Difficulty.choices,
        default=Difficulty.BEGINNER,
        db_index=True,
    )
    cefr_level = models.CharField(
        _("CEFR level"),
        max_length=2,
        choices=CEFRLevel.choices,
        default=CEFRLevel.A1,
        db_index=True,
    )
    estimated_duration = models.PositiveSmallIntegerField(
        _("estimated duration"),
        help_text=_("Minutes a learner needs for the lesson."),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        db_index=True,  # ?order=estimated_duration (docs/performance.md)
    )
    cover_image = cover_image_field("+", _("cover image"))
    body = StreamField(LessonBodyBlock(), blank=True, verbose_name=_("body"))

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
    template = "lessons/lesson_page.html"

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
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["cover"] = image_representation(self.cover_image, request, COVER_RENDITIONS)
        context["blocks"] = lesson_body_display(
            self.body, request, show_answers=context["show_answers"]
        )
        # The section above: a subcategory, and its category (none for an unsaved page).
        context["sections"] = (
            [ancestor.specific for ancestor in self.get_ancestors().filter(depth__gt=2)]
            if self.path
            else []
        )
        return context
