"""``make run`` as a newcomer meets it, and ``make manage`` beside it.

A real ``python -m movisie_site.devdb run`` (what ``make run`` calls) on its
own embedded PostgreSQL cluster and a free PORT: the short summary on the
terminal, readers' pages (DEBUG off, Dutch 404, static files through
WhiteNoise), links in feeds, citations and mails on that port, a readable
mail on the terminal, then ``make manage`` in a second process, after which
the site must still answer.
"""

import os
import re
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
from urllib.parse import urlencode

import django
import pytest

from movisie_site import devdb
from scripts.visitor import HttpVisitor, filled_form


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
    env.pop("SITE_URL", None)
    env.update(
        MOVISIE_DEV_PGDATA=str(folder / "pgdata"),
        PORT=str(port),
        # The form's minimum time is tested elsewhere; a visitor here posts at once.
        COMMENTS_MIN_SECONDS="0",
    )
    terminal = folder / "terminal.txt"
    server = subprocess.Popen(
        [sys.executable, "-m", "movisie_site.devdb", "run"],
        cwd=devdb.BASE_DIR,
        env=env,
        stdout=terminal.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while _get_or_none(base + "/healthz") != 200:
        assert server.poll() is None, "make run stopped before serving"
        assert time.monotonic() < deadline, "make run did not come up"
        time.sleep(1)
    try:
        yield base, env, terminal, folder / "run.log"
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
    base, *_ = site
    status, html = _get(base + "/bestaat-niet/")
    assert status == 404
    assert "Pagina niet gevonden" in html
    assert "DEBUG = True" not in html
    assert "URLconf" not in html


def test_static_files_are_served(site):
    base, *_ = site
    status, css = _get(base + "/static/css/site.css")
    assert status == 200
    assert css.strip()


def test_make_manage_beside_make_run_leaves_the_site_answering(site):
    base, env, *_ = site
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


def test_the_terminal_shows_a_short_summary_and_the_rest_goes_to_the_log(site):
    base, _env, terminal, log = site
    shown = terminal.read_text()
    assert len(shown.strip().splitlines()) <= 12, shown
    assert f"De site draait op {base}/" in shown
    assert f"Beheer: {base}/admin/  gebruiker: admin  wachtwoord: admin" in shown
    assert "E-mail wordt niet verstuurd" in shown
    assert f"{base}/admin/outbox/outgoingmail/" in shown
    for noise in ("Applying", "AXES", "development server", "runserver"):
        assert noise not in shown
    written = log.read_text()
    assert "Applying comments." in written
    assert "GET /healthz" in written


def test_feeds_and_citations_point_at_the_port_make_run_serves(site):
    base, *_ = site
    _status, feed = _get(base + "/feeds/artikelen/")
    assert f'href="{base}/artikelen/' in feed
    _status, page = _get(base + "/dossiers/wat-werkt-bij-eenzaamheid/")
    cite = page.split('id="citeren"', 1)[1].split("</section>", 1)[0]
    assert f"{base}/dossiers/wat-werkt-bij-eenzaamheid/versies/" in cite


def test_a_visitors_confirmation_mail_is_readable_with_a_working_link(site):
    """Ticking "e-mail me about replies" sends a confirmation mail: on the
    terminal, decoded, its link whole and on make run's port; following it
    confirms."""
    base, _env, terminal, _log = site
    _status, listing = _get(base + "/artikelen/")
    article = re.search(r'href="(/artikelen/[^"/]+/)"', listing).group(1)
    visitor = HttpVisitor()
    _status, article_page = _get(base + article)
    # Cached article pages load the form (with its question) from here.
    form_path = re.search(r'"(/[^"]+/formulier/)', article_page).group(1)
    page = visitor.get(base + form_path)
    action = re.search(
        r'<form class="reaction-form" method="post" action="([^"]+)"', page.text
    )
    fields = filled_form(
        page.text,
        name="Fatima",
        email="fatima@example.nl",
        text="Heel herkenbaar, dank voor dit artikel.",
        notify_replies="on",
    )
    # Plain http on 127.0.0.1, as a browser talks to make run (the visitor
    # otherwise speaks as behind production's TLS proxy).
    answer = visitor.request(
        base + action.group(1),
        urlencode(fields).encode(),
        Origin=base,
        **{"X-Forwarded-Proto": "http"},
    )
    assert answer.status == 302, answer.text[:2000]

    deadline = time.monotonic() + 30
    while "fatima@example.nl" not in terminal.read_text():
        assert time.monotonic() < deadline, "no mail on the terminal"
        time.sleep(0.5)
    shown = terminal.read_text()
    mail = shown.split("e-mail (niet verstuurd)", 1)[1]
    assert "To: fatima@example.nl" in mail
    assert "=\n" not in mail  # no quoted-printable soft line breaks
    assert "=3D" not in mail
    links = re.findall(r"https?://\S+", mail)
    assert links, mail
    assert all(link.startswith(base + "/") for link in links), links
    confirm = next(link for link in links if "bevestig" in link)
    status, html = _get(confirm)
    assert status == 200, html[:2000]


def _lines(log: Path) -> list[str]:
    return log.read_text(errors="replace").splitlines()


def test_a_changed_package_in_the_virtualenv_leaves_the_server_alone(site):
    """``make manage`` and ``make install`` run ``uv sync``, which rewrites
    packages in .venv when the lock file changed. gunicorn's ``--reload``
    watched those files too: it restarted its worker while a package was
    half written, the worker failed to boot, and gunicorn (and make run with
    it) stopped. Only the project's own code restarts the server now."""
    base, _env, _terminal, log = site
    package = Path(django.__file__)  # in .venv, loaded by the server
    before = package.stat()
    seen = len(_lines(log))
    try:
        os.utime(package)  # as uv sync leaves a file it wrote
        time.sleep(5)  # gunicorn's reloader looked once a second
    finally:
        os.utime(package, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert _get(base + "/healthz")[0] == 200
    restarts = [line for line in _lines(log)[seen:] if "Booting worker" in line]
    assert restarts == []


def test_a_change_to_the_projects_code_restarts_the_server(site):
    """What the reloader is for still works: edit a module, the next
    request is served by the new code."""
    base, _env, _terminal, log = site
    module = devdb.BASE_DIR / "core" / "views.py"
    before = module.stat()
    seen = len(_lines(log))
    try:
        os.utime(module)  # saved in an editor
        deadline = time.monotonic() + 60
        while not any("Booting worker" in line for line in _lines(log)[seen:]):
            assert time.monotonic() < deadline, "the server did not restart"
            time.sleep(0.5)
    finally:
        os.utime(module, ns=(before.st_atime_ns, before.st_mtime_ns))
    deadline = time.monotonic() + 60
    while _get_or_none(base + "/healthz") != 200:
        assert time.monotonic() < deadline, "the server did not come back"
        time.sleep(0.5)
