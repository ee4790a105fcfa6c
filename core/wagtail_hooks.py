from wagtail import hooks

from core.documents import signed_document_redirect
from core.rich_text import AppPageLinkHandler


# After Wagtail's own registration of the "page" link type (order 0), which this replaces.
@hooks.register("register_rich_text_features", order=100)
def register_app_page_links(features):
    features.register_link_type(AppPageLinkHandler)


# After Wagtail's own check of the collection's view restrictions (order 0).
@hooks.register("before_serve_document", order=100)
def serve_documents_by_expiring_links(document, request):
    return signed_document_redirect(document, request)
