"""Wagtail API v2 viewsets for the content the apps read."""

from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

__all__ = ["DocumentsAPIViewSet", "ImagesAPIViewSet", "PagesAPIViewSet"]


class PagesAPIViewSet(WagtailPagesAPIViewSet):
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
