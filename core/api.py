"""Wagtail API v2 viewsets for the content the apps read.

Wagtail's stock viewsets answer most bad query parameters with a 400, but a few inputs reach
the database unchecked and end in a 500: a NUL character in any value (PostgreSQL refuses
it), an `offset` beyond PostgreSQL's bigint, an unparseable date in a field filter, an
unknown `search_operator`, a non-numeric `id` for `find`. They also answer an unknown
`locale` or `site` with a 404 as if the endpoint were missing. The viewsets here turn all of
those into 400s, and answer every error in the API's one shape (`core.exceptions`).

Which pages a request sees is `core.visibility.pages_visible`, scoped to the requested site.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView
from wagtail.api.v2.filters import FieldsFilter, LocaleFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet
from wagtail.api.validators import SiteFilterValidator
from wagtail.documents.api.v2.views import DocumentsAPIViewSet as WagtailDocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet as WagtailImagesAPIViewSet
from wagtail.models import Locale

from core.pagination import MAX_OFFSET
from core.visibility import pages_visible

__all__ = ["DocumentsAPIViewSet", "ImagesAPIViewSet", "PagesAPIViewSet"]

SEARCH_OPERATORS = ("and", "or")


class Pagination(WagtailPagination):
    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        if offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class StrictFieldsFilter(FieldsFilter):
    """Field filters (`?difficulty=beginner`) whose unparseable values are a 400, never a 500."""

    def filter_queryset(self, request, queryset, view):
        try:
            return super().filter_queryset(request, queryset, view)
        except (ValidationError, ValueError, TypeError) as error:
            messages = error.messages if isinstance(error, ValidationError) else [str(error)]
            raise BadRequestError("field filter error. " + " ".join(messages)) from error


class StrictLocaleFilter(LocaleFilter):
    """`?locale=xx` for a language the site does not have is a bad parameter, not a 404."""

    def filter_queryset(self, request, queryset, view):
        language_code = request.GET.get("locale")
        if (
            language_code is not None
            and not Locale.objects.filter(language_code=language_code).exists()
        ):
            known = ", ".join(
                Locale.objects.order_by("language_code").values_list("language_code", flat=True)
            )
            raise BadRequestError(f"unknown locale '{language_code}' (known: {known})")
        return super().filter_queryset(request, queryset, view)


def replace_filters(filter_backends: list, replacements: dict) -> list:
    return [replacements.get(backend, backend) for backend in filter_backends]


STRICT_FILTERS = {FieldsFilter: StrictFieldsFilter, LocaleFilter: StrictLocaleFilter}


class PublicContentMixin:
    """Content is public, but a signed-in member's JWT is honoured: Wagtail then serves them
    the pages whose view restriction they pass (logged-in users, or their groups)."""

    # Authentication is the project's default (REST_FRAMEWORK settings): core names no app.
    permission_classes = [AllowAny]


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


class PagesAPIViewSet(PublicContentMixin, StrictParametersMixin, WagtailPagesAPIViewSet):
    """Wagtail's pages endpoint, with lesson bodies in detail only and listings kept cheap.

    A lesson body can hold dozens of blocks and images, so listings (cards, menus) leave it out
    and the detail view sends it. A page model may name `api_select_related` and
    `api_prefetch_related` so that a typed listing (`?type=lessons.LessonPage`) fetches related
    rows in a fixed number of queries, whatever the `limit`.
    """

    filter_backends = replace_filters(WagtailPagesAPIViewSet.filter_backends, STRICT_FILTERS)
    detail_only_fields = [*WagtailPagesAPIViewSet.detail_only_fields, "body"]

    def get_base_queryset(self):
        # Wagtail builds this several times per request (queryset, filters, serializer
        # context), each time re-reading every view restriction and the site's translations.
        if getattr(self, "_base_queryset", None) is None:
            self._base_queryset = self._site_scoped(pages_visible(self.request))
        return self._base_queryset.all()

    def _site_scoped(self, queryset):
        """The pages of the requested site (`?site=`, else the request's host) and of its
        translations; none when no site matches, as in Wagtail."""
        try:
            site = SiteFilterValidator(site=self.request.GET.get("site"), request=self.request)
            site = site.site_obj
        except Http404 as error:
            raise BadRequestError("site doesn't exist") from error
        except ValueError as error:
            raise BadRequestError(str(error)) from error
        if site is None:
            return queryset.none()
        scoped = queryset.descendant_of(site.root_page, inclusive=True)
        if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            for translation in site.root_page.get_translations():
                scoped |= queryset.descendant_of(translation, inclusive=True)
        return scoped

    def get_queryset(self):
        queryset = super().get_queryset()
        model = queryset.model
        # Every page has a locale and listings show it, typed or not.
        select_related = dict.fromkeys(["locale", *getattr(model, "api_select_related", ())])
        prefetch_related = getattr(model, "api_prefetch_related", ())
        queryset = queryset.select_related(*select_related)
        if prefetch_related:
            queryset = queryset.prefetch_related(*prefetch_related)
        return queryset


class ImagesAPIViewSet(PublicContentMixin, StrictParametersMixin, WagtailImagesAPIViewSet):
    filter_backends = replace_filters(WagtailImagesAPIViewSet.filter_backends, STRICT_FILTERS)


class DocumentsAPIViewSet(PublicContentMixin, StrictParametersMixin, WagtailDocumentsAPIViewSet):
    filter_backends = replace_filters(WagtailDocumentsAPIViewSet.filter_backends, STRICT_FILTERS)
