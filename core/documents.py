"""Documents on object storage are served by links that expire, never by their bare address.

Wagtail's /documents/<id>/<name> checks the document's collection view restrictions, then (on
S3) redirects to `file.url`: an unsigned, permanent address that works for anyone once it has
been seen, were the bucket's `documents/` prefix public. Here the redirect goes to a presigned
URL of the `signed_media` storage instead (DOCUMENT_URL_MAX_AGE seconds), so that prefix stays
private. With local files (`make run`) Wagtail streams the file itself and nothing changes.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import storages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect


def signed_document_redirect(document, request: HttpRequest) -> HttpResponse | None:
    if _has_local_path(document.file) or "signed_media" not in settings.STORAGES:
        return None  # Wagtail streams a local file itself
    response = HttpResponseRedirect(storages["signed_media"].url(document.file.name))
    # The link expires: neither the browser nor a CDN may keep the redirect longer than it.
    response["Cache-Control"] = "private, no-store"
    return response


def _has_local_path(file) -> bool:
    try:
        return bool(file.path)
    except NotImplementedError:  # object storage
        return False
