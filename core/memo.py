"""What every content request needs and editors rarely change, kept in each process.

View restrictions, offline sections, sites and their root pages are read by every request
(Wagtail reads them from the database or the cache each time, several times per request).
Each process keeps them for as long as the content API's `everything` generation token is
unchanged (`core.response_cache`): every change to any of them replaces that token, in every
process at once, and the next request reads them again. Without shared tokens (the embedded
default, or Redis down) they are read every time, as before.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.conf import settings
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.http.request import split_domain_port
from wagtail.models import Locale, Page, Site
from wagtail.models.sites import get_site_for_hostname

from core.response_cache import EVERYTHING, LISTS, current_tokens

T = TypeVar("T")
K = TypeVar("K")


class _Memo(threading.local):
    def __init__(self) -> None:
        # Per set of token names: (their values when loaded, {key: value}).
        self.kept: dict[tuple[str, ...], tuple[tuple[str, ...], dict]] = {}


_memo = _Memo()
# Values of a few hundred bytes (an image's renditions, a page's place in the tree): at most
# some megabytes per process; past that the memory starts again.
KEPT_PER_TOKENS = 20_000


def memoised(
    request: HttpRequest | None,
    key,
    load: Callable[[], T],
    tokens: tuple[str, ...] = (EVERYTHING,),
    *,
    keep: Callable[[T], bool] | None = None,
) -> T:
    """`load()`, kept in this process while the generation `tokens` hold (and, given `keep`,
    only a value it accepts: a lookup that found nothing may find something later without any
    of the tokens changing)."""
    values = _kept(request, tokens)
    if values is None:
        return load()
    if key in values:
        return values[key]
    value = load()
    if keep is None or keep(value):
        _room_for(tokens, values, 1)[key] = value
    return value


def memoised_many(
    request: HttpRequest | None,
    keys: Iterable[K],
    load_missing: Callable[[list[K]], dict[K, T]],
    tokens: tuple[str, ...] = (EVERYTHING,),
) -> dict[K, T]:
    """`{key: value}` for `keys`, as `memoised` keeps them, where `load_missing(keys)` reads
    the values of the keys this process does not know, all at once (one query for a listing's
    twenty items, none when it knows them all). A key it finds no value for is left out of
    both its answer and this one."""
    keys = list(dict.fromkeys(keys))
    values = _kept(request, tokens)
    if values is None:
        return load_missing(keys) if keys else {}
    found = {key: values[key] for key in keys if key in values}
    missing = [key for key in keys if key not in found]
    if missing:
        loaded = load_missing(missing)
        _room_for(tokens, values, len(loaded)).update(loaded)
        found.update(loaded)
    return found


def memos_kept(request: HttpRequest | None, tokens: tuple[str, ...] = (EVERYTHING,)) -> bool:
    """Whether this process keeps values under `tokens` for `request` (not without shared
    tokens: the embedded default, or Redis down)."""
    return _kept(request, tokens) is not None


def _kept(request: HttpRequest | None, tokens: tuple[str, ...]) -> dict | None:
    """The values kept under `tokens` as this request sees them; None without shared tokens.

    Found once per request and set of tokens (a listing asks for each of its items), for as
    long as the request's tokens are the ones read (`current_tokens` replaces them when it
    reads again)."""
    django_request = getattr(request, "_request", request)
    found = getattr(django_request, "_memo_kept", None)
    if found is not None and tokens in found:
        read, values = found[tokens]
        if read is getattr(django_request, "_content_tokens", None):
            return values
    current = current_tokens(request, list(tokens))
    if current is None:
        return None
    snapshot = tuple(current[name] for name in tokens)
    kept = _memo.kept.get(tokens)
    if kept is None or kept[0] != snapshot:
        # Read before the rows: what is kept under a token is never newer than it.
        kept = _memo.kept[tokens] = (snapshot, {})
    if django_request is not None:
        if found is None:
            found = django_request._memo_kept = {}
        found[tokens] = (current, kept[1])
    return kept[1]


def _room_for(tokens: tuple[str, ...], values: dict, count: int) -> dict:
    """`values`, emptied when `count` more would not fit (the same dict: a request holds it)."""
    if len(values) + count > KEPT_PER_TOKENS:
        values.clear()
    return values


def shared_visibility(request: HttpRequest) -> str | None:
    """The part of a memo's key that says which pages `request` sees (`visibility_key`), or
    None when it cannot be shared: a browser's session may have passed a password restriction,
    which no key names."""
    from core.response_cache import visibility_key

    if settings.SESSION_COOKIE_NAME in getattr(request, "COOKIES", {}):
        return None
    return visibility_key(request)


# Parameters that page through or shape a listing without changing how many items it has.
NOT_COUNTED = frozenset({"limit", "offset", "fields", "format", "_", "rich_text_format", "order"})


def listing_count(request: HttpRequest, count: Callable[[], int]) -> int:
    """`count()` of a listing, kept until any content changes (`lists`) or what this request
    may see does (`everything`): the count is the one read of a listing that grows with the
    content (a hundred thousand lessons take PostgreSQL tens of milliseconds to count), and
    apps page through the same listing again and again."""
    visibility = shared_visibility(request)
    if visibility is None:
        return count()
    key = (
        "count",
        request.path,
        tuple(
            sorted(
                (name, tuple(values))
                for name, values in request.GET.lists()
                if name not in NOT_COUNTED
            )
        ),
        request.get_host(),
        visibility,
    )
    return memoised(request, key, count, tokens=(EVERYTHING, LISTS))


def site_for_request(request: HttpRequest, site: str | None = None) -> Site | None:
    """The site `?site=hostname[:port]` names (Http404 when none does), else the request's, as
    Wagtail's `SiteFilterValidator` finds it."""
    if site:
        hostname, _, port = site.partition(":")
        query = {"hostname": hostname, **({"port": port} if port else {})}

        def load_named() -> list[Site]:
            return list(Site.objects.filter(**query)[:2])

        found = memoised(request, ("site", hostname, port), load_named)
        if not found:
            raise Http404("No Site matches the given query.")
        if len(found) > 1:
            raise ValueError(
                "Your query returned multiple sites. Try adding a port number to your site filter."
            )
        return found[0]
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()

    def load() -> Site | None:
        try:
            return get_site_for_hostname(hostname, port)
        except Site.DoesNotExist:
            return None

    found = memoised(request, ("site-for", hostname, port), load)
    # Wagtail's own lookups on this request (URLs, routing) find it without a query.
    django_request = getattr(request, "_request", request)
    django_request._wagtail_site = found
    site_root_paths_keep(django_request)
    return found


def site_root_paths_keep(request: HttpRequest) -> None:
    """Put the sites' root paths, which every page URL of an answer starts from, on `request`
    (where `Page.get_url_parts` looks first) from this process's memory: Wagtail reads them
    from the cache, a Redis round trip per request."""
    if not hasattr(request, "_wagtail_cached_site_root_paths"):
        request._wagtail_cached_site_root_paths = memoised(
            request, "site-root-paths", Site.get_site_root_paths
        )


def site_roots(request: HttpRequest, site: Site) -> list[Page]:
    """The site's root page and, with translations on, the root pages of its translations."""

    def load() -> list[Page]:
        roots = Page.objects.filter(pk=site.root_page_id)
        if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            # The root and its translations, in one query.
            key = Page.objects.filter(pk=site.root_page_id).values("translation_key")
            roots = Page.objects.filter(translation_key__in=key)
        return list(roots.only("path", "depth"))

    return memoised(request, ("site-roots", site.pk), load)


def locales_by_id(request: HttpRequest) -> dict[int, Locale]:
    """Every locale, by id."""
    return memoised(
        request, "locales", lambda: {locale.pk: locale for locale in Locale.objects.all()}
    )


def under_any(queryset, roots: list[Page]) -> Q:
    """Pages at or under any of `roots`."""
    condition = Q()
    for root in roots:
        condition |= queryset.descendant_of_q(root, inclusive=True)
    return condition
