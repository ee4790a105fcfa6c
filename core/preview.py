"""Preview tokens: how an editor's Preview hands one draft revision to the learner app.

The admin's Preview offers "In the app" when `APP_PREVIEW_URL` is set: it opens
`APP_PREVIEW_URL?content_type=lessons.lessonpage&token=…`, and the app reads the draft from
`/api/v2/page_preview/` with the same two parameters (the parameters wagtail-headless-preview
uses, so app code written for it works unchanged).

The token is signed with the server's secret and names exactly one revision and its page type;
it expires after `APP_PREVIEW_TOKEN_MAX_AGE` seconds. Nothing is stored: a token cannot be
guessed, forged or stretched to another revision, and an expired one simply stops working.
"""

from django.conf import settings
from django.core import signing
from django.http import Http404
from django.utils.http import urlencode
from rest_framework import exceptions, status
from wagtail.models import Page, Revision

SALT = "toto.page-preview"


class PreviewExpired(exceptions.APIException):
    status_code = status.HTTP_410_GONE
    default_detail = "This preview has expired; press Preview in the admin again for a new one."
    default_code = "preview_expired"


def page_content_type_label(page: Page) -> str:
    """`lessons.lessonpage`: the page type as the preview parameters name it."""
    return f"{page._meta.app_label}.{page._meta.model_name}"


def page_preview_token_make(revision: Revision) -> str:
    page = revision.content_object
    payload = {"revision": revision.pk, "content_type": page_content_type_label(page.specific)}
    return signing.dumps(payload, salt=SALT, compress=True)


def page_preview_url(revision: Revision) -> str:
    """Where the app shows this revision (needs `APP_PREVIEW_URL`)."""
    token = page_preview_token_make(revision)
    content_type = page_content_type_label(revision.content_object.specific)
    base = settings.APP_PREVIEW_URL
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}{urlencode({'content_type': content_type, 'token': token})}"


def page_preview_revision_get(*, token: str, content_type: str) -> Page:
    """The page as saved in the token's revision; `PreviewExpired` or `Http404` otherwise."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=settings.APP_PREVIEW_TOKEN_MAX_AGE)
    except signing.SignatureExpired as error:
        raise PreviewExpired() from error
    except signing.BadSignature as error:
        raise Http404("No preview matches this token.") from error
    if payload.get("content_type") != content_type.lower():
        raise Http404("No preview matches this token.")
    revision = (
        Revision.objects.page_revisions()
        .select_related("content_type")
        .filter(pk=payload.get("revision"))
        .first()
    )
    if revision is None:
        raise Http404("No preview matches this token.")
    page = revision.as_object()
    if page_content_type_label(page) != payload["content_type"]:
        raise Http404("No preview matches this token.")
    return page
