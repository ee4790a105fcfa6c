"""The content API's SQL, compiled once per request shape and process.

Django compiles a queryset's SQL each time it is evaluated: for a 20-lesson listing about
1.3 ms, four times what PostgreSQL takes to run it. The SQL of a content listing is a function
of the request (path, query, host, language), of what decides visibility (the `everything`
token, the request's visibility key, the content languages) and of nothing the rows hold, so
each process keeps the compiled statement, with what Django needs to build the rows from its
result, per request shape until any content changes (`everything` + `lists`: more than it
must, for simplicity's sake). A detail's row is read by a statement per page type and shown
fields, run with its page id. Without shared tokens or with a browser session, listings
compile as always.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.db.models.query import ModelIterable
from django.db.models.sql import Query
from django.http import HttpRequest
from django.utils.translation import get_language

from core.latest_kept import LatestKept
from core.locales import content_language_codes
from core.memo import memoised, shared_visibility
from core.response_cache import EVERYTHING, LISTS

# What a compiler's `as_sql` sets up and the rows are built from (`ModelIterable`).
COMPILED_STATE = ("select", "klass_info", "annotation_col_map", "col_count", "has_extra_select")


def evaluate_with_kept_sql(queryset: QuerySet, request: HttpRequest) -> QuerySet:
    """`queryset` (a listing's page of items, not yet read) read with the SQL this process
    compiled for the same request shape, or compiled now and kept."""
    visibility = shared_visibility(request)
    if visibility is None or not isinstance(queryset, QuerySet):
        return queryset
    key = (
        "listing-sql",
        request.path,
        tuple(sorted((name, tuple(values)) for name, values in request.GET.lists())),
        request.get_host(),
        get_language(),
        tuple(content_language_codes()),
        visibility,
        getattr(queryset, "model", None),
    )
    return read_with_kept_sql(queryset, request, key, (EVERYTHING, LISTS))


def read_with_kept_sql(
    queryset: QuerySet,
    request: HttpRequest,
    key: tuple,
    tokens: tuple[str, ...],
    params: tuple | None = None,
) -> QuerySet:
    """`queryset`, read with the SQL kept under `key` while `tokens` hold, or compiled now and
    kept. With `params`, the kept statement is run with them: it is kept only when they are
    all the parameters it was compiled with (a detail's page id). Anything but plain model
    rows (`values()`, Wagtail's `specific()`) is left to Django."""
    if (
        not isinstance(queryset, QuerySet)
        or queryset._result_cache is not None
        or queryset._iterable_class is not ModelIterable
        or type(queryset.query) is not Query
    ):
        return queryset
    statements = memoised(request, ("kept-sql",), kept_statements, tokens=tokens)
    kept = statements.get(key)
    if kept is None:
        kept = statements.keep(key, {})  # filled by its first compilation
    reading = queryset._chain()
    reading.query = KeptSQLQuery.of(queryset.query, kept, params)
    reading._fetch_all()
    queryset._result_cache = reading._result_cache
    queryset._prefetch_done = reading._prefetch_done
    return queryset


# Statements kept per process and tokens (`core.latest_kept`), a few kilobytes each,
# however many shapes clients make up (`?_=` and offsets are endless).
STATEMENTS_KEPT = 1_000


def kept_statements() -> LatestKept:
    """Where a process keeps statements while the tokens hold (a new one with new tokens)."""
    return LatestKept(STATEMENTS_KEPT)


class KeptSQLQuery(Query):
    """A one-off copy of a query whose compiler takes its SQL from `kept` (filling it the
    first time)."""

    kept: dict
    params: tuple | None

    @classmethod
    def of(cls, query: Query, kept: dict, params: tuple | None) -> KeptSQLQuery:
        copy = query.chain()
        copy.__class__ = cls
        copy.kept = kept
        copy.params = params
        return copy

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        compiler = super().get_compiler(using, connection, elide_empty)
        kept, params = self.kept, self.params
        if "sql" in kept:

            def as_sql(with_limits=True, with_col_aliases=False):
                for name in COMPILED_STATE:
                    setattr(compiler, name, kept[name])
                return kept["sql"], kept["params"] if params is None else params

        else:
            compile_sql = compiler.as_sql

            def as_sql(with_limits=True, with_col_aliases=False):
                sql, compiled_params = compile_sql(with_limits, with_col_aliases)
                if params is None or tuple(compiled_params) == params:
                    kept.update({name: getattr(compiler, name) for name in COMPILED_STATE})
                    kept.update(sql=sql, params=tuple(compiled_params))
                return sql, compiled_params

        compiler.as_sql = as_sql
        return compiler
