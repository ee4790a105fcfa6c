"""`/`: a small landing page for people who open Toto's address in a browser."""

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from wagtail.models import Site

from core.pages import app_url
from core.visibility import pages_visible


def landing(request: HttpRequest) -> HttpResponse:
    site = Site.find_for_request(request)
    categories = []
    if site is not None and not app_url():
        # Without an app, Toto's own rendering is the way into the lessons.
        categories = pages_visible(request).child_of(site.root_page).specific().order_by("path")
    return TemplateResponse(
        request, "home/landing.html", {"app_url": app_url(), "children": categories}
    )
