"""Article and dossier pages can be cached by browsers and proxies.

A reader's GET writes nothing, sets no cookie, carries a public
Cache-Control and answers a conditional GET with 304. Staff previews are
private and never stored.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticleFactory, DossierFactory, EditorFactory

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture(params=["article", "dossier", "article-index", "dossier-index", "home"])
def url(request):
    dossier = DossierFactory()
    article = ArticleFactory(dossiers=[dossier])
    return {
        "article": article.get_absolute_url(),
        "dossier": dossier.get_absolute_url(),
        "article-index": "/artikelen/",
        "dossier-index": "/dossiers/",
        "home": "/",
    }[request.param]


def test_a_readers_visit_writes_nothing_and_sets_no_cookie(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    statements = [q["sql"].lstrip().upper() for q in queries]
    assert not [s for s in statements if s.startswith(WRITES)]
    assert not [s for s in statements if "DJANGO_SESSION" in s]
    assert "Set-Cookie" not in response.headers
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_readers_get_a_public_cache_control_and_an_etag(client, url):
    response = client.get(url)
    cache_control = response.headers["Cache-Control"]
    assert "public" in cache_control
    assert "max-age=300" in cache_control
    assert "private" not in cache_control
    assert "Cookie" in response.headers["Vary"]
    assert response.headers["ETag"]


def test_a_conditional_get_is_answered_with_304(client, url):
    etag = client.get(url).headers["ETag"]
    response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""


def test_a_changed_page_is_sent_again(client):
    article = ArticleFactory(title="Eerste titel")
    etag = client.get(article.get_absolute_url()).headers["ETag"]
    article.title = "Verbeterde titel"
    article.save()
    response = client.get(article.get_absolute_url(), headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert "Verbeterde titel" in response.content.decode()


def test_staff_pages_are_private_and_not_stored(client, url):
    client.force_login(EditorFactory())
    response = client.get(url)
    cache_control = response.headers["Cache-Control"]
    assert "private" in cache_control
    assert "no-store" in cache_control
    assert "public" not in cache_control
    assert "ETag" not in response.headers
