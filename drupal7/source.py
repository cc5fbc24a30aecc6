"""A read-only connection to a Drupal 7 database, PostgreSQL or MySQL/MariaDB.

Drupal 7 runs on both (MySQL/MariaDB is the common case). The two drivers
(psycopg, PyMySQL) share the ``%s`` parameter style, and Drupal's own table
and column names need no quoting on either, so the readers above this module
write one SQL text for both. Only the connection and the read-only switch
differ.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from django.utils.translation import gettext as _


class SourceError(Exception):
    """The source cannot be used; the message is for the person running it."""


@dataclass
class Source:
    connection: object
    engine: str  # "postgresql" or "mysql"
    prefix: str = ""

    def table(self, name: str) -> str:
        """A Drupal table name with the site's table prefix ($databases)."""
        return f"{self.prefix}{name}"

    def rows(self, sql: str, params: Sequence = ()) -> list[dict]:
        """All rows of a bounded query as dicts (callers page with LIMIT).

        Table names are written in braces, ``{node}``, for the table prefix.
        """
        cursor = self.connection.cursor()
        try:
            cursor.execute(sql.format_map(_Prefixed(self.prefix)), params)
            names = [column[0] for column in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        finally:
            cursor.close()

    def has_table(self, name: str) -> bool:
        if self.engine == "postgresql":
            sql = (
                "SELECT 1 FROM information_schema.tables "
                "WHERE table_schema = current_schema() AND table_name = %s"
            )
        else:
            sql = (
                "SELECT 1 FROM information_schema.tables "
                "WHERE table_schema = DATABASE() AND table_name = %s"
            )
        return bool(self.rows(sql, [self.table(name)]))

    def close(self) -> None:
        self.connection.close()


class _Prefixed(dict):
    """``"{node}"`` in a query becomes the prefixed table name."""

    def __init__(self, prefix: str):
        super().__init__()
        self.prefix = prefix

    def __missing__(self, key: str) -> str:
        return f"{self.prefix}{key}"


def placeholders(values: Sequence) -> str:
    return ", ".join(["%s"] * len(values))


def chunks(values: Sequence, size: int) -> Iterator[Sequence]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def connect(url: str, *, prefix: str = "") -> Source:
    """Open ``postgres://…`` or ``mysql://…`` (``mariadb://`` too) read-only.

    For a MySQL socket: ``mysql://user@localhost/db?unix_socket=/path``.
    """
    scheme = urlsplit(url).scheme.lower()
    try:
        if scheme in {"postgres", "postgresql", "pgsql"}:
            return Source(_connect_postgresql(url), "postgresql", prefix)
        if scheme in {"mysql", "mariadb"}:
            return Source(_connect_mysql(url), "mysql", prefix)
    except SourceError:
        raise
    except Exception as error:
        raise SourceError(
            _("Cannot connect to the Drupal database: %(error)s") % {"error": error}
        ) from error
    raise SourceError(
        _("Unknown kind of database %(scheme)r: use postgres://… or mysql://…")
        % {"scheme": scheme}
    )


def _connect_postgresql(url: str):
    import psycopg

    url = "postgresql" + url[url.index(":") :]
    connection = psycopg.connect(url, autocommit=False)
    # Every statement of this session is refused if it would write.
    connection.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    connection.commit()
    return connection


def _connect_mysql(url: str):
    import pymysql

    parts = urlsplit(url)
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    options = {
        "user": unquote(parts.username or ""),
        "password": unquote(parts.password or ""),
        "database": unquote(parts.path.lstrip("/")),
        # Drupal 7 stores UTF-8; utf8mb4 also reads 4-byte characters.
        "charset": query.get("charset", "utf8mb4"),
        "autocommit": False,
    }
    if "unix_socket" in query:
        options["unix_socket"] = query["unix_socket"]
    else:
        options["host"] = parts.hostname or "localhost"
        options["port"] = parts.port or 3306
    connection = pymysql.connect(**options)
    with connection.cursor() as cursor:
        cursor.execute("SET SESSION TRANSACTION READ ONLY")
        # Drupal's own MySQL driver sets ANSI-ish modes; we only read, but a
        # consistent snapshot per batch needs REPEATABLE READ (the default).
    return connection
