"""Root conftest: every test run gets a real PostgreSQL.

With DATABASE_URL set, pytest-django uses that server (it creates and drops
its own ``test_…`` database there). Without it, a throwaway embedded
PostgreSQL cluster is started for this test session and deleted afterwards.
"""

import os

import dj_database_url
import pytest

from movisie_site import devdb


@pytest.fixture(scope="session")
def embedded_database_url():
    """The URL of the server the suite runs against (its maintenance database)."""
    if os.environ.get("DATABASE_URL"):
        yield os.environ["DATABASE_URL"]
        return
    server, url = devdb.start_throwaway()
    os.environ["DATABASE_URL"] = url
    try:
        yield url
    finally:
        del os.environ["DATABASE_URL"]
        devdb.stop(server, delete=True)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(embedded_database_url):
    from django.conf import settings

    parsed = dj_database_url.parse(embedded_database_url)
    # Update in place: Django's connection objects share this dict.
    default = settings.DATABASES["default"]
    for key in ("HOST", "PORT", "USER", "PASSWORD"):
        default[key] = parsed[key]
