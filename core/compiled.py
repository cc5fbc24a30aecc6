"""Querysets compiled to SQL once per process, for the hottest reads.

Django compiles a queryset to SQL on every evaluation. For a page read with
subqueries (an article with its themes, dossiers and authors) that cost
5.7 ms of CPU on our 2-core machine, against 0.4 ms to run the same SQL:
the cold render's largest part. A ``CompiledQuery`` builds its queryset
once per process and variant, with a ``Param`` where a value changes from
call to call (the slug, the moment "now"), and runs the stored SQL with the
call's values.

Its SQL, and the raw statements every item page runs whose plan does not
depend on their values (the content version, the thread's counts), go
through ``prepared_cursor``: PostgreSQL plans them once per connection
instead of on every request (0.5 ms of planning per cold article page,
measured with EXPLAIN). Not the thread's rows: their best plan depends on
the thread's length, and a plan kept for a short thread slowed a long one.

The rules stay in the querysets that build it (``published(now=...)``,
``links(now=...)``): nothing here knows what the query means. Its rows come
back as model instances (``RawQuerySet``); ``from_rows`` and ``prefill``
turn rows read as JSON into the related objects Django's
``prefetch_related`` would have stored, so templates and helpers read
``article.themes.all()`` as before, without a query.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Iterable

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.postgresql.base import ServerBindingCursor
from django.db.models import Expression, Model
from django.db.models.query import RawQuerySet
from django.db.models.sql.query import RawQuery


def prepared_cursor(using: str = DEFAULT_DB_ALIAS):
    """A cursor whose statements PostgreSQL prepares: parsed and planned on
    their first run on a connection, then only executed (psycopg's
    automatic prepared statements).

    Django's cursors bind parameters on the client, which psycopg never
    prepares; this one binds them on the server, as psycopg's own cursor
    does, for statements we wrote or compiled once (their placeholders all
    have a type PostgreSQL can infer). Wrapped like ``connection.cursor()``:
    execute wrappers and the query log (tests' query counts) see it.
    Preparing is off when the connection's ``prepare_threshold`` is None
    (``DJANGO_DB_PREPARED_STATEMENTS=false``, for a transaction pooler that
    cannot keep them)."""
    connection = connections[using]
    connection.ensure_connection()
    connection.validate_thread_sharing()
    with connection.wrap_database_errors:
        cursor = ServerBindingCursor(connection.connection)
    if connection.queries_logged:
        return connection.make_debug_cursor(cursor)
    return connection.make_cursor(cursor)


class _PreparedRawQuery(RawQuery):
    """A raw query run through ``prepared_cursor``."""

    def clone(self, using):
        return _PreparedRawQuery(self.sql, using, params=self.params)

    def _execute_query(self):
        self.cursor = prepared_cursor(self.using)
        self.cursor.execute(self.sql, self.params)


class Param(Expression):
    """A value given when the compiled query runs: ``Param("slug", CharField())``.

    Compiles to a placeholder whose parameter is the ``Param`` itself, so
    ``CompiledQuery`` can put the call's value in its place."""

    def __init__(self, name: str, output_field):
        super().__init__(output_field=output_field)
        self.name = name

    def as_sql(self, compiler, connection):
        return "%s", [self]

    def __repr__(self):
        return f"Param({self.name!r})"


class CompiledQuery:
    """``build(variant)`` returns a queryset with ``Param`` values; its SQL is
    compiled on the first call for each variant and database, and kept.

    The variant names everything besides the parameters that changes the
    SQL (for example, whether the reader is an editor): a builder must
    return the same query for the same variant."""

    def __init__(self, build: Callable[[Hashable], object]):
        self._build = build
        self._compiled: dict[tuple[Hashable, str], tuple] = {}

    def _sql(self, variant: Hashable, using: str):
        key = (variant, using)
        compiled = self._compiled.get(key)
        if compiled is None:
            queryset = self._build(variant)
            sql, params = queryset.query.get_compiler(using).as_sql()
            compiled = (queryset.model, sql, tuple(params))
            self._compiled[key] = compiled  # a race compiles it twice: harmless
        return compiled

    def raw(self, variant: Hashable, using: str = DEFAULT_DB_ALIAS, **values):
        """The query's rows as model instances; ``values`` fills its ``Param``s.
        Columns that are not the model's fields become attributes."""
        model, sql, params = self._sql(variant, using)
        filled = [
            values[param.name] if isinstance(param, Param) else param
            for param in params
        ]
        query = _PreparedRawQuery(sql, using, params=filled)
        return RawQuerySet(sql, model=model, query=query, using=using)

    def clear(self) -> None:
        """Forget the compiled SQL (after a schema change, in tests)."""
        self._compiled.clear()


def from_rows(model: type[Model], rows: Iterable[str | dict], using=None) -> list:
    """Instances of ``model`` from JSON objects of its columns (as an
    ``ArraySubquery`` of ``JSONObject`` returns them). Columns not in the
    object are deferred, as with ``only()``: reading one is a query, never
    a silently empty value. Keys that are no field become attributes."""
    instances = []
    # In the model's order, as ``from_db`` takes them (JSON has its own).
    attnames = [field.attname for field in model._meta.concrete_fields]
    concrete = set(attnames)
    for row in rows:
        data = json.loads(row) if isinstance(row, str) else row
        names = [name for name in attnames if name in data]
        instance = model.from_db(
            using or DEFAULT_DB_ALIAS, names, [data[name] for name in names]
        )
        for name, value in data.items():
            if name not in concrete:
                setattr(instance, name, value)
        instances.append(instance)
    return instances


def prefill(instance: Model, relation: str, objects: list) -> None:
    """Store ``objects`` as ``instance.<relation>.all()``, as
    ``prefetch_related(relation)`` does (Django's ``prefetch_one_level``):
    iterating it costs no query; filtering it queries as usual."""
    queryset = getattr(instance, relation).get_queryset()
    queryset._result_cache = objects
    queryset._prefetch_done = True
    cache = instance.__dict__.setdefault("_prefetched_objects_cache", {})
    cache[relation] = queryset
