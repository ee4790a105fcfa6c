"""The one rule of which pages a request may see, used by the content API and the learner API.

A page is visible when it is live, not under a section taken offline (a draft, unpublished or
never-published page with subpages above it), and outside every view restriction the request
does not pass: "logged-in users" and group restrictions are checked against `request.user`
(set by the JWT authentication for API requests). Password restrictions cannot be passed
headless, so pages under them are never visible through the APIs.

The restrictions and offline sections are few and change rarely, while every request needs
them: each process keeps them in memory until a change replaces the content API's
`everything` generation token (`core.memo`, `core.response_cache`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.http import HttpRequest
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

from core.memo import memoised


def offline_sections() -> PageQuerySet:
    """Pages that are not live and have subpages: their subpages are offline with them.

    (depth > 1: the tree's root is no section, whatever its flag says.)
    """
    return Page.objects.filter(live=False, numchild__gt=0, depth__gt=1).only("path", "depth")


@dataclass(frozen=True)
class VisibilityRules:
    """The view restrictions (their pages and groups loaded) and the offline sections."""

    restrictions: tuple[PageViewRestriction, ...]
    group_ids: dict[int, frozenset[int]]
    offline: tuple[Page, ...]


def visibility_rules(request: HttpRequest | None = None) -> VisibilityRules:
    """The current rules, kept in this process while nothing changed them (`core.memo`)."""

    def load() -> VisibilityRules:
        restrictions = tuple(
            PageViewRestriction.objects.select_related("page").prefetch_related("groups")
        )
        return VisibilityRules(
            restrictions=restrictions,
            group_ids={r.pk: frozenset(group.pk for group in r.groups.all()) for r in restrictions},
            offline=tuple(offline_sections()),
        )

    return memoised(request, "visibility-rules", load)


def _user_group_ids(user) -> frozenset[int]:
    known = getattr(user, "_visibility_group_ids", None)
    if known is None:
        known = frozenset(user.groups.values_list("pk", flat=True))
        user._visibility_group_ids = known
    return known


def _passes(restriction: PageViewRestriction, rules: VisibilityRules, request) -> bool:
    """Wagtail's `accept_request`, with the groups read once per request."""
    if restriction.restriction_type == PageViewRestriction.GROUPS:
        user = request.user
        if user.is_superuser:
            return True
        return bool(rules.group_ids[restriction.pk] & _user_group_ids(user))
    return restriction.accept_request(request)


def restricted_sections(request: HttpRequest) -> list[Page]:
    """Pages whose view restriction this request does not pass."""
    rules = visibility_rules(request)
    return [r.page for r in rules.restrictions if not _passes(r, rules, request)]


def restrictions_unpassed(request: HttpRequest) -> tuple[int, ...]:
    """Ids of the view restrictions this request does not pass: requests with the same ids
    see the same pages."""
    rules = visibility_rules(request)
    return tuple(sorted(r.pk for r in rules.restrictions if not _passes(r, rules, request)))


def pages_visible(request: HttpRequest, model: type[Page] = Page) -> PageQuerySet:
    """Every page of `model` this request may see (not scoped to a site)."""
    queryset = model._default_manager.live()
    rules = visibility_rules(request)
    hidden = Q()
    for restriction in rules.restrictions:
        if not _passes(restriction, rules, request):
            hidden |= queryset.descendant_of_q(restriction.page, inclusive=True)
    for section in rules.offline:
        hidden |= queryset.descendant_of_q(section)
    return queryset.exclude(hidden) if hidden else queryset


def _descends(page: Page, other: Page, *, inclusive: bool) -> bool:
    """`page` is in `queryset.descendant_of_q(other, inclusive)`, for a row already loaded."""
    if not (page.path.startswith(other.path) and page.depth >= other.depth):
        return False
    return inclusive or page.pk != other.pk


def page_passes(request: HttpRequest, page: Page) -> bool:
    """Whether a page already loaded (its `live`, `path` and `depth`) is among
    `pages_visible(request)`: the same rule, asked of the row instead of the database, so a
    detail reads its page in a single query."""
    if not page.live:
        return False
    rules = visibility_rules(request)
    for restriction in rules.restrictions:
        if not _passes(restriction, rules, request) and _descends(
            page, restriction.page, inclusive=True
        ):
            return False
    return not any(_descends(page, section, inclusive=False) for section in rules.offline)


def page_visible_get(request: HttpRequest, model: type[Page], page_id: int) -> Page | None:
    """The page `page_id` of `model` if this request may see it, else None."""
    return pages_visible(request, model).filter(pk=page_id).first()
