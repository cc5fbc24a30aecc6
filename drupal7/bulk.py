"""Many rows in few statements (PostgreSQL), for what ``bulk_create`` cannot do.

- ``draw_ids``: ids from a table's own sequence before the INSERT, so a reply
  knows its parent's path, and a redirect its reaction's address, before
  anything is written (as ``tests/factories.py::make_thread`` does).
- ``update_columns``: one UPDATE for many rows with a different value each,
  joined on ``unnest()`` of one array per column. ``bulk_update`` builds a
  ``CASE WHEN id = … THEN …`` per row and field, which for a chunk of a
  thousand reactions costs more Python than everything else the import does
  with them.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection


def draw_ids(model, count: int) -> list[int]:
    """``count`` new ids from ``model``'s id sequence (one query)."""
    if not count:
        return []
    meta = model._meta
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) "
            "FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def update_columns(model, objs: Sequence, names: Sequence[str]) -> None:
    """Write the fields ``names`` of each of ``objs`` (saved rows) in one UPDATE.

    Like ``QuerySet.update()`` it skips ``save()`` and ``pre_save()``:
    ``auto_now`` fields keep their value unless named here.
    """
    if not objs:
        return
    meta = model._meta
    fields = [meta.pk, *(meta.get_field(name) for name in names)]
    quote = connection.ops.quote_name
    columns = [quote(field.column) for field in fields]
    arrays = ", ".join(f"%s::{field.cast_db_type(connection)}[]" for field in fields)
    assignments = ", ".join(f"{column} = v.{column}" for column in columns[1:])
    params = [
        [
            field.get_db_prep_save(getattr(obj, field.attname), connection)
            for obj in objs
        ]
        for field in fields
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(meta.db_table)} AS t SET {assignments} "  # noqa: S608
            f"FROM unnest({arrays}) AS v({', '.join(columns)}) "
            f"WHERE t.{columns[0]} = v.{columns[0]}",
            params,
        )
