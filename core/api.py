"""Wagtail API v2 viewsets for the content the apps read.

Wagtail's stock viewsets answer most bad query parameters with a 400, but a few inputs reach
the database unchecked and end in a 500: a NUL character in any value (PostgreSQL refuses
it), an `offset` beyond PostgreSQL's bigint, an unparseable date in a field filter, an
unknown `search_operator`, a non-numeric `id` for `find`. They also answer an unknown
`locale` or `site` with a 404 as if the endpoint were missing. The viewsets here turn all of
those into 400s, and answer every error in the API's one shape (`core.exceptions`).

Which pages a request sees is `core.visibility.pages_visible`, scoped to the requested site.
"""

import copy
import functools
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import CharField, QuerySet
from django.db.models.functions import Cast
from django.http import Http404, HttpRequest
from django.urls import path
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from rest_framework.fields import Field, SkipField
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.api.v2.filters import FieldsFilter, LocaleFilter, SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.serializers import DetailUrlField as WagtailDetailUrlField
from wagtail.api.v2.serializers import PageAliasOfField as WagtailPageAliasOfField
from wagtail.api.v2.serializers import PageHtmlUrlField as WagtailPageHtmlUrlField
from wagtail.api.v2.serializers import PageParentField as WagtailPageParentField
from wagtail.api.v2.serializers import PageSerializer as WagtailPageSerializer
from wagtail.api.v2.serializers import TagsField, get_serializer_class
from wagtail.api.v2.utils import (
    BadRequestError,
    get_object_detail_url,
    page_models_from_string,
    parse_fields_parameter,
)
from wagtail.api.v2.views import BaseAPIViewSet as WagtailBaseAPIViewSet
from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet as WagtailDocumentsAPIViewSet
from wagtail.fields import StreamField
from wagtail.images.api.v2.views import ImagesAPIViewSet as WagtailImagesAPIViewSet
from wagtail.models import Page, ReferenceIndex, Site

from core.kept_sql import evaluate_with_kept_sql, read_with_kept_sql
from core.locales import content_language_codes, language_prefix_split
from core.media import images_signed
from core.memo import (
    listing_count,
    locales_by_id,
    memoised,
    memoised_many,
    shared_visibility,
    site_for_request,
    site_roots,
    under_any,
)
from core.pages import page_full_url
from core.pagination import MAX_OFFSET
from core.preview import page_preview_revision_get
from core.response_cache import EVERYTHING, LISTS, CachedAnswersMixin
from core.schema_types import array, integer, nullable, obj, string
from core.search import ranked_search
from core.visibility import page_passes, pages_visible

__all__ = ["DocumentsAPIViewSet", "ImagesAPIViewSet", "PagePreviewAPIViewSet", "PagesAPIViewSet"]

SEARCH_OPERATORS = ("and", "or")
# Parameters of a detail that choose how it is shown, not which page: with only these, the
# detail's page is found among the visible pages without Wagtail's filters.
PRESENTATION_PARAMETERS = frozenset({"fields", "rich_text_format", "format", "_"})
UNKNOWN = object()


class Pagination(WagtailPagination):
    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        if offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        # `total_count`, kept until the content changes (core.memo.listing_count).
        count = queryset.count
        queryset.count = lambda: listing_count(request, count)
        return evaluate_with_kept_sql(super().paginate_queryset(queryset, request, view), request)


class StrictFieldsFilter(FieldsFilter):
    """Field filters (`?difficulty=beginner`) whose unparseable values are a 400, never a 500."""

    def filter_queryset(self, request, queryset, view):
        try:
            return super().filter_queryset(request, queryset, view)
        except (ValidationError, ValueError, TypeError) as error:
            messages = error.messages if isinstance(error, ValidationError) else [str(error)]
            raise BadRequestError("field filter error. " + " ".join(messages)) from error


class StrictLocaleFilter(LocaleFilter):
    """`?locale=xx` for a language Toto does not publish in is a bad parameter, not a 404."""

    def filter_queryset(self, request, queryset, view):
        language_code = request.GET.get("locale")
        if language_code is not None and language_code not in content_language_codes():
            known = ", ".join(content_language_codes())
            raise BadRequestError(f"unknown locale '{language_code}' (known: {known})")
        if language_code is None:
            return queryset
        # Wagtail's filter, with the locale from this process's memory instead of a query.
        locale = next(
            (
                locale
                for locale in locales_by_id(request).values()
                if locale.language_code == language_code
            ),
            None,
        )
        if locale is None:
            raise Http404("No Locale matches the given query.")
        child_of = getattr(queryset, "_filtered_by_child_of", None)
        queryset = queryset.filter(locale=locale)
        if child_of:
            queryset._filtered_by_child_of = child_of
        return queryset


class PageTranslations:
    """`meta.translations` of the pages of one response.

    A page's translations are the other pages with its `translation_key` that this request
    may see (live, visible, of this site, in a content language): `[{locale, id, html_url}]`,
    in the order of `CONTENT_LANGUAGES`. An untranslated page lists none.

    Kept in this process per page, what this request may see and site (`core.memo`), until any
    page changes (`lists`) or what decides visibility does (`everything`): a detail and every
    listing showing a page share its entry, and the pages no entry is kept for are read in
    one query for all of them.
    """

    def __init__(self, request: HttpRequest, visible: QuerySet, pages, site_key=None) -> None:
        self.request = request
        self.visible = visible
        self.pages = pages
        self.site_key = site_key
        self._by_page: dict | None = None

    def of(self, page: Page) -> list[dict]:
        if self._by_page is None:
            self._by_page = self._load()
        # Each translation's URL is made when it is listed (never for the page itself).
        return [
            {
                "locale": translation.locale.language_code,
                "id": translation.pk,
                "html_url": page_html_url(translation, self.request),
            }
            for translation in self._by_page.get(page.pk, ())
        ]

    def _load(self) -> dict[int, tuple[Page, ...]]:
        pages = {page.pk: page.translation_key for page in self.pages}
        if not pages:
            return {}
        visibility = shared_visibility(self.request)
        if visibility is None:
            return self._read(pages)
        keys = {
            ("translations", key, pk, visibility, self.site_key): pk for pk, key in pages.items()
        }

        def load_missing(missing: list[tuple]) -> dict[tuple, tuple[Page, ...]]:
            found = self._read({keys[key]: pages[keys[key]] for key in missing})
            return {key: found[keys[key]] for key in missing}

        kept = memoised_many(self.request, keys, load_missing, tokens=(EVERYTHING, LISTS))
        return {keys[key]: translations for key, translations in kept.items()}

    def _read(self, pages: dict[int, object]) -> dict[int, tuple[Page, ...]]:
        """The visible translations of `pages` ({pk: translation_key}), in one query."""
        order = {code: index for index, code in enumerate(content_language_codes())}
        by_key = defaultdict(list)
        for translation in (
            self.visible.filter(translation_key__in=set(pages.values()))
            .select_related("locale")
            .only("id", "translation_key", "url_path", "locale__language_code")
        ):
            by_key[translation.translation_key].append(translation)
        for translations in by_key.values():
            translations.sort(key=lambda page: order.get(page.locale.language_code, len(order)))
        return {
            pk: tuple(translation for translation in by_key[key] if translation.pk != pk)
            for pk, key in pages.items()
        }


class PageTranslationsField(Field):
    """`meta.translations`: `[{"locale": "vi", "id": 42, "html_url": "…/vi/…"}]`."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        translations = getattr(self.context["view"], "translations", None)
        return translations.of(page) if translations is not None else []

    def openapi_schema(self) -> dict:
        """Its shape in the content API's document (core.content_schema)."""
        return array(
            obj(
                {
                    "locale": string(enum=content_language_codes()),
                    "id": integer(),
                    "html_url": nullable(string(format="uri")),
                }
            ),
            "The same page in its other languages; empty when there is none.",
        )


class PageHtmlUrlField(WagtailPageHtmlUrlField):
    """`meta.html_url` from `core.pages` for every page, typed listing or not (a plain `Page`
    row would otherwise get Wagtail's own URL), with the request caching the site roots.

    Kept in the process per page path, language and host (`core.memo`): a URL is made from
    those and the sites' root paths, whose every change replaces the `everything` token;
    Wagtail reverses the page-serving route for every page of every answer."""

    def to_representation(self, page):
        return page_html_url(page, self.context.get("request"))


def page_html_url(page: Page, request: HttpRequest | None) -> str | None:
    """`page_full_url`, kept in this process per page path, language and host (`core.memo`)."""
    if request is None:
        return page_full_url(page, request)
    key = ("html-url", page.pk, page.url_path, get_language(), request.get_host())
    return memoised(request, key, lambda: page_full_url(page, request))


class NestedPageMixin:
    """`parent` and `alias_of` nest a page in the shape Wagtail gives them, but serialised by
    Toto's `PageSerializer` (so their `html_url` is the same as everywhere else)."""

    def to_representation(self, value):
        serializer_class = nested_page_serializer(value.__class__)
        return serializer_class(context=self.context).to_representation(value)


@functools.cache
def nested_page_serializer(model) -> type:
    """The serializer of a nested page (`parent`, `alias_of`), made once per page type."""
    return with_prebuilt_fields(
        get_serializer_class(
            model,
            ["id", "type", "detail_url", "html_url", "title"],
            meta_fields=["type", "detail_url", "html_url"],
            base=PageSerializer,
        )
    )


class PrebuiltFieldsMixin:
    """DRF builds a model serializer's fields from the model for every serializer it makes
    (labels, help texts and validators translated each time): a sixth of a lesson's detail.
    Built once per serializer class here, and copied for each serializer: a field without
    fields of its own (no `child`, `child_relation` or `fields`) as a shallow copy, which is
    all binding it to this serializer changes (its name, parent and source); DRF's deep copy
    re-creates every field from its arguments."""

    def get_fields(self):
        cls = type(self)
        prebuilt = cls.__dict__.get("_prebuilt_fields")
        if prebuilt is None:
            prebuilt = cls._prebuilt_fields = super().get_fields()
        return {
            name: copy.copy(field) if _flat(field) else copy.deepcopy(field)
            for name, field in prebuilt.items()
        }


def _flat(field) -> bool:
    return not any(hasattr(field, name) for name in ("child", "child_relation", "fields"))


def with_prebuilt_fields(serializer_class: type) -> type:
    return type(serializer_class.__name__, (PrebuiltFieldsMixin, serializer_class), {})


class PageParentField(NestedPageMixin, WagtailPageParentField):
    def get_attribute(self, instance):
        # The parent if this request may see it, in one query (Wagtail reads it, then asks),
        # or none when the detail's own query found it already.
        view = self.context.get("view")
        known = getattr(view, "_visible_parent", UNKNOWN)
        if known is not UNKNOWN and getattr(view, "_cached_object", None) is instance:
            return known
        parent_path = instance.path[: -instance.steplen]
        return self.context["base_queryset"].filter(path=parent_path).first()


class PageAliasOfField(NestedPageMixin, WagtailPageAliasOfField):
    pass


class DetailUrlField(WagtailDetailUrlField):
    """`meta.detail_url`, reversed once per page type and answer (Wagtail reverses the URL of
    every item of a listing), then completed with each page's id."""

    SAMPLE_ID = 987654321987654

    def get_attribute(self, instance):
        templates = self.context.setdefault("_detail_url_templates", {})
        model = type(instance)
        if model not in templates:
            url = get_object_detail_url(
                self.context["router"], self.context["request"], model, self.SAMPLE_ID
            )
            templates[model] = url.rpartition(str(self.SAMPLE_ID)) if url else None
        template = templates[model]
        if template is None:
            raise SkipField
        before, _sample, after = template
        return f"{before}{instance.pk}{after}"


class PageSerializer(WagtailPageSerializer):
    detail_url = DetailUrlField(read_only=True)
    html_url = PageHtmlUrlField(read_only=True)
    parent = PageParentField(read_only=True)
    alias_of = PageAliasOfField(read_only=True)
    translations = PageTranslationsField(read_only=True)


def page_find_by_html_path(queryset: QuerySet, request: HttpRequest, html_path: str):
    """`find?html_path=`: the page at a page URL's path, its language prefix included
    (`/vi/ngu-phap/…` routes in the Vietnamese tree; no prefix, or `/en/`, in English).
    None when nothing visible is there."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    language, path = language_prefix_split(html_path)
    root = site.root_page
    if language is not None and language != root.locale.language_code:
        root = Page.objects.filter(
            translation_key=root.translation_key, locale__language_code=language
        ).first()
        if root is None:
            return None
    components = [component for component in path.split("/") if component]
    try:
        page, _args, _kwargs = root.specific.route(request, components)
    except Http404:
        return None
    return page if queryset.filter(id=page.id).exists() else None


def replace_filters(filter_backends: list, replacements: dict) -> list:
    return [replacements.get(backend, backend) for backend in filter_backends]


class RankedSearchFilter(SearchFilter):
    """`?search=` of a page listing ranked on the search index alone where it can be
    (`core.search`), else Wagtail's."""

    def filter_queryset(self, request, queryset, view):
        if view.action == "listing_view" and isinstance(queryset, QuerySet):
            ranked = ranked_search(request, queryset)
            if ranked is not None:
                return ranked
        return super().filter_queryset(request, queryset, view)


STRICT_FILTERS = {FieldsFilter: StrictFieldsFilter, LocaleFilter: StrictLocaleFilter}


class PublicContentMixin:
    """Content is public, but a signed-in member's JWT is honoured: Wagtail then serves them
    the pages whose view restriction they pass (logged-in users, or their groups)."""

    # Authentication is the project's default (REST_FRAMEWORK settings): core names no app.
    permission_classes = [AllowAny]

    def get_renderer_context(self):
        # Compact JSON. Wagtail indents by four spaces: a third of a lesson's bytes, and only
        # Python's slow encoder indents (the C one writes compact JSON, five times faster).
        context = super().get_renderer_context()
        context["indent"] = None
        return context


@functools.lru_cache(maxsize=512)
def serializer_class_for(viewset, router, model, fields: str | None, show_details: bool):
    """The serializer class of one request shape (Wagtail builds a new one per request)."""
    try:
        config = parse_fields_parameter(fields) if fields is not None else []
    except ValueError as error:
        raise BadRequestError(f"fields error: {error}") from error
    return with_prebuilt_fields(
        viewset._get_serializer_class(router, model, config, show_details=show_details)
    )


def with_related_shown(queryset: QuerySet, shown: set[str], *, one: bool = False) -> QuerySet:
    """`queryset` with the `api_select_related` / `api_prefetch_related` of its model that the
    shown fields use: a listing of titles loads no cover image and no rendition.

    No renditions are prefetched unless image URLs are signed: `core.media` keeps what an
    image shows in each process, and reads the renditions itself when it does not know them
    yet (for a listing, of all its images at once: `ImageRenditionsField.prepare_many`). A
    detail reads them per image, as it shows them."""
    model = queryset.model
    renditions_kept = one or not images_signed()
    # Not the locale: the viewset puts it on its pages from this process's memory.
    related = [name for name in getattr(model, "api_select_related", ()) if name != "locale"]
    select = [name for name in related if name.split("__")[0] in shown]
    prefetch = [
        name
        for name in getattr(model, "api_prefetch_related", ())
        if name.split("__")[0] in shown and not (renditions_kept and name.endswith("__renditions"))
    ]
    # A lesson body not shown is not read (nor parsed) either.
    unshown = [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, StreamField) and field.name not in shown
    ]
    if unshown:
        queryset = queryset.defer(*unshown)
    if select:
        queryset = queryset.select_related(*select)
    if prefetch:
        queryset = queryset.prefetch_related(*prefetch)
    return queryset


class MemoisedSerializersMixin:
    """Serializer classes made once per request shape (fields, page type, listing or detail)."""

    def shown_fields(self, model, *, detail: bool) -> set[str]:
        """The names of the fields this request's answer shows for `model`."""
        fields = self.request.GET.get("fields")
        router = self.request.wagtailapi_router
        return set(serializer_class_for(type(self), router, model, fields, detail).Meta.fields)

    def get_serializer_class(self):
        if self.action == "listing_view":
            model = self.get_queryset().model
        else:
            model = type(self.get_object())
        return serializer_class_for(
            type(self),
            self.request.wagtailapi_router,
            model,
            self.request.GET.get("fields"),
            self.action != "listing_view",
        )


class StrictParametersMixin:
    """Checks that apply to every content endpoint before Wagtail looks at the parameters."""

    pagination_class = Pagination

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                raise BadRequestError(f"null characters are not allowed in '{name.strip()}'")
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")

    def find_object(self, queryset, request):
        object_id = request.GET.get("id")
        if object_id is not None and not object_id.isdigit():
            raise BadRequestError("id must be a positive integer")
        return super().find_object(queryset, request)

    def detail_view(self, request, pk):
        # Ids beyond a bigint are no page (SQLite would fail on them rather than find none).
        if int(pk) > MAX_OFFSET:
            raise Http404("No such object.")
        return super().detail_view(request, pk)

    def handle_exception(self, exc):
        # Wagtail answers `{"message": ...}` itself; the project's handler shapes every error.
        return APIView.handle_exception(self, exc)


class PagesAPIViewSet(
    CachedAnswersMixin,
    PublicContentMixin,
    StrictParametersMixin,
    MemoisedSerializersMixin,
    WagtailPagesAPIViewSet,
):
    """Wagtail's pages endpoint, with lesson bodies in detail only and listings kept cheap.

    A lesson body can hold dozens of blocks and images, so listings (cards, menus) leave it out
    and the detail view sends it. A page model may name `api_select_related` and
    `api_prefetch_related` so that a typed listing (`?type=lessons.LessonPage`) fetches related
    rows in a fixed number of queries, whatever the `limit`.
    """

    filter_backends = replace_filters(
        WagtailPagesAPIViewSet.filter_backends, {**STRICT_FILTERS, SearchFilter: RankedSearchFilter}
    )
    detail_only_fields = [*WagtailPagesAPIViewSet.detail_only_fields, "body"]
    answers_per_page = True  # core.response_cache: a detail shows one page
    base_serializer_class = PageSerializer
    meta_fields = [*WagtailPagesAPIViewSet.meta_fields, "translations"]
    listing_default_fields = [*WagtailPagesAPIViewSet.listing_default_fields, "translations"]

    def get_base_queryset(self):
        # Wagtail builds this several times per request (queryset, filters, serializer
        # context), each time re-reading every view restriction and the site's translations.
        if getattr(self, "_base_queryset", None) is None:
            self._base_queryset = self._visible_here(Page)
        return self._base_queryset.all()

    def _visible_here(self, model: type[Page]) -> QuerySet:
        """The pages of `model` this request may see, of the requested site, in a content
        language.

        The queryset (not its rows) is kept in this process per what the request may see, site
        and languages: it is made of the visibility rules, the locales and the site's roots,
        whose every change replaces the `everything` token, and building its conditions costs
        more than running it."""
        languages = tuple(content_language_codes())
        site = self._site()

        def build() -> QuerySet:
            # A language taken out of CONTENT_LANGUAGES keeps its pages, unpublished here.
            # (Their ids, kept in memory: no subquery for PostgreSQL, nor to compile, each time.)
            visible = pages_visible(self.request, model).filter(
                locale_id__in=[
                    locale.pk
                    for locale in locales_by_id(self.request).values()
                    if locale.language_code in languages
                ]
            )
            return self._site_scoped(visible)

        visibility = shared_visibility(self.request)
        if visibility is None:
            return build()
        key = ("visible-here", model, visibility, site and site.pk, languages)
        return memoised(self.request, key, build)

    def get_serializer(self, *args, **kwargs):
        # The translations of every page about to be serialised, read in one query when the
        # first `meta.translations` is asked for (never, with `fields=-translations`).
        instance = args[0] if args else kwargs.get("instance")
        pages = instance if kwargs.get("many") else [instance]
        if instance is not None:
            # Their locales (`meta.locale`) from this process's memory, not joined to each row.
            locales = locales_by_id(self.request)
            for page in pages:
                if not Page.locale.is_cached(page) and page.locale_id in locales:
                    page.locale = locales[page.locale_id]
        site = self._site()
        self.translations = PageTranslations(
            self.request,
            SimpleLazyObject(self.get_base_queryset),
            pages if instance is not None else [],
            site.pk if site is not None else None,
        )
        serializer = super().get_serializer(*args, **kwargs)
        if kwargs.get("many") and instance is not None:
            # What a listing's fields read for all of its items at once (its images'
            # renditions), before the first item is serialised.
            for field in serializer.child.fields.values():
                if hasattr(field, "prepare_many"):
                    field.prepare_many(instance)
        return serializer

    def get_serializer_context(self):
        # Wagtail's, with the visible pages built only if a field asks for them (a detail
        # whose parent and translations this process knows never does).
        context = WagtailBaseAPIViewSet.get_serializer_context(self)
        context["base_queryset"] = SimpleLazyObject(self.get_base_queryset)
        return context

    def find_object(self, queryset, request):
        if "html_path" in request.GET:
            return page_find_by_html_path(queryset, request, request.GET["html_path"])
        return super().find_object(queryset, request)

    def _site(self) -> Site | None:
        """The requested site (`?site=`, else the request's host); None when none matches."""
        try:
            return site_for_request(self.request, self.request.GET.get("site"))
        except Http404 as error:
            raise BadRequestError("site doesn't exist") from error
        except ValueError as error:
            raise BadRequestError(str(error)) from error

    def _site_scoped(self, queryset):
        """The pages of the requested site and of its translations; none when no site
        matches, as in Wagtail."""
        site = self._site()
        if site is None:
            return queryset.none()
        return queryset.filter(under_any(queryset, site_roots(self.request, site)))

    def get_queryset(self):
        if self.action != "listing_view":
            return super().get_queryset()  # a detail loads its page itself (get_object)
        # Built once per listing: Wagtail asks for it, and so does the serializer's class.
        if getattr(self, "_listing_queryset", None) is None:
            queryset = self._one_type_visible()
            if queryset is None:
                queryset = super().get_queryset()
            shown = self.shown_fields(queryset.model, detail=False)
            self._listing_queryset = with_related_shown(queryset, shown)
        return self._listing_queryset.all()

    def _one_type_visible(self) -> QuerySet | None:
        """With `?type=` naming one page type, the visible pages of that type, found with the
        visibility conditions on its own query (Wagtail looks for its pages among the ids of
        the visible pages: a subquery to build, compile and run). None otherwise, or for a
        type that does not exist (Wagtail's answer, a 400)."""
        try:
            models = page_models_from_string(self.request.GET.get("type") or "")
        except (LookupError, ValueError):
            return None
        return self._visible_here(models[0]) if len(models) == 1 else None

    def get_object(self):
        # The page in one or two queries (its type among the pages this request sees, then its
        # row with what its fields show), where Wagtail reads the base row and then the specific.
        if (
            self.action == "detail_view"
            and not hasattr(self, "_cached_object")
            and "search" not in self.request.GET
        ):
            lookup = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
            if set(self.request.GET) <= PRESENTATION_PARAMETERS:
                self._cached_object = self._visible_page_get(int(lookup))
            else:
                queryset = self.filter_queryset(self.get_queryset())
                content_type = queryset.filter(pk=lookup).values_list("content_type", flat=True)
                content_type = content_type.first()
                if content_type is None:
                    raise Http404("No Page matches the given query.")
                self._cached_object = self._specific_get(content_type, lookup)
        return super().get_object()

    def _specific_get(self, content_type: int, lookup):
        model = ContentType.objects.get_for_id(content_type).model_class() or Page
        shown = self.shown_fields(model, detail=True)
        specific = with_related_shown(model._default_manager.all(), shown, one=True)
        pk = int(lookup)
        found = read_with_kept_sql(
            specific.filter(pk=pk).order_by()[:1],
            self.request,
            ("detail-sql", model, frozenset(shown)),
            (EVERYTHING,),
            params=(pk,),
        )
        if not found:
            raise Http404("No Page matches the given query.")
        return found[0]

    def _passes_here(self, page: Page) -> bool:
        """`page` (loaded) is among `get_base_queryset()`: visible to this request
        (`core.visibility.page_passes`), in a content language, under the requested site."""
        if not page_passes(self.request, page):
            return False
        languages = set(content_language_codes())
        locale = locales_by_id(self.request).get(page.locale_id)
        if locale is None or locale.language_code not in languages:
            return False
        site = self._site()
        if site is None:
            return False
        return any(
            page.path.startswith(root.path) and page.depth >= root.depth
            for root in site_roots(self.request, site)
        )

    def _visible_page_get(self, pk: int):
        """A detail without filters: the page's row if this request may see it, in one query.

        Where it sits in the tree (its type and path) and its parent as this request sees it
        (`meta.parent`) are kept in this process (`core.memo`): a page keeps its type, its path
        changes only when it moves, and its parent is a section, whose every change, like any
        move or visibility change, replaces the `everything` token. Whether the page itself is
        visible is asked of the database every time, with its row."""
        located = memoised(
            self.request,
            ("page-at", pk),
            lambda: Page.objects.filter(pk=pk).values_list("content_type", "path").first(),
            keep=lambda found: found is not None,
        )
        if located is None:
            raise Http404("No Page matches the given query.")
        content_type, path = located
        page = self._specific_get(content_type, pk)
        if not self._passes_here(page):
            raise Http404("No Page matches the given query.")
        parent_path = path[: -Page.steplen]
        site = self._site()

        def parent() -> Page | None:
            return (
                self.get_base_queryset().filter(path=parent_path).first() if parent_path else None
            )

        visibility = shared_visibility(self.request)
        self._visible_parent = (
            parent()
            if visibility is None
            else memoised(
                self.request, ("visible-parent", parent_path, visibility, site and site.pk), parent
            )
        )
        return page


def media_in_use(request, model) -> QuerySet:
    """Ids (as text, the reference index's type) of the `model` objects used by a page this
    request may see, according to Wagtail's reference index.

    The index records what a page's stored row refers to (its fields, StreamField blocks and
    rich text); a live page's row holds its live content, so an image chosen only in a draft
    or used only by pages this request may not see, is not "in use" for it.
    """
    visible_page_ids = pages_visible(request).annotate(id_text=Cast("pk", CharField()))
    return ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=visible_page_ids.values("id_text"),
        to_content_type=ContentType.objects.get_for_model(model),
    ).values("to_object_id")


class MediaInUseMixin:
    """Lists, finds and serves only media used by pages this request may see: an image
    uploaded for a draft, or a document kept for a restricted page, stays out of the API."""

    def get_queryset(self):
        queryset = super().get_queryset()
        model = queryset.model
        in_use = model.objects.annotate(id_text=Cast("pk", CharField())).filter(
            id_text__in=media_in_use(self.request, model)
        )
        # Listings show each item's tags: one query for all of them.
        return queryset.filter(pk__in=in_use.values("pk")).prefetch_related("tags")


class PrefetchedTagsField(TagsField):
    """Tags read from the listing's prefetch (Wagtail's field queries once per item)."""

    def to_representation(self, value):
        return sorted(tag.name for tag in value.all())


def with_prefetched_tags(serializer_class: type) -> type:
    class Serializer(serializer_class):
        def build_property_field(self, field_name, model_class):
            field_class, kwargs = super().build_property_field(field_name, model_class)
            return (PrefetchedTagsField if field_class is TagsField else field_class), kwargs

    Serializer.__name__ = serializer_class.__name__
    return Serializer


class ImagesAPIViewSet(
    CachedAnswersMixin,
    PublicContentMixin,
    StrictParametersMixin,
    MemoisedSerializersMixin,
    MediaInUseMixin,
    WagtailImagesAPIViewSet,
):
    filter_backends = replace_filters(WagtailImagesAPIViewSet.filter_backends, STRICT_FILTERS)
    base_serializer_class = with_prefetched_tags(WagtailImagesAPIViewSet.base_serializer_class)


class DocumentsAPIViewSet(
    CachedAnswersMixin,
    PublicContentMixin,
    StrictParametersMixin,
    MemoisedSerializersMixin,
    MediaInUseMixin,
    WagtailDocumentsAPIViewSet,
):
    filter_backends = replace_filters(WagtailDocumentsAPIViewSet.filter_backends, STRICT_FILTERS)
    base_serializer_class = with_prefetched_tags(WagtailDocumentsAPIViewSet.base_serializer_class)


class PagePreviewAPIViewSet(PagesAPIViewSet):
    """`/api/v2/page_preview/?content_type=lessons.lessonpage&token=…`: the draft revision an
    editor's Preview handed to the app, in exactly the shape of a page detail (exercises still
    without their answers). The signed token is the only credential; it names one revision and
    expires (`core.preview`). Answers are never cached anywhere.
    """

    preview_parameters = frozenset(
        ["content_type", "token", "fields", "rich_text_format", "format", "_"]
    )

    def listing_view(self, request):
        unknown = set(request.GET) - self.preview_parameters
        if unknown:
            raise BadRequestError(
                "query parameter is not an operation or a recognised field: "
                + ", ".join(sorted(unknown))
            )
        missing = [name for name in ("content_type", "token") if not request.GET.get(name)]
        if missing:
            raise BadRequestError(" and ".join(missing) + " required")
        # The detail's fields (body included) and serializer.
        self.action = "detail_view"
        serializer = self.get_serializer(self.get_object())
        return Response(serializer.data, headers={"Cache-Control": "no-store"})

    def get_object(self):
        if not hasattr(self, "_cached_object"):
            self._cached_object = page_preview_revision_get(
                token=self.request.GET["token"], content_type=self.request.GET["content_type"]
            )
        return self._cached_object

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "listing_view"}), name="listing")]

    @classmethod
    def openapi_operations(cls, schema, route: str) -> dict | None:
        """Its one route, in the content API's document (core.content_schema)."""
        if route != "listing":
            return None
        return schema.page_answer_operation(
            "page_preview",
            summary="An editor's draft, in the shape of a page in full",
            parameters={
                "content_type": "The page type in lower case, e.g. `lessons.lessonpage`.",
                "token": "The short-lived token the admin's Preview handed to the app.",
            },
            errors=(400, 404, 410),
        )
