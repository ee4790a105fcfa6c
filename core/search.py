"""`?search=` on the pages endpoint: ranked on the search index alone, filtered in memory.

Wagtail's PostgreSQL backend answers a search with one query that joins every matching index
entry to the listing's pages (their ids cast to text, to meet the entries' text `object_id`),
checks each page against what the request may see, ranks them all (parsing the tsquery again
for each rank of each entry) and keeps a page of them. At 5,000 lessons the join and the checks
are 7 of that query's 9 ms. Here the entries are ranked on their own, with the same tsquery and
`ts_rank` expression, built by Wagtail's own query compiler; the ids of the pages the listing
may show, and the ranked ids of recent searches (as Solr's query result cache
keeps them), are kept in this process until any content changes (`lists`) or what decides
visibility does (`everything`); the page of results is then read by id, with what its fields
show. Results, order (relevance, then newest id first, as Wagtail orders them) and
`total_count` are Wagtail's.

Only where those ids can be kept: a listing filtered by nothing but `type`, `locale` and `site`
(a bounded number of id sets per process), with shared generation tokens and a visibility that
can be shared. Anything else (`order`, field filters, `child_of`, a browser session, the SQLite
backend of the embedded default) is Wagtail's search.
"""

from __future__ import annotations

import functools
from array import array

from django.conf import settings
from django.contrib.postgres.search import SearchQueryField
from django.db import connection
from django.db.models import Expression, F, QuerySet
from django.db.models.sql import Query
from django.http import HttpRequest
from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend
from modelsearch.query import PlainText
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from core.latest_kept import LatestKept
from core.locales import content_language_codes
from core.memo import memoised, memos_kept, shared_visibility, site_for_request
from core.response_cache import EVERYTHING, LISTS

# Parameters a ranked search takes: the search, how its items are shown and paged, and the
# filters that name one of a few id sets (one page type, a content language, a site).
RANKED_SEARCH_PARAMETERS = frozenset(
    {"search", "search_operator", "type", "locale", "site"}
    | {"fields", "rich_text_format", "format", "_", "limit", "offset"}
)


class RankedPages:
    """A search's results as the pagination and the serializer use them: `count()`, and a
    slice, read in one query and in the order of relevance."""

    def __init__(self, queryset: QuerySet, ids: list[int]):
        self.queryset = queryset
        self.ids = ids

    def count(self) -> int:
        return len(self.ids)

    def __getitem__(self, item: slice) -> list[Page]:
        chosen = self.ids[item]
        if not chosen:
            return []
        pages = {page.pk: page for page in self.queryset.filter(pk__in=chosen).order_by()}
        return [pages[pk] for pk in chosen if pk in pages]


def ranked_search(request: HttpRequest, queryset: QuerySet) -> RankedPages | None:
    """The listing `queryset` searched for `?search=`, ranked as Wagtail ranks it; None where
    this cannot answer (see the module's docstring) and Wagtail's search should."""
    query_string = request.GET.get("search", "")
    if (
        not query_string
        or not set(request.GET) <= RANKED_SEARCH_PARAMETERS
        or "," in request.GET.get("type", "")
        or not getattr(settings, "WAGTAILAPI_SEARCH_ENABLED", True)
        or getattr(queryset, "_filtered_by_tag", False)
    ):
        return None
    backend = get_search_backend()
    visibility = shared_visibility(request)
    if (
        not isinstance(backend, PostgresSearchBackend)
        or visibility is None
        or not memos_kept(request, (EVERYTHING, LISTS))
    ):
        return None
    compiler = backend.query_compiler_class(
        queryset, query_string, operator=request.GET.get("search_operator")
    )
    if not isinstance(compiler.query, PlainText):
        return None
    config = compiler.get_config(backend)
    tsquery = compiler.build_tsquery(compiler.query, config=config)
    if tsquery is None:
        return None
    model = queryset.model
    content_types = memoised(
        request, ("search-content-types", model), lambda: get_descendants_content_types_pks(model)
    )
    listed = listed_ids(request, queryset, visibility)
    query = Query(IndexEntry)
    match = query.get_compiler(connection=connection).compile(tsquery.resolve_expression(query))
    # Apps page through the results of one search, and many learners look for the same words.
    rankings = memoised(request, ("search-rankings",), search_rankings, tokens=(EVERYTHING, LISTS))
    key = (type(compiler), config, match[0], tuple(match[1]), tuple(content_types))
    ranked = rankings.get(key)
    if ranked is None:
        ranked = rankings.keep(
            key, array("i", entries_ranked(type(compiler), config, match, content_types))
        )
    ids = [page_id for page_id in ranked if page_id in listed]
    return RankedPages(queryset, ids)


# The ranked ids of recent searches (`core.latest_kept`), 4 bytes each: 8 MB per process.
RANKED_IDS_KEPT = 2_000_000


def search_rankings() -> LatestKept:
    """Where a process keeps ranked ids while the tokens hold (a new one with new tokens)."""
    return LatestKept(RANKED_IDS_KEPT, weight=len)


def entries_ranked(
    compiler_class: type, config, match: tuple[str, list], content_types: list[int]
) -> list[int]:
    """The ids of the objects of `content_types` whose index entry matches the compiled
    tsquery `match`, most relevant first, then the newest (highest id): one statement, one row.

    The tsquery and the rank are Wagtail's own expressions (its compiler's, for a plain text
    query), compiled on their own: building and compiling a queryset around them costs more
    than PostgreSQL's ranking. The tsquery is parsed once, in the FROM clause, where Wagtail's
    query parses it again for each rank of each entry (half of PostgreSQL's time)."""
    match_sql, match_params = match
    rank_sql, rank_params = rank_compiled(compiler_class, config)
    entries = connection.ops.quote_name(IndexEntry._meta.db_table)
    # `object_id` is the page's id as text; the cast only meets entries of page types. Every
    # value is a parameter; the SQL pieces are Django's compilation of Wagtail's expressions.
    sql = (
        "SELECT array_agg(id ORDER BY rank DESC, id DESC) FROM ("  # noqa: S608
        f" SELECT object_id::integer AS id, {rank_sql} AS rank"
        f" FROM {entries}, {match_sql} AS tsquery"
        " WHERE content_type_id = ANY(%s) AND (title || body) @@ tsquery"
        ") AS ranked"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*rank_params, *match_params, content_types])
        return cursor.fetchone()[0] or []


@functools.cache
def rank_compiled(compiler_class: type, config) -> tuple[str, tuple]:
    """Wagtail's rank of an index entry (`ts_rank` of its title, weighted by its `title_norm`,
    plus that of its body) for the statement's tsquery: the same for every search, so compiled
    once per process."""
    compiler = compiler_class(Page.objects.none(), "plain text")
    compiler.build_tsquery = lambda _query, config=None: TSQUERY_OF_FROM
    # The index vectors Wagtail's `get_index_vectors` names, on the entries themselves.
    rank = compiler._build_rank_expression(
        [(F("title"), F("title_norm")), (F("body"), 1.0)], config
    )
    query = Query(IndexEntry)
    sql, params = query.get_compiler(connection=connection).compile(rank.resolve_expression(query))
    return sql, tuple(params)


class TsqueryOfFrom(Expression):
    """The statement's `tsquery`, parsed once in its FROM clause."""

    output_field = SearchQueryField()

    def as_sql(self, compiler, connection):
        return "tsquery", []


TSQUERY_OF_FROM = TsqueryOfFrom()


def listed_ids(request: HttpRequest, queryset: QuerySet, visibility: str) -> frozenset[int]:
    """The ids of the pages of the listing `queryset`, kept until any content changes."""
    # What the listing's queryset was made of; the site, not the host (any port is one host).
    site = site_for_request(request, request.GET.get("site"))
    key = (
        "listed-ids",
        queryset.model,
        request.GET.get("locale"),
        site and site.pk,
        tuple(content_language_codes()),
        visibility,
    )
    return memoised(
        request,
        key,
        lambda: frozenset(queryset.order_by().values_list("pk", flat=True)),
        tokens=(EVERYTHING, LISTS),
    )
