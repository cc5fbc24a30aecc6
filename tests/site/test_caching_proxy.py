"""The caching proxy: Varnish with our VCL in front of a real gunicorn.

A module fixture starts gunicorn (production settings, one worker) on the
test database and Varnish (``deploy/varnish/default.vcl``, through
``scripts/cacheproxy.py``) in front of it. The test process sends its purges
to that Varnish (``CACHE_PROXY_URLS``), as every app server does. gunicorn's
access log tells what reached the app.

Every test makes its own items, so their pages and keys are its own; list
pages are shared and only looked at in a test's own before and after.
"""

import os
import re
import signal
import time
import urllib.error
import urllib.request
from datetime import timedelta
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from comments import services
from comments.models import CommentStatus
from dossiers.services import publish_dossier
from purges.models import Purge
from purges.queue import deliver
from scripts.cacheproxy import caching_proxy, free_port
from scripts.forms import form_data
from scripts.prodserver import production_server
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CommentFactory,
    DossierFactory,
    StaffUserFactory,
    ThemeFactory,
)
from tests.site.test_two_servers import _url_for

pytestmark = pytest.mark.django_db(transaction=True)


class Site:
    def __init__(self, proxy, app, access_log: Path):
        self.proxy = proxy
        self.app = app
        self.access_log = access_log

    def get(self, path: str, *, cookie: str = "", method: str = "GET"):
        request = urllib.request.Request(  # noqa: S310 (our own http://127.0.0.1)
            self.proxy.url + path,
            method=method,
            headers={"Cookie": cookie} if cookie else {},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def app_saw(self, path: str) -> int:
        """How many requests for exactly ``path`` reached gunicorn."""
        time.sleep(0.5)  # gunicorn logs a request after answering it
        pattern = re.compile(rf'"(GET|HEAD|POST) {re.escape(path)} HTTP')
        return sum(
            1
            for line in self.access_log.read_text().splitlines()
            if pattern.search(line)
        )

    def hit(self, path: str) -> bool:
        return self.get(path)[1]["X-Cache"] == "HIT"


@pytest.fixture(scope="module")
def proxied(
    embedded_database_url, django_db_setup, django_db_blocker, tmp_path_factory
):
    from django.conf import settings
    from django.db import connection

    proxy_port, app_port = free_port(), free_port()
    access_log = tmp_path_factory.mktemp("proxy") / "access.log"
    env = {
        "CACHE_PROXY_URLS": f"http://127.0.0.1:{proxy_port}",
        # Sessions made by the test process (an editor's) are valid there.
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
    }
    with (
        production_server(
            _url_for(connection.settings_dict),
            port=app_port,
            workers=1,
            extra_env=env,
            access_log=access_log,
        ) as app,
        caching_proxy(app_port, port=proxy_port) as proxy,
    ):
        yield Site(proxy, app, access_log)


@pytest.fixture
def site(proxied, settings):
    settings.CACHE_PROXY_URLS = [proxied.proxy.url]
    settings.CACHE_PURGE_TIMEOUT = 2
    settings.CACHE_PURGE_REPEAT_SECONDS = 0  # the second purge is tested on its own
    return proxied


def make_superuser():
    # Not EditorFactory: these tests flush the database (transaction=True),
    # and with it the Redactie group its migration made.
    return StaffUserFactory(is_superuser=True)


def warm(site, *paths):
    for path in paths:
        site.get(path)
        assert site.hit(path), path


# --- What is stored -------------------------------------------------------


def test_a_second_get_is_a_hit_and_the_app_saw_one_request(site):
    path = ArticleFactory(title="Eén keer gemaakt").get_absolute_url()

    first = site.get(path)
    second = site.get(path)

    assert first[0] == second[0] == 200
    assert first[1]["X-Cache"] == "MISS"
    assert second[1]["X-Cache"] == "HIT"
    assert "Eén keer gemaakt" in second[2]
    assert site.app_saw(path) == 1
    # The keys and the proxy's own TTL stay between app and proxy; browsers
    # keep the page for minutes, not the proxy's day.
    assert "xkey" not in second[1]
    assert "Surrogate-Control" not in second[1]
    assert "max-age=300" in second[1]["Cache-Control"]


def test_query_strings_the_site_does_not_read_make_no_new_copy(site):
    path = ArticleFactory().get_absolute_url()
    site.get(path)

    for junk in ("?utm_source=nieuwsbrief", "?fbclid=abc&utm_medium=mail", "?"):
        assert site.hit(path + junk), junk
    assert site.app_saw(path) == 1
    # A parameter the site reads is a page of its own.
    site.get(path + "?page=2&utm_source=x")
    assert site.hit(path + "?utm_campaign=y&page=2")
    assert site.app_saw(path + "?page=2") == 1


def test_staff_are_never_served_from_or_into_the_cache(site, client):
    draft = ArticleFactory(status="draft", title="Nog geheim concept")
    client.force_login(make_superuser())
    staff = f"sessionid={client.cookies['sessionid'].value}"
    path = draft.get_absolute_url()

    seen = [site.get(path, cookie=staff) for _ in range(2)]

    assert [s[0] for s in seen] == [200, 200]
    assert "Nog geheim concept" in seen[1][2]
    assert all(s[1]["X-Cache"] == "MISS" for s in seen)
    assert "private" in seen[1][1]["Cache-Control"]
    assert site.app_saw(path) == 2
    status, _headers, body = site.get(path)  # a reader, right after
    assert status == 404
    assert "Nog geheim concept" not in body


def test_a_preview_is_never_stored(site, client):
    dossier = DossierFactory(title="Dossier met voorbeeld")
    client.force_login(make_superuser())
    staff = f"sessionid={client.cookies['sessionid'].value}"
    path = f"{dossier.get_absolute_url()}voorbeeld/"

    assert site.get(path, cookie=staff)[0] == 200
    assert site.get(path, cookie=staff)[1]["X-Cache"] == "MISS"
    assert site.get(path)[0] == 404  # readers: nothing, and nothing stored
    assert site.app_saw(path) == 3


def test_the_reaction_form_and_posts_are_never_stored(site):
    article = ArticleFactory(reactions="open")
    path = f"/reacties/artikel/{article.pk}/formulier/"

    first, second = site.get(path), site.get(path)

    assert first[0] == second[0] == 200
    assert second[1]["X-Cache"] == "MISS"
    assert first[1]["Set-Cookie"]  # the CSRF token: this visitor's alone
    assert site.app_saw(path) == 2
    reply = f"/reacties/artikel/{article.pk}/reageer/"
    site.get(reply, method="POST")
    site.get(reply, method="POST")
    assert site.app_saw(reply) == 2


def test_a_purge_from_anywhere_else_is_refused(site):
    article = ArticleFactory(title="Blijft staan")
    path = article.get_absolute_url()
    warm(site, path)
    port = urlsplit(site.proxy.url).port

    # Another machine (any loopback address but the app servers').
    outsider = HTTPConnection("127.0.0.1", port, source_address=("127.0.0.3", 0))
    outsider.request("PURGE", "/", headers={"xkey-purge": f"article-{article.pk}"})
    refused = outsider.getresponse()

    assert refused.status == 403
    assert site.hit(path)


# --- Changes purge their pages, and only those ----------------------------


def test_approving_a_reaction_shows_it_at_once_and_leaves_other_pages(site):
    article, other = ArticleFactory(reactions="open"), ArticleFactory()
    waiting = CommentFactory(
        item=article, text="Een wachtende vraag", status=CommentStatus.PENDING
    )
    warm(site, article.get_absolute_url(), other.get_absolute_url(), "/artikelen/")
    assert "Een wachtende vraag" not in site.get(article.get_absolute_url())[2]

    services.approve(comment=waiting, moderator=make_superuser())

    _status, headers, body = site.get(article.get_absolute_url())
    assert headers["X-Cache"] == "MISS"
    assert "Een wachtende vraag" in body
    assert site.hit(other.get_absolute_url())
    assert not Purge.objects.unsent().exists()


@pytest.mark.parametrize(
    "change",
    ["withdraw", "edit", "writer_withdraws", "redact"],
)
def test_each_change_to_a_reaction_purges_its_page(site, change):
    article, other = ArticleFactory(reactions="open"), ArticleFactory()
    shown = CommentFactory(item=article, text="De oorspronkelijke tekst")
    editor = make_superuser()
    warm(site, article.get_absolute_url(), other.get_absolute_url())

    if change == "withdraw":
        services.withdraw(comment=shown, moderator=editor)
    elif change == "edit":
        shown.pending_text = "De verbeterde tekst"
        shown.save(update_fields=["pending_text"])
        services.approve_edit(comment=shown, moderator=editor)
    elif change == "writer_withdraws":
        shown.created_at = timezone.now()
        shown.save(update_fields=["created_at"])
        services.withdraw_own(comment=shown)
    else:
        services.redact(
            comment=shown,
            moderator=editor,
            text="De ingekorte tekst",
            seen=services.state_token(shown),
        )

    body = site.get(article.get_absolute_url())[2]
    assert "De oorspronkelijke tekst" not in body
    assert site.hit(other.get_absolute_url())


def _admin_save(client, url: str, form_id: str, **changes):
    data = form_data(client.get(url).content.decode(), form_id)
    data.update({name: [value] for name, value in changes.items()})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]


@pytest.fixture
def editor_client(client):
    client.force_login(make_superuser())
    return client


def test_editing_an_author_purges_the_pages_that_credit_them(site, editor_client):
    author = AuthorFactory(name="Anna de Vries")
    credited = ArticleFactory(authors=[author])
    other = ArticleFactory()
    warm(site, credited.get_absolute_url(), other.get_absolute_url())

    _admin_save(
        editor_client,
        f"/admin/authors/author/{author.pk}/change/",
        "author_form",
        name="Anna de Vries-Jansen",
    )

    assert "Anna de Vries-Jansen" in site.get(credited.get_absolute_url())[2]
    assert site.hit(other.get_absolute_url())


def test_renaming_a_theme_purges_its_pages(site, editor_client):
    theme = ThemeFactory(name="Armoede", slug="armoede-proxy")
    tagged = ArticleFactory(themes=[theme])
    other = ArticleFactory()
    warm(site, tagged.get_absolute_url(), theme.get_absolute_url())
    warm(site, other.get_absolute_url())

    _admin_save(
        editor_client,
        f"/admin/dossiers/theme/{theme.pk}/change/",
        "theme_form",
        name="Armoede en schulden",
    )

    assert "Armoede en schulden" in site.get(tagged.get_absolute_url())[2]
    assert "Armoede en schulden" in site.get(theme.get_absolute_url())[2]
    assert site.hit(other.get_absolute_url())


def test_editing_an_article_purges_its_page_and_the_lists(site, editor_client):
    article = ArticleFactory(title="Oude kop")
    warm(site, article.get_absolute_url(), "/artikelen/")

    _admin_save(
        editor_client,
        f"/admin/articles/article/{article.pk}/change/",
        "article_form",
        title="Nieuwe kop",
    )

    assert "Nieuwe kop" in site.get(article.get_absolute_url())[2]
    assert "Nieuwe kop" in site.get("/artikelen/")[2]


def test_publishing_a_version_purges_the_dossier(site):
    dossier = DossierFactory(title="Eerste titel")
    other = DossierFactory()
    warm(site, dossier.get_absolute_url(), other.get_absolute_url(), "/dossiers/")

    dossier.title = "Tweede titel"
    dossier.save()
    assert site.hit(dossier.get_absolute_url())  # a draft: readers see no change
    publish_dossier(dossier=dossier, note="Nieuwe titel.")

    assert "Tweede titel" in site.get(dossier.get_absolute_url())[2]
    assert "Tweede titel" in site.get("/dossiers/")[2]
    assert site.hit(other.get_absolute_url())


def test_a_scheduled_article_appears_in_the_list_when_its_moment_comes(
    site, editor_client
):
    article = ArticleFactory(status="draft", title="Gepland voor straks")
    warm(site, "/artikelen/")
    moment = timezone.localtime() + timedelta(seconds=3)
    _admin_save(
        editor_client,
        f"/admin/articles/article/{article.pk}/change/",
        "article_form",
        status="published",
        published_at_0=moment.strftime("%d-%m-%Y"),
        published_at_1=moment.strftime("%H:%M:%S"),
    )
    assert "Gepland voor straks" not in site.get("/artikelen/")[2]
    warm(site, "/artikelen/")

    time.sleep(max((moment - timezone.now()).total_seconds(), 0) + 1)
    deliver()  # what send_purges does every few seconds

    assert "Gepland voor straks" in site.get("/artikelen/")[2]


def test_every_change_is_purged_again_a_few_seconds_later(site, settings):
    """The second purge (purges/queue.py): a reader's request that read the
    thread before the change and stored its page after the first purge is
    caught by it. (Forcing that interleaving needs a render held between its
    read and its answer; this checks the second purge is queued, waits its
    moment and then empties the cache of the page.)"""
    settings.CACHE_PURGE_REPEAT_SECONDS = 2
    article = ArticleFactory(reactions="open")
    waiting = CommentFactory(
        item=article, text="Laat binnengekomen", status=CommentStatus.PENDING
    )
    path = article.get_absolute_url()

    services.approve(comment=waiting, moderator=make_superuser())
    assert "Laat binnengekomen" in site.get(path)[2]
    again = Purge.objects.unsent().get()
    assert again.not_before > timezone.now()
    assert deliver() == {"sent": 0, "failed": 0}  # not yet

    time.sleep(max((again.not_before - timezone.now()).total_seconds(), 0) + 0.2)
    assert site.hit(path)
    assert deliver() == {"sent": 1, "failed": 0}
    assert site.get(path)[1]["X-Cache"] == "MISS"


# --- A proxy that is down -------------------------------------------------


def test_purges_sent_while_the_proxy_was_down_arrive_later(site, settings):
    settings.CACHE_PURGE_TIMEOUT = 0.5
    editor = make_superuser()
    article = ArticleFactory(reactions="open")
    waiting = CommentFactory(
        item=article, text="Tijdens de storing", status=CommentStatus.PENDING
    )
    path = article.get_absolute_url()
    warm(site, path)
    workers = site.proxy.worker_pids()

    for pid in workers:  # hangs: no answer, like an unreachable host
        os.kill(pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        assert services.approve(comment=waiting, moderator=editor)
        assert time.monotonic() - started < 5  # the change waits the timeout, no more
    finally:
        for pid in workers:
            os.kill(pid, signal.SIGCONT)
    # The change is made; the purge waits for its retry.
    failed = Purge.objects.unsent().get()
    assert failed.attempts == 1
    assert failed.last_error

    assert deliver() == {"sent": 1, "failed": 0}
    assert "Tijdens de storing" in site.get(path)[2]


def test_a_proxy_restart_loses_nothing_that_matters(site):
    editor = make_superuser()
    article = ArticleFactory(title="Na de herstart", reactions="open")
    waiting = CommentFactory(
        item=article, text="Goedgekeurd in de pauze", status=CommentStatus.PENDING
    )
    path = article.get_absolute_url()
    warm(site, path)

    site.proxy.stop()
    services.approve(comment=waiting, moderator=editor)  # its purge: refused
    site.proxy.start()  # its memory is empty: every page comes fresh
    status, headers, body = site.get(path)

    assert status == 200
    assert headers["X-Cache"] == "MISS"
    assert "Goedgekeurd in de pauze" in body
    assert site.hit(path)
    assert deliver() == {"sent": 1, "failed": 0}  # the queue catches up harmlessly
