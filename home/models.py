"""The site root of each language."""

from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The root of a language's curriculum: its children are the lesson categories."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, "intro"]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["lessons.CategoryPage"]

    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = "home page"
