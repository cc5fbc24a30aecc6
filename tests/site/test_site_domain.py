"""Feeds and sitemaps take the domain from django.contrib.sites' row, which
every ``migrate`` sets to SITE_URL's host (movisie_site/apps.py)."""

import pytest
from django.contrib.sites.models import Site
from django.core.management import call_command

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_migrate_gives_feeds_the_current_site_address(client, settings):
    ArticleFactory(title="Samen sterker in de wijk", slug="samen-sterker")
    settings.SITE_URL = "http://127.0.0.1:8123"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]

    call_command("migrate", verbosity=0)
    Site.objects.clear_cache()

    assert Site.objects.get_current().domain == "127.0.0.1:8123"
    feed = client.get("/feeds/artikelen/").content.decode()
    assert "http://127.0.0.1:8123/artikelen/samen-sterker/" in feed
    assert "www.example.nl" not in feed
