"""Atom and RSS feeds: valid, and holding what a feed reader should see."""

import datetime as dt
from urllib.parse import urlsplit

import feedparser
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    ArticleFactory,
    DossierFactory,
    ThemeFactory,
    publish,
)

pytestmark = pytest.mark.django_db


def parse(client, url, content_type):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize(
    ("name", "version", "content_type"),
    [
        ("feeds:articles", "atom10", "application/xml"),
        ("feeds:articles-rss", "rss20", "application/xml"),
    ],
)
def test_article_feed_lists_published_articles_newest_first(
    client, name, version, content_type
):
    theme = ThemeFactory(name="Armoede")
    now = timezone.now()
    ArticleFactory(title="Oud", published_at=now - dt.timedelta(days=3))
    ArticleFactory(
        title="Nieuw <en> & zo",
        lead="Een lead.",
        published_at=now - dt.timedelta(days=1),
        themes=[theme],
    )
    ArticleFactory(title="Concept", draft=True)
    ArticleFactory(title="Gepland", scheduled=True)
    feed = parse(client, reverse(name), content_type)
    assert feed.version == version
    assert [e.title for e in feed.entries] == ["Nieuw <en> & zo", "Oud"]
    first = feed.entries[0]
    # Feeds link to the site's own domain (SITE_URL), not the request's host.
    assert first.link.startswith(
        "http://" + urlsplit(settings.SITE_URL).netloc + "/artikelen/"
    )
    assert first.summary == "Een lead."
    assert [t.term for t in first.tags] == ["Armoede"]


def test_theme_and_dossier_feeds_hold_only_their_articles(client):
    theme = ThemeFactory(slug="armoede")
    dossier = DossierFactory(slug="wat-werkt-bij-armoede")
    ArticleFactory(title="In thema", themes=[theme])
    ArticleFactory(title="In dossier", dossiers=[dossier])
    ArticleFactory(title="Elders")
    theme_feed = parse(
        client, reverse("feeds:theme", args=["armoede"]), "application/xml"
    )
    assert [e.title for e in theme_feed.entries] == ["In thema"]
    dossier_feed = parse(
        client,
        reverse("feeds:dossier-rss", args=["wat-werkt-bij-armoede"]),
        "application/xml",
    )
    assert [e.title for e in dossier_feed.entries] == ["In dossier"]


def test_feeds_of_unknown_or_draft_items_are_not_found(client):
    DossierFactory(slug="concept", draft=True)
    assert client.get(reverse("feeds:theme", args=["nee"])).status_code == 404
    assert client.get(reverse("feeds:dossier", args=["concept"])).status_code == 404


def test_revisions_feed_has_an_entry_per_version_with_its_note_and_diff(client):
    def moment(*day):
        return timezone.make_aware(dt.datetime(*day, 9))

    dossier = DossierFactory(
        title="Wat werkt bij armoede", published_at=moment(2020, 1, 6)
    )
    publish(dossier, note="Cijfers 2023.", at=moment(2024, 3, 1))
    publish(dossier, note="Nieuwe literatuur.", at=moment(2025, 5, 2))
    publish(dossier, note="Nog niet.", at=timezone.now() + dt.timedelta(days=3))
    draft = DossierFactory(draft=True)
    draft.summary = "Geheim."
    draft.save()
    feed = parse(client, reverse("feeds:revisions"), "application/xml")
    assert [e.summary for e in feed.entries] == [
        "Nieuwe literatuur.",
        "Cijfers 2023.",
        "Eerste versie.",
    ]
    assert feed.entries[0].title == "Wat werkt bij armoede bijgewerkt (versie 3)"
    assert feed.entries[2].title == "Wat werkt bij armoede gepubliceerd"
    assert feed.entries[0].updated.startswith("2025-05-02")
    assert len({e.id for e in feed.entries}) == 3
    # Each update links to what changed; the diff page exists.
    link = feed.entries[0].link
    assert link.endswith(f"/dossiers/{dossier.slug}/versies/2...3/")
    page = client.get(link.removeprefix("http://testserver"))
    assert page.status_code == 200
    assert "Nieuwe literatuur." in page.content.decode()
    parse(client, reverse("feeds:revisions-rss"), "application/xml")


def test_pages_link_to_their_feeds(client):
    theme = ThemeFactory(slug="armoede")
    dossier = DossierFactory(slug="wat-werkt-bij-armoede", themes=[theme])
    for url, feed in [
        ("/", reverse("feeds:articles")),
        (reverse("articles:index"), reverse("feeds:articles")),
        (theme.get_absolute_url(), reverse("feeds:theme", args=["armoede"])),
        (dossier.get_absolute_url(), reverse("feeds:dossier", args=[dossier.slug])),
        (dossier.get_absolute_url(), reverse("feeds:revisions")),
    ]:
        html = client.get(url).content.decode()
        assert f'<link rel="alternate" type="application/atom+xml" href="{feed}"' in (
            html
        ), url


@pytest.mark.parametrize(
    "name", ["feeds:articles", "feeds:articles-rss", "feeds:revisions-rss"]
)
def test_feeds_carry_the_stylesheet_that_makes_them_a_page(client, name):
    """The processing instruction before the root element, pointing at the
    stylesheet on our own origin; served as XML so browsers apply it."""
    response = client.get(reverse(name))
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    head = response.content.decode().split("<feed", 1)[0].split("<rss", 1)[0]
    assert '<?xml-stylesheet href="/feeds/opmaak.xsl"' in head
    assert 'type="text/xsl"' in head
    stylesheet = client.get("/feeds/opmaak.xsl")
    assert stylesheet.status_code == 200
    assert stylesheet["Content-Type"] == "text/xsl; charset=utf-8"
    assert "Wat is een feed?" in stylesheet.content.decode()


def test_a_dossier_has_a_feed_of_its_versions(client):
    dossier = DossierFactory(title="Wat werkt bij armoede", slug="armoede")
    dossier.summary = "Nieuw."
    dossier.save()
    publish(dossier, note="Samenvatting herschreven.")
    DossierFactory(title="Een ander dossier")
    feed = parse(client, "/feeds/dossiers/armoede/versies/", "application/xml")
    assert [e.summary for e in feed.entries] == [
        "Samenvatting herschreven.",
        "Eerste versie.",
    ]
    assert feed.entries[0].link.endswith("/dossiers/armoede/versies/1...2/")
    page = client.get("/dossiers/armoede/").content.decode()
    assert 'href="/feeds/dossiers/armoede/versies/">' in page
    assert "Updates van dit dossier (RSS)" in page


def test_theme_and_list_pages_show_a_feed_link(client):
    theme = ThemeFactory(name="Armoede", slug="armoede")
    ArticleFactory(themes=[theme])
    for path, feed in (
        ("/themas/armoede/", "/feeds/themas/armoede/"),
        ("/artikelen/", "/feeds/artikelen/"),
        ("/artikelen/?thema=armoede", "/feeds/themas/armoede/"),
        ("/dossiers/", "/feeds/bijgewerkt/"),
    ):
        page = client.get(path).content.decode()
        assert f'<p class="feed-link"><a href="{feed}">' in page, path
