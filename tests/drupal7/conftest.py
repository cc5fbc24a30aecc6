"""A Drupal 7 source database, on PostgreSQL and on MariaDB.

``drupal_source`` runs each test that takes it twice: against a second
database on the test run's PostgreSQL cluster, and against a throwaway
MariaDB server (Debian's mariadb-server, started for the session on a Unix
socket). Each test gets empty Drupal tables.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

import psycopg
import pytest

from .mariadb import MariaDB, binaries
from .site import DrupalSite

SOURCE_DATABASE = "drupal7_source"


@dataclass
class SourceDatabase:
    url: str
    site: DrupalSite
    engine: str


@pytest.fixture(scope="session")
def mariadb_server():
    if binaries() is None:
        pytest.fail(
            "mariadb-server is not installed (make test installs it as root: "
            "scripts/system-packages --for test)",
            pytrace=False,
        )
    server = MariaDB()
    try:
        server.start()
        yield server
    finally:
        server.stop()


def _postgres_source(maintenance_url: str) -> SourceDatabase:
    with psycopg.connect(maintenance_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {SOURCE_DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {SOURCE_DATABASE}")
    parts = urlsplit(maintenance_url)
    url = parts._replace(path=f"/{SOURCE_DATABASE}").geturl()
    connection = psycopg.connect(url)
    return SourceDatabase(url, DrupalSite(connection, "postgresql"), "postgresql")


def _mariadb_source(server: MariaDB) -> SourceDatabase:
    with server.connect() as conn, conn.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {SOURCE_DATABASE}")
        cursor.execute(
            f"CREATE DATABASE {SOURCE_DATABASE} CHARACTER SET utf8mb4 "
            "COLLATE utf8mb4_general_ci"
        )
    connection = server.connect(SOURCE_DATABASE)
    return SourceDatabase(
        server.url(SOURCE_DATABASE), DrupalSite(connection, "mysql"), "mysql"
    )


@pytest.fixture(params=["postgresql", "mariadb"])
def drupal_source(request, embedded_database_url):
    if request.param == "postgresql":
        source = _postgres_source(embedded_database_url)
    else:
        source = _mariadb_source(request.getfixturevalue("mariadb_server"))
    source.site.create_tables()
    yield source
    source.site.connection.close()


@pytest.fixture
def postgres_source(embedded_database_url):
    """Only PostgreSQL, for tests about the command rather than the SQL."""
    source = _postgres_source(embedded_database_url)
    source.site.create_tables()
    yield source
    source.site.connection.close()
