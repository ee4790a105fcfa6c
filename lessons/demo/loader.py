"""Puts the demo curriculum into the page tree the way an editor would, and only what is missing.

Pages are found by their slug under their parent, images and documents by their title. What
exists is left exactly as it is (an editor may have changed or unpublished it); what is missing
is created, saved as a revision and published. Running the loader twice therefore changes
nothing, and running it after some demo pages were deleted brings back just those pages.

Every lesson body is validated with the lesson blocks' own `clean()` before any page is
written, so a mistake in the curriculum fails loudly instead of publishing an exercise nobody
can solve.
"""

import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import models, transaction
from wagtail.documents import get_document_model
from wagtail.embeds.finders import get_finders
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Page

from core.media import BLOCK_IMAGE_RENDITIONS, COVER_RENDITIONS
from lessons.blocks import LessonBodyBlock
from lessons.demo.curriculum import CURRICULUM
from lessons.demo.media import IMAGES, SOUNDS, ImageSpec, SoundSpec
from lessons.demo.spec import AudioRef, CategorySpec, ImageRef, LessonSpec, SubcategorySpec
from lessons.demo.translations import demo_translations_load
from lessons.models import CategoryPage, LessonPage, SubcategoryPage

# `echo(message, verbosity)` shows the message when the user asked for at least that verbosity:
# 1 for categories and whatever is created, 2 for what was already there and for media.
Echo = Callable[[str, int], None]
StreamData = list[tuple[str, Any]]


def _silent(message: str, verbosity: int) -> None:
    pass


class DemoContentError(Exception):
    """The demo curriculum itself is wrong: the data in `lessons.demo.curriculum` needs fixing."""


@dataclass
class DemoContentReport:
    """What a load created and what it found already in place, counted by kind."""

    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, kind: str, *, created: bool) -> None:
        (self.created if created else self.existing)[kind] += 1


@dataclass
class DemoMedia:
    """The curriculum's images and sounds as Wagtail images and documents, by key."""

    images: dict[str, models.Model]
    sounds: dict[str, models.Model]

    def resolve(self, value: Any) -> Any:
        """A stored block value with every image and sound reference replaced by its id."""
        if isinstance(value, ImageRef):
            return self.images[value.key].pk
        if isinstance(value, AudioRef):
            return self.sounds[value.key].pk
        if isinstance(value, dict):
            return {name: self.resolve(item) for name, item in value.items()}
        if isinstance(value, list):
            return [self.resolve(item) for item in value]
        return value


# --- Media ----------------------------------------------------------------------------------


def _by_title(model: type[models.Model], title: str, build: Callable[[], models.Model]):
    """The oldest object with this title, or a new one from `build()`; and whether it is new."""
    existing = model.objects.filter(title=title).order_by("pk").first()
    if existing is not None:
        return existing, False
    instance = build()
    instance.save()
    return instance, True


def demo_image_get_or_create(spec: ImageSpec) -> tuple[models.Model, bool]:
    def build():
        image = get_image_model()(
            title=spec.title,
            description=spec.description,
            file=ImageFile(ContentFile(spec.png()), name=spec.filename),
        )
        # As the admin's upload form does: the size and hash let editors spot duplicates.
        image._set_image_file_metadata()
        return image

    return _by_title(get_image_model(), spec.title, build)


def demo_sound_get_or_create(spec: SoundSpec) -> tuple[models.Model, bool]:
    def build():
        document = get_document_model()(
            title=spec.title, file=ContentFile(spec.wav(), name=spec.filename)
        )
        document._set_document_file_metadata()
        return document

    return _by_title(get_document_model(), spec.title, build)


def demo_media_load(*, report: DemoContentReport, echo: Echo = _silent) -> DemoMedia:
    media = DemoMedia(images={}, sounds={})
    for key, image_spec in IMAGES.items():
        media.images[key], created = demo_image_get_or_create(image_spec)
        report.count("image", created=created)
        echo(f"{_mark(created)} image: {image_spec.title}", 2)
    for key, sound_spec in SOUNDS.items():
        media.sounds[key], created = demo_sound_get_or_create(sound_spec)
        report.count("sound", created=created)
        echo(f"{_mark(created)} sound: {sound_spec.title}", 2)
    return media


# --- Renditions ----------------------------------------------------------------------------


def demo_rendition_specs(curriculum: list[CategorySpec]) -> dict[str, set[str]]:
    """The filter specs the content API serves each demo image in, by image key.

    Category, subcategory and lesson covers come in `COVER_RENDITIONS`; images in lesson bodies
    in `BLOCK_IMAGE_RENDITIONS`. Read from the curriculum, so it costs no query.
    """
    cover = set(COVER_RENDITIONS.values())
    block = set(BLOCK_IMAGE_RENDITIONS.values())
    specs: dict[str, set[str]] = defaultdict(set)
    for category in curriculum:
        specs[category.image] |= cover
        for subcategory in category.subcategories:
            specs[subcategory.image] |= cover
            for lesson in subcategory.lessons:
                specs[lesson.cover or subcategory.image] |= cover
                for _block_type, value in lesson.body:
                    for ref in _refs(value):
                        if isinstance(ref, ImageRef):
                            specs[ref.key] |= block
    return dict(specs)


def demo_renditions_make(
    media: DemoMedia, specs: dict[str, set[str]], *, report: DemoContentReport, echo: Echo = _silent
) -> None:
    """Make every rendition in `specs` that does not exist yet, so no API read has to.

    Two queries when all of them exist (the images and their renditions, prefetched); only the
    missing renditions are drawn and stored.
    """
    wanted = {media.images[key].pk: image_specs for key, image_specs in specs.items()}
    images = (
        get_image_model()
        .objects.filter(pk__in=wanted)
        .prefetch_related("renditions")
        .order_by("pk")
    )
    for image in images:
        existing = {
            (rendition.filter_spec, rendition.focal_point_key)
            for rendition in image.renditions.all()
        }
        missing = [
            spec
            for spec in sorted(wanted[image.pk])
            if (spec, Filter(spec=spec).get_cache_key(image)) not in existing
        ]
        if missing:
            image.get_renditions(*missing)
            echo(f"+ renditions of {image.title}: {', '.join(missing)}", 2)
        report.created["rendition"] += len(missing)
        report.existing["rendition"] += len(wanted[image.pk]) - len(missing)


# --- Validation -----------------------------------------------------------------------------


def _video_clean(block, value) -> None:
    """Check a video block without fetching its embed.

    `EmbedBlock.clean` asks the provider's oEmbed endpoint over the network; the demo must load
    offline, so only check that some configured embed finder accepts the URL, as Wagtail does
    before fetching, and clean the rest of the block as usual.
    """
    url = value["video"].url if value["video"] else ""
    if not any(finder.accept(url) for finder in get_finders()):
        raise ValidationError(f"No embed provider accepts the video URL {url!r}.")
    block.child_blocks["caption"].clean(value["caption"])


def lesson_body_clean(lesson: LessonSpec, media: DemoMedia) -> StreamData:
    """The lesson body as validated native block values, ready to assign to `LessonPage.body`.

    Each block goes through its own `clean()`, which holds the editor's rules (one correct
    option unless several are allowed, gaps numbered {1}, {2}… one answer set each, targets
    only in match mode…). Raises `DemoContentError` naming the lesson and block on failure.
    """
    stream_block = LessonBodyBlock()
    body: StreamData = []
    for index, (block_type, raw_value) in enumerate(lesson.body, start=1):
        block = stream_block.child_blocks[block_type]
        value = block.to_python(media.resolve(raw_value))
        try:
            if block_type == "video":
                _video_clean(block, value)
            else:
                value = block.clean(value)
        except ValidationError as error:
            detail = getattr(error, "block_errors", None) or error.messages
            raise DemoContentError(
                f"Lesson {lesson.title!r}, block {index} ({block_type}) is invalid: {detail}"
            ) from error
        body.append((block_type, value))
    return body


def curriculum_check(curriculum: list[CategorySpec]) -> None:
    """Check what block validation cannot: unique slugs and known block types and media.

    Slugs must be unique among siblings, or a second run would find the wrong page.
    """
    problems = []
    block_types = set(LessonBodyBlock().child_blocks)
    for siblings, where in _sibling_groups(curriculum):
        slugs = [spec.slug for spec in siblings]
        duplicates = sorted({slug for slug in slugs if slugs.count(slug) > 1})
        if duplicates:
            problems.append(f"{where}: duplicate slugs {duplicates}")
    for category in curriculum:
        image_keys = [category.image]
        for subcategory in category.subcategories:
            image_keys.append(subcategory.image)
            for lesson in subcategory.lessons:
                image_keys.extend([lesson.cover] if lesson.cover else [])
                for block_type, value in lesson.body:
                    if block_type not in block_types:
                        problems.append(f"{lesson.title}: unknown block type {block_type!r}")
                    refs = list(_refs(value))
                    image_keys.extend(ref.key for ref in refs if isinstance(ref, ImageRef))
                    for ref in refs:
                        if isinstance(ref, AudioRef) and ref.key not in SOUNDS:
                            problems.append(f"{lesson.title}: unknown sound {ref.key!r}")
        problems.extend(
            f"{category.title}: unknown image {key!r}" for key in image_keys if key not in IMAGES
        )
    if problems:
        raise DemoContentError("; ".join(problems))


def _sibling_groups(curriculum: list[CategorySpec]):
    yield curriculum, "categories"
    for category in curriculum:
        yield category.subcategories, category.title
        for subcategory in category.subcategories:
            yield subcategory.lessons, f"{category.title} / {subcategory.title}"


def _refs(value: Any):
    """Every image and sound reference inside a block value."""
    if isinstance(value, ImageRef | AudioRef):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _refs(item)
    elif isinstance(value, list):
        for item in value:
            yield from _refs(item)


# --- Pages ----------------------------------------------------------------------------------


def _mark(created: bool) -> str:
    return "+" if created else "="


def demo_page_get_or_create(
    *, parent: Page, page: Page, kind: str, report: DemoContentReport
) -> tuple[Page | None, bool]:
    """The child of `parent` with `page`'s slug, or `page` itself, added and published.

    Returns the page and whether it is new. A child with that slug but of another page type is
    someone else's page: it is reported and its branch skipped, never changed.
    """
    existing = parent.get_children().filter(slug=page.slug).specific().first()
    if existing is not None:
        if not isinstance(existing, type(page)):
            report.skipped.append(
                f"{existing.url_path} is a {type(existing).__name__}, "
                f"not a {type(page).__name__}: left alone"
            )
            return None, False
        report.count(kind, created=False)
        return existing, False
    parent.add_child(instance=page)
    page.save_revision().publish()
    report.count(kind, created=True)
    return page, True


def category_page(spec: CategorySpec, media: DemoMedia) -> CategoryPage:
    return CategoryPage(
        title=spec.title, slug=spec.slug, intro=spec.intro, image=media.images[spec.image]
    )


def subcategory_page(spec: SubcategorySpec, media: DemoMedia) -> SubcategoryPage:
    return SubcategoryPage(
        title=spec.title, slug=spec.slug, intro=spec.intro, image=media.images[spec.image]
    )


def lesson_page(
    spec: LessonSpec, *, body: StreamData, default_cover: str, media: DemoMedia
) -> LessonPage:
    return LessonPage(
        title=spec.title,
        slug=spec.slug,
        intro=spec.intro,
        difficulty=spec.difficulty,
        cefr_level=spec.cefr_level,
        estimated_duration=spec.estimated_duration,
        cover_image=media.images[spec.cover or default_cover],
        body=body,
    )


def demo_content_load(
    *,
    root: Page,
    curriculum: list[CategorySpec] = CURRICULUM,
    echo: Echo = _silent,
) -> DemoContentReport:
    """Create whatever part of the demo curriculum is missing under `root` (a home page).

    All or nothing: if anything fails, no page, image or document is left in the database
    (files already written to the media storage stay there, unreferenced). Then every rendition
    the content API serves a demo image in is made, so the first reads do not have to.
    """
    started = time.monotonic()
    report = DemoContentReport()
    curriculum_check(curriculum)
    with transaction.atomic():
        media = demo_media_load(report=report, echo=echo)
        # Every lesson is validated before the first page is written.
        bodies = {
            id(lesson): lesson_body_clean(lesson, media)
            for category in curriculum
            for subcategory in category.subcategories
            for lesson in subcategory.lessons
        }
        for category_spec in curriculum:
            category, created = demo_page_get_or_create(
                parent=root,
                page=category_page(category_spec, media),
                kind="category",
                report=report,
            )
            if category is None:
                continue
            echo(f"{_mark(created)} {category.title}", 1)
            for subcategory_spec in category_spec.subcategories:
                subcategory, created = demo_page_get_or_create(
                    parent=category,
                    page=subcategory_page(subcategory_spec, media),
                    kind="subcategory",
                    report=report,
                )
                if subcategory is None:
                    continue
                echo(f"  {_mark(created)} {subcategory.title}", 1 if created else 2)
                for lesson_spec in subcategory_spec.lessons:
                    page = lesson_page(
                        lesson_spec,
                        body=bodies[id(lesson_spec)],
                        default_cover=subcategory_spec.image,
                        media=media,
                    )
                    lesson, created = demo_page_get_or_create(
                        parent=subcategory, page=page, kind="lesson", report=report
                    )
                    if lesson is not None:
                        echo(f"    {_mark(created)} {lesson.title}", 1 if created else 2)
    # After the pages are in: a failed rendition leaves the curriculum in place, and the next
    # run makes whatever is still missing.
    demo_renditions_make(media, demo_rendition_specs(curriculum), report=report, echo=echo)
    if curriculum is CURRICULUM:
        # One whole path in the learners' languages (lessons.demo.translations).
        demo_translations_load(root=root, report=report, echo=echo)
    report.seconds = time.monotonic() - started
    return report
