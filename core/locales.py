"""The languages Toto speaks, from settings: content locales, URL prefixes, the request's language.

English is the source of all content; `settings.WAGTAIL_CONTENT_LANGUAGES` (the environment's
`CONTENT_LANGUAGES`) lists it and the learners' languages. Each one is:

- a Wagtail `Locale`, created after every `migrate` when missing (`locales_ensure`, connected
  in `CoreConfig.ready`). A language taken out of the setting keeps its Locale row (its pages
  stay in the database) but the content API no longer serves or accepts it.
- a prefix of page URLs: `/vi/grammar/…` for Vietnamese, none for English (`i18n_patterns` with
  `prefix_default_language=False` in `toto_site.urls`); `language_prefix_split` reads it back.
- a language of mails and API messages: the signed-in member's `language_preference`, else the
  request's `Accept-Language` (`LanguageMiddleware`, `language_activate`).
"""

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.urls import Resolver404, resolve
from django.utils import translation

__all__ = [
    "LanguageMiddleware",
    "content_language_codes",
    "default_language_code",
    "language_activate",
    "language_prefix_split",
    "locales_ensure",
]

# URLs without a language of their own: the API and sign-in (core.exceptions' prefixes; not
# imported from there, which loads DRF's settings and so the authentication importing this).
UNPREFIXED_PATHS = ("/api/", "/_allauth/")


def default_language_code() -> str:
    """The source language, which page URLs carry no prefix for."""
    return settings.LANGUAGE_CODE


def content_language_codes() -> list[str]:
    """Codes of the content languages, English (the source) first."""
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def content_language_choices() -> list[tuple[str, str]]:
    return list(settings.WAGTAIL_CONTENT_LANGUAGES)


def locales_ensure(*, using: str = "default", **kwargs) -> list[str]:
    """Create the `Locale` of every content language that has none; returns the codes created.

    A `post_migrate` receiver (so a fresh database, the test database and a language added to
    `CONTENT_LANGUAGES` all get their locales on the next `migrate`), and callable on its own.
    """
    from wagtail.models import Locale

    locales = Locale.objects.using(using)
    existing = set(locales.values_list("language_code", flat=True))
    missing = [code for code in content_language_codes() if code not in existing]
    locales.bulk_create([Locale(language_code=code) for code in missing])
    return missing


def language_prefix_split(path: str) -> tuple[str | None, str]:
    """`("vi", "/grammar/")` for `/vi/grammar/`; `(None, path)` when the path has no content
    language prefix. `/en/…` is accepted for English too, though its URLs carry none."""
    first, _slash, rest = path.lstrip("/").partition("/")
    if first in content_language_codes():
        return first, "/" + rest
    return None, path


def language_activate(request: HttpRequest | None, code: str | None) -> bool:
    """Speak `code` for the rest of this request (a member's preference); False, and nothing
    changes, when it is not a content language."""
    if not code or code not in content_language_codes():
        return False
    translation.activate(code)
    if request is not None:
        request.LANGUAGE_CODE = code
    return True


class LanguageMiddleware(LocaleMiddleware):
    """Django's `LocaleMiddleware`, except that only page URLs take their language from the path.

    With `prefix_default_language=False`, Django speaks English on every URL without a language
    prefix, whatever the request asks for. That is right for pages (`/grammar/…` is the English
    page) but not for URLs that have no language of their own — the API, sign-in, the admin:
    there the request's `Accept-Language` (or language cookie) chooses. A signed-in member's
    own preference is applied later, once the bearer token is read (`language_activate`).
    """

    def process_request(self, request: HttpRequest) -> None:
        path = request.path_info
        if translation.get_language_from_path(path) is not None or _serves_a_page(path):
            super().process_request(request)
            return
        translation.activate(translation.get_language_from_request(request, check_path=False))
        request.LANGUAGE_CODE = translation.get_language()


def _serves_a_page(path: str) -> bool:
    """Is `path` (without a language prefix) a page URL, served by Wagtail's catch-all?"""
    if path.startswith(UNPREFIXED_PATHS):
        return False
    with translation.override(settings.LANGUAGE_CODE):
        try:
            match = resolve(path)
        except Resolver404:
            return False
    return match.url_name == "wagtail_serve"


def translation_language_choices() -> list[tuple[str, str]]:
    """The languages content is translated into: every content language but the source.

    A callable, so a model field's choices follow the setting without a migration.
    """
    return [
        (code, name) for code, name in content_language_choices() if code != default_language_code()
    ]
