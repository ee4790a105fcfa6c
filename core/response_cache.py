"""Answers of the public content API, cached in Redis and validated by ETags.

Apps read lessons far more often than editors change them, so a content answer is rendered
once and then served from the cache (django-redis), until a change makes it stale.

**Keys.** An answer is stored under a digest of what can change it: the endpoint, the path, the
query (sorted by name), the host and scheme (absolute URLs and `?site=` lookups follow them),
the active language, the `Origin` (CORS headers name it), the version of Toto's code and of the
settings behind an answer's headers, and what the request may see: anonymous
requests share one key; a member's token adds the view restrictions the member does *not*
pass (`core.visibility.restrictions_unpassed`), so members who see the same pages share
answers and nobody is ever served what their token does not open.

**Invalidation: generations.** Every stored answer records the generation tokens it was built
under, and is served only while they are all current (one MGET reads the tokens and the
answer together; only the tokens when this process keeps a copy of the answer in its memory,
`LocalAnswers`). A change replaces the tokens it affects (`content_changed`):

- `everything`: every answer. View restrictions, sites, locales, images, documents, their
  tags, moves, and any change to a page with subpages (its children show it as `parent`, its
  whole section goes on- or offline with it, their URLs follow its slug).
- `lists`: listings, `find`, search, images and documents (which list what live pages use).
  Bumped by every page change.
- `page:<id>`: the detail answers of one page. A change to a page without subpages bumps its
  own token, those of its translations (their `meta.translations`) and of the pages whose
  content links to it (Wagtail's reference index), and `lists`; every other page's detail
  stays cached.

Tokens are replaced, not incremented: a Redis that lost its data starts from fresh random
tokens that no stored answer carries. Tokens change immediately (so the same transaction, and
a test, reads fresh answers) and again when the transaction commits (so an answer rendered
from the old rows in between is never served afterwards). Readers read the tokens before the
database, so an answer is always stored under tokens at least as old as its data.

**HTTP validators.** Every cacheable answer carries a strong `ETag` (a digest of its body) and
`Cache-Control: public, max-age=0, must-revalidate` (`private` when a token was sent), with
`Vary: Authorization, Accept-Encoding`; `If-None-Match` with a current ETag answers `304 Not
Modified`, from the cache without rendering anything. A CDN in front may store public answers and
revalidate them.

**Compression.** A stored answer of 512 bytes or more is also kept gzipped (compressed once, when
stored) and sent so to clients whose `Accept-Encoding` names gzip, with a weak `W/` ETag, as
Django's GZipMiddleware would: apps download a tenth of the bytes and nobody compresses per request.

**Without Redis.** When Redis cannot be reached, answers are rendered and not stored (the cache
backend ignores the failure, `core.cache`). A process that could not replace a token says so
in the log and replaces `everything` as soon as Redis answers again; stored answers also
expire after `CONTENT_API_CACHE_TIMEOUT` seconds whatever happens. With the embedded default's
local-memory cache nothing is stored (`CONTENT_API_CACHE` is off): each process would keep
its own copy, and another process (a scheduled publish) could not make it stale. ETags and 304s
work either way.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import secrets
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache as memoise
from pathlib import Path

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string

from core.latest_kept import LatestKept

logger = logging.getLogger(__name__)

PREFIX = "content-api"
EVERYTHING = f"{PREFIX}:everything"
LISTS = f"{PREFIX}:lists"
# A 200, or a `find`'s redirect to the detail it found.
CACHEABLE_STATUSES = frozenset({200, 302})
# Page fields a draft, a lock or a workflow step changes without touching what is published.
DRAFT_ONLY_FIELDS = frozenset(
    {
        "draft_title",
        "has_unpublished_changes",
        "latest_revision",
        "latest_revision_created_at",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def page_token(page_id: int) -> str:
    return f"{PREFIX}:page:{page_id}"


def enabled() -> bool:
    """Answers are stored (Redis); the embedded default's local memory is never used."""
    return bool(getattr(settings, "CONTENT_API_CACHE", False)) and tokens_shared()


def tokens_shared() -> bool:
    """Generation tokens live in a cache every process of the site sees."""
    return not isinstance(caches["default"], (LocMemCache, DummyCache))


def timeout() -> int:
    return int(getattr(settings, "CONTENT_API_CACHE_TIMEOUT", 60 * 60))


# Settings that shape the headers the middleware above the cache adds to an answer (CORS,
# Django's SecurityMiddleware): an answer stored under other values is never replayed.
HEADER_SETTINGS = (
    "CORS_ALLOW_ALL_ORIGINS",
    "CORS_ALLOW_CREDENTIALS",
    "CORS_ALLOWED_ORIGINS",
    "CORS_ALLOWED_ORIGIN_REGEXES",
    "CORS_EXPOSE_HEADERS",
    "CORS_URLS_REGEX",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_HSTS_SECONDS",
    "SECURE_REFERRER_POLICY",
    "SECURE_SSL_REDIRECT",
    "X_FRAME_OPTIONS",
)


@memoise
def code_version() -> str:
    """A digest of Toto's own code and of the settings behind an answer's headers: a new
    release, or a new CORS or security setting, never serves answers stored by the old."""
    digest = hashlib.blake2b(digest_size=8)
    digest.update(getattr(settings, "CONTENT_API_CACHE_VERSION", "").encode())
    digest.update(repr([getattr(settings, name, None) for name in HEADER_SETTINGS]).encode())
    base = Path(settings.BASE_DIR)
    for app in ("core", "lessons", "home", "members", "abroad", "toto_site"):
        for path in sorted((base / app).rglob("*.py")):
            if "migrations" not in path.parts:
                digest.update(path.read_bytes())
    return digest.hexdigest()


# --- generation tokens ------------------------------------------------------------------------


def _new_token() -> str:
    return secrets.token_hex(6)


class _Pending(threading.local):
    """A token this process could not replace (Redis down): replace `everything` later."""

    unconfirmed = False


_pending = _Pending()


def tokens_read(names: list[str], extra: Iterable[str] = ()) -> tuple[dict, dict] | None:
    """The current tokens of `names`, and the values of the `extra` keys, in one round trip;
    None when Redis cannot be asked (or tokens are not shared)."""
    if not tokens_shared():
        return None
    extra = list(extra)
    values = cache.get_many([*names, *extra])
    missing = [name for name in names if name not in values]
    if missing:
        # A fresh (or emptied) Redis, or one that does not answer: start from new tokens.
        for name in missing:
            cache.add(name, _new_token(), timeout=None)
        values.update(cache.get_many(missing))
        if any(name not in values for name in names):
            return None
    if _pending.unconfirmed:
        _pending.unconfirmed = False
        logger.warning("Redis answers again: every cached content answer is now stale")
        _replace([EVERYTHING])
        return tokens_read(names, extra)
    return {name: values[name] for name in names}, {key: values.get(key) for key in extra}


def _replace(names: Iterable[str]) -> None:
    mapping = {name: _new_token() for name in names}
    if not mapping or not tokens_shared():
        if not tokens_shared():
            cache.delete_many(list(mapping))
        return
    cache.set_many(mapping, timeout=None)
    if cache.get_many(list(mapping)) != mapping:
        _pending.unconfirmed = True
        logger.warning(
            "Could not mark cached content answers stale (Redis unreachable); they will be "
            "when Redis answers again, and expire within %s s meanwhile",
            timeout(),
        )


class _Changes(threading.local):
    """Tokens to replace again when the current transaction commits."""

    names: set[str] | None = None


_changes = _Changes()


def content_changed(*, everything: bool = False, pages: Iterable[int] = ()) -> None:
    """Make the cached answers a change affects stale: all of them (`everything`), or the
    listings and the detail answers of `pages`. Now, and again at commit."""
    names = {EVERYTHING} if everything else {LISTS, *(page_token(pk) for pk in pages)}
    _replace(names)
    if not connection.in_atomic_block:
        return
    if _changes.names is None:
        _changes.names = set()

        def replace_again() -> None:
            pending, _changes.names = _changes.names, None
            _replace(pending or ())

        transaction.on_commit(replace_again)
    _changes.names |= names


# --- what a request may see -------------------------------------------------------------------


ANONYMOUS = "anonymous"


def visibility_key(request) -> str:
    """What decides which pages this request sees: the restrictions it does not pass."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    from core.visibility import restrictions_unpassed

    return "unpassed:" + ",".join(str(pk) for pk in restrictions_unpassed(request))


# --- answers ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stored:
    """An answer as stored: the tokens it was built under, and the response (its body also
    gzipped, once, for the clients that accept it)."""

    tokens: tuple[tuple[str, str], ...]
    status: int
    etag: str
    content: bytes
    headers: tuple[tuple[str, str], ...]
    gzipped: bytes = b""

    def current(self, tokens: dict[str, str]) -> bool:
        return all(tokens.get(name) == value for name, value in self.tokens)

    @property
    def size(self) -> int:
        return len(self.content) + len(self.gzipped)


# Never replayed from a stored answer: set per request, or by the middleware outside the cache.
HEADERS_NOT_STORED = frozenset({"set-cookie", "content-length"})
# Smaller bodies are sent as they are (gzip's header and a round trip outweigh the bytes saved).
GZIP_MIN_BYTES = 512
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
DETAIL_PATH = re.compile(r"/(\d+)/$")


def etag_of(content: bytes) -> str:
    return '"' + hashlib.blake2b(content, digest_size=16).hexdigest() + '"'


def etag_matches(request: HttpRequest, etag: str) -> bool:
    header = request.META.get("HTTP_IF_NONE_MATCH")
    if not header:
        return False
    if header.strip() == "*":
        return True
    return etag in (tag.strip().removeprefix("W/") for tag in header.split(","))


def storable_request(request: HttpRequest) -> bool:
    """A read whose answer may be shared: a GET for JSON (the browsable API renders HTML for
    people), without a browser session (which could hold a passed password restriction)."""
    return (
        request.method in ("GET", "HEAD")
        and request.GET.get("format", "json") == "json"
        and "text/html" not in request.META.get("HTTP_ACCEPT", "")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def answer_key(request: HttpRequest, visibility: str, layer: str) -> str:
    """Everything an answer depends on besides the database (see the module docstring). The
    language is keyed by what the request says (header, cookie), before it is resolved."""
    parts = [
        code_version(),
        layer,
        request.path,
        repr(sorted(request.GET.lists())),
        request.get_host(),
        request.scheme,
        request.META.get("HTTP_ACCEPT_LANGUAGE", ""),
        request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, ""),
        # CORS headers name the origin a browser sent.
        request.META.get("HTTP_ORIGIN", ""),
        visibility,
    ]
    digest = hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()
    return f"{PREFIX}:answer:{digest}"


def validators_set(response: HttpResponse, etag: str, private: bool) -> HttpResponse:
    response["ETag"] = etag
    response["Cache-Control"] = (
        "private" if private else "public"
    ) + ", max-age=0, must-revalidate"
    # A stored answer is sent gzipped to clients that accept it (`stored_response`).
    patch_vary_headers(response, ("Authorization", "Accept-Encoding"))
    return response


def not_modified(response: HttpResponse) -> HttpResponse:
    """The 304 for a 200: its validators and Vary, no body."""
    answer = HttpResponseNotModified()
    for name in ("ETag", "Cache-Control", "Vary", "Content-Language"):
        if name in response:
            answer[name] = response[name]
    return answer


# The headers a 304 repeats from its 200 (`not_modified`), lower-cased.
NOT_MODIFIED_HEADERS = frozenset({"etag", "cache-control", "vary", "content-language"})


def stored_response(stored: Stored, request: HttpRequest) -> HttpResponse:
    gzipped = bool(stored.gzipped) and bool(
        ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    )
    if stored.etag and etag_matches(request, stored.etag):
        # The 304 straight from what is stored: the full response is never built.
        answer = HttpResponseNotModified()
        for name, value in stored.headers:
            if name.lower() in NOT_MODIFIED_HEADERS:
                answer[name] = value
    else:
        content = stored.gzipped if gzipped else stored.content
        answer = HttpResponse(content, status=stored.status)
        for name, value in stored.headers:
            answer[name] = value
        answer["Content-Length"] = str(len(content))
    if gzipped:
        # Another encoding of the same answer: its tag weakened, as Django's GZipMiddleware
        # does (If-None-Match compares tags weakly, so either revalidates).
        answer["Content-Encoding"] = "gzip"
        answer["ETag"] = "W/" + stored.etag
    return answer


def stored_from(response: HttpResponse, tokens: dict[str, str], names) -> Stored:
    headers = tuple(
        (name, value) for name, value in response.items() if name.lower() not in HEADERS_NOT_STORED
    )
    compressible = (
        response.status_code == 200
        and len(response.content) >= GZIP_MIN_BYTES
        and not response.has_header("Content-Encoding")
        and "Accept-Encoding" in response.get("Vary", "")
    )
    return Stored(
        tuple((name, tokens[name]) for name in names),
        response.status_code,
        response.get("ETag", ""),
        response.content,
        headers,
        compress_string(response.content) if compressible else b"",
    )


class LocalAnswers:
    """The answers this process served last, kept in its memory (least recently used out first,
    at most `CONTENT_API_LOCAL_CACHE_BYTES` of bodies): a hit then reads only the generation
    tokens from Redis, a few bytes, instead of the whole answer. The tokens are still read on
    every request, so a copy kept here is served exactly when the one in Redis would be, and a
    change in any process makes it stale at once."""

    def __init__(self) -> None:
        self._answers = LatestKept(self.limit(), weight=lambda stored: stored.size)
        self._lock = threading.Lock()

    @staticmethod
    def limit() -> int:
        return int(getattr(settings, "CONTENT_API_LOCAL_CACHE_BYTES", 32 * 1024 * 1024))

    def get(self, key: str) -> Stored | None:
        with self._lock:
            return self._answers.get(key)

    def put(self, key: str, stored: Stored) -> None:
        limit = self.limit()
        with self._lock:
            self._answers.discard(key)
            if stored.size > limit // 4:
                return  # one answer never pushes out most of the others
            self._answers.budget = limit
            self._answers.keep(key, stored)

    def discard(self, key: str) -> None:
        with self._lock:
            self._answers.discard(key)

    def clear(self) -> None:
        with self._lock:
            self._answers.clear()


local_answers = LocalAnswers()


def lookup(request: HttpRequest, key: str, names: list[str]) -> Stored | None:
    """The stored answer under `key` if it is current; reads the tokens of `names` (and those
    the answer names) into the request either way, in one round trip when they are known.
    A current copy kept in this process (`local_answers`) costs only the tokens' read."""
    local = local_answers.get(key)
    if local is not None:
        read = tokens_read(list(dict.fromkeys([*names, *(name for name, _ in local.tokens)])))
    else:
        read = tokens_read(names, [key])
    if read is None:
        return None
    tokens, extra = read
    request._content_tokens = tokens
    request._content_answer_key = key
    if local is not None:
        if local.current(tokens):
            return local
        # Stale here; another process may have stored the fresh one already.
        local_answers.discard(key)
        stored = cache.get(key)
    else:
        stored = extra[key]
    if not isinstance(stored, Stored):
        return None
    missing = [name for name, _ in stored.tokens if name not in tokens]
    if missing:
        more = tokens_read(missing)
        tokens.update(more[0] if more else {})
    if stored.current(tokens):
        local_answers.put(key, stored)
        return stored
    return None


def store(key: str, stored: Stored) -> None:
    """Keep an answer in Redis for every process, and in this one's memory."""
    cache.set(key, stored, timeout=timeout())
    local_answers.put(key, stored)


class ContentAnswerCacheMiddleware:
    """Anonymous reads of the content API answered from the cache before the rest of the
    middleware, the URL resolver and DRF run, and their final responses stored on the way out,
    with every header the middleware below added (CORS, security, language). Put it first
    (after the health probes): a hit then costs one Redis round trip and little else. What the
    middleware below reads of a request to shape its headers is in the key (scheme, host,
    Origin) or in `code_version` (their settings).

    Only answers the view marked (`CachedAnswersMixin`) are stored; requests with a token go
    through to the view, which caches them per visibility (`CachedAnswersMixin.dispatch`).
    """

    paths = ("/api/v2/", "/api/schema/content/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            not request.path_info.startswith(self.paths)
            or "HTTP_AUTHORIZATION" in request.META
            or not storable_request(request)
            or not enabled()
        ):
            return self.get_response(request)
        key = answer_key(request, ANONYMOUS, "final")
        names = [EVERYTHING, LISTS]
        detail = DETAIL_PATH.search(request.path_info)
        if detail:
            names.append(page_token(int(detail.group(1))))
        stored = lookup(request, key, names)
        if stored is not None:
            return stored_response(stored, request)
        response = self.get_response(request)
        mark = getattr(response, "_content_answer", None)
        tokens = getattr(request, "_content_tokens", None)
        if (
            mark is not None
            and tokens is not None
            and getattr(request, "_content_answer_key", None) == key
            and response.status_code in CACHEABLE_STATUSES
            and not response.has_header("Set-Cookie")
            and all(name in tokens for name in mark)
        ):
            stored = stored_from(response, tokens, mark)
            store(key, stored)
            return stored_response(stored, request)  # gzipped, for a client that accepts it
        return response


def answer(
    request: HttpRequest,
    *,
    names: list[str],
    visibility: Callable[[], str],
    private: bool,
    render: Callable[[], HttpResponse],
) -> HttpResponse:
    """A content answer rendered by `render()`, with its validators (and its 304), marked for
    `ContentAnswerCacheMiddleware` when anonymous; a member's is looked up and stored here, per
    `visibility()`, since the middleware cannot know what the member's token opens."""
    key = None
    if private and storable_request(request) and enabled():
        # The tokens first: the visibility key and the answer are then read under them.
        tokens = current_tokens(request, names)
        if tokens is not None:
            key = answer_key(request, visibility(), "view")
            stored = local_answers.get(key)
            if stored is None or not stored.current(tokens):
                stored = cache.get(key)
            if isinstance(stored, Stored) and stored.current(tokens):
                local_answers.put(key, stored)
                return stored_response(stored, request)
    elif not getattr(request, "_content_answer_key", None) and enabled():
        # Not seen by the middleware (a test's settings, another stack): still read the
        # tokens first, so the visibility rule and the answer agree on them.
        current_tokens(request, names)

    response = render()
    if response.status_code not in CACHEABLE_STATUSES or "no-store" in response.get(
        "Cache-Control", ""
    ):
        return response
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    if response.status_code == 200:
        validators_set(response, etag_of(response.content), private)
    tokens = getattr(request, "_content_tokens", None)
    if tokens is not None and all(name in tokens for name in names):
        if key is not None:
            stored = stored_from(response, tokens, names)
            store(key, stored)
            return stored_response(stored, request)
        elif not private:
            response._content_answer = names
    if response.has_header("ETag") and etag_matches(request, response["ETag"]):
        return not_modified(response)
    return response


def current_tokens(request, names: list[str]) -> dict[str, str] | None:
    """The tokens of `names` as this request sees them (read once per request, and kept on
    Django's request, under DRF's too)."""
    request = getattr(request, "_request", request)
    known = getattr(request, "_content_tokens", None)
    if known is not None and all(name in known for name in names):
        return known
    # The two every request may need (`core.memo` keeps values under both), in the same read.
    read = tokens_read(list(dict.fromkeys([*names, EVERYTHING, LISTS])))
    if read is None:
        return None
    tokens, _ = read
    if request is not None:
        # The values read first stay: what this request read under them is stored under them
        # (a change in between then makes its answer stale at once, never the reverse).
        request._content_tokens = tokens = {**tokens, **(known or {})}
    return tokens


# --- the content API's viewsets -----------------------------------------------------------------


class CachedAnswersMixin:
    """For a Wagtail API viewset: every answer through `answer`, with the tokens of what it
    shows (a page's detail: that page's; anything else: `lists`)."""

    # Page endpoints: a detail answer depends on one page (and `everything`).
    answers_per_page = False

    def dispatch(self, request, *args, **kwargs):
        action = self.action_map.get(request.method.lower(), "")
        if self.answers_per_page and action == "detail_view" and "pk" in kwargs:
            names = [EVERYTHING, page_token(kwargs["pk"])]
        else:
            names = [EVERYTHING, LISTS]
        private = "HTTP_AUTHORIZATION" in request.META

        def visibility() -> str:
            # Authenticate now (DRF would, a moment later): the member's groups decide.
            self._prepared_request = self.initialize_request(request, *args, **kwargs)
            try:
                return visibility_key(self._prepared_request)
            except Exception:
                # A token DRF refuses: it authenticates again when it renders, and answers
                # the failure (401); nothing is stored.
                self._prepared_request = None
                return "not-authenticated"

        return answer(
            request,
            names=names,
            visibility=visibility,
            private=private,
            render=lambda: super(CachedAnswersMixin, self).dispatch(request, *args, **kwargs),
        )

    def initialize_request(self, request, *args, **kwargs):
        prepared = getattr(self, "_prepared_request", None)
        if prepared is not None and prepared._request is request:
            return prepared
        return super().initialize_request(request, *args, **kwargs)


def cached_answers(view: Callable, names: tuple[str, ...] = (EVERYTHING,)) -> Callable:
    """A plain Django view whose answers are the same for everyone (the content schema),
    cached and validated like the content API's: stale when the `names` tokens change."""

    @functools.wraps(view)
    def answered(request, *args, **kwargs):
        return answer(
            request,
            names=list(names),
            visibility=lambda: ANONYMOUS,
            private=False,
            render=lambda: view(request, *args, **kwargs),
        )

    return answered


# --- which changes make which answers stale -----------------------------------------------------


def _page_ids_affected(page) -> set[int]:
    """A page, its translations and the pages whose content links to it."""
    from wagtail.models import Page, ReferenceIndex

    ids = {page.pk}
    if getattr(page, "translation_key", None) is not None:
        ids |= set(
            Page.objects.filter(translation_key=page.translation_key).values_list("pk", flat=True)
        )
    page_type = ReferenceIndex._get_base_content_type(page)
    ids |= {
        int(object_id)
        for object_id in ReferenceIndex.objects.filter(
            to_content_type_id=page_type, to_object_id=str(page.pk), base_content_type=page_type
        ).values_list("object_id", flat=True)
        if str(object_id).isdigit()
    }
    return ids


def page_before_save(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    if raw or instance.pk is None or _draft_only(update_fields):
        return
    from wagtail.models import Page

    instance._content_api_before = (
        Page.objects.filter(pk=instance.pk).values("url_path", "numchild", "live").first()
    )


def _draft_only(update_fields) -> bool:
    return update_fields is not None and set(update_fields) <= DRAFT_ONLY_FIELDS


def _structural(instance, before: dict | None, *, added_or_removed: bool) -> bool:
    """Whether a page change reaches beyond the page: every answer is then stale.

    - a section (a page with subpages): its children show it as `parent`, its section goes
      on- or offline with it, their URLs follow its slug;
    - a page whose URL changed (moved, or a new slug): its subpages' URLs did too;
    - a page added under, or removed from, a page that is not live: that page becomes (or
      stops being) an offline section, which the visibility rule keeps in memory;
    - a site's root page or one of its translations: the sites' page trees (`core.memo`).
    """
    from wagtail.models import Page, Site

    if instance.numchild or (before is not None and before["numchild"]):
        return True
    if before is not None and before["url_path"] != instance.url_path:
        return True
    if added_or_removed:
        parent_path = instance.path[: -instance.steplen]
        parent_live = Page.objects.filter(path=parent_path).values_list("live", flat=True)
        if parent_live.first() is False:
            return True
    root_keys = Site.objects.values_list("root_page__translation_key", flat=True)
    return instance.translation_key in set(root_keys)


def page_saved(sender, instance, created=False, raw=False, update_fields=None, **kwargs) -> None:
    if raw or _draft_only(update_fields):
        return
    before = getattr(instance, "_content_api_before", None)
    instance._content_api_before = None
    if _structural(instance, before, added_or_removed=created):
        content_changed(everything=True)
    else:
        # Listings, its own detail, and those of its translations and of the pages linking
        # to it.
        content_changed(pages=_page_ids_affected(instance))


def page_deleted(sender, instance, **kwargs) -> None:
    if _structural(instance, None, added_or_removed=True):
        content_changed(everything=True)
    else:
        content_changed(pages=_page_ids_affected(instance))


def page_published(sender, instance, **kwargs) -> None:
    # Publishing saves the page (page_saved); the signal covers a publish that would not.
    page_saved(sender, instance)


def everything_changed(sender=None, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    content_changed(everything=True)


def tagged_item_changed(sender, instance, **kwargs) -> None:
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    model = instance.content_type.model_class() if instance.content_type_id else None
    if model is not None and issubclass(model, (get_image_model(), get_document_model())):
        content_changed(everything=True)


def header_setting_changed(sender, setting, **kwargs) -> None:
    """A CORS or security setting changed in this process (a test's `override_settings`)."""
    if setting in HEADER_SETTINGS:
        code_version.cache_clear()


def invalidation_signals_connect() -> None:
    """Connect every change that can make a content answer stale (from `CoreConfig.ready`)."""
    from django.contrib.auth.models import Group
    from django.test.signals import setting_changed

    setting_changed.connect(header_setting_changed, dispatch_uid="content-api-header-settings")
    from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
    from taggit.models import TaggedItem
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import (
        CollectionViewRestriction,
        Locale,
        Page,
        PageViewRestriction,
        Site,
        get_page_models,
    )
    from wagtail.signals import page_published as wagtail_page_published
    from wagtail.signals import page_unpublished, post_page_move

    for model in {Page, *get_page_models()}:
        uid = f"content-api-{model._meta.label_lower}"
        pre_save.connect(page_before_save, sender=model, dispatch_uid=f"{uid}-pre")
        post_save.connect(page_saved, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(page_deleted, sender=model, dispatch_uid=f"{uid}-deleted")
    wagtail_page_published.connect(page_published, dispatch_uid="content-api-published")
    page_unpublished.connect(page_published, dispatch_uid="content-api-unpublished")
    post_page_move.connect(everything_changed, dispatch_uid="content-api-moved")
    for model in (
        PageViewRestriction,
        CollectionViewRestriction,
        Site,
        Locale,
        get_image_model(),
        get_document_model(),
    ):
        uid = f"content-api-{model._meta.label_lower}"
        post_save.connect(everything_changed, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(everything_changed, sender=model, dispatch_uid=f"{uid}-deleted")
    for through in (PageViewRestriction.groups.through, CollectionViewRestriction.groups.through):
        m2m_changed.connect(
            everything_changed, sender=through, dispatch_uid=f"content-api-{through._meta.label}"
        )
    # A group's deletion removes it from restrictions without an m2m signal.
    post_delete.connect(everything_changed, sender=Group, dispatch_uid="content-api-group")
    post_save.connect(tagged_item_changed, sender=TaggedItem, dispatch_uid="content-api-tag")
    post_delete.connect(tagged_item_changed, sender=TaggedItem, dispatch_uid="content-api-untag")


__all__ = [
    "EVERYTHING",
    "LISTS",
    "CachedAnswersMixin",
    "ContentAnswerCacheMiddleware",
    "answer",
    "cached_answers",
    "content_changed",
    "current_tokens",
    "invalidation_signals_connect",
    "page_token",
]
