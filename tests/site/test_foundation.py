"""The foundation: settings, health check, security headers, error pages."""

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.db import connection

BASE_DIR = Path(__file__).resolve().parents[2]


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.pop("DATABASE_URL", None)
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("module", ["dev", "test", "base"])
def test_settings_import_without_any_environment_variables(module):
    result = run_python(
        "import django; from django.conf import settings; django.setup(); "
        "print(settings.LANGUAGE_CODE, settings.TIME_ZONE)",
        DJANGO_SETTINGS_MODULE=f"movisie_site.settings.{module}",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["nl", "Europe/Amsterdam"]


def test_production_refuses_to_start_without_a_secret_key():
    result = run_python(
        "import django; django.setup()",
        DJANGO_SETTINGS_MODULE="movisie_site.settings.production",
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_with_debug_on():
    result = run_python(
        "import django; django.setup()",
        DJANGO_SETTINGS_MODULE="movisie_site.settings.production",
        DJANGO_SECRET_KEY="k" * 30 + "-abcdefghijklmnopqrstuvwxyz",
        DJANGO_DEBUG="true",
    )
    assert result.returncode != 0
    assert "DJANGO_DEBUG" in result.stderr


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "movisie_site.settings.production",
    "DJANGO_SECRET_KEY": "k" * 30 + "-abcdefghijklmnopqrstuvwxyz",
    "DJANGO_SERVE_MEDIA": "true",
}


@pytest.mark.parametrize(
    ("site_url", "redirect", "refused"),
    [
        ("", "true", "SITE_URL must be set"),
        ("www.example.nl", "true", "SITE_URL must be set"),
        ("http://www.example.nl", "true", "SITE_URL must start with https://"),
        ("http://localhost:8000", "false", None),
        ("https://www.example.nl", "true", None),
    ],
)
def test_production_needs_the_public_address_for_links_in_mails(
    site_url, redirect, refused
):
    result = run_python(
        "import django; from django.conf import settings; django.setup(); "
        "print(settings.SITE_URL)",
        **PRODUCTION,
        SITE_URL=site_url,
        DJANGO_SECURE_SSL_REDIRECT=redirect,
    )
    if refused:
        assert result.returncode != 0
        assert refused in result.stderr
    else:
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == site_url


def test_check_deploy_is_clean_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "movisie_site.settings.production",
            "DJANGO_SECRET_KEY": "test-only-Zq8xW3vN5pL2mK7rT1yB4cF6hJ9dG0sA-" * 2,
            "DJANGO_ALLOWED_HOSTS": "www.example.nl",
            "SITE_URL": "https://www.example.nl",
            "DJANGO_S3_BUCKET": "media",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.django_db
def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True}


@pytest.fixture
def unreachable_database(django_db_blocker):
    """Point the default connection at a port where no PostgreSQL listens."""
    settings_dict = connection.settings_dict
    saved = {key: settings_dict[key] for key in ("HOST", "PORT")}
    with django_db_blocker.unblock():
        connection.close()
        settings_dict.update(HOST="127.0.0.1", PORT="1")
        yield
        connection.close()
        settings_dict.update(saved)


def test_healthz_answers_503_without_a_traceback_when_the_database_is_down(
    client, unreachable_database
):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] is False


def test_pages_answer_503_in_dutch_when_the_database_is_down(unreachable_database):
    from django.test import Client

    # Logging in needs the database: the page must not show a traceback.
    client = Client(raise_request_exception=False)
    response = client.post("/admin/login/", {"username": "a", "password": "b"})
    assert response.status_code == 503
    body = response.content.decode()
    assert "De website is tijdelijk niet beschikbaar" in body
    assert "Traceback" not in body


@pytest.mark.django_db
def test_unknown_page_shows_the_dutch_404_page(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


@pytest.mark.django_db
def test_every_response_carries_the_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_home_page_is_dutch_with_skip_link_and_navigation(client):
    body = client.get("/").content.decode()
    assert '<html lang="nl">' in body
    assert 'href="#inhoud"' in body
    assert "Naar de inhoud" in body
    for label in ("Dossiers", "Artikelen", "Over ons", "Contact"):
        assert f">{label}</a>" in body
    assert 'role="search"' in body


def test_dates_are_shown_the_dutch_way(settings):
    import datetime

    from django.template import Context, Template

    rendered = Template('{{ d|date:"DATE_FORMAT" }}').render(
        Context({"d": datetime.date(2017, 1, 13)})
    )
    assert rendered == "13 januari 2017"


def test_embedded_postgres_has_the_extensions_and_dutch_search(embedded_database_url):
    with psycopg.connect(_libpq_url(embedded_database_url), autocommit=True) as conn:
        available = {
            row[0] for row in conn.execute("SELECT name FROM pg_available_extensions")
        }
        assert {"pg_trgm", "unaccent"} <= available
        assert conn.execute(
            "SELECT to_tsvector('dutch', 'de sociale innovatie werkt')::text"
        ).fetchone() == ("'innovatie':3 'social':2 'werkt':4",)


def _libpq_url(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


def test_manage_commands_use_the_database_given_in_database_url(
    embedded_database_url,
):
    result = run_python(
        "import django; django.setup(); from django.db import connection; "
        "c = connection.cursor(); c.execute('SELECT current_database()'); "
        "print(c.fetchone()[0])",
        DJANGO_SETTINGS_MODULE="movisie_site.settings.dev",
        DATABASE_URL=embedded_database_url,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "postgres"


@pytest.mark.django_db(transaction=True)
def test_a_write_to_a_read_only_database_answers_503_in_dutch(django_user_model):
    from django.test import Client

    django_user_model.objects.create_user(
        "redacteur", password="geheim-wachtwoord", is_staff=True
    )
    with connection.cursor() as cursor:
        cursor.execute("SET default_transaction_read_only = on")
    try:
        client = Client(raise_request_exception=False)
        # Logging in writes a session row and last_login.
        response = client.post(
            "/admin/login/", {"username": "redacteur", "password": "geheim-wachtwoord"}
        )
        reader = Client().get("/")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET default_transaction_read_only = off")
    assert response.status_code == 503
    assert "De website is tijdelijk niet beschikbaar" in response.content.decode()
    assert reader.status_code == 200
