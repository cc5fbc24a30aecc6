"""The review packet: everything readers said since the latest version,
counted as the tests created it, and literature links that no longer
answer, checked against a local HTTP server."""

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from comments import incorporation
from feedback.links import check_links
from feedback.models import LinkCheck, StudySuggestion, Usefulness
from tests.factories import (
    CommentFactory,
    DossierFactory,
    EditorFactory,
    ReferenceFactory,
    publish,
)

pytestmark = pytest.mark.django_db


class Handler(BaseHTTPRequestHandler):
    """/ok answers, /weg is gone, /alleen-get refuses HEAD, /traag is slow."""

    seen: list = []

    def _answer(self, with_body: bool):
        Handler.seen.append((self.command, self.path, self.headers["User-Agent"]))
        if self.path == "/traag":
            threading.Event().wait(2)
        if self.path == "/alleen-get" and self.command == "HEAD":
            code = 405
        else:
            code = {"/ok": 200, "/alleen-get": 200, "/traag": 200}.get(self.path, 404)
        self.send_response(code)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if with_body:
            self.wfile.write(b"ok")

    def do_HEAD(self):
        self._answer(False)

    def do_GET(self):
        self._answer(True)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.seen = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def dossier(server):
    dossier = DossierFactory(slug="wonen", title="Wat werkt bij wonen")
    for n, path in enumerate(["/ok", "/weg", "/alleen-get"], start=1):
        ReferenceFactory(dossier=dossier, title=f"Bron {n}", url=server + path)
    publish(dossier, note="Literatuur aangevuld.")
    return dossier


def test_the_packet_counts_what_readers_said_since_the_version(dossier, server):
    editor = EditorFactory()
    version = dossier.versions.current().first()
    # Before the version: not in the packet (but a relevant reaction stays
    # until a version takes it in).
    before = version.published_at - timezone.timedelta(days=1)
    old = CommentFactory(item=dossier, text="Oude reactie")
    type(old).objects.filter(pk=old.pk).update(created_at=before)
    incorporation.mark_relevant(comment=old, moderator=editor)
    Usefulness.objects.create(dossier=dossier, useful=False, created_at=before)
    StudySuggestion.objects.create(
        dossier=dossier, reference="Oude studie", created_at=before
    )
    # Since the version.
    relevant = CommentFactory(item=dossier, text="Er is een nieuwe richtlijn.")
    incorporation.mark_relevant(comment=relevant, moderator=editor)
    CommentFactory(item=dossier, text="Gewoon een reactie.")
    for useful, remark in [(True, ""), (True, ""), (False, "Te weinig cijfers.")]:
        Usefulness.objects.create(dossier=dossier, useful=useful, remark=remark)
    StudySuggestion.objects.create(
        dossier=dossier, reference="Nieuwe studie (2026)", doi="10.1234/abc"
    )
    call_command(
        "check_literature_links", "--timeout", "2", "--delay", "0", verbosity=0
    )

    client = Client()
    client.force_login(editor)
    response = client.get("/redactie/herzieningspakket/wonen/")
    assert response.status_code == 200
    text = " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())
    assert "2 reacties relevant voor de herziening" in text
    assert "Er is een nieuwe richtlijn." in text
    assert "Oude reactie" in text
    assert "2 gepubliceerde reacties sinds de versie." in text
    assert "1 gemeld onderzoek" in text
    assert "Nieuwe studie (2026)" in text
    assert "Oude studie" not in text
    assert "Ja: 2. Nee: 1." in text
    assert "Te weinig cijfers." in text
    assert "1 literatuurlink werkt niet meer" in text
    assert f"{server}/weg : HTTP 404" in text
    assert "/alleen-get" not in text  # answered GET after refusing HEAD


def test_the_packet_is_for_editors_only(dossier):
    response = Client().get("/redactie/herzieningspakket/wonen/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_check_is_polite_and_gives_up_on_a_slow_server(server):
    waits = []
    urls = [f"{server}/ok", f"{server}/weg", f"{server}/traag"]
    counts = check_links(urls, timeout=0.5, delay=5, sleep=waits.append)
    assert counts == {"checked": 3, "not answering": 2}
    # One host: a pause before every request after the first.
    assert len(waits) == 2
    assert all(0 < wait <= 5 for wait in waits)
    slow = LinkCheck.objects.get(url=f"{server}/traag")
    assert slow.status is None
    assert "timed out" in slow.error
    assert all("literatuurcontrole" in agent for _m, _p, agent in Handler.seen)


def test_the_weekly_review_digest_links_to_the_packet(
    dossier, mailoutbox, settings, django_capture_on_commit_callbacks
):
    from authors.models import Author
    from dossiers.models import DossierContact

    person = Author.objects.create(
        name="Marieke", slug="marieke", email="marieke@example.nl"
    )
    DossierContact.objects.create(dossier=dossier, author=person)
    type(dossier).objects.filter(pk=dossier.pk).update(
        review_by=timezone.localdate() - timezone.timedelta(days=3)
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_review_digest", verbosity=0)
    (mail,) = [m for m in mailoutbox if "marieke@example.nl" in m.to]
    assert f"{settings.SITE_URL}/redactie/herzieningspakket/wonen/" in mail.body
