"""The purge queue in the admin: operators see what waits and what failed
(with the error), and send a failed purge again; editors do not see it."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import Client

from purges.models import Purge
from purges.queue import MAX_ATTEMPTS
from scripts.cacheproxy import free_port
from tests.factories import EditorFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

REFUSED = "<urlopen error [Errno 111] Connection refused>"


@pytest.fixture
def operator():
    client = Client()
    client.force_login(StaffUserFactory(is_superuser=True))
    return client


@pytest.fixture
def proxy():
    """A server that answers PURGE as Varnish does and remembers the keys."""
    purged: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):
            purged.append(self.headers["xkey-purge"])
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.purged = purged
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


def test_operator_sees_waiting_failed_and_given_up_purges_with_the_error(operator):
    Purge.objects.create(proxy="http://varnish-1", keys="article-1")
    Purge.objects.create(
        proxy="http://varnish-1", keys="author-3", attempts=2, last_error=REFUSED
    )
    Purge.objects.create(
        proxy="http://varnish-1", keys="theme-4", attempts=MAX_ATTEMPTS
    )
    html = operator.get("/admin/purges/purge/").content.decode()
    assert "wacht" in html
    assert "kon nog niet worden verstuurd" in html
    assert "opgegeven: verstuur hem met de hand opnieuw" in html
    assert "Connection refused" in html
    failed = operator.get("/admin/purges/purge/?mislukt=1").content.decode()
    assert "author-3" in failed
    assert "theme-4" in failed
    assert "article-1" not in failed


def test_a_failed_purge_is_sent_again_and_a_sent_one_not_twice(operator, proxy):
    failed = Purge.objects.create(
        proxy=proxy.url, keys="author-3", attempts=MAX_ATTEMPTS, last_error=REFUSED
    )
    sent = Purge.objects.create(proxy=proxy.url, keys="article-1")
    sent.sent_at = sent.created_at
    sent.save()
    response = operator.post(
        "/admin/purges/purge/",
        {"action": "send_again", "_selected_action": [failed.pk, sent.pk]},
        follow=True,
    )
    html = response.content.decode()
    failed.refresh_from_db()
    assert failed.sent_at is not None
    assert proxy.purged == ["author-3"]
    assert "1 cachewissing is verstuurd." in html
    assert "1 cachewissing was al verstuurd en wordt niet twee keer verstuurd." in html


def test_a_purge_to_a_proxy_that_is_down_keeps_its_new_error(operator):
    down = f"http://127.0.0.1:{free_port()}"
    row = Purge.objects.create(proxy=down, keys="dossier-2", attempts=1)
    html = operator.post(
        "/admin/purges/purge/",
        {"action": "send_again", "_selected_action": [row.pk]},
        follow=True,
    ).content.decode()
    row.refresh_from_db()
    assert row.sent_at is None
    assert row.attempts == 2
    assert "Connection refused" in row.last_error
    refused = "1 cachewissing kon niet worden verstuurd; de fout staat in de lijst."
    assert refused in html


def test_editors_do_not_see_the_purge_queue():
    client = Client()
    client.force_login(EditorFactory())
    assert client.get("/admin/purges/purge/").status_code == 403
    assert "/admin/purges/" not in client.get("/admin/").content.decode()
