"""Defects the independent probe found in serving (issue 18, part A).

Each test runs what the probe ran — ``make run``'s development server, or
gunicorn with the production settings — on the test database and talks HTTP
to it, or runs the management command as an operator would.
"""

import http.client
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from scripts.prodserver import free_port, production_server

from .test_serving import BASE_DIR, SECRET, _url_for, fetch

pytestmark = pytest.mark.django_db


def production_env(**extra) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "movisie_site.settings.production",
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "SITE_URL": "http://127.0.0.1",
        "DATABASE_URL": _url_for(connection.settings_dict),
        "DJANGO_SERVE_MEDIA": "true",
        **extra,
    }


def wait_for(base: str, process) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if fetch(base + "/healthz")[0] == 200:
                return
        except OSError:
            pass
        if process.poll() is not None:
            pytest.fail(f"server exited with {process.returncode}")
        time.sleep(0.2)
    pytest.fail("server did not answer /healthz within 60 s")


@pytest.fixture(scope="module")
def gunicorn_server(django_db_setup, tmp_path_factory):
    """gunicorn with the production settings; its log is kept for reading."""
    log_path = tmp_path_factory.mktemp("log") / "gunicorn.log"
    url = _url_for(connection.settings_dict)
    with production_server(url, workers=1, log_path=log_path) as base:
        yield int(base.rsplit(":", 1)[1]), log_path


def raw_request(port: int, method: str, path: str, headers: dict, body=b""):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read().decode()
    finally:
        conn.close()


# --- 8. A Dutch 400 page; a bad Host is one log line --------------------------------


def test_a_bad_host_gets_the_dutch_400_page_and_one_log_line(gunicorn_server):
    port, log_path = gunicorn_server
    before = log_path.read_text()
    status, page = raw_request(port, "GET", "/", {"Host": "evil.example"})
    assert status == 400
    assert '<html lang="nl">' in page
    assert "Ongeldig verzoek" in page
    time.sleep(0.5)  # let gunicorn flush its log
    logged = log_path.read_text()[len(before) :]
    assert "Invalid HTTP_HOST header: 'evil.example'" in logged
    assert "Traceback" not in logged


def test_an_oversized_body_gets_the_dutch_400_page(gunicorn_server):
    port, _ = gunicorn_server
    body = b"text=" + b"x" * 3_000_000
    status, page = raw_request(
        port,
        "POST",
        "/zoeken/",
        {
            "Host": "127.0.0.1",
            "Content-Type": "application/x-www-form-urlencoded",
            # A well-formed CSRF cookie, so the middleware reads the body.
            "Cookie": "csrftoken=" + "a" * 32,
        },
        body,
    )
    assert status == 400
    assert "Ongeldig verzoek" in page


# --- 3. make run keeps no connection per thread -------------------------------------


def backend_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def test_the_development_server_keeps_no_connection_per_thread(django_db_setup):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "movisie_site.settings.dev",
        "DATABASE_URL": _url_for(connection.settings_dict),
    }
    env.pop("DJANGO_CONN_MAX_AGE", None)
    process = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base, process)
        # Other servers of this module may hold a connection of their own.
        before = backend_connections()
        with ThreadPoolExecutor(max_workers=10) as pool:
            statuses = list(pool.map(lambda _: fetch(base + "/healthz")[0], range(60)))
        assert statuses == [200] * 60
        time.sleep(1)
        # Each request thread closed its connection when the request finished.
        assert backend_connections() <= before
    finally:
        process.terminate()
        process.wait(timeout=30)


# --- 9. load_demo refuses under the production settings ------------------------------


def test_load_demo_refuses_to_run_with_the_production_settings(django_db_setup):
    result = subprocess.run(
        [sys.executable, "manage.py", "load_demo"],
        cwd=BASE_DIR,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    created = get_user_model().objects.filter(username="admin")
    try:
        assert result.returncode != 0
        assert "niet met de productie-instellingen" in result.stderr
        assert not created.exists()
    finally:
        created.delete()
