"""The site root of each language."""

from django.utils.translation import gettext_lazy as _
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.pages import AppPageMixin


class HomePage(AppPageMixin, Page):
    """The root of a language's curriculum: its children are the lesson categories."""

    intro = RichTextField(_("intro"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, "intro"]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["lessons.CategoryPage"]
    template = "home/home_page.html"
    # The admin lists the categories in curriculum (tree) order, the order learners see.
    admin_default_ordering = "ord"

    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        # Imported here: core.visibility reaches the API modules, which need the models loaded.
        from core.visibility import pages_visible

        context = super().get_context(request, *args, **kwargs)
        context["children"] = (
            pages_visible(request).child_of(self).specific().order_by("path")
            if self.pk is not None
            else []
        )
        return context
