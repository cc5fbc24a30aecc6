"""The production command of the Dockerfile, run outside a container.

Docker cannot run on our CI machines, so this starts what the image's CMD
starts — gunicorn with gunicorn.conf.py and the production settings, after
the build-time collectstatic (scripts/prodserver.py, which the benchmarks and
load tests run too) — and talks HTTP to it.
"""

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from scripts import prodserver

BASE_DIR = Path(__file__).resolve().parents[2]
# The test database is only created when a collected test asks for it.
pytestmark = pytest.mark.django_db

SECRET = "serving-test-Zq8xW3vN5pL2mK7rT1yB4cF6hJ9dG0sA-Zq8xW3vN5pL2mK7rT1"


def fetch(url: str, headers: dict | None = None):
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def production_server(embedded_database_url, django_db_setup):
    """gunicorn + production settings on the test database, like the image."""
    from django.db import connection

    with prodserver.production_server(_url_for(connection.settings_dict)) as base:
        yield base


def _url_for(settings_dict) -> str:
    from urllib.parse import quote

    return "postgres://{user}@{host}{port}/{name}".format(
        user=settings_dict["USER"],
        host=quote(settings_dict["HOST"], safe=""),
        port=f":{settings_dict['PORT']}" if settings_dict["PORT"] else "",
        name=settings_dict["NAME"],
    )


def test_gunicorn_with_production_settings_serves_the_home_page(production_server):
    base = production_server
    status, headers, body = fetch(base + "/", {"X-Forwarded-Proto": "https"})
    assert status == 200
    assert '<html lang="nl">' in body.decode()
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "default-src 'none'" in headers["Content-Security-Policy"]


def test_static_files_are_served_with_hashed_names_and_long_caching(
    production_server,
):
    base = production_server
    status, _, body = fetch(base + "/", {"X-Forwarded-Proto": "https"})
    page = body.decode()
    start = page.index("/static/css/site.")
    href = page[start : page.index('"', start)]
    assert href != "/static/css/site.css", "the stylesheet name carries a hash"
    status, headers, _ = fetch(base + href, {"Accept-Encoding": "gzip"})
    assert status == 200
    assert "immutable" in headers["Cache-Control"]
    assert headers.get("Content-Encoding") == "gzip"


def test_production_cookies_are_secure_and_http_only(production_server):
    base = production_server
    status, headers, _ = fetch(base + "/admin/login/", {"X-Forwarded-Proto": "https"})
    assert status == 200
    cookie = headers["Set-Cookie"]
    assert "csrftoken=" in cookie
    assert "Secure" in cookie
    assert "HttpOnly" in cookie


def test_unknown_hosts_are_refused(production_server):
    base = production_server
    status, _, _ = fetch(
        base + "/", {"Host": "evil.example", "X-Forwarded-Proto": "https"}
    )
    assert status == 400
