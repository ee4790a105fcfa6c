"""Page links inside rich text lead where learners read the page (`core.pages.page_full_url`):
the app, or Toto's built-in rendering when there is no app. The content API's rich text
(`WAGTAILAPI_RICH_TEXT_FORMAT = "html"`) and Toto's own rendering both expand links with it,
so a link in a lesson and that page's `meta.html_url` are the same URL."""

from django.utils.html import escape
from wagtail.rich_text.pages import PageLinkHandler

from core.pages import page_full_url


class AppPageLinkHandler(PageLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        links = []
        for page in cls.get_many(attrs_list):
            url = page_full_url(page.localized) if page is not None else None
            links.append(f'<a href="{escape(url)}">' if url else "<a>")
        return links
