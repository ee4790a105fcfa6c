"""Measure the content API on real services: latency and queries per request.

    make bench                                   # 1,000 lessons on fresh services
    scripts/with-services.sh .venv/bin/python scripts/bench.py --lessons 2000 --requests 100

Runs in-process with Django's test client against a throwaway database (`test_<name>_bench`
beside the one DATABASE_URL names, migrated, and dropped at the end, so no real database and
no test database is ever touched), the Redis cache and the S3 bucket from the environment.
It builds a curriculum of categories, subcategories and lessons, each lesson with its own
cover image and a body of content and exercises, then times each request type and counts its
queries. Times are server-side (no network, no WSGI server): compare them with each other and
across changes.

Rows marked "stock" call Wagtail's own PagesAPIViewSet on the same data, for comparison; rows
marked "S3 custom domain" build media URLs from AWS_S3_CUSTOM_DOMAIN instead of botocore.
"""

import argparse
import io
import json
import math
import os
import random
import statistics
import sys
import time
import types
import uuid
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toto_site.settings.test")
os.environ.setdefault("LOG_LEVEL", "ERROR")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.files.images import ImageFile  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import include, path  # noqa: E402
from django.utils import timezone  # noqa: E402
from PIL import Image as PILImage  # noqa: E402
from wagtail.images import get_image_model  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402

from core.media import BLOCK_IMAGE_RENDITIONS, COVER_RENDITIONS  # noqa: E402
from lessons.demo.builders import copies_of_image  # noqa: E402
from lessons.models import CategoryPage, LessonPage, SubcategoryPage  # noqa: E402

CATEGORIES = ["Grammar", "Vocabulary", "Pronunciation", "Conversation"]
SUBCATEGORIES_PER_CATEGORY = 5
DIFFICULTIES = ["beginner", "intermediate", "advanced"]
LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2"]
# A word in every lesson, and one in a few, for the two kinds of search.
COMMON_WORD = "sentence"
RARE_WORD = "quokka"


# --- building the curriculum -------------------------------------------------------------------


def ensure_bucket() -> None:
    if settings.STORAGES["default"]["BACKEND"] != "storages.backends.s3.S3Storage":
        return
    import boto3

    options = settings.STORAGES["default"]["OPTIONS"]
    s3 = boto3.client(
        "s3",
        endpoint_url=options["endpoint_url"],
        region_name=options["region_name"] or "us-east-1",
        aws_access_key_id=options["access_key"],
        aws_secret_access_key=options["secret_key"],
    )
    existing = {bucket["Name"] for bucket in s3.list_buckets().get("Buckets", [])}
    if options["bucket_name"] not in existing:
        s3.create_bucket(Bucket=options["bucket_name"])


def images_with_renditions(count: int) -> list:
    """`count` image rows with every rendition the API asks for, sharing one uploaded file."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (1920, 1080), "teal").save(buffer, format="JPEG", quality=80)
    template = get_image_model().objects.create(
        title="Cover", file=ImageFile(io.BytesIO(buffer.getvalue()), name="cover.jpg")
    )
    template.get_renditions(*COVER_RENDITIONS.values(), *BLOCK_IMAGE_RENDITIONS.values())
    return copies_of_image(template, count)


def lesson_body(number: int, image_id: int) -> str:
    blocks = [
        ("heading", {"text": "When do we use it?", "size": "h2"}),
        ("paragraph", f"<p>A {COMMON_WORD} about habits and facts, number {number}.</p>"),
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
    return json.dumps(
        [{"type": kind, "value": value, "id": str(uuid.uuid4())} for kind, value in blocks]
    )


def publish_child(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def build_curriculum(lesson_count: int) -> dict:
    """Categories and subcategories the way an editor makes them, lessons in bulk."""
    home = Site.objects.get(is_default_site=True).root_page.specific
    section_images = images_with_renditions(len(CATEGORIES) * (SUBCATEGORIES_PER_CATEGORY + 1))
    subcategories = []
    for number, title in enumerate(CATEGORIES):
        category = publish_child(
            home,
            CategoryPage(title=title, intro=f"All about {title}.", image=section_images.pop()),
        )
        for sub_number in range(SUBCATEGORIES_PER_CATEGORY):
            subcategories.append(
                publish_child(
                    category,
                    SubcategoryPage(
                        title=f"{title} unit {number}.{sub_number}",
                        intro="Step by step.",
                        image=section_images.pop(),
                    ),
                )
            )

    covers = images_with_renditions(lesson_count)
    content_type = ContentType.objects.get_for_model(LessonPage)
    now = timezone.now()
    children: dict[int, int] = {}
    pages, lessons = [], []
    for number in range(lesson_count):
        parent = subcategories[number % len(subcategories)]
        step = children[parent.pk] = children.get(parent.pk, 0) + 1
        title = f"Lesson {number:05d}" + (f" {RARE_WORD}" if number % 100 == 0 else "")
        slug = f"lesson-{number:05d}"
        pages.append(
            Page(
                content_type=content_type,
                path=Page._get_path(parent.path, parent.depth + 1, step),
                depth=parent.depth + 1,
                numchild=0,
                title=title,
                draft_title=title,
                slug=slug,
                url_path=f"{parent.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=now - timezone.timedelta(minutes=number),
                last_published_at=now - timezone.timedelta(minutes=number),
                locale_id=parent.locale_id,
                translation_key=uuid.uuid4(),
            )
        )
    with transaction.atomic():
        Page.objects.bulk_create(pages, batch_size=1000)
        for number, page in enumerate(pages):
            lessons.append(
                LessonPage(
                    page_ptr_id=page.pk,
                    intro=f"Learn lesson {number} with an example {COMMON_WORD}.",
                    difficulty=DIFFICULTIES[number % len(DIFFICULTIES)],
                    cefr_level=LEVELS[number % len(LEVELS)],
                    estimated_duration=5 + number % 40,
                    cover_image_id=covers[number].pk,
                    body=lesson_body(number, covers[number].pk),
                )
            )
        # Django cannot bulk_create a multi-table child; insert the lesson rows for pages that
        # already exist the way Model.save() does, in batches.
        fields = LessonPage._meta.local_concrete_fields
        for start in range(0, len(lessons), 500):
            LessonPage._base_manager._insert(lessons[start : start + 500], fields=fields)
        for parent in subcategories:
            Page.objects.filter(pk=parent.pk).update(numchild=children.get(parent.pk, 0))
    backend = get_search_backend()
    lesson_pages = list(LessonPage.objects.filter(pk__in=[page.pk for page in pages]))
    for start in range(0, len(lesson_pages), 500):
        backend.add_bulk(LessonPage, lesson_pages[start : start + 500])
    return {"home": home, "subcategories": subcategories, "lessons": lesson_pages}


# --- measuring ---------------------------------------------------------------------------------


def stock_urlconf() -> str:
    """An URLconf serving Wagtail's unmodified pages endpoint at /stock/v2/ beside Toto's."""
    from wagtail.api.v2.router import WagtailAPIRouter
    from wagtail.api.v2.views import PagesAPIViewSet

    from core import api

    class StockPagesAPIViewSet(PagesAPIViewSet):
        # Same public access and listing fields (no body) as Toto's endpoint; Wagtail's own
        # queries, filters and error handling.
        authentication_classes = api.PagesAPIViewSet.authentication_classes
        permission_classes = api.PagesAPIViewSet.permission_classes
        detail_only_fields = api.PagesAPIViewSet.detail_only_fields

    router = WagtailAPIRouter("stockapi")
    router.register_endpoint("pages", StockPagesAPIViewSet)
    module = types.ModuleType("bench_stock_urls")
    module.urlpatterns = [path("stock/v2/", router.urls), path("", include(settings.ROOT_URLCONF))]
    sys.modules[module.__name__] = module
    return module.__name__


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def measure(client: Client, urls: list[str], requests: int) -> dict:
    """Median and p95 milliseconds over `requests` calls cycling through `urls`, and queries."""
    for url in urls[:3]:  # warm caches (site root paths, renditions, connections)
        client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(urls[0])
    # Read now: the next request resets the connection's query log.
    query_count = len(queries.captured_queries)
    times = []
    for number in range(requests):
        url = urls[number % len(urls)]
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return {
        "status": response.status_code,
        "queries": query_count,
        "median": statistics.median(times),
        "p95": percentile(times, 0.95),
        "bytes": len(response.content),
    }


def scenarios(curriculum: dict) -> list[tuple[str, list[str]]]:
    lessons = curriculum["lessons"]
    sample = random.Random(1).sample(lessons, min(50, len(lessons)))  # noqa: S311
    subcategory = curriculum["subcategories"][0]
    typed = "?type=lessons.LessonPage"
    rows = []
    for prefix, label in (("/api/v2/pages/", ""), ("/stock/v2/pages/", "stock: ")):
        rows += [
            (f"{label}lessons fields=* limit=20", [f"{prefix}{typed}&fields=*&limit=20"]),
            (f"{label}lessons fields=* limit=100", [f"{prefix}{typed}&fields=*&limit=100"]),
        ]
    rows += [
        ("lessons default fields limit=20", [f"/api/v2/pages/{typed}&limit=20"]),
        (
            "lessons difficulty+cefr filter, ordered",
            [
                f"/api/v2/pages/{typed}&fields=*&difficulty=intermediate&cefr_level=B1"
                "&order=-first_published_at&limit=20"
            ],
        ),
        (
            "lessons of a subcategory limit=100",
            [f"/api/v2/pages/{typed}&fields=*&child_of={subcategory.pk}&limit=100"],
        ),
        ("categories fields=*", ["/api/v2/pages/?type=lessons.CategoryPage&fields=*"]),
        ("lesson detail (body, images)", [f"/api/v2/pages/{page.pk}/" for page in sample]),
        (
            "find by html_path (302)",
            [f"/api/v2/pages/find/?html_path={page.url_path[len('/home') :]}" for page in sample],
        ),
        (
            f"search common word ({COMMON_WORD}) limit=20",
            [f"/api/v2/pages/{typed}&fields=*&search={COMMON_WORD}&limit=20"],
        ),
        (
            f"search rare word ({RARE_WORD})",
            [f"/api/v2/pages/{typed}&fields=*&search={RARE_WORD}"],
        ),
        ("healthz", ["/healthz"]),
        ("readyz (db + redis + s3 write)", ["/readyz"]),
    ]
    return rows


def storages_with_custom_domain() -> dict | None:
    """The same S3 bucket, with URLs formatted from AWS_S3_CUSTOM_DOMAIN instead of botocore.

    Without a custom domain django-storages asks botocore to build every file URL (a presigned
    URL without a signature), which costs about a millisecond each; listings carry three
    renditions per lesson. `host/bucket` as the domain gives the same path-style URLs.
    """
    storage = settings.STORAGES["default"]
    options = storage.get("OPTIONS", {})
    if storage["BACKEND"] != "storages.backends.s3.S3Storage" or options.get("custom_domain"):
        return None
    endpoint = urlsplit(options["endpoint_url"] or "https://s3.amazonaws.com")
    return {
        **settings.STORAGES,
        "default": {
            **storage,
            "OPTIONS": {
                **options,
                "custom_domain": f"{endpoint.netloc}/{options['bucket_name']}",
                "url_protocol": f"{endpoint.scheme}:",
            },
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lessons", type=int, default=1000, help="lessons to build (1000)")
    parser.add_argument("--requests", type=int, default=50, help="timed requests per row (50)")
    args = parser.parse_args()

    database = settings.DATABASES["default"]
    print(
        f"Toto API bench: Django {django.get_version()}, database {connection.vendor}, "
        f"cache {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}, "
        f"storage {settings.STORAGES['default']['BACKEND'].rsplit('.', 1)[-1]}"
    )
    if connection.vendor != "postgresql":
        print("  (not PostgreSQL: run it with `make bench` for numbers that mean something)")

    old_name = database["NAME"]
    if connection.vendor != "sqlite":
        # Its own name, so that it never clobbers the test database pytest may be reusing.
        database["TEST"]["NAME"] = f"test_{old_name}_bench"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        ensure_bucket()
        started = time.perf_counter()
        curriculum = build_curriculum(args.lessons)
        cache.clear()
        print(
            f"Built {len(curriculum['lessons'])} lessons in "
            f"{len(curriculum['subcategories'])} subcategories, each with its own cover image, "
            f"in {time.perf_counter() - started:.1f} s; {args.requests} requests per row.\n"
        )
        client = Client()
        header = f"{'request':<44} {'status':>6} {'queries':>7} {'median ms':>10} {'p95 ms':>8}"
        print(header)
        print("-" * len(header))
        rows = [(label, urls, {}) for label, urls in scenarios(curriculum)]
        custom_domain = storages_with_custom_domain()
        if custom_domain:
            typed = "/api/v2/pages/?type=lessons.LessonPage&fields=*"
            rows += [
                (f"S3 custom domain: lessons {limit}", [f"{typed}&limit={limit}"], custom_domain)
                for limit in (20, 100)
            ]
        with override_settings(ROOT_URLCONF=stock_urlconf()):
            for label, urls, storages in rows:
                with override_settings(**({"STORAGES": storages} if storages else {})):
                    result = measure(client, urls, args.requests)
                print(
                    f"{label:<44} {result['status']:>6} {result['queries']:>7} "
                    f"{result['median']:>10.1f} {result['p95']:>8.1f}"
                )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
