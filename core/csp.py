"""Content-Security-Policy for the pages people sign in to: Wagtail's and Django's admins.

django-csp writes the header (`CONTENT_SECURITY_POLICY` in settings); this middleware limits it
to the admin paths. The API answers JSON, which a browser never runs, and the interactive API
docs bring their own inline scripts; the admins are where an editor's session lives, so that is
where an injected script must find nothing it is allowed to run, load or send.

Scripts run only from this site's static files (`script-src 'self'`), with one exception:
Wagtail 8 still renders a few form widgets with an inline initialiser (`new ImageChooser("id_…",
{…});`, `initDateTimeChooser("id_…", {…});`). Those, and only those, are allowed by their hash,
per response: an inline script qualifies when it is exactly one call of one of Wagtail's known
initialisers with a field id and JSON options, so nothing injected into a page can pass as one.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re

from csp.middleware import CSPMiddleware
from django.http import HttpRequest, HttpResponseBase

ADMIN_PREFIXES = ("/admin/", "/django-admin/", "/_util/")

_INLINE_SCRIPT = re.compile(r"<script>(?P<code>.*?)</script>", re.S)
_WAGTAIL_WIDGET_INIT = re.compile(
    r"(?:new [A-Z][A-Za-z]*Chooser|init(?:Date|Time|DateTime)Chooser)"
    r"\((?P<id>\"[\w-]+\"), (?P<options>\{.*\})\);",
    re.S,
)


def _is_wagtail_widget_init(code: str) -> bool:
    match = _WAGTAIL_WIDGET_INIT.fullmatch(code)
    if match is None:
        return False
    try:
        return isinstance(json.loads(match["options"]), dict)
    except ValueError:
        return False


def wagtail_widget_script_hashes(html: str) -> list[str]:
    """CSP hash sources of the inline Wagtail widget initialisers in `html`."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        code = match["code"]
        if _is_wagtail_widget_init(code):
            digest = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
            hashes.append(f"'sha256-{digest}'")
    return sorted(set(hashes))


class AdminCSPMiddleware(CSPMiddleware):
    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if not request.path_info.startswith(ADMIN_PREFIXES):
            return response
        if not response.streaming and response.get("Content-Type", "").startswith("text/html"):
            hashes = wagtail_widget_script_hashes(response.content.decode(errors="replace"))
            if hashes:
                response._csp_update = {"script-src": hashes}
        return super().process_response(request, response)
