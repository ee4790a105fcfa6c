"""The Wagtail API v2 router: public, read-only content for the apps.

The router is named ``wagtailapi_v2`` so Wagtail's frontend-cache purging can reverse its URLs.
"""

from wagtail.api.v2.router import WagtailAPIRouter

from core.api import (
    DocumentsAPIViewSet,
    ImagesAPIViewSet,
    PagePreviewAPIViewSet,
    PagesAPIViewSet,
)

api_router = WagtailAPIRouter("wagtailapi_v2")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
# After "pages": the router links a page type to the first endpoint registered for it.
api_router.register_endpoint("page_preview", PagePreviewAPIViewSet)
