"""A synthetic curriculum for `make bench`: categories → subcategories → lessons, in bulk.

    build_curriculum(5000, progress=print)

Every lesson has its own cover image (with the cover and block renditions the API serves, rows
copied from one uploaded file) and a body of content and exercises in the shape editors write.
The tree is written the way treebeard lays it out (materialised paths, depth, numchild,
url_path), so Wagtail reads it exactly as if editors had built it, but with a few bulk INSERTs
per thousand pages instead of a page save and a revision each: 100,000 lessons take minutes,
not the hours the editor path would. Lessons are published (live) with no revisions; nothing
in the public API reads revisions. One category is restricted to signed-in members, so a
member's token changes what a request sees, as in production.

Django's signals are not sent for these rows: whoever loads into a database a server is
already reading from must clear the content API's cache afterwards (`core.response_cache`).
"""

from __future__ import annotations

import copy
import functools
import io
import json
import math
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import connection, transaction
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, Site
from wagtail.search import index
from wagtail.search.backends import get_search_backend

from core.media import BLOCK_IMAGE_RENDITIONS, COVER_RENDITIONS
from lessons.models import CategoryPage, LessonPage, SubcategoryPage

LESSONS_PER_SUBCATEGORY = 250
SUBCATEGORIES_PER_CATEGORY = 5
CATEGORY_NAMES = ["Grammar", "Vocabulary", "Pronunciation", "Conversation"]
DIFFICULTIES = ["beginner", "intermediate", "advanced"]
LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2"]
# Every lesson title names one topic: searching a topic finds a tenth of the lessons.
TOPICS = [
    "habits",
    "travel",
    "family",
    "weather",
    "shopping",
    "work",
    "food",
    "health",
    "music",
    "sports",
]
SEARCH_WORD = "travel"
MEMBERS_CATEGORY = "Members' corner"
ILLUSTRATIONS = 50
BATCH = 2000

Progress = Callable[[str], None]


@dataclass
class Curriculum:
    home: Page
    categories: list[Page] = field(default_factory=list)
    subcategories: list[Page] = field(default_factory=list)
    lesson_ids: list[int] = field(default_factory=list)
    members_lesson_ids: list[int] = field(default_factory=list)


def _quiet(message: str) -> None:
    pass


def lesson_body(number: int, image_id: int) -> list[dict]:
    """A lesson body as an editor writes one: text, media, vocabulary and four exercises."""
    topic = TOPICS[number % len(TOPICS)]
    blocks = [
        ("heading", {"text": "When do we use it?", "size": "h2"}),
        (
            "paragraph",
            f"<p>A lesson about <b>{topic}</b>, number {number}: we use the present simple "
            "for habits, routines and facts that are always true.</p>",
        ),
        ("image", {"image": image_id, "alt_text": "", "caption": "An example"}),
        (
            "vocabulary",
            {
                "word": "usually",
                "phonetic": "/ˈjuːʒuəli/",
                "part_of_speech": "adverb",
                "meaning": "In most cases.",
                "example": "I usually walk to work.",
                "audio": None,
            },
        ),
        (
            "dialogue",
            {
                "title": "At the café",
                "lines": [
                    {"speaker": "Ana", "line": "What do you do?"},
                    {"speaker": "Ben", "line": "I teach English."},
                    {"speaker": "Ana", "line": "Do you like it?"},
                    {"speaker": "Ben", "line": "Yes, I love it."},
                ],
            },
        ),
        ("tip", {"kind": "tip", "text": "<p>Add <b>-s</b> for he, she and it.</p>"}),
        (
            "multiple_choice",
            {
                "question": "She ___ coffee every morning.",
                "options": [
                    {"text": "drink", "is_correct": False},
                    {"text": "drinks", "is_correct": True},
                    {"text": "drinking", "is_correct": False},
                ],
                "allow_multiple": False,
                "explanation": "Third person singular takes -s.",
            },
        ),
        (
            "fill_blank",
            {
                "text": "He {1} (work) in a bank and {2} (live) in Leeds.",
                "gaps": [{"accepted_answers": ["works"]}, {"accepted_answers": ["lives"]}],
                "case_sensitive": False,
                "explanation": "",
            },
        ),
        (
            "drag_drop",
            {
                "mode": "order",
                "instruction": "Make a sentence.",
                "items": [{"text": text, "match": ""} for text in ("She", "never", "eats", "meat")],
                "explanation": "",
            },
        ),
    ]
    return [{"type": kind, "value": value, "id": str(uuid.uuid4())} for kind, value in blocks]


def _template_image():
    """One uploaded image with every rendition the API serves, for the copies to share."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (1920, 1080), "teal").save(buffer, format="JPEG", quality=80)
    image = get_image_model().objects.create(
        title="Cover", file=ImageFile(io.BytesIO(buffer.getvalue()), name="bench-cover.jpg")
    )
    image.get_renditions(*COVER_RENDITIONS.values(), *BLOCK_IMAGE_RENDITIONS.values())
    return image


def _image_copies(template, count: int, progress: Progress) -> list[int]:
    """Ids of `count` new image rows sharing `template`'s file, each with its own renditions."""
    Image = get_image_model()
    Rendition = Image.get_rendition_model()
    # Read back from the table: get_renditions() leaves a stale prefetch on the template.
    renditions = list(Rendition.objects.filter(image_id=template.pk))
    assert len(renditions) == len(COVER_RENDITIONS) + len(BLOCK_IMAGE_RENDITIONS), renditions
    ids: list[int] = []
    for start in range(0, count, BATCH):
        images = Image.objects.bulk_create(
            [
                Image(
                    title=f"Cover {number}",
                    file=template.file.name,
                    width=template.width,
                    height=template.height,
                    file_size=template.file_size,
                    collection_id=template.collection_id,
                )
                for number in range(start, min(count, start + BATCH))
            ]
        )
        Rendition.objects.bulk_create(
            [
                Rendition(
                    image_id=image.pk,
                    filter_spec=rendition.filter_spec,
                    focal_point_key=rendition.focal_point_key,
                    file=rendition.file.name,
                    width=rendition.width,
                    height=rendition.height,
                )
                for image in images
                for rendition in renditions
            ]
        )
        ids += [image.pk for image in images]
        progress(f"images {len(ids):,}/{count:,}")
    return ids


class TreeWriter:
    """Appends children under parents the way treebeard numbers them (`Page._get_path`)."""

    def __init__(self, now) -> None:
        self.now = now
        self.numchild: dict[int, int] = {}
        self.content_types: dict[type, int] = {}

    def page(self, parent: Page, model: type[Page], title: str, slug: str, age: int) -> Page:
        step = self.numchild[parent.pk] = self.numchild.get(parent.pk, parent.numchild) + 1
        if model not in self.content_types:
            self.content_types[model] = ContentType.objects.get_for_model(model).pk
        published = self.now - timezone.timedelta(minutes=age)
        return Page(
            content_type_id=self.content_types[model],
            path=Page._get_path(parent.path, parent.depth + 1, step),
            depth=parent.depth + 1,
            numchild=0,
            title=title,
            draft_title=title,
            slug=slug,
            url_path=f"{parent.url_path}{slug}/",
            live=True,
            has_unpublished_changes=False,
            first_published_at=published,
            last_published_at=published,
            locale_id=parent.locale_id,
            translation_key=uuid.uuid4(),
        )

    def save_numchild(self) -> None:
        for parent_id, numchild in self.numchild.items():
            Page.objects.filter(pk=parent_id).update(numchild=numchild)


def _insert_specific(model: type[Page], pages: list[Page], fields_of: Callable) -> list:
    """Insert `model`'s own rows for `pages`, whose Page rows exist (Django cannot bulk_create
    a multi-table child; this is the INSERT Model.save() makes, a batch at a time)."""
    rows = [model(page_ptr_id=page.pk, **fields_of(number)) for number, page in enumerate(pages)]
    model._base_manager._insert(rows, fields=model._meta.local_concrete_fields)
    return rows


def build_curriculum(lesson_count: int, progress: Progress = _quiet) -> Curriculum:
    """Build `lesson_count` live lessons (plus their sections) under the default site's home."""
    started = time.perf_counter()
    home = Site.objects.get(is_default_site=True).root_page
    curriculum = Curriculum(home=home)
    subcategory_count = max(1, math.ceil(lesson_count / LESSONS_PER_SUBCATEGORY))
    category_count = max(
        len(CATEGORY_NAMES), math.ceil(subcategory_count / SUBCATEGORIES_PER_CATEGORY)
    )
    template = _template_image()
    # A cover per lesson (ten more in the members' category) and per section, and a library
    # of illustrations the bodies share.
    image_ids = _image_copies(
        template,
        lesson_count + 10 + category_count + subcategory_count + 2 + ILLUSTRATIONS,
        progress,
    )
    illustration_ids = image_ids[-ILLUSTRATIONS:]
    section_image_ids = image_ids[lesson_count + 10 : -ILLUSTRATIONS]
    tree = TreeWriter(timezone.now())

    with transaction.atomic():
        # Sections: the members-only category last, so lessons fill the public ones first.
        names = [
            f"{CATEGORY_NAMES[number % len(CATEGORY_NAMES)]} {number // len(CATEGORY_NAMES) + 1}"
            for number in range(category_count)
        ] + [MEMBERS_CATEGORY]
        categories = Page.objects.bulk_create(
            [
                tree.page(home, CategoryPage, name, f"category-{number}", age=0)
                for number, name in enumerate(names)
            ]
        )
        _insert_specific(
            CategoryPage,
            categories,
            lambda number: {
                "intro": f"All about {names[number]}.",
                "image_id": section_image_ids.pop(),
            },
        )
        parents = [categories[number % category_count] for number in range(subcategory_count)]
        parents.append(categories[-1])
        subcategories = Page.objects.bulk_create(
            [
                tree.page(parent, SubcategoryPage, f"Unit {number}", f"unit-{number}", age=0)
                for number, parent in enumerate(parents)
            ]
        )
        _insert_specific(
            SubcategoryPage,
            subcategories,
            lambda number: {"intro": "Step by step.", "image_id": section_image_ids.pop()},
        )
        restriction = PageViewRestriction.objects.create(
            page=categories[-1], restriction_type=PageViewRestriction.LOGIN
        )
        progress(f"sections {len(categories)} categories, {len(subcategories)} subcategories")

        # Lessons, a batch at a time: public ones, then ten in the members' category.
        plan = [(subcategories[n // LESSONS_PER_SUBCATEGORY], n) for n in range(lesson_count)]
        plan += [(subcategories[-1], lesson_count + n) for n in range(10)]
        content_type = ContentType.objects.get_for_model(LessonPage)
        for start in range(0, len(plan), BATCH):
            batch = plan[start : start + BATCH]
            pages = Page.objects.bulk_create(
                [
                    tree.page(
                        parent,
                        LessonPage,
                        f"Lesson {number:06d}: {TOPICS[number % len(TOPICS)]}",
                        f"lesson-{number:06d}",
                        age=number,
                    )
                    for parent, number in batch
                ]
            )
            assert all(page.content_type_id == content_type.pk for page in pages)

            def lesson_fields(index: int, batch=batch) -> dict:
                number = batch[index][1]
                image_id = image_ids[number]
                return {
                    "intro": f"Learn to talk about {TOPICS[number % len(TOPICS)]}, "
                    f"lesson {number}.",
                    "difficulty": DIFFICULTIES[number % len(DIFFICULTIES)],
                    # Independent of the difficulty (`number // 3`): every pair occurs.
                    "cefr_level": LEVELS[(number // len(DIFFICULTIES)) % len(LEVELS)],
                    "estimated_duration": 5 + number % 40,
                    "cover_image_id": image_id,
                    "body": json.dumps(
                        lesson_body(number, illustration_ids[number % ILLUSTRATIONS])
                    ),
                }

            _insert_specific(LessonPage, pages, lesson_fields)
            for (_, number), page in zip(batch, pages, strict=True):
                if number < lesson_count:
                    curriculum.lesson_ids.append(page.pk)
                else:
                    curriculum.members_lesson_ids.append(page.pk)
            progress(f"lessons {min(start + BATCH, len(plan)):,}/{len(plan):,}")
        tree.save_numchild()

    curriculum.categories = list(Page.objects.filter(pk__in=[p.pk for p in categories]))
    curriculum.subcategories = list(Page.objects.filter(pk__in=[p.pk for p in subcategories]))
    assert restriction.pk
    _index_references(progress)
    _index_for_search(progress)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    progress(f"done in {time.perf_counter() - started:.0f} s")
    return curriculum


def _references(model: type[Page], page_id: int, image_id: int | None, body) -> list[tuple]:
    """What Wagtail's reference index records for one of these pages: its cover image and the
    image blocks of its body (`ReferenceIndex._extract_references_from_object`)."""
    image_type = ContentType.objects.get_for_model(get_image_model()).pk
    field = "cover_image" if model is LessonPage else "image"
    found = [] if image_id is None else [(image_type, str(image_id), field, field)]
    for block in body or []:
        if block["type"] == "image" and block["value"].get("image"):
            image = str(block["value"]["image"])
            found.append((image_type, image, "body.image.image", f"body.{block['id']}.image"))
    return found


def _index_references(progress: Progress) -> None:
    """The reference index rows a save would have written (which media live pages use)."""
    page_type = ContentType.objects.get_for_model(Page).pk
    for model in (CategoryPage, SubcategoryPage, LessonPage):
        model_type = ContentType.objects.get_for_model(model).pk
        has_body = model is LessonPage
        columns = ["pk", "cover_image_id" if has_body else "image_id"]
        ids = list(model.objects.values_list("pk", flat=True).order_by("pk"))
        for start in range(0, len(ids), BATCH):
            rows = model.objects.filter(pk__in=ids[start : start + BATCH]).values_list(*columns)
            bodies = {}
            if has_body:
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT page_ptr_id, body FROM lessons_lessonpage "
                        "WHERE page_ptr_id = ANY(%s)",
                        [ids[start : start + BATCH]],
                    )
                    bodies = {pk: json.loads(body) for pk, body in cursor.fetchall()}
            records = []
            for number, (pk, image_id) in enumerate(rows):
                references = _references(model, pk, image_id, bodies.get(pk))
                if number == 0:  # the shortcut must give exactly what Wagtail extracts
                    expected = set(
                        ReferenceIndex._extract_references_from_object(model.objects.get(pk=pk))
                    )
                    assert set(references) == expected, (references, expected)
                records += [
                    ReferenceIndex(
                        content_type_id=model_type,
                        base_content_type_id=page_type,
                        object_id=str(pk),
                        to_content_type_id=to_type,
                        to_object_id=to_id,
                        model_path=model_path,
                        content_path=content_path,
                        content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
                    )
                    for to_type, to_id, model_path, content_path in references
                ]
            ReferenceIndex.objects.bulk_create(records, batch_size=BATCH)
            if model is LessonPage:
                progress(f"reference index {min(start + BATCH, len(ids)):,}/{len(ids):,}")


class BodySearchContent:
    """What `StreamField.get_searchable_content` gives for a lesson body, block by block, with
    each distinct block value worked out once (the bodies differ in a sentence or two; walking
    every block of 100,000 bodies, exercises included, would take most of the load)."""

    def __init__(self) -> None:
        self.stream_block = LessonPage._meta.get_field("body").stream_block
        self.memo: dict[tuple[str, str], list[str]] = {}

    def __call__(self, page: LessonPage) -> list[str]:
        content: list[str] = []
        for child in page.body.raw_data:
            block = self.stream_block.child_blocks[child["type"]]
            if not block.search_index:
                continue
            key = (child["type"], json.dumps(child["value"], sort_keys=True))
            if key not in self.memo:
                self.memo[key] = block.get_searchable_content(block.to_python(child["value"]))
            content.extend(self.memo[key])
        return content


class MemoisedSearchFields:
    """A model's search fields, each computing its value once per object (or taking it from
    `overrides`, by field name), for the objects of one batch.

    The search backend asks every field for its value five times per object (title, body,
    autocomplete and the two plain texts); the values, and so the entries, stay the backend's.
    """

    def __init__(self, model: type[Page], overrides: dict) -> None:
        self.values: dict[tuple[int, str], object] = {}
        self.fields = []
        for search_field in model.get_search_fields():
            clone = copy.copy(search_field)
            if isinstance(search_field, (index.SearchField, index.AutocompleteField)):
                compute = overrides.get(search_field.field_name, search_field.get_value)
                clone.get_value = functools.partial(self.value, search_field.field_name, compute)
            self.fields.append(clone)

    def value(self, name: str, compute: Callable, obj: Page):
        key = (obj.pk, name)
        if key not in self.values:
            self.values[key] = compute(obj)
        return self.values[key]

    def apply(self, objs: list[Page]) -> list[Page]:
        self.values.clear()
        for obj in objs:
            obj.get_search_fields = lambda: self.fields
        return objs


def _index_for_search(progress: Progress) -> None:
    """The search index entries an editor's publish would have made, in bulk."""
    backend = get_search_backend()
    body_content = BodySearchContent()
    body_field = LessonPage._meta.get_field("body")
    for model in (CategoryPage, SubcategoryPage, LessonPage):
        fields = MemoisedSearchFields(model, {"body": body_content} if model is LessonPage else {})
        ids = list(model.objects.values_list("pk", flat=True).order_by("pk"))
        for start in range(0, len(ids), BATCH):
            pages = list(model.objects.filter(pk__in=ids[start : start + BATCH]))
            if model is LessonPage:
                # The shortcut must give exactly what Wagtail gives.
                expected = body_field.get_searchable_content(pages[0].body)
                assert body_content(pages[0]) == expected, (body_content(pages[0]), expected)
            backend.add_bulk(model, fields.apply(pages))
            if model is LessonPage:
                progress(f"search index {min(start + BATCH, len(ids)):,}/{len(ids):,}")
