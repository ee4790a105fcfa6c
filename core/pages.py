"""Pages are read in the learner app: their URLs lead there, and Toto shows them itself only
to editors (Preview) or when no app is configured.

- `page_url_parts` is the ONE place a page's public URL (where learners read it) is made: the
  app's address (`APP_URL`) plus the page's path, or Toto's own address (the default Site,
  kept in step with `WAGTAILADMIN_BASE_URL` by `home.sites`) when `APP_URL` is empty. The
  API's `meta.html_url` (of a page, its parent and its translations), page links in rich
  text and the redirects below all come from it.
- Wagtail's own `page.url` / `page.full_url` stay Toto's addresses (the admin's "View live",
  previews): every Toto page type mixes in `AppPageMixin`, so serving a page on Toto redirects
  to its URL in the app, or renders the page's template (the built-in rendering) when there is
  no app.
- Preview renders the same template for the editor, with the exercises' answers shown.
  With `APP_PREVIEW_URL` set, a second preview mode opens the app with a short-lived token for
  the page's latest revision (`core.preview`).
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Revision

from core.preview import page_preview_url

APP_PREVIEW_MODE = "app"


def app_url() -> str:
    """The learner app's base URL, without a trailing slash; "" when no app is configured."""
    return (settings.APP_URL or "").rstrip("/")


def page_url_parts(page: Page, request: HttpRequest | None = None) -> tuple | None:
    """`(site_id, root_url, path)` of `page` as learners reach it (see the module docstring).

    Wagtail's own answer gives the site and the path; only the root changes, to the app's.
    """
    parts = page.get_url_parts(request=request)
    if parts is None or parts[1] is None:
        return parts
    site_id, root_url, path = parts
    return site_id, app_url() or root_url, path


def page_full_url(page: Page, request: HttpRequest | None = None) -> str | None:
    """The absolute URL `page_url_parts` gives, for any page instance (a plain `Page` from a
    query too): `meta.translations` and anything else that lists pages of several types.

    Its path carries the page's language prefix (`/vi/…`; English has none): Wagtail reverses
    the page-serving URL, which `toto_site.urls` puts under `i18n_patterns`."""
    parts = page_url_parts(page, request)
    if parts is None or parts[1] is None or parts[2] is None:
        return None
    return parts[1] + parts[2]


class AppPageMixin:
    """Public URLs, serving and previews of a Toto page type (see the module docstring)."""

    def serve(self, request, *args, **kwargs):
        if app_url() and (url := page_full_url(self, request)):
            return redirect(url)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["show_answers"] = getattr(request, "is_preview", False)
        context["app_url"] = app_url()
        return context

    @property
    def preview_modes(self):
        modes = [("", _("As learners see it"))]
        if settings.APP_PREVIEW_URL:
            modes.append((APP_PREVIEW_MODE, _("In the learner app")))
        return modes

    def serve_preview(self, request, mode_name):
        if mode_name == APP_PREVIEW_MODE and settings.APP_PREVIEW_URL:
            return self.serve_app_preview(request)
        request.is_preview = True
        return TemplateResponse(
            request,
            self.get_preview_template(request, mode_name),
            self.get_preview_context(request, mode_name),
        )

    def serve_app_preview(self, request) -> HttpResponse:
        """Open the app on the page's latest revision: what autosave or "Save draft" last
        stored (for a page in review, the revision under review unless edited since)."""
        revision = None
        if self.pk is not None:
            revision = Revision.objects.for_instance(self).order_by("-created_at", "-pk").first()
        if revision is None:
            return TemplateResponse(
                request, "core/app_preview_unsaved.html", {"page": self}, status=200
            )
        return redirect(page_preview_url(revision))
