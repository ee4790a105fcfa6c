"""Creating a page in the admin: a new page exists once its editor saves it, and never twice.

Wagtail 8 autosaves the form of a new page as soon as it validates, and that first autosave
creates the page. Two things went wrong with it: a form opened and abandoned left a draft page
in the tree that nobody had saved, and a "Save draft" clicked while that autosave was under way
created the same page a second time, which failed with a 500 ("slug already in use").

So Toto's page types use `AppPageViewSet`, whose create view:

- does not autosave: the page is created by "Save draft", "Publish" or "Submit" only. Leaving
  the form with unsaved changes asks first (Wagtail's unsaved-changes warning). Once created,
  a page autosaves as usual: that only adds revisions to a page the editor chose to keep.
- creates pages one at a time under a parent: the parent's row is locked before the form is
  checked, so a second save of the same form (a double click, two tabs, an autosave from an
  old tab) waits for the first and then finds the slug taken: a form error, never a 500, never
  two pages.
"""

from django.db import transaction
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page


class PageCreateView(CreateView):
    def get(self, request):
        self.autosave_enabled = False
        return super().get(request)

    def post(self, request):
        self.autosave_enabled = False
        with transaction.atomic():
            Page.objects.select_for_update().get(pk=self.parent_page.pk)
            # Read after the lock: the slug check and treebeard's new path both go by the
            # parent's children, which a save that held the lock before may have changed.
            self.parent_page.refresh_from_db()
            return super().post(request)


class AppPageViewSet(PageViewSet):
    """The admin views of a Toto page type: Wagtail's, with `PageCreateView`."""

    add_view_class = PageCreateView
