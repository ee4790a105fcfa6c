"""The one rule of which pages a request may see, used by the content API and the learner API.

A page is visible when it is live, not under a section taken offline (a draft, unpublished or
never-published page with subpages above it), and outside every view restriction the request
does not pass: "logged-in users" and group restrictions are checked against `request.user`
(set by the JWT authentication for API requests). Password restrictions cannot be passed
headless, so pages under them are never visible through the APIs.
"""

from django.http import HttpRequest
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet


def offline_sections() -> PageQuerySet:
    """Pages that are not live and have subpages: their subpages are offline with them.

    (depth > 1: the tree's root is no section, whatever its flag says.)
    """
    return Page.objects.filter(live=False, numchild__gt=0, depth__gt=1).only("path", "depth")


def restricted_sections(request: HttpRequest) -> list[Page]:
    """Pages whose view restriction this request does not pass."""
    return [
        restriction.page
        for restriction in PageViewRestriction.objects.select_related("page")
        if not restriction.accept_request(request)
    ]


def pages_visible(request: HttpRequest, model: type[Page] = Page) -> PageQuerySet:
    """Every page of `model` this request may see (not scoped to a site)."""
    queryset = model._default_manager.live()
    for section in restricted_sections(request):
        queryset = queryset.not_descendant_of(section, inclusive=True)
    for section in offline_sections():
        queryset = queryset.not_descendant_of(section)
    return queryset


def page_visible_get(request: HttpRequest, model: type[Page], page_id: int) -> Page | None:
    """The page `page_id` of `model` if this request may see it, else None."""
    return pages_visible(request, model).filter(pk=page_id).first()
