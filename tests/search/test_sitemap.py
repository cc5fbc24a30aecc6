import datetime as dt
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import ArticleFactory, DossierFactory, ThemeFactory, publish

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_entries(client):
    response = client.get(reverse("sitemap"))
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 -- our own sitemap
    return {
        url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
        for url in root.findall("s:url", NS)
    }


def test_sitemap_lists_published_content_with_lastmod(client):
    theme = ThemeFactory(slug="armoede")
    only_dossiers = ThemeFactory(slug="schulden")
    ThemeFactory(slug="leeg")  # nothing published on it yet
    article = ArticleFactory(themes=[theme])
    dossier = DossierFactory(
        published_at=timezone.now() - dt.timedelta(days=30),
        themes=[theme, only_dossiers],
    )
    version = publish(dossier, at=timezone.now() - dt.timedelta(days=2))
    dossier.summary = "Een concept dat nog niet gepubliceerd is."
    dossier.save()  # a saved draft changes nothing for the sitemap
    draft = ArticleFactory(draft=True)
    scheduled = DossierFactory(scheduled=True)
    entries = sitemap_entries(client)
    # The site's own domain (SITE_URL, in the sites framework's row), whatever
    # host the request came in on.
    base = "http://" + urlsplit(settings.SITE_URL).netloc
    assert entries[base + article.get_absolute_url()] == (
        timezone.localdate(article.updated_at).isoformat()
    )
    # The latest version's date, not the last save of the draft.
    assert entries[base + dossier.get_absolute_url()] == (
        timezone.localdate(version.published_at).isoformat()
    )
    assert entries[base + theme.get_absolute_url()]
    assert entries[base + only_dossiers.get_absolute_url()] == (
        timezone.localdate(version.published_at).isoformat()
    )
    assert base + "/themas/leeg/" not in entries
    assert base + draft.get_absolute_url() not in entries
    assert base + scheduled.get_absolute_url() not in entries


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


def test_robots_txt_lets_the_search_page_be_crawled_but_not_its_results(client):
    """The search page itself is a page for search engines (issue 24: it
    scored SEO 69 because robots.txt shut out all of /zoeken/); its results
    are not: prefix matching keeps every /zoeken/?… address out."""
    lines = client.get("/robots.txt").content.decode().splitlines()
    disallowed = [
        line.split(":", 1)[1].strip() for line in lines if line.startswith("Disallow:")
    ]
    assert not any("/zoeken/".startswith(prefix) for prefix in disallowed)
    assert any("/zoeken/?q=mensen".startswith(prefix) for prefix in disallowed)
