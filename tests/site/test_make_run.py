"""``make run`` as a newcomer meets it, and ``make manage`` beside it.

A real ``python -m movisie_site.devdb run`` (what ``make run`` calls) on its
own embedded PostgreSQL cluster and a free port: readers' pages (DEBUG off,
Dutch 404, static files through WhiteNoise), then ``make manage`` in a
second process, after which the site must still answer.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from movisie_site import devdb


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture(scope="module")
def site():
    devdb.DATA_DIR.mkdir(exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="makerun-", dir=devdb.DATA_DIR))
    port = _free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(MOVISIE_DEV_PGDATA=str(folder / "pgdata"), PORT=str(port))
    server = subprocess.Popen(
        [sys.executable, "-m", "movisie_site.devdb", "run"],
        cwd=devdb.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while _get_or_none(base + "/healthz") != 200:
        assert server.poll() is None, "make run stopped before serving"
        assert time.monotonic() < deadline, "make run did not come up"
        time.sleep(1)
    try:
        yield base, env
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        shutil.rmtree(folder, ignore_errors=True)


def _get_or_none(url):
    try:
        return _get(url)[0]
    except OSError:
        return None


def test_an_unknown_address_gets_the_dutch_404_page_not_a_debug_page(site):
    base, _env = site
    status, html = _get(base + "/bestaat-niet/")
    assert status == 404
    assert "Pagina niet gevonden" in html
    assert "DEBUG = True" not in html
    assert "URLconf" not in html


def test_static_files_are_served(site):
    base, _env = site
    status, css = _get(base + "/static/css/site.css")
    assert status == 200
    assert css.strip()


def test_make_manage_beside_make_run_leaves_the_site_answering(site):
    base, env = site
    done = subprocess.run(
        ["make", "-s", "manage", "ARGS=showmigrations core"],
        cwd=devdb.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "[X] 0001_redactie_group" in done.stdout
    assert _get(base + "/healthz")[0] == 200
    status, html = _get(base + "/")
    assert status == 200
    assert "wat-werkt-bij-eenzaamheid" in html
