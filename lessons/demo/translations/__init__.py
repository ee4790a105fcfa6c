"""One whole path of the demo curriculum in the learners' languages, translated the way an
editor does it with wagtail-localize: segment by segment, then published.

The path is the home page → Grammar → Tenses → every Tenses lesson. Each language module
(`vi`, `es`) maps English source strings to their translation. What a lesson *teaches* stays
English — example sentences, dialogue lines, words and their pronunciation, exercise questions
about English, options, gap answers and drag-and-drop items — and is simply left out of the
map; instructions, explanations, tips, headings and meanings are translated. Every segment gets
a translation (an English one is kept as it is), so the translation editor shows the demo
translations complete and synced.

Like the rest of the demo loader this only adds what is missing: a page that already has a
translation in a language (an editor's, or an earlier run's) is left exactly as it is.
"""

from collections.abc import Callable, Iterator

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from core.locales import content_language_codes
from lessons.demo.translations import es, vi

Echo = Callable[[str, int], None]
# Category slug, subcategory slug: that subcategory and all its lessons are translated.
TRANSLATED_PATH = ("grammar", "tenses")
DEMO_TRANSLATIONS: dict[str, dict[str, str]] = {"vi": vi.TEXTS, "es": es.TEXTS}


def page_translation_publish(
    *, page: Page, locale: Locale, texts: dict[str, str], user=None
) -> Page:
    """Translate `page` into `locale` through wagtail-localize and publish the translation.

    Each source segment takes `texts[segment]`, or its own text when `texts` has none (kept
    as it is), unless a translation of it is already stored. Images, documents and videos stay
    the source's. The parent must be translated already (else wagtail-localize makes an alias
    of it). Published here rather than on commit, so it also works inside a transaction.
    """
    if page.depth <= 2:
        # A site root's translation is its sibling: wagtail-localize names it "home-vi".
        texts = {**texts, page.slug: f"{page.slug}-{locale.language_code}"}
    source, created = TranslationSource.get_or_create_from_instance(page)
    if not created:
        source.update_from_db()
    Translation.objects.get_or_create(source=source, target_locale=locale)
    now = timezone.now()
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": texts.get(segment.string.data, segment.string.data),
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "last_translated_by": user,
                "updated_at": now,
            },
        )
    translated, _created = source.create_or_update_translation(
        locale, user=user, publish=False, copy_parent_pages=True, fallback=True
    )
    translated.get_latest_revision().publish(user=user)
    translated.refresh_from_db()
    return translated


def demo_path_pages(root: Page) -> Iterator[Page]:
    """The pages of the translated path that exist in the English tree, parents first."""
    yield root
    category = root.get_children().filter(slug=TRANSLATED_PATH[0]).specific().first()
    if category is None:
        return
    yield category
    subcategory = category.get_children().filter(slug=TRANSLATED_PATH[1]).specific().first()
    if subcategory is None:
        return
    yield subcategory
    yield from subcategory.get_children().specific().order_by("path")


def demo_translations_load(*, root: Page, report, echo: Echo) -> None:
    """Translate whatever of the path is not yet translated, in each demo language that is a
    content language here (see the module docstring). `report` is the loader's report."""
    pages = list(demo_path_pages(root))
    keys = [page.translation_key for page in pages]
    for language_code, texts in DEMO_TRANSLATIONS.items():
        locale = Locale.objects.filter(language_code=language_code).first()
        if locale is None or language_code not in content_language_codes():
            continue  # not among CONTENT_LANGUAGES here
        translated = set(
            Page.objects.filter(locale=locale, translation_key__in=keys).values_list(
                "translation_key", flat=True
            )
        )
        for page in pages:
            if page.translation_key in translated:
                report.count("translation", created=False)
                continue
            parent = page.get_parent().get_translation_or_none(locale) if page.depth > 2 else None
            if page.depth > 2 and parent is None:
                continue  # its parent was left alone (reported): so are its pages
            if parent is not None and _slug_taken(parent, page, texts):
                report.skipped.append(
                    f"the {language_code} translation of {page.url_path}: its place is taken "
                    "by another page, left alone"
                )
                continue
            with transaction.atomic():
                translation = page_translation_publish(page=page, locale=locale, texts=texts)
            report.count("translation", created=True)
            echo(f"+ {language_code}: {translation.title}", 1 if page.depth <= 3 else 2)


def _slug_taken(translated_parent: Page, page: Page, texts: dict[str, str]) -> bool:
    """Is the translation's slug under the translated parent another page's (an editor's, or
    one left by a deleted source)? wagtail-localize would then pick "slug-2"."""
    slug = texts.get(page.slug, page.slug)
    return (
        translated_parent.get_children()
        .filter(slug=slug)
        .exclude(translation_key=page.translation_key)
        .exists()
    )
