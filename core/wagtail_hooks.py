from wagtail import hooks

from core.rich_text import AppPageLinkHandler


# After Wagtail's own registration of the "page" link type (order 0), which this replaces.
@hooks.register("register_rich_text_features", order=100)
def register_app_page_links(features):
    features.register_link_type(AppPageLinkHandler)
