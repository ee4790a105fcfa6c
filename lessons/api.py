"""Wagtail API v2 viewsets for the content the apps read."""

from rest_framework.permissions import AllowAny
from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet as WagtailDocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet as WagtailImagesAPIViewSet

from members.authentication import SessionBoundJWTAuthentication


class PublicContentMixin:
    """Content is public, but a signed-in member's JWT is honoured: Wagtail then serves them
    the pages whose view restriction they pass (logged-in users, or their groups)."""

    authentication_classes = [SessionBoundJWTAuthentication]
    permission_classes = [AllowAny]


class ImagesAPIViewSet(PublicContentMixin, WagtailImagesAPIViewSet):
    pass


class DocumentsAPIViewSet(PublicContentMixin, WagtailDocumentsAPIViewSet):
    pass


class PagesAPIViewSet(PublicContentMixin, WagtailPagesAPIViewSet):
    """Wagtail's pages endpoint, with lesson bodies in detail only and listings kept cheap.

    A lesson body can hold dozens of blocks and images, so listings (cards, menus) leave it out
    and the detail view sends it. A page model may name `api_select_related` and
    `api_prefetch_related` so that a typed listing (`?type=lessons.LessonPage`) fetches related
    rows in a fixed number of queries, whatever the `limit`.
    """

    detail_only_fields = [*WagtailPagesAPIViewSet.detail_only_fields, "body"]

    def get_queryset(self):
        queryset = super().get_queryset()
        model = queryset.model
        select_related = getattr(model, "api_select_related", None)
        prefetch_related = getattr(model, "api_prefetch_related", None)
        if select_related:
            queryset = queryset.select_related(*select_related)
        if prefetch_related:
            queryset = queryset.prefetch_related(*prefetch_related)
        return queryset
