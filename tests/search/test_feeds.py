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
        ("feeds:articles", "atom10", "application/atom+xml"),
        ("feeds:articles-rss", "rss20", "application/rss+xml"),
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
        client, reverse("feeds:theme", args=["armoede"]), "application/atom+xml"
    )
    assert [e.title for e in theme_feed.entries] == ["In thema"]
    dossier_feed = parse(
        client,
        reverse("feeds:dossier-rss", args=["wat-werkt-bij-armoede"]),
        "application/rss+xml",
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
    feed = parse(client, reverse("feeds:revisions"), "application/atom+xml")
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
    parse(client, reverse("feeds:revisions-rss"), "application/rss+xml")


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
